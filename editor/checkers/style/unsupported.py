"""``extends: sequence`` and ``extends: script``: read and checked, then
skipped with one notice each.

A ``sequence`` rule matches part-of-speech tags from the ``prose`` library's
perceptron tagger. No Python tagger whose model installs from PyPI tags as it
does (NLTK's needs its model from NLTK's own download service, and tags
differently), so copydesk cannot report where Vale does. A ``script`` rule is a
Tengo program, which copydesk does not run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.matching import Deadline, Hit
    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

__all__ = ["Unsupported"]

_WHY = {
    "sequence": "part-of-speech sequences need Vale's tagger, which copydesk does not have",
    "script": "Tengo scripts are not run by copydesk",
}


@dataclass(frozen=True, slots=True)
class Unsupported:
    info: RuleInfo
    #: Why this rule is skipped, when not for its type.
    reason: str | None = None

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Unsupported:
        if info.extends == "sequence":
            _check_tokens(node)
        else:
            node.string("script")
        return cls(info)

    @property
    def notice(self) -> str:
        why = self.reason or _WHY.get(self.info.extends, "not supported")
        return f"{self.info.id}: skipped ({self.info.extends} rule: {why}; {self.info.path})"

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:  # noqa: ARG002
        return iter(())


def _check_tokens(node: RuleNode) -> None:
    tokens = node.data.get("tokens")
    if not isinstance(tokens, list) or not tokens:
        raise node.error("tokens", "a sequence rule needs a list of tokens")
    for token in tokens:
        if not isinstance(token, dict):
            raise node.error("tokens", f"each token is a mapping, found {token!r}")
