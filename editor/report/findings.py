"""``copydesk check`` output: one entry per finding, like the best linters.

    seeds/huawei-att.txt:3:1: error[House.InAnOrderTo] Use 'In order to' instead of 'In an order to'.
       3 │ In an order to secure a place in US market with aims to getting …
         │ ^^^^^^^^^^^^^^
         = fix: In order to

Colour comes from rich; without it the caret line still shows the span.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from editor.model import Severity, Suggestion

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Sequence

    from rich.console import Console

    from editor.dialect import Decision
    from editor.document import Document

__all__ = ["describe_dialects", "excerpt", "render_statistics", "render_summary", "render_text"]

_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.SUGGESTION: "bold cyan",
}

#: Characters of context shown either side of a span in the excerpt.
CONTEXT = 50


def excerpt(doc: Document, item: Suggestion, width: int = CONTEXT) -> tuple[str, int, int]:
    """The sentence around ``item`` (trimmed to ``width`` characters either
    side of the span, and to one line), with the span's offsets inside it."""
    sentence = doc.sentence_at(item.start) or (item.start, item.end)
    start = max(sentence[0], item.start - width)
    end = min(max(sentence[1], item.end), item.end + width)
    line_start = doc.text.rfind("\n", 0, item.start) + 1
    start = max(start, line_start)
    line_end = doc.text.find("\n", item.end)
    if line_end != -1 and line_end >= item.end:
        end = min(end, line_end)
    prefix = "…" if start > sentence[0] and start > line_start else ""
    suffix = "…" if end < sentence[1] else ""
    body = doc.text[start:end].replace("\t", " ").replace("\r", "")
    shown = item.end - item.start if "\n" not in item.text else item.text.find("\n")
    left = len(prefix) + item.start - start
    return f"{prefix}{body}{suffix}", left, left + max(shown, 1)


def _entry(doc: Document, item: Suggestion) -> Text:
    out = Text()
    out.append(f"{doc.name}:{item.line}:{item.column}: ", style="bold")
    out.append(item.severity.label, style=_STYLE[item.severity])
    out.append(f"[{item.rule}] ", style="dim")
    out.append(item.message)
    if item.also:
        out.append(f" (also {', '.join(rule for _, rule in item.also)})", style="dim")
    out.append("\n")
    snippet, left, right = excerpt(doc, item)
    gutter = f"{item.line:>6} │ "
    out.append(gutter, style="blue")
    out.append(snippet[:left])
    out.append(snippet[left:right], style="bold underline " + _STYLE[item.severity].split()[-1])
    out.append(snippet[right:])
    out.append("\n")
    out.append(" " * (len(gutter) - 2) + "│ ", style="blue")
    out.append(" " * left + "^" * (right - left), style=_STYLE[item.severity])
    if item.replacements:
        shown = " | ".join(repr(r) if not r.strip() else r for r in item.replacements)
        out.append("\n" + " " * (len(gutter) - 2) + "= fix: ", style="green")
        out.append(shown, style="green")
        if item.safe:
            out.append("  (safe)", style="dim")
        if item.conflict:
            out.append("  (overlaps another suggestion)", style="dim")
    return out


def render_text(console: Console, doc: Document, items: Sequence[Suggestion]) -> None:
    for item in items:
        console.print(_entry(doc, item), soft_wrap=True, highlight=False)
        console.print()


def render_summary(
    console: Console,
    counts: Counter[Severity],
    files: int,
    fixable: int,
    engines: Sequence[str] = (),
    dialects: Sequence[Decision | None] = (),
) -> None:
    total = sum(counts.values())
    noun = "file" if files == 1 else "files"
    about = [f"engines: {', '.join(engines)}"] if engines else []
    spelling = describe_dialects(dialects)
    if spelling:
        about.append(spelling)
    by = f" ({'; '.join(about)})" if about else ""
    if total == 0:
        console.print(f"No findings in {files} {noun}{by}.", style="green")
        return
    parts = [
        f"{counts[level]} {level.label}{'s' if counts[level] != 1 else ''}"
        for level in sorted(counts, reverse=True)
        if counts[level]
    ]
    line = f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} {noun}"
    if fixable:
        line += f"; {fixable} with a suggested fix"
    console.print(line + by + ".", style="bold")


def describe_dialects(dialects: Sequence[Decision | None]) -> str | None:
    """The dialect the spelling was checked in: "en-GB spelling, detected" for
    one file, "en-GB spelling in 2 files, en-US in 1" for several."""
    decided = [d for d in dialects if d is not None]
    if not decided:
        return None
    counts: dict[str, int] = {}
    for d in decided:
        counts[d.dialect] = counts.get(d.dialect, 0) + 1
    if len(counts) == 1:
        detected = ", detected" if any(d.source == "detected" for d in decided) else ""
        return f"{decided[0].dialect} spelling{detected}"
    (first, n), *rest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    others = ", ".join(f"{name} in {m}" for name, m in rest)
    return f"{first} spelling in {n} file{'s' if n != 1 else ''}, {others}"


def render_statistics(console: Console, rows: Sequence[tuple[str, int, int]]) -> None:
    """``--statistics``: findings per rule, most first, and how many have a fix."""
    if not rows:
        return
    width = max(len(f"{count:,}") for _, count, _ in rows)
    for rule, count, fixable in rows:
        fixes = f"  ({fixable:,} with a fix)" if fixable else ""
        console.print(f"{count:>{width},}  {rule}{fixes}", markup=False, highlight=False)
