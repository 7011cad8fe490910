from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import SEED, run_cli as run

from editor.cli import main
from editor.model import Suggestion

if TYPE_CHECKING:
    from pathlib import Path

RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: {level}\ntokens: [fluff]\n"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "Team"
    folder.mkdir()
    (folder / "Fluff.yml").write_text(RULE.format(level="suggestion"), encoding="utf-8")
    return folder


def test_check_seed_reports_findings_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED))
    assert code == 1
    assert (
        f"{SEED}:3:1: error[House.InAnOrderTo] Use 'in order to' instead of 'In an order to'."
        in out
    )
    assert "│ In an order to secure a place" in out
    assert "= fix: In order to" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert out.rstrip().splitlines()[-1].startswith(tuple("0123456789"))


def test_clean_file_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Results\n\nThe company sold more phones this year.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(clean))
    assert (code, out.strip()) == (
        0,
        "No findings in 1 file (engines: rules, harper; en-US spelling).",
    )


def test_fail_on_threshold(capsys: pytest.CaptureFixture[str], tmp_path: Path, pack: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Pure fluff here.\n", encoding="utf-8")
    base = ["check", "--no-default-rules", "--rules", str(pack), str(doc)]
    assert run(capsys, *base)[0] == 0  # a suggestion is below the default --fail-on warning
    assert run(capsys, *base, "--fail-on", "suggestion")[0] == 1
    (pack / "Fluff.yml").write_text(RULE.format(level="error"), encoding="utf-8")
    assert run(capsys, *base)[0] == 1
    assert run(capsys, *base, "--fail-on", "none")[0] == 0


def test_json_output_round_trips_and_is_sorted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(SEED))
    assert code == 1
    payload = json.loads(out)
    assert payload["version"] == 1
    assert payload["errors"] == []
    (entry,) = payload["files"]
    assert entry["path"] == str(SEED)
    assert entry["encoding"] == "utf-8"
    items = [Suggestion.from_dict(d) for d in entry["suggestions"]]
    assert [s.to_dict() for s in items] == entry["suggestions"]
    assert items == sorted(items, key=Suggestion.sort_key)
    raw = SEED.read_text(encoding="utf-8")
    assert all(raw[s.start : s.end] == s.text for s in items)


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(SEED)) == run(capsys, "check", str(SEED))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
        (None, "no such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("It must have to work.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad), str(good))
    assert code == 2
    errors = [line for line in err.splitlines() if not line.startswith("copydesk: notice:")]
    assert errors == [
        f"copydesk: error: {bad}: {message}" + err.split(message, 1)[1].splitlines()[0]
    ]
    assert "Traceback" not in err
    assert "House.MustHaveTo" in out  # the other file was still checked


def test_broken_rule_file_is_reported_and_the_rest_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pack: Path
) -> None:
    (pack / "Broken.yml").write_text("extends: existence\nmessage: x\nraw: ['(oops']\n", "utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("More fluff.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--no-default-rules", "--rules", str(pack), str(doc))
    assert code == 2
    assert f"copydesk: rule error: {pack / 'Broken.yml'}:3: raw: invalid regular expression" in err
    assert "Team.Fluff" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fail-on", "fatal", str(SEED)])
    assert exc.value.code == 2
    assert "invalid choice: 'fatal'" in capsys.readouterr().err
    code, _, err = run(capsys, "rules", "show", "House.NoSuchRule")
    assert code == 2
    assert err.strip() == "copydesk: error: no rule 'House.NoSuchRule' (see 'copydesk rules list')"


def test_rules_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "list")
    assert code == 0
    assert any(line.startswith("House.InAnOrderTo ") for line in out.splitlines())
    code, out, _ = run(capsys, "rules", "show", "house.inanorderto")
    assert code == 0
    assert "rule:        House.InAnOrderTo" in out
    assert "type:        substitution" in out
    assert "  bad: In an order to secure a place, it launched a brand.  →  In order to" in out


def test_rules_test_passes_on_the_pack_and_fails_on_a_bad_example(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    code, out, _ = run(capsys, "rules", "test")
    assert code == 0, out
    assert "examples: all passed." in out
    (pack / "Fluff.yml").write_text(
        RULE.format(level="warning") + "examples:\n  bad: ['No match here.']\n  good: ['Fine.']\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "rules", "test", str(pack))
    assert code == 1
    assert "FAIL Team.Fluff: bad example 'No match here.': not flagged" in out


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("copydesk ")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    help_text = capsys.readouterr().out
    for flag in ("--format", "--fail-on", "--rules", "--disable", "exit codes"):
        assert flag in help_text


def test_a_folder_means_the_prose_files_below_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    (tmp_path / "docs" / ".git").mkdir()
    for relative in ("docs/a.md", "docs/deep/b.txt", "docs/.git/c.md", "docs/image.png"):
        (tmp_path / relative).write_text("It must have to work.\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "check", "--engines", "rules", "--format", "json", str(tmp_path / "docs")
    )
    assert code == 1
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == [str(tmp_path / "docs" / "a.md"), str(tmp_path / "docs" / "deep" / "b.txt")]


def test_a_folder_without_prose_files_is_a_warning_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "images"
    empty.mkdir()
    (empty / "logo.png").write_bytes(b"\x89PNG")
    code, out, err = run(capsys, "check", "--engines", "rules", str(empty))
    assert code == 2
    assert err.splitlines() == [f"copydesk: warning: no Markdown or text files found in {empty}"]
    assert "No findings" not in out  # nothing was checked: no summary that reads as a pass
    code, out, _ = run(capsys, "check", "--engines", "rules", "--format", "json", str(empty))
    assert code == 2
    payload = json.loads(out)
    assert payload["files"] == []
    assert payload["errors"] == [f"{empty}: no Markdown or text files found"]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_checks_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, b"It must have to work.\n")
    code, out, err = run(capsys, "check", "--engines", "rules", "-")
    assert (code, err) == (1, "")
    assert out.startswith("<stdin>:1:4: error[House.MustHaveTo] ")
    # Its name and format can be given: Markdown code is not prose.
    _stdin(monkeypatch, b"# Title\n\n`must have to` and it must have to work.\n")
    code, out, _ = run(
        capsys, "check", "--engines", "rules", "--format", "json", "--stdin-filename", "a.md", "-"
    )
    (entry,) = json.loads(out)["files"]
    assert (entry["path"], entry["format"]) == ("a.md", "markdown")
    assert [s["column"] for s in entry["suggestions"]] == [23]


def test_stdin_mixes_with_files_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("It must have to work.\n", encoding="utf-8")
    _stdin(monkeypatch, b"Fine text.\n")
    code, out, _ = run(capsys, "check", "--engines", "rules", "--format", "json", "-", str(other))
    assert code == 1
    assert [f["path"] for f in json.loads(out)["files"]] == ["<stdin>", str(other)]
    code, _, err = run(capsys, "check", "--engines", "rules", "-", "-")
    assert (code, err) == (2, "copydesk: error: standard input ('-') can be read only once\n")
    code, _, err = run(capsys, "check", "--stdin-filename", "a.md", str(other))
    assert code == 2
    assert "--stdin-filename names standard input" in err


def test_no_progress_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("It must have to work.\n", encoding="utf-8")
    code, _, err = run(
        capsys, "check", "--engines", "rules,harper", "--color", "always", str(article)
    )
    assert (code, err) == (1, "")


def _under_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """``copydesk ARGS`` with stderr on a pseudo-terminal and stdout on a pipe:
    its exit code, stdout, and everything the terminal received."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "editor", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
    )
    os.close(slave)
    screen = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    assert process.stdout is not None
    out = process.stdout.read()
    process.stdout.close()
    return process.wait(), out, bytes(screen)


def test_progress_on_a_terminal_goes_to_stderr_only(tmp_path: Path) -> None:
    import os

    # Long enough to outlast the display's delay (a quick run shows nothing).
    text = "It must have to work, in order to see the progress line.\n\n" * 4000
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env |= {"TERM": "xterm-256color", "COLUMNS": "100"}
    args = [
        "check",
        "--engines",
        "rules",
        "--no-cache",
        "--jobs",
        "1",
        "--statistics",
        "a.txt",
        "b.txt",
    ]
    code, out, screen = _under_a_terminal(args, tmp_path, env)
    assert code == 1
    shown = screen.decode("utf-8")
    assert "a.txt (1 of 2)" in shown
    assert "b.txt (2 of 2) · rules" in shown
    assert "0:00:0" in shown  # elapsed time
    assert shown.rstrip().endswith("\x1b[2K")  # and the line is erased at the end
    assert b"\x1b" not in out
    assert b"(1 of 2)" not in out
    assert "House.MustHaveTo" in out.decode("utf-8")
    # With --jobs the line counts files (the workers' engine stages are not shown).
    _, out_parallel, screen = _under_a_terminal(
        [*args[:4], "--jobs", "2", *args[6:]], tmp_path, env
    )
    assert "b.txt (2 of 2)" in screen.decode("utf-8")
    assert out_parallel == out
    # -q, or CI, or TERM=dumb: no progress on the same terminal.
    for extra, more_env in ((["-q"], {}), ([], {"CI": "true"}), ([], {"TERM": "dumb"})):
        _, _, screen = _under_a_terminal([*args[:1], *extra, *args[1:]], tmp_path, env | more_env)
        assert b"(1 of 2)" not in screen


def test_check_without_paths_checks_the_current_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text("It have to go.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--engines", "rules", "--no-cache")
    assert code == 1
    assert out.startswith("a.md:1:1: error[House.ThirdPersonHave]")
