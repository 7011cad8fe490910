"""``extends: repetition``: the same token twice in a row ("the the")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.base import excepted, exception_pattern
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    compile_pattern,
    find,
    search,
    segments,
)

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
    exceptions: Pattern | None
    #: A match of the tokens, space, and the same text again: no block without
    #: one can hold a repetition, and one search finds that out.
    doubled: Pattern | None

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Repetition:
        ignorecase = node.boolean("ignorecase", default=False)
        tokens = node.strings("tokens", required=True)
        body = "|".join(f"(?:{t})" for t in tokens)
        case = regex.IGNORECASE | regex.FULLCASE if ignorecase else 0  # as casefold() compares
        # Tokens with back-references of their own would refer to the wrong group.
        doubled = (
            None
            if regex.search(r"\\[1-9]", body)
            else Pattern(
                rf"(?P<_repeated>{body})\s+(?P=_repeated)",
                regex.VERSION0 | regex.MULTILINE | case,
                prefilter=False,
            )
        )
        return cls(
            info=info,
            pattern=compile_pattern(node, "tokens", body, ignorecase=ignorecase),
            doubled=doubled,
            alpha=node.boolean("alpha", default=False),
            ignorecase=ignorecase,
            exceptions=exception_pattern(node, ignorecase=ignorecase),
        )

    def _same(self, first: str, second: str) -> bool:
        return first.casefold() == second.casefold() if self.ignorecase else first == second

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        for start, end in segments(doc, self.info):
            text = doc.masked[start:end]
            if self.doubled is not None and search(self.doubled, text, deadline) is None:
                continue
            run: list[regex.Match[str]] = []
            for match in [*find(self.pattern, text, deadline), None]:
                if (
                    match is not None
                    and run
                    and self._same(run[-1].group(), match.group())
                    and text[run[-1].end() : match.start()].isspace()
                ):
                    run.append(match)
                    continue
                if len(run) > 1:
                    word = run[0].group()
                    if (not self.alpha or word.isalpha()) and not excepted(self.exceptions, word):
                        yield Hit(start + run[0].start(), start + run[-1].end(), (word,), (word,))
                run = [] if match is None else [match]
