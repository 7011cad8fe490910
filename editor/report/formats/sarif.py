"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning reads.

One run, the rules that made findings in ``tool.driver.rules``, one result
per finding with its region (columns in Unicode code points, as the run
declares), and a fix for each finding that has a replacement. Written once
every file is done: results are small, documents are not kept.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from editor.model import Severity

if TYPE_CHECKING:
    from editor.report.formats import Checked, RunInfo

__all__ = ["SCHEMA", "SarifFormatter"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


class SarifFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.rules: dict[str, dict[str, Any]] = {}
        self.results: list[dict[str, Any]] = []

    def start(self) -> None:
        pass

    def file(self, checked: Checked) -> None:
        for item in checked.suggestions:
            end_line, end_col = checked.end_line_col(item)
            if item.rule not in self.rules:
                rule: dict[str, Any] = {"id": item.rule, "shortDescription": {"text": item.message}}
                if item.link:
                    rule["helpUri"] = item.link
                if item.category:
                    rule["properties"] = {"category": item.category}
                self.rules[item.rule] = rule
            region = {
                "startLine": item.line,
                "startColumn": item.column,
                "endLine": end_line,
                "endColumn": end_col,
                "charOffset": item.start,
                "charLength": item.end - item.start,
                "snippet": {"text": item.text},
            }
            location = {"uri": checked.path}
            result: dict[str, Any] = {
                "ruleId": item.rule,
                "level": _LEVEL[item.severity],
                "message": {"text": item.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": location, "region": region}}
                ],
            }
            if item.replacements:
                result["fixes"] = [
                    {
                        "description": {"text": f"Replace with '{item.replacements[0]}'"},
                        "artifactChanges": [
                            {
                                "artifactLocation": location,
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "charOffset": item.start,
                                            "charLength": item.end - item.start,
                                        },
                                        "insertedContent": {"text": item.replacements[0]},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            self.results.append(result)

    def finish(self, run: RunInfo) -> None:
        notifications = [{"level": "error", "message": {"text": error}} for error in run.errors] + [
            {"level": "note", "message": {"text": notice}} for notice in run.notices
        ]
        sarif_run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "copydesk",
                    "version": run.version,
                    "informationUri": "https://pypi.org/project/copydesk/",
                    "rules": [self.rules[rule] for rule in sorted(self.rules)],
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": self.results,
        }
        if notifications:
            sarif_run["invocations"] = [
                {
                    "executionSuccessful": not run.errors,
                    "toolExecutionNotifications": notifications,
                }
            ]
        document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]}
        self.out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
