"""The one module that knows the stage order: load → check → merge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.document import Document, load_path
from editor.errors import EngineError
from editor.merge import merge
from editor.suppress import apply_suppressions, find_suppressions

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence
    from pathlib import Path

    from editor.checkers import Checker
    from editor.checkers.base import CheckResult
    from editor.dialect import Decision
    from editor.model import Suggestion

__all__ = ["CheckRun", "EngineFailure", "check_document", "check_path"]


@dataclass(frozen=True, slots=True)
class EngineFailure:
    """An engine that failed on this document (its findings are missing)."""

    engine: str
    error: EngineError


@dataclass(frozen=True, slots=True)
class CheckRun:
    """Everything checking one document produced, ready for review or report."""

    document: Document
    suggestions: tuple[Suggestion, ...]
    notices: tuple[str, ...]
    #: With ``contain=True``: the engines that failed, whose findings are missing.
    failures: tuple[EngineFailure, ...] = ()
    #: The dialect the spelling engines checked it in (none ran: ``None``).
    dialect: Decision | None = None


def check_document(
    doc: Document,
    checkers: Sequence[Checker],
    *,
    progress: Callable[[str, int, int], None] | None = None,
    contain: bool = False,
    keep: Callable[[Suggestion], bool] | None = None,
    report_unused_suppressions: bool = False,
    combine: bool = True,
    base_styles: Collection[str] | None = None,
) -> CheckRun:
    """Run every checker and merge what they found (without ``combine``, each
    rule's findings stay apart: see ``editor.merge``) (what ``keep`` allows, if
    given), less what the document's suppression comments silence (with
    ``report_unused_suppressions``, plus a finding on each that silenced
    nothing).

    An ``EngineError`` from a checker propagates, unless ``contain``: then it
    is recorded in ``failures`` and the other checkers' findings still count.
    """
    found = []
    spelling_checked = []
    notices: list[str] = []
    failures: list[EngineFailure] = []
    dialect: Decision | None = None
    for checker in checkers:
        try:
            result = _run(checker, doc, progress)
        except EngineError as exc:
            if not contain:
                raise
            failures.append(EngineFailure(checker.name, exc))
            continue
        found.append(result.suggestions)
        notices.extend(result.notices)
        if result.spelling_checked:
            spelling_checked.append(checker.name)
        dialect = dialect or result.dialect
    order = [checker.name for checker in checkers]
    merged = merge(found, order, spelling_checked=spelling_checked, keep=keep, combine=combine)
    merged = apply_suppressions(
        doc,
        merged,
        find_suppressions(doc, base_styles=base_styles),
        report_unused=report_unused_suppressions,
    )
    return CheckRun(doc, merged, tuple(notices), tuple(failures), dialect)


def _run(
    checker: Checker, doc: Document, progress: Callable[[str, int, int], None] | None
) -> CheckResult:
    if progress is None:
        return checker.check(doc)
    name = checker.name
    progress(name, 0, 0)

    def paragraphs(done: int, total: int) -> None:
        progress(name, done, total)

    return checker.check(doc, progress=paragraphs)


def check_path(
    path: Path, checkers: Sequence[Checker], keep: Callable[[Suggestion], bool] | None = None
) -> CheckRun:
    return check_document(load_path(path), checkers, keep=keep)
