"""The engine table: which checkers a run uses, and whether each can run here.

``auto`` means the house rules and Harper always, and LanguageTool whenever it
is reachable. An engine asked for by name that cannot run is an
``EngineError`` (exit 3); under ``auto`` it is a short notice pointing to
``copydesk engines``, which gives the reason and the ways to enable it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor import __version__
from editor.checkers import harper, languagetool
from editor.checkers.base import EngineStatus
from editor.checkers.prose import ProseChecker
from editor.checkers.style import StyleChecker
from editor.config import ENGINE_NAMES
from editor.errors import EngineError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.cache import ResultCache
    from editor.checkers.base import Checker
    from editor.checkers.style import Rule
    from editor.config import Config
    from editor.vocab import Vocabulary

__all__ = ["LABELS", "Engines", "build_engines", "engine_statuses"]

#: How notices name each engine.
LABELS = {"rules": "House rules", "harper": "Harper", "languagetool": "LanguageTool"}


@dataclass(frozen=True, slots=True)
class Engines:
    checkers: tuple[Checker, ...]
    statuses: tuple[EngineStatus, ...]
    notices: tuple[str, ...]
    #: Engines the run may go on without (those ``auto`` chose, not named ones).
    optional: frozenset[str] = frozenset()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checkers)

    def close(self) -> None:
        for checker in self.checkers:
            checker.close()


def _status(name: str, config: Config, rules: int | None) -> EngineStatus:
    if name == "rules":
        detail = "house-style rule packs" if rules is None else f"{rules} house-style rules"
        return EngineStatus("rules", True, __version__, detail)
    if name == "harper":
        return harper.probe()
    return languagetool.probe(config.languagetool)


def engine_statuses(config: Config, rules: int | None = None) -> list[EngineStatus]:
    """Every engine copydesk knows, whether it can run here and why not."""
    return [_status(name, config, rules) for name in ENGINE_NAMES]


def build_engines(
    config: Config,
    rules: Sequence[Rule],
    *,
    vocabulary: Vocabulary | None = None,
    cache: ResultCache | None = None,
) -> Engines:
    """The checkers for ``config.engines``, in merge order."""
    auto = config.engines == ("auto",)
    names = ENGINE_NAMES if auto else config.engines
    checkers: list[Checker] = []
    statuses: list[EngineStatus] = []
    notices: list[str] = []
    words = vocabulary.words() if vocabulary else []
    for name in names:
        status = _status(name, config, len(rules))
        statuses.append(status)
        if not status.available:
            if not auto:
                raise EngineError(name, status.detail)
            notices.append(f"{LABELS[name]} not available; see 'copydesk engines'")
            continue
        if name == "rules":
            checkers.append(StyleChecker(rules, disabled=config.disable))
            continue
        engine = (
            harper.build(config.harper, words)
            if name == "harper"
            else languagetool.build(config.languagetool, words)
        )
        checkers.append(
            ProseChecker(
                engine,
                cache=cache,
                vocabulary=vocabulary,
                ignore_acronyms=config.ignore_acronyms,
                disabled=config.disable,
            )
        )
    optional = frozenset(names) if auto else frozenset()
    return Engines(tuple(checkers), tuple(statuses), tuple(notices), optional)
