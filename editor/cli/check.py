"""``copydesk check``: report findings, as text or in a machine format.

Each file's findings are written as soon as it is checked, in the order the
files were given, so a long run shows progress on stdout and no document is
kept once it is reported.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from editor import __version__
from editor.changes import Changes, changes_since
from editor.cli.exits import EXIT_ENGINE, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from editor.cli.options import (
    build_run_engines,
    config_from_args,
    expand_inputs,
    fail_on_level,
    jobs_for,
    make_console,
    make_notices,
    make_progress,
    make_runner,
    report_expansion,
)
from editor.discover import parse_shard, shard
from editor.errors import EngineError, UsageError
from editor.report.findings import render_statistics, render_summary, render_text
from editor.report.formats import UNMERGED_FORMATS, Checked, RunInfo, make_formatter
from editor.runner import STDIN

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from editor.dialect import Decision
    from editor.document import Document
    from editor.model import Severity, Suggestion

__all__ = ["cmd_check"]


class _Tally:
    """What the summary and the exit code need, counted as files stream by."""

    def __init__(self, fail_on: Severity | None) -> None:
        self.fail_on = fail_on
        self.files = 0
        self.counts: Counter[Severity] = Counter()
        self.fixable = 0
        self.dialects: list[Decision | None] = []
        self.rules: Counter[str] = Counter()
        self.rules_fixable: Counter[str] = Counter()
        self.failing = False

    def add(self, checked: Checked) -> None:
        self.files += 1
        self.dialects.append(checked.dialect)
        for item in checked.suggestions:
            self.counts[item.severity] += 1
            self.rules[item.rule] += 1
            if item.replacements:
                self.fixable += 1
                self.rules_fixable[item.rule] += 1
            if self.fail_on is not None and item.severity >= self.fail_on:
                self.failing = True


def _changes(args: argparse.Namespace, files: Sequence[str]) -> Changes | None:
    """What ``--changed`` (or ``--lines-changed``) compares with, if asked."""
    if not (args.changed or args.lines_changed):
        if args.base:
            raise UsageError("--base goes with --changed or --lines-changed")
        return None
    if STDIN in files:
        raise UsageError("--changed cannot check standard input")
    first = next(iter(args.files), ".")
    return changes_since(Path(first if first != STDIN else "."), args.base)


def _on_changed_lines(
    doc: Document, suggestions: tuple[Suggestion, ...], changes: Changes
) -> tuple[Suggestion, ...]:
    """The findings that touch a changed line (all of a new file's)."""
    if doc.path is None:
        return suggestions
    lines = changes.changed_lines(str(doc.path))
    if lines is None:
        return suggestions
    return tuple(
        s
        for s in suggestions
        if any(line in lines for line in range(s.line, doc.line_col(s.end)[0] + 1))
    )


def cmd_check(args: argparse.Namespace) -> int:
    out = make_console(args)
    err = make_console(args, stderr=True)
    if args.statistics and args.format not in ("text", "json"):
        raise UsageError("--statistics works with --format text or json")
    config = config_from_args(args)
    if args.format in UNMERGED_FORMATS:
        config = replace(config, merge=False)
    notices = make_notices(args, err)
    machine = args.format != "text" and not args.statistics
    formatter = make_formatter(args.format, sys.stdout) if machine else None
    expanded = expand_inputs(args.files, config)
    if args.format in UNMERGED_FORMATS:
        # Vale's --sort: files in path order, however they were given.
        expanded = replace(expanded, files=sorted(expanded.files))
    changes = _changes(args, expanded.files)
    if changes is not None:
        expanded = replace(expanded, files=[f for f in expanded.files if changes.has(f)])
    if args.shard:
        try:
            index, count = parse_shard(args.shard)
        except ValueError as exc:
            raise UsageError(f"--shard: {exc}") from None
        expanded = replace(expanded, files=shard(expanded.files, index, count))
    jobs = jobs_for(args, config, expanded.files)
    try:
        engines, errors = build_run_engines(config, err, notices, jobs=jobs)
    except EngineError as exc:
        if formatter is None:
            raise
        # Machine output is always a whole document, the failure in it.
        err.print(f"copydesk: error: {exc}", markup=False)
        formatter.start()
        formatter.finish(RunInfo(__version__, [str(exc)], notices.items))
        return exc.exit_code
    tally = _Tally(fail_on_level(config.fail_on))
    errors.extend(report_expansion(expanded, err, notices))
    engine_failed = False
    progress = make_progress(args, err)
    runner = make_runner(
        args,
        engines,
        config,
        notices,
        jobs,
        progress,
        report_unused_suppressions=args.report_unused_suppressions,
    )
    if formatter is not None:
        formatter.start()
    try:
        for outcome in runner.run(expanded.files):
            for error in outcome.errors:
                err.print(f"copydesk: error: {error}", markup=False)
            errors.extend(outcome.errors)
            engine_failed = engine_failed or outcome.engine_failed
            if outcome.run is None:
                continue
            run = outcome.run
            suggestions = run.suggestions
            if changes is not None and args.lines_changed:
                suggestions = _on_changed_lines(run.document, suggestions, changes)
            checked = Checked(run.document, suggestions, run.dialect)
            tally.add(checked)
            if formatter is not None:
                formatter.file(checked)
            elif not args.statistics:
                render_text(out, run.document, suggestions)
    finally:
        if progress is not None:
            progress.close()
        engines.close()
    if formatter is not None:
        formatter.finish(
            RunInfo(__version__, errors, notices.items, engines.statuses, tally.files, runner.names)
        )
    elif args.statistics:
        rows = [
            (rule, count, tally.rules_fixable[rule])
            for rule, count in sorted(tally.rules.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        if args.format == "json":
            payload = [{"rule": r, "count": c, "fixable": f} for r, c, f in rows]
            print(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            render_statistics(out, rows)
    # "No findings in 0 files" after an error line would read as a pass.
    if not machine and args.format == "text" and not args.quiet and (tally.files or not errors):
        render_summary(out, tally.counts, tally.files, tally.fixable, runner.names, tally.dialects)
    if engine_failed:
        return EXIT_ENGINE
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if tally.failing else EXIT_OK
