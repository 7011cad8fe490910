"""``extends: readability``: the document's reading grade, averaged over the
named metrics, is above ``grade``. Counted as Vale counts (see ``counts``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.counts import Counts, count_text, measured
from editor.checkers.style.matching import Deadline, Hit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

__all__ = ["METRICS", "Readability"]

#: Vale's metric names and their formulas.
METRICS: dict[str, Callable[[Counts], float]] = {
    "Gunning Fog": Counts.gunning_fog,
    "Coleman-Liau": Counts.coleman_liau,
    "Flesch-Kincaid": Counts.flesch_kincaid,
    "SMOG": Counts.smog,
    "Automated Readability": Counts.automated_readability,
}


@dataclass(frozen=True, slots=True)
class Readability:
    info: RuleInfo
    metrics: tuple[str, ...]
    grade: float
    #: A rule naming a metric Vale does not know, without a scope, measures
    #: each block rather than the document (as Vale's does).
    per_block: bool = False

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Readability:
        metrics = node.strings("metrics", required=True)
        return cls(
            info=info,
            metrics=metrics,
            grade=node.number("grade", 0.0),
            per_block=not node.has("scope") and not all(m in METRICS for m in metrics),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        scope = _BLOCKS if self.per_block else self.info.scope
        for offset, text in measured(doc, scope):
            deadline.remaining()
            counts = count_text(text)
            total = sum(METRICS[m](counts) if m in METRICS else 0.0 for m in self.metrics)
            grade = total / len(self.metrics)
            if not math.isnan(grade) and grade > self.grade:
                yield Hit(offset, offset, (f"{grade:.2f}",), whole_segment=True)


_BLOCKS = ("paragraph", "heading", "list", "table", "blockquote")
