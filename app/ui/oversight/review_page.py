"""审核队列: the reported recipients of this township or county waiting for each department's
review and the county's decision, longest wait first, with the days waited (over 30 days
tinted). Several are chosen at once (Ctrl/Shift-click, Ctrl+A) and decided in a dialog that
says how many it will change; the batch is one transaction (app/oversight/review.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.codes import Department
from app.oversight.review import (
    WAITING_DAYS,
    QueueItem,
    confirm_many,
    decide_reviews,
    reject_many,
    review_queue,
)
from app.ui.kit import Context, FormDialog, code_combo, date_edit, label, line, pydate
from app.ui.programmes.common import TablePage, table_view
from app.ui.programmes.registers_common import grow, refuse
from app.ui.table import Column, RowsModel


class DecideDialog(FormDialog):
    """One decision for the recipients chosen: a department's review (approve or reject), the
    county's confirmation, or its rejection; one document number and date for all."""

    def __init__(self, ctx: Context, items: list[QueueItem], step: str, parent: QWidget | None = None) -> None:
        titles = {"review": self.tr("部门审核"), "confirm": self.tr("县里确定"), "reject": self.tr("不予确定")}
        super().__init__(ctx, titles[step], parent)
        self.items, self.step = items, step
        names = "、".join(i.name for i in items[:8]) + ("……" if len(items) > 8 else "")
        self.summary = QLabel(self.tr("将对选中的 {n} 人作出同一决定：{names}").format(n=len(items), names=names))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold; padding-bottom: 6px;")
        self.form.insertRow(0, self.summary)
        self.department: QComboBox | None = None
        self.decision: QComboBox | None = None
        if step == "review":
            pending = [d.value for d in Department if any(d.value in i.pending for i in items)]
            self.department = grow(code_combo(pending or [d.value for d in Department]))
            self.add_row("department", self.tr("审核部门"), self.department)
            self.decision = grow(code_combo(["approve", "reject"]))
            self.add_row("decision", self.tr("审核意见"), self.decision)
        self.doc_no = self.add_row("doc_no", self.tr("文号"), line(self.tr("如：黎民审〔2026〕12号")))
        self.on = self.add_row("date", self.tr("日期"), date_edit())
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("不同意或不予确定时必须填写；原因会随数据包发回村里"))
        self.reason.setFixedHeight(70)
        if step != "confirm":
            self.add_row("reason", self.tr("原因"), self.reason)
        self.save_button.setText(self.tr("确认，改动 {n} 人").format(n=len(items)))
        self.resize(560, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        ids = [i.id for i in self.items]
        doc = self.doc_no.text().strip()
        if not doc:
            raise refuse(self.tr("文号：请填写县里决定的文号。"), "doc_no")
        on = pydate(self.on.date())
        reason = self.reason.toPlainText().strip() or None
        store = self.ctx.store
        if self.step == "review":
            assert self.department is not None and self.decision is not None
            dept, decision = self.department.currentData(), self.decision.currentData()
            return lambda: store.write(decide_reviews, ids, department=dept, decision=decision, doc_no=doc,
                                       reason=reason, on=on)
        if self.step == "confirm":
            return lambda: store.write(confirm_many, ids, doc_no=doc, on=on)
        return lambda: store.write(reject_many, ids, doc_no=doc, reason=reason, on=on)


class ReviewQueuePage(TablePage):
    title = "审核队列"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.department = code_combo([d.value for d in Department], empty=self.tr("全部部门"))
        self.department.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(QLabel(self.tr("等待：")))
        bar.addWidget(self.department)
        bar.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for step, text in (("review", self.tr("部门审核…")), ("confirm", self.tr("县里确定…")),
                           ("reject", self.tr("不予确定…"))):
            button = QPushButton(text)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, s=step: self.decide(s))
            bar.addWidget(button)
            self.buttons[step] = button
        outer.addLayout(bar)
        self.hint = QLabel(self.tr("按住 Ctrl 或 Shift 点选多人，Ctrl+A 全选；超过 {days} 天的标红。").format(days=WAITING_DAYS))
        self.hint.setStyleSheet("color: #555;")
        outer.addWidget(self.hint)
        self.model = RowsModel([
            Column(self.tr("姓名"), lambda q: q.name),
            Column(self.tr("村"), lambda q: q.village_name or q.village_code),
            Column(self.tr("类别"), lambda q: "、".join(label(c) for c in q.categories)),
            Column(self.tr("上报日期"), lambda q: q.reported_on.isoformat()),
            Column(self.tr("已等天数"), lambda q: q.days_waiting, align_right=True),
            Column(self.tr("已审核"), lambda q: "、".join(f"{label(d)}{label(x)}" for d, x in q.reviews)),
            Column(self.tr("等待"), lambda q: "、".join(label(d) for d in q.pending) or self.tr("县里决定")),
        ], self, warn=lambda q: q.overdue)
        self.view = table_view(self.model, self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        outer.addWidget(self.view, 1)
        self.count_label = QLabel()
        outer.addWidget(self.count_label)

    def reload(self) -> None:
        dept = self.department.currentData()
        self.ctx.background.run(lambda: self.ctx.store.read(review_queue, department=dept),
                                on_done=self._loaded, parent=self)

    def _loaded(self, items: list[QueueItem]) -> None:
        self.model.set_rows(items)
        late = sum(1 for q in items if q.overdue)
        self.count_label.setText(self.tr("共 {n} 人等待审核或决定，其中 {late} 人超过 {days} 天").format(
            n=len(items), late=late, days=WAITING_DAYS))
        self.fit_once(items)
        self._selection_changed()

    def selected(self) -> list[QueueItem]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.buttons["review"].setEnabled(any(q.pending for q in chosen))
        self.buttons["confirm"].setEnabled(bool(chosen) and all(not q.pending and not q.refused_by for q in chosen))
        self.buttons["reject"].setEnabled(bool(chosen))

    def decide(self, step: str) -> DecideDialog | None:
        chosen = self.selected()
        if not chosen:
            return None
        return self.open_dialog(DecideDialog(self.ctx, chosen, step, self))
