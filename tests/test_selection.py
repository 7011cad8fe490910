"""``--select`` / ``--ignore`` and the category vocabulary: which findings a run reports."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from editor.categories import CATEGORIES, CORRECTNESS, STYLE, group_of
from editor.checkers import harper, languagetool
from editor.checkers.style import default_rules_dir, load_rules
from editor.selection import Selection, SelectorError, parse_selectors

from .conftest import run_cli

if TYPE_CHECKING:
    from pathlib import Path

# Findings of the house rules on this text: InAnOrderTo (grammar), DoubledWord
# (typo), MustHaveTo (grammar), ThirdPersonHave (grammar), InOrderTo (wordiness).
ARTICLE = (
    "In an order to win, the the team must have to secure a deal. "
    "It have to work in order to grow.\n"
)


def allows(selection: Selection, rule: str, category: str) -> bool:
    source = {"House": "rules", "Harper": "harper", "LanguageTool": "languagetool"}
    return selection.allows(rule, source[rule.split(".")[0]], category)


def test_nothing_selected_reports_everything() -> None:
    assert Selection().everything
    assert Selection().keep is None
    assert allows(Selection(), "House.InOrderTo", "wordiness")


@pytest.mark.parametrize(
    ("select", "ignore", "rule", "category", "reported"),
    [
        (["correctness"], [], "House.MustHaveTo", "grammar", True),
        (["correctness"], [], "House.InOrderTo", "wordiness", False),
        (["style"], [], "House.InOrderTo", "wordiness", True),
        (["spelling"], [], "Harper.SpellCheck", "spelling", True),
        (["spelling"], [], "Harper.AnA", "grammar", False),
        (["harper"], [], "Harper.AnA", "grammar", True),
        (["harper"], [], "House.MustHaveTo", "grammar", False),
        (["House"], [], "House.InOrderTo", "wordiness", True),
        (["house.INORDERTO"], [], "House.InOrderTo", "wordiness", True),
        (["Harper.*"], [], "Harper.AnA", "grammar", True),
        (["LanguageTool.EN_*"], [], "LanguageTool.EN_A_VS_AN", "grammar", True),
        (["LanguageTool.EN_*"], [], "LanguageTool.MORFOLOGIK_RULE_EN_US", "spelling", False),
        # The more specific selector wins, whichever list it is in.
        (["correctness"], ["Harper.SpellCheck"], "Harper.SpellCheck", "spelling", False),
        (["correctness"], ["Harper.SpellCheck"], "Harper.AnA", "grammar", True),
        (["House.InOrderTo"], ["style"], "House.InOrderTo", "wordiness", True),
        ([], ["style"], "House.InOrderTo", "wordiness", False),
        ([], ["style"], "House.MustHaveTo", "grammar", True),
        (["Harper.*"], ["spelling"], "Harper.SpellCheck", "spelling", True),
        (["spelling"], ["Harper.*"], "Harper.SpellCheck", "spelling", False),
        (["spelling"], ["harper"], "Harper.SpellCheck", "spelling", True),
        # A tie goes to ignore; ALL is the least specific of all.
        (["grammar"], ["grammar"], "House.MustHaveTo", "grammar", False),
        ([], ["ALL"], "House.MustHaveTo", "grammar", False),
        (["House.MustHaveTo"], ["ALL"], "House.MustHaveTo", "grammar", True),
    ],
)
def test_the_most_specific_selector_decides(
    select: list[str], ignore: list[str], rule: str, category: str, reported: bool
) -> None:
    assert allows(Selection(select, ignore), rule, category) is reported


@pytest.mark.parametrize("bad", ["nonsense!", "House..x y", "what ever"])
def test_a_selector_that_names_nothing_is_an_error(bad: str) -> None:
    with pytest.raises(SelectorError, match="unknown selector"):
        parse_selectors([bad])


def test_selectors_may_be_comma_separated_and_repeat() -> None:
    assert parse_selectors(["correctness, Harper.*", "correctness", ""]) == (
        "correctness",
        "Harper.*",
    )


def test_every_category_an_engine_or_house_rule_gives_is_in_the_vocabulary() -> None:
    assert {group for group, _ in CATEGORIES.values()} == {CORRECTNESS, STYLE}
    engine_categories = {c for c, _ in harper._KINDS.values()}
    engine_categories |= {c for c, _ in languagetool._ISSUE_TYPES.values()}
    engine_categories |= set(languagetool._CATEGORIES.values())
    engine_categories |= {harper._DEFAULT_KIND[0], languagetool._DEFAULT_ISSUE[0]}
    assert engine_categories <= set(CATEGORIES)
    loaded = load_rules([default_rules_dir()])
    assert not loaded.errors
    assert all(rule.info.category in CATEGORIES for rule in loaded.rules)
    assert group_of(None) == STYLE


def test_a_rule_with_an_unknown_category_is_a_rule_error(tmp_path: Path) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "Odd.yml").write_text(
        "extends: existence\nmessage: odd\ncategory: grammer\ntokens: [odd]\n", encoding="utf-8"
    )
    loaded = load_rules([pack])
    (error,) = loaded.errors
    assert "unknown category 'grammer'" in str(error)
    assert "Odd.yml" in str(error)


def rules_of(out: str) -> list[str]:
    return [s["rule"] for f in json.loads(out)["files"] for s in f["suggestions"]]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_check_select_and_ignore(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    base = ["check", "--engines", "rules", "--format", "json", str(article)]
    _, out, _ = run_cli(capsys, *base)
    everything = rules_of(out)
    assert "House.InOrderTo" in everything
    assert "House.DoubledWord" in everything
    _, out, _ = run_cli(capsys, *base, "--select", "correctness")
    assert rules_of(out) == [r for r in everything if r != "House.InOrderTo"]
    _, out, _ = run_cli(capsys, *base, "--select", "correctness", "--ignore", "typo")
    assert "House.DoubledWord" not in rules_of(out)
    _, out, _ = run_cli(capsys, *base, "--ignore", "House.*", "--select", "House.InOrderTo")
    assert rules_of(out) == ["House.InOrderTo"]
    code, out, _ = run_cli(capsys, *base, "--select", "spelling")
    assert code == 0
    assert rules_of(out) == []


def test_fix_applies_only_selected_fixes(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    fixed = tmp_path / "fixed.txt"
    code, _, _ = run_cli(
        capsys, "fix", "--engines", "rules", "--unsafe", "--select", "wordiness", str(article),
        "-o", str(fixed),
    )  # fmt: skip
    assert code == 0
    assert fixed.read_text(encoding="utf-8") == ARTICLE.replace("in order to grow", "to grow")


def test_the_config_selects_and_the_command_line_replaces_or_adds(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    config = tmp_path / "copydesk.toml"
    config.write_text('select = ["style"]\nignore = ["House.Nothing"]\n', encoding="utf-8")
    base = ["check", "--config", str(config), "--engines", "rules", "--format", "json"]
    _, out, _ = run_cli(capsys, *base, str(article))
    assert rules_of(out) == ["House.InOrderTo"]
    _, out, _ = run_cli(capsys, *base, "--select", "grammar", str(article))
    assert "House.InOrderTo" not in rules_of(out)
    assert "House.MustHaveTo" in rules_of(out)
    _, out, _ = run_cli(capsys, *base, "--ignore", "wordiness", str(article))
    assert rules_of(out) == []


def test_bad_selectors_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    code, out, err = run_cli(capsys, "check", "--select", "grammer!", str(article))
    assert code == 2
    assert out == ""
    assert err.startswith("copydesk: error: --select: unknown selector 'grammer!'")
    assert len(err.splitlines()) == 1
    config = tmp_path / "copydesk.toml"
    config.write_text('ignore = ["no such thing"]\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--config", str(config), str(article))
    assert code == 2
    assert "ignore" in err
    assert "unknown selector 'no such thing'" in err
    assert len(err.splitlines()) == 1


def test_reports_follow_the_selection(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    code, _, _ = run_cli(
        capsys, "fix", "--engines", "rules", "--unsafe", "--select", "House.DoubledWord",
        "--report", str(report), str(article), "-o", str(tmp_path / "out.txt"),
    )  # fmt: skip
    assert code == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ARTICLE.replace("the the", "the")
    payload = json.loads(report.read_text(encoding="utf-8"))
    assert "House.DoubledWord" in json.dumps(payload)
    assert "House.InOrderTo" not in json.dumps(payload)
