"""The HTML diff report: its text (golden file, escaping, tables) and, in a real
headless Chromium, its DOM after scripts ran, the view switch, a screenshot and
a printout."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import (
    Chromium,
    Element,
    find_chromium,
    parse_html,
    png_info,
    probe_result,
    with_probe,
)

from editor.diff.model import Block, Change, DiffReport, Op
from editor.readability import measure_text
from editor.report.diff_html import render_html

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "html"
SEED = ROOT / "seeds" / "huawei-att.txt"


# --- building reports by hand ------------------------------------------------


@dataclass(frozen=True)
class Ed:
    """Replace the next occurrence of ``at + find`` (after the previous edit)
    by ``at + to``: ``at`` is context that stays, to place a short edit."""

    find: str
    to: str
    rule: str | None = None
    decision: str | None = None
    message: str | None = None
    source: str | None = None
    at: str = ""


#: A paragraph ends after a blank line (as in ``Block``'s definition).
_BREAK = re.compile(r"\n(?:[ \t]*\n)+")


def make_report(
    old: str,
    edits: Sequence[Ed],
    *,
    old_name: str = "article.txt",
    new_name: str = "article.clean.txt",
    decisions: Mapping[str, int] | None = None,
    readability: tuple[dict[str, Any], dict[str, Any]] | None = None,
) -> DiffReport:
    """A ``DiffReport`` of ``old`` and ``edits``, paragraphs split at blank lines."""
    flat: list[Op] = []
    changes: list[Change] = []
    new_parts: list[str] = []
    cursor = new_pos = 0
    for ed in edits:
        start = old.index(ed.at + ed.find, cursor) + len(ed.at)
        end = start + len(ed.find)
        if start > cursor:
            flat.append(Op("equal", old[cursor:start]))
            new_parts.append(old[cursor:start])
            new_pos += start - cursor
        index = len(changes)
        changes.append(
            Change(
                start,
                end,
                new_pos,
                new_pos + len(ed.to),
                ed.find,
                ed.to,
                rule=ed.rule,
                source=ed.source,
                message=ed.message,
                decision=ed.decision,
            )
        )
        if ed.find:
            flat.append(Op("delete", ed.find, index))
        if ed.to:
            flat.append(Op("insert", ed.to, index))
        new_parts.append(ed.to)
        new_pos += len(ed.to)
        cursor = end
    if cursor < len(old):
        flat.append(Op("equal", old[cursor:]))
        new_parts.append(old[cursor:])
    new = "".join(new_parts)

    blocks: list[Block] = []
    current: list[Op] = []
    lines = {"old": 1, "new": 1}
    first = dict(lines)

    def add(op: Op) -> None:
        current.append(op)
        for side, skip in (("old", "insert"), ("new", "delete")):
            if op.kind != skip:
                lines[side] += op.text.count("\n")

    for op in flat:
        if op.kind != "equal":
            add(op)
            continue
        last = 0
        for match in _BREAK.finditer(op.text):
            add(Op("equal", op.text[last : match.end()]))
            blocks.append(Block(first["old"], first["new"], tuple(current)))
            current.clear()
            first.update(lines)
            last = match.end()
        if last < len(op.text):
            add(Op("equal", op.text[last:]))
    if current:
        blocks.append(Block(first["old"], first["new"], tuple(current)))

    report = DiffReport(
        old_name,
        new_name,
        old,
        new,
        tuple(blocks),
        tuple(changes),
        dict(decisions or {}),
        readability,
    )
    assert "".join(b.old for b in report.blocks) == old
    assert "".join(b.new for b in report.blocks) == new
    return report


BASIC_TEXT = (
    "Teh  quarterly figures from AT&T were “better than expected,” the company said.\n"
    "Analysts had expected a loss.\n"
    "\n"
    "Use <b>bold</b> & <i>italics</i> sparingly; this paragraph is unchanged.\n"
    "\n"
    "The board will utilize the proceeds to very quickly pay down debt.\n"
)

BEFORE = {
    "flesch_reading_ease": 61.2,
    "flesch_kincaid_grade": 8.9,
    "gunning_fog": 11.4,
    "smog_index": 10.1,
    "coleman_liau_index": 10.0,
    "words": 31,
    "sentences": 4,
    "avg_sentence_length": 7.8,
    "hardest": [],
}
AFTER = {
    **BEFORE,
    "flesch_reading_ease": 66.5,
    "flesch_kincaid_grade": 9.4,
    "gunning_fog": 11.4,
    "words": 29,
    "avg_sentence_length": 7.3,
}


def basic_report() -> DiffReport:
    return make_report(
        BASIC_TEXT,
        [
            Ed("Teh", "The", "House.Spelling", "accepted", "Did you mean “The”?", "style"),
            Ed("  ", "", "House.Spacing", "accepted", "Remove the double space.", "style"),
            Ed("a loss.", "a modest loss.", None, "edited"),
            Ed("utilize", "use", "House.Plain", "alternative", "Prefer “use”.", "style"),
            Ed("very ", "", "House.Weasel", "accepted", "“very” adds little.", "style"),
        ],
        decisions={"accepted": 3, "alternative": 1, "edited": 1, "rejected": 2},
        readability=(BEFORE, AFTER),
    )


#: Markup and script in every place a report carries text.
PAYLOADS = (
    '<script>document.title="pwned";window.pwned=1</script>',
    '"><img src=x onerror="window.pwned=2;document.title=\'pwned\'">',
    "'><img src=x onerror=window.pwned=3>",
    "<svg onload=window.pwned=4></svg>",
    "</title></style><script>window.pwned=5</script>",
)


def hostile_report() -> DiffReport:
    text = (
        f"Heading {PAYLOADS[0]}\n\n"
        f"He wrote {PAYLOADS[1]} and left.\n\n"
        f"Then {PAYLOADS[2]} & {PAYLOADS[3]} and {PAYLOADS[4]}.\n"
    )
    return make_report(
        text,
        [
            Ed(PAYLOADS[0], PAYLOADS[4], PAYLOADS[1], PAYLOADS[2], PAYLOADS[3], PAYLOADS[0]),
            Ed(PAYLOADS[1], "", f"Rule{PAYLOADS[1]}", "accepted", PAYLOADS[1]),
            Ed(" & ", f" {PAYLOADS[2]} ", "R", "edited", f"{PAYLOADS[4]}\n{PAYLOADS[1]}"),
        ],
        old_name=f"{PAYLOADS[1]}.txt",
        new_name=f"{PAYLOADS[3]}.txt",
        decisions={PAYLOADS[2]: 1, "accepted": 1},
        readability=({"words": PAYLOADS[1]}, {"words": 3}),
    )


def seed_report() -> DiffReport:
    """The seed article, one paragraph a line, with a plausible review's edits."""
    text = "\n\n".join(SEED.read_text(encoding="utf-8").splitlines()) + "\n"
    edits = [
        Ed("the", "its", "Grammar.Idiom", "accepted", "Use “its best”.", at="trying "),
        Ed("", "the ", "Grammar.Article", "edited", "Missing article.", at="between "),
        Ed("no 1", "No. 1", "House.Numbers", "accepted", "Write “No. 1”.", at="get the "),
        Ed("an ", "", "Grammar.Idiom", "accepted", "Use “in order to”.", at="In "),
        Ed("aims to", "the aim of", "Grammar.Idiom", "edited", "Not idiomatic.", at="with "),
        Ed("", ",", "Grammar.Comma", "accepted", "Comma after an introductory phrase.", at="share"),
        Ed("", "of ", "Grammar.Preposition", "alternative", "Missing “of”.", at="edge "),
        Ed("resources", "sources", "House.Sources", "alternative", "Say who.", at="to "),
        Ed("So one", "One", "House.Openers", "edited", "Avoid “So” as an opener."),
        Ed(",", ":", "Grammar.Colon", "accepted", "A colon introduces the point.", at="clear"),
        Ed("it’s hard", "its hardest", "Grammar.ItsIts", "accepted", "“it’s” means “it is”."),
        Ed(" have to", "", "House.Wordiness", "accepted", "Redundant: “must have to”.", at="must"),
        Ed("have", "has", "Grammar.Agreement", "accepted", "Subject-verb agreement.", at="it "),
    ]
    report = make_report(
        text,
        edits,
        old_name="huawei-att.txt",
        new_name="huawei-att.clean.txt",
        decisions={"accepted": 8, "alternative": 2, "edited": 3, "rejected": 4},
    )
    figures = (measure_text(report.old_text).to_dict(), measure_text(report.new_text).to_dict())
    return replace(report, readability=figures)


def section(page: Element, ident: str) -> Element:
    return page.by_id(ident)


def article(page: Element) -> Element:
    """The track view's text (without its heading and note)."""
    return next(e for e in section(page, "track").iter("div") if "article" in e.classes())


# --- the HTML text -------------------------------------------------------------


def test_golden_basic() -> None:
    rendered = render_html(basic_report())
    golden = GOLDEN / "basic.html"
    if os.environ.get("COPYDESK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"{golden} is missing: run with COPYDESK_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    assert rendered == expected, "HTML changed; if intended, rerun with COPYDESK_UPDATE_GOLDEN=1"


def test_output_is_deterministic_with_unique_ids_and_working_links() -> None:
    report = basic_report()
    page = render_html(report)
    assert page == render_html(basic_report())
    dom = parse_html(page)
    ids = [e.attrs["id"] for e in dom.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for link in dom.iter("a"):
        href = link.attrs.get("href") or ""
        assert href.startswith("#"), href
        assert href[1:] in ids, href
    for label in dom.iter("label"):
        assert label.attrs["for"] in ids


def test_page_is_self_contained() -> None:
    page = render_html(basic_report())
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page.endswith("</html>\n")
    assert '<meta charset="utf-8">' in page
    for needle in ("<script", "<link", " src=", "url(", "@import", "http:", "https:", "//"):
        assert needle not in page, needle
    assert "@media print" in page
    assert "white-space: pre-wrap" in page


def test_header_names_both_files_and_counts_changes() -> None:
    dom = parse_html(render_html(basic_report()))
    assert dom.by_id("old-name").text() == "article.txt"
    assert dom.by_id("new-name").text() == "article.clean.txt"
    count = dom.by_id("change-count")
    assert count.attrs["data-changes"] == "5"
    assert count.text() == "5 changes in 2 of 3 paragraphs."
    assert next(dom.iter("title")).text() == "article.txt → article.clean.txt"
    titled = parse_html(render_html(basic_report(), title="Q3 story"))
    assert next(titled.iter("title")).text() == "Q3 story"
    assert next(titled.iter("h1")).text() == "Q3 story"


def test_track_view_holds_the_whole_article_in_order() -> None:
    report = make_report(
        "One.\n\nTwo has a eror.\n\nThree.\n\nFour is gone.\nFive is new.\n",
        [
            Ed("eror", "error", "Spell", "accepted"),
            Ed("Four is gone.\n", "", "Cut", "edited"),
            Ed("new", "newer", "Style", "alternative"),
        ],
    )
    dom = parse_html(render_html(report))
    text = article(dom)
    blocks = [e for e in text.children if isinstance(e, Element)]
    assert [b.attrs["id"] for b in blocks] == ["block-1", "block-2", "block-3", "block-4"]
    assert [("changed" in b.classes()) for b in blocks] == [False, True, False, True]
    assert text.text(skip=("ins", ".ref")) == report.old_text
    assert text.text(skip=("del", ".ref")) == report.new_text
    assert [d.text() for d in text.iter("del")] == ["eror", "Four is gone.\n", "new"]
    assert [i.text() for i in text.iter("ins")] == ["error", "newer"]


def test_changes_carry_rule_decision_and_message_on_hover_and_as_numbers() -> None:
    report = basic_report()
    dom = parse_html(render_html(report))
    track = section(dom, "track")
    first_del = next(track.iter("del"))
    assert first_del.text() == "Teh"
    assert first_del.attrs["data-change"] == "1"
    assert first_del.attrs["title"] == (
        "Change 1: replaced\nRule: House.Spelling (style)\nDecision: accepted\n"
        "Message: Did you mean “The”?"
    )
    first_ins = next(track.iter("ins"))
    assert first_ins.text() == "The"
    assert first_ins.attrs["title"] == first_del.attrs["title"]
    # One visible number per change, after the change, linking to its row.
    refs = [a for sup in track.iter("sup") for a in sup.iter("a")]
    assert [a.text() for a in refs] == ["1", "2", "3", "4", "5"]
    assert [a.attrs["href"] for a in refs] == [f"#change-{n}" for n in range(1, 6)]
    assert [a.attrs["id"] for a in refs] == [f"ref-{n}" for n in range(1, 6)]
    rows = [tr for tr in section(dom, "changes").iter("tr") if "id" in tr.attrs]
    assert [tr.attrs["id"] for tr in rows] == [f"change-{n}" for n in range(1, 6)]
    cells = [c.text() for c in rows[3].iter("td")]
    assert cells == [
        "4↩",
        "6",
        "utilize",
        "use",
        "House.Plain style",
        "alternative",
        "Prefer “use”.",
    ]
    edited = [c.text() for c in rows[2].iter("td")]
    assert edited == ["3↩", "2", "a loss.", "a modest loss.", "", "edited", ""]


def test_whitespace_changes_are_visible_and_explained() -> None:
    report = make_report(
        "A  b\tc.\nNext\u00a0line\u200b.\n",
        [
            Ed("  ", " ", "Space", "accepted"),
            Ed("\t", "", "Tab", "accepted"),
            Ed(".\n", ". ", "Join", "edited"),
            Ed("\u00a0", " ", "Nbsp", "accepted"),
            Ed("\u200b", "", "Zw", "accepted"),
        ],
    )
    dom = parse_html(render_html(report))
    track = section(dom, "track")
    marks = [
        (e.tag, e.text(), e.attrs["title"].splitlines()[-1])
        for e in track.iter()
        if "ws" in e.classes()
    ]
    assert marks == [
        ("del", "··", "Whitespace deleted: 2 spaces"),
        ("ins", "·", "Whitespace inserted: 1 space"),
        ("del", "→", "Whitespace deleted: 1 tab"),
        ("del", "⍽", "Whitespace deleted: 1 no-break space"),
        ("ins", "·", "Whitespace inserted: 1 space"),
        ("del", "◌", "Whitespace deleted: 1 zero width space"),
    ]
    # ".\n" → ". " is text, not pure whitespace: shown as it is, spacing kept.
    assert ".\n" in [d.text() for d in track.iter("del")]
    listed = [e.text() for e in section(dom, "changes").iter("span") if "ws" in e.classes()]
    assert listed == ["··", "·", "→", "⍽", "·", "◌"]


def test_line_break_marks_keep_the_line_break() -> None:
    report = make_report("one\ntwo\n", [Ed("\n", "\n\n", "Para", "accepted")])
    dom = parse_html(render_html(report))
    del_, ins = next(section(dom, "track").iter("del")), next(section(dom, "track").iter("ins"))
    assert del_.text() == "⏎\n"
    assert ins.text() == "⏎\n⏎\n"
    assert ins.attrs["title"].endswith("Whitespace inserted: 2 line breaks")


def test_side_by_side_is_paragraph_aligned() -> None:
    report = basic_report()
    dom = parse_html(render_html(report))
    side = section(dom, "side")
    rows = [tr for tr in side.iter("tr") if tr.attrs.get("id", "").startswith("side-")]
    assert len(rows) == len(report.blocks)
    for row, block in zip(rows, report.blocks, strict=True):
        ln_old, old, ln_new, new = [c for c in row.children if isinstance(c, Element)]
        assert ln_old.text() == str(block.old_line)
        assert ln_new.text() == str(block.new_line)
        visible = [op for op in block.ops if op.kind == "equal" or not op.text.isspace()]
        want_old = "".join(op.text for op in visible if op.kind != "insert")
        want_new = "".join(op.text for op in visible if op.kind != "delete")
        assert old.text(skip=(".ref", ".ws")).rstrip("\n") == want_old.rstrip("\n")
        assert new.text(skip=(".ref", ".ws")).rstrip("\n") == want_new.rstrip("\n")
        assert not list(old.iter("ins"))
        assert not list(new.iter("del"))
        assert ("changed" in row.classes()) == block.changed
    # Numbers here link to the same rows but take no ids (those are the track view's).
    assert all("id" not in a.attrs for a in side.iter("a"))
    assert [a.text() for a in rows[0].iter("a")] == ["1", "2", "3", "1", "2", "3"]


def test_summary_counts_rules_and_decisions() -> None:
    dom = parse_html(render_html(basic_report()))
    by_rule = [
        [c.text() for c in tr.children if isinstance(c, Element)]
        for tr in section(dom, "by-rule").iter("tr")
    ]
    assert by_rule == [
        ["Rule", "Changes", "Decisions"],
        ["House.Plain", "1", "1 alternative"],
        ["House.Spacing", "1", "1 accepted"],
        ["House.Spelling", "1", "1 accepted"],
        ["House.Weasel", "1", "1 accepted"],
        ["no rule", "1", "1 edited"],
        ["Total", "5", ""],
    ]
    decisions = {
        tr.attrs["data-decision"]: [c.text() for c in tr.iter("td")][1]
        for tr in section(dom, "decisions").iter("tr")
        if "data-decision" in tr.attrs
    }
    assert decisions == {"accepted": "3", "alternative": "1", "edited": "1", "rejected": "2"}


def test_readability_before_after_with_direction() -> None:
    dom = parse_html(render_html(basic_report()))
    rows = {
        tr.attrs["data-figure"]: [c.text() for c in tr.iter("td")]
        for tr in section(dom, "readability").iter("tr")
        if "data-figure" in tr.attrs
    }
    assert rows["flesch_reading_ease"] == ["61.2", "66.5", "+5.3", "easier"]
    assert rows["flesch_kincaid_grade"] == ["8.9", "9.4", "+0.5", "harder"]
    assert rows["gunning_fog"] == ["11.4", "11.4", "±0", "same"]
    assert rows["avg_sentence_length"] == ["7.8", "7.3", "−0.5", "easier"]
    assert rows["words"] == ["31", "29", "−2", ""]
    assert rows["sentences"] == ["4", "4", "±0", "same"]


def test_plain_diff_and_empty_reports() -> None:
    plain = make_report("Same text.\n", [Ed("Same", "Identical")])
    dom = parse_html(render_html(plain))
    assert "No review decisions" in section(dom, "decisions").text()
    assert "no rule" in section(dom, "by-rule").text()
    with pytest.raises(KeyError):
        section(dom, "readability")
    assert next(section(dom, "track").iter("del")).attrs["title"] == "Change 1: replaced"

    same = make_report("Nothing to do.\n", [])
    dom = parse_html(render_html(same))
    assert dom.by_id("change-count").text() == "No changes: the two texts are the same."
    assert section(dom, "track").text(skip=("h2", "p")).strip() == "Nothing to do."
    with pytest.raises(KeyError):
        section(dom, "changes")

    empty = DiffReport("a", "b", "", "", (), ())
    dom = parse_html(render_html(empty))
    assert "The document is empty." in section(dom, "track").text()
    assert "The document is empty." in section(dom, "side").text()


def test_hostile_text_is_escaped_everywhere() -> None:
    report = hostile_report()
    page = render_html(report, title=PAYLOADS[0])
    dom = parse_html(page)
    tags = {e.tag for e in dom.iter()}
    assert not tags & {"script", "img", "svg"}, tags
    assert not [(e.tag, name) for e in dom.iter() for name in e.attrs if name.startswith("on")]
    for payload in PAYLOADS:
        assert payload not in page
    assert next(dom.iter("title")).text() == PAYLOADS[0]
    assert dom.by_id("old-name").text() == f"{PAYLOADS[1]}.txt"
    track = section(dom, "track")
    assert article(dom).text(skip=("ins", ".ref")) == report.old_text
    assert article(dom).text(skip=("del", ".ref")) == report.new_text
    first_del = next(track.iter("del"))
    assert first_del.text() == PAYLOADS[0]
    assert first_del.attrs["title"] == (
        f"Change 1: replaced\nRule: {PAYLOADS[1]} ({PAYLOADS[0]})\n"
        f"Decision: {PAYLOADS[2]}\nMessage: {PAYLOADS[3]}"
    )


# --- the engine, when it is there --------------------------------------------


def test_engine_reports_on_the_seed_render() -> None:
    """The engine's own reports: a review's edits (``from_edits``) and a plain
    word diff (``diff_texts``) of the seed article."""
    from editor.diff.engine import diff_texts, from_edits
    from editor.diff.model import AttributedEdit

    old = SEED.read_text(encoding="utf-8")
    fixes = [
        ("trying the best", "trying its best", "Grammar.Idiom", "accepted"),
        ("no 1 place", "No. 1 place", "House.Numbers", "alternative"),
        ("must have to", "must", "House.Wordiness", "edited"),
        ("it have to", "it has to", "Grammar.Agreement", "accepted"),
    ]
    edits = []
    for find, to, rule, decision in fixes:
        start = old.index(find)
        edits.append(
            AttributedEdit(
                start, start + len(find), to, rule, "style", f"<{rule}> & “{to}”", decision
            )
        )
    reviewed = from_edits(old, edits, old_name="huawei-att.txt", new_name="huawei-att.clean.txt")
    plain = diff_texts(old, reviewed.new_text, old_name="a<b>.txt", new_name="b&c.txt")
    for report in (reviewed, plain):
        page = render_html(report)
        dom = parse_html(page)
        assert article(dom).text(skip=("ins", ".ref")) == report.old_text
        assert article(dom).text(skip=("del", ".ref")) == report.new_text
        assert dom.by_id("change-count").attrs["data-changes"] == str(len(report.changes))
        assert "AT&amp;T" in page
        rows = [tr for tr in section(dom, "changes").iter("tr") if "id" in tr.attrs]
        assert len(rows) == len(report.changes) > 0
    dom = parse_html(render_html(reviewed))
    titles = [d.attrs["title"] for d in section(dom, "track").iter("del")]
    assert titles[0] == (
        "Change 1: replaced\nRule: Grammar.Idiom (style)\nDecision: accepted\n"
        "Message: <Grammar.Idiom> & “trying its best”"
    )
    assert {
        tr.attrs["data-decision"]: [c.text() for c in tr.iter("td")][1]
        for tr in section(dom, "decisions").iter("tr")
        if "data-decision" in tr.attrs
    } == {"accepted": "2", "alternative": "1", "edited": "1", "rejected": "0"}
    assert parse_html(render_html(plain)).by_id("old-name").text() == "a<b>.txt"


# --- in a real browser ---------------------------------------------------------


@pytest.fixture
def chromium(tmp_path: Path) -> Chromium:
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no Chromium on PATH (chromium, chromium-browser or google-chrome); "
            "install it with: apt-get install -y chromium"
        )
    workdir = tmp_path / "chromium"
    workdir.mkdir()
    return Chromium(executable, workdir)


def write(tmp_path: Path, name: str, page: str) -> str:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return path.resolve().as_uri()


#: Collects what a hostile payload would change, and that this script ran.
SAFETY_PROBE = """
    result.ran = true;
    result.title = document.title;
    result.pwned = window.pwned === undefined ? null : String(window.pwned);
    result.scripts = Array.from(document.scripts, (s) => s.id);
    result.imgs = document.querySelectorAll('img').length;
    result.svgs = document.querySelectorAll('svg').length;
    result.handlers = Array.from(document.querySelectorAll('*'))
      .flatMap((e) => Array.from(e.attributes, (a) => a.name))
      .filter((name) => name.startsWith('on'));
"""


@pytest.mark.slow
def test_chromium_dom_has_the_changes(chromium: Chromium, tmp_path: Path) -> None:
    report = basic_report()
    dom = parse_html(
        chromium.dump_dom(
            write(tmp_path, "basic.html", with_probe(render_html(report), SAFETY_PROBE))
        )
    )
    result = probe_result(dom)
    assert result["ran"] is True
    assert result["scripts"] == ["test-probe"]
    assert result["title"] == "article.txt → article.clean.txt"
    track = section(dom, "track")
    assert [d.text() for d in track.iter("del")] == ["Teh", "··", "a loss.", "utilize", "very "]
    assert [i.text() for i in track.iter("ins")] == ["The", "a modest loss.", "use"]
    titles = [d.attrs["title"].splitlines()[:3] for d in track.iter("del")]
    assert titles[0] == ["Change 1: replaced", "Rule: House.Spelling (style)", "Decision: accepted"]
    assert titles[2] == ["Change 3: replaced", "Decision: edited"]
    assert len(list(section(dom, "side").iter("tr"))) == 1 + len(report.blocks)
    assert "Use <b>bold</b> & <i>italics</i> sparingly" in track.text()
    assert not list(dom.iter("b"))


@pytest.mark.slow
def test_chromium_runs_no_script_from_the_document(chromium: Chromium, tmp_path: Path) -> None:
    report = hostile_report()
    page = with_probe(render_html(report, title=PAYLOADS[0]), SAFETY_PROBE)
    dom = parse_html(chromium.dump_dom(write(tmp_path, "hostile.html", page)))
    result = probe_result(dom)
    assert result == {
        "ran": True,
        "title": PAYLOADS[0],
        "pwned": None,
        "scripts": ["test-probe"],
        "imgs": 0,
        "svgs": 0,
        "handlers": [],
    }
    track = section(dom, "track")
    assert [d.text() for d in track.iter("del")] == [PAYLOADS[0], PAYLOADS[1], " & "]
    assert [i.text() for i in track.iter("ins")] == [PAYLOADS[4], f" {PAYLOADS[2]} "]
    assert dom.by_id("new-name").text() == f"{PAYLOADS[3]}.txt"


@pytest.mark.slow
def test_chromium_would_catch_an_unescaped_payload(chromium: Chromium, tmp_path: Path) -> None:
    """The control: the same payloads written raw do run in this setup."""
    raw = (
        "<!DOCTYPE html><html><head><title>safe</title></head><body><p>"
        + "".join(PAYLOADS[:4])
        + "</p></body></html>"
    )
    result = probe_result(
        parse_html(chromium.dump_dom(write(tmp_path, "raw.html", with_probe(raw, SAFETY_PROBE))))
    )
    assert result["title"] == "pwned"
    assert result["pwned"] is not None
    assert result["imgs"] == 2


TOGGLE_PROBE = """
    const track = document.getElementById('track');
    const side = document.getElementById('side');
    const state = () => [
      getComputedStyle(track).display,
      getComputedStyle(side).display,
      document.getElementById('view-side').checked,
      side.getBoundingClientRect().height > 0,
    ];
    result.before = state();
    document.querySelector('label[for="view-side"]').click();
    result.side = state();
    document.querySelector('label[for="view-track"]').click();
    result.back = state();
    result.scripts = document.scripts.length;
"""


@pytest.mark.slow
def test_chromium_view_switch_is_css_only(chromium: Chromium, tmp_path: Path) -> None:
    page = render_html(basic_report())
    assert "<script" not in page
    dom = parse_html(
        chromium.dump_dom(write(tmp_path, "toggle.html", with_probe(page, TOGGLE_PROBE)))
    )
    result = probe_result(dom)
    assert result == {
        "before": ["block", "none", False, False],
        "side": ["none", "block", True, True],
        "back": ["block", "none", False, False],
        "scripts": 1,
    }


@pytest.mark.slow
def test_chromium_screenshots(chromium: Chromium, tmp_path: Path) -> None:
    page = render_html(seed_report(), title="Huawei and AT&T: copy edit")
    track = chromium.screenshot(write(tmp_path, "report.html", page), tmp_path / "report.png")
    clicked = with_probe(page, "document.querySelector('label[for=\"view-side\"]').click();")
    side = chromium.screenshot(write(tmp_path, "side.html", clicked), tmp_path / "report-side.png")
    for png in (track, side):
        data = png.read_bytes()
        assert len(data) > 40_000, (png, len(data))
        info = png_info(data)
        assert (info.width, info.height) == (1280, 2000)
        assert info.distinct_bytes > 64, info
    assert track.read_bytes() != side.read_bytes()


@pytest.mark.slow
def test_chromium_prints(chromium: Chromium, tmp_path: Path) -> None:
    page = render_html(seed_report())
    pdf = chromium.print_pdf(write(tmp_path, "report.html", page), tmp_path / "report.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 20_000
