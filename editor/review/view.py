"""What the review screen shows, as prompt_toolkit formatted text.

Plain functions of the review state, so tests can assert on the fragments
without a terminal. Styles are class names; ``app.py`` maps them to colours,
and every state is also marked without colour (reverse video, strike-through,
underline) so ``NO_COLOR`` loses nothing.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

from prompt_toolkit.application.current import get_app
from prompt_toolkit.data_structures import Point
from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.layout.controls import UIContent, UIControl
from prompt_toolkit.utils import get_cwidth

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from prompt_toolkit.layout.controls import GetLinePrefixCallable

    from editor.document import Document
    from editor.review.state import ReviewState

__all__ = [
    "FittedControl",
    "ScrollingControl",
    "View",
    "WordWrapControl",
    "alternatives",
    "elide",
    "fit_keys",
    "header",
    "key_help",
    "loading",
    "paragraph",
    "status_keys",
    "suggestion_list",
]


class View(StrEnum):
    """``p`` cycles these, like a word processor's track-changes display modes."""

    MARKUP = "markup"
    FINAL = "final"
    ORIGINAL = "original"

    def next(self) -> View:
        order = list(View)
        return order[(order.index(self) + 1) % len(order)]


def _visible(text: str) -> str:
    """Deleted or inserted whitespace would show as nothing: make it visible."""
    return text if text.strip() else text.replace(" ", "·").replace("\n", "⏎\n") or "∅"


def paragraph(doc: Document, state: ReviewState, view: View) -> tuple[StyleAndTextTuples, int]:
    """The paragraph around the current suggestion, with the accepted edits in
    it and the current span rendered for ``view``; also the offset (in
    rendered characters) where the current span starts, to scroll to."""
    item = state.current
    if item is None:
        return [("", "")], 0
    block = doc.block_at(item.start)
    start, end = (block.start, block.end) if block else (item.start, item.end)
    start, end = min(start, item.start), max(end, item.end)
    mine = state.edit_of(state.cursor)
    superseded = state.superseded_by(state.cursor) is not None
    preview = mine.replacement if mine else (item.replacements[0] if item.replacements else None)
    marks: list[tuple[int, int, str, str | None]] = [
        (e.start, e.end, "done", e.replacement)
        for e in state.edits()
        if start <= e.start and e.end <= end and e != mine
    ]
    marks = [m for m in marks if not _touches(m[0], m[1], item.start, item.end)]
    marks.append((item.start, item.end, "current", None if superseded else preview))
    marks.sort(key=lambda m: (m[0], m[2] != "current"))
    out: StyleAndTextTuples = []
    rendered = focus = 0
    position = start

    def add(style: str, chunk: str) -> None:
        nonlocal rendered
        if chunk:
            out.append((style, chunk))
            rendered += len(chunk)

    for mark_start, mark_end, kind, replacement in marks:
        add("", doc.text[position:mark_start])
        original = doc.text[mark_start:mark_end]
        if kind == "current":
            focus = rendered
            if view is View.ORIGINAL or replacement is None:
                add("class:flag", original or "‸")
            elif view is View.FINAL:
                add("class:insert", replacement or "∅")
            else:
                add("class:delete", _visible(original) if original else "")
                add("class:insert", _visible(replacement) if replacement else "")
        elif view is View.MARKUP:
            add("class:done-delete", original)
            add("class:done-insert", replacement or "")
        else:
            add("", (replacement or "") if view is View.FINAL else original)
        position = mark_end
    add("", doc.text[position:end])
    return out, focus


def _touches(a: int, b: int, c: int, d: int) -> bool:
    return (a < d and c < b) or (a == b == c == d)


def elide(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with "…" where it was cut."""
    if get_cwidth(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    out = ""
    for char in text:
        if get_cwidth(out + char) > width - 1:
            break
        out += char
    return out + "…"


def _name(doc: Document) -> str:
    return doc.path.name if doc.path else doc.name


def _width(fragments: StyleAndTextTuples) -> int:
    return sum(get_cwidth(text) for _, text, *_ in fragments)


def header(doc: Document, state: ReviewState, width: int = 80) -> StyleAndTextTuples:
    """The top line, fitted to ``width``: the progress always, then the
    place, the rule and the tally, each shortened (then dropped) as the
    terminal gets narrower, least important first."""
    item = state.current
    name = _name(doc)
    if item is None:
        return [("class:header", elide(f" {name}: nothing to review ", width))]
    counts = state.counts()
    accepted = counts["accepted"] + counts["alternative"] + counts["edited"]
    kept = counts["kept"] + counts["ignored"] + counts["added"]
    still = counts["undecided"]
    tallies = [
        f" accepted {accepted} · kept {kept} · open {still} ",
        f" acc {accepted} · kept {kept} · open {still} ",
        f" open {still} ",
        "",
    ]
    if state.finished:
        # No current suggestion any more: the summary says so, not "25 / 26".
        progress = f" all {len(state)} decided "
        full, mid, short = f" {name} ", f" {elide(name, 12)} ", ""
        choices = [
            ("", full, tallies[0]),
            ("", full, tallies[1]),
            ("", mid, tallies[2]),
            ("", short, tallies[2]),
        ]
    else:
        progress = f" {state.cursor + 1} / {len(state)} "
        sources = " + ".join(item.sources)
        rule, bare = f" {item.rule} ", f" {item.rule.rsplit('.', 1)[-1]} "
        at = f"{item.line}:{item.column}"
        full, mid, short = f" {name}:{at} ", f" {elide(name, 12)}:{at} ", f" {at} "
        choices = [
            (f" {item.rule} ({sources}) ", full, tallies[0]),
            (rule, full, tallies[0]),
            (rule, full, tallies[1]),
            (rule, full, tallies[2]),
            (bare, full, tallies[2]),
            (bare, mid, tallies[2]),
            (bare, mid, tallies[3]),
            (bare, short, tallies[3]),
        ]
    for what, place, tally in choices:
        line: StyleAndTextTuples = [
            ("class:header.progress", progress),
            ("class:header", what),
            ("class:header.where", place),
            ("class:header.tally", tally),
        ]
        if _width(line) <= width:
            return [fragment for fragment in line if fragment[1]]
    what, place, _ = choices[-1]
    fitted: StyleAndTextTuples = [("class:header.progress", elide(progress, width))]
    room = width - _width(fitted)
    if what and room > get_cwidth(place):
        fitted.append(("class:header", elide(what, room - get_cwidth(place))))
        fitted.append(("class:header.where", place))
    elif room > 0:
        fitted.append(("class:header.where", elide(what or place, room)))
    return [fragment for fragment in fitted if fragment[1]]


def loading(
    doc: Document, label: str, done: int, total: int, width: int = 80
) -> StyleAndTextTuples:
    """The screen while the check runs: what is being checked and how far
    (``label`` names the stage, e.g. the engine)."""
    blocks = len(doc.blocks)
    out: StyleAndTextTuples = [
        (
            "class:prompt",
            f"Checking {blocks} paragraph{'s' if blocks != 1 else ''} of {_name(doc)}…\n\n",
        )
    ]
    if total:
        stage = f"{label}: " if label else ""
        out.append(("", f"{stage}paragraph {min(done, total)} of {total}\n"))
        cells = max(min(width - 2, 40), 1)
        filled = cells * min(done, total) // total
        out.append(("class:insert", "█" * filled))
        out.append(("class:dim", "░" * (cells - filled)))
    elif label:
        out.append(("", f"{label}…"))
    return out


def message(state: ReviewState) -> StyleAndTextTuples:
    item = state.current
    if item is None:
        return []
    out: StyleAndTextTuples = [
        (f"class:severity.{item.severity.label}", f"{item.severity.label}"),
        ("", f": {item.message}"),
    ]
    decided = state.decision(state.cursor)
    if decided is not None:
        was = decided.verdict.value
        if decided.replacement is not None and decided.verdict.changes_text:
            was += f" “{decided.replacement}”"
        out.append(("class:was", f"   (was: {was})"))
    blocker = state.superseded_by(state.cursor)
    if blocker is not None:
        other = state.items[blocker]
        out.append(
            (
                "class:was",
                f"   (superseded: you accepted {other.rule} on “{other.text}”; undo or revise it)",
            )
        )
    if item.conflict and blocker is None:
        out.append(("class:dim", "   (overlaps another suggestion)"))
    return out


def alternatives(state: ReviewState) -> StyleAndTextTuples:
    item = state.current
    if item is None or not item.replacements:
        return [("class:dim", "  no replacement offered: n keeps the text, e types your own fix")]
    out: StyleAndTextTuples = []
    for number, replacement in enumerate(item.replacements[:9], 1):
        out.append(("class:number", f"  {number}) "))
        out.append(("class:delete", _visible(item.text) if item.text else ""))
        out.append(("", " → "))
        out.append(("class:insert", _visible(replacement)))
        out.append(("", "\n"))
    return out


def key_bar(keys: Sequence[tuple[str, str]]) -> StyleAndTextTuples:
    """The bottom bar; a key and its meaning never wrap apart."""
    out: StyleAndTextTuples = []
    for key, what in keys:
        out.append(("class:key", f"\u00a0{key}\u00a0"))
        out.append(("", "\u00a0" + what.replace(" ", "\u00a0") + "  "))
    return out


#: Which keys stay when the bar must shrink: the decision keys first, ``?``
#: (which lists them all) always.
_KEEP_ORDER = ["y", "n", "e", "q", "?", "s/k", "u", "Enter", "Esc/^G", "I", "A", "+"]
_SHORT = {
    "write+quit": "write",
    "skip/back": "skip",
    "ignore rule": "ignore",
    "all of rule": "all",
    "add word": "add",
}


def fit_keys(keys: Sequence[tuple[str, str]], width: int, rows: int) -> list[tuple[str, str]]:
    """The keys that fit in ``rows`` lines of ``width``: shorter words first,
    then the least needed keys left out (``?`` shows every key)."""

    def rank(key: str) -> int:
        if key.startswith(("y", "1")):
            return 0
        return _KEEP_ORDER.index(key) if key in _KEEP_ORDER else len(_KEEP_ORDER)

    def lines(chosen: Sequence[tuple[str, str]]) -> int:
        return len(_wrap(key_bar(chosen), 0, width)[0])

    chosen = list(keys)
    if lines(chosen) <= rows:
        return chosen
    chosen = [(key, _SHORT.get(what, what)) for key, what in chosen]
    by_need = sorted(range(len(chosen)), key=lambda i: rank(chosen[i][0]))
    while lines(chosen) > rows and len(by_need) > 1:
        drop = by_need.pop()
        chosen = [pair for i, pair in enumerate(chosen) if i != drop]
        by_need = [i - (i > drop) for i in by_need]
    return chosen


def status_keys(state: ReviewState, *, editing: bool = False) -> list[tuple[str, str]]:
    """The keys valid right now, as (key, what) pairs, for the bottom bar."""
    if editing:
        return [("Enter", "apply"), ("Esc/^G", "cancel")]
    item = state.current
    keys: list[tuple[str, str]] = []
    if item is not None and not state.finished:
        blocked = state.blocked_by(state.cursor) is not None
        superseded = state.superseded_by(state.cursor) is not None
        if item.replacements and not blocked:
            n = min(len(item.replacements), 9)
            keys.append(("y" if n == 1 else f"y/1-{n}", "accept"))
        if not superseded:
            keys.append(("n", "keep"))
        if not blocked:
            keys.append(("e", "edit"))
        if state.open_count > 1 or not state.is_open(state.cursor):
            keys.append(("s/k", "skip/back"))
        keys.append(("I", "ignore rule"))
        fixable = [i for i in state.pending_of_rule(item.rule) if state.items[i].replacements]
        if len(fixable) > 1:
            keys.append(("A", "all of rule"))
        if item.category == "spelling" and state.is_open(state.cursor):
            keys.append(("+", "add word"))
    if len(state) > 1:
        keys.append(("J/K", "any"))
        keys.append(("g", "list"))
    if state.undo_stack:
        keys.append(("u", "undo"))
    keys.extend([("p", "view"), ("q", "write+quit"), ("?", "help")])
    return keys


def key_help() -> str:
    return """\
 y      accept the first suggestion
 1-9    accept alternative N
 n      keep the original (this occurrence only)
 e      type your own fix (Esc or Ctrl-G cancels)
 s j ↓  next undecided           k ↑  previous undecided
 J K    next / previous, decided or not
 g      list of all suggestions, to jump to one
 I      ignore this rule for the rest of the article
 A      accept all open suggestions of this rule (asks first)
 +      add the flagged word to the project vocabulary
 p      view: markup / final text / original
 u      undo (a bulk action is one step)
 q      write the cleaned copy and quit
 Q ^C   abort without writing (asks when you decided anything)
 ?      this help; any key closes it

 Enter, Space, a and d do nothing on purpose: a stray key never accepts.
"""


#: Words, runs of spaces and line breaks; a no-break space joins words.
_PIECES = re.compile(r"\n|[ \t]+|[^ \t\n]+")


def _wrap(
    fragments: StyleAndTextTuples, focus: int, width: int
) -> tuple[list[StyleAndTextTuples], Point]:
    """Lines of at most ``width`` columns, broken between words, and where
    the character at offset ``focus`` lands."""
    width = max(width, 1)
    # Words may span fragments (a styled key beside its label): group the
    # pieces into words first, then wrap word by word.
    words: list[list[tuple[str, str]]] = []
    starts: list[int] = []
    seen = 0
    for style, text, *_ in to_formatted_text(fragments):
        for piece in _PIECES.findall(text):
            joins = words and piece not in "\n" and not piece.isspace()
            last = words[-1][-1][1] if words else "\n"
            if joins and last != "\n" and not last.isspace():
                words[-1].append((style, piece))
            else:
                words.append([(style, piece)])
                starts.append(seen)
            seen += len(piece)
    lines: list[StyleAndTextTuples] = []
    line: StyleAndTextTuples = []
    column = 0
    cursor = Point(0, 0)
    for word, start in zip(words, starts, strict=True):
        text = "".join(piece for _, piece in word)
        size = get_cwidth(text)
        if text == "\n":
            if start <= focus:
                cursor = Point(0, len(lines) + 1)
            lines.append(line)
            line, column = [], 0
            continue
        if column + size > width and column > 0:
            lines.append(line)
            line, column = [], 0
            if text.isspace():
                continue
        if start <= focus < start + max(len(text), 1):
            cursor = Point(column, len(lines))
        for style, piece in word:
            while column + get_cwidth(piece) > width and column == 0 and len(piece) > width:
                line.append((style, piece[:width]))
                lines.append(line)
                piece, line = piece[width:], []
            line.append((style, piece))
            column += get_cwidth(piece)
    lines.append(line)
    return lines, Point(min(cursor.x, width - 1), min(cursor.y, len(lines) - 1))


class WordWrapControl(UIControl):
    """Prose wrapped at word boundaries (``wrap_lines`` breaks mid-word), with
    the cursor on the flagged span so the window scrolls to keep it visible.
    Its preferred height is its line count, so a window with
    ``dont_extend_height`` takes just the rows it needs."""

    def __init__(
        self, get: Callable[[], tuple[StyleAndTextTuples, int]], *, focusable: bool = False
    ) -> None:
        self.get = get
        self.focusable = focusable

    def is_focusable(self) -> bool:
        return self.focusable

    def lines(self, width: int) -> tuple[list[StyleAndTextTuples], Point]:
        fragments, focus = self.get()
        return _wrap(fragments, focus, width)

    def preferred_height(
        self,
        width: int,
        max_available_height: int,  # noqa: ARG002
        wrap_lines: bool,  # noqa: ARG002
        get_line_prefix: GetLinePrefixCallable | None,  # noqa: ARG002
    ) -> int | None:
        return len(self.lines(width)[0])

    def create_content(self, width: int, height: int | None) -> UIContent:  # noqa: ARG002
        lines, cursor = self.lines(width)
        return UIContent(
            get_line=lambda i: lines[i] if i < len(lines) else [],
            line_count=len(lines),
            cursor_position=cursor,
            show_cursor=False,
        )


class FittedControl(WordWrapControl):
    """Formatted text made for the width it is shown at (the header, the key
    bar), wrapped like prose if it is still too wide."""

    def __init__(self, get: Callable[[int], StyleAndTextTuples]) -> None:
        super().__init__(lambda: ([], 0))
        self.fit = get

    def lines(self, width: int) -> tuple[list[StyleAndTextTuples], Point]:
        return _wrap(self.fit(width), 0, width)


class ScrollingControl(WordWrapControl):
    """Long text the editor scrolls through by line and by page (the summary
    screen's whole text); ``top`` is the first line shown."""

    def __init__(self, get: Callable[[], StyleAndTextTuples]) -> None:
        super().__init__(lambda: (get(), 0))
        self.top = 0
        #: From the last rendering: the window's height and the text's lines.
        self.page = 1
        self.total = 0

    def create_content(self, width: int, height: int | None) -> UIContent:
        lines, _ = self.lines(width)
        measured = (len(lines), max(height or 1, 1))
        if measured != (self.total, self.page):
            # The frame's title ("lines 1–20 of 80") was drawn before this
            # was known: draw once more.
            self.total, self.page = measured
            get_app().invalidate()
        self.top = self._clamp(self.top)
        shown = lines[self.top :]
        return UIContent(
            get_line=lambda i: shown[i] if i < len(shown) else [],
            line_count=max(len(shown), 1),
            cursor_position=Point(0, 0),
            show_cursor=False,
        )

    def _clamp(self, top: int) -> int:
        return max(0, min(top, self.total - self.page))

    def scroll(self, lines: int) -> None:
        self.top = self._clamp(self.top + lines)

    def scroll_page(self, pages: int) -> None:
        self.scroll(pages * max(self.page - 1, 1))

    def home(self) -> None:
        self.top = 0

    def end(self) -> None:
        self.top = self._clamp(self.total)

    def where(self) -> str:
        """ "lines 12–30 of 80", or "" when everything fits."""
        if self.total <= self.page:
            return ""
        top = self._clamp(self.top)
        return f"lines {top + 1}–{min(top + self.page, self.total)} of {self.total}"


def suggestion_list(state: ReviewState) -> list[str]:
    """The ``g`` list, one row per suggestion, every column padded to its
    widest entry so the rows line up however many there are."""
    rows = [
        (
            str(i + 1),
            f"{item.line}:{item.column}",
            state.state_label(i),
            item.rule,
            f"“{elide(item.text.replace(chr(10), ' '), 30)}”",
        )
        for i, item in enumerate(state.items)
    ]
    if not rows:
        return []
    number = max(len(r[0]) for r in rows)
    place = max(len(r[1]) for r in rows)
    label = max(len(r[2]) for r in rows)
    quoted = max(len(r[4]) for r in rows)
    # The rule goes last: its length varies most, and it matters least on a
    # narrow terminal, where the end of the row is cut.
    return [
        f"{n:>{number}}  {at:<{place}}  {what:<{label}}  {text:<{quoted}}  {rule}"
        for n, at, what, rule, text in rows
    ]
