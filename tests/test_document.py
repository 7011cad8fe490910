from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from editor.document import decode, load_path, load_text
from editor.errors import InputError

# ---------------------------------------------------------------- decoding


def test_utf8_without_bom() -> None:
    assert decode("naïve café".encode()) == ("naïve café", "utf-8", False)


def test_utf8_with_bom_is_remembered_not_kept_in_text() -> None:
    text, encoding, bom = decode(codecs.BOM_UTF8 + b"Hello")
    assert (text, encoding, bom) == ("Hello", "utf-8", True)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    text, found, had_bom = decode(bom + "Emoji 😀 ok\r\n".encode(encoding))
    assert (text, found, had_bom) == ("Emoji 😀 ok\r\n", encoding, True)


def test_latin1_is_a_clear_error_naming_the_file() -> None:
    with pytest.raises(
        InputError, match=r"^story\.txt: not UTF-8 \(invalid byte 0xe9 at offset 3, line 1\)"
    ):
        decode("caf\u00e9".encode("latin-1"), "story.txt")


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "image.png")


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_path(tmp_path)


def test_load_path_keeps_crlf_and_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"One line.\r\nTwo lines")
    doc = load_path(path)
    assert doc.text == "One line.\r\nTwo lines"
    assert doc.format == "text"
    assert doc.line_col(doc.text.index("Two")) == (2, 1)


def test_markdown_chosen_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nBody `code`.\n", encoding="utf-8")
    assert load_path(path).format == "markdown"


# ---------------------------------------------------------------- lines, columns


def test_line_col_counts_characters_not_bytes() -> None:
    doc = load_text("😀 é\ncombining e\u0301 x\r\nlast")
    assert doc.line_col(2) == (1, 3)
    x = doc.text.index(" x") + 1
    assert doc.line_col(x) == (2, 14)  # columns count code points
    assert doc.line_col(doc.text.index("last")) == (3, 1)
    assert doc.line_text(2) == "combining e\u0301 x"


@given(st.text(alphabet=st.sampled_from("ab \n\r😀é\u0301"), max_size=60), st.data())
def test_line_col_round_trips(text: str, data: st.DataObject) -> None:
    doc = load_text(text)
    offset = data.draw(st.integers(0, len(text)))
    line, column = doc.line_col(offset)
    # A position between \r and \n belongs to the line the \r ends.
    assert doc.offset(line, column) == offset


# ---------------------------------------------------------------- Markdown prose


def prose_of(doc_text: str) -> list[str]:
    doc = load_text(doc_text, "markdown")
    return [doc.text[s:e] for s, e in doc.prose]


def test_markdown_skips_code_front_matter_html_and_urls() -> None:
    text = (
        "---\ntitle: the the\n---\n"
        "# Heading *with* words\n\n"
        "Use `the the` and [link text](https://example.com/the-the) or <https://auto.link>.\n\n"
        "```python\nthe the = 1\n```\n\n"
        "    indented the the\n\n"
        "<script>\nvar the_the = 1;\n</script>\n\n"
        "<pre>\nthe the\n</pre>\n\n"
        "<!--\nthe the\n-->\n\n"
        "Inline <span>tag</span> text and https://bare.example/path here.\n"
    )
    doc = load_text(text, "markdown")
    prose = prose_of(text)
    assert "Heading " in prose
    assert "link text" in prose
    joined = " ".join(prose)
    for hidden in ("title:", "the the", "example.com", "auto.link", "<span>", "bare.example"):
        assert hidden not in joined
    assert "tag" in joined
    assert len(doc.masked) == len(doc.text)
    assert doc.masked.count("\n") == doc.text.count("\n")


def test_markdown_html_blocks_hold_prose_as_vale_reads_them() -> None:
    """A raw HTML block's text is prose (it is rendered, and Vale lints it):
    each element that is not inline is a block of its own, scoped as Vale
    scopes it; tags, comments and ``script``/``pre`` content are not prose."""
    text = (
        "<details>\n<summary>Click the the box.</summary>\n\nBody text.\n\n</details>\n\n"
        "<p>Para <b>bold</b> words.</p>\n\n"
        "<div>\nInside a div.\n</div>\n\n"
        "<ul><li>An item.</li></ul>\n\n"
        "<h2>A heading</h2>\n\n"
        "<div><!-- hidden --><script>var x = 1;</script>Shown.</div>\n\n"
        "<p>Made with &hearts; and&nbsp;care &#8212; here.</p>\n"
    )
    doc = load_text(text, "markdown")
    found = {(doc.text[b.start : b.end], b.scope) for b in doc.blocks}
    assert found == {
        ("Click the the box.", "paragraph"),
        ("Body text.", "paragraph"),
        ("Para <b>bold</b> words.", "paragraph"),
        ("Inside a div.", "paragraph"),
        ("An item.", "list"),
        ("A heading", "heading.h2"),
        ("Shown.", "paragraph"),
        ("Made with &hearts; and&nbsp;care &#8212; here.", "paragraph"),
    }
    joined = " ".join(prose_of(text))
    for hidden in ("<b>", "summary", "hidden", "var x", "hearts", "nbsp", "8212"):
        assert hidden not in joined
    assert "bold" in joined


def test_markdown_tables_lists_and_block_quotes_are_prose() -> None:
    text = "| Name | Note |\n|---|---|\n| cell one | two |\n\n> quoted words\n\n- item one\n  - nested item\n"
    doc = load_text(text, "markdown")
    kinds = {(doc.text[b.start : b.end], b.kind) for b in doc.blocks}
    assert ("Name", "header") in kinds
    assert ("cell one", "cell") in kinds
    assert ("quoted words", "paragraph") in kinds
    assert ("nested item", "item") in kinds
    quote = next(b for b in doc.blocks if doc.text[b.start : b.end] == "quoted words")
    assert "blockquote" in quote.context


def test_markdown_escapes_and_entities() -> None:
    doc = load_text("A \\*literal\\* star &amp; more.\n", "markdown")
    assert doc.masked[2] == " "  # the backslash is markup
    assert doc.is_prose(doc.text.index("*literal"), doc.text.index("*literal") + 1)
    amp = doc.text.index("&amp;")
    assert not doc.is_prose(amp, amp + 5)


def test_markdown_offsets_are_characters_after_multibyte_text() -> None:
    text = "😀 é `code` café ünïcode words\n"
    doc = load_text(text, "markdown")
    start = text.index("café")
    assert doc.is_prose(start, start + len("café ünïcode words"))
    assert doc.masked[text.index("`code`")] == " "


def test_markdown_crlf_soft_breaks_join_a_paragraph() -> None:
    doc = load_text("First line\r\nsecond line.\r\n\r\nNext para.\r\n", "markdown")
    first = doc.text.index("First")
    end = doc.text.index("line.") + 5
    assert doc.is_prose(first, end)
    assert len(doc.blocks) == 2


# ---------------------------------------------------------------- blocks and sentences


def sentences(text: str, fmt: str = "text") -> list[str]:
    doc = load_text(text, "markdown" if fmt == "markdown" else "text")
    return [doc.text[s:e] for s, e in doc.sentences]


def test_sentences_respect_abbreviations_and_initials() -> None:
    assert sentences("Mr. Yu met J. K. Rowling at 5 p.m. on Monday. He left. AT&T. Huawei") == [
        "Mr. Yu met J. K. Rowling at 5 p.m. on Monday.",
        "He left.",
        "AT&T.",
        "Huawei",
    ]


def test_plain_text_one_paragraph_per_line_and_titles() -> None:
    first = "The first paragraph is one long line, as text pasted from a web page often is."
    following = "The next paragraph is hard-wrapped by its writer, which\ncontinues here."
    text = f"{first}\nMust Read: A title line\n{following}\n"
    doc = load_text(text)
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        first,
        "Must Read: A title line",
        following,
    ]


def test_seed_sentences() -> None:
    doc = load_path(Path(__file__).resolve().parents[1] / "seeds" / "huawei-att.txt")
    assert len(doc.blocks) == 10
    assert len(doc.sentences) == 12
    assert all(doc.text[s:e].strip() == doc.text[s:e] for s, e in doc.sentences)
