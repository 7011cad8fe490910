"""The diff renderers: golden files for every format and case, the unified
diff applied for real by ``patch`` and ``git apply``, and hostile text in the
Markdown report.

Golden files live in ``tests/golden/<case>/``. After an intended change of
output, regenerate them and review the diff:

    COPYDESK_UPDATE_GOLDEN=1 pytest tests/test_diff_reports.py
"""

from __future__ import annotations

import difflib
import html
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pyromark
import pytest
from hypothesis import given, settings, strategies as st
from rich.console import Console

from editor.diff.engine import Gap, diff_texts, display_lines, from_edits, layout, show_whitespace
from editor.diff.model import AttributedEdit, DiffReport
from editor.report.diff_html import render_html
from editor.report.diff_json import render_json
from editor.report.diff_markdown import escape, render_markdown
from editor.report.diff_terminal import render_terminal
from editor.report.diff_unified import render_unified

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SEED = ROOT / "seeds" / "huawei-att.txt"
UPDATE = os.environ.get("COPYDESK_UPDATE_GOLDEN") == "1"

# --------------------------------------------------------------------------
# The cases.

READABILITY_BEFORE = {
    "flesch_reading_ease": 55.9,
    "flesch_kincaid_grade": 12.4,
    "gunning_fog": 14.8,
    "smog_index": 13.1,
    "coleman_liau_index": 11.2,
    "words": 331,
    "sentences": 13,
    "avg_sentence_length": 25.5,
    "hardest": [],
}
READABILITY_AFTER = {
    "flesch_reading_ease": 58.2,
    "flesch_kincaid_grade": 11.9,
    "gunning_fog": 14.1,
    "smog_index": 12.8,
    "coleman_liau_index": 11.0,
    "words": 327,
    "sentences": 13,
    "avg_sentence_length": 25.2,
    "hardest": [],
}


def _at(text: str, phrase: str, replacement: str, **extra: str) -> AttributedEdit:
    start = text.index(phrase)
    return AttributedEdit(start, start + len(phrase), replacement, **extra)


def seed_case() -> DiffReport:
    """A review of the seed article: the edits it applied, with provenance."""
    text = SEED.read_text(encoding="utf-8")
    edits = [
        _at(
            text,
            "In an order to",
            "In order to",
            rule="House.InAnOrderTo",
            source="style",
            message="Use 'In order to' instead of 'In an order to'.",
            decision="accepted",
        ),
        _at(
            text,
            "must have to",
            "must",
            rule="House.MustHaveTo",
            source="style",
            message="Use 'must' or 'have to', not both.",
            decision="alternative",
        ),
        _at(
            text,
            "it’s hard",
            "its hardest",
            rule="House.ItsHard",
            source="style",
            message="Did you mean 'its hardest'?",
            decision="edited",
        ),
        _at(
            text,
            "the no 1 place",
            "the number one place",
            rule="House.Numbers",
            source="style",
            message="Spell out 'no 1'.",
            decision="accepted",
        ),
        _at(text, "the edge penetration", "the edge of penetration", decision="edited"),
    ]
    return from_edits(
        text,
        edits,
        old_name="huawei-att.txt",
        new_name="huawei-att.clean.txt",
        decisions={"accepted": 2, "alternative": 1, "edited": 2, "rejected": 1},
        readability=(READABILITY_BEFORE, READABILITY_AFTER),
    )


CRLF_OLD = "\r\n".join(
    [
        "Quarterly notes",
        "",
        "The team met on Monday. It's hard to say  when the launch will be.",
        "Everyone agreed to meet again.",
        "",
        "Paragraph three is unchanged.",
        "",
        "Paragraph four is unchanged.",
        "",
        "Paragraph five is unchanged.",
        "",
        "Paragraph six is unchanged.",
        "",
        "The last paragraph has no final newline and a typo: teh end.",
    ]
)
CRLF_NEW = (
    CRLF_OLD.replace("It's hard to say  when", "It is hard to say when")
    .replace("Everyone agreed to meet again.", "Everyone agreed to meet\r\nagain next week.")
    .replace("teh end.", "the end.")
)


def crlf_case() -> DiffReport:
    return diff_texts(CRLF_OLD, CRLF_NEW, old_name="docs/crlf.txt", new_name="docs/crlf.clean.txt")


UNICODE_OLD = (
    "Café notes 😀 — naïve readers, e\u0301te\u0301 edition.\n"
    "\n"
    "日本語のテキストです。한국어 문장도 있어요.\n"
    "\n"
    "Family: 👨‍👩‍👧 and flags 🇫🇷🇯🇵; a\u00a0non-breaking space.\n"
    "\n"
    "Arabic: مرحبا بالعالم, Greek: καλημέρα.\n"
)
UNICODE_NEW = (
    UNICODE_OLD.replace("😀", "😃")
    .replace("naïve", "naive")
    .replace("テキストです", "テキストでした")
    .replace("a\u00a0non", "a non")
    .replace("καλημέρα", "καλησπέρα")
)


def unicode_case() -> DiffReport:
    return diff_texts(
        UNICODE_OLD, UNICODE_NEW, old_name="notes/unicode text.txt", new_name="unicode.clean.txt"
    )


def _long_paragraph() -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return " ".join(f"({n}) {line}" for n, line in enumerate(lines * 4, 1)) + "\n"


LONG_OLD = "A heading before the long paragraph\n\n" + _long_paragraph() + "\nA closing line.\n"
LONG_NEW = (
    LONG_OLD.replace("(3) In an order to", "(3) In order to")
    .replace("(22) The reason Huawei didn’t", "(22) The reason Huawei did not")
    .replace("(40) It has been seen that", "(40) It is seen that")
)


def long_case() -> DiffReport:
    return diff_texts(LONG_OLD, LONG_NEW, old_name="long.txt", new_name="long.clean.txt")


def unchanged_case() -> DiffReport:
    text = SEED.read_text(encoding="utf-8")
    return diff_texts(text, text, old_name="huawei-att.txt", new_name="huawei-att.txt")


CASES: dict[str, Callable[[], DiffReport]] = {
    "seed": seed_case,
    "crlf": crlf_case,
    "unicode": unicode_case,
    "long-paragraph": long_case,
    "no-changes": unchanged_case,
}

# --------------------------------------------------------------------------
# Golden files.


def terminal(report: DiffReport, *, colour: bool) -> str:
    if colour:
        console = Console(
            force_terminal=True, color_system="truecolor", width=100, file=io.StringIO()
        )
    else:
        console = Console(width=100, file=io.StringIO())
    render_terminal(console, report)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


FORMATS: dict[str, Callable[[DiffReport], str]] = {
    "terminal.txt": lambda r: terminal(r, colour=False),
    "terminal.ansi": lambda r: terminal(r, colour=True),
    "report.md": render_markdown,
    "report.patch": render_unified,
    "report.json": render_json,
    "report.html": render_html,
}


def _visible(text: str) -> list[str]:
    """Lines for a failure message, escape sequences and CRs shown."""
    shown = text.replace("\x1b", "\\x1b").replace("\r", "\\r")
    return shown.splitlines(keepends=True)


def check_golden(path: Path, actual: str) -> None:
    data = actual.encode("utf-8")
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"{path} is missing: run with COPYDESK_UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    if expected != actual:
        diff = "".join(
            difflib.unified_diff(
                _visible(expected), _visible(actual), f"{path} (golden)", "(actual)"
            )
        )
        pytest.fail(f"output differs from the golden file:\n{diff}", pytrace=False)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str) -> None:
    check_golden(GOLDEN / case / fmt, FORMATS[fmt](CASES[case]()))


def test_golden_files_stay_byte_exact_in_git() -> None:
    """The CRLF golden files must not be normalised by git."""
    attributes = (GOLDEN / ".gitattributes").read_text(encoding="utf-8")
    for case in CASES:
        assert f"/{case}/** -text" in attributes


# --------------------------------------------------------------------------
# The unified diff, applied for real.

GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C"}


def _original(tmp_path: Path, report: DiffReport) -> Path:
    target = tmp_path / report.old_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(report.old_text.encode("utf-8"))
    (tmp_path / "report.patch").write_bytes(render_unified(report).encode("utf-8"))
    return target


CHANGED = sorted(name for name in CASES if name != "no-changes")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("patch") is None, reason="needs GNU patch")
@pytest.mark.parametrize("case", CHANGED)
def test_patch_applies_byte_for_byte(case: str, tmp_path: Path) -> None:
    report = CASES[case]()
    target = _original(tmp_path, report)
    with (tmp_path / "report.patch").open("rb") as patch:
        result = subprocess.run(
            ["patch", "-p1", "--batch"],
            stdin=patch,
            cwd=tmp_path,
            capture_output=True,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == report.new_text.encode("utf-8")
    assert not list(tmp_path.rglob("*.rej"))
    assert not list(tmp_path.rglob("*.orig"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("case", CHANGED)
def test_git_apply_applies_byte_for_byte(case: str, tmp_path: Path) -> None:
    report = CASES[case]()
    target = _original(tmp_path, report)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    result = subprocess.run(
        ["git", "apply", "report.patch"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == report.new_text.encode("utf-8")


def _split(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def apply_unified(old: str, patch: str) -> str:
    """A strict applier for the tests: every context and removed line must
    match exactly, and hunk counts must agree with their headers."""
    lines = _split(patch)
    k = next(i for i, line in enumerate(lines) if line.startswith("--- "))
    assert lines[k + 1].startswith("+++ ")
    k += 2
    source, out, position = _split(old), [], 0
    while k < len(lines):
        match = re.fullmatch(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n", lines[k])
        assert match, lines[k]
        old_start, old_count = int(match[1]), int(match[2] or 1)
        new_count = int(match[4] or 1)
        k += 1
        body: list[list[str]] = []
        while k < len(lines) and not lines[k].startswith("@@"):
            if lines[k] == "\\ No newline at end of file\n":
                body[-1][1] = body[-1][1].removesuffix("\n")
            else:
                body.append([lines[k][0], lines[k][1:]])
            k += 1
        assert sum(tag in " -" for tag, _ in body) == old_count
        assert sum(tag in " +" for tag, _ in body) == new_count
        first = old_start - 1 if old_count else old_start
        out += source[position:first]
        position = first
        for tag, content in body:
            if tag in " -":
                assert source[position] == content
                position += 1
            if tag in " +":
                out.append(content)
    return "".join(out + source[position:])


PIECES = st.sampled_from(
    ["word", "it's", " ", "  ", ".", "\n", "\r\n", "\n\n", "\r\n\r\n", "😀", "e\u0301", "日本", ""]
)


@st.composite
def similar_texts(draw: st.DrawFn) -> tuple[str, str]:
    pieces = draw(st.lists(PIECES, max_size=30))
    changed = pieces[:]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, max(len(changed) - 1, 0)))
        if changed and draw(st.booleans()):
            changed[at] = draw(PIECES)
        else:
            changed.insert(at, draw(PIECES))
    return "".join(pieces), "".join(changed)


@settings(max_examples=300, deadline=None)
@given(similar_texts(), st.integers(0, 3))
def test_unified_diff_rebuilds_the_new_text(pair: tuple[str, str], context: int) -> None:
    report = diff_texts(*pair)
    patch = render_unified(report, context_lines=context)
    if not report.changed:
        assert patch == ""
        return
    assert apply_unified(pair[0], patch) == pair[1]


@settings(max_examples=100, deadline=None)
@given(similar_texts())
def test_every_renderer_takes_any_report(pair: tuple[str, str]) -> None:
    report = diff_texts(*pair)
    for fmt in FORMATS.values():
        assert isinstance(fmt(report), str)


def test_unified_headers_name_the_original() -> None:
    """git-style a/ and b/ prefixes on the original's name (``patch -p1``,
    plain ``git apply``); the cleaned copy is named on the line before."""
    patch = render_unified(crlf_case())
    assert patch.startswith(
        "copydesk diff: docs/crlf.txt → docs/crlf.clean.txt\n"
        "--- a/docs/crlf.txt\n+++ b/docs/crlf.txt\n@@ "
    )
    assert render_unified(unicode_case()).splitlines()[1] == "--- a/notes/unicode text.txt\t"


def test_unified_diff_of_no_changes_is_empty() -> None:
    assert render_unified(unchanged_case()) == ""


# --------------------------------------------------------------------------
# Terminal details.


def test_plain_terminal_marks_changes_like_git_word_diff() -> None:
    report = diff_texts("It is trying it's hard today.\n", "It is trying its hardest today.\n")
    lines = terminal(report, colour=False).splitlines()
    assert "   1 │ It is trying [-it's hard-]{+its hardest+} today." in lines


def test_whitespace_changes_are_visible() -> None:
    report = diff_texts("Two  spaces.\n\nJoined\nline.", "Two spaces.\n\nJoined line.\n")
    out = terminal(report, colour=False)
    assert "Two[-··-]{+·+}spaces." in out
    assert "Joined[-⏎-]{+·+}line.{+⏎+}" in out


def test_lines_only_the_new_text_has_are_numbered_plus() -> None:
    old = "A para.\n\nB para.\n\nC para.\n"
    new = "A para.\n\nNew one\nwith two lines.\n\nB para.\n\nC para, more\nand more.\n"
    assert terminal(diff_texts(old, new), colour=False).splitlines()[2:] == [
        "   1 │ A para.",
        "   2 │",
        "   + │ {+New one+}",
        "   + │ {+with two lines.+}",
        "   + │",
        "   3 │ B para.",
        "   4 │",
        "   5 │ C para{+, more+}",
        "   + │ {+and more+}.",
    ]


def test_context_sets_the_unchanged_paragraphs_shown() -> None:
    old = "".join(f"Paragraph {n}.\n\n" for n in range(1, 11))
    report = diff_texts(old, old.replace("Paragraph 5.", "Paragraph five."))
    console = Console(width=100, file=io.StringIO())
    render_terminal(console, report, context=0)
    out = console.file
    assert isinstance(out, io.StringIO)
    assert out.getvalue().splitlines()[2:] == [
        "     … 4 unchanged paragraphs (lines 1–8) …",
        "   9 │ Paragraph [-5-]{+five+}.",
        "  10 │",
        "     … 5 unchanged paragraphs (lines 11–20) …",
    ]


def test_colour_terminal_styles() -> None:
    report = diff_texts("one two", "one three")
    out = terminal(report, colour=True)
    assert "\x1b[9;31mtwo\x1b[0m" in out  # red, struck through
    assert "\x1b[1;4;32mthree\x1b[0m" in out  # green, bold, underlined


def test_no_colour_console_uses_markers() -> None:
    console = Console(force_terminal=True, no_color=True, width=80, file=io.StringIO())
    render_terminal(console, diff_texts("one two", "one three"))
    out = console.file
    assert isinstance(out, io.StringIO)
    assert "one [-two-]{+three+}" in out.getvalue()
    assert "\x1b[9" not in out.getvalue()


def test_escape_sequences_in_the_text_do_not_reach_the_terminal() -> None:
    report = diff_texts("safe \x1b[2J text", "safe \x1b[2J texts")
    assert "\x1b[2J" not in terminal(report, colour=True)
    assert "␛[2J" in terminal(report, colour=False)


# --------------------------------------------------------------------------
# Markdown.

OPTIONS = pyromark.Options.ENABLE_GFM | pyromark.Options.ENABLE_TABLES
OPTIONS |= pyromark.Options.ENABLE_STRIKETHROUGH

HOSTILE = (
    "# Not a heading *not bold* _not em_ `not code` ~~not struck~~\n"
    "1. not a list | a | b |\n"
    "> not a quote <script>alert('x')</script> <b>no</b> &copy; &amp; :smile: $x$\n"
    "[not a link](https://example.com) ![no image](x.png) \\back\\slash\\\n"
    "- not an item\n"
    "    not code either\n"
    "===\n"
)


def _html(markdown: str) -> str:
    return pyromark.html(markdown, options=OPTIONS)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_markdown_renders_hostile_text_literally() -> None:
    old = "Intro paragraph.\n\n" + HOSTILE + "\nThe last word changes here.\n"
    report = diff_texts(old, old.replace("changes here", "changed here"))
    rendered = _html(render_markdown(report))
    tags = set(re.findall(r"<([a-z0-9]+)", rendered))
    assert tags <= {
        "h2", "h3", "p", "strong", "em", "del", "ins", "blockquote", "code", "br",
        "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
    }, tags  # fmt: skip
    assert "<script" not in rendered
    assert "<b>" not in rendered
    quote = re.search(r"<blockquote>(.*?)</blockquote>", rendered, re.S)
    assert quote
    shown = [re.sub(r"^\d+\s+", "", line.strip()) for line in _text(quote.group(1)).splitlines()]
    for line in HOSTILE.splitlines():
        assert line.strip() in shown


def check_marks(report: DiffReport) -> None:
    """Rendered by a CommonMark parser, every deletion and insertion shown in
    the quoted paragraphs comes out as one ``<del>`` or ``<ins>``/``<strong>``
    element holding exactly its text (spaces at its ends aside)."""
    rendered = _html(render_markdown(report))
    quotes = "".join(re.findall(r"<blockquote>(.*?)</blockquote>", rendered, re.S))
    found = re.findall(r"<(del|ins|strong)>(.*?)</\1>", quotes, re.S)
    parts = [
        (kind, show_whitespace(text) if text.isspace() else text.strip())
        for item in layout(report)
        if not isinstance(item, Gap)
        for line in display_lines(item)
        for kind, text, _ in line.parts
        if kind != "equal"
    ]
    assert [("delete" if tag == "del" else "insert", _text(inner)) for tag, inner in found] == parts


def test_markdown_marks_render_as_deletions_and_insertions() -> None:
    old = "Word. (Paren) “quoted” end, trailing 😀 emoji; it's hard, 日本語です, must have to go.\n"
    new = "Word! [Paren] «quoted» end; trailing 😃 emoji, its hardest, 日本語でした, must go.\n"
    report = diff_texts(old, new)
    assert len(report.changes) >= 7
    check_marks(report)


@pytest.mark.parametrize("case", sorted(CASES))
def test_markdown_marks_of_the_golden_cases(case: str) -> None:
    check_marks(CASES[case]())


MARKDOWN_PIECES = st.sampled_from(
    ["word", "it's", "日本", "😀", " ", "  ", "\n", "\n\n", ".", ",", "(", ")", "“", "”",
     "*", "_", "~", "`", "<", ">", "|", "\\", "#", "-", "1.", "&amp;", ":x:", "$"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=20), st.lists(MARKDOWN_PIECES, max_size=20))
def test_markdown_marks_of_any_change(old: list[str], new: list[str]) -> None:
    check_marks(diff_texts("".join(old), "".join(new)))


@pytest.mark.parametrize(
    "text", ["*a*", "_b_", "`c`", "<d>", "a|b", "&lt;", ":e:", "$f$", "[g](h)", "\\", "~~i~~"]
)
def test_escape_round_trips_through_a_markdown_renderer(text: str) -> None:
    assert _text(_html(escape(text))).strip() == text


def test_markdown_collapses_unchanged_paragraphs() -> None:
    old = "".join(f"Paragraph {n}.\n\n" for n in range(1, 11))
    report = diff_texts(old, old.replace("Paragraph 5.", "Paragraph five."))
    markdown = render_markdown(report)
    assert "*… 3 unchanged paragraphs (lines 1–6) …*" in markdown
    assert "*… 4 unchanged paragraphs (lines 13–20) …*" in markdown
    assert "> `9` Paragraph <del>5</del><ins>five</ins>." in markdown
