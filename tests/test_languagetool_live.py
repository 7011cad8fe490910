"""The real LanguageTool (see the ``real_lt`` fixture in conftest): settings
reach it and change its answer, offsets hold on Markdown with emoji and CRLF,
its findings merge with Harper's, and ``fix`` and the vocabulary work with it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import SEED, run_cli

from editor.checkers import languagetool
from editor.checkers.prose import ProseChecker
from editor.config import LanguageToolSettings
from editor.document import load_path, load_text

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _found(real_lt: str, text: str, **changes: object) -> set[tuple[str, str]]:
    values: dict[str, object] = {"server": real_lt, "timeout": 30.0, **changes}
    engine = languagetool.build(LanguageToolSettings(**values), env={})  # type: ignore[arg-type]
    try:
        (findings,) = engine.check_paragraphs([text])
    finally:
        engine.close()
    return {(f.rule, text[f.start : f.end]) for f in findings}


def test_rule_category_and_language_settings_change_the_answer(real_lt: str) -> None:
    text = "It have to go, and teh colour is nice."
    plain = _found(real_lt, text)
    assert ("LanguageTool.IT_VBZ", "have") in plain
    assert ("LanguageTool.MORFOLOGIK_RULE_EN_US", "teh") in plain
    assert ("LanguageTool.MORFOLOGIK_RULE_EN_US", "colour") in plain
    no_rule = _found(real_lt, text, disabled_rules=("IT_VBZ",))
    assert ("LanguageTool.IT_VBZ", "have") not in no_rule
    assert ("LanguageTool.MORFOLOGIK_RULE_EN_US", "teh") in no_rule
    no_typos = _found(real_lt, text, disabled_categories=("TYPOS",))
    assert not {found for found in no_typos if "MORFOLOGIK" in found[0]}
    british = _found(real_lt, text, language="en-GB")
    assert ("LanguageTool.MORFOLOGIK_RULE_EN_GB", "teh") in british
    assert not {found for found in british if found[1] == "colour"}


def test_markdown_with_emoji_tables_and_crlf_keeps_exact_offsets(
    real_lt: str, tmp_path: Path
) -> None:
    article = tmp_path / "article.md"
    article.write_bytes(
        (
            "# A titel 🎉\r\n\r\n"
            "We will recieve 👩‍👩‍👧 the parcel `teh code` and [a lnk](https://example.com/teh).\r\n\r\n"
            "| Name | Note |\r\n| --- | --- |\r\n| Zed | It have to go. |\r\n\r\n"
            "```\r\nteh tommorow\r\n```\r\n"
        ).encode()
    )
    doc = load_path(article)
    engine = languagetool.build(LanguageToolSettings(server=real_lt, timeout=30.0), env={})
    try:
        suggestions = ProseChecker(engine).check(doc).suggestions
    finally:
        engine.close()
    raw = article.read_bytes().decode()
    assert suggestions
    assert all(raw[s.start : s.end] == s.text for s in suggestions)
    texts = {s.text for s in suggestions}
    assert {"recieve", "have"} <= texts
    assert "teh" not in texts  # only in code, a URL and a fenced block


def test_the_same_fix_from_languagetool_and_harper_is_one_suggestion(
    capsys: pytest.CaptureFixture[str], real_lt: str, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("She ate a apple yesterday.\n", encoding="utf-8")
    code, out, _ = run_cli(
        capsys,
        "check",
        "--engines",
        "harper,languagetool",
        "--lt-server",
        real_lt,
        "--no-cache",
        "--format",
        "json",
        str(article),
    )
    assert code == 1
    (suggestion,) = [s for s in json.loads(out)["files"][0]["suggestions"] if s["text"] == "a"]
    assert suggestion["replacements"][0] == "an"
    assert {suggestion["source"], *(other["source"] for other in suggestion["also"])} == {
        "harper",
        "languagetool",
    }


def test_fix_and_the_vocabulary_with_languagetool(
    capsys: pytest.CaptureFixture[str],
    real_lt: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    vocabulary = tmp_path / ".copydesk" / "vocabulary"
    vocabulary.mkdir(parents=True)
    (vocabulary / "accept.txt").write_text("Zorblatt\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_bytes(b"Zorblatt says it have to go.\r\n")
    options = ["--engines", "languagetool", "--lt-server", real_lt, "--no-cache"]
    code, out, _ = run_cli(capsys, "check", *options, "--format", "json", str(article))
    assert code == 1
    flagged = {s["text"] for s in json.loads(out)["files"][0]["suggestions"]}
    assert "have" in flagged
    assert "Zorblatt" not in flagged  # house vocabulary: not a spelling error
    code, out, _ = run_cli(capsys, "fix", *options, "--unsafe", "-o", "fixed.txt", str(article))
    assert code == 0, out
    assert (tmp_path / "fixed.txt").read_bytes() == b"Zorblatt says it has to go.\r\n"


def test_packed_requests_find_what_each_paragraph_alone_finds(real_lt: str) -> None:
    """The per-paragraph cache is exact: packing paragraphs into one request
    changes no paragraph's findings, however its neighbours begin or end."""
    from editor.checkers.limits import pieces

    texts = [piece.text for piece in pieces(load_path(SEED))[0]]
    texts += [
        "option",
        "meaning",
        "is semantically equivalent to:",
        'He said "stop and then left.',
        "It have to go. It have to stay. It have to be.",
        "It is a apple 🎉 and the the end",
        "the list item without a full stop",
    ]
    engine = languagetool.build(LanguageToolSettings(server=real_lt, timeout=30.0), env={})
    try:
        packed = engine.check_paragraphs(texts)
        alone = [engine.check_paragraphs([text])[0] for text in texts]
    finally:
        engine.close()
    assert packed == alone
    assert sum(map(len, packed)) > 10


def test_picky_reaches_the_server_and_adds_its_rules(real_lt: str) -> None:
    text = 'He said "hello" and left...'
    assert not {rule for rule, _ in _found(real_lt, text)} & {"LanguageTool.EN_QUOTES"}
    picky = _found(real_lt, text, picky=True)
    assert ("LanguageTool.EN_QUOTES", '"hello"') in picky


def test_fix_with_a_report_and_languagetool(
    capsys: pytest.CaptureFixture[str], real_lt: str, tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Notes\n\nIt have to go, she said.\n", encoding="utf-8")
    report = tmp_path / "report.json"
    code, _, err = run_cli(
        capsys, "fix", "--engines", "languagetool", "--lt-server", real_lt, "--no-cache",
        "--unsafe", "--report", str(report), "-o", str(tmp_path / "fixed.md"), str(article),
    )  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "fixed.md").read_text(encoding="utf-8") == (
        "# Notes\n\nIt has to go, she said.\n"
    )
    changes = json.dumps(json.loads(report.read_text(encoding="utf-8")))
    assert "LanguageTool.IT_VBZ" in changes


def test_a_name_or_acronym_guessed_for_a_lower_case_word_is_no_fix(real_lt: str) -> None:
    doc = load_text("We ate nopal with our german friends, afer the game.\n")
    engine = languagetool.build(LanguageToolSettings(server=real_lt, timeout=30.0), env={})
    try:
        found = ProseChecker(engine).check(doc).suggestions
    finally:
        engine.close()
    fixes = {s.text: s.replacements for s in found}
    assert fixes["nopal"] == ()  # "Nepal": flagged, not "fixed"
    assert fixes["afer"] == ()  # "AFER"
    assert fixes["german"][0] == "German"  # the same word, capitalized, keeps its fix
