"""``--format jsonl``: one JSON object per finding per line, with its path,
for tools that read a stream (``jq -c``, log shippers)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from editor.report.formats import Checked, RunInfo

__all__ = ["JsonLinesFormatter"]


class JsonLinesFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def file(self, checked: Checked) -> None:
        for item in checked.suggestions:
            line = {"path": checked.document.name, **item.to_dict()}
            self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.out.flush()

    def finish(self, run: RunInfo) -> None:
        pass
