"""Project configuration: ``copydesk.toml`` or ``[tool.copydesk]`` in ``pyproject.toml``.

The file is found by walking up from the working directory (``--config``
names one directly). Every key is optional; command-line options override
it. A wrong key or type is a ``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.errors import ConfigError

if TYPE_CHECKING:
    from editor.vale.config import ValeConfig

__all__ = [
    "DIALECTS",
    "DIALECT_CHOICES",
    "ENGINE_NAMES",
    "LEVELS",
    "Config",
    "HarperSettings",
    "LanguageToolSettings",
    "Override",
    "find_config",
    "load_config",
    "load_project_config",
]

#: Engines in their merge order: the first one to make a suggestion keeps it.
#: LanguageTool comes before Harper because, measured on the learner-English
#: dev sets, where both fix the same span differently LanguageTool's first fix
#: is the right one three to five times as often (mostly spelling guesses).
ENGINE_NAMES = ("rules", "languagetool", "harper")
DIALECTS = ("en-US", "en-GB", "en-AU", "en-CA")
#: ``auto``: each document in the variety its spelling shows (``editor.dialect``).
DIALECT_CHOICES = ("auto", *DIALECTS)


@dataclass(frozen=True, slots=True)
class HarperSettings:
    #: Harper's dialect whatever ``Config.dialect`` says (``None``: that one).
    dialect: str | None = None
    #: Harper rule name → on/off, passed through to Harper's lint config.
    rules: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LanguageToolSettings:
    #: A LanguageTool server the team runs, e.g. ``http://localhost:8081``.
    server: str | None = None
    #: Send text to the public API at languagetool.org (explicit opt-in only).
    public: bool = False
    #: LanguageTool's language whatever ``Config.dialect`` says (``None``: that one).
    language: str | None = None
    mother_tongue: str | None = None
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    picky: bool = False
    #: Seconds to wait for one reply from the server.
    timeout: float = 30.0


#: The levels ``severity`` may give a rule.
LEVELS = ("error", "warning", "suggestion")


@dataclass(frozen=True, slots=True)
class Override:
    """``[[overrides]]``: settings for the files matching ``paths`` (gitignore
    globs relative to the config file's folder), applied in file order."""

    paths: tuple[str, ...]
    #: Selectors added to ``ignore`` (``disable`` is the same) for these files.
    ignore: tuple[str, ...] = ()
    #: Selectors that replace ``select`` for these files (``None``: keep it).
    select: tuple[str, ...] | None = None
    #: Rule id (or glob) → level, on top of the top-level ``severity``.
    severity: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    #: ``("auto",)`` or engine names from ``ENGINE_NAMES``.
    engines: tuple[str, ...] = ("auto",)
    fail_on: str = "warning"
    #: Which files a folder stands for: globs in gitignore syntax, relative to
    #: the folder (empty: Markdown and .txt, ``editor.discover.DEFAULT_FILES``).
    files: tuple[str, ...] = ()
    #: Globs of files a folder never stands for.
    exclude: tuple[str, ...] = ()
    #: ``auto`` or one of ``DIALECTS``: the English the spelling engines check.
    dialect: str = "auto"
    rules: tuple[Path, ...] = ()
    default_rules: bool = True
    disable: tuple[str, ...] = ()
    #: Selectors (see ``editor.selection``): what to report; empty is everything.
    select: tuple[str, ...] = ()
    #: Selectors of what not to report.
    ignore: tuple[str, ...] = ()
    #: Vocabulary names (``<rules dir>/config/vocabularies/<name>``) or folders.
    vocab: tuple[str, ...] = ("House",)
    #: Spelling findings on all-caps words (WSJ, AT&T) are dropped.
    ignore_acronyms: bool = True
    cache: bool = True
    #: Processes that check files at once (0: one per core).
    jobs: int = 0
    #: Rule id (or glob over rule ids) → the level its findings are reported at.
    severity: dict[str, str] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    harper: HarperSettings = field(default_factory=HarperSettings)
    #: The keys the file set (``fail_on``, ``harper.dialect``…), for ``copydesk config``.
    explicit: frozenset[str] = field(default=frozenset(), compare=False)
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    #: A Vale project's ``.vale.ini``, when the run follows one: its sections
    #: decide, per file, which rules run and at what level.
    vale: ValeConfig | None = field(default=None, compare=False)
    #: ``vale = ".vale.ini"``: a Vale project's configuration whose styles run
    #: alongside this file's engines and packs, as its sections decide.
    vale_ini: Path | None = None
    #: Findings of different rules on the same span stay apart (Vale's output
    #: formats print one line per rule and match).
    merge: bool = True
    #: File suffix (``.page``) → the format it is read as (a Vale project's
    #: ``[formats]``); others by their own suffix.
    formats: dict[str, str] = field(default_factory=dict)

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_config(start: Path) -> Path | None:
    """The nearest ``copydesk.toml``, ``.copydesk.toml`` or ``pyproject.toml``
    with a ``[tool.copydesk]`` table, from ``start`` upwards."""
    for folder in (start, *start.parents):
        for name in ("copydesk.toml", ".copydesk.toml"):
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.copydesk" in _read(pyproject):
            return pyproject
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Read ``path``, or the file ``find_config`` finds; defaults if there is none."""
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return Config()
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("copydesk", {})
    return _build(path, data)


def load_project_config(
    path: Path | None = None, *, start: Path | None = None, vale_start: Path | None = None
) -> Config:
    """``load_config``; where no copydesk configuration is named or found, a
    Vale project's (``.vale.ini`` from ``vale_start``, else ``start``, upwards;
    or ``VALE_CONFIG_PATH``), read as a run of its styles alone."""
    config = load_config(path, start=start)
    if config.vale_ini is not None:
        from editor.vale.project import with_vale

        return with_vale(config, config.vale_ini)
    if path is not None or config.path is not None:
        return config
    from editor.vale.config import find_vale_config
    from editor.vale.project import vale_run_config

    found = find_vale_config((vale_start or start or Path.cwd()).resolve())
    return config if found is None else vale_run_config(found)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from None


class _Reader:
    """Typed access to one table of the file, with errors that name the key."""

    def __init__(self, path: Path, table: dict[str, Any], prefix: str, known: set[str]) -> None:
        self.path, self.table, self.prefix = path, table, prefix
        unknown = sorted(set(table) - known)
        if unknown:
            raise ConfigError(
                path, f"unknown key (known: {', '.join(sorted(known))})", key=self.key(unknown[0])
            )

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def get(self, name: str, kind: type | tuple[type, ...], label: str) -> Any:
        value = self.table.get(name)
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # TOML's true is a Python int too: only accept it where a bool is wanted.
        wrong = not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
        if value is not None and wrong:
            raise ConfigError(self.path, f"must be {label}, not {value!r}", key=self.key(name))
        return value

    def strings(self, name: str) -> tuple[str, ...] | None:
        value = self.table.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(self.path, "must be a list of strings", key=self.key(name))
        return tuple(value)

    def choice(self, name: str, choices: tuple[str, ...]) -> str | None:
        value = self.get(name, str, "a string")
        if value is not None and value not in choices:
            raise ConfigError(self.path, f"must be one of {', '.join(choices)}", key=self.key(name))
        return value  # type: ignore[no-any-return]


def _names(cls: type) -> set[str]:
    return {f.name for f in fields(cls)}


def _build(path: Path, data: dict[str, Any]) -> Config:
    top = _Reader(
        path,
        data,
        "",
        (_names(Config) - {"path", "explicit", "merge", "formats", "vale_ini"}),
    )
    base = path.parent
    engines = top.strings("engines")
    if engines is not None:
        engines = parse_engines(engines, lambda reason: ConfigError(path, reason, key="engines"))
    harper = _Reader(
        path, top.get("harper", dict, "a table") or {}, "harper.", _names(HarperSettings)
    )
    rules = harper.get("rules", dict, "a table of rule = true/false") or {}
    if not all(isinstance(v, bool) for v in rules.values()):
        raise ConfigError(path, "each Harper rule must be true or false", key="harper.rules")
    lt = _Reader(
        path,
        top.get("languagetool", dict, "a table") or {},
        "languagetool.",
        _names(LanguageToolSettings),
    )
    timeout = lt.get("timeout", (int, float), "a number of seconds")
    if timeout is not None and timeout <= 0:
        raise ConfigError(path, "must be positive", key="languagetool.timeout")
    lt_changes: dict[str, Any] = {
        "server": lt.get("server", str, "a URL"),
        "public": lt.get("public", bool, "true or false"),
        "language": lt.get("language", str, "a language code such as en-US"),
        "mother_tongue": lt.get("mother_tongue", str, "a language code"),
        "picky": lt.get("picky", bool, "true or false"),
        "timeout": None if timeout is None else float(timeout),
        **{
            name: lt.strings(name)
            for name in (
                "disabled_rules",
                "enabled_rules",
                "disabled_categories",
                "enabled_categories",
            )
        },
    }
    rule_paths = top.strings("rules")
    vocab = top.strings("vocab")
    vale_ini = top.get("vale", str, "the path of a Vale configuration (.vale.ini)")
    overrides = top.get("overrides", list, "a list of [[overrides]] tables")
    explicit = frozenset(
        [k for k in data if k not in ("harper", "languagetool")]
        + [f"{table}.{k}" for table in ("harper", "languagetool") for k in data.get(table) or {}]
    )
    return Config(path=path).with_overrides(
        explicit=explicit,
        severity=_severity(path, "severity", top.get("severity", dict, "a table of rule = level")),
        overrides=None
        if overrides is None
        else tuple(_override(path, i, item) for i, item in enumerate(overrides)),
        engines=engines,
        fail_on=top.choice("fail_on", ("error", "warning", "suggestion", "none")),
        dialect=top.choice("dialect", DIALECT_CHOICES),
        files=top.strings("files"),
        exclude=top.strings("exclude"),
        rules=None if rule_paths is None else tuple(base / p for p in rule_paths),
        default_rules=top.get("default_rules", bool, "true or false"),
        disable=top.strings("disable"),
        select=_selectors(path, "select", top.strings("select")),
        ignore=_selectors(path, "ignore", top.strings("ignore")),
        vocab=None if vocab is None else tuple(_vocab_entry(base, v) for v in vocab),
        ignore_acronyms=top.get("ignore_acronyms", bool, "true or false"),
        cache=top.get("cache", bool, "true or false"),
        jobs=_jobs(path, top.get("jobs", int, "a whole number (0: one per core)")),
        vale_ini=None if vale_ini is None else base / vale_ini,
        harper=HarperSettings(
            dialect=harper.choice("dialect", DIALECTS),
            rules=dict(rules),
        ),
        languagetool=replace(
            LanguageToolSettings(), **{k: v for k, v in lt_changes.items() if v is not None}
        ),
    )


def _jobs(path: Path, value: int | None) -> int | None:
    if value is not None and value < 0:
        raise ConfigError(path, "must be 0 (one per core) or more", key="jobs")
    return value


def _severity(path: Path, key: str, table: dict[str, Any] | None) -> dict[str, str] | None:
    if table is None:
        return None
    for rule, level in table.items():
        if level not in LEVELS:
            raise ConfigError(path, f"must be one of {', '.join(LEVELS)}", key=f"{key}.{rule}")
    return dict(table)


def _override(path: Path, index: int, item: Any) -> Override:
    prefix = f"overrides[{index}]."
    if not isinstance(item, dict):
        raise ConfigError(path, "must be a table", key=f"overrides[{index}]")
    table = _Reader(path, item, prefix, {"paths", "disable", "ignore", "select", "severity"})
    paths = table.strings("paths")
    if not paths:
        raise ConfigError(path, "needs paths, a list of globs", key=prefix + "paths")
    ignore = [
        *(_selectors(path, prefix + "disable", table.strings("disable")) or ()),
        *(_selectors(path, prefix + "ignore", table.strings("ignore")) or ()),
    ]
    return Override(
        paths=paths,
        ignore=tuple(ignore),
        select=_selectors(path, prefix + "select", table.strings("select")),
        severity=_severity(path, prefix + "severity", table.get("severity", dict, "a table")) or {},
    )


def _selectors(path: Path, key: str, values: tuple[str, ...] | None) -> tuple[str, ...] | None:
    from editor.selection import SelectorError, parse_selectors  # it needs ENGINE_NAMES

    if values is None:
        return None
    try:
        return parse_selectors(values)
    except SelectorError as exc:
        raise ConfigError(path, str(exc), key=key) from None


def _vocab_entry(base: Path, value: str) -> str:
    """A vocabulary name stays a name; a path is made relative to the config file."""
    return str(base / value) if ("/" in value or value.startswith(".")) else value


def parse_engines(values: tuple[str, ...] | list[str], error: Any) -> tuple[str, ...]:
    """Validate an engine list: ``auto`` alone, or names from ``ENGINE_NAMES``."""
    names = tuple(v.strip().lower() for v in values if v.strip())
    if names == ("auto",):
        return names
    bad = [n for n in names if n not in ENGINE_NAMES]
    if bad or not names:
        raise error(
            f"unknown engine {bad[0] if bad else '(none)'!r} (choose auto or from: {', '.join(ENGINE_NAMES)})"
        )
    return tuple(dict.fromkeys(names))
