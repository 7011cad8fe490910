"""The ``copydesk`` command: the only place that puts the pieces together.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it
(or a failing rule example); 2 usage, input or rule-file errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from editor import __version__
from editor.checkers.style import LoadedRules, StyleChecker, default_rules_dir, load_rules
from editor.checkers.style.examples import check_examples
from editor.document import Document, load_path
from editor.errors import CopydeskError, UsageError
from editor.model import Severity, Suggestion
from editor.pipeline import check_document
from editor.report.findings import render_json, render_summary, render_text

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

_EPILOG = """\
exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, input or rule-file errors."""


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


def _rule_paths(args: argparse.Namespace) -> list[Path]:
    paths = [] if getattr(args, "no_default_rules", False) else [default_rules_dir()]
    paths.extend(Path(p) for p in getattr(args, "rules", None) or ())
    return paths


def _load(args: argparse.Namespace, err: Console) -> LoadedRules:
    loaded = load_rules(_rule_paths(args))
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    return loaded


def _fail_on(value: str) -> Severity | None:
    return None if value == "none" else Severity.parse(value)


def cmd_check(args: argparse.Namespace) -> int:
    out = _console(args)
    err = _console(args, stderr=True)
    loaded = _load(args, err)
    checker = StyleChecker(loaded.rules, disabled=args.disable or ())
    fail_on = _fail_on(args.fail_on)
    results: list[tuple[Document, Sequence[Suggestion]]] = []
    errors: list[str] = [str(e) for e in loaded.errors]
    notices: list[str] = []
    for name in args.files:
        try:
            doc = load_path(Path(name))
        except CopydeskError as exc:
            errors.append(str(exc))
            err.print(f"copydesk: error: {exc}", markup=False)
            continue
        run = check_document(doc, [checker])
        notices.extend(run.notices)
        results.append((doc, run.suggestions))
    for notice in notices:
        err.print(f"copydesk: notice: {notice}", markup=False)
    if args.format == "json":
        print(render_json(results, errors, notices))
    else:
        for doc, items in results:
            render_text(out, doc, items)
        if not args.quiet:
            counts = Counter(s.severity for _, items in results for s in items)
            fixable = sum(1 for _, items in results for s in items if s.replacements)
            render_summary(out, counts, len(results), fixable)
    if errors:
        return EXIT_ERROR
    failing = fail_on is not None and any(
        s.severity >= fail_on for _, items in results for s in items
    )
    return EXIT_FINDINGS if failing else EXIT_OK


def cmd_rules_list(args: argparse.Namespace) -> int:
    out = _console(args)
    loaded = _load(args, _console(args, stderr=True))
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
    loaded = _load(args, _console(args, stderr=True))
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
    for kind, examples in (("bad", info.bad), ("good", info.good)):
        for example in examples:
            line = f"  {kind}: {example.text}"
            if example.fixed is not None:
                line += f"  →  {example.fixed}"
            out.print(line, markup=False)
    return EXIT_OK


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="An editorial copy-editing assistant for plain text and Markdown.",
        epilog=_EPILOG,
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
        parents=[common, packs],
        help="check files and report findings",
        description="Check plain-text and Markdown files (.md, .markdown) against the "
        "house-style rules and report every finding with its position.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="files to check")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "suggestion", "none"),
        default="warning",
        help="lowest severity that makes the exit code 1 (default: warning)",
    )
    check.add_argument(
        "--disable", action="append", metavar="RULE", help="turn a rule off, e.g. House.InOrderTo"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    check.set_defaults(func=cmd_check)

    rules = commands.add_parser("rules", help="list, show and test rules")
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    listing = rules_commands.add_parser("list", parents=[common, packs], help="list every rule")
    listing.set_defaults(func=cmd_rules_list)
    show = rules_commands.add_parser("show", parents=[common, packs], help="show one rule")
    show.add_argument("id", metavar="ID", help="rule id, e.g. House.InAnOrderTo")
    show.set_defaults(func=cmd_rules_show)
    test = rules_commands.add_parser(
        "test", parents=[common], help="run every rule's examples (exit 1 on a failure)"
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
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    return code
