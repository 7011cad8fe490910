"""Vale's vocabulary rules, ``Vale.Terms`` and ``Vale.Avoid``, built from a
loaded ``Vocabulary`` as Vale 3 builds them from ``accept.txt`` and ``reject.txt``.

- ``Vale.Terms`` (error): an accepted term written in another case ("github"
  for "GitHub") gives "Use 'GitHub' instead of 'github'.", with the term as
  the fix when the term is plain text. The term is searched case-insensitively
  between word boundaries; text the term itself matches (a pattern term such
  as ``[Gg]it[Ll]ab``, or ``(?i)wifi``) is fine. A pattern term is shown as
  the spelling it allows that matches what was written (``OAuth2?`` for
  "Oauth" shows "OAuth"), else as written, with no fix.
- ``Vale.Avoid`` (error): a rejected term, as written (case-sensitive unless
  ``(?i)``), gives "Avoid using 'term'.", unless an accepted term excuses it.

Vale adds both only when its configuration names the ``Vale`` style; a
section's own ``Vocab`` gives ``Vale.<Name>.Terms`` and ``Vale.<Name>.Avoid``
(``prefix``). Copydesk's own house vocabulary keeps ``Vocab.Rejected``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.base import word_pattern
from editor.checkers.style.matching import Deadline, Hit, Pattern, find_in, segments
from editor.checkers.style.schema import RuleInfo, RuleNode, read_info
from editor.checkers.style.terms import literal_skeleton

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from editor.checkers.style.base import Rule
    from editor.document import Document
    from editor.vocab import Vocabulary

__all__ = ["ValeAvoid", "ValeTerms", "vale_vocabulary_rules"]

_SOURCE = Path("internal")
_CASELESS = "(?i)"
#: What Vale counts as regex syntax in a term (Go's ``regexp.QuoteMeta`` set).
_META = frozenset("\\.+*?()|[]{}^$")
_BLANKS = regex.compile(r"[ \t]+")
_WHITESPACE = regex.compile(r"\s+")
#: Past this many spellings a pattern term is no longer one word spelled a few ways.
_MAX_SPELLINGS = 64


def vale_vocabulary_rules(vocabulary: Vocabulary, *, prefix: str = "Vale") -> list[Rule]:
    """``<prefix>.Terms`` (when anything is accepted) and ``<prefix>.Avoid``
    (when anything is rejected), as Vale builds them. A section's vocabulary
    (``prefix="Vale.Name"``) is excused by its own accepted terms."""
    rules: list[Rule] = []
    if vocabulary.accept:
        rules.append(ValeTerms.build(f"{prefix}.Terms", vocabulary.accept))
    if vocabulary.reject:
        rules.append(ValeAvoid.build(f"{prefix}.Avoid", vocabulary.reject, vocabulary.accept))
    return rules


def _info(rule_id: str, extends: str, message: str, terms: Sequence[str]) -> RuleInfo:
    node = RuleNode(
        _SOURCE,
        {
            "extends": extends,
            "message": message,
            "level": "error",
            "scope": "text",
            "category": "terminology",
            "description": f"Vale's vocabulary rule ({len(terms)} terms).",
        },
        {},
    )
    return read_info(node, rule_id, "text")


# --------------------------------------------------------------------------
# Terms as Vale reads them.


def literal_term(term: str) -> bool:
    """Plain text, allowing periods ("Node.js"): Vale offers such a term as a fix."""
    return not any(c in _META for c in term.replace(".", ""))


def term_pattern(term: str) -> str:
    """A term as a pattern: a literal term's periods escaped, and the blanks
    between words matching any whitespace (a phrase may wrap across lines)."""
    if literal_term(term):
        term = term.replace(".", r"\.")
    return _BLANKS.sub(r"\\s+", term)


def _go_lower(text: str) -> str:
    """Lower case one character at a time, as Go's ``strings.ToLower`` does."""
    return "".join(c.lower()[:1] or c for c in text)


def _is_phrase(text: str) -> bool:
    """Only letters, digits, spaces and hyphens: compared as text, not as a pattern."""
    return all(c.isalpha() or unicodedata.category(c) == "Nd" or c in " -" for c in text)


def _scoped(term: str, *, caseless: bool) -> str:
    """A term as one alternative with its own case setting: a leading ``(?i)``
    becomes a scoped flag, which the ``regex`` module keeps to the group."""
    if term.startswith(_CASELESS):
        return f"(?i:{term[len(_CASELESS) :]})"
    return f"(?i:{term})" if caseless else f"(?-i:{term})"


@lru_cache(maxsize=1024)
def _compiled(pattern: str, flags: int = regex.V0 | regex.MULTILINE) -> regex.Pattern[str] | None:
    try:
        return regex.compile(pattern, flags)
    except regex.error:
        return None


def matches_term(term: str, observed: str) -> bool:
    """Whether ``observed`` already is the term: the same text for a plain
    phrase, else a whole match of the term's pattern."""
    pattern = term_pattern(term)
    if _is_phrase(pattern):
        return pattern == observed
    compiled = _compiled(_scoped(pattern, caseless=False), regex.V0)
    if compiled is None:
        return pattern == observed
    return compiled.fullmatch(observed) is not None


def _equal_fold(a: str, b: str) -> bool:
    return len(a) == len(b) and all(
        x == y or x.lower() == y.lower() or x.upper() == y.upper()
        for x, y in zip(a, b, strict=True)
    )


@lru_cache(maxsize=1024)
def spellings(term: str) -> tuple[str, ...]:
    """Every text a pattern term can match when that is a small finite set
    (``OAuth2?``: "OAuth2", "OAuth"); else its literal skeleton, else nothing."""
    found = _expand(term)
    if found is None:
        skeleton = literal_skeleton(term)
        found = (skeleton,) if skeleton else ()
    return found


def _expand(term: str) -> tuple[str, ...] | None:
    parsed = _Expander(term).alternation(nested=False)
    return tuple(parsed) if parsed else None


class _Expander:
    """Reads literal characters, ``\\x`` escapes of punctuation, groups,
    alternation and ``?``; anything else (classes, repetition, lookaround)
    means the term is not a finite set of spellings."""

    def __init__(self, term: str) -> None:
        self.term = term
        self.at = 0

    def alternation(self, *, nested: bool) -> list[str] | None:
        branches: list[str] = []
        current = [""]
        term = self.term
        while self.at < len(term):
            char = term[self.at]
            if char == ")":
                if not nested:
                    return None
                self.at += 1
                return branches + current
            if char == "|":
                branches.extend(current)
                current = [""]
                self.at += 1
                continue
            atom = self._atom()
            if atom is None:
                return None
            if self.at < len(term) and term[self.at] == "?":
                atom = [*atom, ""]
                self.at += 1
            elif self.at < len(term) and term[self.at] in "*+{":
                return None
            if len(current) * len(atom) > _MAX_SPELLINGS:
                return None
            current = [prefix + suffix for prefix in current for suffix in atom]
        if nested:
            return None
        return branches + current

    def _atom(self) -> list[str] | None:
        term = self.term
        char = term[self.at]
        if char == "(":
            self.at += 1
            if term.startswith("?:", self.at):
                self.at += 2
            elif term.startswith("?", self.at):
                return None
            return self.alternation(nested=True)
        if char == "\\":
            if self.at + 1 >= len(term):
                return None
            following = term[self.at + 1]
            if following.isalpha() or unicodedata.category(following) == "Nd":
                return None
            self.at += 2
            return [following]
        if char in "[]{}.*+^$":
            return None
        self.at += 1
        return [char]


def shown_term(term: str, observed: str) -> str:
    """The term as the message shows it: the spelling it allows that matches
    what was written (ignoring case and line wraps), else the term as written."""
    unwrapped = " ".join(observed.split())
    return next((s for s in spellings(term) if _equal_fold(s, unwrapped)), term)


def keep_wrap(expected: str, observed: str) -> str:
    """``expected`` with the whitespace ``observed`` has between its words, so
    fixing a phrase that wraps across a line keeps the wrap."""
    words = expected.split()
    gaps = _WHITESPACE.findall(observed)
    if len(gaps) != len(words) - 1:
        return expected
    out = [words[0]]
    for gap, word in zip(gaps, words[1:], strict=True):
        out.extend((gap, word))
    return "".join(out)


# --------------------------------------------------------------------------
# The rules.


@dataclass(frozen=True, slots=True)
class ValeTerms:
    """Accepted terms written in another case."""

    info: RuleInfo
    pattern: Pattern
    terms: tuple[str, ...]

    @classmethod
    def build(cls, rule_id: str, accept: Sequence[str]) -> ValeTerms:
        # Keyed by the lower-cased pattern: of two terms that differ only in
        # case, the later wins. Longest first (in UTF-8 bytes, as Vale sorts).
        by_key: dict[str, str] = {}
        for term in accept:
            by_key[term_pattern(_go_lower(term))] = term
        usable = [(k, t) for k, t in by_key.items() if _compiled(_scoped(k, caseless=True))]
        usable.sort(key=lambda pair: -len(pair[0].encode("utf-8")))
        body = "|".join(
            f"(?P<_t{i}>{_scoped(key, caseless=True)})" for i, (key, _) in enumerate(usable)
        )
        flags = regex.VERSION0 | regex.MULTILINE | regex.IGNORECASE
        return cls(
            info=_info(rule_id, "substitution", "Use '%s' instead of '%s'.", accept),
            pattern=Pattern(word_pattern(body, nonword=False), flags),
            terms=tuple(term for _, term in usable),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        if not self.terms:
            return
        spans = segments(doc, self.info, self.pattern.literals)
        for start, match in find_in(self.pattern, doc.masked, spans, deadline):
            observed = match.group()
            term = self.terms[_which(match, len(self.terms))]
            if matches_term(term, observed):
                continue
            expected = shown_term(term, observed)
            fixes: tuple[str, ...] = ()
            if expected != observed and literal_term(expected):
                fixes = (keep_wrap(expected, observed),)
            yield Hit(start + match.start(), start + match.end(), (expected, observed), fixes)


def _which(match: regex.Match[str], count: int) -> int:
    name = match.lastgroup
    if name is not None and name.startswith("_t") and match.group(name) is not None:
        return int(name[2:])
    return next(i for i in range(count) if match.group(f"_t{i}") is not None)


@dataclass(frozen=True, slots=True)
class ValeAvoid:
    """Rejected terms, unless an accepted term excuses the match."""

    info: RuleInfo
    pattern: Pattern
    #: An accepted term anywhere in the match excuses it…
    accepted: regex.Pattern[str] | None
    #: …and so does an accepted phrase (any case) the match lies inside.
    phrases: regex.Pattern[str] | None

    @classmethod
    def build(cls, rule_id: str, reject: Sequence[str], accept: Sequence[str]) -> ValeAvoid:
        # Vale joins the terms in one group, where a "(?i)" term makes every
        # term after it caseless too.
        caseless = False
        parts: list[str] = []
        for term in reject:
            caseless = caseless or term.startswith(_CASELESS)
            part = _scoped(term_pattern(term), caseless=caseless)
            if _compiled(part):
                parts.append(part)
        return cls(
            info=_info(rule_id, "existence", "Avoid using '%s'.", reject),
            pattern=Pattern(word_pattern("|".join(parts), nonword=False), regex.V0 | regex.M),
            accepted=_accepted_pattern(accept),
            phrases=_phrase_pattern(accept),
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        spans = segments(doc, self.info, self.pattern.literals)
        phrase_spans: dict[int, list[tuple[int, int]]] = {}
        for start, match in find_in(self.pattern, doc.masked, spans, deadline):
            observed = match.group()
            if self.accepted is not None and self.accepted.search(observed.strip()):
                continue
            if self.phrases is not None:
                if start not in phrase_spans:
                    end = next(e for s, e in spans if s == start)
                    phrase_spans[start] = [
                        m.span() for m in self.phrases.finditer(doc.masked[start:end])
                    ]
                low, high = match.span()
                if any(a <= low and high <= b for a, b in phrase_spans[start]):
                    continue
            yield Hit(start + match.start(), start + match.end(), (observed,))


def _accepted_pattern(accept: Sequence[str]) -> regex.Pattern[str] | None:
    """Vale's exceptions from the accepted terms: longest first, each with its
    own case setting, between word boundaries, searched anywhere in a match."""
    terms = sorted(accept, key=lambda t: len(t.encode("utf-8")), reverse=True)
    parts = [p for p in (_scoped(term_pattern(t), caseless=False) for t in terms) if _compiled(p)]
    return _compiled(word_pattern("|".join(parts), nonword=False)) if parts else None


def _phrase_pattern(accept: Sequence[str]) -> regex.Pattern[str] | None:
    """The accepted terms of more than one word, in any case."""
    phrases = [term_pattern(t) for t in accept if " " in t or "\t" in t or r"\s" in t]
    if not phrases:
        return None
    return _compiled(r"(?i)\b(?:" + "|".join(phrases) + r")\b")
