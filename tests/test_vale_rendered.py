"""Rules read Markdown as rendered (``editor.checkers.style.rendered``), as
Vale does: emphasis and link markup left out, inline code as ``*``s. Checked
against the real Vale, and for exact source offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings, strategies as st
from vale_oracle import copydesk_vale_lines, need_vale, vale_lines

from editor.checkers.style.rendered import render
from editor.document import load_text

if TYPE_CHECKING:
    from pathlib import Path

RULE = """extends: existence
message: "[%s]"
nonword: true
raw:
  - "as .{1,14}, and"
  - "|Note.{1,4}The"
  - "|see .{1,20} now"
  - "|is raised"
"""
DOC = """**Note:** The thing.

Some text (such as `str`, and more) here.

Some text (such as `a_long_name`, and more) here.

Please see [the docs](http://x.y/z) now, as it is *raised*.

> **Note:** The quote, and `code` as `x`, and more.
"""


def test_matches_across_markup_are_vales(tmp_path: Path) -> None:
    need_vale()
    (tmp_path / "styles" / "X").mkdir(parents=True)
    (tmp_path / "styles" / "X" / "A.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\n[*.md]\nBasedOnStyles = X\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(DOC, encoding="utf-8")
    ours = copydesk_vale_lines(tmp_path, "a.md")
    assert ours == vale_lines(tmp_path, "a.md")
    assert len(ours) == 7


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "word",
                "**bold**",
                "*it*",
                "`code`",
                "[link](http://x.y)",
                "![alt *text*](i.png)",
                "![`c` alt](i.png)",
                "<https://x.y/z>",
                "&hearts;",
                ", ",
                ". ",
                "\n",
                " ",
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_every_view_character_maps_back_to_its_source(pieces: list[str]) -> None:
    doc = load_text("".join(pieces) + "\n", "markdown")
    view = render(doc)
    if view is None:
        return
    rendered = view.doc.text
    alts = [(s, e) for b in doc.blocks for kind, s, e in b.inline if kind == "alt"]
    alt_ends = {e for _, e in alts}
    for index, char in enumerate(rendered):
        source = view.start(index)
        if char == "\n" and source in alt_ends:
            continue  # the line an image's text is moved onto ends there
        in_alt = any(s <= source < e for s, e in alts)
        # An image's text holds its inline code as text; "&hearts;" reads "♥".
        entity = doc.text.startswith("&hearts;", source) and char == "♥"
        assert char in (doc.masked[source], "*") or (in_alt and char == doc.text[source]) or entity
        if char != "*" and doc.is_prose(source, source + 1):
            assert doc.text[source] == char
    for offset in range(len(doc.text) + 1):
        mapped = view.to_view(offset)
        assert 0 <= mapped <= len(rendered)
    # Every block of the view holds its own text, and no image's.
    for block, seen in zip(doc.blocks, view.doc.blocks, strict=True):
        for at in range(seen.start, seen.end):
            source = view.start(at)
            assert block.start <= source < block.end
            assert not any(s <= source < e for kind, s, e in block.inline if kind == "alt")


def test_a_vale_projects_rules_read_the_front_matters_values(tmp_path: Path) -> None:
    """Vale lints a YAML front matter's top-level string values (not lists,
    nested keys or dates), under the ``text`` scope only."""
    need_vale()
    style = tmp_path / "styles" / "X"
    style.mkdir(parents=True)
    for scope in ("text", "paragraph", "sentence", "heading", "raw"):
        (style / f"S{scope.title()}.yml").write_text(
            f'extends: existence\nmessage: "{scope} [%s]"\nscope: {scope}\n'
            "tokens:\n  - leverage\n  - widget\n",
            encoding="utf-8",
        )
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\n[*.md]\nBasedOnStyles = X\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(
        '---\ntitle: "We leverage a widget"\ndescription: A widget to leverage.\n'
        "tags: [widget, leverage]\nslug: leverage-widget\ndate: 2020-01-01\n"
        "nested:\n  key: a widget here\n---\n\n# Heading\n\nBody text, no widget.\n",
        encoding="utf-8",
    )
    ours = copydesk_vale_lines(tmp_path, "a.md")
    assert sorted(ours) == sorted(vale_lines(tmp_path, "a.md"))
    assert sum(":X.SText:" in line for line in ours) == 7
