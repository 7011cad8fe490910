"""The one module that knows the stage order: load → check → merge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.document import Document, load_path
from editor.merge import merge

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from editor.checkers import Checker
    from editor.model import Suggestion

__all__ = ["CheckRun", "check_document", "check_path"]


@dataclass(frozen=True, slots=True)
class CheckRun:
    """Everything checking one document produced, ready for review or report."""

    document: Document
    suggestions: tuple[Suggestion, ...]
    notices: tuple[str, ...]


def check_document(doc: Document, checkers: Sequence[Checker]) -> CheckRun:
    found = []
    notices: list[str] = []
    for checker in checkers:
        result = checker.check(doc)
        found.append(result.suggestions)
        notices.extend(result.notices)
    order = [checker.name for checker in checkers]
    return CheckRun(doc, merge(found, order), tuple(notices))


def check_path(path: Path, checkers: Sequence[Checker]) -> CheckRun:
    return check_document(load_path(path), checkers)
