"""Engine selection, merging and the cache through the ``copydesk`` command."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import SEED, run_cli as run
from ltserver import running_server, sent_paragraphs

if TYPE_CHECKING:
    from pathlib import Path


def test_engines_explains_languagetools_absence_and_every_way_to_enable_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "engines")
    assert code == 0
    table, _, how = out.partition("\n\n")
    lines = {line.split()[0]: line for line in table.splitlines()}
    assert set(lines) == {"rules", "harper", "languagetool"}
    assert " available " in lines["rules"]
    assert " available " in lines["harper"]
    assert "offline, in a worker process" in lines["harper"]
    lt = lines["languagetool"]
    assert " unavailable " in lt
    assert "no LanguageTool server configured and no local install found" in lt
    assert "COPYDESK_LT_SERVER" in lt
    assert "--lt-server" in lt
    # The full text the other commands' short notice points to: every way to a server.
    for way in ("pip install", "--lt-server URL", "languagetool.server", "HTTPServer", "docker"):
        assert way in how
    for way in ("LTP_JAR_DIR_PATH", "Java 17+", "--lt-public", "languagetool.org"):
        assert way in how


def test_engines_shows_a_reachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    with running_server() as server:
        code, out, _ = run(capsys, "engines", "--lt-server", server.url)
    assert code == 0
    lt = next(line for line in out.splitlines() if line.startswith("languagetool"))
    assert " available " in lt
    assert "6.5" in lt
    assert server.url.rstrip("/") in lt
    assert "To use LanguageTool" not in out  # it is there: no advice


SHORT_NOTICE = "copydesk: notice: LanguageTool not available; see 'copydesk engines'"


def test_auto_notes_the_missing_engine_once_short_and_carries_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text("It must have to work.\n", encoding="utf-8")
        files.append(str(path))
    code, out, err = run(capsys, "check", *files)
    assert code == 1
    assert err.splitlines() == [SHORT_NOTICE]
    assert len(SHORT_NOTICE) < 100
    assert "(engines: rules, harper; " in out
    # -q: no notice (and no summary); the findings and exit code are the same.
    code, quiet_out, err = run(capsys, "check", "-q", *files)
    assert (code, err) == (1, "")
    assert quiet_out == out[: out.rindex("\n", 0, len(out) - 1) + 1]
    # JSON keeps the notice, and the full reason is in "engines".
    code, json_out, err = run(capsys, "check", "-q", "--format", "json", *files)
    payload = json.loads(json_out)
    assert payload["notices"] == [SHORT_NOTICE.removeprefix("copydesk: notice: ")]
    lt = next(e for e in payload["engines"] if e["name"] == "languagetool")
    assert "no LanguageTool server configured" in lt["detail"]


def test_fix_says_the_notice_once_and_q_hides_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text("In an order to win.\n", encoding="utf-8")
        files.append(str(path))
    code, _, err = run(capsys, "fix", "--diff", *files)
    assert (code, err.splitlines()) == (0, [SHORT_NOTICE])
    code, _, err = run(capsys, "fix", "-q", "--diff", *files)
    assert (code, err) == (0, "")


def test_an_engine_named_but_unavailable_is_exit_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Fine text.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--engines", "rules,languagetool", str(article))
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("copydesk: error: languagetool: not available:")


def test_an_unreachable_server_is_exit_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Fine text.\n", encoding="utf-8")
    with running_server() as server:
        url = server.url
    code, _, err = run(
        capsys, "check", "--engines", "languagetool", "--lt-server", url, str(article)
    )
    assert code == 3
    assert err.count("\n") == 1
    assert "not reachable" in err
    assert "Traceback" not in err


@pytest.fixture
def short_timeout(tmp_path: Path) -> Path:
    """A config whose LanguageTool timeout makes a hanging server cost ~1 s."""
    config = tmp_path / "copydesk.toml"
    config.write_text("[languagetool]\ntimeout = 0.4\n", encoding="utf-8")
    return config


@pytest.fixture
def two_files(tmp_path: Path) -> list[str]:
    """A house-rule finding in one file, Harper's (and LanguageTool's) in the other."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("It must have to work.\n", encoding="utf-8")
    b.write_text("We will recieve the parcel.\n", encoding="utf-8")
    return [str(a), str(b)]


FAILURES = ["error500", "badjson", "close", "slow"]


def test_with_jobs_each_worker_drops_a_failing_server_on_its_own(
    capsys: pytest.CaptureFixture[str], short_timeout: Path, two_files: list[str]
) -> None:
    with running_server("error500", delay=5) as server:
        base = ["check", "--jobs", "2", "--config", str(short_timeout), "--lt-server", server.url]
        code, out, err = run(capsys, *base, *two_files)
    assert code == 1
    notices = err.splitlines()
    assert 1 <= len(notices) <= 2
    assert all(n.startswith("copydesk: notice: LanguageTool failed on ") for n in notices)
    assert "House.MustHaveTo" in out
    assert "Harper.SpellCheck" in out
    assert "Traceback" not in err


@pytest.mark.parametrize("mode", FAILURES)
def test_under_auto_a_server_failing_mid_run_is_a_notice_and_the_rest_stays(
    capsys: pytest.CaptureFixture[str], mode: str, short_timeout: Path, two_files: list[str]
) -> None:
    with running_server(mode, delay=5) as server:  # type: ignore[arg-type]
        # One process: the engine dropped at the first file is not tried again
        # (with --jobs, each worker drops it on its own; see below).
        base = ["check", "--jobs", "1", "--config", str(short_timeout), "--lt-server", server.url]
        code, out, err = run(capsys, *base, *two_files)
        assert server.requests  # the probe worked; /v2/check was tried
        assert code == 1
        (notice,) = err.splitlines()
        assert notice.startswith(f"copydesk: notice: LanguageTool failed on {two_files[0]} (")
        assert notice.endswith("); continuing without it")
        assert "Traceback" not in err
        assert "House.MustHaveTo" in out
        assert "Harper.SpellCheck" in out
        assert "in 2 files; 2 with a suggested fix (engines: rules, harper; " in out

        code, out, err = run(capsys, *base, "--format", "json", *two_files)
    assert code == 1
    payload = json.loads(out)
    assert payload["errors"] == []
    assert [n.split(" (")[0] for n in payload["notices"]] == [
        f"LanguageTool failed on {two_files[0]}"
    ]
    rules = [{s["rule"] for s in f["suggestions"]} for f in payload["files"]]
    assert [f["path"] for f in payload["files"]] == two_files
    assert "House.MustHaveTo" in rules[0]
    assert "Harper.SpellCheck" in rules[1]


@pytest.mark.parametrize("mode", ["error500", "slow"])
def test_a_server_named_and_failing_mid_run_is_exit_3_with_the_rest_reported(
    capsys: pytest.CaptureFixture[str], mode: str, short_timeout: Path, two_files: list[str]
) -> None:
    with running_server(mode, delay=5) as server:  # type: ignore[arg-type]
        base = ["check", "--jobs", "1", "--config", str(short_timeout), "--lt-server", server.url]
        base += ["--engines", "rules,harper,languagetool"]
        code, out, err = run(capsys, *base, *two_files)
        assert code == 3
        (error,) = err.splitlines()
        assert error.startswith(f"copydesk: error: {two_files[0]}: languagetool: {server.url}: ")
        assert error.endswith("; the remaining files are checked without it")
        assert "House.MustHaveTo" in out
        assert "Harper.SpellCheck" in out

        code, out, err = run(capsys, *base, "--format", "json", *two_files)
    assert code == 3
    payload = json.loads(out)  # a whole document, the failure under "errors"
    (error,) = payload["errors"]
    assert error.startswith(f"{two_files[0]}: languagetool: ")
    assert [f["path"] for f in payload["files"]] == two_files
    found = {s["rule"] for f in payload["files"] for s in f["suggestions"]}
    assert {"House.MustHaveTo", "Harper.SpellCheck"} <= found
    assert err.splitlines() == [f"copydesk: error: {error}"]


def test_a_failed_engine_is_dropped_for_the_rest_of_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    names = []
    for name, text in (("1", "We recieve it."), ("2", "BOOM recieve."), ("3", "Later recieve.")):
        path = tmp_path / f"{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        names.append(str(path))
    with running_server("error500") as server:
        server.trigger = "BOOM"  # only the second file's text fails
        code, out, err = run(
            capsys, "check", "--jobs", "1", "--format", "json", "--lt-server", server.url, *names
        )
        sent = server.texts()
    assert code == 1
    assert "Later recieve." not in sent  # not asked again after it failed
    payload = json.loads(out)
    assert payload["notices"][0].startswith(f"LanguageTool failed on {names[1]} ({server.url}")
    sources = [{s["source"] for s in f["suggestions"]} for f in payload["files"]]
    also = [{a["source"] for s in f["suggestions"] for a in s["also"]} for f in payload["files"]]
    assert "languagetool" in sources[0] | also[0]
    assert "languagetool" not in sources[1] | also[1] | sources[2] | also[2]
    assert all("harper" in found | more for found, more in zip(sources, also, strict=True))
    assert err.count("copydesk: notice: LanguageTool failed") == 1


def test_an_engine_named_but_unavailable_is_still_whole_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Fine text.\n", encoding="utf-8")
    code, out, err = run(
        capsys, "check", "--format", "json", "--engines", "rules,languagetool", str(article)
    )
    assert code == 3
    payload = json.loads(out)
    assert payload["files"] == []
    (error,) = payload["errors"]
    assert error.startswith("languagetool: not available:")
    assert err.splitlines() == [f"copydesk: error: {error}"]


def test_fix_keeps_the_other_files_fixes_when_a_named_engine_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("In an order to win.\n", encoding="utf-8")
    bad.write_text("In an order to BOOM.\n", encoding="utf-8")
    with running_server("error500") as server:
        server.trigger = "BOOM"
        code, out, err = run(
            capsys,
            "fix",
            "--engines",
            "rules,languagetool",
            "--lt-server",
            server.url,
            str(bad),
            str(good),
        )
    assert code == 3
    (error,) = err.splitlines()
    assert error.startswith(f"copydesk: error: {bad}: languagetool: ")
    assert error.endswith("; not fixed")
    assert not bad.with_name("bad.edited.txt").exists()  # partial fixes are not written
    assert good.with_name("good.edited.txt").read_text(encoding="utf-8") == "In order to win.\n"
    assert f"{good}: 1 fix" in out


def test_findings_from_every_engine_are_merged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Report\n\nWe will recieve the the parcel `teh code`.\n", encoding="utf-8")
    with running_server() as server:
        code, out, _ = run(
            capsys, "check", "--format", "json", "--lt-server", server.url, str(article)
        )
        sent = server.texts()
    assert code == 1
    payload = json.loads(out)
    assert [e["name"] for e in payload["engines"]] == ["rules", "languagetool", "harper"]
    assert all(e["available"] for e in payload["engines"])
    found = payload["files"][0]["suggestions"]
    by_text: dict[str, list[dict[str, object]]] = {}
    for item in found:
        by_text.setdefault(str(item["text"]), []).append(item)
    # "recieve": Harper and LanguageTool agree on "receive": one suggestion, two sources.
    (recieve,) = by_text["recieve"]
    assert recieve["source"] == "languagetool"
    assert recieve["also"] == [{"source": "harper", "rule": "Harper.SpellCheck"}]
    assert recieve["replacements"][0] == "receive"
    # "the the": the house rule, Harper and LanguageTool all flag it.
    doubled = by_text["the the"]
    assert len(doubled) == 1
    assert doubled[0]["source"] == "rules"
    assert {a["source"] for a in doubled[0]["also"]} == {"harper", "languagetool"}
    # Code is never sent to an engine, nor flagged.
    assert "teh" not in by_text
    assert all("teh code" not in text for text in sent)
    starts = [(s["start"], s["end"]) for s in found]
    assert starts == sorted(starts)


def test_the_order_engines_are_named_in_does_not_change_the_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("We will recieve the the parcel in order to see it.\n", encoding="utf-8")
    outputs = []
    with running_server() as server:
        for engines in ("harper,languagetool,rules", "rules,languagetool,harper"):
            code, out, _ = run(
                capsys, "check", "--format", "json", "--no-cache", "--engines", engines,
                "--lt-server", server.url, str(article),
            )  # fmt: skip
            assert code == 1
            outputs.append(json.loads(out))
    first, second = outputs
    assert [e["name"] for e in first["engines"]] == ["rules", "languagetool", "harper"]
    assert first["files"] == second["files"]


def test_no_engine_flags_the_seeds_names(capsys: pytest.CaptureFixture[str]) -> None:
    with running_server() as server:
        code, out, _ = run(
            capsys, "check", "--format", "json", "--lt-server", server.url, str(SEED)
        )
        assert any("Huawei" in text for text in server.texts())  # LanguageTool saw the names
    assert code == 1
    found = json.loads(out)["files"][0]["suggestions"]
    sources = {s["source"] for s in found} | {a["source"] for s in found for a in s["also"]}
    assert {"rules", "harper"} <= sources
    flagged = " ".join(s["text"] for s in found if s["category"] == "spelling")
    for name in ("Huawei", "AT&T", "WSJ", "CES", "Richard", "Yu"):
        assert name not in flagged


def test_the_cache_is_used_and_can_be_turned_off(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(cache))
    article = tmp_path / "a.txt"
    article.write_text("We will recieve it.\n\nAnother paragraph here.\n", encoding="utf-8")
    with running_server() as server:

        def checked() -> list[str]:
            """Paragraphs sent for checking (not the start-up version probes)."""
            return sent_paragraphs([r for r in server.requests if r.get("text") != "Hi."])

        first = run(capsys, "check", "--lt-server", server.url, str(article))
        assert len(checked()) == 2  # both paragraphs, packed into one request
        second = run(capsys, "check", "--lt-server", server.url, str(article))
        assert len(checked()) == 2  # every paragraph came from the cache
        assert first[:2] == second[:2]
        article.write_text("We will recieve it.\n\nAnother paragraph, edited.\n", encoding="utf-8")
        run(capsys, "check", "--lt-server", server.url, str(article))
        assert checked()[-1] == "Another paragraph, edited."
        assert len(checked()) == 3  # only the edited paragraph was sent
        run(capsys, "check", "--no-cache", "--lt-server", server.url, str(article))
        assert len(checked()) == 5
    assert (cache / "results.sqlite3").is_file()


def test_bad_engine_names_and_config_are_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "check", "--engines", "rules,spellcheck", str(SEED))
    assert code == 2
    assert "--engines: unknown engine 'spellcheck'" in err
    config = tmp_path / "copydesk.toml"
    config.write_text("[harper]\ndialect = 'en-NZ'\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--config", str(config), str(SEED))
    assert code == 2
    assert err.strip() == (
        f"copydesk: error: {config}: harper.dialect: must be one of en-US, en-GB, en-AU, en-CA"
    )


def test_config_file_chooses_engines_and_disables_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "copydesk.toml").write_text(
        'engines = ["rules", "harper"]\ndisable = ["Harper.SpellCheck"]\n', encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text("We will recieve the the parcel.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--format", "json", "a.txt")
    assert code == 1
    assert err == ""  # LanguageTool was not asked for: no notice
    rules = {s["rule"] for s in json.loads(out)["files"][0]["suggestions"]}
    assert "Harper.SpellCheck" not in rules
    assert "House.DoubledWord" in rules


def test_words_added_in_review_are_honoured_by_the_next_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.vocab import add_accepted, project_vocabulary

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Zorblatt launched the Quuxphone today.\n", encoding="utf-8")

    def spelled() -> set[str]:
        _, out, _ = run(capsys, "check", "--engines", "harper", "--format", "json", "a.txt")
        found = json.loads(out)["files"][0]["suggestions"]
        return {s["text"] for s in found if s["category"] == "spelling"}

    assert spelled() == {"Zorblatt", "Quuxphone"}
    assert add_accepted(project_vocabulary(tmp_path), ["Zorblatt", "AT&T"]) == ["Zorblatt", "AT&T"]
    assert add_accepted(project_vocabulary(tmp_path), ["Zorblatt"]) == []  # already there
    assert spelled() == {"Quuxphone"}
    accept = (project_vocabulary(tmp_path) / "accept.txt").read_text(encoding="utf-8")
    assert accept == "Zorblatt\nAT&T\n"
