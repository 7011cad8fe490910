"""Exit codes and the help text that states them: read by every command and
by the argument parser, which must stay cheap to import (``--version``,
``--help``)."""

from __future__ import annotations

import textwrap

__all__ = [
    "EXITS",
    "EXIT_ABORTED",
    "EXIT_ENGINE",
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "TOP_EPILOG",
    "epilog_for",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_ENGINE = 3
#: Interrupted (Ctrl-C), as shells report SIGINT.
EXIT_ABORTED = 130


#: Each command's exit codes, as its ``--help`` states them; the test suite
#: holds every command to the codes it can return.
EXITS = {
    "check": "0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, "
    "input, config or rule-file error, or no Markdown or text files found; 3 an engine "
    "failed (one named in --engines is unavailable or fails, or any engine crashes on "
    "a file). 3 wins over 2, either over 1; the other files are reported either way.",
    "review": "0 the cleaned copy was written, or there was nothing to review; 2 usage, "
    "input, config or rule-file error, or no terminal; 3 an engine failed; 130 aborted "
    "(Q or Ctrl-C, or q while checking): nothing written, the decisions stay saved "
    "for --resume.",
    "fix": "0 fixed, or nothing to fix; 2 usage, input, config or rule-file error, or no "
    "Markdown or text files found; 3 an engine failed on a file (named and failing, or "
    "crashed), which is left unfixed while the others are fixed.",
    "diff": "0 no differences; 1 differences; 2 usage or input error.",
    "stats": "0 every file measured; 2 usage or input error (the other files are still measured).",
    "engines": "0 always (an engine that cannot run is listed with the reason).",
    "config": "0 printed; 2 a malformed config file.",
    "rules list": "0; 2 a malformed rule file (the others are still listed).",
    "rules show": "0; 2 no such rule, or a malformed rule file.",
    "rules test": "0 every example passes; 1 an example failed; 2 a malformed rule file.",
    "languagetool fetch": "0 fetched, or already fetched; 3 Maven or Java missing, or the "
    "resolution failed.",
    "languagetool serve": "0 stopped with Ctrl-C or SIGTERM; 3 not fetched, no Java, or the "
    "server failed to start or exited.",
}


TOP_EPILOG = """\
exit codes (each command's --help has its own): 0 success; 1 check found something
at or above --fail-on, diff found differences, or a rule example failed; 2 usage,
input, config or rule-file error; 3 an engine failed; 130 review aborted or
interrupted."""


def epilog_for(command: str) -> str:
    return textwrap.fill(f"exit codes: {EXITS[command]}", width=79)
