"""The one vocabulary of finding categories, and the two groups they form.

Every finding has a category from ``CATEGORIES``, whichever engine made it:
house rules name theirs in the rule file (``category:``), and each engine maps
its own kinds onto these. Each category belongs to one group:

- ``correctness``: the text is wrong (a misspelling, a grammar or usage error,
  punctuation, capitalization, a typo). Reported quality figures are for
  these.
- ``style``: the text is right but could read better or follow the house
  style (wordiness, clichés, hedges, typography, numbers, …).

``--select`` and ``--ignore`` take categories and groups as well as rule ids.
"""

from __future__ import annotations

__all__ = ["CATEGORIES", "CORRECTNESS", "DEFAULT_CATEGORY", "GROUPS", "STYLE", "group_of"]

CORRECTNESS = "correctness"
STYLE = "style"
GROUPS = (CORRECTNESS, STYLE)

#: Category → (group, what it covers).
CATEGORIES: dict[str, tuple[str, str]] = {
    "spelling": (CORRECTNESS, "a word that is not in the dictionary"),
    "grammar": (CORRECTNESS, "articles, verb forms, word order, sentence structure"),
    "agreement": (CORRECTNESS, "subject and verb, determiner and noun, number"),
    "usage": (CORRECTNESS, "word choice, confused words, idioms, fixed phrases"),
    "punctuation": (CORRECTNESS, "commas, apostrophes, end punctuation"),
    "capitalization": (CORRECTNESS, "capital letters"),
    "typo": (CORRECTNESS, "slips: doubled words, 'alot', stray characters"),
    "wordiness": (STYLE, "more words than needed"),
    "redundancy": (STYLE, "saying the same thing twice"),
    "cliche": (STYLE, "worn phrases"),
    "hedge": (STYLE, "hedges and intensifiers"),
    "weasel": (STYLE, "weasel words and vague attribution"),
    "readability": (STYLE, "long sentences, hard words"),
    "consistency": (STYLE, "one spelling or form throughout"),
    "regionalism": (STYLE, "a word of another variety of English (vacation, holiday)"),
    "typography": (STYLE, "dashes, quotes, spaces, ellipses"),
    "numbers": (STYLE, "how numbers, units and ranks are written"),
    "abbreviations": (STYLE, "acronyms and abbreviations"),
    "terminology": (STYLE, "the house's preferred and rejected terms"),
    "style": (STYLE, "other style advice"),
}

#: The category of a rule that names none (a Vale style's rules, say).
DEFAULT_CATEGORY = "style"


def group_of(category: str | None) -> str:
    """The group of ``category``; style for none or an unknown one."""
    return CATEGORIES.get(category or DEFAULT_CATEGORY, (STYLE, ""))[0]
