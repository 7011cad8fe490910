"""Writing a cleaned document without ever losing the original.

The text is encoded as the input was (UTF-8 or UTF-16, with its BOM if it had
one); line endings and the final newline are whatever the text holds, since
edits only replace spans. Every write is atomic: a temporary file in the same
folder, flushed and fsynced, then renamed over the target, so a crash leaves
either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.errors import InputError

if TYPE_CHECKING:
    from editor.document import Document

__all__ = ["Written", "default_output", "encode", "write_atomic", "write_cleaned"]

_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """The bytes of ``text`` the way the input was written."""
    codec = encoding.lower()
    data = text.encode(codec, "surrogatepass")
    return (_BOMS.get(codec, b"") if bom else b"") + data


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once (keeping its permissions)."""
    folder = path.parent
    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file 0600; a new file gets what open() would give it.
        temporary.chmod(mode if mode is not None else 0o666 & ~_umask())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def default_output(path: Path) -> Path:
    """``article.md`` → ``article.edited.md`` beside it."""
    return path.with_name(f"{path.stem}.edited{path.suffix}")


def _free(path: Path) -> Path:
    """``path``, or ``name.1.ext``, ``name.2.ext``… if it exists."""
    candidate, n = path, 0
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.{n}{path.suffix}")
    return candidate


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    #: The kept original for ``--in-place`` (``NAME.EXT.orig``).
    original: Path | None = None
    #: Said to the user: why the output is not where they asked.
    note: str | None = None


def _current_bytes(doc: Document) -> bytes | None:
    """The input file's bytes if they are still the ones reviewed, else ``None``."""
    if doc.path is None:
        return None
    try:
        data = doc.path.read_bytes()
    except OSError:
        return None
    if doc.digest is not None and hashlib.sha256(data).hexdigest() != doc.digest:
        return None
    return data


def write_cleaned(
    doc: Document, text: str, *, out: Path | None = None, in_place: bool = False
) -> Written:
    """Write ``text`` (the reviewed document, cleaned) where it was asked for.

    ``--in-place`` keeps the original as ``NAME.EXT.orig`` first. If the input
    changed on disk since it was read, it is not overwritten: the output goes
    to a new file and ``note`` says so.
    """
    if doc.path is None:
        raise InputError("<text>", "a document without a path cannot be written in place")
    data = encode(text, doc.encoding, doc.bom)
    try:
        if in_place:
            current = _current_bytes(doc)
            if current is None:
                target = _free(default_output(doc.path))
                write_atomic(target, data)
                return Written(
                    target,
                    note=f"{doc.path} changed on disk after copydesk read it; left it alone and "
                    f"wrote the cleaned version to {target}",
                )
            original = Path(f"{doc.path}.orig")
            if not original.exists():  # a kept original from an earlier run stays
                write_atomic(original, current)
            write_atomic(doc.path, data)
            return Written(doc.path, original=original)
        target = out or default_output(doc.path)
        if target.resolve() == doc.path.resolve():
            return write_cleaned(doc, text, in_place=True)
        write_atomic(target, data)
        return Written(target)
    except OSError as exc:
        raise InputError(
            doc.path, f"cannot write the cleaned version: {exc.strerror or exc}"
        ) from None
