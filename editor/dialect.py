"""Which variety of English a document is spelt in, from its own spelling.

With ``dialect = "auto"`` (the default) each document is checked in the
variety its spelling shows: "colour", "centre", "organised", "travelled" are
British; "color", "center", "analyzed", "traveled" American. The word pairs
come from ``editor/data/spelling-variants.tsv`` (generated from SCOWL's word
lists and Harper's dialects by ``tools/dialect/make_variants.py``).

- Only British evidence: en-GB. Only American: en-US. None: the fallback
  (en-US). Both: the variety most of the words show, and one ``Dialect.Mixed``
  finding for the document (on the first word of the other variety), rather
  than a spelling error on every one of them.
- "travelled", "grey", "programme", "cancelled" are British spellings that
  American writing uses too: weak evidence, which decides only where no
  word is strong evidence, and never makes a mix ("cancelled" with
  "behavior" is American writing).
- "-ize" is not American evidence: Oxford British spells "organize" too, and
  both engines accept it in British English.
- A capitalized word inside a sentence is a name ("Pearl Harbor", "the
  Kennedy Center") and no evidence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import regex

from editor.model import Severity, Suggestion
from editor.segment import capitalized_inside_sentence

if TYPE_CHECKING:
    from editor.document import Document

__all__ = [
    "AUTO",
    "MIXED_RULE",
    "Decision",
    "Variant",
    "decide",
    "is_variant",
    "mixed_finding",
    "variants_in",
]

AUTO = "auto"
BRITISH, AMERICAN = "en-GB", "en-US"
#: Where ``auto`` goes without evidence.
FALLBACK = AMERICAN
MIXED_RULE = "Dialect.Mixed"

_NAMES = {BRITISH: "British", AMERICAN: "American"}
#: How much a spelling says about the variety (see ``_table``).
STRONG, WEAK, NONE = 2, 1, 0
_WORD = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{L}+(?![\p{L}\p{N}-])")


@dataclass(frozen=True, slots=True)
class Variant:
    """A word spelt the way one variety spells it."""

    start: int
    end: int
    word: str
    #: ``en-GB`` or ``en-US``: the variety this spelling belongs to.
    variety: str
    #: The same word in the other variety, cased like ``word``.
    other: str
    #: Whether the other variety's lists reject it ("colour"), rather than
    #: tolerate it ("travelled", "grey").
    strong: bool = True


@dataclass(frozen=True, slots=True)
class Decision:
    """The dialect a document is checked in, and why."""

    dialect: str
    #: ``detected`` (from the spelling), ``default`` (auto, no evidence) or
    #: ``configured``.
    source: str
    variants: tuple[Variant, ...] = ()

    def count(self, variety: str, *, strong: bool = False) -> int:
        """Words of ``variety`` (only the strong evidence, if ``strong``)."""
        return sum(1 for v in self.variants if v.variety == variety and (v.strong or not strong))

    @property
    def mixed(self) -> bool:
        """Both varieties' own spellings ("colour" and "color"); a spelling
        the other variety tolerates ("cancelled" with "behavior") is no mix."""
        strong = {v.variety for v in self.variants if v.strong}
        return strong == {BRITISH, AMERICAN}


@functools.cache
def _table() -> dict[str, tuple[str, str, int]]:
    """Lower-case spelling → (its variety, the other variety's spelling, its
    weight as evidence: ``STRONG``, ``WEAK`` or ``NONE``)."""
    table: dict[str, tuple[str, str, int]] = {}
    data = resources.files("editor").joinpath("data", "spelling-variants.tsv")
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        british, british_kind, american, american_kind = line.split("\t")
        # "colour" is British only; "travelled", "grey" and "programme" are
        # British spellings American writing uses too: weak evidence.
        table[british] = (BRITISH, american, STRONG if british_kind == "gb" else WEAK)
        if american_kind == "us":
            # "organize" is Oxford British as well: no evidence.
            ize = american.endswith(("ize", "izes", "ized", "izing", "ization", "izations"))
            table.setdefault(american, (AMERICAN, british, NONE if ize else STRONG))
        else:
            table.setdefault(american, (AMERICAN, british, NONE))
    return table


def is_variant(word: str) -> bool:
    """Whether ``word`` is one variety's spelling of a word the other spells
    differently."""
    return word.lower() in _table()


def _cased(like: str, word: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def variants_in(masked: str) -> tuple[Variant, ...]:
    """The variety-marked spellings in a document's prose (``masked``: markup
    blanked), names left out."""
    table = _table()
    found: list[Variant] = []
    for match in _WORD.finditer(masked):
        word = match.group()
        entry = table.get(word.lower())
        if entry is None or entry[2] == NONE:
            continue
        if capitalized_inside_sentence(masked, match.start(), match.end()):
            continue
        variety, other, weight = entry
        found.append(
            Variant(
                match.start(), match.end(), word, variety, _cased(word, other), weight == STRONG
            )
        )
    return tuple(found)


def decide(doc: Document, setting: str) -> Decision:
    """The dialect to check ``doc`` in: ``setting`` unless it is ``auto``.
    Strong evidence decides; weak evidence only where there is no strong."""
    if setting != AUTO:
        return Decision(setting, "configured")
    found = variants_in(doc.masked)
    strong = [v for v in found if v.strong]
    counted = strong or found
    british = sum(1 for v in counted if v.variety == BRITISH)
    american = len(counted) - british
    if british == american:
        return Decision(FALLBACK, "detected" if found else "default", found)
    return Decision(BRITISH if british > american else AMERICAN, "detected", found)


def mixed_finding(doc: Document, decision: Decision, source: str) -> Suggestion | None:
    """One finding for a document that mixes the varieties, on the first word
    of the variety it was not checked in, or ``None``."""
    if decision.source != "detected" or not decision.mixed:
        return None
    minority = [v for v in decision.variants if v.variety != decision.dialect and v.strong]
    first = minority[0]
    words = list(dict.fromkeys(v.word.lower() for v in minority))
    shown = ", ".join(f"“{w}”" for w in words[:3]) + (", …" if len(words) > 3 else "")
    name, other = _NAMES[decision.dialect], _NAMES[first.variety]
    line, column = doc.line_col(first.start)
    return Suggestion(
        start=first.start,
        end=first.end,
        line=line,
        column=column,
        text=first.word,
        message=(
            f"This text mixes {name} and {other} spelling: {decision.count(decision.dialect, strong=True)} "
            f"{name} and {len(minority)} {other} ({shown}). It was checked as "
            f"{name} English ({decision.dialect}); use one spelling throughout."
        ),
        rule=MIXED_RULE,
        source=source,
        severity=Severity.WARNING,
        category="consistency",
        replacements=(first.other,),
    )
