"""Engine limits and crash containment, with the real Harper in its real worker.

Over-long words, sentences and paragraphs never reach an engine whole, and a
worker that dies or hangs costs one document, not the run. The faults are real:
the worker is sent SIGKILL or SIGSTOP, or made to ``os.abort()`` on a marker
paragraph through ``COPYDESK_TEST_WORKER_ABORT`` (test-only fault injection,
documented in ``editor.checkers.worker``), since Harper cannot be made to abort
on demand otherwise.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import run_cli

from editor.cache import ResultCache
from editor.checkers import harper
from editor.checkers.limits import LIMITS, Limits, pieces
from editor.checkers.prose import ProseChecker
from editor.checkers.worker import ABORT_ENV
from editor.config import HarperSettings
from editor.document import load_text
from editor.errors import EngineCrashed, EngineError

if TYPE_CHECKING:
    from collections.abc import Iterator

SENTENCE = "The committee met on Tuesday and agreed on a plan for the coming year. "


@pytest.fixture
def engine() -> Iterator[harper.HarperEngine]:
    """A Harper engine whose ``close`` stops its worker, as in the CLI."""
    kept = harper.keep_worker(False)
    built = harper.build(HarperSettings())
    yield built
    built.close()
    harper.keep_worker(kept)


def worker(engine: harper.HarperEngine) -> int | None:
    return engine.worker_pid


def alive(pid: int) -> bool:
    """Whether ``pid`` is a process that has not been reaped (zombies count)."""
    return Path(f"/proc/{pid}").exists()


def found(checker: ProseChecker, text: str) -> list[tuple[int, int, str, str]]:
    doc = load_text(text)
    result = checker.check(doc).suggestions
    for s in result:
        assert doc.text[s.start : s.end] == s.text
    return [(s.start, s.end, s.rule, s.text) for s in result]


# -- Limits ---------------------------------------------------------------------


def test_a_huge_word_beside_a_normal_file_costs_one_notice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The 100,000-character word that used to abort the whole process."""
    long = tmp_path / "notes.txt"
    long.write_text(
        "Intro line here.\n\nSee " + "a" * 100_000 + " and we will recieve it.\n", "utf-8"
    )
    normal = tmp_path / "normal.txt"
    normal.write_text("We will recieve the parcel tommorow.\n", encoding="utf-8")
    code, out, _ = run_cli(
        capsys, "check", "--engines", "harper", "--format", "json", str(long), str(normal)
    )
    assert code == 1  # findings, the documented exit code (no failure)
    payload = json.loads(out)
    texts = {Path(f["path"]).name: [s["text"] for s in f["suggestions"]] for f in payload["files"]}
    assert {"recieve", "tommorow"} <= set(texts["normal.txt"])
    # The rest of the paragraph with the long word is still checked.
    assert texts["notes.txt"] == ["recieve"]
    assert payload["errors"] == []
    assert f"harper: skipped a 100,000-character word at {long}:3:5" in " ".join(payload["notices"])


def test_an_over_long_word_is_blanked_in_place_and_offsets_hold(
    engine: harper.HarperEngine,
) -> None:
    word = "x" * (LIMITS.word + 1)
    text = f"Their is a {word}  word, and we recieve it.\n"
    doc = load_text(text)
    (piece,), (skip,) = pieces(doc)
    assert len(piece.text) == len(doc.masked[piece.start : piece.start + len(piece.text)])
    assert word not in piece.text
    assert (skip.what, text[skip.start : skip.end]) == ("word", word)
    result = ProseChecker(engine).check(doc)
    flagged = {s.text for s in result.suggestions}
    assert "recieve" in flagged
    assert not any(word in t or t.isspace() for t in flagged)  # no "Spaces" on the blank
    assert result.notices == (
        f"harper: skipped a {len(word):,}-character word at <text>:1:12 "
        f"(longer than {LIMITS.word:,} characters)",
    )
    # A word at the limit is checked as it is.
    at_limit = load_text("A " + "y" * LIMITS.word + " here.\n")
    assert pieces(at_limit)[1] == []


def test_blanked_markup_costs_nothing(engine: harper.HarperEngine) -> None:
    """A Markdown paragraph around a 100,000-character data URI is masked to
    spaces, not an over-long sentence: checked whole, without a notice."""
    image = "![a chart](data:image/png;base64," + "QUJD" * 25_000 + ")"
    doc = load_text(f"We recieve {image} and they recieve it.\n", "markdown")
    assert len(pieces(doc)[0]) == 1
    result = ProseChecker(engine).check(doc)
    assert result.notices == ()
    assert [s.text for s in result.suggestions] == ["recieve", "recieve"]


def test_an_over_long_paragraph_is_split_at_sentences_with_exact_offsets(
    engine: harper.HarperEngine,
) -> None:
    text = SENTENCE * 400 + "In the end we will recieve it. " + SENTENCE * 20 + "\n"
    doc = load_text(text)
    sent, skipped = pieces(doc)
    assert skipped == []
    assert len(sent) >= 2
    assert all(len("".join(p.text.split())) <= LIMITS.paragraph for p in sent)  # spaces are free
    for p in sent:
        assert p.text == doc.masked[p.start : p.start + len(p.text)]
    error_at = text.index("recieve")
    assert error_at > sent[0].start + len(sent[0].text)  # the error is past the first split
    result = ProseChecker(engine).check(doc).suggestions
    hits = [s for s in result if s.text == "recieve"]
    assert [(s.start, s.end) for s in hits] == [(error_at, error_at + len("recieve"))]
    assert all(doc.text[s.start : s.end] == s.text for s in result)


def test_split_pieces_find_what_the_whole_paragraph_finds(engine: harper.HarperEngine) -> None:
    """Small limits on the real engine: the same findings, at the same offsets."""
    sentences = [
        "We will recieve the parcel.",
        "Their going to the shop.",
        "She has a apple!",
        "The the report is late.",
        "Nothing is wrong here?",
    ]
    text = " ".join(sentences * 6) + "\n"
    whole = found(ProseChecker(engine), text)
    engine.limits = Limits(word=40, sentence=60, paragraph=120)
    assert len(pieces(load_text(text), engine.limits)[0]) >= 5
    split = found(ProseChecker(engine), text)
    assert split == whole
    assert len(whole) >= 20


def test_an_over_long_sentence_is_cut_at_lines_or_skipped(engine: harper.HarperEngine) -> None:
    engine.limits = Limits(word=40, sentence=100, paragraph=200)
    checker = ProseChecker(engine)
    run_on = "And then" + " and then" * 28  # 260 characters, no sentence end or line break
    text = f"We recieve it. {run_on} end. They recieve it too.\n"
    doc = load_text(text)
    result = checker.check(doc)
    starts = [s.start for s in result.suggestions if s.text == "recieve"]
    assert starts == [3, text.rindex("recieve")]
    assert len(result.notices) == 1
    assert "skipped a 265-character sentence at <text>:1:16" in result.notices[0]
    # A run-on sentence with line breaks is checked line by line. (Few words
    # per piece: Harper's LongSentences hides the other findings in one.)
    engine.limits = Limits(word=40, sentence=60, paragraph=80)
    lines = "\n".join(["and we recieve"] * 12)
    doc = load_text(f"We go. {lines} end.\n")
    assert len(pieces(doc, engine.limits)[0]) == 2
    result = checker.check(doc)
    assert result.notices == ()
    assert len([s for s in result.suggestions if s.text == "recieve"]) == 12


def test_joined_paragraphs_map_back_and_cache_as_units(
    engine: harper.HarperEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "joins", 200)  # about five paragraphs a unit
    text = "".join(f"Paragraph {i} says we recieve it.\n\n" for i in range(70))
    doc = load_text(text)
    calls: list[tuple[int, int]] = []
    checker = ProseChecker(engine, cache=ResultCache(tmp_path))
    result = checker.check(doc, progress=lambda done, total: calls.append((done, total)))
    assert [s.text for s in result.suggestions] == ["recieve"] * 70
    assert [s.line for s in result.suggestions] == list(range(1, 141, 2))
    assert calls[0] == (0, 70)
    assert calls[-1] == (70, 70)
    monkeypatch.setattr(engine, "joins", 0)
    alone = ProseChecker(engine).check(doc).suggestions
    assert alone == result.suggestions
    monkeypatch.setattr(engine, "joins", 200)
    calls.clear()
    again = checker.check(doc, progress=lambda done, total: calls.append((done, total)))
    assert again.suggestions == result.suggestions
    assert calls == [(70, 70)]  # all from the cache


def test_progress_moves_batch_by_batch(
    engine: harper.HarperEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "joins", 0)  # a request per paragraph batch
    text = "".join(f"Paragraph {i} says we recieve it.\n\n" for i in range(70))
    calls: list[tuple[int, int]] = []
    checker = ProseChecker(engine, cache=ResultCache(tmp_path))
    result = checker.check(
        load_text(text), progress=lambda done, total: calls.append((done, total))
    )
    assert len(result.suggestions) == 70
    assert calls == [(0, 70), (32, 70), (64, 70), (70, 70)]
    calls.clear()
    checker.check(load_text(text), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(70, 70)]  # all from the cache


# -- Containment ----------------------------------------------------------------


def test_an_abort_in_the_worker_is_one_documents_error(
    engine: harper.HarperEngine, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    engine.close()  # the next worker starts with the fault armed
    monkeypatch.setenv(ABORT_ENV, "ABORT-NOW")
    checker = ProseChecker(engine)
    assert found(checker, "We recieve it.\n")[0][3] == "recieve"
    first = engine.worker_pid
    assert first is not None
    with pytest.raises(EngineCrashed) as crash:
        checker.check(load_text("Fine text.\n\nThis says ABORT-NOW.\n"))
    assert str(crash.value) == (
        "harper: the engine crashed (killed by SIGABRT) while checking this document"
    )
    assert crash.value.exit_code == 3
    assert not alive(first)  # reaped, no zombie
    assert found(checker, "The next one we recieve.\n")[0][3] == "recieve"
    assert engine.worker_pid not in {None, first}  # a fresh worker
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # nothing from the worker reaches our stdout or stderr


def test_a_worker_killed_mid_document_loses_only_that_document(
    engine: harper.HarperEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "joins", 0)  # several requests for one document
    text = "".join(f"Paragraph {i} says we recieve it.\n\n" for i in range(70))
    checker = ProseChecker(engine, cache=ResultCache(tmp_path))
    killed: list[int] = []

    def kill_during_second_batch(done: int, total: int) -> None:
        """Stopped now, so the second batch is sent to it; killed while it is
        being waited on (a worker already dead is replaced without a fuss)."""
        if 0 < done < total and not killed:
            pid = engine.worker_pid
            assert pid is not None
            os.kill(pid, signal.SIGSTOP)
            threading.Timer(1.0, os.kill, (pid, signal.SIGKILL)).start()
            killed.append(pid)

    with pytest.raises(EngineCrashed, match=r"^harper: the engine crashed \(killed by SIGKILL\)"):
        checker.check(load_text(text), progress=kill_during_second_batch)
    assert not alive(killed[0])
    calls: list[tuple[int, int]] = []
    result = checker.check(load_text(text), progress=lambda d, t: calls.append((d, t)))
    assert len(result.suggestions) == 70
    assert calls[0] == (32, 70)  # the batch checked before the kill was kept


def test_a_worker_that_died_between_documents_is_replaced_quietly(
    engine: harper.HarperEngine,
) -> None:
    checker = ProseChecker(engine)
    found(checker, "Warm up.\n")
    pid = engine.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # dead, not yet reaped
    assert found(checker, "We recieve it.\n")[0][3] == "recieve"
    assert engine.worker_pid != pid
    assert not alive(pid)


def test_a_hung_worker_is_killed_after_the_timeout(engine: harper.HarperEngine) -> None:
    checker = ProseChecker(engine)
    found(checker, "Warm up.\n")
    pid = engine.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    engine.timeout = 2.0
    with pytest.raises(EngineCrashed, match=r"stopped answering \(no reply in 2 s\)"):
        checker.check(load_text("We recieve it.\n"))
    assert not alive(pid)
    assert found(checker, "We recieve it.\n")[0][3] == "recieve"


def test_ctrl_c_reaches_the_worker_too_and_close_stops_it(engine: harper.HarperEngine) -> None:
    """SIGINT goes to the whole process group: the worker ignores it and leaves
    the decision to copydesk, whose ``close`` stops it."""
    checker = ProseChecker(engine)
    found(checker, "Warm up.\n")
    pid = engine.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGINT)
    assert found(checker, "We recieve it.\n")[0][3] == "recieve"
    assert engine.worker_pid == pid
    checker.close()
    assert worker(engine) is None
    assert not alive(pid)


@pytest.mark.slow
def test_harpers_own_abort_is_contained_with_the_limits_lifted(
    engine: harper.HarperEngine,
) -> None:
    """The real crash, no injection: without the word limit, Harper asks for
    30 GB on a 100,000-character word and aborts (about 1.7 GB and 5 s first)."""
    engine.limits = Limits(word=10**9, sentence=10**9, paragraph=10**9)
    checker = ProseChecker(engine)
    with pytest.raises(EngineCrashed) as crash:
        checker.check(load_text("See " + "a" * 100_000 + " here.\n"))
    assert str(crash.value).startswith("harper: the engine crashed (killed by SIGABRT: memory")
    engine.limits = LIMITS
    assert found(checker, "We recieve it.\n")[0][3] == "recieve"


def test_ctrl_c_while_waiting_on_the_worker_kills_it(engine: harper.HarperEngine) -> None:
    """Interrupted mid-request, the pipes are out of step: that worker is
    killed and reaped at once, and the next check starts a fresh one."""
    checker = ProseChecker(engine)
    found(checker, "Warm up.\n")
    pid = engine.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # it will not answer
    ctrl_c = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    ctrl_c.start()
    with pytest.raises(KeyboardInterrupt):
        checker.check(load_text("We recieve it.\n"))
    ctrl_c.join()
    assert worker(engine) is None
    assert not alive(pid)
    assert found(checker, "We recieve it.\n")[0][3] == "recieve"


def test_a_crash_on_one_file_is_its_error_and_the_others_are_reported(
    engine: harper.HarperEngine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    engine.close()  # the next worker starts with the fault armed
    monkeypatch.setenv(ABORT_ENV, "ABORT-NOW")
    names = []
    for name, text in [
        ("a", "We recieve it."),
        ("b", "Then ABORT-NOW."),
        ("c", "They recieve it."),
    ]:
        path = tmp_path / f"{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        names.append(str(path))
    code, out, _ = run_cli(capsys, "check", "--engines", "harper", "--format", "json", *names)
    assert code == 3  # an engine failed
    payload = json.loads(out)
    texts = {Path(f["path"]).name: [s["text"] for s in f["suggestions"]] for f in payload["files"]}
    assert texts["a.txt"] == texts["c.txt"] == ["recieve"]
    assert payload["errors"] == [
        f"{names[1]}: harper: the engine crashed (killed by SIGABRT) while checking this document"
    ]


def test_a_worker_that_cannot_start_is_an_engine_error_at_check_time(
    engine: harper.HarperEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine.close()
    with monkeypatch.context() as patched:
        patched.setattr(sys, "executable", "/nonexistent/python")
        built = harper.build(HarperSettings())  # building only starts the load: no error yet
        with pytest.raises(EngineError) as failure:
            ProseChecker(built).check(load_text("We recieve it.\n"))
    assert not isinstance(failure.value, EngineCrashed)
    assert str(failure.value) == (
        "harper: cannot start its worker process: No such file or directory"
    )
    assert found(ProseChecker(built), "We recieve it.\n")[0][3] == "recieve"
