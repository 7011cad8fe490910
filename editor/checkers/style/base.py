"""The protocol every rule type implements, and helpers they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import regex

from editor.checkers.style.actions import Action, fix, to_sentence
from editor.checkers.style.casing import Term
from editor.checkers.style.editops import recase
from editor.checkers.style.matching import Deadline, Hit, compile_pattern

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

__all__ = ["Exceptions", "Rule", "alert_args", "suggestions_for", "word_pattern"]


class Rule(Protocol):
    """A loaded rule: its shared info, and how it finds hits in a document."""

    @property
    def info(self) -> RuleInfo: ...

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]: ...


def word_pattern(body: str, *, nonword: bool) -> str:
    """Vale's word template: ``\\b(?:...)\\b`` unless the rule is ``nonword``."""
    return f"(?:{body})" if nonword else rf"\b(?:{body})\b"


_PLAIN = regex.compile(r"[^\\.+*?()|\[\]{}^$]*")
_BLANKS = regex.compile(r"[ \t]+")


def term_pattern(term: str) -> str:
    """A vocabulary or exception term as Vale matches it: a plain term's
    periods are literal, and a space between words also matches a line break."""
    if _PLAIN.fullmatch(term.replace(".", "")):
        term = term.replace(".", r"\.")
    return _BLANKS.sub(r"\\s+", term)


def _scoped(pattern: str) -> str:
    """A term in its own case scope: case-sensitive unless it starts ``(?i)``."""
    if pattern.startswith("(?i)"):
        return f"(?i:{pattern[4:]})"
    return f"(?-i:{pattern})"


def _multiword(term: str) -> bool:
    return " " in term or "\t" in term or r"\s" in term


@dataclass(frozen=True, slots=True)
class Exceptions:
    """A rule's ``exceptions`` as Vale applies them.

    A match containing a term (as a whole word, case-sensitively unless the
    term starts with ``(?i)``, even under ``ignorecase``) is not reported;
    nor is one inside a multi-word term found around it ("mea" in "mea
    culpa"). ``terms`` is the same list as the capitalization converters see
    it: longest first, each in its own case scope.
    """

    pattern: regex.Pattern[str] | None
    phrases: regex.Pattern[str] | None
    terms: tuple[Term, ...]

    @classmethod
    def none(cls) -> Exceptions:
        return cls(None, None, ())

    @classmethod
    def read(cls, node: RuleNode, accepted: Sequence[str] = ()) -> Exceptions:
        """From the rule's ``exceptions`` plus, for a rule using the
        vocabulary, its ``accepted`` terms."""
        listed = list(node.strings("exceptions"))
        for term in listed:
            compile_pattern(node, "exceptions", term_pattern(term), ignorecase=False)
        try:
            return cls.build(listed, accepted)
        except regex.error as exc:
            raise node.error("exceptions", f"invalid regular expression: {exc}") from None

    @classmethod
    def build(cls, listed: Sequence[str], accepted: Sequence[str] = ()) -> Exceptions:
        # Vale sorts and rewrites the rule's own list in place when nothing is
        # added to it, so the phrases and the converters then see the
        # rewritten, case-scoped terms; with accepted terms added, the list is
        # a copy and they see the terms as written.
        everything = sorted([*listed, *accepted], key=lambda t: -len(t.encode("utf-8")))
        scoped = [_scoped(term_pattern(t)) for t in everything]
        if not everything:
            return cls.none()
        flags = regex.VERSION0 | regex.MULTILINE
        pattern = regex.compile(r"\b(?:" + "|".join(scoped) + r")\b", flags)
        if accepted:
            phrase_terms = [term_pattern(t) for t in [*listed, *accepted] if _multiword(t)]
            vocab = [Term(t, t) for t in everything]
        else:
            phrase_terms = [p for t, p in zip(everything, scoped, strict=True) if _multiword(t)]
            vocab = [
                Term(("" if t.startswith("(?i)") else "(?-i)") + term_pattern(t), p)
                for t, p in zip(everything, scoped, strict=True)
            ]
        # The converters sort their vocabulary again, by its own length.
        terms = tuple(sorted(vocab, key=lambda t: -len(t.text.encode("utf-8"))))
        phrases = None
        if phrase_terms:
            try:
                body = r"\b(?:" + "|".join(phrase_terms) + r")\b"
                phrases = regex.compile(body, flags | regex.IGNORECASE)
            except regex.error:
                phrases = None
        return cls(pattern, phrases, terms)

    def excepts(self, observed: str) -> bool:
        return self.pattern is not None and self.pattern.search(observed) is not None

    def within_phrase(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside a multi-word term."""
        if self.phrases is None:
            return False
        return any(m.start() <= start and end <= m.end() for m in self.phrases.finditer(text))

    def skip(self, observed: str, text: str, start: int, end: int) -> bool:
        return self.excepts(observed) or self.within_phrase(text, start, end)


def suggestions_for(info: RuleInfo, match: str, groups: Sequence[str] = ()) -> tuple[str, ...]:
    """What the rule's ``action`` offers for ``match`` (``matchcase`` applied)."""
    action = info.action
    if not action.name:
        return ()
    if info.match_case and action.name == "replace":
        action = Action(action.name, recase(action.params, match))
    return fix(action, match, groups)


def alert_args(info: RuleInfo, match: str, suggestions: Sequence[str]) -> tuple[str, ...]:
    """A finding's message arguments as Vale gives them: the match, then, for
    a rule with an ``action``, what it suggests ("'a' or 'b'" for several)."""
    if not info.action.name:
        return (match,)
    if len(suggestions) == 1:
        return (match, suggestions[0])
    if suggestions:
        return (match, to_sentence(suggestions, "or"))
    return (match, match)
