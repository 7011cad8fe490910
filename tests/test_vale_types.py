"""Vale's measuring and dictionary rule types against the real Vale:
``readability``, ``metric``, ``spelling``; ``sequence`` and ``script`` load
and are skipped with one notice each.

Each case writes a rule, a document and a ``.vale.ini`` into a temporary
folder, runs Vale there and compares its lines with copydesk's findings,
rendered the same way.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from vale_oracle import need_vale, vale_lines

from editor.checkers.style import StyleChecker, load_rules
from editor.checkers.style.counts import count_text, syllables
from editor.checkers.style.formula import FormulaError, parse
from editor.checkers.style.spelling import Spelling, default_dictionary
from editor.document import load_path
from editor.errors import RuleError

FIXTURES = Path(__file__).resolve().parent / "vale" / "types"


def write_style(folder: Path, rules: dict[str, str], document: str, name: str = "doc.md") -> Path:
    """A Vale project: ``styles/X/<Rule>.yml`` for each rule, and the document."""
    (folder / "styles" / "X").mkdir(parents=True, exist_ok=True)
    (folder / ".vale.ini").write_text(
        "StylesPath = styles\n\n[*.md]\nBasedOnStyles = X\n", encoding="utf-8"
    )
    for rule, body in rules.items():
        (folder / "styles" / "X" / f"{rule}.yml").write_text(body, encoding="utf-8")
    path = folder / name
    path.write_text(document, encoding="utf-8")
    return path


def ours(folder: Path, name: str = "doc.md", accepted: tuple[str, ...] = ()) -> list[str]:
    """copydesk's findings as ``vale --output=line --sort`` prints them."""
    loaded = load_rules([folder / "styles" / "X"])
    assert not loaded.errors, loaded.errors
    rules = [r.accepting(accepted) if isinstance(r, Spelling) else r for r in loaded.rules]
    result = StyleChecker(rules).check(load_path(folder / name))
    ordered = sorted(result.suggestions, key=lambda s: (s.line, s.column, s.rule))
    return [f"{name}:{s.line}:{s.column}:{s.rule}:{s.message}" for s in ordered]


def same_as_vale(folder: Path, rules: dict[str, str], document: str) -> list[str]:
    need_vale()
    write_style(folder, rules, document)
    expected = vale_lines(folder, "doc.md")
    assert ours(folder) == expected
    return expected


PROSE = (FIXTURES / "prose.md").read_text(encoding="utf-8")

# --------------------------------------------------------------------------
# The counts themselves.


WORDS = str.split(
    "cat readability people beautiful documentation unhappiness a creative shoreline "
    "organization extraordinarily business anti-pattern misconfigured troubleshooting "
    "reliability biology microservices overengineered carefully dangerous poem science "
    "idea create priorities architecture whereabouts unusual théâtre naïve can't 2024 "
    "rhythm queue evaluation questionnaire Washington youthfulness situation coyote"
)


def test_syllables_match_vale(tmp_path: Path) -> None:
    """One file per word, one Vale run: each file's syllable count."""
    need_vale()
    rule = "extends: metric\nmessage: '%s'\nformula: syllables\ncondition: '> 0'\n"
    write_style(tmp_path, {"S": rule}, "")
    (tmp_path / "doc.md").unlink()
    (tmp_path / "w").mkdir()
    for index, word in enumerate(WORDS):
        (tmp_path / "w" / f"{index:02}.md").write_text(word + "\n", encoding="utf-8")
    expected = vale_lines(tmp_path, "w")
    got = [f"w/{i:02}.md:1:1:X.S:{syllables(w):.2f}" for i, w in enumerate(WORDS)]
    assert got == expected


def test_counts_split_paragraphs_sentences_and_words() -> None:
    counts = count_text("Mr. Smith went to Washington. He said no.\n\nIt costs 3.5 dollars.")
    assert (counts.sentences, counts.words) == (3.0, 13.0)


@pytest.mark.parametrize(
    "text",
    [
        "Hello world. this is lower.",
        "Mr. Smith went to Washington. He said no.",
        "See Fig. 3 for details. Then go.",
        "The U.S. Army is big. OK.",
        "Wait... what? No!",
        'He said "stop." Then left.',
        "Version 2. Next thing.",
        "(This is in parens.) And more.",
        "Hello world.Next one is here.",
        "An e.g. example, i.e. another one.",
    ],
)
def test_document_counts_match_vale(tmp_path: Path, text: str) -> None:
    rules = {
        name: f"extends: metric\nmessage: '{name}=%s'\nformula: {name}\ncondition: '> 0'\n"
        for name in ("words", "sentences", "syllables", "characters", "long_words")
    }
    same_as_vale(tmp_path, rules, text + "\n")


# --------------------------------------------------------------------------
# readability


@pytest.mark.parametrize(
    ("metrics", "grade"),
    [
        ("[Flesch-Kincaid]", 8),
        ("[Gunning Fog]", 10),
        ("[Coleman-Liau]", 9),
        ("[SMOG]", 10),
        ("[Automated Readability]", 8),
        ("[Flesch-Kincaid, Gunning Fog, SMOG]", 9),
        ("[Flesch-Kincaid]", 40),
    ],
)
def test_readability_matches_vale(tmp_path: Path, metrics: str, grade: int) -> None:
    rule = f"extends: readability\nmessage: 'Grade %s is too hard.'\nlevel: warning\nmetrics: {metrics}\ngrade: {grade}\n"
    same_as_vale(tmp_path, {"Grade": rule}, PROSE)


def test_readability_reports_at_the_start_even_after_front_matter(tmp_path: Path) -> None:
    rule = "extends: readability\nmessage: '%s'\nmetrics: [Coleman-Liau]\ngrade: 1\n"
    lines = same_as_vale(tmp_path, {"Grade": rule}, "---\ntitle: T\n---\n\n" + PROSE)
    assert lines
    assert lines[0].startswith("doc.md:1:1:X.Grade:")


def test_readability_of_headings_alone(tmp_path: Path) -> None:
    rule = "extends: readability\nmessage: '%s'\nmetrics: [Automated Readability]\ngrade: 0\nscope: heading\n"
    same_as_vale(
        tmp_path, {"Grade": rule}, "# Extraordinarily complicated heading\n\nText.\n\n## Short\n"
    )


# --------------------------------------------------------------------------
# metric


@pytest.mark.parametrize(
    ("formula", "condition"),
    [
        ("(words / sentences)", "> 10"),
        ("(syllables * 1.0) / words", ">= 1.2"),
        ("(complex_words + polysyllabic_words) / words * 100", "> 5"),
        ("math.sqrt(words) + 2", "< 100"),
        ("heading.h1 + heading.h2 * 10 + list * 100", "!= 0"),
        ("pre", "== 1"),
        ("paragraphs + 0", "> 1"),
        ("7 / 2 + words - words", "== 3"),
        ("-(long_words) * -1", "> 0 && words > 0"),
    ],
)
def test_metric_matches_vale(tmp_path: Path, formula: str, condition: str) -> None:
    rule = (
        f"extends: metric\nmessage: 'Value %s.'\nformula: '{formula}'\ncondition: '{condition}'\n"
    )
    same_as_vale(tmp_path, {"M": rule}, PROSE)


def test_metric_on_an_empty_document_reports_nothing(tmp_path: Path) -> None:
    rule = "extends: metric\nmessage: '%s'\nformula: words\ncondition: '>= 0'\n"
    assert same_as_vale(tmp_path, {"M": rule}, "```\ncode only\n```\n") == []


def test_formula_never_runs_python() -> None:
    with pytest.raises(FormulaError):
        parse("__import__('os').system('true')")
    with pytest.raises(FormulaError):
        parse("words; words")
    assert parse("2 * (3 + 4) - 10 / 4").evaluate({}) == 12
    assert parse("2.0 * words").evaluate({"words": 3.0}) == 6.0


@pytest.mark.parametrize(
    ("body", "key", "reason"),
    [
        ("formula: words +\ncondition: '> 1'\n", "formula", "ends too soon"),
        ("formula: nouns\ncondition: '> 1'\n", "formula", "unknown variable 'nouns'"),
        ("formula: words\ncondition: '> x'\n", "condition", "unknown variable 'x'"),
        ("formula: words\n", "condition", "missing"),
    ],
)
def test_bad_metric_rules_name_the_key(tmp_path: Path, body: str, key: str, reason: str) -> None:
    path = tmp_path / "X" / "M.yml"
    path.parent.mkdir()
    path.write_text(f"extends: metric\nmessage: '%s'\n{body}", encoding="utf-8")
    loaded = load_rules([path])
    (error,) = loaded.errors
    assert isinstance(error, RuleError)
    assert error.key == key
    assert reason in str(error)
    assert str(path) in str(error)


# --------------------------------------------------------------------------
# spelling

DICTIONARIES = FIXTURES / "dictionaries"

SPELLED = """\
# Spell the wrods in a heading

The quick fox jumpes over the lazy desk. Every tool's documment is read with Vale.

- Configureing the checker, use `misspelt code` and [a linkk](https://exmaple.com).
- CamelCase, HTTP, x86, well-known, e.g., "qoted" (parenthesed) words!
- It's the desks' file; Vale's tables and filez.

| Tabel | Fox |
|-------|-----|
| celll | quick |

> Quoted checkr in a blockquote.
"""


def spelling_rule(extra: str = "", dictionaries: str = "[house]") -> str:
    return (
        "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: error\n"
        f"dicpath: dicts\ndictionaries: {dictionaries}\n{extra}"
    )


def spelling_project(folder: Path) -> None:
    dicts = folder / "styles" / "dicts"
    dicts.mkdir(parents=True)
    for file in DICTIONARIES.iterdir():
        (dicts / file.name).write_bytes(file.read_bytes())


@pytest.mark.parametrize(
    "extra",
    [
        "",
        "scope: heading\n",
        "scope: list\n",
        "filters:\n  - '[pP]arenthesed'\n  - '^q'\n",
        "custom: true\n",
        "custom: true\nfilters: ['\\d']\n",
        "ignore: [words.txt]\n",
        "split: true\n",
    ],
)
def test_spelling_matches_vale(tmp_path: Path, extra: str) -> None:
    spelling_project(tmp_path)
    (tmp_path / "styles" / "words.txt").write_text("filez\nwrods\n", encoding="utf-8")
    same_as_vale(tmp_path, {"Spell": spelling_rule(extra)}, SPELLED)


def test_spelling_with_aff_and_dic_files(tmp_path: Path) -> None:
    spelling_project(tmp_path)
    rule = "extends: spelling\nmessage: \"'%s'?\"\naff: dicts/house.aff\ndic: dicts/house.dic\n"
    same_as_vale(tmp_path, {"Spell": rule}, SPELLED)


def test_accepted_vocabulary_is_never_misspelt(tmp_path: Path) -> None:
    need_vale()
    spelling_project(tmp_path)
    write_style(tmp_path, {"Spell": spelling_rule()}, SPELLED)
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "House"
    vocab.mkdir(parents=True)
    terms = ("documment", "jumpes", "Tabel", "celll checkr")
    (vocab / "accept.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    ini = tmp_path / ".vale.ini"
    ini.write_text(
        "StylesPath = styles\nVocab = House\n\n[*.md]\nBasedOnStyles = X\n", encoding="utf-8"
    )
    expected = [line for line in vale_lines(tmp_path, "doc.md") if ":X." in line]
    got = ours(tmp_path, accepted=terms)
    assert got == expected
    assert not any("jumpes" in line or "documment" in line for line in got)


def test_the_default_dictionary_is_debians_en_us(tmp_path: Path) -> None:
    if default_dictionary() is None:
        pytest.skip("hunspell-en-us is not installed (apt-get install hunspell-en-us)")
    rule = "extends: spelling\nmessage: \"'%s'?\"\n"
    same_as_vale(
        tmp_path,
        {"Spell": rule},
        "The quick brown fox jumps over the lazy dog. Recieve the documents tommorow.\n",
    )


def test_append_adds_the_default_dictionary(tmp_path: Path) -> None:
    if default_dictionary() is None:
        pytest.skip("hunspell-en-us is not installed (apt-get install hunspell-en-us)")
    spelling_project(tmp_path)
    lines = same_as_vale(
        tmp_path,
        {"Spell": spelling_rule("append: true\n")},
        "The brown dog runs with the checker. Recieve the house file.\n",
    )
    assert [line.rsplit(":", 1)[1] for line in lines] == ["Did you really mean 'Recieve'?"]


def test_a_missing_default_dictionary_is_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.checkers.style import spelling

    monkeypatch.setattr(spelling, "_SYSTEM_DIRS", (str(tmp_path / "none"),))
    monkeypatch.setenv("DICPATH", str(tmp_path / "none"))
    path = tmp_path / "X" / "Spell.yml"
    path.parent.mkdir()
    path.write_text("extends: spelling\nmessage: '%s'\n", encoding="utf-8")
    loaded = load_rules([path])
    assert loaded.errors == ()
    assert loaded.rules == ()
    (notice,) = loaded.notices
    assert notice.startswith("X.Spell: skipped")
    assert "hunspell-en-us" in notice


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("dicpath: nowhere\ndictionaries: [house]\n", "dicpath"),
        ("dicpath: dicts\ndictionaries: [nothere]\n", "dictionaries"),
        ("dicpath: dicts\ndictionaries: [house]\nfilters: ['(']\n", "filters"),
        ("dicpath: dicts\ndictionaries: [house]\ncustom: maybe\n", "custom"),
    ],
)
def test_bad_spelling_rules_name_the_key(tmp_path: Path, body: str, key: str) -> None:
    spelling_project(tmp_path)
    path = tmp_path / "styles" / "X" / "Spell.yml"
    path.parent.mkdir(parents=True)
    path.write_text(f"extends: spelling\nmessage: '%s'\n{body}", encoding="utf-8")
    (error,) = load_rules([path]).errors
    assert error.key == key
    assert str(path) in str(error)


def test_spelling_ten_thousand_words_is_fast(tmp_path: Path) -> None:
    spelling_project(tmp_path)
    write_style(tmp_path, {"Spell": spelling_rule()}, "")
    words = "The quick fox jumpes over the lazy desk and reads every documment. "
    paragraph = (words * 10).strip()
    text = "\n\n".join(paragraph for _ in range(10_000 // 110 + 1))
    (tmp_path / "doc.md").write_text(text, encoding="utf-8")
    (rule,) = load_rules([tmp_path / "styles" / "X"]).rules
    doc = load_path(tmp_path / "doc.md")
    StyleChecker([rule]).check(load_path(tmp_path / "styles" / "dicts" / "house.dic"))
    started = time.perf_counter()
    result = StyleChecker([rule]).check(doc)
    assert time.perf_counter() - started < 1.0
    assert len(result.suggestions) == 2 * 10 * (10_000 // 110 + 1)


# --------------------------------------------------------------------------
# Keys, and the types copydesk skips.


@pytest.mark.parametrize(
    ("extends", "body"),
    [
        ("readability", "metrics: [SMOG]\ngrade: 8\nthreshold: 2\n"),
        ("metric", "formula: words\ncondition: '> 1'\nmetrics: [SMOG]\n"),
        ("sequence", "tokens:\n  - tag: NN\nswap: {a: b}\n"),
        ("script", "script: 'x := 1'\ntokens: [a]\n"),
    ],
)
def test_unknown_keys_are_errors_as_in_vale(tmp_path: Path, extends: str, body: str) -> None:
    need_vale()
    write_style(tmp_path, {"R": f"extends: {extends}\nmessage: '%s'\n{body}"}, "Text.\n")
    done = subprocess.run(
        [str(need_vale()), "--output=line", "doc.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "has invalid keys" in done.stdout + done.stderr
    (error,) = load_rules([tmp_path / "styles" / "X"]).errors
    assert "invalid keys" in str(error)
    assert str(tmp_path / "styles" / "X" / "R.yml") in str(error)


def test_spelling_ignores_unknown_keys_as_vale_does(tmp_path: Path) -> None:
    spelling_project(tmp_path)
    rule = spelling_rule("foo: 1\nexceptions: [wrods]\nthreshold: 3\n")
    same_as_vale(tmp_path, {"Spell": rule}, "The wrods here are spelt.\n")


def test_sequence_and_script_rules_load_and_are_skipped_with_one_notice_each(
    tmp_path: Path,
) -> None:
    rules = {
        "Seq": "extends: sequence\nmessage: '%s'\ntokens:\n  - tag: MD\n  - pattern: be\n",
        "Tengo": "extends: script\nmessage: '%s'\nscript: |\n  matches := []\n",
        "Words": "extends: metric\nmessage: '%s'\nformula: words\ncondition: '> 0'\n",
    }
    write_style(tmp_path, rules, "It could be done.\n")
    loaded = load_rules([tmp_path / "styles" / "X"])
    assert loaded.errors == ()
    assert [r.info.id for r in loaded.rules] == ["X.Words"]
    assert len(loaded.notices) == 2
    assert loaded.notices[0].startswith("X.Seq: skipped (sequence rule")
    assert loaded.notices[1].startswith("X.Tengo: skipped (script rule")
    assert ours(tmp_path) == ["doc.md:1:1:X.Words:4.00"]


def test_a_sequence_rule_without_tokens_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "X" / "Seq.yml"
    path.parent.mkdir()
    path.write_text("extends: sequence\nmessage: '%s'\n", encoding="utf-8")
    (error,) = load_rules([path]).errors
    assert error.key == "tokens"


@pytest.mark.parametrize("scope", ["paragraph", "list", "heading.h2", "blockquote", "~heading"])
def test_a_scoped_metric_measures_each_block(tmp_path: Path, scope: str) -> None:
    """Each block of the scope, reported at its line (single-line blocks: Vale
    reports a longer paragraph at its last line, copydesk at its first)."""
    rule = f"extends: metric\nmessage: '%s words'\nformula: words\ncondition: '> 1'\nscope: '{scope}'\n"
    document = (
        "# A heading of words\n\nOne paragraph here. Two sentences.\n\n## Second level heading\n\n"
        "- An item of words.\n- Another one\n  - a nested item\n\n> Quoted words here.\n\nEnd.\n"
    )
    same_as_vale(tmp_path, {"M": rule}, document)
