#!/usr/bin/env python3
"""Build the clean-prose corpus in ``tests/corpus/clean/`` from Python's own docs.

The corpus is running English prose that the house-style rule pack must
(almost) never flag.  Its text comes, unedited, from two sources that ship
with every CPython installation (PSF License):

* ``pydoc_data.topics.topics``: plain-text renderings of sections of the
  Python Language Reference and Library Reference, as shown by ``help()``;
* the docstrings of a fixed list of standard-library modules (see
  ``GROUPS``) and of their public classes, functions, methods and
  properties.

Selection rules, applied to every blank-line-separated block of a source
text.  A block is kept only when all of them hold; nothing is ever
reworded, and a block is either kept whole or dropped whole.

1. No line of the block is indented.  Indented lines are code samples,
   notes, argument descriptions or list continuations.
2. No line is a bullet or enumerated list item, a doctest (``>>>`` or
   ``...``), a reST directive (``.. x::``), a field (``:param x:``), a
   heading underline or rubric, a table row, a footnote body or a
   ``name -- description`` argument entry; and no line but the last ends
   with a colon (``Args:``, ``Example::`` and the like introduce lists or
   code).
3. The block contains no URL, no e-mail address and no note to
   maintainers (``XXX``, ``TODO``, ``FIXME``).
4. The hard-wrapped lines are joined with single spaces (a word that the
   wrapping split at its hyphen, ``post-`` + ``mortem``, is mended), and
   runs of spaces (two after a full stop in the sources) are collapsed.
5. Light inline markup is reduced to its words: ``:role:`text``` becomes
   ``text``, ````text```` and ```text``` become ``text``, ``*text*`` and
   ``**text**`` become ``text``, footnote references such as ``[1]`` are
   removed, and in ``pydoc_data`` (which renders literals as straight-quoted
   ``"text"``) the quotes around a one-word literal are removed.  More than
   ``MAX_MARKUP`` such spans, a straight-quoted literal that is not a single
   word (``","``, ``""``), or markup that cannot be reduced cleanly drops
   the block: the words would read awkwardly without their markup.
6. After step 5 no token looks like code: no underscores, brackets, braces,
   operators, backslashes or backticks in a word, no calls (``f()``), no
   straight-quoted single words (``'dest'``), no dotted names (``os.path``;
   abbreviations such as ``e.g.`` and version numbers are fine), no
   camelCase, no numeric literals (``0x1f``, ``77e10``), no command-line
   options (``--verbose``), and none of the ``BARE_IDENTIFIERS`` that the
   docstrings use as if they were words (``kwargs``, ``failobj``).
7. The block reads as whole sentences: it starts with a capital letter (or
   an opening quotation mark or parenthesis followed by one), ends with
   ``.``, ``?`` or ``!`` (optionally followed by a closing quotation mark or
   parenthesis), has no sentence starting in lower case (a sign of a
   stripped literal such as ``try``), has at least two sentences and at
   least 20 words, and is not mostly capitals (licence boilerplate).
8. A paragraph already emitted (by any source) is not emitted again, and
   the few paragraphs on the ``HAND_EXCLUDED`` list, which passed every
   rule but have a slip a copy editor would fix (``which result`` for
   ``whose result``, a comma splice), are dropped.

Inputs are read in a fixed order (the ``GROUPS`` table, then members sorted
by name) and there is no randomness, so the output is a pure function of
the interpreter's standard library.  The committed files were built with
CPython 3.11; other versions have different docstrings, so the script
refuses to run elsewhere unless ``--any-python`` is given.

Usage::

    python tests/corpus/build_clean_corpus.py            # rewrite the files
    python tests/corpus/build_clean_corpus.py --check    # exit 1 if stale
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from types import ModuleType

#: CPython minor version the committed corpus was generated with.
SOURCE_PYTHON = (3, 11)

#: Where the corpus files are written.
OUT_DIR = Path(__file__).resolve().parent / "clean"

#: Output file -> standard-library modules whose docstrings feed it.  The
#: special name ``pydoc_data.topics`` means the reference-manual sections.
GROUPS: dict[str, tuple[str, ...]] = {
    "pydoc_topics.txt": ("pydoc_data.topics",),
    "stdlib_concurrency.txt": (
        "asyncio",
        "concurrent.futures",
        "subprocess",
        "threading",
    ),
    "stdlib_data.txt": (
        "collections",
        "dataclasses",
        "decimal",
        "functools",
        "itertools",
        "json",
        "typing",
    ),
    "stdlib_files_net.txt": (
        "email",
        "email.message",
        "email.policy",
        "email.utils",
        "http.client",
        "pathlib",
        "shutil",
        "tarfile",
        "urllib.parse",
        "urllib.request",
        "zipfile",
    ),
    "stdlib_tools.txt": (
        "argparse",
        "contextlib",
        "logging",
        "textwrap",
        "unittest",
    ),
}

#: Names that the docstrings use as bare words but that are code, not
#: English; a paragraph containing one (as a whole token) is dropped.
BARE_IDENTIFIERS = frozenset(
    {
        "args",
        "ctx",
        "dst",
        "Emin",
        "exceptioninfo",
        "failobj",
        "kwargs",
        "linesep",
        "num",
        "preferencelist",
        "reporthook",
        "requote",
        "self",
        "src",
        "stderr",
        "stdin",
        "stdout",
        "surrogateescaped",
        "targetpath",
        "testcase",
        "unquote",
        "urlopen",
    }
)

#: Paragraphs dropped by hand after review, keyed by their opening words,
#: because the original has a slip that a copy editor would fix.  The build
#: warns if an entry no longer matches anything.
HAND_EXCLUDED: dict[str, str] = {
    # standard-library docstrings
    "Get the high and low watermarks": "'positive number of bytes'",
    "If the optional symlinks flag is true": "'pointed by', 'added in the list'",
    "If the terminal size cannot be successfully queried": "'in fallback parameter'",
    "If there is only one argument, it must be": "'will be then converted'",
    "Put an item into the queue.": "'before adding item'",
    "Return a new path with the file suffix changed.": "'add given suffix'",
    "The argument may be a module, class, method, or function.": "'include also'",
    "The payload will either be a list object or a string.": "'Optional i returns'",
    "The predicate should be a callable which result": "'which result'",
    "Configured stream limit is used to check result.": "missing articles",
    # pydoc_data.topics (Language Reference)
    "Changed in version 3.2: Implement the Sequence ABC.": "fragments",
    "Deletion is recursively defined very similar": "'very similar', 'in full details'",
    "Dictionaries preserve insertion order": "comma splice before 'however'",
    "Python does not enforce these consistency rules.": "'an example for'",
    "The debugger supports aliases.": "'parameters which allows'",
    "The primary must evaluate to an object": "'The type and value produced is'",
    "The value of some objects can change.": "comma splice ', it is more subtle'",
}

MIN_SENTENCES = 2
#: A paragraph whose letters are more than this share capitals is shouting
#: (licence boilerplate), not running prose.
MAX_UPPERCASE_SHARE = 0.5
MIN_WORDS = 20
#: More inline-markup spans than this in one paragraph make it read awkwardly
#: once the markup is gone ("the operations or and and return").
MAX_MARKUP = 3

# --- rule 2: line shapes that mark a block as not prose --------------------

_BAD_LINE = re.compile(
    r"""^(?:
        [-*+\u2022]\s                 # bullet
      | \(?\d+[.)]\s                  # 1. or 1) or (1)
      | \(?[a-zA-Z][.)]\s             # a. or a)
      | >>>|\.\.\.                    # doctest
      | \.\.\s                        # reST directive or comment
      | :[^:\s][^:]*:(?:\s|$)         # reST field list
      | [=\-~^"'`#*+_.:]{3,}\s*$      # underline or rule
      | [+|]                          # table
      | \[\d+\]                       # footnote body
      | -\[.*\]-\s*$                  # pydoc rubric, e.g. -[ Footnotes ]-
      | \w+(?:\s*,\s*\w+)*\s+--\s     # "name -- description" argument list
    )""",
    re.VERBOSE,
)
_NOT_PROSE = re.compile(r"https?://|www\.|\w@\w|\bXXX\b|\bTODO\b|\bFIXME\b")

# --- rule 5: inline markup --------------------------------------------------

_ROLE = re.compile(r":(?:[\w-]+:)+`([^`]+)`")
_DOUBLE_LITERAL = re.compile(r"``([^`]+)``")
_SINGLE_LITERAL = re.compile(r"(?<![`\w])`([^`]+)`(?![`\w])")
_STRONG = re.compile(r"(?<![\w*])\*\*(\S(?:[^*]*\S)?)\*\*(?![\w*])")
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*]*\S)?)\*(?![\w*])")
_FOOTNOTE_REF = re.compile(r"\s?\[(?:\d+|#\w*|\*)\]_?")
_PYDOC_LITERAL = re.compile(r'"([^"]*)"')
_ONE_WORD = re.compile(r"[A-Za-z0-9][\w.]*(?:\(\))?")

# --- rule 6: code-looking tokens --------------------------------------------

# Curly quotes: \u201c \u201d (double), \u2018 \u2019 (single).
_OPENERS = '"\u201c\u2018('
_CLOSERS = '"\u201d\u2019)'
_EDGE_PUNCT = "\"'\u201c\u201d\u2018\u2019([{)]}.,;:!?"
_CODE_CHARS = re.compile(r"[_()\[\]{}=<>\\|@#$^~`*+&]")
_DOTTED = re.compile(r"\w\.\w")
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}")
_VERSION = re.compile(r"\d+(?:\.\d+)+")
_CAMEL = re.compile(r"[a-z][A-Z]")
_OPTION = re.compile(r"^--?\w")
_PERCENT_OK = re.compile(r"\d+%")
_NUMERIC_LITERAL = re.compile(r"\d[A-Za-z]+\d|^0\d|^\d+[jJ]$|^0[xXoObB]")
_SLASHED_WORDS = re.compile(r"[A-Za-z]+(?:/[A-Za-z]+)+")
_CALL_OR_INDEX = re.compile(r"\w[(\[]|\(\)")
# A straight-quoted single word in a docstring is an identifier: 'dest'.
_QUOTED_WORD = re.compile(r"""^\(?(['"])[^'"\s]+\1""")

# --- rule 7: sentences --------------------------------------------------------

_START = re.compile(f"^[{_OPENERS}]?[A-Z]")
_END = re.compile(f"[.?!][{_CLOSERS}]?$")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "Mr.", "Dr.", "No.")
_LOWERCASE_SENTENCE = re.compile(rf"[.?!][{_CLOSERS}]?\s+[a-z]")
_WRAPPED_HYPHEN = re.compile(r"[A-Za-z]-$")
_SENTENCE_BREAK = re.compile(rf"(?<=[.?!])[{_CLOSERS}]?\s+(?=[{_OPENERS}]?[A-Z0-9])")


@dataclass(frozen=True)
class Source:
    """One text to select paragraphs from."""

    name: str
    text: str
    pydoc_rendered: bool = False


def docstring(obj: object) -> str | None:
    """Return ``obj``'s own docstring, cleaned, or None (no inheritance)."""
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str) or not doc.strip():
        return None
    return inspect.cleandoc(doc)


def _belongs(obj: object, module: ModuleType) -> bool:
    """True if ``obj`` was defined in ``module`` or one of its submodules."""
    owner = getattr(obj, "__module__", None)
    if not isinstance(owner, str):
        return False
    name = module.__name__
    if owner == name or owner.startswith(name + "."):
        return True
    # C accelerators (``_decimal``, ``_json``...) stand in for the module.
    return owner.lstrip("_") == name.lstrip("_")


def _is_documented_member(value: object) -> bool:
    return inspect.isclass(value) or inspect.isroutine(value) or isinstance(value, property)


def module_sources(module_name: str) -> Iterator[Source]:
    """Yield the module docstring, then its public members' docstrings."""
    module = importlib.import_module(module_name)
    seen: set[int] = set()

    def visit(label: str, obj: object, depth: int) -> Iterator[Source]:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        doc = docstring(obj)
        if doc is not None:
            yield Source(label, doc)
        if depth >= 2 or not (inspect.ismodule(obj) or inspect.isclass(obj)):
            return
        for name, value in sorted(vars(obj).items()):
            if name.startswith("_") or not _is_documented_member(value):
                continue
            if inspect.ismodule(obj) and not _belongs(value, module):
                continue
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            yield from visit(f"{label}.{name}", value, depth + 1)

    yield from visit(module_name, module, 0)


def pydoc_sources() -> Iterator[Source]:
    """Yield each reference-manual topic, sorted by key."""
    from pydoc_data.topics import topics

    for key in sorted(topics):
        yield Source(f"pydoc_data.topics[{key!r}]", topics[key], pydoc_rendered=True)


def blocks(text: str) -> Iterator[list[str]]:
    """Split ``text`` into blank-line-separated blocks of raw lines."""
    block: list[str] = []
    for line in text.expandtabs().splitlines():
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def _shape_ok(lines: list[str]) -> bool:
    """Rules 1 and 2."""
    for index, line in enumerate(lines):
        if line[0].isspace() or _BAD_LINE.match(line):
            return False
        if index < len(lines) - 1 and line.endswith(":"):
            return False
    return True


def _strip_pydoc_literal(match: re.Match[str]) -> str:
    inner = match.group(1)
    if not _ONE_WORD.fullmatch(inner):
        raise ValueError("literal is not a word")
    return inner


def strip_markup(text: str, pydoc_rendered: bool) -> str | None:
    """Rule 5: reduce light inline markup to words; None if it is awkward."""
    count = 0
    text, n = _ROLE.subn(lambda m: _role_text(m.group(1)), text)
    count += n
    for pattern in (_DOUBLE_LITERAL, _SINGLE_LITERAL, _STRONG, _EMPHASIS):
        text, n = pattern.subn(r"\1", text)
        count += n
    text = _FOOTNOTE_REF.sub("", text)
    if pydoc_rendered:
        try:
            text, n = _PYDOC_LITERAL.subn(_strip_pydoc_literal, text)
        except ValueError:
            return None
        count += n
    if count > MAX_MARKUP:
        return None
    if "`" in text or "**" in text or (pydoc_rendered and '"' in text):
        return None
    return text


def _role_text(target: str) -> str:
    """``Title <target>`` -> ``Title``; ``~a.b.c`` -> ``c``; ``!x`` -> ``x``."""
    titled = re.fullmatch(r"(.*?)\s*<[^>]*>", target)
    if titled:
        return titled.group(1)
    target = target.lstrip("!")
    if target.startswith("~"):
        return target[1:].rsplit(".", 1)[-1]
    return target


def is_code_token(token: str) -> bool:
    """Rule 6: does this whitespace-separated token look like code?"""
    if _CALL_OR_INDEX.search(token) or _QUOTED_WORD.search(token):
        return True
    word = token.strip(_EDGE_PUNCT)
    if not word:
        return False
    if _PERCENT_OK.fullmatch(word):
        return False
    if word in BARE_IDENTIFIERS:
        return True
    if _CODE_CHARS.search(word) or _CAMEL.search(word) or _OPTION.match(word):
        return True
    if _NUMERIC_LITERAL.search(word):
        return True
    if "%" in word or ("/" in word and not _SLASHED_WORDS.fullmatch(word)):
        return True
    if _DOTTED.search(word):
        bare = token.strip(_EDGE_PUNCT.replace(".", ""))
        return not (_ABBREVIATION.fullmatch(bare) or _VERSION.fullmatch(word))
    return False


def mask_abbreviations(text: str) -> str:
    """Hide the full stops of common abbreviations from sentence splitting."""
    for abbreviation in _ABBREVIATIONS:
        text = text.replace(abbreviation, abbreviation.replace(".", "\0"))
    return text


def count_sentences(text: str) -> int:
    """Rule 7: number of sentences, not splitting after common abbreviations."""
    return len(_SENTENCE_BREAK.split(mask_abbreviations(text)))


def join_lines(lines: list[str]) -> str:
    """Rule 4: join hard-wrapped lines; mend words wrapped at a hyphen."""
    text = ""
    for line in lines:
        line = line.strip()
        if _WRAPPED_HYPHEN.search(text) and line[:1].isalpha():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return re.sub(r"\s+", " ", text)


def select(source: Source) -> Iterator[str]:
    """Yield the paragraphs of ``source`` that pass every selection rule."""
    for lines in blocks(source.text):
        if not _shape_ok(lines):
            continue
        text = join_lines(lines)
        if _NOT_PROSE.search(text):
            continue
        stripped = strip_markup(text, source.pydoc_rendered)
        if stripped is None:
            continue
        text = re.sub(r"\s+", " ", stripped).strip()
        tokens = text.split()
        if len(tokens) < MIN_WORDS or any(is_code_token(t) for t in tokens):
            continue
        if not (_START.match(text) and _END.search(text)):
            continue
        letters = [c for c in text if c.isalpha()]
        if sum(c.isupper() for c in letters) > MAX_UPPERCASE_SHARE * len(letters):
            continue
        if _LOWERCASE_SENTENCE.search(mask_abbreviations(text)):
            continue
        if count_sentences(text) < MIN_SENTENCES:
            continue
        yield text


def sources_for(module_names: Iterable[str]) -> Iterator[Source]:
    for module_name in module_names:
        if module_name == "pydoc_data.topics":
            yield from pydoc_sources()
        else:
            yield from module_sources(module_name)


def hand_excluded(paragraph: str, used: set[str]) -> bool:
    """True if the paragraph is on the ``HAND_EXCLUDED`` list."""
    for opening in HAND_EXCLUDED:
        if paragraph.startswith(opening):
            used.add(opening)
            return True
    return False


def build() -> dict[str, str]:
    """Return the corpus as ``{file name: file text}``."""
    emitted: set[str] = set()
    used: set[str] = set()
    files: dict[str, str] = {}
    with warnings.catch_warnings():
        # typing.io and typing.re warn when their docstrings are read.
        warnings.simplefilter("ignore", DeprecationWarning)
        for file_name, module_names in GROUPS.items():
            paragraphs: list[str] = []
            for source in sources_for(module_names):
                for paragraph in select(source):
                    if paragraph in emitted or hand_excluded(paragraph, used):
                        continue
                    emitted.add(paragraph)
                    paragraphs.append(paragraph)
            files[file_name] = "\n\n".join(paragraphs) + "\n"
    for opening in sorted(set(HAND_EXCLUDED) - used):
        print(
            f"warning: HAND_EXCLUDED entry matched nothing: {opening!r}",
            file=sys.stderr,
        )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the clean-prose corpus from Python's own docs."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the files on disk differ from a rebuild",
    )
    parser.add_argument(
        "--any-python",
        action="store_true",
        help=f"run even if this is not CPython {SOURCE_PYTHON[0]}.{SOURCE_PYTHON[1]}",
    )
    args = parser.parse_args(argv)
    if sys.version_info[:2] != SOURCE_PYTHON and not args.any_python:
        print(
            f"error: the corpus is built from CPython {SOURCE_PYTHON[0]}."
            f"{SOURCE_PYTHON[1]} docstrings; this is {sys.version.split()[0]}"
            " (use --any-python to build anyway)",
            file=sys.stderr,
        )
        return 2

    files = build()
    stale = False
    total = 0
    for name, text in files.items():
        path = OUT_DIR / name
        words = len(text.split())
        total += words
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"stale: {path}")
                stale = True
        else:
            OUT_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{words:7d}  {name}")
    print(f"{total:7d}  total")
    if not args.check:
        expected = set(files)
        for extra in sorted(OUT_DIR.glob("*.txt")):
            if extra.name not in expected:
                print(f"note: {extra} is not produced by this script", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
