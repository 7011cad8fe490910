"""Harper (through ``harper-py``): offline grammar and spelling.

Harper is native code that can abort the whole process on hostile input, so
it runs in a worker process (``editor.checkers.worker``): ``HarperEngine`` is
the parent's side, and ``handle`` serves its requests in the child. A crash
there is an ``EngineCrashed`` for the document being checked, and the next
document gets a fresh worker. The worker starts when the engine is built, so
Harper's load (about a second, its curated dictionary) overlaps the house
rules. One worker serves every ``HarperEngine`` of the process, set up anew
when the next engine's settings differ.

Harper's spans are code-point indices into the ``str`` it was given, so they
are already our offsets.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.metadata
import json
import os
from typing import TYPE_CHECKING, Any

from editor.checkers.base import EngineStatus
from editor.checkers.limits import LIMITS, Limits
from editor.checkers.prose import Finding
from editor.checkers.worker import shared
from editor.errors import ConfigError, EngineError
from editor.model import Severity

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from editor.config import HarperSettings

__all__ = [
    "ADVICE_ONLY_RULES",
    "DEFAULT_RULES",
    "REQUEST_TIMEOUT",
    "HarperEngine",
    "build",
    "handle",
    "keep_worker",
    "probe",
]

NAME = "harper"

#: Seconds the worker gets to answer one request (its start, or a batch of
#: paragraphs within the limits) before it is taken for hung and killed. A
#: batch takes well under a second; the margin is for a loaded machine.
REQUEST_TIMEOUT = 120.0

#: The dialect of an engine built with none (``editor.dialect`` decides per
#: document when copydesk runs it).
DEFAULT_DIALECT = "en-US"

#: Harper's dialects by our config's names.
_DIALECTS = {"en-US": "AMERICAN", "en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN"}

#: Harper rules copydesk turns off by default; ``[harper] rules`` in the config
#: turns any back on. Chosen from measurements on two learner-English dev sets
#: (BEA-2019 dev and JFLEG dev, the default engines, every first fix applied
#: and matched against annotators' edits; benchmarks/quality.py): a rule that
#: fired at least five times and was right less often than wrong. Right fixes /
#: fixes on BEA, then JFLEG:
DEFAULT_RULES: dict[str, bool] = {
    # Correctness rules under the precision floor.
    "CompoundNouns": False,  # 4/24, 3/6: joins words that are not a compound
    "SplitWords": False,  # 0/13, 0/0: splits words that are one
    "MassNouns": False,  # 2/11, 3/6
    "MissingTo": False,  # 3/7, 0/7
    "OrthographicConsistency": False,  # 0/5, 0/0
    # Style rules that are almost never right: they only cost trust.
    "OxfordComma": False,  # 0/93, 4/6: turns "..., he or she" into "he, or she"
    "UseEllipsisCharacter": False,  # 0/28, 0/4: "..." is fine in most house styles
    "AvoidAndAlso": False,  # 1/20, 1/3
    "Excellent": False,  # 0/13, 1/5
}

#: Harper rules whose findings copydesk reports without a fix: they point at a
#: real error far more often than their first fix mends it (measured as for
#: ``DEFAULT_RULES``, with Harper alone as well: it is the offline default, and
#: a rule LanguageTool overrules in the merge may still be right alone, as
#: SentenceCapitalization is, 96 times in 157). The message says what is
#: wrong; the editor writes the fix.
ADVICE_ONLY_RULES: frozenset[str] = frozenset(
    {
        "ThereToTheir",  # 0/3, 1/2
        "TheyToThem",  # 1/3, 1/2
    }
)


def _advice_only(rule: str, flagged: str, replacements: Sequence[str]) -> bool:
    if rule in ADVICE_ONLY_RULES:
        return True
    # "he enter": a base verb after he, she or it is as often a tense error
    # ("entered") as an agreement one ("enters"); the "-s" fix was right 3 times
    # in 18 on BEA dev. "I has" → "have" has no such doubt and keeps its fix.
    first = replacements[0].lower() if replacements else ""
    base = flagged.lower()
    return rule == "PronounVerbAgreement" and first in (base + "s", base + "es")


#: Harper's lint kind → (our category, see ``editor.categories``; severity).
_KINDS: dict[str, tuple[str, Severity]] = {
    "Spelling": ("spelling", Severity.ERROR),
    "Typo": ("typo", Severity.ERROR),
    "Grammar": ("grammar", Severity.ERROR),
    "Agreement": ("agreement", Severity.ERROR),
    "BoundaryError": ("grammar", Severity.ERROR),
    "Miscellaneous": ("grammar", Severity.WARNING),
    "Eggcorn": ("usage", Severity.WARNING),
    "Malapropism": ("usage", Severity.WARNING),
    "WordChoice": ("usage", Severity.WARNING),
    "Usage": ("usage", Severity.WARNING),
    "Nonstandard": ("usage", Severity.WARNING),
    "Capitalization": ("capitalization", Severity.WARNING),
    "Punctuation": ("punctuation", Severity.WARNING),
    "Formatting": ("typography", Severity.WARNING),
    "Repetition": ("typo", Severity.WARNING),
    "Redundancy": ("redundancy", Severity.SUGGESTION),
    "Readability": ("readability", Severity.SUGGESTION),
    "Style": ("style", Severity.SUGGESTION),
    "Enhancement": ("style", Severity.SUGGESTION),
    "Regionalism": ("regionalism", Severity.SUGGESTION),
}
_DEFAULT_KIND = ("usage", Severity.WARNING)

#: In the worker: the linter per dialect (building one is the expensive part),
#: and the rules and words of the last ``configure``, for every linter.
_LINTERS: dict[str, Any] = {}
_CONFIGURED: dict[str, Any] = {}

#: In the parent: the worker every engine of the process uses.
_WORKER = shared(NAME)
atexit.register(_WORKER.stop)
# A forked copy (``--jobs``) starts a worker of its own; the parent's stays the parent's.
os.register_at_fork(after_in_child=_WORKER.forget)
_KEEP = [False]


def keep_worker(keep: bool = True) -> bool:
    """Keep the worker between engines: ``close`` then leaves it running, idle,
    for the next engine built, and it is stopped at exit. For a host that
    builds engines again and again in one process (an editor integration, the
    test suite), which would otherwise pay Harper's load every time. Returns
    the previous setting."""
    previous, _KEEP[0] = _KEEP[0], keep
    return previous


def _version() -> str | None:
    try:
        return importlib.metadata.version("harper-py")
    except importlib.metadata.PackageNotFoundError:
        return None


def probe() -> EngineStatus:
    version = _version()
    if version is None:
        return EngineStatus(
            NAME, False, None, "not available: harper-py is not installed (pip install harper-py)"
        )
    return EngineStatus(NAME, True, version, "offline, in a worker process")


def build(
    settings: HarperSettings, words: Sequence[str] = (), *, start: bool = True
) -> HarperEngine:
    """The engine; with ``start``, its worker starts loading Harper at once."""
    if _version() is None:
        raise EngineError(NAME, "harper-py is not installed (pip install harper-py)")
    return HarperEngine(settings, words, start=start)


class HarperEngine:
    name = NAME
    #: Seconds per request to the worker (see ``REQUEST_TIMEOUT``).
    timeout = REQUEST_TIMEOUT
    #: What ``ProseChecker`` sends Harper at most (the measurements are in ``limits``).
    limits: Limits = LIMITS
    #: Characters of consecutive paragraphs ``ProseChecker`` joins into one
    #: text (and caches as one): Harper's cost per call is such that a
    #: document of short paragraphs is linted 1.5 times as fast this way.
    joins = 4000

    def __init__(
        self, settings: HarperSettings, words: Sequence[str] = (), *, start: bool = True
    ) -> None:
        self.settings = settings
        self.words = sorted(set(words))
        self.rules = {**DEFAULT_RULES, **settings.rules}
        self.checks_spelling = self.rules.get("SpellCheck", True)
        if start:
            self.start()

    def start(self) -> None:
        """Start loading Harper now, so the load overlaps other work. If the
        worker cannot start or dies at once, the first check tries again and
        reports it for its document."""
        with contextlib.suppress(EngineError):
            self._configure()

    def identity(self) -> str:
        return json.dumps(
            {
                "version": _version(),
                "rules": self.rules,
                "words": self.words,
            },
            sort_keys=True,
        )

    @property
    def worker_pid(self) -> int | None:
        """The worker process's id, while one runs."""
        return _WORKER.pid

    def _configure(self) -> None:
        """Set the worker up for this engine (starting it if need be), unless it
        already is; its reply is read with the next check's."""
        identity = self.identity()
        _WORKER.start()
        if _WORKER.tag != identity:
            # The linter of the configured dialect is loaded at once; another
            # is built when a document first needs it.
            dialect = self.settings.dialect or DEFAULT_DIALECT
            request = {
                "op": "configure",
                "dialect": dialect,
                "rules": self.rules,
                "words": self.words,
            }
            _WORKER.send(request, self.timeout)
            _WORKER.tag = identity

    def check_paragraphs(
        self, paragraphs: Sequence[str], dialect: str | None = None
    ) -> list[list[Finding]]:
        if not paragraphs:
            return []
        dialect = dialect or self.settings.dialect or DEFAULT_DIALECT
        if dialect not in _DIALECTS:
            raise ConfigError("dialect", f"Harper has no dialect {dialect!r}")
        self._configure()
        request = {"op": "check", "dialect": dialect, "paragraphs": list(paragraphs)}
        replies = _WORKER.exchange(request, self.timeout)
        for reply in replies:
            error = reply.get("error")
            if isinstance(error, dict):
                _WORKER.tag = None
                if error.get("kind") == "config":
                    raise ConfigError("harper.rules", str(error.get("reason")))
                raise EngineError(NAME, str(error.get("reason")))
        try:
            found = replies[-1]["findings"]
            return [[Finding.from_json(f) for f in per] for per in found]
        except (KeyError, TypeError, ValueError) as exc:
            raise EngineError(NAME, f"garbled reply from the worker: {exc!r}") from None

    def close(self) -> None:
        """Stops the worker (the next engine built starts another), unless
        ``keep_worker`` is on."""
        if not _KEEP[0]:
            _WORKER.stop()


# -- In the worker --------------------------------------------------------------


def warm_up() -> None:
    """Build the default dialect's linter as the worker starts, before the
    first request (most documents are checked in it)."""
    _linter(DEFAULT_DIALECT)


def handle(request: Mapping[str, Any]) -> dict[str, Any]:
    """One request from ``HarperEngine``, served in the worker process."""
    if request["op"] == "configure":
        return _configure(request["dialect"], request["rules"], request["words"])
    if request["op"] == "check":
        linter = _linter(request["dialect"])
        rules: Mapping[str, bool] = _CONFIGURED["rules"]
        return {
            "findings": [
                [f.to_json() for f in _lint(linter, text, rules)] for text in request["paragraphs"]
            ]
        }
    raise ValueError(f"unknown request {request['op']!r}")


def _linter(dialect: str) -> Any:
    """The worker's linter for a dialect, built on first use and set up as the
    last ``configure`` said."""
    if dialect not in _LINTERS:
        import harper

        linter = harper.Linter(harper.Dialect[_DIALECTS[dialect]])
        if _CONFIGURED:
            _apply(linter, _CONFIGURED["rules"], _CONFIGURED["words"])
        _LINTERS[dialect] = linter
    return _LINTERS[dialect]


def _configure(dialect: str, rules: Mapping[str, bool], words: Sequence[str]) -> dict[str, Any]:
    linter = _linter(dialect)
    unknown = sorted(set(rules) - set(linter.get_default_lint_config()))
    if unknown:
        reason = f"unknown Harper rule {unknown[0]!r} (see Harper's rule list)"
        return {"error": {"kind": "config", "reason": reason}}
    _CONFIGURED.update(rules=dict(rules), words=list(words))
    for each in _LINTERS.values():
        _apply(each, rules, words)
    return {"ok": True}


def _apply(linter: Any, rules: Mapping[str, bool], words: Sequence[str]) -> None:
    config: dict[str, bool | None] = dict.fromkeys(linter.get_default_lint_config())
    config.update(rules)
    linter.set_lint_config(config)
    linter.clear_words()
    if words:
        linter.import_words(list(words))


def _lint(linter: Any, text: str, rules: Mapping[str, bool]) -> list[Finding]:
    # One call per paragraph: Harper keeps some context across a text, and a
    # paragraph's findings must not depend on its neighbours, since they are
    # cached on its own text. Once Harper is warm this costs about the same as
    # one call on the joined text.
    organized: Mapping[str, Sequence[Any]] = linter.organized_lints(text, language="plaintext")
    return [
        _finding(rule, lint, text)
        for rule, lints in organized.items()
        for lint in lints
        if rules.get(rule, True)
    ]


def _finding(rule: str, lint: Any, text: str) -> Finding:
    import harper

    start, end = lint.span.start, lint.span.end
    flagged = text[start:end]
    replacements: list[str] = []
    for suggestion in lint.suggestions:
        if suggestion.kind == harper.SuggestionKind.REMOVE:
            replacement = ""
        elif suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
            replacement = flagged + suggestion.replacement_text
        else:
            replacement = suggestion.replacement_text
        if replacement not in replacements and replacement != flagged:
            replacements.append(replacement)
    category, severity = _KINDS.get(lint.lint_kind, _DEFAULT_KIND)
    if _advice_only(rule, flagged, replacements):
        replacements = []
    return Finding(
        start=start,
        end=end,
        message=lint.message,
        rule=f"Harper.{rule}",
        severity=severity,
        category=category,
        replacements=tuple(replacements[:5]),
    )
