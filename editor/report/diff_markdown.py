"""A prose diff as GitHub-flavoured Markdown, for a pull-request comment.

Deleted text is ``<del>`` (struck through) and inserted text ``<ins>``
(underlined), both rendered by GitHub, the same marks as the HTML report.
Markdown's own ``~~`` and ``**`` are not used: they only open next to a
letter or digit (in ``word~~.~~`` the strike never opens), and a report that
switched between the two would read inconsistently. The document's own text is escaped, so an article containing ``*``,
``|``, backticks or ``<script>`` shows literally. Each line is quoted after
its line number in a code span, so nothing in it ever starts a Markdown line
(no stray headings, lists or code blocks).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from editor.diff.engine import (
    Gap,
    decision_counts,
    display_lines,
    layout,
    readability_rows,
    rule_counts,
    show_whitespace,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from editor.diff.engine import Line
    from editor.diff.model import Block, DiffReport

__all__ = ["escape", "render_markdown"]

#: Characters that Markdown (or GitHub's extensions: ``~`` strike, ``|``
#: tables, ``$`` maths) may read as syntax anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_~\[\]<>|$])")
#: ``&copy;`` would render as ©, ``:smile:`` as an emoji.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_SHORTCODE = re.compile(r":(?=[0-9A-Za-z_+-]+:)")

#: Longest old or new text shown in the table of all changes.
CELL = 60


def escape(text: str) -> str:
    """``text`` as Markdown that renders as exactly ``text`` (inside a line)."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _SHORTCODE.sub(r"\\:", text)


def _plural(count: int, one: str) -> str:
    return f"{count} {one if count == 1 else one + 's'}"


def _marked(kind: str, text: str) -> str:
    """One deletion or insertion; the spaces at its ends stay outside the
    delimiters, where Markdown needs them."""
    if text.isspace():
        core, before, after = show_whitespace(text), "", ""
    else:
        core = text.strip()
        before = text[: len(text) - len(text.lstrip())]
        after = text[len(text.rstrip()) :]
    body = escape(core)
    tag = "del" if kind == "delete" else "ins"
    return f"{before}<{tag}>{body}</{tag}>{after}"


def _line(line: Line) -> str:
    number = "+" if line.number is None else str(line.number)
    body = "".join(
        escape(text) if kind == "equal" else _marked(kind, text) for kind, text, _ in line.parts
    )
    return f"`{number}` {body}"


def _block(block: Block) -> list[str]:
    lines = [_line(line) for line in display_lines(block) if line.parts]
    # A backslash at the end of a line is a hard line break.
    return [f"> {text}\\" for text in lines[:-1]] + [f"> {text}" for text in lines[-1:]]


def _table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |"]
    out.append("| " + " | ".join("---:" if a == "r" else ":---" for a in align) + " |")
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _cell(text: str) -> str:
    """A change's text on one line: line breaks, and the spaces at its ends
    (a table cell would trim them), shown as marks."""
    core = text.strip()
    start = len(text) - len(text.lstrip())
    shown = (
        show_whitespace(text[:start])
        + core.replace("\r\n", "⏎").replace("\r", "␍").replace("\n", "⏎")
        + show_whitespace(text[start + len(core) :])
    )
    if len(shown) > CELL:
        shown = shown[: CELL - 1] + "…"
    return escape(shown)


def _changes_table(report: DiffReport) -> list[str]:
    """Every change: where, what proposed it and what the editor did (the
    rule and decision columns only when some change has one)."""
    rules = any(c.rule for c in report.changes)
    decisions = any(c.decision for c in report.changes)
    header = ["#", "Line", *(["Rule"] if rules else []), *(["Decision"] if decisions else [])]
    rows: list[list[str]] = []
    line, position = 1, 0
    for number, change in enumerate(report.changes, 1):
        line += report.old_text.count("\n", position, change.old_start)
        position = change.old_start
        row = [str(number), str(line)]
        row += [escape(change.rule or "")] if rules else []
        row += [escape(change.decision or "")] if decisions else []
        rows.append([*row, _cell(change.old), _cell(change.new)])
    align = "rr" + "l" * (len(header) - 2) + "ll"
    return _table([*header, "Old", "New"], align, rows)


def render_markdown(report: DiffReport, *, context: int = 1) -> str:
    """The report as GitHub-flavoured Markdown; ``context`` is the number of
    unchanged paragraphs shown around each changed one."""
    out = [f"## copydesk diff: {escape(report.old_name)} → {escape(report.new_name)}", ""]
    if report.changed:
        paragraphs = sum(1 for block in report.blocks if block.changed)
        out += [
            f"**{_plural(len(report.changes), 'change')}** in {_plural(paragraphs, 'paragraph')}.",
            "",
        ]
    else:
        out += ["No changes.", ""]
    rules = rule_counts(report)
    if rules:
        out += [*_table(("Rule", "Changes"), "lr", [(escape(r), str(n)) for r, n in rules]), ""]
    decisions = decision_counts(report)
    if decisions:
        out += [
            *_table(("Decision", "Count"), "lr", [(escape(d), str(n)) for d, n in decisions]),
            "",
        ]
    readability = readability_rows(report)
    if readability:
        rows = [[escape(cell) for cell in row] for row in readability]
        out += [*_table(("Readability", "Before", "After", "Change"), "lrrr", rows), ""]
    if not report.changed:
        return "\n".join(out)
    out += ["### Changes", ""]
    for item in layout(report, context):
        if isinstance(item, Gap):
            out += [f"*{escape(item.describe())}*", ""]
        else:
            out += [*_block(item), ""]
    out += [
        "<details>",
        f"<summary>All {_plural(len(report.changes), 'change')}</summary>",
        "",
        *_changes_table(report),
        "",
        "</details>",
        "",
    ]
    return "\n".join(out)
