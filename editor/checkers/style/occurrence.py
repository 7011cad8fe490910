"""``extends: occurrence``: too many (or too few) tokens in a scope, such as
a sentence longer than 40 words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    compile_pattern,
    count_matches,
    segments,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document


@dataclass(frozen=True, slots=True)
class Occurrence:
    info: RuleInfo
    token: Pattern
    most: int | None
    least: int | None

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Occurrence:
        if not node.has("max") and not node.has("min"):
            raise node.error("max", "an occurrence rule needs 'max' or 'min'")
        return cls(
            info=info,
            token=compile_pattern(
                node,
                "token",
                node.string("token"),
                ignorecase=node.boolean("ignorecase", default=False),
            ),
            most=int(node.number("max")) if node.has("max") else None,
            least=int(node.number("min")) if node.has("min") else None,
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        for start, end in segments(doc, self.info):
            count = count_matches(self.token, doc.masked[start:end], deadline)
            too_many = self.most is not None and count > self.most
            too_few = self.least is not None and count < self.least
            if too_many or too_few:
                yield Hit(start, end, (str(count),), whole_segment=True)
