"""Issue 13, point 4: the county's review queue, decisions for several at once (one
transaction, all or nothing), the 30-day warning, and a rejection's reason arriving at the
village through the township."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.care import lifecycle as lc
from app.care.errors import ValidationErrors
from app.care.warnings import warnings_for
from app.cli import main
from app.models import Recipient, StatusEvent
from app.oversight.review import confirm_many, decide_reviews, reject_many, review_queue
from tests.sync_offices import COUNTY, TOWNSHIP, VILLAGE, VILLAGE2, Office, chain, dump, register

ON = dt.date(2026, 6, 30)
DOC = "黎民审〔2026〕7号"


def report(office: Office, rid: str, on: dt.date) -> None:
    with office.session() as s, s.begin():
        lc.report(s, office.actor(s), rid, on=on)


@pytest.fixture
def county(tmp_path: Path) -> dict[str, Office]:
    """A county holding reported recipients of two villages (through its township)."""
    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE, VILLAGE2)
    ids = {
        "elder": register(o[VILLAGE], "吴秀英", seq=12),
        "child": register(o[VILLAGE], "杨梓涵", birth=dt.date(2015, 3, 7), seq=14,
                          categories=("left_behind_child",)),
        "woman": register(o[VILLAGE2], "龙春梅", birth=dt.date(1988, 5, 1), seq=16,
                          categories=("left_behind_woman",)),
        "waiting": register(o[VILLAGE2], "潘老四", birth=dt.date(1948, 1, 9), seq=17, sex="male"),
    }
    report(o[VILLAGE], ids["elder"], dt.date(2026, 5, 20))  # 41 days by ON
    report(o[VILLAGE], ids["child"], dt.date(2026, 6, 10))  # 20 days
    report(o[VILLAGE2], ids["woman"], dt.date(2026, 5, 30))  # 31 days
    report(o[VILLAGE2], ids["waiting"], dt.date(2026, 5, 31))  # 30 days: not yet a warning
    for v in (VILLAGE, VILLAGE2):
        [res] = o[TOWNSHIP].import_(o[v].export(o[TOWNSHIP]).path)
        assert res.accepted, res.reason
    [res] = o[COUNTY].import_(o[TOWNSHIP].export(o[COUNTY]).path)
    assert res.accepted, res.reason
    o["ids"] = ids  # type: ignore[assignment]
    return o


def test_the_queue_is_longest_wait_first_with_days_and_departments(county: dict[str, Office]) -> None:
    ids = county["ids"]
    c = county[COUNTY]
    with c.session() as s, s.begin():
        lc.review(s, c.actor(s), ids["child"], department="civil_affairs", decision="approve",
                  on=dt.date(2026, 6, 12))
        lc.review(s, c.actor(s), ids["waiting"], department="civil_affairs", decision="approve",
                  on=dt.date(2026, 6, 2))
    with c.session() as s:
        queue = review_queue(s, ON)
    assert [q.id for q in queue] == [ids["elder"], ids["woman"], ids["waiting"], ids["child"]]
    assert [q.days_waiting for q in queue] == [41, 31, 30, 20]
    by_id = {q.id: q for q in queue}
    assert by_id[ids["elder"]].pending == ("civil_affairs",)
    assert by_id[ids["woman"]].pending == ("civil_affairs", "womens_federation")
    assert by_id[ids["child"]].pending == ("youth_league",)  # civil affairs has reviewed
    assert by_id[ids["waiting"]].pending == () and by_id[ids["waiting"]].awaiting == "county"
    assert by_id[ids["waiting"]].reported_on == dt.date(2026, 5, 31)  # not the review's date
    assert [q.overdue for q in queue] == [True, True, False, False]
    with c.session() as s:
        assert [q.id for q in review_queue(s, ON, department="womens_federation")] == [ids["woman"]]
    # The township sees its villages' queue too; a village its own.
    with county[TOWNSHIP].session() as s:
        assert len(review_queue(s, ON)) == 4
    with county[VILLAGE].session() as s:
        assert {q.id for q in review_queue(s, ON)} == {ids["elder"], ids["child"]}


def test_several_decided_at_once_under_one_document_number(county: dict[str, Office]) -> None:
    ids = county["ids"]
    c = county[COUNTY]
    with c.session() as s, s.begin():
        done = decide_reviews(s, c.actor(s), [ids["elder"], ids["waiting"]], department="civil_affairs",
                              decision="approve", doc_no=DOC, on=ON)
    assert done.count == 2
    with c.session() as s, s.begin():
        confirm_many(s, c.actor(s), [ids["elder"], ids["waiting"]], doc_no="黎民发〔2026〕9号", on=ON)
    with c.session() as s:
        for rid in (ids["elder"], ids["waiting"]):
            assert s.get(Recipient, rid).status == "confirmed"  # type: ignore[union-attr]
        events = s.scalars(select(StatusEvent).where(StatusEvent.doc_no == DOC)).all()
        assert sorted(e.recipient_id for e in events) == sorted([ids["elder"], ids["waiting"]])
        assert [q.id for q in review_queue(s, ON)] == [ids["woman"], ids["child"]]


def test_one_refused_means_nothing_changes_and_every_refusal_is_named(county: dict[str, Office]) -> None:
    ids = county["ids"]
    c = county[COUNTY]
    with c.session() as s, s.begin():  # the elder is reviewed by civil affairs already
        lc.review(s, c.actor(s), ids["elder"], department="civil_affairs", decision="approve", on=ON)
    before = dump(c.engine)
    with pytest.raises(ValidationErrors) as refused, c.session() as s, s.begin():
        decide_reviews(s, c.actor(s), [ids["woman"], ids["elder"], ids["child"], "no-such-id"],
                       department="civil_affairs", decision="approve", doc_no=DOC, on=ON)
    text = refused.value.zh
    assert "吴秀英" in text and "no-such-id" in text and "2 人不能审核" in text
    assert "龙春梅" not in text and "杨梓涵" not in text  # those would have passed
    assert dump(c.engine) == before  # nothing changed, not even the two that passed
    # Confirming one not yet reviewed by every department: refused, nothing confirmed.
    with pytest.raises(ValidationErrors) as refused, c.session() as s, s.begin():
        confirm_many(s, c.actor(s), [ids["elder"], ids["woman"]], doc_no=DOC, on=ON)
    assert "龙春梅" in refused.value.zh
    assert dump(c.engine) == before


def test_waiting_over_30_days_is_a_warning_at_the_county_and_the_township(county: dict[str, Office]) -> None:
    ids = county["ids"]
    for code in (COUNTY, TOWNSHIP):
        with county[code].session() as s:
            waiting = {w.recipient_id for w in warnings_for(s, ON) if w.kind == "review_waiting"}
        assert waiting == {ids["elder"], ids["woman"]}, code
    with county[VILLAGE].session() as s:  # the village reported them; the wait is not its to chase
        assert not [w for w in warnings_for(s, ON) if w.kind == "review_waiting"]
    c = county[COUNTY]
    with c.session() as s, s.begin():
        reject_many(s, c.actor(s), [ids["elder"]], doc_no=DOC, reason="家中子女已返乡照料", on=ON)
    with c.session() as s:
        waiting = {w.recipient_id for w in warnings_for(s, ON) if w.kind == "review_waiting"}
    assert waiting == {ids["woman"]}


def test_a_rejection_and_its_reason_arrive_at_the_village(county: dict[str, Office]) -> None:
    ids = county["ids"]
    c, t, v = county[COUNTY], county[TOWNSHIP], county[VILLAGE]
    with c.session() as s, s.begin():
        decide_reviews(s, c.actor(s), [ids["elder"]], department="civil_affairs", decision="reject",
                       reason="有子女在本村居住，可以照料", doc_no=DOC, on=ON)
        reject_many(s, c.actor(s), [ids["elder"]], doc_no="黎民发〔2026〕10号",
                    reason="经审核不符合留守老人条件：有子女在本村居住", on=ON)
    [res] = t.import_(c.export(t).path)
    assert res.accepted, res.reason
    [res] = v.import_(t.export(v).path)
    assert res.accepted, res.reason
    with v.session() as s:
        r = s.get(Recipient, ids["elder"])
        assert r is not None and r.status == "rejected"
        events = {e.step: e for e in s.scalars(select(StatusEvent).where(StatusEvent.recipient_id == r.id))}
        assert events["review"].reason == "有子女在本村居住，可以照料"
        assert events["review"].decision == "reject" and events["review"].department == "civil_affairs"
        assert events["reject"].reason == "经审核不符合留守老人条件：有子女在本村居住"
        assert events["reject"].doc_no == "黎民发〔2026〕10号"
        assert lc.allowed_steps(s, r) == ["report"]  # the village may report again with more evidence


def test_cli_review_queue_decide_and_confirm(county: dict[str, Office], capsys: pytest.CaptureFixture[str]) -> None:
    ids = county["ids"]
    db = str(county[COUNTY].dir / "db.sqlite3")
    county[COUNTY].engine.dispose()
    assert main(["--db", db, "review", "queue", "--json"]) == 0
    queue = json.loads(capsys.readouterr().out)
    first = queue[0]
    assert set(first) >= {"id", "name", "village_code", "categories", "reported_on", "days_waiting", "departments"}
    assert first["departments"] == ["civil_affairs"] and first["id"] == ids["elder"]
    # One refused (the child needs the youth league too, so confirming it is out of order): exit 1, nothing.
    assert main(["--db", db, "review", "decide", ids["elder"], ids["child"], "--dept", "womens_federation",
                 "--decision", "approve", "--doc-no", DOC, "--date", ON.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "吴秀英" in err and "杨梓涵" in err
    assert main(["--db", db, "review", "decide", ids["elder"], ids["waiting"], "--dept", "civil_affairs",
                 "--decision", "approve", "--doc-no", DOC, "--date", ON.isoformat(), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 2
    assert main(["--db", db, "review", "confirm", ids["elder"], ids["waiting"], "--doc-no", "黎民发〔2026〕9号",
                 "--date", ON.isoformat()]) == 0
    capsys.readouterr()
    assert main(["--db", db, "review", "queue", "--json"]) == 0
    assert {q["id"] for q in json.loads(capsys.readouterr().out)} == {ids["woman"], ids["child"]}
    assert VILLAGE2  # both villages are in the queue above
