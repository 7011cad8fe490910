"""Harper (through ``harper-py``): offline grammar and spelling, in process.

Harper's spans are code-point indices into the ``str`` it was given, so they
are already our offsets. Building a linter costs about a second (its curated
dictionary), so there is one per dialect per process.
"""

from __future__ import annotations

import importlib.metadata
import json
from typing import TYPE_CHECKING, Any

from editor.checkers.base import EngineStatus
from editor.checkers.prose import Finding
from editor.errors import ConfigError, EngineError
from editor.model import Severity

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from editor.config import HarperSettings

__all__ = ["DEFAULT_RULES", "HarperEngine", "build", "probe"]

NAME = "harper"

#: Harper's dialects by our config's names.
_DIALECTS = {"en-US": "AMERICAN", "en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN"}

#: Harper rules whose default copydesk changes (none yet: Harper's own defaults
#: hold, and ``[harper] rules`` in the config changes any of them).
DEFAULT_RULES: dict[str, bool] = {}

#: Harper's lint kind → (our category, severity).
_KINDS: dict[str, tuple[str, Severity]] = {
    "Spelling": ("spelling", Severity.ERROR),
    "Typo": ("spelling", Severity.ERROR),
    "Grammar": ("grammar", Severity.ERROR),
    "Agreement": ("grammar", Severity.ERROR),
    "BoundaryError": ("grammar", Severity.ERROR),
    "Miscellaneous": ("grammar", Severity.WARNING),
    "Eggcorn": ("usage", Severity.WARNING),
    "Malapropism": ("usage", Severity.WARNING),
    "WordChoice": ("usage", Severity.WARNING),
    "Usage": ("usage", Severity.WARNING),
    "Nonstandard": ("usage", Severity.WARNING),
    "Capitalization": ("capitalization", Severity.WARNING),
    "Punctuation": ("punctuation", Severity.WARNING),
    "Formatting": ("punctuation", Severity.WARNING),
    "Repetition": ("repetition", Severity.WARNING),
    "Redundancy": ("wordiness", Severity.SUGGESTION),
    "Readability": ("readability", Severity.SUGGESTION),
    "Style": ("style", Severity.SUGGESTION),
    "Enhancement": ("style", Severity.SUGGESTION),
    "Regionalism": ("style", Severity.SUGGESTION),
}
_DEFAULT_KIND = ("usage", Severity.WARNING)

_LINTERS: dict[str, Any] = {}


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
    return EngineStatus(NAME, True, version, "in process, offline")


def build(settings: HarperSettings, words: Sequence[str] = ()) -> HarperEngine:
    if _version() is None:
        raise EngineError(NAME, "harper-py is not installed (pip install harper-py)")
    return HarperEngine(settings, words)


def _linter(dialect: str) -> Any:
    """The process's linter for a dialect, built on first use."""
    if dialect not in _LINTERS:
        import harper

        _LINTERS[dialect] = harper.Linter(harper.Dialect[_DIALECTS[dialect]])
    return _LINTERS[dialect]


class HarperEngine:
    name = NAME

    def __init__(self, settings: HarperSettings, words: Sequence[str] = ()) -> None:
        self.settings = settings
        self.words = sorted(set(words))
        self.rules = {**DEFAULT_RULES, **settings.rules}
        self._ready = False

    def identity(self) -> str:
        return json.dumps(
            {
                "version": _version(),
                "dialect": self.settings.dialect,
                "rules": self.rules,
                "words": self.words,
            },
            sort_keys=True,
        )

    def _prepare(self) -> Any:
        linter = _linter(self.settings.dialect)
        if not self._ready:
            known = linter.get_default_lint_config()
            unknown = sorted(set(self.settings.rules) - set(known))
            if unknown:
                raise ConfigError(
                    "harper.rules", f"unknown Harper rule {unknown[0]!r} (see Harper's rule list)"
                )
            config: dict[str, bool | None] = dict.fromkeys(known)
            config.update(self.rules)
            linter.set_lint_config(config)
            linter.clear_words()
            if self.words:
                linter.import_words(self.words)
            self._ready = True
        return linter

    def check_paragraphs(self, paragraphs: Sequence[str]) -> list[list[Finding]]:
        if not paragraphs:
            return []
        linter = self._prepare()
        # One call per paragraph: Harper keeps some context across a text, and
        # a paragraph's findings must not depend on its neighbours, since they
        # are cached on its own text. Once Harper is warm this costs about the
        # same as one call on the joined text.
        return [self._lint(linter, text) for text in paragraphs]

    def _lint(self, linter: Any, text: str) -> list[Finding]:
        organized: Mapping[str, Sequence[Any]] = linter.organized_lints(text, language="plaintext")
        return [
            _finding(rule, lint, text)
            for rule, lints in organized.items()
            for lint in lints
            if self.rules.get(rule, True)
        ]

    def close(self) -> None:
        """The linter stays for the process: building it is the expensive part."""


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
    return Finding(
        start=start,
        end=end,
        message=lint.message,
        rule=f"Harper.{rule}",
        severity=severity,
        category=category,
        replacements=tuple(replacements[:5]),
    )
