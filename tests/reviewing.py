"""Helpers for the review tests: real House-rule suggestions and a headless driver."""

from __future__ import annotations

import asyncio
from functools import cache
from typing import TYPE_CHECKING

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from editor.checkers.style import StyleChecker, default_rules_dir, load_rules
from editor.document import Document, load_text
from editor.model import Severity, Suggestion
from editor.pipeline import check_document
from editor.review import ReviewApp, ReviewState
from editor.review.app import build_app

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Seven real House findings, in order: InAnOrderTo, DoubledWord, MustHaveTo
#: (2 alternatives), ThirdPersonHave, InOrderTo, AccordingToResources,
#: InTheProcessOf (a deletion).
ARTICLE = (
    "In an order to win, the the team must have to secure a deal. "
    "It have to work in order to grow.\n\n"
    "According to resources, Huawei is in the process of hiring.\n"
)


@cache
def _checker() -> StyleChecker:
    return StyleChecker(load_rules([default_rules_dir()]).rules)


def house(doc: Document) -> tuple[Suggestion, ...]:
    return check_document(doc, [_checker()]).suggestions


def made(
    doc: Document,
    start: int,
    end: int,
    *replacements: str,
    rule: str = "Test.Rule",
    category: str | None = None,
) -> Suggestion:
    line, column = doc.line_col(start)
    return Suggestion(
        start=start,
        end=end,
        line=line,
        column=column,
        text=doc.text[start:end],
        message=f"{rule} message",
        rule=rule,
        source="rules",
        severity=Severity.WARNING,
        category=category,
        replacements=replacements,
    )


class SizedOutput(DummyOutput):
    """DummyOutput reports 80×40; this one a chosen size."""

    def __init__(self, rows: int = 24, columns: int = 80) -> None:
        self.size = Size(rows=rows, columns=columns)

    def get_size(self) -> Size:
        return self.size


def drive(
    keys: str,
    doc: Document,
    items: Sequence[Suggestion] | None = None,
    *,
    rows: int = 24,
    columns: int = 80,
) -> tuple[str, ReviewState, ReviewApp]:
    """Run the real application on ``keys`` (all sent up front) to its end."""
    state = ReviewState.create(doc.text, house(doc) if items is None else items, doc.sentences)
    review = ReviewApp(doc, state)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        app = build_app(review, input=pipe, output=SizedOutput(rows, columns))
        outcome = asyncio.run(asyncio.wait_for(app.run_async(), 10))
    return outcome, state, review


def article(text: str = ARTICLE, fmt: str = "text") -> Document:
    return load_text(text, fmt)  # type: ignore[arg-type]
