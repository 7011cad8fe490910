"""The house vocabulary: Vale-style ``accept.txt`` and ``reject.txt`` lists.

A vocabulary is a folder holding either file; each line is a term, written as
a regular expression (case-sensitive; ``(?i)`` makes one insensitive) and a
line starting with ``#`` is a comment, as in Vale. Accepted terms are never spelling
errors, in any engine; rejected terms are flagged by the ``Vocab.Rejected``
rule. A name such as ``House`` is looked up as
``<rules folder>/config/vocabularies/House``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

__all__ = ["Vocabulary", "find_vocabulary", "load_vocabulary"]

#: An entry with only these characters is a literal word list, not a pattern.
_LITERAL = regex.compile(r"[\p{L}\p{N}&'’. -]+")


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
        pattern = _alternation(self.accept)
        if pattern is None:
            return []
        return [m.span() for m in pattern.finditer(text, timeout=5)]

    def __bool__(self) -> bool:
        return bool(self.accept or self.reject)


def _alternation(terms: Sequence[str]) -> regex.Pattern[str] | None:
    if not terms:
        return None
    body = "|".join(f"(?:{t})" for t in sorted(terms, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])", regex.V0)


def _read_terms(path: Path) -> tuple[str, ...]:
    if not path.is_file():
        return ()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read vocabulary: {exc}") from None
    terms: list[str] = []
    for number, raw in enumerate(lines, 1):
        term = raw.strip()
        if not term or term.startswith("#"):
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


def load_vocabulary(names: Sequence[str], rule_dirs: Sequence[Path]) -> Vocabulary:
    """Every named vocabulary, merged. An unknown name is a ``ConfigError``."""
    accept: list[str] = []
    reject: list[str] = []
    sources: list[Path] = []
    for name in names:
        folder = find_vocabulary(name, rule_dirs)
        if folder is None:
            where = ", ".join(str(d / "config" / "vocabularies") for d in rule_dirs) or "-"
            raise ConfigError("vocab", f"no vocabulary {name!r} (looked in {where})")
        sources.append(folder)
        accept.extend(_read_terms(folder / "accept.txt"))
        reject.extend(_read_terms(folder / "reject.txt"))
    return Vocabulary(tuple(dict.fromkeys(accept)), tuple(dict.fromkeys(reject)), tuple(sources))


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
