"""``copydesk fix``: apply safe fixes without asking."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from editor.apply import apply_edits, choose_fixes
from editor.cli.exits import EXIT_ENGINE, EXIT_ERROR, EXIT_OK
from editor.cli.options import (
    attributed_edit,
    build_run_engines,
    config_from_args,
    expand_inputs,
    jobs_for,
    make_console,
    make_notices,
    make_progress,
    make_runner,
    readability_pair,
    report_expansion,
    stdin_name_option,
    write_report,
)
from editor.diff.engine import from_edits
from editor.diff.model import Encoding
from editor.errors import UsageError
from editor.model import Edit
from editor.output import encode, write_cleaned
from editor.report.diffs import render_report
from editor.runner import STDIN

if TYPE_CHECKING:
    import argparse

    from rich.console import Console

    from editor.diff.model import DiffReport
    from editor.document import Document


__all__ = ["cmd_fix"]


def cmd_fix(args: argparse.Namespace) -> int:
    if args.output and (args.in_place or len(args.files) != 1):
        raise UsageError("-o takes one input file and excludes --in-place")
    if args.report and len(args.files) != 1:
        raise UsageError("--report takes one input file")
    out = make_console(args)
    err = make_console(args, stderr=True)
    config = config_from_args(args)
    stdin_name_option(args)  # checked before any work
    expanded = expand_inputs(args.files, config)
    if args.output and len(expanded.files) != 1:
        raise UsageError("-o takes one input file and excludes --in-place")
    if args.in_place and STDIN in expanded.files:
        raise UsageError(
            "--in-place cannot write to standard input; without it, "
            "'copydesk fix -' prints the fixed text"
        )
    notices = make_notices(args, err)
    jobs = jobs_for(args, config, expanded.files)
    engines, errors = build_run_engines(config, err, notices, jobs=jobs)
    if errors:
        engines.close()
        raise UsageError(f"{len(errors)} rule file(s) failed to load; fix them first")
    wanted = {r.lower() for r in args.rule or ()}
    failed: list[str] = []
    failed.extend(report_expansion(expanded, err, notices))
    engine_failed = False
    progress = make_progress(args, err)
    runner = make_runner(args, engines, config, notices, jobs, progress)
    try:
        for outcome in runner.run(expanded.files):
            # A document an engine failed on is not fixed: its fixes would be partial.
            unfixed = "; not fixed" if outcome.document is not None else ""
            for error in outcome.errors:
                err.print(f"copydesk: error: {error}{unfixed}", markup=False)
            failed.extend(outcome.errors)
            engine_failed = engine_failed or outcome.engine_failed
            if not outcome.ok or outcome.run is None:
                continue
            run = outcome.run
            doc = run.document
            chosen = choose_fixes(
                run.suggestions,
                rules=wanted,
                unsafe=args.unsafe,
            )
            edits = [Edit(s.start, s.end, s.replacements[0]) for s in chosen]
            cleaned = apply_edits(doc.text, edits)
            by_rule = Counter(s.rule for s in chosen)
            report = from_edits(
                doc.text,
                [attributed_edit(s, s.replacements[0], "applied") for s in chosen],
                old_name=doc.name,
                new_name=f"{doc.name} (fixed)",
                encoding=Encoding(doc.encoding, doc.bom),
            )
            if args.diff:
                out.file.write(render_report(report, "unified"))
                continue
            if outcome.from_stdin and not args.output:
                _print_fixed(args, doc, cleaned, report, err)
                continue
            if not edits:
                out.print(f"{doc.name}: nothing to fix", markup=False)
                continue
            written = write_cleaned(
                doc,
                cleaned,
                out=Path(args.output) if args.output else None,
                in_place=args.in_place,
            )
            rules = ", ".join(f"{rule} ×{n}" for rule, n in sorted(by_rule.items()))
            out.print(
                f"{doc.name}: {len(edits)} fix{'es' if len(edits) != 1 else ''} ({rules}) → {written.path}",
                markup=False,
            )
            if written.note:
                err.print(f"copydesk: notice: {written.note}", markup=False)
            if args.report:
                measured = readability_pair(doc, cleaned)
                report = replace(report, new_name=str(written.path), readability=measured)
                write_report(args, report, out)
    finally:
        if progress is not None:
            progress.close()
        engines.close()
    if engine_failed:
        return EXIT_ENGINE
    return EXIT_ERROR if failed else EXIT_OK


def _print_fixed(
    args: argparse.Namespace, doc: Document, cleaned: str, report: DiffReport, err: Console
) -> None:
    """``fix -``: the fixed text on stdout, encoded as it came, and nothing else."""
    sys.stdout.flush()
    sys.stdout.buffer.write(encode(cleaned, doc.encoding, doc.bom))
    sys.stdout.flush()
    if args.report:
        measured = readability_pair(doc, cleaned)
        write_report(args, replace(report, new_name="<stdout>", readability=measured), err)
