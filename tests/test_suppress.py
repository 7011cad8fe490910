"""Inline suppressions in Markdown: copydesk's comments and Vale's, on the real
house rules, through the real command; Vale's comments also against the real
Vale, every form of them, own-line and inside blocks."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import run_cli
from vale_oracle import vale_lines

from editor.checkers.style import StyleChecker, load_rules
from editor.document import load_path, load_text
from editor.segment import lint_units
from editor.suppress import UNUSED_RULE, apply_suppressions, find_suppressions

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

#: Each paragraph has one House.InAnOrderTo ("In an order to") and one
#: House.DoubledWord ("the the").
PARA = "In an order to win, the the team must work."


def found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, *options: str
) -> list[tuple[int, str]]:
    article = tmp_path / "a.md"
    article.write_text(text, encoding="utf-8")
    _, out, _ = run_cli(
        capsys,
        "check",
        "--no-cache",
        "--engines",
        "rules",
        "--format",
        "json",
        *options,
        str(article),
    )
    return [(s["line"], s["rule"]) for s in json.loads(out)["files"][0]["suggestions"]]


def test_disable_and_enable_a_region_for_some_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        f"{PARA}\n\n<!-- copydesk-disable House.InAnOrderTo -->\n\n{PARA}\n\n"
        f"<!-- copydesk-enable House.InAnOrderTo -->\n\n{PARA}\n"
    )
    assert found(capsys, tmp_path, text) == [
        (1, "House.InAnOrderTo"),
        (1, "House.DoubledWord"),
        (5, "House.DoubledWord"),
        (9, "House.InAnOrderTo"),
        (9, "House.DoubledWord"),
    ]


def test_disable_all_next_line_and_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    everything = f"<!-- copydesk-disable -->\n\n{PARA}\n\n<!-- copydesk-enable -->\n\n{PARA}\n"
    assert [line for line, _ in found(capsys, tmp_path, everything)] == [7, 7]
    next_line = f"<!-- copydesk-disable-next-line House.DoubledWord -->\n{PARA}\n\n{PARA}\n"
    assert found(capsys, tmp_path, next_line) == [
        (2, "House.InAnOrderTo"),
        (4, "House.InAnOrderTo"),
        (4, "House.DoubledWord"),
    ]
    whole = f"{PARA}\n\n<!-- copydesk-disable-file House.* -->\n\n{PARA}\n"
    assert found(capsys, tmp_path, whole) == []


def test_vale_comments_work_as_in_vale(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    off_on = f"<!-- vale off -->\n\n{PARA}\n\n<!-- vale on -->\n\n{PARA}\n"
    assert [line for line, _ in found(capsys, tmp_path, off_on)] == [7, 7]
    one_rule = (
        f"<!-- vale House.DoubledWord = NO -->\n\n{PARA}\n\n"
        f"<!-- vale House.DoubledWord = YES -->\n\n{PARA}\n"
    )
    assert found(capsys, tmp_path, one_rule) == [
        (3, "House.InAnOrderTo"),
        (7, "House.InAnOrderTo"),
        (7, "House.DoubledWord"),
    ]


def test_a_comment_in_code_is_not_a_suppression() -> None:
    text = (
        f"```\n<!-- copydesk-disable-file -->\n```\n\nUse `<!-- vale off -->` to stop.\n\n{PARA}\n"
    )
    assert find_suppressions(load_text(text, "markdown")) == ()
    assert find_suppressions(load_text("<!-- vale off -->\n", "text")) == ()


def test_unused_suppressions_are_reported_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        "<!-- copydesk-disable-next-line House.DoubledWord -->\nA clean line.\n\n"
        f"<!-- copydesk-disable-next-line House.DoubledWord -->\n{PARA}\n\n"
        "<!-- copydesk-disable Nonsense! -->\n"
    )
    assert (1, UNUSED_RULE) not in found(capsys, tmp_path, text)
    reported = found(capsys, tmp_path, text, "--report-unused-suppressions")
    assert [line for line, rule in reported if rule == UNUSED_RULE] == [1, 7]
    assert (5, "House.DoubledWord") not in reported


# ------------------------------------------------------------------ against Vale

#: Two rules of a style ``T``: ``T.Foo`` finds "foo" and "bar", ``T.Baz`` "baz".
STYLE = {
    "Foo.yml": "extends: existence\nmessage: \"Found '%s'.\"\nlevel: error\ntokens:\n  - foo\n  - bar\n",
    "Baz.yml": "extends: existence\nmessage: \"Baz '%s'.\"\nlevel: warning\ntokens:\n  - baz\n",
}

#: Every form of Vale's comments, own-line and inside blocks.
VALE_COMMENTS = """\
<!-- vale T.Foo = NO -->

foo baz (1)

<!-- vale on -->

foo baz (2): "vale on" ends "vale off" only

<!-- vale T.Foo = YES -->

<!-- vale T = NO -->

foo baz (3)

<!-- vale T.Foo = YES -->

foo baz (4): the style is still off

<!-- vale T = YES -->

foo baz <!-- vale T.Baz = NO --> (5): off for the whole paragraph

foo baz (6)

<!-- vale T.Baz = YES -->

# Heading foo <!-- vale off --> baz

foo baz (7)

<!-- vale on -->

- item foo <!-- vale T.Foo = NO -->
- item foo (8) baz
  <!-- vale T.Foo = YES -->
- item foo (9)

Para foo <!-- vale T.Foo = NO --> bar baz <!-- vale T.Foo = YES --> foo baz.

foo baz <!-- vale styles = Vale --> (10)

foo baz (11)

<!-- vale styles = T -->

foo baz (12)

<!--vale off-->
foo (13)
<!--    vale on    -->

<!-- vale T.Foo = off -->
foo baz (14)
<!-- vale T.Foo = on -->

foo <!-- vale T.Foo["bar"] = NO --> bar foo bar
bar foo
<!-- vale T.Foo["bar"] = YES -->
bar

<!-- vale T.Foo["foo", "bar"] = NO -->
foo bar baz
<!-- vale T.Foo["foo", "bar"] = YES -->

Not <!-- vale Off --> <!-- vale  off --> <!-- vale T.Foo = no --> foo (15): not directives

foo baz (16) <!-- vale off -->
"""


def vale_project(tmp_path: Path, text: str) -> Path:
    style = tmp_path / "styles" / "T"
    style.mkdir(parents=True)
    for name, body in STYLE.items():
        (style / name).write_text(body, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = T\n",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    return tmp_path


def with_comments(folder: Path, base_styles: tuple[str, ...] | None = None) -> list[str]:
    """Our findings, less what the comments silence (as ``check_document``)."""
    doc = load_path(folder / "a.md")
    found = StyleChecker(load_rules([folder / "styles" / "T"]).rules).check(doc).suggestions
    kept = apply_suppressions(doc, found, find_suppressions(doc, base_styles=base_styles))
    return sorted(f"a.md:{s.line}:{s.column}:{s.rule}:{s.message}" for s in kept)


def test_every_vale_comment_form_as_vale_reads_it(tmp_path: Path) -> None:
    folder = vale_project(tmp_path, VALE_COMMENTS)
    expected = sorted(vale_lines(folder, "a.md"))
    assert len(expected) == 19
    assert with_comments(folder) == expected
    assert with_comments(folder, base_styles=("T",)) == expected


def test_a_comment_inside_a_block_decides_for_the_whole_block(tmp_path: Path) -> None:
    """Vale lints a block once it has read it whole: a rule switched off
    inside it (and not back on) is off for all of it, the text before the
    comment too; a region still silences what lies between its comments."""
    text = (
        "foo one <!-- vale T.Foo = NO --> baz\n\nfoo two baz\n\n<!-- vale T.Foo = YES -->\n\n"
        "bar three <!-- vale off --> foo baz <!-- vale on --> bar\n\n"
        "| foo <!-- vale T = NO --> | baz |\n|---|---|\n| bar | baz <!-- vale T = YES --> foo |\n"
    )
    folder = vale_project(tmp_path, text)
    expected = sorted(vale_lines(folder, "a.md"))
    assert expected == [
        "a.md:11:35:T.Foo:Found 'foo'.",
        "a.md:1:34:T.Baz:Baz 'baz'.",
        "a.md:3:9:T.Baz:Baz 'baz'.",
        "a.md:7:1:T.Foo:Found 'bar'.",
        "a.md:7:54:T.Foo:Found 'bar'.",
    ]
    assert with_comments(folder) == expected


def test_lint_units_end_where_vale_lints() -> None:
    text = "- a <!-- x -->\n  - b\n\nfoo\n<!-- y -->\n\n[^1]: note\n\n| a |\n|---|\n| b |\n"
    units = [(text[s:e], text[s:linted]) for s, e, linted in lint_units(text)]
    assert [unit for unit, _ in units] == [
        "a <!-- x -->\n  ",
        "b\n\n",
        "foo\n",
        "note\n",
        "a ",
        "b ",
    ]
    # A footnote is linted last, where the rendered page puts it.
    assert units[3][1] == text[text.index("note") :]


def test_vale_comments_in_plain_text_do_nothing(tmp_path: Path) -> None:
    folder = vale_project(tmp_path, "")
    (folder / "a.txt").write_text("<!-- vale off -->\n\nfoo\n", encoding="utf-8")
    (folder / ".vale.ini").write_text(
        "StylesPath = styles\n\n[*.txt]\nBasedOnStyles = T\n", encoding="utf-8"
    )
    assert vale_lines(folder, "a.txt") == ["a.txt:3:1:T.Foo:Found 'foo'."]
    assert find_suppressions(load_path(folder / "a.txt")) == ()
