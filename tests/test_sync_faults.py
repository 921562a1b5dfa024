"""Faults at the data level (issue 5, point 7): a database that is not this office's, an
equivocating sender, the process killed in the middle of an import, and the property that
offices exchanging bundles in any order end with the same data."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care import work, writes
from app.db import open_database
from app.models import CareRecord, Recipient, SyncBundle, SyncPeer
from app.sync.exchange import import_bundles, peer_states
from tests.sync_offices import (
    COUNTY,
    START,
    TOWNSHIP,
    VILLAGE,
    VILLAGE2,
    Office,
    chain,
    dump,
    make_office,
    now_stamp,
    register,
    row,
    seal_from,
    snapshot,
)

ROOT = Path(__file__).resolve().parent.parent


def test_a_database_without_an_office_or_of_another_office_takes_nothing(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英")
    bundle = v.export(t).path
    bare = open_database(tmp_path / "bare.sqlite3")
    before = dump(bare)
    [res] = import_bundles(bare, [bundle])
    assert not res.accepted and res.code == "not_this_office" and "guanai init" in (res.reason or "")
    assert dump(bare) == before
    other = make_office(tmp_path, "522631101")  # another township
    before = dump(other.engine)
    [res] = other.import_(bundle)
    assert not res.accepted and res.code in ("not_addressed_here", "undecryptable")
    assert dump(other.engine) == before


def test_a_different_bundle_reusing_a_sequence_number_is_refused_and_flagged(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    first = v.export(t)
    t.import_(first.path)
    with v.session() as s, s.begin():  # a copied laptop, or a forger with the key: number 1 again
        peer = s.get(SyncPeer, TOWNSHIP)
        peer.last_seq_out, peer.last_sha256_out = 0, None
        writes.update(s, v.actor(s), s.get(Recipient, rid), phone="13800000009")
    forged = v.export(t)
    assert forged.sequence == 1
    before = snapshot(t.engine)
    [res] = t.import_(forged.path)
    assert not res.accepted and res.code == "equivocation" and "矛盾" in (res.reason or "")
    assert snapshot(t.engine) == before
    with t.session() as s:
        flagged = s.scalars(select(SyncBundle).where(SyncBundle.equivocation.is_(True))).all()
        assert {b.result for b in flagged} == {"imported", "equivocation"}
        assert s.get(Recipient, rid).phone is None  # type: ignore[union-attr]


# A bundle import that, once the merge has written its first table inside the transaction,
# writes the marker file and waits to be killed (the pause is the test's, wrapped around the
# merge from outside: the product has no hook for it).
PAUSED_IMPORT = """
import sys, time
from pathlib import Path
from app.db import open_database
from app.sync import merge
from app.sync.exchange import import_bundles

real = merge._merge_table

def merge_then_wait(*args, **kwargs):
    real(*args, **kwargs)
    Path(sys.argv[3]).write_text("merging")
    time.sleep(120)

merge._merge_table = merge_then_wait
print(import_bundles(open_database(sys.argv[1]), [Path(sys.argv[2])]))
"""


def test_killed_in_the_middle_of_an_import_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    for i in range(3):
        rid = register(v, f"吴秀{'英兰芳'[i]}", seq=12 + 2 * i)
        with v.session() as s, s.begin():
            work.log_call(s, v.actor(s), rid, reached=True, on=START)
    bundle = v.export(t).path
    t.engine.dispose()
    before = dump(t.engine)
    marker = tmp_path / "merging"
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_IMPORT, str(t.dir / "db.sqlite3"), str(bundle), str(marker)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():  # the merge has written its first table and waits
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the import never reached the merge"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert dump(t.engine) == before
    [res] = t.import_(bundle)
    assert res.accepted and res.inserted >= 9
    with t.session() as s:
        assert s.scalar(select(func.count()).select_from(CareRecord)) == 3


# ---- three offices exchanging bundles in any order end with the same data -----------------

_TEMPLATE: dict[str, Path] = {}
PAIRS = [(VILLAGE, TOWNSHIP), (TOWNSHIP, VILLAGE), (TOWNSHIP, COUNTY), (COUNTY, TOWNSHIP)]
COMPARED = ("recipients", "household_members", "status_events", "care_records", "supervision_visits")


def _template(tmp: Path) -> Path:
    """County, township and village set up and trusting each other, with two recipients the
    village registered and everyone has: built once per test (its keys are in the test's own
    data directory), copied for every example."""
    home = os.environ["GUANAI_HOME"]
    if _TEMPLATE.get("home") != Path(home):
        _TEMPLATE.clear()
    if "dir" not in _TEMPLATE:
        base = tmp / "template"
        o = chain(base, COUNTY, TOWNSHIP, VILLAGE, VILLAGE2)  # VILLAGE2 lies (see _forge)
        ids = [register(o[VILLAGE], "吴秀英", seq=12), register(o[VILLAGE], "杨桂花", seq=14)]
        _settle(o)
        for office in o.values():
            office.engine.dispose()
        (base / "ids").write_text(" ".join(ids))
        _TEMPLATE["dir"], _TEMPLATE["home"] = base, Path(home)
    return _TEMPLATE["dir"]


def _settle(o: dict[str, Office]) -> int:
    """Exchange up and down the chain, every bundle arriving, until two rounds in a row carry
    no records: bundles lost before are recovered on the way, as a gap the receiver reports
    and the sender fills. Returns the rounds it took."""
    quiet = 0
    for rounds in range(1, 9):
        moved = False
        for a, b in PAIRS:
            bundle = o[a].export(o[b])
            moved |= not bundle.empty
            for res in o[b].import_(bundle.path):
                assert res.accepted, res.reason
        quiet = 0 if moved else quiet + 1
        if quiet == 2:
            return rounds
    raise AssertionError("the offices kept sending records to each other")


step = st.one_of(
    st.tuples(st.just("phone"), st.integers(0, 1), st.integers(0, 99)),  # the village edits
    st.tuples(st.just("status_date"), st.sampled_from([VILLAGE, TOWNSHIP, COUNTY]), st.integers(0, 1),
              st.integers(1, 28)),
    st.tuples(st.just("call"), st.sampled_from([VILLAGE, TOWNSHIP, COUNTY]), st.integers(0, 1)),
    st.tuples(st.just("uncall"), st.sampled_from([VILLAGE, TOWNSHIP, COUNTY])),
    st.tuples(st.just("member"), st.integers(0, 1)),
    st.tuples(st.just("unmember"),),
    st.tuples(st.just("visit"), st.sampled_from([TOWNSHIP, COUNTY])),
    st.tuples(st.just("export"), st.integers(0, 3)),
    st.tuples(st.just("resend"), st.integers(0, 3)),  # everything not acknowledged, again
    st.tuples(st.just("import"), st.integers(0, 50)),
    st.tuples(st.just("lose"), st.integers(0, 50)),  # a file that never arrives
    st.tuples(st.just("forge"), st.sampled_from(["claim", "own_name", "create"]), st.integers(0, 1)),
)
FORGED_PHONE = "13999999999"


def _forge(o: dict[str, Office], ids: list[str], kind: str, which: int) -> None:
    """The other village, with its own good keys, sends the township a bundle changing the
    first village's people: said to be the first village's change, made in its own name, or
    a new person registered in the first village. Refused, or held and listed: never applied."""
    t, liar = o[TOWNSHIP], o[VILLAGE2]
    victim = row(t, "recipients", ids[which])
    author = VILLAGE if kind == "claim" else VILLAGE2
    stamp = now_stamp(author)
    victim.update(phone=FORGED_PHONE, hlc=stamp, modified_office=author,
                  _v={"phone": {author: stamp, "by": stamp}})
    if kind == "create":
        victim.update(id=f"01900000-0000-7000-8000-{which:012d}", origin_office=VILLAGE2, _v={})
        victim.pop("_v")
    [res] = t.import_(seal_from(liar, TOWNSHIP, {"recipients": [victim]}, name=f"forged-{kind}"))
    assert (res.accepted and res.held and res.updated == res.inserted == 0) or res.code == "out_of_scope", res


def _apply(o: dict[str, Office], ids: list[str], s: tuple, pending: list[tuple[str, Path]]) -> None:  # type: ignore[type-arg]
    kind = s[0]
    if kind == "forge":
        _forge(o, ids, s[1], s[2])
        return
    if kind in ("export", "resend"):
        a, b = PAIRS[s[1]]
        pending.append((b, o[a].export(o[b], resend=kind == "resend").path))
        return
    if kind == "import":
        if pending:
            to, path = pending[s[1] % len(pending)]  # any order, replays included
            assert all(r.accepted for r in o[to].import_(path))
        return
    if kind == "lose":
        if pending:
            pending.pop(s[1] % len(pending))
        return
    office = {"phone": VILLAGE, "member": VILLAGE, "unmember": VILLAGE, "visit": s[1] if kind == "visit" else None}
    code = office.get(kind) or s[1]
    with Session(o[code].engine) as ses, ses.begin():
        actor = o[code].actor(ses)
        if kind == "phone":
            writes.update(ses, actor, ses.get(Recipient, ids[s[1]]), phone=f"13800000{s[2]:03d}")
        elif kind == "status_date":
            r = ses.get(Recipient, ids[s[2]])
            if not r.deleted:
                writes.update(ses, actor, r, status_date=dt.date(2026, 2, s[3]))
        elif kind == "call":
            work.log_call(ses, actor, ids[s[2]], reached=True, on=START)
        elif kind == "uncall":
            mine = ses.scalars(select(CareRecord).where(CareRecord.origin_office == code,
                                                        CareRecord.deleted.is_(False))).first()
            if mine is not None:
                writes.delete(ses, actor, mine)
        elif kind == "member":
            from app.models import HouseholdMember

            writes.create(ses, actor, HouseholdMember, recipient_id=ids[s[1]], name="吴大军", relation="son",
                          works_away=True, can_guard=True)
        elif kind == "unmember":
            from app.models import HouseholdMember

            m = ses.scalars(select(HouseholdMember).where(HouseholdMember.deleted.is_(False))).first()
            if m is not None:
                writes.delete(ses, actor, m)
        elif kind == "visit":
            from app.models import SupervisionVisit

            writes.create(ses, actor, SupervisionVisit, village_code=VILLAGE, period="2026-Q1",
                          visited_on=START, supervisor="督导员", findings="正常")


@contextmanager
def _exchanged(tmp: Path, steps: list[tuple]) -> Iterator[tuple[dict[str, Office], list[str]]]:  # type: ignore[type-arg]
    """A copy of the template, the steps applied, then every office settled with its
    neighbours (bundles still pending are lost); the offices and the two recipients' ids."""
    run = tmp / f"run-{time.monotonic_ns()}"
    shutil.copytree(_template(tmp), run)
    ids = (run / "ids").read_text().split()
    o = {c: Office(c, open_database(run / c / "db.sqlite3"), run / c) for c in (COUNTY, TOWNSHIP, VILLAGE, VILLAGE2)}
    try:
        pending: list[tuple[str, Path]] = []
        for s in steps:
            _apply(o, ids, s, pending)
        _settle(o)
        yield o, ids
    finally:
        for office in o.values():
            office.engine.dispose()
        shutil.rmtree(run, ignore_errors=True)


def _assert_converged(o: dict[str, Office], ids: list[str]) -> None:
    """The county and the township hold the same; the village the same of its own people."""
    county, township = snapshot(o[COUNTY].engine, COMPARED), snapshot(o[TOWNSHIP].engine, COMPARED)
    assert county == township
    scope = {"care_records": f"recipient_id IN ('{ids[0]}', '{ids[1]}')"}
    assert snapshot(o[VILLAGE].engine, COMPARED, where=scope) == snapshot(o[TOWNSHIP].engine, COMPARED, where=scope)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=3, max_size=12))
def test_three_offices_exchanging_bundles_in_any_order_end_with_the_same_data(tmp_path: Path, steps) -> None:  # type: ignore[no-untyped-def]
    with _exchanged(tmp_path, steps) as (o, ids):  # whatever is still pending is lost: recovered by the gap reports
        _assert_converged(o, ids)
        for office in (o[COUNTY], o[TOWNSHIP], o[VILLAGE]):  # nothing forged went in anywhere
            with office.session() as ses:
                assert FORGED_PHONE not in set(ses.scalars(select(Recipient.phone)))
                assert ses.scalar(select(func.count()).select_from(Recipient)) == 2
        for office in (o[COUNTY], o[TOWNSHIP], o[VILLAGE]):  # nothing missing anywhere, nothing left to pack again
            with office.session() as ses:
                for state in peer_states(ses):
                    if state.office_code == VILLAGE2:
                        continue
                    assert state.gaps == [] and state.lost_there == [], (office.code, state)


@pytest.mark.parametrize("steps", [
    # the county and the township change one field; the township's resend to the village is
    # lost; the county's bundle then brings the township's own value back joined with its own
    [("status_date", COUNTY, 1, 10), ("status_date", TOWNSHIP, 1, 4), ("resend", 1)],
    # the same going up: a village's value joined with the township's, the bundle up lost
    [("status_date", TOWNSHIP, 0, 4), ("status_date", VILLAGE, 0, 9), ("resend", 2), ("resend", 0)],
])
def test_a_value_joined_in_a_merge_still_reaches_the_office_a_bundle_was_lost_to(tmp_path: Path, steps) -> None:  # type: ignore[no-untyped-def]
    """Found by the property above: the township held its own value of a record, marked as
    brought by the county's bundle (the county had joined it with its own); it left the record
    to the county's relayed layer, which the village does not believe for a value the township
    wrote, so the village never had it. A version is left to a relayed layer only when its
    author wrote all of it."""
    with _exchanged(tmp_path, steps) as (o, ids):  # the resent bundle never arrives
        _assert_converged(o, ids)
        with o[VILLAGE].session() as ses:
            dates = {r.status_date for r in ses.scalars(select(Recipient))}
        assert dt.date(2026, 2, 4) in dates or dt.date(2026, 2, 9) in dates


def test_a_signed_bundle_with_a_malformed_record_is_refused_whole(tmp_path: Path) -> None:
    """Well sealed, but one record of the second table is wrong: nothing of it is merged."""
    import json

    from app.sync import envelope

    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英")
    good = v.export(t)
    t.import_(good.path)
    with v.session() as s:  # the same records again, one care record with a date that is not one
        rid = s.scalars(select(Recipient.id)).one()
    line = {"id": "01a2242b-0000-7000-8000-000000000001", "origin_office": VILLAGE, "modified_office": VILLAGE,
            "hlc": "1767225600000.00000." + VILLAGE, "deleted": False, "recipient_id": rid,
            "kind": "phone_followup", "occurred_on": "2026-02-30", "recorded_by": "王", "note": None,
            "reached": True, "problems": None, "needs_action": False, "visitors": None, "findings": None,
            "items": None, "value_fen": None, "donor": None}
    member = {**line, "id": "01a2242b-0000-7000-8000-000000000002", "occurred_on": "2026-01-02"}
    parts = {"care_records.jsonl": (json.dumps(member) + "\n" + json.dumps(line) + "\n").encode(),
             "acks.json": b'{"imported": [], "imported_max": 0}'}
    with v.session() as s, s.begin():
        data, _ = envelope.seal(s, to_office=TOWNSHIP, sequence=2, previous_sha256=None, parts=parts,
                                counts={"care_records": 2})
    path = tmp_path / "bad.bundle"
    path.write_bytes(data)
    before = dump(t.engine)
    [res] = t.import_(path)
    assert not res.accepted and res.code == "bad_record" and "care_records" in (res.reason or "")
    assert dump(t.engine) == before


@pytest.mark.parametrize("acks", [b"[1, 2]", b"{not json", b'{"imported": ["1"]}', b'{"imported": [1], "missing": 2}',
                                  b'{"imported": [], "resent": [true]}'])
def test_signed_acknowledgements_that_are_malformed_refuse_the_bundle(tmp_path: Path, acks: bytes) -> None:
    from app.sync import envelope

    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    with v.session() as s, s.begin():
        data, _ = envelope.seal(s, to_office=TOWNSHIP, sequence=1, previous_sha256=None,
                                parts={"acks.json": acks}, counts={})
    path = tmp_path / "bad-acks.bundle"
    path.write_bytes(data)
    before = dump(t.engine)
    [res] = t.import_(path)
    assert not res.accepted and res.code == "bad_record" and "确认信息" in (res.reason or "")
    assert dump(t.engine) == before
