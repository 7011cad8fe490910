"""Engine selection, merging and the cache through the ``copydesk`` command."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import SEED, run_cli as run
from ltserver import running_server

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_engines_explains_languagetools_absence_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "engines")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert set(lines) == {"rules", "harper", "languagetool"}
    assert " available " in lines["rules"]
    assert " available " in lines["harper"]
    assert "in process, offline" in lines["harper"]
    lt = lines["languagetool"]
    assert " unavailable " in lt
    assert "no LanguageTool server configured and no local install found" in lt
    assert "COPYDESK_LT_SERVER" in lt
    assert "--lt-server" in lt


def test_engines_shows_a_reachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    with running_server() as server:
        code, out, _ = run(capsys, "engines", "--lt-server", server.url)
    assert code == 0
    lt = next(line for line in out.splitlines() if line.startswith("languagetool"))
    assert " available " in lt
    assert "6.5" in lt
    assert server.url.rstrip("/") in lt


def test_auto_notes_the_missing_engine_once_and_carries_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text("It must have to work.\n", encoding="utf-8")
        files.append(str(path))
    code, out, err = run(capsys, "check", *files)
    assert code == 1
    notices = [line for line in err.splitlines() if "languagetool" in line]
    assert len(notices) == 1
    assert notices[0].startswith("copydesk: notice: languagetool: not available:")
    assert "(engines: rules, harper)" in out


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


def test_a_server_failing_mid_run_is_exit_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("We will recieve teh parcel.\n", encoding="utf-8")
    with running_server() as server:
        server.mode = "error500"
        code, _, err = run(capsys, "check", "--lt-server", server.url, str(article))
    assert code == 3
    assert err.strip().splitlines()[-1].startswith("copydesk: error: languagetool: ")
    assert "Traceback" not in err


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
    assert [e["name"] for e in payload["engines"]] == ["rules", "harper", "languagetool"]
    assert all(e["available"] for e in payload["engines"])
    found = payload["files"][0]["suggestions"]
    by_text: dict[str, list[dict[str, object]]] = {}
    for item in found:
        by_text.setdefault(str(item["text"]), []).append(item)
    # "recieve": Harper and LanguageTool agree on "receive": one suggestion, two sources.
    (recieve,) = by_text["recieve"]
    assert recieve["source"] == "harper"
    assert recieve["also"] == [
        {"source": "languagetool", "rule": "LanguageTool.MORFOLOGIK_RULE_EN_US"}
    ]
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
            """Texts sent for checking (not the start-up version probes)."""
            return [text for text in server.texts() if text != "Hi."]

        first = run(capsys, "check", "--lt-server", server.url, str(article))
        assert len(checked()) == 2  # one request per paragraph
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
