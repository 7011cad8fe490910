"""A ``DiffReport`` as one self-contained HTML page.

The page has no external assets and no script: it works offline, from a
``file:`` URL, in a mail attachment and on paper. It shows

* a header with both file names and the number of changes;
* a summary: changes by rule, the review's decisions and, when measured,
  readability before and after;
* the whole article as track changes (``<del>`` / ``<ins>``), each change
  carrying its rule, decision and message in a ``title`` (hover) and a
  superscript number that links to its row in the list of changes (keyboard,
  screen readers and print);
* the same article side by side (original left, cleaned right, one row per
  paragraph). The two views are switched with two radio buttons and
  ``:checked`` sibling selectors, so the switch needs no JavaScript;
* the list of changes.

Every piece of document text, file name, rule and message goes through
``html.escape(..., quote=True)``: an article containing markup renders it as
text. The output is deterministic (no time stamps) and its element ids are
stable: ``block-N`` and ``side-N`` for paragraphs, ``ref-N`` for a change's
first mark in the text and ``change-N`` for its row in the list (N from 1).
"""

from __future__ import annotations

import html
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from editor.diff.model import DECISIONS, REVIEW_DECISIONS
from editor.readability import FIGURES

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from editor.diff.model import Block, Change, DiffReport, Op

__all__ = ["render_html"]

#: Visible stand-ins for whitespace that was deleted or inserted on its own.
_MARKS = {
    " ": "·",
    "\t": "→",
    "\n": "⏎",
    "\r": "⏎",
    "\u00a0": "⍽",
    "\u202f": "⍽",
}
_WHITESPACE_NAMES = {
    " ": ("space", "spaces"),
    "\t": ("tab", "tabs"),
    "\n": ("line break", "line breaks"),
    "\r": ("line break", "line breaks"),
    "\u00a0": ("no-break space", "no-break spaces"),
    "\u202f": ("narrow no-break space", "narrow no-break spaces"),
}

_CSS = """\
:root {
  color-scheme: light dark;
  --ink: #1f2328; --muted: #5b636b; --paper: #ffffff; --rule: #d6d9dc; --panel: #f5f6f7;
  --accent: #0b57a4; --del-ink: #8f1d1d; --del-bg: #fde4e4; --ins-ink: #0e5a2b;
  --ins-bg: #d9f3e1; --ws-ink: #6a3fa0; --target: #fff3bf;
  --prose: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "DejaVu Serif", serif;
  --ui: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", sans-serif;
  --mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e6e8ea; --muted: #a4acb4; --paper: #16181b; --rule: #3a3f45; --panel: #202328;
    --accent: #7db7f0; --del-ink: #ffb4b4; --del-bg: #4a1d1f; --ins-ink: #a8eabb;
    --ins-bg: #173a24; --ws-ink: #cfb0ff; --target: #4a4220;
  }
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem 1.5rem 3rem; font: 15px/1.5 var(--ui); }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; }
h3 { font-size: .95rem; margin: 0 0 .4rem; }
a { color: var(--accent); }
code, .file { font-family: var(--mono); font-size: .92em; overflow-wrap: anywhere; }
code.rule { overflow-wrap: normal; word-break: keep-all; white-space: nowrap; }
.muted, .note { color: var(--muted); }
.note { font-size: .9rem; margin: .3rem 0 .8rem; }
.masthead { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
.files { display: flex; flex-wrap: wrap; gap: .4rem 2rem; margin: .2rem 0 .6rem; }
.files div { display: flex; gap: .5rem; }
.files dt { color: var(--muted); }
.files dd { margin: 0; }
.count { margin: 0 0 .8rem; font-weight: 600; }
.view-switch { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; margin: 0; }
.views { display: inline-flex; border: 1px solid var(--rule); border-radius: .4rem; overflow: hidden; }
.views label { padding: .3rem .9rem; cursor: pointer; user-select: none; }
.views label + label { border-left: 1px solid var(--rule); }
#view-track:checked ~ header label[for="view-track"],
#view-side:checked ~ header label[for="view-side"] { background: var(--accent); color: var(--paper); }
#view-track:focus-visible ~ header label[for="view-track"],
#view-side:focus-visible ~ header label[for="view-side"] { outline: 3px solid var(--accent); outline-offset: 2px; }
#side { display: none; }
#view-side:checked ~ main #track { display: none; }
#view-side:checked ~ main #side { display: block; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: flex-start; }
.summary > div { min-width: 14rem; }
table { border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .6rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--rule); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td, tfoot th { font-weight: 600; border-bottom: 0; }
.easier { color: var(--ins-ink); }
.harder { color: var(--del-ink); }
.prose { font-family: var(--prose); font-size: 1.06rem; line-height: 1.65; white-space: pre-wrap;
  overflow-wrap: break-word; tab-size: 4; }
.article { max-width: 46rem; }
.block { display: block; padding-left: .6rem; margin-left: -.75rem; border-left: 3px solid transparent; }
.block.changed { border-left-color: var(--rule); }
del, ins, .del, .ins { text-decoration-thickness: .08em; border-radius: .15em; }
del, .del { color: var(--del-ink); background: var(--del-bg); text-decoration-line: line-through; }
ins, .ins { color: var(--ins-ink); background: var(--ins-bg); text-decoration-line: underline;
  text-underline-offset: .18em; }
del.ws, ins.ws, .del.ws, .ins.ws { color: var(--ws-ink); font-family: var(--mono); font-size: .85em;
  text-decoration-line: none; outline: 1px dashed currentColor; outline-offset: -1px; }
del::before, del::after, ins::before, ins::after { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
del::before { content: " [deleted: "; }
ins::before { content: " [inserted: "; }
del::after, ins::after { content: "] "; }
del:hover, ins:hover { outline: 1px solid currentColor; }
sup.ref { font-family: var(--ui); font-size: .62em; line-height: 0; margin: 0 .1em; }
sup.ref a { text-decoration: none; padding: 0 .12em; border-radius: .2em; }
sup.ref a:hover, sup.ref a:focus { text-decoration: underline; }
:target { background: var(--target); }
.side-by-side { width: 100%; table-layout: fixed; }
.side-by-side col.ln { width: 3.2rem; }
.side-by-side td.ln { color: var(--muted); font: .78rem/2 var(--mono); text-align: right; }
.side-by-side tr.changed td.ln { color: var(--accent); font-weight: 600; }
.side-by-side td.prose { padding: .35rem .7rem .5rem; }
.side-by-side td.old { border-right: 1px solid var(--rule); }
.changes td.prose { font-size: .95rem; line-height: 1.45; }
.changes td.text { max-width: 22rem; }
.changes .none { color: var(--muted); font-family: var(--ui); }
.changes .back { text-decoration: none; margin-left: .25rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 50rem) {
  body { padding: 1rem; }
  .side-by-side col.ln { width: 2.2rem; }
}
@page { margin: 16mm 15mm; }
@media print {
  :root { color-scheme: light; --ink: #000; --muted: #444; --paper: #fff; --rule: #bbb;
    --accent: #000; --target: transparent; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .views, .view-switch, .changes .back { display: none; }
  .prose { font-size: 10.5pt; line-height: 1.5; }
  del, ins, .del, .ins, .ws { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { text-decoration: none; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  .summary tr, .changes tr { break-inside: avoid; }
}
"""


def _esc(value: object) -> str:
    """Text for an element's content or a quoted attribute value."""
    return html.escape(str(value), quote=True)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _invisible(text: str) -> bool:
    """Whitespace or invisible format characters only (a zero-width space…)."""
    return bool(text) and all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def _whitespace_words(text: str) -> str:
    """``"2 spaces, 1 line break"``, in order of first appearance."""
    counts: Counter[str] = Counter()
    for ch in text.replace("\r\n", "\n"):
        if ch in _WHITESPACE_NAMES:
            one, many = _WHITESPACE_NAMES[ch]
            counts[f"{one}\0{many}"] += 1
        else:
            name = unicodedata.name(ch, f"U+{ord(ch):04X}").lower()
            counts[f"{name}\0{name}"] += 1
    parts = []
    for key, count in counts.items():
        one, many = key.split("\0")
        parts.append(_plural(count, one, many))
    return ", ".join(parts)


def _marked(text: str) -> str:
    """Escaped markers for invisible text; line breaks are kept after their mark."""
    out: list[str] = []
    for ch in text.replace("\r\n", "\n"):
        if ch in ("\n", "\r"):
            out.append("⏎\n")
        else:
            out.append(_MARKS.get(ch, "␣" if ch.isspace() else "◌"))
    return _esc("".join(out))


def _change_at(report: DiffReport, index: int | None) -> Change | None:
    if index is None or not 0 <= index < len(report.changes):
        return None
    return report.changes[index]


def _change_lines(number: int, change: Change) -> list[str]:
    """What proposed a change and what was decided, one fact a line."""
    if change.old and change.new:
        what = "replaced"
    elif change.old:
        what = "deleted"
    else:
        what = "inserted"
    lines = [f"Change {number}: {what}"]
    if change.rule:
        lines.append(f"Rule: {change.rule}" + (f" ({change.source})" if change.source else ""))
    elif change.source:
        lines.append(f"Source: {change.source}")
    if change.decision:
        lines.append(f"Decision: {change.decision}")
    if change.message:
        lines.append(f"Message: {change.message}")
    return lines


def _op_title(report: DiffReport, op: Op) -> str:
    change = _change_at(report, op.change)
    if change is not None and op.change is not None:
        lines = _change_lines(op.change + 1, change)
    else:
        lines = ["Deleted text" if op.kind == "delete" else "Inserted text"]
    if _invisible(op.text):
        done = "deleted" if op.kind == "delete" else "inserted"
        lines.append(f"Whitespace {done}: {_whitespace_words(op.text)}")
    return "\n".join(lines)


def _op_html(report: DiffReport, op: Op) -> str:
    if op.kind == "equal":
        return _esc(op.text)
    tag = "del" if op.kind == "delete" else "ins"
    if _invisible(op.text):
        cls, body = ' class="ws"', _marked(op.text)
    else:
        cls, body = "", _esc(op.text)
    data = (
        ""
        if op.change is None or _change_at(report, op.change) is None
        else f' data-change="{op.change + 1}"'
    )
    return f'<{tag}{cls}{data} title="{_esc(_op_title(report, op))}">{body}</{tag}>'


def _ref_html(report: DiffReport, index: int, *, anchor: bool) -> str:
    """The superscript number after a change; ``anchor`` gives it its ``ref-N`` id."""
    change = report.changes[index]
    number = index + 1
    ident = f' id="ref-{number}"' if anchor else ""
    title = _esc("\n".join(_change_lines(number, change)))
    return f'<sup class="ref"><a{ident} href="#change-{number}" title="{title}">{number}</a></sup>'


def _ops_html(
    report: DiffReport,
    ops: Sequence[Op],
    anchored: set[int] | None,
    *,
    hide: str | None = None,
    trim_end: bool = False,
) -> str:
    """Ops with a change number after the last op of each run of one change.

    ``anchored`` collects the changes whose ``ref-N`` id is already in the
    page (``None``: give no ids, for the side-by-side copy). Ops of kind
    ``hide`` are left out but keep their number, so a deletion still shows
    where it was on the cleaned side. ``trim_end`` drops the paragraph's
    trailing line breaks where a table row already separates it.
    """
    out: list[str] = []
    for i, op in enumerate(ops):
        if op.kind == hide:
            pass
        elif trim_end and i == len(ops) - 1 and op.kind == "equal":
            out.append(_esc(op.text.rstrip("\r\n")))
        else:
            out.append(_op_html(report, op))
        index = op.change
        if op.kind == "equal" or index is None or _change_at(report, index) is None:
            continue
        following = ops[i + 1] if i + 1 < len(ops) else None
        if following is not None and following.kind != "equal" and following.change == index:
            continue
        anchor = anchored is not None and index not in anchored
        if anchored is not None:
            anchored.add(index)
        out.append(_ref_html(report, index, anchor=anchor))
    return "".join(out)


def _header(report: DiffReport, title: str) -> str:
    changed_blocks = sum(1 for block in report.blocks if block.changed)
    if report.changes:
        count = (
            f"{_plural(len(report.changes), 'change', 'changes')} in "
            f"{changed_blocks} of {_plural(len(report.blocks), 'paragraph', 'paragraphs')}."
        )
    else:
        count = "No changes: the two texts are the same."
    return (
        '<header class="masthead">\n'
        f"<h1>{_esc(title)}</h1>\n"
        '<dl class="files">\n'
        f'<div><dt>Original</dt><dd class="file" id="old-name">{_esc(report.old_name)}</dd></div>\n'
        f'<div><dt>Cleaned</dt><dd class="file" id="new-name">{_esc(report.new_name)}</dd></div>\n'
        "</dl>\n"
        f'<p class="count" id="change-count" data-changes="{len(report.changes)}">{count}</p>\n'
        '<div class="views" role="group" aria-label="View">'
        '<label for="view-track">Track changes</label>'
        '<label for="view-side">Side by side</label></div>\n'
        "</header>\n"
    )


def _rule_html(rule: str) -> str:
    """A rule id kept whole on its line (no break inside ``InOrderTo``); joined
    rules ("A + B") may break between ids."""
    return " + ".join(f'<code class="rule">{_esc(part)}</code>' for part in rule.split(" + "))


def _rules_table(changes: Sequence[Change]) -> str:
    counts = Counter(change.rule or "" for change in changes)
    decided: dict[str, Counter[str]] = {}
    for change in changes:
        if change.decision:
            decided.setdefault(change.rule or "", Counter())[change.decision] += 1
    rows = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], not item[0], item[0])):
        name = _rule_html(rule) if rule else '<span class="muted">no rule</span>'
        done = decided.get(rule, Counter())
        how = ", ".join(f"{done[d]} {_esc(d)}" for d in _decision_order(done))
        rows.append(f'<tr><td>{name}</td><td class="num">{count}</td><td>{how}</td></tr>')
    body = "\n".join(rows) or '<tr><td colspan="3" class="muted">No changes.</td></tr>'
    return (
        '<div id="by-rule">\n<h3>Changes by rule</h3>\n<table>\n'
        '<thead><tr><th scope="col">Rule</th><th scope="col" class="num">Changes</th>'
        '<th scope="col">Decisions</th></tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n"
        f'<tfoot><tr><th scope="row">Total</th><td class="num">{len(changes)}</td><td></td></tr></tfoot>\n'
        "</table>\n</div>\n"
    )


def _decision_order(decisions: Mapping[str, int]) -> list[str]:
    """The known decisions first, in review order, then any others by name."""
    known = [k for k in DECISIONS if k in decisions]
    return known + sorted(k for k in decisions if k not in DECISIONS)


def _decisions_table(decisions: Mapping[str, int]) -> str:
    if not decisions:
        return (
            '<div id="decisions">\n<h3>Decisions</h3>\n'
            '<p class="note">No review decisions: a comparison of two files.</p>\n</div>\n'
        )
    # A review lists its four decisions even at zero; a fix only "applied".
    review = any(k in decisions for k in (*REVIEW_DECISIONS, "undecided"))
    always = REVIEW_DECISIONS if review else ()
    keys = [*always, *(k for k in _decision_order(decisions) if k not in always)]
    known = DECISIONS
    rows = []
    for key in keys:
        meaning = f' <span class="muted">({_esc(known[key])})</span>' if key in known else ""
        rows.append(
            f'<tr data-decision="{_esc(key)}"><td>{_esc(key)}{meaning}</td>'
            f'<td class="num">{int(decisions.get(key, 0))}</td></tr>'
        )
    total = sum(int(n) for n in decisions.values())
    return (
        '<div id="decisions">\n<h3>Decisions</h3>\n<table>\n'
        '<thead><tr><th scope="col">Decision</th><th scope="col" class="num">Count</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        f'<tfoot><tr><th scope="row">Total</th><td class="num">{total}</td></tr></tfoot>\n'
        "</table>\n</div>\n"
    )


def _number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}"


def _difference(before: object, after: object) -> float | int | None:
    numbers = (int, float)
    if (
        isinstance(before, bool)
        or isinstance(after, bool)
        or not isinstance(before, numbers)
        or not isinstance(after, numbers)
    ):
        return None
    if isinstance(before, int) and isinstance(after, int):
        return after - before
    return round(after - before, 1) + 0.0


def _readability_table(before: Mapping[str, object], after: Mapping[str, object]) -> str:
    rows = []
    for figure in FIGURES:
        key, label = figure.key, figure.label
        higher_is_easier = None if figure.easier is None else figure.easier == "higher"
        old, new = before.get(key), after.get(key)
        diff = _difference(old, new)
        if diff is None:
            shown, verdict, cls = "—", "", ""
        else:
            if diff == 0:
                shown = "±0"
            elif isinstance(diff, int):
                shown = f"{diff:+d}".replace("-", "−")
            else:
                shown = f"{diff:+.1f}".replace("-", "−")
            if higher_is_easier is None or diff == 0:
                verdict, cls = ("same" if diff == 0 else ""), ""
            elif (diff > 0) == higher_is_easier:
                verdict, cls = "easier", ' class="easier"'
            else:
                verdict, cls = "harder", ' class="harder"'
        rows.append(
            f'<tr data-figure="{key}"><th scope="row">{label}</th>'
            f'<td class="num">{_number(old)}</td><td class="num">{_number(new)}</td>'
            f'<td class="num">{shown}</td><td{cls}>{verdict}</td></tr>'
        )
    return (
        '<div id="readability">\n<h3>Readability before and after</h3>\n<table>\n'
        '<thead><tr><th scope="col">Measure</th><th scope="col" class="num">Before</th>'
        '<th scope="col" class="num">After</th><th scope="col" class="num">Difference</th>'
        '<th scope="col">Reads</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
        '<p class="note">Higher reading ease is easier; for the grade indexes and '
        "words per sentence, lower is easier.</p>\n</div>\n"
    )


def _summary(report: DiffReport) -> str:
    parts = [_rules_table(report.changes), _decisions_table(report.decisions)]
    if report.readability is not None:
        parts.append(_readability_table(*report.readability))
    return (
        '<section id="summary" aria-labelledby="summary-title">\n'
        '<h2 id="summary-title">Summary</h2>\n'
        '<div class="summary">\n' + "".join(parts) + "</div>\n</section>\n"
    )


def _track_view(report: DiffReport) -> str:
    anchored: set[int] = set()
    blocks = []
    for number, block in enumerate(report.blocks, 1):
        cls = "block changed" if block.changed else "block"
        body = _ops_html(report, block.ops, anchored)
        blocks.append(f'<div class="{cls}" id="block-{number}">{body}</div>')
    article = "".join(blocks) or '<span class="muted">The document is empty.</span>'
    return (
        '<section id="track" class="view" aria-labelledby="track-title">\n'
        '<h2 id="track-title">Track changes</h2>\n'
        '<p class="note">Deleted text is struck through, inserted text underlined; '
        "a dashed box marks whitespace (· space, → tab, ⏎ line break, ⍽ no-break space). "
        "Hover over a change for its rule, decision and message, or follow its number "
        "to the list of changes.</p>\n"
        f'<div class="prose article">{article}</div>\n'
        "</section>\n"
    )


def _side_cell(report: DiffReport, block: Block, side: str) -> tuple[str, str]:
    hide = "insert" if side == "old" else "delete"
    text = block.old if side == "old" else block.new
    line = str(block.old_line if side == "old" else block.new_line) if text else ""
    return line, _ops_html(report, block.ops, None, hide=hide, trim_end=True)


def _side_view(report: DiffReport) -> str:
    rows = []
    for number, block in enumerate(report.blocks, 1):
        old_line, old = _side_cell(report, block, "old")
        new_line, new = _side_cell(report, block, "new")
        cls = ' class="changed"' if block.changed else ""
        rows.append(
            f'<tr id="side-{number}"{cls}><td class="ln">{old_line}</td>'
            f'<td class="prose old">{old}</td><td class="ln">{new_line}</td>'
            f'<td class="prose new">{new}</td></tr>'
        )
    body = (
        "\n".join(rows)
        or '<tr><td></td><td class="muted" colspan="3">The document is empty.</td></tr>'
    )
    return (
        '<section id="side" class="view" aria-labelledby="side-title">\n'
        '<h2 id="side-title">Side by side</h2>\n'
        '<table class="side-by-side">\n'
        '<colgroup><col class="ln"><col><col class="ln"><col></colgroup>\n'
        '<thead><tr><th scope="col" colspan="2">Original '
        f'<span class="file">{_esc(report.old_name)}</span></th>'
        '<th scope="col" colspan="2">Cleaned '
        f'<span class="file">{_esc(report.new_name)}</span></th></tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>\n"
        "</section>\n"
    )


def _change_text(text: str, cls: str) -> str:
    if not text:
        return '<span class="none">—</span>'
    if _invisible(text):
        return (
            f'<span class="{cls} ws" title="{_esc(_whitespace_words(text))}">{_marked(text)}</span>'
        )
    return f'<span class="{cls}">{_esc(text)}</span>'


def _changes_list(report: DiffReport) -> str:
    if not report.changes:
        return ""
    referenced = {op.change for block in report.blocks for op in block.ops if op.kind != "equal"}
    rows = []
    for index, change in enumerate(report.changes):
        number = index + 1
        line = report.old_text.count("\n", 0, change.old_start) + 1
        back = (
            f'<a class="back" href="#ref-{number}" title="Back to the text">↩</a>'
            if index in referenced
            else ""
        )
        rule = _rule_html(change.rule) if change.rule else ""
        if change.source:
            rule += f' <span class="muted">{_esc(change.source)}</span>'
        rows.append(
            f'<tr id="change-{number}"><td class="num">{number}{back}</td>'
            f'<td class="num">{line}</td>'
            f'<td class="prose text">{_change_text(change.old, "del")}</td>'
            f'<td class="prose text">{_change_text(change.new, "ins")}</td>'
            f"<td>{rule}</td><td>{_esc(change.decision or '')}</td>"
            f"<td>{_esc(change.message or '')}</td></tr>"
        )
    return (
        '<section id="changes" aria-labelledby="changes-title">\n'
        '<h2 id="changes-title">Changes</h2>\n'
        '<table class="changes">\n'
        '<thead><tr><th scope="col" class="num">#</th><th scope="col" class="num">Line</th>'
        '<th scope="col">Original</th><th scope="col">Cleaned</th><th scope="col">Rule</th>'
        '<th scope="col">Decision</th><th scope="col">Message</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</section>\n"
    )


def render_html(report: DiffReport, *, title: str | None = None) -> str:
    """The whole report as one HTML5 document (a ``str`` ending in a newline).

    ``title`` names the page and heads it; by default it names both files.
    """
    heading = title if title is not None else f"{report.old_name} → {report.new_name}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="copydesk">\n'
        f"<title>{_esc(heading)}</title>\n"
        f"<style>\n{_CSS}</style>\n</head>\n<body>\n"
        '<input type="radio" name="view" id="view-track" class="view-switch" checked>\n'
        '<input type="radio" name="view" id="view-side" class="view-switch">\n'
        + _header(report, heading)
        + "<main>\n"
        + _summary(report)
        + _track_view(report)
        + _side_view(report)
        + _changes_list(report)
        + "</main>\n"
        "<footer><p>Made by copydesk. This page needs no network and no script.</p></footer>\n"
        "</body>\n</html>\n"
    )
