"""The review opens before the check is done: a loading screen with progress,
cancelling, check errors, and a document with nothing to review.

``run_review`` runs the real application in a thread (pipe input, a real VT100
output of fixed size into memory); the test watches what it draws and types.
The check is the real House-rule check; a test holds it back with an event
only to look at the screen while it is still running.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from prompt_toolkit.input import create_pipe_input
from reviewing import ARTICLE, Running, SizedOutput, article, house

from editor.document import load_path
from editor.errors import EngineError
from editor.review import CheckCancelled, run_review

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from prompt_toolkit.input import PipeInput

    from editor.model import Suggestion
    from editor.review import Check

CTRL_C = "\x03"


def review_in_thread(
    pipe: PipeInput,
    check: Check | Sequence[Suggestion],
    path: Path | None = None,
    *,
    rows: int = 24,
    columns: int = 80,
    session_dir: Path | None = None,
) -> Running:
    doc = load_path(path) if path is not None else article()
    out = SizedOutput(rows, columns)
    return Running(
        pipe, out, lambda: run_review(doc, check, session_dir=session_dir, input=pipe, output=out)
    )


def test_the_screen_opens_at_once_shows_progress_then_the_suggestions() -> None:
    doc = article()
    release = threading.Event()
    seen: list[tuple[str, int, int]] = []

    def check(progress: Callable[[str, int, int], None]) -> Sequence[Suggestion]:
        total = len(doc.blocks)
        for done in range(total + 1):
            seen.append(("rules", done, total))
            progress("rules", done, total)
            if done == 1:
                release.wait(10)  # hold here while the test looks at the screen
        return house(doc)

    with create_pipe_input() as pipe:
        running = review_in_thread(pipe, check)
        shown = running.wait_for("paragraph 1 of 2")
        assert "Checking 2 paragraphs of <text>…" in shown
        assert "q/^C  cancel" in shown
        assert "1 / 7" not in shown  # nothing to decide yet
        pipe.send_text("y")  # a stray key while checking decides nothing
        release.set()
        running.wait_for("1 / 7")
        pipe.send_text("yq")
        result = running.join()
    assert seen[-1] == ("rules", 2, 2)
    assert result.outcome == "write"
    assert result.state.cleaned().startswith("In order to win, the the team")
    assert len(result.state.decisions) == 1


@pytest.mark.parametrize("key", ["q", CTRL_C])
def test_q_or_ctrl_c_while_checking_cancels_the_check(key: str) -> None:
    doc = article()
    stopped = threading.Event()
    reports = 0

    def check(progress: Callable[[str, int, int], None]) -> Sequence[Suggestion]:
        nonlocal reports
        try:
            while True:  # a check that would never end by itself
                progress("harper", reports % 3, 3)
                reports += 1
                threading.Event().wait(0.01)
        finally:
            stopped.set()

    with create_pipe_input() as pipe:
        running = review_in_thread(pipe, check)
        running.wait_for("harper: paragraph")
        pipe.send_text(key)
        result = running.join()
    assert result.outcome == "abort"
    assert stopped.is_set()  # the check stopped at its next report: its finally ran
    assert len(result.state) == 0
    assert doc.text == ARTICLE


def test_the_cancel_reaches_the_check_as_check_cancelled() -> None:
    caught: list[BaseException] = []

    def check(progress: Callable[[str, int, int], None]) -> Sequence[Suggestion]:
        try:
            while True:
                progress("rules", 0, 1)
                threading.Event().wait(0.01)
        except BaseException as exc:
            caught.append(exc)
            raise

    with create_pipe_input() as pipe:
        running = review_in_thread(pipe, check)
        running.wait_for("rules: paragraph 0 of 1")
        pipe.send_text("q")
        running.join()
    assert [type(e) for e in caught] == [CheckCancelled]


def test_an_engine_error_while_checking_closes_the_screen_and_is_raised() -> None:
    # A crashed engine cannot be produced on demand here: the check raises
    # what the engines raise for it.
    def check(progress: Callable[[str, int, int], None]) -> Sequence[Suggestion]:
        progress("harper", 0, 2)
        raise EngineError("harper", "the engine crashed (killed by SIGKILL)")

    with create_pipe_input() as pipe:
        running = review_in_thread(pipe, check)
        with pytest.raises(EngineError, match="engine crashed"):
            running.join()


def test_nothing_to_review_never_opens_the_screen(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("Nothing to see here.\n", encoding="utf-8")
    sessions = tmp_path / "sessions"
    with create_pipe_input() as pipe:
        result = run_review(
            load_path(path), (), session_dir=sessions, input=pipe, output=SizedOutput()
        )
    assert result.outcome == "empty"
    # With a check: the loading screen closes by itself once it finds nothing.
    with create_pipe_input() as pipe:
        running = review_in_thread(
            pipe, lambda _progress: house(load_path(path)), path, session_dir=sessions
        )
        result = running.join()
    assert result.outcome == "empty"
    assert not sessions.exists()  # and nothing was saved
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt"]
