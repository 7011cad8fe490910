"""A seeded generator of Markdown and plain-text documents for the
differential tests against the real Vale (``test_vale_differential``).

The documents are built to hit the ``Differential`` style's rules often: its
words in every case, repeated words, acronyms with and without their
definition, headings of every level in every capitalisation, lists, tables,
code, quotes, links, images, comments, emoji and non-ASCII letters. The same
seed always gives the same documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["Doc", "corpus", "dictionary_words", "markdown", "plain_text"]

#: Everyday words the sentences are made of.
_COMMON = (
    "the a an and or but of to in on for with from by as at into over "
    "team reader writer page guide section example change file folder project "
    "setting value document sentence word list table heading note step result "
    "tool user code test build release version feature error warning message "
    "is are was were be has have had can should will would could must "
    "make use write read check run add remove update open close start stop "
    "clear short long new old good simple quick small large first last next "
    "always never often sometimes here there now then today again also only "
    "each every some many most this that these those it its they their we our you your"
)
COMMON = tuple(_COMMON.split())

#: Words and phrases the rules look for, as they appear in the rule files.
HOT_PHRASES = (
    *("utilize", "leverage", "basically", "obviously", "in order to", "Simply", "simply"),
    *("very", "TODO", "might be able to", "may possibly", "possibly", "just", "really"),
    *("quite", "e.g.", "i.e.", "etc.", "Quickly", "Italy", "Basically", "Finally", "set up"),
    *("setup", "log in", "login", "log in to", "log", "actually", "literally", "totally"),
    *("synergy", "paradigm", "café", "naïve", "résumé", "widget", "gadget", "gadgets"),
    *("gizmo", "Widget", "GADGET", "e-mail", "email", "web site", "alot", "in spite of"),
    *("javascript", "JavaScript", "Github", "GitHub", "OK", "okay", "utilise", "commence"),
    *("prior to", "re-enter", "re-open", "whitelist", "blacklist", "fairly easy"),
    *("really easy", "data base", "database", "Database", "howto", "setup guide", "advisor"),
    *("adviser", "center", "centre", "toward", "towards", "e-book", "ebook"),
)

NAMES = ("Ada", "Lovelace", "Zürich", "Markdown", "Python", "Linux", "Paris", "Vale")
ACRONYMS = ("GPU", "CPU", "RAM", "API", "HTML", "JSON", "URL", "NASA", "SDK", "XML", "TODO")
DEFINITIONS = (
    "Graphics Processing Unit (GPU)",
    "Central Processing Unit (CPU)",
    "Random Access Memory (RAM)",
    "Software Development Kit (SDK)",
    "Extensible Markup Language (XML)",
)
EMOJI = ("🎉", "✨", "🚀", "👍🏽", "☕")
ADVERBS = ("quickly", "slowly", "clearly", "simply", "really", "fairly", "nearly", "badly")

#: Words the generator writes besides those above (quotes, headings, asides).
OTHER = ("percent", "Using", "quoted", "single", "plain", "aside", "beta", "it's", "don't")
#: Words the generator writes that are not in the spelling dictionary.
MISSPELLED = ("recieve", "seperate", "definately", "occured", "teh")
#: Names the spelling rule accepts through its ``ignore`` file, not its dictionary.
IGNORED = ("Zürich", "Lovelace")


def dictionary_words() -> list[str]:
    """Every word a document may use in prose, less ``MISSPELLED`` and
    ``IGNORED``: the spelling rule's dictionary (``small.dic``)."""
    pieces = (*COMMON, *HOT_PHRASES, *NAMES, *ADVERBS, *DEFINITIONS, *OTHER)
    words = {w.strip(".,()") for piece in pieces for w in piece.split()}
    return sorted(
        w for w in words if w.replace("-", "").replace("'", "").isalpha() and w not in IGNORED
    )


@dataclass(frozen=True, slots=True)
class Doc:
    name: str
    text: str


def _case(rng: random.Random, phrase: str) -> str:
    """A phrase as written, in lower case, Title Case or UPPER CASE."""
    roll = rng.random()
    if roll < 0.55:
        return phrase
    if roll < 0.75:
        return phrase.lower()
    if roll < 0.9:
        return " ".join(w[:1].upper() + w[1:] for w in phrase.split(" "))
    return phrase.upper()


class _Writer:
    """Sentences, inline markup and blocks, drawn from one ``Random``."""

    def __init__(self, rng: random.Random, *, markdown: bool) -> None:
        self.rng = rng
        self.markdown = markdown

    # -- words and inline markup ------------------------------------------
    def word(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.62:
            return rng.choice(COMMON)
        if roll < 0.80:
            return _case(rng, rng.choice(HOT_PHRASES))
        if roll < 0.83:
            return rng.choice(NAMES)
        if roll < 0.86:
            return rng.choice(ACRONYMS)
        if roll < 0.88:
            return rng.choice(DEFINITIONS)
        if roll < 0.90:
            return rng.choice(ADVERBS)
        if roll < 0.91:
            return f"{rng.randint(1, 120)} percent"
        if roll < 0.935:
            return rng.choice(MISSPELLED)
        if roll < 0.95:
            return rng.choice(EMOJI)
        if roll < 0.97:
            repeated = rng.choice((*COMMON[:20], "very", "really", "widget"))
            return f"{repeated} {_case(rng, repeated)}"
        if self.markdown:
            return self.inline()
        return rng.choice(("“quoted”", "‘single’", '"plain"', "(aside)", "it's", "don't"))

    def inline(self) -> str:
        rng = self.rng
        inner = " ".join(self.rng.choice((*COMMON, *HOT_PHRASES)) for _ in range(rng.randint(1, 3)))
        kind = rng.randrange(9)
        if kind == 0:
            return f"`{rng.choice(HOT_PHRASES)}`"
        if kind == 1:
            return f"**{inner}**"
        if kind == 2:
            return f"*{inner}*"
        if kind == 3:
            return f"[{inner}](https://example.com/{rng.choice(COMMON)})"
        if kind == 4:
            return f"![{inner}](images/{rng.choice(COMMON)}.png)"
        if kind == 5:
            return f"<!-- {inner} -->"
        if kind == 6:
            return rng.choice(("“quoted”", "‘single’", '"plain"', "it’s", "don't"))
        if kind == 7:
            return f"_{inner}_"
        return f"<https://example.com/{rng.choice(COMMON)}>"

    def sentence(self, low: int = 3, high: int = 20) -> str:
        rng = self.rng
        words = [self.word() for _ in range(rng.randint(low, high))]
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words) + 1), rng.choice((",", ";", " -", "...")))
        text = " ".join(words).replace(" ,", ",").replace(" ;", ";")
        if rng.random() < 0.1:
            text = text.replace(" ", ",  ", 1)
        if rng.random() < 0.01:  # a no-break space: \s to Python, not to Vale
            at = text.rfind(" ")
            text = text if at < 0 else f"{text[:at]}\u00a0{text[at + 1 :]}"
        text = text[:1].upper() + text[1:]
        end = rng.choice((".", ".", ".", ".", "!", "?", "!!", "?!", "...", ":"))
        return text + end

    def sentences(self, count: int) -> str:
        return " ".join(self.sentence() for _ in range(count))

    def wrapped(self, text: str) -> str:
        """Soft line breaks, as hand-written Markdown has them."""
        if self.rng.random() < 0.6:
            return text
        words = text.split(" ")
        lines, line = [], ""
        width = self.rng.randint(30, 80)
        for word in words:
            if line and len(line) + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    # -- headings -----------------------------------------------------------
    def heading_text(self) -> str:
        rng = self.rng
        words = [
            self.word() if rng.random() < 0.5 else rng.choice(COMMON)
            for _ in range(rng.randint(1, 8))
        ]
        text = " ".join(words)
        style = rng.randrange(7)
        if style == 0:  # Title Case
            text = " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
        elif style == 1:  # Sentence case
            text = text[:1].upper() + text[1:]
        elif style == 2:
            text = text.upper()
        elif style == 3:
            text = text.lower()
        elif style == 4:
            text = f"{rng.randint(1, 12)}. {text[:1].upper()}{text[1:]}"
        elif style == 5:
            text = f"Using `{rng.choice(COMMON)}` with {text}"
        else:
            text = f"{text[:1].upper()}{text[1:]}: {rng.choice(COMMON)} {rng.choice(HOT_PHRASES)}"
        if rng.random() < 0.15:
            text += rng.choice(("?", " 🚀", " (beta)", " v2.0"))
        return text

    # -- Markdown blocks -----------------------------------------------------
    def md_heading(self, level: int | None = None) -> str:
        level = level or self.rng.randint(1, 6)
        text = self.heading_text()
        if self.rng.random() < 0.1 and level <= 2:
            return f"{text}\n{'=' if level == 1 else '-'}{'=-'[level - 1] * len(text)}"
        return f"{'#' * level} {text}"

    def md_paragraph(self) -> str:
        return self.wrapped(self.sentences(self.rng.randint(1, 4)))

    def md_list(self, depth: int = 0) -> str:
        rng = self.rng
        ordered = rng.random() < 0.4
        bullet = rng.choice("-*+")
        indent = "   " * depth if ordered else "  " * depth
        items = []
        for number in range(1, rng.randint(2, 5) + 1):
            marker = f"{number}." if ordered else bullet
            pad = " " * (len(marker) + 1)
            text = self.sentence(2, 12) if rng.random() < 0.7 else self.sentence(2, 6)[:-1]
            if rng.random() < 0.15:
                text = f"**{rng.choice(HOT_PHRASES)}**: {text}"
            item = f"{indent}{marker} {text}"
            if depth < 2 and rng.random() < 0.2:
                item += "\n" + self.md_list(depth + 1).replace("\n\n", "\n")
            elif rng.random() < 0.1:
                item += f"\n\n{indent}{pad}{self.sentence(3, 10)}"
            items.append(item)
        loose = rng.random() < 0.25
        return ("\n\n" if loose else "\n").join(items)

    def md_table(self) -> str:
        rng = self.rng
        columns = rng.randint(2, 4)

        def cell() -> str:
            roll = rng.random()
            if roll < 0.3:
                return _case(rng, rng.choice(HOT_PHRASES))
            if roll < 0.4:
                return f"`{rng.choice(COMMON)}`"
            if roll < 0.5:
                return str(rng.randint(0, 999))
            return " ".join(self.word() for _ in range(rng.randint(1, 5)))

        header = (
            "| "
            + " | ".join(_case(rng, rng.choice((*COMMON, *HOT_PHRASES))) for _ in range(columns))
            + " |"
        )
        rule = (
            "|" + "|".join(rng.choice(("---", ":--", "--:", ":-:")) for _ in range(columns)) + "|"
        )
        rows = [
            "| " + " | ".join(cell() for _ in range(columns)) + " |"
            for _ in range(rng.randint(1, 4))
        ]
        return "\n".join((header, rule, *rows))

    def md_code(self) -> str:
        rng = self.rng
        body = "\n".join(
            " ".join(rng.choice((*COMMON, *HOT_PHRASES)) for _ in range(rng.randint(1, 6)))
            for _ in range(rng.randint(1, 4))
        )
        kind = rng.randrange(3)
        if kind == 0:
            return f"```{rng.choice(('', 'python', 'json', 'text'))}\n{body}\n```"
        if kind == 1:
            return f"~~~\n{body}\n~~~"
        return "\n".join(f"    {line}" for line in body.splitlines())

    def md_quote(self) -> str:
        rng = self.rng
        parts = [self.wrapped(self.sentences(rng.randint(1, 3)))]
        if rng.random() < 0.3:
            parts.append(self.md_list())
        body = "\n\n".join(parts)
        return "\n".join(f"> {line}" if line else ">" for line in body.splitlines())

    def md_image(self) -> str:
        rng = self.rng
        alt = " ".join(self.word() for _ in range(rng.randint(1, 6)))
        return f"![{alt}](images/{rng.choice(COMMON)}.png)"

    def md_comment(self) -> str:
        return f"<!-- {self.sentence(2, 8)} -->"

    def md_html(self) -> str:
        rng = self.rng
        inner = self.sentence(2, 8)
        return rng.choice(
            (
                f"<details>\n<summary>{inner}</summary>\n\n{self.sentence()}\n\n</details>",
                f"<p>{inner}</p>",
                f"<div>\n{inner}\n</div>",
            )
        )

    def markdown_doc(self) -> str:
        rng = self.rng
        blocks: list[str] = []
        if rng.random() < 0.1:
            title = self.heading_text().replace("\\", "").replace('"', "")
            blocks.append(f'---\ntitle: "{title}"\ntags: [{rng.choice(ACRONYMS)}]\n---')
        blocks.append(self.md_heading(1))
        makers = (
            (self.md_paragraph, 30),
            (self.md_heading, 14),
            (self.md_list, 12),
            (self.md_table, 6),
            (self.md_code, 7),
            (self.md_quote, 6),
            (self.md_image, 4),
            (self.md_comment, 3),
            (self.md_html, 2),
            (lambda: rng.choice(("---", "* * *")), 2),
        )
        functions = [f for f, _ in makers]
        weights = [w for _, w in makers]
        blocks.extend(rng.choices(functions, weights)[0]() for _ in range(rng.randint(2, 9)))
        return "\n\n".join(blocks) + "\n"

    # -- plain text -------------------------------------------------------------
    def text_doc(self) -> str:
        rng = self.rng
        blocks: list[str] = []
        for _ in range(rng.randint(2, 10)):
            roll = rng.random()
            if roll < 0.2:
                blocks.append(self.heading_text())
            elif roll < 0.3:
                blocks.append(
                    "\n".join(f"- {self.sentence(2, 10)}" for _ in range(rng.randint(2, 4)))
                )
            else:
                blocks.append(self.wrapped(self.sentences(rng.randint(1, 5))))
        return "\n\n".join(blocks) + "\n"


def markdown(seed: int) -> str:
    """One Markdown document."""
    return _Writer(random.Random(seed), markdown=True).markdown_doc()


def plain_text(seed: int) -> str:
    """One plain-text document."""
    return _Writer(random.Random(seed), markdown=False).text_doc()


def corpus(count: int, seed: int = 0, *, text_share: float = 0.2) -> list[Doc]:
    """``count`` documents, about ``text_share`` of them ``.txt``, the rest ``.md``."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    for index in range(count):
        own = rng.randrange(2**32)
        if rng.random() < text_share:
            docs.append(Doc(f"doc{index:05d}.txt", plain_text(own)))
        else:
            docs.append(Doc(f"doc{index:05d}.md", markdown(own)))
    return docs
