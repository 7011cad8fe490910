"""A one-line progress display for long runs, on a terminal's stderr.

    ⠋ docs/big.md (3 of 12) · harper · paragraph 140 of 2,318 · 0:00:41

It is transient (gone when the run ends, or while a document's output is
written) and never touches stdout: the caller shows it only when stderr is a
terminal, and ``redirect_stdout`` is off so nothing printed meanwhile is
rerouted through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

__all__ = ["TerminalProgress"]


class TerminalProgress:
    """The runner's ``Progress`` on a rich console (the stderr one, so that
    notices printed through it appear above the line, not through it)."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("·"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            refresh_per_second=4,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task: TaskID | None = None
        self._where = ""

    def _show(self, description: str, *, refresh: bool) -> None:
        if self._task is None:
            self._task = self._progress.add_task(description, total=None)
        else:
            self._progress.update(self._task, description=description)
        if not self._progress.live.is_started:
            self._progress.start()
        if refresh:
            self._progress.refresh()

    def document(self, index: int, total: int, name: str) -> None:
        self._where = f"{name} ({index} of {total})" if total > 1 else name
        self._show(self._where, refresh=True)

    def engine(self, name: str, done: int, total: int) -> None:
        text = f"{self._where} · {name}"
        if total:
            text += f" · paragraph {done:,} of {total:,}"
        # Between refreshes the display thread picks the change up; the first
        # and last paragraph are drawn at once, so each stage is seen.
        self._show(text, refresh=done in (0, total))

    def pause(self) -> None:
        self._progress.stop()

    def close(self) -> None:
        self._progress.stop()
