"""责任分工: the five responsibilities the village assigns for recipients who cannot look
after themselves (family and temporary guardianship, mandatory reporting, keeping children
in school, household registration): who holds each, from when, and ending one."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from app.care import registers as rg
from app.care.programmes import assign_responsibility, end_responsibility
from app.care.registers import Listing, PersonRef, ResponsibilityRow
from app.models.codes import ResponsibilityKind
from app.ui.kit import Context, FormDialog, code_combo, date_edit, label, line, pydate
from app.ui.picker import RecipientPicker
from app.ui.programmes.registers_common import RegisterPage, grow, iso, refuse
from app.ui.table import Column


class AssignDialog(FormDialog):
    """Name the person who holds one of the five responsibilities for a recipient."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *,
                 recipient: tuple[str, str] | None = None, kind: str | None = None) -> None:
        super().__init__(ctx, self.tr("指定关爱责任人"), parent)
        self.recipient = RecipientPicker(ctx)
        if recipient is not None:
            self.recipient.set_recipient(*recipient)
        self.add_row("recipient", self.tr("关爱对象"), self.recipient)
        self.kind: QComboBox = grow(code_combo(list(ResponsibilityKind), empty=self.tr("（请选择）")))
        if kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.add_row("kind", self.tr("责任类别"), self.kind)
        self.person = self.add_row("name", self.tr("责任人姓名"), line(self.tr("如：龙德明")))
        self.phone = self.add_row("phone", self.tr("责任人电话"), line(self.tr("手机或座机")))
        self.role = self.add_row("role", self.tr("身份或关系"), line(self.tr("如：祖父、村福利主任、班主任")))
        self.start = self.add_row("date", self.tr("开始日期"), date_edit())
        self.resize(520, self.sizeHint().height())
        (self.person if recipient is not None else self.recipient).setFocus()

    def job(self) -> Callable[[], Any]:
        rid = self.recipient.recipient_id
        if rid is None:
            raise refuse(self.tr("关爱对象：请输入姓名或拼音首字母，并从下拉列表中选择一人。"), "recipient")
        kind = self.kind.currentData()
        if kind is None:
            raise refuse(self.tr("责任类别：请选择五类责任中的一类。"), "kind")
        kwargs = {"kind": kind, "person_name": self.person.text(), "person_phone": self.phone.text().strip() or None,
                  "person_role": self.role.text().strip() or None, "start": pydate(self.start.date())}
        return lambda: self.ctx.store.write(assign_responsibility, rid, **kwargs)


class EndDialog(FormDialog):
    """End a responsibility on a date (it stays in the history)."""

    def __init__(self, ctx: Context, row: ResponsibilityRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("结束关爱责任"), parent)
        self.row = row
        self.add_row(None, self.tr("责任"), QLabel(self.tr("{name}的{kind}，责任人 {person}（{start} 起）").format(
            name=row.name, kind=label(row.kind), person=row.person_name, start=iso(row.start_date))))
        self.on = self.add_row("date", self.tr("结束日期"), date_edit(allow_future=True))
        self.resize(480, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        rid, on = self.row.id, pydate(self.on.date())
        return lambda: self.ctx.store.write(end_responsibility, rid, on=on)


class ResponsibilitiesPage(RegisterPage):
    title = "责任分工"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.search = self.search_edit(self.tr("搜索：姓名、拼音首字母或身份证号后几位"))
        self.kind = code_combo(list(ResponsibilityKind), empty=self.tr("全部责任类别"))
        self.state = QComboBox()
        self.state.addItem(self.tr("当前在任"), "current")
        self.state.addItem(self.tr("已结束"), "ended")
        self.state.addItem(self.tr("全部"), None)
        for box in (self.kind, self.state):
            box.currentIndexChanged.connect(lambda _i: self.reload())
            self.filters.addWidget(box)
        self.assign_button = self.button(self.tr("指定责任人(&N)"), self.assign, "Ctrl+N")
        self.end_button = self.button(self.tr("结束责任(&E)"), self.end, "Ctrl+E", needs_row=True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.linkActivated.connect(self._assign_for)

    def make_columns(self) -> list[Column]:
        return [Column(self.tr("关爱对象"), lambda r: r.name),
                Column(self.tr("责任类别"), lambda r: label(r.kind)),
                Column(self.tr("责任人"), lambda r: r.person_name),
                Column(self.tr("电话"), lambda r: r.person_phone),
                Column(self.tr("身份或关系"), lambda r: r.person_role),
                Column(self.tr("开始"), lambda r: iso(r.start_date)),
                Column(self.tr("结束"), lambda r: iso(r.end_date))]

    def listing_job(self) -> Callable[[], Listing[ResponsibilityRow]]:
        search, kind, state = self.search.text(), self.kind.currentData(), self.state.currentData()
        return lambda: self.ctx.store.read(rg.list_responsibilities, search=search, kind=kind, state=state)

    def reload(self) -> None:
        super().reload()
        self.ctx.background.run(lambda: self.ctx.store.read(rg.without_responsibility),
                                on_done=self._show_gaps, parent=self)

    def _show_gaps(self, people: list[PersonRef]) -> None:
        self._gaps = {p.id: p.name for p in people}
        links = "、".join(f"<a href='{html.escape(p.id)}'>{html.escape(p.name)}</a>" for p in people)
        self.notice.setText(self.tr("不能自理、尚未落实责任的对象（点姓名即可指定）：{names}").format(names=links))
        self.notice.setVisible(bool(people))

    def detail_pairs(self, row: ResponsibilityRow) -> list[tuple[str, Any]]:
        state = self.tr("已结束") if row.ended(dt.date.today()) else self.tr("在任")
        return [(self.tr("关爱对象"), row.name), (self.tr("责任类别"), label(row.kind)),
                (self.tr("责任人"), row.person_name), (self.tr("电话"), row.person_phone),
                (self.tr("身份或关系"), row.person_role), (self.tr("开始日期"), iso(row.start_date)),
                (self.tr("结束日期"), iso(row.end_date)), (self.tr("状态"), state)]

    def row_allows(self, button: QPushButton, row: ResponsibilityRow) -> bool:
        return not row.ended(dt.date.today())

    def assign(self) -> None:
        self.open_dialog(AssignDialog(self.ctx, self))

    def _assign_for(self, recipient_id: str) -> None:
        name = getattr(self, "_gaps", {}).get(recipient_id, "")
        self.open_dialog(AssignDialog(self.ctx, self, recipient=(recipient_id, name)))

    def end(self) -> None:
        row = self.selected()
        if row is not None and not row.ended(dt.date.today()):
            self.open_dialog(EndDialog(self.ctx, row, self))
