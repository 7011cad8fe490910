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

from prompt_toolkit.data_structures import Point
from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.layout.controls import UIContent, UIControl
from prompt_toolkit.utils import get_cwidth

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.document import Document
    from editor.review.state import ReviewState

__all__ = [
    "View",
    "WordWrapControl",
    "alternatives",
    "header",
    "key_help",
    "paragraph",
    "status_keys",
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


def header(doc: Document, state: ReviewState) -> StyleAndTextTuples:
    item = state.current
    counts = state.counts()
    progress = f" {state.cursor + 1} / {len(state)} "
    tally = (
        f" accepted {counts['accepted'] + counts['alternative'] + counts['edited']}"
        f" · kept {counts['kept'] + counts['ignored'] + counts['added']}"
        f" · open {counts['undecided']} "
    )
    if item is None:
        return [("class:header", f" {doc.name}: nothing to review ")]
    name = doc.path.name if doc.path else doc.name
    sources = " + ".join(item.sources)
    return [
        ("class:header.progress", progress),
        ("class:header", f" {item.rule} ({sources}) "),
        ("class:header.where", f" {name}:{item.line}:{item.column} "),
        ("class:header.tally", tally),
    ]


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


def key_bar(keys: list[tuple[str, str]]) -> StyleAndTextTuples:
    """The bottom bar; a key and its meaning never wrap apart."""
    out: StyleAndTextTuples = []
    for key, what in keys:
        out.append(("class:key", f"\u00a0{key}\u00a0"))
        out.append(("", "\u00a0" + what.replace(" ", "\u00a0") + "  "))
    return out


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


class WordWrapControl(UIControl):
    """Prose wrapped at word boundaries (``wrap_lines`` breaks mid-word), with
    the cursor on the flagged span so the window scrolls to keep it visible."""

    def __init__(
        self, get: Callable[[], tuple[StyleAndTextTuples, int]], *, focusable: bool = False
    ) -> None:
        self.get = get
        self.focusable = focusable

    def is_focusable(self) -> bool:
        return self.focusable

    def create_content(self, width: int, height: int | None) -> UIContent:  # noqa: ARG002
        fragments, focus = self.get()
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
        cursor = Point(min(cursor.x, width - 1), min(cursor.y, len(lines) - 1))
        return UIContent(
            get_line=lambda i: lines[i] if i < len(lines) else [],
            line_count=len(lines),
            cursor_position=cursor,
            show_cursor=False,
        )
