"""Configuration per path and per rule: ``[[overrides]]`` and ``severity``,
through the real command on real files."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import run_cli

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

TEXT = "In an order to win, the the team must work.\n"
CONFIG = """\
engines = ["rules"]

[severity]
"House.DoubledWord" = "error"
"House.In*" = "suggestion"

[[overrides]]
paths = ["legal/**"]
disable = ["House.InAnOrderTo"]
severity = { "House.DoubledWord" = "warning" }

[[overrides]]
paths = ["notes/*.md"]
select = ["House.DoubledWord"]
"""


def test_overrides_and_severity_per_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for folder in ("docs", "legal", "notes"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(TEXT, encoding="utf-8")
    config = tmp_path / "copydesk.toml"
    config.write_text(CONFIG, encoding="utf-8")
    code, out, err = run_cli(
        capsys, "check", "--config", str(config), "--no-cache", "--format", "json", str(tmp_path)
    )
    assert code == 1, err
    found = {
        f["path"].removeprefix(str(tmp_path) + "/"): {
            s["rule"]: s["severity"] for s in f["suggestions"]
        }
        for f in json.loads(out)["files"]
    }
    assert found["docs/a.md"] == {"House.InAnOrderTo": "suggestion", "House.DoubledWord": "error"}
    assert found["legal/a.md"] == {"House.DoubledWord": "warning"}
    assert found["notes/a.md"] == {"House.DoubledWord": "error"}


def test_bad_override_and_severity_values_name_the_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text(TEXT, encoding="utf-8")
    config = tmp_path / "copydesk.toml"
    for text, key in (
        ('[severity]\n"House.X" = "fatal"\n', "severity.House.X: must be one of error"),
        ("[[overrides]]\ndisable = ['House.X']\n", "overrides[0].paths: needs paths"),
        ("[[overrides]]\npaths = ['a']\nbogus = 1\n", "overrides[0].bogus: unknown key"),
        (
            "[[overrides]]\npaths = ['a']\nselect = ['Nope!']\n",
            "overrides[0].select: unknown selector",
        ),
    ):
        config.write_text(text, encoding="utf-8")
        code, _, err = run_cli(capsys, "check", "--config", str(config), str(article))
        assert code == 2
        assert key in err, err
        assert len(err.strip().splitlines()) == 1


def test_config_shows_each_value_and_where_it_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "legal").mkdir()
    article = tmp_path / "legal" / "a.md"
    article.write_text(TEXT, encoding="utf-8")
    config = tmp_path / "copydesk.toml"
    config.write_text(CONFIG + '\n[harper]\ndialect = "en-GB"\n', encoding="utf-8")
    code, out, _ = run_cli(
        capsys, "config", "--config", str(config), "--format", "json", str(article)
    )
    assert code == 0
    payload = json.loads(out)
    settings = {row["key"]: (row["value"], row["from"]) for row in payload["settings"]}
    assert settings["engines"] == (["rules"], str(config))
    assert settings["fail_on"] == ("warning", "default")
    assert settings["harper.dialect"] == ("en-GB", str(config))
    assert settings["languagetool.language"] == (None, "default")
    assert [o["table"] for o in payload["overrides"]] == ["overrides[0]"]
    assert payload["overrides"][0]["ignore"] == ["House.InAnOrderTo"]
    code, out, _ = run_cli(capsys, "config", "--config", str(config), str(article))
    assert code == 0
    assert f'engines = ["rules"]  # {config}' in out
    assert "# " + str(article) + ": overrides[0] applies" in out
    config.write_text("fail_on = 3\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "config", "--config", str(config))
    assert code == 2
    assert "fail_on: must be a string" in err
