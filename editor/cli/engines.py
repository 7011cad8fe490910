"""``copydesk engines`` and ``copydesk languagetool fetch|serve``."""

from __future__ import annotations

import signal
import time
from typing import TYPE_CHECKING

from editor.checkers import lt_local
from editor.checkers.languagetool import HOW_TO_ENABLE as LT_HOW_TO_ENABLE, start_fetched
from editor.checkers.registry import (
    engine_statuses,
    house_rules,
)
from editor.cli.exits import EXIT_OK
from editor.cli.options import config_from_args, make_console
from editor.errors import EngineError

if TYPE_CHECKING:
    import argparse


__all__ = ["cmd_engines", "cmd_lt_fetch", "cmd_lt_serve"]


def cmd_lt_fetch(args: argparse.Namespace) -> int:
    out = make_console(args)
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
    out = make_console(args)
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
    out = make_console(args)
    config = config_from_args(args)
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
