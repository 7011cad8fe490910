"""Reading one Vale-schema rule file into checked, typed values.

Every error names the file, the line and the key, so a team fixing a rule
pack never has to guess (Vale's E201 errors do the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from editor.categories import CATEGORIES, DEFAULT_CATEGORY
from editor.errors import RuleError
from editor.model import Severity

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Example", "RuleInfo", "RuleNode", "read_rule_file"]


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
    loader = _Loader(text)
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
    return RuleNode(path, {str(k): v for k, v in data.items()}, lines)


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
    try:
        severity = Severity.parse(node.string("level", "suggestion"))
    except ValueError as exc:
        raise node.error("level", str(exc)) from None
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
        extends=node.string("extends"),
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
    )
