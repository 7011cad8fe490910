"""Vale compatibility: the Google style (MIT, vendored in tests/vale/) runs
on its own fixtures and gives the output its Cucumber features expect.

Each scenario runs the rules its expected output names. Messages compare
exactly, case included: a substitution's message shows its value as the
rule writes it, as Vale's does (the fix offered may still follow the
match's case).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.checkers.style import StyleChecker, load_rules
from editor.document import load_path

GOOGLE = Path(__file__).resolve().parent / "vale" / "Google"
SCENARIO = re.compile(
    r'When I test "(\w+)"\s+Then the output should contain exactly:\s+"""\n(.*?)"""', re.S
)


def scenarios() -> list[tuple[str, list[str]]]:
    text = (GOOGLE / "features" / "rules.feature").read_text(encoding="utf-8")
    return [
        (name, [line.strip() for line in body.strip().splitlines() if line.strip()])
        for name, body in SCENARIO.findall(text)
    ]


def run(fixture: str, rule_ids: set[str]) -> list[str]:
    files = [GOOGLE / "Google" / f"{rule_id.split('.')[1]}.yml" for rule_id in sorted(rule_ids)]
    loaded = load_rules(files)
    assert not loaded.errors, loaded.errors
    doc = load_path(GOOGLE / "fixtures" / fixture / "test.md")
    result = StyleChecker(loaded.rules).check(doc)
    ordered = sorted(result.suggestions, key=lambda s: (s.line, s.column, s.rule))
    return [f"test.md:{s.line}:{s.column}:{s.rule}:{s.message}" for s in ordered]


def test_every_google_rule_loads() -> None:
    loaded = load_rules([GOOGLE / "Google"])
    assert loaded.errors == ()
    assert len(loaded.rules) == 31


@pytest.mark.parametrize(("fixture", "expected"), scenarios(), ids=[s[0] for s in scenarios()])
def test_google_fixture_matches_vale(fixture: str, expected: list[str]) -> None:
    rule_ids = {line.split(":")[3] for line in expected}
    got = run(fixture, rule_ids)
    assert got == expected
