"""What a Vale project's rules read, block by block, on small documents: the
real Vale and ``copydesk check --format vale-line`` must print the same lines.

Each case is one feature of how Vale reads a file: the text of raw HTML
blocks, an image's text read apart from its block, autolinks read as ``*``s,
definitions shared by ``conditional`` rules, where a ``consistency`` finding
on a quote mark lands, a plain-text file as one block (with its paragraphs
and sentences when a rule asks for them), a finding Vale cannot place across
a list item's line break (and one it places through the runs of text around
inline markup), and a no-break space kept in a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from vale_oracle import copydesk_vale_lines, need_vale, vale_lines

if TYPE_CHECKING:
    from pathlib import Path

RULES = {
    "Words.yml": 'extends: existence\nmessage: "W[%s]"\ntokens:\n  - widget\n  - café\n',
    "Items.yml": "extends: capitalization\nmessage: \"I[%s]\"\nscope: list\nmatch: '^[A-Z]'\n",
    "Heads.yml": 'extends: capitalization\nmessage: "H[%s]"\nscope: heading\nmatch: $sentence\n',
    "Acronyms.yml": 'extends: conditional\nmessage: "A[%s]"\nignorecase: false\n'
    "first: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n",
    "Defined.yml": 'extends: conditional\nmessage: "D[%s]"\nscope: list\n'
    "first: '\\b(GPU|RAM)\\b'\nsecond: '\\b(GPU|RAM)\\b is'\n",
    "Quotes.yml": "extends: consistency\nmessage: \"Q[%s]\"\nnonword: true\neither:\n  '\"': '“'\n",
    "Repeated.yml": 'extends: repetition\nmessage: "R[%s]"\nignorecase: true\n'
    "tokens:\n  - '[^\\s\\.]+'\n",
    "Long.yml": 'extends: occurrence\nmessage: "L"\nscope: sentence\nmax: 6\n'
    "token: '\\b(\\w+)\\b'\n",
    "Paragraphs.yml": 'extends: occurrence\nmessage: "P"\nscope: paragraph\nmax: 8\n'
    "token: '\\b(\\w+)\\b'\n",
}

CASES = {
    "html": (
        "Intro widget.\n\n<details>\n<summary>A widget here.</summary>\n\nBody café.\n\n"
        "</details>\n\n<p>In a <b>widget</b> paragraph.</p>\n\n"
        "<div>\nwidget in div <!-- c --> widget after.\n</div>\n\n"
        "<script>\nvar widget = 1;\n</script>\n\nNext para.\n"
    ),
    "images": (
        "- Item one ![a widget](a.png) more text\n"
        "- ![Alt first](b.png) then lower\n"
        "- Fine ![lower alt](c.png)\n"
        "- lower over ![x](y.png)!!\n- lower then ![img](z.png), more\n\n"
        "## A heading ![Image Text](e.png)\n"
    ),
    "autolinks": (
        "- simple <https://example.com/simple> always seperate.\n"
        "- plain text and https://example.com/bare here.\n"
        "- see [the docs](https://example.com/docs) now.\n"
    ),
    "conditional": (
        "Some Random Access Memory (RAM) here.\n\n- Uses RAM and GPU.\n\nThe GPU is fast.\n"
    ),
    "quotes": 'First “quoted” here. Then "plain" again.\n\nAnd "more" text.\n',
    "multiline": (
        "- first item\n  on two lines\n- second item\n\n> quoted widget\n> on two lines.\n\n"
        "- **lower** start and more\n  then a [link](https://x.y) end\n"
        "- **lower** start again\n  and plain text to the end\n\n"
        "> - **quoted** lower\n>   then [a link](https://x.y) end\n"
    ),
    "nbsp": "- lower\u00a0item with a no-break space\n",
}

TEXT_FILE = (
    "Title Line\n\n"
    "First para “quoted” e.g. this one here is long. And i.e. more. Next one!! what?\n"
    'Yes it is "plain" and quite long for a line\n\n'
    "A reader\nReader again. Etc. Widget here. One more sentence that runs on and on.\n"
)


def project(tmp_path: Path, docs: dict[str, str]) -> Path:
    folder = tmp_path / "project"
    style = folder / "styles" / "T"
    style.mkdir(parents=True)
    for name, body in RULES.items():
        (style / name).write_text(body, encoding="utf-8")
    (folder / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.{md,txt}]\nBasedOnStyles = T\n",
        encoding="utf-8",
    )
    for name, body in docs.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_markdown_reads_as_vale_reads_it(tmp_path: Path, case: str) -> None:
    need_vale()
    folder = project(tmp_path, {"a.md": CASES[case]})
    vale = vale_lines(folder, "a.md")
    assert vale, "each case makes Vale say something"
    # Sorted: at one place, Vale's order is the order its blocks were read.
    assert sorted(copydesk_vale_lines(folder, "a.md")) == sorted(vale)


def test_a_plain_text_file_is_one_block_with_its_paragraphs_and_sentences(
    tmp_path: Path,
) -> None:
    need_vale()
    folder = project(tmp_path, {"a.txt": TEXT_FILE})
    vale = vale_lines(folder, "a.txt")
    rules = {line.split(":")[3] for line in vale}
    assert {"T.Quotes", "T.Repeated", "T.Long", "T.Paragraphs"} <= rules
    assert sorted(copydesk_vale_lines(folder, "a.txt")) == sorted(vale)


def test_a_plain_text_file_has_no_paragraphs_when_no_rule_asks(tmp_path: Path) -> None:
    """Vale cuts a text file into paragraphs only for a project whose rules
    ask for them: without one, a ``text`` rule sees the whole file once."""
    need_vale()
    folder = project(tmp_path, {"a.txt": "A widget here.\n\nTwo words.\n"})
    (folder / "styles" / "T" / "Paragraphs.yml").unlink()
    (folder / "styles" / "T" / "Long.yml").unlink()
    (folder / "styles" / "T" / "Whole.yml").write_text(
        "extends: occurrence\nmessage: \"O\"\nmin: 4\ntoken: '\\b(\\w+)\\b'\n",
        encoding="utf-8",
    )
    vale = vale_lines(folder, "a.txt")
    assert [line.split(":")[3] for line in vale] == ["T.Words"]
    assert copydesk_vale_lines(folder, "a.txt") == vale


SENTENCES = (
    "Tools, files etc. The next one starts here. Lists etc. and more follow.\n\n"
    "It runs i.e.... And then it stops. Wait... and see. Then go...: Next step.\n\n"
    "Pick a. The rest waits. Dr. Smith came. It costs 5. Then more.\n\n"
    "Hold on… Then read e.g. the notes and U.S. news. Really? Yes! Done.\n\n"
    "It stops at.. Then resumes. Wait... but then... why not? Go...\n"
)


def test_sentences_end_where_vales_punkt_model_ends_them(tmp_path: Path) -> None:
    """Vale's sentences come from a Punkt model: "etc." is no abbreviation
    to it, "..." ends a sentence before a capital or a frequent sentence
    starter ("but") whatever precedes it, "…" ends none, a word ending ".."
    none either, and "a." is a word, not an initial."""
    need_vale()
    folder = project(tmp_path, {"a.md": SENTENCES, "b.txt": SENTENCES})
    for name in RULES:
        (folder / "styles" / "T" / name).unlink()
    (folder / "styles" / "T" / "Sentences.yml").write_text(
        "extends: capitalization\nmessage: \"S[%s]\"\nscope: sentence\nmatch: 'QQQ'\n",
        encoding="utf-8",
    )
    for name in ("a.md", "b.txt"):
        vale = vale_lines(folder, name)
        assert len(vale) == 22
        assert sorted(copydesk_vale_lines(folder, name)) == sorted(vale)


def test_code_at_a_blocks_edges_is_part_of_the_block(tmp_path: Path) -> None:
    """Inline code or an autolink at a block's start or end is part of its
    text, as ``*``s. Vale cannot find such a text in the file and reports it
    at its line's first column; copydesk at the block's start (a deliberate
    difference, in the README)."""
    need_vale()
    text = "- lower item ends with `code`\n- <https://example.com/x> starts it\n"
    folder = project(tmp_path, {"a.md": text})
    vale = vale_lines(folder, "a.md")
    ours = copydesk_vale_lines(folder, "a.md")

    def without_column(lines: list[str]) -> list[str]:
        return sorted(
            ":".join(f for i, f in enumerate(line.split(":", 4)) if i != 2) for line in lines
        )

    assert without_column(ours) == without_column(vale)
    assert "a.md:1:1:T.Items:I[lower item ends with ****]" in vale
    assert "a.md:1:3:T.Items:I[lower item ends with ****]" in ours
    assert "a.md:2:4:T.Items:I[********************* starts it]" in ours  # the address
