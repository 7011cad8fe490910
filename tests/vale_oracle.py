"""The real Vale, as the oracle of the Vale-compatibility tests.

``tools/vale/build.sh`` builds the pinned release (``VALE_VERSION``) into
copydesk's cache folder once (``.ci/run`` does it before the suite). The path
is worked out when this module is imported, before any test points
``XDG_CACHE_HOME`` at its own folder; ``COPYDESK_TEST_VALE`` names another
binary. Without it the tests skip, saying how to build it, except under CI,
where they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: The Vale release copydesk's compatibility is measured against.
VALE_VERSION = "v3.22.0"

_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
_BUILT = _CACHE / "copydesk" / "vale" / VALE_VERSION / "vale"
VALE = Path(os.environ.get("COPYDESK_TEST_VALE") or _BUILT)


def need_vale() -> Path:
    """The Vale binary, or a skip (a failure under CI) saying how to get it."""
    if VALE.is_file() and os.access(VALE, os.X_OK):
        return VALE
    reason = f"Vale {VALE_VERSION} is not built: run tools/vale/build.sh (needs Go)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def vale_lines(folder: Path, *paths: str) -> list[str]:
    """``vale --output=line --sort --normalize --relative PATHS`` in ``folder``:
    the lines it prints (its exit code only says whether there were errors)."""
    done = subprocess.run(
        [str(need_vale()), "--output=line", "--sort", "--normalize", "--relative", *paths],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("VALE_")},
    )
    if done.returncode not in (0, 1):
        raise AssertionError(f"vale exited {done.returncode}: {done.stderr.strip()}")
    return [line for line in done.stdout.splitlines() if line.strip()]


def copydesk_vale_lines(folder: Path, *paths: str) -> list[str]:
    """``copydesk check --format vale-line PATHS`` in ``folder``: the lines it prints."""
    done = subprocess.run(
        [sys.executable, "-m", "editor", "check", "--format", "vale-line", *paths],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout.splitlines()
