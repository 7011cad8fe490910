"""Sources of suggestions, behind one ``Checker`` protocol."""

from __future__ import annotations

from editor.checkers.base import Checker, CheckResult

__all__ = ["CheckResult", "Checker"]
