"""Inline suppressions: comments in a Markdown file that silence findings.

copydesk's own, in HTML comments (rules are selectors, as ``--ignore``
takes them: rule ids, globs, style names, categories; none means every rule):

    <!-- copydesk-disable House.InOrderTo, Harper.* -->  …  <!-- copydesk-enable -->
    <!-- copydesk-disable-next-line House.Wordiness -->
    <!-- copydesk-disable-file -->

and Vale's, so a repository that already uses Vale keeps its suppressions,
read exactly as Vale 3 reads them (see ``_ValeComments``):

    <!-- vale off -->  …  <!-- vale on -->
    <!-- vale Style.Rule = NO -->  …  <!-- vale Style.Rule = YES -->
    <!-- vale Style = NO -->  …  <!-- vale Style = YES -->
    <!-- vale Style.Rule["match", "other"] = NO -->  …  = YES
    <!-- vale styles = Style, Other -->

``copydesk-enable`` with rules ends only the regions that named exactly those
rules; without, every open region. A region left open runs to the end of the
file. A suppression that silences nothing can be reported
(``--report-unused-suppressions``), as ruff's RUF100 does.
"""

from __future__ import annotations

import bisect
import heapq
import html
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from editor.model import Severity, Suggestion
from editor.segment import html_comments
from editor.selection import Selection, SelectorError, parse_selectors

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from editor.document import Document

__all__ = ["UNUSED_RULE", "Suppression", "apply_suppressions", "find_suppressions"]

UNUSED_RULE = "Copydesk.UnusedSuppression"

_DIRECTIVE = re.compile(
    r"\s*copydesk-(disable-file|disable-next-line|disable|enable)\b(.*)", re.S | re.I
)
#: Vale's three directive shapes (besides ``vale off`` and ``vale on``), tried
#: in this order on the comment's trimmed text, which each must match whole.
_VALE_MATCHES = re.compile(r"vale (.+\..+)(\[.+\]) = (YES|NO)")
_VALE_CONTROL = re.compile(r"vale (.+\..+|[^.]+) = (YES|NO|on|off)")
_VALE_STYLES = re.compile(r"vale styles? = (.*)")
#: Vale's switch for every rule.
_OFF = "off"
#: Between a rule and the match text a ``Style.Rule["match"]`` key limits it to.
_MATCH = "\x00"


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings that start in ``start..end`` and match ``rules`` (``None``:
    every rule; empty: the comment named none copydesk can read, so nothing)
    are not reported. ``comment`` is where it was written.

    A Vale comment's (``vale``) names one rule or style, as Vale names them,
    in ``rules`` (``None``: ``vale off``), perhaps only where the finding's
    text is ``match``; or, for ``vale styles = …``, every style but ``spare``.
    """

    start: int
    end: int
    rules: tuple[str, ...] | None
    comment: tuple[int, int]
    vale: bool = False
    match: str | None = None
    spare: tuple[str, ...] | None = None
    selection: Selection = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "selection", Selection(select=self.rules or ()))

    def silences(self, item: Suggestion) -> bool:
        if not self.start <= item.start < self.end:
            return False
        if self.vale:
            return self._vale_silences(item)
        if self.rules is None:
            return True
        if not self.rules:
            return False
        return any(
            self.selection.allows(rule, source, item.category)
            for source, rule in ((item.source, item.rule), *item.also)
        )

    def _vale_silences(self, item: Suggestion) -> bool:
        names = (item.rule, *(rule for _, rule in item.also))
        if self.spare is not None:
            return any(_style(name) not in self.spare for name in names)
        if self.rules is None:
            return True
        if self.match is not None and item.text != self.match:
            return False
        key = self.rules[0]
        return any(name == key or _style(name) == key for name in names)


def _style(rule: str) -> str:
    """The style a rule belongs to, as Vale reads a name: up to the first dot."""
    return rule.partition(".")[0]


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


#: What one Vale comment does: switch a key (``off``, a style, a rule, or
#: ``Style.Rule[match]``) off (True) or on, or leave only some styles on.
_Action = tuple[str, bool] | tuple[str, tuple[str, ...]]
#: Where a key was last switched off: the comment's span.
_Comment = tuple[int, int]
#: The styles ``vale styles = …`` left on, and where it was written.
_Only = tuple[tuple[str, ...], _Comment] | None


class _ValeComments:
    """Vale's in-text comments, replayed as Vale reads them.

    Vale keeps a switch per key, read each time it lints a block: a block
    whose rule is off when Vale reaches the block's end is not checked at all
    for that rule, even the text before the comment that switched it off
    (``lint_units``). Each switch also records the region from the comment's
    text to the comment that switches it back on (or the end of the file);
    findings inside it are dropped, which is what makes an on/off pair inside
    one paragraph work. ``vale on`` ends ``vale off`` only; ``Style.Rule =
    YES`` ends that rule's region only, so a style that is off keeps its
    rules off. ``vale styles = …`` switches styles without a region.
    A finding outside every block (a ``raw`` rule's, in code) counts only
    when ``vale off`` is not left on at the end.
    """

    def __init__(self, doc: Document, base_styles: Collection[str] | None) -> None:
        self.doc = doc
        self.base_styles = None if base_styles is None else tuple(base_styles)
        #: Keys switched off now, and by which comment.
        self.off: dict[str, _Comment] = {}
        #: ``vale styles = …`` with the styles unknown: the styles left on.
        self.only: _Only = None
        #: After each comment: its start and what was off then.
        self.history: list[tuple[int, dict[str, _Comment], _Only]] = []
        #: Open regions by key (begin, comment), and the closed ones.
        self.open: dict[str, tuple[int, _Comment]] = {}
        self.regions: list[tuple[int, int, str, _Comment]] = []

    def read(self, start: int, end: int, body: str) -> None:
        """One HTML comment at ``start..end`` whose inside is ``body``."""
        text = html.unescape(body.strip())
        actions = _vale_actions(text)
        if not actions:
            return
        # Vale finds the comment by its text; one written with entities is
        # not found, so it switches without a region.
        lead = len(body) - len(body.lstrip())
        at = start + 4 + lead if text == body.strip() else None
        for key, value in actions:
            if isinstance(value, tuple):
                self._styles(value, (start, end))
            else:
                self._switch(key, off=value, at=at, comment=(start, end))
        self.history.append((start, dict(self.off), self.only))

    def _switch(self, key: str, *, off: bool, at: int | None, comment: _Comment) -> None:
        if off:
            self.off[key] = comment
        else:
            self.off.pop(key, None)
            if self.only is not None and "." not in key:
                # A style switched back on after "vale styles = …".
                self.only = ((*self.only[0], key), self.only[1])
        if at is None:
            return
        if off and key not in self.open:
            self.open[key] = (at, comment)
        elif not off and key in self.open:
            begin, opened_by = self.open.pop(key)
            self.regions.append((begin, at, key, opened_by))

    def _styles(self, named: tuple[str, ...], comment: _Comment) -> None:
        if self.base_styles is None:
            self.only = (named, comment)
            for style in named:
                self.off.pop(style, None)
            return
        for style in self.base_styles:
            self.off[style] = comment
        for style in named:
            self.off.pop(style, None)

    def suppressions(self) -> list[Suppression]:
        if not self.history:
            return []
        end_of_file = len(self.doc.text)
        found = [_vale_suppression(b, e, key, c) for b, e, key, c in self.regions]
        found.extend(
            _vale_suppression(begin, end_of_file, key, c) for key, (begin, c) in self.open.items()
        )
        from editor.segment import lint_units

        starts = [start for start, _, _ in self.history]
        units = lint_units(self.doc.text)
        for start, end, linted in units:
            index = bisect.bisect_left(starts, linted) - 1
            if index < 0:
                continue
            _, off, only = self.history[index]
            found.extend(_vale_suppression(start, end, key, c) for key, c in off.items())
            if only is not None:
                found.append(Suppression(start, end, None, only[1], vale=True, spare=only[0]))
        # Outside every block, only "vale off" left on at the end counts.
        if _OFF in self.off:
            position = 0
            for start, end, _ in sorted(units):
                if start > position:
                    found.append(_vale_suppression(position, start, _OFF, self.off[_OFF]))
                position = max(position, end)
            if position < end_of_file:
                found.append(_vale_suppression(position, end_of_file, _OFF, self.off[_OFF]))
        return found


def _vale_suppression(start: int, end: int, key: str, comment: _Comment) -> Suppression:
    if key == _OFF:
        return Suppression(start, end, None, comment, vale=True)
    rule, limited, match = key.partition(_MATCH)
    if limited:
        return Suppression(start, end, (rule,), comment, vale=True, match=match)
    return Suppression(start, end, (key,), comment, vale=True)


def _vale_actions(text: str) -> list[_Action]:
    """What a comment's trimmed text tells Vale, if it is a Vale directive."""
    if text == "vale off":
        return [(_OFF, True)]
    if text == "vale on":
        return [(_OFF, False)]
    matches = _VALE_MATCHES.fullmatch(text)
    if matches:
        try:
            parts = json.loads(matches.group(2))
        except ValueError:
            return []
        if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
            return []
        off = matches.group(3) == "NO"
        return [(f"{matches.group(1)}{_MATCH}{part}", off) for part in parts]
    control = _VALE_CONTROL.fullmatch(text)
    if control:
        return [(control.group(1), control.group(2) in {"NO", "off"})]
    styles = _VALE_STYLES.fullmatch(text)
    if styles:
        return [("", tuple(styles.group(1).split(", ")))]
    return []


def find_suppressions(
    doc: Document, *, base_styles: Collection[str] | None = None
) -> tuple[Suppression, ...]:
    """The suppressions a Markdown document's comments make (a plain-text
    file has none, as in Vale). ``base_styles`` are the styles the file is
    based on, which ``vale styles = …`` turns off unless it names them
    (unknown: every style it does not name)."""
    if doc.format != "markdown":
        return ()
    end_of_file = len(doc.text)
    found: list[Suppression] = []
    vale = _ValeComments(doc, base_styles)
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
        vale.read(start, end, body)
    close(end_of_file, None)
    found.extend(vale.suppressions())
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
    silenced: set[int] = set()
    # A sweep by position: only the suppressions whose span has begun and not
    # ended are tried, so a long file with many blocks stays linear.
    pending = sorted(range(len(suppressions)), key=lambda i: suppressions[i].start)
    active: list[tuple[int, int]] = []
    next_pending = 0
    for index in sorted(range(len(items)), key=lambda i: items[i].start):
        item = items[index]
        while (
            next_pending < len(pending) and suppressions[pending[next_pending]].start <= item.start
        ):
            number = pending[next_pending]
            heapq.heappush(active, (suppressions[number].end, number))
            next_pending += 1
        while active and active[0][0] <= item.start:
            heapq.heappop(active)
        hits = [number for _, number in active if suppressions[number].silences(item)]
        used.update(hits)
        if hits:
            silenced.add(index)
    kept = [item for index, item in enumerate(items) if index not in silenced]
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
