"""The diff between an original and a cleaned text, as plain data.

Every renderer (terminal, HTML, Markdown, unified, JSON) reads a
``DiffReport`` and nothing else. Offsets are ``str`` indices, end-exclusive,
into ``old_text`` and ``new_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["AttributedEdit", "Block", "Change", "DiffReport", "Op"]

OpKind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True, slots=True)
class Change:
    """One change: ``old_text[old_start:old_end]`` became ``new_text[new_start:new_end]``.

    When the edits come from a review, the change carries what proposed it
    (``rule``, ``source``, ``message``) and what the editor did (``decision``:
    ``accepted`` the first suggestion, picked an ``alternative``, or typed
    their own fix, ``edited``). A plain diff of two files leaves them ``None``.
    """

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: str
    new: str
    rule: str | None = None
    source: str | None = None
    message: str | None = None
    decision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": {"start": self.old_start, "end": self.old_end, "text": self.old},
            "new": {"start": self.new_start, "end": self.new_end, "text": self.new},
            "rule": self.rule,
            "source": self.source,
            "message": self.message,
            "decision": self.decision,
        }


@dataclass(frozen=True, slots=True)
class AttributedEdit:
    """An applied edit (``old_text[start:end]`` → ``replacement``) and where it
    came from: what a review session hands to ``from_edits``."""

    start: int
    end: int
    replacement: str
    rule: str | None = None
    source: str | None = None
    message: str | None = None
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class Op:
    """A run of text that is the same in both (``equal``), only in the old
    text (``delete``) or only in the new one (``insert``). ``change`` is the
    index of its ``Change`` in ``DiffReport.changes``."""

    kind: OpKind
    text: str
    change: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (a run of lines up to a blank line) in both texts.

    ``old_line`` / ``new_line`` are the 1-based numbers of its first line in
    each text. Joining every block's ops rebuilds both texts exactly.
    """

    old_line: int
    new_line: int
    ops: tuple[Op, ...]

    @property
    def changed(self) -> bool:
        return any(op.kind != "equal" for op in self.ops)

    @property
    def old(self) -> str:
        return "".join(op.text for op in self.ops if op.kind != "insert")

    @property
    def new(self) -> str:
        return "".join(op.text for op in self.ops if op.kind != "delete")


@dataclass(frozen=True, slots=True)
class DiffReport:
    old_name: str
    new_name: str
    old_text: str
    new_text: str
    blocks: tuple[Block, ...]
    changes: tuple[Change, ...]
    #: From a review: how many suggestions were accepted / rejected / edited…
    decisions: dict[str, int] = field(default_factory=dict)
    #: Readability before and after (``Readability.to_dict()``), when measured.
    readability: tuple[dict[str, Any], dict[str, Any]] | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)
