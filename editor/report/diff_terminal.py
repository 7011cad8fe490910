"""A prose diff in the terminal: the changed paragraphs with their old line
numbers, deletions struck through in red, insertions bold and underlined in
green; unchanged paragraphs beyond ``context`` collapse to one line.

Without colour (``NO_COLOR``, a pipe, a file) the changes are marked like
``git diff --word-diff=plain``, ``[-deleted-]{+inserted+}``, and lines are
not wrapped, so the output can be searched and compared. A change that is only
whitespace is drawn with visible marks (``·`` space, ``→`` tab, ``⏎`` line
break, ``␍`` carriage return), or it would look like no change at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from editor.diff.engine import (
    Gap,
    Line,
    decision_counts,
    display_lines,
    layout,
    line_count,
    readability_rows,
    rule_counts,
)

if TYPE_CHECKING:
    from rich.console import Console

    from editor.diff.model import DiffReport

__all__ = ["render_terminal"]

_STYLE = {"equal": "", "delete": "red strike", "insert": "bold green underline"}
_MARKS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _plain(console: Console) -> bool:
    return console.no_color or console.color_system is None or not console.is_terminal


def _gutter(number: int | None, width: int) -> str:
    return f"{number if number is not None else '+':>{width}} │ "


def _body(line: Line, plain: bool) -> Text:
    text = Text()
    for kind, part, _ in line.parts:
        if plain:
            opening, closing = _MARKS[kind]
            text.append(f"{opening}{part}{closing}")
        else:
            text.append(part, style=_STYLE[kind])
    return text


def _print_line(console: Console, line: Line, width: int, plain: bool) -> None:
    gutter = _gutter(line.number, width)
    body = _body(line, plain)
    if not body:
        gutter = gutter.rstrip()
    if plain:
        console.print(gutter + body.plain, soft_wrap=True, highlight=False, markup=False)
        return
    room = max(console.width - len(gutter), 20)
    wrapped = body.wrap(console, room, overflow="fold") if body else [Text()]
    for index, piece in enumerate(wrapped):
        piece.rstrip()
        shown = Text()
        shown.append(gutter if index == 0 else " " * (width + 1) + "│ ", style="blue")
        shown.append_text(piece)
        console.print(shown, soft_wrap=True, highlight=False)


def _header(report: DiffReport) -> str:
    if not report.changed:
        return f"{report.old_name} → {report.new_name}: no changes"
    paragraphs = sum(1 for block in report.blocks if block.changed)
    return (
        f"{report.old_name} → {report.new_name}: {_plural(len(report.changes), 'change')}"
        f" in {_plural(paragraphs, 'paragraph')}"
    )


def _summary(report: DiffReport) -> list[str]:
    lines: list[str] = []
    rules = rule_counts(report)
    if rules:
        lines.append("Changes by rule: " + ", ".join(f"{rule} {n}" for rule, n in rules))
    decisions = decision_counts(report)
    if decisions:
        lines.append("Decisions: " + ", ".join(f"{d} {n}" for d, n in decisions))
    rows = readability_rows(report)
    if rows:
        lines.append("Readability (before → after):")
        label_width = max(len(row[0]) for row in rows)
        for label, before, after, change in rows:
            delta = f"  ({change})" if change else ""
            lines.append(f"  {label:<{label_width}}  {before:>6} → {after:<6}{delta}".rstrip())
    return lines


def render_terminal(console: Console, report: DiffReport, *, context: int = 1) -> None:
    """Print ``report`` on ``console``; ``context`` is the number of unchanged
    paragraphs shown around each changed one."""
    plain = _plain(console)
    console.print(_header(report), style=None if plain else "bold", highlight=False, markup=False)
    if report.changed:
        width = max(4, len(str(line_count(report.old_text) or 1)))
        console.print()
        for item in layout(report, context):
            if isinstance(item, Gap):
                console.print(
                    " " * (width + 1) + item.describe(),
                    style=None if plain else "dim",
                    highlight=False,
                    markup=False,
                    soft_wrap=True,
                )
                continue
            for line in display_lines(item):
                _print_line(console, line, width, plain)
    summary = _summary(report)
    if summary:
        console.print()
        for entry in summary:
            console.print(entry, highlight=False, markup=False, soft_wrap=True)
