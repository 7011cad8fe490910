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

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.document import Document

__all__ = ["RenderedView", "render", "view_of"]

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class RenderedView:
    """The view, and where its text came from: ``pieces`` are runs of the
    view copied one for one from the source (``view start``, ``source
    start``, length), in order; source characters in no piece were left out."""

    doc: Document
    pieces: tuple[tuple[int, int, int], ...]
    source_length: int
    #: The pieces' view starts and source starts, for bisection.
    view_starts: tuple[int, ...] = ()
    source_starts: tuple[int, ...] = ()

    def start(self, offset: int) -> int:
        """A view start offset in the source."""
        index = bisect.bisect_right(self.view_starts, offset) - 1
        if index < 0:
            return 0
        view, source, length = self.pieces[index]
        if offset < view + length:
            return source + offset - view
        return self.source_length

    def end(self, offset: int) -> int:
        """A view end offset (exclusive) in the source."""
        return self.start(offset - 1) + 1 if offset > 0 else 0

    def to_view(self, offset: int) -> int:
        """The view offset of the first view character from source ``offset`` on."""
        index = bisect.bisect_right(self.source_starts, offset) - 1
        if index < 0:
            return 0
        view, source, length = self.pieces[index]
        return view + min(offset - source, length)


def _gap_pieces(gap: str, at: int) -> Iterator[tuple[int, str]]:
    """What a run of markup inside a block keeps (source offset, text): all of
    it when only whitespace, else inline code's content, as ``*``s."""
    if not gap.strip():
        yield at, gap
        return
    for match in _CODE.finditer(gap):
        yield at + match.start(2), "*" * (match.end(2) - match.start(2))


def _runs(doc: Document) -> Iterator[tuple[int, str]]:
    """The view's text in runs, each with its source offset."""
    text, masked, prose = doc.text, doc.masked, doc.prose
    index = 0
    position = 0
    for block in doc.blocks:
        if block.start > position:
            yield position, masked[position : block.start]
        cursor = max(block.start, position)
        while cursor < block.end:
            while index < len(prose) and prose[index][1] <= cursor:
                index += 1
            if index < len(prose) and prose[index][0] <= cursor:
                end = min(prose[index][1], block.end)
                yield cursor, text[cursor:end]
            else:
                upcoming = prose[index][0] if index < len(prose) else block.end
                end = min(upcoming, block.end)
                yield from _gap_pieces(text[cursor:end], cursor)
            cursor = end
        position = max(position, block.end)
    if position < len(text):
        yield position, masked[position:]


def _plain(doc: Document) -> bool:
    """Whether no block holds markup the view would change."""
    prose = doc.prose
    for block in doc.blocks:
        first = bisect.bisect_right(prose, (block.start, len(doc.text) + 1)) - 1
        cursor = block.start
        for start, end in prose[max(first, 0) :]:
            if start >= block.end:
                break
            if end <= cursor:
                continue
            if start > cursor and doc.text[cursor:start].strip():
                return False
            cursor = max(cursor, end)
        if cursor < block.end and doc.text[cursor : block.end].strip():
            return False
    return True


def render(doc: Document, *, metadata: bool = False) -> RenderedView | None:
    """The view of a Markdown document whose blocks hold inline markup, or
    ``None`` when it would read the same as the document. With ``metadata``,
    the front matter's top-level string values are blocks of the view too
    (scope ``text`` only), as Vale lints them."""
    if doc.format != "markdown":
        return None
    values = front_matter_values(doc.text) if metadata else []
    if values:
        doc = _with_values(doc, values)
    elif _plain(doc):
        return None
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    length = 0
    for source, chunk in _runs(doc):
        if not chunk:
            continue
        parts.append(chunk)
        pieces.append((length, source, len(chunk)))
        length += len(chunk)
    view = RenderedView(
        doc,
        tuple(pieces),
        len(doc.text),
        tuple(p[0] for p in pieces),
        tuple(p[1] for p in pieces),
    )
    return replace(view, doc=_view_document(doc, "".join(parts), view))


def _view_document(doc: Document, rendered: str, view: RenderedView) -> Document:
    def span(start: int, end: int) -> tuple[int, int]:
        return view.to_view(start), view.to_view(end)

    blocks = tuple(
        replace(
            block,
            start=view.to_view(block.start),
            end=view.to_view(block.end),
            inline=tuple((kind, *span(s, e)) for kind, s, e in block.inline),
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


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
_TOP_KEY = re.compile(r"^([^\s#:][^:\r\n]*):[ \t]+(\S[^\r\n]*?)[ \t]*$", re.M)


def front_matter_values(text: str) -> list[tuple[int, int]]:
    """The spans of a YAML front matter's top-level string values, written on
    their key's line (quoted or plain; not lists, mappings, dates, numbers or
    block scalars): what Vale lints in it."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return []
    import yaml

    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return []
    if not isinstance(data, dict):
        return []
    spans: list[tuple[int, int]] = []
    for line in _TOP_KEY.finditer(found.group(1)):
        value = data.get(line.group(1).strip())
        if not isinstance(value, str) or not value:
            continue
        raw = line.group(2)
        start = found.start(1) + line.start(2)
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
            raw, start = raw[1:-1], start + 1
        if raw == value:
            spans.append((start, start + len(raw)))
    return spans


def _with_values(doc: Document, values: list[tuple[int, int]]) -> Document:
    """``doc`` with front-matter values as prose blocks of their own."""
    from editor.segment import Block

    text = list(doc.masked)
    for start, end in values:
        text[start:end] = doc.text[start:end]
    blocks = tuple(
        sorted(
            (*(Block(s, e, "metadata", scope="metadata") for s, e in values), *doc.blocks),
            key=lambda b: b.start,
        )
    )
    return replace(
        doc,
        masked="".join(text),
        prose=tuple(sorted((*values, *doc.prose))),
        blocks=blocks,
        block_starts=tuple(b.start for b in blocks),
    )


class _LastView:
    """The views of the document being checked: every rule reads the same one."""

    doc: Document | None = None
    views: dict[bool, RenderedView | None]


def view_of(doc: Document, *, metadata: bool = False) -> RenderedView | None:
    """``render(doc, metadata=…)``, worked out once per document."""
    if _LastView.doc is not doc:
        _LastView.doc, _LastView.views = doc, {}
    if metadata not in _LastView.views:
        _LastView.views[metadata] = render(doc, metadata=metadata)
    return _LastView.views[metadata]
