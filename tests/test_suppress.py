"""Inline suppressions in Markdown: copydesk's comments and Vale's, on the real
house rules, through the real command."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import run_cli

from editor.document import load_text
from editor.suppress import UNUSED_RULE, find_suppressions

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

#: Each paragraph has one House.InAnOrderTo ("In an order to") and one
#: House.DoubledWord ("the the").
PARA = "In an order to win, the the team must work."


def found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, *options: str
) -> list[tuple[int, str]]:
    article = tmp_path / "a.md"
    article.write_text(text, encoding="utf-8")
    _, out, _ = run_cli(
        capsys,
        "check",
        "--no-cache",
        "--engines",
        "rules",
        "--format",
        "json",
        *options,
        str(article),
    )
    return [(s["line"], s["rule"]) for s in json.loads(out)["files"][0]["suggestions"]]


def test_disable_and_enable_a_region_for_some_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        f"{PARA}\n\n<!-- copydesk-disable House.InAnOrderTo -->\n\n{PARA}\n\n"
        f"<!-- copydesk-enable House.InAnOrderTo -->\n\n{PARA}\n"
    )
    assert found(capsys, tmp_path, text) == [
        (1, "House.InAnOrderTo"),
        (1, "House.DoubledWord"),
        (5, "House.DoubledWord"),
        (9, "House.InAnOrderTo"),
        (9, "House.DoubledWord"),
    ]


def test_disable_all_next_line_and_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    everything = f"<!-- copydesk-disable -->\n\n{PARA}\n\n<!-- copydesk-enable -->\n\n{PARA}\n"
    assert [line for line, _ in found(capsys, tmp_path, everything)] == [7, 7]
    next_line = f"<!-- copydesk-disable-next-line House.DoubledWord -->\n{PARA}\n\n{PARA}\n"
    assert found(capsys, tmp_path, next_line) == [
        (2, "House.InAnOrderTo"),
        (4, "House.InAnOrderTo"),
        (4, "House.DoubledWord"),
    ]
    whole = f"{PARA}\n\n<!-- copydesk-disable-file House.* -->\n\n{PARA}\n"
    assert found(capsys, tmp_path, whole) == []


def test_vale_comments_work_as_in_vale(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    off_on = f"<!-- vale off -->\n\n{PARA}\n\n<!-- vale on -->\n\n{PARA}\n"
    assert [line for line, _ in found(capsys, tmp_path, off_on)] == [7, 7]
    one_rule = (
        f"<!-- vale House.DoubledWord = NO -->\n\n{PARA}\n\n"
        f"<!-- vale House.DoubledWord = YES -->\n\n{PARA}\n"
    )
    assert found(capsys, tmp_path, one_rule) == [
        (3, "House.InAnOrderTo"),
        (7, "House.InAnOrderTo"),
        (7, "House.DoubledWord"),
    ]


def test_a_comment_in_code_is_not_a_suppression() -> None:
    text = (
        f"```\n<!-- copydesk-disable-file -->\n```\n\nUse `<!-- vale off -->` to stop.\n\n{PARA}\n"
    )
    assert find_suppressions(load_text(text, "markdown")) == ()
    assert find_suppressions(load_text("<!-- vale off -->\n", "text")) == ()


def test_unused_suppressions_are_reported_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "<!-- copydesk-disable-next-line House.DoubledWord -->\nA clean line.\n\n"
        f"<!-- copydesk-disable-next-line House.DoubledWord -->\n{PARA}\n\n"
        "<!-- copydesk-disable Nonsense! -->\n"
    )
    assert (1, UNUSED_RULE) not in found(capsys, tmp_path, text)
    reported = found(capsys, tmp_path, text, "--report-unused-suppressions")
    assert [line for line, rule in reported if rule == UNUSED_RULE] == [1, 7]
    assert (5, "House.DoubledWord") not in reported
