"""``extends: consistency``: one spelling per document ("email" or "e-mail").

As in Vale: once both forms of a pair have appeared in the document, every
block (from the one where the second form appears on) that holds either form
is flagged once, at its last match of the pair; for a Vale project's rule,
when that match does not start and end with a word character (a quote
mark), at the first place its text appears in the block, where Vale's
search for it lands. The fix offered is the form the
document used first (Vale offers none), when the flagged match is the other
form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import alert_args, suggestions_for, word_pattern
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
            seen: set[str] = set()
            first: tuple[str, str] | None = None  # the side used first, and a form of it
            for start, end in segments(doc, self.info):
                last: tuple[str, int, int, str] | None = None
                for match in find(pattern, doc.masked[start:end], deadline):
                    side = "left" if match.group("left") is not None else "right"
                    seen.add(side)
                    begin, stop = match.span(side)
                    last = (side, start + begin, start + stop, match.group(side))
                    if first is None:
                        first = (side, last[3])
                    elif side == first[0] and first[1][:1].isupper() and not last[3][:1].isupper():
                        # A form seen mid-sentence is the better model, so "Email."
                        # at a sentence start does not make every "e-mail" "Email".
                        first = (side, last[3])
                if last is None or len(seen) < 2 or first is None:
                    continue
                side, begin, stop, observed = last
                if self.info.vale and not _word_edged(observed):
                    begin = doc.masked.find(observed, start, end)
                    stop = begin + len(observed)
                yield Hit(begin, stop, *self._message_and_fix(observed, side, first))

    def _message_and_fix(
        self, observed: str, side: str, first: tuple[str, str]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self.info.action.name:
            fixes = suggestions_for(self.info, observed)
            return alert_args(self.info, observed, fixes), fixes
        fixes = (keep_case(observed, first[1]),) if side != first[0] else ()
        return (observed,), fixes


def _word_edged(text: str) -> bool:
    """Whether Vale places a match where it was found: text that starts and
    ends with a letter, digit or ``_`` and holds no quote mark. Anything else
    Vale looks for by its text, from the block's start."""
    return (
        bool(text)
        and (text[0].isalnum() or text[0] == "_")
        and (text[-1].isalnum() or text[-1] == "_")
        and not any(q in text for q in "'\"")
    )
