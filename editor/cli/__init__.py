"""The ``copydesk`` command: the only place that puts the pieces together.

One module per command (``check``, ``review``, ``fix``, ``diff``, ``stats``,
``engines`` with ``languagetool``, ``rules``), the options and helpers they
share in ``options``, and the argument parser in ``parser``. Each command is
a thin function over the pipeline.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it
(or a failing rule example); 2 usage, input, config or rule-file errors, or a
folder given to ``check`` or ``fix`` with no Markdown or text files in it;
3 an engine failed: one asked for by name is unavailable or failed during the
run, or an engine crashed on a document (under ``auto``, an engine that fails
during the run is a notice instead, unless it crashed). 3 wins over 2; either
wins over 1. ``check`` and ``fix`` report every other document either way.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from editor.cli.exits import EXIT_ABORTED, EXIT_OK
from editor.cli.parser import build_parser
from editor.config import load_project_config
from editor.errors import CopydeskError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _start_harper_early(args)
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


def _start_harper_early(args: argparse.Namespace) -> None:
    """Start Harper's worker before the command loads the rest of copydesk,
    when it will surely be needed: one file to check, in this process, with
    Harper among the engines. Its load (most of a one-file check) then runs
    alongside copydesk's own start instead of after it."""
    command = getattr(args.func, "module", None)
    if command not in {"check", "fix", "review"}:
        return
    names = getattr(args, "files", None) or [getattr(args, "file", None)]
    if len(names) != 1 or not names[0] or names[0] == "-" or not Path(names[0]).is_file():
        return
    if getattr(args, "jobs", None) not in (None, 0, 1) and command != "review":
        return
    given = Path(names[0])
    config = load_project_config(
        Path(args.config) if getattr(args, "config", None) else None, vale_start=given.parent
    )
    engines = args.engines.split(",") if getattr(args, "engines", None) else config.engines
    if not {"auto", "harper"} & {e.strip() for e in engines}:
        return
    from editor.checkers.worker import shared

    with contextlib.suppress(CopydeskError):  # the engine reports it when it runs
        shared("harper").start()
