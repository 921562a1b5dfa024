"""Closing a follow-up item (随访事项) from the work bench: the date and what was done
(app.care.followups.close_follow_up). The item stays on the task list until then."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.care.followups import close_follow_up
from app.care.tasks import Task
from app.ui.kit import Context, FormDialog, date_edit, line, pydate


class CloseFollowUpDialog(FormDialog):
    def __init__(self, ctx: Context, task: Task, who: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("随访事项处置完毕"), parent)
        self.item_id = task.item_id or ""
        self.add_row(None, self.tr("关爱对象"), line(text=who)).setEnabled(False)
        self.add_row(None, self.tr("发现的问题"), line(text=task.detail or "")).setEnabled(False)
        self.add_row(None, self.tr("处置期限"), line(text=task.due.isoformat())).setEnabled(False)
        self.date = self.add_row("date", self.tr("处置日期"), date_edit())
        self.note = self.add_row("note", self.tr("处置情况"), line(self.tr("做了什么，结果如何")))
        self.resize(520, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        item_id, on, note = self.item_id, pydate(self.date.date()), self.note.text()
        return lambda: self.ctx.store.write(close_follow_up, item_id, on=on, note=note)
