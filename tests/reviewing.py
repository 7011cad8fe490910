"""Helpers for the review tests: real House-rule suggestions and a headless driver."""

from __future__ import annotations

import asyncio
import threading
import time
from functools import cache
from typing import TYPE_CHECKING

from prompt_toolkit.application import create_app_session
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
    from collections.abc import Callable, Sequence

    from prompt_toolkit.application import AppSession
    from prompt_toolkit.input import PipeInput
    from prompt_toolkit.output import Output

    from editor.review import ReviewResult

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


def screen_text(app: object) -> str:
    """What a running application shows, row by row (no-break spaces as spaces)."""
    renderer = app.renderer  # type: ignore[attr-defined]
    screen = renderer._last_screen  # private: prompt_toolkit 3.0 (pinned in pyproject)
    if screen is None:
        return ""
    size = app.output.get_size()  # type: ignore[attr-defined]
    return "\n".join(
        "".join(screen.data_buffer[y][x].char for x in range(size.columns)).rstrip()
        for y in range(size.rows)
    ).replace("\u00a0", " ")


async def shown_when(app: object, wanted: str, seconds: float = 10.0) -> str:
    """The screen once it shows ``wanted`` (or after ``seconds``, for the
    assertion to report): a loaded CI machine may take long to redraw."""
    for _ in range(int(seconds / 0.01)):
        shown = screen_text(app)
        if wanted in shown:
            return shown
        await asyncio.sleep(0.01)
    return screen_text(app)


class Running:
    """``start`` (a call that runs a review) on its own thread, in an app
    session of its own, so the test can read the screen while it runs."""

    def __init__(self, pipe: PipeInput, output: Output, start: Callable[[], ReviewResult]) -> None:
        self.pipe, self.output = pipe, output
        self.result: ReviewResult | None = None
        self.error: BaseException | None = None
        self.session: AppSession | None = None
        self.thread = threading.Thread(target=self._run, args=(start,), daemon=True)
        self.thread.start()

    def _run(self, start: Callable[[], ReviewResult]) -> None:
        try:
            with create_app_session(input=self.pipe, output=self.output) as session:
                self.session = session
                self.result = start()
        except BaseException as exc:  # the test looks at it
            self.error = exc

    def screen(self) -> str:
        app = self.session.app if self.session is not None else None
        return screen_text(app) if app is not None else ""

    def wait_for(self, needle: str, timeout: float = 10.0) -> str:
        end = time.monotonic() + timeout
        while needle not in (shown := self.screen()):
            if time.monotonic() > end or not self.thread.is_alive():
                raise AssertionError(f"{needle!r} never appeared; the screen:\n{shown}")
            time.sleep(0.02)
        return shown

    def join(self) -> ReviewResult:
        self.thread.join(15)
        assert not self.thread.is_alive(), "the review never ended"
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


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
