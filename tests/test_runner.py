"""The run loop under ``check`` and ``fix``: failures contained per document,
notices once, and the terminal progress line."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console

from editor.checkers.base import CheckResult
from editor.checkers.registry import Engines
from editor.checkers.style import StyleChecker, default_rules_dir, load_rules
from editor.errors import EngineCrashed
from editor.report.progress import TerminalProgress
from editor.runner import Notices, Runner, expand_paths

if TYPE_CHECKING:
    from pathlib import Path

    from editor.checkers.base import ParagraphProgress
    from editor.document import Document


class CrashesOn:
    """An engine whose worker dies on documents containing ``word``: a fault
    the real engines are built never to show on demand, so it is staged here."""

    name = "harper"

    def __init__(self, word: str) -> None:
        self.word = word
        self.checked: list[str] = []

    def check(self, doc: Document, *, progress: ParagraphProgress | None = None) -> CheckResult:
        self.checked.append(doc.name)
        if progress is not None:
            progress(0, 2)
        if self.word in doc.text:
            raise EngineCrashed("harper", "the worker process was killed by SIGABRT")
        if progress is not None:
            progress(2, 2)
        return CheckResult((), ("harper: a notice every document repeats",))

    def close(self) -> None:
        """Nothing to release."""


def _files(tmp_path: Path, *texts: str) -> list[str]:
    names = []
    for i, text in enumerate(texts, 1):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        names.append(str(path))
    return names


def _engines(crash: CrashesOn, *, auto: bool) -> Engines:
    rules = StyleChecker(load_rules([default_rules_dir()]).rules)
    names = frozenset({"rules", "harper"}) if auto else frozenset()
    return Engines((rules, crash), (), (), names)


def test_a_crash_is_that_documents_error_and_the_engine_goes_on(tmp_path: Path) -> None:
    names = _files(tmp_path, "It must have to work.\n", "Boom must have to.\n", "Fine.\n")
    for auto in (True, False):  # a crash is an error under auto too
        crash = CrashesOn("Boom")
        said: list[str] = []
        runner = Runner(_engines(crash, auto=auto), Notices(said.append))
        outcomes = list(runner.run(names))
        assert [o.ok for o in outcomes] == [True, False, True]
        crashed = outcomes[1]
        assert crashed.errors == [f"{names[1]}: harper: the worker process was killed by SIGABRT"]
        assert crashed.engine_failed
        # The other engine's findings for the crashed document still count.
        assert crashed.run is not None
        assert [s.rule for s in crashed.run.suggestions] == ["House.MustHaveTo"]
        assert crash.checked == names  # tried again on the next document
        assert runner.names == ("rules", "harper")
        assert said == ["harper: a notice every document repeats"]  # said once


def test_unreadable_inputs_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("Fine.\n", encoding="utf-8")
    expanded = expand_paths(
        [str(tmp_path / "empty"), str(tmp_path / "docs"), "-", str(tmp_path / "gone.txt")]
    )
    assert expanded.empty == [str(tmp_path / "empty")]
    assert expanded.files == [str(tmp_path / "docs" / "a.md"), "-", str(tmp_path / "gone.txt")]
    stdin = io.BytesIO(b"It must have to work.\n")
    runner = Runner(
        _engines(CrashesOn("Boom"), auto=True), Notices(), stdin=stdin, stdin_name="x.md"
    )
    outcomes = list(runner.run(expanded.files))
    assert [o.name for o in outcomes] == [expanded.files[0], "x.md", expanded.files[2]]
    assert outcomes[1].from_stdin
    assert outcomes[1].document is not None
    assert outcomes[1].document.format == "markdown"
    assert outcomes[2].errors == [f"{tmp_path / 'gone.txt'}: no such file"]
    assert not outcomes[2].engine_failed


def _terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=120, color_system=None), buffer


def test_progress_names_the_file_engine_paragraphs_and_time(tmp_path: Path) -> None:
    names = _files(tmp_path, "It must have to work.\n", "Fine.\n")
    console, screen = _terminal()
    progress = TerminalProgress(console, delay=0)
    runner = Runner(_engines(CrashesOn("Boom"), auto=True), Notices(), progress=progress)
    try:
        for _ in runner.run(names):
            pass
    finally:
        progress.close()
    shown = screen.getvalue()
    assert f"{names[0]} (1 of 2)" in shown
    assert f"{names[1]} (2 of 2) · rules" in shown
    assert f"{names[1]} (2 of 2) · harper · paragraph 2 of 2" in shown
    assert "0:00:0" in shown
    assert shown.endswith("\x1b[2K")  # transient: erased when done


def test_notices_printed_while_progress_shows_come_out_whole(tmp_path: Path) -> None:
    names = _files(tmp_path, "One.\n", "Two.\n")
    console, screen = _terminal()
    progress = TerminalProgress(console, delay=0)

    def say(text: str) -> None:
        console.print(f"copydesk: notice: {text}", markup=False)

    runner = Runner(_engines(CrashesOn("Boom"), auto=True), Notices(say), progress=progress)
    try:
        list(runner.run(names))
    finally:
        progress.close()
    lines = screen.getvalue().replace("\r", "\n").splitlines()
    assert sum("copydesk: notice: harper: a notice every document repeats" in x for x in lines) == 1


def test_progress_shows_harpers_paragraphs(tmp_path: Path) -> None:
    from editor.checkers.registry import build_engines
    from editor.config import load_config

    article = tmp_path / "a.md"
    article.write_text("# Title\n\nOne paragraph.\n\nAnother one here.\n", encoding="utf-8")
    config = load_config(None).with_overrides(engines=("harper",), cache=False)
    engines = build_engines(config, [])
    console, screen = _terminal()
    progress = TerminalProgress(console, delay=0)
    try:
        (outcome,) = Runner(engines, Notices(), progress=progress).run([str(article)])
    finally:
        progress.close()
        engines.close()
    assert outcome.ok
    assert f"{article} · harper · paragraph 3 of 3" in screen.getvalue()
