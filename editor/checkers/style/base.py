"""The protocol every rule type implements, and helpers they share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from editor.checkers.style.matching import Deadline, Hit, Pattern, compile_pattern

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

__all__ = ["Rule", "exception_pattern", "word_pattern"]


class Rule(Protocol):
    """A loaded rule: its shared info, and how it finds hits in a document."""

    @property
    def info(self) -> RuleInfo: ...

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]: ...


def word_pattern(body: str, *, nonword: bool) -> str:
    """Vale's word template: ``\\b(?:...)\\b`` unless the rule is ``nonword``."""
    return f"(?:{body})" if nonword else rf"\b(?:{body})\b"


def exception_pattern(node: RuleNode, *, ignorecase: bool) -> Pattern | None:
    """Vale's ``exceptions``: a match containing one of them is not reported."""
    exceptions = node.strings("exceptions")
    if not exceptions:
        return None
    for item in exceptions:
        compile_pattern(node, "exceptions", item, ignorecase=ignorecase)
    body = "|".join(exceptions)
    return compile_pattern(
        node, "exceptions", rf"(?:^|\b)(?:{body})(?:\b|$)", ignorecase=ignorecase
    )


def excepted(pattern: Pattern | None, observed: str) -> bool:
    return pattern is not None and pattern.search(observed) is not None
