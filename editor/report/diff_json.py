"""A diff report as JSON, for tools: offsets are code-point indices
(end-exclusive) into the old and the new text, as in ``Change``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.diff.model import DiffReport

__all__ = ["DIFF_SCHEMA_VERSION", "render_json"]

DIFF_SCHEMA_VERSION = 1


def render_json(report: DiffReport) -> str:
    payload: dict[str, Any] = {
        "version": DIFF_SCHEMA_VERSION,
        "old": {"name": report.old_name, "length": len(report.old_text)},
        "new": {"name": report.new_name, "length": len(report.new_text)},
        "changes": [change.to_dict() for change in report.changes],
        "decisions": dict(report.decisions),
        "readability": (
            None
            if report.readability is None
            else {"before": report.readability[0], "after": report.readability[1]}
        ),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
