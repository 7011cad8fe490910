"""What the rule types share: compiling patterns, scoping, time limits,
message formatting and turning a hit into a ``Suggestion``."""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from editor.checkers.style.prefilter import Literals, Requirement, required_literals
from editor.model import Suggestion
from editor.segment import Block, inline_scopes, scope_matches, split_sentences

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
    args: tuple[str | int, ...]
    replacements: tuple[str, ...] = ()
    #: The hit is a whole block or sentence (occurrence, capitalization): it
    #: may contain inline markup, so it is kept, but only fixable if all prose.
    whole_segment: bool = False
    #: The message template, when the rule type rewrites the rule's own.
    message: str | None = None


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


#: Vale's regular expressions (Go's): these classes are ASCII only.
_ASCII_CLASSES = {
    "w": ("[0-9A-Za-z_]", "0-9A-Za-z_"),
    "W": ("[^0-9A-Za-z_]", None),
    "d": ("[0-9]", "0-9"),
    "D": ("[^0-9]", None),
    "s": ("[\\t\\n\\f\\r ]", "\\t\\n\\f\\r "),
    "S": ("[^\\t\\n\\f\\r ]", None),
}


def ascii_classes(pattern: str) -> str:
    """``pattern`` with ``\\w``, ``\\d``, ``\\s`` (and their negations) meaning
    what they mean in Vale, ASCII only: ``Z\\w+`` does not match "Zürich".
    Inside a character class the negated ones are left as they are."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            letter = pattern[index + 1]
            swap = _ASCII_CLASSES.get(letter)
            replacement = None if swap is None else swap[1] if in_class else swap[0]
            out.append(replacement if replacement is not None else pattern[index : index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # A leading "]" or "^]" is a literal in the class.
            if pattern.startswith("^", index + 1):
                out.append("^")
                index += 1
            if pattern.startswith("]", index + 1):
                out.append("]")
                index += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        index += 1
    return "".join(out)


def compile_pattern(
    node: RuleNode, key: str, pattern: str, *, ignorecase: bool, whole: bool = False
) -> Pattern:
    """A rule's pattern, ``^`` and ``$`` at each line. ``whole``: for a Vale
    project's rule, at the text's ends only, as Vale compiles the keys it
    does not wrap in its word template (``token``, ``tokens``, ``first``,
    ``second``, a capitalization ``match``)."""
    flags = regex.VERSION0
    if not (whole and node.vale_regex):
        flags |= regex.MULTILINE
    if ignorecase:
        flags |= regex.IGNORECASE
    if node.vale_regex:
        pattern = ascii_classes(pattern)
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
    spans, in one loop (the hot path of the house rules). Each match's
    ``string`` is its span's text, which rules use to look around it."""
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
        self.sentences: tuple[tuple[int, int], ...] | None = None

    def _for(self, doc: Document) -> None:
        if self.doc is not doc:
            self.doc, self.by_scope, self.literals, self.sentences = doc, {}, None, None

    def get(self, doc: Document, info: RuleInfo) -> tuple[tuple[int, int], ...]:
        self._for(doc)
        key = (*info.scope, "\0", str(info.vale), *sorted(info.vale_pieces))
        found = self.by_scope.get(key)
        if found is None:
            found = self.by_scope[key] = _segments(doc, info)
        return found

    def vale_sentences(self, doc: Document) -> tuple[tuple[int, int], ...]:
        """The document's sentences where Vale's Punkt model ends them."""
        self._for(doc)
        if self.sentences is None:
            self.sentences = tuple(
                piece
                for block in doc.blocks
                if block.scope != "metadata"  # front matter is read as text only
                for piece in split_sentences(doc.masked, block, doc.format, vale=True)
            )
        return self.sentences

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


def _segments(doc: Document, info: RuleInfo) -> tuple[tuple[int, int], ...]:
    """The stretches of text Vale lints with a rule of this scope: the whole
    file (``raw``); the summary's blocks; every block, or block piece
    (``sentence``), whose Vale name the scope takes (``segment.scope_matches``),
    less an image's text (Vale reads it apart, as ``alt``) and the inline
    elements the scope negates (``~link``); image text, links, bold and
    emphasis on their own for a scope that names them."""
    scope = tuple(info.scope)
    ext = "md" if doc.format == "markdown" else "txt"
    if scope_matches(scope, frozenset({"raw", ext})):
        return ((0, len(doc.text)),)
    found: list[tuple[int, int]] = []
    if doc.format != "markdown" and info.vale:
        # In Vale's order (paragraphs, sentences, the whole file): rules that
        # carry what they saw from block to block depend on it.
        return tuple(dict.fromkeys(_vale_text_segments(doc, scope, info.vale_pieces)))
    if doc.format != "markdown":
        found.extend(_text_segments(doc, scope))
    else:
        if scope_matches(scope, frozenset({"summary", ext})):
            for block in doc.blocks:
                if block.scope in _SUMMARY:
                    alts = [(s, e) for kind, s, e in block.inline if kind == "alt"]
                    found.extend(_without(block.start, block.end, alts))
        found.extend(_block_segments(doc, scope, vale=info.vale))
    return tuple(sorted(set(found)))


#: The blocks Vale's ``summary`` holds: not headings, not table cells.
_SUMMARY = frozenset({"paragraph", "list", "blockquote"})


def _block_segments(
    doc: Document, scope: tuple[str, ...], *, vale: bool = False
) -> Iterator[tuple[int, int]]:
    left_out = inline_scopes(scope)
    # An inline element is a block of its own only when a rule asks for it.
    named = {n.strip() for entry in scope for n in entry.replace("&", ".").split(".")}
    sentences = "sentence" in named
    for block in doc.blocks:
        sections = block.sections("md")
        cut = [(s, e) for kind, s, e in block.inline if kind == "alt" or kind in left_out]
        whole = scope_matches(scope, sections) or (
            block.scope == "paragraph" and scope_matches(scope, frozenset({"paragraph", *sections}))
        )
        if whole:
            yield from _without(block.start, block.end, cut)
        if sentences and scope_matches(scope, frozenset({"sentence", *sections}), sentence=True):
            pieces = _SEGMENTS.vale_sentences(doc) if vale else doc.sentences
            first = bisect.bisect_left(pieces, (block.start, block.start))
            for start, end in pieces[first:]:
                if start >= block.end:
                    break
                yield from _without(start, end, cut)
        for kind, start, end in block.inline:
            inline = {"text", "attr", "alt"} if kind == "alt" else {kind, "md"}
            if (kind == "alt" or kind in named) and scope_matches(scope, frozenset(inline)):
                yield start, end


def _text_segments(doc: Document, scope: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """A plain-text file's paragraphs (``text``, ``paragraph``) and sentences.

    Vale reads the whole file as one block whose paragraphs end only at blank
    lines; copydesk keeps its own paragraphs, so a match never runs from one
    paragraph into the next and ``\\A`` is each paragraph's start, as the
    house rules expect (see the README's differences from Vale)."""
    blocks = scope_matches(scope, frozenset({"text", "txt"})) or scope_matches(
        scope, frozenset({"paragraph", "text", "txt"})
    )
    if blocks:
        yield from ((b.start, b.end) for b in doc.blocks)
    if scope_matches(scope, frozenset({"sentence", "text", "txt"}), sentence=True):
        yield from doc.sentences


def _vale_text_segments(
    doc: Document, scope: tuple[str, ...], pieces: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """A plain-text file as Vale reads it for a Vale project's rules: the
    whole file is one block (``text``); when the project's rules ask for
    them, its paragraphs, cut after each blank line (``paragraph``, and
    ``text`` too, as Vale's scopes match), and its sentences, which run
    across line breaks and blank lines up to their end mark (``sentence``)."""
    text = doc.text
    if "paragraph" in pieces and scope_matches(scope, frozenset({"paragraph", "text", "txt"})):
        start = 0
        for match in _BLANK_LINE.finditer(text):
            yield start, match.end()
            start = match.end()
        if start < len(text):
            yield start, len(text)
    if "sentence" in pieces and scope_matches(
        scope, frozenset({"sentence", "text", "txt"}), sentence=True
    ):
        yield from split_sentences(doc.masked, Block(0, len(text), "paragraph"), "txt", vale=True)
    if scope_matches(scope, frozenset({"text", "txt"})):
        yield 0, len(text)


_BLANK_LINE = regex.compile(r"\n\n")


def _without(start: int, end: int, cut: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """``start..end`` less the spans in ``cut``."""
    for low, high in sorted(cut):
        if high <= start or low >= end:
            continue
        if low > start:
            yield start, low
        start = max(start, high)
    if start < end:
        yield start, end


#: A run of white space in a message argument, shown as one space; a
#: no-break space is kept, as Vale keeps it.
_WHITESPACE = regex.compile(r"[^\S\xa0]+")


def _go_verb(verb: str, arg: str | int | None) -> str:
    """One ``%`` verb as Go's ``fmt`` prints it, with Vale's argument."""
    if arg is None:
        return f"%!{verb}(MISSING)"
    if verb in "sv":
        # Go prints an int under %s as "%!s(int=3)"; Vale passes occurrence
        # counts as ints meaning "%s" to work (its #1048), so a count prints
        # as the number here: a deliberate difference.
        return str(arg)
    if verb == "d":
        return str(arg) if isinstance(arg, int) else f"%!d(string={arg})"
    if verb == "q":
        return '"' + str(arg).replace("\\", "\\\\").replace('"', '\\"') + '"'
    kind = "int" if isinstance(arg, int) else "string"
    return f"%!{verb}({kind}={arg})"


def format_message(message: str, args: tuple[str | int, ...]) -> str:
    """A message as Vale prints it: Go's printf verbs over the rule's
    arguments (a missing one is ``%!s(MISSING)``, an unused one ignored), each
    line break a space. Runs of whitespace inside an argument show as one
    space, as Vale's own suite has them (see ``tests/test_vale_oracle.py``).
    """
    values: list[str | int] = [_WHITESPACE.sub(" ", a) if isinstance(a, str) else a for a in args]
    values.append("")  # Vale's CondSprintf pads with one empty argument
    out: list[str] = []
    index = 0
    position = 0
    while position < len(message):
        char = message[position]
        if char != "%":
            out.append(char)
            position += 1
            continue
        if position + 1 == len(message):
            out.append("%!(NOVERB)")
            break
        following = message[position + 1]
        if following == "%":
            out.append("%")
            position += 2
            continue
        explicit = regex.match(r"\[(\d+)\]", message[position + 1 :])
        if explicit is not None:
            index = int(explicit.group(1)) - 1
            position += len(explicit.group())
            following = message[position + 1 : position + 2] or "!"
        arg = values[index] if 0 <= index < len(values) else None
        index += 1
        out.append(_go_verb(following, arg))
        position += 2
    return "".join(out).replace("\n", " ")


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


def _house_apostrophes(doc: Document, replacement: str) -> str:
    """Rules write "it's"; a document typeset with "’" gets "it’s"."""
    return replacement.replace("'", "’") if doc.curly_apostrophes else replacement


def to_suggestion(
    doc: Document, info: RuleInfo, hit: Hit, *, read_as_prose: bool | None = None
) -> Suggestion | None:
    """A hit becomes a suggestion when it lies in prose (or the rule is raw);
    ``read_as_prose`` says so for a hit found in the rendered view (see
    ``rendered``). It offers its fixes only where the source span is prose
    alone: a fix of the rendered text would drop the markup inside it."""
    raw = "raw" in info.scope
    prose = raw or (doc.is_prose(hit.start, hit.end) if read_as_prose is None else read_as_prose)
    if not prose and not hit.whole_segment:
        return None
    line, column = doc.line_col(hit.start)
    observed = doc.text[hit.start : hit.end]
    replacements: tuple[str, ...] = ()
    if raw or doc.is_prose(hit.start, hit.end):
        styled = (_house_apostrophes(doc, r) for r in hit.replacements)
        replacements = tuple(dict.fromkeys(r for r in styled if r != observed))
    return Suggestion(
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        text=observed,
        message=format_message(info.message if hit.message is None else hit.message, hit.args),
        rule=info.id,
        source="rules",
        severity=info.severity,
        category=info.category,
        replacements=replacements,
        safe=info.safe and bool(replacements),
        link=info.link,
        description=info.description,
    )
