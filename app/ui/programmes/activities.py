"""关爱活动: talks on health, safety and law, free health checks, skills training, cultural
and sports events — each event, and which of the recipients attended it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.care import registers as rg
from app.care.programmes import record_attendance
from app.care.registers import ActivityRow, AttendeeRow, Listing
from app.models.codes import ActivityKind
from app.ui.kit import Context, FormDialog, code_combo, date_edit, label, line, pydate
from app.ui.picker import RecipientPicker
from app.ui.programmes.registers_common import RegisterPage, grow, iso, refuse, table_view
from app.ui.table import Column, RowsModel


@dataclass(frozen=True)
class Chosen:
    id: str
    text: str


class _EnterAdds(QObject):
    """In the attendee search, Enter picks a person; it must not save the whole form."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            event.accept()
            return True
        return False


class AttendeeList(QWidget):
    """Several recipients chosen one after another: search, pick, the list grows."""

    changed = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.picker = RecipientPicker(ctx)
        self.picker.setPlaceholderText(self.tr("输入姓名或拼音首字母，从列表中选中即加入；可连续添加"))
        self._enter = _EnterAdds(self)
        self.picker.installEventFilter(self._enter)
        self.picker.picked.connect(self._add)
        layout.addWidget(self.picker)
        self.model = RowsModel([Column(self.tr("已选参加人员"), lambda c: c.text)], self)
        self.view = table_view(self.model)
        self.view.setMinimumHeight(150)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.count = QLabel()
        row.addWidget(self.count, 1)
        self.remove_button = QPushButton(self.tr("移除选中的人"))
        self.remove_button.clicked.connect(self._remove)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self._update()

    def ids(self) -> list[str]:
        return [c.id for c in self.model.rows]

    def _add(self, recipient_id: str) -> None:
        if recipient_id not in self.ids():
            self.model.set_rows([*self.model.rows, Chosen(recipient_id, self.picker.text())])
        self.picker.clear()
        self.picker.recipient_id = None
        self._update()

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            rows = list(self.model.rows)
            del rows[index.row()]
            self.model.set_rows(rows)
            self._update()

    def _update(self) -> None:
        n = len(self.model.rows)
        self.count.setText(self.tr("已选 {n} 人").format(n=n))
        self.remove_button.setEnabled(n > 0)
        self.changed.emit()


class ActivityDialog(FormDialog):
    """Record an activity and, if known now, who attended."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("新增关爱活动"), parent)
        self.kind: QComboBox = grow(code_combo(list(ActivityKind), empty=self.tr("（请选择）")))
        self.add_row("kind", self.tr("活动类别"), self.kind)
        self.title = self.add_row("title", self.tr("活动名称"), line(self.tr("如：防溺水安全教育进村")))
        self.held_on = self.add_row("date", self.tr("活动日期"), date_edit())
        self.place = self.add_row("place", self.tr("地点"), line(self.tr("如：村委会、乡镇综合文化站")))
        self.organizer = self.add_row("organizer", self.tr("组织者"), line(self.tr("如：镇卫生院、县司法局、村福利主任")))
        self.attendees = AttendeeList(ctx)
        self.add_row("attendees", self.tr("参加的关爱对象"), self.attendees)
        self.resize(620, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        kind = self.kind.currentData()
        if kind is None:
            raise refuse(self.tr("活动类别：请选择活动类别。"), "kind")
        kwargs = {"kind": kind, "title": self.title.text(), "held_on": pydate(self.held_on.date()),
                  "place": self.place.text().strip() or None, "organizer": self.organizer.text().strip() or None,
                  "recipient_ids": self.attendees.ids()}
        return lambda: self.ctx.store.write(rg.add_activity_with_attendance, **kwargs)


class AttendanceDialog(FormDialog):
    """Add people to an activity's attendance (someone already recorded is not added twice)."""

    def __init__(self, ctx: Context, row: ActivityRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("登记参加人员"), parent)
        self.row = row
        self.add_row(None, self.tr("活动"), QLabel(self.tr("{date}　{title}（{kind}），已登记 {n} 人").format(
            date=iso(row.held_on), title=row.title, kind=label(row.kind), n=row.attended)))
        self.attendees = AttendeeList(ctx)
        self.add_row("attendees", self.tr("参加的关爱对象"), self.attendees)
        self.resize(600, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        ids = self.attendees.ids()
        if not ids:
            raise refuse(self.tr("参加的关爱对象：请至少添加一人（输入姓名后从列表中选择）。"), "attendees")
        activity_id = self.row.id
        return lambda: self.ctx.store.write(record_attendance, activity_id, ids)


class ActivitiesPage(RegisterPage):
    title = "关爱活动"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.kind = code_combo(list(ActivityKind), empty=self.tr("全部活动类别"))
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.filters.addWidget(self.kind)
        self.search = self.search_edit(self.tr("搜索活动名称或地点"))
        self.add_button = self.button(self.tr("新增活动(&N)"), self.add, "Ctrl+N")
        self.attend_button = self.button(self.tr("登记参加人员(&A)"), self.attend, "Ctrl+R", needs_row=True)
        self.attendee_model = RowsModel([Column(self.tr("姓名"), lambda a: a.name),
                                         Column(self.tr("身份证号"), lambda a: a.id_number_masked),
                                         Column(self.tr("关爱类别"), lambda a: "、".join(label(c) for c in a.categories))],
                                        self)
        self.attendee_view = table_view(self.attendee_model)
        self.attendee_label = QLabel(self.tr("参加人员"))
        self.attendee_label.setStyleSheet("font-weight: bold")
        self.detail_box.addWidget(self.attendee_label)
        self.detail_box.addWidget(self.attendee_view, 2)
        self._attendee_seq = 0

    def make_columns(self) -> list[Column]:
        return [Column(self.tr("活动日期"), lambda r: iso(r.held_on)),
                Column(self.tr("活动类别"), lambda r: label(r.kind)),
                Column(self.tr("活动名称"), lambda r: r.title),
                Column(self.tr("地点"), lambda r: r.place),
                Column(self.tr("参加人数"), lambda r: r.attended, align_right=True),
                Column(self.tr("组织者"), lambda r: r.organizer)]

    def listing_job(self) -> Callable[[], Listing[ActivityRow]]:
        kind, search = self.kind.currentData(), self.search.text()
        return lambda: self.ctx.store.read(rg.list_activities, kind=kind, search=search)

    def detail_pairs(self, row: ActivityRow) -> list[tuple[str, Any]]:
        return [(self.tr("活动名称"), row.title), (self.tr("活动类别"), label(row.kind)),
                (self.tr("活动日期"), iso(row.held_on)), (self.tr("地点"), row.place),
                (self.tr("组织者"), row.organizer), (self.tr("参加人数"), row.attended)]

    def row_changed(self, row: ActivityRow | None) -> None:
        self._attendee_seq += 1
        seq = self._attendee_seq
        if row is None:
            self.attendee_model.set_rows([])
            return
        activity_id = row.id
        self.ctx.background.run(lambda: self.ctx.store.read(rg.activity_attendees, activity_id),
                                on_done=lambda rows: self._show_attendees(seq, rows), parent=self)

    def _show_attendees(self, seq: int, rows: list[AttendeeRow]) -> None:
        if seq == self._attendee_seq:
            self.attendee_model.set_rows(rows)
            self.attendee_view.resizeColumnsToContents()

    def add(self) -> None:
        self.open_dialog(ActivityDialog(self.ctx, self))

    def attend(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(AttendanceDialog(self.ctx, row, self))

    def open_row(self, row: ActivityRow | None) -> None:
        if row is not None:
            self.attend()
