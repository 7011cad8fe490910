"""The per-paragraph result cache: hits, misses, corruption."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from editor.cache import ResultCache, cache_key
from editor.checkers.prose import Finding, ProseChecker
from editor.document import load_text
from editor.model import Severity

if TYPE_CHECKING:
    from collections.abc import Sequence


class CountingEngine:
    """A real ParagraphEngine that flags every 'teh' and counts what it is sent."""

    name = "counting"
    checks_spelling = False

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.sent: list[str] = []
        self.dialects: list[str | None] = []

    def identity(self) -> str:
        return self.version

    def check_paragraphs(
        self, paragraphs: Sequence[str], dialect: str | None = None
    ) -> list[list[Finding]]:
        self.sent.extend(paragraphs)
        self.dialects.append(dialect)
        return [
            [
                Finding(i, i + 3, "Typo.", "Counting.Teh", Severity.ERROR, "spelling", ("the",))
                for i in range(len(p))
                if p.startswith("teh", i)
            ]
            for p in paragraphs
        ]

    def close(self) -> None:
        pass


ARTICLE = "First teh paragraph.\n\nSecond paragraph, clean.\n\nThird with teh word.\n"


def test_unchanged_paragraphs_are_not_sent_again(tmp_path: Path) -> None:
    engine = CountingEngine()
    checker = ProseChecker(engine, cache=ResultCache(tmp_path))
    first = checker.check(load_text(ARTICLE))
    assert len(engine.sent) == 3
    engine.sent.clear()
    edited = ARTICLE.replace("Second paragraph", "Second, edited paragraph")
    second = checker.check(load_text(edited))
    assert engine.sent == ["Second, edited paragraph, clean."]
    assert engine.dialects[-1] == "en-US"  # auto, and no spelling evidence
    ProseChecker(engine, cache=ResultCache(tmp_path), dialect="en-GB").check(load_text(edited))
    assert engine.dialects[-1] == "en-GB"  # another dialect is another cache entry
    # Cached findings land on the same text at the new offsets.
    assert (
        [s.text for s in first.suggestions]
        == [s.text for s in second.suggestions]
        == [
            "teh",
            "teh",
        ]
    )
    shift = len("Second, edited paragraph") - len("Second paragraph")
    assert second.suggestions[1].start == first.suggestions[1].start + shift


def test_a_new_engine_version_or_setting_misses(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    ProseChecker(CountingEngine("1"), cache=cache).check(load_text(ARTICLE))
    engine = CountingEngine("2")
    ProseChecker(engine, cache=cache).check(load_text(ARTICLE))
    assert len(engine.sent) == 3


def test_no_cache_always_runs_the_engine() -> None:
    engine = CountingEngine()
    checker = ProseChecker(engine, cache=None)
    checker.check(load_text(ARTICLE))
    checker.check(load_text(ARTICLE))
    assert len(engine.sent) == 6


def test_a_corrupt_cache_is_discarded_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    engine = CountingEngine()
    result = ProseChecker(engine, cache=ResultCache(tmp_path)).check(load_text(ARTICLE))
    assert [s.text for s in result.suggestions] == ["teh", "teh"]
    assert any("corrupt" in n and "discarded" in n for n in result.notices)
    # The fresh cache works: a second run sends nothing.
    engine.sent.clear()
    again = ProseChecker(engine, cache=ResultCache(tmp_path)).check(load_text(ARTICLE))
    assert engine.sent == []
    assert again.notices == ()


def test_an_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    engine = CountingEngine()
    key = cache_key("counting", "1", "First teh paragraph.")
    cache.put_many({key: "{not json"})
    ProseChecker(engine, cache=cache).check(load_text(ARTICLE))
    assert "First teh paragraph." in engine.sent


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    engine = CountingEngine()
    result = ProseChecker(engine, cache=ResultCache(blocker / "sub")).check(load_text(ARTICLE))
    assert len(result.suggestions) == 2
    assert any("cache disabled" in n for n in result.notices)


def test_keys_separate_their_parts() -> None:
    assert cache_key("ab", "c") != cache_key("a", "bc")


_SHARER = """
import sys, time
from editor.cache import ResultCache
cache = ResultCache(__import__("pathlib").Path(sys.argv[1]))
me = sys.argv[2]
while time.time() < float(sys.argv[3]):  # every process opens it at once
    pass
for round in range(20):
    cache.put_many({f"{me}-{round}-{i}": "[]" for i in range(50)})
    assert len(cache.get_many([f"{me}-{round}-{i}" for i in range(50)])) == 50, cache.notices
cache.close()
print("\\n".join(cache.notices))
"""


def test_processes_sharing_a_new_cache_never_discard_each_others(tmp_path: Path) -> None:
    """``--jobs``: workers open the same file at once; a busy moment is a wait
    (or at worst a miss), never 'corrupt' and deleted under the others."""
    import subprocess
    import sys
    import time

    folder = tmp_path / "one-cache"
    at = time.time() + 2.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _SHARER, str(folder), str(n), str(at)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, outputs
    assert all(out.strip() == "" for out, _ in outputs), outputs  # no notices at all
    everything = ResultCache(folder).get_many(
        [f"{n}-{r}-{i}" for n in range(6) for r in range(20) for i in range(50)]
    )
    assert len(everything) == 6 * 20 * 50


def test_the_rule_sets_key_is_the_same_in_every_process(tmp_path: Path) -> None:
    """A set's order in a ``repr`` follows string hashing, which changes from
    process to process: a key built from it would never hit the cache."""
    style = tmp_path / "Team"
    style.mkdir()
    (style / "Dense.yml").write_text(
        "extends: metric\nmessage: 'Too dense (%s).'\n"
        "formula: (words + sentences + syllables + characters) / (paragraphs + 1)\n"
        "condition: '> 1000'\n",
        encoding="utf-8",
    )
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from editor.checkers.style import StyleChecker, load_rules\n"
        "loaded = load_rules([Path(p) for p in sys.argv[1:]])\n"
        "assert not loaded.errors, loaded.errors\n"
        "print(StyleChecker(loaded.rules).identity())\n"
    )
    google = Path(__file__).resolve().parent / "vale" / "Google" / "Google"
    keys = {
        subprocess.run(
            [sys.executable, "-c", script, str(style), str(google)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(keys) == 1
