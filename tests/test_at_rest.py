"""Encryption at rest (issue 15 point 2, issue 17 point 4): a plain database converted to
SQLCipher keeps every row and survives a kill at every step; the file, its write-ahead log,
its backups, its pre-upgrade copies and its attachment files hold no readable name or ID
number; the office's private keys live sealed in the database, so bundles go out and come in
with no key file on the computer."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.care.attachments import SEALED, attach_file, blob_path, read_blob, store_dir_for
from app.care.context import actor_for
from app.care.errors import ServiceError
from app.care.maintenance import backup, check, inspect, keyring_beside, restore
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.config import data_dir
from app.db import current_revision, head_revision, make_engine, open_database, upgrade
from app.models import Attachment, OfficeKey, Recipient
from app.protection.at_rest import (
    connect,
    encrypt_file,
    is_encrypted_file,
    office_key,
    table_digests,
)
from app.sync import exchange
from app.sync.keys import SEALED as KEY_SEALED
from app.sync.keys import keystore_dir
from tests.helpers import make_id
from tests.server_db import ON_SERVER

pytestmark = pytest.mark.skipif(ON_SERVER, reason="about the SQLite file itself")

ROOT = Path(__file__).resolve().parent.parent
VILLAGE, TOWNSHIP = "522631100201", "522631100"
NAME = "龙秀英"
ID_NUMBER = make_id(dt.date(1951, 4, 9), sex="female", seq=37)
PHOTO = b"\x89PNG\r\n" + "龙秀英的低保证明 ".encode() * 50


def readable(data: bytes) -> list[str]:
    """What of the registered person can be read in these bytes."""
    found = []
    for what, needle in (("name", NAME.encode("utf-8")), ("id", ID_NUMBER.encode("ascii")),
                         ("id digits", ID_NUMBER[6:14].encode("ascii")), ("photo", b"\xe4\xbd\x8e\xe4\xbf\x9d")):
        if needle in data:
            found.append(what)
    return found


def everything_beside(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def make_village(path: Path, key: bytes | None, *, with_person: bool = True, code: str = VILLAGE) -> Engine:
    engine = open_database(path, key=key)
    with Session(engine) as s, s.begin():
        init_office(s, role="village" if len(code) == 12 else "township", code=code, name=f"村{code[-3:]}",
                    parent=code[:9] if len(code) == 12 else code[:6], operator="王主任")
    if with_person:
        with Session(engine) as s, s.begin():
            rid = add_recipient(s, actor_for(s), name=NAME, id_number=ID_NUMBER, categories=["left_behind_elder"],
                                surveyed_on=dt.date(2026, 1, 5)).id
            photo = path.parent / "photo.png"
            photo.write_bytes(PHOTO)
            attach_file(s, actor_for(s), store_dir_for(engine), source=photo, owner_table="recipients", owner_id=rid)
            photo.unlink()
    return engine


def digests(path: Path, key: bytes | None) -> dict[str, tuple[int, str]]:
    with closing(connect(path, key)) as db:
        return table_digests(db)


def plain_sqlite_fails(path: Path) -> bool:
    try:
        with closing(sqlite3.connect(path)) as db:
            db.execute("SELECT count(*) FROM recipients").fetchone()
    except sqlite3.DatabaseError:
        return True
    return False


# ---- a new encrypted database ---------------------------------------------------------------

def test_an_encrypted_database_its_log_and_its_files_hold_nothing_readable(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "village.sqlite3"
    engine = make_village(path, key)
    assert office_key(engine) == key
    with Session(engine) as s:  # written, and read back through the key
        assert s.scalar(select(Recipient.name)) == NAME
        sha = s.scalar(select(Attachment.sha256))
        assert read_blob(store_dir_for(engine), sha, key) == PHOTO
    # the write-ahead log still holds the last writes: it is encrypted too
    assert Path(f"{path}-wal").exists() and Path(f"{path}-wal").stat().st_size > 0
    for name, data in everything_beside(tmp_path).items():
        assert readable(data) == [], name
    assert blob_path(store_dir_for(engine), sha).read_bytes().startswith(SEALED)
    assert is_encrypted_file(path) and plain_sqlite_fails(path)
    # no key files: the private keys are sealed in the database
    assert list(keystore_dir().iterdir()) == []
    with Session(engine) as s:
        sealed = [bytes(k.private_key) for k in s.scalars(select(OfficeKey).where(OfficeKey.is_own.is_(True)))]
    assert len(sealed) == 2 and all(k.startswith(KEY_SEALED) for k in sealed)
    engine.dispose()
    # a wrong key opens nothing
    with pytest.raises(ServiceError):
        connect(path, os.urandom(32), check=True)
    assert check(open_database(path, key=key)) == []


def test_an_office_key_is_remembered_for_a_server_database_too() -> None:
    key = os.urandom(32)
    engine = make_engine("postgresql://nobody@127.0.0.1:1/nothing", key=key)  # no connection is made
    assert office_key(engine) == key
    assert office_key(make_engine("postgresql://nobody@127.0.0.1:1/nothing")) is None


# ---- converting a plain database -------------------------------------------------------------

def test_converting_a_plain_database_keeps_every_row_and_seals_its_copies_files_and_keys(tmp_path: Path) -> None:
    (tmp_path / "office").mkdir()
    path = tmp_path / "office" / "village.sqlite3"
    engine = make_village(path, None)
    with Session(engine) as s:
        sha = s.scalar(select(Attachment.sha256))
    engine.dispose()
    old_copy = path.with_name("village.backup-0014.sqlite3")  # a pre-upgrade copy from before
    with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(old_copy)) as dst:
        src.backup(dst)
    key_files = sorted(keystore_dir().iterdir())
    assert len(key_files) == 1
    assert readable(path.read_bytes() + old_copy.read_bytes()) != []  # plain as it was
    before = digests(path, None)

    key = os.urandom(32)
    done = encrypt_file(path, key)
    assert done.rows == sum(n for n, _ in before.values()) and done.copies == [old_copy] and done.blobs == 1
    assert digests(path, key) == before  # every table, every row
    assert digests(old_copy, key) == before
    assert plain_sqlite_fails(path) and plain_sqlite_fails(old_copy)
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "village-files", "village.backup-0014.sqlite3", "village.sqlite3"]  # no plain copy left beside it
    for name, data in everything_beside(tmp_path).items():
        assert readable(data) == [], name

    # first open with the key: the key file moves into the database and is deleted
    engine = open_database(path, key=key)
    assert not key_files[0].exists()
    with Session(engine) as s:
        assert s.scalar(select(Recipient.id_number)) == ID_NUMBER
        assert read_blob(store_dir_for(engine), sha, key) == PHOTO
        rows = list(s.scalars(select(OfficeKey).where(OfficeKey.is_own.is_(True))))
        assert all(bytes(r.private_key).startswith(KEY_SEALED) for r in rows)
        assert s.scalar(text("SELECT count(*) FROM audit_log WHERE action = 'keys' AND changes_json LIKE "
                             "'%private_keys_sealed_in_database%'")) == 1
    engine.dispose()
    # converting again changes nothing; another key is refused
    assert encrypt_file(path, key).rows == 0
    with pytest.raises(ServiceError):
        encrypt_file(path, os.urandom(32))


CHILD = """
import os, signal, sys
from app.protection.at_rest import encrypt_file

path, key, stop_at = sys.argv[1], bytes.fromhex(sys.argv[2]), sys.argv[3]

def on_step(name):
    print(name, flush=True)
    if name == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)

encrypt_file(path, key, on_step=on_step)
print("done", flush=True)
"""


@pytest.mark.parametrize("stop_at", ["locked", "exported", "verified", "replaced"])
def test_a_conversion_killed_at_any_step_leaves_the_plain_file_or_the_encrypted_one(
        tmp_path: Path, stop_at: str) -> None:
    path = tmp_path / "village.sqlite3"
    make_village(path, None).dispose()
    before = digests(path, None)
    key = os.urandom(32)
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), key.hex(), stop_at], cwd=ROOT, text=True,
                          capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.split("\n")[-2] == stop_at
    if stop_at == "replaced":
        assert is_encrypted_file(path) and digests(path, key) == before
    else:
        assert not is_encrypted_file(path) and digests(path, None) == before
    # the next try clears what was left and finishes the work
    encrypt_file(path, key)
    assert digests(path, key) == before
    assert not list(tmp_path.glob("*.encrypting*"))


# ---- upgrades, backups, restores of an encrypted file -----------------------------------------

def test_an_encrypted_database_upgrades_from_an_older_schema_and_its_copy_is_encrypted(tmp_path: Path) -> None:
    from tests.test_migrations import CARE, RECIPIENT, insert

    key = os.urandom(32)
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}", key=key)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        insert(conn, "recipients", {**RECIPIENT, "name": NAME, "id_number": ID_NUMBER})
        insert(conn, "care_records", CARE)
    upgrade(engine, "0014")
    engine.dispose()
    assert is_encrypted_file(path)

    engine = open_database(path, key=key)  # what the app does after sign-in
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, id_number FROM recipients")).one() == (NAME, ID_NUMBER)
    engine.dispose()
    copies = sorted(tmp_path.glob("old.backup-*.sqlite3"))  # 0001's: the step to 0014 above
    assert [c.name for c in copies] == ["old.backup-0001.sqlite3", "old.backup-0014.sqlite3"]
    assert all(is_encrypted_file(c) and plain_sqlite_fails(c) for c in copies)
    with closing(connect(copies[1], key)) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0014",)
        assert db.execute("SELECT name FROM recipients").fetchall() == [(NAME,)]
    for name, data in everything_beside(tmp_path).items():
        assert readable(data) == [], name


def test_backup_and_restore_of_an_encrypted_database_round_trip(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "village" / "guanai.sqlite3"
    path.parent.mkdir()
    engine = make_village(path, key)
    keyring_beside(path).write_text('{"format": "a keyring"}', encoding="utf-8")  # P1's sidecar
    out = tmp_path / "usb" / "backup.sqlite3"
    done = backup(engine, out)
    assert done.recipients == 1 and done.office_code == VILLAGE
    assert sorted(p.name for p in out.parent.iterdir()) == ["backup.sqlite3", "backup.sqlite3.keyring"]
    assert is_encrypted_file(out) and plain_sqlite_fails(out) and readable(out.read_bytes()) == []
    assert not inspect(out).ok  # without the key it is nothing
    assert inspect(out, key).recipients == 1

    with Session(engine) as s, s.begin():
        add_recipient(s, actor_for(s), name="杨阿婆", id_number=make_id(dt.date(1948, 2, 2), seq=41),
                      categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 6))
    result = restore(engine, out, current_office=VILLAGE)
    assert result.recipients == 1 and result.previous_saved_as is not None
    assert is_encrypted_file(path) and is_encrypted_file(result.previous_saved_as)
    with closing(connect(result.previous_saved_as, key)) as db:  # the restore can be undone
        assert db.execute("SELECT count(*) FROM recipients").fetchone() == (2,)
    with Session(engine) as s:
        assert list(s.scalars(select(Recipient.name))) == [NAME]
    assert check(engine) == []
    engine.dispose()
    for name, data in everything_beside(tmp_path).items():
        assert readable(data) == [], name


def test_an_older_plain_backup_restored_into_an_encrypted_database_is_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "guanai.sqlite3"
    engine = make_village(path, None)
    out = tmp_path / "usb" / "plain-backup.sqlite3"
    backup(engine, out)
    engine.dispose()
    key = os.urandom(32)
    encrypt_file(path, key)
    engine = open_database(path, key=key)
    restore(engine, out, current_office=VILLAGE)
    assert is_encrypted_file(path) and plain_sqlite_fails(path)
    with Session(engine) as s:
        assert list(s.scalars(select(Recipient.name))) == [NAME]
    engine.dispose()


def test_restore_without_the_key_refuses_an_encrypted_backup(tmp_path: Path) -> None:
    key = os.urandom(32)
    engine = make_village(tmp_path / "a" / "enc.sqlite3", key)
    out = tmp_path / "usb" / "b.sqlite3"
    backup(engine, out)
    engine.dispose()
    plain = make_village(tmp_path / "b" / "plain.sqlite3", None, with_person=False)
    with pytest.raises(ServiceError, match="已加密"):
        restore(plain, out, current_office=VILLAGE)
    plain.dispose()


# ---- bundles with the keys in the database ----------------------------------------------------

def test_bundles_go_out_and_come_in_with_the_keys_sealed_in_the_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.sync.trust import identity_document, read_identity, trust_identity

    v_key, t_key = os.urandom(32), os.urandom(32)
    village = make_village(tmp_path / "v" / "db.sqlite3", v_key)
    township = make_village(tmp_path / "t" / "db.sqlite3", t_key, with_person=False, code=TOWNSHIP)
    with Session(village) as vs, Session(township) as ts:
        v_doc, t_doc = identity_document(vs), identity_document(ts)
    with Session(township) as ts, ts.begin():
        trust_identity(ts, actor_for(ts), read_identity(v_doc))
    with Session(village) as vs, vs.begin():
        trust_identity(vs, actor_for(vs), read_identity(t_doc))
    assert not any(keystore_dir().iterdir())
    village.dispose()

    # "another computer" of the village office: another data directory, the database and the key
    monkeypatch.setenv("GUANAI_HOME", str(tmp_path / "second-computer"))
    assert not (data_dir() / "keys").exists()
    village = open_database(tmp_path / "v" / "db.sqlite3", key=v_key)
    bundle = tmp_path / "to-township.bundle"
    sent = exchange.export_bundle(village, to_office=TOWNSHIP, out=bundle)
    assert sent.counts.get("recipients") == 1
    assert readable(bundle.read_bytes()) == []
    got = exchange.import_bundles(township, [bundle])
    assert got[0].accepted, got[0].reason
    with Session(township) as s:
        assert s.scalar(select(Recipient.name)) == NAME
        sha = s.scalar(select(Attachment.sha256))
    assert blob_path(store_dir_for(township), sha).read_bytes().startswith(SEALED)
    assert read_blob(store_dir_for(township), sha, t_key) == PHOTO
    for name, data in everything_beside(tmp_path / "t").items():
        assert readable(data) == [], name
    # without the key, a copy of the database cannot sign anything
    copy = make_engine(f"sqlite:///{tmp_path / 'v' / 'db.sqlite3'}")
    with pytest.raises(Exception):  # noqa: B017 - the file does not even open
        exchange.export_bundle(copy, to_office=TOWNSHIP, out=tmp_path / "no.bundle")
    village.dispose()
    township.dispose()


# ---- the demo loader ----------------------------------------------------------------------------

def test_a_demo_loads_into_an_encrypted_database_leaving_nothing_readable(tmp_path: Path) -> None:
    from app.demo.generate import generate_demo
    from app.demo.pipeline import VILLAGES_PER_TOWNSHIP, spooled

    key = os.urandom(32)
    path = tmp_path / "office" / "demo.sqlite3"
    engine = open_database(path, key=key)
    # a township's or county's load never goes through plain spool files (they hold names)
    assert not spooled(engine, [None] * VILLAGES_PER_TOWNSHIP)  # type: ignore[list-item]
    generate_demo(engine, scale="village", today=dt.date(2026, 6, 30))
    with engine.connect() as conn:
        people = conn.execute(text("SELECT name, id_number FROM recipients ORDER BY id LIMIT 200")).all()
        assert len(people) > 50
    # sound (the demo registers a few people twice on purpose, which check reports)
    assert [line for line in check(engine) if "登记了" not in line] == []
    engine.dispose()
    assert is_encrypted_file(path) and plain_sqlite_fails(path)
    files = everything_beside(path.parent)
    assert sorted(files) == ["demo.sqlite3"]  # no spool file, no log left behind
    data = files["demo.sqlite3"]
    assert [p for p in people if p.name.encode() in data or p.id_number.encode() in data] == []


def test_the_command_line_without_the_key_says_the_file_is_encrypted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    path = tmp_path / "enc.sqlite3"
    make_village(path, os.urandom(32), with_person=False).dispose()
    capsys.readouterr()
    assert main(["--db", str(path), "tasks"]) == 1
    err = capsys.readouterr().err
    assert "已加密" in err and "Traceback" not in err
    assert main(["--db", str(path), "restore", str(path)]) == 1  # refused in words, nothing changed
    assert is_encrypted_file(path)


def test_a_plain_file_opened_with_a_key_stays_plain_until_converted(tmp_path: Path) -> None:
    """`--no-encryption` with users, or the moment before the first sign-in converts it: the
    file opens plain, and the key still seals the files and the private keys (as on a server);
    upgrades, backups and restores keep it plain."""
    path = tmp_path / "office" / "village.sqlite3"
    make_village(path, None, with_person=False).dispose()
    key = os.urandom(32)
    engine = open_database(path, key=key)
    assert office_key(engine) == key and not is_encrypted_file(path)
    with Session(engine) as s, s.begin():
        rid = add_recipient(s, actor_for(s), name=NAME, id_number=ID_NUMBER, categories=["left_behind_elder"],
                            surveyed_on=dt.date(2026, 1, 5)).id
        photo = tmp_path / "photo.png"
        photo.write_bytes(PHOTO)
        sha = attach_file(s, actor_for(s), store_dir_for(engine), source=photo, owner_table="recipients",
                          owner_id=rid).sha256
    assert blob_path(store_dir_for(engine), sha).read_bytes().startswith(SEALED)
    assert list(keystore_dir().iterdir()) == []  # the key file moved in, sealed
    out = tmp_path / "usb" / "b.sqlite3"
    backup(engine, out)
    assert not is_encrypted_file(out)
    assert restore(engine, out, current_office=VILLAGE).recipients == 1
    assert check(engine) == []
    engine.dispose()
    encrypt_file(path, key)
    engine = open_database(path, key=key)
    with Session(engine) as s:
        assert s.scalar(select(Recipient.name)) == NAME
    engine.dispose()
    assert readable(path.read_bytes()) == []


def test_the_quick_start_reads_an_encrypted_file_only_with_its_key(tmp_path: Path) -> None:
    from app.ui.startup import quick_office

    key = os.urandom(32)
    path = tmp_path / "office" / "village.sqlite3"
    make_village(path, key, with_person=False).dispose()
    assert quick_office(str(path)) is None  # the ordinary way in, which asks for the sign-in
    found = quick_office(str(path), key)
    assert found is not None and found.code == VILLAGE
    assert quick_office(str(path), os.urandom(32)) is None


def test_the_form_shows_the_photos_of_an_encrypted_database(qtbot, background, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from app.ui.store import Store
    from tests.helpers import ui_context
    from tests.test_ui_recipient_form import _png, idle, open_form, registered

    key = os.urandom(32)
    engine = make_village(tmp_path / "office" / "village.sqlite3", key, with_person=False)
    ctx = ui_context(Store(engine), background)
    rid = registered(ctx)
    photo = _png(tmp_path / "家访照片.png", "#3366aa")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    dialog = open_form(qtbot, ctx, rid)
    tab = dialog.attachments_tab
    dialog.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    with Session(engine) as s:
        sha = s.scalar(select(Attachment.sha256))
    stored = blob_path(ctx.store.attachment_dir(), sha).read_bytes()
    assert stored.startswith(SEALED) and photo.read_bytes() not in stored
    qtbot.waitUntil(lambda: tab.model.has_thumbnail(0), timeout=10000)  # unsealed on the worker
