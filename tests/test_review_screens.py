"""What the real application draws at 80×24 and 40×12: the header fitted to
the width, the alternatives and keys on a small terminal, the ``e`` field's
label, the ``g`` list's columns, and the summary screen that scrolls.

Each test runs the real application (pipe input, an output of fixed size),
reads the screen prompt_toolkit drew, and types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from prompt_toolkit.input import create_pipe_input
from reviewing import Running, SizedOutput, article, house, made

from editor.review import run_review

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from prompt_toolkit.input import PipeInput

    from editor.document import Document
    from editor.model import Suggestion

PAGE_DOWN, PAGE_UP, HOME, END = "\x1b[6~", "\x1b[5~", "\x1b[H", "\x1b[F"
DOWN = "\x1b[B"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as made_pipe:
        yield made_pipe


def start(
    pipe: PipeInput,
    doc: Document,
    items: Sequence[Suggestion] | None = None,
    rows: int = 24,
    columns: int = 80,
) -> Running:
    out = SizedOutput(rows, columns)
    found = house(doc) if items is None else items
    return Running(pipe, out, lambda: run_review(doc, found, input=pipe, output=out))


def finish(running: Running) -> None:
    running.pipe.send_text("q")
    running.join()


def lines_of(screen: str) -> list[str]:
    return screen.split("\n")


def wide_case() -> tuple[Document, list[Suggestion]]:
    """Findings whose rule, sources, place and tally overflow 80 columns."""
    doc = article("It have to go. " * 3 + "\n")
    items = [
        made(doc, at, at + 7, "It has", rule="House.ThirdPersonHaveWithAVeryLongRuleName")
        for at in (0, 15, 30)
    ]
    return doc, items


def test_the_80_column_header_fits_and_keeps_what_matters(pipe: PipeInput) -> None:
    doc, items = wide_case()
    running = start(pipe, doc, items)
    first = lines_of(running.wait_for("1 / 3"))[0]
    assert len(first) <= 80
    assert first.startswith(" 1 / 3 ")
    assert "House.ThirdPersonHaveWithAVeryLongRuleName" in first
    assert "<text>:1:1" in first
    # Not cut in the middle of a word ("· ope"): every part shown is whole.
    assert first.rstrip().endswith(("open 3", "1:1"))
    finish(running)


def test_at_40x12_the_alternatives_and_the_decision_keys_stay(pipe: PipeInput) -> None:
    doc = article("He must have to go. It have to work.\n")
    running = start(pipe, doc, rows=12, columns=40)
    shown = running.wait_for("1 / 2")
    header = lines_of(shown)[0]
    assert len(header) <= 40
    assert header.startswith(" 1 / 2 ")
    assert ":1:4" in header
    assert "1) must have to → must" in shown
    assert "2) must have to → has to" in shown
    for key in (" y/1-2 ", " n ", " e ", " q ", " ? "):
        assert key in shown, key
    # Within the screen: nothing drawn past row 12 or column 40.
    assert all(len(line) <= 40 for line in lines_of(shown))
    finish(running)


def test_the_edit_field_keeps_its_label_with_a_long_prefill(pipe: PipeInput) -> None:
    sentence = " ".join(["This sentence goes on and on"] * 12) + "."
    doc = article(sentence + "\n")
    items = [made(doc, 0, len(sentence), rule="Harper.LongSentences")]
    for rows, columns in ((24, 80), (12, 40)):
        running = start(pipe, doc, items, rows=rows, columns=columns)
        running.wait_for("1 / 1")
        pipe.send_text("e")
        shown = running.wait_for("Your fix for “This s")
        assert "Enter" in shown.split("Your fix for")[1].split("\n")[0]  # the hint, same line
        assert "and on." in shown  # the end of the prefill, where the cursor is
        pipe.send_text("\x1b")  # Esc: nothing changed
        running.wait_for("edit cancelled")
        finish(running)


def test_the_g_list_lines_up_past_row_ten(pipe: PipeInput) -> None:
    text = " ".join(["It have to go."] * 12) + "\n"
    doc = article(text)
    running = start(pipe, doc)
    running.wait_for("1 / 12")
    pipe.send_text("g")
    shown = running.wait_for("all suggestions")
    rows = [line for line in lines_of(shown) if "“It have”" in line]
    assert len(rows) == 12
    # Every column starts at the same place on every row.
    assert len({row.index("undecided") for row in rows}) == 1
    assert len({row.index("“It have”") for row in rows}) == 1
    assert len({row.index("House.") for row in rows}) == 1
    pipe.send_text("\x1b")
    finish(running)


def test_the_summary_scrolls_through_the_whole_text(pipe: PipeInput) -> None:
    paragraphs = [f"Paragraph {i} is here and needs nothing." for i in range(60)]
    doc = article("It have to go.\n\n" + "\n\n".join(paragraphs) + "\n")
    running = start(pipe, doc)
    running.wait_for("1 / 1")
    pipe.send_text("y")
    running.wait_for("All suggestions decided")
    shown = running.wait_for("(lines 1–18 of 122)")  # the title knows the text's length
    header = lines_of(shown)[0]
    assert "1 / 1" not in header  # no stale position once all are decided
    assert "all 1 decided" in header
    assert "It has to go." in shown
    assert "Paragraph 59" not in shown
    pipe.send_text(PAGE_DOWN)
    paged = running.wait_for("(lines 18–35 of 122)")  # a page, less one line of overlap
    assert "It has to go." not in paged
    pipe.send_text(END)
    end = running.wait_for("Paragraph 59 is here")
    assert "of 122)" in end
    pipe.send_text(PAGE_UP + DOWN)
    pipe.send_text(HOME)
    running.wait_for("It has to go.")
    running.wait_for("(lines 1–18 of 122)")
    finish(running)
    result = running.result
    assert result is not None
    assert result.state.cleaned().startswith("It has to go.\n")
