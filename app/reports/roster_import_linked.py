"""The guardians and household members of a roster import: those of the roster sheet's own
监护人 columns, and those of the 监护人 and 家庭成员 sheets (app.reports.sheets_linked),
linked to their recipient by the recipient's ID number.

A line is held to the rules of add_guardian and add_member (app.care.household) and written with
its recipient, in the same batch. A line whose recipient is not imported from this file
is reported and not written: of a person already registered, as a duplicate (a guardian is
added to a registered person in the person's record, where the director sees who is there; an
exported roster imported again is not a list of refusals); of a person whose row was refused
or repeated, as skipped (the row's own reason says why); of a person the file does not have,
as refused.
A guardian of the roster sheet that the 监护人 sheet lists too (same name) is one guardian,
with the sheet's kind and relation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.care.bulk import Pending, Registrations
from app.care.validation import mask_id_number
from app.reports import sheets_fields as cells
from app.reports import sheets_linked as linked
from app.reports.roster_import_read import RosterSheet
from app.reports.sheets_fields import CellError

IMPORTED, READY, REFUSED, DUPLICATE, SKIPPED = "imported", "ready", "refused", "duplicate", "skipped"


@dataclass
class PassedRecipient:
    """A recipient of this file that passed: where the recipient's guardians go."""

    row: int
    sheet: str
    recipient: Pending | None  # None in a dry run
    guardians: list[dict[str, Any]] = field(default_factory=list)  # from the roster sheet
    extra_guardians: list[dict[str, Any]] = field(default_factory=list)  # from the 监护人 sheet
    members: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class LineOutcome:
    sheet: str
    row: int
    kind: str  # guardians | members
    status: str  # imported | ready | refused | duplicate | skipped
    name: str
    ward: str  # the recipient's ID number, masked
    reason_zh: str = ""
    reason_en: str = ""


def _cell(errors: list[tuple[str, str]], reader: Callable[..., Any], *args: Any) -> Any:
    try:
        return reader(*args)
    except CellError as e:
        errors.append((e.zh, e.en))
        return None


def _yes_no(value: object, label: str, default: bool) -> bool:
    found = cells.yes_no(value, label)
    return default if found is None else found


def _line(kind: str, values: dict[str, Any], on: dt.date) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """A guardian's or member's values from one line, and the reasons it is refused."""
    errors: list[tuple[str, str]] = []
    relation = _cell(errors, cells.relation, values.get("relation"))
    name = cells.clean(values.get("name"))
    phone = cells.clean(values.get("phone")) or None
    number = _cell(errors, cells.id_number, values.get("id_number")) or None
    if kind == linked.GUARDIANS:
        gkind = _cell(errors, linked.guardian_kind, values.get("kind"))
        start = _cell(errors, cells.date, values.get("start_date"), "开始日期")
        if errors:
            return None, errors
        checked, problems = Registrations.check_guardian(
            kind=gkind or "", name=name, relation=relation or "", phone=phone, id_number=number,
            address=cells.text(values.get("address")), start_date=start or on)
        return (checked if not problems else None), [(e.zh, e.en) for e in problems]
    works_away = _cell(errors, _yes_no, values.get("works_away"), "是否外出务工", bool(values.get("work_place")))
    can_guard = _cell(errors, _yes_no, values.get("can_guard"), "能否监护", True)
    if errors:
        return None, errors
    checked, problems = Registrations.check_member(name=name, relation=relation or "", phone=phone, id_number=number,
                                     works_away=bool(works_away), work_place=cells.text(values.get("work_place")),
                                     can_guard=bool(can_guard), notes=cells.text(values.get("notes")))
    return (checked if not problems else None), [(e.zh, e.en) for e in problems]


def check_lines(sheets: list[RosterSheet], people: dict[str, PassedRecipient], registered: set[str],
                in_file: set[str], on: dt.date) -> list[LineOutcome]:
    """Every line of the companion sheets checked and, when it passes, given to its person."""
    outcomes: list[LineOutcome] = []
    for sheet in sheets:
        what = "监护人" if sheet.kind == linked.GUARDIANS else "家庭成员"
        for number, values in sheet.rows:
            name = cells.clean(values.get("name"))
            try:
                ward = cells.id_number(values.get("ward_id"))
            except CellError as e:
                outcomes.append(LineOutcome(sheet.sheet, number, sheet.kind, REFUSED, name, "", e.zh, e.en))
                continue
            masked = mask_id_number(ward) if ward else ""
            if not name and not ward:
                continue  # a blank or signature line
            person = people.get(ward)
            if person is None:
                if ward in registered:
                    status = DUPLICATE
                    zh = f"对象（{masked}）已在登记册中，本行{what}未导入；如需添加请在此人的档案里添加。"
                    en = f"The recipient ({masked}) is already registered: add the {sheet.kind} in their record."
                elif ward in in_file:
                    status = SKIPPED
                    zh = f"对象（{masked}）在花名册中的那一行未导入（原因见该行），本行{what}随之未导入。"
                    en = f"The recipient's ({masked}) roster row was not imported: line not imported."
                else:
                    status = REFUSED
                    zh = f"对象身份证号 {masked or '（空）'} 在花名册中找不到，本行{what}未导入；请核对身份证号。"
                    en = f"Recipient {masked or '(empty)'} is not on the roster: line not imported."
                outcomes.append(LineOutcome(sheet.sheet, number, sheet.kind, status, name, masked, zh, en))
                continue
            checked, errors = _line(sheet.kind, values, on)
            if checked is None:
                outcomes.append(LineOutcome(sheet.sheet, number, sheet.kind, REFUSED, name, masked,
                                            "；".join(dict.fromkeys(zh for zh, _ in errors)),
                                            "; ".join(dict.fromkeys(en for _, en in errors))))
                continue
            if sheet.kind == linked.GUARDIANS:
                person.extra_guardians.append(checked)
            else:
                person.members.append(checked)
            outcomes.append(LineOutcome(sheet.sheet, number, sheet.kind,
                                        READY if person.recipient is None else IMPORTED, name, masked))
    return outcomes


def queue(batch: Registrations, people: dict[str, PassedRecipient]) -> None:
    """Each person's guardians and members into the batch: the 监护人 sheet's, and those of
    the roster sheet that the sheet does not list again."""
    for person in people.values():
        if person.recipient is None:
            continue
        listed = {g["name"] for g in person.extra_guardians}
        for g in [*(g for g in person.guardians if g["name"] not in listed), *person.extra_guardians]:
            batch.add_guardian(person.recipient, g)
        for m in person.members:
            batch.add_member(person.recipient, m)
