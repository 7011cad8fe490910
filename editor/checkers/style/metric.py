"""``extends: metric``: a formula over the document's counts (``words``,
``sentences``, ``heading.h1``…) meets a ``condition``, such as ``> 20``.

The formula is parsed by ``formula`` (never ``eval``). As in Vale, the result
is written with six decimals before the condition reads it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.counts import count_text, element_counts, measured
from editor.checkers.style.formula import Expression, FormulaError, parse
from editor.checkers.style.matching import Deadline, Hit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

__all__ = ["VARIABLES", "Metric"]

#: Always defined (0 when the document has none).
_ALWAYS = ("pre", "list", "blockquote", *(f"heading_h{n}" for n in range(1, 7)))
#: Every name a formula may use: the text counts, and the element counts
#: (``paragraphs`` only exists when the document has one, as in Vale).
VARIABLES = frozenset(
    {
        "words",
        "sentences",
        "syllables",
        "characters",
        "complex_words",
        "long_words",
        "polysyllabic_words",
        "paragraphs",
        *_ALWAYS,
    }
)
_HEADING = regex.compile(r"heading\.(h[1-6])")


@dataclass(frozen=True, slots=True)
class Metric:
    info: RuleInfo
    formula: Expression
    condition: str

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Metric:
        source = _HEADING.sub(r"heading_\1", node.string("formula"))
        try:
            formula = parse(source)
        except FormulaError as exc:
            raise node.error("formula", str(exc)) from None
        unknown = sorted(formula.names - VARIABLES)
        if unknown:
            known = ", ".join(sorted(VARIABLES))
            raise node.error("formula", f"unknown variable {unknown[0]!r} (known: {known})")
        condition = node.string("condition")
        try:
            names = parse(f"0 {condition}").names
        except FormulaError as exc:
            raise node.error("condition", str(exc)) from None
        if names - VARIABLES:
            name = sorted(names - VARIABLES)[0]
            raise node.error("condition", f"unknown variable {name!r}")
        return cls(info, formula, condition)

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        summary = self.info.scope in {("summary",), ("text",)}
        for offset, text in measured(doc, self.info.scope):
            deadline.remaining()
            counts = count_text(text)
            if counts.words == 0:
                continue  # Vale skips an empty text
            variables: dict[str, float] = dict.fromkeys(_ALWAYS, 0.0)
            if summary:
                variables.update(element_counts(doc))
            variables.update(counts.variables())
            result = self._measure(variables)
            if result is not None:
                yield Hit(offset, offset, (f"{result:.2f}",), whole_segment=True)

    def _measure(self, variables: dict[str, float]) -> float | None:
        """The formula's value when the condition holds; a formula that cannot
        be computed here (a variable the document lacks) reports nothing."""
        try:
            value = self.formula.evaluate(variables)
            if isinstance(value, bool):
                return None
            if not math.isfinite(float(value)):
                return None  # Vale writes "+Inf" or "NaN", which no condition reads
            # The condition reads the value as Vale writes it: "%f".
            held = parse(f"{float(value):f} {self.condition}").evaluate(variables)
        except FormulaError:
            return None
        return float(value) if held is True else None
