"""`guanai status`: the four-ones compliance of a period for this office's villages (and, at
township and county level, per township too)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import parse_period
from app.care.schedule import by_township, compliance
from app.models.codes import OfficeLevel


def status_report(session: Session, period: str) -> dict[str, Any]:
    span = parse_period(period)
    office = this_office(session)
    villages = compliance(session, span, office.code)
    report: dict[str, Any] = {"period": span.label, "start": span.start.isoformat(),
                              "end": span.end.isoformat(), "office": office.code,
                              "villages": [v.to_json() for v in villages]}
    if office.level != OfficeLevel.village:
        names: dict[str, str] = dict(session.execute(
            text("SELECT code, name FROM offices WHERE deleted = FALSE")).all())
        report["townships"] = [t.to_json() for t in by_township(villages, names)]
    return report
