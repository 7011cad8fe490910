"""What applies to one file: which findings are reported and at what level,
from the config's ``select``, ``ignore``, ``severity`` and the
``[[overrides]]`` whose ``paths`` match the file.

Override paths are gitignore-style globs relative to the config file's folder
(the working directory without one); every matching override applies, in the
order the file lists them: its ``disable``/``ignore`` add to what is ignored,
its ``select`` replaces the selection, its ``severity`` entries win over
earlier ones.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pathspec

from editor.model import Severity
from editor.selection import Selection

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from editor.config import Config
    from editor.document import Document
    from editor.model import Suggestion
    from editor.vale.policy import ValeFilePolicy

__all__ = ["FilePolicy", "Policies"]

_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "suggestion": Severity.SUGGESTION}


@dataclass(frozen=True, slots=True)
class FilePolicy:
    selection: Selection
    #: (rule id or glob, lower-cased; level), the last match wins.
    severity: tuple[tuple[str, Severity], ...] = ()

    #: Not known outside a Vale project (see ``editor.suppress``).
    base_styles: tuple[str, ...] | None = None

    @property
    def keep(self) -> Callable[[Suggestion], bool] | None:
        return self.selection.keep

    def leveled(
        self,
        items: Sequence[Suggestion],
        doc: Document | None = None,  # noqa: ARG002 (what a Vale project's policy reads)
    ) -> tuple[Suggestion, ...]:
        """``items`` at the levels ``severity`` gives their rules."""
        if not self.severity:
            return tuple(items)
        out = []
        for item in items:
            rule = item.rule.lower()
            level = next(
                (
                    lv
                    for pattern, lv in reversed(self.severity)
                    if fnmatch.fnmatchcase(rule, pattern)
                ),
                None,
            )
            out.append(
                item if level is None or level == item.severity else replace(item, severity=level)
            )
        return tuple(out)


class Policies:
    """The ``FilePolicy`` of each file a run checks."""

    def __init__(self, config: Config) -> None:
        self.base = config.path.parent if config.path else Path.cwd()
        self.select = config.select
        self.ignore = (*config.ignore, *config.disable)
        self.severity = _levels(config.severity)
        self.overrides = [(pathspec.GitIgnoreSpec.from_lines(o.paths), o) for o in config.overrides]
        self._cache: dict[tuple[int, ...], FilePolicy] = {}
        self.vale = config.vale

    @property
    def varies(self) -> bool:
        """Whether some file may have a selection of its own."""
        return bool(self.overrides) or self.vale is not None

    def matches(self, index: int, path: Path) -> bool:
        """Whether override ``index`` applies to the file at ``path``."""
        return _matches(self.overrides[index][0], self.base, path)

    def for_path(self, path: Path | None) -> FilePolicy | ValeFilePolicy:
        if self.vale is not None:
            from editor.vale.policy import vale_policy

            return vale_policy(self.vale, path, Selection(self.select, self.ignore))
        matched = tuple(
            i for i, (spec, _) in enumerate(self.overrides) if _matches(spec, self.base, path)
        )
        found = self._cache.get(matched)
        if found is None:
            select, ignore, severity = self.select, self.ignore, self.severity
            for i in matched:
                override = self.overrides[i][1]
                ignore = (*ignore, *override.ignore)
                if override.select is not None:
                    select = override.select
                severity = (*severity, *_levels(override.severity))
            found = self._cache[matched] = FilePolicy(Selection(select, ignore), severity)
        return found


def _levels(table: dict[str, str]) -> tuple[tuple[str, Severity], ...]:
    return tuple((rule.lower(), _LEVELS[level]) for rule, level in table.items())


def _matches(spec: pathspec.GitIgnoreSpec, base: Path, path: Path | None) -> bool:
    if path is None:
        return False
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(base))
    if relative.startswith(".."):
        return False
    return spec.match_file(relative.replace(os.sep, "/"))
