"""What a Vale project's configuration decides for one file's findings: which
rules run there (its sections, ``BasedOnStyles``, ``Style.Rule = NO``,
``MinAlertLevel``), at what level, and which text ``TokenIgnores`` and
``BlockIgnores`` leave out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from editor.model import SPELLING
from editor.vale.config import BUILTIN_STYLE, style_of
from editor.vocab import load_vocabulary

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
    def base_styles(self) -> tuple[str, ...]:
        """The styles the file is based on (what ``vale styles = …`` turns off)."""
        return self.settings.base_styles

    @property
    def keep(self) -> Callable[[Suggestion], bool]:
        config, settings, selection = self.config, self.settings, self.selection
        styles = _styles(config)

        def keep(item: Suggestion) -> bool:
            if not _vales(styles, item):
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
        accepted = _accepted(self.config.styles_paths, self.settings.vocab)
        styles = _styles(self.config)
        out: list[Suggestion] = []
        for item in items:
            if any(start <= item.start and item.end <= end for start, end in ignored):
                continue
            if accepted is not None and item.category == SPELLING and accepted.fullmatch(item.text):
                continue  # a term the file's sections' vocabularies accept
            if _vales(styles, item):
                level = self.config.level(self.settings, item.rule, item.severity)
                if level != item.severity:
                    item = replace(item, severity=level)
            out.append(item)
        return tuple(out)


def _vales(styles: frozenset[str], item: Suggestion) -> bool:
    """Whether the Vale configuration decides for this finding: one of its
    ``styles``' (or Vale's own) rules, not a copydesk pack's or an engine's."""
    return item.source == "rules" and style_of(item.rule) in styles


def _styles(config: ValeConfig) -> frozenset[str]:
    return frozenset((*config.styles(), BUILTIN_STYLE))


def vale_policy(config: ValeConfig, path: Path | None, selection: Selection) -> ValeFilePolicy:
    walked = "stdin" if path is None else str(path).replace(os.sep, "/")
    return ValeFilePolicy(config, config.for_file(walked), selection)


@lru_cache(maxsize=64)
def _accepted(styles: tuple[Path, ...], names: tuple[str, ...]) -> regex.Pattern[str] | None:
    """The accepted terms of the vocabularies ``names`` (a section's ``Vocab``),
    as Vale's spelling rules take them there: case-sensitively (a top-level
    ``Vocab``'s are taken in any case, by the rules themselves)."""
    if not names:
        return None
    terms = load_vocabulary(names, styles, vale=True).accept
    if not terms:
        return None
    return regex.compile("|".join(f"(?:{term})" for term in terms))


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
