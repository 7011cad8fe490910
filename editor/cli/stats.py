"""``copydesk stats``: readability figures per file."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from editor.cli.exits import EXIT_ERROR, EXIT_OK
from editor.cli.options import documents, make_console
from editor.readability import measure
from editor.report.summary import render_stats

if TYPE_CHECKING:
    import argparse


__all__ = ["cmd_stats"]


def cmd_stats(args: argparse.Namespace) -> int:
    out = make_console(args)
    err = make_console(args, stderr=True)
    failed: list[str] = []
    results = [
        (doc.name, measure(doc, hardest=args.hardest).to_dict())
        for doc in documents(args.files, err, failed)
    ]
    if args.format == "json":
        payload = [{"path": name, **figures} for name, figures in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for name, figures in results:
            render_stats(out, name, figures)
    return EXIT_ERROR if failed else EXIT_OK
