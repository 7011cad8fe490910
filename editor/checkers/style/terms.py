"""How Vale shows a substitution's expected form when it is a pattern: the
spelling of the pattern that matches the text, if the pattern spells a few
words (``OAuth2?`` → "OAuth" or "OAuth2"), else the pattern as written."""

from __future__ import annotations

from functools import cache

__all__ = ["expand_pattern", "recase_to_term"]

#: Past this many spellings a pattern is no longer one word spelled a few ways.
MAX_EXPANSIONS = 64

_SPECIAL = set("[]{}.*+^$")


class _NotFiniteError(Exception):
    pass


def _parse(runes: str, i: int, *, nested: bool) -> tuple[list[str], int]:
    branches: list[str] = []
    current = [""]
    while i < len(runes):
        char = runes[i]
        if char == ")":
            if not nested:
                raise _NotFiniteError
            return [*branches, *current], i + 1
        if char == "|":
            branches.extend(current)
            current = [""]
            i += 1
            continue
        if char == "(":
            start = i + 1
            if runes.startswith("?:", start):
                start += 2
            elif runes[start : start + 1] == "?":
                raise _NotFiniteError  # a look-around, a named group, flags
            atom, i = _parse(runes, start, nested=True)
        elif char == "\\":
            if i + 1 >= len(runes) or runes[i + 1].isalnum():
                raise _NotFiniteError  # \d, \w, \b are not spellings
            atom = [runes[i + 1]]
            i += 2
        elif char in _SPECIAL:
            raise _NotFiniteError
        else:
            atom = [char]
            i += 1
        if i < len(runes) and runes[i] == "?":
            atom = [*atom, ""]
            i += 1
        elif i < len(runes) and runes[i] in "*+{":
            raise _NotFiniteError
        if len(current) * len(atom) > MAX_EXPANSIONS:
            raise _NotFiniteError
        current = [p + s for p in current for s in atom]
    if nested:
        raise _NotFiniteError
    return [*branches, *current], i


def expand_pattern(pattern: str) -> tuple[str, ...]:
    """Every spelling ``pattern`` can match, or nothing if they are not a few."""
    try:
        found, end = _parse(pattern, 0, nested=False)
    except _NotFiniteError:
        return ()
    return tuple(found) if end == len(pattern) and found else ()


def literal_skeleton(pattern: str) -> str:
    """The literal characters of a pattern with no classes, groups or
    repetition (a ``?`` keeps the optional character), or ``""``."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 >= len(pattern):
                return ""
            out.append(pattern[i + 1])
            i += 2
            continue
        if char in "[](){}|.*+^$":
            return ""
        if char != "?":
            out.append(char)
        i += 1
    return "".join(out)


@cache
def _spellings(term: str) -> tuple[str, ...]:
    found = expand_pattern(term)
    if not found and (skeleton := literal_skeleton(term)):
        return (skeleton,)
    return found


def recase_to_term(term: str, observed: str) -> str:
    """The spelling of ``term`` that ``observed`` is, ignoring case, or ``term``."""
    unwrapped = " ".join(observed.split())
    for candidate in _spellings(term):
        if candidate.lower() == unwrapped.lower() or candidate.upper() == unwrapped.upper():
            return candidate
    return term
