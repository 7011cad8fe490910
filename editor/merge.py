"""Merging the findings of several checkers into one deterministic list.

1. Suggestions with the same span and the same first replacement (or both
   advice only) are one suggestion: the earliest engine in ``order`` keeps its
   message and rule, and the others are listed in ``also``. Spelling
   suggestions with the same span are one suggestion whatever their
   replacements: the word is misspelled, and the engines differ only in their
   guesses, which are offered in ``order`` (the earliest engine's first).
   If the earliest engine has no guess for the word, the merged suggestion has
   none either: on the dev sets, where LanguageTool had none (names, foreign
   words), Harper's first guess was right 0 times in 23.
2. Where an engine earlier in ``order`` checked the document's spelling
   (``spelling_checked``), its spelling findings are the document's: a later
   engine's spelling finding stays only on a span the judge flagged too, to add
   its guesses. Measured on the learner-English dev sets with LanguageTool
   before Harper, Harper's spelling "corrections" of words LanguageTool
   accepts were right 7 times in 327 (names, British spellings, rare words),
   and of spans that only overlap one LanguageTool flagged (parts of names,
   "l'optimisme") 1 in 39, while LanguageTool's of words Harper accepts were
   right 220 times in 463.
3. Then only what ``keep`` allows (the run's ``--select`` and ``--ignore``)
   stays: after step 2, so an engine's ignored spelling rule still counts as
   its judgement, and before merging, so a suggestion another engine also made
   survives the ignoring of the first engine's rule.
4. Overlapping suggestions whose first fixes make the same text ("it have"
   → "it has" and "have" → "has"; or a house rule's "alot" → "a lot" and a
   spell checker's, which step 1 keeps apart as spelling) are one too: the
   earliest engine's keeps its span, message and fix, and the others are
   listed in ``also``.
5. The result is sorted by position, then engine order, then rule.
6. Overlapping suggestions whose edits differ are all kept and marked
   ``conflict``, so a reviewer can offer them one after the other; accepting
   one settles the rest. Advice without a replacement never conflicts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from editor.model import SPELLING

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Sequence

    from editor.model import Suggestion

__all__ = ["merge"]


def merge(
    groups: Iterable[Iterable[Suggestion]],
    order: Sequence[str] = (),
    *,
    spelling_checked: Collection[str] = (),
    keep: Callable[[Suggestion], bool] | None = None,
    combine: bool = True,
) -> tuple[Suggestion, ...]:
    """The findings merged as the module says; without ``combine``, steps 1
    and 4 are left out: every rule's finding stays its own (Vale's output)."""
    rank = {name: i for i, name in enumerate(order)}
    everything = [s for group in groups for s in group]
    judge = min((rank[name] for name in spelling_checked if name in rank), default=None)
    if judge is not None:
        everything = _unjudged_spelling_dropped(everything, rank, judge)
    if keep is not None:
        everything = [s for s in everything if keep(s)]

    def key(s: Suggestion) -> tuple[int, int, int, str, str, str]:
        return (s.start, s.end, rank.get(s.source, len(rank)), s.source, s.rule, s.message)

    if not combine:
        return _mark_conflicts(sorted(everything, key=key))
    merged: dict[tuple[int, int, str | None, bool], list[Suggestion]] = {}
    for suggestion in sorted(everything, key=key):
        first = suggestion.replacements[0] if suggestion.replacements else None
        spelling = suggestion.category == SPELLING
        same = (suggestion.start, suggestion.end, None if spelling else first, spelling)
        merged.setdefault(same, []).append(suggestion)
    kept = [_combine(same) for same in merged.values()]
    kept.sort(key=key)
    kept = _fold_equivalent(kept, rank)
    return _mark_conflicts(kept)


def _combine(same: list[Suggestion]) -> Suggestion:
    head, rest = same[0], same[1:]
    if not rest:
        return head
    # A rule every engine shares (``Dialect.Mixed``) is not a second opinion.
    also = dict.fromkeys((*head.also, *((s.source, s.rule) for s in rest if s.rule != head.rule)))
    replacements = list(head.replacements)
    if replacements or head.category != SPELLING:
        for other in rest:
            replacements.extend(r for r in other.replacements if r not in replacements)
    return replace(
        head,
        also=tuple(also),
        replacements=tuple(replacements),
        # One rule calling the first replacement safe (a house rule's mechanical
        # fix) holds for the merged suggestion if that replacement is its own.
        safe=head.safe
        or any(s.safe and s.replacements[:1] == tuple(replacements[:1]) for s in rest),
    )


def _same_edit(outer: Suggestion, inner: Suggestion) -> bool:
    """Whether ``inner`` (inside ``outer``'s span) makes the same text with its
    first fix as ``outer`` does with its own: "it have" → "it has" and "have"
    → "has", or "right hand" → "right-hand" and " " → "-"."""
    at, to = inner.start - outer.start, inner.end - outer.start
    if outer.text[at:to] != inner.text:
        return False
    edited = outer.text[:at] + inner.replacements[0] + outer.text[to:]
    return edited == outer.replacements[0]


def _fold_equivalent(items: list[Suggestion], rank: dict[str, int]) -> list[Suggestion]:
    """Overlapping suggestions (sorted by start) whose first fixes make the
    same text are one: the earliest engine's (the wider span on a tie) keeps
    its message and fix, and names the others in ``also``."""
    into: dict[int, int] = {}
    for i, a in enumerate(items):
        if i in into or not a.replacements:
            continue
        for j in range(i + 1, len(items)):
            b = items[j]
            if b.start > a.end or (b.start == a.end and a.start != a.end):
                break
            if j in into or not b.replacements:
                continue
            if b.end <= a.end and _same_edit(a, b):
                keep, fold = (
                    (i, j)
                    if rank.get(a.source, len(rank)) <= rank.get(b.source, len(rank))
                    else (j, i)
                )
            elif a.start == b.start and a.end <= b.end and _same_edit(b, a):
                keep, fold = (
                    (j, i)
                    if rank.get(b.source, len(rank)) <= rank.get(a.source, len(rank))
                    else (i, j)
                )
            else:
                continue
            into[fold] = keep
            if fold == i:
                break
    if not into:
        return items
    also: dict[int, list[tuple[str, str]]] = {}
    for fold, keep in into.items():
        while keep in into:
            keep = into[keep]
        also.setdefault(keep, []).extend(
            [(items[fold].source, items[fold].rule), *items[fold].also]
        )
    return [
        replace(s, also=tuple(dict.fromkeys((*s.also, *also[i])))) if i in also else s
        for i, s in enumerate(items)
        if i not in into
    ]


def _unjudged_spelling_dropped(
    found: list[Suggestion], rank: dict[str, int], judge: int
) -> list[Suggestion]:
    """``found`` without the spelling findings of engines ranked after
    ``judge`` on spans ``judge`` did not flag as misspelled."""
    flagged = {
        (s.start, s.end) for s in found if s.category == SPELLING and rank.get(s.source) == judge
    }

    def unjudged(s: Suggestion) -> bool:
        return (
            s.category == SPELLING
            and rank.get(s.source, len(rank)) > judge
            and (s.start, s.end) not in flagged
        )

    return [s for s in found if not unjudged(s)]


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
