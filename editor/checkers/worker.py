"""An engine in a child process, so that a crash in its native code (an abort,
a signal, running out of memory) ends the child and not copydesk.

``Worker`` is the parent's side; the child (``main``, also runnable as
``python -m editor.checkers.worker ENGINE``) serves the ``handle(request) ->
reply`` function of the engine's module (``_ENGINES``). The protocol is JSON lines (ASCII) on the
child's stdin and stdout: one reply per request, in order. The parent may send
a request before reading the replies to earlier ones, so an engine starts
loading at build time while other checkers run. Every write and read has a
deadline: a child that dies or stops answering is killed and reaped, and the
request fails with ``EngineCrashed``; the next request starts a fresh child.

Nothing the child prints reaches copydesk's stdout: its stdout carries only
replies (its fd 1 is pointed at its stderr), and its stderr goes to a
temporary file, whose last line names the cause when it dies. The child
ignores SIGINT (Ctrl-C reaches the whole process group; the parent stops the
child on its way out) and exits when its stdin closes, so it never outlives
copydesk.

Fault injection, for tests only: when ``COPYDESK_TEST_WORKER_ABORT`` is set,
the child calls ``os.abort()`` on a request with a paragraph containing its
value, a real abort of the real worker, which no engine does on demand.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from editor.errors import EngineCrashed, EngineError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ABORT_ENV", "Worker", "main", "shared"]

#: Environment variable: the child aborts on a paragraph containing its value.
ABORT_ENV = "COPYDESK_TEST_WORKER_ABORT"

#: Engine name → the module whose ``handle`` the child serves.
_ENGINES = {"harper": "editor.checkers.harper"}

#: The child's start: this very copy of the ``editor`` package (not whatever
#: ``editor`` the working folder holds: ``-P`` keeps it off ``sys.path``), then
#: ``main``. Nothing else about the interpreter or its paths changes.
_BOOT = """\
import importlib.util, sys
spec = importlib.util.spec_from_file_location("editor", sys.argv[1])
editor = importlib.util.module_from_spec(spec)
sys.modules["editor"] = editor
spec.loader.exec_module(editor)
from editor.checkers.worker import main
sys.exit(main(sys.argv[2:]))
"""

#: The workers of this process, by engine (see ``shared``).
_SHARED: dict[str, Worker] = {}

#: Seconds a child gets to exit once its stdin is closed, before it is killed.
_EXIT_GRACE = 2.0

#: Lines of a dying child's stderr that are not its cause.
_NOISE = re.compile(r"note:|stack backtrace:|\d+: |at |Current thread|Thread 0x|File ")


def shared(engine: str) -> Worker:
    """The process-wide worker of ``engine`` (the engine's module and a
    command that starts it early use the same one)."""
    if engine not in _SHARED:
        _SHARED[engine] = Worker(engine)
    return _SHARED[engine]


class Worker:
    """One engine's child process, started on first use and after a crash."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        #: Free for the owner: what the current child was set up with (reset on restart).
        self.tag: str | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._buffer = b""
        self._pending = 0
        self._lock = threading.RLock()

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    def forget(self) -> None:
        """In a forked copy of the process: let go of the parent's child (its
        pipes and process belong to the parent) without stopping it; the next
        request starts this process's own."""
        self._proc = None
        self._stderr = None
        self._buffer = b""
        self._pending = 0
        self.tag = None
        self._lock = threading.RLock()

    def start(self) -> None:
        """Start the child if none is running or it has died (it then loads
        in the background); ``tag`` is reset with a new child.

        Raises ``EngineError`` when no process can be started."""
        with self._lock:
            if self._proc is not None:
                if self._proc.poll() is None:
                    return
                # It died between requests (the OOM killer, a stray signal): a
                # fresh one, and no error for a document it never saw.
                self._reap()
            package = Path(__file__).resolve().parents[1] / "__init__.py"
            env = dict(os.environ)
            env["RUST_BACKTRACE"] = "0"  # the cause is the line we want, not the frames
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in _reap)
            try:
                self._proc = subprocess.Popen(
                    [sys.executable, "-P", "-c", _BOOT, str(package), self.engine],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=self._stderr,
                    env=env,
                )
            except OSError as exc:
                self._reap()
                reason = f"cannot start its worker process: {exc.strerror or exc}"
                raise EngineError(self.engine, reason) from None
            assert self._proc.stdin is not None
            os.set_blocking(self._proc.stdin.fileno(), False)
            self._buffer = b""
            self._pending = 0
            self.tag = None

    def send(self, request: Mapping[str, object], timeout: float) -> None:
        """Write one request without waiting for its reply (see ``exchange``)."""
        with self._lock:
            self.start()
            try:
                self._write(json.dumps(request).encode("ascii") + b"\n", time.monotonic() + timeout)
            except EngineCrashed:
                raise
            except BaseException:
                self._kill()  # interrupted half-way through the message
                raise
            self._pending += 1

    def exchange(self, request: Mapping[str, object], timeout: float) -> list[dict[str, Any]]:
        """Send ``request`` and return the replies to every request not yet
        answered, this one's last. ``timeout`` bounds the whole exchange.

        Raises ``EngineCrashed`` when the child dies, stops answering or
        garbles a reply."""
        with self._lock:
            try:
                return self._exchange(request, timeout)
            except EngineCrashed:
                raise
            except BaseException:
                # Interrupted (Ctrl-C) half-way through a message: the pipes
                # are out of step, so this child is done with.
                self._kill()
                raise

    def _exchange(self, request: Mapping[str, object], timeout: float) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        self.start()
        self._write(json.dumps(request).encode("ascii") + b"\n", deadline)
        self._pending += 1
        replies: list[dict[str, Any]] = []
        while self._pending:
            line = self._readline(deadline, timeout)
            try:
                reply = json.loads(line)
                if not isinstance(reply, dict):
                    raise TypeError(type(reply).__name__)
            except (ValueError, TypeError) as exc:
                raise self._crashed(f"sent a garbled reply: {exc}", hung=True) from None
            self._pending -= 1
            replies.append(reply)
        return replies

    def stop(self) -> None:
        """Stop the child (close its stdin, kill it if it lingers) and reap it."""
        with self._lock:
            proc = self._proc
            if proc is None:
                return
            with contextlib.suppress(OSError):
                assert proc.stdin is not None
                proc.stdin.close()
            # The child keeps nothing worth a clean exit, and tearing Harper
            # down takes it a while: copydesk does not wait for that.
            self._kill()

    def _kill(self) -> None:
        if self._proc is not None:
            with contextlib.suppress(OSError):
                self._proc.kill()
        self._reap()

    # -- the pipes ----------------------------------------------------------

    def _write(self, data: bytes, deadline: float) -> None:
        proc = self._proc
        assert proc is not None
        assert proc.stdin is not None
        fd = proc.stdin.fileno()
        poller = select.poll()  # not select(): it fails on descriptors over 1023
        poller.register(fd, select.POLLOUT)
        view = memoryview(data)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._crashed("stopped answering", hung=True)
            if not poller.poll(remaining * 1000):
                continue
            try:
                written = os.write(fd, view)
            except BlockingIOError:
                continue
            except OSError:  # BrokenPipeError: the child is gone
                raise self._crashed("crashed") from None
            view = view[written:]

    def _readline(self, deadline: float, timeout: float) -> bytes:
        proc = self._proc
        assert proc is not None
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        parts = [self._buffer]
        complete = b"\n" in self._buffer
        while not complete:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._crashed(f"stopped answering (no reply in {timeout:g} s)", hung=True)
            if not poller.poll(remaining * 1000):
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise self._crashed("crashed")
            parts.append(chunk)
            complete = b"\n" in chunk
        line, _, self._buffer = b"".join(parts).partition(b"\n")
        return line

    def _crashed(self, what: str, *, hung: bool = False) -> EngineCrashed:
        """Kill and reap the child; the error naming what happened to it."""
        proc = self._proc
        assert proc is not None
        if hung:
            proc.kill()
        try:
            code = proc.wait(_EXIT_GRACE)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        said = self._last_stderr_line()
        self._reap()
        how: list[str] = []
        if not hung:
            how.append(_exit_status(code))
        if said and not hung:
            how.append(said)
        detail = f" ({': '.join(how)})" if how else ""
        return EngineCrashed(self.engine, f"the engine {what}{detail} while checking this document")

    def _last_stderr_line(self) -> str:
        if self._stderr is None:
            return ""
        try:
            size = self._stderr.seek(0, os.SEEK_END)
            self._stderr.seek(max(0, size - 4096))
            tail = self._stderr.read().decode("utf-8", "replace")
        except OSError:
            return ""
        # The cause, less the notes and backtrace frames native code adds after it.
        lines = [
            line.strip()
            for line in tail.splitlines()
            if line.strip() and not line[0].isspace() and not _NOISE.match(line)
        ]
        return lines[-1][:200] if lines else ""

    def _reap(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            for pipe in (proc.stdin, proc.stdout):
                with contextlib.suppress(OSError):
                    if pipe is not None:
                        pipe.close()
            proc.wait()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self._buffer = b""
        self._pending = 0
        self.tag = None


def _exit_status(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


# -- the child ----------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Serve one engine's requests from stdin until it closes."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in _ENGINES:
        print(f"usage: python -m editor.checkers.worker {{{','.join(_ENGINES)}}}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything else written to stdout goes to stderr
    sys.stdout = sys.stderr
    module = importlib.import_module(_ENGINES[args[0]])
    handle = module.handle
    # Load what the first request will need before it arrives: a worker
    # started early (``shared(...).start()`` as a command begins) is then
    # ready by the time the parent has its document.
    warm_up = getattr(module, "warm_up", None)
    if callable(warm_up):
        warm_up()
    marker = os.environ.get(ABORT_ENV)
    for line in sys.stdin.buffer:
        request = json.loads(line)
        if marker and any(marker in text for text in request.get("paragraphs", ())):
            os.abort()
        try:
            reply = handle(request)
        except Exception as exc:  # reported to the parent, which raises
            reply = {"error": {"kind": "engine", "reason": f"{type(exc).__name__}: {exc}"}}
        try:
            replies.write(json.dumps(reply).encode("ascii") + b"\n")
            replies.flush()
        except BrokenPipeError:
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
