"""Time copydesk against the real Vale with the same style on the same corpus.

    python benchmarks/vale.py [--files 1000] [--words 1000000] [--seed N] [--corpus DIR]
                              [--vale PATH] [--copydesk PATH] [--jobs N] [--repeat N]
                              [--show N] [--json OUT]

The corpus is scale.py's generated docs repository; beside it go the Google
style (copied from tests/vale/Google/Google) in ``styles/`` and a ``.vale.ini``
that runs it on every Markdown file. In that folder each row is a separate
child process: ``vale --output=line --sort --normalize --relative .`` and
``copydesk check --format vale-line .`` cold with one job and with all cores,
filling an empty cache, and warm. Each reports its wall time, words per second,
peak memory of its process tree and the lines it printed; copydesk's lines are
compared with Vale's. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

# benchmarks/ is this script's folder, so it is first on sys.path.
from run import RunError, count_words, find_program, machine, tail
from scale import (
    MIB,
    Bench,
    Row,
    SetupError,
    checked_files,
    config_above,
    make,
    positive,
    run_tree,
)

if TYPE_CHECKING:
    from run import Sample

ROOT = Path(__file__).resolve().parents[1]
GOOGLE = ROOT / "tests" / "vale" / "Google" / "Google"
VALE_VERSION = "v3.22.0"  # the release copydesk's compatibility targets (tests/vale_oracle.py)
DEFAULT_VALE = Path.home() / ".cache" / "copydesk" / "vale" / VALE_VERSION / "vale"
DEFAULT = {"files": 1000, "words": 1_000_000}  # scale.py's full repository
VALE_INI = """\
StylesPath = styles
MinAlertLevel = suggestion

[*.md]
BasedOnStyles = Google
"""
VALE_ARGS = ("--output=line", "--sort", "--normalize", "--relative", ".")
SHOWN = 10  # differing lines printed


# --- the corpus ----------------------------------------------------------------


def prepare(folder: Path, files: int, words: int, seed: int) -> None:
    """scale.py's repository in folder, with the Google style and a .vale.ini beside it."""
    make(folder, files, words, seed)
    # scale.py adds git-ignored build output for copydesk to skip; Vale does
    # not read .gitignore and would lint it, so the two would read different files.
    shutil.rmtree(folder / "_site")
    shutil.copytree(GOOGLE, folder / "styles" / "Google")
    (folder / ".vale.ini").write_text(VALE_INI, encoding="utf-8", newline="\n")


def vale_version(vale: str) -> str:
    """The Vale module version the binary was built from (``go version -m``), else
    what ``vale --version`` says (``master`` for a ``go install``ed build)."""
    go = shutil.which("go")
    if go:
        done = subprocess.run(
            [go, "version", "-m", vale], capture_output=True, text=True, check=False
        )
        found = re.search(r"^\s*mod\s+\S+/vale/v\d+\s+(\S+)", done.stdout, re.MULTILINE)
        if found:
            return found.group(1)
    done = subprocess.run([vale, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip().removeprefix("vale version ") or "unknown"


def program_version(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


# --- the rows ------------------------------------------------------------------


class ValeBench(Bench):
    """scale.py's Bench, with no VALE_* variable reaching either tool (they
    would point Vale, and so copydesk, at another configuration)."""

    def env(self, cache: Path | None) -> dict[str, str]:
        env = super().env(cache)
        return {name: value for name, value in env.items() if not name.startswith("VALE_")}


def printed_lines(sample: Sample) -> dict[str, Any]:
    """A linter's run: exit 0 (no error-level alert) or 1; the lines it printed."""
    if sample.returncode not in (0, 1):
        raise RunError(f"exit code {sample.returncode}: {tail(sample.stderr or sample.stdout)}")
    lines = [line for line in sample.stdout.splitlines() if line.strip()]
    notes = [line for line in sample.stderr.splitlines() if line.strip()]
    return {"lines": lines, "findings": len(lines), "notices": notes[:5]}


def position(line: str) -> tuple[str, int, int, str]:
    """The sort key of a ``path:line:col:Rule:message`` line: Vale's --sort order."""
    parts = line.split(":", 3)
    if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
        return parts[0], int(parts[1]), int(parts[2]), parts[3]
    return line, 0, 0, ""


def rule_of(line: str) -> str:
    parts = line.split(":", 4)
    return parts[3] if len(parts) == 5 else "?"


class Comparison:
    """copydesk's lines against Vale's, as multisets (a line printed twice counts twice)."""

    def __init__(self, vale: list[str], copydesk: list[str]) -> None:
        theirs, ours = Counter(vale), Counter(copydesk)
        self.only_vale = sorted((theirs - ours).elements(), key=position)
        self.only_copydesk = sorted((ours - theirs).elements(), key=position)

    @property
    def differing(self) -> int:
        return len(self.only_vale) + len(self.only_copydesk)

    def first(self, count: int) -> list[str]:
        """The first differing lines in file order: ``-`` Vale alone, ``+`` copydesk alone."""
        marked = [("-", line) for line in self.only_vale]
        marked += [("+", line) for line in self.only_copydesk]
        marked.sort(key=lambda pair: (position(pair[1]), pair[0]))
        return [f"{mark} {line}" for mark, line in marked[:count]]

    def by_rule(self) -> dict[str, tuple[int, int]]:
        """Per rule: (lines Vale alone printed, lines copydesk alone printed)."""
        vale, ours = (
            Counter(map(rule_of, self.only_vale)),
            Counter(map(rule_of, self.only_copydesk)),
        )
        return {rule: (vale[rule], ours[rule]) for rule in sorted(vale | ours)}


def measure_once(bench: ValeBench, row: Row, cache: Path | None = None) -> bool:
    """One run of row (an empty cache of its own unless one is given); False if it failed."""
    sample = run_tree(row.command, bench.env(cache), bench.repo)
    try:
        extra = printed_lines(sample)
    except RunError as exc:
        row.error = str(exc)
        print(f"  {row.key}. {row.what}: FAILED: {exc}", flush=True)
        return False
    row.samples.append(sample)
    row.extra = row.extra or extra
    print(
        f"  {row.key}. {row.what}: {sample.wall:.2f} s, {sample.peak_sum_kib / MIB:.0f} MiB, "
        f"{len(extra['lines']):,} lines",
        flush=True,
    )
    for notice in extra["notices"]:
        if notice not in bench.notices:
            bench.notices.add(notice)
            print(f"    stderr: {notice}", flush=True)
    return True


def measure_rows(bench: ValeBench, vale: str, copydesk: str, jobs: int, repeat: int) -> None:
    """The rows in rounds (Vale, then each copydesk row, `repeat` times), so
    that other load on the machine falls on every row alike."""
    check = [copydesk, "check", "--format", "vale-line"]
    cores = "all cores" if jobs == 0 else f"{jobs} jobs"
    every = [
        Row("v", "Vale", [vale, *VALE_ARGS]),
        Row("a", "copydesk, cold, `--jobs 1`", [*check, "--no-cache", "--jobs", "1", "."]),
        Row("b", f"copydesk, cold, {cores}", [*check, "--no-cache", "--jobs", str(jobs), "."]),
    ]
    fill = Row(
        "c", f"copydesk, filling an empty cache, {cores}", [*check, "--jobs", str(jobs), "."]
    )
    warm = Row("d", f"copydesk, warm cache, {cores}", [*check, "--jobs", str(jobs), "."])
    bench.rows += [*every, fill, warm]
    filled = bench.cache()
    for round_ in range(repeat):
        print(f"Round {round_ + 1} of {repeat}", flush=True)
        for row in every:
            if not row.error:
                measure_once(bench, row)
        if round_ == 0 and not measure_once(bench, fill, filled):
            warm.skipped = "not run: filling the cache (c) failed"
        if not warm.error and not warm.skipped:
            measure_once(bench, warm, filled)


# --- the report ----------------------------------------------------------------


def number(value: float | None, form: str) -> str:
    return format(value, form) if value is not None else "–"


def row_table(rows: list[Row], words: int, header: str, vale: list[str] | None) -> str:
    lines = [
        header,
        "",
        "| | run | wall s | CPU s | words/s | words per CPU s | peak MiB (sum) "
        "| largest process MiB | processes | lines | lines differing from Vale's |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.error or row.skipped:
            reason = f"FAILED: {row.error.splitlines()[0]}" if row.error else row.skipped
            lines.append(f"| {row.key} | {row.what} | {reason} | | | | | | | | |")
            continue
        wall, peak, largest = row.wall, row.most("peak_sum_kib"), row.most("largest_kib")
        printed: list[str] = row.extra["lines"]
        differing = (
            "–" if row.key == "v" or vale is None else f"{Comparison(vale, printed).differing:,}"
        )
        cells = [
            number(wall, ".2f"),
            number(row.cpu, ".1f"),
            number(words / wall if wall else None, ",.0f"),
            number(words / row.cpu if row.cpu else None, ",.0f"),
            number(peak / MIB if peak else None, ".0f"),
            number(largest / MIB if largest else None, ".0f"),
            number(row.most("processes"), "d"),
            f"{len(printed):,}",
            differing,
        ]
        lines.append(f"| {row.key} | {row.what} | {' | '.join(cells)} |")
    return "\n".join(lines)


def comparison_text(comparison: Comparison, vale_lines: int, shown: int) -> str:
    same = vale_lines - len(comparison.only_vale)
    lines = [
        f"copydesk (row a) against Vale: {same:,} of Vale's {vale_lines:,} lines printed alike; "
        f"{len(comparison.only_vale):,} printed by Vale alone, "
        f"{len(comparison.only_copydesk):,} by copydesk alone.",
    ]
    if comparison.differing:
        lines += ["", "| rule | Vale alone | copydesk alone |", "| --- | ---: | ---: |"]
        lines += [
            f"| {rule} | {theirs:,} | {ours:,} |"
            for rule, (theirs, ours) in comparison.by_rule().items()
        ]
        lines += [
            "",
            f"The first {min(shown, comparison.differing)} differences (- Vale, + copydesk):",
        ]
        lines += ["", "```", *comparison.first(shown), "```"]
    return "\n".join(lines)


def speed_text(rows: dict[str, Row]) -> list[str]:
    """How copydesk's rows compare with Vale's in time and memory."""
    vale = rows["v"]
    if not vale.wall:
        return []
    found = []
    for key in "abd":
        row = rows.get(key)
        if row is None or not row.wall:
            continue
        mine, theirs = row.most("peak_sum_kib"), vale.most("peak_sum_kib")
        memory = f", {mine / theirs:.1f}× its memory" if mine and theirs else ""
        cpu = f" ({row.cpu / vale.cpu:.2f}× its CPU time)" if row.cpu and vale.cpu else ""
        found.append(f"{row.what}: {row.wall / vale.wall:.2f}× Vale's time{cpu}{memory}")
    return found


def row_json(row: Row, words: int, vale: list[str] | None) -> dict[str, Any]:
    def mib(name: str) -> float | None:
        value = row.most(name)
        return round(value / MIB, 1) if value else None

    printed: list[str] | None = row.extra.get("lines")
    return {
        "key": row.key,
        "what": row.what,
        "command": row.command,
        "wall_seconds": [s.wall for s in row.samples],
        "median_wall_seconds": row.wall,
        "cpu_seconds": row.cpu,
        "words_per_second": words / row.wall if row.wall else None,
        "words_per_cpu_second": words / row.cpu if row.cpu else None,
        "peak_sum_mib": mib("peak_sum_kib"),
        "largest_process_mib": mib("largest_kib"),
        "processes": row.most("processes"),
        "lines": len(printed) if printed is not None else None,
        "lines_differing_from_vale": (
            Comparison(vale, printed).differing
            if printed is not None and vale is not None and row.key != "v"
            else None
        ),
        "stderr": row.extra.get("notices"),
        "error": row.error,
        "skipped": row.skipped,
    }


def benchmark(args: argparse.Namespace, corpus: Path, scratch: Path) -> int:
    files = checked_files(corpus)
    words = count_words([corpus / name for name in files])
    rules = len(list((corpus / "styles" / "Google").glob("*.yml")))
    cpu = machine()
    tools = {
        "vale": vale_version(args.vale),
        "copydesk": program_version([args.copydesk, "--version"]).removeprefix("copydesk "),
        "python": program_version([sys.executable, "--version"]).removeprefix("Python "),
    }
    header = (
        f"Corpus: {len(files)} Markdown files, {words:,} words (scale.py's generator, "
        f"seed {args.seed}) · style: Google ({rules} rules), MinAlertLevel suggestion · "
        f"machine: {cpu['cpus']} CPUs ({cpu['cpu']}), {cpu['platform']} · "
        f"Vale {tools['vale']}, copydesk {tools['copydesk']}, Python {tools['python']} · "
        f"{datetime.date.today().isoformat()} · median of {args.repeat} "
        f"(filling the cache: one run)"
    )
    print(header, flush=True)
    bench = ValeBench(corpus, scratch)
    load_before = os.getloadavg()[0]
    measure_rows(bench, args.vale, args.copydesk, args.jobs, args.repeat)
    load = (load_before, os.getloadavg()[0])
    header += f" · load average (1 min) {load[0]:.2f} before, {load[1]:.2f} after"

    rows = {row.key: row for row in bench.rows}
    vale: list[str] | None = rows["v"].extra.get("lines") if rows["v"].wall else None
    outputs = {key: row.extra["lines"] for key, row in rows.items() if key != "v" and row.wall}
    alike = len({tuple(lines) for lines in outputs.values()}) == 1 if outputs else None
    print()
    print(row_table(bench.rows, words, header, vale))
    print()
    for line in speed_text(rows):
        print(f"- {line}")
    if alike is not None:
        print(
            f"- copydesk printed the same lines in rows {', '.join(outputs)} "
            f"(jobs and cache change nothing): {'yes' if alike else 'NO'}"
        )
    first = next(iter(outputs.values()), None)
    comparison = Comparison(vale, first) if vale is not None and first is not None else None
    if comparison is not None and vale is not None:
        print()
        print(comparison_text(comparison, len(vale), args.show))
    if args.json:
        data = {
            "date": datetime.date.today().isoformat(),
            "corpus": {
                "path": str(corpus) if args.corpus else None,
                "seed": args.seed,
                "asked": {"files": args.files, "words": args.words},
                "files": len(files),
                "words": words,
                "style": "Google",
                "rules": rules,
                "vale_ini": VALE_INI,
            },
            "machine": cpu,
            "load_average_before_after": load,
            "versions": tools,
            "copydesk_outputs_alike": alike,
            "rows": [row_json(row, words, vale) for row in bench.rows],
            "against_vale": None
            if comparison is None
            else {
                "vale_alone": comparison.only_vale,
                "copydesk_alone": comparison.only_copydesk,
                "by_rule": {
                    rule: {"vale_alone": theirs, "copydesk_alone": ours}
                    for rule, (theirs, ours) in comparison.by_rule().items()
                },
            },
        }
        args.json.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    failed = [row.key for row in bench.rows if row.error]
    if failed:
        print(f"vale.py: error: {len(failed)} run(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


# --- command line --------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vale.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--files",
        type=positive,
        default=DEFAULT["files"],
        metavar="N",
        help="files (default %(default)s)",
    )
    parser.add_argument(
        "--words",
        type=positive,
        default=DEFAULT["words"],
        metavar="N",
        help="words at least (default %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=1, metavar="N", help="random seed (default 1)")
    parser.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="generate the corpus into DIR (new or empty) and keep it (default: a temporary folder)",
    )
    parser.add_argument(
        "--vale",
        default=str(DEFAULT_VALE),
        metavar="PATH",
        help="Vale executable (default: the pinned build)",
    )
    parser.add_argument(
        "--copydesk",
        default=find_program("copydesk", Path(sys.executable)) or "copydesk",
        metavar="PATH",
        help="copydesk executable (default: the one next to this Python, else on PATH)",
    )
    parser.add_argument(
        "--jobs", type=int, default=0, metavar="N", help="jobs of the all-cores rows (default 0)"
    )
    parser.add_argument(
        "--repeat",
        type=positive,
        default=3,
        metavar="N",
        help="runs per row, median shown (default 3)",
    )
    parser.add_argument(
        "--show", type=int, default=SHOWN, metavar="N", help=f"differences shown (default {SHOWN})"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.files < 3 or args.words < 50 * args.files:
        parser.error("--files must be at least 3 and --words at least 50 per file")
    if args.jobs < 0:
        parser.error("--jobs must be 0 (one per core) or more")
    return args


def program(given: str, what: str) -> str:
    found = shutil.which(given) or given
    if not Path(found).is_file() or not os.access(found, os.X_OK):
        raise SetupError(f"{what} not found: {given}")
    return str(Path(found).resolve())


def run(args: argparse.Namespace) -> int:
    if not Path("/proc/self/stat").is_file():
        raise SetupError("needs Linux: memory is sampled from /proc")
    if not GOOGLE.is_dir():
        raise SetupError(f"the Google style is missing: {GOOGLE}")
    args.vale = program(args.vale, "Vale (build it with tools/vale/build.sh)")
    args.copydesk = program(args.copydesk, "copydesk")
    if args.json:
        args.json = args.json.resolve()
    with tempfile.TemporaryDirectory(prefix="copydesk-vale-") as tmp:
        scratch = Path(tmp)
        corpus = args.corpus.resolve() if args.corpus else scratch / "corpus"
        config = config_above(corpus.parent)
        if config is not None:
            raise SetupError(f"{config} would configure copydesk; put the corpus outside it")
        print(f"Generating {args.files:,} files, {args.words:,} words (seed {args.seed}) …")
        prepare(corpus, args.files, args.words, args.seed)
        return benchmark(args, corpus, scratch)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up temp folders on kill
    try:
        return run(args)
    except SetupError as exc:
        print(f"vale.py: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nvale.py: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
