"""``extends: substitution``: swap a pattern for its preferred form.

As in Vale: the keys are tried longest first, in one ``\\b(?:…)\\b`` group;
a value's ``a|b`` gives alternatives and ``$1`` refers to the key's own
groups; a match the value itself accepts is not an error (compared as
written, so under ``ignorecase`` "Email" is still flagged for "email").
The message shows the value as written, or, with ``action: replace``, the
options as a list ("'a', 'b', or 'c'"). The fix offered follows the match's
capitalisation ("In an order to" → "In order to") unless the rule sets
``matchcase``, which re-cases it as Vale does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.actions import regex_replace, to_sentence
from editor.checkers.style.base import Exceptions, suggestions_for, word_pattern
from editor.checkers.style.editops import capitalize_first, recase
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    compile_pattern,
    find_in,
    keep_case,
    segments,
)
from editor.checkers.style.terms import recase_to_term

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

_CAPTURE = regex.compile(r"(?<!\\)\((?!\?)")
_INDEX = regex.compile(r"\$\d+")
_PIPE = regex.compile(r"(?<!\\)\|")
_PHRASE = regex.compile(r"[\p{L}\p{Nd} -]*")


@dataclass(frozen=True, slots=True)
class Substitution:
    info: RuleInfo
    pattern: Pattern
    #: The keys, longest first, as written; and the value for each.
    keys: tuple[str, ...]
    values: tuple[str, ...]
    exceptions: Exceptions
    ignorecase: bool = False
    capitalize: bool = False

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Substitution:
        ignorecase = node.boolean("ignorecase", default=False)
        nonword = node.boolean("nonword", default=False)
        swap = node.mapping("swap", required=True)
        for key in swap:
            compile_pattern(node, "swap", key, ignorecase=ignorecase)
        keys = sorted(swap, key=lambda k: -len(k.encode("utf-8")))
        # A key's own groups are made non-capturing, as Vale makes them.
        bare = [_CAPTURE.sub("(?:", k) for k in keys]
        prefix, bare = _common_lookbehind(bare)
        alternatives = "|".join(f"(?P<_swap{i}>{key})" for i, key in enumerate(bare))
        pattern = word_pattern(f"{prefix}(?:{alternatives})", nonword=nonword)
        return cls(
            info=info,
            pattern=compile_pattern(node, "swap", pattern, ignorecase=ignorecase),
            keys=tuple(keys),
            values=tuple(swap[k] for k in keys),
            exceptions=Exceptions.read(node, node.vocabulary()),
            ignorecase=ignorecase,
            capitalize=node.boolean("capitalize", default=False),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        spans = segments(doc, self.info, self.pattern.literals)
        for start, match in find_in(self.pattern, doc.masked, spans, deadline):
            index = _swap_index(match, len(self.keys))
            name = f"_swap{index}"
            observed = match.group(name)
            begin, end = match.start(name), match.end(name)
            expected = self._expected(index, observed)
            if self._accepts(expected, observed):
                continue
            if self.exceptions.skip(observed, match.string, begin, end):
                continue
            yield self._hit(start + begin, start + end, expected, observed)

    def _expected(self, index: int, observed: str) -> str:
        """The key's value for this match: capitalised with ``capitalize``,
        its ``$1`` filled from the key's groups."""
        expected = self.values[index]
        if self.capitalize and observed == capitalize_first(observed):
            expected = capitalize_first(expected)
        if not _INDEX.search(expected):
            return expected
        key = self.keys[index]
        try:
            return regex_replace(f"(?i){key}" if self.ignorecase else key, expected, observed)
        except (regex.error, TimeoutError):
            return expected

    def _accepts(self, expected: str, observed: str) -> bool:
        """Whether the match is already the preferred form."""
        if self.info.action.name == "replace":
            return observed in options(expected)
        if _PHRASE.fullmatch(expected):
            return expected == observed
        try:
            return regex.fullmatch(f"(?:{expected})", observed, regex.VERSION0) is not None
        except regex.error:
            return expected == observed

    def _hit(self, begin: int, end: int, expected: str, observed: str) -> Hit:
        info = self.info
        action = info.action
        message_args: tuple[str, ...]
        if action.name == "replace" and not action.params:
            chosen = options(expected)
            if self.capitalize and observed == capitalize_first(observed):
                chosen = tuple(capitalize_first(p) for p in chosen)
            if info.match_case:
                chosen = recase(chosen, observed)
            # The options come quoted, so the message's first '%s' loses its quotes.
            message_args = (to_sentence(chosen, "or"), observed)
            fixes = chosen if info.match_case else tuple(keep_case(observed, c) for c in chosen)
            return Hit(begin, end, message_args, fixes, message=_unquote_first(info.message))
        if action.name == "replace":
            fixes = action.params
        elif action.name:
            fixes = suggestions_for(info, observed)
        else:
            fixes = tuple(keep_case(observed, o) for o in options(expected))
        if action.name != "replace":
            expected = recase_to_term(expected, observed)
        return Hit(begin, end, (expected, observed), fixes)


def _unquote_first(message: str) -> str:
    """A message with two ``'%s'`` (or two ``"%s"``) loses the quotes of the
    first, since Vale's list of options brings its own."""
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            message = message.replace(spec, "%s", 1)
    return message


def options(value: str) -> tuple[str, ...]:
    """A value's ``|``-separated alternatives (``\\|`` is a literal bar)."""
    return tuple(o.replace(r"\|", "|") for o in _PIPE.split(value) if o)


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


def _common_lookbehind(keys: list[str]) -> tuple[str, list[str]]:
    """Factor a look-behind every key starts with out of the alternation.

    Generated packs often repeat one long context look-behind in front of
    every key; evaluated once per position instead of once per key, the rule
    runs many times faster and matches exactly the same text.
    """
    first = _leading_lookbehind(keys[0]) if keys else None
    if first is None or len(keys) < 2 or not all(k.startswith(first) for k in keys):
        return "", keys
    return first, [k[len(first) :] for k in keys]
