"""The director's users dialog (文件 › 用户管理): who may sign in and as what; add a user,
disable one (their copy of the office key is deleted), give one a new password."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.background import Background
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.sign_in import error_label, password_field, show_refusal

ROLES = (("clerk", QT_TRANSLATE_NOOP("NewPasswordDialog", "工作人员（登记和关爱工作）")),
         ("director", QT_TRANSLATE_NOOP("NewPasswordDialog", "主任（全部，含用户管理）")),
         ("supervisor", QT_TRANSLATE_NOOP("NewPasswordDialog", "督导员（督导、整改、考核）")),
         ("auditor", QT_TRANSLATE_NOOP("NewPasswordDialog", "审计员（只读，查看访问记录）")))


class NewPasswordDialog(QDialog):
    """A name (when adding), a role, and a password typed twice."""

    def __init__(self, title: str, *, name: str | None = None, with_role: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.name = QLineEdit(name or "")
        self.name.setReadOnly(name is not None)
        self.name.setPlaceholderText(self.tr("如：李文书"))
        form.addRow(self.tr("用户名"), self.name)
        self.role = QComboBox()
        for code, text in ROLES:
            self.role.addItem(self.tr(text), code)
        if with_role:
            form.addRow(self.tr("角色"), self.role)
        self.password = password_field(self.tr("至少 8 个字符"))
        self.again = password_field()
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再输入一次"), self.again)
        self.error = error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def check(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("请填写用户名。"))
        elif self.password.text() != self.again.text():
            self.error.setText(self.tr("两次输入的密码不一致，请重新输入。"))
        else:
            self.accept()


class UsersDialog(QDialog):
    def __init__(self, store: Any, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.background = store, background
        self.setWindowTitle(self.tr("用户管理"))
        self.setMinimumSize(620, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("可以登录本单位数据库的人。停用的用户不能再登录（其密钥副本已删除），记录仍保留其姓名。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("角色"), self.tr("状态")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加用户…"))
        self.disable_button = QPushButton(self.tr("停用"))
        self.password_button = QPushButton(self.tr("重设密码…"))
        for b in (self.add_button, self.disable_button, self.password_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = error_label()
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(self.disable)
        self.password_button.clicked.connect(self.reset_password)
        self.reload()

    def reload(self) -> None:
        self.background.run(self.store.users, on_done=self._show, on_error=self._failed)

    def _show(self, users: list[Any]) -> None:
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            state = self.tr("已停用") if u.disabled else (self.tr("密码多次输错，暂缓登录") if u.slowed else self.tr("可登录"))
            for j, text in enumerate((u.name, u.role_name, state)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            self.error.setText(self.tr("请先在表中选中一位用户。"))
            return None
        return item.text()

    def _failed(self, error: BaseException) -> None:
        show_refusal(self.error, self, error)

    def _done(self, message: str) -> Any:
        def done(_result: Any) -> None:
            self.error.setText("")
            self.window().setStatusTip(message)
            self.reload()
        return done

    def add(self) -> None:
        dialog = NewPasswordDialog(self.tr("添加用户"), with_role=True, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, role, password = dialog.name.text().strip(), dialog.role.currentData(), dialog.password.text()
        self.background.run(lambda: self.store.add_user(name, role, password), on_done=self._done(name),
                            on_error=self._failed, parent=self)

    def disable(self) -> None:
        name = self._selected()
        if name is None:
            return
        answer = QMessageBox.question(self, self.tr("停用用户"),
                                      self.tr("停用 {name}？停用后不能再登录，已有的记录不受影响。").format(name=name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.background.run(lambda: self.store.disable_user(name), on_done=self._done(name), on_error=self._failed,
                            parent=self)

    def reset_password(self) -> None:
        name = self._selected()
        if name is None:
            return
        dialog = NewPasswordDialog(self.tr("重设密码"), name=name, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        password = dialog.password.text()
        self.background.run(lambda: self.store.set_password(name, password), on_done=self._done(name),
                            on_error=self._failed, parent=self)
