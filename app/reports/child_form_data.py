"""What the ministry's per-child form (农村留守儿童基本情况登记表, 民发〔2016〕42号) says about one
left-behind child, derived from the register, and the classes the summary table counts.

Every field comes from a stored record; where the register holds nothing for a field it is
None here and prints as "未登记" (never a guess). The rules, one per field:

* age: whole years on the last day of the period (the form says so);
* schooling (幼儿园/未入园/小学/初中/高中/中职/辍学/不在学): a recorded school-leaving
  handover (not a transfer, and no teacher pairing begun after it) gives 不在学 when the reason
  says the child finished (毕业) and 辍学 otherwise; else the stage is read from the school's
  name and class (小学, 初中 / 七年级, 高中, 职业 …); under 3 with no school is 未入园 (too young
  for kindergarten); a school whose stage cannot be read ("XX中学") or no school at all is
  未登记;
* health: 残疾 when a disability type or grade is recorded, 患病 when a major illness is,
  健康 when neither is (the survey asks for both);
* guardianship situation: from the father's and mother's household rows (works away, can act
  as guardian, and the notes as the reason one cannot);
* the entrusted carer: the entrusted or temporary guardian in force on the period's last day;
* the guardianship assessment: 差 when no carer is in force and no parent at home can guard
  (无人监护, the ministry's first case); otherwise the register holds no judgement and the boxes
  are left for the person filling the form;
* income sources: the register has none for children (未登记);
* assistance received: the period's material aid and fulfilled micro-wishes, and the assisting
  unit and teacher paired with the child on the period's last day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care.household import GuardianRow, guardian_row
from app.care.periods import Span
from app.care.schedule import AS_OF_SPANS, prepare_spans
from app.care.validation import age_on
from app.models import (
    AssistingUnit,
    CareRecord,
    Guardian,
    HouseholdMember,
    MicroWish,
    Pairing,
    Recipient,
    ResponsiblePerson,
    SchoolLeaveHandover,
    TeacherPairing,
)
from app.models.codes import LABELS
from app.reports.agreement_data import office_names

UNRECORDED = "未登记"

AGE_BANDS = (("0_5", "0–5岁", 0, 5), ("6_13", "6–13岁", 6, 13), ("14_15", "14–15岁", 14, 15))
SCHOOLING = {"kindergarten": "幼儿园", "not_enrolled": "未入园", "primary": "小学", "junior": "初中",
             "senior": "高中", "vocational": "中职", "dropped_out": "辍学", "out_of_school": "不在学"}
SITUATIONS = {"both_away": "父母均外出务工", "one_away_other_unable": "一方外出务工、另一方无监护能力"}
ASSESSMENTS = ("较好", "一般", "差")
HEALTH = ("健康", "残疾", "患病")

# (pattern, stage), the first that matches the class, then the school's name, wins
_STAGES = (
    (r"幼儿园|学前|幼儿班|大班|中班|小班", "kindergarten"),
    (r"中职|职业|职校|技工|技校|中专", "vocational"),
    (r"高中|高级中学|高[一二三]", "senior"),
    (r"初中|初级中学|初[一二三]|[七八九]年级", "junior"),
    (r"小学|[一二三四五六1-6]年级", "primary"),
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PROVINCES = (
    "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
    "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾",
    "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "北京", "天津", "上海", "重庆")
_PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?")
_CITY = re.compile(r"^(.+?(?:自治州|地区|市|盟|州(?!市)))")


@dataclass(frozen=True)
class Parent:
    relation: str  # father / mother
    name: str
    id_number: str | None
    phone: str | None
    works_away: bool
    province: str | None
    city: str | None
    can_guard: bool
    notes: str | None


@dataclass(frozen=True)
class Relative:
    name: str
    relation: str  # grandfather / grandmother
    phone: str | None
    note: str


@dataclass(frozen=True)
class Assistance:
    on: dt.date | None
    kind: str  # 物资帮扶 / 微心愿 / 结对帮扶 / 结对老师
    text: str


@dataclass(frozen=True)
class ChildRegistration:
    id: str
    span: Span
    village_code: str
    place: str  # county township village, by name
    name: str
    sex: str
    ethnicity: str | None
    birth_date: dt.date
    age: int
    id_number: str
    address: str | None
    phone: str | None
    status: str
    key_monitoring: bool
    school: str | None
    school_class: str | None
    schooling: str | None  # a key of SCHOOLING, None when unrecorded
    health: tuple[str, ...]  # of HEALTH
    health_detail: str | None
    grandparents: tuple[Relative, ...]
    father: Parent | None
    mother: Parent | None
    situation: str | None  # a key of SITUATIONS, "other" or None
    situation_text: str
    carer: GuardianRow | None
    assessment: str | None  # of ASSESSMENTS, None when the register cannot say
    assessment_reason: str | None
    income: str | None
    assistance: tuple[Assistance, ...]

    def texts(self) -> Iterator[tuple[str, str]]:
        """(whose, text) of everything printed from the database, to check the font has it."""
        yield "儿童", " ".join(x or "" for x in (self.name, self.ethnicity, self.address, self.school,
                                                  self.school_class, self.health_detail, self.place))
        for p in (self.father, self.mother):
            if p:
                yield zh(p.relation), " ".join(x or "" for x in (p.name, p.province, p.city, p.notes))
        for g in self.grandparents:
            yield zh(g.relation), g.name + g.note
        if self.carer:
            yield "委托照护人", " ".join(x or "" for x in (self.carer.name, self.carer.address))
        for a in self.assistance:
            yield a.kind, a.text


def zh(code: str | None) -> str:
    if not code:
        return ""
    return LABELS.get(code, (code,))[0]


# ---- the rules -----------------------------------------------------------------------------


def school_stage(school: str | None, school_class: str | None) -> str | None:
    for value in (school_class, school):
        if not value:
            continue
        for pattern, stage in _STAGES:
            if re.search(pattern, value):
                return stage
    return None


def schooling(age: int, school: str | None, school_class: str | None,
              left: SchoolLeaveHandover | None) -> str | None:
    if left is not None:
        return "out_of_school" if "毕业" in left.reason else "dropped_out"
    if school or school_class:
        return school_stage(school, school_class)
    return "not_enrolled" if age < 3 else None


def split_place(place: str | None) -> tuple[str | None, str | None]:
    """A work place as (province, city): "广东省东莞市" → ("广东省", "东莞市"), "上海市松江区" →
    ("上海市", "松江区"); text naming no province stays whole as the city."""
    text_ = (place or "").strip()
    if not text_:
        return None, None
    for m in _MUNICIPALITIES:
        if text_.startswith(m) or text_.startswith(m[:2]):
            rest = text_[len(m):] if text_.startswith(m) else text_[2:]
            return m, rest or m
    for p in sorted(_PROVINCES, key=len, reverse=True):
        if text_.startswith(p):
            suffix = _PROVINCE_SUFFIX.match(text_, len(p))
            end = suffix.end() if suffix else len(p)
            rest = text_[end:]
            city = _CITY.match(rest)
            if city:
                tail = rest[city.end():]
                return text_[:end], city[1] + (f"（{tail}）" if tail else "")
            return text_[:end], rest or None
    return None, text_


def situation(father: Parent | None, mother: Parent | None) -> tuple[str | None, str]:
    """The guardianship situation's key and its words on the form."""
    if father is None and mother is None:
        return None, "父母情况未登记"
    if father and mother and father.works_away and mother.works_away:
        return "both_away", SITUATIONS["both_away"]
    for away, other in ((father, mother), (mother, father)):
        if away is None or not away.works_away:
            continue
        who, whom = zh(away.relation)[:2], ("母亲" if away.relation == "father" else "父亲")
        if other is None:
            return None, f"{who}外出务工，{whom}情况未登记"
        if not other.can_guard:
            why = other.notes or "原因未登记"
            return "one_away_other_unable", f"{who}外出务工、{whom}无监护能力（{why}）"
        return "other", f"{who}外出务工、{whom}在家监护"
    return "other", "父母均未外出务工"


def assessment(carer: GuardianRow | None, father: Parent | None, mother: Parent | None) -> tuple[str | None, str | None]:
    parent_home = any(p and not p.works_away and p.can_guard for p in (father, mother))
    if carer is None and not parent_home:
        return "差", "无人监护：没有登记在家能监护的父母，也没有委托照护人"
    return None, None


def health(r: Recipient) -> tuple[tuple[str, ...], str | None]:
    kinds: list[str] = []
    detail: list[str] = []
    if r.disability_type or r.disability_grade:
        kinds.append("残疾")
        grade = f"{r.disability_grade}级" if r.disability_grade else ""
        detail.append(f"{zh(r.disability_type) or '残疾'}{grade}")
    if r.major_illness:
        kinds.append("患病")
        detail.append(r.major_illness)
    return (tuple(kinds) or ("健康",)), ("；".join(detail) or None)


# ---- reading the register ----------------------------------------------------------------


def _in_force(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    return (start is None or start <= on) and (end is None or end >= on)


def _parent(m: HouseholdMember) -> Parent:
    province, city = split_place(m.work_place) if m.works_away else (None, None)
    return Parent(m.relation, m.name, m.id_number, m.phone, m.works_away, province, city, m.can_guard, m.notes)


def _yuan(fen: int | None) -> str:
    return f"，价值{fen / 100:.2f}元" if fen else ""


def _assistance(session: Session, rid: str, span: Span) -> tuple[Assistance, ...]:
    out: list[Assistance] = []
    aid = session.scalars(select(CareRecord).where(
        CareRecord.recipient_id == rid, CareRecord.deleted.is_(False), CareRecord.kind == "material_aid",
        CareRecord.occurred_on.between(span.start, span.end)).order_by(CareRecord.occurred_on))
    for c in aid:
        what = c.items or c.note or "物资"
        out.append(Assistance(c.occurred_on, "物资帮扶", f"{what}{_yuan(c.value_fen)}" + (f"（{c.donor}）" if c.donor else "")))
    wishes = session.scalars(select(MicroWish).where(
        MicroWish.recipient_id == rid, MicroWish.deleted.is_(False), MicroWish.stage == "fulfilled",
        MicroWish.fulfilled_on.between(span.start, span.end)).order_by(MicroWish.fulfilled_on))
    for w in wishes:
        by = f"（{w.claimed_by}）" if w.claimed_by else ""
        out.append(Assistance(w.fulfilled_on, "微心愿", f"{w.description}：{w.fulfilled_with or '已实现'}{_yuan(w.value_fen)}{by}"))
    out.sort(key=lambda a: a.on or dt.date.min)
    q = (select(AssistingUnit.name, ResponsiblePerson.name, Pairing.start_date, Pairing.end_date)
         .join(AssistingUnit, AssistingUnit.id == Pairing.unit_id)
         .join(ResponsiblePerson, ResponsiblePerson.id == Pairing.responsible_person_id, isouter=True)
         .where(Pairing.recipient_id == rid, Pairing.deleted.is_(False)))
    for unit, person, start, end in session.execute(q):
        if _in_force(start, end, span.end):
            out.append(Assistance(start, "结对帮扶", f"{unit}" + (f" {person}" if person else "")))
    teachers = session.scalars(select(TeacherPairing).where(
        TeacherPairing.recipient_id == rid, TeacherPairing.deleted.is_(False)))
    for t in teachers:
        if _in_force(t.start_date, t.end_date, span.end):
            out.append(Assistance(t.start_date, "结对老师", f"{t.school or ''} {t.teacher_name}".strip()))
    return tuple(out)


def left_school(handovers: Sequence[SchoolLeaveHandover], teacher_starts: Sequence[dt.date | None],
                on: dt.date) -> SchoolLeaveHandover | None:
    """The school-leaving that stands on `on`: the latest by then that is not a transfer and
    after which no teacher pairing began (the child went back to school)."""
    past = [h for h in handovers if h.left_on <= on]
    if not past:
        return None
    left = max(past, key=lambda h: h.left_on)
    if "转学" in left.reason:
        return None
    back = any(s is not None and left.left_on < s <= on for s in teacher_starts)
    return None if back else left


def _left_school(session: Session, rid: str, on: dt.date) -> SchoolLeaveHandover | None:
    handovers = list(session.scalars(select(SchoolLeaveHandover).where(
        SchoolLeaveHandover.recipient_id == rid, SchoolLeaveHandover.deleted.is_(False))))
    starts = list(session.scalars(select(TeacherPairing.start_date).where(
        TeacherPairing.recipient_id == rid, TeacherPairing.deleted.is_(False))))
    return left_school(handovers, starts, on)


@dataclass(frozen=True)
class Classes:
    """What the summary table counts of one child."""

    village_code: str
    age: int
    situation: str | None
    schooling: str | None


def classify(session: Session, children: Sequence[Recipient], span: Span) -> list[Classes]:
    """The summary's classes of many children at once, by the same rules as the form."""
    ids = [r.id for r in children]
    members: dict[str, list[HouseholdMember]] = {}
    handovers: dict[str, list[SchoolLeaveHandover]] = {}
    starts: dict[str, list[dt.date | None]] = {}
    for part in _chunks(ids):
        for m in session.scalars(select(HouseholdMember).where(
                HouseholdMember.recipient_id.in_(part), HouseholdMember.deleted.is_(False),
                HouseholdMember.relation.in_(("father", "mother"))).order_by(HouseholdMember.hlc)):
            members.setdefault(m.recipient_id, []).append(m)
        for h in session.scalars(select(SchoolLeaveHandover).where(
                SchoolLeaveHandover.recipient_id.in_(part), SchoolLeaveHandover.deleted.is_(False))):
            handovers.setdefault(h.recipient_id, []).append(h)
        for rid, start in session.execute(select(TeacherPairing.recipient_id, TeacherPairing.start_date).where(
                TeacherPairing.recipient_id.in_(part), TeacherPairing.deleted.is_(False))):
            starts.setdefault(rid, []).append(start)
    out = []
    for r in children:
        rows = members.get(r.id, [])
        father = next((_parent(m) for m in rows if m.relation == "father"), None)
        mother = next((_parent(m) for m in rows if m.relation == "mother"), None)
        age = age_on(r.birth_date, span.end)
        left = left_school(handovers.get(r.id, []), starts.get(r.id, []), span.end)
        out.append(Classes(r.village_code, age, situation(father, mother)[0],
                           schooling(age, r.school, r.school_class, left)))
    return out


def registration(session: Session, r: Recipient, span: Span, names: dict[str, str] | None = None) -> ChildRegistration:
    on = span.end
    names = names if names is not None else office_names(session, [r.village_code])
    place = " ".join(n for n in (names.get(r.village_code[:6]), names.get(r.village_code[:9]),
                                 names.get(r.village_code)) if n)
    members = list(session.scalars(select(HouseholdMember).where(
        HouseholdMember.recipient_id == r.id, HouseholdMember.deleted.is_(False)).order_by(HouseholdMember.hlc)))
    guardians = list(session.scalars(select(Guardian).where(
        Guardian.recipient_id == r.id, Guardian.deleted.is_(False)).order_by(Guardian.hlc)))
    father = next((_parent(m) for m in members if m.relation == "father"), None)
    mother = next((_parent(m) for m in members if m.relation == "mother"), None)
    carers = [g for g in guardians if g.kind in ("entrusted", "temporary") and _in_force(g.start_date, g.end_date, on)]
    carers.sort(key=lambda g: (g.kind != "entrusted", -(g.start_date or dt.date.min).toordinal()))
    carer = guardian_row(carers[0]) if carers else None
    grand: dict[str, Relative] = {}
    for m in members:
        if m.relation in ("grandfather", "grandmother"):
            note = "外出务工" if m.works_away else ("在家，能监护" if m.can_guard else "在家，无监护能力")
            grand[m.name] = Relative(m.name, m.relation, m.phone, note + (f"；{m.notes}" if m.notes else ""))
    for g in guardians:
        if g.relation in ("grandfather", "grandmother") and g.name not in grand:
            is_carer = carer is not None and g.name == carer.name
            grand[g.name] = Relative(g.name, g.relation, g.phone, "委托照护人" if is_carer else zh(g.kind))
    age = age_on(r.birth_date, on)
    sit, sit_text = situation(father, mother)
    grade, reason = assessment(carer, father, mother)
    kinds, detail = health(r)
    return ChildRegistration(
        id=r.id, span=span, village_code=r.village_code, place=place, name=r.name, sex=r.sex,
        ethnicity=r.ethnicity, birth_date=r.birth_date, age=age, id_number=r.id_number, address=r.address,
        phone=r.phone, status=r.status, key_monitoring=r.key_monitoring, school=r.school,
        school_class=r.school_class,
        schooling=schooling(age, r.school, r.school_class, _left_school(session, r.id, on)),
        health=kinds, health_detail=detail, grandparents=tuple(grand.values()), father=father, mother=mother,
        situation=sit, situation_text=sit_text, carer=carer, assessment=grade, assessment_reason=reason,
        income=None, assistance=_assistance(session, r.id, span))


CHILD_SQL = text("recipients.categories LIKE '%,left_behind_child,%'")


def confirmed_children(session: Session, span: Span, prefix: str) -> list[Recipient]:
    """The left-behind children of the office confirmed on the period's last day (as the
    supervision figures count agreements), by village and name; any age."""
    prepare_spans(session)
    ids = [rid for (rid,) in session.execute(text(AS_OF_SPANS), {"end": span.end.isoformat()})]
    out: list[Recipient] = []
    for part in _chunks(ids):
        q = select(Recipient).where(Recipient.id.in_(part), Recipient.deleted.is_(False),
                                    Recipient.village_code.startswith(prefix), CHILD_SQL)
        out.extend(session.scalars(q))
    return sorted(out, key=lambda r: (r.village_code, r.name_pinyin, r.id))


def children_in_period(session: Session, span: Span, prefix: str) -> tuple[list[Recipient], int]:
    """The children the forms count (confirmed on the period's last day and under 16 then),
    and how many confirmed ones are 16 or older then and so not counted (to exit)."""
    everyone = confirmed_children(session, span, prefix)
    young = [r for r in everyone if age_on(r.birth_date, span.end) < 16]
    return young, len(everyone) - len(young)


def _chunks(ids: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]
