"""What the commands share: exit codes, the options every command takes and how
they become a ``Config``, consoles, notices and progress, reading inputs and
writing reports.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from editor.cache import ResultCache
from editor.checkers.registry import (
    Engines,
    configured_engines,
    house_rules,
)
from editor.config import Config, load_project_config, parse_engines
from editor.diff.model import AttributedEdit
from editor.document import Document, load_path, load_text
from editor.errors import CopydeskError, InputError, UsageError
from editor.model import Severity, Suggestion
from editor.output import write_atomic
from editor.parallel import ParallelRunner, worker_count
from editor.readability import measure
from editor.report.diffs import format_for, render_report
from editor.runner import STDIN, Expanded, Notices, Runner, expand_paths
from editor.selection import SelectorError, parse_selectors

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator, Sequence
    from typing import BinaryIO

    from editor.checkers.style import LoadedRules
    from editor.diff.model import DiffReport
    from editor.report.progress import TerminalProgress


def make_console(args: argparse.Namespace, *, stderr: bool = False) -> Console:
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


def config_from_args(args: argparse.Namespace) -> Config:
    """The config file, with this command's options on top."""
    path = getattr(args, "config", None)
    config = load_project_config(Path(path) if path else None, vale_start=_start(args))
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
        select=parse_selector_option("--select", getattr(args, "select", None)),
        ignore=parse_selector_option(
            "--ignore", [*config.ignore, *(getattr(args, "ignore", None) or ())]
        ),
        default_rules=False if getattr(args, "no_default_rules", False) else None,
        rules=(*config.rules, *(Path(p) for p in getattr(args, "rules", None) or ())),
        cache=False if getattr(args, "no_cache", False) else None,
        harper=harper_settings,
        languagetool=lt,
    )


def _start(args: argparse.Namespace) -> Path:
    """Where a Vale configuration is looked for: the first checked folder (a
    file's folder), else the working directory."""
    for name in getattr(args, "files", None) or ():
        if name != STDIN:
            path = Path(name)
            return path if path.is_dir() else path.parent
    return Path.cwd()


def expand_inputs(names: Sequence[str], config: Config) -> Expanded:
    """The files ``names`` stand for under ``config`` (a Vale project's
    sections decide which files of a folder it lints)."""
    accept = None
    if config.vale is not None:
        from editor.vale.project import file_filter

        accept = file_filter(config.vale)
    return expand_paths(names, config.files, config.exclude, accept=accept)


def report_expansion(expanded: Expanded, err: Console, notices: Notices) -> list[str]:
    """Say what a folder held that is not checked: each folder with no prose
    file (a warning, and an error of the run, returned) and each file skipped
    (a notice)."""
    errors: list[str] = []
    for folder in expanded.empty:
        errors.append(f"{folder}: {NO_FILES}")
        err.print(f"copydesk: warning: {NO_FILES} in {folder}", markup=False)
    for skipped in expanded.skipped:
        notices.add(skipped)
    return errors


def parse_selector_option(option: str, values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    try:
        return parse_selectors(values)
    except SelectorError as exc:
        raise UsageError(f"{option}: {exc}") from None


def load_house_rules(config: Config, err: Console) -> LoadedRules:
    loaded = house_rules(config)
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    return loaded


def fail_on_level(value: str) -> Severity | None:
    return None if value == "none" else Severity.parse(value)


def build_run_engines(
    config: Config, err: Console, notices: Notices | None = None, *, jobs: int = 1
) -> tuple[Engines, list[str]]:
    """The configured engines, ready to check; rule-file errors are printed and
    returned. Their notices go to ``notices`` if given (said once per run),
    else straight to ``err``. For ``jobs`` > 1 the engines are the workers'
    templates: nothing starts here that a worker starts for itself."""
    engines, loaded = configured_engines(
        config, cache=ResultCache() if config.cache else None, start=jobs == 1
    )
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    for notice in engines.notices:
        if notices is not None:
            notices.add(notice)
        else:
            err.print(f"copydesk: notice: {notice}", markup=False)
    return engines, [str(e) for e in loaded.errors]


def jobs_for(args: argparse.Namespace, config: Config, files: Sequence[str]) -> int:
    """Processes for checking ``files``: ``--jobs``, else ``jobs`` in config
    (0: one per core), never more than the files; standard input is read here."""
    if STDIN in files:
        return 1
    requested = getattr(args, "jobs", None)
    return worker_count(config.jobs if requested is None else requested, len(files))


def make_runner(
    args: argparse.Namespace,
    engines: Engines,
    config: Config,
    notices: Notices,
    jobs: int,
    progress: TerminalProgress | None,
    *,
    report_unused_suppressions: bool = False,
) -> Runner | ParallelRunner:
    """The run loop: in this process, or in ``jobs`` (same output either way)."""
    if jobs > 1:
        return ParallelRunner(
            engines,
            config,
            notices,
            jobs,
            progress=progress,
            report_unused_suppressions=report_unused_suppressions,
        )
    return Runner(
        engines,
        notices,
        progress=progress,
        stdin=stdin_stream(),
        stdin_name=stdin_name_option(args),
        report_unused_suppressions=report_unused_suppressions,
    )


def make_notices(args: argparse.Namespace, err: Console) -> Notices:
    """A run's notices: printed once each on stderr, unless ``-q``."""

    def say(text: str) -> None:
        err.print(f"copydesk: notice: {text}", markup=False)

    return Notices(None if getattr(args, "quiet", False) else say)


def make_progress(args: argparse.Namespace, err: Console) -> TerminalProgress | None:
    """A progress line on stderr when it is a terminal (not in CI, not ``-q``)."""
    quiet = getattr(args, "quiet", False)
    if quiet or os.environ.get("CI") or not sys.stderr.isatty() or err.is_dumb_terminal:
        return None
    from editor.report.progress import TerminalProgress  # rich.progress: only on a terminal

    return TerminalProgress(err)


def stdin_name_option(args: argparse.Namespace) -> str | None:
    name = getattr(args, "stdin_filename", None)
    if name is not None and STDIN not in args.files:
        raise UsageError("--stdin-filename names standard input: give '-' among the files")
    return str(name) if name else None


#: The warning for a folder given to ``check`` or ``fix`` that holds no prose.
NO_FILES = "no Markdown or text files found"


def stdin_stream() -> BinaryIO | None:
    """Standard input's bytes, for ``-`` (``None`` when there is none)."""
    return getattr(sys.stdin, "buffer", None)


def documents(names: Sequence[str], err: Console, failed: list[str]) -> Iterator[Document]:
    """Each file loaded in turn; one that cannot be read is reported in one
    line, added to ``failed``, and the others go on."""
    for name in names:
        try:
            yield load_path(Path(name))
        except CopydeskError as exc:
            err.print(f"copydesk: error: {exc}", markup=False)
            failed.append(str(exc))


def readability_pair(doc: Document, cleaned: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Readability of the prose before and after (textstat, offline)."""
    return measure(doc).to_dict(), measure(load_text(cleaned, doc.format)).to_dict()


def attributed_edit(item: Suggestion, replacement: str, decision: str) -> AttributedEdit:
    return AttributedEdit(
        item.start,
        item.end,
        replacement,
        rule=item.rule,
        source=item.source,
        message=item.message,
        decision=decision,
    )


def chosen_report_format(args: argparse.Namespace, path: Path | None) -> str:
    chosen = getattr(args, "report_format", None) or getattr(args, "format", None)
    if chosen:
        return str(chosen)
    return (format_for(path) if path else None) or "terminal"


def write_report(args: argparse.Namespace, report: DiffReport, out: Console) -> None:
    """The session's diff report, to ``--report PATH`` (format from its name)."""
    path = Path(args.report)
    fmt = chosen_report_format(args, path)
    try:
        write_atomic(path, render_report(report, fmt, context=args.context).encode("utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot write the report: {exc.strerror or exc}") from None
    out.print(f"Report ({fmt}): {path}", markup=False)
