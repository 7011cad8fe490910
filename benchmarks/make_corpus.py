"""Generate the benchmark corpus: Markdown articles made from Python's own docs.

The source text ships with the interpreter, so nothing is downloaded:

* ``pydoc_data.topics.topics``, the language reference topics behind ``help()``;
* the docstrings of the public standard-library modules and of their public
  classes, functions and methods.

The reST-ish text is turned into ordinary Markdown (headings, paragraphs, bullet
lists, inline code, fenced code blocks, links) and packed into files of about
2,000–5,000 words. The output is deterministic for a given Python build: the
same files with the same bytes on every run (everything is sorted, nothing is
random). Another Python version gives a somewhat different corpus.

    python benchmarks/make_corpus.py [DIR]      # default: benchmarks/corpus
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import io
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent / "corpus"

# Modules that open windows, print, play games or only test other modules.
SKIP_MODULES = {"antigravity", "idlelib", "test", "this", "tkinter", "turtle", "turtledemo"}

# A file is closed at a section heading once it reaches TARGET words, at any
# heading once it reaches SOFT_MAX, and at any block once it reaches HARD_MAX.
TARGET_WORDS = 3000
SOFT_MAX_WORDS = 4500
HARD_MAX_WORDS = 5000

# reST underline characters, outermost first: "*" titles a topic.
UNDERLINES = {"*": 0, "=": 1, "-": 2, "~": 3, "^": 3, '"': 3, "#": 3}

BULLET = re.compile(r"^([-*+]|\d+\.)\s+")
ROLE = re.compile(r":[\w:]+:`([^`]+)`")  # :func:`len` -> `len`
DOUBLE_BACKTICKS = re.compile(r"``([^`]+)``")  # ``len`` -> `len`
QUOTED_CODE = re.compile(r'"([\w.()\[\]:,*=-]+)"')  # pydoc's "len()" -> `len()`
# Names that are clearly code in running prose: calls, dotted names, snake_case.
IDENTIFIER = re.compile(
    r"(?<![\w`*/.])("
    r"\w+(?:\.\w+)*\(\)"  # len(), os.path.join()
    r"|[A-Za-z]\w+(?:\.[A-Za-z_]\w+)+"  # os.path, sys.stderr (not e.g.)
    r"|_*[A-Za-z][A-Za-z0-9]*_\w*"  # snake_case, __init__
    r")(?![\w`(])"
)
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>|(?<![(<])\b(https?://[^\s)>\]]+[^\s)>\].,;:])")
TERM = re.compile(r"[\w.]+(\(.*\))?")  # object.__init__(self[, ...])
CODE_SPAN = re.compile(r"(`[^`]*`|\[[^\]]*\]\([^)]*\)|<https?://[^>]*>)")


@dataclass
class Block:
    """One Markdown block: its text and, for a heading, its level."""

    text: str
    heading: int = 0


@dataclass
class Article:
    title: str
    blocks: list[Block] = field(default_factory=list)


# --- inline markup -----------------------------------------------------------


def _inline_plain(text: str) -> str:
    """Mark code and links in text that holds no code span or link yet."""
    text = QUOTED_CODE.sub(r"`\1`", text)
    parts = CODE_SPAN.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = IDENTIFIER.sub(r"`\1`", parts[i])
        parts[i] = AUTOLINK.sub(lambda m: f"<{m.group(1) or m.group(2)}>", parts[i])
    return "".join(parts)


def inline(text: str) -> str:
    """Turn reST inline markup into Markdown inline code and links."""
    text = ROLE.sub(r"`\1`", text)
    text = DOUBLE_BACKTICKS.sub(r"`\1`", text)
    text = text.replace("\\", "")  # reST escapes; Markdown would show them
    # Keep existing code spans as they are; mark code only outside them.
    parts = CODE_SPAN.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = _inline_plain(parts[i])
    return "".join(parts)


# --- blocks ------------------------------------------------------------------


def paragraphs(text: str) -> list[list[str]]:
    """Split text into runs of non-blank lines."""
    runs: list[list[str]] = [[]]
    for line in text.expandtabs(8).splitlines():
        if line.strip():
            runs[-1].append(line.rstrip())
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def dedent(lines: list[str]) -> tuple[int, list[str]]:
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    return indent, [line[indent:] for line in lines]


def looks_like_prose(lines: list[str]) -> bool:
    """Sentences start with a capital and end with a full stop or colon; code rarely does."""
    text = " ".join(line.strip() for line in lines)
    if "::=" in text or any(line.lstrip().startswith((">>>", "$ ", "% ")) for line in lines):
        return False
    return bool(re.match(r"[A-Z\"*(]", text)) and text.endswith((".", ":", ".)", '."'))


def fence(lines: list[str]) -> str:
    _, lines = dedent(lines)
    language = "python"
    if lines[0].startswith(">>>"):
        language = "pycon"
    elif lines[0].startswith("$ "):
        language = "console"
    return "\n".join([f"```{language}", *lines, "```"])


def list_block(lines: list[str]) -> str:
    items: list[str] = []
    for line in lines:
        match = BULLET.match(line)
        if match:
            marker = "-" if match.group(1) in "-*+" else match.group(1)
            items.append(f"{marker} {line[match.end() :].strip()}")
        elif items:
            items[-1] += " " + line.strip()
        else:
            items.append(line.strip())
    return "\n".join(inline(item) for item in items)


def convert(text: str, base: int) -> list[Block]:
    """Convert one reST-ish document to Markdown blocks; its headings start at base + 1."""
    blocks: list[Block] = []
    runs = paragraphs(text)
    code_next = False  # after a paragraph ending in "::" the indented block is code
    prose_indent = 0
    for run in runs:
        indent, lines = dedent(run)
        underline = lines[-1].strip() if len(lines) == 2 else ""
        if underline and len(set(underline)) == 1 and underline[0] in UNDERLINES:
            level = min(6, base + 1 + UNDERLINES[underline[0]])
            blocks.append(Block("#" * level + " " + inline(lines[0].strip()), level))
            code_next = False
            continue
        deeper = indent > prose_indent
        if lines[0].startswith(">>>") or (deeper and (code_next or not looks_like_prose(lines))):
            blocks.append(Block(fence(run)))
            code_next = False
            continue
        prose_indent = indent
        if BULLET.match(lines[0]):
            blocks.append(Block(list_block(lines)))
            continue
        if len(lines) == 1 and lines[0].endswith(":") and len(lines[0].split()) <= 2:
            blocks.append(Block(f"**{lines[0].rstrip(':')}:**"))  # "Note:", "Example:"
            continue
        code_next = lines[-1].endswith("::")
        if code_next:
            lines[-1] = lines[-1].rstrip(":").rstrip() + ":"
        if len(lines) == 1 and TERM.fullmatch(lines[0]):
            # A definition term such as "object.__init__(self[, ...])".
            level = min(6, base + 3)
            blocks.append(Block(f"{'#' * level} `{lines[0].strip()}`", level))
            continue
        blocks.append(Block(inline(" ".join(line.strip() for line in lines))))
    return blocks


# --- sources -----------------------------------------------------------------


def topic_articles() -> list[Article]:
    from pydoc_data.topics import topics

    articles = []
    for key in sorted(topics):
        blocks = convert(topics[key], base=0)
        if not blocks or not blocks[0].heading:
            blocks.insert(0, Block(f"# {key}", 1))
        blocks.append(
            Block(
                f"See [the Python Language Reference](https://docs.python.org/3/reference/) "
                f"or run `help({key!r})` for this topic."
            )
        )
        articles.append(Article(key, blocks))
    return articles


def import_quietly(name: str) -> object | None:
    """Import a module, or None if it fails, prints or is one to skip."""
    if name.startswith("_") or name in SKIP_MODULES:
        return None
    output = io.StringIO()
    try:
        with (
            contextlib.redirect_stdout(output),
            contextlib.redirect_stderr(output),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            module = importlib.import_module(name)
    except BaseException:  # any failure just skips the module
        return None
    return None if output.getvalue() else module


def docstring(obj: object) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # typing.io and friends warn on any access
        doc = getattr(obj, "__doc__", None)
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def public_members(namespace: object, module_name: str) -> list[tuple[str, object]]:
    members: list[tuple[str, object]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, obj in sorted(vars(namespace).items()):
            if name.startswith("_") or getattr(obj, "__module__", module_name) != module_name:
                continue
            if inspect.isclass(obj) or inspect.isroutine(obj) or isinstance(obj, property):
                members.append((name, obj))
    return members


def module_article(name: str, module: object) -> Article:
    article = Article(name, [Block(f"# The `{name}` module", 1)])
    article.blocks += convert(docstring(module), base=1)
    for member_name, member in public_members(module, name):
        doc = docstring(member)
        methods = public_members(member, name) if inspect.isclass(member) else []
        if not doc and not methods:
            continue
        call = "()" if inspect.isroutine(member) else ""
        article.blocks.append(Block(f"## `{name}.{member_name}{call}`", 2))
        article.blocks += convert(doc, base=2)
        for method_name, method in methods:
            if doc := docstring(method):
                article.blocks.append(Block(f"### `{member_name}.{method_name}`", 3))
                article.blocks += convert(doc, base=3)
    article.blocks.append(
        Block(
            f"Read more in [the `{name}` documentation](https://docs.python.org/3/library/{name}.html)."
        )
    )
    return article


def module_articles() -> list[Article]:
    articles = []
    for name in sorted(sys.stdlib_module_names):
        module = import_quietly(name)
        if module is not None:
            articles.append(module_article(name, module))
    return articles


# --- files -------------------------------------------------------------------


def words(text: str) -> int:
    return len(text.split())


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def pack(articles: list[Article]) -> list[tuple[str, str]]:
    """Pack articles into (file name, Markdown) pairs of about 2,000–5,000 words."""
    files: list[tuple[str, list[str]]] = []
    count = HARD_MAX_WORDS  # forces a first file
    for article in articles:
        for i, block in enumerate(article.blocks):
            if (
                (count >= TARGET_WORDS and block.heading == 1)
                or (count >= SOFT_MAX_WORDS and block.heading)
                or count >= HARD_MAX_WORDS
            ):
                files.append((f"{len(files) + 1:03d}-{slug(article.title)}.md", []))
                count = 0
                if i > 0:  # the article goes on in a new file: repeat its title
                    title = f"{article.blocks[0].text} (continued)"
                    files[-1][1].append(title)
                    count += words(title)
            files[-1][1].append(block.text)
            count += words(block.text)
    if len(files) > 1 and sum(words(text) for text in files[-1][1]) < TARGET_WORDS // 2:
        files[-2][1].extend(files.pop()[1])  # no stub file at the end
    return [(name, "\n\n".join(texts) + "\n") for name, texts in files]


def generate(folder: Path) -> tuple[int, int]:
    """Write the corpus into folder; return (files, words)."""
    documents = pack(topic_articles() + module_articles())
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("[0-9][0-9][0-9]-*.md"):
        old.unlink()
    for name, text in documents:
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
    return len(documents), sum(words(text) for _, text in documents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_DIR,
        help=f"target folder (default: {DEFAULT_DIR})",
    )
    args = parser.parse_args(argv)
    files, total = generate(args.folder)
    print(f"{total:,} words in {files} files in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
