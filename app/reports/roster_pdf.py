"""The village roster (关爱对象花名册) as a printable PDF: A4 landscape, one row per
recipient in care (those who left or were not confirmed are not on it), the header row
repeated on every page, page numbers, village by village. ID numbers are masked, as on
screen: the roster goes to assisting units (DOMAIN.md, sensitive data)."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.errors import ServiceError
from app.care.validation import age_on, mask_id_number
from app.models import Guardian, Office, Recipient
from app.models.codes import Status
from app.reports import fonts
from app.reports.agreement_data import office_names
from app.reports.pdf_common import (
    TABLE_MARGINS,
    DocStart,
    build_pdf,
    cn_date,
    footer_always,
    styles,
    write_safely,
    zh,
)

PAGE = landscape(A4)
ON_ROSTER = (Status.surveyed, Status.reported, Status.reviewed, Status.confirmed)
HEADERS = ("序号", "姓名", "性别", "年龄", "身份证号", "关爱类别", "重点\n监护", "自理能力",
           "联系电话", "家庭住址", "监护人/赡养人\n及电话", "状态")
WIDTHS_MM = (11, 20, 10, 10, 36, 38, 12, 17, 25, 50, 36, 14)


@dataclass(frozen=True)
class RosterRow:
    name: str
    sex: str
    age: int
    id_masked: str
    categories: str
    key_monitoring: bool
    self_care: str
    phone: str
    address: str
    guardian: str
    status: str


def roster_rows(session: Session, village_code: str | None = None,
                on: dt.date | None = None) -> dict[str, list[RosterRow]]:
    """Rows by village code, in pinyin order within a village."""
    on = on or dt.date.today()
    prefix = village_code or this_office(session).code
    if not prefix.startswith(this_office(session).code):
        raise ServiceError(f"村代码 {prefix} 不在本单位范围内。", f"Village {prefix} is not under this office.")
    q = (select(Recipient).where(Recipient.deleted.is_(False), Recipient.village_code.like(f"{prefix}%"),
                                 Recipient.status.in_([s.value for s in ON_ROSTER]))
         .order_by(Recipient.village_code, Recipient.name_pinyin, Recipient.id))
    recipients = list(session.scalars(q))
    guardians: dict[str, list[Guardian]] = defaultdict(list)
    ids = [r.id for r in recipients]
    for i in range(0, len(ids), 500):
        for g in session.scalars(select(Guardian).where(
                Guardian.recipient_id.in_(ids[i:i + 500]), Guardian.deleted.is_(False),
                or_(Guardian.end_date.is_(None), Guardian.end_date >= on)).order_by(Guardian.start_date)):
            guardians[g.recipient_id].append(g)
    out: dict[str, list[RosterRow]] = defaultdict(list)
    for r in recipients:
        gs = guardians.get(r.id, [])
        guardian = "\n".join(f"{g.name} {g.phone}" if g.phone else g.name for g in gs[:2])
        out[r.village_code].append(RosterRow(
            r.name, zh(r.sex) or "", age_on(r.birth_date, on), mask_id_number(r.id_number),
            "、".join(zh(c) or c for c in r.categories), r.key_monitoring, zh(r.self_care) or "",
            r.phone or "", r.address or "", guardian, zh(r.status) or r.status))
    return out


def render_roster(rows: dict[str, list[RosterRow]], names: dict[str, str], on: dt.date,
                  out: io.BufferedWriter | io.BytesIO) -> int:
    st = styles()
    cell = small = st["cell_small"]
    head: list[str | Paragraph] = [Paragraph(h.replace("\n", "<br/>"), st["label"]) for h in HEADERS]
    widths = [w * mm for w in WIDTHS_MM]
    flow: list[Flowable] = []
    for n, (code, village_rows) in enumerate(sorted(rows.items())):
        if n:
            flow.append(PageBreak())
        village = names.get(code, code)
        township = names.get(code[:9], "")
        flow += [DocStart(code),
                 Paragraph(fonts.markup(f"{village}关爱对象花名册"), st["title"]),
                 Paragraph(fonts.markup(f"{township}　{village}（{code}）　共 {len(village_rows)} 人　"
                                        f"制表日期：{cn_date(on)}"), st["subtitle"]),
                 Spacer(1, 3 * mm)]
        data = [head]
        for i, r in enumerate(village_rows, 1):
            data.append([str(i), Paragraph(fonts.markup(r.name), cell), r.sex, str(r.age),
                         r.id_masked, Paragraph(fonts.markup(r.categories), small),
                         "是" if r.key_monitoring else "", r.self_care, r.phone,
                         Paragraph(fonts.markup(r.address), small),
                         Paragraph(fonts.markup(r.guardian).replace("\n", "<br/>"), small), r.status])
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), fonts.chain()[0].name, 8.5),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (0, -1), "CENTER"), ("ALIGN", (2, 0), (3, -1), "CENTER"),
            ("ALIGN", (6, 0), (6, -1), "CENTER"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f7f7")])]))
        flow.append(t)
    if not flow:
        raise ServiceError("花名册：没有在册的关爱对象。", "The roster is empty.")
    return build_pdf(out, flow, title="关爱对象花名册", page=PAGE, margins=TABLE_MARGINS, footer=footer_always)


def print_roster(session: Session, out: Path, *, village_code: str | None = None,
                 on: dt.date | None = None) -> int:
    """The roster PDF (of this office, or one village); returns the number of pages."""
    on = on or dt.date.today()
    rows = roster_rows(session, village_code, on)
    if village_code and len(village_code) == 12 and village_code not in rows:
        exists = session.scalar(select(Office.code).where(Office.code == village_code))
        if exists is None:
            raise ServiceError(f"找不到代码为 {village_code} 的行政村。", f"No village {village_code}.")
    names = office_names(session, rows.keys())
    fonts.refuse_unprintable("花名册", [
        *((r.name, t) for village_rows in rows.values() for r in village_rows for t in fonts.texts_in(r)),
        *((name, name) for name in names.values())])
    pages = 0

    def build(f: io.BufferedWriter) -> None:
        nonlocal pages
        pages = render_roster(rows, names, on, f)

    write_safely(out, build)
    return pages
