"""The shipped House pack: size, examples, precision on clean prose, and the
problems it must catch in the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEED

from editor.checkers.style import StyleChecker, default_rules_dir, load_rules
from editor.checkers.style.examples import check_examples
from editor.document import load_path

LOADED = load_rules([default_rules_dir()])
CHECKER = StyleChecker(LOADED.rules)
CORPUS = sorted((ROOT / "tests" / "corpus" / "clean").glob("*.txt"))


def test_pack_loads_without_errors() -> None:
    assert LOADED.errors == ()


def test_pack_is_large_and_covers_every_rule_type() -> None:
    assert len(LOADED.rules) >= 150
    types = {rule.info.extends for rule in LOADED.rules}
    assert types == {
        "existence",
        "substitution",
        "occurrence",
        "repetition",
        "consistency",
        "capitalization",
        "conditional",
    }


@pytest.mark.parametrize("rule", LOADED.rules, ids=[r.info.id for r in LOADED.rules])
def test_rule_examples(rule: object) -> None:
    info = rule.info  # type: ignore[attr-defined]
    assert info.description, f"{info.id} has no description"
    assert info.category, f"{info.id} has no category"
    assert info.bad, f"{info.id} needs bad examples"
    assert info.good, f"{info.id} needs good examples"
    failures = check_examples(rule)  # type: ignore[arg-type]
    assert not failures, "\n".join(map(str, failures))


def test_clean_corpus_stays_under_one_finding_per_500_words() -> None:
    assert sum(len(path.read_text(encoding="utf-8").split()) for path in CORPUS) >= 6000
    words = 0
    found: list[str] = []
    for path in CORPUS:
        doc = load_path(path)
        words += len(doc.text.split())
        found += [
            f"{path.name}:{s.line}:{s.column} {s.rule} {s.text!r}"
            for s in CHECKER.check(doc).suggestions
        ]
    assert len(found) < words / 500, "\n".join(found)


def seed_findings() -> dict[tuple[str, str], tuple[str, ...]]:
    doc = load_path(SEED)
    return {(s.rule, s.text): s.replacements for s in CHECKER.check(doc).suggestions}


#: (rule, flagged text, first replacement or None) the pack must find in the seed.
EXPECTED_IN_SEED: list[tuple[str, str, str | None]] = [
    ("House.TryingTheBestTo", "trying the best to", "trying hard to"),
    ("House.RankNumber", "no 1", "No. 1"),
    ("House.IndustryWithoutThe", "smartphone industry", "the smartphone industry"),
    ("House.FixedPrepositions", "caught up of", "caught up in"),
    ("House.InAnOrderTo", "In an order to", "In order to"),
    ("House.USWithoutThe", "in US", "in the US"),
    ("House.WithAimsTo", "with aims to", "with the aim of"),
    ("House.WordyPhrases", "by means of", "through"),
    ("House.HoweverSplice", ", however", ", but"),
    ("House.VergeWithoutOf", "on the edge", "on the edge of"),
    ("House.AccordingToResources", "resources", "sources"),
    ("House.MakeContract", "contract", "a contract"),
    ("House.RankNumberWord", "number three", "No. 3"),
    ("House.ItsHard", "it’s hard", "its hardest"),
    ("House.MustHaveTo", "must have to", "must"),
    ("House.USWithoutThe", "at US", "in the US"),
    ("House.ItHasBeenSeenThat", "It has been seen that", None),
    ("House.InOrderTo", "in order to", "to"),
    ("House.ShareOfMarket", "share of market", "market share"),
    ("House.SameIsTheCase", "Same is the case with", "The same is true of"),
    ("House.ThirdPersonHave", "it have", "it has"),
    ("House.ColonAfterAnnouncement", ",", ":"),
    ("House.FixedPrepositions", "backed out from", "backed out of"),
    ("House.AlthoughBut", ", yet", ","),
]

#: Rules that must stay silent on the seed: its names, acronyms and quotes are fine.
SILENT_ON_SEED = ("House.AcronymDefinition", "House.QuoteStyle", "House.ApostropheStyle")


@pytest.mark.parametrize(("rule", "text", "first"), EXPECTED_IN_SEED)
def test_seed_problem_is_found_with_its_fix(rule: str, text: str, first: str | None) -> None:
    found = seed_findings()
    assert (rule, text) in found, sorted(found)
    if first is not None:
        assert found[rule, text][:1] == (first,)


def test_seed_names_and_typography_are_not_flagged() -> None:
    rules = {rule for rule, _ in seed_findings()}
    assert not rules.intersection(SILENT_ON_SEED)


def test_seed_wordy_by_means_of_is_not_turned_into_bad_grammar() -> None:
    # "sold by means of online" must become "sold through online", not "sold by online".
    assert seed_findings()["House.WordyPhrases", "by means of"][0] == "through"


def test_seed_has_at_least_25_distinct_problems() -> None:
    spans = {(s.start, s.end) for s in CHECKER.check(load_path(SEED)).suggestions}
    assert len(spans) >= 25


def test_seed_offsets_are_exact() -> None:
    raw = Path(SEED).read_text(encoding="utf-8")
    for s in CHECKER.check(load_path(SEED)).suggestions:
        assert raw[s.start : s.end] == s.text
