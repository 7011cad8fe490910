"""``extends: occurrence``: too many (or too few) tokens in a scope, such as
a sentence longer than 40 words.

As in Vale: ``max`` or ``min`` of 0 sets no bound; the finding points at the
first match of the token in the scope (its first word when there is none),
and the message's argument is the count.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.base import suggestions_for
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    RuleTimeoutError,
    compile_pattern,
    segments,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

_FIRST_WORD = regex.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Occurrence:
    info: RuleInfo
    token: Pattern
    most: int
    least: int

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Occurrence:
        if not node.has("max") and not node.has("min"):
            raise node.error("max", "an occurrence rule needs 'max' or 'min'")
        token = node.string("token")
        ignorecase = node.boolean("ignorecase", default=False)
        return cls(
            info=info,
            token=compile_pattern(node, "token", f"(?:{token})", ignorecase=ignorecase, whole=True),
            most=int(node.number("max", 0)),
            least=int(node.number("min", 0)),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        spans = segments(doc, self.info)
        # Vale's summary is one text (its blocks joined by blank lines): the
        # rule counts over all of it, not block by block.
        summary = bool(spans) and all("summary" in entry for entry in self.info.scope)
        for group in [spans] if summary else [(span,) for span in spans]:
            starts: list[int] = []
            texts: list[str] = []
            at = 0
            for start, end in group:
                starts.append(at)
                texts.append(doc.masked[start:end])
                at += end - start + len(_JOIN)
            text = _JOIN.join(texts)
            try:
                found = [m.span() for m in self.token.finditer(text, timeout=deadline.remaining())]
            except TimeoutError:
                raise RuleTimeoutError from None
            count = len(found)
            too_many = self.most > 0 and count > self.most
            too_few = self.least > 0 and count < self.least
            if not (too_many or too_few):
                continue
            span = _anchor(text, found)
            if span is None:
                continue
            # Back to the document: the piece the anchor starts in.
            piece = bisect.bisect_right(starts, span[0]) - 1
            offset = group[piece][0] - starts[piece]
            end = min(span[1] + offset, group[piece][1])
            observed = text[span[0] : span[1]]
            yield Hit(
                span[0] + offset,
                end,
                (count,),
                suggestions_for(self.info, observed),
            )


_JOIN = "\n\n"


def _anchor(text: str, found: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where Vale reports the finding: the first match that is neither blank
    nor code-like (only ``*`` and ``@``), or with no match the first word."""
    if not found:
        word = _FIRST_WORD.search(text)
        return word.span() if word is not None else None
    for begin, end in found:
        match = text[begin:end]
        if match.strip() and not all(c in "*@" for c in match):
            return begin, end
    return None
