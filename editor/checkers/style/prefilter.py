"""Skipping text a rule cannot match, before its regular expression runs.

Most house rules look for words ("in an order to", "alot"): a block that
contains none of them cannot match, and looking a word up is far cheaper than
a regex scan. ``required_literals`` reads a pattern (with Python's own regex
parser) and returns what every match must contain, lowered: one of some whole
words (a word the pattern bounds on both sides, by ``\\b``, a space, a comma
or the like), or else one of some substrings. ``Literals`` indexes a document
once (its words, with where each occurs) and finds the blocks that hold one.

The test is only ever a necessary condition: a rule whose pattern yields
nothing of the kind (``\\w+``, back-references, syntax only the ``regex``
module knows) runs everywhere, as before. Only ASCII letters count, so
lowering the text and the literal agree whatever the rule's case setting, and
words are told apart by the ``regex`` module's own ``\\w``, as ``\\b`` does.
"""

from __future__ import annotations

import bisect
import importlib
import re
from typing import TYPE_CHECKING, Any

import regex

try:  # Python 3.11+: the parser behind ``re`` (its opcodes are its attributes)
    _sre: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - a future Python without it: no prefilter
    _sre = None

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.document import Document

__all__ = ["Literals", "Requirement", "required_literals"]

#: What every match contains: one of these whole words, or one of these substrings.
Requirement = tuple[tuple[str, ...], tuple[str, ...]]

#: While reading a pattern: ("w", word) and ("s", substring) alternatives.
_Set = frozenset[tuple[str, str]]

_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])")
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
_WORD = regex.compile(r"\w+", regex.VERSION0)
_WORD_CHAR = regex.compile(r"\w", regex.VERSION0)

#: Non-ASCII letters whose case folding is an ASCII letter.
_FOLDS_TO_ASCII = "\u017f\u0130"


def required_literals(pattern: str) -> Requirement | None:
    """What any text ``pattern`` matches must contain (lowered), or ``None``
    when the pattern offers nothing to look for."""
    if _sre is None:
        return None
    # What only the regex module knows, and never a literal: \p{L} is, for
    # this purpose, \w (inside a class too).
    pattern = _PROPERTY.sub(r"\1\\w", pattern)
    try:
        parsed = _sre.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    found = _sequence(list(parsed), left=False, right=False)
    if not found or not all(text for _, text in found):
        return None
    # Sorted: a rule's repr is its cache identity.
    words = tuple(sorted(text for kind, text in found if kind == "w"))
    return words, tuple(sorted(text for kind, text in found if kind == "s"))


def _char(op: Any, av: Any) -> str | None:
    """The one lowered ASCII character an item matches, if it is one."""
    if op is _sre.LITERAL:
        char = chr(av)
        return char.lower() if char.isascii() else None
    if op is _sre.IN:
        chars = {chr(v).lower() for o, v in av if o is _sre.LITERAL}
        if len(chars) == 1 and len(av) == sum(1 for o, _ in av if o is _sre.LITERAL):
            (char,) = chars
            return char if char.isascii() else None
    return None


def _nonword(op: Any, av: Any) -> bool:
    """Whether an item always consumes characters none of which is a word's."""
    if op is _sre.LITERAL:
        return not _WORD_CHAR.match(chr(av))
    if op is _sre.IN:
        return bool(av) and all(
            (o is _sre.LITERAL and not _WORD_CHAR.match(chr(v)))
            or (o is _sre.CATEGORY and v in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD))
            for o, v in av
        )
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return low >= 1 and len(body) == 1 and _nonword(*body[0])
    return False


_ZERO_WIDTH_EDGES = {
    "AT_BOUNDARY",
    "AT_BEGINNING",
    "AT_BEGINNING_STRING",
    "AT_END",
    "AT_END_STRING",
}


def _guarded(items: Sequence[tuple[Any, Any]], at: int, step: int, inherited: bool) -> bool:
    """Whether no word character can touch the run edge next to ``items[at]``
    (looking back with ``step`` -1, ahead with 1): a word boundary, a line's
    or the text's edge, or a character that is not a word's."""
    while 0 <= at < len(items):
        op, av = items[at]
        if op is _sre.AT:
            if str(av) in _ZERO_WIDTH_EDGES:
                return True
        elif op is _sre.ASSERT:
            # A look-behind that ends (a look-ahead that starts) with a
            # character that is not a word's; any look-around takes no room.
            direction, body = av
            edge = -1 if step < 0 else 0
            if body and direction == step and _nonword(*body[edge]):
                return True
        elif op is not _sre.ASSERT_NOT:
            return _nonword(op, av)
        at += step
    return inherited


#: Words in nearly every paragraph: a poor filter when a pattern offers another.
_COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "is",
        "it",
        "its",
        "my",
        "not",
        "of",
        "on",
        "or",
        "our",
        "s",
        "she",
        "that",
        "the",
        "their",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "you",
        "your",
    ]
)


def _score(found: _Set) -> float:
    """How selective a requirement is: its weakest alternative. A whole word
    counts more than a substring of the same length, a common word less, and
    spaces in a substring next to nothing."""
    return min(_selective(kind, text) for kind, text in found)


def _selective(kind: str, text: str) -> float:
    if kind == "w":
        return len(text) + (0 if text in _COMMON else 3)
    return len(text.replace(" ", "")) + 0.1 * text.count(" ")


def _better(a: _Set | None, b: _Set | None) -> _Set | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _score(a) >= _score(b) else b


def _run(text: str, left: bool, right: bool) -> _Set:
    """A literal run's requirement: its longest word that is whole in any
    match, else the run as a substring."""
    whole = [
        frozenset([("w", m.group())])
        for m in _ASCII_WORD.finditer(text)
        if (m.start() > 0 or left) and (m.end() < len(text) or right)
    ]
    return max([*whole, frozenset([("s", text)])], key=_score)  # a word first on a tie


def _sequence(items: Sequence[tuple[Any, Any]], *, left: bool, right: bool) -> _Set | None:
    best: _Set | None = None
    i = 0
    while i < len(items):
        chars: list[str] = []
        j = i
        while j < len(items) and (char := _char(*items[j])) is not None:
            chars.append(char)
            j += 1
        if chars:
            guards = _guarded(items, i - 1, -1, left), _guarded(items, j, 1, right)
            best = _better(best, _run("".join(chars), *guards))
            i = j
            continue
        op, av = items[i]
        guards = _guarded(items, i - 1, -1, left), _guarded(items, i + 1, 1, right)
        best = _better(best, _item(op, av, *guards))
        i += 1
    return best


def _item(op: Any, av: Any, left: bool, right: bool) -> _Set | None:
    if op is _sre.SUBPATTERN:
        return _sequence(list(av[-1]), left=left, right=right)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(list(av), left=left, right=right)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        if low < 1:
            return None
        if len(body) == 1 and (char := _char(*body[0])) is not None:
            return frozenset([("s", char * min(low, 8))])  # ",{2,}": ",,"
        once = low == high == 1
        return _sequence(list(body), left=left and once, right=right and once)
    if op is _sre.ASSERT:  # a look-ahead or -behind must match inside the block too
        return _sequence(list(av[1]), left=False, right=False)
    if op is _sre.BRANCH:
        options = [_sequence(list(branch), left=left, right=right) for branch in av[1]]
        if any(not option for option in options):
            return None
        return frozenset().union(*options)  # type: ignore[arg-type]
    return None


class Literals:
    """One document's lowered prose and its words, to find the blocks that
    hold what a rule requires."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        lowered = doc.masked.lower()
        # Lowering can change the length (rare letters): then filter nothing.
        self.text: str | None = lowered if len(lowered) == len(doc.masked) else None
        #: Letters a case-blind pattern matches as an ASCII one ("ſ" as "s",
        #: "İ" as "i") that lowering does not turn into it: filter nothing.
        if any(c in doc.masked for c in _FOLDS_TO_ASCII):
            self.text = None
        self._words: dict[str, list[int]] | None = None

    @property
    def words(self) -> dict[str, list[int]]:
        """Each word of the text, with the offsets it starts at, in order."""
        if self._words is None:
            index: dict[str, list[int]] = {}
            for match in _WORD.finditer(self.text or ""):
                index.setdefault(match.group(), []).append(match.start())
            self._words = index
        return self._words

    def anywhere(self, required: Requirement) -> bool:
        text = self.text
        if text is None:
            return True
        words, substrings = required
        index = self.words
        return any(word in index for word in words) or any(s in text for s in substrings)

    def blocks(
        self, required: Requirement, spans: tuple[tuple[int, int], ...]
    ) -> tuple[tuple[int, int], ...]:
        """The spans (sorted by start) that hold what ``required`` asks for."""
        text = self.text
        if text is None:
            return spans
        words, substrings = required
        index = self.words
        positions: list[int] = []
        for word in words:
            positions.extend(index.get(word, ()))
        limit = 4 * len(spans) + 16
        for substring in substrings:
            at = text.find(substring)
            while at != -1:
                positions.append(at)
                if len(positions) > limit:
                    return spans  # everywhere: filtering would cost more than it saves
                at = text.find(substring, at + 1)
        if not positions:
            return ()
        positions.sort()
        kept = []
        for start, end in spans:
            i = bisect.bisect_left(positions, start)
            if i < len(positions) and positions[i] < end:
                kept.append((start, end))
        return tuple(kept)
