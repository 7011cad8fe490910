"""``copydesk diff``, ``copydesk stats`` and ``--report`` through the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from conftest import SEED, run_cli as run

if TYPE_CHECKING:
    from pathlib import Path

OLD = "It have to go.\r\n\r\nWe saw the the cat 😀.\r\n\r\nNothing else.\r\n"
NEW = "It has to go.\r\n\r\nWe saw the cat 😀.\r\n\r\nNothing else.\r\n"


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    (tmp_path / "old.txt").write_bytes(OLD.encode("utf-8"))
    (tmp_path / "new.txt").write_bytes(NEW.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return "old.txt", "new.txt"


def test_diff_exit_codes_and_plain_markers(
    capsys: pytest.CaptureFixture[str], pair: tuple[str, str]
) -> None:
    code, out, _ = run(capsys, "diff", "--no-stats", *pair)
    assert code == 1
    assert "It [-have-]{+has+} to go." in out
    assert "We saw the [-the -]cat 😀." in out
    code, out, _ = run(capsys, "diff", "--no-stats", pair[0], pair[0])
    assert code == 0
    assert "0 changes" in out or "no changes" in out.lower()


def test_diff_formats_by_suffix_and_flag(
    capsys: pytest.CaptureFixture[str], pair: tuple[str, str], tmp_path: Path
) -> None:
    run(capsys, "diff", *pair, "-o", "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "<del" in page
    assert "<ins" in page
    run(capsys, "diff", *pair, "-o", "report.md")
    assert "<del>have</del>" in (tmp_path / "report.md").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "diff", *pair, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [c["old"]["text"] for c in data["changes"]] == ["have", "the "]
    before, after = data["readability"]["before"], data["readability"]["after"]
    assert after["words"] == before["words"] - 1


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_diff_unified_applies_with_patch(
    capsys: pytest.CaptureFixture[str], pair: tuple[str, str], tmp_path: Path
) -> None:
    run(capsys, "diff", *pair, "-o", "change.patch")
    subprocess.run(["patch", "-s", "-p1", "-i", "change.patch"], cwd=tmp_path, check=True)
    assert (tmp_path / "old.txt").read_bytes() == NEW.encode("utf-8")


def test_diff_of_a_missing_file_is_exit_2(
    capsys: pytest.CaptureFixture[str], pair: tuple[str, str]
) -> None:
    code, _, err = run(capsys, "diff", pair[0], "missing.txt")
    assert code == 2
    assert err.strip() == "copydesk: error: missing.txt: no such file"


def test_stats_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", str(SEED))
    assert code == 0
    assert "Flesch reading ease" in out
    assert "Hardest sentences" in out
    code, out, _ = run(capsys, "stats", "--format", "json", "--hardest", "2", str(SEED))
    (figures,) = json.loads(out)
    assert figures["path"] == str(SEED)
    assert figures["sentences"] == 12
    assert len(figures["hardest"]) == 2
    assert {
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "gunning_fog",
        "smog_index",
        "coleman_liau_index",
        "words",
        "avg_sentence_length",
    } <= set(figures)


def test_fix_report_names_rules_and_decisions(
    capsys: pytest.CaptureFixture[str], pair: tuple[str, str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "fix", "--engines", "rules", "--unsafe", pair[0], "--report", "fix.json"
    )
    assert code == 0
    assert "Report (json): fix.json" in out
    data = json.loads((tmp_path / "fix.json").read_text(encoding="utf-8"))
    assert [(c["rule"], c["decision"]) for c in data["changes"]] == [
        ("House.ThirdPersonHave", "applied"),
        ("House.DoubledWord", "applied"),
    ]
    before, after = data["readability"]["before"], data["readability"]["after"]
    assert after["words"] == before["words"] - 1
