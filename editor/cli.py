"""The ``copydesk`` command: the only place that puts the pieces together.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it
(or a failing rule example); 2 usage, input, config or rule-file errors;
3 a grammar engine asked for by name is unavailable or failed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from editor import __version__
from editor.apply import apply_edits
from editor.cache import ResultCache
from editor.checkers.registry import Engines, build_engines, engine_statuses
from editor.checkers.style import LoadedRules, default_rules_dir, load_rules, vocabulary_rules
from editor.checkers.style.examples import check_examples
from editor.config import DIALECTS, Config, load_config, parse_engines
from editor.document import Document, load_path, load_text
from editor.errors import CopydeskError, UsageError
from editor.model import Edit, Severity, Suggestion
from editor.output import write_cleaned
from editor.pipeline import CheckRun, check_document
from editor.report.findings import render_json, render_summary, render_text
from editor.report.summary import render_review_summary
from editor.review import ReviewResult, ReviewState, run_review
from editor.vocab import Vocabulary, add_accepted, load_vocabulary, project_vocabulary

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_ENGINE = 3

_EPILOG = """\
exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, input, config or rule-file errors, 3 an engine asked for by name is
unavailable or failed (unreachable server, timeout, bad reply)."""


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
        harper_settings = replace(harper_settings, dialect=dialect)
        lt = replace(lt, language=dialect)
    return config.with_overrides(
        engines=None
        if engines is None
        else parse_engines(engines.split(","), lambda reason: UsageError(f"--engines: {reason}")),
        fail_on=getattr(args, "fail_on", None),
        disable=(*config.disable, *(getattr(args, "disable", None) or ())),
        default_rules=False if getattr(args, "no_default_rules", False) else None,
        rules=(*config.rules, *(Path(p) for p in getattr(args, "rules", None) or ())),
        cache=False if getattr(args, "no_cache", False) else None,
        harper=harper_settings,
        languagetool=lt,
    )


def _rule_paths(config: Config) -> list[Path]:
    return ([default_rules_dir()] if config.default_rules else []) + list(config.rules)


def _load(config: Config, err: Console) -> LoadedRules:
    loaded = load_rules(_rule_paths(config))
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    return loaded


def _project_root(config: Config) -> Path:
    return config.path.parent if config.path else Path.cwd()


def _vocabulary(config: Config) -> Vocabulary:
    dirs = [default_rules_dir(), *(p for p in config.rules if p.is_dir())]
    names = list(config.vocab)
    own = project_vocabulary(_project_root(config))
    if own.is_dir():
        names.append(str(own))
    return load_vocabulary(names, dirs)


def _fail_on(value: str) -> Severity | None:
    return None if value == "none" else Severity.parse(value)


def _engines(config: Config, err: Console) -> tuple[Engines, list[str]]:
    """The configured engines, ready to check; rule-file errors are printed and returned."""
    loaded = _load(config, err)
    vocabulary = _vocabulary(config)
    rules = [*loaded.rules, *vocabulary_rules(vocabulary.reject, Path("reject.txt"))]
    cache = ResultCache() if config.cache else None
    engines = build_engines(config, rules, vocabulary=vocabulary, cache=cache)
    for notice in engines.notices:
        err.print(f"copydesk: notice: {notice}", markup=False)
    return engines, [str(e) for e in loaded.errors]


def cmd_check(args: argparse.Namespace) -> int:
    out = _console(args)
    err = _console(args, stderr=True)
    config = _config(args)
    engines, errors = _engines(config, err)
    fail_on = _fail_on(config.fail_on)
    results: list[tuple[Document, Sequence[Suggestion]]] = []
    notices: list[str] = list(engines.notices)
    try:
        for name in args.files:
            try:
                doc = load_path(Path(name))
            except CopydeskError as exc:
                errors.append(str(exc))
                err.print(f"copydesk: error: {exc}", markup=False)
                continue
            run = check_document(doc, engines.checkers)
            for notice in run.notices:
                err.print(f"copydesk: notice: {notice}", markup=False)
            notices.extend(run.notices)
            results.append((doc, run.suggestions))
    finally:
        engines.close()
    if args.format == "json":
        print(render_json(results, errors, notices, engines.statuses))
    else:
        for doc, items in results:
            render_text(out, doc, items)
        if not args.quiet:
            counts = Counter(s.severity for _, items in results for s in items)
            fixable = sum(1 for _, items in results for s in items if s.replacements)
            render_summary(out, counts, len(results), fixable, engines.names)
    if errors:
        return EXIT_ERROR
    failing = fail_on is not None and any(
        s.severity >= fail_on for _, items in results for s in items
    )
    return EXIT_FINDINGS if failing else EXIT_OK


def _check_one(path: Path, config: Config, err: Console) -> tuple[Document, CheckRun]:
    engines, errors = _engines(config, err)
    if errors:
        raise UsageError(f"{len(errors)} rule file(s) failed to load; fix them first")
    try:
        doc = load_path(path)
        return doc, check_document(doc, engines.checkers)
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
    doc, run = _check_one(Path(args.file), config, err)
    resume = True if args.resume else (False if args.restart else None)
    result = run_review(doc, run.suggestions, resume=resume)
    return _finish_review(args, config, doc, result, _console(args))


def _finish_review(
    args: argparse.Namespace, config: Config, doc: Document, result: ReviewResult, out: Console
) -> int:
    """Write the cleaned copy (or not, on abort) and print the summary."""
    state = result.state
    if result.outcome != "write":
        saved = len(state.decisions)
        kept = (
            f"; your {saved} decision{'s are' if saved != 1 else ' is'} saved: "
            f"copydesk review {args.file} --resume continues"
            if saved
            else ""
        )
        out.print(f"Review aborted: nothing written{kept}.", markup=False)
        return EXIT_OK
    cleaned = state.cleaned()
    written = write_cleaned(
        doc, cleaned, out=Path(args.output) if args.output else None, in_place=args.in_place
    )
    words = [state.items[i].text for i in range(len(state)) if _verdict(state, i) == "added"]
    added = add_accepted(project_vocabulary(_project_root(config)), words) if words else []
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
        readability=_readability_pair(doc, cleaned),
    )
    if result.session is not None and state.finished:
        result.session.delete()
    return EXIT_OK


def _verdict(state: ReviewState, index: int) -> str | None:
    decided = state.decision(index)
    return decided.verdict.value if decided else None


def _readability_pair(
    doc: Document, cleaned: str
) -> tuple[dict[str, object], dict[str, object]] | None:
    """Readability before and after, when the readability extra can run."""
    try:
        from editor.readability import measure
    except ImportError:
        return None
    before = measure(doc)
    after = measure(load_text(cleaned, doc.format))
    return before.to_dict(), after.to_dict()


def cmd_fix(args: argparse.Namespace) -> int:
    if args.output and (args.in_place or len(args.files) != 1):
        raise UsageError("-o takes one input file and excludes --in-place")
    out = _console(args)
    err = _console(args, stderr=True)
    config = _config(args)
    engines, errors = _engines(config, err)
    if errors:
        raise UsageError(f"{len(errors)} rule file(s) failed to load; fix them first")
    wanted = {r.lower() for r in args.rule or ()}
    status = EXIT_OK
    try:
        for name in args.files:
            try:
                doc = load_path(Path(name))
            except CopydeskError as exc:
                err.print(f"copydesk: error: {exc}", markup=False)
                status = EXIT_ERROR
                continue
            run = check_document(doc, engines.checkers)
            chosen = choose_fixes(
                run.suggestions,
                rules=wanted,
                unsafe=args.unsafe,
            )
            edits = [Edit(s.start, s.end, s.replacements[0]) for s in chosen]
            cleaned = apply_edits(doc.text, edits)
            by_rule = Counter(s.rule for s in chosen)
            if args.diff:
                out.file.write(unified_diff(doc, cleaned))
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
    finally:
        engines.close()
    return status


def choose_fixes(
    suggestions: Sequence[Suggestion], *, rules: set[str], unsafe: bool
) -> list[Suggestion]:
    """The suggestions ``fix`` applies: safe ones (or any with ``unsafe``),
    of the named rules if any, first come first served where they overlap."""
    chosen: list[Suggestion] = []
    for s in suggestions:
        if not s.replacements or (rules and s.rule.lower() not in rules):
            continue
        if not (s.safe or unsafe):
            continue
        if chosen and s.start < chosen[-1].end:
            continue
        if chosen and s.start == s.end == chosen[-1].start == chosen[-1].end:
            continue
        chosen.append(s)
    return chosen


def unified_diff(doc: Document, cleaned: str) -> str:
    """A patch from the file to its cleaned version (``patch -p0`` applies it)."""
    import difflib

    name = doc.name
    lines = difflib.unified_diff(
        re.findall(r"[^\n]*\n|[^\n]+$", doc.text),
        re.findall(r"[^\n]*\n|[^\n]+$", cleaned),
        fromfile=name,
        tofile=name,
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def cmd_engines(args: argparse.Namespace) -> int:
    out = _console(args)
    config = _config(args)
    loaded = load_rules(_rule_paths(config))
    for status in engine_statuses(config, len(loaded.rules)):
        state = "available" if status.available else "unavailable"
        out.print(
            f"{status.name:<13} {state:<12} {status.version or '-':<9} {status.detail}",
            markup=False,
        )
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
        "--dialect", choices=DIALECTS, help="English dialect for Harper and LanguageTool"
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
        parents=[common, packs, engines],
        help="check files and report findings",
        description="Check plain-text and Markdown files (.md, .markdown) with the "
        "house-style rules and the grammar engines (Harper; LanguageTool when "
        "reachable) and report every finding with its position.",
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
        default=None,
        help="lowest severity that makes the exit code 1 (default: warning, or fail_on in config)",
    )
    check.add_argument(
        "--disable",
        action="append",
        metavar="RULE",
        help="turn a rule off, e.g. House.InOrderTo or Harper.SpellCheck (repeatable)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the engine result cache",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    check.set_defaults(func=cmd_check)

    review = commands.add_parser(
        "review",
        parents=[common, packs, engines],
        help="decide each suggestion in the terminal, then write a cleaned copy",
        description="Walk through every suggestion full-screen: y accept, 1-9 pick an "
        "alternative, n keep, e type your own fix, u undo, q write and quit, ? for all keys. "
        "The original is never changed unless --in-place, which keeps NAME.EXT.orig; every "
        "decision is saved at once, so --resume continues after a crash or quit.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    review.add_argument(
        "--disable", action="append", metavar="RULE", help="turn a rule off (repeatable)"
    )
    review.add_argument(
        "--no-cache", action="store_true", help="do not use the engine result cache"
    )
    review.set_defaults(func=cmd_review)

    fix = commands.add_parser(
        "fix",
        parents=[common, packs, engines],
        help="apply every safe fix without asking",
        description="Apply the first replacement of every safe suggestion (mechanical house "
        "style), or of the named rules, without asking. Writes NAME.edited.EXT beside each "
        "file unless -o or --in-place; --diff prints the patch instead of writing.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fix.add_argument("files", nargs="+", metavar="FILE", help="files to fix")
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
    fix.add_argument("--disable", action="append", metavar="RULE", help="turn a rule off")
    fix.add_argument("--no-cache", action="store_true", help="do not use the engine result cache")
    fix.set_defaults(func=cmd_fix)

    engines_cmd = commands.add_parser(
        "engines",
        parents=[common, engines],
        help="show each engine, whether it can run here, and how to enable it",
        description="List the engines (house rules, Harper, LanguageTool) with their "
        "availability, version and, for one that cannot run, why and how to enable it.",
    )
    engines_cmd.set_defaults(func=cmd_engines)

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
