"""The figures of a period (issue 14, point 14): confirmations and exits paired by their date,
whatever order the offices entered them in and the bundles brought them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.care import lifecycle as lc
from app.care.periods import Span, period_of
from app.care.recipients import add_recipient
from app.care.schedule import prepare_spans
from app.care.status import status_report
from app.cli import main
from app.models import FlagChange
from app.oversight.overview import overview
from tests.helpers import LEFT_BEHIND, make_id
from tests.sync_offices import TOWNSHIP, VILLAGE, Office, chain, register

D = dt.date


def calls(office: Office, period: str) -> dict[str, int]:
    """The village's calls owed and done in the period, as `status` reports them."""
    with office.session() as s:
        villages = {v["code"]: v for v in status_report(s, period)["villages"]}
    got = villages.get(VILLAGE, {}).get("four_ones", {}).get("call", {"owed": 0, "done": 0})
    return {"owed": got["owed"], "done": got["done"]}


def spans(office: Office) -> list[tuple[str, str]]:
    with office.session() as s:
        prepare_spans(s)
        return [(str(a), str(b)) for a, b in s.execute(text("SELECT s, e FROM confirmed_spans"))]


def test_a_paper_confirmation_crossing_the_villages_exit_opens_nothing(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The village confirms on 10 January and exits the person on 15 May; the township, before
    that bundle reaches it, enters the county's paper decision of 8 January. The bundles cross.
    On both sides the person was confirmed from 8 January (the earliest date of the one
    decision) to 15 May: 2026-Q2 owes April's call only, 2026-Q3 nothing."""
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    village, township = o[VILLAGE], o[TOWNSHIP]
    rid = register(village, "吴秀英")
    with village.session() as s, s.begin():
        actor = village.actor(s)
        lc.report(s, actor, rid, on=D(2026, 1, 5))
        for department in lc.departments_concerned(["left_behind_elder"]):
            lc.review(s, actor, rid, department=department, decision="approve", on=D(2026, 1, 5), doc_no="黎民审〔2026〕3号")
    township.import_(village.export(township).path)
    # the village enters the decision and, later, the exit
    with village.session() as s, s.begin():
        actor = village.actor(s)
        lc.confirm(s, actor, rid, doc_no="黎民定〔2026〕1号", on=D(2026, 1, 10))
        lc.exit_care(s, actor, rid, reason="子女返乡照顾", on=D(2026, 5, 15))
    # the township, not knowing yet, enters the county's paper decision (made after the exit)
    with township.session() as s, s.begin():
        lc.confirm(s, township.actor(s), rid, doc_no="黎民定〔2026〕1号", on=D(2026, 1, 8))
    to_township, to_village = village.export(township).path, township.export(village).path
    township.import_(to_township)
    village.import_(to_village)

    for office in (village, township):
        assert spans(office) == [("2026-01-08", "2026-05-15")], office.code
        assert calls(office, "2026-Q1")["owed"] == 3  # January (midpoint 16 Jan), February, March
        assert calls(office, "2026-Q2")["owed"] == 1  # April; May's midpoint (16 May) is after the exit
        assert calls(office, "2026-Q3")["owed"] == 0  # exited: nothing owed after
    with township.session() as s:  # the overview counts the same
        [unit] = [u for u in overview(s, "2026-Q2", today=D(2026, 7, 1)).units if u.code == VILLAGE]
        assert unit.four_ones["call"] == (1, 0)
        assert unit.recipients == 1
    code = main(["--db", str(township.dir / "db.sqlite3"), "status", "--period", "2026-Q3", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert [v["four_ones"]["call"]["owed"] for v in report["villages"] if v["code"] == VILLAGE] in ([0], [])


def test_an_exit_and_a_new_confirmation_pair_by_date_not_by_entry(tmp_path: Path) -> None:
    """A later exit entered first, the earlier confirmation of a new decision entered after it:
    the person is confirmed from the confirmation to the exit, not from the exit onwards."""
    o = chain(tmp_path, VILLAGE)
    village = o[VILLAGE]
    rid = register(village, "杨老三")
    from app.care import writes
    from app.models import StatusEvent

    with village.session() as s, s.begin():
        actor = village.actor(s)
        lc.report(s, actor, rid, on=D(2026, 1, 5))
        lc.review(s, actor, rid, department="civil_affairs", decision="approve", on=D(2026, 1, 5), doc_no="审")
        # as two bundles bring them, the exit first
        writes.create(s, actor, StatusEvent, recipient_id=rid, step="exit", from_status="confirmed",
                      to_status="exited", decided_on=D(2026, 6, 20), decided_by="村委会", reason="迁出", source="bundle")
        writes.create(s, actor, StatusEvent, recipient_id=rid, step="confirm", from_status="reviewed",
                      to_status="confirmed", decided_on=D(2026, 2, 3), decided_by="县民政局", source="bundle")
    assert spans(village) == [("2026-02-03", "2026-06-20")]
    with village.session() as s:
        assert status_report(s, "2026-Q2")["villages"][0]["four_ones"]["call"]["owed"] == 3  # Apr, May, Jun
        assert status_report(s, "2026-Q3")["villages"][0]["four_ones"]["call"]["owed"] == 0


def _thursdays(span: Span) -> int:
    return sum(1 for n in range((span.end - span.start).days + 1)
               if (span.start + dt.timedelta(days=n)).weekday() == 3)


def test_switching_key_monitoring_off_today_leaves_last_quarter_as_it_was(tmp_path: Path) -> None:
    """Weekly calls while key-monitored: last quarter owed a call a week. Switching the flag off
    today (`recipients edit --key-monitoring no`) changes what is owed from today on, not
    last quarter's figures; the change travels, and the township counts the same."""
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    village, township = o[VILLAGE], o[TOWNSHIP]
    today = dt.date.today()
    last = period_of(period_of(today, "quarter").start - dt.timedelta(days=1), "quarter")
    with village.session() as s, s.begin():
        actor = village.actor(s)
        rid = add_recipient(s, actor, **LEFT_BEHIND, name="龙阿婆", id_number=make_id(D(1950, 3, 1), "female", seq=31),
                            categories=["left_behind_elder"], key_monitoring=True, surveyed_on=D(2026, 1, 5)).id
        lc.report(s, actor, rid, on=D(2026, 1, 5))
        lc.review(s, actor, rid, department="civil_affairs", decision="approve", on=D(2026, 1, 5), doc_no="审")
        lc.confirm(s, actor, rid, doc_no="定", on=D(2026, 1, 5))
    weekly = _thursdays(last)  # 13 in most quarters
    assert calls(village, last.label)["owed"] == weekly
    code = main(["--db", str(village.dir / "db.sqlite3"), "recipients", "edit", rid, "--key-monitoring", "no"])
    assert code == 0
    assert calls(village, last.label)["owed"] == weekly  # not rewritten to 3 monthly calls
    later = period_of(period_of(today, "quarter").end + dt.timedelta(days=1), "quarter")
    assert calls(village, later.label)["owed"] == 3  # from today on, a call a month
    township.import_(village.export(township).path)
    assert calls(township, last.label)["owed"] == weekly
    assert calls(township, later.label)["owed"] == 3
    with township.session() as s:
        [change] = s.scalars(select(FlagChange)).all()
        assert (change.recipient_id, change.changed_on, change.key_monitoring) == (rid, today, True)
