"""Skipping text a rule cannot match, before its regular expression runs.

Most house rules look for words ("in an order to", "alot"): a block that
contains none of them cannot match, and a substring test is far cheaper than
a regex scan. ``required_literals`` reads a pattern (with Python's own regex
parser) and returns strings one of which every match must contain, lowered;
``Literals`` finds, once per document, which blocks contain one.

The test is only ever a necessary condition: a rule whose pattern yields no
such strings (``\\w+``, back-references, syntax only the ``regex`` module
knows) runs everywhere, as before. Only ASCII letters count, so lowering
the text and the literal agree whatever the rule's case setting.
"""

from __future__ import annotations

import bisect
import importlib
import re
from typing import TYPE_CHECKING, Any

try:  # Python 3.11+: the parser behind ``re`` (its opcodes are its attributes)
    _sre: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - a future Python without it: no prefilter
    _sre = None

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.document import Document

__all__ = ["Literals", "required_literals"]

_Set = frozenset[str]

_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])")

#: Non-ASCII letters whose case folding is an ASCII letter.
_FOLDS_TO_ASCII = "\u017f\u0130"


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which is in any text ``pattern`` matches, or
    ``None`` when the pattern offers no such set."""
    if _sre is None:
        return None
    # What only the regex module knows, and never a literal: \p{L} is, for
    # this purpose, \w (inside a class too).
    pattern = _PROPERTY.sub(r"\1\\w", pattern)
    try:
        parsed = _sre.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    found = _sequence(list(parsed))
    if not found or not all(found):
        return None
    return tuple(sorted(found))  # sorted: a rule's repr is its cache identity


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


def _better(a: _Set | None, b: _Set | None) -> _Set | None:
    """The more selective of two requirements: the longer shortest string."""
    if a is None:
        return b
    if b is None:
        return a
    return a if min(map(len, a)) >= min(map(len, b)) else b


def _sequence(items: Sequence[tuple[Any, Any]]) -> _Set | None:
    best: _Set | None = None
    run: list[str] = []

    def close_run() -> None:
        nonlocal best
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        char = _char(op, av)
        if char is not None:
            run.append(char)
            continue
        close_run()
        best = _better(best, _item(op, av))
    close_run()
    return best


def _item(op: Any, av: Any) -> _Set | None:
    if op is _sre.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is _sre.ASSERT:  # a look-ahead or -behind must match inside the block too
        return _sequence(list(av[1]))
    if op is _sre.BRANCH:
        options = [_sequence(list(branch)) for branch in av[1]]
        if any(not option for option in options):
            return None
        return frozenset().union(*options)  # type: ignore[arg-type]
    return None


class Literals:
    """One document's lowered prose, to find the blocks a rule's literals are in."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        lowered = doc.masked.lower()
        # Lowering can change the length (rare letters): then block by block.
        self.text: str | None = lowered if len(lowered) == len(doc.masked) else None
        #: Letters a case-blind pattern matches as an ASCII one ("ſ" as "s",
        #: "İ" as "i") that lowering does not turn into it: filter nothing.
        self.exotic = any(c in doc.masked for c in _FOLDS_TO_ASCII)

    def anywhere(self, literals: Sequence[str]) -> bool:
        text = self.text
        if text is None or self.exotic:
            return True
        return any(literal in text for literal in literals)

    def blocks(
        self, literals: Sequence[str], spans: tuple[tuple[int, int], ...]
    ) -> tuple[tuple[int, int], ...]:
        """The spans (sorted by start) that contain one of ``literals``."""
        if self.exotic:
            return spans
        text = self.text
        if text is None:
            masked = self.doc.masked
            return tuple(
                (s, e) for s, e in spans if any(lit in masked[s:e].lower() for lit in literals)
            )
        positions: list[int] = []
        limit = 4 * len(spans) + 16
        for literal in literals:
            at = text.find(literal)
            while at != -1:
                positions.append(at)
                if len(positions) > limit:
                    return spans  # everywhere: filtering would cost more than it saves
                at = text.find(literal, at + 1)
        if not positions:
            return ()
        positions.sort()
        kept = []
        for start, end in spans:
            i = bisect.bisect_left(positions, start)
            if i < len(positions) and positions[i] < end:
                kept.append((start, end))
        return tuple(kept)
