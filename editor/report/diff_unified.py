"""A diff report as a standard unified diff that turns the original into the
cleaned text byte for byte (CRLF line endings, a UTF-8 byte-order mark and a
missing final newline included): ``patch -p1 < FILE`` or ``git apply FILE``,
run in the directory that ``old_name`` is relative to.

Both headers name the original, git-style (``--- a/NAME`` and ``+++ b/NAME``):
``-p1`` strips the prefixes, the default of ``git apply``. Naming the cleaned
copy in ``+++`` would make GNU ``patch`` pick whichever name has the shorter
basename, so a cleaned copy beside the original could be patched instead. The
cleaned copy's name goes on a first line before the headers, which both tools
skip as commentary.

Patch tools compare bytes, and the report's texts hold no BOM: a UTF-8 BOM is
put back at the start of the first line (of each side that has one), so a
hunk at line 1 matches the file. UTF-16 cannot be patched as text by these
tools and is refused (``InputError``, exit 2).

The hunks come from the report's changes (each widened to whole lines), not
from a second line diff.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from editor.diff.engine import split_lines
from editor.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.diff.model import DiffReport, Encoding

__all__ = ["render_unified"]

_NO_NEWLINE = "\\ No newline at end of file\n"

#: (old_start, old_end, new_start, new_end) in characters, on line boundaries.
Region = tuple[int, int, int, int]


def _quoted(name: str) -> str:
    """A file name as both ``patch`` and ``git apply`` read it: C-quoted when
    it holds a quote, backslash or control character, followed by a tab (which
    ends the name) when it holds a space."""
    if any(c in '"\\' or ord(c) < 32 or ord(c) == 127 for c in name):
        escapes = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
        body = "".join(
            escapes.get(c, f"\\{ord(c):03o}" if ord(c) < 32 or ord(c) == 127 else c) for c in name
        )
        return f'"{body}"'
    return f"{name}\t" if " " in name else name


_BOM = "\ufeff"


def _check_encoding(report: DiffReport) -> None:
    for name, encoding in (
        (report.old_name, report.old_encoding),
        (report.new_name, report.new_encoding),
    ):
        if encoding.codec.lower().replace("_", "-").startswith("utf-16"):
            raise InputError(
                name,
                "is UTF-16: patch tools are byte-based and cannot apply a unified diff to it; "
                "use another report format, or convert it with iconv -f utf-16 -t utf-8",
            )


def _with_bom(text: str, encoding: Encoding) -> str:
    return _BOM + text if encoding.bom else text


def _spans(report: DiffReport) -> list[Region]:
    """The report's changes as offsets into the texts with their BOMs; a BOM
    on one side only is a change of its own at the start."""
    old_shift, new_shift = int(report.old_encoding.bom), int(report.new_encoding.bom)
    spans: list[Region] = []
    if old_shift != new_shift:
        spans.append((0, old_shift, 0, new_shift))
    spans += [
        (
            c.old_start + old_shift,
            c.old_end + old_shift,
            c.new_start + new_shift,
            c.new_end + new_shift,
        )
        for c in report.changes
    ]
    return spans


def _at_line_start(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] == "\n"


def _regions(old: str, new: str, changes: Sequence[Region]) -> list[Region]:
    """The changes widened to whole lines on both sides; changes that share a
    line are merged. Between two regions both texts hold the same lines."""
    regions: list[Region] = []
    prev_old = 0
    k = 0
    while k < len(changes):
        old_start, old_end, new_start, new_end = changes[k]
        # Back to the start of the line: the text between the previous region
        # and the change is the same in both texts.
        newline = old.rfind("\n", prev_old, old_start)
        back = old_start - (newline + 1 if newline != -1 else prev_old)
        start_old, start_new = old_start - back, new_start - back
        end_old, end_new = old_end, new_end
        while not (
            (_at_line_start(old, end_old) and _at_line_start(new, end_new))
            or (end_old == len(old) and end_new == len(new))
        ):
            following = changes[k + 1][0] if k + 1 < len(changes) else len(old)
            newline = old.find("\n", end_old, following)
            if newline != -1:
                step = newline + 1 - end_old
                end_old, end_new = end_old + step, end_new + step
            elif k + 1 < len(changes):
                k += 1  # the next change is on the same line: one region
                end_old, end_new = changes[k][1], changes[k][3]
            else:
                end_old, end_new = len(old), len(new)
        if regions and regions[-1][1] == start_old:
            # On the next line: one block of removed then added lines.
            start_old, _, start_new, _ = regions.pop()
        regions.append((start_old, end_old, start_new, end_new))
        prev_old = end_old
        k += 1
    return regions


def _back(text: str, position: int, lines: int) -> int:
    """The start of the line ``lines`` lines before the one at ``position``
    (a line start)."""
    for _ in range(lines):
        if position == 0:
            break
        position = text.rfind("\n", 0, position - 1) + 1
    return position


def _forward(text: str, position: int, lines: int) -> int:
    for _ in range(lines):
        if position == len(text):
            break
        end = text.find("\n", position)
        position = len(text) if end == -1 else end + 1
    return position


def _emit(prefix: str, lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.append(prefix + line)
        if not line.endswith("\n"):
            out[-1] += "\n" + _NO_NEWLINE
    return out


def _range(start: int, length: int) -> str:
    """A hunk range as diff writes it: an empty one names the line before."""
    if length == 1:
        return str(start)
    return f"{start - 1 if length == 0 else start},{length}"


def render_unified(report: DiffReport, *, context_lines: int = 3) -> str:
    """The report as a unified diff; empty when the files' bytes would be the
    same. ``InputError`` for a UTF-16 file."""
    _check_encoding(report)
    old = _with_bom(report.old_text, report.old_encoding)
    new = _with_bom(report.new_text, report.new_encoding)
    if old == new:
        return ""
    old_breaks = [i for i, c in enumerate(old) if c == "\n"]
    new_breaks = [i for i, c in enumerate(new) if c == "\n"]

    def old_line(position: int) -> int:
        return bisect_right(old_breaks, position - 1) + 1

    def new_line(position: int) -> int:
        return bisect_right(new_breaks, position - 1) + 1

    regions = _regions(old, new, _spans(report))
    # Group regions whose unchanged gap is short enough to share context.
    groups: list[list[Region]] = [[regions[0]]]
    for region in regions[1:]:
        gap = old[groups[-1][-1][1] : region[0]]
        if gap.count("\n") <= 2 * context_lines:
            groups[-1].append(region)
        else:
            groups.append([region])

    out = [
        f"copydesk diff: {report.old_name} → {report.new_name}\n",
        f"--- {_quoted('a/' + report.old_name)}\n",
        f"+++ {_quoted('b/' + report.old_name)}\n",
    ]
    for group in groups:
        first, last = group[0], group[-1]
        lead = first[0] - _back(old, first[0], context_lines)
        trail = _forward(old, last[1], context_lines) - last[1]
        before, after = (
            split_lines(old[first[0] - lead : first[0]]),
            split_lines(old[last[1] : last[1] + trail]),
        )
        old_start, old_end = first[0] - lead, last[1] + trail
        new_start, new_end = first[2] - lead, last[3] + trail
        old_count = len(split_lines(old[old_start:old_end]))
        new_count = len(split_lines(new[new_start:new_end]))
        out.append(
            f"@@ -{_range(old_line(old_start), old_count)}"
            f" +{_range(new_line(new_start), new_count)} @@\n"
        )
        out += _emit(" ", before)
        for index, (a, b, c, d) in enumerate(group):
            if index:
                out += _emit(" ", split_lines(old[group[index - 1][1] : a]))
            out += _emit("-", split_lines(old[a:b]))
            out += _emit("+", split_lines(new[c:d]))
        out += _emit(" ", after)
    return "".join(out)
