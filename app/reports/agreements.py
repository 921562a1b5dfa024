"""The agreements families and responsible persons sign, as A4 PDF: number and QR code,
title, the parties' details from the database, the duties of the kind's template, the
term, signature and date lines for each party and the village committee's seal area.
Several agreements go into one PDF, each starting on a new page with its own page count."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.care.errors import ServiceError
from app.care.household import GuardianRow, MemberRow
from app.models.codes import AgreementKind, AgreementStatus
from app.reports import fonts, qr
from app.reports.agreement_data import AgreementDoc, child_situation
from app.reports.pdf_common import (
    MARGIN_X,
    PAGE,
    DocStart,
    TableCommand,
    build_pdf,
    cn_date,
    page_footer,
    page_size,
    styles,
    write_safely,
    zh,
)
from app.reports.reuse import Paragraphs
from app.reports.templates import BLANK, Template, fill, load_template

QR_SIZE = 21 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X


@dataclass(frozen=True)
class Unprintable:
    """A character no font can print, and whose text it is in."""

    number: str  # the agreement's number
    whose: str
    char: str

    def zh(self) -> str:
        return (f"协议 {self.number}：{self.whose} 中的“{self.char}”（{fonts.code_point(self.char)}）"
                f"没有字体可以打印")

    def en(self) -> str:
        return (f"Agreement {self.number}: no font can print {fonts.code_point(self.char)} "
                f"in {self.whose!r}")


def unprintable(docs: Sequence[AgreementDoc]) -> list[Unprintable]:
    """Every character of the database text that would not print, named with its person."""
    fonts.chain()  # a font the county has just added counts
    out: list[Unprintable] = []
    for d in docs:
        for whose, text in d.texts():
            out.extend(Unprintable(d.number, whose, ch) for ch in fonts.missing(text))
    return out


def refuse_unprintable(problems: list[Unprintable]) -> None:
    if not problems:
        return
    from app.config import data_dir

    folder = data_dir() / fonts.COUNTY_FONT_DIR
    raise ServiceError(
        "；".join(p.zh() for p in problems) + f"。未生成 PDF。请核对姓名用字，或把含有该字的字体文件"
        f"（.ttf，如花园明朝 HanaMinB.ttf）放到 {folder} 后重新打印。",
        "; ".join(p.en() for p in problems) + f". No PDF was made. Check the name, or put a font "
        f"(.ttf) that has the character into {folder} and print again.")


# ---- the pieces of a page ----------------------------------------------------------------

class Header(Flowable):
    """The number on the left and the QR code (id + checksum) on the right."""

    def __init__(self, doc: AgreementDoc, pf: Paragraphs) -> None:
        super().__init__()
        self.doc = doc
        self.number = pf(f"编号：{fonts.markup(doc.number)}", "cell")
        self.hint = pf("扫码核对", "small")

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, QR_SIZE

    def draw(self) -> None:
        c = self.canv
        self.number.wrap(self.width - QR_SIZE - 16 * mm, QR_SIZE)
        self.number.drawOn(c, 0, 2 * mm)
        qr.draw_on(c, self.doc.id, self.width - QR_SIZE, 0, QR_SIZE)
        self.hint.wrap(20 * mm, 10 * mm)
        self.hint.drawOn(c, self.width - QR_SIZE - 13 * mm, 1 * mm)


class Signatures(Flowable):
    """One line per party: who signs, a line to sign on, a date to write; the committee's
    seal as a dashed circle to stamp in, with its date beside it."""

    ROW = 14 * mm
    SEAL = 34 * mm

    def __init__(self, roles: list[tuple[str, bool]], pf: Paragraphs) -> None:
        super().__init__()
        self.roles = tuple(roles)
        self.pf = pf
        self.font = fonts.main_font()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        plain = sum(1 for _r, seal in self.roles if not seal)
        seals = len(self.roles) - plain
        self.height = plain * self.ROW + seals * (self.SEAL + 4 * mm)
        return self.width, self.height

    def date_line(self, x: float, y: float) -> None:
        """日期：＿＿＿＿年＿＿月＿＿日, drawn: a paragraph would collapse the spaces."""
        c = self.canv
        c.setFont(self.font, 10)
        c.drawString(x, y, "日期：")
        x += 10 * 3
        c.setLineWidth(0.6)
        for width, word in ((15 * mm, "年"), (9 * mm, "月"), (9 * mm, "日")):
            c.line(x, y - 2, x + width, y - 2)
            c.drawString(x + width + 1, y, word)
            x += width + 12

    def draw(self) -> None:
        # The same for every agreement of a kind and village: drawn once (reuse.Forms).
        key = ("signatures", self.roles, self.width, self.height)
        self.pf.forms.draw(self.canv, key, (-10, -10, self.width + 10, self.height + 10), self._draw)

    def _draw(self) -> None:
        c = self.canv
        y = self.height
        label_w = 58 * mm
        date_x = self.width - 60 * mm
        for role, seal in self.roles:
            para = Paragraph(fonts.markup(role + "："), self.pf.st["cell"])
            if seal:
                y -= self.SEAL + 4 * mm
                cx = self.width - self.SEAL / 2 - 6 * mm
                cy = y + self.SEAL / 2
                c.saveState()
                c.setStrokeColor(colors.HexColor("#999999"))
                c.setFillColor(colors.HexColor("#999999"))
                c.setDash(3, 3)
                c.circle(cx, cy, self.SEAL / 2)
                c.setFont(self.font, 9)
                c.drawCentredString(cx, cy - 3, "盖 章 处")
                c.restoreState()
                para.wrap(self.width - self.SEAL - 70 * mm, self.SEAL)
                para.drawOn(c, 0, cy + 2 * mm)
                self.date_line(0, cy - 8 * mm)
                continue
            y -= self.ROW
            para.wrap(label_w, self.ROW)
            para.drawOn(c, 0, y + 3 * mm)
            c.setLineWidth(0.6)
            c.line(label_w, y + 3 * mm, date_x - 8 * mm, y + 3 * mm)
            self.date_line(date_x, y + 3 * mm + 2)


class _PartyTable:
    """The table of parties: label / value cells, four columns, a shaded row per party."""

    def __init__(self, pf: Paragraphs) -> None:
        self.pf = pf
        self.rows: list[list[object]] = []
        self.spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.heads: list[int] = []
        self.labels: list[tuple[int, int]] = []

    def head(self, text: str) -> None:
        self.heads.append(len(self.rows))
        self.spans.append(((0, len(self.rows)), (3, len(self.rows))))
        self.rows.append([self.pf(fonts.markup(text), "cell"), "", "", ""])

    def pair(self, l1: str, v1: str | None, l2: str, v2: str | None) -> None:
        self.labels += [(0, len(self.rows)), (2, len(self.rows))]
        self.rows.append([self._p(l1, "label"), self._p(v1, "cell"), self._p(l2, "label"), self._p(v2, "cell")])

    def wide(self, label: str, value: str | None) -> None:
        self.labels.append((0, len(self.rows)))
        self.spans.append(((1, len(self.rows)), (3, len(self.rows))))
        self.rows.append([self._p(label, "label"), self._p(value, "cell"), "", ""])

    def _p(self, text: str | None, style: str) -> Paragraph:
        return self.pf(fonts.markup(text) if text else "", style)

    def table(self) -> Table:
        # Every row as tall as its content (a 120-character address wraps over four lines
        # inside its cell): no fixed heights, which let long text run across the borders.
        # The padding gives a one-line row the 8.5 mm it always had, room to write in.
        t = Table(self.rows, colWidths=[26 * mm, WIDTH / 2 - 26 * mm, 26 * mm, WIDTH / 2 - 26 * mm])
        style: list[TableCommand] = [("FONT", (0, 0), (-1, -1), fonts.main_font(), 10),
                 ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        body = [i for i in range(len(self.rows)) if i not in self.heads]
        for i in body:
            style += [("TOPPADDING", (0, i), (-1, i), 5.1), ("BOTTOMPADDING", (0, i), (-1, i), 5.1)]
        style.extend(("BACKGROUND", cell, cell, colors.HexColor("#f4f4f4")) for cell in self.labels)
        for i in self.heads:
            style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#dddddd")))
        style.extend(("SPAN", a, b) for a, b in self.spans)
        t.setStyle(TableStyle(style))
        return t


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _recipient_rows(g: _PartyTable, d: AgreementDoc, role: str) -> None:
    r = d.recipient
    g.head(f"{role}")
    g.pair("姓名", r.name, "性别", zh(r.sex))
    g.pair("出生日期", cn_date(r.birth_date), "民族", r.ethnicity)
    g.wide("身份证号", r.id_number)
    g.wide("家庭住址", r.address)
    if d.kind == AgreementKind.entrusted_guardianship:
        school = " ".join(x for x in (r.school, r.school_class) if x) or None
        g.pair("联系电话", r.phone, "就读学校", school)
    else:
        g.wide("联系电话", r.phone)


def _guardian_rows(g: _PartyTable, who: GuardianRow | None, role: str, recipient_word: str) -> None:
    g.head(role if who else f"{role}（尚未登记，请现场填写）")
    g.pair("姓名", who.name if who else None, f"与{recipient_word}关系", zh(who.relation) if who else None)
    g.wide("身份证号", who.id_number if who else None)
    g.wide("住址", who.address if who else None)
    g.wide("联系电话", who.phone if who else None)


def _parent_rows(g: _PartyTable, parents: tuple[MemberRow, ...], role: str) -> None:
    g.head(role)
    found = {m.relation: m for m in parents}
    for relation, word in (("father", "父亲"), ("mother", "母亲")):
        m = found.get(relation)
        where = (m.work_place or None) if m and m.works_away else ("在家" if m else None)
        g.pair(f"{word}姓名", m.name if m else None, "联系电话", m.phone if m else None)
        g.pair("身份证号", m.id_number if m else None, "务工地点", where)


def parties_table(d: AgreementDoc, t: Template, pf: Paragraphs) -> Table:
    g = _PartyTable(pf)
    kind = d.kind
    recipient_role = t.role("recipient", "关爱对象")
    _recipient_rows(g, d, recipient_role)
    if kind == AgreementKind.entrusted_guardianship:
        _parent_rows(g, d.parents, t.role("parents", "委托人（父母）"))
        _guardian_rows(g, d.guardian, t.role("guardian", "受委托监护人"), "儿童")
    elif kind == AgreementKind.care_responsibility:
        p = d.person
        g.head(t.role("person", "帮扶责任人"))
        g.wide("帮扶单位", p.unit_name if p else None)
        g.pair("姓名", p.name if p else None, "职务", p.position if p else None)
        g.wide("身份证号", p.id_number if p else None)
        g.wide("联系电话", p.phone if p else None)
    elif kind == AgreementKind.family_support and len(d.supporters) > 1:
        role = t.role("guardian", "赡养人")
        for i, who in enumerate(d.supporters, 1):
            _guardian_rows(g, who, f"{role}{_ordinal(i)}", "老人")
    else:
        word = "老人" if kind == AgreementKind.family_support else "本人"
        _guardian_rows(g, d.guardian, t.role("guardian", "监护人"), word)
    return g.table()


def _ordinal(i: int) -> str:
    return f"（{'一二三四五六七八九十'[i - 1]}）" if i <= 10 else f"（{i}）"


def _supporters_text(d: AgreementDoc) -> str | None:
    return "、".join(f"{s.name}（{zh(s.relation)}）" for s in d.supporters) or None


def signature_roles(d: AgreementDoc, t: Template, v: dict[str, str | None]) -> list[tuple[str, bool]]:
    """The template's signature lines, filled; a line marked `each = "supporter"` once for
    every supporter (one blank line to fill in when none is recorded)."""
    roles: list[tuple[str, bool]] = []
    for sig in t.signatures:
        if sig.each == "supporter":
            for who in d.supporters or (None,):
                roles.append((fill(sig.role, {**v, "supporter": who.name if who else None}), sig.seal))
        else:
            roles.append((fill(sig.role, v), sig.seal))
    return roles


def values(d: AgreementDoc) -> dict[str, str | None]:
    """The placeholders a template may use."""
    r = d.recipient
    return {
        "number": d.number, "recipient": r.name, "recipient_id_number": r.id_number,
        "guardian": d.guardian.name if d.guardian else None,
        "relation": zh(d.guardian.relation) if d.guardian else None,
        "person": d.person.name if d.person else None,
        "position": d.person.position if d.person else None,
        "unit": d.person.unit_name if d.person else None,
        "village": d.village_name, "township": d.township_name or "乡镇", "county": d.county_name or "本县",
        "term_start": cn_date(d.term_start), "term_end": cn_date(d.term_end),
        "drafted_on": cn_date(d.drafted_on),
        "situation": child_situation(d.parents, d.recipient.parents_away), "supporters": _supporters_text(d) or (
            f"{d.guardian.name}（与老人关系：{zh(d.guardian.relation)}）" if d.guardian else None),
    }


def story(d: AgreementDoc, pf: Paragraphs) -> list[Flowable]:
    t = load_template(d.kind)
    v = values(d)

    def para(text: str, style: str, bullet: str | None = None) -> Paragraph:
        return pf(fonts.markup(fill(text, v)), style, bullet)

    out: list[Flowable] = [DocStart(d.id), Header(d, pf), para(t.title, "title")]
    place = "　".join(x for x in (d.township_name, d.village_name) if x)
    if place:
        out.append(pf(fonts.markup(place), "subtitle"))
    out += [Spacer(1, 4 * mm), parties_table(d, t, pf), Spacer(1, 4 * mm)]
    if t.preamble:
        out.append(para(t.preamble, "body"))
    for section in t.sections:
        block: list[Flowable] = [para(section.heading, "heading")]
        n = len(section.items)
        for i, item in enumerate(section.items, 1):
            block.append(para(item, "item", f"{i}." if n > 1 else None))
        out.append(KeepTogether(block[:2]) if len(block) > 1 else block[0])
        out.extend(block[2:])
    closing = [para(c, "body") for c in t.closing]
    roles = signature_roles(d, t, v)
    out.append(KeepTogether([*closing, Spacer(1, 6 * mm), Signatures(roles, pf)]))
    return out


MARK_QR = 13 * mm
COPY_MARK = "副本"


def page_marks(c: Canvas, page: int, total: int, d: AgreementDoc | None, small: ParagraphStyle) -> None:
    """What every page of an agreement carries besides its count: from the second page on,
    its number, the person's name and the QR code at the top (so the second pages of a batch
    of 200 find their first); on a reprint of a signed agreement, 副本 on every page."""
    page_footer(c, page, total)
    if d is None:
        return
    width, height = page_size(c)
    c.saveState()
    if page > 1:
        text = Paragraph(f"编号：{fonts.markup(d.number)}　姓名：{fonts.markup(d.recipient.name)}",
                         small)
        text.wrap(width - 2 * MARGIN_X - MARK_QR - 4 * mm, MARK_QR)
        text.drawOn(c, MARGIN_X, height - 4 * mm - MARK_QR / 2 - 4)
        qr.draw_on(c, d.id, width - MARGIN_X - MARK_QR, height - 4 * mm - MARK_QR, MARK_QR)
    if d.status == AgreementStatus.signed:
        c.setStrokeColor(colors.HexColor("#b22222"))
        c.setFillColor(colors.HexColor("#b22222"))
        c.setLineWidth(1.2)
        box_w, box_h = 22 * mm, 9 * mm
        x, y = width / 2 - box_w / 2, height - 5 * mm - box_h
        c.rect(x, y, box_w, box_h)
        c.setFont(fonts.main_font(), 16)
        c.drawCentredString(width / 2, y + 2.6 * mm, COPY_MARK)
    c.restoreState()


def render(docs: Sequence[AgreementDoc], out: io.BufferedWriter | io.BytesIO) -> int:
    """The agreements into one PDF; returns the number of pages."""
    pf = Paragraphs(styles())  # the texts agreements share are laid out once (reuse.py)
    flow: list[Flowable] = []
    for i, d in enumerate(docs):
        if i:
            flow.append(PageBreak())
        flow.extend(story(d, pf))
    title = load_template(docs[0].kind).title if len(docs) == 1 else "协议"
    by_id = {d.id: d for d in docs}
    small = pf.st["small"]
    # (_guanai_doc: our own note on the canvas, see pdf_common.DocStart)
    return build_pdf(out, flow, title=title, footer=lambda c, page, total: page_marks(
        c, page, total, by_id.get(c._guanai_doc), small))  # type: ignore[attr-defined]


def write_agreements(docs: Sequence[AgreementDoc], path: str | Path) -> int:
    """Refuse before anything is written if a character would not print; else the PDF,
    written safely. Returns the number of pages."""
    if not docs:
        raise ServiceError("没有要打印的协议。", "No agreements to print.")
    refuse_unprintable(unprintable(docs))
    pages = 0

    def build(f: io.BufferedWriter) -> None:
        nonlocal pages
        pages = render(docs, f)

    write_safely(path, build)
    return pages


__all__ = ["BLANK", "Unprintable", "render", "unprintable", "write_agreements"]
