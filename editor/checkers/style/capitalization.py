"""``extends: capitalization``: each block of the scope (usually headings) in
title case, sentence case, lower or upper case, or matching a pattern.

As in Vale: ``$title`` (AP, or ``style: Chicago``) and ``$sentence`` compare
the text word by word with its converted form and pass when at least
``threshold`` of the words (0.8 by default) agree. Under ``$sentence`` a word
in capitals is not excused (list it in ``exceptions``), a first word cased
wrongly fails at once, and only the rule's ``indicators`` (none by default)
or a leading list number ("1.") start a new sentence. ``exceptions`` keep
their own form, case-sensitively. The message's arguments are the text and
its expected form; the fix offered is the expected form (Vale offers it only
with ``action: replace``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.checkers.style.base import Exceptions, suggestions_for
from editor.checkers.style.casing import (
    conforms_sentence,
    conforms_title,
    recased,
    sentence_words,
    title_case,
    vale_indicator,
)
from editor.checkers.style.editops import go_lower, go_upper
from editor.checkers.style.matching import (
    Deadline,
    Hit,
    Pattern,
    RuleTimeoutError,
    compile_pattern,
    search,
    segments,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

_CASES = ("$title", "$sentence", "$lower", "$upper")


@dataclass(frozen=True, slots=True)
class Capitalization:
    info: RuleInfo
    match: str
    pattern: Pattern | None
    style: str
    exceptions: Exceptions
    indicators: tuple[str, ...]
    threshold: float
    prefix: str

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Capitalization:
        match = node.string("match")
        pattern = None
        if match not in _CASES:
            if match.startswith("$") and match[1:].isalpha():
                raise node.error(
                    "match",
                    f"unknown {match!r} (use $title, $sentence, $lower, $upper or a pattern)",
                )
            pattern = compile_pattern(node, "match", match, ignorecase=False, whole=True)
        prefix = node.optional_string("prefix") or ""
        if prefix:
            compile_pattern(node, "prefix", prefix, ignorecase=False)
        return cls(
            info=info,
            match=match,
            pattern=pattern,
            # Vale reads any style but Chicago as AP.
            style="Chicago" if node.optional_string("style") == "Chicago" else "AP",
            exceptions=Exceptions.read(node, node.vocabulary()),
            indicators=node.strings("indicators"),
            threshold=node.number("threshold", 0.0) or 0.8,
            prefix=prefix,
        )

    def check(self, text: str, deadline: Deadline) -> tuple[str, bool, str | None]:
        """The expected form of ``text`` (as Vale words it), whether ``text``
        passes, and the fix: ``text`` with its words re-cased in place."""
        excepted = self.exceptions.pattern
        if self.pattern is not None:
            found = search(self.pattern, text, deadline) is not None
            return self.match, found or self.exceptions.excepts(text), None
        if self.match in {"$lower", "$upper"}:
            expected = go_lower(text) if self.match == "$lower" else go_upper(text)
            return expected, text == expected or self.exceptions.excepts(text), expected
        terms = self.exceptions.terms
        if self.match == "$title":
            expected = title_case(text, self.style, terms, self.prefix)
            return expected, conforms_title(text, expected, excepted, self.threshold), expected
        indicator = vale_indicator(self.indicators)
        head, words = sentence_words(text, terms, indicator, self.prefix)
        expected = head + " ".join(form for _, _, form in words)
        passes = conforms_sentence(text, expected, excepted, self.threshold)
        return expected, passes, recased(text, words)

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        deadline.remaining()
        for start, end in segments(doc, self.info):
            raw = doc.masked[start:end]
            text = raw.strip()
            if not text:
                continue
            start += raw.index(text[0])
            try:
                expected, passes, fix = self.check(text, deadline)
            except TimeoutError:
                raise RuleTimeoutError from None
            if passes:
                continue
            fixes: tuple[str, ...] = () if fix is None else (fix,)
            action = self.info.action
            if action.name == "replace" and action.params:
                fixes = action.params
            elif action.name not in {"", "replace"}:
                fixes = suggestions_for(self.info, text)
            end = start + len(text)
            yield Hit(start, end, (text, expected), fixes, whole_segment=True)
