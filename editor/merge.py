"""Merging the findings of several checkers into one deterministic list.

1. Suggestions with the same span and the same first replacement (or both
   advice only) are one suggestion: the earliest engine in ``order`` keeps its
   message and rule, and the others are listed in ``also``.
2. The result is sorted by position, then engine order, then rule.
3. Overlapping suggestions whose edits differ are all kept and marked
   ``conflict``, so a reviewer can offer them one after the other; accepting
   one settles the rest. Advice without a replacement never conflicts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from editor.model import Suggestion

__all__ = ["merge"]


def merge(
    groups: Iterable[Iterable[Suggestion]], order: Sequence[str] = ()
) -> tuple[Suggestion, ...]:
    rank = {name: i for i, name in enumerate(order)}

    def key(s: Suggestion) -> tuple[int, int, int, str, str, str]:
        return (s.start, s.end, rank.get(s.source, len(rank)), s.source, s.rule, s.message)

    merged: dict[tuple[int, int, str | None], list[Suggestion]] = {}
    for suggestion in sorted((s for group in groups for s in group), key=key):
        first = suggestion.replacements[0] if suggestion.replacements else None
        merged.setdefault((suggestion.start, suggestion.end, first), []).append(suggestion)
    kept = [_combine(same) for same in merged.values()]
    kept.sort(key=key)
    return _mark_conflicts(kept)


def _combine(same: list[Suggestion]) -> Suggestion:
    head, rest = same[0], same[1:]
    if not rest:
        return head
    also = dict.fromkeys((*head.also, *((s.source, s.rule) for s in rest)))
    replacements = list(head.replacements)
    for other in rest:
        replacements.extend(r for r in other.replacements if r not in replacements)
    return replace(
        head,
        also=tuple(also),
        replacements=tuple(replacements),
        # The first replacement is the same for all, so one rule calling it safe
        # (a house rule's mechanical fix) holds for the merged suggestion.
        safe=head.safe or any(s.safe for s in rest),
    )


def _mark_conflicts(items: list[Suggestion]) -> tuple[Suggestion, ...]:
    """Interval sweep over the suggestions that edit (sorted by start)."""
    conflicting: set[int] = set()
    active: list[int] = []  # indices of edits whose span may still overlap
    for i, s in enumerate(items):
        if not s.replacements:
            continue
        active = [j for j in active if _overlaps(items[j], s)]
        for j in active:
            conflicting.update((i, j))
        active.append(i)
    return tuple(replace(s, conflict=True) if i in conflicting else s for i, s in enumerate(items))


def _overlaps(a: Suggestion, b: Suggestion) -> bool:
    """Spans share a character, or are insertions at the same point
    (``a.start <= b.start`` as the sweep guarantees)."""
    if a.start == a.end or b.start == b.end:
        return a.start <= b.start <= a.end and (a.start == b.start or b.start < a.end)
    return b.start < a.end
