"""Every command's ``--help`` states the exit codes that command can return,
and names only options that command has."""

from __future__ import annotations

import re

import pytest

from editor.cli import build_parser

#: What each command can return (see editor/cli/ and the tests of each command).
EXITS = {
    "check": {0, 1, 2, 3},
    "review": {0, 2, 3, 130},
    "fix": {0, 2, 3},
    "diff": {0, 1, 2},
    "stats": {0, 2},
    "engines": {0},
    "config": {0, 2},
    "rules list": {0, 2},
    "rules show": {0, 2},
    "rules test": {0, 1, 2},
    "languagetool fetch": {0, 3},
    "languagetool serve": {0, 3},
}


def _help(capsys: pytest.CaptureFixture[str], command: str) -> str:
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([*command.split(), "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def _epilog(text: str) -> str:
    return text[text.index("exit codes:") :]


@pytest.mark.parametrize("command", sorted(EXITS))
def test_the_epilog_lists_exactly_the_command_s_exit_codes(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    epilog = " ".join(_epilog(_help(capsys, command)).split())
    # A code is a number that starts a clause: "exit codes: 0 …; 1 …".
    stated = {int(n) for n in re.findall(r"(?:exit codes:|;)\s*(\d+)\b", epilog)}
    assert stated == EXITS[command]


@pytest.mark.parametrize("command", sorted(EXITS))
def test_the_epilog_names_only_options_the_command_has(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    text = _help(capsys, command)
    usage_and_options = text[: text.index("exit codes:")]
    for option in re.findall(r"--[a-z][a-z-]+", _epilog(text)):
        assert option in usage_and_options, f"{command} --help speaks of {option}"
