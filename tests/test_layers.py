"""The import-layering contract from the architecture notes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

EDITOR = Path(__file__).resolve().parents[1] / "editor"


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(EDITOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): imports_of(p) for p in EDITOR.rglob("*.py")}

#: module prefix → imports it must never make
#: Analyses of a document that the pipeline runs: below checkers and reports.
_ANALYSIS = (
    "editor.checkers",
    "editor.report",
    "editor.cli",
    "editor.pipeline",
    "rich",
    "prompt_toolkit",
)

FORBIDDEN = {
    "editor.model": ("editor.", "rich", "prompt_toolkit", "yaml", "regex", "pyromark"),
    "editor.errors": ("editor.", "rich", "prompt_toolkit"),
    "editor.apply": ("editor.checkers", "editor.document", "editor.report", "editor.cli", "rich"),
    "editor.merge": ("editor.checkers", "editor.document", "editor.report", "editor.cli", "rich"),
    "editor.document": (
        "editor.checkers",
        "editor.report",
        "editor.cli",
        "editor.pipeline",
        "rich",
    ),
    "editor.dialect": _ANALYSIS,
    "editor.suppress": _ANALYSIS,
    "editor.segment": ("editor.checkers", "editor.report", "editor.cli", "rich"),
    "editor.checkers": (
        "editor.report",
        "editor.cli",
        "editor.pipeline",
        "editor.merge",
        "rich",
        "prompt_toolkit",
    ),
    "editor.report": ("editor.checkers", "editor.cli", "editor.pipeline", "prompt_toolkit"),
    "editor.pipeline": ("editor.report", "editor.cli", "rich", "prompt_toolkit"),
    "editor.cache": ("editor.", "rich", "prompt_toolkit"),
    "editor.review": ("editor.checkers", "editor.pipeline", "editor.report", "editor.cli", "rich"),
    "editor.output": ("editor.checkers", "editor.review", "editor.report", "editor.cli", "rich"),
    "editor.readability": ("editor.checkers", "editor.review", "editor.report", "editor.cli"),
    "editor.config": ("editor.checkers", "editor.document", "editor.report", "editor.cli", "rich"),
    "editor.vocab": ("editor.checkers", "editor.document", "editor.report", "editor.cli", "rich"),
}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_respects_layers(module: str) -> None:
    for prefix, banned in FORBIDDEN.items():
        if module == prefix or module.startswith(prefix + "."):
            bad = sorted(
                i for i in MODULES[module] if i.startswith(banned) and not i.startswith(prefix)
            )
            assert not bad, f"{module} must not import {bad}"


def test_rich_only_in_report_and_cli() -> None:
    users = sorted(
        m for m, imports in MODULES.items() if any(i.startswith("rich") for i in imports)
    )
    assert all(m.startswith(("editor.report", "editor.cli")) for m in users), users


def test_engine_libraries_only_in_their_adapter() -> None:
    """harper-py and language-tool-python (GPL, an optional extra) stay inside
    their adapters, so the rest of copydesk never needs them."""
    owners = {
        "harper": "editor.checkers.harper",
        "language_tool_python": "editor.checkers.languagetool",
    }
    for library, owner in owners.items():
        users = sorted(
            m
            for m, imports in MODULES.items()
            if any(i == library or i.startswith(library + ".") for i in imports)
        )
        assert users in ([owner], []), f"{library} imported by {users}"


def test_prompt_toolkit_only_in_the_review_screen() -> None:
    users = sorted(
        m for m, imports in MODULES.items() if any(i.startswith("prompt_toolkit") for i in imports)
    )
    # editor.review itself names prompt_toolkit's Input/Output types, for hints only.
    assert users == ["editor.review", "editor.review.app", "editor.review.view"], users
