"""Reports agree with each other and patches round-trip byte for byte.

* ``fix --diff`` and ``diff --format unified`` keep a UTF-8 byte-order mark:
  the patch, applied by the real ``patch -p1`` and ``git apply``, gives exactly
  the bytes ``fix -o`` writes (CRLF and LF). UTF-16 is refused in one line.
* The same fix counts the same number of changes in every report format and
  in ``copydesk diff`` of the original against the fixed copy.
* One set of readability labels and one set of decision names.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from conftest import SEED, run_cli as run
from rich.console import Console

from editor.diff.model import DECISIONS
from editor.readability import FIGURES, Readability
from editor.report.summary import render_review_summary

if TYPE_CHECKING:
    from pathlib import Path

BOM = b"\xef\xbb\xbf"
#: A first line with a fix (the hunk must carry the BOM) and a later one.
LINES = [
    "We did this in order to win the the race.",
    "",
    "Nothing to see here.",
    "",
    "He have to go, it is trying it's hard.",
]
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "HOME": os.devnull,
}


def _article(newline: str) -> bytes:
    return BOM + (newline.join(LINES) + newline).encode("utf-8")


def _fixed_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> bytes:
    out = tmp_path / "expected.txt"
    code, _, _ = run(capsys, "fix", "--engines", "rules", "--unsafe", name, "-o", str(out))
    assert code == 0
    data = out.read_bytes()
    assert data.startswith(BOM)
    return data


def _apply(tool: str, folder: Path, patch: bytes) -> None:
    (folder / "change.patch").write_bytes(patch)
    if tool == "patch":
        command = ["patch", "-p1", "--batch", "-i", "change.patch"]
        env = {**os.environ, "LC_ALL": "C"}
    else:
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True, env={**os.environ, **GIT_ENV})
        command = ["git", "apply", "change.patch"]
        env = {**os.environ, **GIT_ENV}
    result = subprocess.run(command, cwd=folder, capture_output=True, check=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(folder.rglob("*.rej"))


TOOLS = [
    pytest.param(
        "patch", marks=pytest.mark.skipif(not shutil.which("patch"), reason="needs patch")
    ),
    pytest.param("git", marks=pytest.mark.skipif(not shutil.which("git"), reason="needs git")),
]


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["crlf", "lf"])
def test_fix_diff_keeps_the_bom(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tool: str,
    newline: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_bytes(_article(newline))
    expected = _fixed_bytes(capsys, tmp_path, "article.txt")
    code, patch, _ = run(capsys, "fix", "--engines", "rules", "--unsafe", "--diff", "article.txt")
    assert code == 0
    lines = patch.splitlines(keepends=True)
    assert lines[:3] == [
        "copydesk diff: article.txt → article.txt (fixed)\n",
        "--- a/article.txt\n",
        "+++ b/article.txt\n",
    ]
    # The first line of the hunk carries the BOM, exactly as in the file.
    assert lines[4] == "-\ufeff" + LINES[0] + newline
    _apply(tool, tmp_path, patch.encode("utf-8"))
    assert (tmp_path / "article.txt").read_bytes() == expected


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["crlf", "lf"])
def test_diff_unified_keeps_the_bom(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tool: str,
    newline: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_bytes(_article(newline))
    expected = _fixed_bytes(capsys, tmp_path, "article.txt")
    code, patch, _ = run(
        capsys, "diff", "--no-stats", "--format", "unified", "article.txt", "expected.txt"
    )
    assert code == 1
    assert patch.startswith("copydesk diff: article.txt → expected.txt\n--- a/article.txt\n")
    _apply(tool, tmp_path, patch.encode("utf-8"))
    assert (tmp_path / "article.txt").read_bytes() == expected


@pytest.mark.skipif(not shutil.which("patch"), reason="needs patch")
def test_a_bom_on_one_side_only_is_patched_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_bytes(_article("\n"))
    (tmp_path / "new.txt").write_bytes(_article("\n")[len(BOM) :])
    code, patch, _ = run(capsys, "diff", "--no-stats", "--format", "unified", "old.txt", "new.txt")
    assert code == 0  # the texts are the same; only the bytes differ
    _apply("patch", tmp_path, patch.encode("utf-8"))
    assert (tmp_path / "old.txt").read_bytes() == (tmp_path / "new.txt").read_bytes()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_unified_output_refuses_utf16_in_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    codec: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    text = "\n".join(LINES) + "\n"
    bom = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
    (tmp_path / "wide.txt").write_bytes(bom + text.encode(codec))
    (tmp_path / "plain.txt").write_bytes(text.replace("in order to", "to").encode("utf-8"))
    for args in (
        ("fix", "--engines", "rules", "--unsafe", "--diff", "wide.txt"),
        ("diff", "--no-stats", "--format", "unified", "wide.txt", "plain.txt"),
        ("diff", "--no-stats", "--format", "unified", "plain.txt", "wide.txt"),
    ):
        code, out, err = run(capsys, *args)
        assert code == 2, args
        assert out == ""
        assert err.count("\n") == 1, err
        assert err.startswith("copydesk: error: ")
        assert "UTF-16" in err
        assert "patch" in err
    # Every other format still works for UTF-16.
    code, out, _ = run(capsys, "diff", "--no-stats", "--format", "json", "wide.txt", "plain.txt")
    assert code == 1
    assert json.loads(out)["changes"]


# --------------------------------------------------------------------------
# One count everywhere.


def _count(fmt: str, text: str) -> int:
    """The number of changes a report states, read the way a person would."""
    if fmt == "json":
        return len(json.loads(text)["changes"])
    if fmt == "html":
        match = re.search(r'data-changes="(\d+)">(\d+) changes? in ', text)
        assert match
        assert match[1] == match[2]
        rows = len(re.findall(r'<tr id="change-\d+">', text))
        assert rows == int(match[1])
        return rows
    if fmt == "markdown":
        match = re.search(r"^\*\*(\d+) changes?\*\* in ", text, re.MULTILINE)
        assert match
        summary = re.search(r"<summary>All (\d+) changes?</summary>", text)
        assert summary
        assert summary[1] == match[1]
        return int(match[1])
    match = re.search(r": (\d+) changes? in \d+ paragraphs?$", text, re.MULTILINE)
    assert match, text
    return int(match[1])


SUFFIX = {"json": "json", "html": "html", "markdown": "md", "terminal": "txt"}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_the_same_fix_counts_the_same_everywhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, unsafe: bool
) -> None:
    fixed = tmp_path / "fixed.txt"
    flags = ["--engines", "rules", *(["--unsafe"] if unsafe else [])]
    counts: dict[str, int] = {}
    for fmt, suffix in SUFFIX.items():
        report = tmp_path / f"fix.{suffix}"
        code, _, _ = run(
            capsys, "fix", *flags, str(SEED), "-o", str(fixed), "--report", str(report)
        )
        assert code == 0
        counts[f"fix {fmt}"] = _count(fmt, report.read_text(encoding="utf-8"))
        code, out, _ = run(capsys, "diff", "--no-stats", "--format", fmt, str(SEED), str(fixed))
        assert code == 1
        counts[f"diff {fmt}"] = _count(fmt, out)
    assert len(set(counts.values())) == 1, counts
    # The seed's unsafe fixes include the rewrites that a plain word diff
    # used to split in two ("share of market" → "market share").
    assert counts["diff json"] >= (20 if unsafe else 1)


# --------------------------------------------------------------------------
# One vocabulary.


def test_fix_reports_say_applied_not_accepted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "fix.html"
    code, _, _ = run(
        capsys,
        "fix",
        "--engines",
        "rules",
        "--unsafe",
        str(SEED),
        "-o",
        str(tmp_path / "fixed.txt"),
        "--report",
        str(report),
    )
    assert code == 0
    page = report.read_text(encoding="utf-8")
    assert "accepted" not in page
    assert "alternative" not in page
    assert re.search(r'<tr data-decision="applied"><td>applied .*?<td class="num">(\d+)</td>', page)
    # Rule ids never break mid-word.
    assert re.search(r"code\.rule \{[^}]*white-space: nowrap", page)
    assert '<code class="rule">House.InOrderTo</code>' in page
    assert "<code>House." not in page


def test_markdown_marks_changes_one_way(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fixed = tmp_path / "fixed.txt"
    run(capsys, "fix", "--engines", "rules", "--unsafe", str(SEED), "-o", str(fixed))
    code, out, _ = run(capsys, "diff", "--no-stats", "--format", "markdown", str(SEED), str(fixed))
    assert code == 1
    changes = out.split("### Changes", 1)[1].split("<details>", 1)[0]
    assert "<del>" in changes
    assert "<ins>" in changes
    assert "~~" not in changes
    assert "**" not in changes


def _labels(text: str) -> list[str]:
    return [f.label for f in FIGURES if re.search(rf"(^|\W){re.escape(f.label)}\W", text)]


def test_stats_diff_and_review_summary_share_the_readability_labels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    every = [f.label for f in FIGURES]
    assert len(set(every)) == len(every)
    assert {f.key for f in FIGURES} == set(Readability.__dataclass_fields__) - {"hardest"}
    code, stats, _ = run(capsys, "stats", str(SEED))
    assert code == 0
    assert _labels(stats) == every
    fixed = tmp_path / "fixed.txt"
    run(capsys, "fix", "--engines", "rules", "--unsafe", str(SEED), "-o", str(fixed))
    for fmt in ("terminal", "markdown", "html"):
        code, out, _ = run(capsys, "diff", "--format", fmt, str(SEED), str(fixed))
        assert _labels(out) == every, fmt
    figures = json.loads(run(capsys, "stats", "--format", "json", str(SEED))[1])[0]
    buffer = io.StringIO()
    render_review_summary(
        Console(file=buffer, width=100, color_system=None),
        counts={"accepted": 2, "kept": 1, "added": 1, "undecided": 3},
        edits_by_rule=Counter(),
        output="out.txt",
        readability=(figures, figures),
    )
    summary = buffer.getvalue()
    assert _labels(summary) == every
    # The review summary uses the reports' decision names.
    assert (
        "Review done: 2 accepted, 2 rejected (1 kept, 1 added to the vocabulary), 3 undecided."
        in (summary)
    )
    named = re.findall(r"(\d+) (\w+)", summary.splitlines()[0])
    assert {word for _, word in named} <= set(DECISIONS) | {"kept", "added"}
