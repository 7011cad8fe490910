"""The test run keeps to its own folders: nothing a test starts writes into
the user's home, cache or settings, and no test reads outside the repository."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser import Chromium, find_chromium

TESTS = Path(__file__).resolve().parent


def test_every_test_gets_private_xdg_folders(tmp_path: Path) -> None:
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[name]).is_relative_to(tmp_path)
    assert Path(os.environ["COPYDESK_CACHE_DIR"]).is_relative_to(tmp_path)


def test_chromium_writes_only_into_its_throwaway_profile(tmp_path: Path) -> None:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium on PATH; install it with: apt-get install -y chromium")
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><p>hello</p>", encoding="utf-8")
    workdir = tmp_path / "browser"
    workdir.mkdir()
    before = {p for p in tmp_path.rglob("*") if not p.is_relative_to(workdir)}
    Chromium(executable, workdir).dump_dom(page.as_uri())
    after = {p for p in tmp_path.rglob("*") if not p.is_relative_to(workdir)}
    assert after == before
    # dconf, the one Chromium used to leave in ~/.cache, lands in the profile.
    assert not (Path(os.environ["XDG_CACHE_HOME"]) / "dconf").exists()


_OUTSIDE = re.compile(r"""["'/]\.\./|parents\[(?:[2-9])\]|["']/work/|\bshared["'/]""")


def test_no_test_reaches_outside_the_repository() -> None:
    """A clean clone has nothing beside it: paths like ``../shared`` would
    break the README's test command there."""
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if "corpus" in path.parts:
            continue
        depth = len(path.relative_to(TESTS).parts)  # parents[depth] is the repo root
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if path == Path(__file__).resolve() and "_OUTSIDE" in line:
                continue
            found = _OUTSIDE.search(line)
            if found and found.group() != f"parents[{depth}]":
                offenders.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert offenders == []
