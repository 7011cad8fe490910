"""``--jobs``: files checked in several processes give byte for byte what one
process gives, in every format, for ``check`` and ``fix``, and a crash in one
worker's engine costs only the file it happened on.

Each run is the real command in its own process (real Harper, real house
rules, real worker processes forked from it), on a folder of articles.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from editor.checkers.worker import ABORT_ENV

if TYPE_CHECKING:
    from pathlib import Path

ARTICLES = {
    "a.md": "# Title\n\nIn an order to win, the the team must have to secure a deal.\n",
    "b.md": "It have to go.\n\nThe colour of the sky, the color of the sea.\n",
    "c.txt": "Trying it's hard is what they does every day.\n",
    "d.md": "A clean sentence stands here.\n",
    "docs/e.md": "<!-- copydesk-disable House.MustHaveTo -->\nWe must have to go alot.\n",
    "docs/f.md": "Their going to the the shop tomorow.\n",
    "docs/g.txt": "Irregardless, he could of done it.\n",
}


def copydesk(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    base |= {"COPYDESK_CACHE_DIR": str(cwd / ".cache"), "CI": "true"}
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        cwd=cwd,
        env=base | (env or {}),
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=300,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        path = tmp_path / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "articles" / "binary.md").write_bytes(b"\x00\x01binary")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "checkstyle"])
def test_output_is_the_same_for_any_number_of_jobs(folder: Path, fmt: str) -> None:
    args = ["check", "--engines", "rules,harper", "--no-cache", "--format", fmt, "articles"]
    one = copydesk(folder, *args, "--jobs", "1")
    two = copydesk(folder, *args, "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr  # the same notices, once each, in the same order
    assert b"House.MustHaveTo" in one.stdout
    assert b"binary.md: skipped, a binary file" in one.stderr


def test_config_jobs_and_the_cache_give_the_same_output(folder: Path) -> None:
    (folder / "copydesk.toml").write_text("jobs = 2\n", encoding="utf-8")
    args = ["check", "--engines", "rules,harper", "--format", "json", "articles"]
    cold = copydesk(folder, *args)
    warm = copydesk(folder, *args)
    serial = copydesk(folder, *args, "--jobs", "1")
    assert cold.returncode == 1
    assert cold.stdout == warm.stdout == serial.stdout


def test_fix_writes_the_same_files_with_jobs(folder: Path) -> None:
    args = ["fix", "--engines", "rules", "--no-cache", "articles"]
    one = copydesk(folder, *args, "--jobs", "1")
    written = {p: p.read_bytes() for p in folder.rglob("*.edited.*")}
    for path in written:
        path.unlink()
    two = copydesk(folder, *args, "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert {p: p.read_bytes() for p in folder.rglob("*.edited.*")} == written
    assert len(written) >= 4


def test_a_crash_in_one_worker_costs_only_its_file(folder: Path) -> None:
    (folder / "articles" / "b.md").write_text("Boom ABORT-NOW here.\n", encoding="utf-8")
    args = ["check", "--engines", "rules,harper", "--no-cache", "--format", "json", "articles"]
    done = copydesk(folder, *args, "--jobs", "2", env={ABORT_ENV: "ABORT-NOW"})
    assert done.returncode == 3
    assert b"b.md" in done.stderr
    assert b"crashed" in done.stderr or b"abort" in done.stderr.lower()
    serial = copydesk(folder, *args, "--jobs", "1", env={ABORT_ENV: "ABORT-NOW"})
    assert done.stdout == serial.stdout


def test_bad_jobs_values_are_one_line_errors(folder: Path) -> None:
    done = copydesk(folder, "check", "--jobs", "-1", "articles")
    assert done.returncode == 2
    assert b"--jobs" in done.stderr
    assert b"Traceback" not in done.stderr
    (folder / "copydesk.toml").write_text('jobs = "many"\n', encoding="utf-8")
    done = copydesk(folder, "check", "articles")
    assert done.returncode == 2
    assert b"jobs" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
