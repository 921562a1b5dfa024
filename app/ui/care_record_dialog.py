"""A care record opened from 关爱记录: what was recorded, its photos and its follow-up; a mistake
corrected (the old values stay in the audit trail, with the reason) or the record voided with a
reason; a photo attached by mistake removed with a reason (app/care/corrections.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.ui.i18n import ui_language
from app.ui.kit import ERROR_STYLE, Context, date_edit, label, pydate, translate


def tr(text: str) -> str:
    return translate("CareRecord", text)


class CareRecordDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None, record_id: str) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, record_id
        self.view: Any = None
        self.setWindowTitle(tr("关爱记录"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.heading = QLabel(tr("正在读取……"))
        self.heading.setStyleSheet("font-weight: bold")
        layout.addWidget(self.heading)
        form = QFormLayout()
        self.date = date_edit()
        self.note = QLineEdit()
        self.problems = QLineEdit()
        self.findings = QLineEdit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("更正或作废都要写明原因，会留在修改记录里"))
        form.addRow(tr("日期"), self.date)
        form.addRow(tr("内容"), self.note)
        form.addRow(tr("发现的问题"), self.problems)
        form.addRow(tr("走访所见"), self.findings)
        self.follow = QLabel()
        self.follow.setWordWrap(True)
        form.addRow(tr("跟进事项"), self.follow)
        self.photos = QListWidget()
        self.photos.setMaximumHeight(110)
        form.addRow(tr("照片与附件"), self.photos)
        self.remove_photo = QPushButton(tr("删除所选附件…"))
        self.remove_photo.clicked.connect(self.remove_attachment)
        form.addRow("", self.remove_photo)
        form.addRow(tr("原因"), self.reason)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.correct_button = buttons.addButton(tr("保存更正"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.void_button = buttons.addButton(tr("作废这条记录"), QDialogButtonBox.ButtonRole.DestructiveRole)
        close = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.correct_button.clicked.connect(self.correct)
        self.void_button.clicked.connect(self.void)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        from app.care.corrections import care_record_view

        rid = self.record_id
        self.ctx.background.run(lambda: self.ctx.store.read(care_record_view, rid), on_done=self._show,
                                on_error=self._failed, parent=self)

    def _show(self, v: Any) -> None:
        self.view = v
        reached = "" if v.reached is None else (tr("（接通）") if v.reached else tr("（未接通）"))
        self.heading.setText(tr("{kind}{reached}　记录人：{who}").format(kind=label(v.kind), reached=reached,
                                                                     who=v.visitors or v.recorded_by))
        self.date.setDate(v.occurred_on)
        for box, value in ((self.note, v.note), (self.problems, v.problems), (self.findings, v.findings)):
            box.setText(value or "")
        self.follow.setText("\n".join(
            tr("{problem}（{person}，{due} 前；{status}）").format(
                problem=f.problem, person=f.person, due=f.due_on.isoformat(),
                status=tr("已处置：") + (f.close_note or "") if f.status == "closed" else tr("未处置"))
            for f in v.follow_ups) or tr("无"))
        self.photos.clear()
        for a in v.attachments:
            item = QListWidgetItem(a.caption or a.file_name)
            item.setData(256, a.id)
            self.photos.addItem(item)
        self.remove_photo.setEnabled(bool(v.attachments))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20")
        self.message.setText(text)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ServiceError):
            self._say(error.message(ui_language()), error=True)
        else:
            from app.ui.background import show_error

            show_error(self, error)

    def _write(self, job: Any, done_text: str, *, close: bool = False) -> None:
        def done(_result: Any) -> None:
            self.ctx.hub.changed.emit()
            self._say(done_text)
            if close:
                self.accept()
            else:
                self.load()

        self.ctx.background.run(job, on_done=done, on_error=self._failed, parent=self, label=tr("正在保存……"))

    def correct(self) -> None:
        from app.care.corrections import correct_care_record

        if self.view is None:
            return
        v = self.view
        changes: dict[str, Any] = {}
        on = pydate(self.date.date())
        if on != v.occurred_on:
            changes["occurred_on"] = on
        for field, box in (("note", self.note), ("problems", self.problems), ("findings", self.findings)):
            if box.text().strip() != (getattr(v, field) or ""):
                changes[field] = box.text()
        rid, reason = self.record_id, self.reason.text()
        self._write(lambda: self.ctx.store.write(correct_care_record, rid, reason=reason, **changes),
                    tr("已更正；原来的内容留在修改记录里。"))

    def void(self) -> None:
        from app.care.corrections import void_care_record

        rid, reason = self.record_id, self.reason.text()
        self._write(lambda: self.ctx.store.write(void_care_record, rid, reason=reason),
                    tr("已作废。"), close=True)

    def ask_reason(self) -> str | None:
        text, ok = QInputDialog.getText(self, tr("删除附件"), tr("删除的原因（会留在修改记录里）："))
        return text if ok else None

    def remove_attachment(self) -> None:
        from app.care.corrections import remove_attachment

        item = self.photos.currentItem()
        if item is None:
            self._say(tr("请先选中要删除的附件。"), error=True)
            return
        reason = self.ask_reason()
        if reason is None:
            return
        aid = str(item.data(256))
        self._write(lambda: self.ctx.store.write(remove_attachment, aid, reason=reason), tr("附件已删除。"))
