"""The house vocabulary: Vale-style ``accept.txt`` and ``reject.txt`` lists.

A vocabulary is a folder holding either file; each line is a term, written as
a regular expression (case-sensitive; ``(?i)`` makes one insensitive) and a
line starting with ``#`` is a comment (Vale's own reading, ``vale=True``, takes
only ``# ``). Accepted terms are never spelling errors, in any engine; rejected
terms are flagged by the ``Vocab.Rejected`` rule (in a Vale project, by
``Vale.Avoid``: ``editor.checkers.style.vocabulary``). A name such as ``House``
is looked up as ``<rules folder>/config/vocabularies/House``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from editor.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

__all__ = ["Vocabulary", "VocabularyScan", "find_vocabulary", "load_vocabulary"]

#: An entry with only these characters is a literal word list, not a pattern.
_LITERAL = regex.compile(r"[\p{L}\p{N}&'’. -]+")
#: What a term's edges may not touch: Vale's whole-word rule.
_WORD_RUN = regex.compile(r"[\p{L}\p{N}]+")
_CASELESS = "(?i)"
#: Pattern terms are searched in windows of about this many characters…
_WINDOW = 65_536
#: …each reaching this far past its end, so a match of up to this length
#: across a window's edge is still found whole.
_REACH = 1_000
#: Seconds a pattern search may take in one window (the regex module's timeout).
_WINDOW_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Vocabulary:
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    sources: tuple[Path, ...] = ()

    def words(self) -> list[str]:
        """Plain words from the accepted terms, for an engine's user dictionary."""
        found: dict[str, None] = {}
        for term in self.accept:
            if _LITERAL.fullmatch(term):
                for word in term.split():
                    found.setdefault(word.strip(".&-"), None)
        return [w for w in found if w]

    def accepted_spans(self, text: str) -> list[tuple[int, int]]:
        """Where accepted terms occur in ``text`` (whole words only)."""
        return list(self.scan(text).spans)

    def scan(self, text: str) -> VocabularyScan:
        """Every accepted term in ``text``, in time linear in its length.

        Literal terms (the usual kind: ``Huawei``, ``AT&T``, ``Richard Yu``,
        ``(?i)wifi``) are looked up word by word in a set; only the other
        terms run as one regular expression, window by window under a time
        limit. A window that runs out of time stops the pattern terms (the
        literal ones still apply) and says so in ``notices``.
        """
        terms = _compiled(self.accept)
        spans = list(terms.literal_spans(text))
        notices: list[str] = []
        if terms.pattern is not None:
            spans.extend(_pattern_spans(terms.pattern, text, notices))
        spans.sort()
        return VocabularyScan(tuple(spans), tuple(notices))

    def __bool__(self) -> bool:
        return bool(self.accept or self.reject)


@dataclass(frozen=True, slots=True)
class VocabularyScan:
    """The accepted terms found in one text, and what went wrong finding them."""

    spans: tuple[tuple[int, int], ...] = ()
    notices: tuple[str, ...] = ()
    _starts: list[int] = field(init=False, repr=False, compare=False)
    _reach: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        reach: list[int] = []
        furthest = -1
        for _, end in self.spans:
            furthest = max(furthest, end)
            reach.append(furthest)
        object.__setattr__(self, "_starts", [start for start, _ in self.spans])
        object.__setattr__(self, "_reach", reach)

    def covers(self, start: int, end: int) -> bool:
        """Whether one accepted term's span contains ``start..end`` (O(log n))."""
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and self._reach[index] >= end


@dataclass(frozen=True, slots=True)
class _Terms:
    """Accepted terms sorted for matching: literal ones by their first word."""

    #: Single-word literal terms, matched by set lookup.
    words: frozenset[str]
    #: The same, for ``(?i)`` terms, case-folded.
    folded: frozenset[str]
    #: First word → anchored matchers of the longer literal terms it starts,
    #: longest first (case-folded keys for the ``(?i)`` ones).
    longer: dict[str, tuple[regex.Pattern[str], ...]]
    longer_folded: dict[str, tuple[regex.Pattern[str], ...]]
    #: Every other term, as one alternation (Vale's semantics).
    pattern: regex.Pattern[str] | None

    def literal_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Leftmost-longest, non-overlapping matches of the literal terms.

        A literal term starts and ends with a letter or digit, so each match
        starts where a run of them starts and ends where one ends: one set
        lookup per run of letters and digits finds them all.
        """
        if not (self.words or self.folded or self.longer or self.longer_folded):
            return
        words, folded, longer, longer_folded = (
            self.words,
            self.folded,
            self.longer,
            self.longer_folded,
        )
        after = -1
        for run in _WORD_RUN.finditer(text):
            start = run.start()
            if start < after:
                continue
            word = run.group()
            key = word.casefold() if folded or longer_folded else word
            best = run.end() if word in words or key in folded else -1
            for matcher in (*longer.get(word, ()), *longer_folded.get(key, ())):
                found = matcher.match(text, start)
                if found is not None:
                    best = max(best, found.end())
            if best > start:
                yield start, best
                after = best


def _pattern_spans(
    pattern: regex.Pattern[str], text: str, notices: list[str]
) -> Iterator[tuple[int, int]]:
    """Matches of the pattern terms, window by window: the search stays
    linear however long a line is, and a runaway pattern costs one window's
    time limit, not the run."""
    position = 0
    for start, cut, end in _windows(text):
        try:
            for match in pattern.finditer(text, max(start, position), end, timeout=_WINDOW_SECONDS):
                if match.start() >= cut:
                    break
                if match.end() > match.start():
                    position = match.end()
                    yield match.span()
        except TimeoutError:
            line = text.count("\n", 0, start) + 1
            notices.append(
                f"vocabulary: an accepted term's pattern ran out of time near line {line}; "
                "pattern terms were not applied from there on (check accept.txt for a "
                "runaway regular expression)"
            )
            return


_SPACE = regex.compile(r"\s")


def _windows(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, cut, end)``: search ``start..end``, keep matches starting
    before ``cut``. Cuts and ends fall on whitespace where there is any near,
    so no window edge splits a word."""
    length = len(text)
    start = 0
    while start < length:
        cut = _next_space(text, start + _WINDOW)
        end = _next_space(text, cut + _REACH)
        yield start, cut, end
        start = cut


def _next_space(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    found = _SPACE.search(text, position, position + _REACH)
    return position if found is None else found.start()


@lru_cache(maxsize=8)
def _compiled(accept: tuple[str, ...]) -> _Terms:
    words: set[str] = set()
    folded: set[str] = set()
    longer: dict[str, list[str]] = {}
    longer_folded: dict[str, list[str]] = {}
    patterns: list[str] = []
    for term in accept:
        caseless = term.startswith(_CASELESS)
        body = term[len(_CASELESS) :] if caseless else term
        runs = _WORD_RUN.findall(body)
        literal = (
            _LITERAL.fullmatch(body) is not None
            and "." not in body
            and _WORD_RUN.match(body) is not None
            and _WORD_RUN.fullmatch(body[-1]) is not None
        )
        if not literal:
            patterns.append(term)
        elif len(runs) == 1:
            (folded if caseless else words).add(body.casefold() if caseless else body)
        elif caseless:
            longer_folded.setdefault(runs[0].casefold(), []).append(body)
        else:
            longer.setdefault(runs[0], []).append(body)
    return _Terms(
        frozenset(words),
        frozenset(folded),
        _anchored(longer, caseless=False),
        _anchored(longer_folded, caseless=True),
        _alternation(patterns),
    )


def _anchored(
    by_first: dict[str, list[str]], *, caseless: bool
) -> dict[str, tuple[regex.Pattern[str], ...]]:
    flags = regex.V0 | (regex.IGNORECASE if caseless else 0)
    return {
        first: tuple(
            regex.compile(regex.escape(term) + r"(?![\p{L}\p{N}])", flags)
            for term in sorted(terms, key=len, reverse=True)
        )
        for first, terms in by_first.items()
    }


def _alternation(terms: Sequence[str]) -> regex.Pattern[str] | None:
    if not terms:
        return None
    body = "|".join(f"(?:{t})" for t in sorted(terms, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])", regex.V0)


def _read_terms(path: Path, *, vale: bool = False) -> tuple[str, ...]:
    """The terms of one list. A comment starts with ``#``; as Vale reads a
    list (``vale``), only with ``# ``, so ``#hashtag`` is a term there."""
    if not path.is_file():
        return ()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read vocabulary: {exc}") from None
    comment = "# " if vale else "#"
    terms: list[str] = []
    for number, raw in enumerate(lines, 1):
        term = raw.strip()
        if not term or term.startswith(comment):
            continue
        try:
            regex.compile(term, regex.V0)
        except regex.error as exc:
            raise ConfigError(f"{path}:{number}", f"invalid term {term!r}: {exc}") from None
        terms.append(term)
    return tuple(terms)


def find_vocabulary(name: str, rule_dirs: Sequence[Path]) -> Path | None:
    """The folder of a vocabulary given by name (in the rules folders) or path."""
    from pathlib import Path

    direct = Path(name)
    if ("/" in name or name.startswith(".")) and direct.is_dir():
        return direct
    for folder in rule_dirs:
        candidate = folder / "config" / "vocabularies" / name
        if candidate.is_dir():
            return candidate
    return None


def load_vocabulary(
    names: Sequence[str], rule_dirs: Sequence[Path], *, vale: bool = False
) -> Vocabulary:
    """Every named vocabulary, merged. An unknown name is a ``ConfigError``.

    With ``vale``, each folder is read as Vale 3 reads it: every ``accept.txt``
    and ``reject.txt`` in it or below it, in path order, and only ``# `` starts
    a comment."""
    accept: list[str] = []
    reject: list[str] = []
    sources: list[Path] = []
    for name in names:
        folder = find_vocabulary(name, rule_dirs)
        if folder is None:
            where = ", ".join(str(d / "config" / "vocabularies") for d in rule_dirs) or "-"
            raise ConfigError("vocab", f"no vocabulary {name!r} (looked in {where})")
        sources.append(folder)
        for path in _lists(folder, vale=vale):
            found = _read_terms(path, vale=vale)
            (accept if path.name == "accept.txt" else reject).extend(found)
    return Vocabulary(tuple(dict.fromkeys(accept)), tuple(dict.fromkeys(reject)), tuple(sources))


def _lists(folder: Path, *, vale: bool) -> list[Path]:
    """A vocabulary folder's lists: its own two, or (``vale``) every one in
    it or below, in the order Vale's walk visits them."""
    if not vale:
        return [folder / "accept.txt", folder / "reject.txt"]
    found: list[Path] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_dir():
            found.extend(_lists(entry, vale=True))
        elif entry.name in {"accept.txt", "reject.txt"}:
            found.append(entry)
    return found


def project_vocabulary(root: Path) -> Path:
    """The project's own vocabulary folder, where the reviewer's ``+`` adds
    words; always read when it exists."""
    return root / ".copydesk" / "vocabulary"


def add_accepted(folder: Path, words: Sequence[str]) -> list[str]:
    """Append words to ``folder/accept.txt`` (as literal terms); returns the
    ones that were new."""
    path = folder / "accept.txt"
    present = set(_read_terms(path))
    new = [w for w in dict.fromkeys(words) if _as_term(w) not in present]
    if not new:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    lines = "".join(f"{_as_term(w)}\n" for w in new)
    separator = "" if not existing or existing.endswith("\n") else "\n"
    path.write_text(existing + separator + lines, encoding="utf-8")
    return new


def _as_term(word: str) -> str:
    """A word as a vocabulary line: itself when it has no pattern characters."""
    if _LITERAL.fullmatch(word) and "." not in word:
        return word
    return regex.escape(word, literal_spaces=True)
