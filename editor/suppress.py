"""Inline suppressions: comments in a Markdown file that silence findings.

copydesk's own, in HTML comments (rules are selectors, as ``--ignore``
takes them: rule ids, globs, style names, categories; none means every rule):

    <!-- copydesk-disable House.InOrderTo, Harper.* -->  …  <!-- copydesk-enable -->
    <!-- copydesk-disable-next-line House.Wordiness -->
    <!-- copydesk-disable-file -->

and Vale's, so a repository that already uses Vale keeps its suppressions:

    <!-- vale off -->  …  <!-- vale on -->
    <!-- vale Style.Rule = NO -->  …  <!-- vale Style.Rule = YES -->

``copydesk-enable`` with rules ends only the regions that named exactly those
rules; without, every open region. A region left open runs to the end of the
file. A suppression that silences nothing can be reported
(``--report-unused-suppressions``), as ruff's RUF100 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from editor.model import Severity, Suggestion
from editor.segment import html_comments
from editor.selection import Selection, SelectorError, parse_selectors

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.document import Document

__all__ = ["UNUSED_RULE", "Suppression", "apply_suppressions", "find_suppressions"]

UNUSED_RULE = "Copydesk.UnusedSuppression"

_DIRECTIVE = re.compile(
    r"\s*copydesk-(disable-file|disable-next-line|disable|enable)\b(.*)", re.S | re.I
)
_VALE_SWITCH = re.compile(r"\s*vale\s+(off|on)\s*", re.I)
_VALE_RULES = re.compile(r"\s*vale\s+(.+?)\s*", re.S | re.I)
_VALE_SETTING = re.compile(r"([A-Za-z0-9_.*-]+)\s*=\s*(YES|NO)", re.I)


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings that start in ``start..end`` and match ``rules`` (``None``:
    every rule; empty: the comment named none copydesk can read, so nothing)
    are not reported. ``comment`` is where it was written."""

    start: int
    end: int
    rules: tuple[str, ...] | None
    comment: tuple[int, int]
    selection: Selection = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "selection", Selection(select=self.rules or ()))

    def silences(self, item: Suggestion) -> bool:
        if not self.start <= item.start < self.end:
            return False
        if self.rules is None:
            return True
        if not self.rules:
            return False
        return any(
            self.selection.allows(rule, source, item.category)
            for source, rule in ((item.source, item.rule), *item.also)
        )


def _rules(text: str) -> tuple[str, ...] | None:
    """The selectors a comment names (``None``: it names none, so every rule);
    a name copydesk cannot read is left out (silencing nothing, which
    ``--report-unused-suppressions`` shows)."""
    parts = [part for part in re.split(r"[,\s]+", text.strip()) if part]
    if not parts:
        return None
    names: list[str] = []
    for part in parts:
        try:
            names.extend(parse_selectors([part]))
        except SelectorError:
            continue
    return tuple(names)


def find_suppressions(doc: Document) -> tuple[Suppression, ...]:
    """The suppressions a Markdown document's comments make."""
    if doc.format != "markdown":
        return ()
    end_of_file = len(doc.text)
    found: list[Suppression] = []
    #: Open regions: (start, rules, comment span).
    open_regions: list[tuple[int, tuple[str, ...] | None, tuple[int, int]]] = []

    def close(at: int, rules: tuple[str, ...] | None) -> None:
        """End the open regions that name exactly ``rules`` (``None``: all)."""
        keep = []
        for start, named, comment in open_regions:
            if rules is None or sorted(named or ()) == sorted(rules):
                found.append(Suppression(start, at, named, comment))
            else:
                keep.append((start, named, comment))
        open_regions[:] = keep

    for start, end, body in html_comments(doc.text):
        comment = (start, end)
        directive = _DIRECTIVE.fullmatch(body)
        if directive:
            kind, rest = directive.group(1).lower(), _rules(directive.group(2))
            if kind == "disable-file":
                found.append(Suppression(0, end_of_file, rest, comment))
            elif kind == "disable-next-line":
                line, _ = doc.line_col(end)
                if line < len(doc.line_starts):
                    first = doc.line_starts[line]
                    last = (
                        doc.line_starts[line + 1]
                        if line + 1 < len(doc.line_starts)
                        else end_of_file
                    )
                    found.append(Suppression(first, last, rest, comment))
            elif kind == "disable":
                open_regions.append((end, rest, comment))
            else:
                close(start, rest)
            continue
        switch = _VALE_SWITCH.fullmatch(body)
        if switch:
            if switch.group(1).lower() == "off":
                open_regions.append((end, None, comment))
            else:
                close(start, None)
            continue
        vale = _VALE_RULES.fullmatch(body)
        settings = _VALE_SETTING.findall(vale.group(1)) if vale else []
        for rule, value in settings:
            named = _rules(rule)
            if not named:
                continue
            if value.upper() == "NO":
                open_regions.append((end, named, comment))
            else:
                close(start, named)
    close(end_of_file, None)
    return tuple(sorted(found, key=lambda s: (s.comment, s.start)))


def apply_suppressions(
    doc: Document,
    items: Sequence[Suggestion],
    suppressions: Sequence[Suppression],
    *,
    report_unused: bool = False,
) -> tuple[Suggestion, ...]:
    """``items`` without the suppressed ones; with ``report_unused``, plus a
    finding on each suppression comment that silenced nothing."""
    if not suppressions:
        return tuple(items)
    used: set[int] = set()
    kept: list[Suggestion] = []
    for item in items:
        hits = [i for i, s in enumerate(suppressions) if s.silences(item)]
        used.update(hits)
        if not hits:
            kept.append(item)
    if report_unused:
        # A comment may make several regions ("vale on" ends them all): it
        # counts as used when any of its regions silenced something.
        used_comments = {suppressions[i].comment for i in used}
        reported: set[tuple[int, int]] = set()
        for suppression in suppressions:
            comment = suppression.comment
            if comment in used_comments or comment in reported:
                continue
            reported.add(comment)
            kept.append(_unused(doc, suppression))
        kept.sort(key=Suggestion.sort_key)
    return tuple(kept)


def _unused(doc: Document, suppression: Suppression) -> Suggestion:
    start, end = suppression.comment
    line, column = doc.line_col(start)
    if suppression.rules is None:
        what = "any rule"
    elif suppression.rules:
        what = ", ".join(suppression.rules)
    else:
        what = "a rule copydesk knows"
    return Suggestion(
        start=start,
        end=end,
        line=line,
        column=column,
        text=doc.text[start:end],
        message=f"This suppression silences nothing: no finding of {what} where it applies.",
        rule=UNUSED_RULE,
        source="rules",
        severity=Severity.WARNING,
        category="style",
        replacements=("",),
    )
