"""How much text one call to a paragraph engine may get, and cutting a
document's paragraphs down to that.

Harper's cost grows out of proportion with some shapes of input (measured with
harper-py 0.2.0 on this project's 2-core machine, one call each):

- one whitespace-free "word": 1,000 random letters take 0.65 s, 5,000 take
  7.7 s; 20,000 repeated letters need 600 MB, 60,000 need 1.4 GB, and about
  90,000 make it abort the whole process on a 30 GB allocation;
- one sentence with no end: 1,000 words (4,900 characters) 0.09 s, 10,000 words
  0.9 s, 30,000 words 4.6 s (worse than linear);
- a paragraph of ordinary sentences is linear: 100,000 words in 1 s.

So a run of more than ``Limits.word`` non-space characters is not a word (real
words stay under 50; long URLs in plain text are not prose either): it is
blanked to spaces of equal length in the text sent, so offsets hold and the
rest of the paragraph is still checked (a run of spaces costs Harper nothing).
A paragraph longer than ``Limits.paragraph`` is sent in pieces cut at sentence
boundaries, each under the limit; a sentence longer than ``Limits.sentence``
is cut at its line breaks, and what is still too long is skipped. Every skip
is a notice. Sentences and paragraphs are measured in characters that are
neither whitespace nor blanked, since a run of spaces (masked markup such as a
data URI, or a blanked word) costs Harper nothing. The values are far beyond
real prose (a 2,000-word paragraph has about 10,000 such characters) and keep
one engine call well under a second.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from editor.document import Document

__all__ = ["BATCH_CHARACTERS", "BATCH_PARAGRAPHS", "LIMITS", "Limits", "Piece", "Skip", "pieces"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Largest word, sentence and paragraph sent to an engine, in characters
    (for sentences and paragraphs, not counting whitespace and blanked words)."""

    word: int = 300
    sentence: int = 10_000
    paragraph: int = 20_000


#: The limits of every paragraph engine that does not set its own ``limits``.
LIMITS = Limits()

#: Paragraphs go to the engine in batches of at most this many paragraphs and
#: characters, so that progress can move and a stuck engine is noticed early.
BATCH_PARAGRAPHS = 32
BATCH_CHARACTERS = 50_000


@dataclass(frozen=True, slots=True)
class Piece:
    """Text for one engine call, starting at ``start`` in the document.

    ``blanked`` lists the (document) spans of over-long words that are spaces
    in ``text``; findings touching them are not the writer's."""

    start: int
    text: str
    blanked: tuple[tuple[int, int], ...] = ()

    def touches_blank(self, start: int, end: int) -> bool:
        return any(start <= b_end and end >= b_start for b_start, b_end in self.blanked)


@dataclass(frozen=True, slots=True)
class Skip:
    """Text not sent to the engine: an over-long ``word`` or ``sentence``."""

    what: str
    start: int
    end: int


@cache
def _long_word(limit: int) -> re.Pattern[str]:
    # The look-behind anchors a match at the start of a run, so runs shorter
    # than the limit are scanned once: linear.
    return re.compile(rf"(?<!\S)\S{{{limit + 1},}}")


class _Blanks:
    """Sorted, disjoint blanked spans of a document's masked text, and the
    cost of a range of it."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.total = [0]
        for s, e in spans:
            self.total.append(self.total[-1] + e - s)

    def covered(self, start: int, end: int) -> int:
        i = bisect.bisect_right(self.ends, start)
        j = bisect.bisect_left(self.starts, end)
        if i >= j:
            return 0
        covered = self.total[j] - self.total[i]
        covered -= max(0, start - self.starts[i])
        covered -= max(0, self.ends[j - 1] - end)
        return covered

    def cost(self, start: int, end: int) -> int:
        """What the engine really has to read in ``start:end``: its characters
        less whitespace (masked markup, a blanked word: a run of spaces costs
        Harper nothing) and blanked words."""
        chunk = self.text[start:end]
        spaces = sum(chunk.count(c) for c in _WHITESPACE)
        return end - start - spaces - self.covered(start, end)

    def within(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        i = bisect.bisect_right(self.ends, start)
        j = bisect.bisect_left(self.starts, end)
        return tuple(self.spans[i:j])


_WHITESPACE = " \n\t\r\f\v"


def pieces(doc: Document, limits: Limits = LIMITS) -> tuple[list[Piece], list[Skip]]:
    """The text to send for each paragraph of ``doc`` (a paragraph within the
    limits is one piece, exactly its masked text), and what was left out."""
    found: list[Piece] = []
    skipped: list[Skip] = []
    pattern = _long_word(limits.word)
    for block in doc.blocks:
        text = doc.masked[block.start : block.end]
        if not text.strip():
            continue
        spans = [m.span() for m in pattern.finditer(doc.masked, block.start, block.end)]
        skipped.extend(Skip("word", s, e) for s, e in spans)
        if spans:
            text = _blank(text, spans, block.start)
        blanks = _Blanks(doc.masked, spans)
        size = blanks.cost(block.start, block.end)
        if size <= limits.sentence:
            if size:
                found.append(Piece(block.start, text, tuple(spans)))
            continue
        units = list(_units(doc, block.start, block.end, blanks, limits))
        if size <= limits.paragraph and not any(isinstance(u, Skip) for u in units):
            found.append(Piece(block.start, text, tuple(spans)))
            continue
        # Whitespace between sentences costs nothing, so a chunk's cost is its units'.
        chunk: tuple[int, int] | None = None
        chunk_cost = 0
        for unit in units:
            if isinstance(unit, Skip):
                skipped.append(unit)
                if chunk is not None:
                    found.append(_piece(chunk, text, block.start, blanks))
                chunk = None
                continue
            start, end, cost = unit
            if chunk is not None and chunk_cost + cost > limits.paragraph:
                found.append(_piece(chunk, text, block.start, blanks))
                chunk = None
            chunk, chunk_cost = (
                ((start, end), cost) if chunk is None else ((chunk[0], end), chunk_cost + cost)
            )
        if chunk is not None:
            found.append(_piece(chunk, text, block.start, blanks))
    return [p for p in found if p.text.strip()], skipped


def _blank(text: str, spans: Sequence[tuple[int, int]], base: int) -> str:
    parts: list[str] = []
    at = 0
    for start, end in spans:
        parts.append(text[at : start - base])
        parts.append(" " * (end - start))
        at = end - base
    parts.append(text[at:])
    return "".join(parts)


def _piece(chunk: tuple[int, int], text: str, base: int, blanks: _Blanks) -> Piece:
    start, end = chunk
    return Piece(start, text[start - base : end - base], blanks.within(start, end))


def _sentences(doc: Document, start: int, end: int) -> Iterator[tuple[int, int]]:
    i = bisect.bisect_left(doc.sentences, (start, -1))
    while i < len(doc.sentences) and doc.sentences[i][0] < end:
        yield doc.sentences[i]
        i += 1


def _units(
    doc: Document, start: int, end: int, blanks: _Blanks, limits: Limits
) -> Iterator[tuple[int, int, int] | Skip]:
    """The sentences of a paragraph in order with their cost, an over-long one
    cut at its line breaks, and what is still over the limit as a ``Skip``."""
    for s_start, s_end in _sentences(doc, start, end):
        cost = blanks.cost(s_start, s_end)
        if cost <= limits.sentence:
            yield s_start, s_end, cost
            continue
        for l_start, l_end in _lines(doc.masked, s_start, s_end):
            cost = blanks.cost(l_start, l_end)
            if cost <= limits.sentence:
                yield l_start, l_end, cost
            else:
                yield Skip("sentence", l_start, l_end)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]``, trimmed."""
    at = start
    while at < end:
        stop = text.find("\n", at, end)
        stop = end if stop < 0 else stop
        line = text[at:stop]
        stripped = line.strip()
        if stripped:
            left = at + len(line) - len(line.lstrip())
            yield left, left + len(stripped)
        at = stop + 1
