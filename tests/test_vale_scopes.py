"""Vale's scopes against the real Vale: one rule at a time, each scope finds on
a small Markdown document exactly the lines Vale prints, sentences are cut
where Vale cuts them in everyday prose, and a plain-text file is scoped as
Vale scopes it (with copydesk's paragraphs: see ``_text_segments``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from vale_oracle import vale_lines

from editor.checkers.style import StyleChecker, load_rules
from editor.document import load_path, load_text

if TYPE_CHECKING:
    from pathlib import Path

#: Every structure Vale scopes, each holding the token "XX".
MARKDOWN = """\
# Head XX one

## Sub XX two

Para XX here. Second XX sentence.

- item XX
- item two XX
  - nested XX

1. ordered XX

> quote XX
>
> second quoted paragraph XX
>
> - quoted list XX

> # quoted heading XX

| H XX | H2 |
|------|----|
| cell XX | c |

![alt XX](img.png) and [link XX](https://example.com) and `code XX` and **bold XX** and *em XX*.

```
code block XX
```

- loose XX

  second paragraph of an item XX

Term
: definition XX

Footnote[^1].

[^1]: note XX
"""

SCOPES = (
    "text",
    "heading",
    "heading.h1",
    "heading.h2",
    "sentence",
    "paragraph",
    "list",
    "table",
    "table.header",
    "table.cell",
    "blockquote",
    "alt",
    "link",
    "strong",
    "emphasis",
    "text.md",
    "~heading",
    "~blockquote",
    "~list",
    "~table",
    "~link",
    "~sentence",
    "~paragraph",
    "sentence & ~heading",
    "paragraph & ~blockquote",
    "list & ~link",
    "[sentence, ~heading]",
    "[heading, list]",
)


def lines(
    tmp_path: Path, name: str, text: str, scope: str, pattern: str
) -> tuple[list[str], list[str]]:
    """(Vale's lines, copydesk's) for one existence rule with this scope."""
    style = tmp_path / "styles" / "S"
    style.mkdir(parents=True, exist_ok=True)
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.{md,txt}]\nBasedOnStyles = S\n",
        encoding="utf-8",
    )
    written = scope if scope.startswith("[") else f'"{scope}"'
    (style / "R.yml").write_text(
        f"extends: existence\nmessage: \"'%s'\"\nlevel: error\nscope: {written}\n"
        f"nonword: true\nraw:\n  - '{pattern}'\n",
        encoding="utf-8",
    )
    (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = load_rules([style])
    assert loaded.errors == ()
    found = StyleChecker(loaded.rules).check(load_path(tmp_path / name)).suggestions
    ours = sorted(f"{name}:{s.line}:{s.column}:{s.rule}:{s.message}" for s in found)
    return sorted(vale_lines(tmp_path, name)), ours


@pytest.mark.parametrize("scope", SCOPES)
def test_scope_takes_what_vale_takes(tmp_path: Path, scope: str) -> None:
    vale, ours = lines(tmp_path, "a.md", MARKDOWN, scope, "XX")
    assert vale, "the document holds something for every scope"
    assert ours == vale


def test_summary_holds_what_vale_summarises(tmp_path: Path) -> None:
    """Vale places a summary match at the next occurrence of its text from the
    top of the file, headings and code included; copydesk places it where it
    is. The same matches, then, but only their number compares."""
    vale, ours = lines(tmp_path, "a.md", MARKDOWN, "summary", "XX")
    assert len(ours) == len(vale) == 17
    doc = load_text(MARKDOWN, "markdown")
    assert {b.scope for b in doc.blocks if doc.text[b.start : b.end].startswith("note")} == {"list"}


SENTENCES = """\
The quick fox jumps. It runs away! Does it stop? Yes.

Dr. Smith met Mr. Jones at 5 p.m. yesterday. They talked about the U.S. economy.

Version 3.2 is out. See e.g. the notes, i.e. the changelog. Prices rose 4.5% in Q3.

He said "Stop." Then he left. She replied (quietly.) And went home.

Wait... what happened? Nothing... really. Read the docs: they help.

J. K. Rowling wrote it. Apple Inc. is big. It costs $5. Next sentence here.

Numbers 1. 2. 3. appear. It went home. then it slept.

- Item one. Item two continues here.
- Another item! With more.

# Heading one. Heading two

"Quoted start." Normal after. 'Single quoted.' After that.

Ends with question? lowercase next. Ends with exclamation! lowercase again.
"""


def test_sentences_start_where_vales_start(tmp_path: Path) -> None:
    vale, ours = lines(tmp_path, "a.md", SENTENCES, "sentence", r"\A\S+")
    assert len(vale) == 38
    assert ours == vale


PLAIN = """\
Title XX line

First paragraph XX here. Second XX sentence.
Continued XX line without stop
and more XX.

- not a list XX
# not a heading XX

Last XX para. Dr. XX Smith said hi.
"""


@pytest.mark.parametrize(
    "scope", ["text", "paragraph", "sentence", "heading", "list", "~heading", "summary", "alt"]
)
def test_plain_text_scopes_as_vale_does(tmp_path: Path, scope: str) -> None:
    vale, ours = lines(tmp_path, "a.txt", PLAIN, scope, "XX")
    assert ours == vale


def test_plain_text_paragraphs_stay_copydesks(tmp_path: Path) -> None:
    """A deliberate difference: Vale reads a plain-text file as one block, so
    ``\\A`` is only the file's start; copydesk keeps its paragraphs."""
    vale, ours = lines(tmp_path, "a.txt", PLAIN, "text", r"\A\S+")
    assert vale == ["a.txt:1:1:S.R:'Title'"]
    assert {"a.txt:1:1:S.R:'Title'", "a.txt:10:1:S.R:'Last'"} <= set(ours)


def test_block_scopes_follow_what_opened_since_the_last_block() -> None:
    doc = load_text(MARKDOWN, "markdown")
    scopes = {doc.text[b.start : b.end]: b.scope for b in doc.blocks}
    assert scopes["quote XX"] == "blockquote"
    assert scopes["second quoted paragraph XX"] == "paragraph"
    assert scopes["quoted list XX"] == "list"
    assert scopes["quoted heading XX"] == "blockquote"
    assert scopes["H XX"] == "table.header"
    assert scopes["cell XX"] == "table.cell"
    assert scopes["second paragraph of an item XX"] == "paragraph"
    assert scopes["Term\n: definition XX"] == "paragraph"
