"""Vale's vocabularies against the real Vale: ``accept.txt`` and ``reject.txt``
read as Vale reads them, and the ``Vale.Terms`` and ``Vale.Avoid`` rules built
from them giving the lines Vale prints, on the same files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vale_oracle import vale_lines

from editor.checkers.style import StyleChecker
from editor.checkers.style.vocabulary import (
    keep_wrap,
    shown_term,
    spellings,
    vale_vocabulary_rules,
)
from editor.document import load_path
from editor.vocab import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from pathlib import Path

ACCEPT = (
    "Huawei",
    "GitHub",
    "Github",
    "(?i)wifi",
    "Node.js",
    "mea culpa",
    "#hashtag",
    "# a comment, not a term",
    "OAuth2?",
    "[Gg]it[Ll]ab",
    "Java Script",
    "e-mail",
    "Zürich",
    "AT&T",
    "U.S.",
    r"C\+\+",
    "foo",
)
REJECT = ("badword", "(?i)zap", "Bar", "culpa", "hub", "foo", "re-enter")

DOCUMENT = """\
# Huawei and huawei, github and GITHUB

über oauth Oauth2 OAUTH gitlab GITLAB foo java
script Java script, Mea Culpa and culpa alone.

Use HUAWEI, HuaweiX and xhuawei. zürich ZÜRICH at&t u.s. c++ NODE.JS node.js.

- badword BADWORD bar Bar BAR zap ZAP, hub and github hub.
- Re-enter or re-enter WiFi wifi, #hashtag and #Hashtag.

| huawei | badword |
|--------|---------|
| e-mail | E-mail  |

`huawei` in code, [huawei in a link](https://example.com), ![huawei alt](x.png).
"""


def project(tmp_path: Path, accept: tuple[str, ...], reject: tuple[str, ...]) -> Path:
    """A Vale project with vocabulary ``V`` and only the vocabulary rules on."""
    folder = tmp_path / "styles" / "config" / "vocabularies" / "V"
    folder.mkdir(parents=True)
    (folder / "accept.txt").write_text("\n".join(accept) + "\n", encoding="utf-8")
    (folder / "reject.txt").write_text("\n".join(reject) + "\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\nVocab = V\n\n"
        "[*.{md,txt}]\nBasedOnStyles = Vale\nVale.Spelling = NO\nVale.Repetition = NO\n",
        encoding="utf-8",
    )
    return tmp_path


def ours(folder: Path, name: str) -> list[str]:
    vocabulary = load_vocabulary(["V"], [folder / "styles"], vale=True)
    rules = vale_vocabulary_rules(vocabulary)
    found = StyleChecker(rules).check(load_path(folder / name)).suggestions
    return sorted(f"{name}:{s.line}:{s.column}:{s.rule}:{s.message}" for s in found)


def test_terms_and_avoid_give_vales_lines(tmp_path: Path) -> None:
    folder = project(tmp_path, ACCEPT, REJECT)
    (folder / "a.md").write_text(DOCUMENT, encoding="utf-8")
    expected = sorted(vale_lines(folder, "a.md"))
    assert any(":Vale.Terms:" in line for line in expected)
    assert any(":Vale.Avoid:" in line for line in expected)
    assert ours(folder, "a.md") == expected


def test_plain_text_gives_vales_lines(tmp_path: Path) -> None:
    folder = project(tmp_path, ACCEPT, REJECT)
    text = "The github page of Huawei.\n\nA badword, and a BAR, and zap.\n"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    assert ours(folder, "a.txt") == sorted(vale_lines(folder, "a.txt"))


def test_vale_reads_only_hash_space_as_a_comment_and_every_list_below(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "vocabularies" / "V"
    (folder / "more").mkdir(parents=True)
    (folder / "accept.txt").write_text("# note\n#hashtag\n  Huawei  \n\n", encoding="utf-8")
    (folder / "more" / "accept.txt").write_text("GitHub\n", encoding="utf-8")
    (folder / "reject.txt").write_text("#nope\n", encoding="utf-8")
    vale = load_vocabulary(["V"], [tmp_path], vale=True)
    assert vale.accept == ("#hashtag", "Huawei", "GitHub")
    assert vale.reject == ("#nope",)
    house = load_vocabulary(["V"], [tmp_path])
    assert house.accept == ("Huawei",)
    assert house.reject == ()


def test_rules_are_named_as_vale_names_them() -> None:
    both = vale_vocabulary_rules(Vocabulary(accept=("GitHub",), reject=("foo",)))
    assert [r.info.id for r in both] == ["Vale.Terms", "Vale.Avoid"]
    assert all(r.info.severity.name == "ERROR" for r in both)
    section = vale_vocabulary_rules(Vocabulary(reject=("foo",)), prefix="Vale.Docs")
    assert [r.info.id for r in section] == ["Vale.Docs.Avoid"]
    assert vale_vocabulary_rules(Vocabulary()) == []


def test_a_term_is_shown_and_fixed_as_vale_shows_it() -> None:
    assert spellings("OAuth2?") == ("OAuth2", "OAuth")
    assert spellings("(?:Java|Type)Script") == ("JavaScript", "TypeScript")
    assert spellings("[Gg]it[Ll]ab") == ()
    assert shown_term("OAuth2?", "Oauth") == "OAuth"
    assert shown_term("[Gg]it[Ll]ab", "GITLAB") == "[Gg]it[Ll]ab"
    assert keep_wrap("Java Script", "java\nscript") == "Java\nScript"


def test_a_wrong_case_term_is_fixed_keeping_the_line_break(tmp_path: Path) -> None:
    folder = project(tmp_path, ("Java Script", "[Gg]it[Ll]ab"), ())
    (folder / "a.md").write_text("Some java\nscript and GITLAB.\n", encoding="utf-8")
    vocabulary = load_vocabulary(["V"], [folder / "styles"], vale=True)
    found = StyleChecker(vale_vocabulary_rules(vocabulary)).check(load_path(folder / "a.md"))
    assert [(s.text, s.replacements) for s in found.suggestions] == [
        ("java\nscript", ("Java\nScript",)),
        ("GITLAB", ()),
    ]
