"""``--format vale-line`` and ``--format vale-json``: Vale's own output, so CI
scripts written for ``vale --output=line --sort --normalize --relative`` and
``vale --output=JSON`` keep working.

A line is ``path:line:column:Rule:message``; the JSON is an object of paths
(only files with findings), each a list of Vale's alert objects. Findings are
ordered by line, then column, then rule (Vale's order for one block). Paths
are as given, with ``/``. The run prints one finding per rule and match: the
command does not merge findings in these formats.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from editor.model import Suggestion
    from editor.report.formats import Checked, RunInfo

__all__ = ["ValeJsonFormatter", "ValeLineFormatter"]


def _ordered(checked: Checked) -> list[Suggestion]:
    return sorted(checked.suggestions, key=lambda s: (s.line, s.column, s.rule))


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


class ValeLineFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def file(self, checked: Checked) -> None:
        for item in _ordered(checked):
            self.out.write(
                f"{checked.path}:{item.line}:{item.column}:{item.rule}:{_one_line(item.message)}\n"
            )
        self.out.flush()

    def finish(self, run: RunInfo) -> None:
        pass


def alert(item: Suggestion) -> dict[str, Any]:
    """One finding as Vale's alert object (its keys, in its order). Vale's
    ``Action`` names the rule's fix recipe; copydesk has already worked the fix
    out, so a finding with replacements says ``replace`` with them."""
    replacements = list(item.replacements)
    first_line = item.text.split("\n", 1)[0]
    return {
        "Action": {
            "Name": "replace" if replacements else "",
            "Params": replacements or None,
        },
        "Suggestions": replacements,
        "Span": [item.column, item.column + max(len(first_line), 1) - 1],
        "Check": item.rule,
        "Description": item.description or "",
        "Link": item.link or "",
        "Message": item.message,
        "Severity": item.severity.label,
        "Match": item.text,
        "Line": item.line,
    }


class ValeJsonFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.files: dict[str, list[dict[str, Any]]] = {}

    def start(self) -> None:
        pass

    def file(self, checked: Checked) -> None:
        if checked.suggestions:
            self.files[checked.path] = [alert(item) for item in _ordered(checked)]

    def finish(self, run: RunInfo) -> None:  # noqa: ARG002 (Vale's JSON has no run data)
        self.out.write(json.dumps(self.files, ensure_ascii=False, indent=2) + "\n")
        self.out.flush()
