"""``copydesk rules list|show|test``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from editor.checkers.style import default_rules_dir, load_rules
from editor.checkers.style.examples import check_examples
from editor.checkers.style.schema import read_rule_file
from editor.cli.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from editor.cli.options import config_from_args, load_house_rules, make_console
from editor.errors import UsageError

if TYPE_CHECKING:
    import argparse


__all__ = ["cmd_rules_list", "cmd_rules_show", "cmd_rules_test"]


def cmd_rules_list(args: argparse.Namespace) -> int:
    out = make_console(args)
    loaded = load_house_rules(config_from_args(args), make_console(args, stderr=True))
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
    out = make_console(args)
    loaded = load_house_rules(config_from_args(args), make_console(args, stderr=True))
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
    out = make_console(args)
    paths = [Path(p) for p in args.paths] or [default_rules_dir()]
    loaded = load_rules(paths)
    err = make_console(args, stderr=True)
    for error in loaded.errors:
        err.print(f"copydesk: rule error: {error}", markup=False)
    # Vale's packages carry no examples: such a rule has nothing to test,
    # which is said once, not a failure per rule. A rule with examples of one
    # kind only still fails (it needs both).
    tested = [r for r in loaded.rules if r.info.bad or r.info.good]
    untested = len(loaded.rules) - len(tested)
    if untested:
        err.print(
            f"copydesk: notice: {untested} of {len(loaded.rules)} rules have no examples "
            "(Vale's packages carry none): nothing to test for them",
            markup=False,
        )
    failures = [f for rule in tested for f in check_examples(rule)]
    for failure in failures:
        out.print(f"FAIL {failure}", markup=False, style="red")
    examples = sum(len(r.info.bad) + len(r.info.good) for r in tested)
    verdict = "all passed" if not failures else f"{len(failures)} failed"
    out.print(f"{len(tested)} rules, {examples} examples: {verdict}.", style="bold")
    if loaded.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failures else EXIT_OK
