"""`guanai restore` and sync: a restored office does not reuse a bundle number it sent after the
backup (equivocation), does not put its clock back (its later edits would lose at the township),
and does not take the replaced database's change-log positions for its own (new changes skipped
as "acknowledged"). When the replaced database cannot be read, the numbers it may have used are
set aside instead."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from contextlib import closing, redirect_stdout
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.care.context import CLOCK_KEY, get_setting, put_setting
from app.care.hlc import Stamp
from app.care.maintenance import RestoreResult, backup, restore
from app.care.recipients import edit_recipient
from app.cli import main
from app.models import Recipient, SyncBundle, SyncPeer
from tests.sync_offices import TOWNSHIP, VILLAGE, Office, chain, register


def ids(office: Office) -> set[str]:
    with office.session() as s:
        return set(s.scalars(select(Recipient.id)))


def equivocations(office: Office) -> int:
    with office.session() as s:
        return s.scalar(select(func.count()).select_from(SyncBundle).where(SyncBundle.equivocation.is_(True))) or 0


def put_back(office: Office, copy: Path) -> RestoreResult:
    return restore(office.engine, copy, current_office=office.code)


def start(tmp_path: Path) -> tuple[Office, Office, Path]:
    """A township and a village that has sent it bundle 1; then the village's backup."""
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英", seq=11)
    [res] = t.import_(v.export(t).path)
    assert res.accepted and res.sequence == 1
    return t, v, backup(v.engine, tmp_path / "usb" / "village.sqlite3").path


@pytest.mark.parametrize("old_first", [True, False], ids=["old-first", "new-first"])
def test_a_bundle_sent_after_the_backup_keeps_its_number(tmp_path: Path, old_first: bool) -> None:
    t, v, copy = start(tmp_path)
    only_there = register(v, "杨桂花", seq=12)
    old = v.export(t)  # on the USB stick, not yet imported at the township
    assert old.sequence == 2
    done = put_back(v, copy)  # e.g. a mistake undone, or a crash that left the file readable
    assert done.sync.replaced_readable
    [peer] = done.sync.peers
    assert (peer.office_code, peer.sent_after_backup, peer.next_sequence) == (TOWNSHIP, [2], 3)
    assert only_there not in ids(v)
    later = register(v, "龙春梅", seq=13)
    new = v.export(t)
    assert new.sequence == 3
    first, second = (old, new) if old_first else (new, old)
    [a] = t.import_(first.path)
    [b] = t.import_(second.path)
    assert a.accepted and b.accepted and a.code is None and b.code is None, (a.reason, b.reason)
    assert b.gaps == [] and equivocations(t) == 0
    with t.session() as s:  # the chain: bundle 3 names bundle 2's file as its predecessor
        chained = s.scalars(select(SyncBundle).where(SyncBundle.way == "in").order_by(SyncBundle.sequence)).all()
        assert [x.sequence for x in chained] == [1, 2, 3]
        assert chained[2].previous_sha256 == chained[1].sha256
    assert ids(v) <= ids(t) and {only_there, later} <= ids(t)
    # What only the replaced database had is at the township, and does not come back down by
    # itself (a version is never sent back to the office it came from): the note says so.
    [down] = v.import_(t.export(v).path)
    assert down.accepted and only_there not in ids(v)
    [res] = t.import_(v.export(t).path)
    assert res.accepted and res.sequence == 4 and res.gaps == []


def test_an_edit_after_the_restore_wins_over_the_replaced_databases_edit(tmp_path: Path) -> None:
    t, v, copy = start(tmp_path)
    [rid] = ids(v)
    with v.session() as s, s.begin():  # as after importing from a township whose clock runs an
        # hour fast: the office clock follows stamps up to a day ahead
        put_setting(s, CLOCK_KEY, Stamp(int(time.time() * 1000) + 3_600_000, 0, VILLAGE).encode())
    with v.session() as s, s.begin():
        edit_recipient(s, v.actor(s), rid, address="老屋")
    t.import_(v.export(t).path)
    put_back(v, copy)
    # The recovery the README asks for anyway (import the township's latest bundle first): the
    # numbering is not what this test is about.
    v.import_(t.export(v).path)
    with v.session() as s, s.begin():
        edit_recipient(s, v.actor(s), rid, address="新房")
    [res] = t.import_(v.export(t).path)
    assert res.accepted and res.code is None
    with t.session() as s:
        assert s.get(Recipient, rid).address == "新房"  # type: ignore[union-attr]
    with v.session() as s:
        assert get_setting(s, CLOCK_KEY) > Stamp(int(time.time() * 1000) + 3_000_000, 0, VILLAGE).encode()


def test_new_changes_are_not_taken_for_what_the_replaced_database_sent(tmp_path: Path) -> None:
    """The replaced database's bundle 2 carried change-log positions above the backup's; the
    restored database's new changes must not be numbered into them (they would pass for
    delivered once the township acknowledges bundle 2)."""
    t, v, copy = start(tmp_path)
    for n, name in enumerate(("张三丰", "李四海", "王五福", "赵六顺")):  # bundle 2 covers a wide range
        register(v, name, seq=20 + n)
    old = v.export(t)
    t.import_(old.path)
    down = t.export(v)  # acknowledges bundle 2
    saved = put_back(v, copy).previous_saved_as
    assert saved is not None
    with closing(sqlite3.connect(saved)) as db:
        replaced_top = db.execute("SELECT max(seq) FROM sync_changes").fetchone()[0]
    new_one = register(v, "龙春梅", seq=13)
    with v.session() as s:  # numbered above every position the replaced database logged
        assert s.scalar(text("SELECT seq FROM sync_changes WHERE record_id = :r"), {"r": new_one}) > replaced_top
    lost = v.export(t)  # bundle 3: its stick is lost
    assert lost.sequence == 3 and lost.counts.get("recipients") == 1
    [res] = v.import_(down.path)
    assert res.accepted
    with v.session() as s:
        peer = s.get(SyncPeer, TOWNSHIP)
        assert peer is not None and peer.acked_seq_out == 2
    again = v.export(t, resend=True)  # "export everything the township has not acknowledged"
    assert again.sequence == 4 and again.counts.get("recipients", 0) >= 1
    [res] = t.import_(again.path)
    assert res.accepted and new_one in ids(t)
    assert ids(v) <= ids(t)


def corrupt(office: Office) -> Path:
    path = Path(office.engine.url.database or "")
    office.engine.dispose()
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.write_bytes(b"\x00" * 8192)  # the disk failed under it
    return path


@pytest.mark.parametrize("old_first", [True, False], ids=["old-first", "new-first"])
def test_when_the_replaced_database_is_unreadable_numbers_it_may_have_used_are_set_aside(
        tmp_path: Path, old_first: bool) -> None:
    t, v, copy = start(tmp_path)
    only_there = register(v, "杨桂花", seq=12)
    old = v.export(t)
    corrupt(v)
    done = restore(v.engine, copy, current_office=None)
    assert not done.sync.replaced_readable
    assert done.previous_saved_as is not None and done.previous_saved_as.read_bytes() == b"\x00" * 8192
    [peer] = done.sync.peers
    assert peer.office_code == TOWNSHIP and peer.skipped == list(range(2, 12)) and peer.next_sequence == 12
    assert any("跳过" in zh for zh, _en in done.sync.notes())
    later = register(v, "龙春梅", seq=13)
    new = v.export(t)
    assert new.sequence == 12
    first, second = (old, new) if old_first else (new, old)
    [a] = t.import_(first.path)
    [b] = t.import_(second.path)
    assert a.accepted and b.accepted and equivocations(t) == 0, (a.reason, b.reason)
    assert b.gaps == []  # the township is not left waiting for the numbers set aside
    assert {only_there, later} <= ids(t) and ids(v) <= ids(t)


def test_cli_restore_tells_what_happened_to_sync(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, v, copy = start(tmp_path)
    register(v, "杨桂花", seq=12)
    v.export(t)
    db = str(v.engine.url.database)
    v.engine.dispose()
    assert main(["--db", db, "restore", str(copy), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["office_code"] == VILLAGE and out["previous_saved_as"]  # the keys there were
    sync = out["sync"]
    assert sync["replaced_readable"] is True
    [peer] = sync["peers"]
    assert peer == {"office_code": TOWNSHIP, "sent_after_backup": [2], "next_sequence": 3, "skipped": [],
                    "records_sent_after_backup": peer["records_sent_after_backup"]}
    assert peer["records_sent_after_backup"]["recipients"] == 1
    # what bundle 2 carried, in words, and that it does not come back by itself
    assert any("第 2 号" in line and "关爱对象 1 人" in line and "不会自动发回" in line for line in out["notes"])
    saved = Path(out["previous_saved_as"])
    # text output, and a restore over a file that is no database at all still works
    Path(db).write_bytes(b"not a database")
    assert main(["--db", db, "restore", str(copy)]) == 0
    text_out = capsys.readouterr().out
    assert "已从" in text_out and "跳过" in text_out and "导入" in text_out
    with closing(sqlite3.connect(saved)) as conn:
        assert conn.execute("SELECT last_seq_out FROM sync_peers").fetchone() == (2,)


def test_undoing_a_restore_keeps_what_was_sent_meanwhile(tmp_path: Path) -> None:
    """The saved database put back (the restore was the mistake) after a bundle went out from
    the restored one: the numbering goes on from that bundle, not from the saved database's."""
    t, v, copy = start(tmp_path)
    register(v, "杨桂花", seq=12)
    t.import_(v.export(t).path)  # 2
    saved = put_back(v, copy).previous_saved_as
    assert saved is not None
    register(v, "龙春梅", seq=13)
    t.import_(v.export(t).path)  # 3, from the restored database
    undo = put_back(v, saved)
    [peer] = undo.sync.peers
    assert (peer.sent_after_backup, peer.next_sequence) == ([3], 4)
    register(v, "石金花", seq=14)
    [res] = t.import_(v.export(t).path)
    assert res.accepted and res.sequence == 4 and res.gaps == [] and equivocations(t) == 0
    assert ids(v) <= ids(t)


def test_cli_restore_onto_a_new_laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, v, copy = start(tmp_path)
    db = tmp_path / "new-laptop" / "guanai.sqlite3"  # no database there yet
    assert main(["--db", str(db), "restore", str(copy), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["previous_saved_as"] is None and out["sync"]["replaced_readable"] is False
    assert out["sync"]["peers"][0]["next_sequence"] == 12 and any("先导入" in n for n in out["notes"])


def test_a_restore_cut_short_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A restore cut short (power cut, error) after the backup was copied must not leave the
    backup in place without the replaced database's sync state: a second try would carry
    forward from that, not from the real one, and reuse the number of the bundle on the stick."""
    t, v, copy = start(tmp_path)
    only_there = register(v, "杨桂花", seq=12)
    old = v.export(t)  # bundle 2, on the USB stick

    def power_cut(engine: object, replaced: object) -> None:
        raise RuntimeError("power cut")

    with monkeypatch.context() as m:
        m.setattr("app.sync.restore.carry_forward", power_cut)
        with pytest.raises(RuntimeError):
            put_back(v, copy)
    assert only_there in ids(v)  # still the database it was
    with v.session() as s:
        assert s.get(SyncPeer, TOWNSHIP).last_seq_out == 2  # type: ignore[union-attr]
    folder = Path(v.engine.url.database or "").parent
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    done = put_back(v, copy)  # tried again
    [peer] = done.sync.peers
    assert (peer.sent_after_backup, peer.next_sequence) == ([2], 3)
    register(v, "龙春梅", seq=13)
    new = v.export(t)
    assert new.sequence == 3
    results = t.import_(new.path, old.path)
    assert all(r.accepted for r in results) and equivocations(t) == 0
    assert only_there in ids(t) and ids(v) <= ids(t)


def test_cli_restore_refuses_a_server_database_with_a_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """PostgreSQL is backed up with its own tools: said so, not a traceback about a driver."""
    _t, _v, copy = start(tmp_path)
    assert main(["--db", "postgresql://guanai@localhost/county", "restore", str(copy)]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_a_key_changed_after_the_backup_stays_in_use(tmp_path: Path) -> None:
    """`guanai keys rotate` after the backup: the township retired the old key and seals to the
    new one. The restored database must sign and open with the new one, or sync stops both ways."""
    from app.sync.trust import rotate_keys

    t, v, copy = start(tmp_path)
    with v.session() as s, s.begin():
        rotate_keys(s, v.actor(s))
    [res] = t.import_(v.export(t).path)  # carries the announcement: the township takes the new key
    assert res.accepted
    down = t.export(v)  # sealed to the new key
    done = put_back(v, copy)
    later = register(v, "龙春梅", seq=13)
    [up] = t.import_(v.export(t).path)
    assert up.accepted, up.reason  # not signed by the retired key
    assert all(r.accepted for r in v.import_(down.path, t.export(v).path))  # opened with the new key
    assert later in ids(t)
    assert getattr(done.sync, "own_key_carried", False) and any("新密钥" in zh for zh, _en in done.sync.notes())


def test_a_bundle_sent_before_the_restore_and_lost_stays_missing_and_is_named(tmp_path: Path) -> None:
    """Bundle 2 left the replaced database and was lost on the way. The restored database
    cannot pack its records again, so its next bundle does not stand in for it: the township
    keeps reporting it missing, and the village's export says where its records are."""
    t, v, copy = start(tmp_path)
    register(v, "杨桂花", seq=12)
    lost = v.export(t)  # the USB stick is lost
    assert lost.sequence == 2
    put_back(v, copy)
    register(v, "龙春梅", seq=13)
    [res] = t.import_(v.export(t).path)
    assert res.accepted and res.sequence == 3 and res.gaps == [2]  # still missing at the township
    [down] = v.import_(t.export(v).path)  # its acknowledgements name bundle 2 missing
    assert down.accepted
    again = v.export(t)
    assert again.unrecoverable == [2] and again.repacked == []
    [res] = t.import_(again.path)
    assert res.accepted and res.gaps == [2]  # not papered over
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", str(v.dir / "db.sqlite3"), "bundle", "export", "--to", TOWNSHIP,
                     "--out", str(tmp_path / "b5.bundle")]) == 0
    assert "第 2 号数据包" in out.getvalue() and "before-restore" in out.getvalue()


def test_the_township_sends_everything_back_to_a_village_that_lost_its_data(tmp_path: Path) -> None:
    """A village restored from an old backup gets back, from one `bundle export --everything`
    of the township, the people and the edits that only the replaced database had: nothing
    lost, no conflict."""
    t, v, copy = start(tmp_path)
    [first] = ids(v)
    with v.session() as s, s.begin():
        edit_recipient(s, v.actor(s), first, phone="13912345678")
    later = register(v, "杨桂花", seq=12)
    [res] = t.import_(v.export(t).path)
    assert res.accepted
    put_back(v, copy)  # the disk failed; last week's backup
    assert later not in ids(v)
    usual = t.export(v)  # the usual export does not send a village its own records back
    [res] = v.import_(usual.path)
    assert res.accepted and later not in ids(v)
    back = t.export(v, everything=True)
    assert back.everything and back.counts.get("recipients", 0) >= 2
    [res] = v.import_(back.path)
    assert res.accepted and res.conflicts == 0, res
    assert later in ids(v)
    with v.session() as s:
        assert s.get_one(Recipient, first).phone == "13912345678"
    # and the two offices go on as before
    register(v, "龙春梅", seq=13)
    [res] = t.import_(v.export(t).path)
    assert res.accepted and res.gaps == [] and ids(v) == ids(t)


def test_a_lost_everything_bundle_is_sent_again_as_everything(tmp_path: Path) -> None:
    """The 全部重发 bundle's stick is lost: the next export, once the village reports it
    missing, is an everything bundle again (an ordinary one would leave out the village's own
    records, the very ones it lost, and yet close the gap)."""
    t, v, copy = start(tmp_path)
    later = register(v, "杨桂花", seq=12)
    [res] = t.import_(v.export(t).path)
    assert res.accepted
    put_back(v, copy)
    lost = t.export(v, everything=True)  # the stick with this one is lost
    [res] = v.import_(t.export(v).path)  # the next usual bundle arrives
    assert res.gaps == [lost.sequence] and later not in ids(v)
    [res] = t.import_(v.export(t).path)  # the village reports it missing
    assert res.accepted
    again = t.export(v)
    assert again.everything and lost.sequence in again.repacked and again.counts.get("recipients", 0) >= 2
    [res] = v.import_(again.path)
    assert res.accepted and res.gaps == [] and later in ids(v)
    [res] = t.import_(v.export(t).path)
    usual = t.export(v)  # delivered: back to the usual exports
    assert not usual.everything and "recipients" not in usual.counts
