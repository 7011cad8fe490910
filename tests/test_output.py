"""Writing the cleaned copy: atomic, byte-faithful, never over a changed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.document import load_path
from editor.errors import InputError
from editor.output import default_output, write_atomic, write_cleaned


def test_default_output_sits_beside_the_input(tmp_path: Path) -> None:
    source = tmp_path / "article.md"
    source.write_bytes(b"It have to go.\r\nNo final newline")
    doc = load_path(source)
    written = write_cleaned(doc, doc.text.replace("It have", "It has"))
    assert written.path == tmp_path / "article.edited.md" == default_output(source)
    assert written.path.read_bytes() == b"It has to go.\r\nNo final newline"
    assert source.read_bytes() == b"It have to go.\r\nNo final newline"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfIt have to go.\n", b"\xef\xbb\xbfIt has to go.\n"),
        ("It have to go.\r\n".encode("utf-16-le"), None),
        (
            b"\xff\xfe" + "It have to go.\r\n".encode("utf-16-le"),
            b"\xff\xfe" + "It has to go.\r\n".encode("utf-16-le"),
        ),
        (b"\xfe\xff" + "It have to go. 😀".encode("utf-16-be"), None),
    ],
)
def test_encoding_and_bom_are_kept(tmp_path: Path, data: bytes, expected: bytes | None) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(data)
    try:
        doc = load_path(source)
    except InputError:
        assert expected is None  # UTF-16 without a BOM is refused on reading
        return
    written = write_cleaned(doc, doc.text.replace("It have", "It has"))
    if expected is None:
        expected = data.replace("It have".encode("utf-16-be"), "It has".encode("utf-16-be"))
    assert written.path.read_bytes() == expected


def test_in_place_keeps_the_original(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"It have to go.\n")
    source.chmod(0o640)
    doc = load_path(source)
    written = write_cleaned(doc, "It has to go.\n", in_place=True)
    assert written.path == source
    assert written.original == tmp_path / "a.txt.orig"
    assert source.read_bytes() == b"It has to go.\n"
    assert (tmp_path / "a.txt.orig").read_bytes() == b"It have to go.\n"
    assert source.stat().st_mode & 0o777 == 0o640
    # A second in-place run keeps the very first original.
    doc = load_path(source)
    write_cleaned(doc, "It has to leave.\n", in_place=True)
    assert (tmp_path / "a.txt.orig").read_bytes() == b"It have to go.\n"


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"It have to go.\n")
    doc = load_path(source)
    source.write_bytes(b"Someone else edited this.\n")
    default_output(source).write_bytes(b"an earlier cleaned copy\n")
    written = write_cleaned(doc, "It has to go.\n", in_place=True)
    assert source.read_bytes() == b"Someone else edited this.\n"
    assert written.path == tmp_path / "a.edited.1.txt"
    assert written.path.read_bytes() == b"It has to go.\n"
    assert written.note is not None
    assert "changed on disk" in written.note
    assert default_output(source).read_bytes() == b"an earlier cleaned copy\n"


def test_a_crash_mid_write_leaves_the_old_file_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old contents\n")

    def crash(_self: Path, _other: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new contents\n" * 1000)
    assert target.read_bytes() == b"old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"x\n")
    doc = load_path(source)
    with pytest.raises(InputError, match="cannot write the cleaned version"):
        write_cleaned(doc, "y\n", out=tmp_path / "missing-folder" / "out.txt")


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    import os

    target = tmp_path / "new.txt"
    write_atomic(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
