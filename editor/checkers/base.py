"""The interface every source of suggestions implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from editor.model import EngineStatus

if TYPE_CHECKING:
    from editor.dialect import Decision
    from editor.document import Document
    from editor.model import Suggestion

__all__ = ["CheckResult", "Checker", "EngineStatus", "ParagraphProgress"]

#: Called by a checker with ``(paragraphs_done, paragraphs_total)`` as it goes,
#: for a progress display. A checker that works on the whole document at once
#: need not call it.
ParagraphProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What one checker found in one document, and what it has to say about
    itself (a skipped rule, an engine notice), for the user to read once."""

    suggestions: tuple[Suggestion, ...]
    notices: tuple[str, ...] = ()
    #: The checker judged the spelling of every word of the document it was
    #: sent: a word it did not flag, it accepts (see ``editor.merge``).
    spelling_checked: bool = False
    #: The dialect the checker checked the document in (spelling engines).
    dialect: Decision | None = None


class Checker(Protocol):
    """A source of suggestions: house rules, Harper, LanguageTool, readability."""

    name: str

    def check(self, doc: Document, *, progress: ParagraphProgress | None = None) -> CheckResult: ...

    def close(self) -> None: ...
