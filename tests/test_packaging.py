"""The wheel carries the rule packs: installed into a fresh virtual
environment and run from another directory, ``copydesk`` finds them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_rules_and_runs_from_elsewhere(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "__pycache__", ".*_cache", "dist", "build", "corpus"
        ),
    )
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("copydesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "editor/_rules/House/InAnOrderTo.yml" in names
    assert "editor/py.typed" in names
    assert "editor/_rules/config/vocabularies/House/accept.txt" in names
    assert "editor/data/spelling-variants.tsv" in names  # dialect detection
    assert "editor/data/SCOWL-COPYRIGHT" in names

    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    article = elsewhere / "article.txt"
    shutil.copy(ROOT / "seeds" / "huawei-att.txt", article)
    result = subprocess.run(
        [str(env_dir / "bin" / "copydesk"), "check", "article.txt"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "article.txt:3:1: error[House.InAnOrderTo]" in result.stdout
    assert "en-US spelling" in result.stdout  # the variety list loaded from the wheel
    # The default install has no GPL extra: LanguageTool is skipped in one short
    # line, and `copydesk engines` says why and how to add it.
    assert result.stderr.strip() == (
        "copydesk: notice: LanguageTool not available; see 'copydesk engines'"
    )
    engines = subprocess.run(
        [str(env_dir / "bin" / "copydesk"), "engines"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "language-tool-python is not installed" in engines.stdout
    assert "pip install 'copydesk[languagetool]'" in engines.stdout
    listing = subprocess.run(
        [str(env_dir / "bin" / "copydesk"), "rules", "list"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "House.InAnOrderTo" in listing.stdout


def test_the_pre_commit_hook_runs_a_real_command() -> None:
    import yaml

    from editor.cli import build_parser

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, command = hook["entry"].split()
    assert program == "copydesk"
    assert hook["language"] == "python"
    # The parser knows the command the hook calls (it exits 0 on --help).
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([command, "--help"])
    assert done.value.code == 0
