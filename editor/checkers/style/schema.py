"""Reading one Vale-schema rule file into checked, typed values.

Every error names the file, the line and the key, so a team fixing a rule
pack never has to guess (Vale's E201 errors do the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from editor.categories import CATEGORIES, DEFAULT_CATEGORY
from editor.checkers.style.actions import NO_ACTION, Action, read_action
from editor.errors import RuleError
from editor.model import Severity

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "COMMON_KEYS",
    "LENIENT_TYPES",
    "TYPE_KEYS",
    "Example",
    "RuleInfo",
    "RuleNode",
    "check_keys",
    "read_rule_file",
]

#: The keys every rule accepts: Vale's shared ones (``name``, ``path`` and
#: ``tests`` Vale sets or drops itself; ``selector`` is read and unused here)
#: and copydesk's own ``examples``, ``category`` and ``safe``.
COMMON_KEYS = frozenset(
    {
        "extends",
        "message",
        "description",
        "level",
        "scope",
        "link",
        "limit",
        "action",
        "matchcase",
        "name",
        "path",
        "selector",
        "tests",
        "examples",
        "category",
        "safe",
    }
)

#: Each rule type's own keys, as Vale 3.22 decodes them. A key outside
#: ``COMMON_KEYS`` and its type's set is an error, as in Vale; a type missing
#: from this table is not checked.
TYPE_KEYS: dict[str, frozenset[str]] = {
    "existence": frozenset(
        {"tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab"}
    ),
    "substitution": frozenset(
        {"swap", "exceptions", "ignorecase", "nonword", "vocab", "capitalize", "pos"}
    ),
    "occurrence": frozenset({"token", "max", "min", "ignorecase"}),
    "repetition": frozenset({"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"}),
    "consistency": frozenset({"either", "nonword", "ignorecase"}),
    "conditional": frozenset({"first", "second", "exceptions", "in", "ignorecase", "vocab"}),
    "capitalization": frozenset(
        {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}
    ),
    "readability": frozenset({"metrics", "grade"}),
    "metric": frozenset({"formula", "condition"}),
    "spelling": frozenset(
        {
            "aff",
            "dic",
            "dicpath",
            "dictionaries",
            "append",
            "custom",
            "filters",
            "ignore",
            "exceptions",
            "threshold",
            "split",
        }
    ),
    "sequence": frozenset({"tokens", "model", "exceptions", "ignorecase"}),
    "script": frozenset({"script"}),
}

#: Types Vale decodes without rejecting unknown keys (``consistency`` and
#: ``spelling`` use a lenient decoder), so a stray key there is ignored, as
#: Vale ignores it.
LENIENT_TYPES = frozenset({"consistency", "spelling"})

#: Vale's default ``level`` for a rule that sets none.
DEFAULT_LEVEL = "warning"


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence from a rule's ``examples:`` block.

    ``fixed`` (bad examples only) is the text after applying the first
    replacement of every finding; ``format`` is how to load ``text``.
    """

    text: str
    fixed: str | None = None
    format: str = "markdown"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What every rule type shares."""

    id: str
    extends: str
    message: str
    severity: Severity
    scope: tuple[str, ...]
    path: Path
    link: str | None = None
    description: str | None = None
    category: str | None = None
    safe: bool = False
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    #: At most this many findings of the rule per document (0: no limit).
    limit: int = 0
    action: Action = NO_ACTION
    #: Vale's ``matchcase``: a ``replace`` action's text takes the match's case.
    match_case: bool = False
    #: A Vale project's rule: it also reads the front matter's values, as Vale does.
    vale: bool = False
    #: For a Vale project's rule, which of ``paragraph`` and ``sentence`` any
    #: of the project's rules asks for: Vale cuts a plain-text file into those
    #: only then (see ``matching._vale_text_segments``).
    vale_pieces: frozenset[str] = frozenset()

    def in_scope(self, scopes: tuple[str, ...]) -> bool:
        return any(s in self.scope for s in scopes)


class RuleNode:
    """A parsed rule mapping plus the line of each key, with typed getters."""

    def __init__(
        self, path: Path, data: dict[str, Any], lines: dict[str, int], *, checked: bool = False
    ) -> None:
        self.path = path
        self.data = data
        self.lines = lines
        #: Its patterns compiled without error before (this very file, regex
        #: and copydesk): they are compiled when first used, not now.
        self.checked = checked
        #: The vocabularies' accepted terms, exceptions to a rule with
        #: ``vocab: true`` (Vale's default) of the types that read it.
        self.accepted: tuple[str, ...] = ()
        #: A Vale project's rule: its patterns are Vale's (``\\w`` ASCII only).
        self.vale_regex = False

    def vocabulary(self) -> tuple[str, ...]:
        """The accepted terms this rule takes as exceptions (none with ``vocab: false``)."""
        return self.accepted if self.boolean("vocab", default=True) else ()

    def error(self, key: str | None, reason: str) -> RuleError:
        line = self.lines.get(key or "", 1)
        return RuleError(self.path, reason, line=line, key=key)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def string(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key)
        if value is None:
            if default is not None:
                return default
            reason = "missing (required)" if key not in self.data else "must not be empty"
            raise self.error(key, reason)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(key, f"must be a string, not {type(value).__name__}")
        return str(value)

    def optional_string(self, key: str) -> str | None:
        return self.string(key) if self.has(key) else None

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, "must be true or false")
        return value

    def number(self, key: str, default: float | None = None) -> float:
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise self.error(key, "missing (required)")
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, "must be a number")
        return float(value)

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing (required)")
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            raise self.error(key, "must be a list of strings")
        items: list[str] = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                raise self.error(key, f"must be a list of strings, found {item!r}")
            items.append(str(item))
        if required and not items:
            raise self.error(key, "must not be empty")
        return tuple(items)

    def mapping(self, key: str, *, required: bool = False) -> dict[str, str]:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing (required)")
            return {}
        pairs: list[tuple[Any, Any]] = []
        if isinstance(value, dict):
            pairs = list(value.items())
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            pairs = [item for entry in value for item in entry.items()]
        else:
            raise self.error(key, "must be a mapping of pattern: replacement")
        result: dict[str, str] = {}
        for left, right in pairs:
            if left is None or right is None or isinstance(right, list | dict):
                raise self.error(key, f"bad entry {left!r}: {right!r}")
            result[str(left)] = str(right)
        if required and not result:
            raise self.error(key, "must not be empty")
        return result


#: libyaml's parser when PyYAML was built with it (about ten times faster).
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RuleLoader(_Loader):  # type: ignore[misc]
    """YAML 1.2 scalars, as Vale's parser reads rule files: ``on``, ``yes``
    and ``no`` are words (a swap key ``on: upon`` stays "on"), ``1:20`` is
    text, ``0o17`` is a number."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if digits.startswith(("0o", "0x")):
            return sign * int(digits[2:], 8 if digits[1] == "o" else 16)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)  # Vale's parser still reads 0777 as octal
        return sign * int(digits)


_RuleLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in found if not tag.endswith((":bool", ":int", ":float"))]
    for first, found in _Loader.yaml_implicit_resolvers.items()
}
_RuleLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_RuleLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_RuleLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_RuleLoader.add_constructor("tag:yaml.org,2002:int", _RuleLoader.construct_yaml_int)


def _yaml_error(path: Path, exc: yaml.YAMLError) -> RuleError:
    """A syntax error at the line where the mistake is.

    For an unclosed quote or bracket PyYAML's problem mark is where it gave up
    (often the end of the file); its context mark is where the construct
    began, which is where the mistake is. Otherwise the problem mark is.
    """
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None) or ""
    unclosed = "quoted scalar" in context or "flow" in context or "end of stream" in problem
    if context_mark is not None and (unclosed or problem_mark is None):
        what = context.removeprefix("while scanning ").removeprefix("while parsing ")
        detail = f"{what} that starts here is never closed ({problem})"
        return RuleError(path, f"invalid YAML: {detail}", line=context_mark.line + 1)
    line = problem_mark.line + 1 if problem_mark is not None else None
    return RuleError(path, f"invalid YAML: {problem}", line=line)


def _parse(path: Path, text: str) -> tuple[Any, dict[str, int]]:
    """The data and the 1-based line of each top-level key, from one parse.

    YAML syntax errors become RuleErrors naming the line.
    """
    loader = _RuleLoader(text)
    try:
        root = loader.get_single_node()
        if not isinstance(root, yaml.MappingNode):
            raise RuleError(path, "a rule file must be a YAML mapping", line=1)
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise _yaml_error(path, exc) from None
    finally:
        loader.dispose()
    lines = {
        str(key.value): key.start_mark.line + 1
        for key, _ in root.value
        if isinstance(key, yaml.ScalarNode)
    }
    return data, lines


def read_rule_file(path: Path) -> RuleNode:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, f"cannot read: {exc}") from None
    data, lines = _parse(path, text)
    return RuleNode(path, *_lowered_keys(data, lines))


def _lowered_keys(
    data: dict[Any, Any], lines: dict[str, int]
) -> tuple[dict[str, Any], dict[str, int]]:
    """Keys in lower case: Vale matches them to its fields ignoring case
    (``Tokens`` is ``tokens``), except ``extends`` and ``message``, which it
    looks up as written."""
    out: dict[str, Any] = {}
    where: dict[str, int] = {}
    for key, value in data.items():
        name = str(key)
        lowered = name.lower()
        if lowered in {"extends", "message"} or lowered in out:
            lowered = name
        out.setdefault(lowered, value)
        if name in lines:
            where.setdefault(lowered, lines[name])
    return out, where


def check_keys(node: RuleNode, extends: str) -> None:
    """An error naming the first unknown key (and any others) of the rule."""
    own = TYPE_KEYS.get(extends)
    if own is None or extends in LENIENT_TYPES:
        return
    if node.data.get("code") is True:
        raise node.error("code", "`code` is deprecated; please use `scope: raw` instead.")
    unknown = [k for k in node.data if k.lower() not in COMMON_KEYS and k.lower() not in own]
    if unknown:
        names = ", ".join(f"'{k}'" for k in unknown)
        raise node.error(
            unknown[0], f"has invalid keys: {names} (not keys of Vale's '{extends}' rules)"
        )


def _examples(node: RuleNode, kind: str, raw: Any) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise node.error("examples", f"{kind}: must be a list")
    examples: list[Example] = []
    for item in raw:
        if isinstance(item, str):
            examples.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            fixed = item.get("fixed")
            fmt = item.get("format", "markdown")
            if fixed is not None and not isinstance(fixed, str):
                raise node.error("examples", f"{kind}: 'fixed' must be a string")
            if fmt not in {"markdown", "text"}:
                raise node.error("examples", f"{kind}: 'format' must be markdown or text")
            examples.append(Example(item["text"], fixed, str(fmt)))
        else:
            raise node.error("examples", f"{kind}: each example is a string or {{text, fixed}}")
    return tuple(examples)


def read_info(node: RuleNode, rule_id: str, default_scope: str) -> RuleInfo:
    """The keys every rule type shares: message, level, scope, link, examples…"""
    extends = node.string("extends")
    check_keys(node, extends)
    try:
        severity = Severity.parse(node.string("level", DEFAULT_LEVEL))
    except ValueError as exc:
        raise node.error("level", str(exc)) from None
    limit = node.number("limit", 0)
    if limit < 0 or limit != int(limit):
        raise node.error("limit", "must be a whole number of findings")
    scope = node.strings("scope") or (default_scope,)
    examples = node.data.get("examples")
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    if examples is not None:
        if not isinstance(examples, dict):
            raise node.error("examples", "must be a mapping with 'bad' and 'good' lists")
        bad = _examples(node, "bad", examples.get("bad"))
        good = _examples(node, "good", examples.get("good"))
    category = node.optional_string("category")
    if category is not None and category not in CATEGORIES:
        raise node.error(
            "category", f"unknown category {category!r} (one of: {', '.join(CATEGORIES)})"
        )
    return RuleInfo(
        id=rule_id,
        extends=extends,
        message=node.string("message"),
        severity=severity,
        scope=scope,
        path=node.path,
        link=node.optional_string("link"),
        description=node.optional_string("description"),
        category=category or DEFAULT_CATEGORY,
        safe=node.boolean("safe", default=False),
        bad=bad,
        good=good,
        limit=int(limit),
        action=read_action(node, spelling=extends == "spelling"),
        match_case=node.boolean("matchcase", default=False),
        vale=node.vale_regex,
    )
