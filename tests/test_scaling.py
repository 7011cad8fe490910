"""Huge inputs stay linear: Markdown tables, long lines, the vocabulary on 50 MB.

Work is counted, not timed, where the work is Python: the lines of
copydesk's own code executed (a trace hook), compared between two input
sizes in the same run. Where it happens inside the regular-expression engine,
the CPU times of two sizes are compared as a ratio, with room for noise.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import editor
from editor.checkers.style import StyleChecker, default_rules_dir, load_rules, run_rule
from editor.document import load_text
from editor.vocab import Vocabulary, _alternation, load_vocabulary

if TYPE_CHECKING:
    from types import FrameType

EDITOR = str(Path(editor.__file__).parent)
WriteRule = Callable[..., Path]

SENTENCE = (
    "Huawei, which wants to be the leading smartphone vendor, failed to get a deal "
    "with AT&T at CES this week, The Wall Street Journal (WSJ) reported. "
)


class TooMuchWorkError(Exception):
    """The traced call went past its work limit: clearly not linear."""


def work(call: Callable[[], Any], limit: int | None = None) -> int:
    """Lines of ``editor`` code executed by ``call()``. Past ``limit`` the
    call is stopped, so a quadratic regression fails fast instead of hanging."""
    count = 0

    def local(_frame: FrameType, event: str, _arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
            if limit is not None and count > limit:
                raise TooMuchWorkError(count)
        return local

    def scope(frame: FrameType, _event: str, _arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(EDITOR) else None

    previous = sys.gettrace()
    sys.settrace(scope)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def assert_linear(make: Callable[[int], Callable[[], Any]], size: int) -> tuple[int, int]:
    """Work at 4 × ``size`` is at most 5 × the work at ``size`` (4 is linear;
    quadratic would be 16)."""
    small = work(make(size))
    large = work(make(4 * size), limit=6 * small)
    assert large < 5 * small, (small, large)
    return small, large


def cpu_ratio(make: Callable[[int], Callable[[], Any]], size: int) -> float:
    """CPU time at 4 × ``size`` over CPU time at ``size``, best of three each."""

    def best(call: Callable[[], Any]) -> float:
        times = []
        for _ in range(3):
            start = time.process_time()
            call()
            times.append(time.process_time() - start)
        return min(times)

    return best(make(4 * size)) / max(best(make(size)), 1e-3)


# ---------------------------------------------------------------- Markdown tables


def table(rows: int, columns: int = 10) -> str:
    head = "| " + " | ".join(f"H{c}" for c in range(columns)) + " |\n"
    rule = "|" + "---|" * columns + "\n"
    body = "".join(
        "| " + " | ".join(f"w{r % 97}x{c}" for c in range(columns)) + " |\n" for r in range(rows)
    )
    return "# Prices\n\n" + head + rule + body


def test_a_table_of_thousands_of_rows_segments_in_linear_work() -> None:
    def make(rows: int) -> Callable[[], Any]:
        text = table(rows)
        return lambda: load_text(text, "markdown")

    assert_linear(make, 500)
    doc = load_text(table(2000), "markdown")
    assert len(doc.blocks) == 1 + 10 + 2000 * 10
    assert [b.kind for b in doc.blocks[:3]] == ["heading", "header", "header"]
    last = doc.blocks[-1]
    assert (last.kind, doc.text[last.start : last.end]) == ("cell", f"w{1999 % 97}x9")


def test_many_paragraphs_with_inline_markup_segment_in_linear_work() -> None:
    def make(count: int) -> Callable[[], Any]:
        text = "\n\n".join(
            f"Item *{i}* has **bold**, `code` and a [link](https://example.com/{i})."
            for i in range(count)
        )
        return lambda: load_text(text, "markdown")

    assert_linear(make, 400)
    doc = load_text("A *b* `c` [d](https://e.f/g) h.\n\nNext.", "markdown")
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "A *b* `c` [d](https://e.f/g) h.",
        "Next.",
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_long_dotted_token_is_not_quadratic(fmt: str) -> None:
    """The e-mail pattern used to retry at every boundary of "a.a.a.…"."""

    def make(chars: int) -> Callable[[], Any]:
        text = "Start " + "a." * (chars // 2) + " end.\n"
        return lambda: load_text(text, fmt)  # type: ignore[arg-type]

    assert cpu_ratio(make, 100_000) < 8
    text = "Mail a.b@example.com or see www.example.com now."
    doc = load_text(text, fmt)  # type: ignore[arg-type]
    blank = text.replace("a.b@example.com", " " * 15).replace("www.example.com", " " * 15)
    assert doc.masked == blank


# ---------------------------------------------------------------- long lines, house rules


def one_line(chars: int) -> str:
    return (SENTENCE * (chars // len(SENTENCE) + 1)).strip() + "\n"


def test_house_rules_on_one_long_line_do_linear_work() -> None:
    rules = load_rules([default_rules_dir()]).rules
    checker = StyleChecker(rules)

    def make(chars: int) -> Callable[[], Any]:
        doc = load_text(one_line(chars))
        return lambda: checker.check(doc)

    assert_linear(make, 20_000)
    found = checker.check(load_text(one_line(20_000))).suggestions
    assert found
    assert all(s.line == 1 for s in found)


def test_capitalization_of_a_long_paragraph_is_linear(write_rule: WriteRule) -> None:
    """Each word used to copy the whole text before it (``text[:start]``)."""
    path = write_rule(
        "Sentences",
        "extends: capitalization\nmessage: '%s'\nmatch: $sentence\nscope: paragraph\n",
    )
    (rule,) = load_rules([path]).rules

    def make(chars: int) -> Callable[[], Any]:
        doc = load_text(one_line(chars).replace("Journal", "journal"))
        return lambda: run_rule(rule, doc)

    assert cpu_ratio(make, 100_000) < 8
    found = run_rule(rule, load_text("Why Huawei Lost: The Deal Was Off\n"))
    # Vale: no indicators unless the rule names them, so ":" does not start a sentence.
    assert [s.replacements for s in found] == [("Why huawei lost: the deal was off",)]


# ---------------------------------------------------------------- vocabulary


def test_the_vocabulary_on_50_mb_finishes_with_every_term_found() -> None:
    house = load_vocabulary(["House"], [default_rules_dir()])
    vocabulary = Vocabulary(accept=(*house.accept, r"(?i)wi-?fi", r"Zorb\d+"))
    paragraph = SENTENCE * 20 + "Zorb42 and WiFi.\n\n"
    text = paragraph * (50_000_000 // len(paragraph) + 1)
    assert len(text) > 50_000_000
    scan = vocabulary.scan(text)
    assert scan.notices == ()
    copies = text.count(paragraph)
    found = [text[a:b] for a, b in scan.spans[: 20 * 5 + 2]]
    per_sentence = ["Huawei", "smartphone", "AT&T", "CES", "The Wall Street Journal"]
    assert found == per_sentence * 20 + ["Zorb42", "WiFi"]
    assert len(scan.spans) == copies * (20 * len(per_sentence) + 2)
    assert scan.covers(*scan.spans[-1])
    assert not scan.covers(0, 7)


def test_the_vocabulary_on_one_10_mb_line_is_searched_in_windows() -> None:
    vocabulary = Vocabulary(accept=("Huawei", r"Zorb\d+"))
    text = "Zorb7 Huawei word " * (10_000_000 // 18 + 1)
    scan = vocabulary.scan(text)
    assert scan.notices == ()
    assert len(scan.spans) == 2 * text.count("Zorb7 ")


def test_a_runaway_vocabulary_pattern_is_a_notice_and_literal_terms_still_apply() -> None:
    vocabulary = Vocabulary(accept=("Huawei", r"(?:a|aa)+b"))
    text = "a" * 40 + " Huawei"
    scan = vocabulary.scan(text)
    assert [text[a:b] for a, b in scan.spans] == ["Huawei"]
    (notice,) = scan.notices
    assert "ran out of time" in notice
    assert "\n" not in notice


def test_vocabulary_matches_what_one_alternation_matched() -> None:
    """Set lookup and windows find every span the old single regex found,
    and nothing that is not a whole-word match of some term."""
    pieces = ["Huawei", "AT", "&", "T", "-", "Mobile", "wi", "fi", "WiFi", "Richard", "Yu"]
    pieces += [" ", "  ", "\n", "'", "s", "ß", "x", "Ünïcode", "e\u0301", "3", "Node", ".", "js"]
    pool = ["Huawei", "AT&T", "T-Mobile", r"(?i)wi-?fi", "Richard Yu", "(?i)richard yu"]
    pool += ["Node.js", "Ünïcode", "(?i)ÜNÏCODE", "e\u0301", "x3", "(?i)huawei", "Yu", "T", "s"]
    chooser = random.Random(8)
    for _ in range(1500):
        terms = tuple(chooser.sample(pool, chooser.randint(1, 6)))
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 40)))
        scan = Vocabulary(accept=terms).scan(text)
        old = _alternation(terms)
        assert old is not None
        for match in old.finditer(text):
            assert scan.covers(*match.span()), (terms, text, match.span())
        for start, end in scan.spans:
            assert any(
                _alternation((term,)).fullmatch(text[: end + 1], start, end)  # type: ignore[union-attr]
                and not text[end : end + 1].isalnum()
                for term in terms
            ), (terms, text, start, end)
