"""The review as data: suggestions, the editor's decisions, the cursor, undo.

Pure Python, no prompt_toolkit: the key bindings only call these methods, so
every behaviour is tested without a terminal. The text is never edited during
a review: decisions live in a journal keyed by a stable suggestion id, and the
cleaned text is the original plus the accepted edits, applied by offset in
one pass (``cleaned``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from editor.apply import apply_edits
from editor.model import Edit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from editor.model import Suggestion

__all__ = ["Decision", "ReviewState", "Verdict", "suggestion_ids"]

#: One undo step as JSON, for the session file.
StepJson = dict[str, object]


class Verdict(StrEnum):
    ACCEPTED = "accepted"  # the first suggestion
    ALTERNATIVE = "alternative"  # suggestion N > 1
    EDITED = "edited"  # the editor typed the fix
    KEPT = "kept"  # keep the original, this occurrence
    IGNORED = "ignored"  # kept because the editor ignored the whole rule
    ADDED = "added"  # kept, and the word goes into the project vocabulary

    @property
    def changes_text(self) -> bool:
        return self in {Verdict.ACCEPTED, Verdict.ALTERNATIVE, Verdict.EDITED}


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    #: The text that replaces the span (for the verdicts that change it).
    replacement: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"verdict": self.verdict.value, "replacement": self.replacement}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Decision:
        replacement = data.get("replacement")
        return cls(Verdict(str(data["verdict"])), None if replacement is None else str(replacement))


_SPACE = re.compile(r"\s+")


def suggestion_ids(
    text: str, items: Sequence[Suggestion], sentences: Sequence[tuple[int, int]]
) -> list[str]:
    """A stable id per suggestion: its rule, its flagged text and its sentence
    (whitespace collapsed), plus an occurrence number for repeats. Offsets are
    left out, so a decision still finds its suggestion after the text around
    it changed."""
    import bisect

    starts = [s for s, _ in sentences]
    seen: dict[str, int] = {}
    ids: list[str] = []
    for item in items:
        at = bisect.bisect_right(starts, item.start) - 1
        sentence = text[sentences[at][0] : sentences[at][1]] if at >= 0 else ""
        if not (at >= 0 and sentences[at][0] <= item.start <= sentences[at][1]):
            sentence = text[max(0, item.start - 40) : item.end + 40]
        digest = hashlib.blake2b(digest_size=10)
        for part in (item.rule, item.text, _SPACE.sub(" ", sentence).strip()):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
        key = digest.hexdigest()
        seen[key] = seen.get(key, 0) + 1
        ids.append(f"{key}-{seen[key]}")
    return ids


@dataclass(slots=True)
class _Step:
    """One undo step: the decisions before it, the cursor and ignored rules."""

    cursor: int
    before: dict[str, Decision | None]
    ignored: frozenset[str]

    def to_json(self, ids: Sequence[str]) -> StepJson:
        # The cursor is saved as an id: an index means nothing once the file changed.
        return {
            "cursor": ids[self.cursor] if 0 <= self.cursor < len(ids) else None,
            "before": {k: None if v is None else v.to_json() for k, v in self.before.items()},
            "ignored": sorted(self.ignored),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object], ids: Sequence[str]) -> _Step | None:
        """The step, with ids no longer in the document left out; ``None``
        when nothing of it is left or it is malformed."""
        before = data.get("before")
        ignored = data.get("ignored", [])
        if not isinstance(before, dict) or not isinstance(ignored, list):
            return None
        index = {key: i for i, key in enumerate(ids)}
        kept: dict[str, Decision | None] = {}
        for key, value in before.items():
            if key in index:
                kept[key] = None if value is None else Decision.from_json(value)
        cursor = data.get("cursor")
        at = index.get(cursor, -1) if isinstance(cursor, str) else -1
        if at < 0:
            at = min((index[k] for k in kept), default=-1)
        if not kept and at < 0:
            return None
        return cls(max(at, 0), kept, frozenset(str(r) for r in ignored))


@dataclass(slots=True)
class ReviewState:
    text: str
    items: tuple[Suggestion, ...]
    ids: tuple[str, ...]
    decisions: dict[str, Decision] = field(default_factory=dict)
    cursor: int = 0
    ignored_rules: set[str] = field(default_factory=set)
    undo_stack: list[_Step] = field(default_factory=list)
    #: Called with (id, decision or None) after every change.
    listeners: list[Callable[[str, Decision | None], None]] = field(default_factory=list)
    #: Called once after each whole step (a decision, a bulk action, an undo),
    #: when decisions and the undo history agree: the session journal.
    step_listeners: list[Callable[[], None]] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        text: str,
        items: Sequence[Suggestion],
        sentences: Sequence[tuple[int, int]] = (),
    ) -> ReviewState:
        state = cls(text, (), ())
        state.load(items, sentences)
        return state

    def load(self, items: Sequence[Suggestion], sentences: Sequence[tuple[int, int]] = ()) -> None:
        """Set the suggestions (once the check is done, for a review that
        opened while checking); nothing may be decided yet."""
        if self.decisions or self.undo_stack:
            raise ValueError("suggestions can only be loaded before any decision")
        self.items = tuple(items)
        self.ids = tuple(suggestion_ids(self.text, self.items, sentences))
        self.cursor = self._first_open(0, 1) if self.items else 0

    # -- What each item is now ------------------------------------------------

    def __len__(self) -> int:
        return len(self.items)

    @property
    def current(self) -> Suggestion | None:
        return self.items[self.cursor] if self.items else None

    def decision(self, index: int) -> Decision | None:
        return self.decisions.get(self.ids[index])

    def edit_of(self, index: int) -> Edit | None:
        decided = self.decision(index)
        if decided is None or not decided.verdict.changes_text or decided.replacement is None:
            return None
        item = self.items[index]
        return Edit(item.start, item.end, decided.replacement)

    def blocked_by(self, index: int) -> int | None:
        """Another item whose accepted edit overlaps this one's span, if any."""
        item = self.items[index]
        for other in range(len(self.items)):
            if (
                other != index
                and self.edit_of(other) is not None
                and _overlap(self.items[other], item)
            ):
                return other
        return None

    def superseded_by(self, index: int) -> int | None:
        """The accepted suggestion that overlaps this undecided one, if any."""
        return None if self.decision(index) is not None else self.blocked_by(index)

    def is_open(self, index: int) -> bool:
        """Still waiting for a decision (undecided and not superseded)."""
        return self.decision(index) is None and self.superseded_by(index) is None

    @property
    def open_count(self) -> int:
        return sum(1 for i in range(len(self.items)) if self.is_open(i))

    @property
    def finished(self) -> bool:
        return self.open_count == 0

    def counts(self) -> dict[str, int]:
        """Decisions by kind, plus superseded and undecided."""
        result = {v.value: 0 for v in Verdict}
        result["superseded"] = 0
        result["undecided"] = 0
        for i in range(len(self.items)):
            decided = self.decision(i)
            if decided is not None:
                result[decided.verdict.value] += 1
            elif self.superseded_by(i) is not None:
                result["superseded"] += 1
            else:
                result["undecided"] += 1
        return result

    def edits(self) -> list[Edit]:
        return [e for i in range(len(self.items)) if (e := self.edit_of(i)) is not None]

    def cleaned(self) -> str:
        return apply_edits(self.text, self.edits())

    def pending_of_rule(self, rule: str) -> list[int]:
        return [i for i, item in enumerate(self.items) if item.rule == rule and self.is_open(i)]

    # -- Decisions (each one undo step) ----------------------------------------

    def accept(self, choice: int = 0) -> bool:
        """Accept suggestion ``choice`` (0 = the first) for the current item."""
        item = self.current
        if item is None or self.blocked_by(self.cursor) is not None:
            return False
        if not 0 <= choice < len(item.replacements):
            return False
        verdict = Verdict.ACCEPTED if choice == 0 else Verdict.ALTERNATIVE
        return self._decide({self.cursor: Decision(verdict, item.replacements[choice])})

    def edit(self, replacement: str) -> bool:
        """The editor's own fix for the current span."""
        if self.current is None or self.blocked_by(self.cursor) is not None:
            return False
        if replacement == self.current.text:
            return self.keep()
        return self._decide({self.cursor: Decision(Verdict.EDITED, replacement)})

    def keep(self) -> bool:
        if self.current is None or self.superseded_by(self.cursor) is not None:
            return False
        return self._decide({self.cursor: Decision(Verdict.KEPT)})

    def add_to_vocabulary(self) -> int:
        """Keep this spelling finding and every open one on the same word; the
        word goes into the project vocabulary when the review is written."""
        item = self.current
        if item is None or item.category != "spelling" or not self.is_open(self.cursor):
            return 0
        same = [
            i
            for i, other in enumerate(self.items)
            if other.category == "spelling" and other.text == item.text and self.is_open(i)
        ]
        self._decide(dict.fromkeys(same, Decision(Verdict.ADDED)))
        return len(same)

    def ignore_rule(self) -> int:
        """Keep the original for this and every open item of the current rule,
        for the rest of the article."""
        item = self.current
        if item is None:
            return 0
        targets = self.pending_of_rule(item.rule)
        if self.decision(self.cursor) is None and self.cursor not in targets:
            targets.insert(0, self.cursor)
        self._decide(dict.fromkeys(targets, Decision(Verdict.IGNORED)), ignore=item.rule)
        return len(targets)

    def accept_rule(self) -> int:
        """Accept the first suggestion of every open item of the current rule
        (one undo step); an item overlapping one accepted just before is left
        superseded."""
        item = self.current
        if item is None:
            return 0
        chosen: dict[int, Decision] = {}
        taken: list[Suggestion] = []
        for index in self.pending_of_rule(item.rule):
            other = self.items[index]
            if other.replacements and not any(_overlap(t, other) for t in taken):
                chosen[index] = Decision(Verdict.ACCEPTED, other.replacements[0])
                taken.append(other)
        if chosen:
            self._decide(chosen)
        return len(chosen)

    def _decide(self, changes: Mapping[int, Decision], ignore: str | None = None) -> bool:
        step = _Step(
            self.cursor,
            {self.ids[i]: self.decisions.get(self.ids[i]) for i in changes},
            frozenset(self.ignored_rules),
        )
        self.undo_stack.append(step)
        if ignore is not None:
            self.ignored_rules.add(ignore)
        for index, decided in changes.items():
            self._set(self.ids[index], decided)
        self.advance()
        self._stepped()
        return True

    def undo(self) -> bool:
        """Take back the last decision (a bulk action is one step); the cursor
        returns to where it was."""
        if not self.undo_stack:
            return False
        step = self.undo_stack.pop()
        self.ignored_rules = set(step.ignored)
        for key, decided in step.before.items():
            self._set(key, decided)
        self.cursor = min(step.cursor, max(len(self.items) - 1, 0))
        self._stepped()
        return True

    def _stepped(self) -> None:
        for listener in self.step_listeners:
            listener()

    def history(self) -> list[StepJson]:
        """The undo stack as JSON, oldest first, for the session file."""
        return [step.to_json(self.ids) for step in self.undo_stack]

    def _set(self, key: str, decided: Decision | None) -> None:
        if decided is None:
            self.decisions.pop(key, None)
        else:
            self.decisions[key] = decided
        for listener in self.listeners:
            listener(key, decided)

    def restore(
        self,
        saved: Mapping[str, Decision],
        ignored: Iterable[str] = (),
        history: Sequence[Mapping[str, object]] = (),
    ) -> int:
        """Re-apply decisions from a session; those whose id no longer exists
        are dropped (their suggestion changed and will be offered again).
        ``history`` is the saved undo stack, so ``u`` goes on taking back the
        decisions made before the session was closed."""
        known = set(self.ids)
        kept = {k: v for k, v in saved.items() if k in known}
        self.decisions.update(kept)
        self.ignored_rules.update(ignored)
        for data in history:
            try:
                step = _Step.from_json(data, self.ids)
            except (ValueError, KeyError, TypeError, AttributeError):
                step = None
            if step is not None:
                self.undo_stack.append(step)
        self.cursor = self._first_open(0, 1) if self.items else 0
        return len(kept)

    # -- Moving ------------------------------------------------------------------

    def advance(self) -> None:
        """After a decision: the next open item, wrapping; stay if none."""
        if self.items:
            self.cursor = self._first_open(self.cursor + 1, 1)

    def _first_open(self, start: int, step: int) -> int:
        n = len(self.items)
        for k in range(n):
            index = (start + k * step) % n
            if self.is_open(index):
                return index
        return min(self.cursor, n - 1) if n else 0

    def next_open(self) -> bool:
        if not self.items or self.finished:
            return False
        self.cursor = self._first_open(self.cursor + 1, 1)
        return True

    def previous_open(self) -> bool:
        if not self.items or self.finished:
            return False
        self.cursor = self._first_open(self.cursor - 1, -1)
        return True

    def next_any(self) -> bool:
        if self.cursor + 1 >= len(self.items):
            return False
        self.cursor += 1
        return True

    def previous_any(self) -> bool:
        if self.cursor == 0:
            return False
        self.cursor -= 1
        return True

    def jump(self, index: int) -> bool:
        if not 0 <= index < len(self.items):
            return False
        self.cursor = index
        return True

    def state_label(self, index: int) -> str:
        decided = self.decision(index)
        if decided is not None:
            return decided.verdict.value
        return "superseded" if self.superseded_by(index) is not None else "undecided"


def _overlap(a: Suggestion, b: Suggestion) -> bool:
    """Two edits that cannot both apply (the same rule as ``apply_edits``)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    # An insertion clashes with an edit that starts where it inserts (which
    # goes first is ambiguous) or that spans its point; one that ends there is fine.
    if a.start == a.end:
        return b.start <= a.start < b.end
    if b.start == b.end:
        return a.start <= b.start < a.end
    return a.start < b.end and b.start < a.end
