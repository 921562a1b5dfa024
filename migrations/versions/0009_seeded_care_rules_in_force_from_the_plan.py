"""seeded care rules in force from the plan's date: the five four-ones rules every office seeds
under fixed ids were in force from each office's setup day, so a township set up today counted
nothing owed in the quarters of the villages' bundles, and the copies of one rule differed from
office to office. Seeding now writes them in force from the plan's date (2020-07-01,
app/care/offices.py PLAN_IN_FORCE); this brings existing databases there.

Only a seeded rule nobody changed since it was seeded moves: no field of it has a version
vector (app/changes/versions.py: every change after a record's creation, made here or merged in,
leaves one) and no audit entry here changed it (edits made before sync existed left no
vector). A rule the county changed keeps its dates, and so does one already in force from
before the plan's date.

The move makes the row what seeding writes now: in force from the plan's date and created by
the county, whose plan it is (origin_office, which decides between two offices' creations of
one record when they meet). It is recorded as a write: a new clock stamp of this office as
the last writer, an audit entry ("update", by the database upgrade, with the old and new date
and origin) and a change-log row, so it travels to the offices below with the next bundle.
It leaves no field version, on purpose: it corrects how the record was created rather than
changing county policy, and merges treat it so. Differing creations of one seeded rule merge
without a conflict, the county's creation standing (app/sync/merge.py), so an upgraded
office's copy wins over that of an office not upgraded yet, either way round, and an upgraded
office's copy meets a freshly seeded one as equal. A field version written by a township
would instead make every village still on the previous version refuse the township's date as
a change of county policy by an office that does not own it (five "not_owner" conflicts per
village), and would clash with a later move of the rule's start by the county.

Downgrade leaves the data as it is (the plan's date is a valid date under 0008 too).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 00:21:28.066163
"""

from __future__ import annotations

import datetime as dt

import orjson
import sqlalchemy as sa
from alembic import op
from uuid_utils import uuid7

from app.care.hlc import Clock, Stamp
from app.changes.versions import log_changes, read_vectors
from app.config import laptop_id

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Written out rather than imported: this migration does what it did whatever the code becomes.
PLAN_IN_FORCE = "2020-07-01"
SEEDED_RULES = (  # app.care.offices.seed_id("care-rule:<name>")
    "017307ac-5000-7209-bd82-ebc615a81b72",  # call-monthly
    "017307ac-5000-74b0-9983-90a5ba22f374",  # call-weekly-key
    "017307ac-5000-710e-a0bd-c47c47be4c46",  # wish-quarterly
    "017307ac-5000-7d9b-a0e0-b1d5edc11ef5",  # aid-half-yearly
    "017307ac-5000-70ee-bb76-5b2ef7d5fb35",  # visit-quarterly
)
TABLE = "care_rules"
WHO = "数据库升级 0009"
REASON = "四个一规则按实施方案日期（2020-07-01）生效，不再从本单位设置之日起算"
# Audit actions that leave a record as it was created: a merge without field versions only
# chose between two offices' creations of the same seeded id.
UNCHANGED_BY = ("create", "merge")

audit_log = sa.table(
    "audit_log", sa.column("id", sa.String), sa.column("at", sa.DateTime), sa.column("office_code", sa.String),
    sa.column("laptop_id", sa.String), sa.column("user", sa.String), sa.column("action", sa.String),
    sa.column("table_name", sa.String), sa.column("record_id", sa.String), sa.column("hlc", sa.String),
    sa.column("changes_json", sa.Text))


def _setting(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(sa.text("SELECT value FROM local_settings WHERE key = :k"), {"k": key}).scalar()


def _never_changed(conn: sa.Connection, rule_id: str) -> bool:
    if read_vectors(conn, TABLE, rule_id):
        return False
    edits = conn.execute(sa.text(
        "SELECT count(*) FROM audit_log WHERE table_name = :t AND record_id = :r AND action NOT IN :same"
    ).bindparams(sa.bindparam("same", expanding=True)), {"t": TABLE, "r": rule_id, "same": list(UNCHANGED_BY)}).scalar()
    return not edits


def upgrade() -> None:
    conn = op.get_bind()
    office = _setting(conn, "office_code")
    if office is None:  # not set up: nothing was seeded
        return
    rows = conn.execute(
        sa.text(f"SELECT id, valid_from, origin_office, hlc FROM {TABLE} WHERE deleted = 0 AND valid_from > :plan "
                "AND id IN :ids ORDER BY id").bindparams(sa.bindparam("ids", expanding=True)),
        {"plan": PLAN_IN_FORCE, "ids": list(SEEDED_RULES)}).all()
    rows = [r for r in rows if _never_changed(conn, r.id)]
    if not rows:
        return
    last = _setting(conn, "hlc_last")
    clock = Clock(office, Stamp.decode(last) if last else None)
    laptop = laptop_id()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # audit_log.at holds naive UTC
    county = office[:6]
    for rule_id, old, origin, hlc in rows:
        clock.observe(Stamp.decode(hlc))  # a stamp later than the record's own
        stamp = clock.now().encode()
        conn.execute(sa.text(f"UPDATE {TABLE} SET valid_from = :plan, origin_office = :c, hlc = :h, "
                             "modified_office = :o WHERE id = :r"),
                     {"plan": PLAN_IN_FORCE, "c": county, "h": stamp, "o": office, "r": rule_id})
        changes = {"valid_from": [str(old), PLAN_IN_FORCE], "reason": [None, REASON]}
        if origin != county:
            changes["origin_office"] = [origin, county]
        conn.execute(audit_log.insert().values(
            id=str(uuid7()), at=now, office_code=office, laptop_id=laptop, user=WHO, action="update",
            table_name=TABLE, record_id=rule_id, hlc=stamp,
            changes_json=orjson.dumps(changes, option=orjson.OPT_SORT_KEYS).decode()))
        log_changes(conn, TABLE, [rule_id])
    conn.execute(sa.text("UPDATE local_settings SET value = :v WHERE key = 'hlc_last'"),
                 {"v": clock.last.encode()})
    if last is None:
        conn.execute(sa.text("INSERT INTO local_settings (key, value) VALUES ('hlc_last', :v)"),
                     {"v": clock.last.encode()})


def downgrade() -> None:
    pass
