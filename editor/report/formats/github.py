"""``--format github``: GitHub Actions workflow commands, which become
annotations on the pull request's diff.

    ::error file=docs/a.md,line=3,col=1,endLine=3,endColumn=15,title=House.InAnOrderTo::Use …

Values are escaped as the runner expects (``%``, CR and LF everywhere; ``:``
and ``,`` in properties too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from editor.model import Severity

if TYPE_CHECKING:
    from editor.report.formats import Checked, RunInfo

__all__ = ["GithubFormatter"]

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def file(self, checked: Checked) -> None:
        for item in checked.suggestions:
            end_line, end_col = checked.end_line_col(item)
            fix = f" (fix: {item.replacements[0]})" if item.replacements else ""
            props = ",".join(
                [
                    f"file={_property(checked.path)}",
                    f"line={item.line}",
                    f"col={item.column}",
                    f"endLine={end_line}",
                    f"endColumn={end_col}",
                    f"title={_property(item.rule)}",
                ]
            )
            message = _data(f"{item.message}{fix}")
            self.out.write(f"::{_LEVEL[item.severity]} {props}::{message}\n")
        self.out.flush()

    def finish(self, run: RunInfo) -> None:
        for error in run.errors:
            self.out.write(f"::error title=copydesk::{_data(error)}\n")
