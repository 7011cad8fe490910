"""``--format checkstyle``: Checkstyle's XML, which many CI tools and
reviewdog (``-f=checkstyle``) read."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import quoteattr

from editor.model import Severity

if TYPE_CHECKING:
    from editor.report.formats import Checked, RunInfo

__all__ = ["CheckstyleFormatter"]

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "info"}


class CheckstyleFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n')

    def file(self, checked: Checked) -> None:
        self.out.write(f"  <file name={quoteattr(checked.path)}>\n")
        for item in checked.suggestions:
            self.out.write(
                f'    <error line="{item.line}" column="{item.column}" '
                f'severity="{_LEVEL[item.severity]}" message={quoteattr(item.message)} '
                f"source={quoteattr(item.rule)}/>\n"
            )
        self.out.write("  </file>\n")
        self.out.flush()

    def finish(self, run: RunInfo) -> None:
        del run  # Checkstyle has no place for run-level errors: they go to stderr
        self.out.write("</checkstyle>\n")
