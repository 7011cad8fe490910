"""Applying edits to a text by offset, in one pass. Pure; no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from editor.model import Edit, Suggestion

__all__ = ["EditConflictError", "apply_edits", "choose_fixes"]


class EditConflictError(ValueError):
    """Two edits overlap, so no single result honours both."""


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return ``text`` with every edit applied; everything else is untouched.

    Edits are applied in offset order; identical edits count once; edits
    that overlap (or two different insertions at one point) are an error.
    """
    ordered = sorted(set(edits))
    parts: list[str] = []
    position = 0
    previous: Edit | None = None
    for edit in ordered:
        if edit.end > len(text):
            msg = f"edit {edit.start}..{edit.end} is past the end ({len(text)})"
            raise EditConflictError(msg)
        if previous is not None and (
            edit.start < previous.end or (edit.start == previous.start == previous.end)
        ):
            msg = f"edits {previous.start}..{previous.end} and {edit.start}..{edit.end} overlap"
            raise EditConflictError(msg)
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
        previous = edit
    parts.append(text[position:])
    return "".join(parts)


def choose_fixes(
    suggestions: Sequence[Suggestion], *, rules: set[str], unsafe: bool
) -> list[Suggestion]:
    """The suggestions ``fix`` applies: safe ones (or any with ``unsafe``),
    of the named rules if any, first come first served where they overlap."""
    chosen: list[Suggestion] = []
    for s in suggestions:
        if not s.replacements or (rules and s.rule.lower() not in rules):
            continue
        if not (s.safe or unsafe):
            continue
        if chosen and s.start < chosen[-1].end:
            continue
        if chosen and s.start == s.end == chosen[-1].start == chosen[-1].end:
            continue
        chosen.append(s)
    return chosen
