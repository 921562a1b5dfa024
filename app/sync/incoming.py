"""Values arriving in a bundle pass the checks a local write passes (issue 12, point 4): a
record from another office is refused when this office would refuse to write it itself.

Checked a column at a time over a whole part (a township takes a hundred thousand records
at once): code names against their sets, dates within 1900–2100, amounts of money
non-negative and bounded, small counts and grades in their ranges, text no longer than its
column (PostgreSQL would refuse it; SQLite would store it and print it over the page), text
free of control, bidi and zero-width characters (app/care/text_rules.py, the rules of a local
write), ID numbers valid with the birth date and
sex they encode. One bad value refuses the whole bundle with a reason naming the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import String

from app.care.text_rules import first_text_problem
from app.models.codes import (
    Ability,
    AccessEvent,
    ActivityKind,
    AgreementKind,
    AgreementStatus,
    AssessmentGrade,
    AssessmentRuleKind,
    AssessmentStatus,
    AttachmentKind,
    CareKind,
    Category,
    Decision,
    DecisionSource,
    Department,
    DisabilityType,
    DuplicateMatch,
    DuplicateVerdict,
    FollowUpSource,
    FollowUpStatus,
    GuardianKind,
    LifecycleStep,
    MutualAidServiceKind,
    OfficeLevel,
    ParentsAway,
    Period,
    RectificationStatus,
    Relation,
    ResponsibilityKind,
    SchoolFileKind,
    Sex,
    Status,
    WishStage,
)

FIRST_DAY, LAST_DAY = "1900-01-01", "2100-12-31"
MAX_FEN = 10_000_000_000  # 一亿元: no single payment, gift or subsidy comes near it
MAX_INT = 2**31 - 1

CODES: dict[tuple[str, str], type[StrEnum]] = {
    ("offices", "level"): OfficeLevel,
    ("recipients", "sex"): Sex,
    ("recipients", "status"): Status,
    ("recipients", "self_care"): Ability,
    ("recipients", "work_ability"): Ability,
    ("recipients", "disability_type"): DisabilityType,
    ("recipients", "parents_away"): ParentsAway,
    ("household_members", "relation"): Relation,
    ("guardians", "kind"): GuardianKind,
    ("guardians", "relation"): Relation,
    ("status_events", "step"): LifecycleStep,
    ("status_events", "from_status"): Status,
    ("status_events", "to_status"): Status,
    ("status_events", "department"): Department,
    ("status_events", "decision"): Decision,
    ("status_events", "source"): DecisionSource,
    ("duplicate_decisions", "match"): DuplicateMatch,
    ("duplicate_decisions", "decision"): DuplicateVerdict,
    ("care_records", "kind"): CareKind,
    ("care_rules", "kind"): CareKind,
    ("care_rules", "period"): Period,
    ("care_rules", "applies_to_status"): Status,
    ("micro_wishes", "stage"): WishStage,
    ("activities", "kind"): ActivityKind,
    ("school_file_entries", "kind"): SchoolFileKind,
    ("mutual_aid_services", "kind"): MutualAidServiceKind,
    ("third_party_assessments", "self_care"): Ability,
    ("responsibilities", "kind"): ResponsibilityKind,
    ("agreements", "kind"): AgreementKind,
    ("agreements", "status"): AgreementStatus,
    ("semiannual_assessments", "grade"): AssessmentGrade,
    ("semiannual_assessments", "status"): AssessmentStatus,
    ("rectification_items", "status"): RectificationStatus,
    ("follow_up_items", "source_kind"): FollowUpSource,
    ("follow_up_items", "status"): FollowUpStatus,
    ("assessment_rules", "kind"): AssessmentRuleKind,
    ("attachments", "kind"): AttachmentKind,
    ("access_log", "event"): AccessEvent,
}
CATEGORY_SETS = {("recipients", "categories"), ("care_rules", "category"), ("flag_changes", "categories")}

# Integer columns with ranges of their own (the rest: a 32-bit integer).
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("recipients", "disability_grade"): (1, 4),
    ("care_rules", "count_per_period"): (0, 1000),
    ("semiannual_assessments", "score"): (0, 100),
    ("assessment_items", "score"): (0, 100),
    ("assessment_items", "max_score"): (0, 100),
    ("assessment_rules", "points"): (0, 100),
    ("retention_rules", "years"): (1, 100),
    ("assessment_rules", "position"): (0, 1000),
    ("attachments", "size"): (0, 1 << 31),
    ("access_log", "count"): (0, MAX_INT),
}
ID_NUMBERS = {("recipients", "id_number"), ("household_members", "id_number"), ("guardians", "id_number"),
              ("responsible_persons", "id_number"), ("mutual_aid_families", "id_number")}


def _range(table: str, column: str) -> tuple[int, int]:
    if column.endswith("_fen"):
        return 0, MAX_FEN
    return RANGES.get((table, column), (-MAX_INT, MAX_INT))


@cache
def _lengths(table: str) -> dict[str, int]:
    from app.models import Base

    return {c.name: c.type.length for c in Base.metadata.tables[table].columns
            if isinstance(c.type, String) and c.type.length}


def check_values(table: str, columns: tuple[str, ...], kinds: tuple[str, ...],
                 by_column: dict[str, tuple[Any, ...]], first_id: Callable[[list[Any], Any], str],
                 bad: Callable[[str, str], Exception]) -> None:
    """Raise bad(record id, what) for the first value this office would not write itself."""
    lengths = _lengths(table)
    for col, kind in zip(columns, kinds, strict=True):
        values = list(by_column.get(col, ()))
        present = [v for v in values if v is not None]
        if not present:
            continue
        if kind == "date":
            low = min(present)
            high = max(present)
            if low < FIRST_DAY or high > LAST_DAY:
                v = low if low < FIRST_DAY else high
                raise bad(first_id(values, v), f"字段 {col} 的日期 {v} 不在 1900–2100 年之间")
        elif kind == "int":
            lo, hi = _range(table, col)
            if min(present) < lo or max(present) > hi:
                v = min(present) if min(present) < lo else max(present)
                raise bad(first_id(values, v), f"字段 {col} 的数值 {v} 超出范围（{lo}–{hi}）")
        elif kind == "str":
            codes = CODES.get((table, col))
            if codes is not None:
                allowed = {c.value for c in codes}
                wrong = next((v for v in present if v not in allowed), None)
                if wrong is not None:
                    raise bad(first_id(values, wrong), f"字段 {col} 的代码 {wrong[:20]!r} 不是本软件认识的代码")
                continue
            if (table, col) in CATEGORY_SETS:
                allowed = {c.value for c in Category}
                wrong = next((v for v in present if v not in allowed), None)
                if wrong is not None:
                    raise bad(first_id(values, wrong), f"字段 {col} 的类别 {wrong[:20]!r} 不是本软件认识的类别")
                continue
            limit = lengths.get(col)
            if limit is not None:
                long = next((v for v in present if len(v) > limit), None)
                if long is not None:
                    raise bad(first_id(values, long), f"字段 {col} 长 {len(long)} 字，超过 {limit} 字的上限")
            found = first_text_problem(table, col, present)
            if found is not None:
                raise bad(first_id(values, found[0]), f"字段 {col}：{found[1][0]}")
        elif kind == "codes" and (table, col) in CATEGORY_SETS:
            allowed = {c.value for c in Category}
            for v in set(present):
                wrong = [c for c in v.strip(",").split(",") if c and c not in allowed]
                if wrong:
                    raise bad(first_id(values, v), f"字段 {col} 的类别 {wrong[0][:20]!r} 不是本软件认识的类别")
    for key in ID_NUMBERS:
        if key[0] == table:
            _check_id_numbers(table, key[1], by_column, first_id, bad)


def check_category_rules(records: list[dict[str, Any]], bad: Callable[[str, str], Exception]) -> None:
    """The rules of the categories (a left-behind child under 16, an elder 60 or over, a severe
    disability of grade 1 or 2 …) on each recipient as of the day its rule fields were last
    written (their field versions' clock; the survey day when never changed): the day a local
    write checked them."""
    import datetime as dt

    from app.care.recipients import RULE_FIELDS
    from app.care.validation import CategoryFacts, category_rule_errors

    for r in records:
        cats = tuple(c for c in (r.get("categories") or "").split(",") if c)
        if not cats or r.get("deleted") or r.get("anonymised_on"):
            continue  # an anonymised record keeps its categories for the statistics, not their facts
        vectors = r.get("_v") or {}
        stamps = [max(v.values()) for f, v in vectors.items() if f in RULE_FIELDS and v]
        on = (dt.datetime.fromtimestamp(int(max(stamps)[:13]) / 1000, dt.UTC).date() if stamps
              else dt.date.fromisoformat(r["surveyed_on"]))
        errors = category_rule_errors(CategoryFacts(
            cats, dt.date.fromisoformat(r["birth_date"]), r["sex"], on, r.get("disability_type"),
            r.get("disability_grade"), r.get("work_ability"), r.get("has_income"), r.get("has_supporter"),
            bool(r.get("in_institution")), bool(r.get("is_urban")), r.get("parents_away"),
            r.get("husband_works_away"), r.get("children_work_away")))
        if errors:
            raise bad(str(r["id"])[:40], errors[0].zh)


def _check_id_numbers(table: str, col: str, by_column: dict[str, tuple[Any, ...]],
                      first_id: Callable[[list[Any], Any], str], bad: Callable[[str, str], Exception]) -> None:
    from app.care.errors import ValidationError
    from app.care.validation import parse_id_number

    values = list(by_column.get(col, ()))
    births = list(by_column.get("birth_date", ())) if table == "recipients" else []
    sexes = list(by_column.get("sex", ())) if table == "recipients" else []
    # A recipient's region code unknown to GB/T 2260 passes only with the director's recorded
    # confirmation (app.care.regions), as it does when typed here.
    notes = list(by_column.get("id_region_note", ())) if table == "recipients" else []
    # A recipient anonymised after the retention period keeps no ID number: "" with the day
    # it was removed (app.care.retention), never "" otherwise.
    anonymised = list(by_column.get("anonymised_on", ())) if table == "recipients" else []
    for i, v in enumerate(values):
        if v is None or (v == "" and i < len(anonymised) and anonymised[i] is not None):
            continue
        try:
            parsed = parse_id_number(v, allow_unknown_region=True)
        except ValidationError:
            raise bad(first_id(values, v), f"字段 {col} 不是有效的身份证号") from None
        if not parsed.region_known and not (notes and i < len(notes) and (notes[i] or "").strip()):
            raise bad(first_id(values, v), f"字段 {col} 的地区码 {v[:6]} 不在国家行政区划代码中，也没有主任的核实确认")
        if births and births[i] != parsed.birth_date.isoformat():
            raise bad(first_id(values, v), f"出生日期 {births[i]} 与身份证号不符")
        if sexes and sexes[i] != parsed.sex:
            raise bad(first_id(values, v), "性别与身份证号不符")


def today_iso() -> str:
    return dt.date.today().isoformat()
