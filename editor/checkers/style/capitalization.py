"""``extends: capitalization``: headings (or another scope) in title case,
sentence case, lower or upper case, or matching a pattern.

Proper nouns cannot be told from ordinary words, so ``exceptions`` lists the
names, and words in all capitals or with inner capitals (``AT&T``,
``iPhone``) are left alone. ``threshold`` is the share of words that must
conform (Vale's default, 0.8).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.matching import Deadline, Hit, Pattern, compile_pattern, search, segments

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}’'&.-]*")

#: Words AP and Chicago keep in lower case inside a title (AP: short
#: articles, conjunctions and prepositions; Chicago: all prepositions too).
_SMALL = {
    "AP": frozenset(
        [
            "a",
            "an",
            "and",
            "as",
            "at",
            "but",
            "by",
            "en",
            "for",
            "if",
            "in",
            "nor",
            "of",
            "off",
            "on",
            "or",
            "per",
            "so",
            "the",
            "to",
            "up",
            "via",
            "vs",
            "yet",
        ]
    ),
    "Chicago": frozenset(
        [
            "a",
            "about",
            "above",
            "across",
            "after",
            "against",
            "along",
            "among",
            "an",
            "and",
            "around",
            "as",
            "at",
            "before",
            "behind",
            "below",
            "beneath",
            "beside",
            "between",
            "beyond",
            "but",
            "by",
            "despite",
            "down",
            "during",
            "en",
            "except",
            "for",
            "from",
            "if",
            "in",
            "inside",
            "into",
            "like",
            "near",
            "nor",
            "of",
            "off",
            "on",
            "onto",
            "or",
            "out",
            "outside",
            "over",
            "past",
            "per",
            "since",
            "so",
            "than",
            "the",
            "through",
            "throughout",
            "till",
            "to",
            "toward",
            "towards",
            "under",
            "underneath",
            "until",
            "up",
            "upon",
            "via",
            "vs",
            "with",
            "within",
            "without",
            "yet",
        ]
    ),
}


def _is_name_like(word: str) -> bool:
    """All caps (acronym), inner capitals (iPhone, McDonald) or digits."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


@dataclass(frozen=True, slots=True)
class Capitalization:
    info: RuleInfo
    match: str
    pattern: Pattern | None
    style: str
    exceptions: frozenset[str]
    indicators: tuple[str, ...]
    threshold: float
    prefix: Pattern | None

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Capitalization:
        match = node.string("match")
        pattern = None
        if not match.startswith("$"):
            pattern = compile_pattern(node, "match", match, ignorecase=False)
        elif match not in {"$title", "$sentence", "$lower", "$upper"}:
            raise node.error(
                "match", f"unknown {match!r} (use $title, $sentence, $lower, $upper or a pattern)"
            )
        style = node.string("style", "AP")
        if style not in _SMALL:
            raise node.error("style", f"unknown {style!r} (use AP or Chicago)")
        prefix = node.optional_string("prefix")
        return cls(
            info=info,
            match=match,
            pattern=pattern,
            style=style,
            exceptions=frozenset(node.strings("exceptions")),
            indicators=node.strings("indicators") or (":",),
            threshold=node.number("threshold", 0.8),
            prefix=None
            if prefix is None
            else compile_pattern(node, "prefix", prefix, ignorecase=False),
        )

    def _expected(self, words: list[tuple[int, str]], text: str) -> list[str]:
        """The form each word should take under ``$title`` or ``$sentence``."""
        expected: list[str] = []
        small = _SMALL[self.style]
        longest = max(map(len, self.indicators), default=0)
        for index, (start, word) in enumerate(words):
            # ``text[:start].rstrip().endswith(...)`` without copying the
            # text before every word (quadratic on a long paragraph or line).
            stop = start
            while stop > 0 and text[stop - 1].isspace():
                stop -= 1
            opens = index == 0 or text[max(0, stop - longest) : stop].endswith(self.indicators)
            if word in self.exceptions or _is_name_like(word):
                expected.append(word)
            elif self.match == "$sentence":
                keep = opens or word == "I" or word.startswith(("I’", "I'"))
                expected.append(_capitalize(word) if opens else word if keep else word.lower())
            elif opens or index == len(words) - 1 or word.lower() not in small:
                expected.append(_capitalize(word))
            else:
                expected.append(word.lower())
        return expected

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        deadline.remaining()
        for start, end in segments(doc, self.info):
            text = doc.masked[start:end]
            if self.prefix is not None and (
                found := search(self.prefix, text, deadline, anchored=True)
            ):
                start, text = start + found.end(), text[found.end() :]
            if self.pattern is not None:
                if search(self.pattern, text, deadline) is None:
                    yield Hit(start, end, (text.strip(),), whole_segment=True)
                continue
            if self.match in {"$lower", "$upper"}:
                wanted = text.lower() if self.match == "$lower" else text.upper()
                if text != wanted:
                    yield Hit(start, end, (text.strip(),), (wanted,), whole_segment=True)
                continue
            words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
            if not words:
                continue
            expected = self._expected(words, text)
            good = sum(1 for (_, w), e in zip(words, expected, strict=True) if w == e)
            if good / len(words) >= self.threshold:
                continue
            fixed = list(text)
            for (position, word), form in zip(words, expected, strict=True):
                fixed[position : position + len(word)] = list(form)
            yield Hit(start, end, (text.strip(),), ("".join(fixed),), whole_segment=True)
