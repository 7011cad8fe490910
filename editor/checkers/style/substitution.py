"""``extends: substitution``: swap a pattern for its preferred form.

The replacement takes the match's capitalisation ("In an order to" →
"In order to"); ``a|b`` on the right gives alternatives, best first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import excepted, exception_pattern, word_pattern
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

    import regex

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document


@dataclass(frozen=True, slots=True)
class Substitution:
    info: RuleInfo
    pattern: Pattern
    swaps: tuple[tuple[str, ...], ...]
    exceptions: Pattern | None

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Substitution:
        ignorecase = node.boolean("ignorecase", default=False)
        nonword = node.boolean("nonword", default=False)
        swap = node.mapping("swap", required=True)
        for key in swap:
            compile_pattern(node, "swap", key, ignorecase=ignorecase)
        prefix, keys = _shared_lookbehind(list(swap))
        body = prefix + "(?:" + "|".join(f"(?P<_swap{i}>{key})" for i, key in enumerate(keys)) + ")"
        pattern = word_pattern(body, nonword=nonword)
        return cls(
            info=info,
            pattern=compile_pattern(node, "swap", pattern, ignorecase=ignorecase),
            swaps=tuple(tuple(value.split("|")) for value in swap.values()),
            exceptions=exception_pattern(node, ignorecase=ignorecase),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        spans = segments(doc, self.info, self.pattern.literals)
        for start, match in find_in(self.pattern, doc.masked, spans, deadline):
            observed = match.group()
            index = _swap_index(match, len(self.swaps))
            options = self.swaps[index]
            # A pattern that also matches the preferred form is not an error.
            if observed.casefold() in {o.casefold() for o in options}:
                continue
            if excepted(self.exceptions, observed):
                continue
            replacements = tuple(keep_case(observed, o) for o in options)
            yield Hit(
                start + match.start(),
                start + match.end(),
                ("' or '".join(replacements), observed),
                replacements,
            )


def _swap_index(match: regex.Match[str], count: int) -> int:
    """Which swap key matched: the group that closed last, as a rule, which
    saves trying a few hundred groups on every match."""
    name = match.lastgroup
    if name is not None and name.startswith("_swap") and match.group(name) is not None:
        return int(name[5:])
    return next(i for i in range(count) if match.group(f"_swap{i}") is not None)


def _leading_lookbehind(pattern: str) -> str | None:
    """The ``(?<=…)`` / ``(?<!…)`` group a pattern starts with, if any."""
    if not pattern.startswith(("(?<=", "(?<!")):
        return None
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":  # "[]...]": a literal ] first
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pattern[: i + 1]
        i += 1
    return None


def _shared_lookbehind(keys: list[str]) -> tuple[str, list[str]]:
    """Factor a look-behind every key starts with out of the alternation.

    Generated packs often repeat one long context look-behind in front of
    every key; evaluated once per position instead of once per key, the rule
    runs many times faster and matches exactly the same text.
    """
    first = _leading_lookbehind(keys[0]) if keys else None
    if first is None or len(keys) < 2 or not all(k.startswith(first) for k in keys):
        return "", keys
    return first, [k[len(first) :] for k in keys]
