"""A Vale project as a copydesk run: its styles are the rules, and nothing else
runs unless a copydesk configuration adds it (no house pack, no grammar
engines), so ``copydesk check --format vale-line .`` prints what Vale prints.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from editor.config import Config
from editor.discover import DEFAULT_FILES
from editor.vale.config import BUILTIN_STYLE, load_vale_config

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.vale.config import ValeConfig

__all__ = ["config_for", "file_filter", "vale_run_config", "with_vale"]

#: ``[formats]`` targets copydesk reads, and as what (Vale's names).
_READ_AS = {"md": "markdown", "markdown": "markdown", "txt": "text", "text": "text"}


def vale_run_config(path: Path) -> Config:
    """The run a ``.vale.ini`` (or ``_vale.ini``…) at ``path`` describes."""
    vale = load_vale_config(path)
    return config_for(vale)


def config_for(vale: ValeConfig) -> Config:
    styles = [vale.find_style(name) for name in vale.styles() if name != BUILTIN_STYLE]
    formats = {
        f".{ext.lower()}": _READ_AS[to]
        for ext, to in vale.formats.items()
        if to in _READ_AS and "*" not in ext
    }
    return Config(
        files=(*DEFAULT_FILES, *(f"*{suffix}" for suffix in formats)),
        formats=formats,
        path=vale.path,
        engines=("rules",),
        default_rules=False,
        rules=tuple(p for p in styles if p is not None),
        vocab=vale.vocab,
        vale=vale,
        fail_on="error",
        explicit=frozenset({"engines", "rules", "vocab", "fail_on"}),
    )


def file_filter(vale: ValeConfig) -> Callable[[Path, str], bool]:
    """Which files found in a folder Vale lints: some section applies to
    them, and they are not in a StylesPath below the folder (rules, not prose;
    Vale does not walk into one, though it lints a StylesPath it is given)."""
    styles = [p.resolve() for p in vale.styles_paths]

    def accept(root: Path, path: str) -> bool:
        top = root.resolve()
        below = [s for s in styles if s != top and s.is_relative_to(top)]
        if below and any(Path(path).resolve().is_relative_to(s) for s in below):
            return False
        return vale.lints(path)

    return accept


def with_vale(config: Config, path: Path) -> Config:
    """A copydesk configuration with a Vale project's styles added: they run
    where its sections say, beside the engines and packs ``config`` names."""
    vale = load_vale_config(path)
    own = config_for(vale)
    return replace(
        config,
        vale=vale,
        rules=(*config.rules, *(p for p in own.rules if p not in config.rules)),
        formats={**own.formats, **config.formats},
    )
