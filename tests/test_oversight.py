"""The overview of the offices above the village and the township's own duties (issue 13):
figures against `status`, the order, the JSON keys, the last bundle and the silent village."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care import work, writes
from app.care.context import Actor, actor_for
from app.care.offices import add_office, init_office
from app.care.recipients import add_recipient
from app.care.status import status_report
from app.cli import main
from app.db import open_database
from app.models import SemiannualAssessment, SupervisionVisit, SyncBundle, SyncLayer
from app.oversight import duties as duties_module
from app.oversight.duties import Duty, duties
from app.oversight.overview import SILENT_DAYS, overview
from app.ui.store import Store
from tests.helpers import LEFT_BEHIND, make_id

D = dt.date
TODAY = D(2026, 12, 7)
TOWNSHIP = "522631100"
GOOD, LATE, EMPTY = "522631100201", "522631100202", "522631100203"


def confirmed(s: Session, actor: Actor, name: str, seq: int, village: str) -> str:
    on = D(2026, 9, 1)
    rid = add_recipient(s, actor, **LEFT_BEHIND, name=name, id_number=make_id(D(1950, 1, 1), seq=seq),
                        categories=["left_behind_elder"], surveyed_on=on, village_code=village).id
    lc.report(s, actor, rid, on=on)
    lc.review(s, actor, rid, department="civil_affairs", decision="approve", on=on, doc_no="黎民审〔2026〕1号")
    lc.confirm(s, actor, rid, doc_no="黎民定〔2026〕1号", on=on)
    return rid


def bundle_in(s: Session, sender: str, sequence: int, on: D) -> None:
    s.add(SyncBundle(bundle_id=f"b-{sender}-{sequence}", way="in", from_office=sender, to_office=TOWNSHIP,
                     direction="up", sequence=sequence, sha256="0" * 64, at=dt.datetime(on.year, on.month, on.day,
                                                                                          9, tzinfo=dt.UTC),
                     result="imported", counts_json="{}"))


@pytest.fixture
def township(tmp_path: Path) -> Iterator[Engine]:
    """德凤镇 with three villages: 岩寨村 did its calls in October and November, 高坪村 nothing,
    木寨村 has nobody yet. 岩寨村 sent bundles 1 and 2 (the last 10 days ago), 高坪村 one 50
    days ago, 木寨村 none."""
    engine = open_database(tmp_path / "township.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="township", code=TOWNSHIP, name="德凤镇", parent="522631", operator="吴督导")
        actor = actor_for(s)
        for code, name in ((GOOD, "岩寨村"), (LATE, "高坪村"), (EMPTY, "木寨村")):
            add_office(s, actor, code=code, name=name, level="village", parent=TOWNSHIP)
        for i, village in enumerate((GOOD, GOOD, LATE)):
            rid = confirmed(s, actor, "甲乙丙"[i] + "对象", 10 + i, village)
            if village == GOOD:
                for day in (D(2026, 10, 9), D(2026, 11, 9)):
                    work.log_call(s, actor, rid, reached=True, on=day)
                work.log_visit(s, actor, rid, on=D(2026, 10, 20))
        bundle_in(s, GOOD, 1, TODAY - dt.timedelta(days=30))
        bundle_in(s, GOOD, 2, TODAY - dt.timedelta(days=10))
        bundle_in(s, LATE, 1, TODAY - dt.timedelta(days=50))
        visit = writes.create(s, actor, SupervisionVisit, village_code=GOOD, period="2026-Q4",
                              visited_on=D(2026, 11, 2), supervisor="吴督导", rectification="补齐走访照片",
                              rectify_by=D(2026, 12, 31))
        from app.models import RectificationItem

        writes.create(s, actor, RectificationItem, visit_id=visit.id, village_code=GOOD, text="补齐走访照片",
                      deadline=D(2026, 12, 31), person=None, status="open")  # open: counted
        writes.create(s, actor, RectificationItem, visit_id=visit.id, village_code=GOOD, text="台账装订",
                      deadline=D(2026, 11, 30), person=None, status="done", closed_on=D(2026, 11, 20))
        writes.create(s, actor, SemiannualAssessment, village_code=GOOD, period="2026-H1", assessed_on=D(2026, 6, 20),
                      assessor="吴督导", score=90, grade="excellent", status="submitted")
        writes.create(s, actor, SemiannualAssessment, village_code=LATE, period="2026-H1", assessed_on=D(2026, 6, 25),
                      assessor="吴督导", score=70, grade="pass")  # a draft: still due
    yield engine
    engine.dispose()


def test_the_overview_matches_status_and_puts_the_worst_first(township: Engine) -> None:
    with Session(township) as s:
        report = overview(s, "2026-Q4", today=TODAY)
        status = {v["code"]: v for v in status_report(s, "2026-Q4")["villages"]}
    assert report.level == "township" and report.unit_level == "village"
    assert [u.code for u in report.units] == [LATE, GOOD, EMPTY]  # 0 %, then some, then nothing owed
    for u in report.units:
        got, want = u.to_json(), status[u.code]
        assert got["recipients"] == want["recipients"]
        assert got["agreements"] == want["agreements"] and got["responsibilities"] == want["responsibilities"]
        assert got["four_ones"] == want["four_ones"]  # owed, done and rate
    good = next(u for u in report.units if u.code == GOOD)
    assert good.four_ones["call"] == (6, 4)  # three months each, October and November done
    assert good.four_ones["visit"] == (2, 2)
    # ended and not done by 7 December: 高坪村's October and November calls, nothing of 岩寨村's calls
    late = next(u for u in report.units if u.code == LATE)
    assert late.overdue == 2 and good.overdue == 0
    assert good.open_items == 1 and late.open_items == 0


def test_the_last_bundle_and_the_silent_village(township: Engine) -> None:
    with Session(township) as s:
        units = {u.code: u for u in overview(s, "2026-Q4", today=TODAY).units}
    assert units[GOOD].last_bundle is not None
    assert (units[GOOD].last_bundle.sequence, units[GOOD].last_bundle.days) == (2, 10)
    assert units[GOOD].last_bundle.received == TODAY - dt.timedelta(days=10)
    assert "silent" not in units[GOOD].warnings
    assert units[LATE].last_bundle is not None and units[LATE].last_bundle.days == 50 > SILENT_DAYS
    assert units[LATE].warnings["silent"] == 1
    assert units[EMPTY].last_bundle is None and units[EMPTY].warnings["silent"] == 1


def test_the_trend_has_one_point_per_quarter(township: Engine) -> None:
    with Session(township) as s:
        report = overview(s, "2026-Q4", trend=3, today=TODAY)
    assert [p.period for p in report.trend] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    last = report.trend[-1].rates
    assert last[GOOD]["call"] == pytest.approx(4 / 6) and last[LATE]["call"] == 0.0
    assert last[EMPTY]["call"] is None
    assert all(r["call"] is None for r in report.trend[0].rates.values())  # nobody confirmed before September


def test_overview_json_keys(township: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "township.sqlite3")
    assert main(["--db", db, "overview", "--period", "2026-Q4", "--trend", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"period", "level", "units", "trend"} <= set(out)
    assert out["period"] == "2026-Q4" and out["level"] == "township"
    unit = out["units"][0]
    assert {"code", "name", "recipients", "four_ones", "agreements", "responsibilities", "warnings",
            "open_items", "last_bundle"} <= set(unit)
    assert set(unit["four_ones"]) == {"call", "visit", "wish", "aid"}
    assert set(unit["four_ones"]["call"]) == {"owed", "done", "rate"}
    assert set(unit["agreements"]) == {"needed", "signed"}
    assert set(unit["responsibilities"]) == {"needed", "assigned"}
    assert set(unit["last_bundle"]) == {"sequence", "received", "days"}
    assert len(out["trend"]) == 2 and {"period", "units"} == set(out["trend"][0])
    assert {"code", "call", "visit", "wish", "aid"} == set(out["trend"][0]["units"][0])
    assert main(["--db", db, "overview", "--period", "2026-Q9"]) == 1
    assert main(["--db", db, "overview"]) == 0  # this quarter by default
    assert main(["--db", db, "overview", "--area", "522631200"]) == 1  # not under this township


def test_the_township_demo_overview_matches_status(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "demo.sqlite3"))
    store.fill_demo("township", today=D(2026, 11, 28))
    with Session(store.engine) as s:
        report = overview(s, "2026-Q3", trend=2, today=D(2026, 11, 28))
        status = {v["code"]: v for v in status_report(s, "2026-Q3")["villages"]}
    store.close()
    assert len(report.units) == len(status) >= 20
    for u in report.units:
        got = u.to_json()
        assert got["four_ones"] == status[u.code]["four_ones"]
        assert got["recipients"] == status[u.code]["recipients"]
    keys = [u.sort_key() for u in report.units]
    assert keys == sorted(keys)
    rates = [u.overall for u in report.units if u.overall is not None]
    assert rates == sorted(rates) and rates[0] < rates[-1]
    assert report.trend[-1].period == "2026-Q3"
    for u in report.units:  # the trend's last quarter is the overview's
        assert report.trend[-1].rates[u.code]["visit"] == u.rate("visit")


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Engine]:
    """黎平县 with two townships of one village each: 德凤镇's 岩寨村 made one call in October,
    高屯镇's 八舟村 none."""
    engine = open_database(tmp_path / "county.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="county", code="522631", name="黎平县", operator="县民政局")
        actor = actor_for(s)
        for code, name in (("522631100", "德凤镇"), ("522631101", "高屯镇")):
            add_office(s, actor, code=code, name=name, level="township", parent="522631")
        add_office(s, actor, code=GOOD, name="岩寨村", level="village", parent=TOWNSHIP)
        add_office(s, actor, code="522631101201", name="八舟村", level="village", parent="522631101")
        rid = confirmed(s, actor, "对象", 30, GOOD)
        work.log_call(s, actor, rid, reached=True, on=D(2026, 10, 9))
        confirmed(s, actor, "对象二", 31, "522631101201")
    yield engine
    engine.dispose()


def test_a_county_sees_its_townships_and_drills_into_one(county: Engine) -> None:
    engine = county
    with Session(engine) as s, s.begin():  # 德凤镇's bundle relayed 岩寨村's third one, 5 days ago
        s.add(SyncBundle(bundle_id="t-1", way="in", from_office=TOWNSHIP, to_office="522631", direction="up",
                         sequence=7, sha256="2" * 64, at=dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC),
                         result="imported", counts_json="{}"))
        s.add(SyncLayer(sha256="3" * 64, author=GOOD, to_office=TOWNSHIP, sequence=3, via_office=TOWNSHIP,
                        manifest=b"{}", signature=b"", received_at=dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC)))
    with Session(engine) as s:
        county = overview(s, "2026-Q4", today=TODAY)
        inside = overview(s, "2026-Q4", area=TOWNSHIP, today=TODAY)
        status = {t["code"]: t for t in status_report(s, "2026-Q4")["townships"]}
    assert county.unit_level == "township" and [u.code for u in county.units] == ["522631101", TOWNSHIP]
    for u in county.units:
        assert u.to_json()["four_ones"] == status[u.code]["four_ones"]
    assert inside.unit_level == "village" and [u.code for u in inside.units] == [GOOD]
    township_row = next(u for u in county.units if u.code == TOWNSHIP)
    assert township_row.last_bundle is not None and (township_row.last_bundle.sequence, township_row.last_bundle.days) == (7, 5)
    assert "silent" not in township_row.warnings
    [village] = inside.units
    assert village.last_bundle is not None and (village.last_bundle.sequence, village.last_bundle.days) == (3, 5)
    gaotun = next(u for u in county.units if u.code == "522631101")
    assert gaotun.last_bundle is None and gaotun.warnings["silent"] == 1


# ---- the township's own duties -----------------------------------------------------------------


def test_the_township_duties(township: Engine) -> None:
    with Session(township) as s:
        rows = duties(s, TODAY)
    by_kind: dict[str, set[str]] = {}
    for d in rows:
        by_kind.setdefault(d.kind, set()).add(d.unit_code)
    assert by_kind["supervision_due"] == {LATE, EMPTY}  # 岩寨村 was visited on 2 November
    assert by_kind["silent"] == {LATE, EMPTY}  # 50 days, and never
    # the reported ones were confirmed: nothing waits to be forwarded
    assert "forward_reported" not in by_kind
    # 2026-H1 is missing for two villages (overdue); 2026-H2 for all three
    half = [(d.unit_code, d.due, d.overdue) for d in rows if d.kind == "assessment_due"]
    assert sorted(half) == sorted([(LATE, D(2026, 6, 30), True), (EMPTY, D(2026, 6, 30), True),
                                   (GOOD, D(2026, 12, 31), False), (LATE, D(2026, 12, 31), False),
                                   (EMPTY, D(2026, 12, 31), False)])
    assert [d.overdue for d in rows] == sorted((d.overdue for d in rows), reverse=True)  # overdue first
    [draft] = [d for d in rows if d.kind == "assessment_due" and d.unit_code == LATE and d.overdue]
    assert "有草稿尚未提交" in draft.zh


def test_reported_recipients_wait_until_a_bundle_goes_up(township: Engine) -> None:
    with Session(township) as s, s.begin():
        actor = actor_for(s)
        for seq in (40, 41):
            rid = add_recipient(s, actor, **LEFT_BEHIND, name="新报", id_number=make_id(D(1950, 1, 1), seq=seq),
                                categories=["left_behind_elder"], surveyed_on=D(2026, 11, 1), village_code=LATE).id
            lc.report(s, actor, rid, on=D(2026, 11, 2))
    with Session(township) as s:
        [row] = [d for d in duties(s, TODAY) if d.kind == "forward_reported"]
        assert (row.unit_code, row.count) == (LATE, 2)
        seq = s.execute(duties_module.text("SELECT max(seq) FROM sync_changes")).scalar()
    with Session(township) as s, s.begin():
        s.add(SyncBundle(bundle_id="up-1", way="out", from_office=TOWNSHIP, to_office="522631", direction="up",
                         sequence=1, sha256="1" * 64, at=dt.datetime(2026, 12, 6, tzinfo=dt.UTC),
                         result="exported", counts_json="{}", change_seq=seq))
    with Session(township) as s:
        assert not [d for d in duties(s, TODAY) if d.kind == "forward_reported"]


def test_another_kind_of_duty_is_one_more_source(township: Engine) -> None:
    def rectification_overdue(session: Session, scope: duties_module.Scope) -> list[Duty]:
        return [Duty("rectification_overdue", GOOD, scope.villages[GOOD], D(2026, 6, 1), True, "整改逾期", "late")]

    with Session(township) as s:
        rows = duties(s, TODAY, sources=[*duties_module.SOURCES, rectification_overdue])
    assert rows[0].kind == "rectification_overdue"  # overdue with the earliest date


def test_a_kept_quarter_is_counted_again_after_a_write(township: Engine) -> None:
    """Whole quarters are kept in the process while the change log stands still."""
    with Session(township) as s:
        before = {u.code: u for u in overview(s, "2026-Q4", trend=2, today=TODAY).units}
        again = overview(s, "2026-Q4", trend=2, today=TODAY)
    assert {u.code: u for u in again.units} == before
    with Session(township) as s, s.begin():
        rid = s.execute(duties_module.text(
            "SELECT id FROM recipients WHERE village_code = :v"), {"v": LATE}).scalar()
        work.log_call(s, actor_for(s), rid, reached=True, on=D(2026, 10, 12))
    with Session(township) as s:
        after = overview(s, "2026-Q4", trend=2, today=TODAY)
    late = next(u for u in after.units if u.code == LATE)
    assert late.four_ones["call"] == (before[LATE].four_ones["call"][0], 1)
    assert after.trend[-1].rates[LATE]["call"] == pytest.approx(1 / 3)


def test_rectification_items_past_their_deadline_are_a_township_duty(township: Engine) -> None:
    from sqlalchemy import select

    from app.models import RectificationItem

    with Session(township) as s, s.begin():
        visit = s.scalars(select(SupervisionVisit).where(SupervisionVisit.village_code == GOOD)).one()
        writes.create(s, actor_for(s), RectificationItem, visit_id=visit.id, village_code=GOOD, text="补签协议",
                      deadline=D(2026, 11, 25), person="王主任", status="open")
    with Session(township) as s:
        late = [d for d in duties(s, TODAY) if d.kind == "rectification_overdue"]
    assert [(d.unit_code, d.due, d.overdue, d.count) for d in late] == [(GOOD, D(2026, 11, 25), True, 1)]
