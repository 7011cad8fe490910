"""Which findings a run reports: ``--select`` and ``--ignore``, as ruff has them.

A selector is a rule id (``House.InOrderTo``), a glob over rule ids
(``Harper.*``, ``LanguageTool.EN_*``), a style name (``House``: its rules), an
engine (``rules``, ``harper``, ``languagetool``), a category (``spelling``) or
a group (``correctness``, ``style``); ``ALL`` selects everything. Names are
case-insensitive.

A finding is reported when the most specific selector that matches it comes
from ``select`` rather than ``ignore`` (a rule id beats a glob or style, which
beat a category, which beats an engine or group, which beats ``ALL``); on a
tie ``ignore`` wins. With nothing selected everything is. So
``--select correctness --ignore Harper.SpellCheck`` is every correctness
finding but Harper's spell check, and ``--ignore style --select
House.InOrderTo`` keeps that one style rule.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.categories import CATEGORIES, GROUPS, group_of
from editor.config import ENGINE_NAMES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from editor.model import Suggestion

__all__ = ["ALL", "Selection", "SelectorError", "parse_selectors"]

ALL = "all"

_RULE_ID = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_.-]+)?")

# Specificity of each kind of selector: the most specific match decides.
_ANY, _BROAD, _CATEGORY, _STYLE_OR_GLOB, _RULE = range(5)
_SPECIFICITY = {
    "all": _ANY,
    "engine": _BROAD,
    "group": _BROAD,
    "category": _CATEGORY,
    "style": _STYLE_OR_GLOB,
    "glob": _STYLE_OR_GLOB,
    "rule": _RULE,
}


class SelectorError(ValueError):
    """A selector that names nothing copydesk knows."""


@dataclass(frozen=True, slots=True)
class _Selector:
    text: str
    kind: str  # "all", "engine", "group", "category", "style", "glob", "rule"

    @property
    def specificity(self) -> int:
        return _SPECIFICITY[self.kind]

    def matches(self, rule: str, source: str, category: str | None) -> bool:
        rule_lower = rule.lower()
        if self.kind == "all":
            return True
        if self.kind == "engine":
            return source == self.text
        if self.kind == "group":
            return group_of(category) == self.text
        if self.kind == "category":
            return (category or "").lower() == self.text
        if self.kind == "style":
            return rule_lower.split(".", 1)[0] == self.text
        if self.kind == "glob":
            return fnmatch.fnmatchcase(rule_lower, self.text)
        return rule_lower == self.text


def _selector(text: str) -> _Selector:
    name = text.strip().lower()
    if name == ALL:
        return _Selector(name, "all")
    if name in ENGINE_NAMES:
        return _Selector(name, "engine")
    if name in GROUPS:
        return _Selector(name, "group")
    if name in CATEGORIES:
        return _Selector(name, "category")
    if any(c in name for c in "*?["):
        return _Selector(name, "glob")
    if _RULE_ID.fullmatch(name):
        return _Selector(name, "rule" if "." in name else "style")
    raise SelectorError(
        f"unknown selector {text.strip()!r} (a rule id such as House.InOrderTo, a glob such "
        "as 'Harper.*', a style name, an engine, a category, correctness, style or ALL)"
    )


def parse_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """Validated selectors from a list whose items may be comma-separated;
    ``SelectorError`` names the first bad one."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                _selector(part)
                out.append(part.strip())
    return tuple(dict.fromkeys(out))


class Selection:
    """``select`` (empty: everything) minus ``ignore``, decided per finding."""

    def __init__(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> None:
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self._chosen = tuple(_selector(s) for s in self.select)
        self._ignored = tuple(_selector(s) for s in self.ignore)

    def __repr__(self) -> str:
        return f"Selection(select={self.select!r}, ignore={self.ignore!r})"

    @property
    def everything(self) -> bool:
        """Whether every finding is reported (nothing to filter)."""
        return not self.select and not self.ignore

    def allows(self, rule: str, source: str, category: str | None) -> bool:
        best_in = max(
            (s.specificity for s in self._chosen if s.matches(rule, source, category)),
            default=-1 if self._chosen else _ANY,
        )
        best_out = max(
            (s.specificity for s in self._ignored if s.matches(rule, source, category)),
            default=-1,
        )
        return best_in > best_out

    def allows_suggestion(self, suggestion: Suggestion) -> bool:
        return self.allows(suggestion.rule, suggestion.source, suggestion.category)

    @property
    def keep(self) -> Callable[[Suggestion], bool] | None:
        """The filter for the merge; None when everything is reported."""
        return None if self.everything else self.allows_suggestion
