"""The real Vale (the pinned release, see ``vale_oracle``) against the Google
style's own suite, and copydesk's rule engine against the real Vale.

First the oracle itself: run in each fixture folder with that folder's
``.vale.ini``, Vale prints exactly what the style's Cucumber features expect,
so the pinned build is the Vale the suite was written for. Then copydesk's
engine gives Vale's lines on the same fixtures, compared exactly, case
included; the one difference is ``DRIFT`` below.
"""

from __future__ import annotations

import pytest
from test_vale_compat import GOOGLE, run, scenarios
from vale_oracle import vale_lines

SCENARIOS = scenarios()
IDS = [name for name, _ in SCENARIOS]

#: Where the pinned Vale and the suite disagree, line by line: Vale's line,
#: the suite's, and why. copydesk follows the suite (and the README says so).
DRIFT = {
    (
        "Punctuation",
        "test.md:37:21:Google.Spacing:'y.  T' should have one space.",
    ): (
        "test.md:37:21:Google.Spacing:'y. T' should have one space.",
        "Vale 3.22 shows a match's run of spaces as it is; the suite, written "
        "for an earlier Vale, expects one space, as copydesk shows it",
    ),
}


def vale_as_the_suite_has_it(fixture: str) -> list[str]:
    """The real Vale's lines, with exactly the listed drifts put back."""
    lines = vale_lines(GOOGLE / "fixtures" / fixture, "test.md")
    return [DRIFT.get((fixture, line), (line, ""))[0] for line in lines]


@pytest.mark.parametrize(("fixture", "expected"), SCENARIOS, ids=IDS)
def test_the_real_vale_passes_the_google_suite(fixture: str, expected: list[str]) -> None:
    assert vale_as_the_suite_has_it(fixture) == expected


def test_every_listed_drift_still_happens() -> None:
    for fixture, line in DRIFT:
        assert line in vale_lines(GOOGLE / "fixtures" / fixture, "test.md")


@pytest.mark.parametrize(("fixture", "expected"), SCENARIOS, ids=IDS)
def test_copydesk_prints_what_the_real_vale_prints(fixture: str, expected: list[str]) -> None:
    real = vale_as_the_suite_has_it(fixture)
    rule_ids = {line.split(":")[3] for line in real} or {line.split(":")[3] for line in expected}
    ours = run(fixture, rule_ids)
    assert ours == real
