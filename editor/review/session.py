"""The review journal on disk, so a crash, a closed terminal or ``q`` loses nothing.

One small JSON file per input, in the cache directory under ``sessions/``,
named by a digest of the input's absolute path. It records the input's
content hash when the review began, every decision by suggestion id, the
rules ignored and the undo history (so ``u`` works after a resume; a file
written before it was kept simply has none). It is rewritten atomically after
every decision.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from editor.cache import default_cache_dir
from editor.output import write_atomic
from editor.review.state import Decision

if TYPE_CHECKING:
    from pathlib import Path

    from editor.review.state import StepJson

__all__ = ["Session", "session_path"]

_VERSION = 1


def session_path(source: Path, folder: Path | None = None) -> Path:
    key = hashlib.sha256(str(source.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return (folder or default_cache_dir()) / "sessions" / f"{key[:32]}.json"


@dataclass(slots=True)
class Session:
    path: Path
    source: str
    digest: str | None
    decisions: dict[str, Decision] = field(default_factory=dict)
    ignored_rules: list[str] = field(default_factory=list)
    #: The undo stack, oldest step first (``ReviewState.history``).
    history: list[StepJson] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Session | None:
        """The saved session, or ``None`` if there is none or it is unreadable."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != _VERSION:
                return None
            history = data.get("undo", [])
            return cls(
                path,
                str(data["source"]),
                data.get("digest"),
                {str(k): Decision.from_json(v) for k, v in data["decisions"].items()},
                [str(r) for r in data.get("ignored_rules", [])],
                [step for step in history if isinstance(step, dict)]
                if isinstance(history, list)
                else [],
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def record(self, key: str, decided: Decision | None) -> None:
        if decided is None:
            self.decisions.pop(key, None)
        else:
            self.decisions[key] = decided
        self.save()

    def save(self) -> None:
        payload = {
            "version": _VERSION,
            "source": self.source,
            "digest": self.digest,
            "decisions": {k: v.to_json() for k, v in self.decisions.items()},
            "ignored_rules": sorted(self.ignored_rules),
            "undo": self.history,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)
