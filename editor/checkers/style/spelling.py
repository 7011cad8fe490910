"""``extends: spelling``: words a Hunspell dictionary does not know.

Dictionaries are read with ``spylls`` (Hunspell in pure Python). Like Vale, a
rule names ``dictionaries`` found in ``dicpath`` (or ``<StylesPath>/config/
dictionaries``), or ``aff`` and ``dic`` files; with neither, or with
``append: true``, the default en_US dictionary is used too. Vale embeds its
own; copydesk reads Debian's ``hunspell-en-us`` (``/usr/share/hunspell``, or
``$DICPATH``), and without it the rule is skipped with a notice.

Words are cut out as Vale cuts them (whitespace runs, outer punctuation
stripped), then skipped by Vale's default filters (anything but ASCII letters,
``_`` and ``'``; a trailing capital; camelCase) unless ``custom: true``, and by
the rule's ``filters``. Words listed in ``ignore`` files and accepted
vocabulary terms (case-insensitive, as in Vale) are never reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.matching import Deadline, Hit, Pattern, compile_pattern, segments
from editor.checkers.style.unsupported import Unsupported
from editor.model import SPELLING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spylls.hunspell import Dictionary

    from editor.checkers.style.schema import RuleInfo, RuleNode
    from editor.document import Document

__all__ = ["Spelling", "default_dictionary", "vale_words"]

#: Where Debian's hunspell-en-us puts en_US.aff and en_US.dic.
_SYSTEM_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")


def default_dictionary() -> Path | None:
    """The default en_US dictionary (without its suffix), if installed."""
    dirs = [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d]
    for folder in (*dirs, *_SYSTEM_DIRS):
        base = Path(folder) / "en_US"
        if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
            return base
    return None


@lru_cache(maxsize=16)
def _load(aff: Path, dic: Path) -> Dictionary:
    from spylls.hunspell import Dictionary
    from spylls.hunspell.readers.aff import read_aff
    from spylls.hunspell.readers.dic import read_dic
    from spylls.hunspell.readers.file_reader import FileReader

    aff_data, context = read_aff(FileReader(str(aff)))
    words = read_dic(FileReader(str(dic), encoding=context.encoding), aff=aff_data, context=context)
    return Dictionary(aff_data, words)


# --------------------------------------------------------------------------
# Cutting text into words as Vale's spelling check does.

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_PREFIX = frozenset("$(\"['")
_SUFFIX = frozenset(",)\"]!;.?:'")
_SPECIAL = regex.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$")
_EMOTICONS = frozenset(
    str.split(":) :( :-) :-( ;) ;-) :D :-D :P :-P :p :-p xD XD =) =( :o :-o :O :/ :-/ <3")
)
_RUN = regex.compile(r"\S+")


def _split_run(run: str) -> str | None:
    """The word in one whitespace-free run, with outer punctuation stripped."""
    token = run.translate(_QUOTES).replace("&rsquo;", "'")
    while token:
        if token in _EMOTICONS or _SPECIAL.match(token):
            break
        if token[0] in _PREFIX:
            token = token[1:]
        elif token[-1] in _SUFFIX:
            token = token[:-1]
        else:
            break
    if not token or not any(c.isalpha() for c in token):
        return None
    return token


def vale_words(text: str) -> Iterator[tuple[int, str]]:
    """(offset, word) for each word Vale's spelling check reads in ``text``."""
    for match in _RUN.finditer(text):
        word = _split_run(match.group())
        if word is None:
            continue
        at = match.group().find(word)
        yield match.start() + max(at, 0), word


# --------------------------------------------------------------------------
# Vale's default filters, and identifiers for ``split``.

_NOT_WORD = regex.compile(r"[^a-zA-Z_']")
_CAMEL = regex.compile(r"[A-Z][a-z]+[A-Z]+[0-9A-Za-z_]+")
_NOT_IDENTIFIER = regex.compile(r"[^\p{L}\p{Nd}_'-]")
_PART = regex.compile(r"\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{L}+")


_NUMBERLIKE = regex.compile(
    r"^(?:[0-9]+(?:[.,-][0-9]+)*[.,-]?|0?x[0-9A-Fa-f]+|0b[01]+|[0-9a-z]{40}|\p{Nd}+)$"
)
_UNITS = regex.compile(r"^[0-9]+([a-zA-Z]+)$")


def _skipped(word: str, *, split: bool) -> bool:
    if split:
        return _NOT_IDENTIFIER.search(word) is not None
    return (
        _NOT_WORD.search(word) is not None
        or (word[-1:].isupper() and word[-1:].isascii())
        or _CAMEL.search(word) is not None
    )


def _parts(word: str) -> list[tuple[int, str]]:
    """An identifier's words: split at ``_``, ``-``, digits and case changes."""
    found: list[tuple[int, str]] = []
    for run in regex.finditer(r"\p{L}+", word):
        found.extend((run.start() + m.start(), m.group()) for m in _PART.finditer(run.group()))
    return found


# --------------------------------------------------------------------------


def _term_pattern(term: str) -> str:
    literal = regex.escape(term.replace(".", "")) == term.replace(".", "")
    if literal:
        term = term.replace(".", r"\.")
    return regex.sub(r"[ \t]+", r"\\s+", term)


@dataclass(frozen=True, slots=True)
class Spelling:
    info: RuleInfo
    dictionaries: tuple[tuple[Path, Path], ...]
    ignored: frozenset[str]
    filters: tuple[Pattern, ...]
    default_filters: bool
    split: bool
    #: Accepted vocabulary terms (set with ``accepting``).
    accepted: tuple[str, ...] = ()
    _accept: regex.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_node(cls, node: RuleNode, info: RuleInfo) -> Spelling | Unsupported:
        styles = node.path.resolve().parent.parent
        files = _dictionary_files(node, styles)
        if files is None:
            return Unsupported(
                info,
                "no default en_US dictionary: install Debian's hunspell-en-us "
                "(or set DICPATH), or name dictionaries in the rule",
            )
        for aff, dic in files:
            try:
                _load(aff, dic)
            except Exception as exc:  # spylls raises many kinds on a bad file
                raise node.error("dictionaries", f"cannot read {dic}: {exc}") from None
        return cls(
            # A spelling finding is one for the merge and the vocabularies too.
            info=info if node.has("category") else replace(info, category=SPELLING),
            dictionaries=files,
            ignored=frozenset(_ignored_words(node, styles)),
            filters=tuple(
                compile_pattern(node, "filters", f, ignorecase=False)
                for f in node.strings("filters")
            ),
            default_filters=not node.boolean("custom", default=False),
            split=node.boolean("split", default=False),
        )

    def accepting(self, terms: Sequence[str]) -> Spelling:
        """This rule with the vocabularies' accepted terms never reported."""
        if not terms:
            return replace(self, accepted=(), _accept=None)
        body = "|".join(rf"\b{_term_pattern(t)}\b" for t in terms)
        return replace(self, accepted=tuple(terms), _accept=regex.compile(f"(?i){body}"))

    def _known(self, word: str) -> bool:
        if _in_word_list(self.ignored, word):
            return True
        if any(_load(aff, dic).lookup(word) for aff, dic in self.dictionaries):
            return True
        # Vale's spell checker also takes a word with trailing periods when
        # the word is known without them, numbers (1,000 · 0x1F · 0b101), SHA
        # hashes, and a number with known units (100ms).
        bare = word.rstrip(".")
        if bare != word and bare and self._known(bare):
            return True
        if _NUMBERLIKE.match(word):
            return True
        units = _UNITS.match(word)
        return units is not None and any(
            _load(aff, dic).lookup(units.group(1)) for aff, dic in self.dictionaries
        )

    def hits(self, doc: Document, deadline: Deadline) -> Iterator[Hit]:
        known: dict[str, bool] = {}

        def passes(word: str) -> bool:
            found = known.get(word)
            if found is None:
                found = known[word] = self._known(word)
            return found

        for start, end in segments(doc, self.info):
            deadline.remaining()
            text = doc.masked[start:end]
            phrases = self._phrases(text)
            for offset, word in vale_words(text):
                if self.default_filters and _skipped(word, split=self.split):
                    continue
                if any(f.search(word) for f in self.filters):
                    continue
                if passes(word) or self._accepted(word, offset, phrases):
                    continue
                parts = _parts(word) if self.split else [(0, word)]
                if self.split and parts != [(0, word)]:
                    for at, part in parts:
                        if sum(c.isalpha() for c in part) < 3 or part.isupper():
                            continue
                        if passes(part) or self._accepted(part, -1, []):
                            continue
                        yield _hit(start + offset + at, part)
                    continue
                yield _hit(start + offset, word)

    def _phrases(self, text: str) -> list[tuple[int, int]]:
        if self._accept is None:
            return []
        return [m.span() for m in self._accept.finditer(text) if " " in m.group()]

    def _accepted(self, word: str, offset: int, phrases: list[tuple[int, int]]) -> bool:
        if self._accept is None:
            return False
        if self._accept.search(word):
            return True
        return any(a <= offset and offset + len(word) <= b for a, b in phrases)


def _hit(start: int, word: str) -> Hit:
    return Hit(start, start + len(word), (word,))


def _in_word_list(words: frozenset[str], word: str) -> bool:
    """A plain word list accepts a word as written, capitalised, or in capitals."""
    if not words:
        return False
    if word in words:
        return True
    lowered = word[:1].lower() + word[1:]
    if word[:1].isupper() and lowered in words:
        return True
    return word.isupper() and any(w.upper() == word for w in words)


def _dictionary_files(node: RuleNode, styles: Path) -> tuple[tuple[Path, Path], ...] | None:
    """The (aff, dic) pairs a rule reads; ``None`` when the default is needed
    and not installed."""
    aff, dic = node.optional_string("aff"), node.optional_string("dic")
    if aff and dic:
        pair = (_asset(aff, styles), _asset(dic, styles))
        if pair[0] is not None and pair[1] is not None:
            return ((pair[0], pair[1]),)
    names = node.strings("dictionaries")
    folder = styles / "config" / "dictionaries"
    dicpath = node.optional_string("dicpath")
    if dicpath is not None:
        candidates = (Path(dicpath), styles / dicpath, Path.cwd() / dicpath)
        resolved = next((c for c in candidates if c.is_dir()), None)
        if resolved is None:
            raise node.error("dicpath", f"unable to resolve dicpath {dicpath!r}")
        folder = resolved
    files: list[tuple[Path, Path]] = []
    for name in names:
        base = folder / name
        if not base.with_suffix(".dic").is_file() or not base.with_suffix(".aff").is_file():
            raise node.error("dictionaries", f"'{name}.dic' and '{name}.aff' not found in {folder}")
        files.append((base.with_suffix(".aff"), base.with_suffix(".dic")))
    if not files or node.boolean("append", default=False):
        default = default_dictionary()
        if default is None:
            return None
        files.append((default.with_suffix(".aff"), default.with_suffix(".dic")))
    return tuple(files)


def _asset(name: str, styles: Path) -> Path | None:
    for candidate in (styles / name, Path(name)):
        if candidate.is_file():
            return candidate
    return None


def _ignored_words(node: RuleNode, styles: Path) -> Iterator[str]:
    """Words from the rule's ``ignore`` files: a path as given, or relative to
    StylesPath, or to ``<StylesPath>/config/ignore``."""
    for name in node.strings("ignore"):
        for candidate in (Path(name), styles / name, styles / "config" / "ignore" / name):
            if candidate.is_file():
                try:
                    lines = candidate.read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError) as exc:
                    raise node.error("ignore", f"cannot read {candidate}: {exc}") from None
                yield from (w.strip() for w in lines if w.strip() and w.strip() != "#")
