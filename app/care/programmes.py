"""The care programmes of the plan, as service calls: assisting units and pairing, teachers
with the school file and the school-leave handover, mutual-aid families with their services
and subsidy ledger, third-party assessments, the five responsibilities, agreements and their
states, and care activities with attendance. Every write goes through app.care.writes."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor
from app.care.errors import NotFoundError, ValidationError
from app.care.recipients import get_recipient
from app.care.validation import (
    ADULT_AGE,
    age_on,
    check_choice,
    check_name,
    check_not_future,
    normalize_phone,
)
from app.models import (
    Activity,
    Agreement,
    AssistingUnit,
    Attendance,
    Guardian,
    MutualAidAssignment,
    MutualAidFamily,
    MutualAidService,
    Office,
    Pairing,
    Responsibility,
    ResponsiblePerson,
    SchoolFileEntry,
    SchoolLeaveHandover,
    SubsidyPayment,
    TeacherPairing,
    ThirdPartyAssessment,
    UnitVillage,
)
from app.models.base import Synced
from app.models.codes import (
    LABELS,
    Ability,
    ActivityKind,
    AgreementKind,
    AgreementStatus,
    Category,
    DisabilityType,
    GuardianKind,
    MutualAidServiceKind,
    OfficeLevel,
    Relation,
    ResponsibilityKind,
    SchoolFileKind,
)

S = TypeVar("S", bound=Synced)


def _get(session: Session, model: type[S], rid: str, what: str) -> S:
    obj = session.get(model, rid)
    if obj is None or obj.deleted:
        raise NotFoundError(f"找不到{what}（{rid}），请核对编号。", f"No {model.__tablename__} {rid}.", field="id")
    return obj


def _required(value: str | None, field: str, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{label}：不能为空。", f"{field} is required.", field=field)
    return text


def _on(value: dt.date | None, label: str) -> dt.date:
    return check_not_future(value or dt.date.today(), label=label)


# ---- assisting units and pairing --------------------------------------------------------

def add_unit(session: Session, actor: Actor, *, name: str, unit_type: str | None = None,
             contact_person: str | None = None, phone: str | None = None) -> AssistingUnit:
    return writes.create(session, actor, AssistingUnit, name=_required(name, "name", "单位名称"),
                         unit_type=unit_type, contact_person=contact_person,
                         phone=normalize_phone(phone), address=None)


def match_unit_to_village(session: Session, actor: Actor, unit_id: str, village_code: str, *,
                          start: dt.date | None = None) -> UnitVillage:
    _get(session, AssistingUnit, unit_id, "帮扶单位")
    return writes.create(session, actor, UnitVillage, unit_id=unit_id, village_code=village_code,
                         start_date=start or dt.date.today(), end_date=None)


def add_responsible_person(session: Session, actor: Actor, unit_id: str, *, name: str,
                           position: str | None = None, phone: str | None = None) -> ResponsiblePerson:
    _get(session, AssistingUnit, unit_id, "帮扶单位")
    return writes.create(session, actor, ResponsiblePerson, unit_id=unit_id,
                         name=check_name(name, label="帮扶责任人"), position=position,
                         phone=normalize_phone(phone), id_number=None)


def pair(session: Session, actor: Actor, recipient_id: str, person_id: str, *,
         start: dt.date | None = None) -> Pairing:
    r = get_recipient(session, recipient_id)
    person = _get(session, ResponsiblePerson, person_id, "帮扶责任人")
    active = session.scalars(select(Pairing).where(
        Pairing.recipient_id == r.id, Pairing.responsible_person_id == person.id,
        Pairing.deleted.is_(False), Pairing.end_date.is_(None))).first()
    if active:
        raise ValidationError(f"结对：{person.name}已与{r.name}结对。", "Already paired.", field="person")
    return writes.create(session, actor, Pairing, recipient_id=r.id, responsible_person_id=person.id,
                         unit_id=person.unit_id, start_date=start or dt.date.today(), end_date=None)


# ---- teachers, the school file and the handover ------------------------------------------

def pair_teacher(session: Session, actor: Actor, recipient_id: str, *, teacher_name: str, school: str,
                 teacher_phone: str | None = None, school_class: str | None = None,
                 start: dt.date | None = None) -> TeacherPairing:
    r = get_recipient(session, recipient_id)
    if Category.left_behind_child not in r.categories:
        raise ValidationError(f"结对老师：{r.name}不是留守儿童，教师结对只针对在校留守儿童。",
                              "Teacher pairing is for left-behind children.", field="recipient")
    if current_teacher(session, r.id) is not None:
        raise ValidationError(f"结对老师：{r.name}已有结对老师，请先结束原结对。",
                              "The child already has a paired teacher.", field="teacher")
    return writes.create(session, actor, TeacherPairing, recipient_id=r.id,
                         teacher_name=check_name(teacher_name, label="老师姓名"),
                         teacher_phone=normalize_phone(teacher_phone), school=_required(school, "school", "学校"),
                         school_class=school_class, start_date=start or dt.date.today(), end_date=None)


def current_teacher(session: Session, recipient_id: str) -> TeacherPairing | None:
    return session.scalars(select(TeacherPairing).where(
        TeacherPairing.recipient_id == recipient_id, TeacherPairing.deleted.is_(False),
        TeacherPairing.end_date.is_(None))).first()


def add_school_file_entry(session: Session, actor: Actor, teacher_pairing_id: str, *, kind: str,
                          content: str, on: dt.date | None = None) -> SchoolFileEntry:
    tp = _get(session, TeacherPairing, teacher_pairing_id, "教师结对")
    check_choice(kind, SchoolFileKind, field="kind", label="关爱内容")
    return writes.create(session, actor, SchoolFileEntry, teacher_pairing_id=tp.id, recipient_id=tp.recipient_id,
                         kind=kind, entry_date=_on(on, "记录日期"), content=_required(content, "content", "内容"),
                         recorded_by=tp.teacher_name)


def hand_over_on_leaving_school(session: Session, actor: Actor, recipient_id: str, *, left_on: dt.date,
                                reason: str, guardian_name: str,
                                handed_over_on: dt.date | None = None) -> SchoolLeaveHandover:
    """The pupil left school: record the handover to the guardian and end the teacher pairing."""
    r = get_recipient(session, recipient_id)
    tp = current_teacher(session, r.id)
    handover = writes.create(session, actor, SchoolLeaveHandover, recipient_id=r.id,
                             teacher_pairing_id=tp.id if tp else None, left_on=_on(left_on, "离校日期"),
                             reason=_required(reason, "reason", "离校原因"),
                             guardian_name=check_name(guardian_name, label="监护人姓名"),
                             handed_over_on=_on(handed_over_on or left_on, "对接日期"), notes=None)
    if tp is not None:
        writes.update(session, actor, tp, end_date=left_on)
    writes.update(session, actor, r, school=None)  # no longer at school: no teacher is owed
    return handover


# ---- mutual aid -------------------------------------------------------------------------

def add_mutual_aid_family(session: Session, actor: Actor, *, village_code: str, head_name: str,
                          phone: str | None = None, address: str | None = None) -> MutualAidFamily:
    village = session.scalars(select(Office).where(Office.code == village_code, Office.deleted.is_(False),
                                                   Office.level == OfficeLevel.village.value)).first()
    if village is None:
        raise ValidationError(f"所在村：找不到代码为 {village_code} 的行政村。", f"No village {village_code}.",
                              field="village_code")
    return writes.create(session, actor, MutualAidFamily, village_code=village_code,
                         head_name=check_name(head_name, label="互助家庭户主"), id_number=None,
                         phone=normalize_phone(phone), address=address)


def assign_mutual_aid(session: Session, actor: Actor, family_id: str, recipient_id: str, *,
                      monthly_subsidy_fen: int, start: dt.date | None = None) -> MutualAidAssignment:
    fam = _get(session, MutualAidFamily, family_id, "互助家庭")
    r = get_recipient(session, recipient_id)
    if fam.village_code != r.village_code:
        raise ValidationError(f"互助家庭：{fam.head_name}家与{r.name}不在同一个村，请选本村的邻近家庭。",
                              "The family lives in another village.", field="family")
    if monthly_subsidy_fen < 0:
        raise ValidationError("补贴：不能为负数。", "Subsidy cannot be negative.", field="subsidy")
    return writes.create(session, actor, MutualAidAssignment, family_id=fam.id, recipient_id=r.id,
                         start_date=start or dt.date.today(), end_date=None,
                         monthly_subsidy_fen=monthly_subsidy_fen)


def log_mutual_aid_service(session: Session, actor: Actor, family_id: str, recipient_id: str, *,
                           kind: str, on: dt.date | None = None, note: str | None = None) -> MutualAidService:
    fam = _get(session, MutualAidFamily, family_id, "互助家庭")
    r = get_recipient(session, recipient_id)
    check_choice(kind, MutualAidServiceKind, field="kind", label="服务内容")
    assigned = session.scalars(select(MutualAidAssignment).where(
        MutualAidAssignment.family_id == fam.id, MutualAidAssignment.recipient_id == r.id,
        MutualAidAssignment.deleted.is_(False), MutualAidAssignment.end_date.is_(None))).first()
    if assigned is None:
        raise ValidationError(f"互助服务：{fam.head_name}家没有被安排照料{r.name}，请先安排互助家庭。",
                              "This family is not assigned to this recipient.", field="family")
    return writes.create(session, actor, MutualAidService, family_id=fam.id, recipient_id=r.id, kind=kind,
                         served_on=_on(on, "服务日期"), note=note)


def pay_subsidy(session: Session, actor: Actor, family_id: str, *, period_start: dt.date,
                period_end: dt.date, amount_fen: int, paid_on: dt.date | None = None,
                fund_source: str | None = None) -> SubsidyPayment:
    fam = _get(session, MutualAidFamily, family_id, "互助家庭")
    if period_end < period_start:
        raise ValidationError("补贴期间：结束日期早于开始日期。", "Period ends before it starts.", field="period")
    if amount_fen <= 0:
        raise ValidationError("补贴金额：应大于0。", "Amount must be positive.", field="amount")
    return writes.create(session, actor, SubsidyPayment, family_id=fam.id, period_start=period_start,
                         period_end=period_end, amount_fen=amount_fen,
                         paid_on=_on(paid_on, "发放日期") if paid_on else None, fund_source=fund_source, note=None)


def quarterly_subsidy_fen(monthly_fen: int | None) -> int | None:
    """What a family is paid for a quarter at its monthly subsidy (the ledger's default
    line); None when it has no subsidy."""
    return monthly_fen * 3 if monthly_fen else None


def subsidy_total_fen(session: Session, family_id: str) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(SubsidyPayment.amount_fen), 0)).where(
        SubsidyPayment.family_id == family_id, SubsidyPayment.deleted.is_(False))) or 0)


# ---- third-party assessment ---------------------------------------------------------------

def record_assessment(session: Session, actor: Actor, recipient_id: str, *, agency: str, assessed_on: dt.date,
                      self_care: str, living_conditions: str | None = None, health_check: str | None = None,
                      evaluation: str | None = None, recommended_measures: str | None = None) -> ThirdPartyAssessment:
    """A third-party agency's assessment; the latest one sets the recipient's self-care ability."""
    r = get_recipient(session, recipient_id)
    check_choice(self_care, Ability, field="self_care", label="自理能力")
    on = _on(assessed_on, "评估日期")
    latest = session.scalar(select(func.max(ThirdPartyAssessment.assessed_on)).where(
        ThirdPartyAssessment.recipient_id == r.id, ThirdPartyAssessment.deleted.is_(False)))
    a = writes.create(session, actor, ThirdPartyAssessment, recipient_id=r.id,
                      agency=_required(agency, "agency", "评估机构"), assessed_on=on, self_care=self_care,
                      living_conditions=living_conditions, health_check=health_check, evaluation=evaluation,
                      recommended_measures=recommended_measures)
    if latest is None or on >= latest:
        writes.update(session, actor, r, self_care=self_care)
    return a


# ---- responsibilities ----------------------------------------------------------------------

def assign_responsibility(session: Session, actor: Actor, recipient_id: str, *, kind: str, person_name: str,
                          person_phone: str | None = None, person_role: str | None = None,
                          start: dt.date | None = None) -> Responsibility:
    r = get_recipient(session, recipient_id)
    check_choice(kind, ResponsibilityKind, field="kind", label="责任类别")
    start = start or dt.date.today()
    misfit = responsibility_misfit(kind, r.birth_date, start, self_care=r.self_care,
                                   disability_type=r.disability_type)
    if misfit is not None:
        raise ValidationError(f"责任类别：{misfit[0]}", misfit[1], field="kind")
    return writes.create(session, actor, Responsibility, recipient_id=r.id, kind=kind,
                         person_name=check_name(person_name, label="责任人"),
                         person_phone=normalize_phone(person_phone), person_role=person_role,
                         start_date=start, end_date=None, note=None)


# Who each responsibility is for (issue 14, point 8). Keeping in school (控辍保学) is for children of
# compulsory-school age (义务教育: from 6 until 16); family guardianship (家庭监护) for a ward in
# the Civil Code's sense (arts. 27–28): a minor, or an adult without full capacity — taken here as
# one who cannot look after themselves at all or has an intellectual or mental disability.
SCHOOL_AGE_FROM = 6
SCHOOL_AGE_UNTIL = 16
WARDS_UNDER = ADULT_AGE
INCAPACITY_DISABILITIES = (DisabilityType.intellectual.value, DisabilityType.mental.value)


def responsibility_misfit(kind: str, birth: dt.date, on: dt.date, *, self_care: str | None,
                          disability_type: str | None) -> tuple[str, str] | None:
    """Why a responsibility does not fit the person on its start date ((zh, en)), or None."""
    age = age_on(birth, on)
    if kind == ResponsibilityKind.school_retention and not SCHOOL_AGE_FROM <= age < SCHOOL_AGE_UNTIL:
        return (f"控辍保学只适用于义务教育学龄（{SCHOOL_AGE_FROM}至{SCHOOL_AGE_UNTIL - 1}周岁）的儿童，"
                f"此人在 {on.isoformat()} 为{age}周岁，请选择其他责任。",
                f"Keeping in school is for children aged {SCHOOL_AGE_FROM}-{SCHOOL_AGE_UNTIL - 1}; this person is {age}.")
    if kind == ResponsibilityKind.family_guardianship and age >= WARDS_UNDER \
            and self_care != Ability.none and disability_type not in INCAPACITY_DISABILITIES:
        return (f"家庭监护只适用于未成年人和无民事行为能力（不能自理，或智力、精神残疾）的成年人，"
                f"此人 {age} 周岁，请核对自理能力或选择其他责任（如强制报告）。",
                f"Family guardianship is for minors and adults without capacity; this person is {age}.")
    return None


def end_responsibility(session: Session, actor: Actor, responsibility_id: str, *, on: dt.date) -> None:
    resp = _get(session, Responsibility, responsibility_id, "关爱责任")
    if on < resp.start_date:
        raise ValidationError("结束日期：早于开始日期。", "Ends before it starts.", field="date")
    writes.update(session, actor, resp, end_date=on)


# ---- agreements -----------------------------------------------------------------------------

# The guardian an agreement of each kind names: the entrusted carer (never a parent, who is
# the one entrusting), the temporary guardian, the supporter.
GUARDIAN_KIND = {AgreementKind.entrusted_guardianship.value: GuardianKind.entrusted.value,
                 AgreementKind.temporary_guardianship.value: GuardianKind.temporary.value,
                 AgreementKind.family_support.value: GuardianKind.supporter.value}
PARENTS = frozenset({Relation.father.value, Relation.mother.value})


def guardian_for_kind(kind: str, guardians: list[tuple[str, str | None, str | None]]) -> str | None:
    """Of the recipient's current guardians (id, guardian kind, relation), in the order
    recorded, the one an agreement of the kind names: the first of the kind's guardian kind.
    The entrusted-guardianship confirmation takes nobody else (a parent recorded as guardian
    is the one who entrusts the child); the others fall back to the first who is not a
    parent, or none (a line to fill in by hand)."""
    want = GUARDIAN_KIND.get(kind)
    if want is None:
        return None
    for gid, gkind, relation in guardians:
        if gkind == want and relation not in PARENTS:
            return gid
    if kind == AgreementKind.entrusted_guardianship:
        return None
    return next((gid for gid, gkind, relation in guardians
                 if gkind != GuardianKind.parent and relation not in PARENTS), None)


def no_entrusted_carer(name: str) -> ValidationError:
    return ValidationError(
        f"受委托监护人：{name}还没有登记委托照护人。请先在“监护人”中添加一位类别为“委托监护人”的照护人"
        f"（如祖父母、其他亲属），外出务工的父母不能作为受委托监护人；再起草委托监护责任确认书。",
        f"{name} has no entrusted carer recorded: add a guardian of kind 'entrusted' (not a parent "
        f"who works away) first.", field="guardian")


# Agreement numbers: <village>-<year>-<seq>-<laptop tag>. Two laptops of one office draft
# offline from the same data and count the same sequence; the tag, four characters drawn
# from the laptop's own id (config.laptop_id, a random UUID kept outside the database),
# keeps their numbers apart. Numbers without a tag (before 0.9) stay as they were.
_TAG_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread


def laptop_tag(laptop_id: str) -> str:
    value = int(laptop_id.replace("-", "")[:5], 16)  # 20 bits: four base-32 characters
    return "".join(_TAG_ALPHABET[(value >> shift) & 31] for shift in (15, 10, 5, 0))


def next_agreement_number(session: Session, actor: Actor, village_code: str, year: int) -> str:
    prefix = f"{village_code}-{year}-"
    known = set(session.scalars(select(Agreement.number).where(Agreement.number.like(f"{prefix}%"))))
    seqs = [int(n[len(prefix):len(prefix) + 4]) for n in known if n[len(prefix):len(prefix) + 4].isdigit()]
    seq = max(seqs, default=0) + 1
    tag = laptop_tag(actor.laptop_id)
    while f"{prefix}{seq:04d}-{tag}" in known:
        seq += 1
    return f"{prefix}{seq:04d}-{tag}"


def draft_agreement(session: Session, actor: Actor, recipient_id: str, *, kind: str,
                    guardian_id: str | None = None, responsible_person_id: str | None = None,
                    term_start: dt.date | None = None, term_end: dt.date | None = None,
                    on: dt.date | None = None, backdated: bool = False) -> Agreement:
    """A new agreement, drafted on `on`. A term that starts before the drafting date is
    refused unless the director confirms it (`backdated`): a family signing today should
    not find itself bound since last year by mistake."""
    r = get_recipient(session, recipient_id)
    check_choice(kind, AgreementKind, field="kind", label="协议类别")
    on = _on(on, "起草日期")
    if kind == AgreementKind.entrusted_guardianship and Category.left_behind_child not in r.categories:
        raise ValidationError(f"协议类别：委托监护责任确认书只用于留守儿童，{r.name}不是留守儿童。",
                              "Entrusted guardianship is for left-behind children.", field="kind")
    if kind == AgreementKind.family_support and age_on(r.birth_date, on) < 60:
        raise ValidationError(f"协议类别：家庭赡养责任书用于老年人，{r.name}未满60周岁。",
                              "The family support pledge is for elders.", field="kind")
    if kind == AgreementKind.care_responsibility and not responsible_person_id:
        raise ValidationError("帮扶责任人：关爱帮扶责任书须选定帮扶责任人。",
                              "A care responsibility pledge names a responsible person.", field="person")
    if term_start is not None and term_start < on and not backdated:
        raise ValidationError(
            f"期限开始：{term_start.isoformat()} 早于起草日期 {on.isoformat()}。协议期限一般自签订之日起算；"
            f"确需从更早的日期起算（补签），请勾选“补签”确认（命令行加 --backdated）后再保存。",
            f"The term starts {term_start} before the drafting date {on}; confirm a back-dated term.",
            field="term_start")
    if term_start is not None and term_end is not None and term_end < term_start:
        raise ValidationError("期限截止：早于期限开始，请核对日期。", "The term ends before it starts.",
                              field="term_end")
    if guardian_id is not None:
        g = _get(session, Guardian, guardian_id, "监护人")
        if g.recipient_id != r.id:
            raise ValidationError(f"监护人：{g.name}不是{r.name}的监护人。", "Guardian of someone else.",
                                  field="guardian")
        if kind == AgreementKind.entrusted_guardianship and (
                g.kind != GuardianKind.entrusted or g.relation in PARENTS):
            raise ValidationError(
                f"受委托监护人：{g.name}（{LABELS.get(g.relation, (g.relation,))[0]}，"
                f"{LABELS.get(g.kind, (g.kind,))[0]}）不是委托照护人；"
                f"委托监护责任确认书须写明受父母委托照护儿童的人（监护人类别为“委托监护人”）。",
                f"{g.name} is not an entrusted carer.", field="guardian")
    elif kind == AgreementKind.entrusted_guardianship:
        raise no_entrusted_carer(r.name)
    if responsible_person_id is not None:
        _get(session, ResponsiblePerson, responsible_person_id, "帮扶责任人")
    return writes.create(session, actor, Agreement, recipient_id=r.id, kind=kind,
                         number=next_agreement_number(session, actor, r.village_code, on.year),
                         guardian_id=guardian_id, responsible_person_id=responsible_person_id,
                         status=AgreementStatus.drafted.value, term_start=term_start or on,
                         term_end=term_end, drafted_on=on)


def _agreement_step(session: Session, actor: Actor, agreement_id: str, allowed: tuple[str, ...],
                    what: str, **changes: Any) -> Agreement:
    a = _get(session, Agreement, agreement_id, "协议")
    if a.status not in allowed:
        raise ValidationError(f"协议 {a.number} 当前为“{AgreementStatus(a.status).zh}”，不能{what}。",
                              f"Agreement {a.number} is {a.status}; cannot {what}.", field="status")
    writes.update(session, actor, a, **changes)
    return a


def mark_printed(session: Session, actor: Actor, agreement_id: str, *, on: dt.date | None = None) -> Agreement:
    """Printing again keeps the first printing date: the 30-day unsigned warning runs from it."""
    a = _get(session, Agreement, agreement_id, "协议")
    first = a.printed_on or _on(on, "打印日期")
    return _agreement_step(session, actor, agreement_id, ("drafted", "printed"), "标记为已打印",
                           status=AgreementStatus.printed.value, printed_on=first)


def unmark_printed(session: Session, actor: Actor, agreement_id: str) -> Agreement:
    """Marked printed by mistake (the PDF never reached the printer): back to drafted, the
    printing date cleared. Only until it is signed; the change is audited like any other."""
    return _agreement_step(session, actor, agreement_id, ("printed",), "撤销“已打印”（只有已打印、未签订的可以撤销）",
                           status=AgreementStatus.drafted.value, printed_on=None)


def mark_signed(session: Session, actor: Actor, agreement_id: str, *, on: dt.date,
                scan_sha256: str | None = None) -> Agreement:
    a = _get(session, Agreement, agreement_id, "协议")
    if a.printed_on is not None and on < a.printed_on:
        raise ValidationError(f"签订日期：{on.isoformat()} 早于打印日期 {a.printed_on.isoformat()}，请核对。",
                              "Signed before it was printed.", field="date")
    return _agreement_step(session, actor, agreement_id, ("printed",), "标记为已签订（须先打印）",
                           status=AgreementStatus.signed.value, signed_on=_on(on, "签订日期"),
                           scan_sha256=scan_sha256)


def void_agreement(session: Session, actor: Actor, agreement_id: str, *, reason: str) -> Agreement:
    return _agreement_step(session, actor, agreement_id, ("drafted", "printed", "signed"), "作废",
                           status=AgreementStatus.void.value, void_reason=_required(reason, "reason", "作废原因"))


# ---- activities -----------------------------------------------------------------------------

def add_activity(session: Session, actor: Actor, *, kind: str, title: str, held_on: dt.date,
                 place: str | None = None, organizer: str | None = None) -> Activity:
    check_choice(kind, ActivityKind, field="kind", label="活动类别")
    return writes.create(session, actor, Activity, office_code=actor.office_code, kind=kind,
                         title=_required(title, "title", "活动名称"), held_on=_on(held_on, "活动日期"),
                         place=place, organizer=organizer, note=None)


def record_attendance(session: Session, actor: Actor, activity_id: str, recipient_ids: list[str]) -> int:
    """Who of the recipients attended; someone already recorded is not counted twice."""
    act = _get(session, Activity, activity_id, "活动")
    known = set(session.scalars(select(Attendance.recipient_id).where(
        Attendance.activity_id == act.id, Attendance.deleted.is_(False))))
    added = 0
    for rid in dict.fromkeys(recipient_ids):
        r = get_recipient(session, rid)
        if r.id not in known:
            writes.create(session, actor, Attendance, activity_id=act.id, recipient_id=r.id)
            added += 1
    return added
