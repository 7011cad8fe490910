from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "huawei-att.txt"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Output must not depend on the developer's terminal settings."""
    for name in ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES", "TERM"):
        monkeypatch.delenv(name, raising=False)
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
