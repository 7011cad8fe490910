"""The engine table: which checkers a run uses, and whether each can run here.

``auto`` means the house rules and Harper always, and LanguageTool whenever it
is reachable. An engine asked for by name that cannot run is an
``EngineError`` (exit 3); under ``auto`` it is a short notice pointing to
``copydesk engines``, which gives the reason and the ways to enable it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from editor import __version__
from editor.checkers import harper, languagetool
from editor.checkers.base import EngineStatus
from editor.checkers.prose import ProseChecker
from editor.checkers.style import (
    LoadedRules,
    StyleChecker,
    default_rules_dir,
    load_rules,
    vocabulary_rules,
)
from editor.checkers.style.spelling import Spelling
from editor.config import ENGINE_NAMES
from editor.dialect import AUTO
from editor.errors import EngineError
from editor.policy import FilePolicy, Policies
from editor.selection import Selection
from editor.vocab import Vocabulary, load_vocabulary, project_vocabulary

if TYPE_CHECKING:
    from collections.abc import Sequence

    from editor.cache import ResultCache
    from editor.checkers.base import Checker
    from editor.checkers.style import Rule
    from editor.config import Config
    from editor.vale.policy import ValeFilePolicy

__all__ = [
    "LABELS",
    "Engines",
    "build_engines",
    "configured_engines",
    "dialect_for",
    "engine_statuses",
    "house_rules",
    "project_root",
    "selection_for",
    "vocabulary_for",
]

#: How notices name each engine.
LABELS = {"rules": "House rules", "harper": "Harper", "languagetool": "LanguageTool"}


@dataclass(frozen=True, slots=True)
class Engines:
    checkers: tuple[Checker, ...]
    statuses: tuple[EngineStatus, ...]
    notices: tuple[str, ...]
    #: Engines the run may go on without (those ``auto`` chose, not named ones).
    optional: frozenset[str] = frozenset()
    #: Which findings the run reports (``select``, ``ignore`` and ``disable``).
    selection: Selection = field(default_factory=Selection)
    #: Per file: the selection and levels, with ``[[overrides]]`` applied.
    policies: Policies | None = None
    #: Whether findings of different rules on one span become one (``merge``).
    combine: bool = True
    #: File suffix → the format it is read as (``Config.formats``).
    formats: dict[str, str] = field(default_factory=dict)

    def policy(self, path: Path | None) -> FilePolicy | ValeFilePolicy:
        """What applies to the file at ``path`` (``None``: standard input)."""
        if self.policies is None:
            return FilePolicy(self.selection)
        return self.policies.for_path(path)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checkers)

    def close(self) -> None:
        for checker in self.checkers:
            checker.close()


def house_rules(config: Config, accepted: Sequence[str] = ()) -> LoadedRules:
    """The shipped pack (unless turned off) and the configured rule paths;
    ``accepted``, the vocabulary's accepted terms, excuse matches in rules with
    ``vocab: true`` (Vale's default)."""
    paths = ([default_rules_dir()] if config.default_rules else []) + list(config.rules)
    vale = config.vale
    styles = [] if vale is None else [vale.find_style(name) for name in vale.styles()]
    return load_rules(paths, accepted=accepted, vale_styles=[p for p in styles if p is not None])


def project_root(config: Config) -> Path:
    """Where the project's own files live: next to its config, else here."""
    return config.path.parent if config.path else Path.cwd()


def vocabulary_for(config: Config) -> Vocabulary:
    """The configured vocabularies plus the project's own accepted words (a
    Vale project's: its ``Vocab``, from its StylesPath)."""
    vale = config.vale
    if vale is not None and config.vale_ini is None:
        return load_vocabulary(config.vocab, vale.styles_paths, vale=True)
    own = _copydesk_vocabulary(config)
    if vale is None:
        return own
    # A copydesk configuration with a Vale project's: both vocabularies.
    theirs = load_vocabulary(vale.vocab, vale.styles_paths, vale=True)
    return Vocabulary(
        tuple(dict.fromkeys((*own.accept, *theirs.accept))),
        tuple(dict.fromkeys((*own.reject, *theirs.reject))),
        (*own.sources, *theirs.sources),
    )


def _copydesk_vocabulary(config: Config) -> Vocabulary:
    # A rule folder, or (a Vale style, ``styles/Google``) the StylesPath it is in.
    folders = [p for p in config.rules if p.is_dir()]
    dirs = list(dict.fromkeys([default_rules_dir(), *folders, *(p.parent for p in folders)]))
    names = list(config.vocab)
    own = project_vocabulary(project_root(config))
    if own.is_dir():
        names.append(str(own))
    return load_vocabulary(names, dirs)


def configured_engines(
    config: Config, *, cache: ResultCache | None = None, start: bool = True
) -> tuple[Engines, LoadedRules]:
    """Everything ``config`` asks for, built in one place: the house rules
    (with the vocabulary's rejected words), the vocabulary and the engines.
    The loaded rules come back too, for their errors."""
    vocabulary = vocabulary_for(config)
    loaded = house_rules(config, vocabulary.accept)
    if config.vale is not None:
        from editor.vale.builtin import builtin_rules

        rules = [*loaded.rules, *builtin_rules(config.vale, vocabulary)]
    else:
        rules = [*loaded.rules, *vocabulary_rules(vocabulary.reject, Path("reject.txt"))]
    # Spelling rules never report an accepted term, whatever their ``vocab`` key (as Vale).
    rules = [r.accepting(vocabulary.accept) if isinstance(r, Spelling) else r for r in rules]
    engines = build_engines(config, rules, vocabulary=vocabulary, cache=cache, start=start)
    if loaded.notices:
        engines = replace(engines, notices=(*loaded.notices, *engines.notices))
    return engines, loaded


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
    start: bool = True,
) -> Engines:
    """The checkers for ``config.engines``, in merge order: always
    ``ENGINE_NAMES`` order, so the findings do not depend on how the engines
    were listed. With ``start``, Harper's worker starts loading at once;
    without, on the first check."""
    auto = config.engines == ("auto",)
    names = ENGINE_NAMES if auto else tuple(n for n in ENGINE_NAMES if n in config.engines)
    checkers: list[Checker] = []
    notices: list[str] = []
    words = vocabulary.words() if vocabulary else []
    selection = selection_for(config)
    policies = Policies(config)
    statuses = [_status(name, config, len(rules)) for name in names]
    for name, status in zip(names, statuses, strict=True):
        if not status.available:
            if not auto:
                raise EngineError(name, status.detail)
            notices.append(f"{LABELS[name]} not available; see 'copydesk engines'")
            continue
        if name == "rules":
            # Rules a path's override may select again must not be skipped.
            checkers.append(
                StyleChecker(
                    rules, selection=Selection() if policies.varies else selection, cache=cache
                )
            )
            continue
        dialect = dialect_for(config, name)
        engine = (
            harper.build(
                config.harper if dialect == AUTO else replace(config.harper, dialect=dialect),
                words,
                start=start,
            )
            if name == "harper"
            else languagetool.build(config.languagetool, words)
        )
        checkers.append(
            ProseChecker(
                engine,
                cache=cache,
                vocabulary=vocabulary,
                ignore_acronyms=config.ignore_acronyms,
                dialect=dialect,
            )
        )
    optional = frozenset(names) if auto else frozenset()
    return Engines(
        tuple(checkers),
        tuple(statuses),
        tuple(notices),
        optional,
        selection,
        policies,
        combine=config.merge,
        formats=config.formats,
    )


def dialect_for(config: Config, engine: str) -> str:
    """The dialect ``engine`` checks in: its own setting (``[harper] dialect``,
    ``[languagetool] language``), else ``dialect`` (``auto``: per document)."""
    own = config.harper.dialect if engine == "harper" else config.languagetool.language
    return own or config.dialect


def selection_for(config: Config) -> Selection:
    """``select`` minus ``ignore``; ``disable``'s rules are ignored too."""
    return Selection(config.select, (*config.ignore, *config.disable))
