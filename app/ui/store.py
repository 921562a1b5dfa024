"""The app's door to the service layer: each method opens one Session for one action and
hands back plain values (STYLE.md habit 4). Widgets call these through Background, never a
Session themselves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from app.care.context import this_office_code
from app.care.offices import OfficeView, init_office, office_view
from app.care.recipients import RecipientSummary, count_recipients, roster_ids, rows_by_id
from app.db import open_database, unit_of_work
from app.demo.generate import DemoResult, generate_demo


@dataclass(frozen=True)
class RosterFilter:
    search: str = ""
    category: str | None = None
    status: str | None = None
    sort: str = "name"
    descending: bool = False

    def query_args(self) -> dict[str, Any]:
        return {"search": self.search or None, "category": self.category, "status": self.status}


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str | None) -> Store:
        return cls(open_database(target))

    def office(self) -> OfficeView | None:
        with unit_of_work(self.engine) as s:
            code = this_office_code(s)
            return office_view(s, code) if code else None

    def set_up_office(self, *, role: str, code: str, name: str, parent: str | None) -> OfficeView:
        with unit_of_work(self.engine) as s:
            return init_office(s, role=role, code=code, name=name, parent=parent or None)

    def fill_demo(self, scale: str = "village", today: dt.date | None = None) -> DemoResult:
        return generate_demo(self.engine, scale=scale, today=today)

    def roster_ids(self, f: RosterFilter) -> list[str]:
        with unit_of_work(self.engine) as s:
            return roster_ids(s, sort=f.sort, descending=f.descending, **f.query_args())

    def roster_rows(self, ids: list[str]) -> dict[str, RecipientSummary]:
        with unit_of_work(self.engine) as s:
            return rows_by_id(s, ids)

    def roster_total(self) -> int:
        with unit_of_work(self.engine) as s:
            return count_recipients(s)

    def close(self) -> None:
        self.engine.dispose()
