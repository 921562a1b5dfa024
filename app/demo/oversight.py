"""The demo's supervision and assessment (issue 13, point 8): at a township or county, a
visit to every village in each of the last quarters with findings and rectification items
(most closed, some late, some still open past their deadline), and the last half year's
assessment of every village, most submitted (so their half year is locked).

Written through the batch door (app.care.bulk.BatchWriter): stamped, audited and logged like
any write, in the demo's one transaction. The figures are computed once per quarter for the
whole office, not once per village."""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.care.bulk import BatchWriter
from app.care.context import Actor, this_office
from app.care.periods import period_of
from app.care.schedule import compliance
from app.demo.village import RECENT_QUARTERS
from app.models import (
    AssessmentItem,
    Office,
    PeriodLock,
    RectificationItem,
    SemiannualAssessment,
    SupervisionVisit,
)
from app.models.codes import OfficeLevel
from app.oversight.assessment import half_year_rates
from app.oversight.assessment_rules import rules_in_force

SUPERVISORS = ("李建华", "王丽萍", "张国强", "陈秀兰", "杨志明", "刘晓燕")
FINDINGS = ("部分走访记录缺少照片", "两名重点监护对象本月电话随访未接通后未再联系", "委托监护确认书未按时签订",
            "微心愿认领后长期未兑现", "台账填写不规范，部分记录缺少记录人", "物资帮扶发放未登记价值")
ITEMS = ("补齐走访照片并上传", "一周内完成重点监护对象电话回访", "组织签订委托监护确认书",
         "督促认领单位兑现微心愿", "规范台账填写，补录记录人", "补登物资帮扶价值和来源")
QUARTERS = RECENT_QUARTERS  # the current quarter and the two before it


def add_oversight(conn: Connection, actor: Actor, today: dt.date, seed: int) -> dict[str, int]:
    with Session(bind=conn) as s:
        office = this_office(s)
        if office.level == OfficeLevel.village:
            return {}
        villages = [(o.code, o.name) for o in s.query(Office).filter(
            Office.deleted.is_(False), Office.level == OfficeLevel.village.value,
            Office.code.like(f"{office.code}%")).order_by(Office.code)]
        rng = random.Random(f"oversight:{seed}")
        batch = BatchWriter(s, actor)
        counts = {"supervision_visits": 0, "rectification_items": 0, "semiannual_assessments": 0, "period_locks": 0}
        span = period_of(today, "quarter")
        quarters = []
        for _ in range(QUARTERS):
            quarters.append(span)
            span = period_of(span.start - dt.timedelta(days=1), "quarter")
        for q in quarters:
            figures = {f.code: f.to_json() for f in compliance(s, q, office.code)}
            last = min(q.end, today - dt.timedelta(days=1))
            for code, _name in villages:
                if rng.random() < 0.08:  # a village not visited this quarter: a finding for the county
                    continue
                day = q.start + dt.timedelta(days=rng.randrange(max(1, (last - q.start).days + 1)))
                found = rng.sample(range(len(FINDINGS)), rng.randrange(0, 3))
                visit = batch.create(SupervisionVisit, village_code=code, period=q.label, visited_on=day,
                                     supervisor="、".join(rng.sample(SUPERVISORS, 2)),
                                     findings="\n".join(FINDINGS[i] for i in found) or None,
                                     checked="台账、走访照片、协议签订、责任落实、预警处置",
                                     figures_json=json.dumps(figures.get(code, {}), ensure_ascii=False, sort_keys=True))
                counts["supervision_visits"] += 1
                for i in found:
                    deadline = day + dt.timedelta(days=rng.choice((15, 30, 30, 45)))
                    fate = rng.random()
                    closed = None
                    if deadline < today and fate < 0.75:
                        closed = min(today, deadline - dt.timedelta(days=rng.randrange(0, 10)))
                    elif deadline < today and fate < 0.85:
                        closed = min(today, deadline + dt.timedelta(days=rng.randrange(1, 20)))
                    elif deadline >= today and fate < 0.3:
                        closed = max(day, today - dt.timedelta(days=rng.randrange(0, 5)))
                    batch.create(RectificationItem, visit_id=visit.id, village_code=code, text=ITEMS[i],
                                 deadline=deadline, person=f"{code[-3:]}村福利主任",
                                 status="done" if closed else "open", closed_on=closed,
                                 close_note="已按要求整改，照片已上传" if closed else None,
                                 closed_by=f"{code[-3:]}村福利主任" if closed else None)
                    counts["rectification_items"] += 1
        batch.write()  # the items count in the assessment's figures
        half = period_of(period_of(today, "half_year").start - dt.timedelta(days=1), "half_year")
        rules = rules_in_force(s, half)
        rates = half_year_rates(s, half, office.code)
        assessed = min(today, half.end + dt.timedelta(days=20))
        for code, _name in villages:
            r = rates.get(code, {})
            values = []
            for rule in rules.items:
                if rule.kind == "auto":
                    rate = r.get(rule.key, 1.0)
                    values.append((rule.key, round(rule.points * rate), rule.points, False, f"{rate:.0%}"))
                else:
                    score = rng.randrange(max(0, rule.points - 2), rule.points + 1)
                    values.append((rule.key, score, rule.points, True, "台账基本齐全" if score < rule.points else "规范完整"))
            total = sum(v[1] for v in values)
            submitted = rng.random() < 0.7
            sheet = batch.create(SemiannualAssessment, village_code=code, period=half.label, assessed_on=assessed,
                                 assessor=rng.choice(SUPERVISORS), score=total, grade=rules.grade(total),
                                 figures_json=json.dumps({k: round(v, 4) for k, v in r.items()}, sort_keys=True),
                                 status="submitted" if submitted else "draft",
                                 submitted_on=assessed if submitted else None)
            counts["semiannual_assessments"] += 1
            for key, score, top, manual, note in values:
                batch.create(AssessmentItem, assessment_id=sheet.id, village_code=code, key=key, score=score,
                             max_score=top, manual=manual, note=note)
            if submitted:
                batch.create(PeriodLock, village_code=code, period=half.label, start_date=half.start,
                             end_date=half.end, assessment_id=sheet.id, locked_on=assessed,
                             locked_by=sheet.values["assessor"], locked_by_office=office.code)
                counts["period_locks"] += 1
        batch.write()
        s.flush()
    return counts
