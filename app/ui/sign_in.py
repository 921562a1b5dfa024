"""Signing in at start on a database with users, and finding a forgotten password again with
the recovery code. The password check (Argon2id, a fraction of a second) runs on the worker;
a refusal is shown in words under the fields, and the slowing after five wrong passwords says
how long to wait."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.ui.background import Background, show_error

LAST_USER = "ui/last_user"  # QSettings: whose name to fill in next time (UI state only)


def password_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    return label


def show_refusal(label: QLabel, parent: QWidget, error: BaseException) -> None:
    """A service's refusal in the form's error line; anything else in a message box."""
    if isinstance(error, ServiceError):
        label.setText(error.zh)
    else:
        show_error(parent, error)


class SignInDialog(QDialog):
    """Accepted once `check(name, password)` (run on the worker) returned who signed in; that
    is then in `signed`. `name`: a fixed name (the idle lock: the same user again)."""

    def __init__(self, background: Background, check: Callable[[str, str], Any], *, title: str, intro: str,
                 name: str | None = None, recover: Callable[[str, str, str], Any] | None = None,
                 quit_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.background, self.check, self.recover_with = background, check, recover
        self.signed: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.name = QLineEdit(name or str(QSettings("guanai", "guanai").value(LAST_USER, "") or ""))
        self.name.setReadOnly(name is not None)
        self.password = password_field()
        form.addRow(self.tr("用户名"), self.name)
        form.addRow(self.tr("密码"), self.password)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(quit_text or self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        if recover is not None:
            self.forgot_button: QPushButton | None = buttons.addButton(
                self.tr("忘记密码…"), QDialogButtonBox.ButtonRole.HelpRole)
            self.forgot_button.clicked.connect(self.forgot)
        else:
            self.forgot_button = None
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if self.name.text() else self.name).setFocus()

    def try_sign_in(self) -> None:
        name, password = self.name.text().strip(), self.password.text()
        if not name or not password:
            self.error.setText(self.tr("请填写用户名和密码。"))
            return
        self.sign_in_button.setEnabled(False)
        self.error.setText(self.tr("正在核对密码……"))
        self.background.run(lambda: self.check(name, password), on_done=self._signed, on_error=self._refused,
                            parent=self)

    def _signed(self, who: Any) -> None:
        self.signed = who
        QSettings("guanai", "guanai").setValue(LAST_USER, self.name.text().strip())
        self.password.clear()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, ServiceError):
            self.error.setText(error.zh)
        else:
            self.error.setText("")
            show_error(self, error)

    def forgot(self) -> None:
        assert self.recover_with is not None
        dialog = RecoverDialog(self.background, self.recover_with, name=self.name.text().strip(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._signed(dialog.signed)


class RecoverDialog(QDialog):
    """A forgotten password: the recovery code printed at setup, and a new password (twice).
    Nothing in the register changes."""

    def __init__(self, background: Background, recover: Callable[[str, str, str], Any], *, name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.background, self.recover = background, recover
        self.signed: Any = None
        self.setWindowTitle(self.tr("用恢复码找回密码"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("请输入设置时打印的恢复码（5 组，每组 5 个字母或数字，不分大小写），"
                               "再设置新密码。数据不受任何影响。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.new_password = password_field(self.tr("至少 8 个字符"))
        self.again = password_field()
        form.addRow(self.tr("用户名"), self.name)
        form.addRow(self.tr("恢复码"), self.code)
        form.addRow(self.tr("新密码"), self.new_password)
        form.addRow(self.tr("再输入一次"), self.again)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("设置新密码并登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_recover)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_recover(self) -> None:
        if self.new_password.text() != self.again.text():
            self.error.setText(self.tr("两次输入的新密码不一致，请重新输入。"))
            return
        name, code, password = self.name.text().strip(), self.code.text(), self.new_password.text()
        self.ok.setEnabled(False)
        self.background.run(lambda: self.recover(name, code, password), on_done=self._done, on_error=self._refused,
                            parent=self)

    def _done(self, who: Any) -> None:
        self.signed = who
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(error, ServiceError):
            self.error.setText(error.zh)
        else:
            show_error(self, error)


def sign_in_at_start(background: Background, keyring: Any) -> Any:
    """The sign-in before the app opens a database with users: who signed in, or None if the
    window was closed."""
    from PySide6.QtWidgets import QApplication

    from app.protection.signin import recover, sign_in

    dialog = SignInDialog(
        background, lambda name, password: sign_in(keyring, name, password),
        recover=lambda name, code, password: recover(keyring, name, code, password),
        title=QApplication.translate("SignInDialog", "关爱 —— 登录"),
        intro=QApplication.translate("SignInDialog", "本单位的数据受密码保护。请输入您的用户名和密码。"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.signed
