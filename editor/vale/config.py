"""A Vale project's configuration: ``.vale.ini`` read as Vale 3 reads it, and
what it decides for each file.

Found (``find_vale_config``) through ``VALE_CONFIG_PATH``, else by walking up
from the checked folder for ``.vale``, ``_vale``, ``vale.ini``, ``.vale.ini``
or ``_vale.ini``. Synced packages' own files (``<StylesPath>/.vale-config/*.ini``)
are read first and the project's file on top, as Vale does. Read here:

- core keys: ``StylesPath``, ``MinAlertLevel``, ``Vocab``, ``Packages``
  (folders already synced into ``StylesPath``: never downloaded),
  ``IgnoredScopes``, ``SkippedScopes``; other core keys are noted and ignored;
- ``[formats]`` (``mdx = md``: read ``.mdx`` files as Markdown);
- ``[*]`` and glob sections: ``BasedOnStyles``, ``Style = YES|NO``,
  ``Style.Rule = YES|NO|suggestion|warning|error``, ``UNSET``, ``Vocab``,
  ``BlockIgnores``, ``TokenIgnores``.

Per file, sections apply in the order written, a later one winning, and a
rule runs when its own setting, else its style's, says so, else when its
style is one the file is based on (Vale's ``shouldRun``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from editor.errors import ConfigError
from editor.model import Severity
from editor.vale.globs import GlobError, ValeGlob, compile_glob
from editor.vale.ini import IniSection, parse_ini

__all__ = [
    "CONFIG_NAMES",
    "FileSettings",
    "ValeConfig",
    "ValeSection",
    "find_vale_config",
    "load_vale_config",
]

#: The names Vale looks for in each folder, in its order.
CONFIG_NAMES = (".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini")
_LEVELS = {"suggestion": Severity.SUGGESTION, "warning": Severity.WARNING, "error": Severity.ERROR}
_SWITCHES = {"YES", "NO", *_LEVELS}
_UNSET = "UNSET"
_CORE = {
    "StylesPath",
    "MinAlertLevel",
    "IgnoredScopes",
    "SkippedScopes",
    "IgnoredClasses",
    "Vocab",
    "WordTemplate",
    "NLPEndpoint",
    "Packages",
}
_SECTION_KEYS = {
    "BasedOnStyles",
    "Vocab",
    "BlockIgnores",
    "TokenIgnores",
    "IgnorePatterns",
    "CommentDelimiters",
    "Transform",
    "Lang",
    "View",
}
#: Vale's built-in style.
BUILTIN_STYLE = "Vale"


@dataclass(frozen=True, slots=True)
class ValeSection:
    """A glob section (or ``[*]``, whose glob is ``*``)."""

    name: str
    glob: ValeGlob
    #: ``None``: the section does not say (an empty tuple turns everything off).
    based_on: tuple[str, ...] | None = None
    #: ``Style`` or ``Style.Rule`` → on/off.
    checks: dict[str, bool] = field(default_factory=dict)
    levels: dict[str, Severity] = field(default_factory=dict)
    unset: tuple[str, ...] = ()
    vocab: tuple[str, ...] = ()
    block_ignores: tuple[str, ...] | None = None
    token_ignores: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class FileSettings:
    """What the configuration decides for one file (Vale's ``NewFile``)."""

    base_styles: tuple[str, ...]
    checks: dict[str, bool]
    levels: dict[str, Severity]
    unset: frozenset[str]
    vocab: tuple[str, ...]
    block_ignores: tuple[str, ...] = ()
    token_ignores: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ValeConfig:
    path: Path
    #: Every ``StylesPath`` given (packages' files first); styles are looked up
    #: in each, vocabularies too.
    styles_paths: tuple[Path, ...] = ()
    min_alert_level: Severity = Severity.SUGGESTION
    vocab: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    ignored_scopes: tuple[str, ...] = ("code", "tt")
    skipped_scopes: tuple[str, ...] = ("script", "style", "pre", "figure")
    formats: dict[str, str] = field(default_factory=dict)
    #: ``[*]``: the global section.
    global_section: ValeSection | None = None
    sections: tuple[ValeSection, ...] = ()
    #: Core keys Vale ignores too, and those copydesk does not read, for a notice.
    unread: tuple[str, ...] = ()
    #: Setting → where it was given (``file:line``), for ``copydesk config``.
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def styles_path(self) -> Path | None:
        """Where styles are looked up last and installed (Vale's ``StylesPath()``)."""
        return self.styles_paths[-1] if self.styles_paths else None

    def styles(self) -> tuple[str, ...]:
        """Every style some section bases files on or names, in order."""
        names: list[str] = []
        every = [s for s in (self.global_section, *self.sections) if s is not None]
        for section in every:
            for style in section.based_on or ():
                if style not in names:
                    names.append(style)
        for section in every:
            for key, on in section.checks.items():
                style = key.split(".", 1)[0]
                if on and style not in names:
                    names.append(style)
        return tuple(names)

    def find_style(self, name: str) -> Path | None:
        for folder in self.styles_paths:
            if (folder / name).is_dir():
                return folder / name
        return None

    def for_file(self, path: str) -> FileSettings:
        """The settings for the file at ``path`` (as walked, with ``/``)."""
        base = self.global_section.based_on if self.global_section else None
        base_styles: tuple[str, ...] = base or ()
        checks: dict[str, bool] = {}
        levels: dict[str, Severity] = {}
        unset: set[str] = set()
        vocab: list[str] = []
        glob = self.global_section
        block = glob.block_ignores if glob is not None and glob.block_ignores else ()
        token = glob.token_ignores if glob is not None and glob.token_ignores else ()
        for section in self.sections:
            if not section.glob.match(path):
                continue
            if section.based_on is not None:
                base_styles = section.based_on
                if not section.based_on:
                    checks, levels, unset = {}, {}, set()
                    if self.global_section is not None:
                        checks = dict.fromkeys(self.global_section.checks, False)
            for key, on in section.checks.items():
                checks[key] = on
                unset.discard(key)
            levels.update(section.levels)
            for key in section.unset:
                checks.pop(key, None)
                levels.pop(key, None)
                unset.add(key)
            for name in section.vocab:
                if name not in vocab:
                    vocab.append(name)
                checks[f"{BUILTIN_STYLE}.{name}.Terms"] = True
                checks[f"{BUILTIN_STYLE}.{name}.Avoid"] = True
            if section.block_ignores is not None:
                block = section.block_ignores
            if section.token_ignores is not None:
                token = section.token_ignores
        return FileSettings(
            base_styles, checks, levels, frozenset(unset), tuple(vocab), block, token
        )

    def level(self, settings: FileSettings, rule: str, compiled: Severity) -> Severity:
        """The level the rule reports at in this file: the file's sections'
        setting for the rule or its style, else the global one, else its own."""
        style = style_of(rule)
        for table in (settings.levels, self.global_levels):
            for key in (rule, style):
                if key in table:
                    return table[key]
        return compiled

    @property
    def global_levels(self) -> dict[str, Severity]:
        return self.global_section.levels if self.global_section else {}

    def runs(self, settings: FileSettings, rule: str, compiled: Severity) -> bool:
        """Whether ``rule`` runs on the file (Vale's ``shouldRun``, less the
        in-text comments, which ``editor.suppress`` applies)."""
        if self.level(settings, rule, compiled) < self.min_alert_level:
            return False
        style = style_of(rule)
        for key in (rule, style):
            if key in settings.checks:
                return settings.checks[key]
        global_checks = self.global_section.checks if self.global_section else {}
        for key in (rule, style):
            if key in global_checks and key not in settings.unset:
                return global_checks[key]
        if style == BUILTIN_STYLE and rule.count(".") == 2:
            return False  # a section's vocabulary (Vale.Name.Terms): on in its sections only
        return style in settings.base_styles

    def lints(self, path: str) -> bool:
        """Whether a file found in a folder is one Vale lints: one some section
        (or ``[*]`` with settings) applies to."""
        glob = self.global_section
        if glob is not None and (glob.based_on or glob.checks):
            return True
        normalized = normalize_path(path, self.formats)
        return any(s.glob.match(path) or s.glob.match(normalized) for s in self.sections)


def style_of(rule: str) -> str:
    return rule.split(".", 1)[0]


def normalize_path(path: str, formats: dict[str, str]) -> str:
    """``path`` with the extension ``[formats]`` maps its own to."""
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in formats:
        return f"{stem}.{formats[ext]}"
    return path


def find_vale_config(start: Path) -> Path | None:
    """``VALE_CONFIG_PATH``, else the nearest Vale configuration file from
    ``start`` (a folder) upwards."""
    env = os.environ.get("VALE_CONFIG_PATH")
    if env:
        return Path(env)
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from None


class _Builder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.styles_paths: list[Path] = []
        self.core: dict[str, tuple[list[str], str]] = {}
        self.sections: dict[str, list[tuple[Path, IniSection]]] = {}
        self.order: list[str] = []

    def add(self, source: Path, sections: list[IniSection]) -> None:
        """One file's sections; a later file's values shadow an earlier one's."""
        for section in sections:
            if section.name == "":
                for key, values in section.values.items():
                    if key == "StylesPath":
                        for value in values:
                            folder = Path(value)
                            folder = folder if folder.is_absolute() else source.parent / folder
                            if folder not in self.styles_paths:
                                self.styles_paths.append(folder)
                    previous = self.core.get(key, ([], ""))[0]
                    where = f"{source}:{section.lines[key]}"
                    self.core[key] = ([*previous, *values], where)
                continue
            if section.name not in self.sections:
                self.order.append(section.name)
            self.sections.setdefault(section.name, []).append((source, section))


def load_vale_config(path: Path) -> ValeConfig:
    """Read the project's file (and its synced packages' files) into a
    ``ValeConfig``; a bad value is a ``ConfigError`` naming the file and key."""
    if not path.is_file():
        raise ConfigError(path, "no such Vale configuration file")
    project = parse_ini(path, _read(path))
    builder = _Builder(path)
    builder.add(path, project)
    styles_path = builder.styles_paths[-1] if builder.styles_paths else None
    pipeline = styles_path / ".vale-config" if styles_path else None
    if pipeline is not None and pipeline.is_dir():
        # Synced packages' own settings come first, the project's on top.
        builder = _Builder(path)
        for source in sorted(p for p in pipeline.iterdir() if p.is_file()):
            builder.add(source, parse_ini(source, _read(source)))
        builder.add(path, project)
    return _build(builder)


def _build(builder: _Builder) -> ValeConfig:
    path = builder.path
    origins: dict[str, str] = {}
    unread: list[str] = []
    for key in builder.core:
        if key in _SECTION_KEYS and key not in _CORE:
            raise ConfigError(path, "a syntax-specific option: put it under a [section]", key=key)
        if key not in _CORE:
            unread.append(key)
        origins[key] = builder.core[key][1]

    def merged(key: str) -> tuple[str, ...]:
        section = IniSection("", 0, {key: builder.core.get(key, ([], ""))[0]})
        return tuple(section.merged(key))

    for folder in builder.styles_paths:
        if not folder.is_dir():
            raise ConfigError(path, f"the path '{folder}' does not exist", key="StylesPath")
    level = Severity.SUGGESTION
    if "MinAlertLevel" in builder.core:
        value = builder.core["MinAlertLevel"][0][-1].strip()
        if value not in _LEVELS:
            raise ConfigError(
                path, "must be 'suggestion', 'warning', or 'error'", key="MinAlertLevel"
            )
        level = _LEVELS[value]
    formats: dict[str, str] = {}
    global_section: ValeSection | None = None
    sections: list[ValeSection] = []
    for name in builder.order:
        parts = builder.sections[name]
        if name == "formats":
            for _, part in parts:
                formats.update({k: v[-1] for k, v in part.values.items()})
            continue
        if name in ("asciidoctor", "DEFAULT"):
            continue
        section = _section(path, name, parts, origins)
        if name == "*":
            global_section = section
        else:
            sections.append(section)
    config = ValeConfig(
        path=path,
        styles_paths=tuple(builder.styles_paths),
        min_alert_level=level,
        vocab=merged("Vocab"),
        packages=merged("Packages"),
        ignored_scopes=merged("IgnoredScopes") or ("code", "tt"),
        skipped_scopes=merged("SkippedScopes") or ("script", "style", "pre", "figure"),
        formats=formats,
        global_section=global_section,
        sections=tuple(sections),
        unread=tuple(unread),
        origins=origins,
    )
    _check_styles(config)
    return config


def _section(
    path: Path, name: str, parts: list[tuple[Path, IniSection]], origins: dict[str, str]
) -> ValeSection:
    try:
        glob = compile_glob(name)
    except GlobError as exc:
        raise ConfigError(
            path, f"the glob pattern could not be compiled: {exc}", key=f"[{name}]"
        ) from None
    values: dict[str, list[str]] = {}
    for source, part in parts:
        for key, given in part.values.items():
            values.setdefault(key, []).extend(given)
            origins.setdefault(f"[{name}] {key}", f"{source}:{part.lines[key]}")
    based_on: tuple[str, ...] | None = None
    checks: dict[str, bool] = {}
    levels: dict[str, Severity] = {}
    unset: list[str] = []
    vocab: tuple[str, ...] = ()
    block: tuple[str, ...] | None = None
    token: tuple[str, ...] | None = None
    whole = IniSection(name, 0, values)
    for key in values:
        if key in _CORE and key not in _SECTION_KEYS:
            raise ConfigError(
                path,
                "a core option: define it above any [section]",
                key=f"[{name}] {key}",
            )
        if key == "BasedOnStyles":
            based_on = tuple(whole.merged(key))
        elif key == "Vocab":
            vocab = tuple(whole.merged(key))
        elif key in ("BlockIgnores", "IgnorePatterns"):
            block = tuple(whole.merged(key))
        elif key == "TokenIgnores":
            token = tuple(whole.merged(key))
        elif key in _SECTION_KEYS:
            continue  # Transform, Lang, View…: formats copydesk does not read
        elif "[" in key:
            continue  # Style.Rule[param] = value: rule parameters (not read)
        else:
            value = values[key][-1].strip()
            if value == _UNSET:
                unset.append(key)
                continue
            if value not in _SWITCHES:
                checks[key] = False  # Vale: anything else turns the rule off
                continue
            checks[key] = value != "NO"
            if value in _LEVELS:
                levels[key] = _LEVELS[value]
    return ValeSection(name, glob, based_on, checks, levels, tuple(unset), vocab, block, token)


def _check_styles(config: ValeConfig) -> None:
    """Every style named must be a folder on the StylesPath (Vale's E100);
    a package not synced yet is named as such."""
    for style in config.styles():
        if style == BUILTIN_STYLE or config.find_style(style) is not None:
            continue
        hint = " (run 'vale sync' to download its package)" if style in config.packages else ""
        where = ", ".join(str(p) for p in config.styles_paths) or "(no StylesPath set)"
        raise ConfigError(
            config.path, f"style '{style}' does not exist on StylesPath {where}{hint}"
        )
