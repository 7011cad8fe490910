"""``extends: existence``: flag every match of a list of tokens or a raw pattern."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import excepted, exception_pattern, word_pattern
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    action_replacements,
    compile_pattern,
    find_in,
    read_action,
    segments,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document


@dataclass(frozen=True, slots=True)
class Existence:
    info: RuleInfo
    pattern: Pattern
    exceptions: Pattern | None
    action: tuple[str, tuple[str, ...]]

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Existence:
        ignorecase = node.boolean("ignorecase", default=False)
        nonword = node.boolean("nonword", default=False)
        tokens = node.strings("tokens")
        raw = "".join(node.strings("raw"))
        if not tokens and not raw:
            raise node.error("tokens", "an existence rule needs 'tokens' or 'raw'")
        for token in tokens:
            compile_pattern(node, "tokens", token, ignorecase=ignorecase)
        words = word_pattern("|".join(tokens), nonword=nonword or not tokens) if tokens else ""
        key = "raw" if raw else "tokens"
        body = words + raw if node.boolean("append", default=False) else raw + words
        return cls(
            info=info,
            pattern=compile_pattern(node, key, body, ignorecase=ignorecase),
            exceptions=exception_pattern(node, ignorecase=ignorecase),
            action=read_action(node),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        name, params = self.action
        spans = segments(doc, self.info, self.pattern.literals)
        for start, match in find_in(self.pattern, doc.masked, spans, deadline):
            observed = match.group()
            if excepted(self.exceptions, observed):
                continue
            yield Hit(
                start + match.start(),
                start + match.end(),
                (observed,),
                action_replacements(name, params, observed),
            )
