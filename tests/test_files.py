"""Issue 18, point 6: one atomic_write (app/files.py) for every file the app writes whole —
the content is replaced whole or not at all, nothing temporary stays behind, two writers of
one target never share a temporary file, and private files are created private."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from app.care import intake
from app.files import PRIVATE, atomic_path, atomic_write, temp_path, write_bytes
from app.protection.keyring import CHEAPEST, SidecarKeyring, new_keyring
from app.sync.keys import _write_private


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_content_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old content, longer than the new one")
    with atomic_write(target) as f:
        f.write(b"new ")
        f.write(b"content")
    assert target.read_bytes() == b"new content"
    assert names(tmp_path) == ["out.bin"]


def test_a_new_file_and_its_folder_are_made(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    assert write_bytes(target, "你好".encode()) == target
    assert target.read_text(encoding="utf-8") == "你好"
    assert names(target.parent) == ["out.txt"]


def test_a_writer_that_fails_midway_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the old report")
    with pytest.raises(RuntimeError, match="disk full"), atomic_write(target) as f:
        f.write(b"half of the new rep")
        f.flush()
        assert len(names(tmp_path)) == 2  # the temporary file is there while writing
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"the old report"
    assert names(tmp_path) == ["report.pdf"]


def test_a_failed_first_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "bundle.gnb"
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as f:
        f.write(b"x")
        raise KeyboardInterrupt  # a cancel too: BaseException, not only Exception
    assert names(tmp_path) == []


def test_two_writers_of_one_target_have_their_own_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "shared.json"
    with atomic_write(target) as first, atomic_write(target) as second:
        temporaries = names(tmp_path)
        assert len(temporaries) == 2 and "shared.json" not in temporaries
        first.write(b"first")
        second.write(b"second")
    # the inner one (second) is renamed first, then the outer one: the last rename wins,
    # and neither saw the other's bytes
    assert target.read_bytes() == b"first"
    assert names(tmp_path) == ["shared.json"]


def test_the_temporary_name_is_one_that_clean_leftovers_recognises(tmp_path: Path) -> None:
    a, b = temp_path(tmp_path / "x.pdf"), temp_path(tmp_path / "x.pdf")
    assert a != b and a.parent == tmp_path
    assert a.name.startswith(".x.pdf.") and a.name.endswith(intake.TEMP_SUFFIX)
    assert intake._TEMP_RE.match(a.name) and f".{os.getpid()}-" in a.name


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_private_files_are_created_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        shared = write_bytes(tmp_path / "shared.txt", b"x")
        private = write_bytes(tmp_path / "private.txt", b"x", mode=PRIVATE)
        # the keyring beside a database file, and an office's key file
        db = tmp_path / "guanai.sqlite3"
        keyring, _key, _code = new_keyring("张主任", "a good password 1", encrypted=True, kdf=CHEAPEST)
        SidecarKeyring(db).save(keyring)
        SidecarKeyring(db).save(keyring)  # replaced: still private
        key_file = tmp_path / "520000-abcd.key"
        _write_private(key_file, b'{"k": 1}')
    finally:
        os.umask(old)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    ring = SidecarKeyring(db).path
    assert stat.S_IMODE(ring.stat().st_mode) == 0o600
    assert SidecarKeyring(db).load() == keyring
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert names(tmp_path) == sorted(["shared.txt", "private.txt", ring.name, key_file.name])


def test_a_writer_that_opens_the_file_by_name(tmp_path: Path) -> None:
    target = tmp_path / "ledger.xlsx"
    target.write_bytes(b"old")
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.exists() and tmp != target
        tmp.write_bytes(b"new workbook")
    assert target.read_bytes() == b"new workbook"
    with pytest.raises(OSError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise OSError("disk full")
    assert target.read_bytes() == b"new workbook"
    assert names(tmp_path) == ["ledger.xlsx"]
