"""The shipped pre-commit hook, run the way a team tries it before adopting it:
``pre-commit try-repo`` on a copy of this project, inside a sample git
repository, with the hook's virtual environment built by pre-commit itself (pip
from PyPI)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT
from test_discover import git

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

CLEAN = "# Notes\n\nThe team shipped the release on time.\n"
BAD = "# Ads\n\nWe spent alot on ads.\n"  # House.Alot, an error, at 3:10


def _require_tools() -> None:
    """git and pre-commit, or a skip with the reason; under CI a failure, since
    the hook must be tried there."""
    missing = [
        name
        for name, found in (
            ("git", shutil.which("git") is not None),
            ("pre-commit", importlib.util.find_spec("pre_commit") is not None),
        )
        if not found
    ]
    if missing:
        reason = f"{' and '.join(missing)} not installed (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project's files as they are now, committed in a repository of
    their own: ``try-repo`` clones a commit, the suite may run from a copy
    without ``.git`` (CI does), and uncommitted or untracked files of a
    checkout would otherwise be left out of the hook's install."""
    _require_tools()
    copy = tmp_path_factory.mktemp("hook") / "copydesk"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "__pycache__", ".*_cache", ".hypothesis", "dist", "build", "*.egg-info"
        ),
    )
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", ".")
    git(copy, "commit", "-q", "-m", "copydesk as it is")
    return copy


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A team's repository with one clean Markdown file, committed, checked by
    the house rules alone so the findings do not depend on Harper or a
    LanguageTool server."""
    _require_tools()
    root = tmp_path / "sample"
    root.mkdir()
    (root / "copydesk.toml").write_text('engines = ["rules"]\n', encoding="utf-8")
    (root / "clean.md").write_text(CLEAN, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    return root


def try_repo(sample: Path, project: Path, tmp_path: Path) -> tuple[int, str]:
    """``pre-commit try-repo PROJECT copydesk --all-files`` in ``sample``: its
    exit code and its output (stdout and stderr together).

    try-repo builds the hook's environment in a store of its own that it
    deletes afterwards, whatever ``PRE_COMMIT_HOME`` says, so each run installs
    copydesk again (about 15 s with a fast link to PyPI); PRE_COMMIT_HOME only
    keeps pre-commit's log out of the user's cache."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(project),
            "copydesk",
            "--all-files",
            "--color",
            "never",
        ],
        cwd=sample,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
        check=False,
        env={
            **os.environ,
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
            "GIT_CONFIG_GLOBAL": os.devnull,
        },
    )
    return result.returncode, result.stdout


def test_the_hook_passes_a_clean_repository(sample: Path, project: Path, tmp_path: Path) -> None:
    code, out = try_repo(sample, project, tmp_path)
    assert code == 0, out
    assert re.search(r"^copydesk\.+Passed$", out, re.M), out


def test_the_hook_fails_on_a_file_with_an_error(
    sample: Path, project: Path, tmp_path: Path
) -> None:
    (sample / "bad.md").write_text(BAD, encoding="utf-8")
    git(sample, "add", "bad.md")  # staged, as before a commit
    code, out = try_repo(sample, project, tmp_path)
    assert code == 1, out
    assert re.search(r"^copydesk\.+Failed$", out, re.M), out
    assert "- exit code: 1" in out  # copydesk's own: findings, not an engine error
    assert "bad.md:3:10: error[House.Alot] Use 'a lot' instead of 'alot'" in out
    assert "clean.md:" not in out
