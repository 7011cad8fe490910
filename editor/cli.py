"""The ``copydesk`` command: the only place that puts the pieces together.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it
(or a failing rule example); 2 usage, input, config or rule-file errors, or a
folder given to ``check`` or ``fix`` with no Markdown or text files in it;
3 an engine failed: one asked for by name is unavailable or failed during the
run, or an engine crashed on a document (under ``auto``, an engine that fails
during the run is a notice instead, unless it crashed). 3 wins over 2; either
wins over 1. ``check`` and ``fix`` report every other document either way.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import sys
import textwrap
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rich.console import Console

from editor import __version__
from editor.apply import apply_edits, choose_fixes
from editor.cache import ResultCache
from editor.checkers import lt_local
from editor.checkers.languagetool import HOW_TO_ENABLE as LT_HOW_TO_ENABLE, start_fetched
from editor.checkers.registry import (
    Engines,
    configured_engines,
    engine_statuses,
    house_rules,
    project_root,
)
from editor.checkers.style import LoadedRules, default_rules_dir, load_rules
from editor.checkers.style.examples import check_examples
from editor.checkers.style.schema import read_rule_file
from editor.config import DIALECT_CHOICES, Config, load_config, parse_engines
from editor.diff.engine import diff_texts, from_edits
from editor.diff.model import AttributedEdit, Encoding, review_decisions
from editor.document import Document, load_path, load_text
from editor.errors import CopydeskError, EngineError, InputError, UsageError
from editor.model import Edit, Severity, Suggestion
from editor.output import encode, write_atomic, write_cleaned
from editor.pipeline import CheckRun, check_document
from editor.readability import measure
from editor.report.diff_terminal import render_terminal
from editor.report.diffs import FORMATS, format_for, render_report
from editor.report.findings import render_json, render_summary, render_text
from editor.report.progress import TerminalProgress
from editor.report.summary import render_review_summary, render_stats
from editor.review import Progress as ReviewProgress, ReviewResult, ReviewState, run_review
from editor.runner import STDIN, Notices, Runner, expand_paths
from editor.selection import SelectorError, parse_selectors
from editor.vocab import add_accepted, project_vocabulary

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import BinaryIO

    from editor.diff.model import DiffReport

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_ENGINE = 3

EXIT_ABORTED = 130

#: Each command's exit codes, as its ``--help`` states them; the test suite
#: holds every command to the codes it can return.
_EXITS = {
    "check": "0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, "
    "input, config or rule-file error, or no Markdown or text files found; 3 an engine "
    "failed (one named in --engines is unavailable or fails, or any engine crashes on "
    "a file). 3 wins over 2, either over 1; the other files are reported either way.",
    "review": "0 the cleaned copy was written, or there was nothing to review; 2 usage, "
    "input, config or rule-file error, or no terminal; 3 an engine failed; 130 aborted "
    "(Q or Ctrl-C, or q while checking): nothing written, the decisions stay saved "
    "for --resume.",
    "fix": "0 fixed, or nothing to fix; 2 usage, input, config or rule-file error, or no "
    "Markdown or text files found; 3 an engine failed on a file (named and failing, or "
    "crashed), which is left unfixed while the others are fixed.",
    "diff": "0 no differences; 1 differences; 2 usage or input error.",
    "stats": "0 every file measured; 2 usage or input error (the other files are still measured).",
    "engines": "0 always (an engine that cannot run is listed with the reason).",
    "rules list": "0; 2 a malformed rule file (the others are still listed).",
    "rules show": "0; 2 no such rule, or a malformed rule file.",
    "rules test": "0 every example passes; 1 an example failed; 2 a malformed rule file.",
    "languagetool fetch": "0 fetched, or already fetched; 3 Maven or Java missing, or the "
    "resolution failed.",
    "languagetool serve": "0 stopped with Ctrl-C or SIGTERM; 3 not fetched, no Java, or the "
    "server failed to start or exited.",
}

_TOP_EPILOG = """\
exit codes (each command's --help has its own): 0 success; 1 check found something
at or above --fail-on, diff found differences, or a rule example failed; 2 usage,
input, config or rule-file error; 3 an engine failed; 130 review aborted or
interrupted."""


def _epilog(command: str) -> str:
    return textwrap.fill(f"exit codes: {_EXITS[command]}", width=79)


def _console(args: argparse.Namespace, *, stderr: bool = False) -> Console:
    color = getattr(args, "color", "auto")
    force = True if color == "always" else None
    no_color = color == "never" or (color == "auto" and "NO_COLOR" in os.environ)
    return Console(
        file=sys.stderr if stderr else sys.stdout,
        force_terminal=force,
        no_color=no_color,
        highlight=False,
        soft_wrap=True,
    )


def _config(args: argparse.Namespace) -> Config:
    """The config file, with this command's options on top."""
    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    engines = getattr(args, "engines", None)
    lt = config.languagetool
    server = getattr(args, "lt_server", None)
    public = getattr(args, "lt_public", False)
    if server or public:
        lt = replace(lt, server=server or lt.server, public=public or lt.public)
    harper_settings = config.harper
    dialect = getattr(args, "dialect", None)
    if dialect:
        # The command line wins over the engines' own settings too.
        harper_settings = replace(harper_settings, dialect=None)
        lt = replace(lt, language=None)
    return config.with_overrides(
        engines=None
        if engines is None
        else parse_engines(engines.split(","), lambda reason: UsageError(f"--engines: {reason}")),
        fail_on=getattr(args, "fail_on", None),
        dialect=dialect,
        disable=(*config.disable, *(getattr(args, "disable", None) or ())),
        select=_selectors("--select", getattr(args, "select", None)),
        ignore=_selectors("--ignore", [*config.ignore, *(getattr(args, "ignore", None) or ())]),
        default_rules=False if getattr(args, "no_default_rules", False) else None,
        rules=(*config.rules, *(Path(p) for p in getattr(args, "rules", None) or ())),
        cache=False if getattr(args, "no_cache", False) else None,
        harper=harper_settings,
        languagetool=lt,
    )


def _selectors(option: str, values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    try:
        return parse_selectors(values)
    except SelectorError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _load(config: Config, err: Console) -> LoadedRules:
    loaded = house_rules(config)
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    return loaded


def _fail_on(value: str) -> Severity | None:
    return None if value == "none" else Severity.parse(value)


def _engines(
    config: Config, err: Console, notices: Notices | None = None
) -> tuple[Engines, list[str]]:
    """The configured engines, ready to check; rule-file errors are printed and
    returned. Their notices go to ``notices`` if given (said once per run),
    else straight to ``err``."""
    engines, loaded = configured_engines(config, cache=ResultCache() if config.cache else None)
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    for notice in engines.notices:
        if notices is not None:
            notices.add(notice)
        else:
            err.print(f"copydesk: notice: {notice}", markup=False)
    return engines, [str(e) for e in loaded.errors]


def _notices(args: argparse.Namespace, err: Console) -> Notices:
    """A run's notices: printed once each on stderr, unless ``-q``."""

    def say(text: str) -> None:
        err.print(f"copydesk: notice: {text}", markup=False)

    return Notices(None if getattr(args, "quiet", False) else say)


def _progress(args: argparse.Namespace, err: Console) -> TerminalProgress | None:
    """A progress line on stderr when it is a terminal (not in CI, not ``-q``)."""
    quiet = getattr(args, "quiet", False)
    if quiet or os.environ.get("CI") or not sys.stderr.isatty() or err.is_dumb_terminal:
        return None
    return TerminalProgress(err)


def _stdin_name(args: argparse.Namespace) -> str | None:
    name = getattr(args, "stdin_filename", None)
    if name is not None and STDIN not in args.files:
        raise UsageError("--stdin-filename names standard input: give '-' among the files")
    return str(name) if name else None


def cmd_check(args: argparse.Namespace) -> int:
    out = _console(args)
    err = _console(args, stderr=True)
    config = _config(args)
    stdin_name = _stdin_name(args)
    notices = _notices(args, err)
    try:
        engines, errors = _engines(config, err, notices)
    except EngineError as exc:
        if args.format != "json":
            raise
        # Machine output is always a whole document, the failure under "errors".
        err.print(f"copydesk: error: {exc}", markup=False)
        print(render_json([], [str(exc)], notices.items))
        return exc.exit_code
    fail_on = _fail_on(config.fail_on)
    results: list[CheckRun] = []
    expanded = expand_paths(args.files)
    for folder in expanded.empty:
        errors.append(f"{folder}: {_NO_FILES}")
        err.print(f"copydesk: warning: {_NO_FILES} in {folder}", markup=False)
    engine_failed = False
    progress = _progress(args, err)
    runner = Runner(engines, notices, progress=progress, stdin=_stdin(), stdin_name=stdin_name)
    try:
        for outcome in runner.run(expanded.files):
            for error in outcome.errors:
                err.print(f"copydesk: error: {error}", markup=False)
            errors.extend(outcome.errors)
            engine_failed = engine_failed or outcome.engine_failed
            if outcome.run is not None:
                results.append(outcome.run)
    finally:
        if progress is not None:
            progress.close()
        engines.close()
    if args.format == "json":
        checked = [(run.document, run.suggestions, run.dialect) for run in results]
        print(render_json(checked, errors, notices.items, engines.statuses))
    else:
        for run in results:
            render_text(out, run.document, run.suggestions)
        # "No findings in 0 files" after an error line would read as a pass.
        if not args.quiet and (results or not errors):
            counts = Counter(s.severity for run in results for s in run.suggestions)
            fixable = sum(1 for run in results for s in run.suggestions if s.replacements)
            dialects = [run.dialect for run in results]
            render_summary(out, counts, len(results), fixable, runner.names, dialects)
    if engine_failed:
        return EXIT_ENGINE
    if errors:
        return EXIT_ERROR
    failing = fail_on is not None and any(
        s.severity >= fail_on for run in results for s in run.suggestions
    )
    return EXIT_FINDINGS if failing else EXIT_OK


#: The warning for a folder given to ``check`` or ``fix`` that holds no prose.
_NO_FILES = "no Markdown or text files found"


def _stdin() -> BinaryIO | None:
    """Standard input's bytes, for ``-`` (``None`` when there is none)."""
    return getattr(sys.stdin, "buffer", None)


def _documents(names: Sequence[str], err: Console, failed: list[str]) -> Iterator[Document]:
    """Each file loaded in turn; one that cannot be read is reported in one
    line, added to ``failed``, and the others go on."""
    for name in names:
        try:
            yield load_path(Path(name))
        except CopydeskError as exc:
            err.print(f"copydesk: error: {exc}", markup=False)
            failed.append(str(exc))


def _check_one(doc: Document, config: Config, err: Console, progress: ReviewProgress) -> CheckRun:
    """Check ``doc`` for the reviewer, which runs this in the background while
    its screen shows ``progress``."""
    progress("loading the engines", 0, 0)
    engines, errors = _engines(config, err)
    if errors:
        raise UsageError(f"{len(errors)} rule file(s) failed to load; fix them first")
    try:
        return check_document(doc, engines.checkers, progress=progress, keep=engines.selection.keep)
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
    err = _console(args, stderr=True)
    config = _config(args)
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
    out = _console(args)
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
        readability=(measured := _readability_pair(doc, cleaned)),
    )
    if args.report:
        attributed = [
            _attributed(state.items[i], edit.replacement, _verdict(state, i) or "accepted")
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
        _write_report(args, report, out)
    if result.session is not None and state.finished:
        result.session.delete()
    return EXIT_OK


def _verdict(state: ReviewState, index: int) -> str | None:
    decided = state.decision(index)
    return decided.verdict.value if decided else None


def _readability_pair(doc: Document, cleaned: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Readability of the prose before and after (textstat, offline)."""
    return measure(doc).to_dict(), measure(load_text(cleaned, doc.format)).to_dict()


def cmd_fix(args: argparse.Namespace) -> int:
    if args.output and (args.in_place or len(args.files) != 1):
        raise UsageError("-o takes one input file and excludes --in-place")
    if args.report and len(args.files) != 1:
        raise UsageError("--report takes one input file")
    out = _console(args)
    err = _console(args, stderr=True)
    config = _config(args)
    stdin_name = _stdin_name(args)
    expanded = expand_paths(args.files)
    if args.output and len(expanded.files) != 1:
        raise UsageError("-o takes one input file and excludes --in-place")
    if args.in_place and STDIN in expanded.files:
        raise UsageError(
            "--in-place cannot write to standard input; without it, "
            "'copydesk fix -' prints the fixed text"
        )
    notices = _notices(args, err)
    engines, errors = _engines(config, err, notices)
    if errors:
        engines.close()
        raise UsageError(f"{len(errors)} rule file(s) failed to load; fix them first")
    wanted = {r.lower() for r in args.rule or ()}
    failed: list[str] = []
    for folder in expanded.empty:
        failed.append(f"{folder}: {_NO_FILES}")
        err.print(f"copydesk: warning: {_NO_FILES} in {folder}", markup=False)
    engine_failed = False
    progress = _progress(args, err)
    runner = Runner(engines, notices, progress=progress, stdin=_stdin(), stdin_name=stdin_name)
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
                [_attributed(s, s.replacements[0], "applied") for s in chosen],
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
                measured = _readability_pair(doc, cleaned)
                report = replace(report, new_name=str(written.path), readability=measured)
                _write_report(args, report, out)
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
        measured = _readability_pair(doc, cleaned)
        _write_report(args, replace(report, new_name="<stdout>", readability=measured), err)


def _attributed(item: Suggestion, replacement: str, decision: str) -> AttributedEdit:
    return AttributedEdit(
        item.start,
        item.end,
        replacement,
        rule=item.rule,
        source=item.source,
        message=item.message,
        decision=decision,
    )


def _report_format(args: argparse.Namespace, path: Path | None) -> str:
    chosen = getattr(args, "report_format", None) or getattr(args, "format", None)
    if chosen:
        return str(chosen)
    return (format_for(path) if path else None) or "terminal"


def _write_report(args: argparse.Namespace, report: DiffReport, out: Console) -> None:
    """The session's diff report, to ``--report PATH`` (format from its name)."""
    path = Path(args.report)
    fmt = _report_format(args, path)
    try:
        write_atomic(path, render_report(report, fmt, context=args.context).encode("utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot write the report: {exc.strerror or exc}") from None
    out.print(f"Report ({fmt}): {path}", markup=False)


def cmd_diff(args: argparse.Namespace) -> int:
    old, new = load_path(Path(args.old)), load_path(Path(args.new))
    measured = None if args.no_stats else (measure(old).to_dict(), measure(new).to_dict())
    report = diff_texts(
        old.text,
        new.text,
        old_name=args.old,
        new_name=args.new,
        readability=measured,
        old_encoding=Encoding(old.encoding, old.bom),
        new_encoding=Encoding(new.encoding, new.bom),
    )
    output = Path(args.output) if args.output else None
    fmt = _report_format(args, output)
    if output is not None:
        try:
            write_atomic(output, render_report(report, fmt, context=args.context).encode("utf-8"))
        except OSError as exc:
            raise InputError(output, f"cannot write: {exc.strerror or exc}") from None
    elif fmt == "terminal":
        render_terminal(_console(args), report, context=args.context)
    else:
        sys.stdout.write(render_report(report, fmt, context=args.context))
    return EXIT_FINDINGS if report.changed else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    out = _console(args)
    err = _console(args, stderr=True)
    failed: list[str] = []
    results = [
        (doc.name, measure(doc, hardest=args.hardest).to_dict())
        for doc in _documents(args.files, err, failed)
    ]
    if args.format == "json":
        payload = [{"path": name, **figures} for name, figures in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for name, figures in results:
            render_stats(out, name, figures)
    return EXIT_ERROR if failed else EXIT_OK


def cmd_lt_fetch(args: argparse.Namespace) -> int:
    out = _console(args)
    started = time.monotonic()
    install, fetched = lt_local.fetch()
    size = sum(f.stat().st_size for f in (install.folder / "lib").glob("*.jar")) / 1024 / 1024
    if fetched:
        took = time.monotonic() - started
        out.print(
            f"Fetched LanguageTool {install.version} ({size:,.0f} MB) into {install.folder} "
            f"in {took:.0f} s; 'copydesk languagetool serve' runs it, and under --engines auto "
            "copydesk starts it when needed",
            markup=False,
        )
    else:
        out.print(
            f"LanguageTool {install.version} is already fetched in {install.folder}", markup=False
        )
    return EXIT_OK


def cmd_lt_serve(args: argparse.Namespace) -> int:
    out = _console(args)
    started = time.monotonic()
    server = start_fetched(args.port)

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        out.print(
            f"LanguageTool {lt_local.VERSION} at {server.url} (started in "
            f"{time.monotonic() - started:.1f} s, {server.memory_mb():,.0f} MB; "
            f"set COPYDESK_LT_SERVER={server.url} elsewhere; Ctrl-C stops it)",
            markup=False,
        )
        code = server.process.wait()
        raise EngineError("languagetool", f"the server exited with code {code}")
    except KeyboardInterrupt:
        out.print("LanguageTool stopped.", markup=False)
        return EXIT_OK
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()


def cmd_engines(args: argparse.Namespace) -> int:
    out = _console(args)
    config = _config(args)
    loaded = house_rules(config)
    statuses = engine_statuses(config, len(loaded.rules))
    for status in statuses:
        state = "available" if status.available else "unavailable"
        out.print(
            f"{status.name:<13} {state:<12} {status.version or '-':<9} {status.detail}",
            markup=False,
        )
    if any(s.name == "languagetool" and not s.available for s in statuses):
        out.print()
        out.print(LT_HOW_TO_ENABLE, markup=False)
    return EXIT_OK


def cmd_rules_list(args: argparse.Namespace) -> int:
    out = _console(args)
    loaded = _load(_config(args), _console(args, stderr=True))
    for rule in sorted(loaded.rules, key=lambda r: r.info.id):
        info = rule.info
        out.print(
            f"{info.id:<32} {info.extends:<14} {info.severity.label:<10} "
            f"{info.category or '-':<14} {info.message}",
            markup=False,
        )
    out.print(f"{len(loaded.rules)} rules", style="bold")
    return EXIT_ERROR if loaded.errors else EXIT_OK


def cmd_rules_show(args: argparse.Namespace) -> int:
    out = _console(args)
    loaded = _load(_config(args), _console(args, stderr=True))
    matches = [r for r in loaded.rules if r.info.id.lower() == args.id.lower()]
    if not matches:
        raise UsageError(f"no rule {args.id!r} (see 'copydesk rules list')")
    info = matches[0].info
    rows = [
        ("rule", info.id),
        ("type", info.extends),
        ("level", info.severity.label),
        ("category", info.category or "-"),
        ("scope", ", ".join(info.scope)),
        ("safe fix", "yes" if info.safe else "no"),
        ("message", info.message),
        ("description", info.description or "-"),
        ("link", info.link or "-"),
        ("file", str(info.path)),
    ]
    for key, value in rows:
        out.print(f"{key + ':':<13}{value}", markup=False)
    pattern = _rule_pattern(info.path)
    if pattern:
        out.print("pattern:", markup=False)
        for line in pattern.splitlines():
            out.print(f"  {line}", markup=False)
    if info.bad or info.good:
        out.print("examples:", markup=False)
    for kind, examples in (("bad", info.bad), ("good", info.good)):
        for example in examples:
            line = f"  {kind}: {example.text}"
            if example.fixed is not None:
                line += f"  →  {example.fixed}"
            out.print(line, markup=False)
    return EXIT_OK


#: Rule keys ``rules show`` prints in its table; the rest (tokens, swap,
#: ignorecase, nonword, first/second, …) are the rule's pattern.
_SHOWN_KEYS = frozenset(
    ["extends", "message", "description", "level", "category", "scope", "safe", "link", "examples"]
)


def _rule_pattern(path: Path) -> str:
    """The matching part of a rule file, as YAML in the file's own key order
    (empty for rules not defined in a YAML file, such as reject.txt terms)."""
    if path.suffix.lower() not in {".yml", ".yaml"}:
        return ""
    node = read_rule_file(path)
    pattern = {k: v for k, v in node.data.items() if k not in _SHOWN_KEYS}
    if not pattern:
        return ""
    return yaml.safe_dump(pattern, allow_unicode=True, sort_keys=False, width=88).rstrip()


def cmd_rules_test(args: argparse.Namespace) -> int:
    out = _console(args)
    paths = [Path(p) for p in args.paths] or [default_rules_dir()]
    loaded = load_rules(paths)
    err = _console(args, stderr=True)
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    failures = [f for rule in loaded.rules for f in check_examples(rule)]
    for failure in failures:
        out.print(f"FAIL {failure}", markup=False, style="red")
    examples = sum(len(r.info.bad) + len(r.info.good) for r in loaded.rules)
    verdict = "all passed" if not failures else f"{len(failures)} failed"
    out.print(f"{len(loaded.rules)} rules, {examples} examples: {verdict}.", style="bold")
    if loaded.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failures else EXIT_OK


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--report",
        metavar="PATH",
        help="write a diff report of what changed, with the rule and decision for each change "
        "(format from the suffix: .html, .md, .patch, .json, .txt)",
    )
    parser.add_argument(
        "--report-format", choices=FORMATS, help="report format, whatever the suffix"
    )
    parser.add_argument(
        "--context",
        type=int,
        default=1,
        metavar="N",
        help="unchanged paragraphs around each change in the report (default 1)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="An editorial copy-editing assistant for plain text and Markdown.",
        epilog=_TOP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output (default: auto; NO_COLOR turns it off)",
    )
    common.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: the nearest copydesk.toml, .copydesk.toml or "
        "pyproject.toml with [tool.copydesk], from the working directory up)",
    )
    engines = argparse.ArgumentParser(add_help=False)
    engines.add_argument(
        "--engines",
        metavar="LIST",
        help="comma-separated engines: rules,harper,languagetool; 'auto' (default) uses "
        "rules and Harper always and LanguageTool when it is reachable",
    )
    engines.add_argument(
        "--lt-server",
        metavar="URL",
        help="LanguageTool server to use, e.g. http://localhost:8081 "
        "(also languagetool.server in config, or COPYDESK_LT_SERVER)",
    )
    engines.add_argument(
        "--lt-public",
        action="store_true",
        help="use the public LanguageTool API at languagetool.org (sends your text to a third party)",
    )
    engines.add_argument(
        "--dialect",
        choices=DIALECT_CHOICES,
        help="English the spelling engines check: auto (default: each document in the "
        "variety its spelling shows) or a fixed one",
    )
    running = argparse.ArgumentParser(add_help=False)
    running.add_argument(
        "--select",
        action="append",
        metavar="SELECTORS",
        help="report only these: rule ids, globs ('Harper.*'), style names (House), "
        "engines, categories (spelling, grammar, …) or the groups correctness and style; "
        "comma-separated, repeatable; replaces the config's select",
    )
    running.add_argument(
        "--ignore",
        action="append",
        metavar="SELECTORS",
        help="do not report these (same kinds as --select; the more specific selector "
        "wins); added to the config's ignore",
    )
    running.add_argument(
        "--disable",
        action="append",
        metavar="RULE",
        help="turn a rule off, e.g. House.InOrderTo or Harper.SpellCheck (repeatable)",
    )
    running.add_argument(
        "--no-cache", action="store_true", help="do not read or write the engine result cache"
    )
    packs = argparse.ArgumentParser(add_help=False)
    packs.add_argument(
        "--rules",
        action="append",
        metavar="PATH",
        help="extra rule pack: a rule file, a pack folder or a folder of packs (repeatable)",
    )
    packs.add_argument(
        "--no-default-rules", action="store_true", help="do not load the shipped House pack"
    )

    check = commands.add_parser(
        "check",
        parents=[common, packs, engines, running],
        help="check files and report findings",
        description="Check plain-text and Markdown files (.md, .markdown) with the "
        "house-style rules and the grammar engines (Harper; LanguageTool when "
        "reachable) and report every finding with its position.",
        epilog=_epilog("check"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="PATH",
        help="files to check; a folder means the Markdown and .txt files below it; "
        "- reads standard input",
    )
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "suggestion", "none"),
        default=None,
        help="lowest severity that makes the exit code 1 (default: warning, or fail_on in config)",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="no summary line, notices or progress"
    )
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="name for standard input ('-') in the output; its suffix picks Markdown or text "
        "(default: <stdin>, plain text)",
    )
    check.set_defaults(func=cmd_check)

    review = commands.add_parser(
        "review",
        parents=[common, packs, engines, running],
        help="decide each suggestion in the terminal, then write a cleaned copy",
        description="Walk through every suggestion full-screen: y accept, 1-9 pick an "
        "alternative, n keep, e type your own fix, u undo, q write and quit, ? for all keys. "
        "The original is never changed unless --in-place, which keeps NAME.EXT.orig; every "
        "decision is saved at once, so --resume continues after a crash or quit.",
        epilog=_epilog("review"),
    )
    review.add_argument("file", metavar="FILE", help="the article to review")
    where = review.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the cleaned copy here (default: NAME.edited.EXT)",
    )
    where.add_argument(
        "--in-place", action="store_true", help="overwrite FILE, keeping the original as FILE.orig"
    )
    again = review.add_mutually_exclusive_group()
    again.add_argument(
        "--resume", action="store_true", help="continue a saved review without asking"
    )
    again.add_argument(
        "--restart", action="store_true", help="discard a saved review and start afresh"
    )
    _report_options(review)
    review.set_defaults(func=cmd_review)

    fix = commands.add_parser(
        "fix",
        parents=[common, packs, engines, running],
        help="apply every safe fix without asking",
        description="Apply the first replacement of every safe suggestion (mechanical house "
        "style), or of the named rules, without asking. Writes NAME.edited.EXT beside each "
        "file unless -o or --in-place; --diff prints the patch instead of writing.",
        epilog=_epilog("fix"),
    )
    fix.add_argument(
        "files",
        nargs="+",
        metavar="PATH",
        help="files to fix; a folder means its prose files; - reads standard input and "
        "prints the fixed text",
    )
    fix_where = fix.add_mutually_exclusive_group()
    fix_where.add_argument("-o", "--output", metavar="OUT", help="output file (one input only)")
    fix_where.add_argument(
        "--in-place", action="store_true", help="overwrite each file, keeping FILE.orig"
    )
    fix_where.add_argument(
        "--diff", action="store_true", help="print a unified diff; write nothing"
    )
    fix.add_argument(
        "--rule", action="append", metavar="ID", help="only fixes from this rule (repeatable)"
    )
    fix.add_argument(
        "--unsafe",
        action="store_true",
        help="also apply first replacements that are not marked safe (grammar-engine fixes)",
    )
    fix.add_argument("-q", "--quiet", action="store_true", help="no notices or progress")
    fix.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="name for standard input ('-'); its suffix picks Markdown or text "
        "(default: <stdin>, plain text)",
    )
    _report_options(fix)
    fix.set_defaults(func=cmd_fix)

    diff = commands.add_parser(
        "diff",
        parents=[common],
        help="word-level differences between two versions of an article",
        description="Show what changed between OLD and NEW word by word, like a copy "
        "desk's marked-up proof, with readability before and after. Formats: terminal "
        "(colour, or [-deleted-]{+inserted+} without it), html (one self-contained file "
        "with track changes and side by side), markdown (for a pull-request comment), "
        "unified (a patch: patch -p0 or git apply -p0 turns OLD into NEW) and json.",
        epilog=_epilog("diff"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("old", metavar="OLD", help="the original")
    diff.add_argument("new", metavar="NEW", help="the edited version")
    diff.add_argument(
        "--format", choices=FORMATS, help="output format (default: from -o's suffix, else terminal)"
    )
    diff.add_argument("-o", "--output", metavar="OUT", help="write the report here")
    diff.add_argument(
        "--context",
        type=int,
        default=1,
        metavar="N",
        help="unchanged paragraphs shown around each change (default 1)",
    )
    diff.add_argument("--no-stats", action="store_true", help="leave readability out of the report")
    diff.set_defaults(func=cmd_diff)

    stats = commands.add_parser(
        "stats",
        parents=[common],
        help="readability figures and the hardest sentences",
        description="Flesch reading ease, Flesch–Kincaid grade, Gunning fog index, SMOG "
        "index, Coleman–Liau index, words per sentence, words, sentences and the hardest "
        "sentences of each file's prose (Markdown code and URLs excluded), computed "
        "with textstat offline.",
        epilog=_epilog("stats"),
    )
    stats.add_argument("files", nargs="+", metavar="FILE", help="files to measure")
    stats.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    stats.add_argument(
        "--hardest", type=int, default=5, metavar="N", help="hardest sentences to list (default 5)"
    )
    stats.set_defaults(func=cmd_stats)

    engines_cmd = commands.add_parser(
        "engines",
        parents=[common, engines],
        help="show each engine, whether it can run here, and how to enable it",
        description="List the engines (house rules, Harper, LanguageTool) with their "
        "availability, version and, for one that cannot run, why and how to enable it.",
        epilog=_epilog("engines"),
    )
    engines_cmd.set_defaults(func=cmd_engines)

    lt = commands.add_parser(
        "languagetool",
        help="fetch and run a local LanguageTool server (needs Maven and Java 17+)",
        description="A LanguageTool of copydesk's own: 'fetch' resolves LanguageTool "
        f"{lt_local.VERSION} (server and English, LGPL-2.1) from Maven Central with Maven "
        "into copydesk's cache folder; 'serve' runs it on localhost. Nothing else ever "
        "downloads it; once fetched, --engines auto starts it when a check needs it.",
    )
    lt_commands = lt.add_subparsers(dest="lt_command", metavar="ACTION", required=True)
    lt_fetch = lt_commands.add_parser(
        "fetch",
        parents=[common],
        help="resolve the pinned LanguageTool with Maven (idempotent)",
        epilog=_epilog("languagetool fetch"),
    )
    lt_fetch.set_defaults(func=cmd_lt_fetch)
    lt_serve = lt_commands.add_parser(
        "serve",
        parents=[common],
        help="run the fetched LanguageTool in the foreground on localhost",
        epilog=_epilog("languagetool serve"),
    )
    lt_serve.add_argument(
        "--port", type=int, default=8081, metavar="N", help="port on 127.0.0.1 (default 8081)"
    )
    lt_serve.set_defaults(func=cmd_lt_serve)

    rules = commands.add_parser("rules", help="list, show and test rules")
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    listing = rules_commands.add_parser(
        "list", parents=[common, packs], help="list every rule", epilog=_epilog("rules list")
    )
    listing.set_defaults(func=cmd_rules_list)
    show = rules_commands.add_parser(
        "show",
        parents=[common, packs],
        help="show one rule: its settings, pattern and examples",
        epilog=_epilog("rules show"),
    )
    show.add_argument("id", metavar="ID", help="rule id, e.g. House.InAnOrderTo")
    show.set_defaults(func=cmd_rules_show)
    test = rules_commands.add_parser(
        "test",
        parents=[common],
        help="run every rule's examples (exit 1 on a failure)",
        epilog=_epilog("rules test"),
    )
    test.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="rule files or packs (default: the shipped House pack)",
    )
    test.set_defaults(func=cmd_rules_test)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except CopydeskError as exc:
        print(f"copydesk: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("copydesk: interrupted", file=sys.stderr)
        return EXIT_ABORTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    return code
