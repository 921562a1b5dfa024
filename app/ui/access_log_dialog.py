"""查阅记录 (文件 › 查阅记录…): the access log of this office and of the offices below it (their
entries arrive with their bundles) — who opened a minor's or a disabled person's record,
revealed, printed or exported full ID numbers, imported a roster, signed in or failed to —
filterable by person, user and day (app/protection/access_log.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.cli_access import local_time
from app.protection.access_log import AccessRow, access_users, list_access
from app.ui.kit import Context, date_edit, label, pydate
from app.ui.picker import RecipientPicker
from app.ui.programmes.common import fit_columns, table_view
from app.ui.table import Column, RowsModel

SHOWN = 2000  # newest entries shown at once; the filters narrow the rest


class AccessLogDialog(QDialog):
    """The access log, for the director and the auditor (list_access refuses other roles)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("查阅记录"))
        self.resize(1000, 600)
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("谁在什么时间、哪台电脑上打开了未成年人或残疾人的档案，显示、打印或导出了完整身份证号，"
                               "导入了花名册，以及每次登录。下级单位的记录随数据包上报到这里。记录至少保存三年。"))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("对象")))
        self.person = RecipientPicker(ctx, self)
        self.person.setPlaceholderText(self.tr("全部对象（输入姓名或拼音首字母选择）"))
        self.person.picked.connect(lambda _rid: self.reload())
        self.person.textChanged.connect(lambda text: self.reload() if not text else None)
        bar.addWidget(self.person, 2)
        bar.addWidget(QLabel(self.tr("使用人")))
        self.user = QComboBox()
        self.user.addItem(self.tr("全部"), None)
        self.user.activated.connect(lambda _i: self.reload())
        bar.addWidget(self.user, 1)
        self.use_since = QCheckBox(self.tr("起始日期"))
        self.since = date_edit(dt.date.today() - dt.timedelta(days=90))
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_since.toggled.connect(lambda _c: self.reload())
        self.since.dateChanged.connect(lambda _d: self.reload() if self.use_since.isChecked() else None)
        bar.addWidget(self.use_since)
        bar.addWidget(self.since)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        outer.addLayout(bar)
        self.model = RowsModel([
            Column(self.tr("时间"), lambda r: local_time(r.at)),
            Column(self.tr("使用人"), lambda r: r.user),
            Column(self.tr("单位"), lambda r: r.office_name or r.office_code),
            Column(self.tr("事项"), lambda r: label(r.event)),
            Column(self.tr("对象"), lambda r: r.person_name or (self.tr("（本机没有此人）") if r.person_id else "")),
            Column(self.tr("人数"), lambda r: "" if r.count is None else str(r.count), align_right=True),
            Column(self.tr("电脑"), lambda r: r.laptop_id[:8]),
            Column(self.tr("说明"), lambda r: r.detail or ""),
        ], self, warn=lambda r: r.event == "sign_in_failed")
        self.view = table_view(self.model, self)
        outer.addWidget(self.view, 1)
        self.summary = QLabel()
        outer.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.rows: list[AccessRow] = []
        self._users_loaded = False
        self.reload()

    def filters(self) -> dict[str, Any]:
        return {"person_id": self.person.recipient_id if self.person.text() else None,
                "user": self.user.currentData(),
                "since": pydate(self.since.date()) if self.use_since.isChecked() else None}

    def reload(self) -> None:
        store, wanted = self.ctx.store, self.filters()
        load_users = not self._users_loaded
        self._users_loaded = True

        def job() -> tuple[list[AccessRow], list[str] | None]:
            rows = store.read(list_access, limit=SHOWN, **wanted)
            return rows, store.read(access_users) if load_users else None

        self.ctx.background.run(job, on_done=self._show, parent=self)

    def _show(self, found: tuple[list[AccessRow], list[str] | None]) -> None:
        rows, users = found
        if users is not None:
            for name in users:
                self.user.addItem(name, name)
        self.rows = rows
        self.model.set_rows(rows)
        fit_columns(self.view)
        more = self.tr("（只显示最近 {n} 条，请用上面的条件筛选）").format(n=SHOWN) if len(rows) >= SHOWN else ""
        self.summary.setText(self.tr("共 {n} 条").format(n=len(rows)) + more)
