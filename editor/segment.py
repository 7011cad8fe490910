"""Finding the prose in a source text: prose ranges, blocks and sentences.

Markdown goes through pyromark (pulldown-cmark), whose UTF-8 byte ranges are
turned into character offsets here, once. Plain text is prose throughout,
split into paragraphs. In both, bare URLs and e-mail addresses are not prose.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "Block",
    "capitalized_inside_sentence",
    "html_comments",
    "lint_units",
    "segment_markdown",
    "segment_text",
    "split_sentences",
]

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of prose: a paragraph, heading, list item text or table cell.

    ``context`` names the containers it sits in (``list``, ``blockquote``,
    ``table``, ``footnote``). Matches never cross a block boundary.

    ``scope`` is the block as Vale scopes it in Markdown: ``paragraph``,
    ``heading.h1``…``heading.h6``, ``list``, ``blockquote``, ``table.header``
    or ``table.cell``. Vale names a block by the first of those elements opened
    since the block before it ended, so a quote's first paragraph is a
    ``blockquote`` and its second a ``paragraph``, and a heading inside a
    quote is a ``blockquote``. ``inline`` holds the spans of its inline
    elements Vale can scope: ``alt`` (an image's text, which Vale reads apart
    from the block), ``link``, ``strong`` and ``emphasis``.
    """

    start: int
    end: int
    kind: str
    level: int = 0
    context: frozenset[str] = frozenset()
    scope: str = "paragraph"
    inline: tuple[tuple[str, int, int], ...] = ()

    def sections(self, ext: str) -> frozenset[str]:
        """The parts of Vale's name for the block in a file of extension
        ``ext`` (``text.heading.h2.md``; a paragraph is ``text.md``, and its
        copy for ``paragraph`` rules ``paragraph.text.md``): what a rule's
        scope is matched against."""
        if self.scope == "paragraph":
            return frozenset(("text", ext))
        return frozenset(("text", *self.scope.split("."), ext))

    def in_scope(self, scope: str) -> bool:
        """Whether one Vale scope (``heading``, ``heading.h2``, ``list``,
        ``~table``…) takes this block, in a Markdown file."""
        sections = self.sections("md")
        return scope_matches((scope,), sections) or (
            self.scope == "paragraph" and scope_matches((scope,), sections | {"paragraph"})
        )


@lru_cache(maxsize=1024)
def _scope_parts(entry: str) -> tuple[tuple[bool, tuple[str, ...]], ...]:
    """A scope entry's ``&``-joined parts: (negated, sections) each."""
    parts: list[tuple[bool, tuple[str, ...]]] = []
    for part in entry.split("&"):
        names = [name.strip() for name in part.split(".")]
        negated = names[0].startswith("~")
        names[0] = names[0].removeprefix("~")
        parts.append((negated, tuple(names)))
    return tuple(parts)


@lru_cache(maxsize=8192)
def scope_matches(
    scope: tuple[str, ...], sections: frozenset[str], *, sentence: bool = False
) -> bool:
    """Vale's scope test: whether a rule scoped ``scope`` (any entry of it; an
    entry's ``&``-joined parts all) runs on a block named by ``sections``. A
    part takes a block whose name has all its sections; ``~part`` one whose
    name has not, never ``raw`` or ``summary``. A ``sentence`` piece of a
    block is taken only by an entry that names ``sentence``."""
    for entry in scope:
        parts = _scope_parts(entry)
        if sentence and not any(not neg and "sentence" in names for neg, names in parts):
            continue
        if all(_part_matches(neg, names, sections) for neg, names in parts):
            return True
    return False


def _part_matches(negated: bool, names: tuple[str, ...], sections: frozenset[str]) -> bool:
    contained = all(name in sections for name in names)
    if not negated:
        return contained
    return not contained and not ({"raw", "summary"} & sections)


def inline_scopes(scope: tuple[str, ...]) -> frozenset[str]:
    """The inline elements a scope leaves out of the blocks (``~link``): Vale
    blanks their text for the rule."""
    return frozenset(
        names[0]
        for entry in scope
        for negated, names in _scope_parts(entry)
        if negated and len(names) == 1 and names[0] in _INLINE_SCOPES
    )


#: pyromark's inline elements Vale can scope, by Vale's name for them.
_INLINE_SCOPES = {"link": "Link", "strong": "Strong", "emphasis": "Emphasis", "code": "Code"}


# --------------------------------------------------------------------------
# URLs and e-mail addresses, masked in every format.

_WEB = r"""\b(?:https?://|ftp://|www\.)[^\s<>"'“”‘’()\[\]{}]*[^\s<>"'“”‘’()\[\]{}.,;:!?]"""
_URL = re.compile(_WEB + r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b""")
#: The same without e-mail addresses, for prose with no "@": the address
#: pattern retries at every word boundary of a long "a.b.c.…" token, which is
#: quadratic in its length (80,000 characters took 15 s).
_WEB_ONLY = re.compile(_WEB)


def _subtract_urls(text: str, ranges: Iterable[Range]) -> Iterator[Range]:
    for start, end in ranges:
        position = start
        pattern = _URL if text.find("@", start, end) >= 0 else _WEB_ONLY
        for match in pattern.finditer(text, start, end):
            if match.start() > position:
                yield position, match.start()
            position = match.end()
        if position < end:
            yield position, end


# --------------------------------------------------------------------------
# Plain text.

_TERMINAL = re.compile(r"""[.!?…:]["”’')\]]*\s*$""")


def _starts_lower(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and stripped[0].islower()


def segment_text(text: str) -> tuple[tuple[Range, ...], tuple[Block, ...]]:
    """Plain text: all prose; paragraphs end at blank lines and at line
    breaks that clearly end one (terminal punctuation, or a short title line,
    followed by a line that does not start in lower case)."""
    lines = text.splitlines(keepends=True)
    longest = max((len(line.rstrip("\r\n")) for line in lines), default=0)
    blocks: list[Block] = []
    block_start: int | None = None
    block_end = 0
    position = 0
    previous = ""
    for line in lines:
        body = line.rstrip("\r\n")
        if not body.strip():
            if block_start is not None:
                blocks.append(Block(block_start, block_end, "paragraph"))
                block_start = None
        else:
            if block_start is not None and _ends_paragraph(previous, body, longest):
                blocks.append(Block(block_start, block_end, "paragraph"))
                block_start = None
            if block_start is None:
                block_start = position + (len(body) - len(body.lstrip()))
            block_end = position + len(body.rstrip())
            previous = body
        position += len(line)
    if block_start is not None:
        blocks.append(Block(block_start, block_end, "paragraph"))
    prose = tuple(_subtract_urls(text, [(0, len(text))])) if text else ()
    return prose, tuple(blocks)


def _ends_paragraph(previous: str, following: str, longest: int) -> bool:
    if _starts_lower(following):
        return False
    if _TERMINAL.search(previous):
        return True
    short = len(previous.strip()) < min(80, longest // 2)
    return short and following.lstrip()[:1].isupper()


# --------------------------------------------------------------------------
# Markdown.

_LEAF = {"Paragraph": "paragraph", "Heading": "heading", "TableCell": "cell", "Item": "item"}
_CONTEXT = {
    "List": "list",
    "BlockQuote": "blockquote",
    "Table": "table",
    "FootnoteDefinition": "footnote",
    "DefinitionList": "list",
}
_OPAQUE = {"CodeBlock", "MetadataBlock", "HtmlBlock"}
_HEADING_LEVEL = {f"H{n}": n for n in range(1, 7)}
#: Tags whose start or end closes the block being collected.
_BOUNDARY = frozenset(_LEAF) | frozenset(_CONTEXT) | _OPAQUE


def _tag_name(tag: Any) -> str:
    """pyromark tags are a bare string or a one-key dict."""
    if isinstance(tag, str):
        return tag
    if isinstance(tag, dict) and len(tag) == 1:
        return str(next(iter(tag)))
    return ""


def _tag_value(tag: Any) -> Any:
    if isinstance(tag, dict) and len(tag) == 1:
        return next(iter(tag.values()))
    return None


def _is_autolink(name: str, value: Any) -> bool:
    """``<https://…>`` and ``<a@b.c>``: their text is an address, not prose."""
    return (
        name == "Link"
        and isinstance(value, dict)
        and value.get("link_type") in {"Autolink", "Email"}
    )


class _ByteOffsets:
    """UTF-8 byte offsets (at character boundaries) to character offsets:
    ``offsets[b]``. Only the non-ASCII characters are recorded, so building it
    costs little for mostly English text."""

    def __init__(self, text: str) -> None:
        #: Byte offset just past each non-ASCII character, and the extra
        #: bytes (beyond one a character) up to there.
        self.ends: list[int] = []
        self.extra: list[int] = []
        extra = 0
        for match in _NON_ASCII.finditer(text):
            for offset, char in enumerate(match.group(), match.start()):
                extra += len(char.encode("utf-8")) - 1
                self.ends.append(offset + 1 + extra)
                self.extra.append(extra)

    def __getitem__(self, byte: int) -> int:
        k = bisect_right(self.ends, byte)
        return byte - (self.extra[k - 1] if k else 0)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _byte_to_char(text: str) -> _ByteOffsets | None:
    """Map UTF-8 byte offsets to character offsets; None when ASCII."""
    return None if text.isascii() else _ByteOffsets(text)


class _MarkdownWalker:
    """Turns pyromark's event stream into prose ranges and blocks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.table = _byte_to_char(text)
        self.stack: list[tuple[str, Any]] = []
        self.opaque = 0
        self.autolink = 0
        self.pieces: list[Range] = []
        self.prose: list[Range] = []
        self.blocks: list[Block] = []
        self.shapes: dict[tuple[str, ...], tuple[str, int, frozenset[str]]] = {}
        #: Vale's view: the scopes of the elements opened since the last
        #: block ended ("" for one that names none)…
        self.opened: list[str] = []
        #: …the inline elements open now ([scope, first text, end of text])
        #: and the ones closed in the block being collected.
        self.inline_open: list[list[Any]] = []
        self.inline_done: list[tuple[str, int, int]] = []
        #: Inline code and autolinks in the block being collected, and the
        #: blocks that hold nothing else (Vale reads them as ``*``s).
        self.code_pieces: list[Range] = []
        self.code_blocks: list[Block] = []
        #: The raw HTML block being read (its start, -1 outside one) and how
        #: deep inside elements whose text is not prose (``script``, ``pre``).
        self.html_start = -1
        self.html_skipped = 0

    def flush(self) -> None:
        code, self.code_pieces = self.code_pieces, []
        if not self.pieces:
            if code:
                kind, level, context = self.describe()
                scope = next((name for name in self.opened if name), "paragraph")
                self.opened.clear()
                self.code_blocks.append(Block(code[0][0], code[-1][1], kind, level, context, scope))
            return
        merged = _merge_whitespace_gaps(self.text, self.pieces)
        self.pieces = []
        kind, level, context = self.describe()
        self.prose.extend(merged)
        scope = next((name for name in self.opened if name), "paragraph")
        self.opened.clear()
        inline, self.inline_done = tuple(self.inline_done), []
        self.blocks.append(Block(merged[0][0], merged[-1][1], kind, level, context, scope, inline))

    def vale_scope(self, name: str, value: Any) -> str:
        """The scope Vale gives a block opened by this element, or ``""``."""
        if name == "Heading" and isinstance(value, dict):
            return f"heading.h{_HEADING_LEVEL.get(str(value.get('level')), 1)}"
        if name == "TableCell":
            inside_head = any(n == "TableHead" for n, _ in self.stack)
            return "table.header" if inside_head else "table.cell"
        return _VALE_CONTAINERS.get(name, "")

    def describe(self) -> tuple[str, int, frozenset[str]]:
        # One answer per shape of the stack (a table has two: head and body
        # cells), not one walk of the stack per block.
        key = tuple(name for name, _ in self.stack)
        found = self.shapes.get(key)
        if found is not None and "Heading" not in key:
            return found
        kind, level = "paragraph", 0
        for name, value in reversed(self.stack):
            if name in _LEAF:
                kind = _LEAF[name]
                if name == "Heading" and isinstance(value, dict):
                    level = _HEADING_LEVEL.get(str(value.get("level")), 0)
                break
        names = set(key)
        if kind == "cell" and "TableHead" in names:
            kind = "header"
        context = frozenset(_CONTEXT[n] for n in names if n in _CONTEXT)
        found = self.shapes[key] = kind, level, context
        return found

    def start(self, tag: Any, at: int = -1) -> None:
        name = _tag_name(tag)
        value = _tag_value(tag)
        if name == "HtmlBlock" and not self.opaque:
            self.html_start = at
        if name in _OPAQUE:
            self.opaque += 1
        if _is_autolink(name, value):
            self.autolink += 1
        if name in _INLINE:
            self.inline_open.append([_INLINE_NAMES.get(name, ""), -1, -1])
        elif name not in _UNTAGGED:
            # Vale lints what it holds when a block element opens.
            self.flush()
            self.opened.append(self.vale_scope(name, value))
        if name in _BOUNDARY:
            self.flush()
        self.stack.append((name, value))

    def end(self, tag: Any, at: int = -1) -> None:
        name = _tag_name(tag)
        stack = self.stack
        # End events carry less detail than their Start; pop by name.
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == name:
                popped = stack[index]
                if name in _BOUNDARY:
                    self.flush()
                del stack[index]
                break
        else:
            return
        if name in _OPAQUE:
            self.opaque -= 1
        if name == "HtmlBlock" and self.html_start >= 0 and not self.opaque:
            self.html_block(self.html_start, at)
            self.html_start = -1
        if _is_autolink(name, popped[1]):
            self.autolink -= 1
        if name in _INLINE:
            if self.inline_open:
                scope, first, last = self.inline_open.pop()
                if scope and first >= 0:
                    self.inline_done.append((scope, first, last))
        elif name not in _UNTAGGED:
            self.opened.clear()

    def html_block(self, start: int, end: int) -> None:
        """The text of a raw HTML block, as Vale reads it: each element that
        is not inline (``<p>``, ``<div>``, ``<summary>``…) holds a block of its
        own, named as Vale names it (``<li>`` a list item, ``<h2>`` a heading,
        anything else a paragraph); comments, tags and the content of
        ``script``, ``style``, ``pre`` and the like are not prose."""
        for match in _HTML_TOKEN.finditer(self.text, start, end):
            name = (match.group("name") or "").lower()
            if match.group("text") is not None:
                if not self.html_skipped and match.group().strip():
                    # A character reference ("&nbsp;", "&#8212;") is markup.
                    at = match.start()
                    for entity in _HTML_ENTITY.finditer(self.text, at, match.end()):
                        if self.text[at : entity.start()].strip():
                            self.pieces.append((at, entity.start()))
                        at = entity.end()
                    if self.text[at : match.end()].strip():
                        self.pieces.append((at, match.end()))
            elif not name or name in _HTML_INLINE:
                continue
            elif match.group("close"):
                if name in _HTML_SKIPPED:
                    self.html_skipped = max(0, self.html_skipped - 1)
                self.html_flush()
                self.opened.clear()
            else:
                self.html_flush()
                if name in _HTML_SKIPPED and not match.group("self"):
                    self.html_skipped += 1
                elif name not in _HTML_VOID:
                    level = _HTML_HEADING.fullmatch(name)
                    scope = f"heading.{name}" if level else _HTML_SCOPES.get(name, "")
                    self.opened.append(scope)
        self.html_flush()

    def html_flush(self) -> None:
        """``flush``, the block's text trimmed of the whitespace around it
        (inside, text keeps its spaces: "a <!-- x --> b" is "a  b")."""
        if self.pieces:
            text, first = self.text, self.pieces[0]
            body = text[first[0] : first[1]]
            self.pieces[0] = (first[0] + len(body) - len(body.lstrip()), first[1])
            start, end = self.pieces[-1]
            self.pieces[-1] = (start, start + len(text[start:end].rstrip()))
        self.flush()

    def code_event(self, start: int, end: int) -> None:
        self.code_pieces.append((start, end))
        for element in self.inline_open:
            if element[0] == "alt":
                if element[1] < 0:
                    element[1] = start
                element[2] = end

    def text_event(self, value: str, start: int, end: int) -> None:
        if self.text[start:end] == value:
            self.pieces.append((start, end))
            for element in self.inline_open:
                if element[1] < 0:
                    element[1] = start
                element[2] = end

    def walk(self) -> None:
        import pyromark  # the one Markdown parser; imported where it is used

        options = (
            pyromark.Options.ENABLE_TABLES
            | pyromark.Options.ENABLE_FOOTNOTES
            | pyromark.Options.ENABLE_STRIKETHROUGH
            | pyromark.Options.ENABLE_TASKLISTS
            | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
            | pyromark.Options.ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
            | pyromark.Options.ENABLE_DEFINITION_LIST
        )
        table = self.table
        for event, byte_range in pyromark.events_with_range(self.text, options=options):
            # Start and End need no offsets: only text and soft breaks are
            # mapped from bytes to characters (the walk's hot loop).
            if isinstance(event, dict):
                ((kind, value),) = event.items()
                if kind == "Text":
                    if self.autolink and not self.opaque:
                        start, end = byte_range["start"], byte_range["end"]
                        if table is not None:
                            start, end = table[start], table[end]
                        self.code_pieces.append((start, end))
                    if self.opaque or self.autolink:
                        continue
                    start, end = byte_range["start"], byte_range["end"]
                    if table is not None:
                        start, end = table[start], table[end]
                    self.text_event(str(value), start, end)
                elif kind == "Code" and not self.opaque:
                    # An image's text holds inline code as text (Vale reads
                    # the rendered ``alt``): the image's span takes it in.
                    start, end = byte_range["start"], byte_range["end"]
                    if table is not None:
                        start, end = table[start], table[end]
                    self.code_event(start, end)
                elif kind == "Start":
                    if value == "HtmlBlock":
                        start = byte_range["start"]
                        self.start(value, table[start] if table is not None else start)
                    else:
                        self.start(value)
                elif kind == "End":
                    if value == "HtmlBlock":
                        end = byte_range["end"]
                        self.end(value, table[end] if table is not None else end)
                    else:
                        self.end(value)
            elif event == "SoftBreak" and not self.opaque and self.pieces:
                start, end = byte_range["start"], byte_range["end"]
                if table is not None:
                    start, end = table[start], table[end]
                self.pieces.append((start, end))
        self.flush()


#: What may stand between a sentence's end and the next sentence's first word.
_OPENERS = frozenset(" \t\"'“‘([*_")


def capitalized_inside_sentence(masked: str, start: int, end: int) -> bool:
    """Whether the word at ``start..end`` of a document's masked text is
    capitalized (not all capitals) where no sentence starts: most likely a
    name. Scans back from ``start`` without copying the text before it."""
    word = masked[start:end]
    if not word[:1].isupper() or word.isupper() or " " in word:
        return False
    at = start - 1
    while at >= 0 and masked[at] in _OPENERS:
        at -= 1
    return at >= 0 and masked[at] not in ".!?:\n"


_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def html_comments(text: str) -> tuple[tuple[int, int, str], ...]:
    """The HTML comments of a Markdown text, as (start, end, what is inside):
    block and inline HTML only, so a comment shown in a code block or code
    span is not one."""
    if "<!--" not in text:
        return ()
    import pyromark

    table = _byte_to_char(text)
    found: list[tuple[int, int, str]] = []
    for event, byte_range in pyromark.events_with_range(text):
        if not isinstance(event, dict):
            continue
        ((kind, value),) = event.items()
        if kind == "InlineHtml" or (kind == "Start" and _tag_name(value) == "HtmlBlock"):
            start, end = byte_range["start"], byte_range["end"]
            if table is not None:
                start, end = table[start], table[end]
            found.extend(
                (m.start(), m.end(), m.group(1)) for m in _COMMENT.finditer(text, start, end)
            )
    return tuple(dict.fromkeys(found))


#: Inline elements: they neither start nor end one of Vale's linted blocks.
_INLINE = frozenset(
    {"Emphasis", "Strong", "Strikethrough", "Link", "Image", "Superscript", "Subscript"}
)
#: The inline elements Vale reads as scopes of their own.
_INLINE_NAMES = {"Image": "alt", "Link": "link", "Strong": "strong", "Emphasis": "emphasis"}
#: Elements Vale's HTML has no tag of its own for (raw HTML and front matter
#: pass through; a definition list, which Vale's Markdown does not know, is
#: one paragraph there).
_UNTAGGED = frozenset(
    {
        "HtmlBlock",
        "MetadataBlock",
        "DefinitionListTitle",
        "DefinitionListDefinition",
        "DefinitionList",
    }
)
#: The containers that name the blocks opened inside them (a footnote is an
#: item of the list Vale's rendered page ends with).
_VALE_CONTAINERS = {"Item": "list", "BlockQuote": "blockquote", "FootnoteDefinition": "list"}

#: A raw HTML block's comments, tags (``close``: an end tag, ``self``: one
#: closing itself) and text, in order; a ``<`` that opens none is text.
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<[!?][^>]*>?"
    r"|<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?P<self>/)?>"
    r"|(?P<text>(?:[^<]|<(?![A-Za-z/!?]))+|<)",
    re.S,
)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Vale's inline HTML elements: they hold no block of their own.
_HTML_INLINE = frozenset(
    {
        *("a", "abbr", "acronym", "b", "big", "br", "cite", "code", "del", "dfn", "em"),
        *("i", "img", "kbd", "small", "span", "strong", "sub", "sup", "tt"),
    }
)
_HTML_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
#: Elements whose text Vale skips.
_HTML_SKIPPED = frozenset({"script", "style", "pre", "figure", "noscript", "iframe"})
_HTML_SCOPES = {
    "th": "table.header",
    "td": "table.cell",
    "li": "list",
    "blockquote": "blockquote",
}
_HTML_HEADING = re.compile(r"h[1-6]")


def lint_units(text: str) -> tuple[tuple[int, int, int], ...]:
    """Where Vale reads a Markdown text's blocks, as ``(start, end, linted)``:
    a block runs from its first inline content to the point where Vale lints
    it (its closing tag, or the start of a block nested in it, such as a list
    inside a list item), which is ``linted`` too but for a footnote: Vale
    lints those at the end, where the rendered page puts them. The in-text
    comments before ``linted`` decide which rules run on the whole block.
    Raw HTML blocks do not end one (Vale's HTML keeps no tag for them).
    """
    import pyromark

    table = _byte_to_char(text)
    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES
    options |= pyromark.Options.ENABLE_STRIKETHROUGH | pyromark.Options.ENABLE_TASKLISTS
    options |= pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
    units: list[tuple[int, int, int]] = []
    begun: int | None = None
    opaque = footnote = 0
    size = len(text) if table is None else len(text.encode("utf-8"))

    def close(at: int) -> None:
        nonlocal begun
        if begun is not None:
            linted = size if footnote else at
            if table is not None:
                begun, at, linted = table[begun], table[at], table[linted]
            units.append((begun, at, linted))
            begun = None

    for event, byte_range in pyromark.events_with_range(text, options=options):
        start, end = byte_range["start"], byte_range["end"]
        if not isinstance(event, dict):  # a soft or hard break, a rule
            continue
        ((kind, value),) = event.items()
        name = _tag_name(value) if kind in {"Start", "End"} else ""
        if kind == "Start" and name not in _INLINE and name != "HtmlBlock":
            close(start)
            opaque += name in {"CodeBlock", "MetadataBlock"}
            footnote += name == "FootnoteDefinition"
        elif kind == "End" and name not in _INLINE and name != "HtmlBlock":
            close(end)
            opaque -= name in {"CodeBlock", "MetadataBlock"}
            footnote -= name == "FootnoteDefinition"
        elif kind in {"Text", "Code", "InlineHtml", "FootnoteReference"} and not opaque:
            begun = start if begun is None else begun
    close(size)
    return tuple(units)


def _merge_whitespace_gaps(text: str, pieces: list[Range]) -> list[Range]:
    """Join pieces separated only by whitespace (line breaks, indentation)."""
    if len(pieces) == 1:
        return pieces
    merged: list[Range] = [pieces[0]]
    for start, end in pieces[1:]:
        last_start, last_end = merged[-1]
        if start >= last_end and not text[last_end:start].strip():
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def segment_markdown(
    text: str,
) -> tuple[tuple[Range, ...], tuple[Block, ...], tuple[Block, ...]]:
    """Markdown: prose is the text of paragraphs, headings, list items, table
    cells, block quotes, link text and the text of raw HTML blocks; code,
    HTML tags and comments, front matter, URLs and autolinks are not. Also
    the blocks that hold only inline code or autolinks ("- `make`"), which
    hold no prose but are blocks to Vale."""
    walker = _MarkdownWalker(text)
    walker.walk()
    prose = tuple(_subtract_urls(text, walker.prose))
    return prose, tuple(_trim_blocks(walker.blocks, prose)), tuple(walker.code_blocks)


def _trim_blocks(blocks: list[Block], prose: tuple[Range, ...]) -> Iterator[Block]:
    """Each block narrowed to the prose ranges inside it (URLs removed); a
    block with none is dropped.

    The walker emits ranges in document order, so their starts and ends both
    ascend and the ranges inside a block are one run, found by bisection:
    O(log n) per block, where scanning every range was quadratic on tables.
    """
    starts = [start for start, _ in prose]
    ends = [end for _, end in prose]
    if any(a > b for a, b in pairwise(starts)) or any(a > b for a, b in pairwise(ends)):
        # Not expected from pyromark; stay correct rather than fast.
        for block in blocks:
            inside = [r for r in prose if block.start <= r[0] and r[1] <= block.end]
            if inside:
                yield replace(block, start=inside[0][0], end=inside[-1][1])
        return
    for block in blocks:
        first = bisect_left(starts, block.start)
        last = bisect_right(ends, block.end) - 1
        if first > last:
            continue
        start, end = prose[first][0], prose[last][1]
        if (start, end) == (block.start, block.end):
            yield block
        else:
            yield replace(block, start=start, end=end)


# --------------------------------------------------------------------------
# Sentences.

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "a.m",
        "p.m",
        "approx",
        "fig",
        "figs",
        "vol",
        "pp",
        "gen",
        "gov",
        "sen",
        "rep",
        "capt",
        "lt",
        "col",
        "sgt",
        "mt",
        "ft",
        "ave",
        "blvd",
        "dept",
        "univ",
        "assn",
        "bros",
        "est",
        "cf",
        "al",
        "ph.d",
        "ed",
        "eds",
        "rev",
    ]
)
#: The abbreviations Vale's Punkt model does not know: after them a period
#: ends a sentence for Vale ("etc. The", "etc. and"). "e.g." and "i.e." are
#: dotted words, which it reads apart.
_NOT_VALE_ABBREVIATIONS = frozenset(
    {"etc", "nos", "mar", "apr", "jun", "jul", "approx", "fig", "figs", "vol", "pp", "capt"}
    | {"blvd", "dept", "univ", "assn", "est", "cf", "al", "ed", "eds", "rev", "e.g", "i.e"}
)
_VALE_ABBREVIATIONS = _ABBREVIATIONS - _NOT_VALE_ABBREVIATIONS
#: Words that often start a sentence: after "...", Vale's model ends a
#: sentence before one even in lower case ("wait... but then").
SENTENCE_STARTERS = frozenset(
    {"but", "the", "this", "these", "in", "some", "there", "most", "they", "many", "it"}
    | {"he", "i", "so", "if", "when", "while", "however", "yet", "thus"}
)
#: A word of dotted letters ("e.g.", "U.S."), and an ellipsis of periods.
_DOTTED = re.compile(r"(?:\w\.)+\w*\.")
_SENTENCE_END = re.compile(r"""[.!?…]+["”’')\]]*(?=\s)""")
_VALE_SENTENCE_END = re.compile(r"""\.{3,}[:,]|[.!?…]+["”’')\]]*(?=\s)""")
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_LONGEST_WORD = 40


def split_sentences(masked: str, block: Block, fmt: str, *, vale: bool = False) -> Iterator[Range]:
    """Yield the sentences of ``block`` as trimmed ranges of the source.
    ``vale``: where Vale's Punkt model ends them (``_is_vale_boundary``)."""
    del fmt  # one splitter serves both formats today
    start = block.start
    boundary = _is_vale_boundary if vale else _is_boundary
    ends = _VALE_SENTENCE_END if vale else _SENTENCE_END
    for match in ends.finditer(masked, block.start, block.end):
        if not boundary(masked, match, block.end):
            continue
        yield from _trimmed(masked, start, match.end())
        start = match.end()
    yield from _trimmed(masked, start, block.end)


def _is_boundary(masked: str, match: re.Match[str], limit: int) -> bool:
    # Both look-ups are bounded, so splitting stays linear on long paragraphs.
    following = _NEXT_CHAR.match(masked, match.end(), limit)
    if following is None:
        return True
    first = following.group(1)
    mark = match.group()
    closers = mark.lstrip(".!?…")
    lower = first.islower()
    if mark[0] in "?!":
        # Always an end, as in Vale, unless quoted or bracketed before a
        # lower-case word ("he asked 'why?' and left").
        return not (closers and lower)
    if closers and closers[0] not in '")’”':
        return False  # "'hi.' Then": Vale reads on
    if lower:
        # Vale ends a sentence before a lower-case word too, except after an
        # abbreviation, an initial, a number or an ellipsis.
        return not (
            len(mark) - len(closers) > 1
            or mark[0] == "…"
            or _abbreviated(masked, match, numbers=True)
        )
    if mark[0] != ".":
        return first.isupper() or first.isdigit() or first in "\"“‘'([*-–—"
    # As Punkt reads it: a period that ends no abbreviation ends a sentence,
    # whatever follows ("new. ; then" too).
    return not _abbreviated(masked, match)


def _is_vale_boundary(masked: str, match: re.Match[str], limit: int) -> bool:
    """``_is_boundary`` as Vale's Punkt model (with prose's additions) reads
    the common cases: "…" ends nothing; "..." (with a ":" or "," after it
    too) ends a sentence before a capital, whatever precedes it; the
    abbreviations the model lacks ("etc.") are plain words."""
    mark = match.group().rstrip(":,")
    closers = mark.lstrip(".!?…")
    if mark[0] == "…":
        return False
    following = _NEXT_CHAR.match(masked, match.end(), limit)
    if following is None:
        return True
    first = following.group(1)
    if mark[0] in "?!":
        return not (closers and first.islower())
    if closers and closers[0] not in '")’”':
        return False
    periods = len(mark) - len(closers)
    word = _WORD_BEFORE.search(masked, max(0, match.start() - _LONGEST_WORD), match.start())
    token = word.group(1).lstrip("\"“‘'([") if word else ""
    if periods > 2:
        return first.isupper() or _next_word(masked, following.start(1)) in SENTENCE_STARTERS
    if periods == 2:
        return False  # Punkt's first pass leaves a word ending ".." open
    if first.islower() or first.isdigit():
        bare = token.lower()
        return not (
            bare in _VALE_ABBREVIATIONS
            or _DOTTED.fullmatch(token + ".")
            or (len(bare) == 1 and bare.isalpha())
            or bare.replace(".", "").isdigit()
        )
    if _DOTTED.fullmatch(token + ".") or token.lower() in _VALE_ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha() and token not in "aA":
        return not first.isupper()  # an initial ("J. Smith"); "a." is a word
    return True


_WORD_AT = re.compile(r"\w+")


def _next_word(masked: str, at: int) -> str:
    found = _WORD_AT.match(masked, at)
    return found.group() if found else ""


def _abbreviated(masked: str, match: re.Match[str], *, numbers: bool = False) -> bool:
    """Whether the word before a period is an abbreviation ("Mr.", "p.m.")
    or an initial ("J. K. Rowling"), or (``numbers``, before a lower-case
    word) a number or any dotted word, so the period ends no sentence."""
    word = _WORD_BEFORE.search(masked, max(0, match.start() - _LONGEST_WORD), match.start())
    if word is None:
        return False
    token = word.group(1).lower().lstrip("\"“‘'([")
    if token in _ABBREVIATIONS or (numbers and ("." in token or token.isdigit())):
        return True
    return len(token) == 1 and token.isalpha()


def _trimmed(masked: str, start: int, end: int) -> Iterator[Range]:
    chunk = masked[start:end]
    stripped = chunk.strip()
    if stripped:
        left = start + (len(chunk) - len(chunk.lstrip()))
        yield left, left + len(stripped)
