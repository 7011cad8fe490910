"""What changed in a git repository: for ``check --changed`` and
``--lines-changed`` in pull requests.

The base is a ref (``--base``), or by default the merge base of ``HEAD`` with
the default branch (``origin/HEAD``, else ``main`` or ``master``), so a
branch's check covers what the branch changed. Changed means: differs from
the base in the work tree (committed on the branch, staged or not), or is
untracked and not ignored. A renamed file counts under its new name, with the
lines its edit changed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from editor.errors import UsageError

__all__ = ["Changes", "changes_since"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(root: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise UsageError("--changed needs git, which is not installed")
    try:
        done = subprocess.run(
            [git, "-C", str(root), *args], capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"git failed: {exc}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {reason[-1] if reason else 'failed'}")
    return done.stdout.decode("utf-8", "surrogateescape")


def _default_base(root: Path) -> str:
    """The merge base of HEAD with the default branch, or HEAD itself."""
    candidates = []
    with contextlib.suppress(UsageError):
        candidates.append(_git(root, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").strip())
    candidates += ["refs/heads/main", "refs/heads/master"]
    for ref in candidates:
        try:
            _git(root, "rev-parse", "--verify", "--quiet", ref)
            return _git(root, "merge-base", "HEAD", ref).strip()
        except UsageError:
            continue
    return "HEAD"


@dataclass(frozen=True, slots=True)
class Changes:
    """The files that changed since ``base`` (absolute paths) and, for each,
    its changed lines (``None``: the whole file is new)."""

    root: Path
    base: str
    lines: dict[str, frozenset[int] | None]

    def has(self, path: str) -> bool:
        return os.path.realpath(path) in self.lines

    def changed_lines(self, path: str) -> frozenset[int] | None:
        return self.lines.get(os.path.realpath(path), frozenset())


def changes_since(start: Path, base: str | None = None) -> Changes:
    """What changed in the repository around ``start`` since ``base``."""
    folder = start if start.is_dir() else start.parent
    root = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    ref = base or _default_base(root)
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    lines: dict[str, frozenset[int] | None] = {}
    diff = _git(
        root,
        "-c",
        "core.quotePath=false",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "-M",
        "-U0",
        "--diff-filter=ACMR",
        ref,
    )
    for section in re.split(r"^diff --git ", diff, flags=re.M)[1:]:
        target = re.search(r"^\+\+\+ b/(.*)$", section, re.M)
        if target is None:
            continue  # a pure rename or mode change: nothing to check
        changed: set[int] = set()
        for hunk in _HUNK.finditer(section):
            first, count = int(hunk.group(1)), int(hunk.group(2) or "1")
            changed.update(range(first, first + count))
        lines[os.path.realpath(root / target.group(1))] = frozenset(changed)
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    for name in untracked.split("\0"):
        if name:
            lines[os.path.realpath(root / name)] = None
    return Changes(root, ref, lines)
