"""Build ``editor/data/spelling-variants.tsv``: British and American spellings
of the same word, from SCOWL's word lists as Debian packages them.

    apt-get download wbritish wamerican
    for f in w*.deb; do dpkg-deb -x "$f" dicts; done
    python tools/dialect/make_variants.py dicts/usr/share/dict > editor/data/spelling-variants.tsv

A pair is a word only the British list has and a word only the American list
has that one of the spelling families below turns into each other (colour /
color, centre / center, analyse / analyze, travelled / traveled, catalogue /
catalog, defence / defense, ...). A word both lists have ("program", "check",
"tire", "story") is a pair only when Harper's American dictionary rejects it
and its British one accepts it ("programme", "judgement"), or it has a
British-marked family ("travelled", "theatre", "fulfil"). Run it in the
project's environment: it asks harper-py.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: British → American, each tried at every place it occurs, up to two at once.
FAMILIES = (
    ("our", "or"),
    ("ise", "ize"),
    ("isi", "izi"),
    ("isa", "iza"),
    ("yse", "yze"),
    ("ysi", "yzi"),
    ("tre", "ter"),
    ("bre", "ber"),
    ("re", "er"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("ll", "l"),
    ("l", "ll"),
    ("ae", "e"),
    ("oe", "e"),
    ("mme", "m"),
    ("ou", "o"),
    ("se", "ce"),
    ("gue", "g"),
    ("que", "ck"),
    ("ey", "ay"),
    ("ough", "ow"),
    ("eable", "able"),
    ("dge", "dg"),
    ("nium", "num"),
    ("ei", "i"),
    ("tr", "ter"),
    ("oeu", "eu"),
    ("sc", "sk"),
    ("ph", "f"),
    ("llery", "lry"),
    ("augh", "af"),
    ("aero", "air"),
    ("ue", ""),
    ("tt", "t"),
    ("y", "i"),
    ("ke", "cu"),
    ("ya", "a"),
    ("gao", "jai"),
)


#: The families that also mark a word both lists accept as British, one change
#: at a time: "travelled", "grey", "theatre", "fulfil" are British spellings
#: an American list tolerates. Others are left out here because American
#: writing uses both forms ("catalogue", "aesthetic", "analyses" the noun).
MARKERS = (
    ("our", "or"),
    ("lle", "le"),
    ("lli", "li"),
    ("llo", "lo"),
    ("l", "ll"),
    ("tre", "ter"),
    ("bre", "ber"),
    ("ence", "ense"),
    ("ough", "ow"),
    ("grey", "gray"),
    ("dgement", "dgment"),
)

#: Spellings American writing uses as well, which the lists do not know, and
#: pairs that are two words ("analyses" is also a plural noun, "tilled" is
#: not "tiled"). Prefixes.
COMMON_IN_BOTH = (
    "glamour",
    "extol",
    "analyses",
    "paralyses",
    "dialyses",
    "flyer",
    "tilled",
    "tilling",
    "patinae",
    "slyer",
    "slyest",
    "gyb",
)


def variants(
    word: str, families: tuple[tuple[str, str], ...] = FAMILIES, depth: int = 2
) -> set[str]:
    found = {word}
    for _ in range(depth):
        for current in found.copy():
            for gb, us in families:
                at = current.find(gb)
                while at >= 0:
                    found.add(current[:at] + us + current[at + len(gb) :])
                    at = current.find(gb, at + 1)
    found.discard(word)
    return found


def words(path: Path) -> set[str]:
    return {
        w
        for w in path.read_text(encoding="utf-8").split()
        if w.isalpha() and w.islower() and w.isascii()
    }


def harper_british(candidates: list[str]) -> set[str]:
    """The words Harper's American dictionary rejects and its British one
    accepts: British spellings Harper would "correct" in an American text."""
    import harper

    def rejected(dialect: str) -> set[str]:
        linter = harper.Linter(harper.Dialect[dialect])
        config: dict[str, bool | None] = dict.fromkeys(linter.get_default_lint_config(), False)
        config["SpellCheck"] = True
        linter.set_lint_config(config)
        text = "\n\n".join(candidates)
        return {
            text[lint.span.start : lint.span.end]
            for lints in linter.organized_lints(text, language="plaintext").values()
            for lint in lints
        }

    return rejected("AMERICAN") - rejected("BRITISH")


def main(folder: str) -> None:
    british = words(Path(folder) / "british-english")
    american = words(Path(folder) / "american-english")
    gb_only, us_only = british - american, american - british
    # Words both lists accept that Harper takes for British ("programme",
    # "judgement", "licence", "practise"): any family may pair them.
    harpers = harper_british(sorted(british & american))
    pairs = []
    for gb in sorted(british):
        if gb.startswith(COMMON_IN_BOTH):
            continue
        if gb in gb_only:
            found = variants(gb)
        elif gb in harpers:
            found = variants(gb, FAMILIES, 1)
        else:
            found = variants(gb, MARKERS, 1)
        # An American word of its own first ("travelled" / "traveled": the
        # American list accepts both, the British one only the first); else,
        # for a British-only word, one both varieties spell alike ("metre" /
        # "meter", which is also a British word).
        matches = sorted(v for v in found if v in us_only)
        if not matches and (gb in gb_only or gb in harpers):
            matches = sorted(v for v in found if v in american)
        if len(matches) == 1:  # two candidates: not clearly one word
            us = matches[0]
            pairs.append(
                (gb, "gb" if gb in gb_only else "both", us, "us" if us in us_only else "both")
            )
    print("# British and American spellings of one word, generated by")
    print("# tools/dialect/make_variants.py from SCOWL's word lists (Debian's")
    print(
        "# wbritish and wamerican) and Harper's dialects. SCOWL is Copyright 2000-2011 Kevin Atkinson,"
    )
    print("# with permission to use, copy, modify, distribute and sell; see")
    print("# editor/data/SCOWL-COPYRIGHT.")
    print("# british<TAB>gb: only the British list has it | both: the American")
    print("# one accepts it too<TAB>american<TAB>us: only American | both")
    for gb, gb_kind, us, us_kind in pairs:
        print(f"{gb}\t{gb_kind}\t{us}\t{us_kind}")


if __name__ == "__main__":
    main(sys.argv[1])
