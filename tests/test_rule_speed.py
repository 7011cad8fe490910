"""What makes the house rules fast must never change what they find: the
literal prefilter (a block without a rule's words is skipped), the doubled-
token check before a repetition rule runs, and the per-document result cache.

Each is compared with the plain engine on the shipped pack's own examples,
mixed at random with prose, markup and letters whose case rules are odd."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings, strategies as st

from editor.cache import ResultCache
from editor.checkers.style import StyleChecker, default_rules_dir, load_rules
from editor.checkers.style.existence import Existence
from editor.checkers.style.matching import Pattern
from editor.checkers.style.prefilter import required_literals
from editor.checkers.style.substitution import Substitution
from editor.document import load_text

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

RULES = load_rules([default_rules_dir()]).rules
FAST = StyleChecker(RULES)
PLAIN = StyleChecker(
    [
        dataclasses.replace(r, pattern=Pattern(r.pattern.pattern, r.pattern.flags, prefilter=False))  # type: ignore[type-var, attr-defined]
        if isinstance(r, Existence | Substitution)
        else r
        for r in RULES
    ]
)
EXAMPLES = sorted({e.text for r in RULES for e in (*r.info.bad, *r.info.good)})
ODD = ["İ", "ſ", "K", "ß", "ÉTÉ", "’", "**", "`code`", "\n\n", "# ", "- ", "  ", "..", ",,"]


def test_literals_are_read_from_patterns() -> None:
    # Whole words where the pattern bounds them, the longest of a run.
    assert required_literals(r"\b(?:in an order to|alot)\b") == (("alot",), ("in an order to",))
    assert required_literals(r"\b[Tt]he the\b") == ((), ("the the",))
    assert required_literals(r"(?<=\d )percent\b") == (("percent",), ())
    assert required_literals(r"(?:I|i)n\s+US(?=[.,])") == (("us",), ())
    # A word the pattern does not bound is only a substring.
    assert required_literals(r"\p{Lu}\p{Ll}+ said") == ((), (" said",))
    assert required_literals(r"un\w+able") == ((), ("able",))
    assert required_literals(r",{2,}") == ((), (",,",))
    # No literal in some alternative, or nothing but classes: no prefilter.
    assert required_literals(r"\b(?:foo|\w+)\b") is None
    assert required_literals(r"[^\s]+") is None
    assert required_literals(r"(?:x)?y") == ((), ("y",))
    assert required_literals(r"(unbalanced") is None


def test_the_pack_finds_the_same_with_and_without_prefilter() -> None:
    text = "\n\n".join(EXAMPLES)
    for fmt in ("markdown", "text"):
        doc = load_text(text, fmt)
        assert FAST.check(doc).suggestions == PLAIN.check(doc).suggestions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(EXAMPLES + ODD), min_size=1, max_size=12),
    st.sampled_from(["markdown", "text"]),
)
def test_any_mix_finds_the_same_with_and_without_prefilter(parts: list[str], fmt: str) -> None:
    doc = load_text(" ".join(parts), fmt)
    assert FAST.check(doc).suggestions == PLAIN.check(doc).suggestions


def test_a_rule_file_seen_before_compiles_its_patterns_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    pack = tmp_path / "Team"
    pack.mkdir()
    rule = pack / "Alot.yml"
    rule.write_text("extends: existence\nmessage: Say a lot\ntokens: [alot]\n", encoding="utf-8")
    first = load_rules([pack]).rules[0]
    assert first.pattern._compiled is not None  # type: ignore[attr-defined]  # checked at load
    again = load_rules([pack]).rules[0]
    assert again.pattern._compiled is None  # type: ignore[attr-defined]  # not yet needed
    doc = load_text("We spent alot.\n", "text")
    assert [s.text for s in StyleChecker([again]).check(doc).suggestions] == ["alot"]
    # An edited file is a new file: checked at load again, and an error is an error.
    rule.write_text("extends: existence\nmessage: Say a lot\ntokens: ['(alot']\n", encoding="utf-8")
    loaded = load_rules([pack])
    assert loaded.rules == ()
    assert "invalid regular expression" in str(loaded.errors[0])


def test_cached_findings_are_the_findings(tmp_path: Path) -> None:
    doc = load_text("In an order to win, the the team must have to go alot.\n", "markdown")
    fresh = StyleChecker(RULES).check(doc).suggestions
    cache = ResultCache(tmp_path)
    first = StyleChecker(RULES, cache=cache).check(doc).suggestions
    again = StyleChecker(RULES, cache=ResultCache(tmp_path)).check(doc).suggestions
    assert fresh == first == again
    stored = sqlite3.connect(tmp_path / "results.sqlite3").execute("SELECT value FROM results")
    assert [json.loads(v)[0]["rule"] for (v,) in stored] == [fresh[0].rule]
    assert [s.description for s in again] == [s.description for s in fresh]
    # Another rule set (one rule fewer) is another key: nothing stale comes back.
    fewer = StyleChecker(RULES[1:], cache=ResultCache(tmp_path))
    assert fewer.identity() != StyleChecker(RULES).identity()
    expected: Any = StyleChecker(RULES[1:]).check(doc).suggestions
    assert fewer.check(doc).suggestions == expected
