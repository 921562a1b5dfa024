"""Which office owns which field (issue 5, point 5), written down in one place.

Two rules stand between a bundle and this database. The first is scope (app/sync/scope.py):
an office may create or change only records of its own part of the tree, and a record
outside it refuses the whole bundle. Within its scope, ownership: a change (a field's new
value) arriving from an office that does not own the field is kept as a conflict for a
person to decide and is not applied (a township correcting a village's phone number). What
an office creates within its scope is then owned as below. Both rules read where a record
belongs from the same table (scope.UNIT_OF).

| table                                    | owner of changes                                    |
|------------------------------------------|-----------------------------------------------------|
| recipients, household_members, guardians | the recipient's village                             |
| recipients.status, .status_date          | any office of the recipient's chain (village, its   |
|                                          | township, the county): the life cycle, whose steps  |
|                                          | are themselves immutable status events              |
| care_rules                               | the county (a county-level office)                  |
| status_events (review decisions …)       | the office that made the record (the county for its |
|                                          | decisions)                                          |
| supervision_visits, semiannual_assessments | the office that made them (the township / county) |
| rectification_items                      | the office that made them; their closing (status,   |
|                                          | closed_on, close_note, closed_by): any office of the |
|                                          | village's chain (the village closes, the township   |
|                                          | may close or reopen)                                |
| follow_up_items                          | the office that made them (the village); their      |
|                                          | closing (status, closed_on, close_note, closed_by): |
|                                          | any office of the village's chain                   |
| period_locks                             | the office that locked (the township); the unlocking|
|                                          | fields (unlocked_*, unlock_reason): the county       |
| assessment_rules, retention_rules        | the county (a county-level office)                  |
| everything else (care records, school    | the office that made the record                     |
| files, services, pairings, assignments,  |                                                     |
| agreements, attachments, activities …)   |                                                     |
| offices                                  | merged by code; an office already known is kept     |

Never decided silently (a conflict whenever two versions diverge, even by clock order): the
ID number, birth date and sex (which follow from it), the categories and the health fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

VILLAGE, COUNTY, ORIGIN, CHAIN = "village", "county", "origin", "chain"

TABLE_OWNER: dict[str, str] = {
    "recipients": VILLAGE,
    "household_members": VILLAGE,
    "guardians": VILLAGE,
    "care_rules": COUNTY,
    "assessment_rules": COUNTY,
    "retention_rules": COUNTY,
}
FIELD_OWNER: dict[tuple[str, str], str] = {
    ("recipients", "status"): CHAIN,
    ("recipients", "status_date"): CHAIN,
    **{("rectification_items", f): CHAIN for f in ("status", "closed_on", "close_note", "closed_by")},
    **{("follow_up_items", f): CHAIN for f in ("status", "closed_on", "close_note", "closed_by")},
    **{("period_locks", f): COUNTY for f in ("unlocked_on", "unlocked_by", "unlocked_by_office", "unlock_reason")},
}

HEALTH = {"self_care", "work_ability", "major_illness", "disability_type", "disability_grade",
          "disability_cert_no"}
SENSITIVE: dict[str, frozenset[str]] = {
    "recipients": frozenset({"id_number", "birth_date", "sex", "categories", "id_region_note", *HEALTH}),
    "household_members": frozenset({"id_number", "birth_date"}),
    "guardians": frozenset({"id_number"}),
    "responsible_persons": frozenset({"id_number"}),
    "mutual_aid_families": frozenset({"id_number"}),
    "third_party_assessments": frozenset({"self_care", "health_check"}),
}

# County policy travels down only: a village's own seeded copy of a rule is never sent up.
DOWN_ONLY = frozenset({"care_rules", "assessment_rules", "retention_rules"})

from app.sync.scope import COUNTY_CODE_LENGTH  # noqa: E402  (one definition, with the scope table)


def owner_rule(table: str, field: str) -> str:
    return FIELD_OWNER.get((table, field)) or TABLE_OWNER.get(table, ORIGIN)


def is_sensitive(table: str, field: str) -> bool:
    return field in SENSITIVE.get(table, ())


def may_change(table: str, field: str, row: Mapping[str, Any], office: str, unit: str | None) -> bool:
    """Whether `office` owns `field` of this record (as it stands here). `unit` is where the
    record belongs (app/sync/scope.py, the same table export and the merge's scope check
    read): its village for a recipient and what hangs from one."""
    rule = owner_rule(table, field)
    if rule == COUNTY:
        return len(office) == COUNTY_CODE_LENGTH
    if rule in (VILLAGE, CHAIN):
        if not unit:  # the recipient is not known here: nothing to judge against
            return True
        return office == unit if rule == VILLAGE else unit.startswith(office)
    return office == row.get("origin_office")
