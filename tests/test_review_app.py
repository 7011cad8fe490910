"""The real review application, driven headlessly through whole sessions.

Each test sends keys through prompt_toolkit's pipe input and asserts the exact
cleaned text.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from reviewing import (
    ARTICLE,
    SizedOutput,
    article,
    drive,
    house,
    made,
    screen_text,
    shown_when,
)

from editor.document import load_path
from editor.review import ReviewApp, ReviewState, run_review
from editor.review.app import build_app

if TYPE_CHECKING:
    from pathlib import Path

CTRL_U, CTRL_C, CTRL_G, ESC, ENTER = "\x15", "\x03", "\x07", "\x1b", "\r"
UP, DOWN = "\x1b[A", "\x1b[B"


def test_accept_keep_alternative_custom_skip_and_back() -> None:
    keys = "yn2e" + CTRL_U + "It needs" + ENTER + "skyq"
    outcome, state, _ = drive(keys, article())
    assert outcome == "write"
    assert state.cleaned() == (
        "In order to win, the the team has to secure a deal. It needs to work to grow.\n\n"
        "According to resources, Huawei is in the process of hiring.\n"
    )
    assert state.counts()["undecided"] == 2


def test_the_custom_editor_is_prefilled_and_cancels_without_delay() -> None:
    # Esc and Ctrl-G cancel; an empty fix changes nothing.
    keys = "e" + "XYZ" + ESC + "e" + CTRL_G + "e" + CTRL_U + ENTER + "e" + " now" + ENTER + "q"
    outcome, state, _ = drive(keys, article())
    assert outcome == "write"
    assert state.cleaned().startswith("In order to now win,")  # prefilled "In order to"


def test_accept_all_of_a_rule_asks_first_and_is_one_undo_step() -> None:
    doc = article("We saw the the cat. Then the the dog. And the the bird.\n")
    outcome, state, _ = drive("AnAyq", doc)  # first A declined
    assert outcome == "write"
    assert state.cleaned() == "We saw the cat. Then the dog. And the bird.\n"
    outcome, state, _ = drive("yAyuq", doc)  # undo takes back the bulk only
    assert state.cleaned() == "We saw the cat. Then the the dog. And the the bird.\n"
    assert state.cursor == 1


def test_ignore_rule_keeps_the_rest_and_undo_across_steps() -> None:
    doc = article("We saw the the cat. It have to go. Then the the dog. And the the bird.\n")
    _, state, _ = drive("Iyq", doc)
    assert (
        state.cleaned() == "We saw the the cat. It has to go. Then the the dog. And the the bird.\n"
    )
    assert state.ignored_rules == {"House.DoubledWord"}
    # I, then y, then undo twice (y, then the bulk I), then accept the first.
    _outcome, state, _ = drive("Iyuuyq", doc)
    assert state.ignored_rules == set()
    assert state.cleaned() == "We saw the cat. It have to go. Then the the dog. And the the bird.\n"


def test_after_the_last_decision_a_summary_screen_allows_undo() -> None:
    doc = article("It have to go.\n")
    outcome, state, _review = drive("yunq", doc)
    assert outcome == "write"
    assert state.finished
    assert state.cleaned() == "It have to go.\n"
    outcome, state, _ = drive("yq", doc)
    assert state.cleaned() == "It has to go.\n"


def test_ctrl_c_asks_when_decisions_exist_and_aborts() -> None:
    outcome, state, _ = drive("y" + CTRL_C + "n" + CTRL_C + "y", article())
    assert outcome == "abort"
    assert len(state.decisions) == 1
    outcome, _, _ = drive(CTRL_C, article())  # nothing decided: no question
    assert outcome == "abort"
    outcome, _, _ = drive("yQ" + CTRL_C, article())  # a second Ctrl-C does not ask again
    assert outcome == "abort"


def test_enter_space_a_and_d_do_nothing() -> None:
    outcome, state, _ = drive(ENTER + " " + "ad" + "\n" + "q", article())
    assert outcome == "write"
    assert state.decisions == {}
    assert state.cleaned() == ARTICLE


def test_navigation_including_decided_ones_and_the_list() -> None:
    doc = article()
    # y on 1, J/K move over decided ones; K back to 1 and revise it to keep.
    _, state, _ = drive("yKnq", doc)
    assert state.cleaned() == ARTICLE
    assert state.decision(0) is not None
    # g opens the list, Down twice, Enter jumps to the third suggestion.
    _, state, _ = drive("g" + DOWN + DOWN + ENTER + "yq", doc)
    assert state.cleaned().startswith("In an order to win, the the team must secure")
    _outcome, state, _ = drive(DOWN + UP + "jyq", doc)  # arrows skip like s/k
    assert state.cleaned().startswith("In an order to win, the team")


def test_overlapping_suggestions_supersede_and_come_back_on_undo() -> None:
    doc = article("He must have to go now.\n")
    items = [
        made(doc, 3, 15, "must", rule="Test.Modal"),  # "must have to"
        made(doc, 8, 15, "", rule="Test.Drop"),  # "have to" (overlaps)
        made(doc, 19, 22, "today", rule="Test.Now"),
    ]
    _, state, _ = drive("yyq", doc, items)
    # Accepting the first supersedes the second; the cursor goes to the third.
    assert state.cleaned() == "He must go today.\n"
    assert state.state_label(1) == "superseded"
    _outcome, state, _ = drive("yunyyq", doc, items)
    assert state.cleaned() == "He must  go today.\n"


def test_add_word_to_the_vocabulary_keeps_every_occurrence() -> None:
    doc = article("Zorblatt met Zorblatt and Quux.\n")
    items = [
        made(doc, 0, 8, "Zebra", rule="Harper.SpellCheck", category="spelling"),
        made(doc, 13, 21, "Zebra", rule="Harper.SpellCheck", category="spelling"),
        made(doc, 26, 30, "Quiz", rule="Harper.SpellCheck", category="spelling"),
    ]
    _outcome, state, _ = drive("+yq", doc, items)
    assert [state.state_label(i) for i in range(3)] == ["added", "added", "accepted"]
    assert state.cleaned() == "Zorblatt met Zorblatt and Quiz.\n"


def test_view_cycles_and_help_closes_on_any_key() -> None:
    _outcome, state, review = drive("pp?xq", article())
    assert review.view.value == "original"
    assert review.mode == "review"
    assert state.decisions == {}


def test_the_screen_at_80x24_shows_everything_the_editor_needs() -> None:
    doc = article()

    async def scenario() -> tuple[str, str]:
        state = ReviewState.create(doc.text, house(doc), doc.sentences)
        review = ReviewApp(doc, state)
        with (
            create_pipe_input() as pipe,
            create_app_session(input=pipe, output=SizedOutput(24, 80)),
        ):
            app = build_app(review)
            task = asyncio.create_task(app.run_async())
            for _ in range(200):
                if app.is_running and app.renderer._last_screen is not None:
                    break
                await asyncio.sleep(0.01)
            first = screen_text(app)
            pipe.send_text("yy")
            third = await shown_when(app, "3 / 7")
            pipe.send_text("q")
            await asyncio.wait_for(task, 5)
        return first, third

    first, third = asyncio.run(scenario())
    assert "<text>:1:1" in first
    assert "1 / 7" in first
    assert "House.InAnOrderTo (rules)" in first
    assert "Use 'in order to' instead of 'In an order to'." in first
    assert "1) In an order to → In order to" in first
    assert " y  accept " in first
    assert " u " not in first  # nothing to undo yet: the key is not offered
    assert "3 / 7" in third
    assert "1) must have to → must" in third
    assert "2) must have to → has to" in third
    assert " y/1-2  accept " in third
    assert " u  undo" in third
    # The paragraph shows the earlier accepted edits in place.
    assert "In an order toIn order to win" in third.replace("\n", "")


def test_long_paragraphs_scroll_to_keep_the_span_visible() -> None:
    words = " ".join(f"word{i}" for i in range(600))
    doc = article(f"{words} It have to go. {words}\n")
    at = doc.text.index("It have")
    items = [made(doc, at, at + 7, "It has")]

    async def scenario() -> str:
        state = ReviewState.create(doc.text, items, doc.sentences)
        with (
            create_pipe_input() as pipe,
            create_app_session(input=pipe, output=SizedOutput(24, 80)),
        ):
            app = build_app(ReviewApp(doc, state))
            task = asyncio.create_task(app.run_async())
            shown = await shown_when(app, "It have")
            pipe.send_text("q")
            await asyncio.wait_for(task, 5)
        return shown

    shown = asyncio.run(scenario())
    assert "It haveIt has to go" in shown.replace("\n", "")


def test_run_review_saves_every_decision_and_resumes(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sessions = tmp_path / "sessions"

    def review(keys: str, resume: bool | None) -> tuple[str, ReviewState, int]:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            result = run_review(
                load_path(path),
                house(load_path(path)),
                resume=resume,
                session_dir=sessions,
                input=pipe,
                output=SizedOutput(),
            )
        return result.outcome, result.state, result.resumed

    outcome, state, _ = review("ynq", None)
    assert outcome == "write"
    # Asked on the first screen: y resumes, and the review goes on from item 3.
    outcome, state, resumed = review("y2q", None)
    assert resumed == 2
    assert state.cleaned().startswith("In order to win, the the team has to secure")
    # --resume restores without asking; --restart (False) starts afresh.
    outcome, state, resumed = review("q", True)
    assert resumed == 3
    outcome, state, resumed = review("q", False)
    assert (resumed, state.decisions) == (0, {})


CRASHING_REVIEW = """
import sys, time, threading
sys.path.insert(0, {tests!r})
from prompt_toolkit.input import create_pipe_input
from reviewing import SizedOutput, house
from editor.document import load_path
from editor.review import run_review
from pathlib import Path
path = Path({path!r})
with create_pipe_input() as pipe:
    pipe.send_text("yn")  # two decisions, then no q: the process is killed
    run_review(load_path(path), house(load_path(path)), session_dir=Path({sessions!r}),
               input=pipe, output=SizedOutput())
"""


def test_a_killed_review_loses_no_decision(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys
    import time

    from conftest import ROOT

    from editor.review.session import session_path

    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sessions = tmp_path / "sessions"
    script = CRASHING_REVIEW.format(
        tests=str(ROOT / "tests"), path=str(path), sessions=str(sessions)
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    journal = session_path(path, sessions)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if (
                journal.exists()
                and len(json.loads(journal.read_text(encoding="utf-8"))["decisions"]) == 2
            ):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the journal never held two decisions")
    finally:
        child.kill()  # SIGKILL: no chance to save anything more
        child.wait()
    with create_pipe_input() as pipe:
        pipe.send_text("q")
        result = run_review(
            load_path(path),
            house(load_path(path)),
            resume=True,
            session_dir=sessions,
            input=pipe,
            output=SizedOutput(),
        )
    assert result.resumed == 2
    assert result.state.cleaned().startswith("In order to win, the the team")


def test_a_changed_file_keeps_only_decisions_that_still_match(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sessions = tmp_path / "sessions"
    with create_pipe_input() as pipe:
        pipe.send_text("yyq")
        run_review(
            load_path(path),
            house(load_path(path)),
            session_dir=sessions,
            input=pipe,
            output=SizedOutput(),
        )
    # The first sentence changes: its two decisions no longer match; the rest would.
    changed = ARTICLE.replace("In an order to win,", "In an order to win big,")
    path.write_text(changed, encoding="utf-8")
    with create_pipe_input() as pipe:
        pipe.send_text("yq")
        result = run_review(
            load_path(path),
            house(load_path(path)),
            session_dir=sessions,
            input=pipe,
            output=SizedOutput(),
        )
    assert result.resumed == 0
    assert result.state.cursor == 0


def test_undo_goes_on_after_a_resume(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sessions = tmp_path / "sessions"

    def review(keys: str) -> tuple[ReviewState, str]:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            result = run_review(
                load_path(path),
                house(load_path(path)),
                resume=True,
                session_dir=sessions,
                input=pipe,
                output=SizedOutput(),
            )
        return result.state, result.outcome

    state, _ = review("yn2q")  # accept, keep, alternative: three steps
    assert len(state.decisions) == 3
    # Resumed: u takes back the alternative, then the keep, with the cursor back.
    state, _ = review("uuq")
    assert list(state.decisions.values()) == [state.decision(0)]
    assert state.cleaned().startswith("In order to win, the the team must have to")
    assert state.cursor == 1
    # The history itself was saved again: one more undo after another resume.
    state, _ = review("uq")
    assert state.decisions == {}
    state, _ = review("uq")  # nothing left to undo: nothing changes
    assert state.decisions == {}


def test_a_session_file_without_undo_history_still_resumes(tmp_path: Path) -> None:
    import json

    from editor.review.session import session_path

    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sessions = tmp_path / "sessions"
    with create_pipe_input() as pipe:
        pipe.send_text("yq")
        run_review(load_path(path), house(load_path(path)), session_dir=sessions,
                   input=pipe, output=SizedOutput())  # fmt: skip
    journal = session_path(path, sessions)
    data = json.loads(journal.read_text(encoding="utf-8"))
    assert len(data["undo"]) == 1
    del data["undo"]  # as an older copydesk wrote it
    journal.write_text(json.dumps(data), encoding="utf-8")
    with create_pipe_input() as pipe:
        pipe.send_text("uq")
        result = run_review(load_path(path), house(load_path(path)), resume=True,
                            session_dir=sessions, input=pipe, output=SizedOutput())  # fmt: skip
    assert result.resumed == 1
    assert len(result.state.decisions) == 1  # no history: u has nothing to take back


def test_the_abort_question_says_the_decisions_stay_saved() -> None:
    doc = article()

    async def asked() -> str:
        state = ReviewState.create(doc.text, house(doc), doc.sentences)
        with (
            create_pipe_input() as pipe,
            create_app_session(input=pipe, output=SizedOutput(24, 80)),
        ):
            app = build_app(ReviewApp(doc, state))
            task = asyncio.create_task(app.run_async())
            pipe.send_text("y" + CTRL_C)
            for _ in range(300):
                if "Quit without writing?" in screen_text(app):
                    break
                await asyncio.sleep(0.01)
            shown = screen_text(app)
            pipe.send_text("y")
            assert await asyncio.wait_for(task, 5) == "abort"
        return shown

    shown = asyncio.run(asked())
    assert "Quit without writing? Your 1 decision stays saved; --resume continues." in shown
    assert "Discard" not in shown
