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

An image's text is not part of its block, as in Vale, which reads it apart
(scope ``alt``) when it meets the image, before the block: the view moves
each image's text to just before its block, on a line of its own, so the
block reads "Install the  tool" and a rule counting or capitalizing the block
sees what Vale sees.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.document import Document
    from editor.segment import Block

__all__ = ["RenderedView", "render", "view_of"]

_MASKED = re.compile(
    r"(`+)(.+?)\1|<((?i:https?)://[^\s<>]+)>|(?<![\w/(<\[])((?i:https?)://[^\s<>`]*[^\s<>`.,;:!?)\]])"
    r"|(&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    re.S,
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class RenderedView:
    """The view, and where its text came from: ``pieces`` are runs of the
    view copied one for one from the source (``view start``, ``source
    start``, length), in order; source characters in no piece were left out."""

    doc: Document
    pieces: tuple[tuple[int, int, int], ...]
    source_length: int
    #: The pieces' view starts, for bisection; their source starts, sorted,
    #: with the index of the piece each belongs to (an image's text is moved,
    #: so the pieces are in view order, not always in source order).
    view_starts: tuple[int, ...] = ()
    source_starts: tuple[int, ...] = ()
    source_order: tuple[int, ...] = ()
    #: The pieces moved before their block: an image's text and the line
    #: break after it.
    moved: frozenset[int] = frozenset()

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

    def to_view_start(self, offset: int, *, moved: bool = False) -> int:
        """``to_view`` for a start offset: the view character of source
        ``offset``, or of the first source character after it that has one;
        outside the text moved before a block unless ``moved``."""
        index = bisect.bisect_right(self.source_starts, offset) - 1
        if index >= 0:
            piece = self.source_order[index]
            view, source, length = self.pieces[piece]
            if offset < source + length and (moved or piece not in self.moved):
                return view + offset - source
        for following in self.source_order[index + 1 :]:
            if moved or following not in self.moved:
                return self.pieces[following][0]
        return self.pieces[-1][0] + self.pieces[-1][2] if self.pieces else 0

    def to_view_end(self, offset: int) -> int:
        """``to_view`` for an end offset: just past the view character of the
        source character before ``offset``."""
        index = bisect.bisect_left(self.source_starts, offset) - 1
        if index < 0:
            return 0
        view, source, length = self.pieces[self.source_order[index]]
        return view + min(offset - source, length)

    def to_view(self, offset: int) -> int:
        """The view offset of source ``offset``: where its piece puts it, or,
        between pieces, the end of the piece before it."""
        index = bisect.bisect_right(self.source_starts, offset) - 1
        if index < 0:
            return 0
        view, source, length = self.pieces[self.source_order[index]]
        return view + min(offset - source, length)


def _gap_pieces(gap: str, at: int, *, code_text: bool = False) -> Iterator[tuple[int, str]]:
    """What a run of markup inside a block keeps (source offset, text): all of
    it when only whitespace, else inline code's content and a link whose text
    is its address (``<https://…>``, a bare ``https://…``), as ``*``s, as
    Vale masks both, and a character reference as its character ("&hearts;"
    reads "♥")."""
    if not gap.strip():
        yield at, gap
        return
    for match in _MASKED.finditer(gap):
        group = next(g for g in (2, 3, 4, 5) if match.group(g) is not None)
        if group == 5:  # a character reference reads as its character
            character = html.unescape(match.group(5))
            if character != match.group(5):
                yield at + match.start(5), character
            continue
        if code_text and group == 2:  # in an image's text, code reads as text
            yield at + match.start(group), match.group(group)
            continue
        yield at + match.start(group), "*" * (match.end(group) - match.start(group))


def _alts(block: Block) -> list[tuple[int, int]]:
    """An image's text in the block: Vale reads it apart, before the block."""
    return [(s, e) for kind, s, e in block.inline if kind == "alt" and e > s]


def _runs(doc: Document) -> Iterator[tuple[int, str, bool]]:
    """The view's text in runs, each with its source offset, and whether it
    is moved: an image's text, or the line break after it."""
    text, masked = doc.text, doc.masked
    position = 0
    for block in doc.blocks:
        alts = _alts(block)
        # An image's text may start before the block's prose (with its code).
        begin = min([block.start, *(s for s, _ in alts)])
        if begin > position:
            yield position, masked[position:begin], False
            position = begin
        for start, end in alts:  # an image's text, read before its block
            for at, chunk in _span_runs(doc, start, end, code_text=True):
                yield at, chunk, True
            yield end, "\n", True
        stretches = []  # the block less its images' text
        cursor = max(block.start, position)
        for start, end in alts:
            if start > cursor:
                stretches.append((cursor, _before_image(text, cursor, start, end)))
            cursor = max(cursor, end)
        if cursor < block.end:
            stretches.append((cursor, block.end))
        for start, end in stretches:
            for at, chunk in _span_runs(doc, start, end):
                yield at, chunk, False
        position = max(position, block.end)
    if position < len(text):
        yield position, masked[position:], False


#: An image's tail ("](url)"), then what Vale joins to the text before the
#: image without a space: punctuation.
_IMAGE_THEN_STOP = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)[.?!,:;)\]}—–]")


def _before_image(text: str, cursor: int, alt_start: int, alt_end: int) -> int:
    """Where the text before an image ends: Vale reads an image followed by
    punctuation as nothing at all ("over ![x](y)!!" reads "over!!"), so the
    space before it goes too."""
    if not _IMAGE_THEN_STOP.match(text, alt_end):
        return alt_start
    bang = text.rfind("![", cursor, alt_start)
    if bang < 0:
        return alt_start
    end = bang
    while end > cursor and text[end - 1] in " \t":
        end -= 1
    return end


def _span_runs(
    doc: Document, start: int, end: int, *, code_text: bool = False
) -> Iterator[tuple[int, str]]:
    """The runs of ``start..end`` inside a block: its prose, and what its
    markup keeps (see ``_gap_pieces``)."""
    text, prose = doc.text, doc.prose
    index = max(bisect.bisect_right(prose, (start, len(text) + 1)) - 1, 0)
    cursor = start
    while cursor < end:
        while index < len(prose) and prose[index][1] <= cursor:
            index += 1
        if index < len(prose) and prose[index][0] <= cursor:
            stop = min(prose[index][1], end)
            yield cursor, text[cursor:stop]
        else:
            upcoming = prose[index][0] if index < len(prose) else end
            stop = min(upcoming, end)
            yield from _gap_pieces(text[cursor:stop], cursor, code_text=code_text)
        cursor = stop


def _plain(doc: Document) -> bool:
    """Whether no block holds markup the view would change, nor an image's
    text it would move."""
    prose = doc.prose
    for block in doc.blocks:
        if _alts(block):
            return False
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


def render(doc: Document, *, metadata: bool = False, edges: bool = False) -> RenderedView | None:
    """The view of a Markdown document whose blocks hold inline markup, or
    ``None`` when it would read the same as the document. With ``metadata``,
    the front matter's top-level string values are blocks of the view too
    (scope ``text`` only), as Vale lints them. With ``edges``, a block that
    starts or ends with inline code or an autolink holds its ``*``s, as
    Vale's block text does ("******** checks files")."""
    if doc.format != "markdown":
        return None
    if edges:
        doc = _with_edges(doc)
    values = front_matter_values(doc.text) if metadata else []
    if values:
        doc = _with_values(doc, values)
    elif _plain(doc):
        return None
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    length = 0
    moved: list[int] = []
    for source, chunk, moving in _runs(doc):
        if not chunk:
            continue
        if moving:
            moved.append(len(pieces))
        parts.append(chunk)
        pieces.append((length, source, len(chunk)))
        length += len(chunk)
    order = sorted(range(len(pieces)), key=lambda i: pieces[i][1])
    view = RenderedView(
        doc,
        tuple(pieces),
        len(doc.text),
        tuple(p[0] for p in pieces),
        tuple(pieces[i][1] for i in order),
        tuple(order),
        frozenset(moved),
    )
    return replace(view, doc=_view_document(doc, "".join(parts), view))


def _view_document(doc: Document, rendered: str, view: RenderedView) -> Document:
    def span(start: int, end: int) -> tuple[int, int]:
        return view.to_view_start(start, moved=True), view.to_view_end(end)

    # A block's or a sentence's ends, past any image text at either end (that
    # text is moved out, before the block).
    alts = sorted(a for block in doc.blocks for a in _alts(block))
    starts = [s for s, _ in alts]

    def outside(start: int, end: int) -> tuple[int, int]:
        if not alts:
            return span(start, end)
        i = bisect.bisect_right(starts, start) - 1
        while 0 <= i < len(alts) and alts[i][0] <= start < alts[i][1]:
            start = alts[i][1]
            i += 1
        j = bisect.bisect_left(starts, end) - 1
        while 0 <= j < len(alts) and alts[j][0] < end <= alts[j][1]:
            end = alts[j][0]
            j -= 1
        if end <= start:
            at = view.to_view(start)
            return at, at
        return view.to_view_start(start), view.to_view_end(end)

    blocks = tuple(
        replace(
            block,
            start=outside(block.start, block.end)[0],
            end=outside(block.start, block.end)[1],
            inline=tuple((kind, *span(s, e)) for kind, s, e in block.inline),
        )
        for block in doc.blocks
    )
    return replace(
        doc,
        text=rendered,
        masked=rendered,
        # Within a block, every character of the view is text a reader sees.
        prose=_merged(
            [(b.start, b.end) for b in blocks]
            + [(s, e) for b in blocks for kind, s, e in b.inline if kind == "alt"]
        ),
        blocks=blocks,
        sentences=tuple(outside(s, e) for s, e in doc.sentences),
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


#: Inline code or an autolink, and runs of them: what a block may start or
#: end with that is not prose.
_MASKED_RUN = r"(?:(?:`+[^`\n]+?`+|<(?i:https?)://[^\s<>]+>)[ \t]*)+"
#: A line up to a block's start: containers' markers (quote, list items,
#: heading, table cell), then such a run.
_LEAD = re.compile(
    r"(?:^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)]|#{1,6})[ \t]+)*|\|[ \t]*)(?P<run>" + _MASKED_RUN + ")$",
    re.M,
)
_TRAIL = re.compile(
    r"(?P<run>(?:[ \t]*(?:`+[^`\n]+?`+|<(?i:https?)://[^\s<>]+>))+)[ \t]*(?:\||#*[ \t]*$)",
    re.M,
)


def _with_edges(doc: Document) -> Document:
    """``doc`` with each block widened over the inline code and autolinks on
    its first line before it and on its last line after it, and with the
    blocks that hold nothing else (``Document.code_blocks``)."""
    text = doc.text
    blocks = list(doc.code_blocks)
    for block in doc.blocks:
        start, end = block.start, block.end
        line_start = text.rfind("\n", 0, start) + 1
        lead = _LEAD.search(text, line_start, start)
        if lead is not None:
            start = lead.start("run")
        line_end = text.find("\n", end)
        trail = _TRAIL.match(text, end, len(text) if line_end < 0 else line_end)
        if trail is not None:
            end = trail.end("run")
        blocks.append(
            block
            if (start, end) == (block.start, block.end)
            else replace(block, start=start, end=end)
        )
    blocks.sort(key=lambda b: b.start)
    return replace(doc, blocks=tuple(blocks), block_starts=tuple(b.start for b in blocks))


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
    views: dict[tuple[bool, bool], RenderedView | None]


def view_of(doc: Document, *, metadata: bool = False, edges: bool = False) -> RenderedView | None:
    """``render(doc, metadata=…, edges=…)``, worked out once per document."""
    if _LastView.doc is not doc:
        _LastView.doc, _LastView.views = doc, {}
    key = (metadata, edges)
    if key not in _LastView.views:
        _LastView.views[key] = render(doc, metadata=metadata, edges=edges)
    return _LastView.views[key]
