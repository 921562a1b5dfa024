"""Issue 12: sync against an office that lies. Each attack is made as an attacker would make
it: with a village's (or township's) own legitimate keys and the project's own envelope and
layer code. Each test checks the receiver's data unchanged and the reason given."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.models import CareRule, Recipient
from app.sync import envelope, layers
from app.sync.records import read_rows
from tests.helpers import make_id
from tests.sync_offices import (
    COUNTY,
    TOWNSHIP,
    VILLAGE,
    VILLAGE2,
    Office,
    chain,
    dump,
    now_stamp,
    register,
    row,
    seal_from,
)

OTHER_TOWNSHIP_VILLAGE = "522631200201"


@pytest.fixture
def county(tmp_path: Path) -> dict[str, Office]:
    """A county, a township, two of its villages, each village with one recipient the
    township has (and the county)."""
    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE, VILLAGE2)
    register(o[VILLAGE], "吴秀英", seq=12)
    register(o[VILLAGE2], "杨桂花", seq=14)
    for v in (VILLAGE, VILLAGE2):
        [res] = o[TOWNSHIP].import_(o[v].export(o[TOWNSHIP]).path)
        assert res.accepted
    [res] = o[COUNTY].import_(o[TOWNSHIP].export(o[COUNTY]).path)
    assert res.accepted
    return o


def recipient_of(office: Office) -> str:
    with office.session() as s:
        return s.scalars(select(Recipient.id).where(Recipient.village_code == office.code)).one()


# ---- 1. authorship is proven, not claimed ------------------------------------------------------

@pytest.mark.parametrize("change", [
    {"name": "假名字"}, {"phone": "13900000000"}, {"id_number": make_id(dt.date(1950, 3, 1), "female", seq=40)},
    {"deleted": True}, {"status": "exited"},
])
def test_a_village_claiming_another_village_wrote_a_change_is_not_believed(county: dict[str, Office],
                                                                         change: dict[str, Any]) -> None:
    t, v1, v2 = county[TOWNSHIP], county[VILLAGE], county[VILLAGE2]
    victim = recipient_of(v2)
    forged = row(t, "recipients", victim)
    stamp = now_stamp(VILLAGE2)
    forged.update(change)
    forged["hlc"], forged["modified_office"] = stamp, VILLAGE2
    forged["_v"] = {f: {VILLAGE2: stamp, "by": stamp} for f in change}
    before = dump(t.engine)
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"recipients": [forged]}))
    assert res.accepted and res.updated == 0
    [held] = res.held
    assert (held["table"], held["id"], held["office"], held["claimed"]) == ("recipients", victim, VILLAGE, VILLAGE2)
    after = {k: v for k, v in row(t, "recipients", victim).items()}
    assert all(after[f] != forged[f] for f in change)
    # nothing of it travels on: not to the victim's village, not up to the county
    down = t.export(v2)
    assert "recipients" not in down.counts
    assert dump(t.engine) != before  # the bundle log and the held record, nothing else:
    with t.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM sync_held WHERE record_id = :r"), {"r": victim}).scalar() == 1


def test_a_village_changing_another_villages_person_in_its_own_name_is_refused(county: dict[str, Office]) -> None:
    t, v1, v2 = county[TOWNSHIP], county[VILLAGE], county[VILLAGE2]
    victim = recipient_of(v2)
    forged = row(t, "recipients", victim)
    stamp = now_stamp(VILLAGE)
    forged.update(phone="13900000000", hlc=stamp, modified_office=VILLAGE, _v={"phone": {VILLAGE: stamp, "by": stamp}})
    before = dump(t.engine)
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"recipients": [forged]}))
    assert not res.accepted and res.code == "out_of_scope"
    assert victim in (res.reason or "") and VILLAGE in (res.reason or "") and "recipients" in (res.reason or "")
    assert dump(t.engine) == before


def test_a_care_rule_set_to_zero_by_a_village_is_never_applied(county: dict[str, Office]) -> None:
    t, v1 = county[TOWNSHIP], county[VILLAGE]
    with t.session() as s:
        rule_id = s.scalars(select(CareRule.id)).first()
    forged = row(t, "care_rules", rule_id)
    county_stamp = now_stamp(COUNTY)
    claimed = {**forged, "count_per_period": 0, "hlc": county_stamp, "modified_office": COUNTY,
               "_v": {"count_per_period": {COUNTY: county_stamp, "by": county_stamp}}}
    before = dump(t.engine)
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"care_rules": [claimed]}))  # "the county did it"
    assert res.accepted and [h["claimed"] for h in res.held] == [COUNTY]
    assert row(t, "care_rules", rule_id)["count_per_period"] == forged["count_per_period"]
    own = now_stamp(VILLAGE)
    mine = {**forged, "count_per_period": 0, "hlc": own, "modified_office": VILLAGE,
            "_v": {"count_per_period": {VILLAGE: own, "by": own}}}
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"care_rules": [mine]}))  # "I did it"
    assert not res.accepted and res.code == "out_of_scope" and "care_rules" in (res.reason or "")
    assert row(t, "care_rules", rule_id)["count_per_period"] == forged["count_per_period"]
    assert len(dump(t.engine)) > len(before)  # only the first bundle's log line and held record


# ---- 2. scope is checked on arrival, for every table ---------------------------------------------

def _new_recipient(template: dict[str, Any], rid: str, village: str, origin: str) -> dict[str, Any]:
    stamp = now_stamp(origin)
    return {**template, "id": rid, "village_code": village, "origin_office": origin, "modified_office": origin,
            "hlc": stamp, "id_number": make_id(dt.date(1950, 3, 1), "female", seq=41), "name": "新人"}


@pytest.mark.parametrize("what", ["recipient_in_another_village", "office_of_a_sibling", "office_elsewhere",
                                  "care_rule", "decision_for_another_village", "own_supervision_visit",
                                  "own_period_lock"])
def test_a_village_creating_records_outside_its_scope_is_refused(county: dict[str, Office], what: str) -> None:
    t, v1, v2 = county[TOWNSHIP], county[VILLAGE], county[VILLAGE2]
    rid = "01900000-0000-7000-8000-0000000000aa"
    stamp = now_stamp(VILLAGE)
    base = {"id": rid, "origin_office": VILLAGE, "modified_office": VILLAGE, "hlc": stamp, "deleted": False}
    if what == "recipient_in_another_village":
        tables = {"recipients": [_new_recipient(row(t, "recipients", recipient_of(v1)), rid, VILLAGE2, VILLAGE)]}
    elif what in ("office_of_a_sibling", "office_elsewhere"):
        code = "522631100299" if what == "office_of_a_sibling" else "533000"
        level = "village" if len(code) == 12 else "county"
        tables = {"offices": [{**base, "code": code, "name": "假单位", "level": level,
                               "parent_code": TOWNSHIP if level == "village" else None}]}
    elif what == "care_rule":
        rule = row(t, "care_rules", next(iter(t.session().scalars(select(CareRule.id)))))
        tables = {"care_rules": [{**rule, **base, "name": "每年一次", "_v": {}}]}
        tables["care_rules"][0].pop("_v")
    elif what == "own_supervision_visit":  # a village "supervised" by itself
        tables = {"supervision_visits": [{**base, "village_code": VILLAGE, "period": "2026-Q1",
                                          "visited_on": "2026-02-01", "supervisor": "自己", "findings": "很好",
                                          "problems": None, "rectification": None, "rectify_by": None,
                                          "figures_json": None, "checked": None}]}
    elif what == "own_period_lock":  # a village locking its own half year
        tables = {"period_locks": [{**base, "village_code": VILLAGE, "period": "2026-H1", "start_date": "2026-01-01",
                                    "end_date": "2026-06-30", "assessment_id": None, "locked_on": "2026-07-01",
                                    "locked_by": "自己", "locked_by_office": VILLAGE, "unlocked_on": None,
                                    "unlocked_by": None, "unlocked_by_office": None, "unlock_reason": None}]}
    else:
        tables = {"status_events": [{**base, "recipient_id": recipient_of(v2), "step": "exit", "from_status": "surveyed",
                                     "to_status": "exited", "department": None, "decision": None, "reason": "伪造",
                                     "doc_no": "县民〔2026〕1号", "decided_on": "2026-02-01", "decided_by": "假局长",
                                     "source": "paper"}]}
    before = dump(t.engine)
    [res] = t.import_(seal_from(v1, TOWNSHIP, tables))
    assert not res.accepted and res.code == "out_of_scope", res.reason
    assert VILLAGE in (res.reason or "") and rid in (res.reason or "")
    assert dump(t.engine) == before


def test_a_record_said_to_be_made_by_the_county_is_held_until_the_county_sends_it(county: dict[str, Office]) -> None:
    t, v1 = county[TOWNSHIP], county[VILLAGE]
    stamp = now_stamp(COUNTY)
    decision = {"id": "01900000-0000-7000-8000-0000000000bb", "origin_office": COUNTY, "modified_office": COUNTY,
                "hlc": stamp, "deleted": False, "recipient_id": recipient_of(v1), "step": "exit",
                "from_status": "surveyed", "to_status": "exited", "department": None, "decision": None,
                "reason": "伪造", "doc_no": "县民〔2026〕1号", "decided_on": "2026-02-01", "decided_by": "假局长",
                "source": "paper"}
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"status_events": [decision]}))
    assert res.accepted and res.inserted == 0
    assert [(h["table"], h["claimed"], h["reason"]) for h in res.held] == [("status_events", COUNTY, "unproven")]
    with t.engine.connect() as conn:
        assert read_rows(conn, "status_events", "status_events t", "t.id = :i", {"i": decision["id"]}) == []


# ---- 3. revocation cannot be dodged by the signer's clock ----------------------------------------

def test_a_revoked_village_is_refused_from_the_next_number_whatever_its_clock(county: dict[str, Office]) -> None:
    """(The date a bundle carries plays no part: tests/test_sync_envelope.py also backdates one.)"""
    from app.care.context import actor_for
    from app.sync.trust import revoke_office

    t, v1 = county[TOWNSHIP], county[VILLAGE]
    with t.session() as s, s.begin():
        assert revoke_office(s, actor_for(s), VILLAGE).from_sequence == 2
    register(v1, "龙老三", seq=16)
    before = dump(t.engine)
    [res] = t.import_(v1.export(t).path)
    assert not res.accepted and res.code == "revoked_signer" and "第 2 号" in (res.reason or "")
    assert dump(t.engine) == before


# ---- relays: a township that lies to its county, or to a village ------------------------------------

def test_a_township_forging_its_villages_authorship_to_the_county_is_refused(county: dict[str, Office]) -> None:
    from app.sync import keys as K

    c, t, v1 = county[COUNTY], county[TOWNSHIP], county[VILLAGE]
    victim = recipient_of(v1)
    forged = row(t, "recipients", victim)
    stamp = now_stamp(VILLAGE)
    forged.update(name="改掉的名字", hlc=stamp, _v={"name": {VILLAGE: stamp, "by": stamp}})
    part = ("\n".join([json.dumps(forged, ensure_ascii=False)]) + "\n").encode()
    import datetime as dt
    import hashlib

    with t.session() as s, v1.session() as vs:
        v1_fp = K.own_fingerprint(vs, VILLAGE)
        manifest = json.dumps({"format_version": 2, "from_office": VILLAGE, "to_office": TOWNSHIP, "direction": "up",
                               "sequence": 9, "created_at": dt.datetime.now(dt.UTC).isoformat(), "signer": v1_fp,
                               "parts": {"recipients.jsonl": {"size": len(part), "sha256": hashlib.sha256(part).hexdigest(),
                                                              "stored": len(part), "encoding": "raw"}}}).encode()
        t_key = K.signing_key(K.current_own_key(s, TOWNSHIP, "sign"))  # type: ignore[arg-type]
        signature = t_key.sign(envelope.manifest_signed_bytes(manifest))  # signed by the township itself
        vouch = layers.vouch_for(s, VILLAGE)
    relay = {layers.RELAYED_PREFIX + layers.manifest_sha(manifest): layers.pack_relay(manifest, signature,
                                                                                     {"recipients.jsonl": part})}
    before = dump(c.engine)
    [res] = c.import_(seal_from(t, COUNTY, {}, parts=relay, vouches=[vouch]))
    assert not res.accepted and res.code == "bad_record" and "签名" in (res.reason or "") and VILLAGE in (res.reason or "")
    assert dump(c.engine) == before


def test_a_township_vouching_for_an_office_not_its_own_is_refused(county: dict[str, Office]) -> None:
    c, t = county[COUNTY], county[TOWNSHIP]
    with t.session() as s:
        vouch = layers.vouch_for(s, VILLAGE)
    assert vouch is not None
    vouch = {**vouch, "office": OTHER_TOWNSHIP_VILLAGE}
    before = dump(c.engine)
    [res] = c.import_(seal_from(t, COUNTY, {}, vouches=[vouch]))
    assert not res.accepted and OTHER_TOWNSHIP_VILLAGE in (res.reason or "") and "作保" in (res.reason or "")
    assert dump(c.engine) == before


def test_an_honest_relay_proves_each_author_two_hops_away(county: dict[str, Office]) -> None:
    """The county never trusted the village's key, yet believes its change; the village never
    trusted the county's, yet believes its decision: each through the township's word."""
    import datetime as dt

    from app.care import writes

    c, t, v1 = county[COUNTY], county[TOWNSHIP], county[VILLAGE]
    victim = recipient_of(v1)
    with v1.session() as s, s.begin():
        writes.update(s, v1.actor(s), s.get(Recipient, victim), phone="13712345678")
    t.import_(v1.export(t).path)
    [res] = c.import_(t.export(c).path)
    assert res.accepted and res.held == [] and row(c, "recipients", victim)["phone"] == "13712345678"
    with c.session() as s, s.begin():  # the life cycle's date: a field every office of the chain may change
        writes.update(s, c.actor(s), s.get(Recipient, victim), status_date=dt.date(2026, 3, 3))
    [res] = t.import_(c.export(t).path)
    assert res.accepted and res.held == []
    [res] = v1.import_(t.export(v1).path)
    assert res.accepted and res.held == [] and row(v1, "recipients", victim)["status_date"] == "2026-03-03"


def test_a_township_relaying_another_villages_part_to_a_village_is_refused(county: dict[str, Office]) -> None:
    from app.care import writes

    c, t, v1, v2 = county[COUNTY], county[TOWNSHIP], county[VILLAGE], county[VILLAGE2]
    with c.session() as s, s.begin():  # the county changes something of each village's person
        import datetime as dt

        for v in (v1, v2):
            writes.update(s, c.actor(s), s.get(Recipient, recipient_of(v)), status_date=dt.date(2026, 4, 4))
    t.import_(c.export(t).path)
    with t.session() as s:
        [(sha, _)] = [(r, a) for r, a in layers.to_relay(s, me=TOWNSHIP, peer=VILLAGE2, direction="down",
                                                          everything=False)]
        name, data, author = layers.relay_part(s, sha, None)  # every part, the other village's too
        vouch = layers.vouch_for(s, COUNTY)
    before = dump(v1.engine)
    [res] = v1.import_(seal_from(t, VILLAGE, {}, parts={name: data}, vouches=[vouch]))
    assert not res.accepted and "不属于本单位" in (res.reason or "")
    assert dump(v1.engine) == before


# ---- 4. incoming values pass the checks of a local write ---------------------------------------

@pytest.mark.parametrize("field,value,words", [
    ("birth_date", "9999-01-01", "1900–2100"), ("status_date", "0001-01-01", "1900–2100"),
    ("status", "deceased", "代码"), ("categories", ",left_behind_child,aliens,", "类别"),
    ("id_number", "522631195003010020", "身份证"), ("name", "吴\u202e英秀", "字符"),
    ("address", "村" * 300, "上限"), ("disability_grade", 99, "范围"),
    ("categories", ",left_behind_child,", "16周岁"),  # a 76-year-old "left-behind child"
])
def test_a_value_a_local_write_would_refuse_refuses_the_bundle(county: dict[str, Office], field: str,
                                                              value: Any, words: str) -> None:
    t, v1 = county[TOWNSHIP], county[VILLAGE]
    mine = row(t, "recipients", recipient_of(v1))
    stamp = now_stamp(VILLAGE)
    mine.update({field: value, "hlc": stamp, "_v": {field: {VILLAGE: stamp, "by": stamp}}})
    before = dump(t.engine)
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"recipients": [mine]}))
    assert not res.accepted and res.code == "bad_record" and words in (res.reason or ""), res.reason
    assert mine["id"] in (res.reason or "")
    assert dump(t.engine) == before


def test_money_out_of_bounds_and_a_stamp_days_ahead_are_refused(county: dict[str, Office]) -> None:
    t, v1 = county[TOWNSHIP], county[VILLAGE]
    stamp = now_stamp(VILLAGE)
    aid = {"id": "01900000-0000-7000-8000-0000000000cc", "origin_office": VILLAGE, "modified_office": VILLAGE,
           "hlc": stamp, "deleted": False, "recipient_id": recipient_of(v1), "kind": "material_aid",
           "occurred_on": "2026-02-01", "recorded_by": "王", "note": None, "reached": None, "problems": None,
           "needs_action": False, "visitors": None, "findings": None, "items": "米", "value_fen": -500, "donor": None}
    before = dump(t.engine)
    for bad in ({"value_fen": -500}, {"value_fen": 10**15}, {"hlc": now_stamp(VILLAGE, ahead_ms=30 * 86_400_000)}):
        [res] = t.import_(seal_from(v1, TOWNSHIP, {"care_records": [{**aid, **bad}]}, sequence=2))
        assert not res.accepted and aid["id"] in (res.reason or ""), res.reason
    assert dump(t.engine) == before


def test_a_record_of_a_person_not_here_is_held_and_taken_in_when_the_person_arrives(county: dict[str, Office]) -> None:
    t, v1 = county[TOWNSHIP], county[VILLAGE]
    newcomer = register(v1, "龙老三", seq=16)
    stamp = now_stamp(VILLAGE)
    call = {"id": "01900000-0000-7000-8000-0000000000dd", "origin_office": VILLAGE, "modified_office": VILLAGE,
            "hlc": stamp, "deleted": False, "recipient_id": newcomer, "kind": "phone_followup",
            "occurred_on": "2026-02-01", "recorded_by": "王", "note": None, "reached": True, "problems": None,
            "needs_action": False, "visitors": None, "findings": None, "items": None, "value_fen": None, "donor": None}
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"care_records": [call]}))
    assert res.accepted and [h["reason"] for h in res.held] == ["missing_reference"]
    [res] = t.import_(v1.export(t).path)  # the person arrives: the call held back is taken in
    assert res.accepted and res.released == 1
    with t.engine.connect() as conn:
        assert len(read_rows(conn, "care_records", "care_records t", "t.id = :i", {"i": call["id"]})) == 1


def test_a_sequence_number_far_past_the_last_is_refused(county: dict[str, Office]) -> None:
    t, v1 = county[TOWNSHIP], county[VILLAGE]
    before = dump(t.engine)
    [res] = t.import_(seal_from(v1, TOWNSHIP, {}, sequence=5000))
    assert not res.accepted and "5000" in (res.reason or "")
    assert dump(t.engine) == before


def test_an_attachment_file_no_record_names_is_refused(county: dict[str, Office]) -> None:
    import hashlib

    t, v1 = county[TOWNSHIP], county[VILLAGE]
    blob = b"\xff\xd8" + b"x" * 5000
    before = dump(t.engine)
    [res] = t.import_(seal_from(v1, TOWNSHIP, {}, parts={f"attachments/{hashlib.sha256(blob).hexdigest()}": blob}))
    assert not res.accepted and "附件" in (res.reason or "")
    assert dump(t.engine) == before
    assert not any((t.dir / "db-files").rglob("*")) if (t.dir / "db-files").exists() else True


# ---- 9. a village receives only what concerns it ----------------------------------------------

def test_a_village_receives_only_the_responsible_persons_paired_with_its_people(county: dict[str, Office]) -> None:
    import datetime as dt

    from app.care import writes
    from app.models import AssistingUnit, Pairing, ResponsiblePerson

    t, v1, v2 = county[TOWNSHIP], county[VILLAGE], county[VILLAGE2]
    with t.session() as s, s.begin():
        a = t.actor(s)
        unit = writes.create(s, a, AssistingUnit, name="镇卫生院", unit_type="事业单位", contact_person=None,
                             phone=None, address=None)
        p1 = writes.create(s, a, ResponsiblePerson, unit_id=unit.id, name="王医生", position=None, phone=None,
                           id_number=None)
        p2 = writes.create(s, a, ResponsiblePerson, unit_id=unit.id, name="李医生", position=None, phone=None,
                           id_number=None)
        writes.create(s, a, Pairing, recipient_id=recipient_of(v1), responsible_person_id=p1.id, unit_id=unit.id,
                      start_date=dt.date(2026, 1, 1), end_date=None)
        p1_id, p2_id = p1.id, p2.id
    to_v1, to_v2 = t.export(v1), t.export(v2)
    assert to_v1.counts.get("responsible_persons") == 1 and to_v1.counts.get("assisting_units") == 1
    assert "responsible_persons" not in to_v2.counts and "assisting_units" not in to_v2.counts
    v1.import_(to_v1.path)
    with v1.engine.connect() as conn:
        ids = {r["id"] for r in read_rows(conn, "responsible_persons", "responsible_persons t", "1 = 1", {})}
    assert p1_id in ids and p2_id not in ids


def test_a_township_that_lost_its_data_gets_its_villages_records_back_from_the_county(tmp_path: Path) -> None:
    """The county sends back the villages' layers it was relayed (sealed for the township):
    the township checks them against its own trust in its villages, and holds nothing."""
    import sqlite3

    from app.db import open_database

    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    c, t, v = o[COUNTY], o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英", seq=12)
    t.import_(v.export(t).path)
    c.import_(t.export(c).path)
    db = t.dir / "db.sqlite3"
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(db) as src, sqlite3.connect(backup) as dst:
        src.backup(dst)
    later = register(v, "杨桂花", seq=14)
    t.import_(v.export(t).path)
    [up] = c.import_(t.export(c).path)
    assert up.accepted and up.inserted >= 1
    t.engine.dispose()  # the township's disk fails: its backup goes back in place
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    backup.replace(db)
    t = Office(TOWNSHIP, open_database(db), t.dir, t.sent)
    with t.session() as s:
        assert s.get(Recipient, later) is None
    everything = c.export(t, everything=True)
    assert everything.counts.get("relayed_layers", 0) >= 1
    [res] = t.import_(everything.path)
    assert res.accepted and res.held == [], res.held
    with t.session() as s:
        assert s.get(Recipient, later) is not None


def test_a_county_person_paired_later_reaches_the_village_with_the_countys_signature(tmp_path: Path) -> None:
    """The county sets up a unit and its responsible persons; later the township pairs one of
    them with a village's person. The village gets that person, proven the county's (the
    county sent each shared record as a part of its own), and no other person."""
    import datetime as dt

    from app.care import writes
    from app.models import AssistingUnit, Pairing, ResponsiblePerson

    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    c, t, v = o[COUNTY], o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英", seq=12)
    t.import_(v.export(t).path)
    with c.session() as s, s.begin():
        a = c.actor(s)
        unit = writes.create(s, a, AssistingUnit, name="县民政局", unit_type="机关", contact_person=None,
                             phone=None, address=None)
        people = [writes.create(s, a, ResponsiblePerson, unit_id=unit.id, name=n, position=None, phone=None,
                                id_number=None) for n in ("王科长", "李干部")]
        unit_id, chosen, other = unit.id, people[0].id, people[1].id
    [res] = t.import_(c.export(t).path)
    assert res.accepted and res.held == []
    [res] = v.import_(t.export(v).path)  # nothing of the county's people yet: none concerns the village
    assert res.accepted and res.held == []
    with t.session() as s, s.begin():  # the township pairs the county's person with the village's
        writes.create(s, t.actor(s), Pairing, recipient_id=rid, responsible_person_id=chosen, unit_id=unit_id,
                      start_date=dt.date(2026, 3, 1), end_date=None)
    [res] = v.import_(t.export(v).path)
    assert res.accepted and res.held == [], res.held
    with v.session() as s:
        assert s.get(ResponsiblePerson, chosen) is not None and s.get(AssistingUnit, unit_id) is not None
        assert s.get(ResponsiblePerson, other) is None
    again = t.export(v)  # sent once
    assert again.counts.get("relayed_layers", 0) == 0


def test_a_villages_photo_reaches_the_county_beside_its_relayed_layer(tmp_path: Path) -> None:
    from app.care.attachments import attach_file, blob_path, store_dir_for

    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    c, t, v = o[COUNTY], o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英", seq=12)
    photo = tmp_path / "visit.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    with v.session() as s, s.begin():
        att = attach_file(s, v.actor(s), store_dir_for(v.engine), source=photo, owner_table="recipients",
                          owner_id=rid)
        sha = att.sha256
    t.import_(v.export(t).path)
    up = t.export(c)
    assert up.counts.get("attachment_files") == 1 and up.counts.get("relayed_layers") == 1
    [res] = c.import_(up.path)
    assert res.accepted and res.held == []
    assert blob_path(store_dir_for(c.engine), sha).read_bytes() == photo.read_bytes()


def test_a_forged_layer_relayed_beside_the_honest_one_does_not_block_it(tmp_path: Path) -> None:
    """The township relays every village's layer, the liar's too: the county makes the
    record from the version its maker signed and holds the forgery, listed."""
    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE, VILLAGE2)
    c, t, v1, v2 = o[COUNTY], o[TOWNSHIP], o[VILLAGE], o[VILLAGE2]
    victim = register(v2, "杨桂花", seq=14)
    t.import_(v2.export(t).path)
    forged = row(t, "recipients", victim)
    stamp = now_stamp(VILLAGE2)
    forged.update(name="冒名顶替", hlc=stamp, _v={"name": {VILLAGE2: stamp, "by": stamp}})
    [res] = t.import_(seal_from(v1, TOWNSHIP, {"recipients": [forged]}))
    assert res.accepted and len(res.held) == 1
    up = t.export(c)
    assert up.counts.get("relayed_layers") == 2
    [res] = c.import_(up.path)
    assert res.accepted and [(h["office"], h["claimed"]) for h in res.held] == [(VILLAGE, VILLAGE2)]
    assert row(c, "recipients", victim)["name"] == "杨桂花"
