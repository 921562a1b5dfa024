"""`guanai roster import`: bringing an office's roster spreadsheet into the register.

Each data row is held to the rules a director typing it would meet (those of
app.care.recipients.add_recipient and app.care.household.add_guardian, applied by the batch
door app.care.bulk; with `confirmed_by` also the life-cycle steps up to confirmation, with the
county's document number kept as the source). A row that breaks a rule is refused with its
row number and reasons; a row whose ID number is already in the file or in the database is
reported as a duplicate and not added again, so importing a corrected file a second time
adds only what is new.

Every row is checked first, in Python, against what was looked up once for the file (the
office, its villages, who is registered under the file's ID numbers); then the rows that pass
are written together, one statement per table, audit and change log included, in one
transaction. A refused row is never queued, so it leaves nothing behind. `dry_run` checks and
writes nothing; `all_or_nothing` writes nothing when any row was refused.

Every sheet of the file is read (app.reports.roster_import_read), the guardians and household
members of the 监护人 and 家庭成员 sheets with their recipients
(app.reports.roster_import_linked), and the report lists every sheet and every column with what
was done with it. A 状态 column (the export writes one) is read: 已确定 rows are confirmed by
the decision `confirmed_by` names (without it they enter as surveyed, and the row says so),
已上报 rows are reported, 已调查 rows stay surveyed; with `confirmed_by` and no 状态, every row
is confirmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.care.bulk import Registrations
from app.care.collector import paused_collector
from app.care.context import Actor, actor_for, this_office
from app.care.errors import ValidationError
from app.care.profile import village_choices
from app.care.recipients import Registration
from app.care.text_rules import text_errors
from app.care.validation import IdNumber, mask_id_number
from app.db import analyze
from app.models.codes import Category, DecisionSource, GuardianKind, OfficeLevel, Status
from app.reports import roster_import_linked as lines
from app.reports import sheets_fields as cells
from app.reports.roster_import_read import (
    ColumnUse,
    RosterFile,
    RosterSheet,
    SheetUse,
    read_workbook,
)
from app.reports.sheets_fields import CellError

Progress = Callable[[int, int], None]

EXAMPLE_MARKS = ("示例", "例", "样例")
IMPORTED, READY, REFUSED, DUPLICATE = "imported", "ready", "refused", "duplicate"


@dataclass(frozen=True)
class RowOutcome:
    row: int
    status: str  # imported | ready (passes; not written: dry run or all-or-nothing) | refused | duplicate
    name: str
    id_number_masked: str
    categories: tuple[str, ...] = ()
    reason_zh: str = ""
    reason_en: str = ""
    recipient_id: str | None = None
    sheet: str = ""
    entered_as: str | None = None  # the status the person is registered with

    def reason(self, lang: str = "zh_CN") -> str:
        return self.reason_en if lang.startswith("en") else self.reason_zh


@dataclass(frozen=True)
class ImportReport:
    file: str
    sheet: str
    header_rows: tuple[int, ...]
    headers: dict[str, str]
    unknown_headers: tuple[str, ...]
    outcomes: tuple[RowOutcome, ...]
    dry_run: bool
    all_or_nothing: bool
    committed: bool
    confirmed_by: str | None = None
    sheets: tuple[SheetUse, ...] = ()
    columns: tuple[ColumnUse, ...] = ()
    lines: tuple[lines.LineOutcome, ...] = ()  # the guardian and member sheets' lines
    encoding: str | None = None

    def _of(self, *status: str) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.status in status]

    @property
    def imported(self) -> list[RowOutcome]:
        return self._of(IMPORTED)

    @property
    def passed(self) -> list[RowOutcome]:
        return self._of(IMPORTED, READY)

    @property
    def rejected(self) -> list[RowOutcome]:
        """Refused rows of the roster sheets, then refused lines of the guardian and member sheets."""
        return self._of(REFUSED) + [
            RowOutcome(o.row, REFUSED, o.name, o.ward, (), o.reason_zh, o.reason_en, sheet=o.sheet)
            for o in self.lines if o.status == REFUSED]

    @property
    def duplicates(self) -> list[RowOutcome]:
        return self._of(DUPLICATE)

    def to_json(self, lang: str = "zh_CN") -> dict[str, Any]:
        return {
            "imported": len(self.imported),
            "rejected": [{"row": o.row, "reason": o.reason(lang), "name": o.name, "sheet": o.sheet}
                         for o in self.rejected],
            "duplicates": [{"row": o.row, "reason": o.reason(lang), "name": o.name,
                            "recipient_id": o.recipient_id} for o in self.duplicates],
            "passed": len(self.passed), "dry_run": self.dry_run, "all_or_nothing": self.all_or_nothing,
            "committed": self.committed, "confirmed_by": self.confirmed_by, "file": self.file,
            "sheet": self.sheet, "header_rows": list(self.header_rows),
            "columns": self.headers, "unknown_columns": list(self.unknown_headers),
            "encoding": self.encoding,
            "sheets": [u.to_json(lang) for u in self.sheets],
            "columns_read": [u.to_json(lang) for u in self.columns],
            "rows": [{"sheet": o.sheet, "row": o.row, "status": o.status, "name": o.name,
                      "entered_as": o.entered_as, "reason": o.reason(lang)} for o in self.outcomes],
            "guardians": _counts(self.lines, "guardians"), "members": _counts(self.lines, "members"),
        }


def _counts(found: tuple[lines.LineOutcome, ...], kind: str) -> dict[str, int]:
    mine = [o for o in found if o.kind == kind]
    return {s: sum(1 for o in mine if o.status == s) for s in (IMPORTED, READY, REFUSED, DUPLICATE, lines.SKIPPED)}


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    extras: list[tuple[str, str | None, Any]] = field(default_factory=list)  # kept in the notes
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (field, zh, en)

    def cell(self, key: str, reader: Callable[..., Any], *args: Any) -> Any:
        try:
            return reader(self.values.get(key), *args)
        except CellError as e:
            self.errors.append((key, e.zh, e.en))
            return None


# Service-layer fields each sheet column feeds, so a cell already refused is not refused twice.
_SERVICE_FIELDS = {"categories": {"categories"}, "id_number": {"id_number"}, "phone": {"phone"},
                   "self_care": {"self_care"}, "work_ability": {"work_ability"},
                   "disability_type": {"disability_type", "disability_grade"},
                   "disability_grade": {"disability_type", "disability_grade"},
                   "village": {"village_code"}, "name": {"name"}}


class _Villages:
    """Village cells as names or codes, resolved against the villages this office keeps."""

    def __init__(self, session: Session) -> None:
        office = this_office(session)
        self.own = office.code if office.level == OfficeLevel.village else None
        self.by_name: dict[str, str] = {}
        self.codes: set[str] = set()
        for v in village_choices(session):
            self.codes.add(v.code)
            key = cells.clean(v.name)
            self.by_name[key] = v.code
            self.by_name.setdefault(key.removesuffix("村"), v.code)

    def code(self, value: Any) -> str | None:
        t = cells.clean(value)
        if not t:
            return self.own
        if t.isdigit():
            return t
        found = self.by_name.get(t) or self.by_name.get(t.removesuffix("村"))
        if found is None:
            known = "、".join(sorted(self.by_name)[:8])
            raise CellError(f"所在村：找不到名为“{value}”的行政村（本单位的村有：{known}），请核对村名或填写12位村代码。",
                            f"Village: no village named '{value}' here.")
        return found


def _cross_check(row: _Row, ident: IdNumber | None, sex: str | None, birth: dt.date | None) -> None:
    """The sheet's own sex and birth date must agree with what the ID number says."""
    if ident is None:  # the ID number's own refusal says it all
        return
    if sex is not None and sex != ident.sex:
        row.errors.append(("sex", f"性别：表中为“{cells.label_of(sex)}”，身份证号显示为“{cells.label_of(ident.sex)}”，请核对。",
                           "Sex disagrees with the ID number."))
    if birth is not None and birth != ident.birth_date:
        row.errors.append(("birth_date", f"出生日期：表中为 {birth.isoformat()}，身份证号显示为 {ident.birth_date.isoformat()}，请核对。",
                           "Birth date disagrees with the ID number."))


def _fields(row: _Row, villages: _Villages) -> dict[str, Any]:
    """The row's values as add_recipient's keyword arguments."""
    dtype, grade = None, None
    try:
        dtype, grade = cells.disability(row.values.get("disability_type"), row.values.get("disability_grade"))
    except CellError as e:
        row.errors.append(("disability_type", e.zh, e.en))
    cats = row.cell("categories", cells.categories) or []
    return {
        "name": cells.clean(row.values.get("name")),
        "categories": cats,
        "village_code": row.cell("village", villages.code),
        "phone": cells.clean(row.values.get("phone")) or None,
        "address": cells.text(row.values.get("address")),
        "key_monitoring": bool(row.cell("key_monitoring", cells.yes_no, "是否重点监护")),
        "self_care": row.cell("self_care", cells.ability, "self_care", "自理能力"),
        "work_ability": row.cell("work_ability", cells.ability, "work_ability", "劳动能力"),
        "disability_type": dtype, "disability_grade": grade,
        "ethnicity": cells.text(row.values.get("ethnicity")),
        "major_illness": cells.text(row.values.get("major_illness")),
        "notes": _notes(row),
        "school": cells.text(row.values.get("school")),
        "parents_away": row.cell("parents_away", cells.parents_away, "父母外出情况"),
        "husband_works_away": row.cell("husband_works_away", cells.yes_no, "丈夫是否外出务工"),
        "children_work_away": row.cell("children_work_away", cells.yes_no, "子女是否都外出务工"),
        # The urban "three withouts" category is urban by definition.
        "is_urban": Category.three_withouts.value in cats,
    }


def _notes(row: _Row) -> str | None:
    """The 备注 cell, and after it what the row has in columns read for no field of their own:
    a second phone column's number, an unrecognised column's value, each as “header：value”."""
    parts = [cells.text(row.values.get("notes"))]
    parts += [f"{header}：{text}" for header, _key, value in row.extras if (text := _shown(value))]
    return "；".join(p for p in parts if p) or None


def _shown(value: Any) -> str | None:
    """A cell as the director typed it: a date as 2016-04-05, a whole number without “.0”."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cells.text(value)


def _guardian_kind(categories: list[str]) -> str:
    if Category.left_behind_child.value in categories:
        return GuardianKind.entrusted.value
    return GuardianKind.supporter.value


def check_rows(session: Session, actor: Actor, book: RosterFile | RosterSheet, *,
               confirmed_by: str | None = None, on: dt.date | None = None, progress: Progress | None = None,
               queue: bool = True) -> tuple[list[RowOutcome], Registrations, list[lines.LineOutcome]]:
    """Every data row checked, outcomes in row order. With `queue`, the rows that pass are
    queued in the batch returned, and go in when the caller writes it (then commits);
    without (a dry run), they are only checked. The guardian and member lines of the file
    are checked too: their outcomes come third."""
    on = on or dt.date.today()
    sheets = book.rosters if isinstance(book, RosterFile) else [book]
    villages = _Villages(session)
    numbers: set[str] = set()
    for sheet in sheets:
        for _number, values in sheet.rows:
            with suppress(CellError):
                numbers.add(cells.id_number(values.get("id_number")))
    batch = Registrations(session, actor, {n for n in numbers if n})
    existing = dict(batch.registered)  # in the database before this file
    seen: dict[str, tuple[str, int, str]] = {}
    people: dict[str, lines.PassedRecipient] = {}
    outcomes: list[RowOutcome] = []
    total = sum(len(sheet.rows) for sheet in sheets)
    i = 0
    for sheet in sheets:
        where = sheet.sheet if len(sheets) > 1 else ""
        for number, values in sheet.rows:
            if progress is not None and i % 200 == 0:
                progress(i, total)
            i += 1
            row = _Row(number, values, sheet.extras.get(number, []))
            if cells.clean(values.get("seq")) in EXAMPLE_MARKS:
                continue  # the template's example line
            if not values.get("name") and not values.get("id_number"):
                if len(values) >= 3:
                    outcomes.append(RowOutcome(number, REFUSED, "", "", (),
                                               "姓名和身份证号都为空，请补填。", "Name and ID number are both empty.",
                                               sheet=where))
                continue  # a blank, section or signature line
            ident = row.cell("id_number", cells.id_number)
            kwargs = _fields(row, villages)
            name = kwargs["name"]
            masked = mask_id_number(ident) if ident else ""
            cats = tuple(kwargs["categories"])
            if ident and ident in seen:
                first_sheet, first, first_name = seen[ident]
                at = f"“{first_sheet}”表" if first_sheet != where else ""
                outcomes.append(RowOutcome(number, DUPLICATE, name, masked, cats,
                                           f"与{at}第{first}行（{first_name}）身份证号相同，是同一人，本行未导入。",
                                           f"Same ID number as row {first} ({first_name}); not imported again.",
                                           sheet=where))
                continue
            if ident and ident in existing:
                known = existing[ident]
                state = Status(known.status).zh if known.status in Status.__members__ else known.status
                outcomes.append(RowOutcome(number, DUPLICATE, name, masked, cats,
                                           f"此人已在登记册中（{known.name}，{state}），未重复导入；如需修改请编辑原记录。",
                                           f"Already registered ({known.name}, {known.status}); not imported again.",
                                           known.id, sheet=where))
                continue
            # Even with a cell already refused the rules check the rest, so the director sees
            # every problem of the row at once.
            checked = batch.check(id_number=ident or "", surveyed_on=on, **kwargs)
            if ident:
                _cross_check(row, checked.ident, row.cell("sex", cells.sex),
                             row.cell("birth_date", cells.date, "出生日期"))
            outcome, person = _one(batch, row, checked, kwargs, confirmed_by, on, masked, queue)
            outcome = replace(outcome, sheet=where)
            outcomes.append(outcome)
            if ident and person is not None:  # a refused first line leaves the next one its chance
                seen[ident] = (where, number, name)
                people[ident] = replace(person, sheet=where)
    found: list[lines.LineOutcome] = []
    if isinstance(book, RosterFile):
        companions = [*book.of_kind("guardians"), *book.of_kind("members")]
        found = lines.check_lines(companions, people, set(existing), numbers, on)
    if queue:
        lines.queue(batch, people)
    if progress is not None:
        progress(total, total)
    return outcomes, batch, found


def import_rows(session: Session, actor: Actor, sheet: RosterFile | RosterSheet, *,
                confirmed_by: str | None = None, on: dt.date | None = None,
                progress: Progress | None = None) -> list[RowOutcome]:
    """check_rows, and the rows that pass written. The caller commits or rolls back."""
    outcomes, batch, _lines = check_rows(session, actor, sheet, confirmed_by=confirmed_by, on=on,
                                         progress=progress)
    batch.write()
    return outcomes


def _entered_as(row: _Row, confirmed_by: str | None) -> tuple[str, str, str]:
    """The status a passing row is registered with, and what to tell about it (zh, en)."""
    said = row.cell("status", cells.status)
    if said is None:
        return (Status.confirmed.value if confirmed_by else Status.surveyed.value), "", ""
    if said == Status.confirmed.value:
        if confirmed_by:
            return said, "", ""
        return (Status.surveyed.value, "表中状态为“已确定”，但未填写县里确定名册的决定文号，按“已调查”登记；"
                "如县里已确定，请填写决定文号后导入。",
                "Status says confirmed, but no decision number was given: registered as surveyed.")
    if said == Status.reviewed.value:
        return (Status.reported.value, "表中状态为“已审核”：各部门的审核意见须由县里录入，按“已上报”登记。",
                "Status says reviewed: the departments' decisions come from the county; registered as reported.")
    return said, "", ""


def _one(batch: Registrations, row: _Row, checked: Registration, kwargs: dict[str, Any],
         confirmed_by: str | None, on: dt.date, masked: str, queue: bool
         ) -> tuple[RowOutcome, lines.PassedRecipient | None]:
    name, cats = kwargs["name"], tuple(kwargs["categories"])
    guardian_name = cells.clean(row.values.get("guardian_name"))
    guardian_phone = cells.clean(row.values.get("guardian_phone")) or None
    relation = row.cell("guardian_relation", cells.relation)
    school_class = cells.text(row.values.get("school_class"))
    for e in text_errors("recipients", {"school_class": school_class}):
        row.errors.append(("school_class", e.zh, e.en))
    status, said_zh, said_en = _entered_as(row, confirmed_by)
    refused = [(zh, en) for _key, zh, en in row.errors]
    covered: set[str] = set()
    for key, _zh, _en in row.errors:
        covered |= _SERVICE_FIELDS.get(key, {key})
    errors = checked.errors
    guardian = None
    if not errors and (guardian_name or guardian_phone):  # as add_guardian after add_recipient
        guardian, errors = batch.check_guardian(kind=_guardian_kind(list(cats)), name=guardian_name,
                                                relation=relation or "other", phone=guardian_phone,
                                                start_date=on)
    for e in errors:
        if e.field is None or e.field not in covered:
            refused.append((e.zh, e.en))
    if refused:
        return RowOutcome(row.number, REFUSED, name, masked, cats,
                          "；".join(dict.fromkeys(zh for zh, _ in refused)),
                          "; ".join(dict.fromkeys(en for _, en in refused))), None
    if not queue:
        return (RowOutcome(row.number, READY, name, masked, cats, said_zh, said_en, entered_as=status),
                lines.PassedRecipient(row.number, "", None, [guardian] if guardian else []))
    if school_class and checked.fields is not None:
        checked.fields["school_class"] = school_class
    r = batch.add(checked)
    if status == Status.confirmed.value:
        batch.confirm(r, doc_no=confirmed_by, source=DecisionSource.roster_import.value, on=on)
    elif status == Status.reported.value:
        batch.report(r, on=on)
    return (RowOutcome(row.number, IMPORTED, name, masked, cats, said_zh, said_en, recipient_id=r.id,
                       entered_as=status),
            lines.PassedRecipient(row.number, "", r, [guardian] if guardian else []))


def _begin_write(session: Session) -> None:
    """Take the write turn now (app/care/write_turn.py: SQLite's BEGIN IMMEDIATE, a server's
    advisory lock), before the checks: another clerk registering someone in between waits, so
    the duplicate check holds; the same lock as every other writer, so no deadlock."""
    from app.care import write_turn

    write_turn.take(session)


def run_import(engine: Engine, path: str | Path, *, dry_run: bool = False, all_or_nothing: bool = False,
               confirmed_by: str | None = None, on: dt.date | None = None,
               progress: Progress | None = None) -> ImportReport:
    """Read, check and import a roster file in one transaction; see the module's doc."""
    doc = (confirmed_by or "").strip() or None
    if confirmed_by is not None and doc is None:
        raise ValidationError("文号：--confirmed-by 须写县里确定名册的决定文号。",
                              "--confirmed-by needs the county decision's document number.", field="doc_no")
    book = read_workbook(path)
    sheet = book.rosters[0]
    with Session(engine) as session, paused_collector():
        if not dry_run:
            _begin_write(session)  # what is checked against is what is written to
        actor = actor_for(session)
        outcomes, batch, found = check_rows(session, actor, book, confirmed_by=doc, on=on, progress=progress,
                                            queue=not dry_run)
        refused = any(o.status == REFUSED for o in outcomes) or any(o.status == REFUSED for o in found)
        keep = not dry_run and not (all_or_nothing and refused)
        if keep:
            batch.write()
            from app.protection.access_log import log_access
            from app.reports.audit_export import printable_path

            log_access(session, actor, "import_roster", count=sum(o.status == IMPORTED for o in outcomes),
                       detail=printable_path(path))
            session.commit()
        else:
            session.rollback()
            outcomes = [o if o.status != IMPORTED else replace(o, status=READY, recipient_id=None)
                        for o in outcomes]
            found = [o if o.status != IMPORTED else replace(o, status=READY) for o in found]
    if keep and any(o.status == IMPORTED for o in outcomes):
        analyze(engine)  # a roster of thousands is a bulk load: the planner's statistics anew
    return ImportReport(
        file=str(path), sheet=sheet.sheet, header_rows=sheet.header_rows, headers=sheet.headers,
        unknown_headers=tuple(sheet.unknown), outcomes=tuple(outcomes), dry_run=dry_run,
        all_or_nothing=all_or_nothing, committed=keep and any(o.status == IMPORTED for o in outcomes),
        confirmed_by=doc, sheets=tuple(book.seen), columns=tuple(book.columns), lines=tuple(found),
        encoding=book.encoding)
