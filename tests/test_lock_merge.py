"""Period locks on the merge path and on attachments (issue 13, point 3 closed): a village's
back-dated call made offline in a half year the township has since locked arrives in a
bundle and is held, not written, listed with the lock as its reason, and taken in once the
county's unlock reaches the township; evidence added to or removed from a locked record is
refused with the lock's reason."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.care import lifecycle, work, writes
from app.care.attachments import attach_file, store_dir_for
from app.care.lifecycle import departments_concerned
from app.care.locks import PeriodLockedError
from app.care.recipients import add_recipient
from app.care.status import status_report
from app.cli import main
from app.models import Attachment, CareRecord, SyncHeld
from app.models.codes import Decision, DecisionSource
from app.oversight import assessment
from tests.helpers import LEFT_BEHIND, make_id
from tests.sync_offices import COUNTY, TOWNSHIP, VILLAGE, chain, register

TODAY = dt.date.today()
LAST_H = dt.date(TODAY.year - 1, 3, 10)  # a day in last year's first half
PERIOD = f"{TODAY.year - 1}-H1"
QUARTER = f"{TODAY.year - 1}-Q1"
LATE = dt.date(TODAY.year - 1, 2, 20)  # offline, back-dated, in the locked half year


def _carry(src, dst):  # noqa: ANN001, ANN202
    result = src.export(dst)
    (imported,) = dst.import_(result.path)
    assert imported.accepted, imported.reason
    return imported


def _call(office, rid: str, on: dt.date) -> str:  # noqa: ANN001
    with office.session() as s, s.begin():
        return work.log_call(s, office.actor(s), rid, reached=True, on=on).id


def _calls_done(office) -> int:  # noqa: ANN001
    with office.session() as s:
        (row,) = [v for v in status_report(s, QUARTER)["villages"] if v["code"] == VILLAGE]
        return row["four_ones"]["call"]["done"]


def _confirmed(village, name: str) -> str:  # noqa: ANN001
    """A left-behind elder confirmed since the start of last year (imported from the roster),
    so the figures owe a call each month of the locked half year."""
    start = dt.date(TODAY.year - 1, 1, 2)
    with village.session() as s, s.begin():
        actor = village.actor(s)
        rid = add_recipient(s, actor, **LEFT_BEHIND, name=name, id_number=make_id(dt.date(1950, 3, 1), "female", seq=12),
                            categories=["left_behind_elder"], surveyed_on=start).id
        src = DecisionSource.roster_import.value
        lifecycle.report(s, actor, rid, on=start)
        for dept in departments_concerned(["left_behind_elder"]):
            lifecycle.review(s, actor, rid, department=dept, decision=Decision.approve.value, on=start,
                             doc_no="民发〔2025〕1号", source=src)
        lifecycle.confirm(s, actor, rid, doc_no="民发〔2025〕1号", on=start, source=src)
        return rid


def _lock(township) -> None:  # noqa: ANN001
    with township.session() as s, s.begin():
        assessment.score(s, township.actor(s), village=VILLAGE, period=PERIOD)
        assessment.submit(s, township.actor(s), village=VILLAGE, period=PERIOD)


def test_a_back_dated_call_arriving_in_a_locked_half_year_is_held_until_the_county_unlocks(tmp_path, capsys):
    offices = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    county, township, village = offices[COUNTY], offices[TOWNSHIP], offices[VILLAGE]
    rid = _confirmed(village, "赵大爷")
    first = _call(village, rid, LAST_H)
    _carry(village, township)
    _lock(township)
    _carry(township, county)  # the county learns of the lock
    # offline, before the lock reaches it, the village records a back-dated call
    late = _call(village, rid, LATE)  # another month of the quarter: one more call done
    after = _call(village, rid, dt.date(TODAY.year - 1, 8, 1))  # the next half year: not locked
    before = _calls_done(township)
    bundle = village.export(township).path
    code = main(["--db", str(township.dir / "db.sqlite3"), "bundle", "import", str(bundle)])
    listed = capsys.readouterr().err
    assert code == 0 and "日期在已锁定的考核期间内，县民政局解锁后自动导入" in listed and PERIOD in listed
    (imported,) = township.import_(bundle)  # the same bundle again: already imported, nothing changes
    assert imported.already_imported
    with township.session() as s:
        kept_rows = s.scalars(select(SyncHeld).where(SyncHeld.reason == "period_locked")).all()
    imported_held = [{"table": h.table_name, "id": h.record_id, "reason": h.reason, "detail": h.detail}
                     for h in kept_rows]
    held = [h for h in imported_held if h["table"] == "care_records"]
    assert [h["id"] for h in held] == [late]
    assert held[0]["reason"] == "period_locked" and PERIOD in held[0]["detail"] and "县民政局解锁" in held[0]["detail"]
    with township.session() as s:
        assert s.get(CareRecord, late) is None and s.get(CareRecord, after) is not None
        assert s.get(CareRecord, first) is not None
        (kept,) = s.scalars(select(SyncHeld).where(SyncHeld.record_id == late)).all()
        assert kept.reason == "period_locked" and kept.author == VILLAGE
    assert _calls_done(township) == before  # not in the figures
    # the lock reaches the village, whose later bundles keep the call held at the township
    _carry(township, village)
    again = _carry(village, township)
    assert again.released == 0
    with township.session() as s:
        assert s.get(CareRecord, late) is None
    # the township relays the village's layer up: the county, which knows the lock, holds it too
    relayed = _carry(township, county)
    assert [h["id"] for h in relayed.held if h["table"] == "care_records"] == [late]
    # the county unlocks: the call is taken in at the county at once, and its bundle carries
    # the unlock to the township, which takes the call in
    with county.session() as s, s.begin():
        assessment.unlock(s, county.actor(s), village=VILLAGE, period=PERIOD, reason="村里补录离线期间的随访")
    with county.session() as s:
        assert s.get(CareRecord, late) is not None
    unlocked = _carry(county, township)
    assert unlocked.released == 1
    with township.session() as s:
        record = s.get(CareRecord, late)
        assert record is not None and record.occurred_on == LATE
        assert s.scalars(select(SyncHeld).where(SyncHeld.record_id == late)).all() == []
    assert _calls_done(township) == before + 1


def test_the_locking_office_s_own_records_pass_and_a_deletion_from_below_is_held(tmp_path):
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    township, village = offices[TOWNSHIP], offices[VILLAGE]
    rid = register(village, "钱奶奶")
    call = _call(village, rid, LAST_H)
    _carry(village, township)
    with township.session() as s, s.begin():  # the township's own record of the half year, before the lock
        own = work.log_call(s, township.actor(s), rid, reached=True, on=LAST_H + dt.timedelta(days=1)).id
    _lock(township)
    with village.session() as s, s.begin():  # offline: the village deletes its call of the locked half year
        writes.delete(s, village.actor(s), s.get(CareRecord, call))
    imported = _carry(village, township)
    assert [(h["table"], h["id"], h["reason"]) for h in imported.held] == [("care_records", call, "period_locked")]
    with township.session() as s:
        assert s.get(CareRecord, call).deleted is False
    _carry(township, village)  # the lock and the township's own call of the half year reach the village
    with village.session() as s:
        assert s.get(CareRecord, own) is not None


def test_attachments_on_a_locked_record_are_refused_with_the_lock_s_reason(tmp_path):
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    township, village = offices[TOWNSHIP], offices[VILLAGE]
    rid = register(village, "孙爷爷")
    call = _call(village, rid, LAST_H)
    photo = tmp_path / "走访.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    store = store_dir_for(township.engine)
    _carry(village, township)
    with township.session() as s, s.begin():
        earlier = attach_file(s, township.actor(s), store, source=photo, owner_table="care_records", owner_id=call).id
    _lock(township)
    later = _call(township, rid, dt.date(TODAY.year - 1, 9, 1))
    with township.session() as s, s.begin():
        with pytest.raises(PeriodLockedError) as refused:
            attach_file(s, township.actor(s), store, source=photo, owner_table="care_records", owner_id=call)
        message = refused.value.message()
        assert "附件所属的" in message and PERIOD in message and "县民政局解锁" in message
        with pytest.raises(PeriodLockedError):
            writes.delete(s, township.actor(s), s.get(Attachment, earlier))
        # the next half year's record takes evidence as before
        attach_file(s, township.actor(s), store, source=photo, owner_table="care_records", owner_id=later)
    with township.session() as s:
        owners = [a.owner_id for a in s.scalars(select(Attachment).where(Attachment.deleted.is_(False)))]
        assert sorted(owners) == sorted([call, later])
    # offline, before the lock reaches it, the village adds a photo to its call: held on arrival
    with village.session() as s, s.begin():
        late = attach_file(s, village.actor(s), store_dir_for(village.engine), source=photo,
                           owner_table="care_records", owner_id=call, caption="补拍").id
    imported = _carry(village, township)
    assert [(h["table"], h["id"], h["reason"]) for h in imported.held] == [("attachments", late, "period_locked")]
    assert "附件所属的" in imported.held[0]["detail"]
    with township.session() as s:
        assert s.get(Attachment, late) is None
