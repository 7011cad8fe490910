"""Dialect detection: each document is checked in the English its spelling
shows, a consistent British or American spelling is never "corrected" into the
other, and a mix is one finding. With the real Harper (and the real
LanguageTool where the live server runs)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import run_cli

from editor.cache import ResultCache
from editor.checkers import harper, languagetool
from editor.checkers.prose import ProseChecker
from editor.config import HarperSettings, LanguageToolSettings
from editor.dialect import MIXED_RULE, decide, is_variant, variants_in
from editor.document import load_text
from editor.model import SPELLING

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from editor.model import Suggestion

BRITISH = (
    "The colour of the theatre was grey. We organised the programme, travelled to "
    "the centre and analysed the catalogue. The recieved figures were good.\n"
)
AMERICAN = (
    "The color of the theater was gray. We organized the program, traveled to the "
    "center and analyzed the catalog. The recieved figures were good.\n"
)
MIXED = (
    "The colour of the theatre was grey. We organised and analysed the programme and "
    "travelled to the centre.\n\nLater the color of the center changed, and we analyzed it.\n"
)


def harper_check(text: str, dialect: str = "auto", fmt: str = "text") -> list[Suggestion]:
    doc = load_text(text, fmt)  # type: ignore[arg-type]
    engine = harper.build(HarperSettings())
    return list(ProseChecker(engine, dialect=dialect).check(doc).suggestions)


def spelling(found: list[Suggestion]) -> set[str]:
    return {s.text for s in found if s.category == SPELLING}


def test_the_evidence_is_variety_spellings_not_names_and_not_ize() -> None:
    found = variants_in("Colour and centre. We met at Pearl Harbor and organized it; color.")
    assert [(v.word, v.variety, v.other) for v in found] == [
        ("Colour", "en-GB", "Color"),  # a sentence's first word counts
        ("centre", "en-GB", "center"),
        ("color", "en-US", "colour"),
    ]
    # "organized" is Oxford British too; "Harbor" mid-sentence is a name.
    assert is_variant("organized")
    assert is_variant("Travelled")
    assert not is_variant("house")
    # Weak evidence: American writing uses "cancelled" too, so no mix.
    weak = decide(load_text("The order was cancelled. Its behavior was odd.\n"), "auto")
    assert (weak.dialect, weak.mixed) == ("en-US", False)
    only_weak = decide(load_text("They travelled to the grey town.\n"), "auto")
    assert only_weak.dialect == "en-GB"


def test_the_decision_per_document() -> None:
    assert decide(load_text(BRITISH), "auto").dialect == "en-GB"
    assert decide(load_text(AMERICAN), "auto").dialect == "en-US"
    none = decide(load_text("We met them on Tuesday.\n"), "auto")
    assert (none.dialect, none.source) == ("en-US", "default")
    mixed = decide(load_text(MIXED), "auto")
    assert (mixed.dialect, mixed.source, mixed.mixed) == ("en-GB", "detected", True)
    assert (mixed.count("en-GB"), mixed.count("en-US")) == (8, 3)
    assert decide(load_text(BRITISH), "en-US").source == "configured"


def test_british_and_american_documents_keep_their_spelling() -> None:
    for text in (BRITISH, AMERICAN):
        found = harper_check(text)
        assert spelling(found) == {"recieved"}, text  # the real error is still found
        assert not any(s.rule == MIXED_RULE for s in found)


def test_a_configured_dialect_corrects_the_other_variety() -> None:
    found = harper_check(AMERICAN, dialect="en-GB")
    fixes = {s.text: s.replacements[0] for s in found if s.category == SPELLING}
    assert fixes["color"] == "colour"
    assert fixes["theater"] == "theatre"


def test_a_mixed_document_gets_one_consistency_finding() -> None:
    found = harper_check(MIXED)
    mixed = [s for s in found if s.rule == MIXED_RULE]
    assert len(mixed) == 1
    (one,) = mixed
    assert MIXED[one.start : one.end] == one.text == "color"  # the first minority word
    assert one.replacements == ("colour",)
    assert one.category == "consistency"
    assert "4 British and 3 American" in one.message
    assert spelling(found) == set()  # not a spelling error on each of them


def test_markdown_code_and_names_are_no_evidence() -> None:
    text = "# Notes\n\nThe `color` setting and the Kennedy Center are fine; the colour is red.\n"
    decision = decide(load_text(text, "markdown"), "auto")
    assert (decision.dialect, decision.mixed) == ("en-GB", False)


def test_the_cache_keeps_the_dialects_apart(tmp_path: Path) -> None:
    doc = load_text("The colour is grey.\n")
    engine = harper.build(HarperSettings())
    cache = ResultCache(tmp_path)
    fixed = ProseChecker(engine, cache=cache, dialect="en-US").check(doc)
    assert {s.text for s in fixed.suggestions} == {"colour", "grey"}
    auto = ProseChecker(engine, cache=ResultCache(tmp_path), dialect="auto").check(doc)
    assert auto.suggestions == ()
    assert auto.dialect is not None
    assert auto.dialect.dialect == "en-GB"


def test_check_says_which_dialect_in_text_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "gb.txt").write_text(BRITISH, encoding="utf-8")
    (tmp_path / "us.txt").write_text(AMERICAN, encoding="utf-8")
    (tmp_path / "mixed.txt").write_text(MIXED, encoding="utf-8")
    names = [str(tmp_path / n) for n in ("gb.txt", "us.txt", "mixed.txt")]
    _, out, _ = run_cli(capsys, "check", "--no-cache", "--engines", "rules,harper", *names)
    assert out.rstrip().endswith("; en-GB spelling in 2 files, en-US in 1).")
    _, out, _ = run_cli(
        capsys, "check", "--no-cache", "--engines", "rules,harper", "--format", "json", *names
    )
    files = json.loads(out)["files"]
    assert [f["dialect"] for f in files] == [
        {"name": "en-GB", "source": "detected", "british": 9, "american": 0},
        {"name": "en-US", "source": "detected", "british": 0, "american": 7},
        {"name": "en-GB", "source": "detected", "british": 8, "american": 3},
    ]
    rules = [[s["rule"] for s in f["suggestions"]] for f in files]
    assert rules[2].count(MIXED_RULE) == 1
    _, out, _ = run_cli(capsys, "check", "--no-cache", "--dialect", "en-GB", names[1])
    assert "en-GB spelling)." in out
    assert "= fix: colour" in out


def test_dialect_in_the_config_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "us.txt"
    article.write_text(AMERICAN, encoding="utf-8")
    config = tmp_path / "copydesk.toml"
    config.write_text('dialect = "en-GB"\nengines = ["rules", "harper"]\n', encoding="utf-8")
    _, out, _ = run_cli(capsys, "check", "--no-cache", "--config", str(config), str(article))
    assert "= fix: colour" in out
    config.write_text('dialect = "en-NZ"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--config", str(config), str(article))
    assert code == 2
    assert "dialect: must be one of auto, en-US, en-GB, en-AU, en-CA" in err


def test_languagetool_checks_each_document_in_its_dialect(real_lt: str) -> None:
    engine = languagetool.build(LanguageToolSettings(server=real_lt, timeout=30.0), env={})
    try:
        checker = ProseChecker(engine)
        british = checker.check(load_text(BRITISH))
        american = checker.check(load_text(AMERICAN))
        mixed = checker.check(load_text(MIXED))
    finally:
        engine.close()
    assert british.dialect is not None
    assert british.dialect.dialect == "en-GB"
    assert spelling(list(british.suggestions)) == {"recieved"}
    assert {s.rule for s in british.suggestions if s.category == SPELLING} == {
        "LanguageTool.MORFOLOGIK_RULE_EN_GB"
    }
    assert spelling(list(american.suggestions)) == {"recieved"}
    assert not any("OXFORD" in s.rule for s in british.suggestions)
    assert [s.rule for s in mixed.suggestions].count(MIXED_RULE) == 1
    assert spelling(list(mixed.suggestions)) == set()


def test_words_of_the_other_variety_only_when_the_dialect_is_configured(real_lt: str) -> None:
    doc = load_text("The colour of our apartment is grey, and the vacation was fine.\n")
    engine = languagetool.build(LanguageToolSettings(server=real_lt, timeout=30.0), env={})
    try:
        guessed = ProseChecker(engine).check(doc).suggestions
        configured = ProseChecker(engine, dialect="en-GB").check(doc).suggestions
    finally:
        engine.close()
    assert not [s for s in guessed if s.category == "regionalism"]
    regional = {s.text for s in configured if s.category == "regionalism"}
    assert {"apartment", "vacation"} <= regional
