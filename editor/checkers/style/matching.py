"""What the rule types share: compiling patterns, scoping, time limits,
message formatting and turning a hit into a ``Suggestion``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from editor.checkers.style.prefilter import Literals, Requirement, required_literals
from editor.model import Suggestion

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

__all__ = [
    "Deadline",
    "Hit",
    "Pattern",
    "RuleTimeoutError",
    "compile_pattern",
    "count_matches",
    "find",
    "find_in",
    "format_message",
    "keep_case",
    "read_action",
    "search",
    "segments",
    "to_suggestion",
]


class RuleTimeoutError(Exception):
    """A rule's pattern ran past its time budget on one document."""


@dataclass(slots=True)
class Deadline:
    """One time budget per rule per document, shared by all its searches."""

    seconds: float
    ends: float = field(init=False)

    def __post_init__(self) -> None:
        self.ends = time.monotonic() + self.seconds

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise RuleTimeoutError
        return left


@dataclass(frozen=True, slots=True)
class Hit:
    """A raw finding of one rule: a span, message arguments, replacements."""

    start: int
    end: int
    args: tuple[str, ...]
    replacements: tuple[str, ...] = ()
    #: The hit is a whole block or sentence (occurrence, capitalization): it
    #: may contain inline markup, so it is kept, but only fixable if all prose.
    whole_segment: bool = False


class Pattern:
    """A rule's regular expression, compiled on first use.

    Compiling (the ``regex`` module parses in Python) is most of the time it
    takes to load a pack, and most rules never run on a given document: the
    literal prefilter (``prefilter``) rules them out first, and ``rules list``
    runs none. A rule file is still checked at load the first time it is seen
    (``RuleNode.checked``), so a bad pattern is reported up front.
    """

    __slots__ = ("_compiled", "_literals", "flags", "pattern")

    def __init__(self, pattern: str, flags: int, *, prefilter: bool = True) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: regex.Pattern[str] | None = None
        # False: not worked out yet; None: no prefilter.
        self._literals: Requirement | bool | None = False if prefilter else None

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r}, {self.flags})"

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def literals(self) -> Requirement | None:
        """What every match contains (``prefilter``), or ``None``."""
        if self._literals is False:
            self._literals = required_literals(self.pattern)
        return self._literals  # type: ignore[return-value]

    @property
    def groups(self) -> int:
        return self.compiled.groups

    def finditer(self, text: str, *, timeout: float) -> Iterator[regex.Match[str]]:
        return self.compiled.finditer(text, timeout=timeout)

    def findall(self, text: str, *, timeout: float) -> list[Any]:
        return self.compiled.findall(text, timeout=timeout)

    def search(self, text: str, *, timeout: float | None = None) -> regex.Match[str] | None:
        return self.compiled.search(text, timeout=timeout)

    def match(self, text: str, *, timeout: float | None = None) -> regex.Match[str] | None:
        return self.compiled.match(text, timeout=timeout)


def compile_pattern(node: RuleNode, key: str, pattern: str, *, ignorecase: bool) -> Pattern:
    flags = regex.VERSION0 | regex.MULTILINE
    if ignorecase:
        flags |= regex.IGNORECASE
    found = Pattern(pattern, flags)
    if not node.checked:
        try:
            found.compiled  # noqa: B018 - compiled now, to report a bad pattern at load
        except regex.error as exc:
            raise node.error(key, f"invalid regular expression {pattern!r}: {exc}") from None
    return found


def find_in(
    pattern: Pattern, text: str, spans: Sequence[tuple[int, int]], deadline: Deadline
) -> Iterator[tuple[int, regex.Match[str]]]:
    """Non-empty matches of ``pattern`` in each span of ``text`` (searched
    alone), with the span's start, within the deadline: ``find`` over many
    spans, in one loop (the hot path of the house rules)."""
    compiled = pattern.compiled
    try:
        for start, end in spans:
            for match in compiled.finditer(text[start:end], timeout=deadline.remaining()):
                if match.end() > match.start():
                    yield start, match
    except TimeoutError:
        raise RuleTimeoutError from None


def find(pattern: Pattern, text: str, deadline: Deadline) -> Iterator[regex.Match[str]]:
    """Non-empty matches of ``pattern`` in ``text``, within the deadline."""
    try:
        for match in pattern.finditer(text, timeout=deadline.remaining()):
            if match.end() > match.start():
                yield match
    except TimeoutError:
        raise RuleTimeoutError from None


def count_matches(pattern: Pattern, text: str, deadline: Deadline) -> int:
    """How many non-empty matches ``pattern`` has in ``text``, within the deadline."""
    try:
        found = pattern.findall(text, timeout=deadline.remaining())
    except TimeoutError:
        raise RuleTimeoutError from None
    if pattern.groups:  # findall gives groups: count the matches the slow way
        return sum(1 for _ in find(pattern, text, deadline))
    return sum(1 for item in found if item)


def search(
    pattern: Pattern, text: str, deadline: Deadline, *, anchored: bool = False
) -> regex.Match[str] | None:
    """``pattern.search`` (or ``match``) within the deadline."""
    try:
        if anchored:
            return pattern.match(text, timeout=deadline.remaining())
        return pattern.search(text, timeout=deadline.remaining())
    except TimeoutError:
        raise RuleTimeoutError from None


class _SegmentCache:
    """Segments by scope for the document being checked: every rule with the
    same scope walks the same blocks, so they are worked out once per document
    (and the lowered text the literal prefilter searches, once too)."""

    def __init__(self) -> None:
        self.doc: Document | None = None
        self.by_scope: dict[tuple[str, ...], tuple[tuple[int, int], ...]] = {}
        self.literals: Literals | None = None

    def _for(self, doc: Document) -> None:
        if self.doc is not doc:
            self.doc, self.by_scope, self.literals = doc, {}, None

    def get(self, doc: Document, info: RuleInfo) -> tuple[tuple[int, int], ...]:
        self._for(doc)
        key = tuple(info.scope)
        found = self.by_scope.get(key)
        if found is None:
            found = self.by_scope[key] = tuple(_segments(doc, info))
        return found

    def lowered(self, doc: Document) -> Literals:
        self._for(doc)
        if self.literals is None:
            self.literals = Literals(doc)
        return self.literals


_SEGMENTS = _SegmentCache()


def segments(
    doc: Document, info: RuleInfo, literals: Requirement | None = None
) -> tuple[tuple[int, int], ...]:
    """The stretches of ``doc`` a rule with this scope looks at; with
    ``literals`` (see ``prefilter``), only those containing one of them."""
    spans = _SEGMENTS.get(doc, info)
    if literals is None or not spans:
        return spans
    lowered = _SEGMENTS.lowered(doc)
    if not lowered.anywhere(literals):
        return ()
    return lowered.blocks(literals, spans)


def _segments(doc: Document, info: RuleInfo) -> Iterator[tuple[int, int]]:
    if "raw" in info.scope:
        yield 0, len(doc.text)
        return
    positive = [s for s in info.scope if not s.startswith("~")]
    negative = [s for s in info.scope if s.startswith("~")]
    if "sentence" in positive:
        for start, end in doc.sentences:
            block = doc.block_at(start)
            if block is None or all(block.in_scope(n) for n in negative):
                yield start, end
        return
    for block in doc.blocks:
        if (not positive or any(block.in_scope(s) for s in positive)) and all(
            block.in_scope(n) for n in negative
        ):
            yield block.start, block.end


_WHITESPACE = regex.compile(r"\s+")


def format_message(message: str, args: tuple[str, ...]) -> str:
    """Vale's printf-style messages: each ``%s`` takes the next argument, with
    runs of whitespace shown as one space (as Vale shows them)."""
    args = tuple(_WHITESPACE.sub(" ", arg) for arg in args)
    out: list[str] = []
    index = 0
    position = 0
    while position < len(message):
        char = message[position]
        if char == "%" and position + 1 < len(message):
            following = message[position + 1]
            if following == "%":
                out.append("%")
                position += 2
                continue
            if following in "sv":
                out.append(args[min(index, len(args) - 1)] if args else "")
                index += 1
                position += 2
                continue
        out.append(char)
        position += 1
    return "".join(out)


_ABBREVIATION_LETTERS = 4


def keep_case(observed: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``observed``.

    "In an order to" → "In order to"; "IN AN ORDER" → "IN ORDER";
    a lower-case match leaves the replacement as written ("e-mail" → "email").
    """
    letters = [c for c in observed if c.isalpha()]
    if not letters or not replacement:
        return replacement
    # Shouting ("IN AN ORDER TO") stays shouting; a short all-caps token is
    # an abbreviation ("10 AM" → "10 a.m."), so its replacement stays as written.
    if len(letters) > _ABBREVIATION_LETTERS and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper() and observed.lstrip()[:1].isupper():
        index = next((i for i, c in enumerate(replacement) if c.isalpha()), None)
        if index is not None:
            return replacement[:index] + replacement[index].upper() + replacement[index + 1 :]
    return replacement


def read_action(node: RuleNode) -> tuple[str, tuple[str, ...]]:
    """Vale's ``action: {name, params}``; returns (name, params)."""
    action = node.data.get("action")
    if action is None:
        return "", ()
    if not isinstance(action, dict) or not isinstance(action.get("name"), str):
        raise node.error("action", "must be a mapping with a 'name'")
    name = action["name"]
    params = action.get("params") or []
    if not isinstance(params, list) or not all(isinstance(p, str | int | float) for p in params):
        raise node.error("action", "'params' must be a list of strings")
    if name not in {"replace", "remove", "edit", "suggest", "convert"}:
        raise node.error("action", f"unknown action {name!r}")
    if name == "edit" and len(params) == 3 and params[0] == "regex":
        try:
            regex.compile(str(params[1]), regex.VERSION0)
        except regex.error as exc:
            raise node.error("action", f"invalid regular expression {params[1]!r}: {exc}") from None
    return name, tuple(str(p) for p in params)


def action_replacements(name: str, params: tuple[str, ...], observed: str) -> tuple[str, ...]:
    """Replacements an ``action`` gives for the matched text."""
    if name == "replace":
        return tuple(keep_case(observed, p) for p in params)
    if name == "remove":
        return ("",)
    if name == "edit" and params:
        how, rest = params[0], params[1:]
        if how == "regex" and len(rest) == 2:
            try:
                return (regex.sub(rest[0], rest[1], observed, timeout=1.0),)
            except (regex.error, TimeoutError):
                return ()  # a bad replacement template: no fix offered
        if how in {"trim", "trim_right", "trim_left"} and rest:
            strip = {"trim": str.strip, "trim_right": str.rstrip, "trim_left": str.lstrip}[how]
            return (strip(observed, rest[0]),)
    if name == "convert" and params:
        if params[0] == "lower":
            return (observed.lower(),)
        if params[0] == "upper":
            return (observed.upper(),)
    return ()


def _house_apostrophes(doc: Document, replacement: str) -> str:
    """Rules write "it's"; a document typeset with "’" gets "it’s"."""
    return replacement.replace("'", "’") if doc.curly_apostrophes else replacement


def to_suggestion(doc: Document, info: RuleInfo, hit: Hit) -> Suggestion | None:
    """A hit becomes a suggestion when it lies in prose (or the rule is raw)."""
    prose = "raw" in info.scope or doc.is_prose(hit.start, hit.end)
    if not prose and not hit.whole_segment:
        return None
    line, column = doc.line_col(hit.start)
    observed = doc.text[hit.start : hit.end]
    replacements: tuple[str, ...] = ()
    if prose:
        styled = (_house_apostrophes(doc, r) for r in hit.replacements)
        replacements = tuple(dict.fromkeys(r for r in styled if r != observed))
    return Suggestion(
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        text=observed,
        message=format_message(info.message, hit.args),
        rule=info.id,
        source="rules",
        severity=info.severity,
        category=info.category,
        replacements=replacements,
        safe=info.safe and bool(replacements),
        link=info.link,
        description=info.description,
    )
