"""Which files a folder given to ``check`` or ``fix`` stands for.

- In a git work tree, git decides what is ignored (``git ls-files --cached
  --others --exclude-standard``: tracked and untracked files, ``.gitignore``,
  ``.git/info/exclude`` and the global excludes), so copydesk sees what the
  repository sees. Elsewhere the folder is walked and each ``.gitignore`` in it
  is honoured (with ``pathspec``, in git's own pattern language).
- Of those, the files matching the ``files`` globs (default: Markdown and
  ``.txt``) and none of the ``exclude`` globs, both in gitignore syntax
  relative to the folder, are checked. Hidden files and folders (``.git``,
  ``.github``) are skipped.
- A binary file, one over the size limit, a symlink that points out of the
  folder and one that loops are skipped, each with a notice; named on the
  command line, the same file is an error instead.

The order is sorted by path, so output is the same on every run.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pathspec

from editor.document import MARKDOWN_SUFFIXES, MAX_FILE_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["DEFAULT_FILES", "STDIN", "Expanded", "expand_paths", "parse_shard", "shard"]

#: What a folder contributes unless ``files`` says otherwise.
DEFAULT_FILES: tuple[str, ...] = tuple(
    f"*{suffix}" for suffix in sorted(MARKDOWN_SUFFIXES | {".txt", ".text"})
)
#: The input name that means standard input.
STDIN = "-"
_SNIFF = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Expanded:
    """The inputs to check, the folders that held none, and the files a
    folder held that were skipped (one notice each)."""

    files: list[str]
    empty: list[str]
    skipped: list[str] = field(default_factory=list)


def expand_paths(
    names: Sequence[str],
    files: Sequence[str] = (),
    exclude: Sequence[str] = (),
    *,
    accept: Callable[[Path, str], bool] | None = None,
) -> Expanded:
    """Files as given (``-`` included); a folder becomes the prose files below
    it that git (or its ``.gitignore`` files) does not ignore, that match
    ``files`` (default ``DEFAULT_FILES``) and not ``exclude``, and that
    ``accept`` (given the folder and the path as found, with ``/``) takes."""
    include = pathspec.GitIgnoreSpec.from_lines(files or DEFAULT_FILES)
    excluded = pathspec.GitIgnoreSpec.from_lines(exclude)
    found: list[str] = []
    empty: list[str] = []
    skipped: list[str] = []
    for name in names:
        root = Path(name)
        if name == STDIN or not root.is_dir():
            found.append(name)
            continue
        below: list[str] = []
        for relative in sorted(set(_candidates(root))):
            if _hidden(relative) or not include.match_file(relative):
                continue
            if excluded.match_file(relative):
                continue
            path = root / relative
            if accept is not None and not accept(root, str(path).replace(os.sep, "/")):
                continue
            reason = _skip_reason(root, path)
            if reason is not None:
                skipped.append(f"{path}: skipped, {reason}")
                continue
            below.append(str(path))
        if not below:
            empty.append(name)
        found.extend(below)
    return Expanded(found, empty, skipped)


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in PurePosixPath(relative).parts)


def _candidates(root: Path) -> Iterable[str]:
    """Paths below ``root`` (relative, with ``/``) that are not ignored. A
    folder git ignores as a whole, named on the command line, is walked with
    only its own ``.gitignore`` files (asked for by name, as ruff does)."""
    listed = _git_files(root)
    if listed is None or (not listed and _git_ignores(root)):
        return _walk(root)
    return listed


def _git_files(root: Path) -> list[str] | None:
    """``git ls-files`` of ``root``, or ``None`` outside a work tree (or without git)."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    # A file deleted from the work tree but still in the index is not there to check.
    return [n for n in names if n and os.path.lexists(root / n)]


def _git_ignores(root: Path) -> bool:
    """Whether git ignores the folder ``root`` itself."""
    git = shutil.which("git")
    if git is None:
        return False
    try:
        done = subprocess.run(
            [git, "-C", str(root), "check-ignore", "-q", "."],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _walk(root: Path) -> Iterator[str]:
    """Every file below ``root`` that its folders' ``.gitignore`` files do not
    ignore; symlinked folders are not entered (no loops, nothing outside)."""
    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder).relative_to(root).as_posix()
        here = "" if here == "." else here + "/"
        ignore_file = Path(folder) / ".gitignore"
        if ignore_file.is_file():
            try:
                lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            specs.append((here, pathspec.GitIgnoreSpec.from_lines(lines)))

        def ignored(relative: str, *, is_dir: bool) -> bool:
            target = relative + "/" if is_dir else relative
            return any(
                target.startswith(base) and spec.match_file(target[len(base) :])
                for base, spec in specs
            )

        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not ignored(here + d, is_dir=True)
        )
        for file in files:
            if not ignored(here + file, is_dir=False):
                yield here + file


def _skip_reason(root: Path, path: Path) -> str | None:
    """Why a file found in a folder is not checked, or ``None``."""
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not target.is_relative_to(root.resolve()):
                return "a symlink out of the folder"
        if not path.is_file():
            return "not a regular file"
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return f"over {MAX_FILE_BYTES // 1024 // 1024} MB"
        with path.open("rb") as stream:
            head = stream.read(_SNIFF)
    except RuntimeError:  # Python before 3.13 says a loop this way
        return "a symlink loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop"
        if isinstance(exc, FileNotFoundError) and path.is_symlink():
            return "a broken symlink"
        return f"unreadable ({exc.strerror or exc})"
    if b"\0" in head and not head.startswith(_UTF16_BOMS):
        return "a binary file"
    return None


def parse_shard(text: str) -> tuple[int, int]:
    """``I/N`` (1 ≤ I ≤ N) as two numbers; ``ValueError`` with the reason."""
    index, _, count = text.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        raise ValueError(f"{text!r} is not I/N, e.g. 1/4") from None
    if not 1 <= i <= n:
        raise ValueError(f"{text!r}: I must be between 1 and N")
    return i, n


def shard(files: Sequence[str], index: int, count: int) -> list[str]:
    """The files of shard ``index`` of ``count``: decided by a hash of each
    path (as written, with ``/``), so every machine agrees without talking,
    and a file added to the repository moves no other file between shards."""
    return [
        name
        for name in files
        if zlib.crc32(name.replace(os.sep, "/").encode("utf-8")) % count == index - 1
    ]
