"""Registering, editing, finding and showing care recipients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol

from sqlalchemy import Select, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.care import write_turn, writes
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, ValidationError, ValidationErrors
from app.care.search import name_keys
from app.care.text_rules import text_errors
from app.care.validation import (
    CONDITION_FIELDS,
    CategoryFacts,
    IdNumber,
    age_on,
    category_rule_errors,
    check_categories,
    check_choice,
    check_disability,
    check_name,
    check_not_future,
    mask_id_number,
    normalize_phone,
    parse_id_number,
)
from app.models import Guardian, HouseholdMember, Office, Recipient, StatusEvent
from app.models.base import encode_codes
from app.models.codes import Ability, LifecycleStep, OfficeLevel, ParentsAway, Status

RULE_FIELDS = ("categories", "disability_type", "disability_grade", "work_ability",
               "has_income", "has_supporter", "in_institution", "is_urban",
               *CONDITION_FIELDS)


@dataclass(frozen=True)
class RecipientSummary:
    id: str
    name: str
    id_number_masked: str
    sex: str
    birth_date: dt.date
    categories: tuple[str, ...]
    status: str
    key_monitoring: bool
    village_code: str
    phone: str | None
    # the director's confirmation of a region code unknown to GB/T 2260 (app.care.regions)
    id_region_note: str | None = None

    def age(self, on: dt.date | None = None) -> int:
        return age_on(self.birth_date, on or dt.date.today())

    def to_json(self) -> dict[str, Any]:
        """The list's form: the age, never the birth date beside the masked ID number (the
        mask hides exactly the birth date's eight digits; issue 15, point 4)."""
        d = asdict(self)
        del d["birth_date"]
        d["age"] = self.age()
        d["categories"] = list(self.categories)
        return d


@dataclass(frozen=True)
class StatusStep:
    step: str
    from_status: str | None
    to_status: str
    department: str | None
    decision: str | None
    reason: str | None
    doc_no: str | None
    decided_on: dt.date
    decided_by: str
    source: str


def status_step(e: StatusEvent) -> StatusStep:
    return StatusStep(e.step, e.from_status, e.to_status, e.department, e.decision, e.reason, e.doc_no,
                      e.decided_on, e.decided_by, e.source)


@dataclass(frozen=True)
class RecipientFields:
    """A recipient's own fields as stored (the recipient form edits them), with the record's
    stamp as read: a save passes it back with the values read (edit_recipient refuses a change
    to a field another clerk changed since)."""

    id: str
    village_code: str
    name: str
    id_number: str
    sex: str
    birth_date: dt.date
    ethnicity: str | None
    phone: str | None
    address: str | None
    categories: tuple[str, ...]
    key_monitoring: bool
    self_care: str | None
    work_ability: str | None
    disability_type: str | None
    disability_grade: int | None
    major_illness: str | None
    school: str | None
    notes: str | None
    is_urban: bool
    has_income: bool | None
    has_supporter: bool | None
    in_institution: bool
    status: str
    status_date: dt.date
    surveyed_on: dt.date
    surveyed_by: str | None
    # the household conditions of the left-behind categories (issue 14, point 8)
    parents_away: str | None = None
    husband_works_away: bool | None = None
    children_work_away: bool | None = None
    # a region code unknown to GB/T 2260, confirmed by the director (issue 14, point 7)
    id_region_note: str | None = None
    id_region_confirmed_by: str | None = None
    id_region_confirmed_on: dt.date | None = None
    stamp: str | None = None

    def read_of(self, changes: dict[str, Any]) -> dict[str, Any]:
        """The values read of the fields an edit changes (edit_recipient's read_values)."""
        return {k: getattr(self, k) for k in changes if hasattr(self, k)}


def stored_fields(r: Recipient) -> dict[str, Any]:
    """The recipient's RecipientFields, as keyword arguments (for it and RecipientDetail)."""
    values = {f.name: getattr(r, f.name) for f in fields(RecipientFields) if f.name != "stamp"}
    return {**values, "categories": tuple(r.categories), "stamp": r.hlc}


# What `recipients show --json` gives, in this order (a public contract, /work/shared/CLI.md):
# the fields the form alone edits (is_urban, has_income, has_supporter, in_institution,
# surveyed_by) are not among them.
SHOWN = ("id", "village_code", "name", "sex", "id_number", "birth_date", "ethnicity", "address", "phone",
         "categories", "key_monitoring", "status", "status_date", "self_care", "work_ability",
         "major_illness", "disability_type", "disability_grade", "school", "notes", "surveyed_on",
         "household", "guardians", "history", "parents_away", "husband_works_away", "children_work_away",
         "id_region_note", "id_region_confirmed_by", "id_region_confirmed_on", "stamp")


@dataclass(frozen=True)
class RecipientDetail(RecipientFields):
    """A recipient whole: the fields, the household, the guardians and the status history
    (oldest first)."""

    household: list[dict[str, Any]] = field(default_factory=list)
    guardians: list[dict[str, Any]] = field(default_factory=list)
    history: list[StatusStep] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: _jsonable(d[k]) for k in SHOWN}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def summary(r: Recipient) -> RecipientSummary:
    return RecipientSummary(r.id, r.name, mask_id_number(r.id_number), r.sex, r.birth_date,
                            tuple(r.categories), r.status, r.key_monitoring, r.village_code, r.phone,
                            r.id_region_note)


def rule_facts(r: Any, on: dt.date) -> CategoryFacts:
    """The category-rule facts of a recipient, as of a date: a stored Recipient, or anything with
    its fields as attributes (one new in a batch: app.care.bulk.Pending.as_record)."""
    return CategoryFacts(tuple(r.categories), r.birth_date, r.sex, on, r.disability_type,
                         r.disability_grade, r.work_ability, r.has_income, r.has_supporter,
                         r.in_institution, r.is_urban, r.parents_away, r.husband_works_away,
                         r.children_work_away)


def get_recipient(session: Session, recipient_id: str) -> Recipient:
    r = session.get(Recipient, recipient_id)
    if r is None or r.deleted:
        raise NotFoundError(f"找不到编号为 {recipient_id} 的关爱对象（可能已删除），请核对编号。",
                            f"No recipient with id {recipient_id}.", field="id")
    return r


def raise_errors(errors: list[ValidationError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)


def collect_errors(errors: list[ValidationError], fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except ValidationErrors as e:
        errors.extend(e.errors)
    except ValidationError as e:
        errors.append(e)
    return None


def village_for(office: Office, village_code: str | None, find: Callable[[str], Office | None]) -> str:
    """The village a recipient registered by `office` lives in. `find` gives the live office
    of a code (a query one by one, a dictionary in a batch)."""
    if office.level == OfficeLevel.village:
        if village_code not in (None, "", office.code):
            raise ValidationError(
                f"所在村：本数据库属于 {office.name}（{office.code}），只能登记本村的关爱对象。",
                f"Village: this database belongs to village {office.code}.", field="village_code")
        return office.code
    if not village_code:
        raise ValidationError("所在村：请填写关爱对象所在行政村的代码（12位）。",
                              "Village: give the 12-digit village code.", field="village_code")
    village = find(village_code)
    if village is None or village.level != OfficeLevel.village:
        raise ValidationError(f"所在村：找不到代码为 {village_code} 的行政村，请核对或先登记该村。",
                              f"Village {village_code} is not known here.", field="village_code")
    if not village.code.startswith(office.code):
        raise ValidationError(f"所在村：{village.name} 不属于本单位 {office.name} 管辖。",
                              f"Village {village_code} is not under {office.code}.", field="village_code")
    return village.code


def live_office(session: Session, code: str) -> Office | None:
    return session.scalars(select(Office).where(Office.code == code,
                                                Office.deleted.is_(False))).one_or_none()


def _duplicate(session: Session, id_number: str, exclude: str | None = None) -> Recipient | None:
    q = select(Recipient).where(Recipient.id_number == id_number, Recipient.deleted.is_(False))
    if exclude:
        q = q.where(Recipient.id != exclude)
    return session.scalars(q.limit(1)).first()


class Known(Protocol):
    """What the duplicate rule needs of a recipient already registered."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def village_code(self) -> str: ...
    @property
    def status(self) -> str: ...


@dataclass(frozen=True)
class Registration:
    """The registration rules applied to one person: every problem found, the ID number as
    read (when it reads), and, when nothing is wrong, the new Recipient's fields."""

    errors: list[ValidationError]
    ident: IdNumber | None
    fields: dict[str, Any] | None


def check_registration(office: Office, *, find_village: Callable[[str], Office | None],
                       find_registered: Callable[[str], Known | None], surveyed_by: str, name: str,
                       id_number: str, categories: list[str] | tuple[str, ...],
                       village_code: str | None = None, phone: str | None = None,
                       address: str | None = None, key_monitoring: bool = False,
                       self_care: str | None = None, work_ability: str | None = None,
                       disability_type: str | None = None, disability_grade: int | None = None,
                       ethnicity: str | None = None, major_illness: str | None = None,
                       school: str | None = None, notes: str | None = None, is_urban: bool = False,
                       has_income: bool | None = None, has_supporter: bool | None = None,
                       in_institution: bool = False, surveyed_on: dt.date | None = None,
                       confirm_unknown_region: str | None = None, parents_away: str | None = None,
                       husband_works_away: bool | None = None,
                       children_work_away: bool | None = None) -> Registration:
    """Every rule of registering a recipient, without touching the database: what it needs
    to know (this office, a village by code, who is registered under an ID number) it asks
    the two functions given. add_recipient and the batch door (app.care.bulk) both use it.
    `confirm_unknown_region` is the director's note confirming a region code unknown to
    GB/T 2260 (app.care.regions); it is recorded on the person, and ignored for a known code."""
    on = surveyed_on or dt.date.today()
    errors: list[ValidationError] = []
    collect_errors(errors, check_not_future, on, field="date", label="调查日期")
    clean_name = collect_errors(errors, check_name, name)
    region_note = (confirm_unknown_region or "").strip() or None
    ident = collect_errors(errors, parse_id_number, id_number, allow_unknown_region=region_note is not None)
    clean_phone = collect_errors(errors, normalize_phone, phone)
    cats = collect_errors(errors, check_categories, list(categories))
    collect_errors(errors, check_choice, self_care, Ability, field="self_care", label="自理能力")
    collect_errors(errors, check_choice, work_ability, Ability, field="work_ability", label="劳动能力")
    collect_errors(errors, check_choice, parents_away or None, ParentsAway, field="parents_away", label="父母外出情况")
    collect_errors(errors, check_disability, disability_type, disability_grade)
    village = collect_errors(errors, village_for, office, village_code, find_village)
    # The text rules, with the others: a form or a roster row names every problem at once.
    errors.extend(text_errors("recipients", {
        "name": clean_name, "address": (address or "").strip(), "ethnicity": ethnicity,
        "major_illness": major_illness, "school": school, "notes": notes}))
    if ident and cats:
        errors.extend(category_rule_errors(CategoryFacts(
            cats, ident.birth_date, ident.sex, on, disability_type, disability_grade,
            work_ability, has_income, has_supporter, in_institution, is_urban, parents_away or None,
            husband_works_away, children_work_away)))
    if ident:
        dup = find_registered(ident.number)
        if dup is not None and dup.status == Status.exited:
            errors.append(ValidationError(
                f"身份证号：此人曾登记并已退出（{dup.name}，{dup.village_code}），请在原记录上重新上报，历史记录会保留。",
                f"ID number: {dup.name} ({dup.id}) exited earlier; report that record again.",
                field="id_number"))
        elif dup is not None:
            errors.append(ValidationError(
                f"身份证号：此人已登记（{dup.name}，{dup.village_code}），请勿重复登记；如需修改请编辑原记录。",
                f"ID number: already registered as {dup.name} ({dup.id}).", field="id_number"))
    if errors:
        return Registration(errors, ident, None)
    pinyin, initials = name_keys(clean_name)
    return Registration([], ident, dict(
        village_code=village, name=clean_name, name_pinyin=pinyin,
        name_initials=initials, sex=ident.sex, id_number=ident.number, birth_date=ident.birth_date,
        ethnicity=(ethnicity or None), address=(address or "").strip() or None, phone=clean_phone,
        categories=cats, key_monitoring=bool(key_monitoring), status=Status.surveyed.value,
        status_date=on, self_care=self_care or None, work_ability=work_ability or None,
        major_illness=major_illness or None, disability_type=disability_type or None,
        disability_grade=disability_grade, school=school or None, is_urban=is_urban,
        has_income=has_income, has_supporter=has_supporter, in_institution=in_institution,
        surveyed_on=on, surveyed_by=surveyed_by, notes=notes or None, parents_away=parents_away or None,
        husband_works_away=husband_works_away, children_work_away=children_work_away,
        **region_confirmation(ident, region_note, surveyed_by, on)))


def region_confirmation(ident: IdNumber, note: str | None, user: str, on: dt.date) -> dict[str, Any]:
    """The recorded confirmation of an unknown region code (empty fields for a known one)."""
    if ident.region_known or not note:
        return dict(id_region_note=None, id_region_confirmed_by=None, id_region_confirmed_on=None)
    return dict(id_region_note=note, id_region_confirmed_by=user, id_region_confirmed_on=on)


def survey_event(recipient_id: str, on: dt.date, user: str) -> dict[str, Any]:
    """The StatusEvent of a registration: the survey step."""
    return dict(recipient_id=recipient_id, step=LifecycleStep.survey.value, from_status=None,
                to_status=Status.surveyed.value, decided_on=on, decided_by=user, source="local")


def add_recipient(session: Session, actor: Actor, *, name: str, id_number: str,
                  categories: list[str] | tuple[str, ...], village_code: str | None = None,
                  phone: str | None = None, address: str | None = None,
                  key_monitoring: bool = False, self_care: str | None = None,
                  work_ability: str | None = None, disability_type: str | None = None,
                  disability_grade: int | None = None, ethnicity: str | None = None,
                  major_illness: str | None = None, school: str | None = None,
                  notes: str | None = None, is_urban: bool = False, has_income: bool | None = None,
                  has_supporter: bool | None = None, in_institution: bool = False,
                  surveyed_on: dt.date | None = None,
                  confirm_unknown_region: str | None = None, parents_away: str | None = None,
                  husband_works_away: bool | None = None,
                  children_work_away: bool | None = None) -> RecipientDetail:
    """Register one recipient as surveyed. Every field is checked first; a refusal lists
    every problem and writes nothing."""
    # The write turn before the duplicate check: a clerk registering the same person at the
    # same time waits, then is told the person is registered (app/care/write_turn.py).
    write_turn.take(session)
    checked = check_registration(
        this_office(session), find_village=lambda code: live_office(session, code),
        find_registered=lambda number: _duplicate(session, number), surveyed_by=actor.user,
        name=name, id_number=id_number, categories=categories, village_code=village_code,
        phone=phone, address=address, key_monitoring=key_monitoring, self_care=self_care,
        work_ability=work_ability, disability_type=disability_type,
        disability_grade=disability_grade, ethnicity=ethnicity, major_illness=major_illness,
        school=school, notes=notes, is_urban=is_urban, has_income=has_income,
        has_supporter=has_supporter, in_institution=in_institution, surveyed_on=surveyed_on,
        confirm_unknown_region=confirm_unknown_region, parents_away=parents_away,
        husband_works_away=husband_works_away, children_work_away=children_work_away)
    raise_errors(checked.errors)
    assert checked.fields is not None
    r = writes.create(session, actor, Recipient, **checked.fields)
    writes.create(session, actor, StatusEvent, **survey_event(r.id, checked.fields["surveyed_on"], actor.user))
    session.flush()
    return detail(session, r.id)


EDITABLE = {"name", "phone", "address", "categories", "key_monitoring", "self_care",
            "work_ability", "disability_type", "disability_grade", "ethnicity", "major_illness",
            "school", "school_class", "notes", "has_income", "has_supporter", "in_institution", "is_urban",
            "id_number", *CONDITION_FIELDS}


def edit_recipient(session: Session, actor: Actor, /, recipient_id: str, *,
                   today: dt.date | None = None, confirm_unknown_region: str | None = None,
                   read_stamp: str | None = None, read_values: dict[str, Any] | None = None,
                   **changes: Any) -> dict[str, list[Any]]:
    """Change fields of one recipient, validated as at registration. The category rules are
    checked as of the edit's date, and only when a field they look at changes (so fixing a
    phone number never fails because a child has since turned 16). Returns what changed.

    `read_stamp`: the record's stamp when the clerk read it (RecipientDetail.stamp); with it,
    the edit is refused (EditConflict, both values shown, nothing written) when another clerk
    has since changed a field it changes. `read_values`: the values read of those fields (the
    form has them); without them, a field counts as changed since when its last write is later
    than the stamp read (its version vector)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    write_turn.take(session)  # what is compared below cannot change before this edit is written
    r = get_recipient(session, recipient_id)
    if r.anonymised_on is not None:
        raise ValidationError("此对象退出已满保存期限，个人信息已删除（匿名），不能再修改；如需登记请重新登记。",
                              "This record was anonymised after the retention period and cannot be edited.",
                              field="id")
    if read_stamp is not None and r.hlc != read_stamp:
        check_unchanged_since(session, r, read_stamp, read_values or {}, changes)
    on = today or dt.date.today()
    errors: list[ValidationError] = []
    clean: dict[str, Any] = {}
    if "name" in changes:
        clean["name"] = collect_errors(errors, check_name, changes["name"])
        if clean["name"]:
            clean["name_pinyin"], clean["name_initials"] = name_keys(clean["name"])
    if "id_number" in changes:
        region_note = (confirm_unknown_region or "").strip() or None
        ident = collect_errors(errors, parse_id_number, changes["id_number"],
                         allow_unknown_region=region_note is not None)
        if ident:
            clean.update(id_number=ident.number, birth_date=ident.birth_date, sex=ident.sex,
                         **region_confirmation(ident, region_note, actor.user, on))
            dup = _duplicate(session, ident.number, exclude=r.id)
            if dup:
                errors.append(ValidationError(
                    f"身份证号：该号码已属于另一关爱对象（{dup.name}），请核对。",
                    "ID number: belongs to another recipient.", field="id_number"))
    if "phone" in changes:
        clean["phone"] = collect_errors(errors, normalize_phone, changes["phone"])
    if "categories" in changes:
        clean["categories"] = collect_errors(errors, check_categories, list(changes["categories"]))
    for key, label in (("self_care", "自理能力"), ("work_ability", "劳动能力")):
        if key in changes:
            clean[key] = collect_errors(errors, check_choice, changes[key] or None, Ability,
                                  field=key, label=label)
    for key in ("key_monitoring", "in_institution", "is_urban"):
        if key in changes:
            clean[key] = bool(changes[key])
    if "parents_away" in changes:
        clean["parents_away"] = collect_errors(errors, check_choice, changes["parents_away"] or None, ParentsAway,
                                         field="parents_away", label="父母外出情况")
    for key in ("husband_works_away", "children_work_away"):
        if key in changes:
            clean[key] = None if changes[key] is None else bool(changes[key])
    for key in ("address", "ethnicity", "major_illness", "school", "notes", "disability_type",
                "disability_grade", "has_income", "has_supporter"):
        if key in changes:
            value = changes[key]
            clean[key] = value.strip() or None if isinstance(value, str) else value
    errors.extend(text_errors("recipients", clean))
    if "disability_type" in clean or "disability_grade" in clean:
        collect_errors(errors, check_disability, clean.get("disability_type", r.disability_type),
                 clean.get("disability_grade", r.disability_grade))
    if not errors and (set(clean) & set(RULE_FIELDS) or "id_number" in clean):
        merged = {k: clean.get(k, getattr(r, k)) for k in (*RULE_FIELDS, "birth_date", "sex")}
        errors.extend(category_rule_errors(CategoryFacts(
            tuple(merged["categories"]), merged["birth_date"], merged["sex"], on,
            merged["disability_type"], merged["disability_grade"], merged["work_ability"],
            merged["has_income"], merged["has_supporter"], merged["in_institution"],
            merged["is_urban"], merged["parents_away"], merged["husband_works_away"],
            merged["children_work_away"])))
    raise_errors(errors)
    return writes.update(session, actor, r, **clean)


def detail(session: Session, recipient_id: str) -> RecipientDetail:
    r = get_recipient(session, recipient_id)
    members = session.scalars(select(HouseholdMember).where(
        HouseholdMember.recipient_id == r.id, HouseholdMember.deleted.is_(False))).all()
    guardians = session.scalars(select(Guardian).where(
        Guardian.recipient_id == r.id, Guardian.deleted.is_(False))).all()
    events = session.scalars(select(StatusEvent).where(
        StatusEvent.recipient_id == r.id, StatusEvent.deleted.is_(False))
        .order_by(StatusEvent.hlc)).all()
    return RecipientDetail(
        **stored_fields(r),
        household=[{"id": m.id, "name": m.name, "relation": m.relation, "phone": m.phone,
                    "works_away": m.works_away, "work_place": m.work_place} for m in members],
        guardians=[{"id": g.id, "kind": g.kind, "name": g.name, "relation": g.relation,
                    "phone": g.phone, "id_number": g.id_number, "address": g.address}
                   for g in guardians],
        history=[status_step(e) for e in events])


def check_unchanged_since(session: Session, r: Recipient, read_stamp: str, read_values: dict[str, Any],
                          changes: dict[str, Any]) -> None:
    """Refuse an edit of fields another clerk changed after `read_stamp`: each such field's
    value now, what the clerk read (when known) and what they wanted, one line each."""
    from app.care.text_rules import field_words
    from app.changes.versions import by_stamp, read_vectors

    vectors = read_vectors(session.connection(), "recipients", r.id)
    lines_zh: list[str] = []
    lines_en: list[str] = []
    first: str | None = None
    for key, wanted in changes.items():
        now = getattr(r, key)
        if key in read_values:
            changed = _same_value(read_values[key]) != _same_value(now)
        else:
            changed = by_stamp(vectors.get(key, {})) > read_stamp
        if not changed or _same_value(now) == _same_value(wanted):
            continue
        first = first or key
        show = _shown_value(key)
        read_zh = f"，您打开时是“{show(read_values[key])}”" if key in read_values else ""
        read_en = f", you read “{show(read_values[key])}”" if key in read_values else ""
        lines_zh.append(f"{field_words('recipients', key)}：另一位工作人员已改为“{show(now)}”{read_zh}，"
                        f"您要改为“{show(wanted)}”")
        lines_en.append(f"{field_words('recipients', key, 'en')}: another clerk changed it to “{show(now)}”"
                        f"{read_en}; you wanted “{show(wanted)}”")
    if first is not None:
        raise write_turn.EditConflict(
            "您打开这条记录之后，另一位工作人员修改了它：" + "；".join(lines_zh)
            + "。您的修改没有保存：请重新打开这条记录，核对后再改。",
            "Another clerk changed this record after you opened it: " + "; ".join(lines_en)
            + ". Your change was not saved: open the record again, check, and edit again.", field=first)


def _same_value(value: Any) -> Any:
    """A field's value for comparing what was read with what is stored (codes as a set, blank
    text as none)."""
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(sorted(value))
    if isinstance(value, str):
        return value.strip() or None
    return value


def _shown_value(key: str) -> Callable[[Any], str]:
    """How a conflicting value is shown: an ID number masked (it goes into a message box)."""
    def show(value: Any) -> str:
        if value is None or value == "":
            return "（空）"
        if key == "id_number" and isinstance(value, str):
            return mask_id_number(value)
        if isinstance(value, list | tuple | set | frozenset):
            return "、".join(map(str, sorted(value)))
        return str(value)
    return show


def roster_query(*, search: str | None = None, category: str | None = None,
                 status: str | None = None, village_code: str | None = None,
                 key_monitoring: bool | None = None) -> Select[Any]:
    """The filtered roster as a query, for listing and for the app's lazy table model."""
    q = select(Recipient).where(Recipient.deleted.is_(False))
    if category:
        q = q.where(has_category(category))
    if status:
        q = q.where(Recipient.status == status)
    if village_code:
        q = q.where(Recipient.village_code == village_code)
    if key_monitoring is not None:
        q = q.where(Recipient.key_monitoring.is_(key_monitoring))
    text = (search or "").strip()
    if text:
        q = q.where(search_clause(text))
    return q


def has_category(code: str) -> Any:
    """SQL: the recipient is in this category (see CodeSet for the stored form)."""
    return type_coerce(Recipient.categories, String).like(f"%{encode_codes([code])}%")


def search_clause(text: str) -> Any:
    """Name, pinyin initials or full pinyin, last digits of the ID number, or phone."""
    t = text.strip()
    tail = t.upper()
    if tail.isdigit() or (tail[:-1].isdigit() and tail.endswith("X")):
        return or_(Recipient.id_number.like(f"%{tail}"), Recipient.phone.like(f"%{t}%"))
    if t.isascii() and t.isalpha():
        # A prefix as a range, not LIKE (which SQLite's default collation cannot serve from an
        # index): both keys are stored lower case, and each range walks its own index.
        low = t.lower()
        after = low[:-1] + chr(ord(low[-1]) + 1)
        if len(low) == 1:
            # One letter: the initials and the full pinyin begin with the same letter, so
            # the pinyin range alone finds them all — and in name order, straight off the
            # roster index, where an OR of two ranges must sort a fifth of the county.
            return and_(Recipient.name_pinyin >= low, Recipient.name_pinyin < after)
        return or_(and_(Recipient.name_initials >= low, Recipient.name_initials < after),
                   and_(Recipient.name_pinyin >= low, Recipient.name_pinyin < after))
    return Recipient.name.like(f"%{t}%")


def list_recipients(session: Session, /, *, limit: int | None = None, offset: int = 0,
                    **filters: Any) -> list[RecipientSummary]:
    q = roster_query(**filters).order_by(Recipient.village_code, Recipient.name_pinyin, Recipient.id)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return [summary(r) for r in session.scalars(q)]


def count_recipients(session: Session, **filters: Any) -> int:
    q = roster_query(**filters).with_only_columns(func.count()).order_by(None)
    return int(session.scalar(q) or 0)


SORT_COLUMNS = {"name": Recipient.name_pinyin, "village_code": Recipient.village_code,
                "status": Recipient.status, "birth_date": Recipient.birth_date}


def roster_ids(session: Session, *, sort: str = "name", descending: bool = False,
               overdue: bool = False, on: dt.date | None = None, limit: int | None = None,
               **filters: Any) -> list[str]:
    """Just the ids of the filtered roster, sorted in SQL: a table model holds these and
    fetches rows as they scroll into view. `overdue` keeps those with care work overdue
    (the schedule engine's SQL decides; see app.care.tasks). With `limit`, only the first
    ids: in name order SQLite walks the roster index and stops there, so the first screen
    of a search that matches half the county costs no more than one that matches a few."""
    col = SORT_COLUMNS.get(sort, Recipient.name_pinyin)
    order = col.desc() if descending else col.asc()
    q = roster_query(**filters).with_only_columns(Recipient.id).order_by(order, Recipient.id)
    if limit is not None and not overdue:
        q = q.limit(limit)
    # Plain rows through the Core connection: no ORM bookkeeping for 60,000 strings.
    ids = list(session.connection().execute(q).scalars())
    if overdue:
        from app.care.tasks import overdue_recipient_ids  # the schedule sits above this module

        late = overdue_recipient_ids(session, on)
        ids = [i for i in ids if i in late][:limit]
    return ids


_SUMMARY_COLUMNS = (Recipient.id, Recipient.name, Recipient.id_number, Recipient.sex, Recipient.birth_date,
                    Recipient.categories, Recipient.status, Recipient.key_monitoring, Recipient.village_code,
                    Recipient.phone, Recipient.id_region_note)


def rows_by_id(session: Session, ids: list[str]) -> dict[str, RecipientSummary]:
    """A page of the roster as it scrolls into view: the summary's columns only, without
    building ORM objects of forty columns each (a third of the time of a page)."""
    found = session.execute(select(*_SUMMARY_COLUMNS).where(Recipient.id.in_(ids)))
    return {r[0]: RecipientSummary(r[0], r[1], mask_id_number(r[2]), r[3], r[4], tuple(r[5]), r[6],
                                   bool(r[7]), r[8], r[9], r[10]) for r in found}
