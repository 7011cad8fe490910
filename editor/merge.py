"""Merging the findings of several checkers into one deterministic list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.model import Suggestion

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["merge"]


def merge(groups: Iterable[Iterable[Suggestion]]) -> tuple[Suggestion, ...]:
    """One list in position order; an exact duplicate (same span, rule and
    first replacement) is kept once."""
    seen: dict[tuple[int, int, str, str | None], Suggestion] = {}
    for group in groups:
        for suggestion in group:
            first = suggestion.replacements[0] if suggestion.replacements else None
            seen.setdefault((suggestion.start, suggestion.end, suggestion.rule, first), suggestion)
    return tuple(sorted(seen.values(), key=Suggestion.sort_key))
