"""Reading a ``.vale.ini`` file into sections of keys, as Vale's INI library
reads it.

- Keys before the first ``[section]`` are core settings (``StylesPath``,
  ``MinAlertLevel``…); ``[*]`` is the global section, ``[formats]`` maps
  extensions, and every other section is a glob of the files it applies to.
- A key given twice in one section keeps every value in order (Vale calls them
  shadows): list settings merge them, single settings take the last.
- A line starting with ``#`` or ``;`` is a comment; so is the rest of a line
  from a ``#`` or ``;`` that follows a space.
- Section and key names are case-sensitive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from editor.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["IniSection", "parse_ini", "split_list"]


@dataclass(slots=True)
class IniSection:
    #: ``""`` for the core keys before any section.
    name: str
    line: int
    #: Key → every value it was given, in order.
    values: dict[str, list[str]] = field(default_factory=dict)
    #: Key → the line it was first given on.
    lines: dict[str, int] = field(default_factory=dict)

    def last(self, key: str) -> str:
        return self.values[key][-1]

    def merged(self, key: str) -> list[str]:
        """Every value of ``key``, split on commas, blanks and repeats dropped."""
        out: list[str] = []
        for value in self.values.get(key, []):
            for item in split_list(value):
                if item not in out:
                    out.append(item)
        return out


def split_list(value: str) -> list[str]:
    """A comma-separated list; ``\\,`` is a comma inside an item (a regex's
    ``{2\\,}``), other backslashes are kept."""
    items: list[str] = []
    current: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            if char != ",":
                current.append("\\")
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _strip_comment(value: str) -> str:
    for index, char in enumerate(value):
        if char in "#;" and index > 0 and value[index - 1] in " \t":
            return value[:index].rstrip()
    return value


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        return value[1:-1]
    return value


def parse_ini(path: Path, text: str) -> list[IniSection]:
    """The sections in file order (the core one first, possibly empty). A
    section named twice is one section, as in Vale."""
    core = IniSection("", 0)
    sections: dict[str, IniSection] = {"": core}
    current = core
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            end = line.rfind("]")
            if end <= 0:
                raise ConfigError(path, f"line {number}: a section header needs a closing ']'")
            name = line[1:end].strip()
            current = sections.setdefault(name, IniSection(name, number))
            continue
        key, sep, value = line.partition("=")
        if not sep:
            # Vale's loose reading takes a line without '=' as a key with no
            # value (a stray URL becomes the key 'https'); nothing reads it.
            key, value = line, ""
        key = key.strip()
        if not key:
            raise ConfigError(path, f"line {number}: a setting needs a name before '='")
        current.values.setdefault(key, []).append(_unquote(_strip_comment(value.strip())))
        current.lines.setdefault(key, number)
    return list(sections.values())
