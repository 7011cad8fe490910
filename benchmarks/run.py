"""Measure copydesk's speed and memory on the benchmark corpus.

    python benchmarks/run.py [--corpus DIR] [--copydesk PATH] [--repeat N] [--json OUT]

Every measurement is a separate child process on the same files: wall time
from spawn to exit (the median of --repeat runs) and the child's peak resident
memory from os.wait4 (the largest of the runs). Each copydesk run gets its own
empty COPYDESK_CACHE_DIR, so the user's cache is never read or written, and
runs in an empty working directory, so no project copydesk.toml is picked up.
A run that exits with an unexpected code, or whose output does not cover every
file, is reported as FAILED rather than timed. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE / "corpus"

# Raw Harper: build the linter and lint every file as Markdown, in one process.
# The whole process is timed from outside; this reports the lint loop alone.
HARPER_SCRIPT = """\
import json, sys, time
import harper
linter = harper.Linter()
start = time.perf_counter()
lints = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lints += len(linter.lint(f.read(), language="markdown"))
print(json.dumps({"lint_seconds": time.perf_counter() - start, "lints": lints}))
"""

# The paragraphs copydesk sends LanguageTool (each file's prose, code and markup
# blanked, split into the pieces the engines get), written once as JSON so the
# raw loop below posts exactly the same text.
PARAGRAPHS_SCRIPT = """\
import json, sys
from pathlib import Path
from editor.checkers.limits import LIMITS, pieces
from editor.document import load_path
out = []
for path in sys.argv[2:]:
    sent, _ = pieces(load_path(Path(path)), LIMITS)
    out += [piece.text for piece in sent]
Path(sys.argv[1]).write_text(json.dumps(out), encoding="utf-8")
"""

# Raw LanguageTool: every paragraph posted to /v2/check, one request each, in
# a plain loop, with LanguageTool's own default rules (no copydesk settings).
LT_RAW_SCRIPT = """\
import json, sys, time, urllib.parse, urllib.request
url, paragraphs = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
start = time.perf_counter()
matches = 0
for text in paragraphs:
    body = urllib.parse.urlencode({"text": text, "language": "en-US"}).encode()
    with urllib.request.urlopen(url + "/v2/check", body, timeout=120) as reply:
        matches += len(json.load(reply)["matches"])
print(json.dumps({"check_seconds": time.perf_counter() - start, "lints": matches}))
"""

VERSIONS_SCRIPT = """\
import json, platform
from importlib.metadata import PackageNotFoundError, version
try:
    harper = version("harper-py")
except PackageNotFoundError:
    harper = "not installed"
print(json.dumps({"python": platform.python_version(), "harper-py": harper}))
"""


class RunError(Exception):
    """A child process did something other than a normal, complete run."""


@dataclass
class Sample:
    wall: float
    max_rss_kib: int
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Row:
    tool: str
    what: str
    command: list[str]
    per_word: bool = True  # words/s makes sense (the run reads the whole corpus)
    walls: list[float] = field(default_factory=list)
    max_rss_kib: list[int] = field(default_factory=list)
    findings: int | None = None
    extra: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls and not self.error else None

    @property
    def peak_mib(self) -> float | None:
        return max(self.max_rss_kib) / 1024 if self.max_rss_kib and not self.error else None


def run_child(command: Sequence[str], env: dict[str, str], cwd: Path) -> Sample:
    """Run one child, timing it and reading its own rusage with os.wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        out.seek(0)
        err.seek(0)
        return Sample(
            wall=wall,
            max_rss_kib=usage.ru_maxrss,  # KiB on Linux
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- checks on a finished run: return what it found (findings, ...) or raise RunError ---


def failure(sample: Sample) -> RunError:
    """The exit code and the last line of stderr first (for the table), then more of it."""
    lines = tail(sample.stderr or sample.stdout).splitlines() or ["no output"]
    return RunError("\n".join([f"exit code {sample.returncode}: {lines[-1]}", *lines[:-1]]))


def exit_zero(sample: Sample) -> dict[str, Any]:
    if sample.returncode != 0:
        raise failure(sample)
    return {}


def copydesk_report(files: int) -> Callable[[Sample], dict[str, Any]]:
    """`copydesk check --format json --fail-on none` must exit 0 and report every file."""

    def check(sample: Sample) -> dict[str, Any]:
        exit_zero(sample)
        try:
            report = json.loads(sample.stdout)
        except json.JSONDecodeError as exc:
            raise RunError(f"output is not JSON: {exc}\n{tail(sample.stderr)}") from exc
        if report.get("errors"):
            raise RunError(f"copydesk reported errors: {report['errors'][:3]}")
        if len(report.get("files", [])) != files:
            raise RunError(f"report covers {len(report.get('files', []))} of {files} files")
        return {
            "findings": sum(len(f.get("suggestions", [])) for f in report["files"]),
            "notices": [str(notice) for notice in report.get("notices", [])],
            "engines": [e["name"] for e in report.get("engines", []) if e.get("available")],
        }

    return check


def loop_report(seconds_key: str) -> Callable[[Sample], dict[str, Any]]:
    """For a raw engine's script, whose last line is JSON with ``lints`` and
    the loop's own time under ``seconds_key``."""

    def report(sample: Sample) -> dict[str, Any]:
        exit_zero(sample)
        try:
            result: dict[str, Any] = json.loads(sample.stdout.strip().splitlines()[-1])
        except (json.JSONDecodeError, IndexError) as exc:
            raise RunError(
                f"unexpected output: {tail(sample.stdout)}\n{tail(sample.stderr)}"
            ) from exc
        return {"findings": result["lints"], seconds_key: result[seconds_key]}

    return report


def proselint_report(files: int) -> Callable[[Sample], dict[str, Any]]:
    """proselint exits 0 (nothing found) or 1 (findings); per-file errors are in its JSON."""

    def check(sample: Sample) -> dict[str, Any]:
        if sample.returncode not in (0, 1):
            raise failure(sample)
        try:
            results = json.loads(sample.stdout)["result"]
        except (json.JSONDecodeError, KeyError) as exc:
            raise RunError(f"output is not proselint JSON: {tail(sample.stderr)}") from exc
        failed = {path: r["error"] for path, r in results.items() if "error" in r}
        if failed or len(results) != files:
            raise RunError(f"{len(results)} of {files} files linted; errors: {failed}")
        return {"findings": sum(len(r.get("diagnostics", [])) for r in results.values())}

    return check


# --- the benchmark -----------------------------------------------------------


class Bench:
    def __init__(self, repeat: int, workdir: Path) -> None:
        self.repeat = repeat
        self.workdir = workdir  # empty: the children's working directory
        self.rows: list[Row] = []
        self.notices: set[str] = set()  # printed once, the first time they turn up
        self._caches = 0

    def fresh_cache(self) -> Path:
        self._caches += 1
        path = self.workdir.parent / f"cache-{self._caches}"
        path.mkdir()
        return path

    def env(self, cache: Path | None = None) -> dict[str, str]:
        env = dict(os.environ, NO_COLOR="1")
        # The fetched LanguageTool lives in the user's cache folder: keep
        # finding it there while results go to an empty cache.
        lt_home = fetched_languagetool()
        if lt_home is not None:
            env.setdefault("COPYDESK_LT_HOME", str(lt_home))
        env["COPYDESK_CACHE_DIR"] = str(cache or self.fresh_cache())
        return env

    def measure(
        self,
        row: Row,
        check: Callable[[Sample], dict[str, Any]],
        *,
        cache: Path | None = None,
        repeat: int | None = None,
        before: Callable[[int], None] | None = None,
    ) -> Row:
        """Run row.command `repeat` times; stop at the first failed run."""
        self.rows.append(row)
        for i in range(repeat or self.repeat):
            if before:
                before(i)
            print(
                f"  {row.tool}: {row.what} [{i + 1}/{repeat or self.repeat}] …", end="", flush=True
            )
            sample = run_child(row.command, self.env(cache), self.workdir)
            try:
                extra = check(sample)
            except RunError as exc:
                row.error = str(exc)
                print(f" FAILED: {exc}", flush=True)
                break
            row.walls.append(sample.wall)
            row.max_rss_kib.append(sample.max_rss_kib)
            row.extra.append(extra)
            row.notices += [n for n in extra.get("notices", []) if n not in row.notices]
            if row.findings is None:
                row.findings = extra.get("findings")
            elif extra.get("findings") != row.findings:
                print(f" (findings changed: {row.findings} then {extra.get('findings')})", end="")
            print(f" {sample.wall:.2f} s, {sample.max_rss_kib / 1024:.0f} MiB", flush=True)
            for notice in row.notices:  # e.g. an engine that is not available, a rule timeout
                if notice not in self.notices:
                    self.notices.add(notice)
                    print(f"    notice: {notice}", flush=True)
        return row


def fetched_languagetool() -> Path | None:
    """Where ``copydesk languagetool fetch`` put LanguageTool for this user
    (None when copydesk is not importable here)."""
    try:
        from editor.checkers.lt_local import install_dir
    except ImportError:
        return None
    return install_dir()


class LanguageToolServer:
    """``copydesk languagetool serve`` on a free port, for the LanguageTool rows:
    how long it takes to answer, and the server's (Java's) peak memory."""

    def __init__(self, copydesk: str, env: dict[str, str]) -> None:
        self.copydesk = copydesk
        self.env = env
        self.url: str | None = None
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> Sample:
        """Start it and wait for its first line (printed once it has answered a check)."""
        start = time.perf_counter()
        self.process = subprocess.Popen(
            [self.copydesk, "languagetool", "serve", "--port", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        wall = time.perf_counter() - start
        found = re.search(r"at (http://\S+) ", line)
        if not found:
            self.stop()
            err = self.process.stderr.read() if self.process.stderr else ""
            return Sample(wall, 0, self.process.returncode or 1, line, err)
        self.url = found.group(1)
        return Sample(wall, self.java_peak_kib(), 0, line, "")

    def java_peak_kib(self) -> int:
        """The server's peak resident memory so far (VmHWM of the Java child)."""
        if self.process is None:
            return 0
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            status = Path(f"/proc/{children[0]}/status").read_text()
        except (OSError, IndexError):
            return 0
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) if found else 0

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def edit_one_paragraph(text: str, variant: int) -> str:
    """Replace one word of the first long prose paragraph by a number, different per variant."""
    paragraphs = text.split("\n\n")
    for n, paragraph in enumerate(paragraphs):
        words = paragraph.split(" ")
        if paragraph[:1].isalpha() and len(words) >= 30:
            index = next(i for i, w in enumerate(words) if i >= 5 and w.isalpha() and len(w) > 3)
            words[index] = str(100 + variant)
            paragraphs[n] = " ".join(words)
            return "\n\n".join(paragraphs)
    raise ValueError("no paragraph of 30 words or more to edit")


def count_words(files: Sequence[Path]) -> int:
    return sum(len(path.read_text(encoding="utf-8").split()) for path in files)


def machine() -> dict[str, str | int | None]:
    cpu = platform.processor() or platform.machine()
    try:
        with Path("/proc/cpuinfo").open() as info:
            cpu = next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "platform": f"{platform.system()} {platform.release()} {platform.machine()}",
    }


def versions(copydesk: str, python: str, proselint: str | None) -> dict[str, str]:
    def output(command: list[str]) -> str:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else "unknown"

    found = {"copydesk": output([copydesk, "--version"]).removeprefix("copydesk ")}
    try:
        found |= json.loads(output([python, "-c", VERSIONS_SCRIPT]))
    except json.JSONDecodeError:
        found |= {"python": "unknown", "harper-py": "unknown"}
    if proselint:
        found["proselint"] = output([proselint, "version"]).removeprefix("Proselint ")
    return found


def find_program(name: str, near: Path) -> str | None:
    """The program next to the given executable, else next to this Python, else on PATH."""
    for folder in (near.parent, Path(sys.executable).parent):
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which(name)


def table(rows: list[Row], words: int, header: str) -> str:
    lines = [
        header,
        "",
        "| tool | what | wall s (median) | words/s | peak MiB | findings |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.error:
            first = row.error.splitlines()[0]
            lines.append(f"| {row.tool} | {row.what} | FAILED: {first} | | | |")
            continue
        wall = row.wall or 0.0
        shown = f"{wall:.2f}" if wall else "–"
        rate = f"{words / wall:,.0f}" if row.per_word and wall else "–"
        peak = f"{row.peak_mib:.0f}" if row.peak_mib is not None else "–"
        found = f"{row.findings:,}" if row.findings is not None else "–"
        lines.append(f"| {row.tool} | {row.what} | {shown} | {rate} | {peak} | {found} |")
    return "\n".join(lines)


def languagetool_rows(
    bench: Bench, copydesk: str, python: str, paths: list[str], tmp: Path
) -> None:
    """LanguageTool's rows: the server's start-up, copydesk checking with it
    alone and with every engine (cold, then filling and reading a cache), and
    raw LanguageTool (the same paragraphs posted one by one), all against one
    server started here; then the server's own peak memory."""
    server = LanguageToolServer(copydesk, bench.env())
    startup = Row(
        "LanguageTool",
        "server start-up: `copydesk languagetool serve` until it answers",
        [copydesk, "languagetool", "serve"],
        per_word=False,
    )
    bench.rows.append(startup)
    print(f"  {startup.tool}: {startup.what} …", end="", flush=True)
    sample = server.start()
    if server.url is None:
        startup.error = str(failure(sample))
        print(f" FAILED: {startup.error}", flush=True)
        return
    startup.walls.append(sample.wall)
    startup.max_rss_kib.append(sample.max_rss_kib)
    print(f" {sample.wall:.2f} s, {sample.max_rss_kib / 1024:.0f} MiB", flush=True)
    try:
        check = [copydesk, "check", "--format", "json", "--fail-on", "none"]
        check += ["--lt-server", server.url]
        report = copydesk_report(len(paths))
        every = ["--engines", "rules,languagetool,harper"]
        for what, options in (
            (
                "check, cold, `--engines languagetool` (server running)",
                ["--engines", "languagetool"],
            ),
            ("check, cold, all three engines (server running)", every),
        ):
            bench.measure(Row("copydesk", what, [*check, "--no-cache", *options, *paths]), report)
        cache = bench.fresh_cache()
        bench.measure(
            Row(
                "copydesk",
                "check, all three engines, filling an empty cache (1 run)",
                [*check, *every, *paths],
            ),
            report,
            cache=cache,
            repeat=1,
        )
        bench.measure(
            Row("copydesk", "check, all three engines, warm cache", [*check, *every, *paths]),
            report,
            cache=cache,
        )
        paragraphs = tmp / "paragraphs.json"
        subprocess.run([python, "-c", PARAGRAPHS_SCRIPT, str(paragraphs), *paths], check=True)
        count = len(json.loads(paragraphs.read_text(encoding="utf-8")))
        raw = bench.measure(
            Row(
                "LanguageTool",
                f"raw: {count:,} paragraphs posted to `/v2/check` one by one (whole process)",
                [python, "-c", LT_RAW_SCRIPT, server.url, str(paragraphs)],
            ),
            loop_report("check_seconds"),
        )
        if raw.extra:
            inside = Row("LanguageTool", "raw: the HTTP loop only", raw.command)
            inside.walls = [e["check_seconds"] for e in raw.extra]
            inside.findings = raw.findings
            bench.rows.append(inside)
        peak = Row("LanguageTool", "server (Java) peak memory over these rows", [], per_word=False)
        peak.max_rss_kib = [server.java_peak_kib()]
        bench.rows.append(peak)
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"corpus folder (default: {DEFAULT_CORPUS}; generated if missing)",
    )
    parser.add_argument(
        "--copydesk",
        default=find_program("copydesk", Path(sys.executable)) or "copydesk",
        help="copydesk executable (default: the one next to this Python, else on PATH)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per measurement; the median is reported (default: 3)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    parser.add_argument(
        "--no-languagetool",
        dest="languagetool",
        action="store_false",
        help="skip the LanguageTool rows (they need 'copydesk languagetool fetch' first)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    copydesk = shutil.which(args.copydesk) or args.copydesk
    if not Path(copydesk).is_file():
        parser.error(f"copydesk not found: {args.copydesk}")
    copydesk = str(Path(copydesk).resolve())
    # Raw Harper runs on the Python copydesk is installed in, so it is the same harper-py.
    python = find_program("python", Path(copydesk)) or sys.executable

    corpus: Path = args.corpus.resolve()
    if not any(corpus.rglob("*.md")):
        print(f"Generating the corpus in {corpus} …", flush=True)
        make = [sys.executable, str(HERE / "make_corpus.py"), str(corpus)]
        subprocess.run(make, check=True)
    files = sorted(corpus.rglob("*.md"))
    paths = [str(path) for path in files]
    words = count_words(files)
    proselint = find_program("proselint", Path(copydesk))

    found = versions(copydesk, python, proselint)
    cpu = machine()
    today = datetime.date.today().isoformat()
    header = (
        f"Corpus: {len(files)} files, {words:,} words · "
        f"machine: {cpu['cpus']} CPUs ({cpu['cpu']}), Python {found['python']}, {cpu['platform']} · "
        f"copydesk {found['copydesk']}, harper-py {found['harper-py']}"
        + (f", proselint {found['proselint']}" if proselint else "")
        + f" · {today} · median of {args.repeat} run{'s' * (args.repeat > 1)}"
    )
    print(header, flush=True)

    with tempfile.TemporaryDirectory(prefix="copydesk-bench-") as tmp:
        workdir = Path(tmp) / "cwd"
        workdir.mkdir()
        bench = Bench(args.repeat, workdir)
        check_cmd = [copydesk, "check", "--format", "json", "--fail-on", "none"]
        report = copydesk_report(len(files))

        # Start-up as a user meets it: after a first, unmeasured run, which
        # compiles the rule pack once and records that it did.
        warm = bench.fresh_cache()
        run_child([copydesk, "rules", "list"], bench.env(warm), workdir)
        bench.measure(
            Row("copydesk", "start-up: `--version`", [copydesk, "--version"], per_word=False),
            exit_zero,
            cache=warm,
        )
        bench.measure(
            Row(
                "copydesk",
                "start-up: `rules list` (after a first run)",
                [copydesk, "rules", "list"],
                per_word=False,
            ),
            exit_zero,
            cache=warm,
        )
        default = bench.measure(
            Row(
                "copydesk",
                "check, cold (no cache), default engines",
                [*check_cmd, "--no-cache", *paths],
            ),
            report,
        )
        if default.extra:
            default.what += f" ({', '.join(default.extra[0]['engines'])})"
        bench.measure(
            Row(
                "copydesk",
                "check, cold, `--engines rules`",
                [*check_cmd, "--no-cache", "--engines", "rules", *paths],
            ),
            report,
        )
        bench.measure(
            Row(
                "copydesk",
                "check, cold, `--engines harper`",
                [*check_cmd, "--no-cache", "--engines", "harper", *paths],
            ),
            report,
        )

        cache = bench.fresh_cache()
        fill = bench.measure(
            Row("copydesk", "check, filling an empty cache (1 run)", [*check_cmd, *paths]),
            report,
            cache=cache,
            repeat=1,
        )
        if not fill.error and not any(cache.iterdir()):
            print(f"  warning: the cache folder {cache} is still empty after a cached run")
        bench.measure(
            Row("copydesk", "check, warm cache", [*check_cmd, *paths]), report, cache=cache
        )

        edited = Path(tmp) / "edited"
        shutil.copytree(corpus, edited)
        target = edited / files[len(files) // 2].relative_to(corpus)
        original = target.read_text(encoding="utf-8")
        edited_paths = [str(edited / path.relative_to(corpus)) for path in files]

        def edit(variant: int) -> None:
            target.write_text(edit_one_paragraph(original, variant), encoding="utf-8")

        bench.measure(
            Row("copydesk", "check, warm cache, one paragraph edited", [*check_cmd, *edited_paths]),
            report,
            cache=cache,
            before=edit,
        )

        harper = bench.measure(
            Row(
                "harper-py",
                "`Linter()` + lint each file as Markdown (whole process)",
                [python, "-c", HARPER_SCRIPT, *paths],
            ),
            loop_report("lint_seconds"),
        )
        if harper.extra:
            lint_only = Row(
                "harper-py", "lint only (same process, inside)", harper.command, error=harper.error
            )
            lint_only.walls = [e["lint_seconds"] for e in harper.extra]
            lint_only.max_rss_kib = harper.max_rss_kib
            lint_only.findings = harper.findings
            bench.rows.append(lint_only)

        if proselint:
            bench.measure(
                Row(
                    "proselint",
                    "`proselint check` (JSON output)",
                    [proselint, "check", "-o", "json", *paths],
                ),
                proselint_report(len(files)),
            )
        else:
            print("proselint: not installed (pip install proselint)")

        if args.languagetool:
            languagetool_rows(bench, copydesk, python, paths, Path(tmp))

    result = table(bench.rows, words, header)
    print()
    print(result)
    if args.json:
        data = {
            "date": today,
            "corpus": {"path": str(corpus), "files": len(files), "words": words},
            "machine": cpu,
            "versions": found,
            "repeat": args.repeat,
            "rows": [
                {
                    "tool": row.tool,
                    "what": row.what,
                    "command": [*row.command[:8], "…"] if len(row.command) > 8 else row.command,
                    "wall_seconds": row.walls,
                    "median_wall_seconds": row.wall,
                    "words_per_second": words / row.wall if row.wall and row.per_word else None,
                    "peak_mib": row.peak_mib,
                    "findings": row.findings,
                    "notices": row.notices,
                    "error": row.error,
                }
                for row in bench.rows
            ],
        }
        args.json.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 1 if any(row.error for row in bench.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
