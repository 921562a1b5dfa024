"""Issue 12, point 5: what comes in is bounded before it is read (app/care/intake.py) — size
caps by stat and while reading, no FIFO, device or folder, no zip bomb, no bundle that
would expand far past its own size. Each refusal leaves the database as it was."""

from __future__ import annotations

import io
import os
import struct
import threading
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care import intake
from app.care.context import actor_for
from app.care.intake import IntakeError, check_regular_file, check_zip, read_capped
from app.cli import main
from app.models import OfficeKey, Recipient
from app.sync import envelope as E
from app.sync import exchange
from app.sync import trust as T
from tests.sync_offices import TOWNSHIP, VILLAGE, Office, chain, dump

unix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX")


def _in_time(fn, seconds: float = 5.0):  # type: ignore[no-untyped-def]
    """fn() run in a thread: a FIFO opened blocking would hang it; fail instead of hanging."""
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            out["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "blocked reading a FIFO"
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out.get("value")


# ---- read_capped and check_regular_file ---------------------------------------------------------

def test_read_capped_reads_a_file_within_its_cap(tmp_path: Path) -> None:
    f = tmp_path / "a.bin"
    f.write_bytes(b"x" * 1000)
    assert read_capped(f, 1000, "文件", "file") == b"x" * 1000


def test_a_file_over_the_cap_is_refused_by_stat_with_its_name_and_the_cap(tmp_path: Path) -> None:
    f = tmp_path / "big.guanai"
    with open(f, "wb") as out:  # sparse: 3 GB that take no disk and are never read
        out.truncate(3 << 30)
    with pytest.raises(IntakeError) as e:
        read_capped(f, 1 << 30, "数据包文件", "bundle file")
    assert e.value.code == "too_large"
    assert "big.guanai" in e.value.zh and "太大" in e.value.zh and "1.0 GB" in e.value.zh
    assert "1.0 GB" in e.value.en


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc")
def test_a_file_larger_than_its_stat_says_is_stopped_while_reading() -> None:
    # /proc files say size 0 and hold more: like a file growing after the check
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(IntakeError) as e:
        read_capped(Path("/proc/self/status"), 100, "文件", "file")
    assert e.value.code == "too_large" and "超过" in e.value.zh


@unix_only
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "bundle.guanai"
    os.mkfifo(fifo)
    with pytest.raises(IntakeError) as e:
        _in_time(lambda: read_capped(fifo, 1000, "数据包文件", "bundle file"))
    assert e.value.code == "not_a_file" and "管道" in e.value.zh and "FIFO" in e.value.en
    with pytest.raises(IntakeError):  # and opening one put in place after the check does not block
        _in_time(lambda: intake.open_regular(fifo))


def test_folders_and_devices_are_refused(tmp_path: Path) -> None:
    with pytest.raises(IntakeError) as e:
        check_regular_file(tmp_path, "身份文件", "identity file")
    assert e.value.code == "not_a_file" and "文件夹" in e.value.zh
    if Path("/dev/zero").exists():
        with pytest.raises(IntakeError) as e:
            _in_time(lambda: read_capped(Path("/dev/zero"), 1 << 20, "文件", "file"))
        assert "设备" in e.value.zh
    with pytest.raises(IntakeError) as e:
        read_capped(tmp_path / "missing", 10)
    assert e.value.code == "not_found" and "找不到文件" in e.value.zh


# ---- keys trust FILE -----------------------------------------------------------------------------

def _keys(office: Office) -> int:
    with office.session() as s:
        return s.scalar(select(func.count()).select_from(OfficeKey)) or 0


@unix_only
def test_keys_trust_refuses_a_fifo_and_an_oversized_file(tmp_path: Path) -> None:
    offices = chain(tmp_path, TOWNSHIP)
    township = offices[TOWNSHIP]
    before = dump(township.engine)
    fifo = tmp_path / "id.json"
    os.mkfifo(fifo)
    big = tmp_path / "big.json"
    big.write_bytes(b"{" + b" " * T.MAX_IDENTITY_BYTES + b"}")
    for path, words in ((fifo, "管道"), (big, "太大")):
        def trust(path: Path = path) -> None:
            with township.session() as s, s.begin():
                T.trust_file(s, actor_for(s), path)
        with pytest.raises(T.TrustError) as e:
            _in_time(trust)
        assert words in e.value.zh and path.name in e.value.zh
    assert dump(township.engine) == before
    # and through the CLI: exit 1, one line on stderr
    assert main(["--db", str(township.dir / "db.sqlite3"), "keys", "trust", str(big)]) == 1
    assert dump(township.engine) == before


# ---- bundle import -------------------------------------------------------------------------------

def test_bundle_import_refuses_a_fifo_and_an_oversized_file_before_reading(tmp_path: Path) -> None:
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    township = offices[TOWNSHIP]
    before = dump(township.engine)
    big = tmp_path / "big.guanai"
    with open(big, "wb") as f:
        f.write(E.MAGIC)
        f.truncate(E.MAX_FILE_BYTES + 1)  # sparse
    paths = [big]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.guanai")
        paths.append(tmp_path / "fifo.guanai")
    results = _in_time(lambda: exchange.import_bundles(township.engine, paths))
    assert [r.accepted for r in results] == [False] * len(paths)  # type: ignore[union-attr]
    assert results[0].code == "too_large" and "big.guanai" in results[0].reason  # type: ignore[index]
    if len(paths) > 1:
        assert results[1].code == "not_a_file"  # type: ignore[index]
    assert dump(township.engine) == before


def _sealed(village: Office, parts: dict[str, bytes]) -> bytes:
    with village.session() as s:
        data, _ = E.seal(s, to_office=TOWNSHIP, sequence=1, previous_sha256=None, parts=parts, counts={})
    return data


def test_a_bundle_declaring_far_more_than_its_size_is_refused_before_expanding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 40 MB part of zeros packs into a few kilobytes: a well-formed, signed bundle whose
    contents are 1000 times its size. Refused by the ratio before anything is inflated."""
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    path = tmp_path / "bomb.guanai"
    path.write_bytes(_sealed(village, {"acks.json": bytes(40 << 20)}))
    assert path.stat().st_size < 100_000
    before = dump(township.engine)

    def no_inflating(*_a: object, **_k: object) -> object:
        raise AssertionError("inflated before the ratio check")

    monkeypatch.setattr(E.zlib, "decompressobj", no_inflating)
    [result] = exchange.import_bundles(township.engine, [path])
    assert not result.accepted and result.code == "too_expanded"
    assert "压缩炸弹" in result.reason and f"{E.MAX_EXPANSION_RATIO} 倍" in result.reason  # type: ignore[operator]
    assert dump(township.engine) == before


def test_a_real_bundle_is_well_within_the_ratio(tmp_path: Path) -> None:
    """JSONL of many alike records: about 9 times (measured on a village's history);
    the cap is 20 times plus an allowance."""
    from tests.sync_offices import register

    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    for i in range(40):
        register(village, "张" + "一二三四五六七八九十"[i % 10] + "甲乙丙丁"[i // 10], seq=10 + i)
    result = village.export(township)
    [imported] = township.import_(result.path)
    assert imported.accepted and imported.inserted >= 40


# ---- spreadsheets ----------------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_zip_bomb_is_refused_by_declared_and_by_actual_size() -> None:
    bomb = _zip({"xl/worksheets/sheet1.xml": bytes(8 << 20)})
    with pytest.raises(IntakeError) as e:
        check_zip(bomb, "bomb.xlsx", max_expanded=1 << 20)
    assert e.value.code == "too_expanded" and "压缩炸弹" in e.value.zh and "bomb.xlsx" in e.value.zh
    # the directory lies: it says 1,000 bytes; inflating stops one byte past that
    liar = bytearray(bomb)
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = liar.index(sig)
        liar[i + at:i + at + 4] = struct.pack("<I", 1000)
    with pytest.raises(IntakeError) as e:
        check_zip(bytes(liar), "liar.xlsx", max_expanded=1 << 20)
    assert e.value.code == "too_expanded"
    many = _zip({f"m{i}": b"" for i in range(30)})
    with pytest.raises(IntakeError):
        check_zip(many, "many.xlsx", max_members=20)
    assert check_zip(_zip({"a": b"x" * 5000}), "ok.xlsx").expanded == 5000


def test_roster_import_refuses_a_zip_bomb_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    offices = chain(tmp_path, VILLAGE)
    village = offices[VILLAGE]
    bomb = tmp_path / "花名册.xlsx"
    bomb.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": bytes(8 << 20)}))
    monkeypatch.setattr(intake, "MAX_SHEET_EXPANDED", 4 << 20)
    before = dump(village.engine)
    assert main(["--db", str(village.dir / "db.sqlite3"), "roster", "import", str(bomb)]) == 1
    err = capsys.readouterr().err
    assert "压缩炸弹" in err and "花名册.xlsx" in err
    monkeypatch.setattr(intake, "MAX_SHEET_BYTES", 1000)
    assert main(["--db", str(village.dir / "db.sqlite3"), "roster", "import", str(bomb)]) == 1
    assert "太大" in capsys.readouterr().err
    assert dump(village.engine) == before
    with Session(village.engine) as s:
        assert s.scalar(select(func.count()).select_from(Recipient)) == 0

