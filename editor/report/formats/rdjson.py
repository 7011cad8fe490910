"""``--format rdjson``: reviewdog's diagnostic format
(``reviewdog -f=rdjson``), with suggested fixes reviewdog can turn into
suggestion comments. reviewdog counts columns in UTF-8 bytes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from editor.model import Severity

if TYPE_CHECKING:
    from editor.model import Suggestion
    from editor.report.formats import Checked, RunInfo

__all__ = ["RdjsonFormatter"]

_LEVEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.SUGGESTION: "INFO"}


def _byte_column(checked: Checked, line: int, column: int) -> int:
    text = checked.document.line_text(line)
    return len(text[: column - 1].encode("utf-8")) + 1


def _range(checked: Checked, item: Suggestion) -> dict[str, Any]:
    end_line, end_col = checked.end_line_col(item)
    return {
        "start": {"line": item.line, "column": _byte_column(checked, item.line, item.column)},
        "end": {"line": end_line, "column": _byte_column(checked, end_line, end_col)},
    }


class RdjsonFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.diagnostics: list[dict[str, Any]] = []

    def start(self) -> None:
        pass

    def file(self, checked: Checked) -> None:
        for item in checked.suggestions:
            span = _range(checked, item)
            code: dict[str, Any] = {"value": item.rule}
            if item.link:
                code["url"] = item.link
            diagnostic: dict[str, Any] = {
                "message": item.message,
                "location": {"path": checked.path, "range": span},
                "severity": _LEVEL[item.severity],
                "code": code,
            }
            if item.replacements:
                diagnostic["suggestions"] = [{"range": span, "text": item.replacements[0]}]
            self.diagnostics.append(diagnostic)

    def finish(self, run: RunInfo) -> None:
        del run  # rdjson has no place for run-level errors: they go to stderr
        document = {
            "source": {"name": "copydesk", "url": "https://pypi.org/project/copydesk/"},
            "diagnostics": self.diagnostics,
        }
        self.out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
