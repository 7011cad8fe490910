"""What a Vale project's configuration decides for one file's findings: which
rules run there (its sections, ``BasedOnStyles``, ``Style.Rule = NO``,
``MinAlertLevel``), at what level, and which text ``TokenIgnores`` and
``BlockIgnores`` leave out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from editor.document import Document
    from editor.model import Suggestion
    from editor.selection import Selection
    from editor.vale.config import FileSettings, ValeConfig

__all__ = ["ValeFilePolicy", "vale_policy"]


@dataclass(frozen=True, slots=True)
class ValeFilePolicy:
    config: ValeConfig
    settings: FileSettings
    #: The run's own ``--select`` / ``--ignore`` on top.
    selection: Selection

    @property
    def keep(self) -> Callable[[Suggestion], bool]:
        config, settings, selection = self.config, self.settings, self.selection

        def keep(item: Suggestion) -> bool:
            if item.source != "rules":
                return selection.allows_suggestion(item)
            return config.runs(settings, item.rule, item.severity) and (
                selection.allows_suggestion(item)
            )

        return keep

    def leveled(
        self, items: Sequence[Suggestion], doc: Document | None = None
    ) -> tuple[Suggestion, ...]:
        """``items`` at this file's levels, less those inside text the
        ``TokenIgnores`` and ``BlockIgnores`` patterns match."""
        ignored = _ignored_spans(doc, self.settings) if doc is not None else []
        out: list[Suggestion] = []
        for item in items:
            if any(start <= item.start and item.end <= end for start, end in ignored):
                continue
            if item.source == "rules":
                level = self.config.level(self.settings, item.rule, item.severity)
                if level != item.severity:
                    item = replace(item, severity=level)
            out.append(item)
        return tuple(out)


def vale_policy(config: ValeConfig, path: Path | None, selection: Selection) -> ValeFilePolicy:
    walked = "stdin" if path is None else str(path).replace(os.sep, "/")
    return ValeFilePolicy(config, config.for_file(walked), selection)


def _ignored_spans(doc: Document, settings: FileSettings) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (*settings.token_ignores, *settings.block_ignores):
        try:
            compiled = regex.compile(pattern, regex.M)
        except regex.error:
            continue
        spans.extend(
            m.span() for m in compiled.finditer(doc.text, timeout=2.0) if m.end() > m.start()
        )
    return spans
