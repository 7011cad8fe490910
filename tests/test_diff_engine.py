"""The diff engine: tokens, paragraph alignment, changes with exact offsets,
reports built from a review's edits, and speed on a long article."""

from __future__ import annotations

import time
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings, strategies as st

from editor.diff import engine
from editor.diff.engine import TOKEN_LIMIT, diff_texts, from_edits, layout, tokenize
from editor.diff.model import AttributedEdit, DiffReport

SEED = Path(__file__).resolve().parents[1] / "seeds" / "huawei-att.txt"


def check_invariants(report: DiffReport) -> None:
    """Everything a renderer relies on."""
    old = "".join(op.text for b in report.blocks for op in b.ops if op.kind != "insert")
    new = "".join(op.text for b in report.blocks for op in b.ops if op.kind != "delete")
    assert old == report.old_text
    assert new == report.new_text
    old_pos = new_pos = 0
    seen: list[int] = []
    for block in report.blocks:
        assert block.ops, "no empty blocks"
        assert block.old_line == report.old_text.count("\n", 0, old_pos) + 1
        assert block.new_line == report.new_text.count("\n", 0, new_pos) + 1
        for op in block.ops:
            assert op.text, "no empty ops"
            assert (op.change is None) == (op.kind == "equal")
            if op.change is not None:
                change = report.changes[op.change]
                if not seen or seen[-1] != op.change:
                    seen.append(op.change)
                    assert (change.old_start, change.new_start) == (old_pos, new_pos)
            old_pos += len(op.text) if op.kind != "insert" else 0
            new_pos += len(op.text) if op.kind != "delete" else 0
        for first, second in zip(block.ops, block.ops[1:], strict=False):
            assert not (first.kind == second.kind == "equal"), "equal ops are merged"
    assert seen == list(range(len(report.changes))), "changes in order, each in one run"
    for index, change in enumerate(report.changes):
        assert report.old_text[change.old_start : change.old_end] == change.old
        assert report.new_text[change.new_start : change.new_end] == change.new
        ops = [op for b in report.blocks for op in b.ops if op.change == index]
        assert "".join(op.text for op in ops if op.kind == "delete") == change.old
        assert "".join(op.text for op in ops if op.kind == "insert") == change.new
        kinds = [op.kind for op in ops]
        assert kinds == sorted(kinds), "deletions before insertions"
    if report.old_text == report.new_text:
        # Only edits that undo each other ("the" inserted, "the" deleted) can
        # make changes that add up to nothing; a diff never does.
        assert all(c.rule for c in report.changes)
    else:
        assert report.changed


def marked(report: DiffReport) -> str:
    """``git diff --word-diff=plain`` style, for readable assertions."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[op.kind].format(op.text) for b in report.blocks for op in b.ops)


# --------------------------------------------------------------------------
# Tokens.


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("it's hard", ["it's", " ", "hard"]),
        ("don’t re-use e-mail", ["don’t", " ", "re-use", " ", "e-mail"]),
        ("end.  Next", ["end", ".", "  ", "Next"]),
        (
            "'quoted' -dash- x--y",
            ["'", "quoted", "'", " ", "-", "dash", "-", " ", "x", "-", "-", "y"],
        ),
        ("a\r\n\r\nb", ["a", "\r\n\r\n", "b"]),
        ("e\u0301te\u0301 café", ["e\u0301te\u0301", " ", "café"]),
        ("👍🏽 🇫🇷! 1️⃣", ["👍🏽", " ", "🇫🇷", "!", " ", "1️⃣"]),
        ("日本語です。", ["日", "本", "語", "で", "す", "。"]),
        ("snake_case AT&T", ["snake", "_", "case", " ", "AT", "&", "T"]),
        ("", []),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@given(st.text())
def test_tokens_rebuild_any_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


# --------------------------------------------------------------------------
# Word diff.


def test_its_hard_shows_exactly_those_words() -> None:
    old = "Yet it is trying it's hard to get the no 1 position."
    new = "Yet it is trying its hardest to get the no 1 position."
    report = diff_texts(old, new)
    assert [(c.old, c.new) for c in report.changes] == [("it's hard", "its hardest")]
    assert marked(report) == (
        "Yet it is trying [-it's hard-]{+its hardest+} to get the no 1 position."
    )
    change = report.changes[0]
    assert (change.old_start, change.old_end) == (17, 26)
    assert (change.new_start, change.new_end) == (17, 28)
    check_invariants(report)


def test_spaces_between_two_changes_are_folded_into_one() -> None:
    report = diff_texts("the quick brown fox", "a slow brown fox")
    assert marked(report) == "[-the quick-]{+a slow+} brown fox"
    assert len(report.changes) == 1


def test_a_word_between_changes_keeps_them_apart() -> None:
    report = diff_texts("one two three", "uno two tres")
    assert marked(report) == "[-one-]{+uno+} two [-three-]{+tres+}"
    assert [op.change for op in report.blocks[0].ops] == [0, 0, None, 1, 1]


def test_line_breaks_are_not_folded() -> None:
    report = diff_texts("one\ntwo\n", "uno\ndos\n")
    assert marked(report) == "[-one-]{+uno+}\n[-two-]{+dos+}\n"
    assert len(report.changes) == 2


def test_punctuation_is_its_own_token() -> None:
    report = diff_texts("It is very unique.", "It is unique!")
    assert marked(report) == "It is [-very -]unique[-.-]{+!+}"


def test_whitespace_changes() -> None:
    report = diff_texts("Two  spaces here.", "Two spaces here.")
    assert marked(report) == "Two[-  -]{+ +}spaces here."
    check_invariants(report)


def test_no_changes() -> None:
    text = "First paragraph.\n\nSecond one,\nwith two lines.\n"
    report = diff_texts(text, text)
    assert report.changes == ()
    assert not report.changed
    assert all(op.kind == "equal" for b in report.blocks for op in b.ops)
    assert [b.old_line for b in report.blocks] == [1, 3]
    check_invariants(report)


@pytest.mark.parametrize(
    ("old", "new"),
    [("", ""), ("", "new text\n"), ("old text\n", ""), ("\n\n\n", "\n"), ("x", "x\n")],
)
def test_empty_and_degenerate_texts(old: str, new: str) -> None:
    check_invariants(diff_texts(old, new))


def test_pass_through_of_decisions_and_readability() -> None:
    figures = ({"flesch_reading_ease": 50.0}, {"flesch_reading_ease": 60.0})
    report = diff_texts("a", "b", old_name="x.md", decisions={"accepted": 1}, readability=figures)
    assert (report.old_name, report.new_name) == ("x.md", "b")
    assert report.decisions == {"accepted": 1}
    assert report.readability == figures


# --------------------------------------------------------------------------
# Paragraphs.

PARAGRAPHS = [f"Paragraph {n} has a few words.\nAnd a second line.\n\n" for n in range(1, 7)]


def test_an_inserted_and_a_removed_paragraph() -> None:
    old = "".join(PARAGRAPHS)
    new_paragraphs = PARAGRAPHS[:]
    del new_paragraphs[4]  # paragraph 5, lines 13-15
    new_paragraphs.insert(1, "A brand new paragraph.\n\n")
    new = "".join(new_paragraphs)
    report = diff_texts(old, new)
    check_invariants(report)
    kinds = [{op.kind for op in b.ops} for b in report.blocks]
    assert kinds == [{"equal"}, {"insert"}, {"equal"}, {"equal"}, {"equal"}, {"delete"}, {"equal"}]
    inserted, removed = report.blocks[1], report.blocks[5]
    assert (inserted.old_line, inserted.new_line) == (4, 4)
    assert inserted.new == "A brand new paragraph.\n\n"
    assert (removed.old_line, removed.new_line) == (13, 15)
    assert removed.old == PARAGRAPHS[4]
    assert [(c.old, c.new) for c in report.changes] == [
        ("", "A brand new paragraph.\n\n"),
        (PARAGRAPHS[4], ""),
    ]


def test_edited_paragraph_is_diffed_word_by_word() -> None:
    old = "".join(PARAGRAPHS)
    new = old.replace("Paragraph 3 has a few", "Paragraph 3 has many")
    report = diff_texts(old, new)
    assert [(c.old, c.new) for c in report.changes] == [("a few", "many")]
    changed = [b for b in report.blocks if b.changed]
    assert len(changed) == 1
    assert changed[0].old_line == 7


def test_unequal_replaced_paragraphs_pair_in_order() -> None:
    old = "Alpha one.\n\nBeta two.\n\nGamma.\n"
    new = "Alpha uno.\n\nBeta dos.\n\nDelta extra.\n\nEpsilon.\n\nGamma.\n"
    report = diff_texts(old, new)
    check_invariants(report)
    assert [b.changed for b in report.blocks] == [True, True, True, True, False]
    assert marked(report).startswith("Alpha [-one-]{+uno+}.\n\nBeta [-two-]{+dos+}.\n\n")
    assert report.blocks[2].ops[0].kind == "insert"


def test_final_newline_added() -> None:
    report = diff_texts("One.\n\nTwo.", "One.\n\nTwo.\n")
    assert [(c.old, c.new) for c in report.changes] == [("", "\n")]
    assert report.changes[0].old_start == len("One.\n\nTwo.")


def test_crlf() -> None:
    old = "First line\r\nsecond line\r\n\r\nNext it's hard\r\nend\r\n"
    new = "First line\r\nsecond line\r\n\r\nNext its hardest\r\nend\r\n"
    report = diff_texts(old, new)
    check_invariants(report)
    assert [(c.old, c.new) for c in report.changes] == [("it's hard", "its hardest")]
    assert [b.old_line for b in report.blocks] == [1, 4]


def test_crlf_to_lf_is_a_whitespace_change_per_line() -> None:
    old = "one\r\ntwo\r\n"
    report = diff_texts(old, old.replace("\r\n", "\n"))
    check_invariants(report)
    assert [(c.old, c.new) for c in report.changes] == [("\r\n", "\n"), ("\r\n", "\n")]


def test_unicode() -> None:
    old = "Café 😀 naïve e\u0301te\u0301, 日本語です。 👍🏽 done."
    new = "Cafe 😃 naive e\u0301te\u0301, 日本語でした。 👍🏿 done."
    report = diff_texts(old, new)
    check_invariants(report)
    assert [(c.old, c.new) for c in report.changes] == [
        ("Café 😀 naïve", "Cafe 😃 naive"),
        ("す", "した"),
        ("👍🏽", "👍🏿"),
    ]


def test_combining_marks_stay_with_their_letter() -> None:
    report = diff_texts("The cafe\u0301 is open.", "The cafe\u0300 is open.")
    assert [(c.old, c.new) for c in report.changes] == [("cafe\u0301", "cafe\u0300")]


# --------------------------------------------------------------------------
# Long paragraphs.


def _long_paragraph(sentences: int) -> str:
    return "".join(
        f"Sentence {n} says the same kind of thing as the others, and then some more. "
        for n in range(sentences)
    )


def test_very_long_paragraph_is_split_and_stays_exact() -> None:
    old = _long_paragraph(600)  # about 10,000 words on one line
    assert len(tokenize(old)) > 4 * TOKEN_LIMIT
    new = (
        old.replace("Sentence 7 says", "Sentence 7 tells")
        .replace("Sentence 300 says the same", "Sentence 300 says a different")
        .replace("Sentence 599 says", "Sentence 599 said")
    )
    start = time.perf_counter()
    report = diff_texts(old, new)
    elapsed = time.perf_counter() - start
    print(f"long paragraph ({len(tokenize(old))} tokens): {elapsed:.3f} s")
    check_invariants(report)
    assert [(c.old, c.new) for c in report.changes] == [
        ("says", "tells"),
        ("the same", "a different"),
        ("says", "said"),
    ]
    assert elapsed < 5


def test_long_paragraphs_with_nothing_in_common() -> None:
    old = "".join(f"alpha{n} " for n in range(3 * TOKEN_LIMIT))
    new = "".join(f"beta{n} " for n in range(3 * TOKEN_LIMIT))
    start = time.perf_counter()
    report = diff_texts(old, new)
    print(f"unrelated long paragraphs: {time.perf_counter() - start:.3f} s")
    check_invariants(report)
    assert time.perf_counter() - start < 5


def _scattered_edits(seed: str, separator: str, numbered: bool) -> tuple[str, str, list[str]]:
    """About 20,000 words of copies of the seed; every ninth copy edited."""
    copies = 20_000 // len(seed.split()) + 1
    parts = [(f"Part {n}. " if numbered else "") + seed for n in range(copies)]
    old = separator.join(parts)
    expected = []
    for index in range(0, copies, 9):
        for before, after in EDITS:
            parts[index] = parts[index].replace(before, after, 1)
        expected += ["an|", "it’s hard|its hardest", "have to|"]
    return old, separator.join(parts), expected


EDITS = [("In an order to", "In order to"), ("must have to", "must"), ("it’s hard", "its hardest")]


@pytest.mark.parametrize(
    ("separator", "numbered"),
    [("\n\n", True), ("\n", True), (" ", True), ("\n\n", False)],
    ids=["paragraphs", "one-block-of-lines", "one-line", "identical-paragraphs"],
)
def test_twenty_thousand_words_with_scattered_edits(separator: str, numbered: bool) -> None:
    old, new, expected = _scattered_edits(SEED.read_text(encoding="utf-8"), separator, numbered)
    assert len(old.split()) >= 20_000
    start = time.perf_counter()
    report = diff_texts(old, new)
    elapsed = time.perf_counter() - start
    print(f"{len(old.split())} words, {len(report.changes)} changes: {elapsed:.3f} s")
    check_invariants(report)
    if numbered:
        # Difflib may put the space of "In an order" on either side of "an".
        assert [f"{c.old.strip()}|{c.new}" for c in report.changes] == expected
    # else: sixty identical paragraphs can be aligned in many ways; the report
    # is still exact (checked above), if not the smallest.
    assert elapsed < 5


# --------------------------------------------------------------------------
# From a review's edits.

ARTICLE = (
    "In an order to win, you must have to try.\n"
    "It is hard.\n"
    "\n"
    "Second paragraph, it's hard to say.\n"
    "\n"
    "Third."
)


def _edit(phrase: str, replacement: str, **extra: str) -> AttributedEdit:
    start = ARTICLE.index(phrase)
    return AttributedEdit(start, start + len(phrase), replacement, **extra)


def test_from_edits_provenance_and_exactness() -> None:
    edits = [
        _edit("it's hard", "its hardest", rule="House.ItsHard", decision="edited"),
        _edit(
            "In an order to",
            "In order to",
            rule="House.InAnOrderTo",
            source="vale",
            message="Use 'In order to'.",
            decision="accepted",
        ),
        _edit("must have to", "must", rule="House.MustHaveTo", decision="alternative"),
    ]
    report = from_edits(ARTICLE, edits, old_name="a.txt", new_name="b.txt")
    check_invariants(report)
    assert report.new_text == (
        "In order to win, you must try.\nIt is hard.\n\n"
        "Second paragraph, its hardest to say.\n\nThird."
    )
    assert [(c.old, c.new, c.rule, c.decision) for c in report.changes] == [
        ("an ", "", "House.InAnOrderTo", "accepted"),
        (" have to", "", "House.MustHaveTo", "alternative"),
        ("it's hard", "its hardest", "House.ItsHard", "edited"),
    ]
    first = report.changes[0]
    assert (first.source, first.message) == ("vale", "Use 'In order to'.")
    assert report.decisions == {"edited": 1, "accepted": 1, "alternative": 1}
    assert [b.old_line for b in report.blocks] == [1, 4, 6]
    assert [b.changed for b in report.blocks] == [True, True, False]


def test_from_edits_agrees_with_a_diff_of_the_result() -> None:
    edits = [_edit("it's hard", "its hardest"), _edit("Third", "3rd")]
    by_edits = from_edits(ARTICLE, edits)
    by_diff = diff_texts(ARTICLE, by_edits.new_text)
    assert by_edits.blocks == by_diff.blocks
    assert by_edits.changes == by_diff.changes


def test_from_edits_keeps_explicit_decisions() -> None:
    edit = _edit("Third", "3rd", decision="accepted")
    report = from_edits(ARTICLE, [edit], decisions={"accepted": 1, "rejected": 4})
    assert report.decisions == {"accepted": 1, "rejected": 4}


def test_from_edits_touching_edits_make_one_change() -> None:
    """Edits with nothing unchanged between them are one change, as a word diff
    of the same two texts counts them; the change names every rule."""
    text = "abc def"
    edits = [
        AttributedEdit(0, 3, "xyz", rule="One"),
        AttributedEdit(3, 3, "!", rule="Two"),
        AttributedEdit(3, 4, "", rule="Three"),
        AttributedEdit(4, 4, "-", rule="Four"),
    ]
    report = from_edits(text, edits)
    check_invariants(report)
    assert report.new_text == "xyz!-def"
    assert [(c.old, c.new, c.rule) for c in report.changes] == [
        ("abc ", "xyz!-", "One + Two + Three + Four"),
    ]
    assert len(diff_texts(text, report.new_text).changes) == 1


def test_edits_a_word_apart_make_one_change_and_a_sentence_apart_two() -> None:
    text = "Same is the case with it. We must have to go."
    edits = [
        _edit_in(text, "Same", "The same", rule="A"),
        _edit_in(text, "the case with", "true of", rule="B"),
        _edit_in(text, " have to", "", rule="C"),
    ]
    report = from_edits(text, edits)
    assert [(c.old, c.new, c.rule) for c in report.changes] == [
        ("Same is the case with", "The same is true of", "A + B"),
        (" have to", "", "C"),
    ]
    plain = diff_texts(text, report.new_text)
    assert [(c.old, c.new) for c in plain.changes] == [(c.old, c.new) for c in report.changes]


def _edit_in(text: str, old: str, new: str, rule: str) -> AttributedEdit:
    start = text.index(old)
    return AttributedEdit(start, start + len(old), new, rule=rule)


def test_from_edits_insertions_at_one_offset_keep_their_order() -> None:
    report = from_edits("ab", [AttributedEdit(1, 1, "1"), AttributedEdit(1, 1, "2")])
    assert report.new_text == "a12b"


def test_from_edits_across_a_paragraph_break_joins_the_blocks() -> None:
    edit = _edit("hard.\n\nSecond", "hard; second", rule="Join")
    report = from_edits(ARTICLE, [edit])
    check_invariants(report)
    assert [b.old_line for b in report.blocks] == [1, 6]
    assert (report.changes[0].old, report.changes[0].new) == (".\n\nSecond", "; second")


def test_from_edits_no_op_edit_is_left_out() -> None:
    report = from_edits(ARTICLE, [_edit("Third", "Third", decision="edited")])
    assert not report.changed
    assert report.decisions == {"edited": 1}


def test_from_edits_on_an_empty_text() -> None:
    report = from_edits("", [AttributedEdit(0, 0, "Hello.\n")])
    check_invariants(report)
    assert report.new_text == "Hello.\n"
    assert report.blocks[0].old_line == 1


@pytest.mark.parametrize(
    "edits",
    [
        [AttributedEdit(0, 5, "x"), AttributedEdit(4, 6, "y")],
        [AttributedEdit(0, 5, "x"), AttributedEdit(2, 2, "y")],
        [AttributedEdit(3, 2, "x")],
        [AttributedEdit(0, 999, "x")],
    ],
)
def test_from_edits_rejects_bad_edits(edits: list[AttributedEdit]) -> None:
    with pytest.raises(ValueError, match=r"overlaps|outside"):
        from_edits(ARTICLE, edits)


def test_layout_collapses_unchanged_paragraphs() -> None:
    old = "".join(PARAGRAPHS)
    new = old.replace("Paragraph 5 has", "Paragraph 5 had")
    items = layout(diff_texts(old, new), context=1)
    described = [getattr(item, "describe", lambda: "block")() for item in items]
    assert described == [
        "… 3 unchanged paragraphs (lines 1–9) …",
        "block",
        "block",
        "block",
    ]
    assert [len(layout(diff_texts(old, new), context=n)) for n in (0, 1, 5)] == [3, 4, 6]


# --------------------------------------------------------------------------
# Properties.

PIECES = st.sampled_from(
    [
        "the", "The", "it's", "its", "hard", "hardest", "re-use", " ", "  ", "\t", ",", ".",
        "\n", "\r\n", "\n\n", "\r\n\r\n", ". ", "! ", "。", "😀", "👍🏽", "e\u0301", "\u0301", "日本", "—", "'", "",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a variant: a few pieces replaced, removed or added."""
    pieces = draw(st.lists(PIECES, max_size=40))
    changed = pieces[:]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(changed)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert" or not changed:
            changed.insert(at, draw(PIECES))
        elif action == "delete":
            del changed[min(at, len(changed) - 1)]
        else:
            changed[min(at, len(changed) - 1)] = draw(PIECES)
    return "".join(pieces), "".join(changed)


@settings(max_examples=300, deadline=None)
@given(edited())
def test_diff_invariants_on_similar_texts(pair: tuple[str, str]) -> None:
    check_invariants(diff_texts(*pair))


@settings(max_examples=300, deadline=None)
@given(edited(), st.integers(1, 6))
def test_diff_invariants_when_every_pair_is_too_long(pair: tuple[str, str], limit: int) -> None:
    """The size guard (lines and sentences first), forced on small texts."""
    with patch.object(engine, "TOKEN_LIMIT", limit):
        check_invariants(diff_texts(*pair))


@settings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS)
def test_diff_invariants_on_unrelated_texts(old: str, new: str) -> None:
    check_invariants(diff_texts(old, new))


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[AttributedEdit]]:
    text = draw(TEXTS)
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = [
        AttributedEdit(start, end, draw(PIECES), rule=f"R{n}")
        for n, (start, end) in enumerate(zip(points[::2], points[1::2], strict=False))
    ]
    return text, draw(st.permutations(edits))


@settings(max_examples=300, deadline=None)
@given(text_and_edits())
def test_from_edits_invariants(case: tuple[str, list[AttributedEdit]]) -> None:
    text, edits = case
    report = from_edits(text, edits)
    check_invariants(report)
    expected, position = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        expected += [text[position : edit.start], edit.replacement]
        position = edit.end
    assert report.new_text == "".join(expected) + text[position:]
    effective = [e for e in edits if text[e.start : e.end] != e.replacement]
    named = [rule for c in report.changes for rule in (c.rule or "").split(" + ") if rule]
    # Every edit that changes something is named by exactly one change, and
    # that change lies within its edits' span (neighbours may share a change).
    assert sorted(named) == sorted(e.rule or "" for e in effective)
    for change in report.changes:
        members = [e for e in edits if e.rule in (change.rule or "").split(" + ")]
        assert min(e.start for e in members) <= change.old_start
        assert change.old_end <= max(e.end for e in members)
