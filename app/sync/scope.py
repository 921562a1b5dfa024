"""Whose records are whose: the one table of scope, used by export (what goes down to an
office), by the merge (what an office may create or change) and by the conflict rules.

Every travelling record belongs to a unit: an office code (a village for a recipient and
everything hanging from it, the office that held an activity, the village a supervision
visit was made in …). An office may create and change a record only when the record's unit
lies in its own part of the tree: a village its own village's records, a township those of
its villages (and its own), the county everything in the county. A record an office keeps
for itself (an assisting unit, a responsible person it set up) has the office that made it
as its unit. County policy (care rules) is made by the county alone.

`UNIT_OF` says, per table, where the unit is found:

| kind        | the unit is                                                           |
|-------------|-----------------------------------------------------------------------|
| column c    | the record's column c (a village or office code)                      |
| recipient c | the village of the recipient the column c names                       |
| family c    | the village of the mutual-aid family the column c names               |
| owner       | the unit of the record an attachment belongs to (owner_table/id)      |
| maker       | the office that made the record (origin_office)                       |
| county      | the county (care rules, assessment rules: only a county-level office  |
|             | writes them)                                                          |
| maker       | (also the access log: up only, its down-scope empty)                  |
| office      | the office row itself (an office may write its own row, its ancestors'|
|             | rows it keeps for reference, and its descendants')                    |

Export's down-scope (which rows concern an office) is the same table read as SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

COUNTY_CODE_LENGTH = 6


@dataclass(frozen=True)
class Unit:
    kind: str  # column | recipient | family | owner | maker | county | office
    column: str = ""


def _unit_table() -> dict[str, Unit]:
    table = {
        "offices": Unit("office", "code"),
        "recipients": Unit("column", "village_code"),
        "mutual_aid_families": Unit("column", "village_code"),
        "unit_villages": Unit("column", "village_code"),
        "supervision_visits": Unit("column", "village_code"),
        "semiannual_assessments": Unit("column", "village_code"),
        "rectification_items": Unit("column", "village_code"),
        "assessment_items": Unit("column", "village_code"),
        "period_locks": Unit("column", "village_code"),
        "assessment_rules": Unit("county"),
        "activities": Unit("column", "office_code"),
        "subsidy_payments": Unit("family", "family_id"),
        "assisting_units": Unit("maker"),
        "responsible_persons": Unit("maker"),
        "care_rules": Unit("county"),
        "retention_rules": Unit("county"),
        "attachments": Unit("owner"),
        # A decision on a possible duplicate belongs to the office over both villages (their
        # township, or the county for two townships): only it, or the county, decides.
        "duplicate_decisions": Unit("column", "unit_code"),
        # An access-log entry is the office's on whose laptop it happened: a bundle may carry
        # only its author's own entries and those of the offices below it (relayed).
        "access_log": Unit("maker"),
    }
    return table


UNIT_OF: dict[str, Unit] = _unit_table()


def unit_rule(table: str, columns: Iterable[str]) -> Unit:
    """The rule for a table: from UNIT_OF, else its recipient (every other record hangs from
    one)."""
    if table in UNIT_OF:
        return UNIT_OF[table]
    if "recipient_id" in columns:
        return Unit("recipient", "recipient_id")
    raise KeyError(f"no scope rule for {table}")


def within(author: str, unit: str) -> bool:
    """Whether `unit` lies in `author`'s part of the tree (the office itself or below it)."""
    return unit.startswith(author)


def may_write(author: str, table: str, unit: str | None) -> bool:
    """Whether office `author` may create or change a record of `table` whose unit is `unit`
    (None: not known here, e.g. a record of a recipient this office has never had)."""
    if unit is None:
        return False
    rule = UNIT_OF.get(table)
    if rule is not None and rule.kind == "county":
        return len(author) == COUNTY_CODE_LENGTH and within(author, unit)
    if rule is not None and rule.kind == "office":
        return within(author, unit) or within(unit, author)
    return within(author, unit)


# Oversight records an office above the village makes about it: a village may close a
# rectification item (ownership.py lets it change those fields), never make a supervision
# visit, an assessment or a lock of its own.
MADE_ABOVE = frozenset({"supervision_visits", "rectification_items", "semiannual_assessments",
                        "assessment_items", "period_locks"})


def may_create(author: str, table: str, unit: str | None) -> bool:
    """Whether office `author` may make a new record of `table` whose unit is `unit`."""
    if table in MADE_ABOVE and unit is not None and author == unit:
        return False
    return may_write(author, table, unit)


class UnitLookup:
    """The unit of a record, from the records of the bundle being merged or from this
    database (a recipient's village, a family's village, an attachment's owner)."""

    def __init__(self, conn: Connection, here: str) -> None:
        self.conn = conn
        self.here = here  # this office's code (care rules belong to its county)
        self.villages: dict[str, str | None] = {}
        self.families: dict[str, str | None] = {}
        self.units: dict[tuple[str, str], str | None] = {}

    def add(self, table: str, records: Iterable[dict[str, Any]]) -> None:
        """Records arriving in the bundle: their units count before they are written."""
        if table == "recipients":
            self.villages.update((r["id"], r.get("village_code")) for r in records)
        elif table == "mutual_aid_families":
            self.families.update((r["id"], r.get("village_code")) for r in records)

    def village(self, recipient_id: str | None) -> str | None:
        if not recipient_id:
            return None
        if recipient_id not in self.villages:
            self.villages[recipient_id] = self.conn.execute(
                text("SELECT village_code FROM recipients WHERE id = :i"), {"i": recipient_id}).scalar()
        return self.villages[recipient_id]

    def family_village(self, family_id: str | None) -> str | None:
        if not family_id:
            return None
        if family_id not in self.families:
            self.families[family_id] = self.conn.execute(
                text("SELECT village_code FROM mutual_aid_families WHERE id = :i"), {"i": family_id}).scalar()
        return self.families[family_id]

    def __call__(self, table: str, row: dict[str, Any]) -> str | None:
        """The unit of `row` (a wire dict of `table`)."""
        from app.sync.records import layout

        rule = unit_rule(table, layout(table).columns)
        if rule.kind in ("column", "office"):
            return row.get(rule.column)
        if rule.kind == "recipient":
            return self.village(row.get(rule.column))
        if rule.kind == "family":
            return self.family_village(row.get(rule.column))
        if rule.kind == "maker":
            return row.get("origin_office")
        if rule.kind == "county":
            return self.here[:COUNTY_CODE_LENGTH]
        return self.owner_unit(row.get("owner_table"), row.get("owner_id"))

    def owner_unit(self, owner_table: str | None, owner_id: str | None) -> str | None:
        from app.sync.records import TABLES, read_rows

        if owner_table not in TABLES or owner_table == "attachments" or not owner_id:
            return None
        key = (owner_table, owner_id)
        if key not in self.units:
            rows = read_rows(self.conn, owner_table, f"{owner_table} t", "t.id = :i", {"i": owner_id})
            self.units[key] = self(owner_table, rows[0]) if rows else None
        return self.units[key]

    def add_owners(self, table: str, records: Iterable[dict[str, Any]]) -> None:
        """Records of the bundle that attachments may belong to: their units as they arrive."""
        for r in records:
            self.units[(table, r["id"])] = self(table, r)


# ---- the same table, read as SQL: what concerns an office (export's down-scope) -----------

RECIPIENT_IN = "t.{col} IN (SELECT id FROM recipients WHERE village_code LIKE :prefix)"
FAMILY_IN = "t.{col} IN (SELECT id FROM mutual_aid_families WHERE village_code LIKE :prefix)"
ABOVE = ":peer LIKE t.{col} || '%'"  # an office above the addressee (or itself)
# Assisting units and responsible persons travel down to a township whole (it pairs them with
# its villages' people), to a village only those paired with its people (or serving it, or
# made by it): a village does not receive every responsible person of the county.
_ABOVE_VILLAGE = "length(:peer) < 12"
_PAIRED_PERSON = ("(" + _ABOVE_VILLAGE + " OR t.origin_office LIKE :prefix OR t.id IN (SELECT responsible_person_id FROM pairings WHERE "
                  + RECIPIENT_IN.format(col="recipient_id").replace("t.recipient_id", "recipient_id")
                  + ") OR t.id IN (SELECT responsible_person_id FROM agreements WHERE "
                  + RECIPIENT_IN.format(col="recipient_id").replace("t.recipient_id", "recipient_id") + "))")
_PAIRED_UNIT = ("(" + _ABOVE_VILLAGE + " OR t.origin_office LIKE :prefix OR t.id IN (SELECT unit_id FROM unit_villages WHERE village_code "
                "LIKE :prefix) OR t.id IN (SELECT unit_id FROM pairings WHERE "
                + RECIPIENT_IN.format(col="recipient_id").replace("t.recipient_id", "recipient_id") + "))")
_DOWN_SPECIAL: dict[str, str] = {
    "offices": "(t.code LIKE :prefix OR " + ABOVE.format(col="code") + ")",
    "activities": ("(t.office_code LIKE :prefix OR " + ABOVE.format(col="office_code")
                   + " OR t.id IN (SELECT activity_id FROM attendances WHERE "
                   + RECIPIENT_IN.format(col="recipient_id").replace("t.recipient_id", "recipient_id") + "))"),
    "assisting_units": _PAIRED_UNIT,
    "responsible_persons": _PAIRED_PERSON,
    "care_rules": "1 = 1",
    # A duplicate decision goes down to both villages it concerns (and the township over them).
    "duplicate_decisions": "(t.unit_code LIKE :prefix OR t.village_a LIKE :prefix OR t.village_b LIKE :prefix)",
    "assessment_rules": "1 = 1",
    # The access log travels up only: a village never receives who at the township or the
    # county looked at what, nor another village's entries.
    "access_log": "1 = 0",
    "retention_rules": "1 = 1",
}


def down_scope(table: str) -> str:
    """SQL (the table aliased `t`; `:prefix` the addressee's code + '%', `:peer` its code):
    the rows of `table` that concern the addressee."""
    from app.sync.records import TABLES, layout

    if table in _DOWN_SPECIAL:
        return _DOWN_SPECIAL[table]
    rule = unit_rule(table, layout(table).columns)
    if rule.kind == "column":
        return f"t.{rule.column} LIKE :prefix"
    if rule.kind == "recipient":
        return RECIPIENT_IN.format(col=rule.column)
    if rule.kind == "family":
        return FAMILY_IN.format(col=rule.column)
    if rule.kind == "owner":
        owners = " OR ".join(
            f"(t.owner_table = '{o}' AND t.owner_id IN (SELECT t.id FROM {o} t WHERE {down_scope(o)}))"
            for o in TABLES if o != "attachments")
        return f"({owners})"
    raise KeyError(f"no down-bundle scope for {table}")
