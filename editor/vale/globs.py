"""Vale's section globs (``[*.md]``, ``[*.{md,txt}]``, ``[docs/**/*.md]``) as
regular expressions.

Vale matches a section against the file's path as it walked to it (``docs/a.md``
for ``vale .``), with forward slashes. A pattern without ``**`` is a gobwas
glob compiled without separators, so ``*`` crosses ``/`` (``*.md`` matches
``docs/a.md``); one with ``**`` is a doublestar pattern, where ``*`` stays in
one folder and ``**/`` is any number of folders. ``!`` in front negates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["ValeGlob", "compile_glob"]


@dataclass(frozen=True, slots=True)
class ValeGlob:
    pattern: str
    regex: re.Pattern[str]
    negated: bool

    def match(self, path: str) -> bool:
        return (self.regex.fullmatch(path.replace("\\", "/")) is not None) != self.negated


class GlobError(ValueError):
    pass


@lru_cache(maxsize=256)
def compile_glob(pattern: str) -> ValeGlob:
    """``GlobError`` for an unbalanced ``[`` or ``{``."""
    negated = pattern.startswith("!")
    body = pattern.lstrip("!")
    doublestar = "**" in body
    regex, rest = _translate(body, 0, doublestar=doublestar, inside_braces=False)
    if rest != len(body):
        raise GlobError(f"unbalanced '}}' in {pattern!r}")
    return ValeGlob(pattern, re.compile(regex, re.S), negated)


def _translate(text: str, at: int, *, doublestar: bool, inside_braces: bool) -> tuple[str, int]:
    """The regex for ``text`` from ``at`` up to the end (or, inside braces, to
    the ``,`` or ``}`` that ends this alternative), and where it stopped."""
    out: list[str] = []
    star = "[^/]*" if doublestar else ".*"
    while at < len(text):
        char = text[at]
        if inside_braces and char in ",}":
            return "".join(out), at
        if char == "\\" and at + 1 < len(text):
            out.append(re.escape(text[at + 1]))
            at += 2
        elif char == "*":
            if text.startswith("**", at):
                at += 2
                if doublestar and text.startswith("/", at):
                    out.append("(?:.*/)?")  # zero or more whole folders
                    at += 1
                else:
                    out.append(".*")
                continue
            out.append(star)
            at += 1
        elif char == "?":
            out.append("[^/]" if doublestar else ".")
            at += 1
        elif char == "[":
            end = text.find("]", at + 2)
            if end < 0:
                raise GlobError(f"unbalanced '[' in {text!r}")
            inner = text[at + 1 : end]
            negate = inner[:1] in ("!", "^")
            inner = inner[1:] if negate else inner
            escaped = "".join("\\" + c if c in "\\]^[" else c for c in inner)
            out.append(f"[{'^' if negate else ''}{escaped}]")
            at = end + 1
        elif char == "{":
            options: list[str] = []
            at += 1
            while True:
                option, at = _translate(text, at, doublestar=doublestar, inside_braces=True)
                options.append(option)
                if at >= len(text):
                    raise GlobError(f"unbalanced '{{' in {text!r}")
                if text[at] == "}":
                    at += 1
                    break
                at += 1  # the ','
            out.append(f"(?:{'|'.join(options)})")
        else:
            out.append(re.escape(char))
            at += 1
    if inside_braces:
        return "".join(out), at
    return "".join(out), at
