from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

from editor.checkers import harper, lt_local

# One Harper worker serves the whole test run, as it would an editor
# integration that builds engines again and again: the tests that need
# ``close`` to stop the worker (crash containment) turn this off around them.
harper.keep_worker(True)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "huawei-att.txt"

#: A real LanguageTool server to run the live tests against, read before the
#: autouse fixture below hides it from every other test.
REAL_LT_SERVER = os.environ.get("COPYDESK_LT_SERVER")
#: The LanguageTool ``copydesk languagetool fetch`` resolved (``.ci/run``
#: fetches it first), found before the autouse fixture points the cache away.
FETCHED_LT = lt_local.find()


@pytest.fixture(scope="session")
def real_lt() -> Iterator[str]:
    """The URL of a real LanguageTool for the live tests: ``COPYDESK_LT_SERVER``,
    else the fetched one, started here for the session by the same code as
    ``copydesk languagetool serve``. Under CI a missing LanguageTool fails the
    run: the live tests must run there, never skip."""
    if REAL_LT_SERVER:
        yield REAL_LT_SERVER
        return
    if FETCHED_LT is None:
        reason = (
            "no real LanguageTool here: run 'copydesk languagetool fetch' (needs Maven and "
            "Java 17+) or set COPYDESK_LT_SERVER"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from editor.checkers import languagetool

    server = languagetool.start_fetched(
        env={**os.environ, lt_local.ENV_HOME: str(FETCHED_LT.folder)}
    )
    yield server.url
    server.stop()


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Output must not depend on the developer's terminal settings, and no test
    may read or fill the user's cache or reach their LanguageTool server."""
    for name in ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES", "TERM", "COPYDESK_LT_SERVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "copydesk-cache"))
    # Whatever a test starts (a browser, tmux, git, a server) writes its
    # caches and settings into the test's own folder, not the user's.
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.split("_")[1].lower()))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp-none"))
    return


@pytest.fixture
def write_rule(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a rule file into a fresh pack folder and return its path."""

    def write(name: str, body: str, pack: str = "Test") -> Path:
        folder = tmp_path / "styles" / pack
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.yml"
        path.write_text(body, encoding="utf-8")
        return path

    return write


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``copydesk ARGS`` in process: its exit code, stdout and stderr."""
    from editor.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
