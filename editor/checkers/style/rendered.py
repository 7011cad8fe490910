"""A Markdown document as Vale's rules read it: the text of each block as
rendered, not as written.

Vale lints the text Markdown renders to: ``**Note:** The`` reads "Note: The",
``see [the docs](https://…) now`` reads "see the docs now", and inline code is
kept as one ``*`` per character (``such as `str`, and`` reads "such as ***,
and"), so a pattern matches across inline markup as a reader sees the
sentence. Rules run on this view; each hit is mapped back to the source, so
every finding still carries exact offsets into the original.

Per character: prose is kept; inside a block, a run of markup that is not
only whitespace loses every character but inline code's content, which
becomes ``*``; outside blocks, the masked text is kept as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.document import Document

__all__ = ["RenderedView", "render", "view_of"]

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class RenderedView:
    doc: Document
    #: Source offset of each character of ``doc.text``.
    source: tuple[int, ...]
    #: For each source offset, the view offset of the first character at or after it.
    view: tuple[int, ...]
    source_length: int

    def start(self, offset: int) -> int:
        """A view start offset in the source."""
        return self.source[offset] if offset < len(self.source) else self.source_length

    def end(self, offset: int) -> int:
        """A view end offset (exclusive) in the source."""
        return self.source[offset - 1] + 1 if offset > 0 else 0

    def to_view(self, offset: int) -> int:
        return self.view[offset]


def _gap_chars(gap: str) -> list[str | None]:
    """What each character of a run of markup inside a block becomes (``None``:
    removed): all kept when only whitespace, else inline code's content as ``*``."""
    if not gap.strip():
        return list(gap)
    out: list[str | None] = [None] * len(gap)
    for match in _CODE.finditer(gap):
        for index in range(match.start(2), match.end(2)):
            out[index] = "*"
    return out


def render(doc: Document) -> RenderedView | None:
    """The view of a Markdown document whose blocks hold inline markup, or
    ``None`` when it would read the same as the document."""
    if doc.format != "markdown":
        return None
    text, masked = doc.text, doc.masked
    chars: list[str] = []
    source: list[int] = []
    changed = False
    prose_index = 0
    position = 0
    for block in doc.blocks:
        for offset in range(position, block.start):
            chars.append(masked[offset])
            source.append(offset)
        cursor = block.start
        while cursor < block.end:
            while prose_index < len(doc.prose) and doc.prose[prose_index][1] <= cursor:
                prose_index += 1
            inside = prose_index < len(doc.prose) and doc.prose[prose_index][0] <= cursor
            if inside:
                run_end = min(doc.prose[prose_index][1], block.end)
                for offset in range(cursor, run_end):
                    chars.append(text[offset])
                    source.append(offset)
                cursor = run_end
                continue
            upcoming = doc.prose[prose_index][0] if prose_index < len(doc.prose) else block.end
            gap_end = min(upcoming, block.end)
            gap = text[cursor:gap_end]
            for index, char in enumerate(_gap_chars(gap)):
                if char is None:
                    changed = True
                    continue
                changed = changed or char != gap[index]
                chars.append(char)
                source.append(cursor + index)
            cursor = gap_end
        position = max(position, block.end)
    for offset in range(position, len(text)):
        chars.append(masked[offset])
        source.append(offset)
    if not changed:
        return None
    view = [0] * (len(text) + 1)
    at = 0
    for offset in range(len(text) + 1):
        while at < len(source) and source[at] < offset:
            at += 1
        view[offset] = at
    rendered = "".join(chars)
    return RenderedView(_view_document(doc, rendered, view), tuple(source), tuple(view), len(text))


def _view_document(doc: Document, rendered: str, view: list[int]) -> Document:
    def span(start: int, end: int) -> tuple[int, int]:
        return view[start], view[end]

    blocks = tuple(
        replace(
            block,
            start=view[block.start],
            end=view[block.end],
            inline=tuple((kind, view[s], view[e]) for kind, s, e in block.inline),
        )
        for block in doc.blocks
    )
    return replace(
        doc,
        text=rendered,
        masked=rendered,
        # Within a block, every character of the view is text a reader sees.
        prose=_merged([span(b.start, b.end) for b in doc.blocks]),
        blocks=blocks,
        sentences=tuple(span(s, e) for s, e in doc.sentences),
        line_starts=(0, *(m.end() for m in _LINE_BREAK.finditer(rendered))),
        block_starts=tuple(b.start for b in blocks),
    )


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif end > start:
            out.append((start, end))
    return tuple(out)


class _LastView:
    """The view of the document being checked: every rule reads the same one."""

    doc: Document | None = None
    view: RenderedView | None = None


def view_of(doc: Document) -> RenderedView | None:
    """``render(doc)``, worked out once per document."""
    if _LastView.doc is not doc:
        _LastView.doc, _LastView.view = doc, render(doc)
    return _LastView.view
