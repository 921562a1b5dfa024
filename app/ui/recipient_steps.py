"""The life-cycle steps of the recipient form: report, review, confirm, reject, exit, each
asking for what the step needs (department and decision, a reason, the county's document
number when its decision is entered below the county) and written through
app.care.lifecycle in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.care import lifecycle
from app.care.profile import LifecycleView
from app.ui.kit import Context, FormDialog, code_combo, date_edit, label, pydate, qdate, translate


def step_text(step: str) -> str:
    texts = {"report": translate("StepDialog", "上报县里审核"),
             "review": translate("StepDialog", "录入部门审核意见"),
             "confirm": translate("StepDialog", "确定为关爱对象"),
             "reject": translate("StepDialog", "不予确定"),
             "exit": translate("StepDialog", "退出关爱")}
    return texts.get(step, label(step))


class StepDialog(FormDialog):
    """One life-cycle step, asking for what the step needs: the department and its decision
    for a review, a reason to reject or exit, the county's document number when a county
    decision is entered below the county, and the date."""

    def __init__(self, ctx: Context, parent: QWidget, recipient_id: str, step: str,
                 view: LifecycleView, name: str) -> None:
        super().__init__(ctx, translate("StepDialog", "{step}：{name}").format(step=label(step), name=name), parent)
        self.recipient_id, self.step = recipient_id, step
        intro = {"report": self.tr("上报后，由县民政局会同相关部门审核。"),
                 "review": self.tr("录入县里各部门的审核意见；各相关部门都审核后才能确定。"),
                 "confirm": self.tr("确定后，此人列入关爱对象名册，开始“四个一”关爱。"),
                 "reject": self.tr("不予确定须写明原因；补充材料后可以重新上报。"),
                 "exit": self.tr("退出后不再安排关爱，历史记录全部保留。")}[step]
        self.setMinimumWidth(480)  # the explanation on one line, the refusals on few
        note = QLabel(intro)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.department: QComboBox | None = None
        self.decision: QComboBox | None = None
        self.reason: QLineEdit | QComboBox | None = None
        self.doc_no: QLineEdit | None = None
        if step == "review":
            self.department = self.add_row("department", self.tr("审核部门"),
                                           code_combo(list(view.pending_departments)))
            self.decision = QComboBox()
            self.decision.addItem(self.tr("同意"), "approve")
            self.decision.addItem(self.tr("不同意"), "reject")
            self.add_row("decision", self.tr("审核意见"), self.decision)
        if step in ("review", "reject"):
            self.reason = self.add_row("reason", self.tr("原因") if step == "reject" else self.tr("原因（不同意时必填）"),
                                       QLineEdit())
        if step == "exit":
            box = QComboBox()
            box.setEditable(True)
            box.addItems(["", self.tr("年满16周岁"), self.tr("父母返乡，不再留守"), self.tr("迁出本村"),
                          self.tr("已去世"), self.tr("情况好转，不再符合条件")])
            self.reason = self.add_row("reason", self.tr("退出原因"), box)
        if view.needs_doc_no and step in ("review", "confirm", "reject"):
            self.doc_no = self.add_row("doc_no", self.tr("县里决定的文号"), QLineEdit())
            self.doc_no.setPlaceholderText(self.tr("如 民发〔2026〕12号"))
        self.on = self.add_row("date", self.tr("日期"), date_edit())
        self.on.setMinimumDate(qdate(view.status_date))
        self.save_button.setText(step_text(step))

    def _reason(self) -> str | None:
        if isinstance(self.reason, QComboBox):
            return self.reason.currentText()
        return self.reason.text() if self.reason is not None else None

    def job(self) -> Callable[[], Any]:
        store, rid, on = self.ctx.store, self.recipient_id, pydate(self.on.date())
        reason, doc = self._reason(), self.doc_no.text() if self.doc_no else None
        if self.step == "report":
            return lambda: store.write(lifecycle.report, rid, on=on)
        if self.step == "review":
            assert self.department is not None and self.decision is not None
            dept, decision = self.department.currentData(), self.decision.currentData()
            return lambda: store.write(lifecycle.review, rid, department=dept, decision=decision,
                                       reason=reason, on=on, doc_no=doc)
        if self.step == "confirm":
            return lambda: store.write(lifecycle.confirm, rid, doc_no=doc, on=on)
        if self.step == "reject":
            return lambda: store.write(lifecycle.reject, rid, reason=reason, doc_no=doc, on=on)
        return lambda: store.write(lifecycle.exit_care, rid, reason=reason, on=on)
