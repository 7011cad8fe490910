"""copydesk's own LanguageTool: ``copydesk languagetool fetch`` and ``serve``,
the fetched install under ``auto``, and the seed checked by the real server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

import pytest
from conftest import FETCHED_LT, SEED, run_cli

from editor.checkers import languagetool, lt_local
from editor.config import LanguageToolSettings

if TYPE_CHECKING:
    from pathlib import Path


def _fetched() -> lt_local.Install:
    if FETCHED_LT is None:
        reason = "LanguageTool is not fetched: run 'copydesk languagetool fetch'"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return FETCHED_LT


def test_fetch_without_maven_is_one_line_with_the_other_ways(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # neither mvn nor java
    monkeypatch.setenv(lt_local.ENV_HOME, str(tmp_path / "lt"))
    code, out, err = run_cli(capsys, "languagetool", "fetch")
    assert code == 3
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("copydesk: error: languagetool: cannot fetch LanguageTool: Maven and")
    assert "COPYDESK_LT_SERVER" in line
    assert not (tmp_path / "lt").exists()


def test_fetch_is_idempotent(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    install = _fetched()
    monkeypatch.setenv(lt_local.ENV_HOME, str(install.folder))
    code, out, _ = run_cli(capsys, "languagetool", "fetch")
    assert code == 0
    assert out.strip() == f"LanguageTool {install.version} is already fetched in {install.folder}"


def test_a_fetched_languagetool_is_a_local_install_under_auto(tmp_path: Path) -> None:
    install = _fetched()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LTP_PATH": str(tmp_path / "none"),
        lt_local.ENV_HOME: str(install.folder),
    }
    status = languagetool.probe(LanguageToolSettings(), env)
    assert status.available, status.detail
    assert status.version == lt_local.VERSION
    assert status.detail.startswith(f"local LanguageTool {lt_local.VERSION} at {install.folder}")
    elsewhere = {**env, lt_local.ENV_HOME: str(tmp_path / "not-fetched")}
    assert not languagetool.probe(LanguageToolSettings(), elsewhere).available


def test_serve_prints_its_url_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    install = _fetched()
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    env = {**os.environ, lt_local.ENV_HOME: str(install.folder)}
    process = subprocess.Popen(
        [sys.executable, "-m", "editor", "languagetool", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = f"http://127.0.0.1:{port}"
        assert first.startswith(f"LanguageTool {lt_local.VERSION} at {url} (started in ")
        with urllib.request.urlopen(f"{url}/v2/languages", timeout=30) as reply:
            assert any(lang["longCode"] == "en-US" for lang in json.load(reply))
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert out.strip() == "LanguageTool stopped."
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/v2/languages", timeout=2)


def test_the_seed_with_the_real_languagetool(
    capsys: pytest.CaptureFixture[str], real_lt: str
) -> None:
    code, out, _ = run_cli(
        capsys,
        "check",
        "--engines",
        "rules,harper,languagetool",
        "--lt-server",
        real_lt,
        "--no-cache",
        "--format",
        "json",
        str(SEED),
    )
    assert code == 1
    payload = json.loads(out)
    assert payload["errors"] == []
    raw = SEED.read_text(encoding="utf-8")
    suggestions = payload["files"][0]["suggestions"]
    assert all(raw[s["start"] : s["end"]] == s["text"] for s in suggestions)
    # "it have to secure": LanguageTool's agreement rule makes the house rule's
    # fix ("have" → "has" inside "it have" → "it has"): one suggestion naming both.
    (it_have,) = [s for s in suggestions if s["text"] == "it have"]
    assert it_have["rule"] == "House.ThirdPersonHave"
    assert {"source": "languagetool", "rule": "LanguageTool.IT_VBZ"} in it_have["also"]
    # House vocabulary: no engine calls the names in the seed misspelt.
    spelled = {s["text"] for s in suggestions if s["category"] == "spelling"}
    assert not spelled & {"Huawei", "AT&T", "WSJ", "CES", "Yu"}
