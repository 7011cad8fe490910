"""Merging findings from several engines into one list."""

from __future__ import annotations

from hypothesis import given, strategies as st

from editor.merge import merge
from editor.model import Severity, Suggestion

TEXT = "Huawei must have to secure teh deal in US market."


def make(
    start: int,
    end: int,
    *replacements: str,
    source: str = "rules",
    rule: str = "House.X",
    text: str = TEXT,
    category: str | None = None,
) -> Suggestion:
    return Suggestion(
        start=start,
        end=end,
        line=1,
        column=start + 1,
        text=text[start:end],
        message=f"{rule} says so",
        rule=rule,
        source=source,
        severity=Severity.WARNING,
        category=category,
        replacements=replacements,
    )


ORDER = ("rules", "harper", "languagetool")


def test_same_span_and_first_replacement_from_two_engines_is_one_suggestion() -> None:
    house = make(27, 30, "the", rule="House.Teh")
    harper = make(27, 30, "the", "tech", source="harper", rule="Harper.SpellCheck")
    lt = make(27, 30, "the", source="languagetool", rule="LanguageTool.MORFOLOGIK_RULE_EN_US")
    merged = merge([[lt], [harper], [house]], ORDER)
    assert len(merged) == 1
    only = merged[0]
    assert only.rule == "House.Teh"  # the first engine in order keeps its message
    assert only.sources == ("rules", "harper", "languagetool")
    assert only.also == (
        ("harper", "Harper.SpellCheck"),
        ("languagetool", "LanguageTool.MORFOLOGIK_RULE_EN_US"),
    )
    assert only.replacements == ("the", "tech")  # alternatives are pooled, best first
    assert not only.conflict


def test_overlapping_suggestions_that_disagree_are_kept_and_marked() -> None:
    must = make(7, 19, "must", rule="House.MustHaveTo")  # "must have to"
    has = make(7, 19, "has to", source="harper", rule="Harper.ModalHaveTo")
    have = make(12, 19, "", source="languagetool", rule="LanguageTool.X")  # "have to"
    elsewhere = make(27, 30, "the", source="harper", rule="Harper.SpellCheck")
    merged = merge([[have], [has, elsewhere], [must]], ORDER)
    assert [(s.rule, s.conflict) for s in merged] == [
        ("House.MustHaveTo", True),
        ("Harper.ModalHaveTo", True),
        ("LanguageTool.X", True),
        ("Harper.SpellCheck", False),
    ]


def spelled(start: int, end: int, *replacements: str, source: str) -> Suggestion:
    rule = "Harper.SpellCheck" if source == "harper" else "LanguageTool.MORFOLOGIK_RULE_EN_US"
    return make(start, end, *replacements, source=source, rule=rule, category="spelling")


LT_FIRST = ("rules", "languagetool", "harper")


def test_one_misspelled_word_is_one_suggestion_whatever_each_engine_guesses() -> None:
    lt = spelled(27, 30, "the", "tea", source="languagetool")
    harper = spelled(27, 30, "tech", "the", source="harper")
    (only,) = merge([[harper], [lt]], LT_FIRST)
    assert only.rule == "LanguageTool.MORFOLOGIK_RULE_EN_US"
    assert only.replacements == ("the", "tea", "tech")  # the earlier engine's guesses first
    assert only.also == (("harper", "Harper.SpellCheck"),)
    assert not only.conflict
    # Not spelling: different first fixes on one span stay two suggestions.
    grammar = [make(7, 19, "must", rule="House.A"), make(7, 19, "has to", source="harper")]
    assert len(merge([grammar], LT_FIRST)) == 2


def test_a_word_an_earlier_engine_checked_and_accepted_is_not_misspelled() -> None:
    lt = spelled(27, 30, "the", source="languagetool")  # "teh"
    flagged = spelled(27, 30, "tech", source="harper")
    huawei = spelled(0, 6, "Hawaii", source="harper")  # LanguageTool knows the name
    also = spelled(12, 16, "hive", source="harper")  # partly under LanguageTool's finding
    wider = spelled(11, 19, "have to", source="languagetool")
    style = make(0, 6, "Huawei's", source="harper", rule="Harper.Style")  # not spelling
    groups = [[lt, wider], [flagged, huawei, also, style]]
    kept = merge(groups, LT_FIRST, spelling_checked={"languagetool", "harper"})
    # Only the finding on the very word LanguageTool flagged adds its guesses;
    # on another span (a part of a name, a word LanguageTool took with its
    # neighbour) LanguageTool's own finding stands alone.
    assert [(s.start, s.rule) for s in kept] == [
        (0, "Harper.Style"),
        (11, "LanguageTool.MORFOLOGIK_RULE_EN_US"),
        (27, "LanguageTool.MORFOLOGIK_RULE_EN_US"),
    ]
    assert kept[-1].replacements == ("the", "tech")
    # Harper is later in the order: its silence never drops LanguageTool's findings.
    assert len(merge([[lt], []], LT_FIRST, spelling_checked={"harper"})) == 1
    # An engine that did not check spelling (LanguageTool failed, or its spell
    # checker is off) accepts nothing: only the two findings on "teh" become one.
    assert len(merge(groups, LT_FIRST, spelling_checked={"harper"})) == 5


def test_advice_without_a_fix_never_conflicts() -> None:
    sentence = make(0, 49, rule="House.SentenceLength")
    fix = make(27, 30, "the", source="harper", rule="Harper.SpellCheck")
    merged = merge([[sentence], [fix]], ORDER)
    assert [s.conflict for s in merged] == [False, False]


def test_touching_spans_do_not_conflict_but_insertions_at_one_point_do() -> None:
    left = make(0, 6, "Huawei’s", rule="House.A")
    right = make(6, 7, "", source="harper", rule="Harper.B")
    merged = merge([[left], [right]], ORDER)
    assert not any(s.conflict for s in merged)
    first = make(6, 6, ",", rule="House.Comma")
    second = make(6, 6, ";", source="harper", rule="Harper.Semicolon")
    assert all(s.conflict for s in merge([[first], [second]], ORDER))


def test_merge_is_deterministic_whatever_the_input_order() -> None:
    items = [
        make(7, 19, "must", rule="House.MustHaveTo"),
        make(7, 19, "has to", source="harper", rule="Harper.A"),
        make(27, 30, "the", source="languagetool", rule="LanguageTool.B"),
        make(27, 30, "the", source="harper", rule="Harper.C"),
    ]
    assert merge([items], ORDER) == merge([list(reversed(items))], ORDER)
    assert merge([items[:2], items[2:]], ORDER) == merge([items[2:], items[:2]], ORDER)


@st.composite
def suggestions(draw: st.DrawFn) -> Suggestion:
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start, min(len(TEXT), start + 12)))
    replacements = draw(st.lists(st.sampled_from(["a", "the", "", "must"]), max_size=2))
    source = draw(st.sampled_from(ORDER))
    rule = draw(st.sampled_from(["R1", "R2", "R3"]))
    return make(start, end, *replacements, source=source, rule=f"{source}.{rule}")


@given(st.lists(st.lists(suggestions(), max_size=8), max_size=3))
def test_merged_output_is_sorted_unique_and_keeps_every_span(
    groups: list[list[Suggestion]],
) -> None:
    merged = merge(groups, ORDER)
    starts = [(s.start, s.end) for s in merged]
    assert starts == sorted(starts)
    keys = [(s.start, s.end, s.replacements[:1]) for s in merged]
    assert len(keys) == len(set(keys)), "no exact duplicates"
    inputs = {(s.start, s.end, s.replacements[:1]) for group in groups for s in group}
    assert set(keys) == inputs, "every distinct suggestion survives"
    for s in merged:
        assert TEXT[s.start : s.end] == s.text
    assert merge([list(merged)], ORDER) == merged, "merging is idempotent"


def test_no_guess_from_the_judge_means_no_guess_at_all() -> None:
    # LanguageTool flags "Puerquitour" with no guess: a name, most likely.
    lt = spelled(0, 11, source="languagetool")
    harper = spelled(0, 11, "Ubiquitous", source="harper")
    (merged,) = merge([[lt], [harper]], LT_FIRST, spelling_checked={"languagetool", "harper"})
    assert merged.source == "languagetool"
    assert merged.replacements == ()
    assert [source for source, _ in merged.also] == ["harper"]


def test_a_fix_inside_another_that_makes_the_same_text_is_one_suggestion() -> None:
    text = "Then it have to go, in the right hand side."
    it_have = make(5, 12, "it has", source="rules", rule="House.ThirdPersonHave", text=text)
    have = make(8, 12, "has", source="languagetool", rule="LanguageTool.IT_VBZ", text=text)
    hand = text.index("right hand")
    hyphen = make(hand, hand + 10, "right-hand", source="languagetool", rule="LT.HYPHEN", text=text)
    space = make(hand + 5, hand + 6, "-", source="harper", rule="Harper.LeftRightHand", text=text)
    order = ("rules", "languagetool", "harper")  # copydesk's merge order
    merged = merge([[it_have], [have, hyphen], [space]], order)
    assert [(s.rule, s.text, s.also, s.conflict) for s in merged] == [
        ("House.ThirdPersonHave", "it have", (("languagetool", "LanguageTool.IT_VBZ"),), False),
        ("LT.HYPHEN", "right hand", (("harper", "Harper.LeftRightHand"),), False),
    ]
    # A different edit inside stays a conflict.
    other = make(8, 12, "had", source="languagetool", rule="LanguageTool.X", text=text)
    assert [s.conflict for s in merge([[it_have], [other]], order)] == [True, True]
    # The earlier engine keeps its own span, even the narrower one.
    narrow_first = merge([[it_have], [have]], ("languagetool", "rules"))
    assert [(s.rule, s.text) for s in narrow_first] == [("LanguageTool.IT_VBZ", "have")]


def test_a_house_rule_and_a_spell_checker_making_the_same_fix_are_one_suggestion() -> None:
    text = "We spent alot on ads."
    at = text.index("alot")
    house = make(at, at + 4, "a lot", source="rules", rule="House.Alot", text=text)
    spelling = make(
        at,
        at + 4,
        "a lot",
        "allot",
        source="languagetool",
        rule="LT.MORFOLOGIK",
        text=text,
        category="spelling",
    )
    merged = merge([[house], [spelling]], ("rules", "languagetool"))
    assert [(s.rule, s.replacements, s.also, s.conflict) for s in merged] == [
        ("House.Alot", ("a lot",), (("languagetool", "LT.MORFOLOGIK"),), False)
    ]
    # Different first fixes on one span stay two suggestions, in conflict.
    other = make(
        at, at + 4, "allot", source="languagetool", rule="LT.M", text=text, category="spelling"
    )
    assert [s.conflict for s in merge([[house], [other]], ("rules", "languagetool"))] == [
        True,
        True,
    ]
