"""教师结对: each left-behind child at school paired with a teacher, the school file the
teacher keeps (life guidance, counselling, tutoring, education guidance), and the handover
to the guardian when the pupil leaves school."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from app.care.errors import ValidationError
from app.care.programmes import add_school_file_entry, hand_over_on_leaving_school, pair_teacher
from app.care.support import (
    PupilFacts,
    TeacherDetail,
    TeacherPairingRow,
    pupil_facts,
    teacher_detail,
    teacher_pairings,
    unpaired_pupils,
)
from app.models.codes import SchoolFileKind
from app.ui.kit import ERROR_STYLE, Context, FormDialog, code_combo, date_edit, label, line, pydate
from app.ui.picker import RecipientPicker
from app.ui.programmes.common import (
    DIALOG_WIDTH,
    MasterDetailPage,
    date_text,
    recorded_text,
    require_recipient,
    state_text,
)
from app.ui.table import Column

# Usual values offered in an editable list: stored as typed (data, not UI text).
LEAVE_REASONS = ("毕业离校", "转学", "随父母外出就读", "辍学（已报告控辍保学）")


def _pairing_line(row: TeacherPairingRow) -> str:
    return f"{row.child_name}　{row.school} {row.school_class or ''}　{row.teacher_name}".strip()


class PairTeacherDialog(FormDialog):
    """Pick a child by typing; the school and class on the child's record fill in."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.setWindowTitle(self.tr("结对老师"))
        self.recipient = RecipientPicker(ctx)
        self.add_row("recipient", self.tr("留守儿童"), self.recipient)
        self.fields["id"] = self.fields["teacher"] = self.recipient
        self.teacher = self.add_row("name", self.tr("老师姓名"), line())
        self.phone = self.add_row("phone", self.tr("老师电话"), line(self.tr("手机号，可不填")))
        self.school = self.add_row("school", self.tr("学校"), line())
        self.school_class = self.add_row("school_class", self.tr("班级"), line(self.tr("例如：三年级二班，可不填")))
        self.start = self.add_row("start", self.tr("结对日期"), date_edit())
        self.recipient.picked.connect(self._picked)

    def _picked(self, recipient_id: str) -> None:
        self.ctx.background.run(lambda: self.ctx.store.read(pupil_facts, recipient_id), on_done=self._prefill)

    def _prefill(self, facts: PupilFacts) -> None:
        if facts.school and not self.school.text().strip():
            self.school.setText(facts.school)
        if facts.school_class and not self.school_class.text().strip():
            self.school_class.setText(facts.school_class)

    def job(self) -> Callable[[], Any]:
        rid = require_recipient(self.recipient, self.tr("留守儿童"))
        teacher, school = self.teacher.text(), self.school.text()
        phone, klass = self.phone.text().strip() or None, self.school_class.text().strip() or None
        start = pydate(self.start.date())
        return lambda: self.ctx.store.write(pair_teacher, rid, teacher_name=teacher, school=school,
                                            teacher_phone=phone, school_class=klass, start=start)


class SchoolFileDialog(FormDialog):
    def __init__(self, ctx: Context, row: TeacherPairingRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.row = row
        self.setWindowTitle(self.tr("添加在校档案记录"))
        self.add_row(None, self.tr("结对"), QLabel(_pairing_line(row)))
        self.kind = self.add_row("kind", self.tr("关爱内容"), code_combo([k.value for k in SchoolFileKind]))
        self.on = self.add_row("date", self.tr("记录日期"), date_edit())
        self.content = self.add_row("content", self.tr("具体情况"), line(self.tr("例如：与学生谈心，了解学习和生活情况")))
        self.content.setMinimumWidth(360)
        self.content.setFocus()

    def job(self) -> Callable[[], Any]:
        kind, content, on = str(self.kind.currentData()), self.content.text(), pydate(self.on.date())
        return lambda: self.ctx.store.write(add_school_file_entry, self.row.id, kind=kind, content=content, on=on)


class HandoverDialog(FormDialog):
    """The pupil left school: hand over to the guardian; the teacher pairing ends."""

    def __init__(self, ctx: Context, row: TeacherPairingRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.row = row
        self.setWindowTitle(self.tr("离校对接"))
        self.add_row(None, self.tr("结对"), QLabel(_pairing_line(row)))
        self.left_on = self.add_row("date", self.tr("离校日期"), date_edit())
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(list(LEAVE_REASONS))
        self.add_row("reason", self.tr("离校原因"), self.reason)
        self.guardian = QComboBox()
        self.guardian.setEditable(True)
        self.add_row("name", self.tr("对接的监护人"), self.guardian)
        self.handed_over_on = self.add_row("handed_over_on", self.tr("对接日期"), date_edit())
        note = QLabel(self.tr("保存后，与老师的结对结束，该儿童不再记为在校学生。"))
        note.setWordWrap(True)
        self.add_row(None, "", note)
        ctx.background.run(lambda: ctx.store.read(pupil_facts, row.recipient_id), on_done=self._prefill)

    def _prefill(self, facts: PupilFacts) -> None:
        if not self.guardian.currentText().strip():
            self.guardian.addItems(list(facts.guardians))

    def job(self) -> Callable[[], Any]:
        left_on, handed = pydate(self.left_on.date()), pydate(self.handed_over_on.date())
        if handed < left_on:
            raise ValidationError(self.tr("对接日期：早于离校日期，请核对。"), field="handed_over_on")
        reason, guardian = self.reason.currentText(), self.guardian.currentText()
        return lambda: self.ctx.store.write(hand_over_on_leaving_school, self.row.recipient_id, left_on=left_on,
                                            reason=reason, guardian_name=guardian, handed_over_on=handed)


class TeachersPage(MasterDetailPage):
    title = "教师结对"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx, [
            Column(self.tr("留守儿童"), lambda r: r.child_name),
            Column(self.tr("学校"), lambda r: r.school),
            Column(self.tr("班级"), lambda r: r.school_class),
            Column(self.tr("结对老师"), lambda r: r.teacher_name),
            Column(self.tr("老师电话"), lambda r: r.teacher_phone),
            Column(self.tr("结对日期"), lambda r: date_text(r.start_date)),
            Column(self.tr("状态"), lambda r: state_text(r.end_date)),
            Column(self.tr("档案记录"), lambda r: r.entries, align_right=True),
            Column(self.tr("最近记录"), lambda r: date_text(r.last_entry)),
            Column(self.tr("录入"), lambda r: recorded_text(r.recorded)),
        ], warn=lambda r: r.active and r.entries == 0)
        self.detail: TeacherDetail | None = None
        self.add_button(self.tr("结对老师"), self.pair, shortcut="Ctrl+N")
        self.entry_button = self.add_button(self.tr("添加档案记录"), self.add_entry, shortcut="Ctrl+E",
                                            needs_selection=True)
        self.handover_button = self.add_button(self.tr("离校对接"), self.hand_over, needs_selection=True)
        self.active_only = QCheckBox(self.tr("只看正在结对的"))
        self.active_only.toggled.connect(lambda _on: self.reload())
        self.toolbar.addWidget(self.active_only)
        self.toolbar.addStretch(1)
        self.unpaired = QLabel()
        self.unpaired.setStyleSheet(ERROR_STYLE)
        self.toolbar.addWidget(self.unpaired)
        self.entries, _ = self.add_tab(self.tr("在校档案"), [
            Column(self.tr("记录日期"), lambda e: date_text(e.entry_date)),
            Column(self.tr("关爱内容"), lambda e: label(e.kind)),
            Column(self.tr("记录老师"), lambda e: e.recorded_by),
            Column(self.tr("录入"), lambda e: recorded_text(e.recorded)),
            Column(self.tr("具体情况"), lambda e: e.content),
        ])
        self.handovers, _ = self.add_tab(self.tr("离校对接"), [
            Column(self.tr("离校日期"), lambda h: date_text(h.left_on)),
            Column(self.tr("离校原因"), lambda h: h.reason),
            Column(self.tr("对接的监护人"), lambda h: h.guardian_name),
            Column(self.tr("对接日期"), lambda h: date_text(h.handed_over_on)),
            Column(self.tr("录入"), lambda h: recorded_text(h.recorded)),
        ])

    # ---- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        super().reload()
        code = self.ctx.office.code
        self.ctx.background.run(lambda: self.ctx.store.read(unpaired_pupils, code), on_done=self._show_unpaired,
                                parent=self)

    def _show_unpaired(self, n: int) -> None:
        self.unpaired.setText(self.tr("还有 {n} 名在校留守儿童没有结对老师").format(n=n) if n else "")

    def rows_job(self) -> Callable[[], Sequence[Any]]:
        code, active = self.ctx.office.code, self.active_only.isChecked()
        return lambda: self.ctx.store.read(teacher_pairings, code, active_only=active)

    def detail_job(self, row: TeacherPairingRow) -> Callable[[], Any]:
        return lambda: self.ctx.store.read(teacher_detail, row.id)

    def count_text(self, rows: Sequence[TeacherPairingRow]) -> str:
        active = sum(1 for r in rows if r.active)
        return self.tr("共 {n} 条结对，其中正在结对 {active} 条（无档案记录的标红）").format(n=len(rows), active=active)

    def selection_changed(self, row: TeacherPairingRow | None) -> None:
        active = row is not None and row.active
        self.entry_button.setEnabled(active)
        self.handover_button.setEnabled(active)

    def show_detail(self, row: TeacherPairingRow, detail: TeacherDetail) -> None:
        self.detail = detail
        self.detail_title.setText(self.tr("{child}　{school} {klass}　结对老师：{teacher} {phone}　{state}　档案记录 {n} 条")
                                  .format(child=row.child_name, school=row.school, klass=row.school_class or "",
                                          teacher=row.teacher_name, phone=row.teacher_phone or "",
                                          state=state_text(row.end_date), n=len(detail.entries)))
        self.entries.set_rows(detail.entries)
        self.handovers.set_rows([detail.handover] if detail.handover else [])

    def clear_detail(self) -> None:
        super().clear_detail()
        self.detail = None
        self.entries.set_rows([])
        self.handovers.set_rows([])

    # ---- actions ------------------------------------------------------------------------------
    def primary_action(self) -> None:
        self.add_entry()

    def _row(self) -> TeacherPairingRow | None:
        row = self.current_row()
        return row if isinstance(row, TeacherPairingRow) and row.active else None

    def pair(self) -> None:
        dialog = PairTeacherDialog(self.ctx, self)
        dialog.on_saved = lambda pairing_id: self.select_id(str(pairing_id))
        self.open_dialog(dialog)

    def add_entry(self) -> None:
        row = self._row()
        if row is not None:
            self.open_dialog(SchoolFileDialog(self.ctx, row, self))

    def hand_over(self) -> None:
        row = self._row()
        if row is not None:
            self.open_dialog(HandoverDialog(self.ctx, row, self))
