"""Vale's rule schema, key by key, against the real Vale (the pinned release,
see ``vale_oracle``).

Each case writes one rule, one Markdown document and a ``.vale.ini`` into a
temporary folder, runs Vale there and copydesk's engine on the same files,
and compares the lines ``path:line:column:Rule:message`` exactly. Fixes are
compared with the ``Suggestions`` of Vale's JSON output. Where copydesk
differs on purpose, the test says so and checks copydesk's own answer.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from vale_oracle import copydesk_vale_lines, need_vale, vale_lines

from editor.checkers.style import StyleChecker, load_rules
from editor.document import load_path

if TYPE_CHECKING:
    from pathlib import Path

    from editor.model import Suggestion

INI = "StylesPath = styles\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = T\n"


def folder_with(tmp_path: Path, rule: str, doc: str) -> Path:
    """``styles/T/R.yml`` (rule ``T.R``), ``t.md`` and a ``.vale.ini``."""
    (tmp_path / "styles" / "T").mkdir(parents=True)
    (tmp_path / "styles" / "T" / "R.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "t.md").write_text(doc, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(INI, encoding="utf-8")
    return tmp_path


def ours(folder: Path) -> list[Suggestion]:
    loaded = load_rules([folder / "styles" / "T" / "R.yml"])
    assert not loaded.errors, loaded.errors
    result = StyleChecker(loaded.rules).check(load_path(folder / "t.md"))
    return sorted(result.suggestions, key=lambda s: (s.line, s.column, s.rule))


def our_lines(folder: Path) -> list[str]:
    return [f"t.md:{s.line}:{s.column}:{s.rule}:{s.message}" for s in ours(folder)]


def vale_suggestions(folder: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Each alert's matched text and ``Suggestions``, from Vale's JSON output."""
    done = subprocess.run(
        [str(need_vale()), "--output=JSON", "t.md"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("VALE_")},
    )
    alerts = json.loads(done.stdout or "{}").get("t.md", [])
    return [(a["Match"], tuple(a["Suggestions"])) for a in alerts]


def our_suggestions(folder: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.text, s.replacements) for s in ours(folder)]


@dataclass(frozen=True)
class Case:
    id: str
    rule: str
    doc: str


SAY = "message: \"'%s'\"\n"
USE = "message: \"Use '%s' instead of '%s'.\"\n"
SHOW = "message: \"'%s' -> '%s'\"\n"

CASES = [
    # ------------------------------------------------------------ existence
    Case(
        "existence-tokens-ignorecase",
        f"extends: existence\n{SAY}ignorecase: true\ntokens: [basically, sort of]\n",
        "Basically it is sort of fine, unlike basicallyness.\n",
    ),
    Case(
        "existence-raw-before-tokens",
        f"extends: existence\n{SAY}ignorecase: true\nraw: ['\\bvery\\s']\ntokens: [good, bad]\n",
        "very good and Very BAD, very well.\n",
    ),
    Case(
        "existence-append",
        f"extends: existence\n{SAY}append: true\ntokens: [foo]\nraw: ['\\s+bar']\n",
        "foo bar and foobar bar.\n",
    ),
    Case(
        "existence-nonword",
        f"extends: existence\n{SAY}nonword: true\ntokens: ['e\\.g\\.', 'ing\\b']\n",
        "Fruit, e.g. apples, thinking, and ingot.\n",
    ),
    Case(
        "existence-exceptions-are-case-sensitive",
        f"extends: existence\n{SAY}ignorecase: true\ntokens: ['apple\\w*']\n"
        "exceptions: [Apple, '(?i)applesauce']\nvocab: false\n",
        "apple Apple APPLE applesauce Applesauce apples.\n",
    ),
    Case(
        "existence-phrase-exception",
        f"extends: existence\n{SAY}ignorecase: true\ntokens: [mea, culpa]\n"
        "exceptions: ['mea culpa']\n",
        "Mea culpa. mea culpa. MEA CULPA. mea.\n",
    ),
    Case(
        "existence-limit",
        f"extends: existence\n{SAY}limit: 2\ntokens: [foo]\n",
        "foo and foo.\n\nfoo again.\n",
    ),
    Case(
        "existence-keys-ignore-case",
        f"extends: existence\n{SAY}IgnoreCase: true\nTokens: [bar]\n",
        "Bar one, BAR two.\n",
    ),
    Case(
        "message-verbs-and-missing-arguments",
        "extends: existence\nmessage: '%d and %s and %s (100%%)'\ntokens: [foo]\n",
        "foo.\n",
    ),
    Case(
        "message-folded-over-lines",
        "extends: existence\nmessage: >\n  Avoid '%s' here\n  please.\ntokens: [foo]\n",
        "foo.\n",
    ),
    Case(
        "message-with-an-action-gets-the-suggestion",
        f"extends: existence\n{SHOW}tokens: ['\\w+_\\w+']\n"
        "action:\n  name: replace\n  params: [one, two, three]\n",
        "Use foo_bar.\n",
    ),
    # ------------------------------------------------------------ substitution
    Case(
        "substitution-longest-key-first",
        f"extends: substitution\n{USE}swap:\n  on: upon\n  on the other hand: conversely\n"
        "  other: another\n",
        "It is on the other hand on other things.\n",
    ),
    Case(
        "substitution-value-as-written",
        f"extends: substitution\n{USE}ignorecase: true\nswap:\n  in an order to: in order to\n"
        "  must have to: must|has to\n  'e-?mail': email\n  abc: x|y|z\n",
        "In an order to win, it must have to. Email or e-mail. Abc.\n",
    ),
    Case(
        "substitution-replace-lists-two-and-three-options",
        f"extends: substitution\n{USE}ignorecase: true\naction:\n  name: replace\nswap:\n"
        "  must have to: must|has to\n  abc: x|y|z\n  in an order to: in order to\n",
        "In an order to win, it must have to. Abc.\n",
    ),
    Case(
        "substitution-replace-with-one-quoted-argument",
        "extends: substitution\nmessage: \"Use %s, not '%s'.\"\naction:\n  name: replace\n"
        "swap:\n  foo: bar|baz\n",
        "foo and bar.\n",
    ),
    Case(
        "substitution-back-references",
        f"extends: substitution\n{USE}ignorecase: true\nswap:\n"
        "  '(?:a|the) (big|large) (\\w+)': 'a huge $2'\n  'very (\\w+)': 'really $1'\n"
        "  '(\\w+)-ly': '$1ly'\n",
        "A big dog and the large cat are very nice, quick-ly.\n",
    ),
    Case(
        "substitution-capitalize",
        f"extends: substitution\n{USE}ignorecase: true\ncapitalize: true\nswap:\n"
        "  utilize: use\n  'e-?mail': email\n",
        "Utilize it. Email me. utilize. E-mail.\n",
    ),
    Case(
        "substitution-exceptions",
        f"extends: substitution\n{USE}ignorecase: true\nexceptions: [Web Site, the website]\n"
        "swap:\n  web site: website\n",
        "The Web Site is a web site. WEB SITE.\n",
    ),
    Case(
        "substitution-nonword",
        f"extends: substitution\n{USE}nonword: true\nswap:\n  '--': '—'\n  '\\.\\.\\.': '…'\n",
        "Wait -- no... yes.\n",
    ),
    # ------------------------------------------------------------ occurrence
    Case(
        "occurrence-max-points-at-the-first-token",
        "extends: occurrence\nmessage: 'Sentence of %d words.'\nscope: sentence\nmax: 3\n"
        "token: '\\b\\w+\\b'\n",
        '"Short one" here now and then. Yes.\n\nAnother long sentence is here.\n',
    ),
    Case(
        "occurrence-min-and-none",
        "extends: occurrence\nmessage: 'Only %d words'\nscope: paragraph\nmin: 4\n"
        "token: '\\b\\w+\\b'\n",
        "Two words.\n\nNow there are enough words here.\n",
    ),
    Case(
        "occurrence-ignorecase-and-code-like-tokens",
        "extends: occurrence\nmessage: '%d'\nscope: paragraph\nmax: 1\nignorecase: true\n"
        "token: '\\*+|x'\n",
        "a ** b X x\n\nplain\n",
    ),
    # ------------------------------------------------------------ repetition
    Case(
        "repetition-alpha-exceptions-and-runs",
        "extends: repetition\nmessage: \"'%s' is repeated!\"\nignorecase: true\nalpha: true\n"
        "tokens: ['[^\\s.!?]+']\nexceptions: [had]\n",
        "It was the the the best. He had had it. I forgot about that. That is it. "
        "The the end, end. 2 2 go.\n",
    ),
    Case(
        "repetition-max-counts-across-the-block",
        "extends: repetition\nmessage: \"'%s' again\"\nmax: 1\ntokens: ['\\bthe\\b', '\\ba\\b']\n",
        "the cat the dog a bird a fish the end the.\n",
    ),
    # ------------------------------------------------------------ consistency
    Case(
        "consistency-either",
        f"extends: consistency\n{SAY}ignorecase: true\neither:\n  advisor: adviser\n"
        "  'e-mail': email\n",
        "An advisor sent an email.\n\nThe adviser sent an e-mail. Email again.\n\nNo more.\n\n"
        "E-mail advisor.\n",
    ),
    Case(
        "consistency-nonword-and-unknown-keys",
        f"extends: consistency\n{SAY}nonword: true\nnot_a_key: 1\neither:\n  'colou?r': 'hue'\n",
        "The color and the hue.\n\nA colour.\n",
    ),
    # ------------------------------------------------------------ conditional
    Case(
        "conditional-definitions",
        "extends: conditional\nmessage: \"Spell out '%s'.\"\nfirst: '\\b([A-Z]{3,5})\\b'\n"
        "second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\nexceptions: [NASA]\n",
        "The WSJ said so.\n\nThe Wall Street Journal (WSJ) reported. WSJ again. NASA too. "
        "The FCC did.\n\nWSJs here.\n",
    ),
    Case(
        "conditional-without-a-group",
        "extends: conditional\nmessage: \"'%s' needs its name\"\nfirst: '\\bAPI\\b'\n"
        "second: 'Application Programming Interface'\n",
        "The API is here.\n\nThe API (Application Programming Interface) is here. API.\n",
    ),
    # ------------------------------------------------------------ capitalization
    Case(
        "capitalization-title-ap",
        f"extends: capitalization\n{SHOW}match: $title\nscope: heading\n",
        "# the rise of the phones\n\n# The Rise of the Phones\n\n# How to use the API\n\n"
        "# Welcome to Vale\n\n# What you need to know\n\n# Follow step-by-step instructions\n\n"
        "# Apple’s deal with AT&T falls through\n\n# Catchy title: a subtitle\n\n"
        "# Listen to music\n",
    ),
    Case(
        "capitalization-title-chicago",
        f"extends: capitalization\n{SHOW}match: $title\nstyle: Chicago\nscope: heading\n",
        "# Going through the woods with a map\n\n# Going Through the Woods With a Map\n\n"
        "# The best of the best\n",
    ),
    Case(
        "capitalization-sentence-indicators-and-exceptions",
        f"extends: capitalization\n{SHOW}match: $sentence\nscope: heading\n"
        "exceptions: [JSON, Huawei, macOS]\nindicators: [':']\n",
        "# Accepting a JSON response\n\n# Why Huawei Lost The Deal\n\n"
        "# Test: Modern documentation\n\n# macOS 15: What's new\n\n"
        "# accepting a json response\n\n# The README file\n",
    ),
    Case(
        "capitalization-sentence-defaults",
        f"extends: capitalization\n{SHOW}match: $sentence\nscope: heading\n",
        "# Test: Modern documentation\n\n# 1. an important heading\n\n"
        "# Accepting a JSON response\n\n# v1.2 release notes\n\n# ALL CAPS HEADING\n\n"
        "# Why Huawei lost the deal\n",
    ),
    Case(
        "capitalization-sentence-threshold-and-prefix",
        f"extends: capitalization\n{SHOW}match: $sentence\nscope: heading\nthreshold: 0.5\n"
        "prefix: '^[a-z]\\.\\s'\n",
        "# b. next Title text\n\n# Why Huawei Lost The Deal\n\n# Some Words Here Too\n",
    ),
    Case(
        "capitalization-lower-upper-exceptions",
        f"extends: capitalization\n{SHOW}match: $upper\nscope: heading\nexceptions: [x86]\n",
        "# ALL UPPER\n\n# Not upper\n\n# THE x86 THING\n",
    ),
    Case(
        "capitalization-pattern",
        f"extends: capitalization\n{SHOW}match: '^[A-Z]'\nscope: heading\n",
        "# lower start\n\n# Upper start\n",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_copydesk_prints_what_vale_prints(tmp_path: Path, case: Case) -> None:
    folder = folder_with(tmp_path, case.rule, case.doc)
    expected = vale_lines(folder, "t.md")
    assert expected, "the case should give Vale something to report"
    assert our_lines(folder) == expected


# ---------------------------------------------------------------- actions

ACTIONS = [
    Case("remove", "extends: existence\nmessage: x\ntokens: [very]\naction:\n  name: remove\n", ""),
    Case(
        "edit-trim-left",
        "extends: existence\nmessage: x\nnonword: true\nraw: ['\\s+,']\n"
        "action:\n  name: edit\n  params: [trim_left, ' ']\n",
        "",
    ),
    Case(
        "edit-trim-and-trim-right",
        "extends: existence\nmessage: x\nnonword: true\nraw: ['\\(\\s*\\w+\\s*\\)!*']\n"
        "action:\n  name: edit\n  params: [trim_right, '!', trim, '()']\n",
        "",
    ),
    Case(
        "edit-regex",
        "extends: existence\nmessage: x\nnonword: true\nraw: ['\\b\\d+\\s?percent\\b']\n"
        "action:\n  name: edit\n  params: [regex, '(\\d+)\\s?percent', '$1%']\n",
        "",
    ),
    Case(
        "edit-truncate",
        "extends: existence\nmessage: x\ntokens: ['\\w+ etc']\n"
        "action:\n  name: edit\n  params: [truncate, ' ']\n",
        "",
    ),
    Case(
        "edit-split",
        "extends: existence\nmessage: x\ntokens: ['\\w+/\\w+']\n"
        "action:\n  name: edit\n  params: [[split, '/', '1']]\n",
        "",
    ),
    Case(
        "edit-pipeline",
        "extends: existence\nmessage: x\ntokens: ['\\w+_\\w+']\n"
        "action:\n  name: edit\n  params: [[replace, '_', ' '], [upper], [suffix, '!']]\n",
        "",
    ),
    Case(
        "convert-simple",
        "extends: existence\nmessage: x\ntokens: ['[A-Z]\\w+[A-Z]\\w+']\n"
        "action:\n  name: convert\n  params: [simple]\n",
        "",
    ),
    Case(
        "replace-groups-and-matchcase",
        "extends: existence\nmessage: x\nignorecase: true\nmatchcase: true\n"
        "tokens: ['(\\d+) percent', 'a ok']\naction:\n  name: replace\n  params: ['$1%', A-OK]\n",
        "",
    ),
    Case(
        "repetition-truncate",
        "extends: repetition\nmessage: x\nignorecase: true\ntokens: ['[^\\s.!?]+']\n"
        "action:\n  name: edit\n  params: [truncate, ' ']\n",
        "",
    ),
]
ACTION_DOC = (
    "It is very good , yes. Say ( hi )!! and (yo). About 20 percent and 5percent.\n\n"
    "Use and/or, pens etc. Use foo_bar. Use FooBar and HTTPServer. A OK and a ok.\n\n"
    "The the end.\n"
)


@pytest.mark.parametrize("case", ACTIONS, ids=[c.id for c in ACTIONS])
def test_actions_offer_what_vale_suggests(tmp_path: Path, case: Case) -> None:
    folder = folder_with(tmp_path, case.rule, ACTION_DOC)
    expected = vale_suggestions(folder)
    assert any(suggestions for _, suggestions in expected)
    # copydesk drops a suggestion that would change nothing.
    wanted = [(m, tuple(s for s in found if s != m)) for m, found in expected]
    assert our_suggestions(folder) == wanted


# ---------------------------------------------------------------- loading


@pytest.mark.parametrize(
    ("body", "key", "vale_says"),
    [
        ("extends: existence\nmessage: x\nfoo: 1\ntokens: [bar]\n", "foo", "invalid keys: 'foo'"),
        (
            "extends: substitution\nmessage: x\nswap: {a: b}\ntokens: [bar]\n",
            "tokens",
            "invalid keys: 'tokens'",
        ),
        ("extends: occurrence\nmessage: x\ntoken: a\nmax: 1\nalpha: true\n", "alpha", "'alpha'"),
        ("extends: repetition\nmessage: x\ntokens: [a]\nswap: {a: b}\n", "swap", "'swap'"),
        ("extends: conditional\nmessage: x\nfirst: a\nsecond: b\nmax: 2\n", "max", "'max'"),
        ("extends: capitalization\nmessage: x\nmatch: $title\ntoken: a\n", "token", "'token'"),
        (
            "extends: existence\nmessage: x\ncode: true\ntokens: [bar]\n",
            "code",
            "`code` is deprecated",
        ),
        (
            "extends: existence\nmessage: x\ntokens: [bar]\naction:\n  name: edit\n"
            "  params: [bogus]\n",
            "action",
            "unknown edit 'bogus'",
        ),
        (
            "extends: existence\nmessage: x\ntokens: [bar]\naction:\n  name: convert\n"
            "  params: [upper]\n",
            "action",
            "'convert' takes one parameter: simple",
        ),
        (
            "extends: conditional\nmessage: x\nfirst: a\nsecond: b\nin: foo\n",
            "in",
            "no View defines a scope named 'foo'",
        ),
    ],
)
def test_a_key_vale_rejects_is_an_error_naming_file_and_key(
    tmp_path: Path, body: str, key: str, vale_says: str
) -> None:
    folder = folder_with(tmp_path, body, "bar a b\n")
    with pytest.raises(AssertionError, match=vale_says.replace("(", r"\(")):
        vale_lines(folder, "t.md")
    loaded = load_rules([folder / "styles" / "T" / "R.yml"])
    assert loaded.rules == ()
    assert len(loaded.errors) == 1
    error = loaded.errors[0]
    assert error.path.endswith("R.yml")
    assert error.key == key
    assert vale_says in str(error)


def test_copydesk_keys_are_accepted(tmp_path: Path) -> None:
    """``examples``, ``category`` and ``safe`` are copydesk's own (Vale has no
    such keys: a pack using them is for copydesk)."""
    body = (
        "extends: existence\nmessage: x\ncategory: style\nsafe: true\ntokens: [bar]\n"
        "examples:\n  bad: [bar]\n  good: [baz]\n"
    )
    loaded = load_rules([folder_with(tmp_path, body, "bar\n") / "styles" / "T" / "R.yml"])
    assert loaded.errors == ()


def test_an_unset_level_is_vales_warning(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "extends: existence\nmessage: x\ntokens: [bar]\n", "bar\n")
    [suggestion] = ours(folder)
    assert suggestion.severity.label == "warning"
    done = subprocess.run(
        [str(need_vale()), "--output=JSON", "t.md"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert json.loads(done.stdout)["t.md"][0]["Severity"] == "warning"


# ---------------------------------------------------------------- on purpose


def test_an_occurrence_count_under_percent_s_prints_as_a_number(tmp_path: Path) -> None:
    """Vale passes the count as an int meaning ``%s`` to work (its #1048),
    and Go prints ``%!s(int=6)``; copydesk prints the number."""
    rule = (
        "extends: occurrence\nmessage: 'Sentence of %s words.'\nscope: sentence\nmax: 3\n"
        "token: '\\b\\w+\\b'\n"
    )
    folder = folder_with(tmp_path, rule, "This one has six words here.\n")
    assert vale_lines(folder, "t.md") == ["t.md:1:1:T.R:Sentence of %!s(int=6) words."]
    assert our_lines(folder) == ["t.md:1:1:T.R:Sentence of 6 words."]


def test_a_backslash_group_in_an_edit_regex_is_a_group(tmp_path: Path) -> None:
    """Vale's engine reads ``\\1`` in a replacement as text; copydesk reads it
    as ``$1``, the way Python writes it (no rule means the literal)."""
    rule = (
        "extends: existence\nmessage: x\nnonword: true\nraw: ['\\d+ percent']\n"
        "action:\n  name: edit\n  params: [regex, '(\\d+) percent', '\\1%']\n"
    )
    folder = folder_with(tmp_path, rule, "About 20 percent.\n")
    assert vale_suggestions(folder) == [("20 percent", ("\\1%",))]
    assert our_suggestions(folder) == [("20 percent", ("20%",))]


def test_fixes_follow_the_matchs_capitals_unless_matchcase(tmp_path: Path) -> None:
    """Vale offers ``replace`` text as written, and a substitution without
    an action offers nothing; copydesk offers the swap's value, capitalised
    as the match is. The message stays Vale's."""
    rule = (
        f"extends: substitution\n{USE}ignorecase: true\nswap:\n  in an order to: in order to\n"
        "  must have to: must|has to\n"
    )
    folder = folder_with(
        tmp_path, rule, "In an order to win, IN AN ORDER TO go, it must have to.\n"
    )
    assert our_lines(folder) == vale_lines(folder, "t.md")
    assert vale_suggestions(folder) == [
        ("In an order to", ()),
        ("IN AN ORDER TO", ()),
        ("must have to", ()),
    ]
    assert our_suggestions(folder) == [
        ("In an order to", ("In order to",)),
        ("IN AN ORDER TO", ("IN ORDER TO",)),
        ("must have to", ("must", "has to")),
    ]


def test_a_sentence_case_fix_keeps_the_punctuation(tmp_path: Path) -> None:
    """Vale's expected form joins the words with single spaces and drops
    what lies between them; copydesk's fix re-cases the words in place."""
    rule = (
        f"extends: capitalization\n{SHOW}match: $sentence\nscope: heading\n"
        "action:\n  name: replace\n"
    )
    folder = folder_with(tmp_path, rule, "# Why (Really) Lost The Deal\n")
    assert our_lines(folder) == vale_lines(folder, "t.md")
    assert vale_suggestions(folder) == [
        ("Why (Really) Lost The Deal", ("Why really) lost the deal",))
    ]
    assert our_suggestions(folder) == [
        ("Why (Really) Lost The Deal", ("Why (really) lost the deal",))
    ]


def test_where_vale_stops_with_an_error_there_is_no_fix(tmp_path: Path) -> None:
    """A ``split`` index past the parts stops Vale's whole run; copydesk
    reports the finding without a fix."""
    rule = (
        "extends: existence\nmessage: x\ntokens: ['\\w+ etc']\n"
        "action:\n  name: edit\n  params: [split, '/', '1']\n"
    )
    folder = folder_with(tmp_path, rule, "Pens etc. here.\n")
    with pytest.raises(AssertionError, match="index out of range"):
        vale_lines(folder, "t.md")
    assert our_suggestions(folder) == [("Pens etc", ())]


def test_vale_patterns_read_word_digit_and_space_classes_as_ascii(tmp_path: Path) -> None:
    """In Vale (Go) ``\\w``, ``\\d`` and ``\\s`` are ASCII only: ``Z\\w+`` does
    not match "Zürich", ``x\\d`` not "x٣", ``a\\sb`` not "a b" with a no-break space."""
    need_vale()
    style = tmp_path / "styles" / "X"
    style.mkdir(parents=True)
    (style / "A.yml").write_text(
        'extends: existence\nmessage: "[%s]"\nnonword: true\n'
        'raw:\n  - "Z\\\\w+"\n  - "|caf\\\\w"\n  - "|a\\\\sb"\n  - "|x\\\\d"\n  - "|[\\\\w]+ül"\n',
        encoding="utf-8",
    )
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\n[*.md]\nBasedOnStyles = X\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(
        "Zürich and Zurich, café cafe, a\u00a0b a b, x\u0663 x3, Müller.\n", encoding="utf-8"
    )
    ours = copydesk_vale_lines(tmp_path, "a.md")
    assert ours == vale_lines(tmp_path, "a.md")
    assert len(ours) == 5
