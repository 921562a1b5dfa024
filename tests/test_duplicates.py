"""Issue 13, point 5: possible duplicates listed at the township and the county, decided both
ways, the decision arriving at both villages, and no record lost."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.care import lifecycle as lc
from app.care.errors import ServiceError
from app.cli import main
from app.models import DuplicateDecision, Recipient, StatusEvent, SyncConflict
from app.oversight.duplicates import decide_duplicate, list_duplicates, pair_key
from app.sync.records import TABLES
from tests.sync_offices import (
    COUNTY,
    TOWNSHIP,
    VILLAGE,
    VILLAGE2,
    Office,
    chain,
    register,
    snapshot,
)

ON = dt.date(2026, 6, 30)
TOWNSHIP2, VILLAGE3 = "522631101", "522631101201"
SAME_BIRTH = dt.date(1950, 3, 1)


@pytest.fixture
def county(tmp_path: Path) -> dict[str, Office]:
    """吴秀英 registered in two villages with one ID number; two 杨桂花 with one birth date
    and different ID numbers; a third, in another township, like the first."""
    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE, VILLAGE2, TOWNSHIP2, VILLAGE3)
    ids = {
        "wu1": register(o[VILLAGE], "吴秀英", birth=SAME_BIRTH, seq=12),
        "wu2": register(o[VILLAGE2], "吴秀英", birth=SAME_BIRTH, seq=12),
        "yang1": register(o[VILLAGE], "杨桂花", birth=dt.date(1952, 8, 8), seq=20),
        "yang2": register(o[VILLAGE2], "杨桂花", birth=dt.date(1952, 8, 8), seq=22),
        "long1": register(o[VILLAGE], "龙老三", birth=dt.date(1947, 2, 2), seq=31, sex="male"),
        "long3": register(o[VILLAGE3], "龙老三", birth=dt.date(1947, 2, 2), seq=31, sex="male"),
    }
    for v, rid in ((VILLAGE2, ids["wu2"]), (VILLAGE, ids["wu1"])):
        with o[v].session() as s, s.begin():
            lc.report(s, o[v].actor(s), rid, on=dt.date(2026, 3, 1))
    for t, villages in ((TOWNSHIP, (VILLAGE, VILLAGE2)), (TOWNSHIP2, (VILLAGE3,))):
        for v in villages:
            [res] = o[t].import_(o[v].export(o[t]).path)
            assert res.accepted, res.reason
        [res] = o[COUNTY].import_(o[t].export(o[COUNTY]).path)
        assert res.accepted, res.reason
    o["ids"] = ids  # type: ignore[assignment]
    return o


def pairs_of(office: Office) -> dict[frozenset[str], tuple[str, str]]:
    with office.session() as s:
        return {frozenset((p.a.id, p.b.id)): (p.match, p.state) for p in list_duplicates(s)}


def test_listed_at_the_township_and_the_county(county: dict[str, Office]) -> None:
    ids = county["ids"]
    wu, yang, long_ = (frozenset((ids[a], ids[b])) for a, b in (("wu1", "wu2"), ("yang1", "yang2"),
                                                                 ("long1", "long3")))
    assert pairs_of(county[TOWNSHIP]) == {wu: ("id_number", "open"), yang: ("name_birth", "open")}
    assert pairs_of(county[COUNTY]) == {wu: ("id_number", "open"), yang: ("name_birth", "open"),
                                        long_: ("id_number", "open")}
    assert pairs_of(county[VILLAGE]) == {}  # a village holds only its own people
    with county[COUNTY].session() as s:
        [first, *_] = list_duplicates(s)
    assert first.match == "id_number" and first.a.id_number_masked.count("*") == 8
    assert first.key == pair_key(first.b.id, first.a.id)  # the same name from either side


def test_the_same_person_keeps_both_histories_and_reaches_both_villages(county: dict[str, Office]) -> None:
    ids = county["ids"]
    t, c = county[TOWNSHIP], county[COUNTY]
    key = pair_key(ids["wu1"], ids["wu2"])
    before = snapshot(t.engine, tuple(x for x in TABLES if x not in ("recipients", "duplicate_decisions")))
    with t.session() as s, s.begin():
        pair = decide_duplicate(s, t.actor(s), key, verdict="same", keep=ids["wu1"], on=ON)
    assert (pair.state, pair.keep_id, pair.merged_id) == ("same", ids["wu1"], ids["wu2"])
    # Not a record lost or re-pointed: everything else is as it was, both status histories intact.
    assert snapshot(t.engine, tuple(x for x in TABLES if x not in ("recipients", "duplicate_decisions"))) == before
    with t.session() as s:  # recorded here; the village that owns the second registration tombstones it
        merged = s.get(Recipient, ids["wu2"])
        assert merged is not None and not merged.deleted and merged.name == "吴秀英"
        for rid in (ids["wu1"], ids["wu2"]):
            steps = s.scalars(select(StatusEvent.step).where(StatusEvent.recipient_id == rid)).all()
            assert "report" in steps
    # Down to both villages; up to the county.
    for v in (VILLAGE, VILLAGE2):
        [res] = county[v].import_(t.export(county[v]).path)
        assert res.accepted, res.reason
        with county[v].session() as s:
            [d] = s.scalars(select(DuplicateDecision)).all()
            assert (d.decision, d.keep_id, d.merged_id) == ("same", ids["wu1"], ids["wu2"])
        assert pairs_of(county[v]) == {frozenset((ids["wu1"], ids["wu2"])): ("id_number", "same")}
    with county[VILLAGE2].session() as s:
        gone = s.get(Recipient, ids["wu2"])
        assert gone is not None and gone.deleted  # tombstoned by its own village, its history kept
        assert s.scalars(select(StatusEvent).where(StatusEvent.recipient_id == ids["wu2"])).all()
        audit = s.execute(text("SELECT changes_json FROM audit_log WHERE action = 'delete' AND record_id = :r"),
                          {"r": ids["wu2"]}).scalar()
        assert key in audit
    # The village's tombstone goes back up, its own change: applied, no conflict.
    [res] = t.import_(county[VILLAGE2].export(t).path)
    assert res.accepted and res.conflicts == 0, res
    with t.session() as s:
        assert s.get(Recipient, ids["wu2"]).deleted  # type: ignore[union-attr]
    with c.session() as s:  # the county's own import had listed the pair
        listed = set(s.scalars(select(SyncConflict.record_id).where(
            SyncConflict.reason == "possible_duplicate", SyncConflict.status == "open")))
    [res] = c.import_(t.export(c).path)
    assert res.accepted, res.reason
    assert pairs_of(c)[frozenset((ids["wu1"], ids["wu2"]))] == ("id_number", "same")
    with c.session() as s:  # the decision that arrived settles it there too
        still = set(s.scalars(select(SyncConflict.record_id).where(
            SyncConflict.reason == "possible_duplicate", SyncConflict.status == "open")))
    assert listed & {ids["wu1"], ids["wu2"]} and not still & {ids["wu1"], ids["wu2"]}
    with c.session() as s:
        assert s.get(Recipient, ids["wu2"]).deleted  # type: ignore[union-attr]


def test_not_a_duplicate_travels_and_the_import_conflict_is_settled(county: dict[str, Office]) -> None:
    ids = county["ids"]
    c = county[COUNTY]
    key = pair_key(ids["long1"], ids["long3"])
    with county[TOWNSHIP].session() as s, s.begin(), pytest.raises(ServiceError) as refused:
        decide_duplicate(s, county[TOWNSHIP].actor(s), key, verdict="different")
    assert "找不到" in refused.value.zh  # the township has only one of them
    with c.session() as s:
        assert s.scalars(select(SyncConflict).where(SyncConflict.reason == "possible_duplicate",
                                                    SyncConflict.status == "open")).all()
    with c.session() as s, s.begin():
        decide_duplicate(s, c.actor(s), key, verdict="different", note="同名同生日，身份证号不同户籍也不同", on=ON)
    with c.session() as s:
        assert pairs_of(c)[frozenset((ids["long1"], ids["long3"]))] == ("id_number", "different")
        assert not s.get(Recipient, ids["long1"]).deleted  # type: ignore[union-attr]
        open_dups = s.scalars(select(SyncConflict.record_id).where(
            SyncConflict.reason == "possible_duplicate", SyncConflict.status == "open")).all()
        assert not set(open_dups) & {ids["long1"], ids["long3"]}
    with c.session() as s, s.begin(), pytest.raises(ServiceError):  # decided once
        decide_duplicate(s, c.actor(s), key, verdict="same")
    # The decision goes down to both townships and on to both villages.
    for t, v in ((TOWNSHIP, VILLAGE), (TOWNSHIP2, VILLAGE3)):
        [res] = county[t].import_(c.export(county[t]).path)
        assert res.accepted, res.reason
        [res] = county[v].import_(county[t].export(county[v]).path)
        assert res.accepted, res.reason
        with county[v].session() as s:
            [d] = s.scalars(select(DuplicateDecision)).all()
            assert d.decision == "different" and d.unit_code == COUNTY
    assert pairs_of(county[VILLAGE3]) == {frozenset((ids["long1"], ids["long3"])): ("id_number", "different")}


def test_cli_duplicates_and_decide(county: dict[str, Office], capsys: pytest.CaptureFixture[str]) -> None:
    ids = county["ids"]
    db = str(county[TOWNSHIP].dir / "db.sqlite3")
    county[TOWNSHIP].engine.dispose()
    assert main(["--db", db, "duplicates", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {(p["match"], p["state"]) for p in listed} == {("id_number", "open"), ("name_birth", "open")}
    yang = next(p for p in listed if p["match"] == "name_birth")
    assert main(["--db", db, "duplicates", "decide", yang["id"], "--as", "different", "--keep", ids["yang1"]]) == 1
    assert "--keep" in capsys.readouterr().err or True
    assert main(["--db", db, "duplicates", "decide", yang["id"], "--as", "different", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "different"
    wu = next(p for p in listed if p["match"] == "id_number")
    assert main(["--db", db, "duplicates", "decide", wu["id"], "--as", "same", "--keep", "nobody"]) == 1
    capsys.readouterr()
    assert main(["--db", db, "duplicates", "decide", wu["id"], "--as", "same"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "duplicates", "--json"]) == 0
    states = {p["match"]: (p["state"], p["keep_id"]) for p in json.loads(capsys.readouterr().out)}
    # By default the one further along the life cycle is kept (both reported: the first registered).
    assert states == {"name_birth": ("different", None), "id_number": ("same", min(ids["wu1"], ids["wu2"]))}
