"""The house-style engine: Vale-schema YAML rule packs, one rule per file.

``rules/<Pack>/<Rule>.yml`` becomes rule ``Pack.Rule``. Adding a rule type
means one module, one ``RULE_TYPES`` entry and one example rule file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from editor import __version__
from editor.cache import cache_key
from editor.checkers.base import CheckResult
from editor.checkers.style.base import Rule
from editor.checkers.style.capitalization import Capitalization
from editor.checkers.style.conditional import Conditional, SharedDefinitions
from editor.checkers.style.consistency import Consistency
from editor.checkers.style.existence import Existence
from editor.checkers.style.matching import Deadline, RuleTimeoutError, to_suggestion
from editor.checkers.style.metric import Metric
from editor.checkers.style.occurrence import Occurrence
from editor.checkers.style.placement import vale_drops
from editor.checkers.style.readability import Readability
from editor.checkers.style.rendered import view_of
from editor.checkers.style.repetition import Repetition
from editor.checkers.style.schema import RuleInfo, RuleNode, read_info, read_rule_file
from editor.checkers.style.spelling import Spelling
from editor.checkers.style.substitution import Substitution
from editor.checkers.style.unsupported import Unsupported
from editor.errors import RuleError
from editor.model import Suggestion

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from editor.cache import ResultCache
    from editor.checkers.base import ParagraphProgress
    from editor.document import Document
    from editor.selection import Selection

__all__ = [
    "RULE_TYPES",
    "LoadedRules",
    "Rule",
    "StyleChecker",
    "build_rule",
    "default_rules_dir",
    "load_rules",
    "vocabulary_rules",
]

#: ``extends`` value → how to build that rule type, and its default scope.
RULE_TYPES: dict[str, tuple[Callable[[RuleNode, RuleInfo], Rule], str]] = {
    "existence": (Existence.from_node, "text"),
    "substitution": (Substitution.from_node, "text"),
    "occurrence": (Occurrence.from_node, "text"),
    "repetition": (Repetition.from_node, "text"),
    "consistency": (Consistency.from_node, "text"),
    "capitalization": (Capitalization.from_node, "text"),
    "conditional": (Conditional.from_node, "text"),
    "readability": (Readability.from_node, "summary"),
    "metric": (Metric.from_node, "summary"),
    "spelling": (Spelling.from_node, "text"),
    "sequence": (Unsupported.from_node, "sentence"),
    "script": (Unsupported.from_node, "text"),
}

#: Rule types that measure the document rather than match in it.
_MEASURING = frozenset({"readability", "metric"})

#: Seconds one rule may spend on one document, plus this much per 10,000 characters.
TIME_BUDGET = (2.0, 1.0)


def default_rules_dir() -> Path:
    """The shipped packs: inside the installed wheel, or the source tree's ``rules/``."""
    here = Path(__file__).resolve()
    packaged = here.parents[2] / "_rules"
    return packaged if packaged.is_dir() else here.parents[3] / "rules"


@dataclass(frozen=True, slots=True)
class LoadedRules:
    rules: tuple[Rule, ...]
    errors: tuple[RuleError, ...]
    #: One line per rule that loaded but is skipped (``sequence``, ``script``).
    notices: tuple[str, ...] = ()


def load_rule(
    path: Path,
    pack: str,
    checked: bool = False,
    accepted: Sequence[str] = (),
    *,
    vale_regex: bool = False,
) -> Rule:
    node = read_rule_file(path)
    node.checked = checked
    node.accepted = tuple(accepted)
    node.vale_regex = vale_regex
    return build_rule(node, f"{pack}.{path.stem}")


class _Checked:
    """The rule files whose patterns all compiled before, by a digest of their
    bytes, copydesk's version and the regex module's: a file seen again is
    compiled rule by rule as its rules first run, not all at load. Kept in the
    cache folder; without one, every file is compiled at load."""

    def __init__(self) -> None:
        from editor.cache import default_cache_dir

        self.path = default_cache_dir() / "checked-rules.txt"
        try:
            self.known = set(self.path.read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            self.known = set()
        self.new: list[str] = []

    @staticmethod
    def digest(path: Path) -> str | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return cache_key(__version__, regex.__version__, data.decode("utf-8", "surrogateescape"))

    def save(self) -> None:
        if not self.new:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="ascii") as out:
                out.write("".join(f"{d}\n" for d in self.new))
        except OSError:
            pass  # only costs time: the files are compiled at load next run too


def build_rule(node: RuleNode, rule_id: str) -> Rule:
    """A rule from a parsed mapping (a rule file, or one copydesk writes itself)."""
    extends = node.string("extends")
    if extends not in RULE_TYPES:
        known = ", ".join(sorted(RULE_TYPES))
        raise node.error("extends", f"unknown rule type {extends!r} (supported: {known})")
    build, default_scope = RULE_TYPES[extends]
    info = read_info(node, rule_id, default_scope)
    return build(node, info)


def _rule_files(path: Path) -> Iterable[tuple[Path, str]]:
    """A rule file, a pack (a folder of rule files) or a folder of packs."""
    if path.is_file():
        yield path, path.parent.name
        return
    own = sorted(p for p in path.glob("*.yml") if p.is_file())
    if own:
        for file in own:
            yield file, path.name
        return
    for pack in sorted(p for p in path.iterdir() if p.is_dir()):
        for file in sorted(pack.glob("*.yml")):
            yield file, pack.name


def load_rules(
    paths: Sequence[Path], *, accepted: Sequence[str] = (), vale_styles: Sequence[Path] = ()
) -> LoadedRules:
    """Load every rule; a broken file is reported and the others still load.
    ``accepted``: the vocabularies' accepted terms (see ``RuleNode.accepted``);
    rules from the folders ``vale_styles`` (a Vale project's styles) have
    their patterns read as Vale reads them (``RuleNode.vale_regex``)."""
    vale_folders = {p.resolve() for p in vale_styles}
    rules: list[Rule] = []
    errors: list[RuleError] = []
    notices: list[str] = []
    seen: set[str] = set()
    checked = _Checked()
    for path in paths:
        if not path.exists():
            errors.append(RuleError(path, "no such rule file or folder"))
            continue
        for file, pack in _rule_files(path):
            digest = checked.digest(file)
            try:
                rule = load_rule(
                    file,
                    pack,
                    checked=digest in checked.known,
                    accepted=accepted,
                    vale_regex=file.parent.resolve() in vale_folders,
                )
            except RuleError as exc:
                errors.append(exc)
                continue
            if digest is not None and digest not in checked.known:
                checked.new.append(digest)
            if rule.info.id in seen:
                errors.append(RuleError(file, f"duplicate rule id {rule.info.id}"))
                continue
            seen.add(rule.info.id)
            if isinstance(rule, Unsupported):
                notices.append(rule.notice)
                continue
            rules.append(rule)
    checked.save()
    return LoadedRules(tuple(_with_vale_pieces(rules)), tuple(errors), tuple(notices))


def _with_vale_pieces(rules: list[Rule]) -> list[Rule]:
    """Each Vale project rule told which pieces (``paragraph``, ``sentence``)
    the project's rules ask for (``RuleInfo.vale_pieces``)."""
    vale = [rule for rule in rules if rule.info.vale]
    named = {
        piece
        for rule in vale
        for entry in rule.info.scope
        for piece in ("paragraph", "sentence")
        if piece in entry.replace("&", ".").replace("~", "").split(".")
    }
    if not named:
        return rules
    pieces = frozenset(named)
    return [
        replace(rule, info=replace(rule.info, vale_pieces=pieces)) if rule.info.vale else rule  # type: ignore[type-var]
        for rule in rules
    ]


def run_rule(
    rule: Rule, doc: Document, shared: SharedDefinitions | None = None
) -> list[Suggestion]:
    """One rule on one document. Raises ``RuleTimeoutError`` past its budget.
    ``shared``: the document's ``conditional`` rules, whose definitions count
    for each other."""
    base, per_10k = TIME_BUDGET
    deadline = Deadline(base + per_10k * len(doc.text) / 10_000)
    # One finding per place, as Vale keeps one alert per rule and position.
    found: dict[int, Suggestion] = {}
    # Rules read Markdown as rendered (``rendered``); ``raw`` rules, as written.
    raw = any("raw" in entry for entry in rule.info.scope)
    # A Vale project's rules read the front matter's values too; its counts
    # (readability, metric) leave them out.
    metadata = rule.info.vale and rule.info.extends not in _MEASURING
    view = None if raw else view_of(doc, metadata=metadata, edges=rule.info.vale)
    # A ``raw`` rule reads the file as written: code, comments and URLs too.
    target = replace(doc, masked=doc.text) if raw else doc if view is None else view.doc
    placed_as_vale = rule.info.vale and not raw and doc.format == "markdown"
    if isinstance(rule, Conditional) and shared is not None:
        hits = rule.hits(target, deadline, shared.before(rule, target, deadline))
    else:
        hits = rule.hits(target, deadline)
    for hit in hits:
        read_as_prose = None
        if view is not None:
            read_as_prose = view.doc.is_prose(hit.start, hit.end)
            start = view.start(hit.start)
            if hit.end == hit.start and rule.info.extends in _MEASURING:
                # A measurement, reported at a line's start: the source line's
                # (the view's line may begin with an image's moved text).
                start = end = doc.line_starts[doc.line_col(start)[0] - 1]
            else:
                end = start if hit.end == hit.start else view.end(hit.end)
            hit = replace(hit, start=start, end=end)
        if placed_as_vale and vale_drops(doc, hit.start, hit.end):
            continue
        suggestion = to_suggestion(doc, rule.info, hit, read_as_prose=read_as_prose)
        if suggestion is not None:
            found.setdefault(suggestion.start, suggestion)
    kept = list(found.values())
    if rule.info.limit:  # Vale's ``limit``: the first findings in the document
        kept = sorted(kept, key=lambda s: s.start)[: rule.info.limit]
    return kept


class StyleChecker:
    """The ``rules`` engine: runs loaded house-style rules over a document.

    With a ``cache``, a document's findings are stored under a digest of the
    rule set (every rule as loaded, so an edited rule file is a new set) and
    the document's format and text: re-checking an unchanged file costs one
    lookup. Rules look across a whole document (consistency, repetition), so
    the unit is the document, not the paragraph.
    """

    name = "rules"

    def __init__(
        self,
        rules: Sequence[Rule],
        selection: Selection | None = None,
        cache: ResultCache | None = None,
    ) -> None:
        # A house rule's category is fixed, so a rule the selection leaves out
        # is not run at all.
        self.rules = tuple(
            r
            for r in rules
            if selection is None or selection.allows(r.info.id, self.name, r.info.category)
        )
        self.cache = cache
        self._identity: str | None = None

    def identity(self) -> str:
        """A digest of the rule set, as loaded (for the cache key)."""
        if self._identity is None:
            self._identity = cache_key(__version__, *(stable_repr(rule) for rule in self.rules))
        return self._identity

    def check(self, doc: Document, *, progress: ParagraphProgress | None = None) -> CheckResult:  # noqa: ARG002
        """Every rule over the whole document; ``progress`` is never called,
        since rules do not go paragraph by paragraph."""
        key = cache_key(self.name, self.identity(), doc.format, doc.text) if self.cache else ""
        if self.cache is not None:
            stored = _from_cache(self.cache.get_many([key]).get(key))
            if stored is not None:
                return CheckResult(stored, tuple(self._cache_notices()))
        suggestions: list[Suggestion] = []
        notices: list[str] = []
        shared = SharedDefinitions([r for r in self.rules if isinstance(r, Conditional)])
        for rule in self.rules:
            try:
                suggestions.extend(run_rule(rule, doc, shared))
            except RuleTimeoutError:
                notices.append(
                    f"{rule.info.id}: pattern ran out of time on {doc.name}; rule skipped "
                    f"(check {rule.info.path} for a runaway regular expression)"
                )
        found = tuple(sorted(suggestions, key=Suggestion.sort_key))
        # A rule that ran out of time may finish on a quieter machine: not stored.
        if self.cache is not None and not notices:
            self.cache.put_many({key: _to_cache(found)})
        return CheckResult(found, (*notices, *self._cache_notices()))

    def _cache_notices(self) -> list[str]:
        if self.cache is None:
            return []
        said, self.cache.notices[:] = list(self.cache.notices), []
        return said

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


def stable_repr(value: object) -> str:
    """``repr`` that is the same in every process: a set's order in its
    ``repr`` follows string hashing, which changes from process to process
    (``PYTHONHASHSEED``), and a cache key built from it would never hit."""
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if isinstance(value, dict):
        items = sorted(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, tuple | list):
        return "(" + ", ".join(stable_repr(v) for v in value) + ")"
    if is_dataclass(value) and not isinstance(value, type):
        parts = (f"{f.name}={stable_repr(getattr(value, f.name))}" for f in fields(value))
        return f"{type(value).__name__}({', '.join(parts)})"
    return repr(value)


def _to_cache(found: Sequence[Suggestion]) -> str:
    return json.dumps(
        [{**s.to_dict(), "description": s.description} for s in found], ensure_ascii=False
    )


def _from_cache(value: str | None) -> tuple[Suggestion, ...] | None:
    """Stored findings, or ``None`` (a miss) when absent or unreadable."""
    if value is None:
        return None
    try:
        return tuple(
            replace(Suggestion.from_dict(item), description=item.get("description"))
            for item in json.loads(value)
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def vocabulary_rules(reject: Sequence[str], source: Path) -> list[Rule]:
    """``Vocab.Rejected``: the house vocabulary's ``reject.txt`` terms, as Vale's
    ``Vale.Avoid`` flags them."""
    if not reject:
        return []
    node = RuleNode(
        source,
        {
            "extends": "existence",
            "message": "Avoid '%s': the house vocabulary rejects it.",
            "description": f"Terms listed in {source}.",
            "level": "error",
            "category": "terminology",
            "tokens": list(reject),
        },
        {},
    )
    return [build_rule(node, "Vocab.Rejected")]
