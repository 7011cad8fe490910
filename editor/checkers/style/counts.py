"""Document counts as Vale measures them, for ``readability`` and ``metric``.

Vale summarises text with the ``prose`` library: paragraphs are split on a
blank line, each paragraph into sentences (a Punkt model), each sentence into
words with ``(?:[A-Z]\\.){2,}|[\\p{N}\\p{L}']+``, and syllables are counted by
a heuristic of its own. textstat counts syllables from CMUdict and splits
sentences differently, which moves a grade by whole points on short texts, so
the counts here follow prose's rules instead. The sentence splitter is
copydesk's approximation of Punkt (see ``split_sentences``): it agrees on
ordinary prose, not on every abbreviation or initial the trained model knows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from editor.segment import SENTENCE_STARTERS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from editor.document import Document
    from editor.segment import Block

__all__ = [
    "Counts",
    "block_text",
    "count_text",
    "element_counts",
    "measured",
    "split_sentences",
    "summary_text",
    "syllables",
]

_WORD = regex.compile(r"(?:[A-Z]\.){2,}|[\p{N}\p{L}']+")


# --------------------------------------------------------------------------
# Syllables: prose's heuristic (suffix and prefix increments, vowel groups,
# then patterns that take a syllable away or add one).

_CORNER_CASES = {
    "abalone": 4, "abare": 3, "abed": 2, "abruzzese": 4, "abbruzzese": 4,
    "aborigine": 5, "aborigines": 5, "acreage": 3, "adame": 3, "adieu": 2,
    "adobe": 3, "anemone": 4, "apache": 3, "aphrodite": 4, "apostrophe": 4,
    "ariadne": 4, "cafe": 2, "cafes": 2, "calliope": 4, "catastrophe": 4,
    "chile": 2, "chloe": 2, "circe": 2, "coyote": 3, "epitome": 4,
    "facsimile": 4, "forever": 3, "gethsemane": 4, "guacamole": 4,
    "hyperbole": 4, "jesse": 2, "jukebox": 2, "karate": 3, "machete": 3,
    "maybe": 2, "people": 2, "recipe": 3, "sesame": 3, "shoreline": 2,
    "simile": 3, "syncope": 3, "tamale": 3, "yosemite": 4, "daphne": 2,
    "eurydice": 4, "euterpe": 3, "hermione": 4, "penelope": 4,
    "persephone": 4, "phoebe": 2, "zoe": 2,
}  # fmt: skip

_ED_ENDINGS = "b|c|ch|dg|f|g|gh|gn|k|l|lch|ll|lv|m|mm|n|nc|ng|nch|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|th|v|y|z"
_ES_ENDINGS = (
    "b|ch|d|f|gh|gn|k|l|lch|ll|lv|m|mm|n|nch|nn|p|r|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t|th|v|y"
)
_E_ENDINGS = "b|c|ch|d|dg|f|g|gh|gn|k|l|ll|lv|m|mm|n|nc|ng|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t|th|v|y|z"
_FEWER = (
    regex.compile(
        "cia(l|$)|tia|cius|cious|[^aeiou]giu|[aeiouy][^aeiouy]ion|iou|sia$|eous$|[oa]gue$|"
        ".[^aeiuoycgltdb]{2,}ed$|.ely$|^jua|uai|eau|^busi$|"
        f"([aeiouy]({_ED_ENDINGS})ed$)|([aeiouy]({_ES_ENDINGS})es$)"
    ),
    regex.compile(f"[aeiouy]({_E_ENDINGS})e$"),
)
_MORE = (
    regex.compile(
        "(?:[^aeiouy]ie(r|st|t)|[aeiouym]bl|eo|ism|asm|thm|dnt|uity|dea|gean|oa|ua|"
        "eings?|[aeiouy]sh?e[rsd])$"
    ),
    regex.compile("[^gq]ua[^auieo]|[aeiou]{3}|^(ia|mc|coa[dglx].)"),
    regex.compile(
        "[^aeiou]y[ae]|[^l]lien|riet|dien|iu|io|ii|uen|real|iell|eo[^aeiou]|[aeiou]y[aeiou]"
    ),
    regex.compile("[^s]ia"),
)
_VOWELS = regex.compile("[aeiouy]+")
_PREFIXES = (
    (
        "above", "anti", "ante", "counter", "hyper", "afore", "agri", "infra", "intra",
        "inter", "over", "semi", "ultra", "under", "extra", "dia", "micro", "mega", "kilo",
        "pico", "nano", "macro",
    ),
    ("un", "fore", "ware", "none", "non", "out", "post", "sub", "pre", "pro", "dis", "side"),
)  # fmt: skip
_SUFFIXES = (
    ("ology", "ologist", "onomy", "onomist"),
    ("fully", "berry", "woman", "women"),
    (
        "ly", "less", "some", "ful", "er", "ers", "ness", "cian", "cians", "ment", "ments",
        "ette", "ettes", "ville", "villes", "ships", "ship", "side", "sides", "port", "ports",
        "shire", "shires", "tion", "tioned",
    ),
)  # fmt: skip


def _strip_affix(
    word: str, groups: tuple[tuple[str, ...], ...], *, suffix: bool
) -> tuple[str, int]:
    """Take off the first affix found, trying the groups in order; the earlier
    the group, the more syllables the affix is worth."""
    for index, group in enumerate(groups):
        for affix in group:
            if suffix and word.endswith(affix):
                return word[: len(word) - len(affix)], len(groups) - index
            if not suffix and word.startswith(affix):
                return word[len(affix) :], len(groups) - index
    return word, 0


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word, as prose counts them."""
    if len(word) < 1:
        return 0
    if len(word) < 3:
        return 1
    word = word.lower()
    known = _CORNER_CASES.get(word)
    if known is not None:
        return known
    word, before = _strip_affix(word, _PREFIXES, suffix=False)
    word, after = _strip_affix(word, _SUFFIXES, suffix=True)
    count = before + after + len(_VOWELS.findall(word))
    count -= sum(len(p.findall(word)) for p in _FEWER)
    count += sum(len(p.findall(word)) for p in _MORE)
    return max(count, 1)


# --------------------------------------------------------------------------
# Sentences: an approximation of the Punkt model prose uses.

_ABBREVIATIONS = frozenset(
    str.split(
        "mr mrs ms dr prof sr jr st no vs inc ltd co corp jan feb aug "
        "sep sept oct nov dec gen gov sen rep reps lt col sgt mt ft messrs ave "
        "bros pa va tenn mich kan ill calif fla ariz conn minn wash wis"
    )
)
_MULTI_DOT = regex.compile(r"(?:\w\.)+\w*\.")
#: An ellipsis of periods, even with a ":" or "," after it ("...:").
_ELLIPSIS = regex.compile(r"\.\.\.[:,]?$")
_CLOSERS = "\"')]’”"
_TOKEN = regex.compile(r"\S+")


def _breaks_after(token: str, following: str | None) -> bool:
    """Does a sentence end after ``token`` (``following`` is the next token)?"""
    bare = token.rstrip(_CLOSERS)
    if bare.endswith(("?", "!")):
        return bare != "Yahoo!"
    starts_upper = following is not None and following.lstrip("\"'([‘“")[:1].isupper()
    if _ELLIPSIS.search(bare):
        # An ellipsis ends a sentence before a capital or a frequent starter.
        return starts_upper or (following or "").strip("\"'([‘“,.;:!?") in SENTENCE_STARTERS
    if not bare.endswith(".") or following is None:
        return following is None
    if bare.endswith(".."):
        return False  # Punkt's first pass leaves a word ending ".." open
    word = bare[:-1].lstrip("\"'([‘“")
    if word.lower() in _ABBREVIATIONS or _MULTI_DOT.fullmatch(bare.lstrip("\"'([‘“")):
        return False
    # An initial before a name ("J. Smith") does not end a sentence; "a." is a word.
    return not (len(word) == 1 and word.isalpha() and word not in "aA" and starts_upper)


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph (trimmed, none empty)."""
    tokens = list(_TOKEN.finditer(paragraph))
    found: list[str] = []
    start = 0
    for index, token in enumerate(tokens):
        following = tokens[index + 1].group() if index + 1 < len(tokens) else None
        if _breaks_after(token.group(), following):
            piece = paragraph[start : token.end()].strip()
            if piece:
                found.append(piece)
            start = token.end()
    rest = paragraph[start:].strip()
    if rest:
        found.append(rest)
    return found


# --------------------------------------------------------------------------
# The counts.


@dataclass(frozen=True, slots=True)
class Counts:
    """What prose's summary of a text holds (floats, as Vale passes them)."""

    words: float = 0.0
    sentences: float = 0.0
    syllables: float = 0.0
    characters: float = 0.0
    complex_words: float = 0.0
    long_words: float = 0.0
    polysyllabic_words: float = 0.0

    def variables(self) -> dict[str, float]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "characters": self.characters,
            "complex_words": self.complex_words,
            "long_words": self.long_words,
            "polysyllabic_words": self.polysyllabic_words,
        }

    # The five grade formulas, with IEEE division (0/0 is NaN, as in Go).
    def flesch_kincaid(self) -> float:
        return (
            0.39 * _div(self.words, self.sentences)
            + 11.8 * _div(self.syllables, self.words)
            - 15.59
        )

    def gunning_fog(self) -> float:
        return 0.4 * (
            _div(self.words, self.sentences) + 100.0 * _div(self.complex_words, self.words)
        )

    def smog(self) -> float:
        inside = _div(self.polysyllabic_words * 30.0, self.sentences)
        return 1.0430 * (math.sqrt(inside) if inside >= 0 else math.nan) + 3.1291

    def automated_readability(self) -> float:
        return (
            4.71 * _div(self.characters, self.words)
            + 0.5 * _div(self.words, self.sentences)
            - 21.43
        )

    def coleman_liau(self) -> float:
        letters = 0.0588 * _div(self.characters, self.words) * 100
        return letters - 0.296 * _div(self.sentences, self.words) * 100 - 15.8


def _div(a: float, b: float) -> float:
    if b:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a)


def _is_complex(word: str, count: int) -> bool:
    if word.endswith(("es", "ed", "ing")):
        count -= 1
    return count > 2


@lru_cache(maxsize=512)
def count_text(text: str) -> Counts:
    """prose's counts over ``text``: paragraphs split on a blank line."""
    words = sentences = syllable_total = characters = complex_words = long_words = poly = 0
    for paragraph in text.split("\n\n"):
        for sentence in split_sentences(paragraph):
            sentences += 1
            for word in _WORD.findall(sentence):
                word = word.strip()
                if not word:
                    continue
                characters += sum(1 for c in word if c.isalpha() or c.isnumeric())
                if len(word.encode("utf-8")) > 6:
                    long_words += 1
                count = syllables(word)
                syllable_total += count
                poly += count > 2
                complex_words += _is_complex(word, count)
                words += 1
    return Counts(
        float(words),
        float(sentences),
        float(syllable_total),
        float(characters),
        float(complex_words),
        float(long_words),
        float(poly),
    )


# --------------------------------------------------------------------------
# What Vale measures in a document.


def _in_summary(block: Block) -> bool:
    """Vale's summary holds paragraphs, list items and block quotes: not
    headings, not table cells."""
    if block.kind == "heading" or block.kind in {"cell", "header"}:
        return False
    return "table" not in block.context


def block_text(doc: Document, block: Block) -> str:
    """A block's prose as Vale's extracted text reads for counting: markup is
    blank, and a blank line inside it does not split it."""
    return doc.masked[block.start : block.end].replace("\n\n", "\n \n")


def summary_text(doc: Document) -> str:
    """The text Vale's ``summary`` scope measures: each summarised block,
    followed by a blank line."""
    return "".join(block_text(doc, b) + "\n\n" for b in doc.blocks if _in_summary(b))


def element_counts(doc: Document) -> dict[str, float]:
    """Vale's element counts for ``metric`` formulas: ``paragraphs``,
    ``list`` (list items), ``blockquote``, ``heading_h1``… and ``pre``."""
    counts: dict[str, float] = {}

    def add(key: str) -> None:
        counts[key] = counts.get(key, 0.0) + 1.0

    for block in doc.blocks:
        if block.kind == "heading":
            add(f"heading_h{block.level}")
        elif block.kind in {"cell", "header"} or "table" in block.context:
            continue
        elif "list" in block.context:
            add("list")
        elif "blockquote" in block.context:
            add("blockquote")
        else:
            add("paragraphs")
    counts["pre"] = float(_code_blocks(doc))
    return counts


def _code_blocks(doc: Document) -> int:
    """Fenced and indented code blocks (Vale counts each ``<pre>``)."""
    if doc.format != "markdown":
        return 0
    import pyromark

    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES
    events: list[Any] = list(pyromark.events(doc.text, options=options))
    starts = [e["Start"] for e in events if isinstance(e, dict) and "Start" in e]
    return sum(1 for tag in starts if isinstance(tag, dict) and "CodeBlock" in tag)


def measured(doc: Document, scope: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """What a measuring rule measures, and where it reports: the summary at
    the start of the file, or each block (or sentence) of the rule's scope at
    the start of its first line. Vale reports a multi-line paragraph at its
    last line; copydesk at its first."""
    if doc.format != "markdown":
        return  # Vale measures no plain-text file (its lintTxt has no summary)
    positive = [s for s in scope if not s.startswith("~")]
    negative = [s for s in scope if s.startswith("~")]
    if positive in (["summary"], ["text"], []) and not negative:
        yield 0, summary_text(doc)
        return
    if "sentence" in positive:
        for start, end in doc.sentences:
            block = doc.block_at(start)
            if block is None or all(block.in_scope(n) for n in negative):
                yield _line_start(doc, start), doc.masked[start:end]
        return
    for block in doc.blocks:
        if (not positive or any(_in_scope(block, s) for s in positive)) and all(
            _in_scope(block, n) for n in negative
        ):
            yield _line_start(doc, block.start), block_text(doc, block)


def _in_scope(block: Block, scope: str) -> bool:
    """``Block.in_scope``, except that a measured ``paragraph`` is a
    paragraph of its own (Vale's), not a list item or a quote."""
    if scope.lstrip("~") == "paragraph":
        own = block.kind == "paragraph" and not {"list", "blockquote", "table"} & block.context
        return own != scope.startswith("~")
    return block.in_scope(scope)


def _line_start(doc: Document, offset: int) -> int:
    line, _ = doc.line_col(offset)
    return doc.line_starts[line - 1]
