"""``extends: consistency``: one spelling per document ("email" or "e-mail").

The form used first sets the document's style; every use of the other form
is flagged, with the established form as the replacement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import word_pattern
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    compile_pattern,
    find,
    keep_case,
    segments,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document


@dataclass(frozen=True, slots=True)
class Consistency:
    info: RuleInfo
    pairs: tuple[Pattern, ...]

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Consistency:
        ignorecase = node.boolean("ignorecase", default=False)
        nonword = node.boolean("nonword", default=False)
        pairs = []
        for left, right in node.mapping("either", required=True).items():
            compile_pattern(node, "either", left, ignorecase=ignorecase)
            compile_pattern(node, "either", right, ignorecase=ignorecase)
            body = word_pattern(f"(?P<left>{left})|(?P<right>{right})", nonword=nonword)
            pairs.append(compile_pattern(node, "either", body, ignorecase=ignorecase))
        return cls(info=info, pairs=tuple(pairs))

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        for pattern in self.pairs:
            found: list[tuple[str, int, int, str]] = []
            for start, end in segments(doc, self.info):
                for match in find(pattern, doc.masked[start:end], deadline):
                    side = "left" if match.group("left") is not None else "right"
                    found.append((side, start + match.start(), start + match.end(), match.group()))
            if len({side for side, *_ in found}) < 2:
                continue
            established = found[0][0]
            forms = [text for side, _, _, text in found if side == established]
            # Prefer a form seen mid-sentence, so "Email." at a sentence start
            # does not turn every later "e-mail" into "Email".
            model = next((f for f in forms if not f[:1].isupper()), forms[0])
            for side, start, end, observed in found:
                if side != established:
                    yield Hit(start, end, (observed,), (keep_case(observed, model),))
