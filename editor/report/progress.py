"""A one-line progress display for long runs, on a terminal's stderr.

    ⠋ docs/big.md (3 of 12) · harper · paragraph 140 of 2,318 ━━━━━━╸━━━━━ 0:00:41

The bar counts files (with ``--jobs``, the name is the file the output waits
for, and engine stages are not shown: they happen in the workers). Nothing is
drawn until the run has lasted ``DELAY`` seconds: a quick check stays quiet.
It is transient (gone when the run ends, or while a document's output is
written) and never touches stdout: the caller shows it only when stderr is a
terminal, and ``redirect_stdout`` is off so nothing printed meanwhile is
rerouted through it.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

__all__ = ["DELAY", "TerminalProgress"]

#: Seconds a run lasts before the display appears.
DELAY = 0.4


class TerminalProgress:
    """The runner's ``Progress`` on a rich console (the stderr one, so that
    notices printed through it appear above the line, not through it)."""

    def __init__(self, console: Console, delay: float = DELAY) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(bar_width=20),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            refresh_per_second=4,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task: TaskID | None = None
        self._where = ""
        self._files = (0, 0)
        self._shown_from = time.monotonic() + delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        #: Between ``pause`` and the next ``document``: stay out of the way.
        self._paused = False

    def _show(self, description: str, *, refresh: bool) -> None:
        done, total = self._files
        with self._lock:
            if self._task is None:
                self._task = self._progress.add_task(description, total=total or None)
            self._progress.update(self._task, description=description, completed=done)
            wait = self._shown_from - time.monotonic()
            if wait > 0:
                # The first document may take all of the delay and more.
                if self._timer is None:
                    self._timer = threading.Timer(wait, self._appear)
                    self._timer.daemon = True
                    self._timer.start()
                return
            if not self._progress.live.is_started:
                self._progress.start()
            if refresh:
                self._progress.refresh()

    def _appear(self) -> None:
        with self._lock:
            if not self._paused and not self._progress.live.is_started:
                self._progress.start()

    def document(self, index: int, total: int, name: str) -> None:
        self._paused = False
        self._files = (index - 1, total) if total > 1 else (0, 0)
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
        with self._lock:
            self._paused = True
            self._progress.stop()

    def close(self) -> None:
        with self._lock:
            self._paused = True
            if self._timer is not None:
                self._timer.cancel()
            self._progress.stop()
