"""``check --format``: every machine format, from the real command on real
files, validated the way its consumers read it (SARIF and rdjson against
their JSON schemas, JUnit and Checkstyle as XML, GitHub's workflow commands
by their grammar)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest
from conftest import run_cli

if TYPE_CHECKING:
    from collections.abc import Sequence

SCHEMAS = Path(__file__).resolve().parent / "schemas"

#: Findings on the first and third lines, an emoji before a span (columns are
#: code points; rdjson's are UTF-8 bytes), a comma and a colon in a message.
ARTICLE = (
    "In an order to win, the the team must have to secure a deal.\n\n"
    "Clean line here.\n\n😀 Fans cheer. It have to go.\n"
)
CLEAN = "The team will secure a deal.\n"


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return [str(tmp_path / "a.md"), str(tmp_path / "clean.txt")]


def check(capsys: pytest.CaptureFixture[str], fmt: str, names: Sequence[str]) -> tuple[int, str]:
    code, out, _ = run_cli(
        capsys, "check", "--no-cache", "--engines", "rules", "--format", fmt, *names
    )
    return code, out


def test_json_is_the_documented_envelope(
    capsys: pytest.CaptureFixture[str], files: list[str]
) -> None:
    code, out = check(capsys, "json", files)
    assert code == 1
    payload = json.loads(out)
    assert [f["path"] for f in payload["files"]] == files
    assert {s["rule"] for s in payload["files"][0]["suggestions"]} >= {
        "House.InAnOrderTo",
        "House.DoubledWord",
        "House.MustHaveTo",
        "House.ThirdPersonHave",
    }
    assert payload["files"][1]["suggestions"] == []
    assert set(payload) == {"version", "files", "errors", "notices", "engines"}
    # Streamed file by file, it is still exactly what json.dumps would write.
    assert out == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def test_jsonl_is_one_finding_a_line(capsys: pytest.CaptureFixture[str], files: list[str]) -> None:
    _, out = check(capsys, "jsonl", files)
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines
    assert all(line["path"] == files[0] for line in lines)
    raw = ARTICLE
    assert all(raw[line["start"] : line["end"]] == line["text"] for line in lines)


GITHUB = re.compile(
    r"::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),"
    r"endColumn=(\d+),title=([^,:]+)::(.+)"
)


def test_github_annotations(capsys: pytest.CaptureFixture[str], files: list[str]) -> None:
    _, out = check(capsys, "github", files)
    rows = [GITHUB.fullmatch(line) for line in out.splitlines()]
    assert rows
    assert all(rows), out
    first = next(r for r in rows if r and r.group(7) == "House.InAnOrderTo")
    assert first.groups()[:7] == ("error", files[0], "1", "1", "1", "15", "House.InAnOrderTo")
    assert "(fix: In order to)" in first.group(8)
    have = next(r for r in rows if r and r.group(7) == "House.ThirdPersonHave")
    assert (have.group(3), have.group(4)) == ("5", "15")  # after the emoji: code points


def test_sarif_is_valid_and_carries_fixes(
    capsys: pytest.CaptureFixture[str], files: list[str]
) -> None:
    _, out = check(capsys, "sarif", files)
    document = json.loads(out)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    (run,) = document["runs"]
    assert run["tool"]["driver"]["name"] == "copydesk"
    rules = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} == rules
    result = next(r for r in run["results"] if r["ruleId"] == "House.InAnOrderTo")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 1, 15)
    (change,) = result["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "In order to"


def test_rdjson_is_valid_with_byte_columns(
    capsys: pytest.CaptureFixture[str], files: list[str]
) -> None:
    _, out = check(capsys, "rdjson", files)
    document = json.loads(out)
    schema = json.loads((SCHEMAS / "rdjson" / "DiagnosticResult.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    have = next(d for d in document["diagnostics"] if d["code"]["value"] == "House.ThirdPersonHave")
    # "😀 Fans cheer. " is 17 bytes in UTF-8 (14 code points): "It" is at byte 18.
    assert have["location"]["range"]["start"] == {"line": 5, "column": 18}
    assert have["suggestions"][0]["text"] == "It has"


def _xml(out: str) -> ET.Element:
    return ET.fromstring(out.encode("utf-8"))


def test_junit_parses_with_a_case_per_finding(
    capsys: pytest.CaptureFixture[str], files: list[str]
) -> None:
    _, out = check(capsys, "junit", files)
    root = _xml(out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == files
    failures = suites[0].findall("testcase/failure")
    assert len(failures) == int(suites[0].get("failures", "-1")) > 0
    assert suites[1].get("failures") == "0"
    assert len(suites[1].findall("testcase")) == 1  # the clean file passes
    assert root.get("failures") == str(len(failures))


def test_checkstyle_parses(capsys: pytest.CaptureFixture[str], files: list[str]) -> None:
    _, out = check(capsys, "checkstyle", files)
    root = _xml(out)
    assert root.tag == "checkstyle"
    by_file: dict[str, list[Any]] = {f.get("name", ""): f.findall("error") for f in root}
    assert list(by_file) == files
    sources = {e.get("source") for e in by_file[files[0]]}
    assert "House.InAnOrderTo" in sources
    assert by_file[files[1]] == []


@pytest.mark.parametrize(
    "fmt", ["json", "jsonl", "github", "sarif", "junit", "rdjson", "checkstyle"]
)
def test_output_is_identical_across_runs(
    capsys: pytest.CaptureFixture[str], files: list[str], fmt: str
) -> None:
    assert check(capsys, fmt, files) == check(capsys, fmt, files)


def test_an_unreadable_file_is_in_the_document_and_exit_2(
    capsys: pytest.CaptureFixture[str], files: list[str], tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.md")
    code, out = check(capsys, "sarif", [files[0], missing])
    assert code == 2
    document = json.loads(out)
    notes = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("missing.md" in n["message"]["text"] for n in notes)
    code, out = check(capsys, "junit", [missing])
    assert _xml(out).get("errors") == "1"


def test_statistics_counts_rules_and_fixes(
    capsys: pytest.CaptureFixture[str], files: list[str]
) -> None:
    code, out, _ = run_cli(
        capsys, "check", "--no-cache", "--engines", "rules", "--statistics", *files
    )
    assert code == 1
    assert re.search(r"^\s*1  House.InAnOrderTo  \(1 with a fix\)$", out, re.M), out
    code, out, _ = run_cli(
        capsys,
        "check",
        "--no-cache",
        "--engines",
        "rules",
        "--statistics",
        "--format",
        "json",
        *files,
    )
    rows = json.loads(out)
    assert {"rule": "House.InAnOrderTo", "count": 1, "fixable": 1} in rows
    code, _, err = run_cli(capsys, "check", "--statistics", "--format", "sarif", *files)
    assert code == 2
    assert "--statistics works with --format text or json" in err
