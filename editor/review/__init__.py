"""Interactive review: decide each suggestion, then write the cleaned copy.

``state`` is the pure model, ``view`` and ``app`` the terminal screen,
``session`` the journal on disk. ``run_review`` puts them together for one
document; the caller writes the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.review.app import ReviewApp, build_app
from editor.review.session import Session, session_path
from editor.review.state import Decision, ReviewState, Verdict

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from editor.document import Document
    from editor.model import Suggestion

__all__ = ["Decision", "ReviewResult", "ReviewState", "Verdict", "run_review"]


@dataclass(frozen=True, slots=True)
class ReviewResult:
    state: ReviewState
    #: ``"write"`` or ``"abort"``.
    outcome: str
    session: Session | None
    #: How many saved decisions were restored (0 when starting afresh).
    resumed: int


def run_review(
    doc: Document,
    suggestions: Sequence[Suggestion],
    *,
    resume: bool | None = None,
    session_dir: Path | None = None,
    input: Input | None = None,  # noqa: A002
    output: Output | None = None,
) -> ReviewResult:
    """Review ``suggestions`` on ``doc`` in the terminal.

    ``resume``: ``True`` restores a saved session, ``False`` discards it,
    ``None`` asks on the first screen when one exists. Every decision is saved
    at once, so nothing is lost however the review ends.
    """
    state = ReviewState.create(doc.text, suggestions, doc.sentences)
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
            restored = state.restore(saved.decisions, saved.ignored_rules)
            if session is not None:
                session.decisions = {k: v for k, v in saved.decisions.items() if k in state.ids}
                session.ignored_rules = sorted(state.ignored_rules)
                session.save()

    if saved is not None and saved.decisions:
        if resume is None:
            usable = sum(1 for key in saved.decisions if key in state.ids)
            changed = saved.digest != doc.digest
            question = (
                f"A saved review of {doc.name} has {len(saved.decisions)} decisions"
                + (
                    f"; the file changed since, and {usable} of them still match their text"
                    if changed
                    else ""
                )
                + ". Resume it?"
            )
            review.mode = "resume"
            review.resume_question = question
            review.on_resume = restore
        else:
            restore(resume)

    if session is not None:
        journal = session

        def record(key: str, decided: Decision | None) -> None:
            journal.ignored_rules = sorted(state.ignored_rules)
            journal.record(key, decided)

        state.listeners.append(record)
    app = build_app(review, input=input, output=output)
    outcome = app.run()
    return ReviewResult(state, outcome, session, restored)
