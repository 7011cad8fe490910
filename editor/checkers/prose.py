"""Running a grammar engine over a document's prose, paragraph by paragraph.

An engine (Harper, LanguageTool) implements ``ParagraphEngine``: it gets the
prose of each paragraph (a block of the document model, with non-prose
already blanked to spaces at equal length) and returns ``Finding`` records
relative to that paragraph. ``ProseChecker`` does the rest, the same way for
every engine: the result cache, mapping offsets back to the raw text,
dropping findings that touch blanked-out markup, the house vocabulary, and the
limits of ``editor.checkers.limits`` (over-long words, sentences and
paragraphs), so they hold for every engine.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from editor.cache import cache_key
from editor.checkers.base import CheckResult
from editor.checkers.limits import BATCH_CHARACTERS, BATCH_PARAGRAPHS, LIMITS, Limits, pieces
from editor.dialect import AUTO, decide, is_variant, mixed_finding
from editor.model import SPELLING, Severity, Suggestion
from editor.segment import capitalized_inside_sentence

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from editor.cache import ResultCache
    from editor.checkers.limits import Skip
    from editor.document import Document
    from editor.vocab import Vocabulary, VocabularyScan

__all__ = [
    "Finding",
    "ParagraphEngine",
    "ProseChecker",
]

#: The category of words of another variety of English (``editor.categories``).
REGIONALISM = "regionalism"

#: Over-long words and sentences named one by one per document; the rest are counted.
_NAMED_SKIPS = 3


@dataclass(frozen=True, slots=True)
class Finding:
    """What an engine found, with offsets into one paragraph's text."""

    start: int
    end: int
    message: str
    rule: str
    severity: Severity
    category: str | None = None
    replacements: tuple[str, ...] = ()
    link: str | None = None
    description: str | None = None

    def shifted(self, by: int) -> Finding:
        return Finding(
            self.start + by,
            self.end + by,
            self.message,
            self.rule,
            self.severity,
            self.category,
            self.replacements,
            self.link,
            self.description,
        )

    def to_json(self) -> list[object]:
        return [
            self.start,
            self.end,
            self.message,
            self.rule,
            self.severity.label,
            self.category,
            list(self.replacements),
            self.link,
            self.description,
        ]

    @classmethod
    def from_json(cls, data: list[object]) -> Finding:
        start, end, message, rule, level, category, replacements, link, description = data
        if not isinstance(replacements, list):
            raise TypeError("replacements")
        return cls(
            int(start),  # type: ignore[call-overload]
            int(end),  # type: ignore[call-overload]
            str(message),
            str(rule),
            Severity.parse(str(level)),
            None if category is None else str(category),
            tuple(str(r) for r in replacements),
            None if link is None else str(link),
            None if description is None else str(description),
        )


class ParagraphEngine(Protocol):
    """A grammar engine that checks paragraphs of plain prose.

    An engine may also set ``limits`` (a ``Limits``) when its own differ from
    ``LIMITS``."""

    #: Engine name, also the ``source`` of its suggestions.
    name: str
    #: Whether the engine, as configured, checks the spelling of every word.
    checks_spelling: bool

    def identity(self) -> str:
        """Engine version and every setting that changes results (the cache key)."""
        ...

    def check_paragraphs(
        self, paragraphs: Sequence[str], dialect: str | None = None
    ) -> list[list[Finding]]:
        """One list of findings per paragraph, offsets relative to it, in
        ``dialect`` (``en-GB``; ``None``: the engine's configured one).

        Raises ``EngineError`` when the engine cannot answer.
        """
        ...

    def close(self) -> None: ...


class ProseChecker:
    """A ``Checker`` around one ``ParagraphEngine``."""

    def __init__(
        self,
        engine: ParagraphEngine,
        *,
        cache: ResultCache | None = None,
        vocabulary: Vocabulary | None = None,
        ignore_acronyms: bool = True,
        dialect: str = AUTO,
    ) -> None:
        """``dialect``: ``auto`` (decided per document, see ``editor.dialect``)
        or the one to check every document in."""
        self.engine = engine
        self.dialect = dialect
        self.name = engine.name
        self.cache = cache
        self.vocabulary = vocabulary
        self.ignore_acronyms = ignore_acronyms
        self._identity: str | None = None

    def check(
        self, doc: Document, *, progress: Callable[[int, int], None] | None = None
    ) -> CheckResult:
        """Findings in ``doc``. ``progress`` is called with ``(done, total)``
        paragraphs (pieces of an over-long one count apiece) as batches complete.

        Raises ``EngineError`` (``EngineCrashed`` when the engine died on it)."""
        limits: Limits = getattr(self.engine, "limits", LIMITS)
        sent, skipped = pieces(doc, limits)
        decision = decide(doc, self.dialect)
        per_piece = self._findings([piece.text for piece in sent], decision.dialect, progress)
        # A detected dialect: a spelling of either variety is never "corrected"
        # into the other, no word is another variety's; a mix is one finding
        # (``mixed_finding``).
        detected = decision.source != "configured"
        # The vocabulary is scanned (linearly) only when some spelling finding
        # needs it.
        needs_scan = self.vocabulary is not None and any(
            f.category == SPELLING for found in per_piece for f in found
        )
        scan = self.vocabulary.scan(doc.masked) if needs_scan and self.vocabulary else None
        suggestions: list[Suggestion] = []
        for piece, findings in zip(sent, per_piece, strict=True):
            for finding in findings:
                shifted = finding.shifted(piece.start)
                if piece.blanked and piece.touches_blank(shifted.start, shifted.end):
                    continue
                suggestion = self._suggestion(doc, shifted, scan)
                if suggestion is None or (detected and _not_for_a_guess(doc.text, suggestion)):
                    continue
                suggestions.append(suggestion)
        mixed = mixed_finding(doc, decision, self.name)
        if mixed is not None:
            suggestions.append(mixed)
        notices = [*self._skip_notices(doc, skipped, limits), *(scan.notices if scan else ())]
        if self.cache:
            notices.extend(self.cache.notices)
            self.cache.notices.clear()
        engine_notices: list[str] | None = getattr(self.engine, "notices", None)
        if engine_notices:
            notices.extend(engine_notices)
            engine_notices.clear()
        return CheckResult(
            tuple(sorted(suggestions, key=Suggestion.sort_key)),
            tuple(notices),
            spelling_checked=self.engine.checks_spelling,
            dialect=decision,
        )

    def _skip_notices(
        self, doc: Document, skipped: Sequence[Skip], limits: Limits
    ) -> Iterator[str]:
        for skip in skipped[:_NAMED_SKIPS]:
            line, column = doc.line_col(skip.start)
            limit = limits.word if skip.what == "word" else limits.sentence
            yield (
                f"{self.name}: skipped a {skip.end - skip.start:,}-character {skip.what} "
                f"at {doc.name}:{line}:{column} (longer than {limit:,} characters)"
            )
        if len(skipped) > _NAMED_SKIPS:
            yield (
                f"{self.name}: skipped {len(skipped) - _NAMED_SKIPS:,} more over-long "
                f"words or sentences in {doc.name}"
            )

    def _findings(
        self,
        paragraphs: list[str],
        dialect: str,
        progress: Callable[[int, int], None] | None,
    ) -> list[list[Finding]]:
        """Findings per paragraph. An engine with ``joins`` (characters) gets
        runs of consecutive paragraphs joined into one text up to that size,
        which is also the unit cached: its findings depend on that text alone."""
        joins: int = getattr(self.engine, "joins", 0)
        if not joins or len(paragraphs) < 2:
            return self._checked(paragraphs, dialect, progress)
        units = _join_units(paragraphs, joins)
        texts = [_JOINER.join(paragraphs[i] for i in unit) for unit in units]
        counted = [0]
        for unit in units:
            counted.append(counted[-1] + len(unit))

        def in_paragraphs(done: int, total: int) -> None:
            assert progress is not None
            progress(counted[done], counted[total])

        found = self._checked(texts, dialect, in_paragraphs if progress else None)
        results: list[list[Finding]] = [[] for _ in paragraphs]
        for unit, unit_found in zip(units, found, strict=True):
            starts: list[int] = []
            at = 0
            for i in unit:
                starts.append(at)
                at += len(paragraphs[i]) + len(_JOINER)
            for finding in unit_found:
                k = bisect.bisect_right(starts, finding.start) - 1
                i = unit[k]
                # A finding across the joint belongs to no paragraph alone.
                if k >= 0 and finding.end <= starts[k] + len(paragraphs[i]):
                    results[i].append(finding.shifted(-starts[k]))
        return results

    def _checked(
        self,
        paragraphs: list[str],
        dialect: str,
        progress: Callable[[int, int], None] | None,
    ) -> list[list[Finding]]:
        total = len(paragraphs)
        results: list[list[Finding] | None] = [None] * total
        keys: list[str] = []
        if self.cache is not None:
            if self._identity is None:
                self._identity = self.engine.identity()
            identity = f"{self._identity}\n{dialect}"
            keys = [cache_key(self.name, identity, text) for text in paragraphs]
            stored = self.cache.get_many(keys)
            results = [_decode(stored.get(key)) for key in keys]
        missing = [i for i, found in enumerate(results) if found is None]
        done = total - len(missing)
        if progress is not None:
            progress(done, total)
        for batch in _batches(missing, paragraphs):
            fresh = self.engine.check_paragraphs([paragraphs[i] for i in batch], dialect)
            for i, found in zip(batch, fresh, strict=True):
                results[i] = found
            if self.cache is not None:
                # Stored batch by batch: what was checked before a crash stays checked.
                self.cache.put_many(
                    {
                        keys[i]: json.dumps([f.to_json() for f in found], ensure_ascii=False)
                        for i, found in zip(batch, fresh, strict=True)
                    }
                )
            done += len(batch)
            if progress is not None:
                progress(done, total)
        return [found or [] for found in results]

    def _suggestion(
        self, doc: Document, finding: Finding, scan: VocabularyScan | None
    ) -> Suggestion | None:
        start, end = finding.start, finding.end
        if not 0 <= start <= end <= len(doc.text):
            return None
        text = doc.text[start:end]
        # A finding that touches blanked-out markup (code, URLs, tags) exists only
        # because of the blanking, or would edit what is not prose.
        if text != doc.masked[start:end]:
            return None
        if start == end and not doc.is_prose(max(0, start - 1), start):
            return None
        if finding.category == "capitalization" and _after_code(doc, start):
            return None
        replacements = tuple(r for r in finding.replacements if r != text)
        if finding.category == SPELLING:
            if self._accepted(doc.text, start, end, scan):
                return None
            # A name, most likely: no engine's guess fixes it (on the
            # learner-English dev sets, LanguageTool's first guess for these
            # was right 15 times in 205). The finding keeps its message.
            if capitalized_inside_sentence(doc.masked, start, end) or _a_name_for_a_word(
                text, replacements
            ):
                replacements = ()
        line, column = doc.line_col(start)
        return Suggestion(
            start=start,
            end=end,
            line=line,
            column=column,
            text=text,
            message=finding.message,
            rule=finding.rule,
            source=self.name,
            severity=finding.severity,
            category=finding.category,
            replacements=replacements,
            link=finding.link,
            description=finding.description,
        )

    def _accepted(self, text: str, start: int, end: int, scan: VocabularyScan | None) -> bool:
        """Whether the word a spelling finding sits in is accepted vocabulary
        or an acronym. Engines split words differently ("AT&T." may come back
        as "T."), so the test is on the whole whitespace-delimited word, less
        surrounding punctuation."""
        spans = [(start, end), _word_around(text, start, end)]
        if self.ignore_acronyms and _is_acronym(text[spans[1][0] : spans[1][1]]):
            return True
        return scan is not None and any(scan.covers(s, e) for s, e in spans)

    def close(self) -> None:
        self.engine.close()
        if self.cache:
            self.cache.close()


def _after_code(doc: Document, start: int) -> bool:
    """Whether the first thing before ``start`` (past spaces) is blanked-out
    code: "`pdb` is the debugger" starts with code, and "is" needs no
    capital. Blanked punctuation alone is markup around prose ("*this* is"),
    which does."""
    at = start
    while at > 0 and doc.text[at - 1] in " \t":
        at -= 1
    code = False
    while at > 0 and doc.masked[at - 1] != doc.text[at - 1]:
        code = code or doc.text[at - 1].isalnum()
        at -= 1
    return code


def _not_for_a_guess(text: str, suggestion: Suggestion) -> bool:
    """A finding that holds only if the document's dialect is known, not
    guessed from its spelling: a spelling "error" that is one variety's
    spelling, or a word of another variety ("vacation" in British English)."""
    if suggestion.category == REGIONALISM:
        return True
    if suggestion.category != SPELLING:
        return False
    start, end = _word_around(text, suggestion.start, suggestion.end)
    return is_variant(text[start:end])


def _a_name_for_a_word(word: str, replacements: Sequence[str]) -> bool:
    """Whether the best guess for a lower-case unknown word is a name or an
    acronym ("nopal" → "Nepal", "afer" → "AFER", "und" → "UND"): the word is
    most likely foreign or a name itself, and the guess no fix (right 3 times
    in 36 on BEA dev, all three "tv" → "TV"). "german" → "German" and "i" →
    "I" keep theirs."""
    if not replacements or not word[:1].islower():
        return False
    first = replacements[0]
    if len(first) > 1 and first.isupper():
        return True
    return first[:1].isupper() and first.lower() != word.lower()


def _batches(indices: Sequence[int], paragraphs: Sequence[str]) -> Iterator[list[int]]:
    """``indices`` in order, in batches of at most ``BATCH_PARAGRAPHS`` paragraphs
    and ``BATCH_CHARACTERS`` characters (a longer paragraph goes alone)."""
    batch: list[int] = []
    size = 0
    for i in indices:
        length = len(paragraphs[i])
        if batch and (len(batch) >= BATCH_PARAGRAPHS or size + length > BATCH_CHARACTERS):
            yield batch
            batch, size = [], 0
        batch.append(i)
        size += length
    if batch:
        yield batch


#: Between paragraphs joined into one text for an engine (a blank line: a
#: paragraph break in any plain-text reader).
_JOINER = "\n\n"


def _join_units(paragraphs: Sequence[str], joins: int) -> list[list[int]]:
    """Consecutive paragraph indices, as many per unit as fit in ``joins``
    characters (a longer paragraph alone)."""
    units: list[list[int]] = []
    size = 0
    for i, text in enumerate(paragraphs):
        length = len(text) + len(_JOINER)
        if units and size + length <= joins:
            units[-1].append(i)
            size += length
        else:
            units.append([i])
            size = length
    return units


def _decode(value: str | None) -> list[Finding] | None:
    """A cached entry, or ``None`` (a miss) when absent or unreadable."""
    if value is None:
        return None
    try:
        return [Finding.from_json(item) for item in json.loads(value)]
    except (ValueError, TypeError, KeyError):
        return None


_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»…"


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


def _is_acronym(word: str) -> bool:
    """WSJ, AT&T, CES, MP3s: two or more capitals and no lower-case letter but a
    plural or possessive ending."""
    core = word.removesuffix("'s").removesuffix("’s").removesuffix("s")
    letters = [c for c in core if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and all(c.isalnum() or c in "&.-" for c in core)
    )
