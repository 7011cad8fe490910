"""Interactive review: decide each suggestion, then write the cleaned copy.

``state`` is the pure model, ``view`` and ``app`` the terminal screen,
``session`` the journal on disk. ``run_review`` puts them together for one
document; the caller writes the result.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.review.app import Outcome, ReviewApp, build_app
from editor.review.session import Session, session_path
from editor.review.state import Decision, ReviewState, Verdict

if TYPE_CHECKING:
    from pathlib import Path

    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from editor.document import Document
    from editor.model import Suggestion

__all__ = [
    "Check",
    "CheckCancelled",
    "Decision",
    "Progress",
    "ReviewApp",
    "ReviewResult",
    "ReviewState",
    "Verdict",
    "run_review",
]

#: Told (what is checking, paragraphs checked, paragraphs in all) as the check
#: goes on; ``0, 0`` when a stage starts.
Progress = Callable[[str, int, int], None]
#: What the caller gives instead of finished suggestions: it checks the
#: document (the review knows nothing of engines), reporting progress.
Check = Callable[[Progress], Sequence["Suggestion"]]

#: How long to wait, after a cancel, for the check to notice and clean up.
_CANCEL_WAIT = 10.0


class CheckCancelled(Exception):  # noqa: N818  (not an error: the editor asked)
    """Raised by the progress callback once the editor cancelled the review,
    so the check stops at its next report and its engines close."""


@dataclass(frozen=True, slots=True)
class ReviewResult:
    state: ReviewState
    #: ``"write"``, ``"abort"`` or ``"empty"`` (nothing to review; nothing shown
    #: or the screen closed by itself).
    outcome: Outcome
    session: Session | None
    #: How many saved decisions were restored (0 when starting afresh).
    resumed: int


def run_review(
    doc: Document,
    suggestions: Sequence[Suggestion] | Check,
    *,
    resume: bool | None = None,
    session_dir: Path | None = None,
    input: Input | None = None,  # noqa: A002
    output: Output | None = None,
) -> ReviewResult:
    """Review ``suggestions`` on ``doc`` in the terminal.

    ``suggestions`` may be a callable that checks the document: the screen
    opens at once showing its progress, it runs in a background thread, and
    the review begins when it returns (``q`` or Ctrl-C cancel it; an error it
    raises is raised here, after the screen is closed). ``resume``: ``True``
    restores a saved session, ``False`` discards it, ``None`` asks on the
    first screen when one exists. Every decision is saved at once, so nothing
    is lost however the review ends.
    """
    state = ReviewState.create(doc.text, ())
    session: Session | None = None
    saved: Session | None = None
    if doc.path is not None:
        path = session_path(doc.path, session_dir)
        saved = Session.load(path)
        session = Session(path, str(doc.path), doc.digest)
    review = ReviewApp(doc, state)
    restored = 0

    def restore(answer: bool) -> None:
        nonlocal restored
        if answer and saved is not None:
            restored = state.restore(saved.decisions, saved.ignored_rules, saved.history)
            if session is not None:
                journal()

    def journal() -> None:
        """The session file mirrors the state after every whole step."""
        assert session is not None
        session.decisions = {k: v for k, v in state.decisions.items() if k in state.ids}
        session.ignored_rules = sorted(state.ignored_rules)
        session.history = state.history()
        session.save()

    def begin(items: Sequence[Suggestion]) -> bool:
        """The suggestions are known: set up the review; ``False`` if empty."""
        state.load(items, doc.sentences)
        if not len(state):
            return False
        review.mode = "review"
        if saved is not None and saved.decisions:
            if resume is None:
                usable = sum(1 for key in saved.decisions if key in state.ids)
                changed = saved.digest != doc.digest
                review.resume_question = (
                    f"A saved review of {doc.name} has {len(saved.decisions)} decisions"
                    + (
                        f"; the file changed since, and {usable} of them still match their text"
                        if changed
                        else ""
                    )
                    + ". Resume it?"
                )
                review.mode = "resume"
                review.on_resume = restore
            else:
                restore(resume)
        if session is not None:
            state.step_listeners.append(journal)
        return True

    if not callable(suggestions):
        if not begin(suggestions):
            return ReviewResult(state, "empty", session, 0)
        outcome = build_app(review, input=input, output=output).run()
        return ReviewResult(state, outcome, session, restored)

    check = suggestions
    review.mode = "loading"
    app = build_app(review, input=input, output=output)
    cancelled = threading.Event()
    failure: list[BaseException] = []

    def progress(label: str, done: int, total: int) -> None:
        if cancelled.is_set():
            raise CheckCancelled
        review.progress = (label, done, total)
        try:
            app.invalidate()
        except RuntimeError:  # the app stopped (q, Ctrl-C) since the test above
            raise CheckCancelled from None

    def finish(items: Sequence[Suggestion] | None) -> None:
        """On the event loop: the check is over, one way or the other."""
        if not app.is_running or app.future is None or app.future.done():
            return
        if items is None:
            app.exit(result="abort")
        elif not begin(items):
            app.exit(result="empty")
        else:
            app.invalidate()

    def work(loop: asyncio.AbstractEventLoop) -> None:
        items: Sequence[Suggestion] | None = None
        try:
            items = check(progress)
        except CheckCancelled:
            return
        except BaseException as exc:  # raised again on the main thread
            failure.append(exc)
        if not cancelled.is_set() and not loop.is_closed():
            loop.call_soon_threadsafe(finish, items)

    worker: threading.Thread | None = None

    def start() -> None:
        nonlocal worker
        worker = threading.Thread(
            target=work, args=(asyncio.get_running_loop(),), name="copydesk-check", daemon=True
        )
        worker.start()

    try:
        outcome = app.run(pre_run=start)
    finally:
        cancelled.set()
        if worker is not None:
            worker.join(_CANCEL_WAIT)
    if failure:
        raise failure[0]
    return ReviewResult(state, outcome, session, restored)
