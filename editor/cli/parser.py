"""The argument parser: every command, its options and its help."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from editor import __version__
from editor.checkers import lt_local
from editor.cli.exits import TOP_EPILOG, epilog_for
from editor.config import DIALECT_CHOICES
from editor.report.diffs import FORMATS
from editor.report.formats import FORMATS as MACHINE_FORMATS

__all__ = ["build_parser"]


class _Command:
    """A command's function, imported when the command runs: ``--version``
    and ``--help`` load no engine, no Markdown parser and no terminal UI."""

    def __init__(self, module: str, function: str) -> None:
        self.module, self.function = module, function

    def __call__(self, args: argparse.Namespace) -> Any:
        return getattr(importlib.import_module(f"editor.cli.{self.module}"), self.function)(args)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="An editorial copy-editing assistant for plain text and Markdown.",
        epilog=TOP_EPILOG,
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
    parallel = argparse.ArgumentParser(add_help=False)
    parallel.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="files checked at once, each in its own process (default: one per core, or "
        "jobs in config; 0 also means one per core); the output is the same for any N",
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
        parents=[common, packs, engines, running, parallel],
        help="check files and report findings",
        description="Check plain-text and Markdown files (.md, .markdown) with the "
        "house-style rules and the grammar engines (Harper; LanguageTool when "
        "reachable) and report every finding with its position.",
        epilog=epilog_for("check"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "files",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files to check (default: .); a folder means the Markdown and .txt files below "
        "it that git does not ignore; - reads standard input",
    )
    check.add_argument(
        "--changed",
        action="store_true",
        help="check only the files changed since --base in this git repository (committed "
        "on the branch, staged, unstaged or untracked)",
    )
    check.add_argument(
        "--base",
        metavar="REF",
        help="what --changed compares with (default: the merge base of HEAD with the "
        "default branch)",
    )
    check.add_argument(
        "--lines-changed",
        action="store_true",
        help="report only findings on lines changed since --base (implies --changed): for "
        "pull requests",
    )
    check.add_argument(
        "--format",
        choices=("text", *MACHINE_FORMATS),
        default="text",
        help="output format (default: text): json (one document), jsonl (a finding a line), "
        "github (Actions annotations), sarif (2.1.0, code scanning), junit, rdjson "
        "(reviewdog), checkstyle, vale-line and vale-json (what vale --output=line --sort "
        "--normalize --relative and --output=JSON print: one finding per rule, unmerged)",
    )
    check.add_argument(
        "--shard",
        metavar="I/N",
        help="check only the I-th of N shares of the files (decided by a hash of each path): "
        "to fan a large repository out over N CI machines",
    )
    check.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report each suppression comment (copydesk-disable…, vale off, vale Style.Rule = "
        "NO) that silences nothing, as Copydesk.UnusedSuppression",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per rule (and how many have a fix) instead of "
        "the findings; with --format json, as JSON",
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
    check.set_defaults(func=_Command("check", "cmd_check"))

    review = commands.add_parser(
        "review",
        parents=[common, packs, engines, running],
        help="decide each suggestion in the terminal, then write a cleaned copy",
        description="Walk through every suggestion full-screen: y accept, 1-9 pick an "
        "alternative, n keep, e type your own fix, u undo, q write and quit, ? for all keys. "
        "The original is never changed unless --in-place, which keeps NAME.EXT.orig; every "
        "decision is saved at once, so --resume continues after a crash or quit.",
        epilog=epilog_for("review"),
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
    add_report_options(review)
    review.set_defaults(func=_Command("review", "cmd_review"))

    fix = commands.add_parser(
        "fix",
        parents=[common, packs, engines, running, parallel],
        help="apply every safe fix without asking",
        description="Apply the first replacement of every safe suggestion (mechanical house "
        "style), or of the named rules, without asking. Writes NAME.edited.EXT beside each "
        "file unless -o or --in-place; --diff prints the patch instead of writing.",
        epilog=epilog_for("fix"),
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
    add_report_options(fix)
    fix.set_defaults(func=_Command("fix", "cmd_fix"))

    diff = commands.add_parser(
        "diff",
        parents=[common],
        help="word-level differences between two versions of an article",
        description="Show what changed between OLD and NEW word by word, like a copy "
        "desk's marked-up proof, with readability before and after. Formats: terminal "
        "(colour, or [-deleted-]{+inserted+} without it), html (one self-contained file "
        "with track changes and side by side), markdown (for a pull-request comment), "
        "unified (a patch: patch -p0 or git apply -p0 turns OLD into NEW) and json.",
        epilog=epilog_for("diff"),
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
    diff.set_defaults(func=_Command("diff", "cmd_diff"))

    stats = commands.add_parser(
        "stats",
        parents=[common],
        help="readability figures and the hardest sentences",
        description="Flesch reading ease, Flesch–Kincaid grade, Gunning fog index, SMOG "
        "index, Coleman–Liau index, words per sentence, words, sentences and the hardest "
        "sentences of each file's prose (Markdown code and URLs excluded), computed "
        "with textstat offline.",
        epilog=epilog_for("stats"),
    )
    stats.add_argument("files", nargs="+", metavar="FILE", help="files to measure")
    stats.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    stats.add_argument(
        "--hardest", type=int, default=5, metavar="N", help="hardest sentences to list (default 5)"
    )
    stats.set_defaults(func=_Command("stats", "cmd_stats"))

    engines_cmd = commands.add_parser(
        "engines",
        parents=[common, engines],
        help="show each engine, whether it can run here, and how to enable it",
        description="List the engines (house rules, Harper, LanguageTool) with their "
        "availability, version and, for one that cannot run, why and how to enable it.",
        epilog=epilog_for("engines"),
    )
    engines_cmd.set_defaults(func=_Command("engines", "cmd_engines"))

    config_cmd = commands.add_parser(
        "config",
        parents=[common],
        help="show the configuration that applies to a file, and where each value came from",
        description="Print every setting copydesk uses (from the nearest copydesk.toml, "
        ".copydesk.toml or pyproject.toml [tool.copydesk], or --config), each with its "
        "origin: the config file or the default; for PATH, also the [[overrides]] tables "
        "that apply to it.",
        epilog=epilog_for("config"),
    )
    config_cmd.add_argument("path", nargs="?", metavar="PATH", help="a file to explain")
    config_cmd.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    config_cmd.set_defaults(func=_Command("configuration", "cmd_config"))

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
        epilog=epilog_for("languagetool fetch"),
    )
    lt_fetch.set_defaults(func=_Command("engines", "cmd_lt_fetch"))
    lt_serve = lt_commands.add_parser(
        "serve",
        parents=[common],
        help="run the fetched LanguageTool in the foreground on localhost",
        epilog=epilog_for("languagetool serve"),
    )
    lt_serve.add_argument(
        "--port", type=int, default=8081, metavar="N", help="port on 127.0.0.1 (default 8081)"
    )
    lt_serve.set_defaults(func=_Command("engines", "cmd_lt_serve"))

    rules = commands.add_parser("rules", help="list, show and test rules")
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    listing = rules_commands.add_parser(
        "list", parents=[common, packs], help="list every rule", epilog=epilog_for("rules list")
    )
    listing.set_defaults(func=_Command("rules", "cmd_rules_list"))
    show = rules_commands.add_parser(
        "show",
        parents=[common, packs],
        help="show one rule: its settings, pattern and examples",
        epilog=epilog_for("rules show"),
    )
    show.add_argument("id", metavar="ID", help="rule id, e.g. House.InAnOrderTo")
    show.set_defaults(func=_Command("rules", "cmd_rules_show"))
    test = rules_commands.add_parser(
        "test",
        parents=[common],
        help="run every rule's examples (exit 1 on a failure)",
        epilog=epilog_for("rules test"),
    )
    test.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="rule files or packs (default: the shipped House pack)",
    )
    test.set_defaults(func=_Command("rules", "cmd_rules_test"))
    return parser


def add_report_options(parser: argparse.ArgumentParser) -> None:
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
