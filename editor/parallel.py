"""Checking files in several processes (``--jobs``), with the serial run's output.

``ParallelRunner`` has ``Runner``'s interface: ``run(names)`` yields one
``Outcome`` per input, in the order given, so whatever consumes it (a report
format, ``fix``) writes exactly what a serial run writes. Underneath, a pool of
worker processes checks the files, each with engines of its own:

- On Linux the workers are forked from the parent once its engines are built,
  so the house rules loaded there are shared; Harper's worker is started by
  each process when it first needs it (a warm run never does), and a local
  LanguageTool is started once, in the parent, for all of them. Elsewhere
  they are spawned and build their engines from the configuration.
- At most ``2 × jobs`` files are in flight: a finished file waits only for the
  ones before it, so memory stays bounded by the window, not the repository.
- What a worker learns on a file (notices, an engine dropped for failing) comes
  back with that file's outcome, and the parent says each notice once, at the
  first file that raised it, as a serial run would.

One difference from a serial run is left: an engine that fails for good (a
LanguageTool server that stops answering) is dropped by the worker that saw it
fail, while the other workers may still use it for the files they hold.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
import pickle
import signal
import sys
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.runner import Notices, Outcome, Runner

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from multiprocessing.pool import AsyncResult, Pool

    from editor.cache import ResultCache
    from editor.checkers.registry import Engines
    from editor.config import Config
    from editor.runner import Progress

__all__ = ["ParallelRunner", "default_jobs", "worker_count"]

#: Files in flight per worker: enough to keep every worker busy while the
#: parent writes, few enough that finished files never pile up.
_WINDOW = 2


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: int | None, files: int) -> int:
    """Processes to use for ``files`` inputs (``jobs`` ``None`` or 0: all cores)."""
    wanted = jobs or default_jobs()
    return max(1, min(wanted, files))


@dataclass(frozen=True, slots=True)
class _Setup:
    config: Config
    report_unused_suppressions: bool


#: The parent's engines, inherited by forked workers (never pickled).
_INHERITED: list[Engines] = []
#: In a worker: its runner.
_RUNNER: list[Runner] = []


def _start_worker(setup: _Setup) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _INHERITED:
        engines = _INHERITED[0]
    else:  # spawned: build them here
        from editor.cache import ResultCache
        from editor.checkers.registry import configured_engines

        cache = ResultCache() if setup.config.cache else None
        engines, _ = configured_engines(setup.config, cache=cache, start=False)
    # Harper's worker starts with the first paragraph the cache cannot answer:
    # a warm run never loads it.
    runner = Runner(engines, Notices(), report_unused_suppressions=setup.report_unused_suppressions)
    _RUNNER.append(runner)
    multiprocessing.util.Finalize(None, engines.close, exitpriority=10)


def _check(name: str, remaining: bool) -> bytes:
    """One file in a worker: its outcome, every notice it raised (said or not
    before in this worker) and the engines the worker still uses, pickled
    here so that the parent unpickles them where a failure is an exception
    of the run (the pool's own result thread would die of it, and hang)."""
    runner = _RUNNER[0]
    runner.notices.items.clear()
    outcome = runner.check_one(name, remaining=remaining)
    return pickle.dumps((outcome, list(runner.notices.items), runner.names))


class ParallelRunner:
    """Checks inputs in ``jobs`` processes; outcomes come back in order."""

    def __init__(
        self,
        engines: Engines,
        config: Config,
        notices: Notices,
        jobs: int,
        *,
        progress: Progress | None = None,
        report_unused_suppressions: bool = False,
    ) -> None:
        self.engines = engines
        self.config = config
        self.notices = notices
        self.jobs = jobs
        self.progress = progress
        self.report_unused_suppressions = report_unused_suppressions
        self._names = tuple(c.name for c in engines.checkers)
        for notice in engines.notices:
            notices.add(notice)

    @property
    def names(self) -> tuple[str, ...]:
        """The engines that checked every document of the run so far."""
        return self._names

    def _pool(self) -> Pool:
        setup = _Setup(self.config, self.report_unused_suppressions)
        for cache in {id(c): c for c in self._caches()}.values():
            cache.prepare()
        if sys.platform.startswith("linux"):
            for checker in self.engines.checkers:
                share = getattr(getattr(checker, "engine", None), "share", None)
                if callable(share):
                    share()
            _INHERITED[:] = [self.engines]
            context: Any = multiprocessing.get_context("fork")
        else:
            _INHERITED.clear()
            context = multiprocessing.get_context("spawn")
        try:
            pool: Pool = context.Pool(self.jobs, _start_worker, (setup,))
        finally:
            _INHERITED.clear()
        return pool

    def _caches(self) -> list[ResultCache]:
        found = (getattr(checker, "cache", None) for checker in self.engines.checkers)
        return [cache for cache in found if cache is not None]

    def run(self, names: Sequence[str]) -> Iterator[Outcome]:
        """An ``Outcome`` per input, in the order of ``names``."""
        total = len(names)
        pool = self._pool()
        pending: deque[tuple[str, AsyncResult[Any]]] = deque()
        queue = iter(enumerate(names, 1))

        def submit() -> None:
            for index, name in queue:
                pending.append((name, pool.apply_async(_check, (name, index < total))))
                if len(pending) >= self.jobs * _WINDOW:
                    return

        done = 0
        try:
            submit()
            while pending:
                name, result = pending.popleft()
                if self.progress is not None:
                    self.progress.document(done + 1, total, name)
                outcome, notices, engines = pickle.loads(result.get())
                done += 1
                submit()
                for notice in notices:
                    self.notices.add(notice)
                self._names = tuple(n for n in self._names if n in engines)
                if self.progress is not None:
                    self.progress.pause()
                yield outcome
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.close()
            pool.join()
