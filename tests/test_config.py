"""Reading copydesk.toml / [tool.copydesk], and the vocabulary files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from editor.config import Config, find_config, load_config
from editor.errors import ConfigError
from editor.vocab import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from pathlib import Path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(start=tmp_path) == Config()


def test_copydesk_toml_is_found_from_a_subfolder(tmp_path: Path) -> None:
    path = write(
        tmp_path / "copydesk.toml",
        'engines = ["rules", "harper"]\nfail_on = "error"\nrules = ["styles"]\n'
        'disable = ["House.InOrderTo"]\nvocab = ["House", "./vocab/Team"]\n'
        '[harper]\ndialect = "en-GB"\nrules = { SpellCheck = false }\n'
        '[languagetool]\nserver = "http://lt:8081"\ndisabled_rules = ["WHITESPACE_RULE"]\n'
        "picky = true\ntimeout = 5\n",
    )
    sub = tmp_path / "articles" / "2026"
    sub.mkdir(parents=True)
    assert find_config(sub) == path
    config = load_config(start=sub)
    assert config.engines == ("rules", "harper")
    assert config.fail_on == "error"
    assert config.rules == (tmp_path / "styles",)
    assert config.disable == ("House.InOrderTo",)
    assert config.vocab == ("House", str(tmp_path / "vocab" / "Team"))
    assert config.harper.dialect == "en-GB"
    assert config.harper.rules == {"SpellCheck": False}
    assert config.languagetool.server == "http://lt:8081"
    assert config.languagetool.disabled_rules == ("WHITESPACE_RULE",)
    assert config.languagetool.picky is True
    assert config.languagetool.timeout == 5.0


def test_pyproject_table(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.copydesk]\nengines = "rules"\n'
    )
    assert load_config(start=tmp_path).engines == ("rules",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("engines = ['rules', 'spell']", "engines: unknown engine 'spell'"),
        ("fail_on = 'fatal'", "fail_on: must be one of error, warning, suggestion, none"),
        ("cache = 'yes'", "cache: must be true or false"),
        ("colour = true", "colour: unknown key"),
        ("[harper]\ndialect = 'en-NZ'", "harper.dialect: must be one of"),
        ("[harper]\nrules = { SpellCheck = 'off' }", "harper.rules: each Harper rule"),
        ("[languagetool]\ntimeout = -1", "languagetool.timeout: must be positive"),
        ("[languagetool]\ntimeout = true", "languagetool.timeout: must be a number"),
        ("[languagetool]\nsever = 'x'", "languagetool.sever: unknown key"),
        ("engines = [", "invalid TOML"),
    ],
)
def test_errors_name_the_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path / "copydesk.toml", body + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_vocabulary_files(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "vocabularies" / "Team"
    write(folder / "accept.txt", "# brands\nHuawei\n(?i)wi-?fi\nRichard Yu\n\n")
    write(folder / "reject.txt", "utilize\n")
    vocab = load_vocabulary(["Team"], [tmp_path])
    assert vocab.accept == ("Huawei", "(?i)wi-?fi", "Richard Yu")
    assert vocab.reject == ("utilize",)
    assert vocab.words() == ["Huawei", "Richard", "Yu"]
    text = "Richard Yu of Huawei said WiFi and wi-fi, not Huaweis."
    assert [text[a:b] for a, b in vocab.accepted_spans(text)] == [
        "Richard Yu",
        "Huawei",
        "WiFi",
        "wi-fi",
    ]
    assert Vocabulary().accepted_spans(text) == []


def test_vocabulary_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no vocabulary 'Nope'"):
        load_vocabulary(["Nope"], [tmp_path])
    folder = tmp_path / "config" / "vocabularies" / "Bad"
    write(folder / "accept.txt", "fine\n(broken\n")
    with pytest.raises(ConfigError, match=r"accept.txt:2: invalid term '\(broken'"):
        load_vocabulary(["Bad"], [tmp_path])
