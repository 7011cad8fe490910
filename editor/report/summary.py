"""The few lines printed when a review ends: decisions, edits, output, readability."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from editor.diff.model import review_decisions
from editor.readability import FIGURES

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Mapping, Sequence

    from rich.console import Console

__all__ = ["describe_decisions", "render_review_summary", "render_stats"]


#: The ways a review keeps the original, all "rejected" in the reports.
_KEPT = (("kept", "kept"), ("ignored", "rule ignored"), ("added", "added to the vocabulary"))


def describe_decisions(counts: Mapping[str, int]) -> str:
    """A review's verdict counts (``ReviewState.counts()``) in the decision
    names every report uses, e.g. "2 accepted, 3 rejected (2 kept, 1 added to
    the vocabulary), 1 undecided"."""
    named = review_decisions(counts)
    parts = []
    for decision, n in named.items():
        if not n:
            continue
        part = f"{n} {decision}"
        if decision == "rejected":
            how = ", ".join(f"{counts[k]} {what}" for k, what in _KEPT if counts.get(k))
            part += f" ({how})" if how else ""
        parts.append(part)
    known = {*named, *(k for k, _ in _KEPT)}
    parts += [f"{n} {kind}" for kind, n in counts.items() if n and kind not in known]
    return ", ".join(parts) or "no suggestions"


def render_review_summary(
    console: Console,
    *,
    counts: Mapping[str, int],
    edits_by_rule: Counter[str],
    output: str,
    original: str | None = None,
    note: str | None = None,
    vocabulary: Sequence[str] = (),
    readability: tuple[Mapping[str, object], Mapping[str, object]] | None = None,
) -> None:
    console.print(f"Review done: {describe_decisions(counts)}.", markup=False)
    if edits_by_rule:
        edits = ", ".join(f"{rule} ×{n}" for rule, n in sorted(edits_by_rule.items()))
        console.print(f"Edits by rule: {edits}.", markup=False)
    console.print(
        f"Wrote {output}" + (f" (original kept as {original})" if original else "") + ".",
        markup=False,
    )
    if note:
        console.print(f"Note: {note}.", markup=False)
    if vocabulary:
        console.print(f"Added to the project vocabulary: {', '.join(vocabulary)}.", markup=False)
    if readability is not None:
        before, after = readability
        table = Table(title="Readability", title_justify="left", box=None, pad_edge=False)
        table.add_column("")
        table.add_column("before", justify="right")
        table.add_column("after", justify="right")
        for figure in FIGURES:
            table.add_row(
                figure.label, str(before.get(figure.key, "-")), str(after.get(figure.key, "-"))
            )
        console.print(table)


def render_stats(console: Console, name: str, figures: Mapping[str, object]) -> None:
    """``copydesk stats``: one file's readability and its hardest sentences."""
    table = Table(title=name, title_justify="left", box=None, pad_edge=False, show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    for figure in FIGURES:
        table.add_row(figure.label, str(figures.get(figure.key, "-")))
    console.print(table)
    hardest = figures.get("hardest")
    if isinstance(hardest, list) and hardest:
        console.print("Hardest sentences (Flesch-Kincaid grade):", markup=False)
        for item in hardest:
            if isinstance(item, dict):
                text = " ".join(str(item.get("text", "")).split())
                shown = text if len(text) <= 100 else text[:99] + "…"
                console.print(f"  {item.get('grade', '-'):>5}  {shown}", markup=False)
    console.print()
