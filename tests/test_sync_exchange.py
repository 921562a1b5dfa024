"""Exporting and importing bundles: what travels where, acknowledgements, replays, order,
relaying, duplicates and attachment files (issue 5, points 3, 4 and 6)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select, text

from app.care import work, writes
from app.care.attachments import attach_file, blob_path, store_dir_for
from app.care.lifecycle import report
from app.models import AuditEntry, CareRecord, Recipient, SyncBundle
from app.sync.conflicts import list_conflicts
from tests.sync_offices import (
    COUNTY,
    START,
    TOWNSHIP,
    VILLAGE,
    VILLAGE2,
    chain,
    dump,
    register,
    snapshot,
)


def log_call(office, rid: str, on: dt.date = START) -> str:  # type: ignore[no-untyped-def]
    with office.session() as s, s.begin():
        return work.log_call(s, office.actor(s), rid, reached=True, on=on, note="通了").id


def test_a_village_bundle_arrives_whole_and_a_replay_changes_nothing(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    cid = log_call(v, rid)
    b = v.export(t)
    assert b.sequence == 1 and b.counts["recipients"] == 1 and b.counts["care_records"] == 1
    [first] = t.import_(b.path)
    assert first.accepted and not first.already_imported and first.inserted >= 3
    with t.session() as s:
        r = s.get(Recipient, rid)
        assert r is not None and r.origin_office == VILLAGE and r.village_code == VILLAGE
        care = s.get(CareRecord, cid)
        assert care is not None and care.origin_office == VILLAGE and care.note == "通了"
        with v.session() as vs:  # the original clock is kept
            assert care.hlc == vs.get(CareRecord, cid).hlc  # type: ignore[union-attr]
    before = dump(t.engine)
    [again] = t.import_(b.path)
    assert again.accepted and again.already_imported and "已经导入过" in (again.reason or "")
    assert (again.inserted, again.updated) == (0, 0)
    assert dump(t.engine) == before


def test_the_import_is_audited_with_what_it_added(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    b = v.export(t)
    t.import_(b.path)
    with t.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert entry.record_id == b.bundle_id
        info = json.loads(entry.changes_json)["bundle"][1]
        assert info["from"] == VILLAGE and info["sequence"] == 1
        assert rid in info["inserted_ids"]["recipients"]


def opened(receiver, result):  # type: ignore[no-untyped-def]
    """A bundle as the office it is addressed to reads it (manifest and parts)."""
    from app.sync.envelope import open_envelope

    with receiver.session() as s:
        return open_envelope(s, result.path.read_bytes())


def test_exporting_twice_with_nothing_new_gives_a_bundle_without_records(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    first = v.export(t)
    assert first.counts["recipients"] == 1 and not first.empty
    again = v.export(t)  # straight after: what the first carried is not packed again
    assert again.sequence == 2 and again.empty and again.counts == {} and again.repacked == []
    bundle = opened(t, again)
    assert bundle.manifest.counts == {} and bundle.manifest.sequence == 2
    assert set(bundle.parts) == {"acks.json"}  # a valid, numbered bundle carrying acknowledgements
    assert bundle.manifest.previous_sha256 == opened(t, first).sha256
    assert json.loads(bundle.parts["acks.json"]) == {"imported": [], "imported_max": 0, "missing": []}
    results = t.import_(first.path, again.path)
    assert all(r.accepted for r in results) and results[1].inserted == 0 and results[1].gaps == []
    down = t.export(v)  # carries the township's acknowledgement of both
    assert json.loads(opened(v, down).parts["acks.json"]) == {"imported": [1, 2], "imported_max": 2, "missing": []}
    v.import_(down.path)
    after_ack = v.export(t)
    assert after_ack.empty and after_ack.counts == {} and after_ack.sequence == 3
    assert v.export(t).empty  # twice with nothing new: empty, not an error
    log_call(v, rid)
    only_new = v.export(t)
    assert only_new.counts == {"care_records": 1}
    [res] = t.import_(only_new.path)
    assert res.accepted and res.inserted == 1
    with v.session() as s:
        acked = s.scalars(select(SyncBundle).where(SyncBundle.way == "out", SyncBundle.acked_at.is_not(None))).all()
        assert sorted(b.sequence for b in acked) == [1, 2]


def test_a_lost_bundle_is_packed_again_once_the_gap_report_comes_back(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    elder = register(v, "吴秀英")
    photo = tmp_path / "kitchen.jpg"
    photo.write_bytes(b"\xff\xd8\xff the kitchen" * 200)
    with v.session() as s, s.begin():
        sha = attach_file(s, v.actor(s), store_dir_for(v.engine), source=photo, owner_table="recipients",
                          owner_id=elder).sha256
    lost = v.export(t)  # the USB stick is lost on the way
    assert lost.counts["attachment_files"] == 1
    other = register(v, "杨桂花", seq=14)
    call = log_call(v, other)
    second = v.export(t)  # only what is new since the lost one
    assert second.counts == {"recipients": 1, "status_events": 1, "care_records": 1}
    [res] = t.import_(second.path)
    assert res.accepted and res.gaps == [1]
    with t.session() as s:
        assert s.get(Recipient, elder) is None and s.get(CareRecord, call) is not None
    down = t.export(v)  # the acknowledgement names the missing bundle
    assert json.loads(opened(v, down).parts["acks.json"]) == {"imported": [2], "imported_max": 2, "missing": [1]}
    v.import_(down.path)
    from app.sync.exchange import peer_states

    with v.session() as s:
        assert peer_states(s)[0].lost_there == [1]
    third = v.export(t)  # the lost bundle's records and file again, and nothing of the second
    assert third.repacked == [1]
    assert third.counts == lost.counts
    parts = opened(t, third).parts
    assert parts.keys() >= {"recipients.jsonl", "attachments.jsonl", f"attachments/{sha}"}
    assert json.loads(parts["acks.json"])["resent"] == [1]  # it stands in for the lost one
    assert v.export(t).empty  # on its way now: not packed a third time
    [res] = t.import_(third.path)
    assert res.accepted and res.gaps == []  # bundle 1 never arrived, but its records did
    with t.session() as s:
        assert s.get(Recipient, elder) is not None
    assert blob_path(store_dir_for(t.engine), sha).read_bytes() == photo.read_bytes()
    tables = ("recipients", "status_events", "care_records", "attachments")
    assert snapshot(t.engine, tables) == snapshot(v.engine, tables)
    v.import_(t.export(v).path)  # acknowledges the third: nothing is lost any more
    with v.session() as s:
        assert peer_states(s)[0].lost_there == []
    assert v.export(t).empty
    [late] = t.import_(lost.path)  # the lost stick turns up after all: merged, changes nothing
    assert late.accepted and late.inserted == 0 and late.updated == 0 and late.gaps == []


def test_resend_packs_everything_not_acknowledged(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    elder = register(v, "吴秀英")
    photo = tmp_path / "kitchen.jpg"
    photo.write_bytes(b"\xff\xd8\xff the kitchen" * 200)
    with v.session() as s, s.begin():
        attach_file(s, v.actor(s), store_dir_for(v.engine), source=photo, owner_table="recipients", owner_id=elder)
    lost = v.export(t)  # lost, and nothing has come back from the township
    assert v.export(t).empty
    again = v.export(t, resend=True)
    assert again.resend and again.sequence == 3 and again.counts == lost.counts
    assert opened(t, again).parts.keys() == opened(t, lost).parts.keys()
    [res] = t.import_(again.path)
    assert res.accepted and res.gaps == []  # 3 stands in for 1 and 2
    tables = ("recipients", "status_events", "attachments")
    assert snapshot(t.engine, tables) == snapshot(v.engine, tables)
    v.import_(t.export(v).path)  # acknowledges 3
    log_call(v, elder)
    assert v.export(t, resend=True).counts == {"care_records": 1}  # only what is not acknowledged


def test_bundles_out_of_order_merge_and_the_gap_shows_until_the_missing_one_arrives(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    one = v.export(t)
    with v.session() as s, s.begin():
        writes.update(s, v.actor(s), s.get(Recipient, rid), phone="13800000001")
    two = v.export(t)
    [r2] = t.import_(two.path)
    assert r2.accepted and r2.sequence == 2 and r2.gaps == [1]
    [r1] = t.import_(one.path)  # the older version does not overwrite the newer
    assert r1.accepted and r1.gaps == []
    with t.session() as s:
        assert s.get(Recipient, rid).phone == "13800000001"  # type: ignore[union-attr]


def test_several_files_import_oldest_first(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英")
    paths = [v.export(t).path for _ in range(3)]
    results = t.import_(*reversed(paths))
    assert [r.sequence for r in results] == [3, 2, 1] and all(r.accepted for r in results)
    with t.session() as s:
        order = s.scalars(select(SyncBundle.sequence).where(SyncBundle.way == "in").order_by(SyncBundle.seq)).all()
    assert order == [1, 2, 3]
    assert all(r.gaps == [] for r in results)


def test_township_keeps_every_village_and_reports_a_possible_duplicate(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE, VILLAGE2)
    t, v1, v2 = o[TOWNSHIP], o[VILLAGE], o[VILLAGE2]
    a = register(v1, "吴秀英", seq=12)
    b = register(v1, "杨桂花", seq=14)
    log_call(v1, a)
    c = register(v2, "吴秀英", seq=12)  # the same ID number in another village
    d = register(v2, "石玉兰", seq=16)
    log_call(v2, d)
    res = t.import_(v1.export(t).path, v2.export(t).path)
    assert [r.accepted for r in res] == [True, True]
    assert res[0].duplicates + res[1].duplicates == 1
    for v, ids in ((v1, {a, b}), (v2, {c, d})):
        theirs = snapshot(v.engine, ("recipients", "care_records", "status_events"))
        here = snapshot(t.engine, ("recipients", "care_records", "status_events"),
                        where={"recipients": f"village_code = '{v.code}'",
                               "care_records": f"origin_office = '{v.code}'",
                               "status_events": f"origin_office = '{v.code}'"})
        assert here == theirs  # every record intact, marked with its village
        with t.engine.connect() as conn:
            assert set(conn.execute(text("SELECT id FROM recipients WHERE village_code = :v"),
                                    {"v": v.code}).scalars()) == ids
    with t.session() as s:
        dups = [c for c in list_conflicts(s) if c.reason == "possible_duplicate"]
    assert len(dups) == 1
    assert {dups[0].record_id, dups[0].local_value["id"]} == {a, c}
    assert {dups[0].local_value["village_code"], dups[0].remote_value["village_code"]} == {VILLAGE, VILLAGE2}


def test_down_bundles_carry_only_what_concerns_that_village(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE, VILLAGE2)
    t, v1, v2 = o[TOWNSHIP], o[VILLAGE], o[VILLAGE2]
    a = register(v1, "吴秀英", seq=12)
    c = register(v2, "石玉兰", seq=16)
    t.import_(v1.export(t).path, v2.export(t).path)
    with t.session() as s, s.begin():  # the township enters the county's paper decision for each
        actor = t.actor(s)
        for rid in (a, c):
            report(s, actor, rid, on=START)
        work.log_call(s, actor, c, reached=True, on=START)
    down = t.export(v1)
    assert set(down.counts) <= {"offices", "recipients", "status_events", "care_rules"}
    v1.import_(down.path)
    with v1.session() as s:
        assert s.scalar(select(func.count()).select_from(Recipient).where(Recipient.id == c)) == 0
        assert s.scalar(select(func.count()).select_from(CareRecord)) == 0
        assert s.get(Recipient, a).status == "reported"  # type: ignore[union-attr]
        assert s.scalar(text("SELECT count(*) FROM status_events WHERE recipient_id = :i"), {"i": c}) == 0


def test_a_township_relays_its_villages_up_with_their_office_and_clock(tmp_path: Path) -> None:
    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    c, t, v = o[COUNTY], o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    log_call(v, rid)
    t.import_(v.export(t).path)
    [res] = c.import_(t.export(c).path)
    assert res.accepted and res.from_office == TOWNSHIP
    tables = ("recipients", "care_records", "status_events")
    assert snapshot(c.engine, tables) == snapshot(v.engine, tables)
    with c.session() as s:
        assert s.get(Recipient, rid).origin_office == VILLAGE  # type: ignore[union-attr]


def test_attachment_files_travel_by_hash_once(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    photo = tmp_path / "visit.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo of the kitchen" * 100)
    with v.session() as s, s.begin():
        att = attach_file(s, v.actor(s), store_dir_for(v.engine), source=photo, owner_table="recipients",
                          owner_id=rid)
        sha = att.sha256
    first = v.export(t)
    assert first.counts["attachment_files"] == 1
    t.import_(first.path)
    assert blob_path(store_dir_for(t.engine), sha).read_bytes() == photo.read_bytes()
    v.import_(t.export(v).path)  # acknowledges
    with v.session() as s, s.begin():  # a second record of the same file
        attach_file(s, v.actor(s), store_dir_for(v.engine), source=photo, owner_table="recipients",
                    owner_id=rid, caption="again")
    second = v.export(t)
    assert second.counts == {"attachments": 1}  # the record, not the file again
    [res] = t.import_(second.path)
    assert res.accepted and res.inserted == 1


def test_the_command_line_exports_imports_and_lists_conflicts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英")
    vdb, tdb = str(v.dir / "db.sqlite3"), str(t.dir / "db.sqlite3")
    out = tmp_path / "up.bundle"
    assert main(["--db", vdb, "bundle", "export", "--to", TOWNSHIP, "--out", str(out), "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["sequence"] == 1 and exported["counts"]["recipients"] == 1
    twice = tmp_path / "twice.bundle"  # straight after: nothing new, not an error
    assert main(["--db", vdb, "bundle", "export", "--to", TOWNSHIP, "--out", str(twice)]) == 0
    said = capsys.readouterr()
    assert "第 2 号" in said.out and "没有新的记录" in said.out and "--resend" in said.err
    again = tmp_path / "again.bundle"
    assert main(["--db", vdb, "bundle", "export", "--to", TOWNSHIP, "--out", str(again), "--resend", "--json"]) == 0
    resent = json.loads(capsys.readouterr().out)
    assert resent["sequence"] == 3 and resent["resend"] and resent["counts"] == exported["counts"]
    assert not resent["empty"] and resent["repacked"] == []
    assert main(["--db", tdb, "bundle", "import", str(out), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert {"file", "accepted", "reason", "from", "sequence", "inserted", "updated", "unchanged",
            "conflicts"} <= set(row)
    assert row["accepted"] and row["from"] == VILLAGE and row["sequence"] == 1 and row["inserted"] >= 2
    assert main(["--db", tdb, "bundle", "import", str(out)]) == 0  # a replay says so, exit 0
    assert "已经导入过" in capsys.readouterr().out
    junk = tmp_path / "junk.bundle"
    junk.write_bytes(b"not a bundle")
    assert main(["--db", tdb, "bundle", "import", str(junk), "--json"]) == 1
    [bad] = json.loads(capsys.readouterr().out)
    assert not bad["accepted"] and bad["reason"]
    assert main(["--db", tdb, "conflicts", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_demo_village_history_arrives_intact(tmp_path: Path) -> None:
    """Rows loaded in bulk (not through the change log) go in the first bundle all the same."""
    from app.db import open_database
    from app.demo.generate import generate_demo
    from app.sync.records import TABLES
    from tests.sync_offices import Office, make_office, trust_pair

    vdir = tmp_path / "demo-village"
    vdir.mkdir()
    engine = open_database(vdir / "db.sqlite3")
    generate_demo(engine, scale="village", today=dt.date(2026, 11, 28))
    v = Office(VILLAGE, engine, vdir)
    t = make_office(tmp_path, TOWNSHIP)
    trust_pair(t, v)
    b = v.export(t)
    assert b.counts["care_records"] > 1000
    [res] = t.import_(b.path)
    assert res.accepted and res.conflicts == 0 and res.duplicates == 0
    tables = tuple(x for x in TABLES if x not in ("offices", "care_rules"))
    # The village's own records arrive whole. The generator also gave it records the county
    # and the township made (units, supervision visits, assessments): a village's word is no
    # proof of what other offices made, so those wait, listed, for their makers' own layers.
    mine = {x: f"origin_office = '{VILLAGE}'" for x in tables}
    assert snapshot(t.engine, tables, where=mine) == snapshot(v.engine, tables, where=mine)
    others = {x: f"origin_office <> '{VILLAGE}'" for x in tables}
    theirs = {x: rows for x, rows in snapshot(v.engine, tables, where=others).items() if rows}
    assert theirs and {h["table"] for h in res.held} == set(theirs)
    assert len(res.held) == sum(map(len, theirs.values()))
    assert all(h["reason"] == "unproven" and h["office"] == VILLAGE for h in res.held)
    assert not any(snapshot(t.engine, tables, where=others).values())


def test_peer_states_show_what_was_sent_acknowledged_and_missing(tmp_path: Path) -> None:
    from app.sync.exchange import peer_states

    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英")
    v.export(t)
    second = v.export(t)
    t.import_(second.path)
    v.import_(t.export(v).path)
    with t.session() as s:
        [state] = peer_states(s)
        assert (state.office_code, state.last_sent, state.last_received, state.gaps) == (VILLAGE, 1, 2, [1])
    with v.session() as s:
        [state] = peer_states(s)
        assert (state.last_sent, state.acknowledged, state.last_received, state.gaps) == (2, 2, 1, [])
        assert state.lost_there == [1]  # the township imported 2 but not 1: packed again next time


def test_an_office_restored_from_a_backup_gets_back_what_it_had_lost(tmp_path: Path) -> None:
    import sqlite3

    from app.db import open_database
    from tests.sync_offices import Office

    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英")
    t.import_(v.export(t).path)
    db = t.dir / "db.sqlite3"
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(db) as src, sqlite3.connect(backup) as dst:
        src.backup(dst)
    later = register(v, "杨桂花", seq=14)
    t.import_(v.export(t).path)
    v.import_(t.export(v).path)  # the village's second bundle is acknowledged
    t.engine.dispose()  # the township's disk fails: its backup goes back in place
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    backup.replace(db)
    t = Office(TOWNSHIP, open_database(db), t.dir, t.sent)
    with t.session() as s:
        assert s.get(Recipient, later) is None
    [res] = t.import_(v.export(t).path)  # nothing new, but it shows the gap
    assert res.accepted and res.gaps == [2]
    down = t.export(v)  # the village had its bundle 1: this one is 2, not 1 again
    assert down.sequence == 2
    [res] = v.import_(down.path)  # "missing: 2", from the township's latest bundle
    assert res.accepted and res.code is None
    again = v.export(t)
    assert again.repacked == [2] and again.counts["recipients"] == 1
    [res] = t.import_(again.path)
    assert res.accepted and res.gaps == []
    with t.session() as s:
        assert s.get(Recipient, later) is not None
