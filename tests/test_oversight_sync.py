"""Supervision and assessment across offices (issue 13, points 2 and 3): a visit recorded at
the township reaches the village with its items; the village closes one and the township
sees it closed; a submitted assessment locks the village's half year at the township and,
once the lock has travelled down, at the village; the county's unlock, travelling down,
re-allows the write."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.care import work, writes
from app.care.locks import PeriodLockedError
from app.models import CareRecord, PeriodLock, RectificationItem
from app.oversight import assessment, supervision
from app.oversight.supervision import NewItem
from tests.sync_offices import COUNTY, TOWNSHIP, VILLAGE, chain, register

TODAY = dt.date.today()
LAST_H = dt.date(TODAY.year - 1, 3, 10)  # a day in last year's first half (H1 of last year)
PERIOD = f"{TODAY.year - 1}-H1"


def _carry(src, dst) -> None:  # noqa: ANN001
    result = src.export(dst)
    assert dst.import_(result.path)[0].accepted, "bundle refused"


def test_visit_items_travel_down_and_closing_travels_up(tmp_path):
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    township, village = offices[TOWNSHIP], offices[VILLAGE]
    register(village, "王秀英")
    _carry(village, township)
    with township.session() as s, s.begin():
        visit = supervision.record_visit(
            s, township.actor(s), village=VILLAGE, visited_on=TODAY - dt.timedelta(days=3), by="李督导",
            findings=["两户走访记录缺照片"], items=[NewItem("补齐走访照片", TODAY + dt.timedelta(days=20), "张主任"),
                                                NewItem("补签监护确认书", TODAY - dt.timedelta(days=1))])
    assert [i.status for i in visit.items] == ["overdue", "open"]
    assert visit.figures["code"] == VILLAGE and "four_ones" in visit.figures
    _carry(township, village)
    with village.session() as s, s.begin():
        items = supervision.open_items(s, VILLAGE)
        assert {i.text for i in items} == {"补齐走访照片", "补签监护确认书"}
        first = next(i for i in items if i.text == "补齐走访照片")
        supervision.close_item(s, village.actor(s), first.id, closed_on=TODAY, note="已补拍并上传")
    _carry(village, township)
    with township.session() as s:
        item = s.get(RectificationItem, first.id)
        assert (item.status, item.closed_on, item.close_note) == ("done", TODAY, "已补拍并上传")
        (listed,) = supervision.list_visits(s, village=VILLAGE)
        assert sorted(i.status for i in listed.items) == ["done", "overdue"]
        from app.sync.conflicts import list_conflicts

        assert list_conflicts(s) == []


def _call(office, rid: str, on: dt.date) -> None:  # noqa: ANN001
    with office.session() as s, s.begin():
        work.log_call(s, office.actor(s), rid, reached=True, on=on)


def test_submitted_assessment_locks_the_half_year_until_the_county_unlocks(tmp_path):
    offices = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    county, township, village = offices[COUNTY], offices[TOWNSHIP], offices[VILLAGE]
    rid = register(village, "赵大爷")
    _call(village, rid, LAST_H)
    _carry(village, township)
    with township.session() as s, s.begin():
        sheet = assessment.score(s, township.actor(s), village=VILLAGE, period=PERIOD,
                                 manual={"records": (4, "台账基本齐全")})
        assert sheet.status == "draft" and sheet.total is not None and sheet.grade
        assert next(i for i in sheet.items if i.key == "records").note == "台账基本齐全"
        sheet = assessment.submit(s, township.actor(s), village=VILLAGE, period=PERIOD)
        assert sheet.status == "submitted"
    # at the township: the village's record of that half year is locked (edit and delete)
    with township.session() as s, s.begin():
        record = s.scalars(select(CareRecord)).one()
        with pytest.raises(PeriodLockedError) as refused:
            writes.update(s, township.actor(s), record, note="改一下")
        assert PERIOD in refused.value.message() and "县民政局解锁" in refused.value.message()
        with pytest.raises(PeriodLockedError):
            writes.delete(s, township.actor(s), record)
    # before the lock arrives the village may still write; after, a back-dated call is refused
    _call(village, rid, LAST_H + dt.timedelta(days=1))
    _carry(township, village)
    with pytest.raises(PeriodLockedError) as refused:
        _call(village, rid, LAST_H + dt.timedelta(days=2))
    assert f"{TODAY.year - 1}年上半年" in refused.value.message()
    _call(village, rid, dt.date(TODAY.year - 1, 7, 2))  # the next half year is open
    # the county unlocks (only the county); the unlock travels down through the township
    with township.session() as s, s.begin(), pytest.raises(Exception, match="只有县"):
        assessment.unlock(s, township.actor(s), village=VILLAGE, period=PERIOD, reason="x")
    _carry(township, county)
    with county.session() as s, s.begin():
        sheet = assessment.unlock(s, county.actor(s), village=VILLAGE, period=PERIOD, reason="村里补录漏记的随访")
        assert sheet.status == "unlocked" and sheet.unlock_reason == "村里补录漏记的随访"
    _carry(county, township)
    _carry(township, village)
    with village.session() as s:
        lock = s.scalars(select(PeriodLock)).one()
        assert lock.unlocked_by_office == COUNTY and lock.unlock_reason == "村里补录漏记的随访"
    _call(village, rid, LAST_H + dt.timedelta(days=2))  # allowed again
    with township.session() as s:
        (row,) = [v for v in assessment.list_sheets(s, PERIOD) if v.village_code == VILLAGE]
        assert row.status == "unlocked"
