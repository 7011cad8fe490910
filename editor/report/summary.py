"""The few lines printed when a review ends: decisions, edits, output, readability."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Mapping, Sequence

    from rich.console import Console

__all__ = ["render_review_summary", "render_stats"]

#: Readability rows: (key in the figures, label).
_FIGURES = (
    ("flesch_reading_ease", "Flesch reading ease"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
    ("gunning_fog", "Gunning fog"),
    ("smog_index", "SMOG"),
    ("coleman_liau_index", "Coleman-Liau"),
    ("words", "words"),
    ("sentences", "sentences"),
    ("avg_sentence_length", "words per sentence"),
)


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
    decided = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    console.print(f"Review done: {decided or 'no suggestions'}.", markup=False)
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
        for key, label in _FIGURES:
            table.add_row(label, str(before.get(key, "-")), str(after.get(key, "-")))
        console.print(table)


def render_stats(console: Console, name: str, figures: Mapping[str, object]) -> None:
    """``copydesk stats``: one file's readability and its hardest sentences."""
    table = Table(title=name, title_justify="left", box=None, pad_edge=False, show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    for key, label in _FIGURES:
        table.add_row(label, str(figures.get(key, "-")))
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
