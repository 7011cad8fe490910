"""Harper, for real: findings, offsets on Markdown and emoji, vocabulary, dialects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from editor.checkers import harper
from editor.checkers.prose import ProseChecker
from editor.checkers.style import default_rules_dir
from editor.config import HarperSettings
from editor.document import load_path, load_text
from editor.errors import ConfigError
from editor.vocab import Vocabulary, load_vocabulary


def check(
    text: str, fmt: str = "text", **settings: object
) -> list[tuple[str, str, tuple[str, ...]]]:
    engine = harper.build(HarperSettings(**settings))  # type: ignore[arg-type]
    doc = load_text(text, fmt)  # type: ignore[arg-type]
    dialect = str(settings.get("dialect") or "auto")  # fixed, as the registry passes it
    found = ProseChecker(engine, dialect=dialect).check(doc).suggestions
    for s in found:
        assert doc.text[s.start : s.end] == s.text
    return [(s.rule, s.text, s.replacements) for s in found]


def test_probe_reports_the_installed_version() -> None:
    status = harper.probe()
    assert status.available
    assert status.version
    assert status.version[0].isdigit()


def test_findings_on_plain_sentences() -> None:
    found = check("I has a apple. Their going to recieve it tommorow.\n")
    rules = {rule: (text, fixes) for rule, text, fixes in found}
    assert rules["Harper.AnA"] == ("a", ("an",))
    assert rules["Harper.PronounVerbAgreement"][0] == "has"
    assert "have" in rules["Harper.PronounVerbAgreement"][1]
    assert rules["Harper.SpellCheck"][0] in {"recieve", "tommorow"}
    spelled = {text: fixes for rule, text, fixes in found if rule == "Harper.SpellCheck"}
    assert spelled["recieve"][0] == "receive"
    assert spelled["tommorow"][0] == "tomorrow"


def test_categories_and_severities_are_mapped() -> None:
    engine = harper.build(HarperSettings())
    doc = load_text("We will recieve the the parcel.\n")
    found = {s.rule: s for s in ProseChecker(engine).check(doc).suggestions}
    assert found["Harper.SpellCheck"].category == "spelling"
    assert found["Harper.SpellCheck"].severity.label == "error"
    assert found["Harper.RepeatedWords"].category == "typo"
    assert found["Harper.RepeatedWords"].source == "harper"


def test_offsets_survive_emoji_and_combining_characters() -> None:
    text = "🎉 Café̂ 👩‍👩‍👧 news: we will recieve 🚀 the the award.\n"
    found = check(text)
    assert ("Harper.SpellCheck", "recieve", found[0][2]) in found
    assert any(rule == "Harper.RepeatedWords" and t == "the the" for rule, t, _ in found)


def test_markdown_code_links_and_front_matter_are_never_linted() -> None:
    text = (
        "---\ntitle: teh recieve\n---\n\n"
        "# A heading that we recieve\n\n"
        "Use `teh recieve` and [a link](https://example.com/recieve) here.\n\n"
        "```\nteh recieve teh\n```\n\n"
        "    indented recieve code\n"
    )
    found = check(text, "markdown")
    flagged = [(rule, t) for rule, t, _ in found]
    assert flagged == [("Harper.SpellCheck", "recieve")]  # only the heading's


def test_a_finding_touching_blanked_markup_is_dropped() -> None:
    # Blanking the code span leaves a run of spaces Harper would call "Spaces";
    # the same run typed by the writer is a real finding.
    assert check("Call `foo()` now.\n", "markdown") == []
    assert check("Call  now.\n", "markdown") == [("Harper.Spaces", "  ", (" ",))]


def test_dialects() -> None:
    text = "The colour of the organisation was analysed.\n"
    us = {t for rule, t, _ in check(text, dialect="en-US") if rule == "Harper.SpellCheck"}
    gb = {t for rule, t, _ in check(text, dialect="en-GB") if rule == "Harper.SpellCheck"}
    assert {"colour", "organisation", "analysed"} <= us
    assert gb == set()
    assert any(t == "color" for rule, t, _ in check("The color.\n", dialect="en-GB"))


def test_rule_config_is_passed_through() -> None:
    text = "We will recieve the the parcel.\n"
    assert any(rule == "Harper.RepeatedWords" for rule, _, _ in check(text))
    off = check(text, rules={"RepeatedWords": False})
    assert not any(rule == "Harper.RepeatedWords" for rule, _, _ in off)
    assert any(rule == "Harper.SpellCheck" for rule, _, _ in off)


def test_an_unknown_rule_name_is_a_config_error() -> None:
    engine = harper.build(HarperSettings(rules={"NoSuchRule": True}))
    with pytest.raises(ConfigError, match="NoSuchRule"):
        engine.check_paragraphs(["Some text."])


def test_vocabulary_words_go_into_harpers_dictionary() -> None:
    text = "Zorblatt launched the Quuxphone yesterday.\n"
    assert {t for rule, t, _ in check(text) if rule == "Harper.SpellCheck"} == {
        "Zorblatt",
        "Quuxphone",
    }
    vocab = Vocabulary(accept=("Zorblatt", "Quuxphone"))
    engine = harper.build(HarperSettings(), vocab.words())
    found = ProseChecker(engine).check(load_text(text)).suggestions
    assert found == ()


def test_vocabulary_filter_covers_regex_terms_and_acronyms() -> None:
    text = "The Zorblatt-9000 from ZQX and Qwzx launched.\n"
    engine = harper.build(HarperSettings())
    vocab = Vocabulary(accept=(r"Zorblatt-\d+", "Qwzx"))
    found = ProseChecker(engine, vocabulary=vocab).check(load_text(text)).suggestions
    assert [s.text for s in found if s.category == "spelling"] == []
    strict = ProseChecker(engine, vocabulary=vocab, ignore_acronyms=False)
    assert "ZQX" in [s.text for s in strict.check(load_text(text)).suggestions]


def test_a_vocabulary_that_runs_out_of_time_is_a_notice_of_the_check() -> None:
    text = "Zorblatt launched the Qwzx " + "a" * 40 + " yesterday.\n"
    engine = harper.build(HarperSettings())
    vocab = Vocabulary(accept=("Qwzx", r"(?:a|aa)+b"))
    result = ProseChecker(engine, vocabulary=vocab).check(load_text(text))
    # The literal term still applies; the runaway pattern is one notice line.
    spelled = [s.text for s in result.suggestions if s.category == "spelling"]
    assert "Zorblatt" in spelled
    assert "Qwzx" not in spelled
    (notice,) = result.notices
    assert "ran out of time" in notice
    assert "\n" not in notice


def test_no_false_spelling_flags_on_the_seed_names() -> None:
    vocab = load_vocabulary(["House"], [default_rules_dir()])
    engine = harper.build(HarperSettings(), vocab.words())
    doc = load_path(SEED)
    found = ProseChecker(engine, vocabulary=vocab).check(doc).suggestions
    spelled = [s.text for s in found if s.category == "spelling"]
    for name in ("Huawei", "AT&T", "WSJ", "CES", "Richard", "Yu", "T."):
        assert not any(name in t for t in spelled), spelled


def test_each_paragraph_is_checked_on_its_own() -> None:
    engine = harper.build(HarperSettings())
    paragraphs = ["We recieve it.", "Nothing here.", "The the end."]
    found = engine.check_paragraphs(paragraphs)
    assert [[paragraphs[i][f.start : f.end] for f in fs] for i, fs in enumerate(found)] == [
        ["recieve"],
        [],
        ["The the"],
    ]


def test_a_paragraphs_findings_do_not_depend_on_its_neighbours() -> None:
    """Cached results are per paragraph, so they must equal a fresh check of it alone."""
    engine = harper.build(HarperSettings())
    paragraphs = [
        "dircmp(a, b, ignore=None, hide=None) A and B are directories.",
        "Some text without an end",
        "A and B are directories. IGNORE is a list of names to ignore.",
    ]
    together = engine.check_paragraphs(paragraphs)
    alone = [engine.check_paragraphs([p])[0] for p in paragraphs]
    assert together == alone


def test_the_worker_starts_loading_when_the_engine_is_built() -> None:
    """So Harper's load overlaps the house rules: the process runs before any check."""
    engine = harper.build(HarperSettings())
    assert engine.worker_pid is not None
    assert engine.check_paragraphs(["We recieve it."])[0][0].rule == "Harper.SpellCheck"


def test_engines_with_different_settings_take_turns_on_one_worker() -> None:
    us = harper.build(HarperSettings(dialect="en-US"))
    gb = harper.build(HarperSettings(dialect="en-GB"), ["Zorblatt"])
    text = ["The colour of Zorblatt."]

    def spelled(engine: harper.HarperEngine) -> list[str]:
        return [text[0][f.start : f.end] for f in engine.check_paragraphs(text)[0]]

    assert spelled(us) == ["colour", "Zorblatt"]
    assert spelled(gb) == []
    assert spelled(us) == ["colour", "Zorblatt"]
    assert us.worker_pid == gb.worker_pid


def test_what_harper_prints_never_reaches_our_stdout(tmp_path: Path) -> None:
    """Harper's native code prints a debug line ("gerund_form: …") to file
    descriptor 1 on some inputs: only a real process shows whether it leaks."""
    article = tmp_path / "r.txt"
    article.write_text("I am looking forward to join you.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "editor", "check", "--engines", "harper", "--no-cache",
         "--format", "json", str(article)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    payload = json.loads(done.stdout)  # nothing but the document
    assert payload["files"][0]["suggestions"]
    assert "gerund_form" not in done.stdout
    assert "gerund_form" not in done.stderr


def test_an_unknown_capitalized_word_inside_a_sentence_gets_no_fix() -> None:
    found = check("We ate in Trecastagni and recieve it. Freind or not.\n")
    fixes = {text: fixes for rule, text, fixes in found if rule == "Harper.SpellCheck"}
    assert fixes["Trecastagni"] == ()  # a name, most likely: flagged, not "fixed"
    assert fixes["recieve"][0] == "receive"
    assert fixes["Freind"][0] == "Friend"  # a sentence starts here


def test_a_base_verb_after_he_is_flagged_without_guessing_the_tense() -> None:
    found = {text: fixes for rule, text, fixes in check("He enter the room. I has a car.\n")}
    assert found["enter"] == ()  # "enters" or "entered": the editor decides
    assert "have" in found["has"]
