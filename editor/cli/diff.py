"""``copydesk diff``: what changed between two versions, word by word."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from editor.cli.exits import EXIT_FINDINGS, EXIT_OK
from editor.cli.options import chosen_report_format, make_console
from editor.diff.engine import diff_texts
from editor.diff.model import Encoding
from editor.document import load_path
from editor.errors import InputError
from editor.output import write_atomic
from editor.readability import measure
from editor.report.diff_terminal import render_terminal
from editor.report.diffs import render_report

if TYPE_CHECKING:
    import argparse


__all__ = ["cmd_diff"]


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
    fmt = chosen_report_format(args, output)
    if output is not None:
        try:
            write_atomic(output, render_report(report, fmt, context=args.context).encode("utf-8"))
        except OSError as exc:
            raise InputError(output, f"cannot write: {exc.strerror or exc}") from None
    elif fmt == "terminal":
        render_terminal(make_console(args), report, context=args.context)
    else:
        sys.stdout.write(render_report(report, fmt, context=args.context))
    return EXIT_FINDINGS if report.changed else EXIT_OK
