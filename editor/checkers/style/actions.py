"""Vale's ``action`` metadata: read and checked at load as Vale 3.22 checks
it, and turned into the replacements a finding offers.

``replace`` offers its parameters (``$1`` is the matched token's first
group), ``remove`` the empty string, ``edit`` runs a pipeline of text
operations on the match, ``convert: simple`` lower-cases it into words.
``suggest`` names spelling suggestions or a Tengo script: neither is
computed here, so such a finding offers no fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from editor.checkers.style import editops
from editor.checkers.style.casing import sentence_case, title_case

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from editor.checkers.style.schema import RuleNode

__all__ = ["Action", "expand_groups", "fix", "read_action", "to_sentence"]


@dataclass(frozen=True, slots=True)
class Action:
    name: str = ""
    params: tuple[str, ...] = ()


NO_ACTION = Action()

#: How many parameters each ``edit`` operation takes, its own name included:
#: a flat parameter list is read as a pipeline, that many at a time.
EDIT_ARITY = {
    "replace": 3,
    "remove": 2,
    "regex": 3,
    "trim_right": 2,
    "trim_left": 2,
    "trim": 2,
    "truncate": 2,
    "split": 3,
    "wrap": 2,
    "unwrap": 2,
    "prefix": 2,
    "suffix": 2,
    **dict.fromkeys(
        [
            "squeeze",
            "capitalize",
            "uncapitalize",
            "smart",
            "dumb",
            "ascii",
            "words",
            "digits",
            "lower",
            "upper",
            "title",
            "sentence",
            "simple",
            "kebab",
            "snake",
            "camel",
            "pascal",
        ],
        1,
    ),
}
ACTIONS = ("replace", "remove", "edit", "suggest", "convert")


def to_sentence(words: Sequence[str], joiner: str = "or") -> str:
    """Vale's list of options: "'a'", "'a' or 'b'", "'a', 'b', or 'c'"."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {joiner} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{joiner} {quoted[-1]}"
    return ", ".join(quoted)


def _flat_params(node: RuleNode, raw: object) -> tuple[str, ...]:
    """``params``, a nested list (one list per edit operation) flattened."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise node.error("action", "'params' must be a list")
    flat: list[object] = []
    for item in raw:
        flat.extend(item if isinstance(item, list) else [item])
    if not all(isinstance(p, str | int | float) and not isinstance(p, bool) for p in flat):
        raise node.error("action", "'params' must be a list of strings")
    return tuple(str(p) for p in flat)


def edit_steps(params: Sequence[str]) -> list[tuple[str, ...]]:
    """The ``edit`` pipeline; raises ``ValueError`` saying what is wrong."""
    steps: list[tuple[str, ...]] = []
    index = 0
    while index < len(params):
        name = params[index]
        arity = EDIT_ARITY.get(name)
        if arity is None:
            raise ValueError(f"unknown edit '{name}'")
        if index + arity > len(params):
            raise ValueError(f"'{name}' takes {arity - 1} parameter(s)")
        steps.append(tuple(params[index : index + arity]))
        index += arity
    if not steps:
        raise ValueError("'edit' needs an operation")
    return steps


def read_action(node: RuleNode, *, spelling: bool = False) -> Action:
    """``action: {name, params}``, checked as Vale checks it at load."""
    raw = node.data.get("action")
    if raw is None:
        return NO_ACTION
    if not isinstance(raw, dict):
        raise node.error("action", "must be a mapping with a 'name'")
    unknown = sorted(str(k) for k in raw if str(k).lower() not in {"name", "params"})
    if unknown:
        raise node.error("action", f"has invalid keys: {', '.join(unknown)}")
    name = raw.get("name")
    if name is None:
        name = ""
    if not isinstance(name, str):
        raise node.error("action", "'name' must be a string")
    params = _flat_params(node, raw.get("params"))
    try:
        _check(name, params, spelling=spelling, node=node)
    except ValueError as exc:
        raise node.error("action", str(exc)) from None
    return Action(name, params)


def _check(name: str, params: tuple[str, ...], *, spelling: bool, node: RuleNode) -> None:
    if name in {"", "replace", "remove"}:
        return
    if name == "suggest":
        if spelling and not params:
            return
        if len(params) != 1:
            raise ValueError("'suggest' takes one parameter")
        if params[0] != "spellings" and not _script_exists(node, params[0]):
            raise ValueError(f"script '{params[0]}' not found")
        return
    if name == "convert":
        if params != ("simple",):
            raise ValueError("'convert' takes one parameter: simple")
        return
    if name != "edit":
        raise ValueError(f"unknown action '{name}'")
    for step in edit_steps(params):
        if step[0] == "regex":
            try:
                regex.compile(step[1], regex.VERSION0)
            except regex.error as exc:
                raise ValueError(f"invalid regular expression {step[1]!r}: {exc}") from None
        elif step[0] == "split" and not _is_int(step[2]):
            raise ValueError(f"'split' index '{step[2]}' is not a number")


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def _script_exists(node: RuleNode, name: str) -> bool:
    """A ``suggest`` script in ``<StylesPath>/config/actions`` or beside the rule."""
    style = node.path.parent
    return (style.parent / "config" / "actions" / name).is_file() or (style / name).is_file()


_GROUP_REF = regex.compile(r"\$(\$|\d+|\{\d+\})")


def expand_groups(arg: str, match: str, groups: Sequence[str]) -> str:
    """``$0`` is the match, ``$N`` (or ``${N}``) the token's Nth group, ``$$`` a dollar."""
    if "$" not in arg:
        return arg

    def one(found: regex.Match[str]) -> str:
        body = found.group(1).strip("{}")
        if body == "$":
            return "$"
        number = int(body)
        if number == 0:
            return match
        return groups[number - 1] if number <= len(groups) else ""

    return _GROUP_REF.sub(one, arg)


def _dotnet_template(found: regex.Match[str], template: str) -> str:
    """A replacement template as Vale's engine (regexp2) reads it: ``$1``,
    ``${name}``, ``$0`` or ``$&`` for the match, ``$$`` for a dollar."""
    out: list[str] = []
    index = 0
    count = len(found.groups())
    while index < len(template):
        char = template[index]
        if char == "\\" and (backslash := regex.match(r"\\(\d{1,2})", template[index:])):
            # ``\1`` is literal text to Vale; copydesk reads it as ``$1`` too,
            # as Python writes it (a deliberate difference from Vale).
            group = int(backslash.group(1))
            if group <= count:
                out.append(found.group(group) or "")
                index += len(backslash.group())
                continue
        if char != "$" or index + 1 == len(template):
            out.append(char)
            index += 1
            continue
        following = template[index + 1]
        if following == "$":
            out.append("$")
            index += 2
        elif following == "&":
            out.append(found.group())
            index += 2
        elif following == "{" and (close := template.find("}", index)) > 0:
            name = template[index + 2 : close]
            try:
                out.append(found.group(int(name) if name.isdigit() else name) or "")
            except (IndexError, ValueError):
                out.append(template[index : close + 1])
            index = close + 1
        elif following.isdigit():
            digits = regex.match(r"\d+", template[index + 1 :])
            assert digits is not None
            run = digits.group()
            # The longest run of digits naming a group.
            while run and int(run) > count:
                run = run[:-1]
            if not run:
                out.append("$")
                index += 1
                continue
            out.append(found.group(int(run)) or "")
            index += 1 + len(run)
        else:
            out.append("$")
            index += 1
    return "".join(out)


def regex_replace(pattern: str, template: str, text: str) -> str:
    compiled = regex.compile(pattern, regex.VERSION0)
    return compiled.sub(lambda m: _dotnet_template(m, template), text, timeout=1.0)


def _go_trim(text: str, cutset: str, how: Callable[[str, str], str]) -> str:
    return how(text, cutset) if cutset else text


_ONE_ARGUMENT: dict[str, Callable[[str], str]] = {
    "squeeze": editops.squeeze,
    "capitalize": editops.capitalize_first,
    "uncapitalize": editops.uncapitalize_first,
    "smart": editops.smart_punctuation,
    "dumb": editops.dumb_punctuation,
    "ascii": editops.to_ascii,
    "words": editops.numbers_to_words,
    "digits": editops.words_to_numbers,
    "lower": editops.go_lower,
    "upper": editops.go_upper,
    "title": title_case,
    "sentence": sentence_case,
    "simple": editops.simple,
    "kebab": editops.kebab,
    "snake": editops.snake,
    "camel": editops.camel,
    "pascal": editops.pascal,
}


def _edit_step(match: str, step: tuple[str, ...]) -> str:
    name = step[0]
    if name in _ONE_ARGUMENT:
        return _ONE_ARGUMENT[name](match)
    argument = step[1]
    if name == "replace":
        return match.replace(argument, step[2])
    if name == "remove":
        return "".join(c for c in match if c not in argument)
    if name == "regex":
        return regex_replace(argument, step[2], match)
    if name == "trim_right":
        return _go_trim(match, argument, str.rstrip)
    if name == "trim_left":
        return _go_trim(match, argument, str.lstrip)
    if name == "trim":
        return _go_trim(match, argument, str.strip)
    if name == "truncate":
        return match.split(argument)[0] if argument else match[:1]
    if name == "split":
        parts = match.split(argument) if argument else list(match)
        index = int(step[2])
        if not 0 <= index < len(parts):
            raise ValueError("index out of range")
        return parts[index]
    if name == "wrap":
        return argument + match + argument
    if name == "unwrap":
        return match.removeprefix(argument).removesuffix(argument)
    if name == "prefix":
        return argument + match
    return match + argument  # suffix


def fix(action: Action, match: str, groups: Sequence[str] = ()) -> tuple[str, ...]:
    """What Vale's fixer gives for ``match``: its suggestions, in order.

    Where Vale would stop with an error (a ``split`` index out of range, a
    runaway pattern), or computes suggestions copydesk cannot (``suggest``),
    there are none.
    """
    name, params = action.name, action.params
    if name == "replace":
        return tuple(expand_groups(p, match, groups) for p in params)
    if name == "remove":
        return ("",)
    if name == "convert":
        return (editops.simple(match),) if params[:1] == ("simple",) else ()
    if name != "edit":
        return ()
    try:
        text = match
        for step in edit_steps(params):
            # A regex step's ``$1`` is its own pattern's group, not the token's.
            if step[0] != "regex":
                step = (step[0], *(expand_groups(a, match, groups) for a in step[1:]))
            text = _edit_step(text, step)
    except (ValueError, regex.error, TimeoutError):
        return ()
    return (text.strip(),)
