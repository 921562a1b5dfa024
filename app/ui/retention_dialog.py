"""文件 › 保存期满的信息…: the people whose retention period has ended (or ends within 30
days), before anything is removed — the report of app.care.retention.due — and, at a
village, the deliberate action that removes their sensitive fields. It first says how many
people of which villages and what will be removed, and asks; nothing is removed unasked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit import Context, label


class RetentionDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self.plan: Any = None
        self.setWindowTitle(self.tr("保存期满的信息"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # a few dozen people at most: a plain table widget is enough here
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("到期日"), self.tr("村"), self.tr("姓名"),
                                              self.tr("类别"), self.tr("退出日期")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("删除已到期对象的敏感信息…"))
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.confirm_and_apply)
        bar.addWidget(self.apply_button)
        bar.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        bar.addWidget(buttons)
        layout.addLayout(bar)
        self.load()

    def load(self) -> None:
        from app.care import retention

        def both(s: Any) -> tuple[Any, Any]:
            return retention.due(s, on=self.today, within_days=retention.SOON_DAYS), retention.plan(s, on=self.today)

        self.apply_button.setEnabled(False)
        self.ctx.background.run(lambda: self.ctx.store.read(both), on_done=self._loaded, parent=self)

    def _loaded(self, result: tuple[list[Any], Any]) -> None:
        from app.care.retention import SOON_DAYS

        rows, plan = result
        self.plan = plan
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            due = r.due_on.isoformat() + ("" if r.overdue else self.tr("（将到期）"))
            cats = "、".join(label(c) for c in r.categories)
            for j, v in enumerate((due, r.village_name, r.name, cats, r.exited_on.isoformat())):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        text = self.tr("县里规定：对象退出满 {years} 年后删除其身份证号、姓名、电话、住址、疾病、残疾等敏感信息以及"
                       "家庭成员和监护人的个人信息，只保留类别、村和日期用于统计。已到期 {due} 人；"
                       "另列出 {soon} 天内将到期的。").format(years=plan.years, due=plan.people, soon=SOON_DAYS)
        if not plan.removable:
            text += self.tr("删除由对象所在村的福利主任执行，删除后随村里的数据包报上来；这里只能查看。")
        self.summary.setText(text)
        self.apply_button.setEnabled(plan.removable and plan.people > 0)

    def question(self) -> str:
        """What the removal will change, in words: how many, which villages, which fields."""
        p = self.plan
        where = "、".join(self.tr("{name} {n} 人").format(name=name, n=n) for _c, name, n in p.villages[:8])
        if len(p.villages) > 8:
            where += self.tr(" 等 {n} 个村").format(n=len(p.villages))
        return self.tr("将删除退出已满 {years} 年的 {n} 人（{where}）的身份证号、姓名、电话、住址、民族、疾病、"
                       "残疾、自理和劳动能力、学校、备注，以及他们家庭成员和监护人的个人信息；出生日期只保留年份。\n\n"
                       "类别、村、日期和关爱记录保留，统计数字不变。修改记录只写明删除了哪些项，不保留原值。"
                       "删除会随下一个数据包报给乡镇和县，由它们一并删除。\n\n此操作不能撤销。确定删除吗？").format(
            years=p.years, n=p.people, where=where)

    def confirm_and_apply(self) -> None:
        if self.plan is None or not self.plan.removable or self.plan.people == 0:
            return
        answer = QMessageBox.question(self, self.tr("删除保存期满的信息"), self.question(),
                                      buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      defaultButton=QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        from app.care import retention

        people = self.plan.people
        self.apply_button.setEnabled(False)
        self.ctx.background.run(
            lambda: self.ctx.store.write(retention.apply, on=self.today, expected=people),
            on_done=self._applied, parent=self, label=self.tr("正在删除保存期满的信息…"))

    def _applied(self, done: Any) -> None:
        self.ctx.hub.changed.emit()
        self.summary.setText(self.tr("已匿名 {n} 人。").format(n=done.people))
        self.load()
