"""Building a ``DiffReport``: from two texts (a word diff) or from the edits a
review applied (exact, no diff algorithm).

The word diff aligns paragraphs first and compares words only inside the
paragraphs that changed, with ``autojunk`` off: in tokenised prose the space,
"the" and "," are always "popular", so difflib's junk heuristic would give up
and replace whole paragraphs. Turning it off makes each comparison quadratic,
so comparisons are kept small (see ``TOKEN_LIMIT``).

The second half of the module holds the small pieces of layout that every
renderer shares (collapsed context, display lines, visible whitespace, the
summary figures), so that the terminal, Markdown and JSON views agree.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from editor.diff.model import (
    DECISIONS,
    AttributedEdit,
    Block,
    Change,
    DiffReport,
    Encoding,
    Op,
    OpKind,
)
from editor.readability import FIGURES

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "READABILITY_LABELS",
    "TOKEN_LIMIT",
    "Gap",
    "Line",
    "decision_counts",
    "diff_texts",
    "display_lines",
    "from_edits",
    "layout",
    "line_count",
    "readability_rows",
    "rule_counts",
    "show_whitespace",
    "tokenize",
]

#: Scripts written without spaces between words: each character is a token.
_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_LETTERS = rf"[[\p{{L}}\p{{N}}]--[{_UNSPACED}]][\p{{L}}\p{{N}}\p{{M}}--[{_UNSPACED}]]*"
#: A word (letters and digits with their combining marks, inner apostrophes
#: and hyphens), a run of whitespace, or one grapheme (punctuation, an emoji
#: with its modifiers, a CJK character). ``\X`` matches anywhere, so nothing
#: is ever skipped.
_TOKEN = regex.compile(rf"(?V1){_LETTERS}(?:['’\-‐‑]{_LETTERS})*|\s+|\X")

#: Most tokens on either side of one ``SequenceMatcher`` run. Above it a pair is
#: first aligned by lines and sentences. difflib without autojunk is roughly
#: quadratic on prose (about 0.1 s at 2,000 tokens on a slow machine).
TOKEN_LIMIT = 2000

#: Where a long paragraph may be cut: after a line break, or after a sentence's
#: terminal punctuation (and closing quotes) and the spaces that follow, or
#: after a CJK full stop.
_SEGMENT_END = regex.compile(r"\n|[.!?…]+[\"”’')\]]*[ \t]+|[。！？]+[」』”’）]*")

_MAX_DEPTH = 8

#: Ends a sentence: a change never reaches across it (see ``_absorbed``).
_SENTENCE_END = regex.compile(r"[.!?…。！？]")

Raw = tuple[OpKind, str]
#: An op and the edits it comes from (indexes; ``()`` for a plain diff, ``None``
#: for equal text): neighbouring ops of one group make one ``Change``.
Grouped = tuple[OpKind, str, tuple[int, ...] | None]


def tokenize(text: str) -> list[str]:
    """Split ``text`` into words, whitespace runs and single other characters;
    ``"".join(tokenize(text)) == text``."""
    return _TOKEN.findall(text)


# --------------------------------------------------------------------------
# Paragraphs and lines.


def split_lines(text: str) -> list[str]:
    """Lines ending in ``"\\n"`` (kept), as ``patch`` counts them; a final
    line without a newline is kept too."""
    out: list[str] = []
    start = 0
    while (end := text.find("\n", start)) != -1:
        out.append(text[start : end + 1])
        start = end + 1
    if start < len(text):
        out.append(text[start:])
    return out


def _one_paragraph_per_line(text: str) -> bool:
    """Plain text written a paragraph per line (no blank lines between them),
    as many articles pasted from the web are."""
    lines = [line for line in split_lines(text) if line.strip()]
    return len(lines) > 1 and all(line.strip() for line in split_lines(text.strip("\r\n")))


def _paragraphs(text: str, *, per_line: bool = False) -> list[str]:
    """Blocks of lines, each with the blank lines that follow it; with
    ``per_line`` every line is a block."""
    blocks: list[str] = []
    current: list[str] = []
    seen_blank = False
    for line in split_lines(text):
        blank = not line.strip()
        if current and (seen_blank or per_line) and not blank:
            blocks.append("".join(current))
            current, seen_blank = [], False
        current.append(line)
        seen_blank = seen_blank or blank
    if current:
        blocks.append("".join(current))
    return blocks


def line_count(text: str) -> int:
    """Lines in ``text``: a last line without a newline counts."""
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


# --------------------------------------------------------------------------
# Word diff.


def _token_ops(a: Sequence[str], b: Sequence[str]) -> list[Raw]:
    # No junk: with spaces as junk, difflib could no longer match a run of
    # words as one block (junk breaks a match's core), and a one-word edit in
    # a long sentence came out as a tangle of small matches.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops: list[Raw] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", "".join(b[j1:j2])))
    return ops


def _replace(a: str, b: str) -> list[Raw]:
    ops: list[Raw] = []
    if a:
        ops.append(("delete", a))
    if b:
        ops.append(("insert", b))
    return ops


def _common_ends(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """Tokens in common at the start and (not overlapping) at the end."""
    limit = min(len(a), len(b))
    head = 0
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


def _word_ops(a: str, b: str, depth: int = 0) -> list[Raw]:
    if a == b:
        return [("equal", a)] if a else []
    ta, tb = tokenize(a), tokenize(b)
    head, tail = _common_ends(ta, tb)
    ops: list[Raw] = []
    if head:
        ops.append(("equal", "".join(ta[:head])))
    mid_a, mid_b = ta[head : len(ta) - tail], tb[head : len(tb) - tail]
    if len(mid_a) <= TOKEN_LIMIT and len(mid_b) <= TOKEN_LIMIT:
        ops += _token_ops(mid_a, mid_b)
    else:
        ops += _segment_ops("".join(mid_a), "".join(mid_b), depth)
    if tail:
        ops.append(("equal", "".join(ta[len(ta) - tail :])))
    return ops


def _segments(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _SEGMENT_END.finditer(text):
        out.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _segment_ops(a: str, b: str, depth: int) -> list[Raw]:
    """Too many tokens for one comparison: align lines and sentences first,
    then compare words inside the pieces that differ."""
    sa, sb = _segments(a), _segments(b)
    if depth >= _MAX_DEPTH or (len(sa) <= 1 and len(sb) <= 1):
        return _replace(a, b)
    ops: list[Raw] = []
    matcher = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(sa[i1:i2])))
        elif tag == "replace" and (i2 - i1, j2 - j1) != (len(sa), len(sb)):
            ops += _word_ops("".join(sa[i1:i2]), "".join(sb[j1:j2]), depth + 1)
        elif tag == "replace":
            # Nothing in common at this level: pair the pieces in order.
            ops += _paired(sa[i1:i2], sb[j1:j2], depth + 1)
        else:
            ops += _replace("".join(sa[i1:i2]), "".join(sb[j1:j2]))
    return ops


def _paired(a: Sequence[str], b: Sequence[str], depth: int) -> list[Raw]:
    ops: list[Raw] = []
    for k in range(max(len(a), len(b))):
        if k < len(a) and k < len(b):
            ops += _word_ops(a[k], b[k], depth)
        else:
            ops += _replace(a[k] if k < len(a) else "", b[k] if k < len(b) else "")
    return ops


def _regroup(ops: Iterable[Raw]) -> list[Raw]:
    """Merge neighbours of a kind; in each run of changes, deletions first."""
    out: list[Raw] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(("delete", "".join(deleted)))
        if inserted:
            out.append(("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for kind, text in ops:
        if not text:
            continue
        if kind == "equal":
            flush()
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + text)
            else:
                out.append((kind, text))
        else:
            (deleted if kind == "delete" else inserted).append(text)
    flush()
    return out


def _absorbed(equal: str, left: list[str], right: list[str]) -> bool:
    """Whether the unchanged ``equal`` between two changes (``[deleted,
    inserted]``) joins them into one: whitespace, or a stretch shorter than
    the changed text on either side ("share of market" → "market share" is
    one change, not an insertion and a deletion around "share"). Line breaks
    and sentence ends are never absorbed: a change stays on its lines and in
    its sentence."""
    if "\n" in equal or _SENTENCE_END.search(equal):
        return False
    if equal.isspace():
        return True
    return len(equal) < max(map(len, left)) and len(equal) < max(map(len, right))


def _merge_near(ops: Iterable[tuple[OpKind, str, tuple[int, ...]]]) -> list[Grouped]:
    """Join neighbouring changes into the changes a report counts.

    This is the one definition of "a change" that every report shares: a run
    of deleted and inserted text with no unchanged text between, after joining
    runs separated only by what ``_absorbed`` accepts. It is applied to a word
    diff of two texts and to the edits of a fix or review alike, so both count
    the same pair of texts the same way. Each op's third item names the edits
    it comes from; a joined change names all of them. Linear: a stack, each
    item pushed and popped once.
    """
    # Items: [deleted, inserted, groups] for a change, a str for equal text.
    stack: list[list[Any] | str] = []
    for kind, text, group in ops:
        if not text:
            continue
        if kind == "equal":
            if stack and isinstance(stack[-1], str):
                stack[-1] += text
            else:
                stack.append(text)
            continue
        if stack and not isinstance(stack[-1], str):
            current = stack.pop()
            assert not isinstance(current, str)
        else:
            current = ["", "", ()]
        current[0 if kind == "delete" else 1] += text
        current[2] = (*current[2], *(g for g in group if g not in current[2]))
        while len(stack) >= 2 and isinstance(stack[-1], str):
            left = stack[-2]
            assert not isinstance(left, str)
            equal = stack[-1]
            if not _absorbed(equal, left[:2], current[:2]):
                break
            stack.pop()
            stack.pop()
            groups = (*left[2], *(g for g in current[2] if g not in left[2]))
            current = [left[0] + equal + current[0], left[1] + equal + current[1], groups]
        stack.append(current)
    out: list[Grouped] = []
    for item in stack:
        if isinstance(item, str):
            out.append(("equal", item, None))
            continue
        deleted, inserted, groups = item
        if deleted:
            out.append(("delete", deleted, groups))
        if inserted:
            out.append(("insert", inserted, groups))
    return out


# --------------------------------------------------------------------------
# Building the report.


def _joined(values: Iterable[str | None]) -> str | None:
    """The distinct values, in order, joined with " + "; ``None`` if none."""
    distinct = list(dict.fromkeys(v for v in values if v))
    return " + ".join(distinct) if distinct else None


class _Builder:
    """Turns per-block ops into ``Block``s and ``Change``s with offsets and
    line numbers, walking both texts once."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.changes: list[Change] = []
        self.old_pos = 0
        self.new_pos = 0
        self.old_line = 1
        self.new_line = 1

    def add(self, raw: Sequence[Grouped], edits: Sequence[AttributedEdit] = ()) -> None:
        """Add one block. Neighbouring ops of one group (any value but
        ``None``) make one ``Change``; a group's indexes pick its provenance
        from ``edits``."""
        if not raw:
            return
        ops: list[Op] = []
        first_old, first_new = self.old_line, self.new_line
        k = 0
        while k < len(raw):
            kind, text, group = raw[k]
            if group is None:
                ops.append(Op(kind, text))
                self._advance(text, text)
                k += 1
                continue
            run = [raw[k]]
            k += 1
            while k < len(raw) and raw[k][2] == group:
                run.append(raw[k])
                k += 1
            old = "".join(t for kd, t, _ in run if kd == "delete")
            new = "".join(t for kd, t, _ in run if kd == "insert")
            members = [edits[i] for i in group if 0 <= i < len(edits)]
            index = len(self.changes)
            self.changes.append(
                Change(
                    self.old_pos,
                    self.old_pos + len(old),
                    self.new_pos,
                    self.new_pos + len(new),
                    old,
                    new,
                    rule=_joined(e.rule for e in members),
                    source=_joined(e.source for e in members),
                    message=_joined(e.message for e in members),
                    decision=_joined(e.decision for e in members),
                )
            )
            ops.extend(Op(kd, t, index) for kd, t, _ in run)
            self._advance(old, new)
        self.blocks.append(Block(first_old, first_new, tuple(ops)))

    def _advance(self, old: str, new: str) -> None:
        self.old_pos += len(old)
        self.new_pos += len(new)
        self.old_line += old.count("\n")
        self.new_line += new.count("\n")

    def report(
        self,
        old: str,
        new: str,
        old_name: str,
        new_name: str,
        decisions: Mapping[str, int] | None,
        readability: tuple[dict[str, Any], dict[str, Any]] | None,
        encodings: tuple[Encoding, Encoding],
    ) -> DiffReport:
        return DiffReport(
            old_name=old_name,
            new_name=new_name,
            old_text=old,
            new_text=new,
            blocks=tuple(self.blocks),
            changes=tuple(self.changes),
            decisions=dict(decisions or {}),
            readability=readability,
            old_encoding=encodings[0],
            new_encoding=encodings[1],
        )


def diff_texts(
    old: str,
    new: str,
    *,
    old_name: str = "a",
    new_name: str = "b",
    decisions: Mapping[str, int] | None = None,
    readability: tuple[dict[str, Any], dict[str, Any]] | None = None,
    old_encoding: Encoding | None = None,
    new_encoding: Encoding | None = None,
) -> DiffReport:
    """A word diff of two arbitrary texts, paragraph by paragraph.

    Paragraphs are aligned first; a changed pair is compared word by word; an
    unequal number of changed paragraphs is paired in order and the rest are
    whole deletions or insertions. The encodings (UTF-8 without a BOM unless
    given) only matter to a unified patch."""
    per_line = _one_paragraph_per_line(old)
    pa, pb = _paragraphs(old, per_line=per_line), _paragraphs(new, per_line=per_line)
    builder = _Builder()
    matcher = difflib.SequenceMatcher(None, pa, pb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for block in pa[i1:i2]:
                builder.add([("equal", block, None)])
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            a = pa[i1 + k] if i1 + k < i2 else ""
            b = pb[j1 + k] if j1 + k < j2 else ""
            builder.add(_merge_near((k, t, ()) for k, t in _regroup(_word_ops(a, b))))
    encodings = (old_encoding or Encoding(), new_encoding or Encoding())
    return builder.report(old, new, old_name, new_name, decisions, readability, encodings)


def _refine(old: str, edit: AttributedEdit) -> tuple[int, int, str]:
    """Drop the words an edit leaves as they were at either end ("must have to"
    → "must" becomes the deletion of " have to"). Exact: only whole tokens
    that are equal on both sides are trimmed."""
    ta, tb = tokenize(old[edit.start : edit.end]), tokenize(edit.replacement)
    head, tail = _common_ends(ta, tb)
    if head == tail == 0:
        return edit.start, edit.end, edit.replacement
    before = len("".join(ta[:head]))
    after = len("".join(ta[len(ta) - tail :]))
    replacement = "".join(tb[head : len(tb) - tail])
    return edit.start + before, edit.end - after, replacement


def from_edits(
    old: str,
    edits: Sequence[AttributedEdit],
    *,
    old_name: str = "a",
    new_name: str = "b",
    decisions: Mapping[str, int] | None = None,
    readability: tuple[dict[str, Any], dict[str, Any]] | None = None,
    encoding: Encoding | None = None,
) -> DiffReport:
    """The report of a review or a fix: ``old`` with ``edits`` applied, one
    ``Change`` per edit carrying its provenance, in the original's paragraphs
    (edits that touch or are only a space or a short word apart make one
    change, as in ``diff_texts``).

    Edits must not overlap (``ValueError``); insertions at the same offset
    keep their given order. An edit that changes nothing is left out of the
    changes. ``decisions`` defaults to the count of the edits' decisions.
    ``encoding`` is the file's (the cleaned copy is written the same way).
    """
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    previous_end = 0
    refined: list[tuple[int, int, str, AttributedEdit]] = []
    for _, edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(old):
            raise ValueError(f"edit {edit.start}..{edit.end} is outside the text (0..{len(old)})")
        if edit.start < previous_end:
            raise ValueError(f"edit {edit.start}..{edit.end} overlaps the edit before it")
        previous_end = edit.end
        if old[edit.start : edit.end] != edit.replacement:
            refined.append((*_refine(old, edit), edit))
    if decisions is None:
        decisions = dict(Counter(e.decision for e in edits if e.decision))

    pieces: list[str] = []
    position = 0
    for start, end, replacement, _ in refined:
        pieces += [old[position:start], replacement]
        position = end
    new = "".join(pieces) + old[position:]

    # Paragraph spans of the original; an edit across a paragraph break joins
    # the paragraphs it touches into one block.
    spans: list[list[int]] = []
    offset = 0
    for paragraph in _paragraphs(old, per_line=_one_paragraph_per_line(old)):
        spans.append([offset, offset + len(paragraph)])
        offset += len(paragraph)
    if not spans:
        spans = [[0, 0]]
    ends = [span[1] for span in spans]
    groups: list[tuple[int, int, list[tuple[int, int, str, AttributedEdit]]]] = []
    queue = iter(refined)
    item = next(queue, None)
    for span_start, span_end in spans:
        if groups and groups[-1][1] > span_start:
            continue  # already joined to the block before
        end = span_end
        members: list[tuple[int, int, str, AttributedEdit]] = []
        # An insertion at a paragraph break belongs to the paragraph after it,
        # except at the very end of the text.
        while item is not None and (item[0] < end or item[0] == end == len(old)):
            if item[1] > end:
                end = ends[bisect_left(ends, item[1])]
            members.append(item)
            item = next(queue, None)
        groups.append((span_start, end, members))

    builder = _Builder()
    for start, end, members in groups:
        raw: list[tuple[OpKind, str, tuple[int, ...]]] = []
        position = start
        for group, (edit_start, edit_end, replacement, _) in enumerate(members):
            raw.append(("equal", old[position:edit_start], ()))
            raw += [
                (kind, text, (group,))
                for kind, text in _replace(old[edit_start:edit_end], replacement)
            ]
            position = edit_end
        raw.append(("equal", old[position:end], ()))
        builder.add(_merge_near(raw), [m[3] for m in members])
    encodings = (encoding or Encoding(), encoding or Encoding())
    return builder.report(old, new, old_name, new_name, decisions, readability, encodings)


# --------------------------------------------------------------------------
# Shared by the renderers.


@dataclass(frozen=True, slots=True)
class Gap:
    """Unchanged paragraphs left out of a report: ``count`` of them, on
    ``first_line``..``last_line`` of the old text."""

    count: int
    first_line: int
    last_line: int

    def describe(self) -> str:
        noun = "paragraph" if self.count == 1 else "paragraphs"
        where = (
            f"line {self.first_line}"
            if self.first_line == self.last_line
            else f"lines {self.first_line}–{self.last_line}"
        )
        return f"… {self.count} unchanged {noun} ({where}) …"


def layout(report: DiffReport, context: int = 1) -> list[Block | Gap]:
    """The blocks to show: each changed one with ``context`` unchanged blocks
    either side; every other run of unchanged blocks becomes one ``Gap``."""
    blocks = report.blocks
    context = max(context, 0)
    shown = [False] * len(blocks)
    for index, block in enumerate(blocks):
        if block.changed:
            for near in range(max(0, index - context), min(len(blocks), index + context + 1)):
                shown[near] = True
    out: list[Block | Gap] = []
    run: list[Block] = []

    def flush() -> None:
        if run:
            last = run[-1].old_line + max(line_count(run[-1].old), 1) - 1
            out.append(Gap(len(run), run[0].old_line, last))
            run.clear()

    for block, visible in zip(blocks, shown, strict=True):
        if visible:
            flush()
            out.append(block)
        else:
            run.append(block)
    flush()
    return out


_VISIBLE = {" ": "·", "\t": "→", "\n": "⏎", "\r": "␍", "\u00a0": "⍽"}


def show_whitespace(text: str) -> str:
    """Whitespace as visible marks, for a change that is only whitespace."""
    return "".join(_VISIBLE.get(c, "␣" if c.isspace() else c) for c in text)


def _controls(text: str) -> str:
    """Control characters (an escape sequence in an article must not reach the
    terminal) as their Unicode control pictures; tabs stay."""
    if text.isprintable() or not any(ord(c) < 32 or ord(c) == 127 for c in text):
        return text
    return "".join(
        chr(0x2400 + ord(c)) if ord(c) < 32 and c != "\t" else "␡" if ord(c) == 127 else c
        for c in text
    )


@dataclass(frozen=True, slots=True)
class Line:
    """One display line of a block: ``number`` is its line in the old text,
    or ``None`` for a line that only the new text has; ``parts`` are
    ``(kind, text, change)`` with line breaks removed and pure-whitespace
    changes made visible."""

    number: int | None
    parts: tuple[tuple[OpKind, str, int | None], ...]


def display_lines(block: Block) -> list[Line]:
    """The block cut at its line breaks. A line that starts a line of the old
    text carries its number, unless all it shows is inserted text."""
    lines: list[Line] = []
    parts: list[tuple[OpKind, str, int | None]] = []
    old_line = block.old_line
    starts_old = True  # at the start of a line of the old text

    def close() -> None:
        shows_old = any(kind != "insert" for kind, _, _ in parts) or not parts
        lines.append(Line(old_line if starts_old and shows_old else None, tuple(parts)))

    for op in block.ops:
        if op.kind != "equal" and op.text.isspace():
            parts.append((op.kind, show_whitespace(op.text), op.change))
            if op.kind == "delete":
                old_line += op.text.count("\n")
            continue
        pieces = op.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                close()
                parts = []
                starts_old = op.kind != "insert"
                if starts_old:
                    old_line += 1
            if k < len(pieces) - 1:
                piece = piece.removesuffix("\r")
            if piece:
                parts.append((op.kind, _controls(piece), op.change))
    if parts:
        close()
    return lines


def rule_counts(report: DiffReport) -> list[tuple[str, int]]:
    """Changes per rule, most first; changes without a rule as ``"other"``.
    Empty when no change names a rule (a plain diff)."""
    if not any(c.rule for c in report.changes):
        return []
    counts = Counter(c.rule or "other" for c in report.changes)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def decision_counts(report: DiffReport) -> list[tuple[str, int]]:
    """The decisions in the order of ``DECISIONS`` (any others after, by name)."""
    known = [(d, report.decisions[d]) for d in DECISIONS if d in report.decisions]
    rest = sorted((d, n) for d, n in report.decisions.items() if d not in DECISIONS)
    return known + rest


#: Readability labels by key, from the one table in ``editor.readability``.
READABILITY_LABELS = {figure.key: figure.label for figure in FIGURES}


def _figure(value: object) -> str:
    number = _number(value)
    if number is None:
        return "–"
    return str(number) if isinstance(number, int) else f"{number:.1f}"


def _number(value: object) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _delta(before: object, after: object) -> str:
    a, b = _number(before), _number(after)
    if a is None or b is None:
        return ""
    if isinstance(a, int) and isinstance(b, int):
        return f"{b - a:+d}" if b != a else "0"
    change = round(b - a, 1)
    return f"{change:+.1f}" if change else "0.0"


def readability_rows(report: DiffReport) -> list[tuple[str, str, str, str]]:
    """``(label, before, after, change)`` for each figure measured on either
    side: the known ones in a fixed order, then any other number by name."""
    if report.readability is None:
        return []
    before, after = report.readability
    keys = [k for k in READABILITY_LABELS if k in before or k in after]
    keys += sorted(
        k
        for k in {*before, *after}
        if k not in READABILITY_LABELS and _number(before.get(k, after.get(k))) is not None
    )
    return [
        (
            READABILITY_LABELS.get(k, k.replace("_", " ")),
            _figure(before.get(k)),
            _figure(after.get(k)),
            _delta(before.get(k), after.get(k)),
        )
        for k in keys
    ]
