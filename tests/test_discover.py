"""What a folder stands for: real git repositories and plain folders in temp
dirs, with ignored, untracked, hidden, binary, symlinked and looping files."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from conftest import run_cli

from editor.discover import expand_paths, parse_shard, shard

if TYPE_CHECKING:
    from pathlib import Path

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
        },
    )


def tree(root: Path) -> None:
    """docs with a tracked, an untracked, an ignored and a hidden article, a
    binary .txt, a symlink out of the folder and a symlink loop."""
    (root / "docs" / "build").mkdir(parents=True)
    (root / ".github").mkdir()
    (root / "docs" / "a.md").write_text("It have to go.\n", encoding="utf-8")
    (root / "docs" / "new.md").write_text("Fresh.\n", encoding="utf-8")
    (root / "docs" / "build" / "out.md").write_text("Generated.\n", encoding="utf-8")
    (root / "docs" / "notes.log").write_text("Not prose.\n", encoding="utf-8")
    (root / ".github" / "x.md").write_text("Hidden.\n", encoding="utf-8")
    (root / "docs" / "blob.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (root / "docs" / "utf16.txt").write_bytes("Fine.\n".encode("utf-16"))
    outside = root.parent / f"{root.name}-outside.md"
    outside.write_text("Outside.\n", encoding="utf-8")
    (root / "docs" / "away.md").symlink_to(outside)
    (root / "docs" / "loop.md").symlink_to(root / "docs" / "loop.md")
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")


def names(root: Path, **globs: tuple[str, ...]) -> tuple[list[str], list[str]]:
    expanded = expand_paths([str(root)], globs.get("files", ()), globs.get("exclude", ()))
    files = [os.path.relpath(f, root) for f in expanded.files]
    return files, sorted(s.split(": ", 1)[1] for s in expanded.skipped)


SKIPPED = [
    "skipped, a binary file",
    "skipped, a symlink loop",
    "skipped, a symlink out of the folder",
]


@needs_git
def test_a_git_repository_lists_what_git_sees(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    tree(repo)
    git(repo, "init", "-q")
    git(repo, "add", ".gitignore", "docs/a.md")
    git(repo, "commit", "-q", "-m", "start")
    files, skipped = names(repo)
    # Tracked and untracked files; build/ is ignored, .github hidden, .log not prose.
    assert files == ["docs/a.md", "docs/new.md", "docs/utf16.txt"]
    assert skipped == SKIPPED
    # A file deleted from the work tree is not there to check.
    (repo / "docs" / "a.md").unlink()
    assert names(repo)[0] == ["docs/new.md", "docs/utf16.txt"]
    # An ignored folder named on its own is checked (asked for by name).
    assert names(repo / "docs" / "build")[0] == ["out.md"]


def test_a_plain_folder_honours_its_gitignore_files(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    tree(root)
    (root / "docs" / ".gitignore").write_text("new.md\n", encoding="utf-8")
    files, skipped = names(root)
    assert files == ["docs/a.md", "docs/utf16.txt"]
    assert skipped == SKIPPED


def test_files_and_exclude_globs(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    tree(root)
    files, _ = names(root, files=("*.md", "*.log"), exclude=("new.md", "away.md", "loop.md"))
    assert files == ["docs/a.md", "docs/notes.log"]


@needs_git
def test_check_takes_globs_from_the_config_and_notes_skips(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    tree(repo)
    git(repo, "init", "-q")
    (repo / "copydesk.toml").write_text('exclude = ["new.md"]\n', encoding="utf-8")
    code, out, err = run_cli(
        capsys,
        "check",
        "--config",
        str(repo / "copydesk.toml"),
        "--engines",
        "rules",
        "--no-cache",
        "--format",
        "jsonl",
        str(repo),
    )
    assert code == 1
    assert {line.split('"path": "')[1].split('"')[0] for line in out.splitlines()} == {
        str(repo / "docs" / "a.md")
    }
    assert "blob.txt: skipped, a binary file" in err


def test_shards_split_the_files_once_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    names = [f"docs/{n:03}.md" for n in range(60)]
    parts = [shard(names, i, 4) for i in range(1, 5)]
    assert sorted(n for part in parts for n in part) == names
    assert all(parts)  # each machine gets some
    assert shard([*names, "docs/new.md"], 2, 4) in (parts[1], [*parts[1], "docs/new.md"])
    for bad in ("0/4", "5/4", "two/4", "1"):
        with pytest.raises(ValueError, match=r"I/N|between"):
            parse_shard(bad)
    (tmp_path / "a.md").write_text("It have to go.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--engines", "rules", "--shard", "3/2", str(tmp_path))
    assert code == 2
    assert "--shard: '3/2': I must be between 1 and N" in err
