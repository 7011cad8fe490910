"""``copydesk fix`` and the non-interactive guard of ``copydesk review``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli as run

TEXT = "In an order to win, the the team must have to secure a deal.\r\nIt have to work."


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def test_fix_applies_safe_fixes_only_and_writes_beside(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, out, _ = run(capsys, "fix", "--engines", "rules", str(article))
    assert code == 0
    cleaned = article.with_name("article.edited.txt")
    # InAnOrderTo and DoubledWord are safe; MustHaveTo and ThirdPersonHave need a person.
    assert cleaned.read_bytes() == (
        b"In order to win, the team must have to secure a deal.\r\nIt have to work."
    )
    assert article.read_bytes() == TEXT.encode("utf-8")
    assert f"{article}: 2 fixes (House.DoubledWord ×1, House.InAnOrderTo ×1) → {cleaned}" in out


def test_fix_unsafe_and_rule_filters(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    run(
        capsys,
        "fix",
        "--engines",
        "rules",
        "--unsafe",
        "--rule",
        "House.ThirdPersonHave",
        str(article),
    )
    cleaned = article.with_name("article.edited.txt")
    assert cleaned.read_bytes() == TEXT.replace("It have", "It has").encode("utf-8")


def test_fix_in_place_keeps_the_original(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    code, _, _ = run(capsys, "fix", "--engines", "rules", "--in-place", str(article))
    assert code == 0
    assert article.with_name("article.txt.orig").read_bytes() == TEXT.encode("utf-8")
    assert article.read_bytes().startswith(b"In order to win, the team")


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_fix_diff_is_a_patch_that_applies(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "fix", "--engines", "rules", "--unsafe", "--diff", str(article))
    assert code == 0
    assert not article.with_name("article.edited.txt").exists()
    assert f"\n--- a/{article}\n+++ b/{article}\n" in out
    copy = tmp_path / "copy.txt"
    copy.write_bytes(article.read_bytes())
    (tmp_path / "fix.patch").write_text(out, encoding="utf-8", newline="")
    subprocess.run(["patch", "--binary", "-s", str(copy), str(tmp_path / "fix.patch")], check=True)
    assert copy.read_bytes() == (
        b"In order to win, the team must secure a deal.\r\nIt has to work."
    )


def test_fix_option_errors_exit_2(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    code, _, err = run(capsys, "fix", "-o", "x.txt", str(article), str(article))
    assert code == 2
    assert "-o takes one input file" in err


def test_review_without_a_terminal_points_to_fix(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, out, err = run(capsys, "review", str(article))
    assert code == 2
    assert out == ""
    assert err.strip() == (
        "copydesk: error: review needs a terminal (stdin and stdout); to apply fixes "
        f"without asking, use: copydesk fix {article}"
    )


def test_fix_dash_prints_the_fixed_text_and_nothing_else(tmp_path: Path) -> None:
    import sys

    data = TEXT.encode("utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "editor", "fix", "--engines", "rules", "-"],
        input=data,
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0
    # Byte for byte, CRLF kept; no "N fixes → …" line on stdout, and nothing written.
    assert (
        done.stdout == b"In order to win, the team must have to secure a deal.\r\nIt have to work."
    )
    assert done.stderr == b""
    # Nothing written beside it (the cache folder, which conftest puts here, aside).
    cache = Path(os.environ["COPYDESK_CACHE_DIR"])
    assert [p for p in tmp_path.iterdir() if p != cache] == []


def test_fix_dash_with_a_bom_and_no_fixes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    data = b"\xef\xbb\xbfFine text.\n"
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = run(capsys, "fix", "--engines", "rules", "-")
    assert (code, out, err) == (0, "\ufeffFine text.\n", "")


def test_fix_dash_refuses_in_place(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "fix", "--engines", "rules", "--in-place", "-")
    assert (code, out) == (2, "")
    assert err.startswith("copydesk: error: --in-place cannot write to standard input")


def test_fix_on_a_folder_without_prose_files_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "fix", "--engines", "rules", str(empty))
    assert (code, out) == (2, "")
    assert err == f"copydesk: warning: no Markdown or text files found in {empty}\n"
