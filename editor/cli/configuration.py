"""``copydesk config [PATH]``: the configuration that applies to a file, and
where each value came from (the config file, a matching ``[[overrides]]``
table, or copydesk's default)."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.cli.exits import EXIT_OK
from editor.cli.options import make_console
from editor.config import Config, load_project_config
from editor.policy import Policies

if TYPE_CHECKING:
    import argparse

__all__ = ["cmd_config"]

#: Fields shown through their own tables, or not settings at all.
_NOT_SHOWN = {
    "path",
    "explicit",
    "harper",
    "languagetool",
    "overrides",
    "severity",
    "vale",
    "merge",
}


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _rows(config: Config) -> list[tuple[str, Any, str]]:
    origin = str(config.path) if config.path else "default"
    rows: list[tuple[str, Any, str]] = []
    for f in fields(config):
        if f.name in _NOT_SHOWN:
            continue
        source = origin if f.name in config.explicit else "default"
        rows.append((f.name, _plain(getattr(config, f.name)), source))
    rows.append(
        (
            "severity",
            _plain(config.severity),
            origin if "severity" in config.explicit else "default",
        )
    )
    for table, settings in (("harper", config.harper), ("languagetool", config.languagetool)):
        for f in fields(settings):
            key = f"{table}.{f.name}"
            source = origin if key in config.explicit else "default"
            rows.append((key, _plain(getattr(settings, f.name)), source))
    return rows + _vale_rows(config)


def _vale_rows(config: Config) -> list[tuple[str, Any, str]]:
    """A Vale project's settings, each with the file and line that gave it."""
    vale = config.vale
    if vale is None:
        return []
    rows: list[tuple[str, Any, str]] = [
        (
            "vale.StylesPath",
            [str(p) for p in vale.styles_paths],
            vale.origins.get("StylesPath", "default"),
        ),
        (
            "vale.MinAlertLevel",
            vale.min_alert_level.label,
            vale.origins.get("MinAlertLevel", "default"),
        ),
        ("vale.Vocab", list(vale.vocab), vale.origins.get("Vocab", "default")),
        ("vale.Packages", list(vale.packages), vale.origins.get("Packages", "default")),
        ("vale.formats", dict(vale.formats), vale.origins.get("[formats]", "default")),
    ]
    for key, where in vale.origins.items():
        if key.startswith("["):
            section, _, name = key.partition(" ")
            found = next(
                (
                    s
                    for s in (vale.global_section, *vale.sections)
                    if s and f"[{s.name}]" == section
                ),
                None,
            )
            value = _section_value(found, name) if found is not None else None
            rows.append((f"vale.{key}", value, where))
    return rows


def _section_value(section: Any, name: str) -> Any:
    if name == "BasedOnStyles":
        return list(section.based_on or ())
    if name in section.levels:
        return section.levels[name].label
    if name in section.checks:
        return "YES" if section.checks[name] else "NO"
    if name in section.unset:
        return "UNSET"
    if name == "Vocab":
        return list(section.vocab)
    if name in ("BlockIgnores", "IgnorePatterns"):
        return list(section.block_ignores or ())
    if name == "TokenIgnores":
        return list(section.token_ignores or ())
    return None


def cmd_config(args: argparse.Namespace) -> int:
    out = make_console(args)
    target = Path(args.path) if args.path else None
    start = None if target is None else (target if target.is_dir() else target.parent)
    config = load_project_config(Path(args.config) if args.config else None, start=start)
    rows = _rows(config)
    applied: list[dict[str, Any]] = []
    if target is not None and config.overrides:
        policies = Policies(config)
        for index, (_, override) in enumerate(policies.overrides):
            if policies.matches(index, target):
                applied.append(
                    {
                        "table": f"overrides[{index}]",
                        "paths": list(override.paths),
                        "ignore": list(override.ignore),
                        "select": None if override.select is None else list(override.select),
                        "severity": dict(override.severity),
                    }
                )
    if args.format == "json":
        payload = {
            "file": str(config.path) if config.path else None,
            "path": args.path,
            "settings": [{"key": k, "value": v, "from": src} for k, v, src in rows],
            "overrides": applied,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    out.print(f"# config file: {config.path or 'none (defaults)'}", markup=False, highlight=False)
    for key, value, source in rows:
        out.print(
            f"{key} = {json.dumps(value, ensure_ascii=False)}  # {source}",
            markup=False,
            highlight=False,
        )
    if args.path:
        if applied:
            for item in applied:
                out.print(
                    f"# {args.path}: {item['table']} applies (paths {item['paths']}): "
                    f"ignore {item['ignore']}, select {item['select']}, severity {item['severity']}",
                    markup=False,
                    highlight=False,
                )
        else:
            out.print(
                f"# {args.path}: no [[overrides]] table applies", markup=False, highlight=False
            )
    return EXIT_OK
