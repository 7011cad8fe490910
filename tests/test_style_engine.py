"""Each rule type's Vale semantics, the loader's errors and the time guard."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from editor.checkers.style import StyleChecker, default_rules_dir, load_rules, run_rule
from editor.checkers.style.examples import check_examples
from editor.checkers.style.matching import RuleTimeoutError, format_message, keep_case
from editor.document import load_text

if TYPE_CHECKING:
    from editor.model import Suggestion

WriteRule = Callable[..., Path]


def findings(path: Path, text: str, fmt: str = "text") -> list[Suggestion]:
    loaded = load_rules([path])
    assert not loaded.errors, loaded.errors
    doc = load_text(text, "markdown" if fmt == "markdown" else "text")
    result = StyleChecker(loaded.rules).check(doc)
    for s in result.suggestions:
        assert doc.text[s.start : s.end] == s.text
    return list(result.suggestions)


def spans(found: list[Suggestion]) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.text, s.replacements) for s in found]


# ---------------------------------------------------------------- existence


def test_existence_tokens_are_whole_words_and_ignorecase(write_rule: WriteRule) -> None:
    path = write_rule(
        "Hedge",
        "extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\nlevel: warning\n"
        "tokens:\n  - basically\n  - sort of\n",
    )
    found = findings(path, "Basically it is sort of fine, unlike basicallyness.")
    assert spans(found) == [("Basically", ()), ("sort of", ())]
    assert found[0].message == "Avoid 'Basically'."
    assert found[0].severity.label == "warning"
    assert (found[0].line, found[0].column) == (1, 1)


def test_existence_raw_nonword_exceptions_and_actions(write_rule: WriteRule) -> None:
    path = write_rule(
        "SpaceComma",
        "extends: existence\nmessage: 'Space before comma.'\nnonword: true\n"
        "raw:\n  - '\\s+(?=,)'\naction:\n  name: remove\n",
    )
    assert spans(findings(path, "One , two,three ,four")) == [(" ", ("",)), (" ", ("",))]
    path = write_rule(
        "Latin",
        "extends: existence\nmessage: \"Use 'for example' for '%s'.\"\nignorecase: true\n"
        "nonword: true\ntokens:\n  - 'e\\.g\\.'\n  - 'viz\\.'\nexceptions:\n  - viz\n"
        "action:\n  name: replace\n  params: [for example]\n",
    )
    assert spans(findings(path, "Fruit, e.g. apples; viz. pears.")) == [("e.g.", ("for example",))]


def test_existence_never_matches_in_code_or_urls(write_rule: WriteRule) -> None:
    path = write_rule("Foo", "extends: existence\nmessage: x\ntokens: [foo]\n")
    text = "Use `foo` in [a foo link](https://foo.example/foo) and foo.\n\n```\nfoo\n```\n"
    found = findings(path, text, "markdown")
    assert [(s.line, s.column) for s in found] == [(1, 17), (1, 56)]


# ---------------------------------------------------------------- substitution


def test_substitution_keeps_capitalisation_and_offers_alternatives(write_rule: WriteRule) -> None:
    path = write_rule(
        "Order",
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n"
        "swap:\n  in an order to: in order to\n  must have to: must|has to\n"
        "  'e-?mail': email\n",
    )
    found = findings(
        path, "In an order to win, IN AN ORDER TO win, it must have to. Email or e-mail. email."
    )
    # "Email" is not "email" as written, so Vale flags it (with nothing to fix).
    assert spans(found) == [
        ("In an order to", ("In order to",)),
        ("IN AN ORDER TO", ("IN ORDER TO",)),
        ("must have to", ("must", "has to")),
        ("Email", ()),
        ("e-mail", ("email",)),
    ]
    # The message shows the value as written; with action: replace, as a list.
    assert found[0].message == "Use 'in order to' instead of 'In an order to'."
    assert found[2].message == "Use 'must|has to' instead of 'must have to'."
    path = write_rule(
        "Listed",
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\naction:\n  name: replace\n"
        "swap:\n  must have to: must|has to\n  abc: x|y|z\n",
    )
    assert [s.message for s in findings(path, "It must have to. abc.")] == [
        "Use 'must' or 'has to' instead of 'must have to'.",
        "Use 'x', 'y', or 'z' instead of 'abc'.",
    ]


def test_substitution_tries_the_longest_key_first(write_rule: WriteRule) -> None:
    path = write_rule(
        "Longest",
        "extends: substitution\nmessage: '%s'\nswap:\n  on: upon\n  on the other hand: conversely\n",
    )
    assert spans(findings(path, "It is on the other hand on time.")) == [
        ("on the other hand", ("conversely",)),
        ("on", ("upon",)),
    ]


def test_keep_case_and_message_format() -> None:
    assert keep_case("In an order to", "in order to") == "In order to"
    assert keep_case("e-mail", "email") == "email"
    assert keep_case("Internet", "internet") == "Internet"
    assert keep_case("USA", "US") == "US"
    assert format_message("Use '%s' not '%s' (100%%).", ("a", "b")) == "Use 'a' not 'b' (100%)."


# ---------------------------------------------------------------- occurrence


def test_occurrence_flags_long_sentences(write_rule: WriteRule) -> None:
    path = write_rule(
        "Long",
        "extends: occurrence\nmessage: 'Sentence of %s words.'\nscope: sentence\nmax: 5\n"
        "token: '\\b\\w+\\b'\n",
    )
    found = findings(path, "Short one here. This sentence has clearly more than five words in it.")
    # Vale points at the first token of the sentence.
    assert [(s.text, s.column) for s in found] == [("This", 17)]
    assert found[0].message == "Sentence of 10 words."
    assert found[0].replacements == ()


def test_occurrence_scope_paragraph_and_min(write_rule: WriteRule) -> None:
    path = write_rule(
        "Thin", "extends: occurrence\nmessage: thin\nscope: paragraph\nmin: 3\ntoken: '\\w+'\n"
    )
    assert [s.line for s in findings(path, "Two words\n\nNow three words\n")] == [1]
    # max: 0 and min: 0 set no bound, as in Vale.
    path = write_rule("Zero", "extends: occurrence\nmessage: x\nmax: 0\ntoken: '\\w+'\n")
    assert findings(path, "Any number of words here.") == []


def test_a_limit_keeps_the_first_findings(write_rule: WriteRule) -> None:
    path = write_rule("Few", "extends: existence\nmessage: x\nlimit: 2\ntokens: [foo]\n")
    found = findings(path, "foo one\n\nfoo two\n\nfoo three\n", "markdown")
    assert [s.line for s in found] == [1, 3]


# ---------------------------------------------------------------- repetition


def test_repetition_finds_doubled_words_across_line_breaks(write_rule: WriteRule) -> None:
    path = write_rule(
        "Repeat",
        "extends: repetition\nmessage: \"'%s' is repeated.\"\nignorecase: true\nalpha: true\n"
        "tokens: ['[^\\s]+']\nexceptions: [had]\n",
    )
    found = findings(path, "It was the the\nthe best. He had had it. The end. End 2 2 3.")
    # A run of three is two findings; "The end. End" spans two sentences.
    assert spans(found) == [("the the", ("the",)), ("the\nthe", ("the",))]


# ---------------------------------------------------------------- consistency


def test_consistency_first_form_wins(write_rule: WriteRule) -> None:
    path = write_rule(
        "Mail",
        "extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\nignorecase: true\n"
        "either:\n  e-mail: email\n",
    )
    # Vale flags each block's last match once both forms have appeared.
    found = findings(path, "Send an e-mail. Email us. Your email.")
    assert spans(found) == [("email", ("e-mail",))]
    found = findings(path, "Send an e-mail.\n\nEmail us.\n\nYour e-mail.\n", "markdown")
    assert spans(found) == [("Email", ("E-mail",)), ("e-mail", ())]
    assert findings(path, "Email only. Email again.") == []


# ---------------------------------------------------------------- capitalization


def test_capitalization_sentence_case_headings(write_rule: WriteRule) -> None:
    path = write_rule(
        "Headings",
        "extends: capitalization\nmessage: \"'%s' should use sentence-style capitalization.\"\n"
        "match: $sentence\nscope: heading\nexceptions: [JSON, Huawei]\nindicators: [':']\n",
    )
    text = (
        "# This is a fine Heading\n\n# This is a Heading\n\n# Accepting a JSON response\n\n"
        "# Test: Modern documentation\n\n# Why Huawei Lost The Deal\n\n# Fix THE heading\n\n"
        "Body Text Is Not A Heading.\n"
    )
    found = findings(path, text, "markdown")
    # One wrong word in five passes (Vale's threshold, 0.8), one in four does
    # not; a word in capitals is wrong unless it is an exception.
    assert spans(found) == [
        ("This is a Heading", ("This is a heading",)),
        ("Why Huawei Lost The Deal", ("Why Huawei lost the deal",)),
        ("Fix THE heading", ("Fix the heading",)),
    ]
    assert found[2].message == "'Fix THE heading' should use sentence-style capitalization."


def test_capitalization_title_case_and_regex(write_rule: WriteRule) -> None:
    path = write_rule(
        "Title",
        "extends: capitalization\nmessage: '%s'\nscope: heading\nmatch: $title\nstyle: AP\n",
    )
    found = findings(path, "# the rise of the phones\n\n# The Rise of the Phones\n", "markdown")
    assert spans(found) == [("the rise of the phones", ("The Rise of the Phones",))]
    path = write_rule(
        "Lower", "extends: capitalization\nmessage: '%s'\nscope: heading\nmatch: '[a-z]'\n"
    )
    assert [s.text for s in findings(path, "# SHOUTING HEADING\n\n# Calm\n", "markdown")] == [
        "SHOUTING HEADING"
    ]


# ---------------------------------------------------------------- conditional


def test_conditional_acronym_must_be_defined_first(write_rule: WriteRule) -> None:
    path = write_rule(
        "Acronyms",
        "extends: conditional\nmessage: \"Spell out '%s'.\"\nfirst: '\\b([A-Z]{3,5})\\b'\n"
        "second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\nexceptions: [NASA]\n",
    )
    text = "The WSJ said so.\n\nThe Wall Street Journal (WSJ) reported. WSJ again. NASA too. The FCC did.\n"
    found = findings(path, text, "markdown")
    assert [(s.text, s.line) for s in found] == [("WSJ", 1), ("FCC", 3)]


# ---------------------------------------------------------------- loader errors


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "extends: existence\nmessage: x\ntokens:\n  - '(unclosed'\n",
            r"Bad\.yml:3: tokens: invalid regular expression '\(unclosed'",
        ),
        ("extends: grammar\nmessage: x\n", r"Bad\.yml:1: extends: unknown rule type 'grammar'"),
        (
            "extends: existence\nmessage: x\ntokens: [a]\nfoo: 1\n",
            r"Bad\.yml:4: foo: has invalid keys: 'foo'",
        ),
        ("message: x\ntokens: [a]\n", r"Bad\.yml:1: extends: missing \(required\)"),
        ("extends: existence\ntokens: [a]\n", r"Bad\.yml:1: message: missing \(required\)"),
        ("extends: substitution\nmessage: x\n", r"Bad\.yml:1: swap: missing \(required\)"),
        (
            "extends: existence\nmessage: x\nlevel: fatal\ntokens: [a]\n",
            r"Bad\.yml:3: level: unknown level 'fatal'",
        ),
        (
            "extends: existence\nmessage: x\n",
            r"Bad\.yml:1: tokens: an existence rule needs 'tokens' or 'raw'",
        ),
        (
            "extends: occurrence\nmessage: x\ntoken: a\n",
            r"Bad\.yml:1: max: an occurrence rule needs 'max' or 'min'",
        ),
        ("extends: existence\nmessage: x\ntokens: [a\n", r"Bad\.yml:3: invalid YAML"),
        ("- just\n- a list\n", r"Bad\.yml:1: a rule file must be a YAML mapping"),
        (
            "extends: existence\nmessage: x\nignorecase: maybe\ntokens: [a]\n",
            r"Bad\.yml:3: ignorecase: must be true or false",
        ),
        (
            "extends: existence\nmessage: x\ntokens: [a]\n"
            "action:\n  name: edit\n  params: [regex, '(bad', x]\n",
            r"Bad\.yml:4: action: invalid regular expression '\(bad'",
        ),
    ],
)
def test_loader_errors_name_file_line_and_key(
    write_rule: WriteRule, body: str, expected: str
) -> None:
    bad = write_rule("Bad", body)
    write_rule("Good", "extends: existence\nmessage: x\ntokens: [word]\n")
    loaded = load_rules([bad.parent])
    assert [r.info.id for r in loaded.rules] == ["Test.Good"]
    assert len(loaded.errors) == 1
    assert re.search(expected, str(loaded.errors[0])), str(loaded.errors[0])


def test_runaway_regex_is_stopped_and_reported(write_rule: WriteRule) -> None:
    path = write_rule(
        "Runaway", "extends: existence\nmessage: x\nnonword: true\nraw: ['(\\w|\\w\\w)+\\d']\n"
    )
    loaded = load_rules([path])
    doc = load_text("x" * 30 + "a" * 30)
    with pytest.raises(RuleTimeoutError):
        run_rule(loaded.rules[0], doc)
    result = StyleChecker(loaded.rules).check(doc)
    assert result.suggestions == ()
    assert len(result.notices) == 1
    assert "Test.Runaway: pattern ran out of time" in result.notices[0]


def test_a_runaway_capitalization_pattern_is_a_notice_not_a_hang(write_rule: WriteRule) -> None:
    path = write_rule("Shape", "extends: capitalization\nmessage: x\nmatch: '(\\w|\\w\\w)+\\d'\n")
    loaded = load_rules([path])
    assert not loaded.errors, loaded.errors
    result = StyleChecker(loaded.rules).check(load_text("# " + "a" * 60 + "\n", "markdown"))
    assert result.suggestions == ()
    assert len(result.notices) == 1
    assert "Test.Shape: pattern ran out of time" in result.notices[0]


def test_replacements_follow_the_documents_apostrophes(write_rule: WriteRule) -> None:
    path = write_rule(
        "ItsA",
        "extends: substitution\nmessage: '%s'\nignorecase: true\nswap:\n  its a: it's a\n  10 AM: 10 a.m.\n",
    )
    assert spans(findings(path, "Its a deal, it’s done, and it’s late.")) == [
        ("Its a", ("It’s a",))
    ]
    assert spans(findings(path, "Its a deal, it's done.")) == [("Its a", ("It's a",))]
    assert spans(findings(path, "Open at 10 AM.")) == [("10 AM", ("10 a.m.",))]


def test_a_common_look_behind_is_factored_without_changing_matches() -> None:
    from editor.checkers.style.substitution import _common_lookbehind, _leading_lookbehind

    assert _leading_lookbehind(r"(?<=\b(?:has|[)(])\s)went") == r"(?<=\b(?:has|[)(])\s)"
    assert _leading_lookbehind(r"(?<=\)x)y") == r"(?<=\)x)"
    assert _leading_lookbehind("went") is None
    keys = [r"(?<=\bhas\s)went", r"(?<=\bhas\s)came"]
    assert _common_lookbehind(keys) == (r"(?<=\bhas\s)", ["went", "came"])
    assert _common_lookbehind([r"(?<=a)x", r"(?<=b)y"]) == ("", [r"(?<=a)x", r"(?<=b)y"])
    # The shipped rule that needs it still finds exactly its examples.
    rule = next(
        r
        for r in load_rules([default_rules_dir()]).rules
        if r.info.id == "House.PerfectWithPastTense"
    )
    assert not check_examples(rule)
