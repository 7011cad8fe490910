"""Offsets are the heart of copydesk: every finding's span is exact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from strategies import markdown_documents

from editor.checkers.style import StyleChecker, default_rules_dir, load_rules
from editor.document import load_text

CHECKER = StyleChecker(load_rules([default_rules_dir()]).rules)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_documents())
def test_every_finding_is_exact_on_generated_markdown(text: str) -> None:
    doc = load_text(text, "markdown")
    for s in CHECKER.check(doc).suggestions:
        assert doc.text[s.start : s.end] == s.text
        assert doc.line_col(s.start) == (s.line, s.column)
        # A fix never reaches into markup: a fixable span is all prose.
        if s.replacements:
            assert doc.is_prose(s.start, s.end)


@settings(max_examples=200, deadline=None)
@given(markdown_documents())
def test_masked_view_keeps_length_lines_and_prose(text: str) -> None:
    doc = load_text(text, "markdown")
    assert len(doc.masked) == len(doc.text)
    for index, char in enumerate(doc.text):
        if char in "\r\n":
            assert doc.masked[index] == char
    for start, end in doc.prose:
        assert doc.masked[start:end] == doc.text[start:end]
    prose = {i for start, end in doc.prose for i in range(start, end)}
    assert all(doc.masked[i] in " \r\n" for i in range(len(text)) if i not in prose)
    for block in doc.blocks:
        assert block.start < block.end
