"""A Vale project read from its ``.vale.ini``: the sections, levels, globs and
settings decide what copydesk prints, and ``copydesk check --format
vale-line .`` prints what the real Vale prints for the same project."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from vale_oracle import need_vale, vale_lines

from editor.errors import ConfigError
from editor.vale.config import find_vale_config, load_vale_config
from editor.vale.globs import compile_glob

if TYPE_CHECKING:
    from pathlib import Path

RULES = {
    "Demo/Foo.yml": "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens:\n  - foo\n",
    "Demo/Bar.yml": "extends: existence\nmessage: \"Reconsider '%s'.\"\nlevel: suggestion\n"
    "tokens:\n  - bar\n",
    "Demo/Tools.yml": "extends: existence\nmessage: \"Name the tool, not '%s'.\"\n"
    "ignorecase: true\ntokens:\n  - copydesk\n  - the tool\n",
    "Other/Baz.yml": "extends: existence\nmessage: \"No '%s' here.\"\nlevel: error\ntokens:\n  - baz\n",
}
TEXT = "A foo and a bar.\n\nThen baz, foo again, and $bar too.\n"
DOCS = {
    "a.md": "# Notes\n\n" + TEXT,
    "b.txt": TEXT,
    "docs/c.md": TEXT,
    "docs/deep/d.md": "Intro.\n\n" + TEXT,
    "docs/e.markdown": TEXT,
    "docs/g.md": "We run kubernetes and Kubernetes; utilize copydesk and Copydesk.\n",
    "h.md": "We run kubernetes; we utilize the the recieved copydesk.\n",
}
PAGE = "Some `foo` code and a foo.\n\n    foo in code\n"
VOCABULARY = {
    "styles/config/vocabularies/Team/accept.txt": "Kubernetes\ncopydesk\n# a comment\n",
    "styles/config/vocabularies/Team/reject.txt": "utilize\n",
}


def project(tmp_path: Path, ini: str, docs: dict[str, str] | None = None) -> Path:
    """A Vale project in its own folder (the tests' cache lives in tmp_path)."""
    tmp_path = tmp_path / "project"
    for name, body in RULES.items():
        path = tmp_path / "styles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    for name, body in {**VOCABULARY, **(DOCS if docs is None else docs)}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    return tmp_path


def copydesk(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VALE_")}
    return subprocess.run(
        [sys.executable, "-m", "editor", "check", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def copydesk_lines(folder: Path, *paths: str) -> list[str]:
    done = copydesk(folder, "--format", "vale-line", *(paths or (".",)))
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.splitlines()


CONFIGS = {
    "one glob": "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\n",
    "braces, a rule off": "StylesPath = styles\nMinAlertLevel = suggestion\n"
    "[*.{md,txt}]\nBasedOnStyles = Demo, Other\nDemo.Bar = NO\n",
    "global and doublestar": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n"
    "[docs/**/*.md]\nBasedOnStyles = Other\nOther.Baz = warning\n",
    "min level": "StylesPath = styles\nMinAlertLevel = warning\n[*]\nBasedOnStyles = Demo, Other\n",
    "a level raised": "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\nDemo.Bar = error\n",
    "style off later": "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo, Other\n"
    "[docs/*.md]\nDemo = NO\n",
    "one rule on, no styles": "StylesPath = styles\n[*.txt]\nOther.Baz = YES\n",
    "style off, one rule on": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n"
    "Demo = NO\nDemo.Foo = YES\n",
    "empty BasedOnStyles": "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n[*.txt]\nBasedOnStyles =\n",
    "token ignores": "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\nTokenIgnores = \\$\\w+\n",
    "formats": "StylesPath = styles\n[formats]\npage = md\n[*.{md,page}]\nBasedOnStyles = Demo\n",
    "formats, normalized": "StylesPath = styles\n[formats]\npage = md\n[*.md]\nBasedOnStyles = Demo\n",
    "vocabulary": "StylesPath = styles\nVocab = Team\n[*]\nBasedOnStyles = Vale, Demo\n",
    "a section's vocabulary": "StylesPath = styles\n[*]\nBasedOnStyles = Vale\n"
    "[docs/*.md]\nVocab = Team\n",
    "comments": "# a comment\nStylesPath = styles ; inline\n[*.md] # the Markdown\n"
    "BasedOnStyles = Demo\n",
}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_copydesk_reads_the_configuration_as_vale_does(tmp_path: Path, name: str) -> None:
    need_vale()
    # A file in a format of its own is linted by Vale only as [formats] maps
    # it (under [*] Vale reads any file; copydesk reads only prose formats).
    docs = {**DOCS, "f.page": PAGE} if name.startswith("formats") else DOCS
    folder = project(tmp_path, CONFIGS[name], docs)
    assert copydesk_lines(folder) == vale_lines(folder, ".")


def test_a_file_named_is_checked_with_its_sections(tmp_path: Path) -> None:
    need_vale()
    folder = project(tmp_path, CONFIGS["global and doublestar"])
    assert copydesk_lines(folder, "docs/deep/d.md", "a.md") == vale_lines(
        folder, "docs/deep/d.md", "a.md"
    )


def test_vale_json_has_vales_shape(tmp_path: Path) -> None:
    need_vale()
    folder = project(tmp_path, CONFIGS["braces, a rule off"])
    done = copydesk(folder, "--format", "vale-json", ".")
    ours = json.loads(done.stdout)
    real = subprocess.run(
        [str(need_vale()), "--output=JSON", "--sort", "--normalize", "--relative", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ours == json.loads(real.stdout)


def test_exit_codes_follow_vale_errors_only(tmp_path: Path) -> None:
    folder = project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\n")
    assert copydesk(folder, "--format", "vale-line", ".").returncode == 0  # warnings only
    folder = project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Other\n")
    assert copydesk(folder, "--format", "vale-line", ".").returncode == 1


def test_only_the_projects_styles_run(tmp_path: Path) -> None:
    """No house pack, no grammar engine: a misspelling and a house-rule
    phrase pass unflagged."""
    folder = project(
        tmp_path,
        "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\n",
        {"a.md": "In order to recieve the foo.\n"},
    )
    assert copydesk_lines(folder) == ["a.md:1:25:Demo.Foo:Avoid 'foo'."]


def test_a_copydesk_config_wins(tmp_path: Path) -> None:
    folder = project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\n")
    (folder / "copydesk.toml").write_text(
        'engines = ["rules"]\ndefault_rules = false\nrules = ["styles/Other"]\n', encoding="utf-8"
    )
    lines = copydesk_lines(folder, "a.md")
    assert {line.split(":")[3] for line in lines} == {"Other.Baz"}


def test_the_configuration_is_found_upwards_and_by_its_other_names(tmp_path: Path) -> None:
    tmp_path = project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\n")
    (tmp_path / ".vale.ini").rename(tmp_path / "_vale.ini")
    assert find_vale_config(tmp_path / "docs" / "deep") == tmp_path / "_vale.ini"
    lines = copydesk_lines(tmp_path / "docs", "deep/d.md")
    assert [line for line in lines if "Foo" in line] == [
        "deep/d.md:3:3:Demo.Foo:Avoid 'foo'.",
        "deep/d.md:5:11:Demo.Foo:Avoid 'foo'.",
    ]


def test_vale_config_path_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Demo\n")
    (tmp_path / ".vale.ini").rename(tmp_path / "elsewhere.ini")
    monkeypatch.setenv("VALE_CONFIG_PATH", str(tmp_path / "elsewhere.ini"))
    assert find_vale_config(tmp_path) == tmp_path / "elsewhere.ini"


@pytest.mark.parametrize(
    ("ini", "message"),
    [
        ("StylesPath = nowhere\n", "StylesPath: the path"),
        ("StylesPath = styles\nMinAlertLevel = loud\n", "MinAlertLevel: must be"),
        (
            "StylesPath = styles\n[*.md]\nBasedOnStyles = Missing\n",
            "style 'Missing' does not exist",
        ),
        (
            "StylesPath = styles\nPackages = Google\n[*.md]\nBasedOnStyles = Google\n",
            "run 'vale sync'",
        ),
        ("StylesPath = styles\n[*.md]\nMinAlertLevel = error\n", "a core option"),
        ("StylesPath = styles\nBasedOnStyles = Demo\n", "syntax-specific option"),
        ("StylesPath = styles\n[*.{md]\nBasedOnStyles = Demo\n", "could not be compiled"),
    ],
)
def test_configuration_errors_name_the_file_and_key(tmp_path: Path, ini: str, message: str) -> None:
    tmp_path = project(tmp_path, ini)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_vale_config(tmp_path / ".vale.ini")
    done = copydesk(tmp_path, "--format", "vale-line", ".")
    assert done.returncode == 2
    assert done.stdout == ""
    assert str(tmp_path / ".vale.ini") in done.stderr
    assert "Traceback" not in done.stderr


def test_config_command_shows_where_each_vale_setting_came_from(tmp_path: Path) -> None:
    tmp_path = project(
        tmp_path, "StylesPath = styles\nMinAlertLevel = warning\n[*.md]\nBasedOnStyles = Demo\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "editor", "config", "--format", "json", "a.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {row["key"]: row for row in json.loads(done.stdout)["settings"]}
    ini = str(tmp_path / ".vale.ini")
    assert rows["vale.MinAlertLevel"] == {
        "key": "vale.MinAlertLevel",
        "value": "warning",
        "from": f"{ini}:2",
    }
    assert rows["vale.[*.md] BasedOnStyles"]["value"] == ["Demo"]
    assert rows["vale.[*.md] BasedOnStyles"]["from"] == f"{ini}:4"
    assert rows["engines"]["value"] == ["rules"]


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.md", "a.md", True),
        ("*.md", "docs/deep/a.md", True),
        ("*.{md,txt}", "docs/b.txt", True),
        ("*.{md,txt}", "b.rst", False),
        ("docs/**/*.md", "docs/a.md", True),
        ("docs/**/*.md", "docs/x/y/a.md", True),
        ("docs/**/*.md", "a.md", False),
        ("docs/*.md", "docs/x/a.md", True),
        ("[ab].md", "a.md", True),
        ("[!ab].md", "a.md", False),
        ("!*.md", "a.txt", True),
        ("README.?d", "README.md", True),
    ],
)
def test_section_globs_match_as_vales_do(pattern: str, path: str, matches: bool) -> None:
    assert compile_glob(pattern).match(path) is matches


def test_a_copydesk_config_can_add_a_vale_project(tmp_path: Path) -> None:
    """``vale = ".vale.ini"``: the Vale project's styles run as its sections
    say, beside the house pack (an engine's findings are never Vale's to drop)."""
    folder = project(tmp_path, "StylesPath = styles\n[docs/*.md]\nBasedOnStyles = Demo\n")
    (folder / "copydesk.toml").write_text(
        'engines = ["rules"]\nvale = ".vale.ini"\n', encoding="utf-8"
    )
    (folder / "docs" / "x.md").write_text("In an order to win, a foo.\n", encoding="utf-8")
    (folder / "y.md").write_text("In an order to win, a foo.\n", encoding="utf-8")
    lines = copydesk_lines(folder, "docs/x.md", "y.md")
    rules = {(line.split(":")[0], line.split(":")[3]) for line in lines}
    assert ("docs/x.md", "Demo.Foo") in rules
    assert ("y.md", "Demo.Foo") not in rules  # no section of the Vale project applies
    assert ("docs/x.md", "House.InAnOrderTo") in rules
    assert ("y.md", "House.InAnOrderTo") in rules
