"""``copydesk review`` end to end in a real terminal: tmux sends the keys and
reads the screen, and the test checks the file written."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT
from reviewing import ARTICLE

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """A private tmux server (own socket and config) with one fixed-size pane."""

    def __init__(self, folder: Path, columns: int = 100, rows: int = 30) -> None:
        self.socket = f"copydesk-{uuid.uuid4().hex[:8]}"
        self.folder = folder
        self.size = (columns, rows)
        self.config = folder / "tmux.conf"
        self.config.write_text(
            "set -g remain-on-exit on\nset -s escape-time 0\nset -g status off\n", encoding="utf-8"
        )
        self.exit_file = folder / "exit_code"

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True
        )
        return done.stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        columns, rows = self.size
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"cd {shlex.quote(str(ROOT))} && env {exports} {shlex.join(command)}; echo $? > {shlex.quote(str(self.exit_file))}"
        self.tmux(
            "-f", str(self.config), "new-session", "-d", "-s", "t",
            "-x", str(columns), "-y", str(rows), line,
        )  # fmt: skip

    def screen(self, *, styles: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if styles else []), "-t", "t")

    def history(self) -> str:
        """The screen and what scrolled off it."""
        return self.tmux("capture-pane", "-p", "-S", "-", "-t", "t")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def wait_for(self, *needles: str, timeout: float = 30.0) -> str:
        """The screen once it shows one of ``needles``."""
        needle = " or ".join(map(repr, needles))
        end = time.monotonic() + timeout
        while True:
            shown = self.screen().replace("\u00a0", " ")
            if any(n in shown for n in needles):
                return shown
            if time.monotonic() > end:
                raise AssertionError(f"{needle} never appeared; the screen:\n{shown}")
            time.sleep(0.05)

    def exit_code(self, timeout: float = 30.0) -> int:
        end = time.monotonic() + timeout
        while not (self.exit_file.exists() and self.exit_file.read_text().strip()):
            if time.monotonic() > end:
                raise AssertionError(f"copydesk did not exit; the screen:\n{self.screen()}")
            time.sleep(0.05)
        return int(self.exit_file.read_text())

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        folder = os.environ.get("TMUX_TMPDIR", "/tmp")
        (Path(folder) / f"tmux-{os.getuid()}" / self.socket).unlink(missing_ok=True)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    terminal = Tmux(tmp_path)
    yield terminal
    terminal.kill()


def review(tmux: Tmux, tmp_path: Path, *extra: str, text: str = ARTICLE) -> tuple[Path, Path]:
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    cleaned = tmp_path / "cleaned.txt"
    env = {
        "TERM": "xterm-256color",
        "COPYDESK_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "editor", "review", "--engines", "rules", str(article)]
    tmux.start([*command, "-o", str(cleaned), *extra], env)
    return article, cleaned


def test_a_whole_review_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    article, cleaned = review(tmux, tmp_path, "--report", str(report))
    first = tmux.wait_for("1 / 7")
    assert "House.InAnOrderTo" in first
    assert "Use 'in order to' instead of 'In an order to'." in first
    assert "\x1b[" in tmux.screen(styles=True)  # the span and keys are styled
    tmux.keys("?")
    tmux.wait_for("Enter, Space, a and d do nothing on purpose")
    tmux.keys("x")
    tmux.wait_for("1 / 7")
    tmux.keys("y")
    tmux.wait_for("2 / 7")
    tmux.keys("n")
    tmux.wait_for("3 / 7")
    tmux.keys("2")
    tmux.wait_for("4 / 7")
    tmux.keys("e")
    tmux.wait_for("Your fix for “It have”")
    tmux.keys("C-u", "It needs", "Enter")
    tmux.wait_for("5 / 7")
    tmux.keys("u")
    tmux.wait_for("4 / 7")
    tmux.keys("y")
    tmux.wait_for("5 / 7")
    tmux.keys("Enter", "Space", "a", "d")  # unbound: nothing happens
    time.sleep(0.3)
    assert "5 / 7" in tmux.screen()
    tmux.keys("q")
    assert tmux.exit_code() == 0
    assert cleaned.read_text(encoding="utf-8") == (
        "In order to win, the the team has to secure a deal. It has to work in order to grow.\n\n"
        "According to resources, Huawei is in the process of hiring.\n"
    )
    assert article.read_text(encoding="utf-8") == ARTICLE
    shown = tmux.history()
    done = shown[shown.index("Review done: ") :].split("\n")[0]
    assert done.startswith("Review done: 2 accepted, 1 alternative, 1 ")
    assert done.endswith(", 3 undecided.")
    assert f"Wrote {cleaned}" in shown.replace("\n", "")
    # The session's report names each change's rule and what the editor did.
    written = report.read_text(encoding="utf-8")
    for rule, decision in (
        ("House.InAnOrderTo", "accepted"),
        ("House.MustHaveTo", "alternative"),
        ("House.ThirdPersonHave", "accepted"),
    ):
        assert any(rule in line and decision in line for line in written.splitlines()), rule


def test_ctrl_c_asks_then_writes_nothing_and_resume_continues(tmux: Tmux, tmp_path: Path) -> None:
    article, cleaned = review(tmux, tmp_path)
    tmux.wait_for("1 / 7")
    tmux.keys("y")
    tmux.wait_for("2 / 7")
    tmux.keys("C-c")
    tmux.wait_for("Quit without writing? Your 1 decision stays saved; --resume continues.")
    tmux.keys("y")
    assert tmux.exit_code() == 130  # an abort is not a success
    assert not cleaned.exists()
    said = tmux.history().replace("\n", "")
    assert "Review aborted: nothing written; your 1 decision stays saved" in said
    assert "--resume continues" in said
    # The same review again: it offers to resume, and the decision is back.
    tmux.kill()
    (tmp_path / "again").mkdir()
    second = Tmux(tmp_path / "again")
    try:
        review(second, tmp_path)
        second.wait_for("Resume it?")
        second.keys("y")
        second.wait_for("2 / 7")
        second.keys("u")  # the undo history came back with the decision
        second.wait_for("1 / 7")
        second.keys("y")
        second.wait_for("2 / 7")
        second.keys("q")
        assert second.exit_code() == 0
        assert cleaned.read_text(encoding="utf-8").startswith("In order to win, the the team")
    finally:
        second.kill()
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_the_screen_opens_while_checking_then_shows_the_suggestions(
    tmux: Tmux, tmp_path: Path
) -> None:
    # Enough paragraphs that the check takes a moment; the loading screen
    # names them. (Whether it is still up when the screen is first read
    # depends on the machine's speed: either screen proves the app started.)
    text = ARTICLE + "".join(f"\nParagraph {i} is fine as it is.\n" for i in range(300))
    _article, cleaned = review(tmux, tmp_path, text=text)
    shown = tmux.wait_for("copydesk review · article.txt", "1 / 7")
    if "1 / 7" not in shown:
        assert "Checking 302 paragraphs of article.txt…" in shown
    shown = tmux.wait_for("1 / 7")
    assert "House.InAnOrderTo" in shown
    tmux.keys("y")
    tmux.wait_for("2 / 7")
    tmux.keys("q")
    assert tmux.exit_code() == 0
    assert cleaned.read_text(encoding="utf-8").startswith("In order to win,")


def test_review_offers_only_the_selected_findings(tmux: Tmux, tmp_path: Path) -> None:
    _article, cleaned = review(tmux, tmp_path, "--select", "typo,House.InOrderTo")
    shown = tmux.wait_for("1 / 2")
    assert "House.DoubledWord" in shown
    tmux.keys("y")
    shown = tmux.wait_for("2 / 2")
    assert "House.InOrderTo" in shown
    tmux.keys("q")
    assert tmux.exit_code() == 0
    assert "the the" not in cleaned.read_text(encoding="utf-8")


def test_nothing_to_review_says_so_and_writes_nothing(tmux: Tmux, tmp_path: Path) -> None:
    article, cleaned = review(tmux, tmp_path, text="A clean sentence.\n")
    assert tmux.exit_code() == 0
    assert not cleaned.exists()
    said = tmux.history().replace("\n", "")
    assert f"{article}: nothing to review" in said
    assert "Traceback" not in said


def test_an_engine_error_while_checking_is_one_line_and_exit_3(tmux: Tmux, tmp_path: Path) -> None:
    # LanguageTool asked for by name at an address where nothing listens.
    _article, cleaned = review(
        tmux, tmp_path, "--engines", "rules,languagetool", "--lt-server", "http://127.0.0.1:9"
    )
    assert tmux.exit_code() == 3
    assert not cleaned.exists()
    said = [line for line in tmux.history().splitlines() if line.strip()]
    errors = [line for line in said if line.startswith("copydesk: error: languagetool")]
    assert len(errors) == 1, said
    assert not any("Traceback" in line for line in said)


def test_review_with_the_real_languagetool(tmux: Tmux, tmp_path: Path, real_lt: str) -> None:
    text = "The team must have to win. It have to go.\n"
    _article, cleaned = review(
        tmux, tmp_path, "--engines", "rules,languagetool", "--lt-server", real_lt, text=text
    )
    shown = tmux.wait_for("1 / 2")
    assert "House.MustHaveTo" in shown
    tmux.keys("y")
    # LanguageTool's IT_VBZ ("have" → "has") makes the same edit: one suggestion.
    shown = tmux.wait_for("2 / 2")
    assert "House.ThirdPersonHave" in shown
    tmux.keys("y")
    shown = tmux.wait_for("All suggestions decided")
    assert "2 accepted" in shown
    tmux.keys("q")
    assert tmux.exit_code() == 0
    assert cleaned.read_text(encoding="utf-8").endswith("It has to go.\n")
