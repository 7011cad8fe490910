"""A persistent cache of engine results, one entry per paragraph.

Keys are opaque digests the caller builds from the engine, its version, its
settings and the paragraph's exact text; values are JSON strings. The store is
one SQLite file in the user's cache directory (``COPYDESK_CACHE_DIR``
overrides it). A cache that cannot be read is discarded with a notice: it
only ever costs time, never a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["ResultCache", "cache_key", "default_cache_dir"]

_SCHEMA = 1
_FILE = "results.sqlite3"


def default_cache_dir() -> Path:
    override = os.environ.get("COPYDESK_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("copydesk", appauthor=False))


def cache_key(*parts: str) -> str:
    """A digest of the parts; the separator keeps ("ab", "c") and ("a", "bc") apart."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class ResultCache:
    """Get and put JSON strings by key. Every failure degrades to a miss."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or default_cache_dir()) / _FILE
        self.notices: list[str] = []
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self._db = self._connect_patiently()
        except sqlite3.OperationalError as exc:
            # Busy or locked past the timeout (another copydesk holds it), or
            # unopenable: a miss this run, never a reason to delete the file
            # another process is using.
            self._give_up(f"result cache not used this run: {exc}")
        except sqlite3.DatabaseError:
            self._discard()
        except OSError as exc:
            self._give_up(f"result cache disabled: cannot create {self.path.parent}: {exc}")
        return self._db

    def _connect_patiently(self, tries: int = 5) -> sqlite3.Connection:
        """``_connect``, tried again for a moment while another process holds
        the file (creating it, or switching its journal)."""
        for attempt in range(tries):
            try:
                return self._connect()
            except sqlite3.OperationalError:
                if attempt == tries - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Several copydesk processes (``--jobs``) share the file: readers never
        # wait for a writer in WAL mode, and a writer waits its turn.
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            with contextlib.suppress(sqlite3.OperationalError):
                # Busy: another process is switching it (WAL stays once set).
                db.execute("PRAGMA journal_mode=WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA):
                db.execute("DROP TABLE IF EXISTS results")
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            db.execute(f"PRAGMA user_version = {_SCHEMA}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        """The file is not a database we can use: remove it and start afresh once."""
        if self._db is not None:
            self._db.close()
            self._db = None
        try:
            self.path.unlink(missing_ok=True)
            self._db = self._connect()
        except (OSError, sqlite3.DatabaseError) as exc:
            self._give_up(f"result cache disabled: {self.path} is unusable ({exc})")
            return
        self.notices.append(f"result cache at {self.path} was corrupt and has been discarded")

    def _give_up(self, notice: str) -> None:
        self._broken = True
        self._db = None
        self.notices.append(notice)

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(keys))
        db = self._open()
        if db is None or not wanted:
            return {}
        found: dict[str, str] = {}
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk)
                found.update((str(k), str(v)) for k, v in rows)
        except sqlite3.OperationalError:
            return found  # busy or locked: a miss, this time
        except sqlite3.DatabaseError:
            self._discard()
            return {}
        return found

    def put_many(self, items: Mapping[str, str]) -> None:
        db = self._open()
        if db is None or not items:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany(
                    "INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", items.items()
                )
        except sqlite3.OperationalError as exc:
            # Locked by another copydesk or a read-only disk: skip storing this time.
            self.notices.append(f"result cache not updated: {exc}")
        except sqlite3.DatabaseError:
            self._discard()

    def prepare(self) -> None:
        """Create the file now, in one process, before several share it
        (``--jobs``): none of them then races to create it."""
        self._open()
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
