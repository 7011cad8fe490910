"""A diff report as a standard unified diff that turns the original into the
cleaned text byte for byte (CRLF line endings and a missing final newline
included): ``patch -p0 < FILE`` or ``git apply -p0 FILE``, run in the
directory that ``old_name`` is relative to.

Both headers name the original (``--- NAME`` and ``+++ NAME``, no ``a/`` and
``b/`` prefixes): ``git apply`` patches the ``+++`` file of a plain unified
diff, and GNU ``patch`` prefers the name with the shorter basename, so a
cleaned copy beside the original would otherwise be patched instead. The
cleaned copy's name goes on a first line before the headers, which both tools
skip as commentary.

The hunks come from the report's changes (each widened to whole lines), not
from a second line diff.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from editor.diff.engine import split_lines

if TYPE_CHECKING:
    from editor.diff.model import DiffReport

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


def _at_line_start(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] == "\n"


def _regions(report: DiffReport) -> list[Region]:
    """The changes widened to whole lines on both sides; changes that share a
    line are merged. Between two regions both texts hold the same lines."""
    old, new = report.old_text, report.new_text
    changes = report.changes
    regions: list[Region] = []
    prev_old = 0
    k = 0
    while k < len(changes):
        change = changes[k]
        # Back to the start of the line: the text between the previous region
        # and the change is the same in both texts.
        newline = old.rfind("\n", prev_old, change.old_start)
        back = change.old_start - (newline + 1 if newline != -1 else prev_old)
        start_old, start_new = change.old_start - back, change.new_start - back
        end_old, end_new = change.old_end, change.new_end
        while not (
            (_at_line_start(old, end_old) and _at_line_start(new, end_new))
            or (end_old == len(old) and end_new == len(new))
        ):
            following = changes[k + 1].old_start if k + 1 < len(changes) else len(old)
            newline = old.find("\n", end_old, following)
            if newline != -1:
                step = newline + 1 - end_old
                end_old, end_new = end_old + step, end_new + step
            elif k + 1 < len(changes):
                k += 1  # the next change is on the same line: one region
                end_old, end_new = changes[k].old_end, changes[k].new_end
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
    """The report as a unified diff; empty when the texts are the same."""
    if report.old_text == report.new_text:
        return ""
    old, new = report.old_text, report.new_text
    old_breaks = [i for i, c in enumerate(old) if c == "\n"]
    new_breaks = [i for i, c in enumerate(new) if c == "\n"]

    def old_line(position: int) -> int:
        return bisect_right(old_breaks, position - 1) + 1

    def new_line(position: int) -> int:
        return bisect_right(new_breaks, position - 1) + 1

    regions = _regions(report)
    # Group regions whose unchanged gap is short enough to share context.
    groups: list[list[Region]] = [[regions[0]]]
    for region in regions[1:]:
        gap = old[groups[-1][-1][1] : region[0]]
        if gap.count("\n") <= 2 * context_lines:
            groups[-1].append(region)
        else:
            groups.append([region])

    name = _quoted(report.old_name)
    out = [
        f"copydesk diff: {report.old_name} → {report.new_name}\n",
        f"--- {name}\n",
        f"+++ {name}\n",
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
