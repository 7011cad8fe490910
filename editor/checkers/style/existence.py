"""``extends: existence``: flag every match of a list of tokens or a raw pattern.

The pattern is composed as Vale composes it: the tokens joined in one
``\\b(?:…)\\b`` group (no boundaries when ``nonword``, or when there are no
tokens), ``raw`` before that group, or after it with ``append``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.base import Exceptions, alert_args, suggestions_for, word_pattern
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    compile_pattern,
    find_in,
    keep_case,
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
    exceptions: Exceptions
    #: Each token's capture groups in the composed pattern, in Vale's order
    #: (its unnamed groups, then its named ones), for ``$1`` in an action.
    groups: tuple[tuple[int, ...], ...] = ()

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Existence:
        ignorecase = node.boolean("ignorecase", default=False)
        nonword = node.boolean("nonword", default=False)
        tokens = [t for t in node.strings("tokens") if t.strip()]
        raw = "".join(node.strings("raw"))
        if not tokens and not raw:
            raise node.error("tokens", "an existence rule needs 'tokens' or 'raw'")
        for token in tokens:
            compile_pattern(node, "tokens", token, ignorecase=ignorecase)
        words = word_pattern("|".join(tokens), nonword=nonword or not tokens)
        append = node.boolean("append", default=False)
        body = words + raw if append else raw + words
        key = "raw" if raw else "tokens"
        return cls(
            info=info,
            pattern=compile_pattern(node, key, body, ignorecase=ignorecase),
            exceptions=Exceptions.read(node, node.vocabulary()),
            groups=_token_groups(tokens, raw, append=append) if info.action.name else (),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        spans = segments(doc, self.info, self.pattern.literals)
        for start, match in find_in(self.pattern, doc.masked, spans, deadline):
            observed = match.group()
            begin, end = start + match.start(), start + match.end()
            # ``match.string`` is the block the match was found in.
            if self.exceptions.skip(observed.strip(), match.string, match.start(), match.end()):
                continue
            suggestions = suggestions_for(self.info, observed, self._groups(match))
            yield Hit(
                begin,
                end,
                alert_args(self.info, observed, suggestions),
                _cased(self.info, observed, suggestions),
            )

    def _groups(self, match: regex.Match[str]) -> tuple[str, ...]:
        """The capture groups of the token that matched (Vale's ``groupsFor``)."""
        for indices in self.groups:
            values = [match.group(i) for i in indices]
            if any(v is not None for v in values):
                return tuple(v or "" for v in values)
        return ()


def _cased(info: RuleInfo, observed: str, suggestions: tuple[str, ...]) -> tuple[str, ...]:
    """A ``replace`` fix in the match's capitalisation (copydesk's choice;
    Vale offers the text as written unless the rule sets ``matchcase``)."""
    if info.action.name != "replace" or info.match_case:
        return suggestions
    return tuple(keep_case(observed, s) for s in suggestions)


def _token_groups(tokens: list[str], raw: str, *, append: bool) -> tuple[tuple[int, ...], ...]:
    pieces = [*tokens, raw] if append else [raw, *tokens]
    found: list[tuple[int, ...]] = []
    offset = 0
    for piece in pieces:
        try:
            compiled = regex.compile(piece, regex.VERSION0) if piece else None
        except regex.error:
            compiled = None
        count = compiled.groups if compiled is not None else 0
        named = set(compiled.groupindex.values()) if compiled is not None else set()
        numbers = range(1, count + 1)
        order = [n for n in numbers if n not in named] + [n for n in numbers if n in named]
        found.append(tuple(offset + n for n in order))
        offset += count
    return tuple(found[: len(tokens)] if append else found[1:])
