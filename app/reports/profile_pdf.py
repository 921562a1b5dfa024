"""One recipient on one A4 page (一户一档): the person, the household, guardians, the
categories and status history, pairings and responsibilities, agreements and the latest
care work. Long lists are cut to their newest rows with a note of how many more there are,
so the page stays one page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from app.care.profile import Profile, profile
from app.care.validation import age_on
from app.models.codes import WORK_LABELS
from app.reports import fonts
from app.reports.agreement_data import office_names
from app.reports.audit_export import record_id_disclosure, require_disclosure
from app.reports.pdf_common import PAGE, TableCommand, cn_date, styles, write_pdf, zh

WIDTH = PAGE[0] - 2 * 16 * mm
LIMITS = {"members": 6, "guardians": 3, "history": 5, "timeline": 8, "agreements": 4, "programmes": 4}


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def _yes(v: bool | None) -> str:
    return {True: "是", False: "否", None: ""}[v]


class _Page:
    def __init__(self) -> None:
        self.st = styles()
        self.flow: list[Flowable] = []

    def p(self, text: str | None, style: str = "cell_small") -> Paragraph:
        return Paragraph(fonts.markup(text or ""), self.st[style])

    def heading(self, text: str) -> None:
        self.flow.append(Paragraph(fonts.markup(text), self.st["heading"]))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str | None]], widths: Sequence[float],
              more: int = 0, empty: str = "（无记录）") -> None:
        data: list[list[object]] = [[self.p(h, "label") for h in header]]
        data += [[self.p(v) for v in row] for row in rows]
        if not rows:
            data.append([self.p(empty)] + [""] * (len(header) - 1))
        t = Table(data, colWidths=[w * WIDTH for w in widths])
        style: list[TableCommand] = [("FONT", (0, 0), (-1, -1), fonts.chain()[0].name, 8.5),
                 ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ececec")),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
        if not rows:
            style.append(("SPAN", (0, 1), (-1, 1)))
        t.setStyle(TableStyle(style))
        self.flow.append(t)
        if more > 0:
            self.flow.append(self.p(f"另有 {more} 条较早的记录，见系统。", "small"))


def _basic(pg: _Page, pf: Profile, on: dt.date) -> None:
    f = pf.fields
    disability = " ".join(x for x in (zh(f.disability_type), f"{f.disability_grade}级" if f.disability_grade else None) if x)
    pairs = [("姓名", f.name, "性别", zh(f.sex)),
             ("出生日期", f"{cn_date(f.birth_date)}（{age_on(f.birth_date, on)}岁）", "民族", f.ethnicity),
             ("身份证号", f.id_number, "联系电话", f.phone),
             ("家庭住址", f.address, None, None),
             ("关爱类别", "、".join(zh(c) or c for c in f.categories), "重点监护", _yes(f.key_monitoring)),
             ("状态", f"{zh(f.status)}（{_iso(f.status_date)}）", "自理能力", zh(f.self_care)),
             ("劳动能力", WORK_LABELS[f.work_ability][0] if f.work_ability in WORK_LABELS else None, "残疾等级", disability or None),
             ("重大疾病", f.major_illness, "就读学校", f.school),
             ("调查", f"{_iso(f.surveyed_on)} {f.surveyed_by or ''}".strip(), "备注", f.notes)]
    data: list[list[object]] = []
    spans = []
    for i, (l1, v1, l2, v2) in enumerate(pairs):
        if l2 is None:
            data.append([pg.p(l1, "label"), pg.p(v1, "cell"), "", ""])
            spans.append(("SPAN", (1, i), (3, i)))
        else:
            data.append([pg.p(l1, "label"), pg.p(v1, "cell"), pg.p(l2, "label"), pg.p(v2, "cell")])
    w = WIDTH
    t = Table(data, colWidths=[0.13 * w, 0.37 * w, 0.14 * w, 0.36 * w])
    labels = [("BACKGROUND", (c, r), (c, r), colors.HexColor("#f4f4f4"))
              for r in range(len(pairs)) for c in ((0, 2) if pairs[r][2] else (0,))]
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.chain()[0].name, 9),
                           ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                           *labels, *spans]))
    pg.flow.append(t)


def build_profile(pf: Profile, village: str, on: dt.date) -> list[Flowable]:
    pg = _Page()
    pg.flow += [Paragraph("关爱对象档案（一户一档）", pg.st["title"]),
                Paragraph(fonts.markup(f"{village}　制表日期：{cn_date(on)}"), pg.st["subtitle"]),
                Spacer(1, 3 * mm)]
    _basic(pg, pf, on)

    L = LIMITS
    pg.heading("家庭成员")
    pg.table(("姓名", "关系", "联系电话", "外出务工", "能否监护"),
             [(m.name, zh(m.relation), m.phone, m.work_place if m.works_away else "否", _yes(m.can_guard))
              for m in pf.members[:L["members"]]], (0.16, 0.16, 0.2, 0.34, 0.14), len(pf.members) - L["members"])
    pg.heading("监护人 / 赡养人")
    pg.table(("类型", "姓名", "关系", "身份证号", "联系电话", "起止"),
             [(zh(g.kind), g.name, zh(g.relation), g.id_number, g.phone,
               f"{_iso(g.start_date)} 至 {_iso(g.end_date) or '今'}") for g in pf.guardians[:L["guardians"]]],
             (0.11, 0.12, 0.15, 0.24, 0.15, 0.23), len(pf.guardians) - L["guardians"],
             empty="（未登记监护人）")
    programmes: list[tuple[str | None, str, str | None, str]] = [(("帮扶" if p.kind == "unit" else "结对老师"), f"{p.organisation} {p.person}", p.phone,
                   f"{_iso(p.start_date)} 至 {_iso(p.end_date) or '今'}") for p in pf.pairings]
    programmes += [(zh(r.kind), f"{r.person_name} {r.person_role or ''}".strip(), r.person_phone,
                    f"{_iso(r.start_date)} 至 {_iso(r.end_date) or '今'}") for r in pf.responsibilities]
    pg.heading("结对帮扶与关爱责任")
    pg.table(("项目", "单位 / 责任人", "联系电话", "起止"), programmes[:L["programmes"]],
             (0.18, 0.42, 0.17, 0.23), len(programmes) - L["programmes"])
    pg.heading("协议")
    pg.table(("编号", "协议类别", "状态", "起草", "签订"),
             [(a.number, zh(a.kind), zh(a.status), _iso(a.drafted_on), _iso(a.signed_on))
              for a in pf.agreements[:L["agreements"]]], (0.26, 0.34, 0.12, 0.14, 0.14),
             len(pf.agreements) - L["agreements"])
    pg.heading("状态变化")
    pg.table(("日期", "环节", "状态", "部门/文号", "经办"),
             [(_iso(h.decided_on), zh(h.step), f"{zh(h.from_status) or ''}→{zh(h.to_status)}",
               " ".join(x for x in (zh(h.department), h.doc_no, h.reason) if x), h.decided_by)
              for h in pf.history[:L["history"]]], (0.13, 0.12, 0.2, 0.4, 0.15), len(pf.history) - L["history"])
    pg.heading("最近的关爱工作")
    pg.table(("日期", "类别", "经办人", "内容"),
             [(_iso(t.on), zh(t.stage) and f"{zh(t.kind)}（{zh(t.stage)}）" or zh(t.kind), t.who,
               t.summary + ("" if t.reached is not False else "（未接通）"))
              for t in pf.timeline[:L["timeline"]]], (0.13, 0.18, 0.14, 0.55), len(pf.timeline) - L["timeline"])
    return pg.flow


def print_profile(session: Session, recipient_id: str, out: Path, *, on: dt.date | None = None) -> int:
    """The one-page profile PDF of a recipient; returns the number of pages."""
    require_disclosure(session)  # before the file: a refusal writes nothing
    on = on or dt.date.today()
    pf = profile(session, recipient_id)
    names = office_names(session, [pf.fields.village_code])
    code = pf.fields.village_code
    village = "　".join(x for x in (names.get(code[:9]), names.get(code)) if x)
    fonts.refuse_unprintable("一户一档", [(pf.fields.name, t) for t in (*fonts.texts_in(pf), village)])
    flow = build_profile(pf, village, on)
    pages = write_pdf(out, flow, title=f"{pf.fields.name} 一户一档", margins=(16 * mm, 16 * mm, 12 * mm, 14 * mm))
    record_id_disclosure(session, document="profile", people=1, path=out, recipient_id=pf.fields.id)
    return pages

