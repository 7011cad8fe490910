"""The review model without a terminal: decisions, undo, ids, and the output."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from reviewing import ARTICLE, article, house, made

from editor.document import load_text
from editor.model import Edit
from editor.output import encode
from editor.review.state import Decision, ReviewState, Verdict, suggestion_ids


def state_for(text: str = ARTICLE) -> ReviewState:
    doc = article(text)
    return ReviewState.create(doc.text, house(doc), doc.sentences)


def test_decisions_never_edit_the_text_until_asked() -> None:
    state = state_for()
    state.accept()
    state.keep()
    state.accept(1)
    assert state.text == ARTICLE
    assert [e.replacement for e in state.edits()] == ["In order to", "has to"]
    assert state.cleaned().startswith("In order to win, the the team has to secure")


def test_undo_restores_decisions_ignored_rules_and_the_cursor() -> None:
    state = state_for("We saw the the cat. It have to go. Then the the dog.\n")
    state.next_open()
    assert state.cursor == 1
    state.ignore_rule()  # the cursor's rule: "It have"
    assert state.ignored_rules == {"House.ThirdPersonHave"}
    state.accept_rule()
    assert state.undo()
    assert state.undo()
    assert state.decisions == {}
    assert state.ignored_rules == set()
    assert state.cursor == 1
    assert not state.undo()


def test_ids_are_stable_across_unrelated_edits_and_unique_for_repeats() -> None:
    text = "We saw the the cat. Then the the dog.\n"
    doc = article(text)
    ids = suggestion_ids(doc.text, house(doc), doc.sentences)
    assert len(set(ids)) == 2
    moved = article("A new first sentence. " + text)
    assert suggestion_ids(moved.text, house(moved), moved.sentences) == ids
    same = article("We saw the the cat. We saw the the cat.\n")
    assert len(set(suggestion_ids(same.text, house(same), same.sentences))) == 2


def test_restore_keeps_only_known_ids() -> None:
    state = state_for()
    state.accept()
    saved = dict(state.decisions)
    saved["gone-1"] = Decision(Verdict.KEPT)
    fresh = state_for()
    assert fresh.restore(saved, ["House.X"]) == 1
    assert fresh.ignored_rules == {"House.X"}
    assert fresh.cursor == 1


def test_a_custom_fix_equal_to_the_text_is_a_keep() -> None:
    state = state_for()
    state.edit("In an order to")
    assert state.decision(0) == Decision(Verdict.KEPT)


def test_listeners_hear_every_change_including_undo() -> None:
    state = state_for()
    heard: list[tuple[str, Decision | None]] = []
    state.listeners.append(lambda key, decided: heard.append((key, decided)))
    state.accept()
    state.undo()
    assert heard == [
        (state.ids[0], Decision(Verdict.ACCEPTED, "In order to")),
        (state.ids[0], None),
    ]


# -- The output property -------------------------------------------------------

LINE_ENDINGS = st.sampled_from(["\n", "\r\n"])
WORDS = st.sampled_from(
    ["the", "cat", "😀", "Café", "naïve", "a", "it", "e\u0301", "   ", ",", "."]
)


@st.composite
def documents_with_suggestions(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    newline = draw(LINE_ENDINGS)
    lines = draw(
        st.lists(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=5)
    )
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    spans = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(text)),
                st.integers(0, 6),
                st.sampled_from(["", "X", "new words", "😀", "\r\n"]),
            ),
            max_size=8,
        )
    )
    return text, [(s, min(len(text), s + n), r) for s, n, r in spans]


@settings(max_examples=200, deadline=None)
@given(documents_with_suggestions(), st.data())
def test_output_is_the_input_with_exactly_the_accepted_spans_replaced(
    case: tuple[str, list[tuple[int, int, str]]], data: st.DataObject
) -> None:
    text, spans = case
    doc = load_text(text)
    items = sorted(
        {
            made(doc, s, e, r, rule=f"Test.R{i}")
            for i, (s, e, r) in enumerate(spans)
            if doc.text[s:e] != r
        },
        key=lambda s: (s.start, s.end, s.rule),
    )
    state = ReviewState.create(doc.text, items, doc.sentences)
    assert state.cleaned() == text  # nothing accepted: byte-identical
    for encoding, bom in (("utf-8", False), ("utf-8", True), ("utf-16-le", True)):
        assert encode(state.cleaned(), encoding, bom) == encode(text, encoding, bom)
    accepted: list[Edit] = []
    for index in range(len(items)):
        if data.draw(st.booleans()) and state.blocked_by(index) is None:
            state.jump(index)
            assert state.accept()
            accepted.append(
                Edit(items[index].start, items[index].end, items[index].replacements[0])
            )
    expected = text
    for edit in sorted(accepted, key=lambda e: (e.start, e.end), reverse=True):
        expected = expected[: edit.start] + edit.replacement + expected[edit.end :]
    assert state.cleaned() == expected
    # Undo everything: the input again, byte for byte.
    while state.undo():
        pass
    assert state.cleaned() == text


def test_the_undo_history_survives_a_round_trip_through_json() -> None:
    import json

    state = state_for("We saw the the cat. It have to go. Then the the dog.\n")
    state.accept()  # DoubledWord on the first "the the"
    state.ignore_rule()  # ThirdPersonHave: a bulk step with an ignored rule
    history = json.loads(json.dumps(state.history()))
    fresh = state_for("We saw the the cat. It have to go. Then the the dog.\n")
    assert fresh.restore(state.decisions, state.ignored_rules, history) == 2
    assert fresh.ignored_rules == {"House.ThirdPersonHave"}
    assert fresh.undo()  # the ignore: the rule is back, the cursor on it
    assert fresh.ignored_rules == set()
    assert fresh.cursor == 1
    assert fresh.undo()
    assert fresh.decisions == {}
    assert fresh.cursor == 0
    assert not fresh.undo()


def test_a_saved_step_whose_suggestions_are_gone_is_dropped() -> None:
    state = state_for()
    state.accept()
    history: list[dict[str, object]] = [
        *state.history(),
        {"before": {"gone-1": None}, "cursor": "gone-1"},
        {"x": 1},
    ]
    fresh = state_for()
    fresh.restore(state.decisions, (), history)
    assert len(fresh.undo_stack) == 1
