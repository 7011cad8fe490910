"""What the review screen shows, checked on the formatted text (no terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prompt_toolkit.formatted_text import fragment_list_to_text
from reviewing import article, house, made

from editor.review.state import ReviewState
from editor.review.view import View, WordWrapControl, paragraph, status_keys

if TYPE_CHECKING:
    from editor.document import Document
    from editor.model import Suggestion


def state_for(text: str, items: list[Suggestion] | None = None) -> tuple[Document, ReviewState]:
    doc = article(text)
    return doc, ReviewState.create(doc.text, house(doc) if items is None else items, doc.sentences)


def test_markup_final_and_original_views() -> None:
    doc, state = state_for("It have to go. The the end.\n")
    markup, focus = paragraph(doc, state, View.MARKUP)
    assert ("class:delete", "It have") in markup
    assert ("class:insert", "It has") in markup
    assert focus == 0
    final, _ = paragraph(doc, state, View.FINAL)
    assert fragment_list_to_text(final) == "It has to go. The the end."  # the block, no newline
    original, _ = paragraph(doc, state, View.ORIGINAL)
    assert ("class:flag", "It have") in original
    # An accepted edit stays visible while the next suggestion is shown.
    state.accept()
    markup, focus = paragraph(doc, state, View.MARKUP)
    assert ("class:done-delete", "It have") in markup
    assert ("class:done-insert", "It has") in markup
    assert fragment_list_to_text(markup)[focus:].startswith("The theThe")


def test_deleted_whitespace_is_made_visible() -> None:
    doc = article("Two  spaces.\n")
    _, state = state_for(doc.text, [made(doc, 3, 5, " ")])
    markup, _ = paragraph(doc, state, View.MARKUP)
    assert ("class:delete", "··") in markup
    assert ("class:insert", "·") in markup


def test_only_valid_keys_are_offered() -> None:
    doc = article("A long sentence here. It have to go.\n")
    items = [made(doc, 0, 21, rule="Test.Advice"), made(doc, 22, 29, "It has", rule="Test.Fix")]
    _, state = state_for(doc.text, items)
    keys = dict(status_keys(state))
    assert "y" not in keys  # nothing to accept
    assert "A" not in keys
    assert "u" not in keys
    state.keep()
    keys = dict(status_keys(state))
    assert keys["y"] == "accept"
    assert "u" in keys
    assert dict(status_keys(state, editing=True)) == {"Enter": "apply", "Esc/^G": "cancel"}


def test_word_wrap_never_breaks_a_word_and_follows_the_span() -> None:
    text = " ".join(["word"] * 40) + " target " + " ".join(["word"] * 40)
    at = text.index("target")
    control = WordWrapControl(lambda: ([("", text)], at))
    content = control.create_content(width=22, height=5)
    lines = [fragment_list_to_text(content.get_line(i)) for i in range(content.line_count)]
    assert all(len(line) <= 22 for line in lines)
    assert all(piece in {"word", "target"} for line in lines for piece in line.split())
    assert "target" in lines[content.cursor_position.y]
