"""``extends: conditional``: a match of ``first`` needs a match of ``second``
in the same or an earlier block, e.g. an acronym needs its definition
("Wall Street Journal (WSJ)") before it is used alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import excepted, exception_pattern
from editor.checkers.style.matching import Deadline, Hit, Pattern, compile_pattern, find, segments

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document


@dataclass(frozen=True, slots=True)
class Conditional:
    info: RuleInfo
    first: Pattern
    second: Pattern
    exceptions: Pattern | None

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Conditional:
        ignorecase = node.boolean("ignorecase", default=False)
        return cls(
            info=info,
            first=compile_pattern(node, "first", node.string("first"), ignorecase=ignorecase),
            second=compile_pattern(node, "second", node.string("second"), ignorecase=ignorecase),
            exceptions=exception_pattern(node, ignorecase=ignorecase),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        defined: set[str] = set()
        for start, end in segments(doc, self.info):
            text = doc.masked[start:end]
            for match in find(self.second, text, deadline):
                groups = [g for g in match.groups() if g]
                defined.update(groups or [match.group()])
            for match in find(self.first, text, deadline):
                group = 1 if self.first.groups and match.group(1) else 0
                token = match.group(group)
                if token in defined or excepted(self.exceptions, token):
                    continue
                yield Hit(start + match.start(group), start + match.end(group), (token,))
