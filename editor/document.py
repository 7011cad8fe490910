"""Loading a document: bytes → exact text, its prose, its blocks and sentences.

The raw text is never changed. Everything a checker sees (``masked``, blocks,
sentences) uses the raw text's own coordinates, so a finding at
``start..end`` always satisfies ``doc.text[start:end] == finding.text``.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from editor.errors import InputError
from editor.segment import Block, segment_markdown, segment_text, split_sentences

__all__ = [
    "MARKDOWN_SUFFIXES",
    "Block",
    "Document",
    "Format",
    "decode",
    "load_path",
    "load_text",
]

Format = Literal["text", "markdown"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Document:
    """An immutable, loaded document.

    ``text`` is the exact source (without a BOM, which ``bom`` records).
    ``masked`` has the same length as ``text``: prose characters are kept,
    everything else (code, markup, URLs, front matter) is a space, and line
    breaks stay where they are. ``prose`` lists the half-open prose ranges.
    """

    text: str
    format: Format
    masked: str
    prose: tuple[tuple[int, int], ...]
    blocks: tuple[Block, ...]
    sentences: tuple[tuple[int, int], ...]
    line_starts: tuple[int, ...]
    block_starts: tuple[int, ...]
    path: Path | None = None
    encoding: str = "utf-8"
    bom: bool = False
    #: SHA-256 of the file's bytes when it was read (to notice later changes).
    digest: str | None = None
    #: The prose writes apostrophes as "’" more often than as "'".
    curly_apostrophes: bool = False
    #: Markdown blocks that hold only inline code or autolinks: no prose, but
    #: blocks to Vale, whose rules a Vale project's view gives them to.
    code_blocks: tuple[Block, ...] = ()

    @property
    def name(self) -> str:
        return "<text>" if self.path is None else str(self.path)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of ``offset``."""
        if not 0 <= offset <= len(self.text):
            msg = f"offset {offset} outside 0..{len(self.text)}"
            raise ValueError(msg)
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of ``line_col``."""
        start = self.line_starts[line - 1]
        return start + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def is_prose(self, start: int, end: int) -> bool:
        """True when ``start..end`` lies inside one prose range."""
        index = bisect.bisect_right(self.prose, (start, len(self.text) + 1)) - 1
        if index < 0:
            return False
        region_start, region_end = self.prose[index]
        return region_start <= start and end <= region_end

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset``, if any."""
        index = bisect.bisect_right(self.block_starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The sentence containing ``offset``, if any."""
        index = bisect.bisect_right(self.sentences, (offset, len(self.text) + 1)) - 1
        if index >= 0:
            start, end = self.sentences[index]
            if start <= offset < end or (offset == end and start < end):
                return start, end
        return None


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str, bool]:
    """Decode ``data`` as UTF-8 (BOM optional) or UTF-16 with a BOM.

    Returns ``(text, encoding, had_bom)``. Anything else is an ``InputError``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError as exc:
                reason = (
                    f"invalid {encoding} after its byte-order mark (byte {exc.start + len(bom)})"
                )
                raise InputError(name, reason) from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            raise InputError(
                name,
                f"looks like {utf16} without a byte-order mark; convert it to UTF-8, "
                f"e.g. iconv -f {utf16.replace('-LE', 'LE').replace('-BE', 'BE')} -t utf-8",
            )
        raise InputError(name, "binary file (contains NUL bytes); copydesk reads text only")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        raise InputError(name, _not_utf8(data, exc)) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"UTF-16-LE"`` or ``"UTF-16-BE"`` when ``data`` reads as mostly
    printable text in that encoding (NULs in every other byte), else ``None``."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for encoding, zeros in (("UTF-16-LE", odd), ("UTF-16-BE", even)):
        if zeros.count(0) < 0.6 * len(zeros):
            continue
        text = sample[: len(sample) // 2 * 2].decode(encoding.lower(), errors="replace")
        printable = sum(c.isprintable() or c in "\t\r\n" for c in text)
        if printable >= 0.95 * len(text):
            return encoding
    return None


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    """Why ``data`` is not UTF-8, and what to do, as precisely as the bytes tell."""
    at = exc.start
    line = data.count(b"\n", 0, at) + 1
    where = f"byte 0x{data[at]:02x} at offset {at}, line {line}"
    utf8_before = not data[:at].isascii()
    cut = exc.end == len(data) and "end of data" in str(exc.reason)
    if cut and (utf8_before or len(data) - at >= 2):
        return (
            f"not UTF-8: the file ends in the middle of a character ({where}); "
            "it looks truncated, so restore it from its source"
        )
    if utf8_before:
        # Valid multi-byte UTF-8 before the bad byte: a damaged UTF-8 file, not
        # another encoding, so converting it would garble the good part.
        return (
            f"not UTF-8: invalid {where}, in an otherwise UTF-8 file; "
            "the file is damaged there: fix or remove that byte"
        )
    return (
        f"not UTF-8 (invalid {where}); it is probably Latin-1 or Windows-1252: "
        "convert it, e.g. iconv -f windows-1252 -t utf-8"
    )


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))


def load_text(
    text: str,
    fmt: Format = "text",
    *,
    path: Path | None = None,
    encoding: str = "utf-8",
    bom: bool = False,
    digest: str | None = None,
) -> Document:
    """Build a ``Document`` from already-decoded text."""
    code_blocks: tuple[Block, ...] = ()
    if fmt == "markdown":
        prose, blocks, code_blocks = segment_markdown(text)
    else:
        prose, blocks = segment_text(text)
    masked = _mask(text, prose)
    sentences = tuple(s for block in blocks for s in split_sentences(masked, block, fmt))
    return Document(
        text=text,
        format=fmt,
        masked=masked,
        prose=prose,
        blocks=blocks,
        sentences=sentences,
        line_starts=_line_starts(text),
        block_starts=tuple(block.start for block in blocks),
        path=path,
        encoding=encoding,
        bom=bom,
        digest=digest,
        curly_apostrophes=_curly_apostrophes(masked),
        code_blocks=code_blocks,
    )


_APOSTROPHE = re.compile(r"(?<=\w)(['’])(?=\w)")


def _curly_apostrophes(masked: str) -> bool:
    marks = _APOSTROPHE.findall(masked)
    return marks.count("’") > marks.count("'")


def format_for(path: Path) -> Format:
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


#: The largest input copydesk reads (bytes). Every stage is linear, but a
#: bigger file is almost never an article: a log, a dump or a data file whose
#: check would take many minutes and gigabytes (see the README's "Limits").
MAX_FILE_BYTES = 100 * 1024 * 1024


def too_large(name: str | Path, size: int | None = None) -> InputError:
    """The error for an input over ``MAX_FILE_BYTES`` (``size`` when known)."""
    limit = MAX_FILE_BYTES // 1024 // 1024
    how_big = f"{size / 1024 / 1024:,.0f} MB" if size is not None else f"over {limit} MB"
    return InputError(
        name,
        f"too large to check ({how_big}; copydesk reads files up to {limit} MB): "
        "split it, or leave it out",
    )


def load_path(path: Path | str, fmt: Format | None = None) -> Document:
    """Read and decode a file; the format comes from its suffix unless given."""
    path = Path(path)
    try:
        if path.is_file() and (size := path.stat().st_size) > MAX_FILE_BYTES:
            raise too_large(path, size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    return load_bytes(data, path, fmt or format_for(path))


def load_bytes(data: bytes, path: Path, fmt: Format) -> Document:
    """Decode what was read from ``path`` (a file, or standard input under a
    name) into a ``Document``."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(path, len(data))
    text, encoding, bom = decode(data, str(path))
    return load_text(
        text,
        fmt,
        path=path,
        encoding=encoding,
        bom=bom,
        digest=hashlib.sha256(data).hexdigest(),
    )


def _mask(text: str, prose: tuple[tuple[int, int], ...]) -> str:
    """Blank every non-prose character, keeping line breaks and length."""
    parts: list[str] = []
    position = 0
    for start, end in prose:
        parts.append(_blank(text[position:start]))
        parts.append(text[start:end])
        position = end
    parts.append(_blank(text[position:]))
    return "".join(parts)


_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


def _blank(chunk: str) -> str:
    return _NOT_LINE_BREAK.sub(" ", chunk)
