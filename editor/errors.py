"""copydesk's exceptions. Findings are data, never exceptions; these are failures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "ConfigError",
    "CopydeskError",
    "EngineCrashed",
    "EngineError",
    "InputError",
    "RuleError",
    "UsageError",
]


class CopydeskError(Exception):
    """Base of every error copydesk reports as one line (never a traceback)."""

    #: Process exit code when this error ends a command.
    exit_code = 2

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (``--jobs``); the subclasses'
        # constructors take other arguments than ``args``, so rebuild as is.
        return _rebuild, (type(self), self.args, dict(self.__dict__))


def _rebuild(cls: type[CopydeskError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class UsageError(CopydeskError):
    """A command was called with arguments that make no sense."""


class InputError(CopydeskError):
    """A document cannot be read: missing, unreadable, binary, unknown encoding."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class RuleError(CopydeskError):
    """A rule file is malformed. Names the file, and the line and key when known."""

    def __init__(
        self,
        path: Path | str,
        reason: str,
        *,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.key = key
        where = self.path if line is None else f"{self.path}:{line}"
        what = reason if key is None else f"{key}: {reason}"
        super().__init__(f"{where}: {what}")


class ConfigError(CopydeskError):
    """The configuration file is malformed. Names the file, and the key when known."""

    def __init__(self, path: Path | str, reason: str, *, key: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.key = key
        what = reason if key is None else f"{key}: {reason}"
        super().__init__(f"{self.path}: {what}")


class EngineError(CopydeskError):
    """A grammar engine asked for by name is unavailable, or failed during a run
    (unreachable server, timeout, garbage reply). Exit code 3 lets CI tell a
    broken engine from bad prose."""

    exit_code = 3

    def __init__(self, engine: str, reason: str) -> None:
        self.engine = engine
        self.reason = reason
        super().__init__(f"{engine}: {reason}")


class EngineCrashed(EngineError):  # noqa: N818 (a kind of EngineError, named for what happened)
    """An engine's worker process died (signal, abort, out of memory) or stopped
    answering while checking one document. The process goes on: the next
    document gets a fresh worker."""
