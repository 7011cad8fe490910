"""The diff between an original and a cleaned text, as plain data.

Every renderer (terminal, HTML, Markdown, unified, JSON) reads a
``DiffReport`` and nothing else. Offsets are ``str`` indices, end-exclusive,
into ``old_text`` and ``new_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DECISIONS",
    "REVIEW_DECISIONS",
    "AttributedEdit",
    "Block",
    "Change",
    "DiffReport",
    "Encoding",
    "Op",
    "review_decisions",
]

OpKind = Literal["equal", "delete", "insert"]

#: The one set of decision names every report uses, in order, with what each
#: means. ``copydesk fix`` applies its fixes without asking (``applied``);
#: only a review accepts, picks an alternative, edits or rejects.
DECISIONS: dict[str, str] = {
    "applied": "fixed automatically",
    "accepted": "the first suggestion taken",
    "alternative": "another suggestion taken",
    "edited": "the editor's own fix",
    "rejected": "the original kept",
    "undecided": "not decided",
}
#: The decisions a review report always lists, even at zero.
REVIEW_DECISIONS = ("accepted", "alternative", "edited", "rejected")


def review_decisions(counts: Mapping[str, int]) -> dict[str, int]:
    """A review's verdict counts (``ReviewState.counts()``) in the report
    vocabulary: keeping the original, ignoring the rule and adding the word to
    the vocabulary are all ``rejected``; a suggestion superseded by another's
    edit is not a decision."""
    rejected = sum(counts.get(k, 0) for k in ("rejected", "kept", "ignored", "added"))
    out = {k: counts.get(k, 0) for k in ("accepted", "alternative", "edited")}
    out["rejected"] = rejected
    out["undecided"] = counts.get("undecided", 0)
    return out


@dataclass(frozen=True, slots=True)
class Change:
    """One change: ``old_text[old_start:old_end]`` became ``new_text[new_start:new_end]``.

    When the edits come from a review, the change carries what proposed it
    (``rule``, ``source``, ``message``) and what was decided (``decision``,
    one of ``DECISIONS``). A plain diff of two files leaves them ``None``.
    When neighbouring edits make one change (see ``editor.diff.engine``),
    their distinct rules, sources, messages and decisions are joined with
    " + ".
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
class Encoding:
    """How a text is written on disk: ``codec`` as ``Document.encoding`` names
    it, and whether a byte-order mark comes first. A unified patch needs it:
    patch tools compare bytes, and the BOM is part of the first line."""

    codec: str = "utf-8"
    bom: bool = False


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
    #: How each file is written on disk (the texts hold no BOM).
    old_encoding: Encoding = field(default_factory=lambda: Encoding())
    new_encoding: Encoding = field(default_factory=lambda: Encoding())

    @property
    def changed(self) -> bool:
        return bool(self.changes)
