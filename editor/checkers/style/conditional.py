"""``extends: conditional``: a match of ``first`` needs a match of ``second``,
e.g. an acronym needs its definition ("Wall Street Journal (WSJ)") before it
is used alone.

As in Vale: when ``second`` has a capture group, what its groups capture (in
this block or an earlier one) defines a ``first`` match with the same text;
without one, any ``second`` in the same block excuses every ``first`` in it.
The whole ``first`` match is what is compared, flagged and excepted.

Vale keeps one list of defined terms per file, shared by all its
``conditional`` rules: a term one rule's ``second`` captured counts as defined
for every other rule from then on. Blocks are linted in document order and,
within a block, rules in name order. ``SharedDefinitions`` reproduces that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import Exceptions
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
    from collections.abc import Callable, Iterator, Sequence

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document


def has_capture_group(pattern: str) -> bool:
    """An unescaped ``(`` outside a class that opens a capturing group."""
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "(" and not in_class:
            if pattern[i + 1 : i + 2] != "?":
                return True
            rest = pattern[i + 2 :]
            if rest.startswith("P<") or (
                rest.startswith("<") and not rest.startswith(("<=", "<!"))
            ):
                return True
        i += 1
    return False


@dataclass(frozen=True, slots=True)
class Conditional:
    info: RuleInfo
    first: Pattern
    second: Pattern
    exceptions: Exceptions
    second_has_group: bool = True

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Conditional:
        if node.has("in"):
            scope = node.string("in")
            raise node.error("in", f"no View defines a scope named '{scope}'")
        second = node.string("second")
        # Vale compiles both as written: ``ignorecase`` does not reach them.
        return cls(
            info=info,
            first=compile_pattern(
                node, "first", node.string("first"), ignorecase=False, whole=True
            ),
            second=compile_pattern(node, "second", second, ignorecase=False, whole=True),
            exceptions=Exceptions.read(node, node.vocabulary()),
            second_has_group=has_capture_group(second),
        )

    def definitions(self, doc: Document, deadline: Deadline) -> Iterator[tuple[int, str]]:
        """Each term ``second`` defines, with the start of its block."""
        if not self.second_has_group:
            return
        # As in Vale, a block ``first`` cannot match (by its literals) is
        # skipped whole: its definitions are not collected either.
        for start, end in segments(doc, self.info, self.first.literals):
            for match in find(self.second, doc.masked[start:end], deadline):
                yield from ((start, g) for g in match.groups() if g)

    def hits(
        self,
        doc: Document,
        deadline: Deadline,
        elsewhere: Callable[[int], frozenset[str]] | None = None,
    ) -> Iterator[Hit]:
        """``elsewhere(start)``: the terms other rules defined before the
        block at ``start`` is linted with this one (see ``SharedDefinitions``)."""
        defined: set[str] = set()
        for start, end in segments(doc, self.info, self.first.literals):
            text = doc.masked[start:end]
            if not self.second_has_group:
                if search(self.second, text, deadline) is not None:
                    continue
            else:
                for match in find(self.second, text, deadline):
                    defined.update(g for g in match.groups() if g)
            others = elsewhere(start) if elsewhere is not None else frozenset()
            for match in find(self.first, text, deadline):
                token = match.group()
                if self.second_has_group and (token in defined or token in others):
                    continue
                if self.exceptions.skip(token, text, match.start(), match.end()):
                    continue
                yield Hit(start + match.start(), start + match.end(), (token,))


class SharedDefinitions:
    """The terms all of a document's ``conditional`` rules define, as Vale's
    one list per file: ``before(rule, doc, deadline)`` gives, for a block's
    start, what the other rules had defined when ``rule`` reaches that block
    (earlier blocks, and the same block for rules whose names sort first).
    Worked out once per view of the document the rules read."""

    def __init__(self, rules: Sequence[Conditional]) -> None:
        self.rules = tuple(sorted(rules, key=lambda r: r.info.id))
        self._doc: Document | None = None
        self._found: list[tuple[int, str, str]] = []

    def before(
        self, rule: Conditional, doc: Document, deadline: Deadline
    ) -> Callable[[int], frozenset[str]] | None:
        others = [r for r in self.rules if r.info.id != rule.info.id]
        if not others:
            return None
        if self._doc is not doc:  # held, so its id is never another's
            self._doc = doc
            self._found = [
                (start, other.info.id, term)
                for other in self.rules
                for start, term in other.definitions(doc, deadline)
            ]
        found = self._found
        me = rule.info.id

        def terms(block: int) -> frozenset[str]:
            return frozenset(
                term
                for start, rid, term in found
                if rid != me and (start < block or (start == block and rid < me))
            )

        return terms
