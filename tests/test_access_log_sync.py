"""The access log travels up (village → township → county) and never down (issue 15,
point 3): the township sees who opened its villages' people, a village never receives the
township's entries; a bundle carrying another office's entries as its own is refused."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.models import AccessEntry
from app.protection.access_log import list_access, log_access, note_record_opened
from tests.sync_offices import COUNTY, TOWNSHIP, VILLAGE, VILLAGE2, chain, register


def _carry(src, dst) -> None:  # noqa: ANN001
    result = src.export(dst)
    assert dst.import_(result.path)[0].accepted, "bundle refused"


def _entries(office) -> list[tuple[str, str, str, str | None]]:  # noqa: ANN001
    with office.session() as s:
        return sorted((e.origin_office, e.user, e.event, e.person_id) for e in s.scalars(select(AccessEntry)))


def test_the_log_travels_up_to_the_township_and_the_county_and_never_down(tmp_path):
    offices = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE, VILLAGE2)
    county, township, village, other = offices[COUNTY], offices[TOWNSHIP], offices[VILLAGE], offices[VILLAGE2]
    child = register(village, "王小明", birth=dt.date.today().replace(year=dt.date.today().year - 9),
                     categories=("left_behind_child",), sex="male")
    with village.session() as s, s.begin():
        assert note_record_opened(s, village.actor(s), child)
        log_access(s, village.actor(s), "export_full_ids", count=1, detail="/media/usb/花名册.xlsx")
    _carry(village, township)
    at_township = _entries(township)
    assert (VILLAGE, "主任201", "open_record", child) in at_township
    assert (VILLAGE, "主任201", "export_full_ids", None) in at_township
    with township.session() as s:
        rows = list_access(s, person_id=child)
        assert [(r.event, r.person_name, r.village_code, r.office_code) for r in rows] == [
            ("open_record", "王小明", VILLAGE, VILLAGE)]
    # The township's own access, and the village's relayed, go on to the county.
    with township.session() as s, s.begin():
        log_access(s, township.actor(s), "reveal_id", person_id=child)
    _carry(township, county)
    assert {e[:3] for e in _entries(county)} >= {(VILLAGE, "主任201", "open_record"),
                                                (VILLAGE, "主任201", "export_full_ids"),
                                                (TOWNSHIP, "主任100", "reveal_id")}
    # Down: nothing of the log, neither the township's own nor a village's.
    with county.session() as s, s.begin():
        log_access(s, county.actor(s), "sign_in")
    _carry(county, township)
    assert not any(e[0] == COUNTY for e in _entries(township))
    _carry(township, village)
    _carry(township, other)
    assert {e[0] for e in _entries(village)} == {VILLAGE}
    assert _entries(other) == []


def test_an_entry_claimed_for_another_office_is_not_written(tmp_path):
    """A village's bundle may bring only entries it made: one claiming to be the township's
    (who would then seem to have looked) is not believed — held, never written."""
    from app.sync import exchange
    from tests.sync_offices import now_stamp, seal_from

    offices = chain(tmp_path, TOWNSHIP, VILLAGE, VILLAGE2)
    township, village = offices[TOWNSHIP], offices[VILLAGE]
    with village.session() as s, s.begin():
        entry = log_access(s, village.actor(s), "sign_in")
        rid = entry.id
    from tests.sync_offices import row

    forged = row(village, "access_log", rid)
    forged.update(id="0190f0f0-0000-7000-8000-000000000001", origin_office=TOWNSHIP, modified_office=TOWNSHIP,
                  hlc=now_stamp(TOWNSHIP), user="冒名")
    path = seal_from(village, TOWNSHIP, {"access_log": [forged]})
    exchange.import_bundles(township.engine, [path])
    assert _entries(township) == []
