"""The text operations of Vale's ``action: {name: edit}`` pipeline, its
``convert: simple`` and its ``matchcase`` re-casing, each written to give
what Vale 3.22 gives for the same matched text.

Go's string functions differ from Python's in small ways that show up in a
fix (``strings.Trim`` with an empty cut set trims nothing, ``ToUpper`` maps
one rune to one rune, ``\\s`` is ASCII), so those are spelled out here.
"""

from __future__ import annotations

import unicodedata

import regex

__all__ = [
    "camel",
    "capitalize_first",
    "dumb_punctuation",
    "go_lower",
    "go_title_rune",
    "go_upper",
    "kebab",
    "numbers_to_words",
    "pascal",
    "recase",
    "simple",
    "smart_punctuation",
    "snake",
    "squeeze",
    "to_ascii",
    "words_to_numbers",
]

#: Go's (RE2's) ``\s``: ASCII whitespace only.
GO_SPACE = "\t\n\f\r "
_SPACE_RUNS = regex.compile(r"[\t\n\f\r ]+")


def go_upper(text: str) -> str:
    """``strings.ToUpper``: rune by rune, a rune with no one-rune upper case kept."""
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


def go_lower(text: str) -> str:
    """``strings.ToLower``, rune by rune."""
    return "".join(lo if len(lo := c.lower()) == 1 else c for c in text)


def go_title_rune(char: str) -> str:
    """``unicode.ToTitle`` of one rune ("ǆ" → "ǅ", "a" → "A")."""
    titled = char.title()
    return titled if len(titled) == 1 else char


def capitalize_first(text: str) -> str:
    return go_upper(text[:1]) + text[1:]


def uncapitalize_first(text: str) -> str:
    return go_lower(text[:1]) + text[1:]


def squeeze(text: str) -> str:
    return _SPACE_RUNS.sub(" ", text)


def smart_punctuation(text: str) -> str:
    """Dashes, ellipses and curly quotes: a quote opens after a space or bracket."""
    text = text.replace("---", "—").replace("--", "–").replace("...", "…")
    out: list[str] = []
    previous = ""
    for index, char in enumerate(text):
        opens = index == 0 or previous.isspace() or previous in "([{<—–/"
        if char == '"':
            out.append("“" if opens else "”")
        elif char == "'":
            out.append("‘" if opens else "’")
        else:
            out.append(char)
        previous = char
    return "".join(out)


_DUMB = {
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "—": "---",
    "–": "--",
    "…": "...",
    "\u00a0": " ",
}


def dumb_punctuation(text: str) -> str:
    return "".join(_DUMB.get(c, c) for c in text)


_ASCII_LETTERS = {
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ß": "ss",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "Ð": "D",
}


def to_ascii(text: str) -> str:
    """Accents stripped, letters without a base form spelled out, quotes straightened."""
    text = "".join(_ASCII_LETTERS.get(c, c) for c in dumb_punctuation(text))
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)


# ---------------------------------------------------------------- numbers

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ("", "", *["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_SCALES = (
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
)
_IRREGULAR_ORDINALS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
_CARDINAL = regex.compile(r"^-?[0-9]+$")
_ORDINAL = regex.compile(r"(?i)^([0-9]+)(st|nd|rd|th)$")
#: Go's int64: a larger number is left as written.
_INT64 = 2**63


def _cardinal_words(n: int) -> str:
    if n < 0:
        return "minus " + _cardinal_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else "")
    if n < 1000:
        rest = f" {_cardinal_words(n % 100)}" if n % 100 else ""
        return f"{_ONES[n // 100]} hundred{rest}"
    for value, name in _SCALES:
        if n >= value:
            rest = f" {_cardinal_words(n % value)}" if n % value else ""
            return f"{_cardinal_words(n // value)} {name}{rest}"
    return str(n)


def _ordinal_word(word: str) -> str:
    if word in _IRREGULAR_ORDINALS:
        return _IRREGULAR_ORDINALS[word]
    return word[:-1] + "ieth" if word.endswith("y") else word + "th"


def numbers_to_words(text: str) -> str:
    """``21`` → "twenty-one", ``21st`` → "twenty-first"; anything else as it is."""
    plain = text.replace(",", "")
    if _CARDINAL.match(plain) and abs(int(plain)) < _INT64:
        return _cardinal_words(int(plain))
    if (found := _ORDINAL.match(plain)) and int(found.group(1)) < _INT64:
        words = _cardinal_words(int(found.group(1)))
        cut = max(words.rfind(" "), words.rfind("-"))
        return words[: cut + 1] + _ordinal_word(words[cut + 1 :])
    return text


def _number_words() -> dict[str, tuple[int, bool]]:
    words: dict[str, tuple[int, bool]] = {}

    def add(word: str, value: int) -> None:
        words[word] = (value, False)
        words[_ordinal_word(word)] = (value, True)

    for value, word in enumerate(_ONES):
        add(word, value)
    for value, word in enumerate(_TENS):
        if word:
            add(word, value * 10)
    add("hundred", 100)
    for value, word in _SCALES:
        add(word, value)
    return words


_NUMBER_WORDS = _number_words()


def _ordinal_suffix(n: int) -> str:
    n = abs(n)
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def words_to_numbers(text: str) -> str:
    """ "twenty-one" → ``21``, "twenty-first" → ``21st``; anything else as it is."""
    fields = [f for f in regex.split(r"[ -]", go_lower(text)) if f]
    if not fields:
        return text
    total = current = 0
    negative = ordinal = False
    for index, field in enumerate(fields):
        if field == "and":
            continue
        if field == "minus" and index == 0:
            negative = True
            continue
        word = _NUMBER_WORDS.get(field)
        if word is None or (ordinal and not word[1]):
            return text
        value, is_ordinal = word
        if is_ordinal:
            if index != len(fields) - 1:
                return text
            ordinal = True
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    n = -(total + current) if negative else total + current
    return f"{n}{_ordinal_suffix(n)}" if ordinal else str(n)


# ---------------------------------------------------------------- word cases


def _remove_case(text: str, separator: str, *, upper: bool) -> str:
    """prose's ``removeCase``: words split at non-alphanumerics and at a
    lower-to-upper change, joined with ``separator``, in one case."""
    out: list[str] = []
    old = " "
    position = 0  # Go ranges over bytes: ``i > 1`` is a byte offset
    for char in text:
        alpha = char.isalpha() or unicodedata.category(char).startswith("N")
        changes = position > 1 and old.islower() and char.isupper()
        if changes or not alpha or (char.isspace() and char != " "):
            out.append(" ")
        if alpha or char == " ":
            out.append(go_upper(char) if upper else go_lower(char))
        old = char
        position += len(char.encode("utf-8"))
    return regex.sub(" +", separator, "".join(out).strip(" \t\n\v\f\r\x85\xa0"))


def simple(text: str) -> str:
    """Space-separated lower case (``convert: simple``, ``edit: simple``)."""
    return _remove_case(text, " ", upper=False)


def kebab(text: str) -> str:
    return _remove_case(text, "-", upper=False)


def snake(text: str) -> str:
    return _remove_case(text, "_", upper=False)


def pascal(text: str) -> str:
    out: list[str] = []
    was_space = False
    for index, char in enumerate(_remove_case(text, " ", upper=False)):
        if index == 0 or was_space:
            char = go_upper(char)
        was_space = char == " "
        if not was_space:
            out.append(char)
    return "".join(out)


def camel(text: str) -> str:
    first = next((c for c in text if c.isalpha() or unicodedata.category(c)[0] == "N"), " ")
    body = pascal(text)
    if len(body.encode("utf-8")) > 1:
        return (go_lower(first) + body[1:]).strip()
    return text


# ---------------------------------------------------------------- matchcase

_LOWER, _UPPER, _TITLE, _NONE = "lower", "upper", "title", "none"


def _case_of(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return _NONE
    upper = sum(1 for c in letters if c.isupper())
    lower = sum(1 for c in letters if c.islower())
    if upper == 0:
        return _LOWER
    if lower == 0:
        return _TITLE if len(letters) == 1 else _UPPER
    if letters[0].isupper() and upper == 1:
        return _TITLE
    return _NONE


def _words(text: str) -> tuple[list[str], list[str]]:
    """Runs of letters (an apostrophe between letters included) and the
    separators around them: one more separator than words."""
    words: list[str] = []
    separators: list[str] = []
    word: list[str] = []
    gap: list[str] = []
    for index, char in enumerate(text):
        inside = (
            char in "'’"
            and 0 < index < len(text) - 1
            and text[index - 1].isalpha()
            and text[index + 1].isalpha()
        )
        if char.isalpha() or inside:
            if gap or not word:
                separators.append("".join(gap))
                gap = []
            word.append(char)
            continue
        if word:
            words.append("".join(word))
            word = []
        gap.append(char)
    if word:
        words.append("".join(word))
    separators.append("".join(gap))
    return words, separators


def _apply_case(case: str, word: str) -> str:
    if case == _LOWER:
        return go_lower(word)
    if case == _UPPER:
        return go_upper(word)
    if case == _TITLE:
        return capitalize_first(go_lower(word))
    return word


def _all_title(text: str) -> bool:
    words, _ = _words(text)
    return len(words) >= 2 and all(_case_of(w) == _TITLE for w in words)


def _match_wordwise(replacement: str, observed: str) -> str | None:
    new, separators = _words(replacement)
    old, _ = _words(observed)
    if not new or not old:
        return None
    head = 0
    while head < len(new) and head < len(old) and new[head].lower() == old[head].lower():
        head += 1
    tail = 0
    while (
        tail < len(new) - head
        and tail < len(old) - head
        and new[len(new) - 1 - tail].lower() == old[len(old) - 1 - tail].lower()
    ):
        tail += 1
    middle = old[head : len(old) - tail]
    case = _case_of(" ".join(middle))
    if not middle:
        if tail > 0:
            case = _case_of(old[len(old) - tail])
        elif head > 0:
            case = _case_of(old[head - 1])
    per_word = case == _TITLE and _all_title(" ".join(middle))
    out: list[str] = []
    first_in_middle = True
    for index, word in enumerate(new):
        out.append(separators[index])
        this = case
        if index < head:
            this = _case_of(old[index])
        elif index >= len(new) - tail:
            this = _case_of(old[len(old) - (len(new) - index)])
        in_middle = head <= index < len(new) - tail
        if this == _TITLE and in_middle and not per_word and not first_in_middle:
            this = _LOWER
        if in_middle:
            first_in_middle = False
        out.append(_apply_case(this, word))
    out.append(separators[len(new)])
    return "".join(out)


def match_case(replacement: str, observed: str) -> str:
    """Vale's ``matchcase``: the replacement in the case of the text it replaces."""
    wordwise = _match_wordwise(replacement, observed)
    if wordwise is not None:
        return wordwise
    return _apply_case(_case_of(observed), replacement)


def recase(params: tuple[str, ...], observed: str) -> tuple[str, ...]:
    return tuple(match_case(p, observed) for p in params)


def go_equal_fold(first: str, second: str) -> bool:
    """Go's ``strings.EqualFold``: rune by rune, under simple case folding."""
    if len(first) != len(second):
        return False
    for a, b in zip(first, second, strict=True):
        if a == b:
            continue
        lowered = (a.lower(), b.lower())
        raised = (a.upper(), b.upper())
        if not (
            (len(lowered[0]) == 1 and lowered[0] == lowered[1])
            or (len(raised[0]) == 1 and raised[0] == raised[1])
        ):
            return False
    return True
