"""``check --changed`` and ``--lines-changed`` on real git repositories:
a branch off main with committed, staged, unstaged, renamed and untracked
changes."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import run_cli
from test_discover import git

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BAD = "It have to go."  # House.ThirdPersonHave, on its line


#: Enough unchanged text for git to see an edited, renamed file as a rename.
LONG = [f"Paragraph {n} stays exactly as it was in every version." for n in range(8)]


def article(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "a.md").write_text(article(BAD, "Fine.", "Fine."), encoding="utf-8")
    (root / "docs" / "b.md").write_text(article(BAD, "Old text.", *LONG), encoding="utf-8")
    (root / "docs" / "same.md").write_text(article(BAD), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    git(root, "checkout", "-q", "-b", "feature")
    # Committed on the branch: a line of a.md; b.md renamed to c.md and edited.
    (root / "docs" / "a.md").write_text(article(BAD, BAD, "Fine."), encoding="utf-8")
    git(root, "mv", "docs/b.md", "docs/c.md")
    (root / "docs" / "c.md").write_text(
        article(BAD, "Old text, and " + BAD, *LONG), encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "edit")
    # Not committed: an untracked file.
    (root / "docs" / "d.md").write_text(article(BAD), encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def findings(capsys: pytest.CaptureFixture[str], *options: str) -> list[tuple[str, int]]:
    code, out, err = run_cli(
        capsys, "check", "--engines", "rules", "--no-cache", "--format", "json", *options
    )
    assert code in (0, 1), err
    return [
        (f["path"].replace("\\", "/"), s["line"])
        for f in json.loads(out)["files"]
        for s in f["suggestions"]
        if s["rule"] == "House.ThirdPersonHave"
    ]


def test_changed_checks_the_branch_and_the_work_tree(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    assert repo.name == "repo"  # the fixture made it and went there
    assert {path for path, _ in findings(capsys, "--changed")} == {
        "docs/a.md",
        "docs/c.md",  # renamed: followed to its new name
        "docs/d.md",  # untracked
    }
    # Against HEAD only what is not committed counts.
    assert {path for path, _ in findings(capsys, "--changed", "--base", "HEAD")} == {"docs/d.md"}


def test_lines_changed_reports_only_findings_on_changed_lines(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    assert repo.name == "repo"
    assert findings(capsys, "--lines-changed", "docs") == [
        ("docs/a.md", 3),  # the line the branch changed, not line 1
        ("docs/c.md", 3),
        ("docs/d.md", 1),  # a new file: all of it
    ]


def test_changed_outside_git_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.md").write_text(BAD + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--engines", "rules", "--changed", str(tmp_path))
    assert code == 2
    assert err.startswith("copydesk: error: git rev-parse: fatal: not a git repository")
    assert len(err.strip().splitlines()) == 1
