"""``copydesk check --format``: one module per output format, one interface.

A format is a class with three methods, called as the run goes: ``start``
once, ``file`` for each checked file as soon as it is done (in the order the
files were given), and ``finish`` once with what the run has to say about
itself. Each writes to the stream it was made with, so output streams file
by file and no format holds every document. A new format is one module and
one line in ``FORMATS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from editor.dialect import Decision
    from editor.document import Document
    from editor.model import EngineStatus, Suggestion

__all__ = ["FORMATS", "UNMERGED_FORMATS", "Checked", "Formatter", "RunInfo", "make_formatter"]


@dataclass(frozen=True, slots=True)
class Checked:
    """One checked file, as the formats see it."""

    document: Document
    suggestions: tuple[Suggestion, ...]
    #: The dialect its spelling was checked in (``None``: no spelling engine).
    dialect: Decision | None = None

    @property
    def path(self) -> str:
        """The file's name as given, with forward slashes (for URIs)."""
        return self.document.name.replace("\\", "/")

    def end_line_col(self, item: Suggestion) -> tuple[int, int]:
        """1-based line and column (characters) just past ``item``'s span."""
        return self.document.line_col(item.end)


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What the run says about itself once every file is done."""

    version: str
    errors: Sequence[str] = ()
    notices: Sequence[str] = ()
    engines: Sequence[EngineStatus] = ()
    #: Files checked (a file that could not be read is in ``errors``).
    files: int = 0
    engine_names: Sequence[str] = field(default_factory=tuple)


class Formatter(Protocol):
    def start(self) -> None: ...

    def file(self, checked: Checked) -> None: ...

    def finish(self, run: RunInfo) -> None: ...


#: The machine formats by name, each a module of this package and its class,
#: imported only when chosen (``text`` is rich's, in ``editor.report.findings``).
_MODULES: dict[str, tuple[str, str]] = {
    "json": ("json", "JsonFormatter"),
    "jsonl": ("json_lines", "JsonLinesFormatter"),
    "github": ("github", "GithubFormatter"),
    "sarif": ("sarif", "SarifFormatter"),
    "junit": ("junit", "JunitFormatter"),
    "rdjson": ("rdjson", "RdjsonFormatter"),
    "checkstyle": ("checkstyle", "CheckstyleFormatter"),
    "vale-line": ("vale", "ValeLineFormatter"),
    "vale-json": ("vale", "ValeJsonFormatter"),
}
#: Formats that print one finding per rule and match, unmerged (Vale's).
UNMERGED_FORMATS = frozenset({"vale-line", "vale-json"})
FORMATS = tuple(_MODULES)


def make_formatter(name: str, out: TextIO) -> Formatter:
    module, cls = _MODULES[name]
    made: Callable[[TextIO], Formatter] = getattr(
        importlib.import_module(f"{__name__}.{module}"), cls
    )
    return made(out)
