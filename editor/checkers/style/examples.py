"""Running each rule's own ``examples:`` (``copydesk rules test``).

A bad example must be flagged by its rule; a good one must not; a bad example
with ``fixed`` must read exactly that after the first replacement of each
finding is applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.apply import EditConflictError, apply_edits
from editor.checkers.style import Rule, run_rule
from editor.checkers.style.matching import RuleTimeoutError
from editor.document import Format, load_text
from editor.model import Edit

__all__ = ["ExampleFailure", "check_examples"]


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: str
    kind: str
    text: str
    problem: str

    def __str__(self) -> str:
        if not self.kind:  # about the rule's examples as a whole, not one of them
            return f"{self.rule}: {self.problem}"
        return f"{self.rule}: {self.kind} example {self.text!r}: {self.problem}"


def check_examples(rule: Rule) -> list[ExampleFailure]:
    """Every failure of one rule's examples (empty when they all pass)."""
    info = rule.info
    failures: list[ExampleFailure] = []
    if not info.bad or not info.good:
        failures.append(
            ExampleFailure(info.id, "", "", "needs at least one bad and one good example")
        )
    for example in info.bad:
        doc = load_text(example.text, _format(example.format))
        try:
            found = run_rule(rule, doc)
        except RuleTimeoutError:
            failures.append(ExampleFailure(info.id, "bad", example.text, "timed out"))
            continue
        if not found:
            failures.append(ExampleFailure(info.id, "bad", example.text, "not flagged"))
            continue
        if example.fixed is None:
            continue
        edits = [Edit(s.start, s.end, s.replacements[0]) for s in found if s.replacements]
        try:
            fixed = apply_edits(doc.text, edits)
        except EditConflictError as exc:
            failures.append(ExampleFailure(info.id, "bad", example.text, str(exc)))
            continue
        if fixed != example.fixed:
            failures.append(
                ExampleFailure(
                    info.id, "bad", example.text, f"fix gives {fixed!r}, expected {example.fixed!r}"
                )
            )
    for example in info.good:
        doc = load_text(example.text, _format(example.format))
        try:
            found = run_rule(rule, doc)
        except RuleTimeoutError:
            failures.append(ExampleFailure(info.id, "good", example.text, "timed out"))
            continue
        failures.extend(
            ExampleFailure(info.id, "good", example.text, f"flagged {suggestion.text!r}")
            for suggestion in found
        )
    return failures


def _format(name: str) -> Format:
    return "text" if name == "text" else "markdown"
