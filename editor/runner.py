"""The run loop of ``check`` and ``fix``: each input in turn, loaded and checked,
with every failure contained to the document it happened on.

What a failure costs:

- a file that cannot be read (or a folder with no prose files) is that
  input's error; the others go on;
- an engine that crashes on a document (``EngineCrashed``) is that
  document's error; the other engines' findings for it still count, and the
  engine is tried again on the next document;
- any other ``EngineError`` (a LanguageTool server that fails or stops
  answering) drops the engine for the rest of the run: under ``auto`` with a
  notice, for an engine asked for by name as that document's error.

Notices are said once per run however many documents repeat them. Progress
goes to a ``Progress`` the caller provides (the CLI's is a transient line on a
terminal); this module knows nothing of how it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from editor.checkers.registry import LABELS
from editor.discover import STDIN, Expanded, expand_paths
from editor.document import (
    MAX_FILE_BYTES,
    Document,
    format_for,
    load_bytes,
    load_path,
    too_large,
)
from editor.errors import CopydeskError, EngineCrashed, InputError, UsageError
from editor.pipeline import CheckRun, check_document

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from editor.checkers.base import Checker
    from editor.checkers.registry import Engines

__all__ = [
    "STDIN",
    "Expanded",
    "Notices",
    "Outcome",
    "Progress",
    "Runner",
    "expand_paths",
]

#: How standard input is named in output, unless ``stdin_name`` says otherwise.
STDIN_LABEL = "<stdin>"


class Notices:
    """Notices for the user, each said once per run (through ``say``, unless
    quiet) and all kept, in order, for the JSON output."""

    def __init__(self, say: Callable[[str], None] | None = None) -> None:
        self._say = say
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text in self.items:
            return
        self.items.append(text)
        if self._say is not None:
            self._say(text)


class Progress(Protocol):
    """Where the run reports what it is doing, for a progress display."""

    def document(self, index: int, total: int, name: str) -> None:
        """Input ``index`` (1-based) of ``total`` is being read and checked."""

    def engine(self, name: str, done: int, total: int) -> None:
        """Engine ``name`` is at paragraph ``done`` of ``total`` (``0, 0``:
        started, nothing reported yet)."""

    def pause(self) -> None:
        """Get out of the way: output for the document is about to be written.
        The next ``document`` call shows the display again."""


@dataclass(slots=True)
class Outcome:
    """One input, loaded and checked, or the reason it could not be."""

    name: str
    document: Document | None = None
    run: CheckRun | None = None
    #: This input's one-line errors (unreadable, an engine that failed on it).
    errors: list[str] = field(default_factory=list)
    #: Among ``errors``: an engine failed on it (exit 3 rather than 2).
    engine_failed: bool = False
    #: Read from standard input (write the result to standard output).
    from_stdin: bool = False

    @property
    def ok(self) -> bool:
        """Loaded and checked by every engine of the run."""
        return self.run is not None and not self.errors


class Runner:
    """Checks inputs one at a time with a run's engines."""

    def __init__(
        self,
        engines: Engines,
        notices: Notices,
        *,
        progress: Progress | None = None,
        stdin: BinaryIO | None = None,
        stdin_name: str | None = None,
        report_unused_suppressions: bool = False,
    ) -> None:
        self.engines = engines
        self.report_unused_suppressions = report_unused_suppressions
        self.notices = notices
        self.progress = progress
        self.stdin = stdin
        self.stdin_name = stdin_name
        #: The engines still in use: one that failed for good is dropped.
        self.checkers: list[Checker] = list(engines.checkers)
        for notice in engines.notices:
            notices.add(notice)

    @property
    def names(self) -> tuple[str, ...]:
        """The engines that checked every document of the run so far."""
        return tuple(c.name for c in self.checkers)

    def run(self, names: Sequence[str]) -> Iterator[Outcome]:
        """An ``Outcome`` per input, in order; the caller deals with each
        (prints, writes) before the next one is checked."""
        if list(names).count(STDIN) > 1:
            raise UsageError("standard input ('-') can be read only once")
        for index, name in enumerate(names, 1):
            if self.progress is not None:
                self.progress.document(index, len(names), self._label(name))
            outcome = self.check_one(name, remaining=index < len(names))
            if self.progress is not None:
                self.progress.pause()
            yield outcome

    def _label(self, name: str) -> str:
        return (self.stdin_name or STDIN_LABEL) if name == STDIN else name

    def check_one(self, name: str, *, remaining: bool) -> Outcome:
        """One input (``remaining``: others follow it, for the wording of an
        engine dropped on it)."""
        outcome = Outcome(self._label(name), from_stdin=name == STDIN)
        try:
            doc = self._load(name)
        except CopydeskError as exc:
            outcome.errors.append(str(exc))
            return outcome
        outcome.document = doc
        progress = self.progress.engine if self.progress is not None else None
        policy = self.engines.policy(doc.path)
        run = check_document(
            doc,
            self.checkers,
            progress=progress,
            contain=True,
            keep=policy.keep,
            report_unused_suppressions=self.report_unused_suppressions,
            combine=self.engines.combine,
            base_styles=policy.base_styles,
        )
        run = replace(run, suggestions=policy.leveled(run.suggestions, doc))
        outcome.run = run
        for notice in run.notices:
            self.notices.add(notice)
        for failure in run.failures:
            error, label = failure.error, LABELS.get(failure.engine, failure.engine)
            if isinstance(error, EngineCrashed):
                outcome.errors.append(f"{doc.name}: {error}")
                outcome.engine_failed = True
                continue
            self._drop(failure.engine)
            if failure.engine in self.engines.optional:
                self.notices.add(
                    f"{label} failed on {doc.name} ({error.reason}); continuing without it"
                )
                continue
            without = "; the remaining files are checked without it" if remaining else ""
            outcome.errors.append(f"{doc.name}: {error}{without}")
            outcome.engine_failed = True
        return outcome

    def _drop(self, engine: str) -> None:
        self.checkers = [c for c in self.checkers if c.name != engine]

    def _load(self, name: str) -> Document:
        if name != STDIN:
            path = Path(name)
            mapped = self.engines.formats.get(path.suffix.lower())
            return load_path(
                path, "markdown" if mapped == "markdown" else "text" if mapped else None
            )
        label = self.stdin_name or STDIN_LABEL
        if self.stdin is None:
            raise InputError(label, "standard input is not available")
        try:
            data = self.stdin.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputError(label, f"cannot read standard input: {exc.strerror or exc}") from None
        if len(data) > MAX_FILE_BYTES:
            raise too_large(label)
        fmt = format_for(Path(self.stdin_name)) if self.stdin_name else "text"
        return load_bytes(data, Path(label), fmt)
