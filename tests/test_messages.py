"""Error messages say what is wrong and what to do, as precisely as the input tells."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from editor.checkers.style import load_rules
from editor.document import decode
from editor.errors import InputError


def _message(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        decode(data, "story.txt")
    return str(caught.value)


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")]
)
def test_utf16_without_a_bom_is_named_not_called_binary(encoding: str, name: str) -> None:
    message = _message("A short story, with “quotes”.\r\n".encode(encoding))
    assert "binary" not in message
    assert f"iconv -f {name} -t utf-8" in message


def test_real_binary_is_still_binary() -> None:
    assert "binary file" in _message(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_utf8_cut_mid_character_is_truncated_not_latin1() -> None:
    message = _message("Ein schönes Café".encode()[:-1])
    assert "truncated" in message
    assert "latin" not in message.lower()
    assert "iconv" not in message


def test_one_bad_byte_in_utf8_is_damage_with_its_line() -> None:
    message = _message("Zürich\nline two \xff here\n".encode().replace(b"\xc3\xbf", b"\xff"))
    assert "otherwise UTF-8" in message
    assert "line 2" in message
    assert "iconv" not in message


def test_latin1_gets_the_conversion_hint() -> None:
    message = _message("Caf\u00e9 au lait".encode("latin-1"))
    assert "iconv -f windows-1252 -t utf-8" in message


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('extends: existence\nmessage: "oops\nlevel: error\ntokens:\n  - foo\n', 2, "never closed"),
        ("extends: existence\nmessage: ok\ntokens: [foo, bar\nlevel: error\n", 3, "never closed"),
        ("extends: existence\nmessage: ok\n\ttokens: [foo]\n", 3, "tab"),
    ],
)
def test_malformed_yaml_names_the_line_of_the_mistake(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    rule = tmp_path / "Bad.yml"
    rule.write_text(body, encoding="utf-8")
    (error,) = load_rules([rule]).errors
    assert str(error).startswith(f"{rule}:{line}: invalid YAML")
    assert words in str(error)


def test_rules_test_names_a_missing_example_kind_without_an_empty_example(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rule = tmp_path / "Pack" / "OnlyBad.yml"
    rule.parent.mkdir()
    rule.write_text(
        "extends: existence\nmessage: Avoid it.\ntokens: [thing]\nexamples:\n  bad: [a thing]\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "rules", "test", str(rule.parent))
    assert code == 1
    assert "FAIL Pack.OnlyBad: needs at least one bad and one good example" in out
    assert "example ''" not in out


def test_rules_test_on_a_pack_without_examples_says_so_and_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    google = Path(__file__).resolve().parent / "vale" / "Google" / "Google"
    code, out, err = run_cli(capsys, "rules", "test", str(google))
    assert code == 0
    assert err == (
        "copydesk: notice: 31 of 31 rules have no examples (Vale's packages carry none): "
        "nothing to test for them\n"
    )
    assert out.strip() == "0 rules, 0 examples: all passed."


def test_rules_show_gives_the_pattern(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules", "show", "House.MustHaveTo")
    assert code == 0
    pattern = out.split("pattern:\n", 1)[1].split("examples:\n", 1)[0]
    assert "swap:" in pattern
    assert "must have to: must|has to" in pattern
    assert "message" not in pattern


def test_a_file_over_the_size_limit_is_one_line_and_the_others_are_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from editor.document import MAX_FILE_BYTES

    huge = tmp_path / "dump.txt"
    with huge.open("wb") as handle:  # sparse: no 100 MB written
        handle.truncate(MAX_FILE_BYTES + 1)
    good = tmp_path / "good.txt"
    good.write_text("It must have to work.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "check", "--engines", "rules", str(huge), str(good))
    assert code == 2
    assert err.splitlines() == [
        f"copydesk: error: {huge}: too large to check (100 MB; copydesk reads files up to "
        "100 MB): split it, or leave it out"
    ]
    assert "House.MustHaveTo" in out
