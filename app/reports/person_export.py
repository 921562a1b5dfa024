"""Everything held about one person, in one file (PIPL art. 45: a person, or a child's
guardian, asks what the office keeps about them): the record's fields and the conditions of
its categories, household and guardians, programmes and responsibilities, every care record
with what was found, micro-wishes, agreements, follow-up items, the attachments (listed, not
embedded) and the history of changes read back from the audit trail.

One gathering (`dossier`), two renderings: a PDF through the printed documents' machinery
(fonts, the refusal of characters no font prints, page marks) and a workbook with a sheet per
section (app/reports/sheets.py). Either file carries the full ID numbers of the person and of
their household, so writing it leaves a `disclose` audit row like every full-ID export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.corrections import care_record_view, change_history
from app.care.errors import ValidationError
from app.care.followups import follow_ups
from app.care.profile import Profile, profile
from app.models import MicroWish
from app.models.codes import FIELD_WORDS, TABLE_WORDS, WORK_LABELS
from app.reports import fonts, sheets
from app.reports.agreement_data import office_names
from app.reports.audit_export import record_id_disclosure
from app.reports.pdf_common import PAGE, TableCommand, cn_date, footer_always, styles, write_pdf, zh

DOCUMENT = "person_export"
ACTIONS = {"create": "新建", "update": "修改", "delete": "删除", "merge": "合并（来自数据包）",
           "disclose": "导出", "correct": "更正"}
HIDDEN_FIELDS = frozenset({"recipient_id"})  # the link to the person this file is about
WIDTH = PAGE[0] - 2 * 16 * mm


@dataclass(frozen=True)
class Section:
    """One part of the file: a PDF table under a heading, a sheet of the workbook."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # parts of the page's width, for the PDF


@dataclass(frozen=True)
class Dossier:
    recipient_id: str
    name: str
    village: str
    made_on: dt.date
    sections: tuple[Section, ...]


def _s(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{fen / 100:.2f}"


def _fields(pf: Profile) -> Section:
    f = pf.fields
    rows = [
        ("姓名", f.name), ("性别", zh(f.sex)), ("身份证号", f.id_number), ("出生日期", f.birth_date),
        ("民族", f.ethnicity), ("联系电话", f.phone), ("家庭住址", f.address), ("所在村（代码）", f.village_code),
        ("关爱类别", "、".join(zh(c) or c for c in f.categories)), ("重点监护对象", f.key_monitoring),
        ("状态", f"{zh(f.status)}（{_s(f.status_date)}）"), ("自理能力", zh(f.self_care)),
        ("劳动能力", WORK_LABELS[f.work_ability][0] if f.work_ability in WORK_LABELS else f.work_ability),
        ("残疾类别", zh(f.disability_type)), ("残疾等级", f"{f.disability_grade}级" if f.disability_grade else None),
        ("重大疾病", f.major_illness), ("就读学校", f.school), ("城镇户口", f.is_urban),
        ("有无收入来源", f.has_income), ("有无法定赡养（抚养）人", f.has_supporter), ("在供养机构", f.in_institution),
        ("父母外出情况", zh(f.parents_away)), ("丈夫外出务工", f.husband_works_away),
        ("子女均外出务工", f.children_work_away), ("身份证地区码核实", f.id_region_note),
        ("调查日期", f.surveyed_on), ("调查人", f.surveyed_by), ("备注", f.notes),
    ]
    return Section("基本信息与类别条件", ("项目", "内容"), tuple((k, _s(v)) for k, v in rows), (0.3, 0.7))


def dossier(session: Session, recipient_id: str, *, on: dt.date | None = None) -> Dossier:
    """What the office holds about the person, gathered once for either file."""
    on = on or dt.date.today()
    pf = profile(session, recipient_id)
    code = pf.fields.village_code
    names = office_names(session, [code])
    village = "　".join(x for x in (names.get(code[:9]), names.get(code)) if x) or code
    secs = [_fields(pf)]
    secs.append(Section("家庭成员", ("姓名", "关系", "身份证号", "联系电话", "外出务工地", "能否监护", "备注"),
                        tuple((m.name, zh(m.relation) or m.relation, _s(m.id_number), _s(m.phone),
                               _s(m.work_place) if m.works_away else "否", _s(m.can_guard), _s(m.notes))
                              for m in pf.members), (0.12, 0.1, 0.2, 0.14, 0.2, 0.09, 0.15)))
    secs.append(Section("监护人 / 赡养人", ("类型", "姓名", "关系", "身份证号", "联系电话", "住址", "起止"),
                        tuple((zh(g.kind) or g.kind, g.name, zh(g.relation) or g.relation, _s(g.id_number),
                               _s(g.phone), _s(g.address), f"{_s(g.start_date)} 至 {_s(g.end_date) or '今'}")
                              for g in pf.guardians), (0.1, 0.1, 0.1, 0.2, 0.14, 0.18, 0.18)))
    programmes = [("帮扶" if p.kind == "unit" else "结对老师", f"{p.organisation} {p.person}", _s(p.phone),
                   f"{_s(p.start_date)} 至 {_s(p.end_date) or '今'}") for p in pf.pairings]
    programmes += [(zh(r.kind) or r.kind, f"{r.person_name} {r.person_role or ''}".strip(), _s(r.person_phone),
                    f"{_s(r.start_date)} 至 {_s(r.end_date) or '今'}") for r in pf.responsibilities]
    secs.append(Section("结对帮扶与关爱责任", ("项目", "单位 / 责任人", "联系电话", "起止"), tuple(programmes),
                        (0.18, 0.42, 0.17, 0.23)))
    care: list[tuple[str, ...]] = []
    for t in pf.timeline:
        if t.record_id is None:
            continue
        c = care_record_view(session, t.record_id)
        care.append((_s(c.occurred_on), zh(c.kind) or c.kind, c.visitors or c.recorded_by,
                     "" if c.reached is None else _s(c.reached),
                     "；".join(x for x in (c.note, c.items, c.donor) if x), _s(c.findings), _s(c.problems),
                     _yuan(c.value_fen), "、".join(a.file_name for a in c.attachments)))
    secs.append(Section("关爱记录（电话随访、实地走访、物资帮扶）",
                        ("日期", "类别", "经办人", "接通", "内容", "发现情况", "存在问题", "价值（元）", "照片"),
                        tuple(care), (0.115, 0.09, 0.1, 0.05, 0.19, 0.15, 0.12, 0.08, 0.105)))
    wishes = session.scalars(select(MicroWish).where(MicroWish.recipient_id == recipient_id,
                                                     MicroWish.deleted.is_(False)).order_by(MicroWish.collected_on))
    secs.append(Section("微心愿", ("收集", "心愿", "阶段", "认领人", "认领", "实现", "实现内容", "价值（元）"),
                        tuple((_s(w.collected_on), w.description, zh(w.stage) or w.stage, _s(w.claimed_by),
                               _s(w.claimed_on), _s(w.fulfilled_on), _s(w.fulfilled_with), _yuan(w.value_fen))
                              for w in wishes), (0.115, 0.19, 0.08, 0.13, 0.115, 0.115, 0.155, 0.1)))
    secs.append(Section("第三方评估", ("日期", "机构", "自理能力", "评估", "建议措施"),
                        tuple((_s(a.assessed_on), a.agency, zh(a.self_care) or a.self_care, _s(a.evaluation),
                               _s(a.recommended_measures)) for a in pf.assessments), (0.12, 0.2, 0.12, 0.28, 0.28)))
    secs.append(Section("协议", ("编号", "协议类别", "状态", "起草", "签订"),
                        tuple((a.number, zh(a.kind) or a.kind, zh(a.status) or a.status, _s(a.drafted_on),
                               _s(a.signed_on)) for a in pf.agreements), (0.26, 0.34, 0.12, 0.14, 0.14)))
    items = follow_ups(session, on=on, open_only=False, recipient_id=recipient_id, prefix=code)
    secs.append(Section("跟进事项", ("提出", "问题", "负责人", "期限", "状态", "办结", "办结说明"),
                        tuple((_s(i.opened_on), i.problem, i.person, _s(i.due_on), zh(i.status) or i.status,
                               _s(i.closed_on), _s(i.close_note)) for i in items),
                        (0.115, 0.25, 0.1, 0.115, 0.08, 0.115, 0.225)))
    secs.append(Section("附件（照片、扫描件；文件本身保存在系统中）", ("文件名", "类别", "说明", "拍摄日期", "所属"),
                        tuple((a.file_name, zh(a.kind) or a.kind, _s(a.caption), _s(a.taken_on),
                               "关爱记录" if a.owner_table == "care_records" else "本人档案")
                              for a in pf.attachments), (0.3, 0.12, 0.3, 0.12, 0.16)))
    secs.append(Section("状态变化", ("日期", "环节", "状态", "部门 / 决定 / 文号 / 理由", "经办"),
                        tuple((_s(h.decided_on), zh(h.step) or h.step, f"{zh(h.from_status) or ''}→{zh(h.to_status)}",
                               " ".join(x for x in (zh(h.department), zh(h.decision), h.doc_no, h.reason) if x),
                               h.decided_by) for h in pf.history), (0.12, 0.1, 0.18, 0.45, 0.15)))
    secs.append(Section("修改记录（审计记录）", ("时间", "经办人", "操作", "记录", "字段", "原值", "新值"),
                        tuple((c.at.strftime("%Y-%m-%d %H:%M"), c.user, ACTIONS.get(c.action, c.action),
                               TABLE_WORDS[c.table][0] if c.table in TABLE_WORDS else c.table,
                               FIELD_WORDS[c.field][0] if c.field in FIELD_WORDS else c.field, c.old, c.new)
                              for c in change_history(session, recipient_id) if c.field not in HIDDEN_FIELDS),
                        (0.14, 0.1, 0.08, 0.14, 0.14, 0.2, 0.2)))
    return Dossier(recipient_id, pf.fields.name, village, on, tuple(secs))


def _texts(d: Dossier) -> list[tuple[str, str]]:
    return [(d.name, t) for t in fonts.texts_in((d.name, d.village, d.sections))]


def _flow(d: Dossier) -> list[Flowable]:
    st = styles()
    flow: list[Flowable] = [
        Paragraph("个人信息副本", st["title"]),
        Paragraph(fonts.markup(f"{d.name}　{d.village}　制作日期：{cn_date(d.made_on)}"), st["subtitle"]),
        Paragraph(fonts.markup("依《个人信息保护法》第四十五条，应本人或其监护人的要求提供本单位保存的该人全部信息。"
                               "本文件含完整身份证号，请妥善交付本人或其监护人。"), st["small"]),
        Spacer(1, 3 * mm)]
    font = fonts.chain()[0].name
    for sec in d.sections:
        flow.append(Paragraph(fonts.markup(f"{sec.title}（{len(sec.rows)}）"), st["heading"]))
        data: list[list[object]] = [[Paragraph(fonts.markup(h), st["label"]) for h in sec.header]]
        data += [[Paragraph(fonts.markup(v), st["cell_small"]) for v in row] for row in sec.rows]
        if not sec.rows:
            data.append([Paragraph("（无记录）", st["cell_small"])] + [""] * (len(sec.header) - 1))
        t = Table(data, colWidths=[w * WIDTH for w in sec.widths], repeatRows=1)
        style: list[TableCommand] = [("FONT", (0, 0), (-1, -1), font, 8.5),
                                     ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ececec")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
        if not sec.rows:
            style.append(("SPAN", (0, 1), (-1, 1)))
        t.setStyle(TableStyle(style))
        flow.append(t)
    return flow


def _tables(d: Dossier) -> list[sheets.Table]:
    subtitle = f"{d.name}　{d.village}　制作日期：{sheets.printed_on(d.made_on)}（依《个人信息保护法》第四十五条）"
    out = []
    for sec in d.sections:
        name = sec.title.split("（")[0].replace(" / ", "和").replace("/", "和")[:31]
        out.append(sheets.Table(name=name, title=sec.title, subtitle=subtitle,
                                columns=[sheets.SheetColumn(h, sheets.ID if "身份证" in h else sheets.TEXT)
                                         for h in sec.header],
                                rows=[list(r) for r in sec.rows], freeze_columns=1))
    return out


def export_person(session: Session, recipient_id: str, out: Path, *, on: dt.date | None = None) -> Dossier:
    """Write the person's file (.pdf or .xlsx, by the name's ending) and audit the disclosure."""
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise ValidationError("输出文件：请用 .pdf 或 .xlsx 结尾的文件名。", "The output must end in .pdf or .xlsx.",
                              field="out")
    # The director makes this file for the person who asks (it holds full ID numbers): refused
    # to other roles before anything is written; record_id_disclosure below audits and logs it.
    from app.reports.audit_export import require_disclosure

    require_disclosure(session)
    d = dossier(session, recipient_id, on=on)
    if kind == ".pdf":
        fonts.refuse_unprintable("个人信息副本", _texts(d))
        flow = _flow(d)

        write_pdf(out, flow, title=f"{d.name} 个人信息副本", margins=(16 * mm, 16 * mm, 12 * mm, 16 * mm),
                  footer=footer_always)
    else:
        sheets.write_workbook(out, _tables(d))
    record_id_disclosure(session, document=DOCUMENT, people=1, path=out, recipient_id=recipient_id)
    return d


def section_counts(d: Dossier) -> dict[str, int]:
    return {s.title: len(s.rows) for s in d.sections}

