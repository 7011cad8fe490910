"""Drive a real headless Chromium from the tests, and read what it hands back.

``Chromium`` runs one browser process per call (``--dump-dom``,
``--screenshot``, ``--print-to-pdf``) with a fresh profile folder, no network
(every host name fails to resolve) and a hard timeout: the whole process group
is killed when it runs out, so a test can never hang on the browser.

``parse_html`` turns the DOM Chromium prints into a small element tree with
the standard library's parser, and ``with_probe`` adds a test script to a page
that writes what it found into the DOM as JSON, where ``--dump-dom`` shows it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CANDIDATES",
    "FLAGS",
    "Chromium",
    "Element",
    "PngInfo",
    "find_chromium",
    "parse_html",
    "png_info",
    "probe_result",
    "with_probe",
]

#: Executable names tried in order.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Flags for every run: headless, no sandbox (root in a container), no GPU, no
#: first-run or background traffic, and no network at all.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-breakpad",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--force-color-profile=srgb",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

PROBE_ID = "test-probe-result"


def find_chromium() -> str | None:
    """The first Chromium-like browser on ``PATH``, or ``None``."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    """Chromium failed, timed out or produced nothing."""


@dataclass
class Chromium:
    executable: str
    workdir: Path
    timeout: float = 60.0
    #: Virtual time Chromium lets pass (timers, loads) before it dumps or shoots.
    budget_ms: int = 5000
    runs: int = field(default=0, init=False)

    def run(self, url: str, *args: str) -> subprocess.CompletedProcess[str]:
        """One browser process with a fresh profile; raises on timeout or failure."""
        self.runs += 1
        profile = Path(tempfile.mkdtemp(prefix=f"profile-{self.runs}-", dir=self.workdir))
        command = [
            self.executable,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--crash-dumps-dir={profile / 'crashes'}",
            f"--virtual-time-budget={self.budget_ms}",
            *args,
            url,
        ]
        # Everything the browser writes (dconf, fontconfig, crash reports)
        # goes into the throw-away profile, never the user's home or cache.
        env = {
            **os.environ,
            "HOME": str(profile),
            "XDG_CACHE_HOME": str(profile / "cache"),
            "XDG_CONFIG_HOME": str(profile / "config"),
            "XDG_DATA_HOME": str(profile / "data"),
            "XDG_STATE_HOME": str(profile / "state"),
        }
        env.pop("XDG_RUNTIME_DIR", None)
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(process.pid)
            process.communicate()
            msg = f"chromium timed out after {self.timeout}s: {' '.join(command)}"
            raise BrowserError(msg) from exc
        finally:
            _kill_group(process.pid)
        done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        if done.returncode != 0:
            msg = f"chromium exited {done.returncode}: {' '.join(command)}\n{stderr[-3000:]}"
            raise BrowserError(msg)
        return done

    def dump_dom(self, url: str) -> str:
        """The serialized DOM after scripts ran and the time budget passed."""
        out = self.run(url, "--dump-dom").stdout
        if "<html" not in out:
            msg = f"chromium dumped no DOM for {url}: {out[:500]!r}"
            raise BrowserError(msg)
        return out

    def screenshot(self, url: str, png: Path, *, width: int = 1280, height: int = 2000) -> Path:
        self.run(url, f"--screenshot={png}", f"--window-size={width},{height}")
        if not png.is_file():
            msg = f"chromium wrote no screenshot to {png}"
            raise BrowserError(msg)
        return png

    def print_pdf(self, url: str, pdf: Path) -> Path:
        self.run(url, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        if not pdf.is_file():
            msg = f"chromium wrote no PDF to {pdf}"
            raise BrowserError(msg)
        return pdf


def _kill_group(pid: int) -> None:
    """Kill the process group this test started (the browser and its helpers)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


# --- a small DOM from Chromium's serialization -----------------------------

_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr")
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element under it, in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def text(self, *, skip: tuple[str, ...] = ()) -> str:
        """The text under this element, leaving out elements matching ``skip``
        (a tag name such as ``"ins"`` or a class such as ``".ref"``)."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not child.matches(skip):
                parts.append(child.text(skip=skip))
        return "".join(parts)

    def matches(self, selectors: tuple[str, ...]) -> bool:
        classes = (self.attrs.get("class") or "").split()
        return any((s.startswith(".") and s[1:] in classes) or s == self.tag for s in selectors)

    def by_id(self, ident: str) -> Element:
        for element in self.iter():
            if element.attrs.get("id") == ident:
                return element
        raise KeyError(ident)

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(markup: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


# --- probes: test scripts that report through the DOM ----------------------


def with_probe(page: str, body: str) -> str:
    """``page`` with a script run after the load event (and a short wait, so
    late error handlers would have fired). ``body`` is the body of a JavaScript
    function that gets ``result``, an object to fill; it is then written as
    JSON into ``<pre id="test-probe-result">``."""
    script = (
        '<script id="test-probe">\n'
        "window.addEventListener('load', () => setTimeout(() => {\n"
        "  const result = {};\n"
        "  try {\n"
        f"{body}\n"
        "  } catch (error) { result.error = String(error); }\n"
        f"  const out = document.createElement('pre'); out.id = '{PROBE_ID}';\n"
        "  out.textContent = JSON.stringify(result); document.body.append(out);\n"
        "}, 300));\n"
        "</script>\n"
    )
    at = page.rindex("</body>")
    return page[:at] + script + page[at:]


def probe_result(dom: Element) -> dict[str, Any]:
    """What the probe wrote; fails if it never ran (scripts did not run)."""
    try:
        found = dom.by_id(PROBE_ID)
    except KeyError:
        msg = "the test probe did not run: no scripts ran in this browser"
        raise AssertionError(msg) from None
    result: dict[str, Any] = json.loads(found.text())
    return result


# --- PNG ---------------------------------------------------------------------


@dataclass(frozen=True)
class PngInfo:
    width: int
    height: int
    #: How many different byte values the decoded pixel rows hold: a blank
    #: (one-colour) image has very few.
    distinct_bytes: int


def png_info(data: bytes) -> PngInfo:
    """Check the signature and chunks of a PNG and decode its pixel data."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        msg = "not a PNG: bad signature"
        raise ValueError(msg)
    pos, width, height, idat = 8, 0, 0, bytearray()
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + chunk) != crc:
            msg = f"PNG chunk {kind!r} has a bad CRC"
            raise ValueError(msg)
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        elif kind == b"IEND":
            break
        pos += 12 + length
    pixels = zlib.decompress(bytes(idat))
    return PngInfo(width, height, len(set(pixels)))
