"""``--format json``: one document, the envelope the README documents.

It is written file by file: the head, each file's object as it is done, then
the errors, notices and engines.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from editor.model import SCHEMA_VERSION

if TYPE_CHECKING:
    from editor.dialect import Decision
    from editor.report.formats import Checked, RunInfo

__all__ = ["JsonFormatter", "dialect_json", "file_json"]


def dialect_json(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "name": decision.dialect,
        "source": decision.source,
        "british": decision.count("en-GB"),
        "american": decision.count("en-US"),
    }


def file_json(checked: Checked) -> dict[str, Any]:
    doc = checked.document
    return {
        "path": doc.name,
        "format": doc.format,
        "encoding": doc.encoding,
        "dialect": dialect_json(checked.dialect),
        "suggestions": [s.to_dict() for s in checked.suggestions],
    }


def _indented(value: Any, level: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level)


class JsonFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def start(self) -> None:
        self.out.write(f'{{\n  "version": {SCHEMA_VERSION},\n  "files": [')

    def file(self, checked: Checked) -> None:
        self.out.write(("," if self.count else "") + "\n    " + _indented(file_json(checked), 2))
        self.count += 1
        self.out.flush()

    def finish(self, run: RunInfo) -> None:
        engines = [
            {"name": e.name, "available": e.available, "version": e.version, "detail": e.detail}
            for e in run.engines
        ]
        self.out.write(("\n  " if self.count else "") + "],\n")
        tail = {"errors": list(run.errors), "notices": list(run.notices), "engines": engines}
        body = _indented(tail, 0)[1:-1].rstrip()  # the object's members, without braces
        self.out.write(body.lstrip("\n") + "\n}\n")
