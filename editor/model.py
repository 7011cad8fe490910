"""The suggestion record every checker produces and every later stage consumes.

Pure data, standard library only. Offsets are Python ``str`` indices (code
points) into the document's raw text, end-exclusive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

__all__ = ["SCHEMA_VERSION", "SPELLING", "Edit", "EngineStatus", "Severity", "Suggestion"]

#: Version of the JSON wire format written by ``Suggestion.to_dict``.
SCHEMA_VERSION = 1

#: The ``category`` of spelling findings: the vocabulary applies to these, and
#: engines' spelling judgements are weighed against each other in the merge.
SPELLING = "spelling"


class Severity(IntEnum):
    """Vale's levels, ordered so that ``severity >= fail_on`` works."""

    SUGGESTION = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a level name (``error``, ``warning``, ``suggestion``)."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            msg = f"unknown level {value!r} (expected one of: {names})"
            raise ValueError(msg) from None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One finding: a span of the raw text, what is wrong, and how to fix it.

    ``replacements`` are alternatives, best first; an empty tuple means advice
    only. ``safe`` says the first replacement may be applied without review.
    ``also`` lists the other engines' findings (``(source, rule)``) that made
    the same suggestion and were merged into this one; ``conflict`` marks a
    suggestion whose edit overlaps another suggestion's different edit.
    """

    start: int
    end: int
    line: int
    column: int
    text: str
    message: str
    rule: str
    source: str
    severity: Severity
    category: str | None = None
    replacements: tuple[str, ...] = ()
    safe: bool = False
    link: str | None = None
    description: str | None = field(default=None, compare=False)
    also: tuple[tuple[str, str], ...] = ()
    conflict: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            msg = f"bad span {self.start}..{self.end} for {self.rule}"
            raise ValueError(msg)
        if len(self.text) != self.end - self.start:
            msg = f"text {self.text!r} does not fit span {self.start}..{self.end}"
            raise ValueError(msg)
        if self.line < 1 or self.column < 1:
            msg = f"line and column are 1-based, got {self.line}:{self.column}"
            raise ValueError(msg)
        if self.safe and not self.replacements:
            msg = f"{self.rule}: a safe suggestion needs a replacement"
            raise ValueError(msg)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.rule, self.message)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every engine that made this suggestion, its own ``source`` first."""
        return tuple(dict.fromkeys((self.source, *(source for source, _ in self.also))))

    def to_dict(self) -> dict[str, Any]:
        """The JSON wire form (documented in the README)."""
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "message": self.message,
            "rule": self.rule,
            "source": self.source,
            "severity": self.severity.label,
            "category": self.category,
            "replacements": list(self.replacements),
            "safe": self.safe,
            "link": self.link,
            "also": [{"source": source, "rule": rule} for source, rule in self.also],
            "conflict": self.conflict,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Suggestion:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            line=int(data["line"]),
            column=int(data["column"]),
            text=str(data["text"]),
            message=str(data["message"]),
            rule=str(data["rule"]),
            source=str(data["source"]),
            severity=Severity.parse(str(data["severity"])),
            category=None if data.get("category") is None else str(data["category"]),
            replacements=tuple(str(r) for r in data.get("replacements", ())),
            safe=bool(data.get("safe", False)),
            link=None if data.get("link") is None else str(data["link"]),
            also=tuple((str(o["source"]), str(o["rule"])) for o in data.get("also", ())),
            conflict=bool(data.get("conflict", False)),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Suggestion:
        data = json.loads(text)
        if not isinstance(data, dict):
            msg = "a suggestion must be a JSON object"
            raise ValueError(msg)
        return cls.from_dict(data)


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``start..end`` of the raw text with ``replacement``.

    An empty span is an insertion, an empty replacement a deletion.
    """

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            msg = f"bad edit span {self.start}..{self.end}"
            raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class EngineStatus:
    """Whether an engine can run here, and if not, exactly why and how to fix it.

    ``detail`` is one line: where the engine runs when available (``server
    http://…``, ``in process``), or the reason and the way to enable it.
    """

    name: str
    available: bool
    version: str | None
    detail: str
