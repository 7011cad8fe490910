"""Sentence case and title case as Vale 3.22 computes them (through the
``prose`` library's converters), and Vale's test of whether a heading
conforms.

Both converters take the rule's ``exceptions`` as a vocabulary: a word that
matches one keeps its own form. Title case needs one thing copydesk does not
have: AP style keeps "to" in lower case only when a part-of-speech tagger
reads the following token as a noun (the converter asks about the token at
the word's index among the tokenizer's words, which drifts from the word
after "to" once punctuation splits; that drift is reproduced). Here a
capitalised token counts as a noun (a tagger reads most capitalised words in
a heading as proper nouns) and a lower-case one does unless it is a common
verb or a function word; a heading where the tagger decides otherwise gets
the other "to".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from editor.checkers.style.editops import go_lower, go_title_rune, go_upper

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "Term",
    "conforms_sentence",
    "conforms_title",
    "recased",
    "sentence_case",
    "sentence_words",
    "title_case",
]

#: A word, as Vale's capitalization checks and the converters split text
#: (RE2's ``\s`` is ASCII whitespace).
WORD = r"[\p{N}\p{L}*]+[^\t\n\f\r ]*"
_FLAGS = regex.VERSION0
_WORD = regex.compile(WORD, _FLAGS)
_WORD_NOCASE = regex.compile(WORD, _FLAGS | regex.IGNORECASE)
#: How the title converter splits words: hyphens and slashes split too.
_TITLE_WORD = regex.compile(r"[\p{N}\p{L}]+[^\t\n\f\r \-/]*", _FLAGS)
_NUMBERED = regex.compile(r"[0-9]+\.", _FLAGS)
_SANITIZE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SMALL_WORDS = _word_set(
    """
    a an and as at but by en for if in nor of on or per the to vs vs. via v v.
    """
)
_PREPOSITIONS = _word_set(
    """
    with from into during including until against among throughout despite towards upon
    concerning about over through before between after since without under within along
    following across beyond around down near above
    """
)
#: Lower-case words after "to" that are not nouns (see the module docstring).
_NOT_NOUNS = _word_set(
    """
    a an the this that these those each every some any no all both either neither
    another such what which whose whom who how why when where whether i me you he him
    she her it we us they them my your his its our their mine yours ours theirs myself
    yourself itself ourselves themselves one someone anyone everyone something anything
    everything nothing nobody everybody not never also just only really even always
    often again then there here be is are was were been being have has had do does did
    can could will would shall should may might must and or but nor so yet if than as at
    by for from in into of on onto to up with about over under after before get make use
    go see take find build create install run write read learn start set add keep work
    help avoid improve know need want give show try call come look move play turn put
    bring begin stop change open close send receive follow leave meet pay buy sell grow
    lose win feel think say tell ask become remain understand explain configure deploy
    update upgrade manage connect enable disable remove delete save load test check fix
    debug edit format publish share support protect choose select apply define describe
    provide include access measure reduce increase prevent allow let contribute migrate
    integrate extend customize enhance port other new more most many much few several
    same different next last first second third best better good great big small large
    high low long short old young early late main full own real right left free whole
    """
)


@dataclass(frozen=True, slots=True)
class Term:
    """One vocabulary entry of a converter: ``text`` as Vale holds it (what a
    case-insensitive comparison sees) and ``pattern``, the same as a regular
    expression in ``regex`` syntax."""

    text: str
    pattern: str


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> regex.Pattern[str] | None:
    """A vocabulary term's pattern, compiled once (asked for every word of
    every heading, the regex module's own cache lookup was a fifth of a check)."""
    try:
        return regex.compile(pattern, _FLAGS)
    except regex.error:
        return None


def _in_vocab(word: str, vocab: Sequence[Term]) -> str:
    lower, upper = word.lower(), word.upper()
    for term in vocab:
        if term.text.lower() == lower or term.text.upper() == upper:
            return term.text
        compiled = _compiled(term.pattern)
        if compiled is None:
            continue
        try:
            if compiled.search(word, timeout=1.0):
                return word
        except TimeoutError:
            continue
    return ""


def _strip_prefix(text: str, prefix: str) -> tuple[str, str]:
    if not prefix:
        return "", text
    try:
        found = regex.search(prefix, text, _FLAGS, timeout=1.0)
    except (regex.error, TimeoutError):
        return "", text
    if found is None:
        return "", text
    cut = found.group()
    return (cut, text[len(cut) :]) if text.startswith(cut) else ("", text)


def _strict_title(word: str) -> str:
    return go_title_rune(word[:1]) + go_lower(word[1:])


def vale_indicator(suffixes: Sequence[str]) -> Callable[[str, int], bool]:
    """Vale's test of whether the word after ``word`` starts a sentence: it
    ends with one of the rule's ``indicators``, or it is the first word and
    holds a list number ("1.")."""
    ends = tuple(suffixes)

    def indicates(word: str, index: int) -> bool:
        if ends and word.endswith(ends):
            return True
        return index == 0 and _NUMBERED.search(word) is not None

    return indicates


#: The converter's own default, for ``edit: sentence``: a colon or a list number.
DEFAULT_INDICATOR = vale_indicator((":",))


def sentence_words(
    text: str,
    vocab: Sequence[Term] = (),
    indicator: Callable[[str, int], bool] = DEFAULT_INDICATOR,
    prefix: str = "",
) -> tuple[str, list[tuple[int, int, str]]]:
    """The prefix the converter keeps, and each word of the rest in sentence
    case, with its span in ``text``."""
    head, rest = _strip_prefix(text, prefix)
    pattern = _WORD_NOCASE
    if vocab:
        body = r"\b(?:" + "|".join(t.pattern for t in vocab) + r")\b|" + WORD
        pattern = regex.compile(body, _FLAGS | regex.IGNORECASE)
    found = list(pattern.finditer(rest, timeout=5.0))
    made: list[tuple[int, int, str]] = []
    for index, match in enumerate(found):
        token = match.group()
        entry = _in_vocab(token, vocab)
        if entry:
            form = entry
        elif index == 0 or indicator(found[index - 1].group(), index - 1):
            form = _strict_title(token)
        else:
            form = go_lower(token)
        made.append((len(head) + match.start(), len(head) + match.end(), form))
    return head, made


def sentence_case(
    text: str,
    vocab: Sequence[Term] = (),
    indicator: Callable[[str, int], bool] = DEFAULT_INDICATOR,
    prefix: str = "",
) -> str:
    """``text`` in sentence case, as the converter gives it: its words joined
    by single spaces (what lies between them is dropped)."""
    head, words = sentence_words(text, vocab, indicator, prefix)
    return head + " ".join(form for _, _, form in words)


def recased(text: str, words: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with each word replaced in place, everything between kept."""
    out: list[str] = []
    last = 0
    for start, end, form in words:
        out.extend((text[last:start], form))
        last = end
    out.append(text[last:])
    return "".join(out)


#: The treebank tokenizer's steps, in order (Go runs some from a map, in any
#: order; they rarely meet on one heading).
_TREEBANK_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.ASCII), replacement)
    for pattern, replacement in (
        (r"'([ (\[{<])\"", r"\1 `` "),
        (r'^(")', "``"),
        (r'( ")', " ``"),
        (r"(``)", r" \1 "),
        (r"([:,])([^\d])", r" \1 \2"),
        (r"\.\.\.", " ... "),
        (r"([^\.])(\.)([\]\)}>\"\']*)\s*$", r"\1 \2\3 "),
        (r"([^'])' ", r"\1 ' "),
        (r"([:,])$", r" \1 "),
        (r"([;@#$%&?!])", r" \1 "),
        (r"([\]\[\(\)\{\}\<\>])", r" \1 "),
        (r"--", " -- "),
    )
)
_TREEBANK_END: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.ASCII), replacement)
    for pattern, replacement in (
        (r'"', " '' "),
        (r"'(\S)(\'\')'", r"\1 \2 "),
        (r"([^' ])('[sS]|'[mM]|'[dD]|') ", r"\1 \2 "),
        (r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", r"\1 \2 "),
        (r"(?i)\b(can)(not)\b", r" \1 \2 "),
        (r"(?i)\b(d)('ye)\b", r" \1 \2 "),
        (r"(?i)\b(gim)(me)\b", r" \1 \2 "),
        (r"(?i)\b(gon)(na)\b", r" \1 \2 "),
        (r"(?i)\b(got)(ta)\b", r" \1 \2 "),
        (r"(?i)\b(lem)(me)\b", r" \1 \2 "),
        (r"(?i)\b(mor)('n)\b", r" \1 \2 "),
        (r"(?i)\b(wan)(na) ", r" \1 \2 "),
        (r"(?i) ('t)(is)\b", r" \1 \2 "),
        (r"(?i) ('t)(was)\b", r" \1 \2 "),
        (r"(?:\n|\n\r|\r)", " "),
        (r"(?: {2,})", " "),
    )
)


def treebank_tokens(text: str) -> list[str]:
    """A sentence split into words as the tagger the title converter asks
    sees them ("don't" is "do" and "n't", a comma is a word)."""
    for pattern, replacement in _TREEBANK_STEPS:
        text = pattern.sub(replacement, text)
    text = f" {text} "
    for pattern, replacement in _TREEBANK_END:
        text = pattern.sub(replacement, text)
    return text.strip().split(" ")


def _tagged_noun(token: str) -> bool:
    """A guess at whether the tagger reads ``token`` as a noun (see the module
    docstring): punctuation and "to" never are."""
    if not any(c.isalnum() for c in token) or token.lower() == "to":
        return False
    if token[:1].isupper():
        return True
    word = token.lower()
    return not (word in _NOT_NOUNS or word[:1].isdigit() or word.endswith("ly"))


def _char_at(data: bytes, index: int) -> int:
    return data[index] if 0 <= index < len(data) else 0


def title_case(text: str, style: str = "AP", vocab: Sequence[Term] = (), prefix: str = "") -> str:
    """``text`` in AP (the default) or Chicago title case.

    Positions are worked out in UTF-8 bytes of a copy with typographic
    punctuation made plain, as the converter does, so a curly quote inside a
    word moves them exactly as it moves the converter's.
    """
    head, text = _strip_prefix(text, prefix)
    plain = text.translate(_SANITIZE).encode("utf-8")
    end = len(plain)
    words = list(_TITLE_WORD.finditer(text))
    # The converter asks about the tag at the word's index among the
    # tokenizer's words, which drift from its own when punctuation splits.
    tags = treebank_tokens(text if text.endswith((".", "!", "?")) else text + ".")
    out: list[str] = []
    last = idx = 0
    for number, match in enumerate(words):
        word = match.group()
        found = plain.find(word.encode("utf-8"), max(idx, 0))
        position = found if found >= 0 else idx - 1
        extent = len(word)
        idx = position + extent
        bounding = position == 0 or idx == end
        small = go_lower(word)
        if style == "Chicago":
            ignore = not bounding and (small in _SMALL_WORDS or small in _PREPOSITIONS)
        elif small == "to" and number + 1 < len(tags):
            ignore = _tagged_noun(tags[number + 1])
        else:
            ignore = not bounding and small in _SMALL_WORDS
        before = _char_at(plain, position - 1)
        entry = _in_vocab(word, vocab)
        if entry:
            form = entry
        elif (
            ignore
            and before in b" -/"
            and _char_at(plain, position - 2) not in b":-"
            and (_char_at(plain, position + extent) != ord("-") or before == ord("-"))
        ):
            form = small
        else:
            form = go_title_rune(word[:1]) + word[1:]
        out.extend((text[last : match.start()], form))
        last = match.end()
    out.append(text[last:])
    return head + "".join(out)


def _words_in(exceptions: str) -> regex.Pattern[str]:
    if not exceptions:
        return _WORD
    return regex.compile(exceptions + "|" + WORD, _FLAGS)


def _excepted(exceptions: regex.Pattern[str] | None, word: str) -> bool:
    return exceptions is not None and exceptions.search(word) is not None


def conforms_title(
    text: str, expected: str, exceptions: regex.Pattern[str] | None, threshold: float
) -> bool:
    """Vale's ``$title`` test: enough words as title case has them (a word in
    capitals, or an exception, counts as conforming)."""
    split = _words_in(exceptions.pattern if exceptions is not None else "")
    wanted = split.findall(expected)
    count = words = 0
    for index, word in enumerate(split.findall(text)):
        if (
            index >= len(wanted)
            or word == wanted[index]
            or _excepted(exceptions, word)
            or word == go_upper(word)
        ):
            count += 1
        words += 1
    return words > 0 and count / words >= threshold


def conforms_sentence(
    text: str, expected: str, exceptions: regex.Pattern[str] | None, threshold: float
) -> bool:
    """Vale's ``$sentence`` test: enough words as sentence case has them, and
    a first word that is not wrongly cased (capitals do not pass)."""
    split = _words_in(exceptions.pattern if exceptions is not None else "")
    wanted = split.findall(expected)
    count = words = 0
    for index, word in enumerate(split.findall(text)):
        if index >= len(wanted) or word == wanted[index] or _excepted(exceptions, word):
            count += 1
        elif index == 0 and word != _go_strings_title(go_lower(word)):
            return False
        words += 1
    return words > 0 and count / words >= threshold


def _go_strings_title(word: str) -> str:
    """Go's deprecated ``strings.Title``: a rune after a separator is titled
    (ASCII punctuation separates, other punctuation does not)."""
    out: list[str] = []
    previous = " "
    for char in word:
        out.append(go_title_rune(char) if _separates(previous) else char)
        previous = char
    return "".join(out)


def _separates(char: str) -> bool:
    if ord(char) <= 0x7F:
        return not (char.isascii() and (char.isalnum() or char == "_"))
    if char.isalpha() or unicodedata.category(char) == "Nd":
        return False
    return char.isspace()
