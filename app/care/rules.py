"""The care rules as county policy: listing them, and the county changing a frequency or the
window in force (a data change that travels down to the villages with the sync)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, SetupError, ValidationError
from app.care.validation import check_choice
from app.models import CareRule
from app.models.codes import OfficeLevel, Period


@dataclass(frozen=True)
class RuleView:
    id: str
    name: str
    kind: str
    category: str | None
    key_monitoring: bool | None
    period: str
    count_per_period: int
    valid_from: dt.date
    valid_to: dt.date | None
    set_by_office: str

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["valid_from"] = self.valid_from.isoformat()
        d["valid_to"] = self.valid_to.isoformat() if self.valid_to else None
        return d


def list_rules(session: Session) -> list[RuleView]:
    rows = session.scalars(select(CareRule).where(CareRule.deleted.is_(False)).order_by(CareRule.kind, CareRule.name))
    return [RuleView(r.id, r.name, r.kind, r.category, r.key_monitoring, r.period, r.count_per_period,
                     r.valid_from, r.valid_to, r.set_by_office) for r in rows]


def change_rule(session: Session, actor: Actor, rule_id: str, *, count: int | None = None,
                period: str | None = None, valid_from: dt.date | None = None,
                valid_to: dt.date | None = None, clear_valid_to: bool = False) -> dict[str, list[Any]]:
    """Only the county sets care rules; a village or township receives them.

    A new frequency (count or period) takes effect from `valid_from` (default today) without
    rewriting the past: the rule in force is ended the day before and a new rule starts, so
    earlier periods are still counted as they were owed. Only when the change takes effect
    from the rule's own start is the rule edited in place. Moving the window edits in place.
    """
    if this_office(session).level != OfficeLevel.county:
        raise SetupError("关爱规则由县民政局制定，乡镇和村只能查看；规则的变化会随数据包下发。",
                         "Care rules are set by the county; they arrive with its bundles.")
    rule = session.get(CareRule, rule_id)
    if rule is None or rule.deleted:
        raise NotFoundError(f"找不到规则 {rule_id}。", f"No rule {rule_id}.", field="id")
    frequency: dict[str, Any] = {}
    if count is not None:
        if not 1 <= count <= 31:
            raise ValidationError("次数：每期应为1到31次。", "Count must be 1 to 31.", field="count")
        frequency["count_per_period"] = count
    if period is not None:
        frequency["period"] = check_choice(period, Period, field="period", label="周期")
    window: dict[str, Any] = {}
    if clear_valid_to:
        window["valid_to"] = None
    elif valid_to is not None:
        window["valid_to"] = valid_to
    effective = valid_from or (dt.date.today() if frequency else rule.valid_from)
    end = window.get("valid_to", rule.valid_to)
    if end is not None and end < effective:
        raise ValidationError("执行期：结束日期早于开始日期。", "The window ends before it starts.", field="valid_to")
    if frequency and effective > rule.valid_from:
        if rule.valid_to is not None and effective > rule.valid_to:
            raise ValidationError("生效日期：晚于这条规则的执行期。", "Takes effect after the rule ends.",
                                  field="valid_from")
        writes.update(session, actor, rule, valid_to=effective - dt.timedelta(days=1))
        new = writes.create(session, actor, CareRule, name=rule.name, kind=rule.kind, category=rule.category,
                            key_monitoring=rule.key_monitoring, applies_to_status=rule.applies_to_status,
                            period=frequency.get("period", rule.period),
                            count_per_period=frequency.get("count_per_period", rule.count_per_period),
                            valid_from=effective, valid_to=end, set_by_office=actor.office_code)
        return {"new_rule": [None, new.id], "valid_to": [None, (effective - dt.timedelta(days=1)).isoformat()],
                **{k: [getattr(rule, k), v] for k, v in frequency.items()}}
    changes = {**frequency, **window, "set_by_office": actor.office_code}
    if valid_from is not None:
        changes["valid_from"] = valid_from
    return writes.update(session, actor, rule, **changes)
