"""The county's scoring rules for the semiannual assessment: data, not code (a synced table,
county policy like the care rules). Seeded the way app/care/offices.py seeds the four ones:
every office of a county writes the same records, byte for byte (the county's, stamped at the
plan's moment), so copies meet as one version and a change by the county is newer than all.

A rule is one line of the sheet (`auto`: scored from the half year's figures as points ×
rate; `manual`: scored by hand, at most `points`) or a grade's lowest total (`grade`, key
the AssessmentGrade code). The county changes a rule by ending it (valid_to) and adding one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, actor_for, this_office_code
from app.care.errors import NotFoundError, ValidationError
from app.care.offices import PLAN_IN_FORCE, insert_seeded
from app.care.periods import Span
from app.models import AssessmentRule
from app.models.codes import AssessmentGrade

# (key, Chinese name, kind, points): the lines of the sheet in order, then the grade lines.
SEEDED: tuple[tuple[str, str, str, int], ...] = (
    ("call_rate", "电话随访完成率", "auto", 15),
    ("visit_rate", "实地走访完成率", "auto", 15),
    ("wish_rate", "微心愿完成率", "auto", 10),
    ("aid_rate", "物资帮扶完成率", "auto", 10),
    ("agreements", "责任书（确认书）签订率", "auto", 10),
    ("responsibilities", "关爱责任落实率", "auto", 10),
    ("warnings", "预警情况处置", "auto", 10),
    ("rectification", "整改事项按期完成", "auto", 10),
    ("records", "台账资料规范完整", "manual", 5),
    ("activities", "关爱活动开展情况", "manual", 5),
    (AssessmentGrade.excellent.value, "优秀（总分不低于）", "grade", 90),
    (AssessmentGrade.good.value, "良好（总分不低于）", "grade", 80),
    (AssessmentGrade.passed.value, "合格（总分不低于）", "grade", 60),
)
AUTO_KEYS = frozenset(k for k, _n, kind, _p in SEEDED if kind == "auto")


@dataclass(frozen=True)
class RuleLine:
    id: str
    key: str
    name: str
    kind: str
    points: int
    valid_from: dt.date
    valid_to: dt.date | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "key": self.key, "name": self.name, "kind": self.kind, "points": self.points,
                "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat() if self.valid_to else None}


@dataclass(frozen=True)
class RuleSet:
    items: tuple[RuleLine, ...]  # the sheet's lines, in order
    grades: tuple[RuleLine, ...]  # highest threshold first

    @property
    def by_key(self) -> dict[str, RuleLine]:
        return {r.key: r for r in self.items}

    def grade(self, total: int) -> str:
        for g in self.grades:
            if total >= g.points:
                return g.key
        return AssessmentGrade.failed.value


def seed_assessment_rules(session: Session, actor: Actor) -> int:
    """Write the seeded rules this database lacks (as the care rules are: insert_seeded, the
    county's authorship and the plan's stamp). Returns how many were written."""
    return len(insert_seeded(session, actor, AssessmentRule, (
        (f"assessment-rule:{key}", {"key": key, "name": name, "kind": kind, "points": points, "position": position,
                                    "valid_from": PLAN_IN_FORCE, "valid_to": None})
        for position, (key, name, kind, points) in enumerate(SEEDED))))


def _all(session: Session) -> list[AssessmentRule]:
    return list(session.scalars(select(AssessmentRule).where(AssessmentRule.deleted.is_(False))
                                .order_by(AssessmentRule.position, AssessmentRule.valid_from)))


def ensure_rules(session: Session) -> None:
    """Seed the rules on first use (a database set up before migration 0013)."""
    if this_office_code(session) is None:
        return
    if session.scalars(select(AssessmentRule.id).limit(1)).first() is None:
        seed_assessment_rules(session, actor_for(session))


def rules_in_force(session: Session, span: Span) -> RuleSet:
    """The rules in force on the half year's last day."""
    ensure_rules(session)
    day = span.end
    live = [r for r in _all(session) if r.valid_from <= day and (r.valid_to is None or r.valid_to >= day)]
    lines = [RuleLine(r.id, r.key, r.name, r.kind, r.points, r.valid_from, r.valid_to) for r in live]
    return RuleSet(tuple(r for r in lines if r.kind != "grade"),
                   tuple(sorted((r for r in lines if r.kind == "grade"), key=lambda r: -r.points)))


def list_rules(session: Session) -> list[RuleLine]:
    ensure_rules(session)
    return [RuleLine(r.id, r.key, r.name, r.kind, r.points, r.valid_from, r.valid_to) for r in _all(session)]


@dataclass(frozen=True)
class RuleChange:
    """What the county changes in one line: its points (or a grade's lowest total), its name."""

    points: int | None = None
    name: str | None = None


GRADE_ORDER = (AssessmentGrade.excellent.value, AssessmentGrade.good.value, AssessmentGrade.passed.value)


def set_rules(session: Session, actor: Actor, changes: Mapping[str, RuleChange]) -> list[RuleLine]:
    """The county changes lines of the scoring rules in force, by key, in one transaction
    (each an audited write that travels down in the county's bundles). A draft scored again
    afterwards uses the new rules; a submitted sheet keeps the scores it was submitted with
    (they are stored in its items). Returns every rule afterwards."""
    if this_office_code(session) is None or len(actor.office_code) != 6:
        raise ValidationError("考核评分规则由县民政局制定，乡镇和村只能查看；县里的修改会随数据包下发。",
                              "Only the county changes the assessment rules; they arrive with its bundles.",
                              field="role")
    ensure_rules(session)
    today = dt.date.today()
    live = {r.key: r for r in _all(session) if r.valid_to is None or r.valid_to >= today}
    if not changes:
        raise ValidationError("评分规则：请给出要修改的分值（--points）或名称（--name）。",
                              "Give the new points (--points) or name (--name).", field="points")
    planned: dict[str, dict[str, object]] = {}
    for key, change in changes.items():
        rule = live.get(key)
        if rule is None:
            keys = "、".join(live)
            raise NotFoundError(f"找不到考核评分项“{key}”；现行的评分项有：{keys}。",
                                f"No assessment rule '{key}'; the rules in force are: {keys}.", field="key")
        fields: dict[str, object] = {}
        if change.points is not None:
            if not 0 <= change.points <= 100:
                raise ValidationError(f"评分项“{rule.name}”的分值应在 0 到 100 之间，现为 {change.points}。",
                                      f"Points of '{key}' must be 0 to 100, not {change.points}.", field="points")
            if change.points != rule.points:
                fields["points"] = change.points
        if change.name is not None:
            name = " ".join(change.name.split())
            if not name or len(name) > 100:
                raise ValidationError(f"评分项“{rule.name}”的名称不能为空，最多 100 字。",
                                      f"The name of '{key}' must be 1 to 100 characters.", field="name")
            if name != rule.name:
                fields["name"] = name
        if fields:
            planned[key] = fields
    def after(key: str) -> int:
        value = planned.get(key, {}).get("points")
        return value if isinstance(value, int) else live[key].points

    thresholds = {k: after(k) for k in GRADE_ORDER if k in live}
    ordered = [thresholds[k] for k in GRADE_ORDER if k in thresholds]
    if any(a <= b for a, b in zip(ordered, ordered[1:], strict=False)):
        raise ValidationError("等次分数线应从高到低：优秀高于良好，良好高于合格（现为 "
                              + "、".join(f"{live[k].name}{thresholds[k]}分" for k in GRADE_ORDER if k in thresholds)
                              + "）。", "Grade thresholds must fall: excellent > good > passed.", field="points")
    for key, fields in planned.items():
        writes.update(session, actor, live[key], set_by_office=actor.office_code, **fields)
    return list_rules(session)


def items_total(rules: list[RuleLine]) -> int:
    """What the sheet's lines in force are worth together (100 as the plan sets them)."""
    today = dt.date.today()
    return sum(r.points for r in rules if r.kind != "grade" and (r.valid_to is None or r.valid_to >= today))
