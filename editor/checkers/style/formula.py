"""A small, safe evaluator for ``metric`` formulas and conditions (no ``eval``).

Vale runs a formula as a Tengo expression with the ``math`` module imported.
This reads the same expressions: numbers, variables, ``+ - * / %``,
parentheses, comparisons, ``&& || !``, and ``math.name`` constants and
functions. As in Tengo, integer literals stay integers (``7 / 2`` is 3) until
they meet a float, and the document counts are floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["Expression", "FormulaError", "parse"]

Value = int | float | bool


class FormulaError(ValueError):
    """A formula that does not parse, names an unknown variable, or fails."""


_MATH_CONSTANTS: dict[str, float] = {
    "e": math.e,
    "pi": math.pi,
    "phi": (1 + math.sqrt(5)) / 2,
    "sqrt2": math.sqrt(2),
    "sqrtE": math.sqrt(math.e),
    "sqrtPi": math.sqrt(math.pi),
    "sqrtPhi": math.sqrt((1 + math.sqrt(5)) / 2),
    "ln2": math.log(2),
    "log2E": 1 / math.log(2),
    "ln10": math.log(10),
    "log10E": 1 / math.log(10),
}


def _log(x: float) -> float:
    return math.log(x) if x > 0 else (-math.inf if x == 0 else math.nan)


def _sqrt(x: float) -> float:
    return math.sqrt(x) if x >= 0 else math.nan


_MATH_FUNCTIONS: dict[str, Callable[..., float]] = {
    "abs": abs,
    "sqrt": _sqrt,
    "cbrt": lambda x: math.copysign(abs(x) ** (1 / 3), x),
    "pow": math.pow,
    "exp": math.exp,
    "log": _log,
    "log10": lambda x: _log(x) / math.log(10),
    "log2": lambda x: _log(x) / math.log(2),
    "floor": math.floor,
    "ceil": math.ceil,
    "round": lambda x: float(math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)),
    "trunc": math.trunc,
    "max": max,
    "min": min,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
}

_TOKEN = regex.compile(
    r"\s*(?:(?P<num>\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_]\w*)|(?P<op>&&|\|\||==|!=|<=|>=|[-+*/%()<>!,.]))"
)


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed expression: a tree of tuples, and the variables it reads."""

    source: str
    tree: tuple[object, ...]
    names: frozenset[str]

    def evaluate(self, variables: Mapping[str, float]) -> Value:
        return _evaluate(self.tree, variables)


def parse(source: str) -> Expression:
    tokens = _tokenize(source)
    parser = _Parser(tokens)
    tree = parser.expression()
    if parser.index != len(tokens):
        raise FormulaError(f"unexpected {tokens[parser.index][1]!r} in {source!r}")
    return Expression(source, tree, frozenset(parser.names))


def _tokenize(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = source.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise FormulaError(f"cannot read {text[position:]!r} in {source!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    if not tokens:
        raise FormulaError("empty expression")
    return tokens


_BINARY_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"||"}),
    frozenset({"&&"}),
    frozenset({"==", "!=", "<", "<=", ">", ">="}),
    frozenset({"+", "-"}),
    frozenset({"*", "/", "%"}),
)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.index = 0
        self.names: set[str] = set()

    def peek(self) -> str | None:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.index >= len(self.tokens):
            raise FormulaError("the expression ends too soon")
        token = self.tokens[self.index]
        if expected is not None and token[1] != expected:
            raise FormulaError(f"expected {expected!r}, found {token[1]!r}")
        self.index += 1
        return token

    def expression(self, level: int = 0) -> tuple[object, ...]:
        if level == len(_BINARY_LEVELS):
            return self.unary()
        left = self.expression(level + 1)
        while self.peek() in _BINARY_LEVELS[level]:
            _, op = self.take()
            left = ("binary", op, left, self.expression(level + 1))
        return left

    def unary(self) -> tuple[object, ...]:
        if self.peek() in {"-", "+", "!"}:
            _, op = self.take()
            return ("unary", op, self.unary())
        return self.primary()

    def primary(self) -> tuple[object, ...]:
        kind, value = self.take()
        if kind == "num":
            is_float = "." in value or "e" in value.lower()
            return ("const", float(value) if is_float else int(value))
        if value == "(":
            inner = self.expression()
            self.take(")")
            return inner
        if kind == "name":
            if value in {"true", "false"}:
                return ("const", value == "true")
            if value == "math" and self.peek() == ".":
                return self.math()
            self.names.add(value)
            return ("var", value)
        raise FormulaError(f"unexpected {value!r}")

    def math(self) -> tuple[object, ...]:
        self.take(".")
        kind, name = self.take()
        if kind != "name":
            raise FormulaError(f"expected a name after 'math.', found {name!r}")
        if self.peek() != "(":
            if name not in _MATH_CONSTANTS:
                raise FormulaError(f"unknown constant math.{name}")
            return ("const", _MATH_CONSTANTS[name])
        if name not in _MATH_FUNCTIONS:
            raise FormulaError(f"unknown function math.{name}")
        self.take("(")
        args: list[tuple[object, ...]] = []
        while self.peek() != ")":
            args.append(self.expression())
            if self.peek() != ",":
                break
            self.take(",")
        self.take(")")
        return ("call", name, tuple(args))


def _number(value: Value) -> float:
    if isinstance(value, bool):
        raise FormulaError("a true/false value used as a number")
    return float(value)


def _arithmetic(op: str, left: Value, right: Value) -> Value:
    if isinstance(left, bool) or isinstance(right, bool):
        raise FormulaError(f"'{op}' on a true/false value")
    if isinstance(left, int) and isinstance(right, int):
        if op in {"/", "%"} and right == 0:
            raise FormulaError("division by zero")
        if op == "/":
            quotient = abs(left) // abs(right)  # Go truncates toward zero
            return quotient if (left >= 0) == (right >= 0) else -quotient
        if op == "%":
            return int(math.fmod(left, right))
    a, b = float(left), float(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b == 0:
            return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a)
        return a / b
    raise FormulaError("'%' needs whole numbers")


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _evaluate(node: tuple[object, ...], variables: Mapping[str, float]) -> Value:
    kind = node[0]
    if kind == "const":
        value = node[1]
        assert isinstance(value, int | float | bool)
        return value
    if kind == "var":
        name = str(node[1])
        if name not in variables:
            raise FormulaError(f"unknown variable {name!r}")
        return variables[name]
    if kind == "unary":
        operand = _evaluate(_node(node[2]), variables)
        if node[1] == "!":
            return not _truthy(operand)
        if isinstance(operand, bool):
            raise FormulaError(f"'{node[1]}' on a true/false value")
        return -operand if node[1] == "-" else operand
    if kind == "call":
        args = [_number(_evaluate(_node(a), variables)) for a in _nodes(node[2])]
        try:
            return float(_MATH_FUNCTIONS[str(node[1])](*args))
        except (TypeError, ValueError, OverflowError) as exc:
            raise FormulaError(f"math.{node[1]}: {exc}") from None
    op = str(node[1])
    left = _evaluate(_node(node[2]), variables)
    if op == "&&":
        return _truthy(left) and _truthy(_evaluate(_node(node[3]), variables))
    if op == "||":
        return _truthy(left) or _truthy(_evaluate(_node(node[3]), variables))
    right = _evaluate(_node(node[3]), variables)
    if op in {"==", "!="}:
        # Tengo's equality is strict about types: 3.0 == 3 is false.
        equal = type(left) is type(right) and left == right
        return equal == (op == "==")
    if op in _COMPARE:
        if isinstance(left, bool) or isinstance(right, bool):
            raise FormulaError(f"'{op}' on a true/false value")
        return _COMPARE[op](float(left), float(right))
    return _arithmetic(op, left, right)


def _truthy(value: Value) -> bool:
    return bool(value)


def _node(value: object) -> tuple[object, ...]:
    assert isinstance(value, tuple)
    return value


def _nodes(value: object) -> tuple[tuple[object, ...], ...]:
    assert isinstance(value, tuple)
    return tuple(_node(v) for v in value)
