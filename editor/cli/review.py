"""``copydesk review``: decide each suggestion in the terminal."""

from __future__ import annotations

import io
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from editor.checkers.registry import (
    project_root,
)
from editor.cli.exits import EXIT_ABORTED, EXIT_OK
from editor.cli.options import (
    attributed_edit,
    build_run_engines,
    config_from_args,
    make_console,
    readability_pair,
    write_report,
)
from editor.diff.engine import from_edits
from editor.diff.model import Encoding, review_decisions
from editor.document import Document, load_path
from editor.errors import UsageError
from editor.output import write_cleaned
from editor.pipeline import CheckRun, check_document
from editor.report.summary import render_review_summary
from editor.review import Progress as ReviewProgress, ReviewResult, ReviewState, run_review
from editor.vocab import add_accepted, project_vocabulary

if TYPE_CHECKING:
    import argparse

    from editor.config import Config
    from editor.model import Suggestion


__all__ = ["cmd_review"]


def _check_one(doc: Document, config: Config, err: Console, progress: ReviewProgress) -> CheckRun:
    """Check ``doc`` for the reviewer, which runs this in the background while
    its screen shows ``progress``."""
    progress("loading the engines", 0, 0)
    engines, errors = build_run_engines(config, err)
    if errors:
        raise UsageError(f"{len(errors)} rule file(s) failed to load; fix them first")
    try:
        policy = engines.policy(doc.path)
        run = check_document(doc, engines.checkers, progress=progress, keep=policy.keep)
        return replace(run, suggestions=policy.leveled(run.suggestions, doc))
    finally:
        engines.close()


def cmd_review(args: argparse.Namespace) -> int:
    if args.output and args.in_place:
        raise UsageError("-o and --in-place exclude each other")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "review needs a terminal (stdin and stdout); to apply fixes without asking, "
            f"use: copydesk fix {args.file}"
        )
    err = make_console(args, stderr=True)
    config = config_from_args(args)
    doc = load_path(Path(args.file))
    resume = True if args.resume else (False if args.restart else None)
    # The screen opens at once and the check runs behind it: what the engines
    # print meanwhile waits here, and is said once the screen is gone.
    held = Console(file=io.StringIO(), width=err.width, no_color=err.no_color)
    runs: list[CheckRun] = []

    def check(progress: ReviewProgress) -> tuple[Suggestion, ...]:
        runs.append(_check_one(doc, config, held, progress))
        return runs[-1].suggestions

    try:
        result = run_review(doc, check, resume=resume)
    finally:
        err.file.write(held.file.getvalue())  # type: ignore[attr-defined]
        for run in runs:
            for notice in run.notices:
                err.print(f"copydesk: notice: {notice}", markup=False)
    out = make_console(args)
    if result.outcome == "empty":
        out.print(f"{args.file}: nothing to review", markup=False)
        return EXIT_OK
    return _finish_review(args, config, doc, result, out)


def _finish_review(
    args: argparse.Namespace, config: Config, doc: Document, result: ReviewResult, out: Console
) -> int:
    """Write the cleaned copy (or not, on abort: exit 130, as for an
    interrupt) and print the summary."""
    state = result.state
    if result.outcome != "write":
        saved = len(state.decisions)
        if not len(state):
            out.print("Review cancelled while checking: nothing written.", markup=False)
            return EXIT_ABORTED
        kept = (
            f"; your {saved} decision{'s stay' if saved != 1 else ' stays'} saved: "
            f"copydesk review {args.file} --resume continues"
            if saved
            else ""
        )
        out.print(f"Review aborted: nothing written{kept}.", markup=False)
        return EXIT_ABORTED
    cleaned = state.cleaned()
    written = write_cleaned(
        doc, cleaned, out=Path(args.output) if args.output else None, in_place=args.in_place
    )
    words = [state.items[i].text for i in range(len(state)) if _verdict(state, i) == "added"]
    added = add_accepted(project_vocabulary(project_root(config)), words) if words else []
    edits_by_rule = Counter(
        state.items[i].rule for i in range(len(state)) if state.edit_of(i) is not None
    )
    render_review_summary(
        out,
        counts=state.counts(),
        edits_by_rule=edits_by_rule,
        output=str(written.path),
        original=str(written.original) if written.original else None,
        note=written.note,
        vocabulary=added,
        readability=(measured := readability_pair(doc, cleaned)),
    )
    if args.report:
        attributed = [
            attributed_edit(state.items[i], edit.replacement, _verdict(state, i) or "accepted")
            for i in range(len(state))
            if (edit := state.edit_of(i)) is not None
        ]
        report = from_edits(
            doc.text,
            attributed,
            old_name=doc.name,
            new_name=str(written.path),
            decisions=review_decisions(state.counts()),
            readability=measured,
            encoding=Encoding(doc.encoding, doc.bom),
        )
        write_report(args, report, out)
    if result.session is not None and state.finished:
        result.session.delete()
    return EXIT_OK


def _verdict(state: ReviewState, index: int) -> str | None:
    decided = state.decision(index)
    return decided.verdict.value if decided else None
