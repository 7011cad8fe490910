"""Time copydesk on a generated docs repository of 1,000 files and 1,000,000 words.

    python benchmarks/scale.py make DIR [--files 1000] [--words 1000000] [--seed N]
    python benchmarks/scale.py run [--repo DIR] [--copydesk PATH] [--jobs N] [--json OUT] [--quick]

``make`` writes a git repository of Markdown files, the way a documentation
site looks: YAML front matter, headings, prose, fenced code, inline code,
links, tables, lists and block quotes in nested folders, from text that ships
with Python (see make_corpus.py), recombined by a seeded random generator: the
same seed gives the same bytes.

``run`` times copydesk on such a repository (generated in a temporary folder
unless --repo is given), each measurement a separate child process run in the
repository: cold with one job and with all cores, warm, after editing one
file, ``--changed``, the house rules alone, raw harper-py, proselint and the
start-up. Memory is the sum over the child's whole process tree at its peak,
sampled from /proc (Linux only). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import posixpath
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# benchmarks/ is this script's folder, so it is first on sys.path.
from run import (
    HARPER_SCRIPT,
    RunError,
    Sample,
    count_words,
    exit_zero,
    find_program,
    loop_report,
    machine,
    proselint_report,
    tail,
    versions,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

FULL = {"files": 1000, "words": 1_000_000}
QUICK = {"files": 40, "words": 40_000}
ENGINES = "rules,harper"
LANGUAGETOOL_NOTE = (
    "LanguageTool is left out (`--engines rules,harper`, the offline default): it checks "
    "a few thousand words a second (see run.py's table), so every cold run over a "
    "1,000,000-word repository would take many minutes more on 2 cores, and its Java "
    "server needs close to 1 GiB of its own."
)
# Appended to one file for the edited and --changed rows; no dialect-marked spelling.
EDIT = "This sentence was added to time a check after a small edit."
STARTUP_REPEAT = 5
SAMPLE_SECONDS = 0.05
MIB = 1024  # KiB per MiB

GIT = [
    "git",
    "-c",
    "user.name=bench",
    "-c",
    "user.email=bench@example.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "core.autocrlf=false",
    "-c",
    "init.defaultBranch=main",
]
GIT_DATE = "2024-01-01T00:00:00+0000"  # a fixed date, so the commit is the same every time


class SetupError(Exception):
    """The benchmark cannot start (or the repository cannot be made): one line for the user."""


# --- the repository ----------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(\"])")
API_HEADING = re.compile(r"^#{2,3} (`[\w.]+(?:\(\))?`)$")
LIST_MARKER = re.compile(r"^(?:- |\d+\. )")

SECTIONS = (
    "getting-started",
    "configuration",
    "data",
    "text",
    "files",
    "networking",
    "concurrency",
    "testing",
    "internals",
)
KINDS = ("guide", "reference", "howto", "blog")
KIND_WEIGHTS = (35, 35, 10, 20)
TITLES = {
    "guide": ("Working with {}", "A tour of {}", "{} in practice", "Getting started with {}"),
    "howto": ("How to use {}", "How to test code that uses {}", "How to debug {}"),
    "blog": ("What we learned from {}", "A week with {}", "Why we changed how we use {}"),
}
GENERAL_TAGS = ("guide", "reference", "howto", "tutorial", "performance", "security", "testing")
AUTHORS = ("Ada Moss", "Ben Ortiz", "Chloe Park", "Dan Reyes", "Eva Stone", "Femi Okafor")
SECTION_HEADINGS = (
    "Overview",
    "Background",
    "Examples",
    "Common pitfalls",
    "Details",
    "Performance",
    "Troubleshooting",
    "Next steps",
    "Configuration",
    "Limitations",
    "Summary",
)
LINK_SENTENCES = (
    "See [{title}]({href}) for more on this.",
    "[{title}]({href}) covers the details.",
    "This is also discussed in [{title}]({href}).",
    "The [`{module}` documentation](https://docs.python.org/3/library/{module}.html) lists every option.",
)
QUOTE_LABELS = ("**Note:** ", "**Warning:** ", "**Tip:** ", "")
DEFAULTS = ("`None`", "`0`", "`True`", "`False`", '`""`', "`1024`", "`'utf-8'`")
BLOCKS = ("paragraph", "code", "list", "table", "quote", "shell")
BLOCK_WEIGHTS = {
    "reference": (45, 18, 10, 12, 5, 2),
    "other": (55, 12, 12, 5, 7, 3),
}


@dataclass
class Pool:
    """The pieces pages are made of, taken from Python's own documentation."""

    sentences: list[str]
    items: list[str]
    code: list[str]
    headings: list[str]  # prose headings
    api_headings: list[str]  # headings that are a name in code
    module_headings: dict[str, list[str]]  # a module's own API headings
    facts: list[tuple[str, str]]  # (`name`, first sentence of its docstring)
    modules: list[str]
    topics: list[str]


@dataclass
class Page:
    path: str  # relative, with forward slashes
    kind: str
    title: str
    subject: str  # a module name or a pydoc topic
    date: datetime.date
    target: int  # words to reach


def sentences_of(text: str) -> list[str]:
    """The whole, balanced sentences of a prose block."""
    found = []
    for sentence in SENTENCE_END.split(text):
        sentence = sentence.strip()
        if (
            4 <= len(sentence.split()) <= 60
            and (sentence[0].isupper() or sentence[0] == "`")
            and sentence.endswith((".", "!", "?"))
            and sentence.count("`") % 2 == 0
            and sentence.count("(") == sentence.count(")")
            and sentence.count("[") == sentence.count("]")
            and "  " not in sentence
        ):
            found.append(sentence)
    return found


def build_pool() -> Pool:
    """Collect sentences, list items, code, headings and API facts from make_corpus's articles."""
    from make_corpus import module_articles, topic_articles

    topics, modules = topic_articles(), module_articles()
    sentences: list[str] = []
    items: list[str] = []
    code: list[str] = []
    headings: list[str] = []
    api_headings: list[str] = []
    facts: list[tuple[str, str]] = []
    module_headings: dict[str, list[str]] = {}
    for n, article in enumerate(topics + modules):
        blocks = article.blocks
        if n >= len(topics):
            module_headings[article.title] = [
                block.text.lstrip("#").strip() for block in blocks if API_HEADING.match(block.text)
            ]
        for i, block in enumerate(blocks):
            text = block.text
            if block.heading:
                title = text.lstrip("#").strip()
                if "(continued)" in title or len(title.split()) > 8:
                    continue
                (api_headings if "`" in title else headings).append(title)
                api = API_HEADING.match(text)
                after = blocks[i + 1].text if i + 1 < len(blocks) else ""
                if api and after[:1].isalpha():
                    first = sentences_of(after)[:1]
                    if first and "|" not in first[0] and len(first[0].split()) <= 25:
                        facts.append((api.group(1), first[0]))
            elif text.startswith("```"):
                if len(text.splitlines()) <= 25:
                    code.append(text)
            elif LIST_MARKER.match(text):
                items += [
                    line
                    for line in (LIST_MARKER.sub("", line) for line in text.splitlines())
                    if 3 <= len(line.split()) <= 40 and line.count("`") % 2 == 0
                ]
            elif not text.startswith("**"):
                sentences += sentences_of(text)
    return Pool(
        sentences=list(dict.fromkeys(sentences)),
        items=list(dict.fromkeys(items)),
        code=list(dict.fromkeys(code)),
        headings=list(dict.fromkeys(headings)),
        api_headings=list(dict.fromkeys(api_headings)),
        module_headings=module_headings,
        facts=list(dict.fromkeys(facts)),
        modules=[article.title for article in modules],
        topics=[article.title for article in topics],
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def display(subject: str, modules: set[str]) -> str:
    return f"`{subject}`" if subject in modules else subject.replace("-", " ")


def plan(pool: Pool, rng: random.Random, files: int, words: int) -> list[Page]:
    """Every page's path, title, subject, date and word target; the targets sum to ≥ words."""
    sizes = [rng.lognormvariate(0, 0.6) for _ in range(files)]
    scale = words / sum(sizes)
    targets = [max(120, round(size * scale) + 1) for size in sizes]
    modules = set(pool.modules)
    used: set[str] = set()
    unused: list[str] = []  # each module gets a reference page before any gets a second
    pages: list[Page] = []
    fixed = [
        ("README.md", "index", "Project documentation"),
        ("CONTRIBUTING.md", "index", "Contributing to the documentation"),
        ("docs/index.md", "index", "Documentation"),
    ]
    for n, target in enumerate(targets):
        date = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2400))
        subject = rng.choice(pool.modules if rng.random() < 0.6 else pool.topics)
        if n < len(fixed):
            path, kind, title = fixed[n]
        else:
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            if kind == "reference":
                if not unused:
                    unused = rng.sample(pool.modules, len(pool.modules))
                subject = unused.pop()
                title = f"The `{subject}` module"
                path = f"docs/reference/{subject[0].lower()}/{subject}.md"
                if path in used:
                    title += ", continued"
            else:
                title = rng.choice(TITLES[kind]).format(display(subject, modules))
                folder = {
                    "guide": f"docs/guide/{rng.choice(SECTIONS)}",
                    "howto": "docs/howto",
                    "blog": f"blog/{date.year}",
                }[kind]
                prefix = f"{date.isoformat()}-" if kind == "blog" else ""
                path = f"{folder}/{prefix}{slug(title)}.md"
        stem, number = path.removesuffix(".md"), 2
        while path in used:
            path, number = f"{stem}-{number}.md", number + 1
        used.add(path)
        pages.append(Page(path, kind, title, subject, date, target))
    return pages


class PageWriter:
    """Writes pages block by block from the pool; no paragraph is written twice."""

    def __init__(self, pool: Pool, rng: random.Random, pages: list[Page]) -> None:
        self.pool = pool
        self.rng = rng
        self.pages = pages
        self.modules = set(pool.modules)
        self.paragraphs: set[str] = set()

    def sentences(self, low: int, high: int) -> str:
        return " ".join(
            self.rng.choice(self.pool.sentences) for _ in range(self.rng.randint(low, high))
        )

    def link(self, page: Page) -> str:
        other = self.rng.choice(self.pages)
        href = posixpath.relpath(other.path, posixpath.dirname(page.path) or ".")
        template = self.rng.choice(LINK_SENTENCES)
        module = (
            page.subject if page.subject in self.modules else self.rng.choice(self.pool.modules)
        )
        return template.format(title=other.title, href=href, module=module)

    def fresh(self, make: Callable[[], str]) -> str:
        """make() until it gives text not written yet: a repeat would be a free cache hit."""
        text = make()
        while text in self.paragraphs:
            text = make()
        self.paragraphs.add(text)
        return text

    def paragraph(self, page: Page) -> str:
        text = self.fresh(lambda: self.sentences(2, 6))
        if self.rng.random() < 0.3:
            text += " " + self.link(page)
        return text

    def block(self, page: Page) -> str:
        rng = self.rng
        weights = BLOCK_WEIGHTS["reference" if page.kind == "reference" else "other"]
        kind = rng.choices(BLOCKS, weights)[0]
        if kind == "code":
            return rng.choice(self.pool.code)
        if kind == "shell":
            module = page.subject if page.subject in self.modules else rng.choice(self.pool.modules)
            return f"```console\n$ python -m {module} --help\n```"
        if kind == "list":
            count = rng.randint(3, 6)
            source = self.pool.items if rng.random() < 0.5 else self.pool.sentences
            numbered = rng.random() < 0.3
            return "\n".join(
                f"{f'{n}.' if numbered else '-'} {rng.choice(source)}" for n in range(1, count + 1)
            )
        if kind == "table":
            rows = rng.sample(self.pool.facts, rng.randint(3, 6))
            if rng.random() < 0.5:
                lines = ["| Name | Description |", "| --- | --- |"]
                lines += [f"| {name} | {text} |" for name, text in rows]
            else:
                lines = ["| Option | Default | Meaning |", "| --- | --- | --- |"]
                lines += [f"| {name} | {rng.choice(DEFAULTS)} | {text} |" for name, text in rows]
            return "\n".join(lines)
        if kind == "quote":
            return self.fresh(lambda: f"> {rng.choice(QUOTE_LABELS)}{self.sentences(1, 2)}")
        return self.paragraph(page)

    def heading(self, page: Page) -> str:
        rng = self.rng
        own = self.pool.module_headings.get(page.subject)
        if page.kind == "reference" and rng.random() < 0.7:
            return rng.choice(own if own and rng.random() < 0.7 else self.pool.api_headings)
        if rng.random() < 0.3:
            return rng.choice(SECTION_HEADINGS)
        return rng.choice(self.pool.headings)

    def text(self, page: Page) -> str:
        rng = self.rng
        tags = [page.subject, *rng.sample(GENERAL_TAGS, rng.randint(0, 3))]
        front = ["---", f"title: {json.dumps(page.title)}", f"tags: [{', '.join(tags)}]"]
        front.append(f"date: {page.date.isoformat()}")
        if page.kind == "blog":
            front.append(f"author: {rng.choice(AUTHORS)}")
        parts = ["\n".join([*front, "---"]), f"# {page.title}", self.paragraph(page)]
        count = sum(len(part.split()) for part in parts)
        level = 3  # so the first section is at level 2
        while count < page.target:
            level = 3 if level == 2 and rng.random() < 0.35 else 2
            blocks = [f"{'#' * level} {self.heading(page)}"]
            blocks += [self.block(page) for _ in range(rng.randint(1, 4))]
            parts += blocks
            count += sum(len(block.split()) for block in blocks)
        return "\n\n".join(parts) + "\n"


def git(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [*GIT, *args], cwd=folder, capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
        raise SetupError(f"git {args[0]} failed in {folder}: {last}")
    return done.stdout


def make(folder: Path, files: int, words: int, seed: int) -> tuple[int, int]:
    """Write the repository into folder (new or empty), commit it; return (files, words)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SetupError(f"{folder} exists and is not an empty folder")
    if shutil.which("git") is None:
        raise SetupError("git is not on PATH")
    pool = build_pool()
    rng = random.Random(seed)
    pages = plan(pool, rng, files, words)
    writer = PageWriter(pool, rng, pages)
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(writer.text(page), encoding="utf-8", newline="\n")
    (folder / ".gitignore").write_text(
        "# build output and local files\n_site/\n.cache/\nnode_modules/\n*.log\n",
        encoding="utf-8",
        newline="\n",
    )
    site = folder / "_site"  # stale build output: git ignores it, so copydesk must too
    site.mkdir()
    (site / "index.md").write_text("# Built site\n\nGenerated; not checked.\n", encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_DATE=GIT_DATE, GIT_COMMITTER_DATE=GIT_DATE)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--no-verify", "-m", f"Generated docs (seed {seed})", env=env)
    tracked = checked_files(folder)
    total = count_words([folder / name for name in tracked])
    if total < words:  # cannot happen: each page stops at or past its target
        raise SetupError(f"generated only {total:,} of {words:,} words")
    return len(tracked), total


def checked_files(repo: Path) -> list[str]:
    """The files copydesk checks in repo: Markdown and text that git tracks (sorted)."""
    out = git(repo, "ls-files", "-z", "--", "*.md", "*.markdown", "*.txt")
    return sorted(name for name in out.split("\0") if name)


# --- measuring a process tree ------------------------------------------------


def descendants(root: int) -> list[int]:
    """root and every process below it, from the parent links in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):  # noqa: PTH208 - fastest way to list pids
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_bytes()
        except OSError:
            continue
        parent = int(stat.rpartition(b")")[2].split()[1])  # after "pid (comm) state"
        children.setdefault(parent, []).append(int(name))
    tree, i = [root], 0
    while i < len(tree):
        tree += children.get(tree[i], [])
        i += 1
    return tree


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a live process in KiB; (0, 0) once it is gone or a zombie."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return int(found.get("VmRSS", 0)), int(found.get("VmHWM", 0))


class TreeSampler(threading.Thread):
    """Samples a process tree's resident memory until stopped: the largest sum
    over the tree, the largest single process (its own high-water mark) and
    the most processes alive at once."""

    def __init__(self, root: int, interval: float = SAMPLE_SECONDS) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.finished = threading.Event()
        self.peak_sum_kib = 0
        self.largest_kib = 0
        self.processes = 0

    def run(self) -> None:
        while True:
            self.sample()
            if self.finished.wait(self.interval):
                return

    def sample(self) -> None:
        total = alive = 0
        for pid in descendants(self.root):
            rss, hwm = memory_kib(pid)
            total += rss
            alive += rss > 0
            self.largest_kib = max(self.largest_kib, rss, hwm)
        self.peak_sum_kib = max(self.peak_sum_kib, total)
        self.processes = max(self.processes, alive)

    def stop(self) -> None:
        self.finished.set()
        self.join()


@dataclass
class TreeSample(Sample):
    """A run with its CPU time and the memory of its whole process tree."""

    cpu: float = 0.0
    peak_sum_kib: int = 0
    largest_kib: int = 0
    processes: int = 0


def run_tree(command: Sequence[str], env: dict[str, str], cwd: Path) -> TreeSample:
    """Run one child in a session of its own, timing it and sampling its process tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
            cwd=cwd,
            start_new_session=True,  # so an interrupted run can be ended, workers and all
        )
        sampler = TreeSampler(proc.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            end_session(proc)
            raise
        finally:
            sampler.stop()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        out.seek(0)
        err.seek(0)
        # Not ru_maxrss: Linux carries the high-water mark of the memory a
        # child leaves at exec into it, and a child spawned from this process
        # leaves a copy of this process (a few hundred MiB by the last rows).
        largest = sampler.largest_kib
        return TreeSample(
            wall=wall,
            max_rss_kib=usage.ru_maxrss,
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            cpu=usage.ru_utime + usage.ru_stime,
            peak_sum_kib=max(sampler.peak_sum_kib, largest),
            largest_kib=largest,
            processes=max(sampler.processes, 1),
        )


def end_session(proc: subprocess.Popen[bytes]) -> None:
    """Stop an interrupted child and everything it started."""
    for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, None)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


# --- the benchmark -----------------------------------------------------------


@dataclass
class Row:
    key: str
    what: str
    command: list[str]
    per_word: bool = True  # words/s makes sense (the run reads the whole repository)
    samples: list[TreeSample] = field(default_factory=list)
    inside: float | None = None  # a time measured inside a process (no memory of its own)
    extra: dict[str, Any] = field(default_factory=dict)  # from the first run
    error: str | None = None  # the run failed
    skipped: str | None = None  # the run was not made, and why

    @property
    def wall(self) -> float | None:
        if self.error or self.skipped:
            return None
        if self.inside is not None:
            return self.inside
        return statistics.median(s.wall for s in self.samples) if self.samples else None

    def most(self, name: str) -> float | None:
        values = [getattr(s, name) for s in self.samples]
        return max(values) if values and self.wall else None

    @property
    def cpu(self) -> float | None:
        return (
            statistics.median(s.cpu for s in self.samples) if self.wall and self.samples else None
        )


def copydesk_report(expected: set[str], engines: str) -> Callable[[Sample], dict[str, Any]]:
    """`copydesk check --format json --fail-on none` must exit 0, with every
    engine asked for available, and report exactly the expected files."""
    wanted = set(engines.split(","))

    def check(sample: Sample) -> dict[str, Any]:
        exit_zero(sample)
        try:
            report = json.loads(sample.stdout)
        except json.JSONDecodeError as exc:
            raise RunError(f"output is not JSON: {exc}\n{tail(sample.stderr)}") from exc
        if report.get("errors"):
            raise RunError(f"copydesk reported errors: {report['errors'][:3]}")
        available = {e["name"] for e in report.get("engines", []) if e.get("available")}
        if wanted - available:
            raise RunError(f"engines not available: {', '.join(sorted(wanted - available))}")
        covered = {os.path.normpath(f["path"]) for f in report.get("files", [])}
        if covered != expected:
            missing, extra = sorted(expected - covered), sorted(covered - expected)
            raise RunError(
                f"report covers {len(covered & expected)} of {len(expected)} files"
                + (f"; missing {missing[:3]}" if missing else "")
                + (f"; unexpected {extra[:3]}" if extra else "")
            )
        files = json.dumps(report["files"], sort_keys=True).encode()
        return {
            "findings": sum(len(f.get("suggestions", [])) for f in report["files"]),
            "notices": [str(notice) for notice in report.get("notices", [])],
            "digest": hashlib.sha256(files).hexdigest(),
        }

    return check


class Bench:
    def __init__(self, repo: Path, scratch: Path) -> None:
        self.repo = repo  # every child's working directory
        self.scratch = scratch  # caches go here
        self.rows: list[Row] = []
        self.notices: set[str] = set()  # printed once, the first time they turn up
        self._caches = 0

    def cache(self, copy_of: Path | None = None) -> Path:
        """A new cache folder: empty, or a copy of another."""
        self._caches += 1
        path = self.scratch / f"cache-{self._caches}"
        if copy_of is not None and copy_of.is_dir():
            shutil.copytree(copy_of, path)
        else:
            path.mkdir()
        return path

    def env(self, cache: Path | None) -> dict[str, str]:
        return dict(os.environ, NO_COLOR="1", COPYDESK_CACHE_DIR=str(cache or self.cache()))

    def skip(self, row: Row, reason: str) -> Row:
        row.skipped = reason
        self.rows.append(row)
        print(f"  {row.key}. {row.what}: {reason}", flush=True)
        return row

    def measure(
        self,
        row: Row,
        check: Callable[[Sample], dict[str, Any]],
        *,
        cache: Path | None = None,
        repeat: int = 1,
    ) -> Row:
        """Run row.command `repeat` times (each with its own empty cache unless
        one is given); stop at the first failed run."""
        self.rows.append(row)
        for i in range(repeat):
            count = f" [{i + 1}/{repeat}]" if repeat > 1 else ""
            print(f"  {row.key}. {row.what}{count} …", end="", flush=True)
            sample = run_tree(row.command, self.env(cache), self.repo)
            try:
                extra = check(sample)
            except RunError as exc:
                row.error = str(exc)
                print(f" FAILED: {exc}", flush=True)
                break
            row.samples.append(sample)
            row.extra = row.extra or extra
            print(
                f" {sample.wall:.2f} s, {sample.peak_sum_kib / MIB:.0f} MiB in "
                f"{sample.processes} process{'es' * (sample.processes > 1)}, "
                f"largest {sample.largest_kib / MIB:.0f} MiB",
                flush=True,
            )
            for notice in extra.get("notices", []):
                if notice not in self.notices:
                    self.notices.add(notice)
                    print(f"    notice: {notice}", flush=True)
        return row


@dataclass
class Target:
    name: str
    measured: str
    met: bool | None  # None: not measured
    value: float | None = None
    limit: float | None = None


def targets(rows: dict[str, Row], words: int) -> list[Target]:
    """The issue's targets, each with its measured value."""

    def wall(key: str) -> float | None:
        row = rows.get(key)
        return row.wall if row else None

    def rate(key: str) -> float | None:
        seconds = wall(key)
        return words / seconds if seconds else None

    found: list[Target] = []

    def add(
        name: str,
        value: float | None,
        limit: float,
        text: Callable[[float], str],
        *,
        at_most: bool = False,
    ) -> None:
        if value is None:
            found.append(Target(name, "not measured", None, limit=limit))
        else:
            met = value <= limit if at_most else value >= limit
            found.append(Target(name, text(value), met, value, limit))

    cold, warm, edited = wall("b"), wall("c"), wall("d")
    add(
        "warm (c) ≥ 20× faster than cold (b)",
        cold / warm if cold and warm else None,
        20,
        lambda v: f"{v:.1f}× ({cold:.2f} s → {warm:.2f} s)",
    )
    add(
        "one file edited (d) ≈ warm (c): ≤ 1.5× its time",
        edited / warm if edited and warm else None,
        1.5,
        lambda v: f"{v:.2f}× ({edited:.2f} s vs {warm:.2f} s)",
        at_most=True,
    )
    default, harper = rate("b"), rate("g")
    add(
        "default engines cold, all cores (b) ≥ 1.5× raw harper-py (g) words/s",
        default / harper if default and harper else None,
        1.5,
        lambda v: f"{v:.2f}× ({default:,.0f} vs {harper:,.0f} words/s)",
    )
    rules, proselint = rate("f"), rate("h")
    add(
        "house rules alone, one core (f) ≥ 100,000 words/s",
        rules,
        100_000,
        lambda v: f"{v:,.0f} words/s",
    )
    add(
        "house rules alone (f) ≥ 2× proselint (h) words/s",
        rules / proselint if rules and proselint else None,
        2,
        lambda v: f"{v:.2f}× ({rules:,.0f} vs {proselint:,.0f} words/s)",
    )
    checks = [rows[key] for key in "abcdef" if key in rows and rows[key].wall]
    biggest = max(checks, key=lambda row: row.most("largest_kib") or 0, default=None)
    largest = biggest.most("largest_kib") if biggest else None
    add(
        "peak ≤ 300 MiB per worker (largest process of a–f)",
        largest / MIB if largest else None,
        300,
        lambda v: f"{v:.0f} MiB (row {biggest.key if biggest else '?'})",
        at_most=True,
    )
    add("`--version` (i1) ≤ 0.15 s", wall("i1"), 0.15, lambda v: f"{v:.3f} s", at_most=True)
    add("`rules list` (i2) ≤ 0.5 s", wall("i2"), 0.5, lambda v: f"{v:.3f} s", at_most=True)
    seed, raw = wall("j1"), wall("j2")
    add(
        "seed check, whole process (j1) ≤ 1.25× raw harper-py on it (j2)",
        seed / raw if seed and raw else None,
        1.25,
        lambda v: f"{v:.2f}× ({seed:.2f} s vs {raw:.2f} s)",
        at_most=True,
    )
    return found


def row_table(rows: list[Row], words: int, header: str) -> str:
    lines = [
        header,
        "",
        "| | measurement | wall s | CPU s | words/s | peak MiB (sum) | largest process MiB "
        "| processes | findings |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.error or row.skipped:
            reason = f"FAILED: {row.error.splitlines()[0]}" if row.error else row.skipped
            lines.append(f"| {row.key} | {row.what} | {reason} | | | | | | |")
            continue

        def number(value: float | None, form: str) -> str:
            return format(value, form) if value is not None else "–"

        wall = row.wall
        peak, largest = row.most("peak_sum_kib"), row.most("largest_kib")
        findings = row.extra.get("findings")
        cells = [
            number(wall, ".2f"),
            number(row.cpu, ".1f"),
            number(words / wall if row.per_word and wall else None, ",.0f"),
            number(peak / MIB if peak and row.inside is None else None, ".0f"),
            number(largest / MIB if largest and row.inside is None else None, ".0f"),
            number(row.most("processes") if row.inside is None else None, "d"),
            number(findings, ",d"),
        ]
        lines.append(f"| {row.key} | {row.what} | {' | '.join(cells)} |")
    return "\n".join(lines)


def target_table(found: list[Target]) -> str:
    lines = ["| target | measured | result |", "| --- | --- | --- |"]
    for target in found:
        result = "not measured" if target.met is None else "met" if target.met else "**not met**"
        lines.append(f"| {target.name} | {target.measured} | {result} |")
    return "\n".join(lines)


def config_above(folder: Path) -> Path | None:
    """A copydesk config that copydesk would find from folder (as editor.config.find_config)."""
    for place in (folder, *folder.parents):
        for name in ("copydesk.toml", ".copydesk.toml"):
            if (place / name).is_file():
                return place / name
        pyproject = place / "pyproject.toml"
        try:
            if pyproject.is_file() and "[tool.copydesk" in pyproject.read_text(encoding="utf-8"):
                return pyproject
        except (OSError, UnicodeDecodeError):
            continue
    return None


def check_repo(repo: Path) -> list[str]:
    """The repository's checked files, after making sure it can be measured as it is."""
    if not repo.is_dir():
        raise SetupError(f"no such folder: {repo}")
    if shutil.which("git") is None:
        raise SetupError("git is not on PATH")
    if not (repo / ".git").exists():
        raise SetupError(f"{repo} is not the top folder of a git repository (see `make`)")
    if git(repo, "status", "--porcelain").strip():
        raise SetupError(f"{repo} has uncommitted changes; commit or discard them first")
    config = config_above(repo)
    if config is not None:
        raise SetupError(f"{config} would configure copydesk; use a repository outside it")
    files = checked_files(repo)
    if len(files) < 2:
        raise SetupError(f"{repo} has fewer than 2 Markdown or text files in git")
    return files


@dataclass
class Setup:
    """What the rows run on: the tools, the repository and its size."""

    copydesk: str
    python: str  # the Python copydesk is installed in: raw harper-py runs there
    proselint: str | None
    repo: Path
    files: list[str]
    words: int
    jobs: int  # of the all-cores rows
    has_jobs: bool  # `copydesk check` has -j/--jobs

    def check(self, engines: str, jobs: int | None, *options: str) -> list[str]:
        command = [self.copydesk, "check", "--format", "json", "--fail-on", "none"]
        command += ["--engines", engines, *options]
        if jobs is not None and self.has_jobs:
            command += ["--jobs", str(jobs)]
        return [*command, "."]


def copydesk_rows(bench: Bench, setup: Setup) -> None:
    """Rows a–f: copydesk cold, warm, after an edit, --changed and its house rules alone."""
    every = copydesk_report(set(setup.files), ENGINES)
    cores = "all cores" if setup.jobs == 0 else f"{setup.jobs} jobs"
    if setup.has_jobs:
        bench.measure(Row("a", "check, cold, `--jobs 1`", setup.check(ENGINES, 1)), every)
    else:
        bench.skip(Row("a", "check, cold, `--jobs 1`", []), "not run: check has no --jobs")
    cold_cache = bench.cache()
    cold = bench.measure(
        Row("b", f"check, cold, {cores} (`--jobs {setup.jobs}`)", setup.check(ENGINES, setup.jobs)),
        every,
        cache=cold_cache,
    )
    edited = setup.files[len(setup.files) // 2]
    warm, after_edit, changed = (
        Row("c", f"check, warm, {cores}", setup.check(ENGINES, setup.jobs)),
        Row(
            "d",
            f"check, warm, one file edited (`{edited}`), {cores}",
            setup.check(ENGINES, setup.jobs),
        ),
        Row(
            "e",
            f"check `--changed`, that one file changed, {cores}",
            setup.check(ENGINES, setup.jobs, "--changed"),
            per_word=False,
        ),
    )
    if cold.error:
        for row in (warm, after_edit, changed):
            bench.skip(row, "not run: the cold run (b) failed")
    else:
        # Each starts from a copy of b's cache, so no row sees what another added.
        bench.measure(warm, every, cache=bench.cache(copy_of=cold_cache))
        path = setup.repo / edited
        original = path.read_bytes()
        try:
            path.write_bytes(original.rstrip(b"\n") + f"\n\n{EDIT}\n".encode())
            bench.measure(after_edit, every, cache=bench.cache(copy_of=cold_cache))
            bench.measure(
                changed,
                copydesk_report({edited}, ENGINES),
                cache=bench.cache(copy_of=cold_cache),
            )
        finally:
            path.write_bytes(original)
    bench.measure(
        Row(
            "f",
            "house rules alone, `--engines rules --no-cache --jobs 1`",
            setup.check("rules", 1, "--no-cache"),
        ),
        copydesk_report(set(setup.files), "rules"),
    )


def checked_ok(sample: Sample) -> dict[str, Any]:
    """A ``check`` that ran: exit 0 (nothing found) or 1 (findings)."""
    if sample.returncode not in (0, 1):
        raise RunError(f"exit {sample.returncode}: {tail(sample.stderr)}")
    return {}


def other_rows(bench: Bench, setup: Setup) -> None:
    """Rows g–i: raw harper-py and proselint on the same files, and copydesk's start-up."""
    harper = bench.measure(
        Row(
            "g",
            "harper-py: `Linter()` + lint each file as Markdown (whole process)",
            [setup.python, "-c", HARPER_SCRIPT, *setup.files],
        ),
        loop_report("lint_seconds"),
    )
    if harper.extra:
        inside = Row("g2", "harper-py: lint loop only (inside that process)", harper.command)
        inside.inside, inside.extra = harper.extra["lint_seconds"], harper.extra
        bench.rows.append(inside)
    if setup.proselint:
        bench.measure(
            Row(
                "h",
                "proselint: `proselint check -o json`",
                [setup.proselint, "check", "-o", "json", *setup.files],
            ),
            proselint_report(len(setup.files)),
        )
    else:
        bench.skip(Row("h", "proselint", []), "not installed (pip install proselint)")
    # The seed article, as an editor checks one file: copydesk cold (an empty
    # result cache) with the offline default, against raw harper-py starting
    # and linting the same file, each a whole process.
    seed = Path(__file__).resolve().parents[1] / "seeds" / "huawei-att.txt"
    if seed.is_file():
        first = bench.cache()
        run_tree([setup.copydesk, "rules", "list"], bench.env(first), setup.repo)
        bench.measure(
            Row(
                "j1",
                "seed check (one 370-word file), `--engines rules,harper`, empty result cache",
                [setup.copydesk, "check", "--engines", "rules,harper", "--no-cache", str(seed)],
                per_word=False,
            ),
            checked_ok,
            cache=first,
            repeat=STARTUP_REPEAT,
        )
        bench.measure(
            Row(
                "j2",
                "harper-py: `Linter()` + lint the seed (whole process)",
                [setup.python, "-c", HARPER_SCRIPT, str(seed)],
                per_word=False,
            ),
            loop_report("lint_seconds"),
            repeat=STARTUP_REPEAT,
        )
    # As a user meets it: after a first run, which compiles the rule pack once
    # and records that it did (in the cache folder), not measured.
    warm = bench.cache()
    run_tree([setup.copydesk, "rules", "list"], bench.env(warm), setup.repo)
    for key, what, command in (
        ("i1", "start-up: `copydesk --version`", [setup.copydesk, "--version"]),
        (
            "i2",
            "start-up: `copydesk rules list` (after a first run)",
            [setup.copydesk, "rules", "list"],
        ),
    ):
        bench.measure(
            Row(key, what, command, per_word=False), exit_zero, cache=warm, repeat=STARTUP_REPEAT
        )


def benchmark(args: argparse.Namespace, repo: Path, files: list[str], scratch: Path) -> int:
    """Measure every row on repo, print the tables (and write JSON); return the exit code."""
    copydesk: str = args.copydesk
    usage = subprocess.run(
        [copydesk, "check", "--help"], capture_output=True, text=True, check=False
    )
    setup = Setup(
        copydesk=copydesk,
        python=find_program("python", Path(copydesk)) or sys.executable,
        proselint=find_program("proselint", Path(copydesk)),
        repo=repo,
        files=files,
        words=count_words([repo / name for name in files]),
        jobs=args.jobs,
        has_jobs="--jobs" in usage.stdout,
    )
    tools = versions(copydesk, setup.python, setup.proselint)
    cpu = machine()
    header = (
        f"Repository: {len(files)} files, {setup.words:,} words · "
        f"machine: {cpu['cpus']} CPUs ({cpu['cpu']}), Python {tools['python']}, {cpu['platform']} · "
        f"copydesk {tools['copydesk']}, harper-py {tools['harper-py']}"
        + (f", proselint {tools['proselint']}" if setup.proselint else "")
        + f" · {datetime.date.today().isoformat()} · engines {ENGINES} · "
        f"one run each, start-up median of {STARTUP_REPEAT}"
    )
    print(header)
    print(LANGUAGETOOL_NOTE, flush=True)
    if not setup.has_jobs:
        print("note: this copydesk's check has no --jobs option: every row uses its default")

    bench = Bench(repo, scratch)
    copydesk_rows(bench, setup)
    other_rows(bench, setup)

    rows = {row.key: row for row in bench.rows}
    digests = {key: rows[key].extra.get("digest") for key in "abc" if rows[key].wall}
    same = len(digests) > 1 and len(set(digests.values())) == 1
    found = targets(rows, setup.words)
    print()
    print(row_table(bench.rows, setup.words, header))
    print()
    print(target_table(found))
    print()
    if len(digests) > 1:
        print(
            f"Same findings, byte for byte, in rows {', '.join(digests)}: {'yes' if same else 'NO'}"
        )
    print(LANGUAGETOOL_NOTE)
    if args.json:
        data = {
            "date": datetime.date.today().isoformat(),
            "repository": {
                "path": None if args.repo is None else str(repo),
                "generated": None if args.repo else {"seed": args.seed, "asked_words": args.words},
                "files": len(files),
                "words": setup.words,
            },
            "machine": cpu,
            "versions": tools,
            "engines": ENGINES,
            "languagetool": LANGUAGETOOL_NOTE,
            "same_findings_cold_and_warm": same if len(digests) > 1 else None,
            "rows": [row_json(row, setup.words) for row in bench.rows],
            "targets": [
                {
                    "target": t.name,
                    "measured": t.measured,
                    "value": t.value,
                    "limit": t.limit,
                    "met": t.met,
                }
                for t in found
            ],
        }
        args.json.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    failed = [row.key for row in bench.rows if row.error]
    if failed:
        print(
            f"scale.py: error: {len(failed)} measurement(s) failed: {', '.join(failed)}",
            file=sys.stderr,
        )
        return 1
    return 0


def row_json(row: Row, words: int) -> dict[str, Any]:
    def mib(name: str) -> float | None:
        value = row.most(name) if row.inside is None else None
        return round(value / MIB, 1) if value else None

    return {
        "key": row.key,
        "what": row.what,
        "command": [*row.command[:12], "…"] if len(row.command) > 12 else row.command,
        "wall_seconds": [s.wall for s in row.samples],
        "median_wall_seconds": row.wall,
        "cpu_seconds": row.cpu,
        "words_per_second": words / row.wall if row.wall and row.per_word else None,
        "peak_sum_mib": mib("peak_sum_kib"),
        "largest_process_mib": mib("largest_kib"),
        "processes": row.most("processes") if row.inside is None else None,
        "findings": row.extra.get("findings"),
        "error": row.error,
        "skipped": row.skipped,
    }


# --- command line ------------------------------------------------------------


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scale.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    make_parser = commands.add_parser("make", help="generate the repository into DIR")
    make_parser.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    run_parser = commands.add_parser("run", help="time copydesk and the other tools on it")
    run_parser.add_argument(
        "--repo",
        type=Path,
        metavar="DIR",
        help="a repository made by `make` (default: generate one)",
    )
    run_parser.add_argument(
        "--copydesk",
        default=find_program("copydesk", Path(sys.executable)) or "copydesk",
        help="copydesk executable (default: the one next to this Python, else on PATH)",
    )
    run_parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="jobs of the all-cores rows (default 0: one per core)",
    )
    run_parser.add_argument(
        "--json", type=Path, metavar="OUT", help="also write the results as JSON"
    )
    run_parser.add_argument(
        "--quick",
        action="store_true",
        help=f"generate a small repository ({QUICK['files']} files, {QUICK['words']:,} words)",
    )
    for sub in (make_parser, run_parser):
        sub.add_argument("--files", type=positive, help=f"files (default {FULL['files']:,})")
        sub.add_argument(
            "--words", type=positive, help=f"words at least (default {FULL['words']:,})"
        )
        sub.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    sizes = QUICK if getattr(args, "quick", False) else FULL
    given = args.files is not None or args.words is not None
    args.files = args.files or sizes["files"]
    args.words = args.words or sizes["words"]
    if args.files < 3 or args.words < 50 * args.files:
        parser.error("--files must be at least 3 and --words at least 50 per file")
    if args.command == "run":
        if args.repo is not None and (given or args.quick):
            parser.error("--quick, --files and --words generate a repository: not with --repo")
        if args.jobs < 0:
            parser.error("--jobs must be 0 (one per core) or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up temp folders on kill
    try:
        if args.command == "make":
            folder = args.dir.resolve()
            files, words = make(folder, args.files, args.words, args.seed)
            print(f"{words:,} words in {files} files in {folder} (seed {args.seed})")
            return 0
        return run(args)
    except SetupError as exc:
        print(f"scale.py: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nscale.py: interrupted", file=sys.stderr)
        return 130


def run(args: argparse.Namespace) -> int:
    if not Path("/proc/self/stat").is_file():
        raise SetupError("needs Linux: memory is sampled from /proc")
    copydesk = shutil.which(args.copydesk) or args.copydesk
    if not Path(copydesk).is_file():
        raise SetupError(f"copydesk not found: {args.copydesk}")
    args.copydesk = str(Path(copydesk).resolve())
    if args.json:
        args.json = args.json.resolve()
    with tempfile.TemporaryDirectory(prefix="copydesk-scale-") as tmp:
        scratch = Path(tmp)
        if args.repo is None:
            repo = scratch / "repo"
            print(
                f"Generating {args.files:,} files, {args.words:,} words (seed {args.seed}) …",
                flush=True,
            )
            make_repo = [sys.executable, str(Path(__file__).resolve()), "make", str(repo)]
            make_repo += ["--files", str(args.files), "--words", str(args.words)]
            done = subprocess.run([*make_repo, "--seed", str(args.seed)], check=False)
            if done.returncode != 0:
                raise SetupError("generating the repository failed (see above)")
        else:
            repo = args.repo.resolve()
        files = check_repo(repo)
        return benchmark(args, repo, files, scratch)


if __name__ == "__main__":
    sys.exit(main())
