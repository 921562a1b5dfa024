"""`guanai report form child-registration`: the ministry's 农村留守儿童基本情况登记表 (民发〔2016〕42号),
one A4 page per child, filled from the register (app.reports.child_form_data), in one grid
whose every cell is a paragraph: long text wraps and the row grows, it never crosses a border.

The form prints full ID numbers (the ministry asks for them), so each printed child gets an
audit entry ("print"). A character no font can print refuses the whole PDF, naming the child
and the character, as the agreements do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, this_office
from app.care.errors import ServiceError
from app.care.periods import Span, parse_period, period_of
from app.care.recipients import get_recipient
from app.reports import fonts
from app.reports.agreement_data import office_names
from app.reports.child_form_data import (
    ASSESSMENTS,
    HEALTH,
    SCHOOLING,
    UNRECORDED,
    ChildRegistration,
    Parent,
    children_in_period,
    registration,
    zh,
)
from app.reports.pdf_common import PAGE, DocStart, cn_date, styles, write_pdf

MARGIN = 14 * mm
WIDTH = PAGE[0] - 2 * MARGIN
# eight columns: label, value, label, value … (mm)
COLS = (19, 24, 17, 22, 17, 24, 24, 33)
ON, OFF = "■", "□"
ASSISTANCE_LINES = 8
TITLE = "农村留守儿童基本情况登记表"


@dataclass(frozen=True)
class FormResult:
    path: Path
    children: int
    pages: int

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "file": str(self.path), "children": self.children, "pages": self.pages}


def _box(on: bool, label: str) -> str:
    return f"{ON if on else OFF}{label}"


def _or_unrecorded(value: str | None) -> str:
    return value if value else UNRECORDED


class _FormGrid:
    """Rows of (text, columns spanned, style) laid on the eight columns."""

    def __init__(self) -> None:
        self.st = styles()
        self.data: list[list[Any]] = []
        self.heights: list[float | None] = []
        self.style: list[tuple[Any, ...]] = []

    def p(self, text: str | None, style: str) -> Paragraph:
        return Paragraph(fonts.markup(text or "").replace("\n", "<br/>"), self.st[style])

    def row(self, *cells: tuple[str | None, int] | tuple[str | None, int, str]) -> None:
        r = len(self.data)
        line: list[Any] = []
        for i, cell in enumerate(cells):
            value, span = cell[0], cell[1]
            kind = cell[2] if len(cell) > 2 else ("label" if i % 2 == 0 else "cell")
            c = len(line)
            line.append(self.p(value, "form_label" if kind == "label" else "form_cell" if kind == "cell" else kind))
            line += [""] * (span - 1)
            if span > 1:
                self.style.append(("SPAN", (c, r), (c + span - 1, r)))
            if kind == "label":
                self.style.append(("BACKGROUND", (c, r), (c + span - 1, r), colors.HexColor("#f2f2f2")))
        assert len(line) == len(COLS), cells
        self.data.append(line)
        self.heights.append(None)

    def section(self, title: str) -> None:
        r = len(self.data)
        self.data.append([self.p(title, "form_section")] + [""] * (len(COLS) - 1))
        self.heights.append(None)
        self.style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#dde6f0"))]

    def table(self) -> Table:
        t = Table(self.data, colWidths=[w * mm for w in COLS], rowHeights=self.heights)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                               *self.style]))
        return t


def _styles(g: _FormGrid) -> None:
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = g.st["cell"]
    g.st["form_cell"] = ParagraphStyle("form_cell", parent=base, fontSize=9, leading=12)
    g.st["form_label"] = ParagraphStyle("form_label", parent=base, fontSize=9, leading=12, alignment=TA_CENTER)
    g.st["form_section"] = ParagraphStyle("form_section", parent=base, fontSize=9.5, leading=13)
    g.st["form_right"] = ParagraphStyle("form_right", parent=base, fontSize=9, leading=12, alignment=TA_RIGHT)
    g.st["form_note"] = ParagraphStyle("form_note", parent=base, fontSize=7.5, leading=10, textColor=colors.HexColor("#333333"))


def _parent_row(g: _FormGrid, who: str, p: Parent | None) -> None:
    if p is None:
        g.row((who, 1), (UNRECORDED, 7, "cell"))
        return
    if p.works_away:
        province, city = (UNRECORDED, "") if not (p.province or p.city) else (p.province or "", p.city or "")
        guard = "外出务工"
    else:
        province, city = "未外出", ""
        guard = "能监护" if p.can_guard else "无监护能力" + (f"（{p.notes}）" if p.notes else "（原因未登记）")
    g.row((who, 1), (p.name, 1, "cell"), (p.id_number or UNRECORDED, 2, "cell"), (province, 1, "cell"),
          (city, 1, "cell"), (p.phone or UNRECORDED, 1, "cell"), (guard, 1, "cell"))


def build_form(f: ChildRegistration, today: dt.date) -> list[Flowable]:
    g = _FormGrid()
    _styles(g)
    span = f.span
    flow: list[Flowable] = [
        DocStart(f.id),
        Paragraph(TITLE, g.st["title"]),
        g.p(f"填报单位：{f.place}　　统计期：{span.label}（{span.start.isoformat()} 至 {span.end.isoformat()}）"
            f"　　年龄按期末（{cn_date(span.end)}）计", "subtitle"),
        Spacer(1, 3 * mm)]

    g.section("一、儿童基本情况")
    g.row(("姓名", 1), (f.name, 1), ("性别", 1), (zh(f.sex), 1), ("民族", 1), (_or_unrecorded(f.ethnicity), 1),
          ("出生日期", 1), (cn_date(f.birth_date), 1))
    g.row(("身份证号", 1), (f.id_number, 3), ("期末年龄", 1), (f"{f.age}周岁", 1),
          ("联系电话", 1), (f.phone or UNRECORDED, 1))
    g.row(("家庭住址", 1), (_or_unrecorded(f.address), 7))
    stages = "　".join(_box(f.schooling == k, v) for k, v in SCHOOLING.items())
    if f.schooling is None:
        stages += f"　（{UNRECORDED}）"
    school = " ".join(x for x in (f.school, f.school_class) if x) or UNRECORDED
    g.row(("就学情况", 1), (stages, 5), ("学校班级", 1), (school, 1))
    g.row(("健康状况", 1), ("　".join(_box(k in f.health, k) for k in HEALTH), 3), ("说明", 1),
          (f.health_detail or "登记中无残疾、无重大疾病" if f.health == ("健康",) else f.health_detail, 3))

    g.section("二、祖父母（外祖父母）情况")
    if f.grandparents:
        g.row(("关系", 1), ("姓名", 1, "label"), ("联系电话", 2, "label"), ("情况", 4, "label"))
        for gp in f.grandparents:
            g.row((zh(gp.relation), 1), (gp.name, 1, "cell"), (gp.phone or UNRECORDED, 2, "cell"), (gp.note, 4, "cell"))
    else:
        g.row(("祖父母", 1), (UNRECORDED, 7))

    g.section("三、父母情况")
    g.row(("关系", 1), ("姓名", 1, "label"), ("身份证号", 2, "label"), ("务工省份", 1, "label"),
          ("务工城市", 1, "label"), ("联系电话", 1, "label"), ("监护能力", 1, "label"))
    _parent_row(g, "父亲", f.father)
    _parent_row(g, "母亲", f.mother)
    boxes = "　".join(_box(f.situation == k, v) for k, v in (
        ("both_away", "父母均外出务工"), ("one_away_other_unable", "一方外出务工、另一方无监护能力")))
    g.row(("监护情况", 1), (f"{boxes}\n{f.situation_text}", 7))

    g.section("四、委托照护人（受委托监护人）")
    c = f.carer
    if c is None:
        g.row(("照护人", 1), ("未登记委托照护人", 7))
    else:
        g.row(("姓名", 1), (c.name, 1), ("与儿童关系", 1), (zh(c.relation), 1), ("联系电话", 1),
              (c.phone or UNRECORDED, 1), ("监护类型", 1), (zh(c.kind), 1))
        g.row(("身份证号", 1), (c.id_number or UNRECORDED, 3), ("住址", 1), (_or_unrecorded(c.address), 3))
    assessed = "　".join(_box(f.assessment == a, a) for a in ASSESSMENTS)
    note = f.assessment_reason or "登记中无监护评估，由填表人按说明勾选"
    g.row(("监护评估", 1), (f"{assessed}\n{note}", 7))

    g.section("五、家庭收入与救助帮扶")
    g.row(("家庭收入来源", 1), (_or_unrecorded(f.income), 7))
    lines = [f"{a.on.isoformat() if a.on else ''} {a.kind}：{a.text}".strip() for a in f.assistance]
    more = len(lines) - ASSISTANCE_LINES
    shown = lines[:ASSISTANCE_LINES] + ([f"另有 {more} 项，见系统。"] if more > 0 else [])
    g.row(("享受救助帮扶情况", 1), ("\n".join(shown) or f"统计期内{UNRECORDED}", 7))

    g.section("六、签字")
    g.row(("填表人", 1), ("", 1), ("审核人", 1), ("", 1), ("单位负责人", 1), ("", 1),
          ("填表日期", 1), ("年　　月　　日", 1, "form_right"))
    g.heights[-1] = 13 * mm  # room to sign
    flow.append(g.table())
    flow.append(Spacer(1, 2 * mm))
    flow.append(g.p(
        "说明：1. 年龄按统计期末计算。2. “未登记”表示登记系统中没有该项信息，请核实后手工填写。"
        "3. 监护评估：较好——受委托监护人能较好履行监护职责；一般——能基本满足儿童生活需要，但存在一定行为、"
        "心理问题风险；差——无人监护，或父母一方外出务工另一方无监护能力，或受委托监护人无监护能力，"
        "儿童生活、学习、发展得不到保障。4. 辍学指义务教育阶段离校；不在学指14–16周岁未在学。"
        f"5. 救助帮扶为统计期内的物资帮扶、已实现的微心愿及期末在结对中的帮扶单位、老师。打印日期：{cn_date(today)}。",
        "form_note"))
    return flow


# ---- the service --------------------------------------------------------------------------


def default_span(on: dt.date) -> Span:
    return period_of(on, "quarter")


def unprintable(forms: Sequence[ChildRegistration]) -> list[str]:
    fonts.chain()
    out = []
    for f in forms:
        for whose, value in f.texts():
            for ch in fonts.missing(value):
                out.append(f"{f.name}（{whose}）中的“{ch}”（{fonts.code_point(ch)}）")
    return out


def _refuse(problems: list[str]) -> None:
    if not problems:
        return
    from app.config import data_dir

    folder = data_dir() / fonts.COUNTY_FONT_DIR
    raise ServiceError("；".join(problems) + f"没有字体可以打印。未生成 PDF。请核对用字，或把含有该字的字体文件"
                       f"（.ttf）放到 {folder} 后重新打印。",
                       f"No font can print: {'; '.join(problems)}. No PDF was made. Put a font (.ttf) that "
                       f"has the character into {folder} and print again.")


def write_forms(forms: Sequence[ChildRegistration], out: Path, today: dt.date) -> int:
    _refuse(unprintable(forms))
    flow: list[Flowable] = []
    for i, f in enumerate(forms):
        if i:
            flow.append(PageBreak())
        flow += build_form(f, today)
    title = TITLE if len(forms) != 1 else f"{TITLE}（{forms[0].name}）"
    return write_pdf(out, flow, title=title, margins=(MARGIN, MARGIN, 12 * mm, 14 * mm))


def _audit(session: Session, actor: Actor, forms: Sequence[ChildRegistration]) -> None:
    for f in forms:  # the form shows the full ID numbers: every print is logged (DOMAIN.md)
        writes.audit(session, actor, "print", "recipients", f.id,
                     {"id_number": ["printed", None], "document": ["child_registration", None]})


def print_child_registration(session: Session, actor: Actor, recipient_id: str | None, out: Path, *,
                             period: str | None = None, today: dt.date | None = None) -> FormResult:
    """One child's form (recipient_id), or with None every left-behind child of the office
    counted in the period (confirmed on its last day and under 16), in one PDF."""
    from app.reports.audit_export import require_disclosure

    require_disclosure(session)  # before the file: a refusal writes nothing
    today = today or dt.date.today()
    span = parse_period(period) if period else default_span(today)
    if recipient_id is not None:
        r = get_recipient(session, recipient_id)
        if "left_behind_child" not in r.categories:
            raise ServiceError(f"{r.name} 不是留守儿童，没有留守儿童登记表。",
                               f"{r.name} is not a left-behind child.", field="recipient")
        children = [r]
    else:
        children, _ = children_in_period(session, span, this_office(session).code)
        if not children:
            raise ServiceError(f"{span.label} 期末没有已确定的未满16周岁留守儿童，未生成 PDF。",
                               f"No confirmed left-behind child under 16 at the end of {span.label}.")
    names = office_names(session, [r.village_code for r in children])
    forms = [registration(session, r, span, names) for r in children]
    pages = write_forms(forms, Path(out), today)
    _audit(session, actor, forms)
    from app.reports.audit_export import record_id_disclosure

    record_id_disclosure(session, document="child_registration", people=len(forms), path=out, actor=actor,
                         recipient_id=forms[0].id if len(forms) == 1 else None)
    return FormResult(Path(out), len(forms), pages)
