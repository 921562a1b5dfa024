"""The semiannual assessment (每半年一考核, issue 13 point 3): for each village and half year a
score sheet — items scored from the half year's figures, items scored by hand with a note —
with a total and a grade, by the county's scoring rules (app/oversight/assessment_rules.py).

Draft → submitted. Submitting locks the village's records dated in the half year (a
PeriodLock row; the rule itself is app/care/locks.py, in the write path); only the county
unlocks, with a reason, and the sheet may then be scored and submitted again. Every step is
a write through app.care.writes, so it is audited and travels.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, ValidationError
from app.care.periods import Span, parse_period
from app.care.schedule import compliance
from app.care.warnings import warnings_for
from app.models import AssessmentItem, Office, PeriodLock, RectificationItem, SemiannualAssessment
from app.models.codes import AssessmentStatus, OfficeLevel, RectificationStatus
from app.oversight.assessment_rules import RuleSet, rules_in_force
from app.oversight.common import above_village, person, village_of

UNLOCKED = "unlocked"  # a submitted sheet whose lock the county lifted: open to scoring again
DEALT_WITH_EXCLUDES = frozenset({"turns_16"})  # a notice, not something a village fails to deal with


@dataclass(frozen=True)
class ScoreLine:
    key: str
    name: str
    score: int
    max_score: int
    manual: bool
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "score": self.score, "max": self.max_score,
                "manual": self.manual, "note": self.note}


@dataclass(frozen=True)
class SheetView:
    id: str | None
    village_code: str
    village_name: str
    period: str
    status: str  # none | draft | submitted | unlocked
    items: tuple[ScoreLine, ...]
    total: int | None
    grade: str | None
    assessed_on: dt.date | None
    assessor: str | None
    submitted_on: dt.date | None
    locked_by: str | None = None
    unlock_reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.village_code, "name": self.village_name, "period": self.period,
                "status": self.status, "items": [i.to_json() for i in self.items], "total": self.total,
                "grade": self.grade, "assessed_on": self.assessed_on.isoformat() if self.assessed_on else None,
                "assessor": self.assessor,
                "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
                "locked_by": self.locked_by, "unlock_reason": self.unlock_reason}


def half_year(period: str) -> Span:
    span = parse_period(period)
    if span.kind != "half_year":
        raise ValidationError(f"考核期间应为半年，如 2026-H1 或 2026-H2，现为“{period}”。",
                              f"An assessment period is a half year (2026-H1, 2026-H2), not '{period}'.",
                              field="period")
    return span


# ---- the automatic items -----------------------------------------------------------------


def _rate(done: int, owed: int) -> float:
    return 1.0 if owed <= 0 else max(0.0, min(1.0, done / owed))


def half_year_rates(session: Session, span: Span, prefix: str) -> dict[str, dict[str, float]]:
    """Per village under `prefix`: each automatic item's rate (0–1) for the half year."""
    figures = {f.code: f for f in compliance(session, span, prefix) if len(f.code) == 12}
    warned: dict[str, set[str]] = {}
    for w in warnings_for(session, min(span.end, dt.date.today())):
        if w.kind not in DEALT_WITH_EXCLUDES and w.village_code.startswith(prefix):
            warned.setdefault(w.village_code, set()).add(w.recipient_id)
    items: dict[str, tuple[int, int]] = {}
    for it in session.scalars(select(RectificationItem).where(
            RectificationItem.deleted.is_(False), RectificationItem.village_code.like(f"{prefix}%"),
            RectificationItem.deadline >= span.start, RectificationItem.deadline <= span.end)):
        on_time = it.status == RectificationStatus.done and it.closed_on is not None and it.closed_on <= it.deadline
        done, owed = items.get(it.village_code, (0, 0))
        items[it.village_code] = (done + on_time, owed + 1)
    out: dict[str, dict[str, float]] = {}
    for code, f in figures.items():
        rates = {f"{k}_rate": _rate(v["done"], v["owed"]) for k, v in f.four_ones.items()}
        rates["agreements"] = _rate(f.agreements["signed"], f.agreements["needed"])
        rates["responsibilities"] = _rate(f.responsibilities["assigned"], f.responsibilities["needed"])
        rates["warnings"] = _rate(f.recipients - len(warned.get(code, ())), f.recipients)
        rates["rectification"] = _rate(*items.get(code, (0, 0)))
        out[code] = rates
    return out


# ---- reading --------------------------------------------------------------------------------


def _sheet(session: Session, village: str, period: str) -> SemiannualAssessment | None:
    return session.scalars(select(SemiannualAssessment).where(
        SemiannualAssessment.deleted.is_(False), SemiannualAssessment.village_code == village,
        SemiannualAssessment.period == period).order_by(SemiannualAssessment.hlc.desc())).first()


def _locks(session: Session, village: str, period: str) -> list[PeriodLock]:
    return list(session.scalars(select(PeriodLock).where(
        PeriodLock.deleted.is_(False), PeriodLock.village_code == village, PeriodLock.period == period)
        .order_by(PeriodLock.locked_on, PeriodLock.id)))


def active_lock(session: Session, village: str, period: str) -> PeriodLock | None:
    return next((lk for lk in _locks(session, village, period) if lk.unlocked_on is None), None)


def _view(session: Session, rules: RuleSet, village: Office, period: str,
          sheet: SemiannualAssessment | None, items: Sequence[AssessmentItem],
          locks: Sequence[PeriodLock]) -> SheetView:
    if sheet is None:
        return SheetView(None, village.code, village.name, period, "none", (), None, None, None, None, None)
    by_key = {i.key: i for i in items}
    lines = tuple(ScoreLine(r.key, r.name, by_key[r.key].score, by_key[r.key].max_score, by_key[r.key].manual,
                            by_key[r.key].note) for r in rules.items if r.key in by_key)
    lines += tuple(ScoreLine(i.key, i.key, i.score, i.max_score, i.manual, i.note)
                   for i in items if i.key not in {r.key for r in rules.items})
    status = sheet.status
    active = next((lk for lk in locks if lk.unlocked_on is None), None)
    last = locks[-1] if locks else None
    if status == AssessmentStatus.submitted and active is None and last is not None:
        status = UNLOCKED
    who = active or last
    return SheetView(sheet.id, village.code, village.name, period, status, lines, sheet.score, sheet.grade,
                     sheet.assessed_on, sheet.assessor, sheet.submitted_on,
                     f"{who.locked_by_office}（{who.locked_by}）" if who else None,
                     last.unlock_reason if last is not None and active is None else None)


def get_sheet(session: Session, village: str, period: str) -> SheetView:
    span = half_year(period)
    office = this_office(session)
    target = village_of(session, office, village) if office.level != OfficeLevel.village else office
    sheet = _sheet(session, target.code, span.label)
    items = _items(session, sheet.id) if sheet else []
    return _view(session, rules_in_force(session, span), target, span.label, sheet, items,
                 _locks(session, target.code, span.label))


def _items(session: Session, assessment_id: str) -> list[AssessmentItem]:
    return list(session.scalars(select(AssessmentItem).where(
        AssessmentItem.assessment_id == assessment_id, AssessmentItem.deleted.is_(False))))


def list_sheets(session: Session, period: str) -> list[SheetView]:
    """Every village of this office's area for the half year, assessed or not, by code."""
    span = half_year(period)
    office = this_office(session)
    rules = rules_in_force(session, span)
    villages = session.scalars(select(Office).where(
        Office.deleted.is_(False), Office.level == OfficeLevel.village.value,
        Office.code.like(f"{office.code}%")).order_by(Office.code)).all()
    sheets = {s.village_code: s for s in session.scalars(select(SemiannualAssessment).where(
        SemiannualAssessment.deleted.is_(False), SemiannualAssessment.period == span.label,
        SemiannualAssessment.village_code.like(f"{office.code}%")).order_by(SemiannualAssessment.hlc))}
    items: dict[str, list[AssessmentItem]] = {}
    ids = [s.id for s in sheets.values()]
    for chunk in range(0, len(ids), 500):
        for it in session.scalars(select(AssessmentItem).where(
                AssessmentItem.deleted.is_(False), AssessmentItem.assessment_id.in_(ids[chunk:chunk + 500]))):
            items.setdefault(it.assessment_id, []).append(it)
    locks: dict[str, list[PeriodLock]] = {}
    for lk in session.scalars(select(PeriodLock).where(
            PeriodLock.deleted.is_(False), PeriodLock.period == span.label,
            PeriodLock.village_code.like(f"{office.code}%")).order_by(PeriodLock.locked_on, PeriodLock.id)):
        locks.setdefault(lk.village_code, []).append(lk)
    out = []
    for v in villages:
        s = sheets.get(v.code)
        out.append(_view(session, rules, v, span.label, s, items.get(s.id, []) if s else [], locks.get(v.code, [])))
    return out


# ---- writing --------------------------------------------------------------------------------


def parse_manual(specs: Sequence[str]) -> dict[str, tuple[int, str | None]]:
    """`KEY=SCORE[:NOTE]` arguments as {key: (score, note)}."""
    out: dict[str, tuple[int, str | None]] = {}
    for spec in specs:
        key, eq, rest = spec.partition("=")
        score, _colon, note = rest.partition(":")
        try:
            value = int(score.strip())
        except ValueError:
            value = -1
        if not eq or not key.strip() or value < 0:
            raise ValidationError(f"评分项应写成 项目=分数[:说明]，如 records=4:台账齐全；现为“{spec}”。",
                                  f"Write an item as KEY=SCORE[:NOTE], e.g. records=4:complete; got '{spec}'.",
                                  field="item")
        out[key.strip()] = (value, note.strip() or None)
    return out


def score(session: Session, actor: Actor, *, village: str, period: str,
          manual: Mapping[str, tuple[int, str | None]] | None = None, on: dt.date | None = None,
          assessor: str | None = None) -> SheetView:
    """Score (or score again) the village's sheet for the half year: the automatic items
    from the figures, the manual ones from `manual` (kept from the last scoring when not
    given). Refused while the sheet is submitted and locked."""
    on = on or dt.date.today()
    span = half_year(period)
    office = above_village(session, "考核", "An assessment")
    target = village_of(session, office, village)
    rules = rules_in_force(session, span)
    manual = dict(manual or {})
    for key, (value, _note) in manual.items():
        rule = rules.by_key.get(key)
        if rule is None or rule.kind != "manual":
            keys = "、".join(r.key for r in rules.items if r.kind == "manual")
            raise ValidationError(f"评分项“{key}”不是人工评分项；人工评分项有：{keys}。",
                                  f"'{key}' is not an item scored by hand; those are: {keys}.", field="item")
        if value > rule.points:
            raise ValidationError(f"评分项“{rule.name}”最高 {rule.points} 分，不能给 {value} 分。",
                                  f"Item '{key}' is worth at most {rule.points}.", field="item")
    sheet = _sheet(session, target.code, span.label)
    if sheet is not None and active_lock(session, target.code, span.label) is not None:
        raise ValidationError(
            f"{target.name}{span.label}的考核已提交并锁定，不能再评分；如需修改，请县民政局解锁。",
            f"The {span.label} assessment of {target.code} is submitted and locked; the county must unlock it.",
            field="period")
    rates = half_year_rates(session, span, target.code).get(target.code, {})
    existing = {i.key: i for i in _items(session, sheet.id)} if sheet else {}
    values: dict[str, tuple[int, int, bool, str | None]] = {}
    for r in rules.items:
        if r.kind == "auto":
            rate = rates.get(r.key, 1.0)
            values[r.key] = (round(r.points * rate), r.points, False, f"{rate:.0%}")
        elif r.key in manual:
            values[r.key] = (manual[r.key][0], r.points, True, manual[r.key][1])
        elif r.key in existing:
            values[r.key] = (existing[r.key].score, r.points, True, existing[r.key].note)
        else:
            values[r.key] = (0, r.points, True, None)
    total = sum(v[0] for v in values.values())
    grade = rules.grade(total)
    who = (assessor or person(session, actor) or office.name)[:50]
    fields = {"assessed_on": on, "assessor": who, "score": total, "grade": grade,
              "figures_json": json.dumps({k: round(v, 4) for k, v in rates.items()}, sort_keys=True),
              "status": AssessmentStatus.draft.value, "submitted_on": None}
    if sheet is None:
        sheet = writes.create(session, actor, SemiannualAssessment, village_code=target.code, period=span.label,
                              **fields)
    else:
        writes.update(session, actor, sheet, **fields)
    for key, (value, top, is_manual, note) in values.items():
        item = existing.get(key)
        if item is None:
            writes.create(session, actor, AssessmentItem, assessment_id=sheet.id, village_code=target.code, key=key,
                          score=value, max_score=top, manual=is_manual, note=note)
        else:
            writes.update(session, actor, item, score=value, max_score=top, manual=is_manual, note=note)
    return get_sheet(session, target.code, span.label)


def submit(session: Session, actor: Actor, *, village: str, period: str, on: dt.date | None = None) -> SheetView:
    """Submit the sheet: it becomes the evidence of the score, and the village's records
    dated in the half year are locked until the county unlocks them."""
    on = on or dt.date.today()
    span = half_year(period)
    office = above_village(session, "考核", "An assessment")
    target = village_of(session, office, village)
    sheet = _sheet(session, target.code, span.label)
    if sheet is None:
        raise NotFoundError(f"{target.name}{span.label}尚未评分，请先评分再提交。",
                            f"Score {target.code} for {span.label} before submitting.", field="period")
    if active_lock(session, target.code, span.label) is not None:
        raise ValidationError(f"{target.name}{span.label}的考核已提交。",
                              f"The {span.label} assessment of {target.code} is already submitted.", field="period")
    writes.update(session, actor, sheet, status=AssessmentStatus.submitted.value, submitted_on=on)
    writes.create(session, actor, PeriodLock, village_code=target.code, period=span.label, start_date=span.start,
                  end_date=span.end, assessment_id=sheet.id, locked_on=on,
                  locked_by=(person(session, actor) or office.name)[:50], locked_by_office=office.code)
    return get_sheet(session, target.code, span.label)


def unlock(session: Session, actor: Actor, *, village: str, period: str, reason: str,
           on: dt.date | None = None) -> SheetView:
    """The county reopens a submitted half year, with a reason (audited; travels down)."""
    on = on or dt.date.today()
    span = half_year(period)
    office = this_office(session)
    if office.level != OfficeLevel.county:
        raise ValidationError("解锁：只有县民政局可以解锁已提交的考核期间。",
                              "Only the county may unlock a submitted half year.", field="role")
    target = village_of(session, office, village)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("解锁：请写明解锁原因。", "Give the reason for unlocking (--reason).", field="reason")
    lock = active_lock(session, target.code, span.label)
    if lock is None:
        raise NotFoundError(f"{target.name}{span.label}没有锁定。",
                            f"{span.label} of {target.code} is not locked.", field="period")
    writes.update(session, actor, lock, unlocked_on=on, unlocked_by=(person(session, actor) or office.name)[:50],
                  unlocked_by_office=office.code, unlock_reason=reason)
    from app.sync.merge import release_unlocked

    release_unlocked(session, actor)  # records a bundle brought into the locked half year, held till now
    return get_sheet(session, target.code, span.label)
