"""One entry point for the diff report formats, and picking one from a file name."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from editor.diff.model import DiffReport

__all__ = ["FORMATS", "format_for", "render_report"]

FORMATS = ("terminal", "html", "markdown", "unified", "json")

_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".patch": "unified",
    ".diff": "unified",
    ".json": "json",
    ".txt": "terminal",
}


def format_for(path: Path) -> str | None:
    """The format a report file's name asks for (``report.html`` → html)."""
    return _SUFFIXES.get(path.suffix.lower())


def render_report(
    report: DiffReport, fmt: str, *, context: int = 1, color: bool = False, width: int = 100
) -> str:
    """The report as text; ``terminal`` uses ANSI colour only when ``color``.
    (Each renderer is imported here, when asked for: the command line lists
    the formats without paying for them.)"""
    if fmt == "html":
        from editor.report.diff_html import render_html

        return render_html(report)
    if fmt == "markdown":
        from editor.report.diff_markdown import render_markdown

        return render_markdown(report, context=context)
    if fmt == "unified":
        from editor.report.diff_unified import render_unified

        return render_unified(report)
    if fmt == "json":
        from editor.report.diff_json import render_json

        return render_json(report)
    from rich.console import Console

    from editor.report.diff_terminal import render_terminal

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="truecolor" if color else None,
        width=width,
        highlight=False,
    )
    render_terminal(console, report, context=context)
    return buffer.getvalue()
