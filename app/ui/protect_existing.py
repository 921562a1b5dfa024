"""A database made before users existed (an office set up, no keyring, not the demo): once
per start the app offers to set the director's password, which encrypts the file on this
laptop (issue 15 point 2). 以后再说 goes on as before, unencrypted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.care.office_view import OfficeView
from app.ui.background import Background
from app.ui.recovery_code import RecoveryCodePage, director_refusal
from app.ui.sign_in import error_label, password_field, show_refusal
from app.ui.store import Store


def needs_protection(store: Store, target: str | None, *, demo: bool) -> bool:
    """An office's own SQLite file without users: no keyring beside it, nobody signed in, and
    not the demo village's file."""
    from app.config import demo_db_path
    from app.protection.keyring import SidecarKeyring
    from app.ui.startup import sqlite_file

    if demo or store.signed is not None:
        return False
    path = sqlite_file(target)
    if path is None or not path.is_file():
        return False
    if path == demo_db_path().expanduser().resolve():
        return False
    return not SidecarKeyring(path).exists()


class ProtectExistingDialog(QDialog):
    """Accepted once the file is encrypted and the recovery code confirmed (the store is then
    signed in as the director); rejected by 以后再说."""

    def __init__(self, store: Store, background: Background, office: OfficeView, director: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.background, self.office = store, background, office
        self.setWindowTitle(self.tr("保护本单位的数据"))
        self.setMinimumWidth(600)
        self.pages = QStackedWidget()
        QVBoxLayout(self).addWidget(self.pages)
        first = QWidget()
        self.pages.addWidget(first)
        form = QFormLayout(first)
        intro = QLabel(self.tr(
            "花名册里有关爱对象的身份证号、家庭和健康等敏感个人信息，现在这个数据库文件没有加密，"
            "谁拷走都能打开。设置主任的密码后，这台电脑上的数据库文件会被加密，以后每次打开关爱都要输入密码。"))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.director = QLineEdit(director)
        self.password = password_field(self.tr("至少 8 个字符；每次打开关爱时输入"))
        self.password_again = password_field()
        form.addRow(self.tr("主任姓名（登录名）"), self.director)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再输入一次密码"), self.password_again)
        self.error = error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        self.protect_button = buttons.addButton(self.tr("设置密码并加密"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(self.tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.protect)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.recovery_page = RecoveryCodePage(lambda: (self.office.name, self.director.text().strip()))
        self.recovery_page.start_button.clicked.connect(self.accept)
        self.pages.addWidget(self.recovery_page)

    def protect(self) -> None:
        director, password = self.director.text().strip(), self.password.text()
        refusal = director_refusal(director, password, self.password_again)
        if refusal is not None:
            self.error.setText(refusal)
            return
        self.error.clear()
        self._busy(True)
        self.background.run(lambda: self.store.protect_existing(director, password),
                            on_done=self.show_recovery_code, on_error=self._failed, parent=self,
                            label=self.tr("正在加密数据库……"))

    def show_recovery_code(self, code: str) -> None:
        self.password.clear()
        self.password_again.clear()
        self.recovery_page.show_code(code)
        self.pages.setCurrentIndex(1)

    def reject(self) -> None:
        if self.pages.currentIndex() == 1:  # encrypted already: only the code's confirmation leads on
            return
        super().reject()

    def _busy(self, busy: bool) -> None:
        for w in (self.protect_button, self.later_button):
            w.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        show_refusal(self.error, self, error)
