"""The recovery code, shown once after a director's password is set (the first run, or an
existing database protected): to print or write down and hand to the township. Without it a
forgotten password cannot be recovered. `start_button` is enabled once the director ticks
that it is printed or written down."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def director_refusal(director: str, password: str, again: QLineEdit) -> str | None:
    """Why a director's name and password typed twice cannot be taken (instant feedback on the
    form; the service checks again), or None. A mismatch clears the second field for retyping."""
    from app.care.errors import ServiceError
    from app.protection.keyring import check_password, check_user_name

    try:
        check_user_name(director)
        check_password(password)
    except ServiceError as e:
        return e.zh
    if password != again.text():
        again.clear()
        again.setFocus()
        return QCoreApplication.translate("DirectorPassword", "两次输入的密码不一致，请重新输入。")
    return None


class RecoveryCodePage(QWidget):
    def __init__(self, who: Callable[[], tuple[str, str]], parent: QWidget | None = None) -> None:
        """`who`: (office name, director name) for the printed sheet."""
        super().__init__(parent)
        self.who = who
        self.recovery_code: str | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("设置完成。请保管好恢复码"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold")
        layout.addWidget(title)
        text = QLabel(self.tr(
            "本单位的数据已加密，只有用密码才能打开。如果忘记了密码，只能用下面的恢复码找回。\n"
            "恢复码只显示这一次：请打印出来或抄在纸上，交乡镇妥善保管，不要存在这台电脑里。"))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.code_label = QLabel()
        self.code_label.setObjectName("recovery_code")
        self.code_label.setStyleSheet("font-family: monospace; font-size: 20pt; padding: 16px; "
                                      "border: 2px dashed #607d8b; background: #fafafa")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code_label)
        self.print_button = QPushButton(self.tr("打印恢复码…"))
        self.print_button.clicked.connect(self.print_code)
        layout.addWidget(self.print_button)
        self.written = QCheckBox(self.tr("我已打印或抄写好恢复码，会交乡镇妥善保管"))
        layout.addWidget(self.written)
        self.start_button = QPushButton(self.tr("开始使用"))
        self.start_button.setEnabled(False)
        self.written.toggled.connect(self.start_button.setEnabled)
        layout.addWidget(self.start_button)
        layout.addStretch(1)

    def show_code(self, code: str) -> None:
        self.recovery_code = code
        self.code_label.setText(code)

    def print_code(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        office, director = self.who()
        doc = QTextDocument()
        doc.setHtml(self.tr("<h2>关爱 恢复码</h2><p>单位：{office}</p><p>主任：{director}</p>"
                            "<p style='font-size:24pt; font-family:monospace'>{code}</p>"
                            "<p>忘记密码时，用此恢复码设置新密码。请交乡镇妥善保管。</p>").format(
            office=office, director=director, code=self.recovery_code))
        doc.print_(printer)
