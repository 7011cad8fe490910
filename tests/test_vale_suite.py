"""The Google style's own suite (its Cucumber features, vendored in
tests/vale/Google with its licence) through the command a Vale user runs:
``copydesk check --format vale-line .`` in each fixture folder, which
reads that folder's ``.vale.ini``. Every scenario, exactly as written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_vale_compat import GOOGLE, scenarios

SCENARIOS = scenarios()


def test_the_suite_is_all_there() -> None:
    assert len(SCENARIOS) == 12


@pytest.mark.parametrize(("fixture", "expected"), SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_google_scenario_through_the_command(fixture: str, expected: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editor", "check", "--format", "vale-line", "."],
        cwd=GOOGLE / "fixtures" / fixture,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("VALE_")},
    )
    assert done.stdout.splitlines() == expected, done.stderr
    assert done.returncode in (0, 1), done.stderr  # 1: an error-level finding, as Vale
    assert done.stderr == ""
