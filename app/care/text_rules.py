"""What text may go into a record: the one place for the rules every free-text field keeps,
whoever writes it (a form, the command line, a roster row, a bundle from another office).

No field takes
- control characters (U+0000–U+001F, U+007F–U+009F, and the line and paragraph separators
  U+2028/U+2029), except in the multi-line fields (notes, findings, reasons, …), which keep
  line breaks and tabs (\\n, \\r, \\t) and refuse the rest;
- the invisible characters that change the order text is shown in (U+202A–U+202E,
  U+2066–U+2069, U+200E, U+200F, U+061C): on a printed agreement or in the roster they can
  make one name read as another;
- zero-width characters (U+200B–U+200D, U+2060, U+FEFF), which make two equal-looking names
  different and break search;
- lone surrogates (U+D800–U+DFFF): bytes that were not UTF-8 (a command-line argument typed in
  another encoding), which SQLite cannot store and no printer can print.

Each field has a length limit (LIMITS, in characters) that fits the printed documents (a name
on an agreement's line, an address in a roster cell): never more than the column's String(n)
in app/models, often less (a name 30, an address 120). Columns not listed (codes, ids, stamps
the program itself writes) keep the character rules as single-line text, and their column's
width: every String(n) of app/models is checked before a write (issue 17, point 2), so SQLite,
which would store a longer value, and PostgreSQL, which would refuse it with a raw error,
accept and refuse the same values — and a village never sends what its township cannot store
(app/sync/incoming.py checks the same widths on arrival).

`text_problem` is the fast check (one precompiled regex per kind of field, no allocation for
a clean value); `check_text` raises the ValidationError the service layer refuses input with.
app.care.writes (one by one) and app.care.bulk (batches) apply it to every listed column they
write; registration and guardians check it with their other rules so a form or a roster row
names every problem at once; `guanai check` lists stored records that break it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.care.errors import ValidationError, ValidationErrors
from app.models.codes import field_text, table_noun


@dataclass(frozen=True)
class TextRule:
    limit: int  # characters
    multiline: bool = False


NAME = TextRule(30)  # a person's name: one line of an agreement or a roster cell
ADDRESS = TextRule(120)  # a roster cell, two lines of an agreement
LONG = TextRule(2000, multiline=True)  # notes, findings: a printed half page
REASON = TextRule(500, multiline=True)
FIGURES = TextRule(100_000, multiline=True)  # JSON the program writes


def _line(n: int) -> TextRule:
    return TextRule(n)


# (table, column) -> rule. Free text only; tests/test_text_rules.py checks every limit against
# the model's String(n) and that every String/Text column a person types is listed.
LIMITS: dict[tuple[str, str], TextRule] = {
    ("offices", "name"): _line(50),
    ("recipients", "name"): NAME,
    ("recipients", "ethnicity"): _line(20),
    ("recipients", "address"): ADDRESS,
    ("recipients", "major_illness"): _line(100),
    ("recipients", "disability_cert_no"): _line(30),
    ("recipients", "school"): _line(60),
    ("recipients", "school_class"): _line(30),
    ("recipients", "surveyed_by"): _line(50),
    ("recipients", "notes"): LONG,
    ("recipients", "id_region_note"): REASON,
    ("recipients", "id_region_confirmed_by"): NAME,
    ("household_members", "name"): NAME,
    ("household_members", "work_place"): ADDRESS,
    ("household_members", "notes"): LONG,
    ("guardians", "name"): NAME,
    ("guardians", "address"): ADDRESS,
    ("status_events", "reason"): REASON,
    ("status_events", "doc_no"): _line(60),
    ("status_events", "decided_by"): _line(50),
    ("assisting_units", "name"): _line(60),
    ("assisting_units", "unit_type"): _line(30),
    ("assisting_units", "contact_person"): NAME,
    ("assisting_units", "address"): ADDRESS,
    ("responsible_persons", "name"): NAME,
    ("responsible_persons", "position"): _line(30),
    ("teacher_pairings", "teacher_name"): NAME,
    ("teacher_pairings", "school"): _line(60),
    ("teacher_pairings", "school_class"): _line(30),
    ("school_file_entries", "content"): LONG,
    ("school_file_entries", "recorded_by"): _line(50),
    ("school_leave_handovers", "reason"): _line(200),
    ("school_leave_handovers", "guardian_name"): NAME,
    ("school_leave_handovers", "notes"): LONG,
    ("mutual_aid_families", "head_name"): NAME,
    ("mutual_aid_families", "address"): ADDRESS,
    ("mutual_aid_services", "note"): LONG,
    ("subsidy_payments", "fund_source"): _line(60),
    ("subsidy_payments", "note"): LONG,
    ("third_party_assessments", "agency"): _line(60),
    ("third_party_assessments", "living_conditions"): LONG,
    ("third_party_assessments", "health_check"): LONG,
    ("third_party_assessments", "evaluation"): LONG,
    ("third_party_assessments", "recommended_measures"): LONG,
    ("responsibilities", "person_name"): NAME,
    ("responsibilities", "person_role"): _line(30),
    ("responsibilities", "note"): LONG,
    ("agreements", "void_reason"): REASON,
    ("care_records", "recorded_by"): _line(50),
    ("care_records", "note"): LONG,
    ("care_records", "problems"): LONG,
    ("care_records", "visitors"): _line(100),
    ("care_records", "findings"): LONG,
    ("care_records", "items"): _line(200),
    ("care_records", "donor"): _line(60),
    ("micro_wishes", "description"): _line(200),
    ("micro_wishes", "claimed_by"): _line(60),
    ("micro_wishes", "fulfilled_with"): _line(200),
    ("micro_wishes", "recorded_by"): _line(50),
    ("care_rules", "name"): _line(100),
    ("activities", "title"): _line(100),
    ("activities", "place"): ADDRESS,
    ("activities", "organizer"): _line(60),
    ("activities", "note"): LONG,
    ("supervision_visits", "supervisor"): NAME,
    ("supervision_visits", "findings"): LONG,
    ("supervision_visits", "problems"): LONG,
    ("supervision_visits", "rectification"): LONG,
    ("supervision_visits", "figures_json"): FIGURES,
    ("supervision_visits", "checked"): LONG,
    ("rectification_items", "text"): TextRule(500),
    ("rectification_items", "person"): NAME,
    ("rectification_items", "close_note"): LONG,
    ("rectification_items", "closed_by"): NAME,
    ("follow_up_items", "problem"): TextRule(500),
    ("follow_up_items", "person"): NAME,
    ("follow_up_items", "close_note"): LONG,
    ("follow_up_items", "closed_by"): NAME,
    ("assessment_items", "note"): LONG,
    ("assessment_rules", "name"): TextRule(100),
    ("period_locks", "locked_by"): NAME,
    ("period_locks", "unlocked_by"): NAME,
    ("period_locks", "unlock_reason"): REASON,
    ("semiannual_assessments", "assessor"): NAME,
    ("semiannual_assessments", "findings"): LONG,
    ("semiannual_assessments", "figures_json"): FIGURES,
    ("duplicate_decisions", "decided_by"): NAME,
    ("duplicate_decisions", "note"): LONG,
    ("attachments", "file_name"): _line(200),
    ("attachments", "caption"): _line(200),
}

_SINGLE_LINE = TextRule(limit=0)  # an unlisted column: the characters only (0: no limit)

# The characters refused, by kind (a character class each).
_CONTROL_LINE = "\x00-\x1f\x7f-\x9f\u2028\u2029"
_CONTROL_MULTI = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"  # \t \n \r allowed
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
_SURROGATE = "\ud800-\udfff"

_BAD_LINE = re.compile(f"[{_CONTROL_LINE}{_BIDI}{_ZERO_WIDTH}{_SURROGATE}]")
_BAD_MULTI = re.compile(f"[{_CONTROL_MULTI}{_BIDI}{_ZERO_WIDTH}{_SURROGATE}]")
_IS_BIDI = re.compile(f"[{_BIDI}]")
_IS_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH}]")
_IS_SURROGATE = re.compile(f"[{_SURROGATE}]")


# Where FIELD_WORDS's word for a column (by its name alone) is not this table's.
_OWN_WORDS: dict[tuple[str, str], tuple[str, str]] = {
    ("offices", "name"): ("名称", "Name"), ("assisting_units", "name"): ("名称", "Name"),
    ("care_rules", "name"): ("名称", "Name"),
}


def field_words(table: str, column: str, lang: str = "zh_CN") -> str:
    """The field as a director reads it: "关爱对象 · 姓名" / "Care recipient · Name"."""
    own = _OWN_WORDS.get((table, column))
    if own is None:
        return field_text(table, column, lang)
    noun = table_noun(table, lang)
    if lang.startswith("en"):
        return f"{noun[:1].upper() + noun[1:]} · {own[1]}"
    return f"{noun} · {own[0]}"


@cache
def column_widths(table: str) -> dict[str, int]:
    """The width (characters) of each String(n) column of a table, as app/models declares it."""
    from sqlalchemy import String

    from app.models import Base

    found = Base.metadata.tables.get(table)
    if found is None:
        return {}
    return {c.name: c.type.length for c in found.columns if isinstance(c.type, String) and c.type.length}


def _rule(table: str, column: str) -> TextRule:
    """The listed rule, or an unlisted column's: single-line text no wider than its column."""
    rule = LIMITS.get((table, column))
    if rule is not None:
        return rule
    width = column_widths(table).get(column)
    return TextRule(limit=width) if width else _SINGLE_LINE


def rule_for(table: str, column: str) -> TextRule | None:
    """The rule of a listed free-text column, None for any other."""
    return LIMITS.get((table, column))


def _reason(rule: TextRule, value: str) -> tuple[str, str] | None:
    """What is wrong with the value, without the field's name; None when nothing is."""
    bad = (_BAD_MULTI if rule.multiline else _BAD_LINE).search(value)
    if bad is not None:
        ch = bad.group()
        where_zh = f"第{bad.start() + 1}个字符，U+{ord(ch):04X}"
        where_en = f"character {bad.start() + 1}, U+{ord(ch):04X}"
        if _IS_SURROGATE.match(ch):
            return (f"含有无法识别的字符（{where_zh}：不是有效的 UTF-8 文字，请检查输入法或终端的编码后重新输入）。",
                    f"contains a character that is not valid UTF-8 text ({where_en}); check the input's encoding.")
        if _IS_BIDI.match(ch):
            return (f"含有看不见的文字方向控制符（{where_zh}），它会改变文字的显示顺序，请删去后重新输入。",
                    f"contains an invisible text-direction control ({where_en}); remove it.")
        if _IS_ZERO_WIDTH.match(ch):
            return (f"含有看不见的零宽字符（{where_zh}），请删去后重新输入。",
                    f"contains an invisible zero-width character ({where_en}); remove it.")
        if rule.multiline:
            return (f"含有控制字符（{where_zh}）；只能有文字、换行和制表符，请删去后重新输入。",
                    f"contains a control character ({where_en}); only text, line breaks and tabs are allowed.")
        return (f"含有换行或其他控制字符（{where_zh}），这一项只能填一行文字，请删去后重新输入。",
                f"contains a line break or another control character ({where_en}); this field is one line of text.")
    if rule.limit and len(value) > rule.limit:
        return (f"太长：最多{rule.limit}个字，现在是{len(value)}个字，请精简。",
                f"too long: {rule.limit} characters at most, got {len(value)}.")
    return None


def text_problem(table: str, column: str, value: str) -> tuple[str, str] | None:
    """Why this text cannot go into table.column, in Chinese and English, naming the field
    ("关爱对象 · 姓名：太长：……"); None when it can. Columns not in LIMITS are checked as
    single-line text no longer than their column. Fast for clean text: one regex search."""
    rule = _rule(table, column)
    if (_BAD_MULTI if rule.multiline else _BAD_LINE).search(value) is None and (
            not rule.limit or len(value) <= rule.limit):
        return None
    why = _reason(rule, value)
    if why is None:  # pragma: no cover (the fast test above said there is something)
        return None
    return (f"{field_words(table, column)}：{why[0]}", f"{field_words(table, column, 'en')}: {why[1]}")


def first_text_problem(table: str, column: str, values: Iterable[str]) -> tuple[str, tuple[str, str]] | None:
    """The first of many values of one column that cannot go in, with why; None when all can.
    One regex search over them all when they are clean (a township takes 100,000 records of
    a bundle at once)."""
    values = list(values)
    if not values:
        return None
    rule = _rule(table, column)
    # joined by a character neither rule refuses: a match is a bad character of some value
    if (_BAD_MULTI if rule.multiline else _BAD_LINE).search("\u3000".join(values)) is None and (
            not rule.limit or max(map(len, values)) <= rule.limit):
        return None
    for value in values:
        found = text_problem(table, column, value)
        if found is not None:
            return value, found
    return None  # pragma: no cover (the joined search said there is something)


def check_text(table: str, column: str, value: str) -> str:
    """The value, or ValidationError (field = column) saying what is wrong with it."""
    found = text_problem(table, column, value)
    if found is not None:
        raise ValidationError(found[0], found[1], field=column)
    return value


def text_errors(table: str, values: Mapping[str, Any], *, listed_only: bool = True) -> list[ValidationError]:
    """check_text of every str value of a record's fields (by default only the listed free-text
    columns: codes and ids the program makes are not checked on every write)."""
    errors: list[ValidationError] = []
    widths = column_widths(table)
    for column, value in values.items():
        if type(value) is not str:
            continue
        if listed_only and (table, column) not in LIMITS:
            # a code or a number the program makes: only its column's width (cheap)
            width = widths.get(column)
            if width is not None and len(value) > width:
                zh, en = _reason(TextRule(width), value) or ("", "")
                errors.append(ValidationError(f"{field_words(table, column)}：{zh}",
                                              f"{field_words(table, column, 'en')}: {en}", field=column))
            continue
        found = text_problem(table, column, value)
        if found is not None:
            errors.append(ValidationError(found[0], found[1], field=column))
    return errors


def check_record_text(table: str, values: Mapping[str, Any]) -> None:
    """Raise when any listed free-text field of the values breaks the rules (all named)."""
    errors = text_errors(table, values)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)


def columns_of(table: str) -> Iterable[str]:
    """The listed free-text columns of a table."""
    return (c for t, c in LIMITS if t == table)
