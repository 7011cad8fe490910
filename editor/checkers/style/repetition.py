"""``extends: repetition``: the same token twice in a row ("the the").

As in Vale: consecutive matches of the tokens are compared whatever lies
between them (trimmed, ignoring case with ``ignorecase``, letters only with
``alpha``); each repeat past ``max`` is a finding from the previous match to
this one, unless the two are in different sentences or the span holds an
exception. A run of three is two findings.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import Exceptions, suggestions_for
from editor.checkers.style.editops import go_equal_fold
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    compile_pattern,
    find,
    segments,
)
from editor.segment import Block, split_sentences

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document


@dataclass(frozen=True, slots=True)
class Repetition:
    info: RuleInfo
    pattern: Pattern
    alpha: bool
    ignorecase: bool
    exceptions: Exceptions
    most: int = 0

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Repetition:
        ignorecase = node.boolean("ignorecase", default=False)
        tokens = node.strings("tokens", required=True)
        for token in tokens:
            compile_pattern(node, "tokens", token, ignorecase=ignorecase)
        return cls(
            info=info,
            pattern=compile_pattern(
                node, "tokens", f"({'|'.join(tokens)})", ignorecase=ignorecase, whole=True
            ),
            alpha=node.boolean("alpha", default=False),
            ignorecase=ignorecase,
            exceptions=Exceptions.read(node),
            most=int(node.number("max", 0)),
        )

    def _same(self, current: str, previous: str) -> bool:
        if not current:
            return False
        return go_equal_fold(current, previous) if self.ignorecase else current == previous

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        starts = [s for s, _ in doc.sentences]
        for start, end in segments(doc, self.info):
            text = doc.masked[start:end]
            previous = ""
            before = (0, 0)
            count = 0
            for match in find(self.pattern, text, deadline):
                current = match.group().strip()
                repeated = self._same(current, previous) and (not self.alpha or current.isalpha())
                if repeated:
                    count += 1
                if repeated and count > self.most:
                    begin, stop = before[0], match.end()
                    span = text[begin:stop]
                    crosses = (
                        _splits(doc, start + begin, start + stop)
                        if self.info.vale
                        else _crosses_sentence(starts, start + begin, start + stop)
                    )
                    if not crosses and not self.exceptions.skip(span, text, begin, stop):
                        fixes = suggestions_for(self.info, span) or (text[before[0] : before[1]],)
                        yield Hit(start + begin, start + stop, (current,), fixes)
                        count = 0
                before = match.span()
                previous = current


def _crosses_sentence(starts: list[int], begin: int, end: int) -> bool:
    """Whether a sentence starts inside ``begin..end`` ("that. That")."""
    index = bisect.bisect_right(starts, begin)
    return index < len(starts) and starts[index] < end


def _splits(doc: Document, begin: int, end: int) -> bool:
    """Whether ``begin..end`` read alone holds more than one sentence: how
    Vale tells "that. That" from a repetition (the document's own sentences
    may end elsewhere, at a plain-text paragraph's end)."""
    pieces = split_sentences(doc.masked, Block(begin, end, "paragraph"), doc.format, vale=True)
    return len(list(pieces)) > 1
