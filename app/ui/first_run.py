"""First run: set this database up for an office and its director (a password, and the
recovery code shown once to print or write down), or try the app with a demo village. The
demo goes into a file of its own (app.config.demo_db_path), never into the office's database:
trying the app must not turn the office's register into the demo village for good."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.care.offices import check_office_code
from app.config import demo_db_path, set_demo_active
from app.ui.background import Background
from app.ui.sign_in import error_label, password_field, show_refusal
from app.ui.store import Store


def open_demo_store(path: Path) -> Store:
    """The demo database: the one kept from an earlier try if it holds the demo office,
    otherwise a new file filled with the demo village (runs on the worker)."""
    if path.is_file():
        kept = Store.open(str(path))
        if kept.office() is not None:
            return kept
        kept.close()
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)  # a try that stopped half way: begin again
    store = Store.open(str(path))
    try:
        store.fill_demo("village")
    except BaseException:
        store.close()
        raise
    return store


class FirstRunDialog(QDialog):
    """Ends accepted once the database belongs to an office, or once the demo is ready in
    its own file (then `demo_store` is that database and the office's stays as it was)."""

    def __init__(self, store: Store, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.background = background
        self.demo_store: Store | None = None
        self.privacy_note: QDialog | None = None  # shown once the office is set up
        self.setWindowTitle(self.tr("欢迎使用关爱 —— 首次设置"))
        self.setMinimumWidth(640)  # the hints in the fields must be readable whole
        self.recovery_code: str | None = None
        self.pages = QStackedWidget()
        QVBoxLayout(self).addWidget(self.pages)
        first = QWidget()
        self.pages.addWidget(first)
        layout = QVBoxLayout(first)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "这台电脑上还没有设置单位。\n"
            "如果只是想先看看，请点“用演示数据试用”，会生成一个示范村的数据。"
            "演示数据放在单独的文件里，不会混进本单位的正式数据；"
            "试用完在“文件”菜单里点“退出演示，设置本单位”即可。\n"
            "正式使用请填写本单位的信息。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.demo_button = QPushButton(self.tr("用演示数据试用（一个示范村，约150名关爱对象）"))
        self.demo_button.clicked.connect(self.try_demo)
        layout.addWidget(self.demo_button)

        box = QGroupBox(self.tr("设置本单位"))
        form = QFormLayout(box)
        self.role = QComboBox()
        for code, text in (("village", self.tr("行政村（福利主任）")), ("township", self.tr("乡镇（专职督导员）")),
                           ("county", self.tr("县（民政局）"))):
            self.role.addItem(text, code)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("统计用区划代码：村12位、乡镇9位、县6位"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如：岩寨村"))
        self.parent_code = QLineEdit()
        self.parent_code.setPlaceholderText(self.tr("上级单位代码（可不填，默认取本单位代码的前几位）"))
        self.operator = QLineEdit()
        self.operator.setPlaceholderText(self.tr("您的姓名，登录时用，也记在每条记录上，如：王主任"))
        self.password = password_field(self.tr("至少 8 个字符；每次打开关爱时输入"))
        self.password_again = password_field()
        form.addRow(self.tr("级别"), self.role)
        form.addRow(self.tr("单位代码"), self.code)
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("上级单位代码"), self.parent_code)
        form.addRow(self.tr("主任姓名（登录名）"), self.operator)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再输入一次密码"), self.password_again)
        self.error = error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("设置并开始使用"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.set_up)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        layout.addWidget(box)
        self.pages.addWidget(self._recovery_page())

    def _recovery_page(self) -> QWidget:
        """Shown once after setting up (app/ui/recovery_code.py)."""
        from app.ui.recovery_code import RecoveryCodePage

        page = RecoveryCodePage(lambda: (self.name.text().strip(), self.operator.text().strip()))
        self.code_label, self.print_button = page.code_label, page.print_button
        self.written, self.start_button = page.written, page.start_button
        self.recovery_page = page
        self.start_button.clicked.connect(self.show_privacy_note)  # then the office starts
        return page

    def show_recovery_code(self, code: str) -> None:
        self.recovery_code = code
        self.recovery_page.show_code(code)
        self.password.clear()
        self.password_again.clear()
        self.pages.setCurrentIndex(1)

    def _busy(self, busy: bool) -> None:
        for w in (self.demo_button, self.save_button):
            w.setEnabled(not busy)

    def try_demo(self) -> None:
        self._busy(True)

        def ready(store: Store) -> None:
            self.demo_store = store
            set_demo_active(True)
            self.accept()

        self.background.run(lambda: open_demo_store(demo_db_path()), on_done=ready,
                            on_error=self._failed, parent=self, label=self.tr("正在生成演示数据……"))

    def set_up(self) -> None:
        role, code = self.role.currentData(), self.code.text().strip()
        parent = self.parent_code.text().strip() or None
        name, director = self.name.text().strip(), self.operator.text().strip()
        password = self.password.text()
        if not name:
            self.error.setText(self.tr("单位名称：请填写本单位的名称，如“岩寨村”。"))
            self.name.setFocus()
            return
        try:  # instant feedback on the form; the service checks again
            check_office_code(code, role, parent)
        except ServiceError as e:
            self.error.setText(e.zh)
            return
        from app.ui.recovery_code import director_refusal

        refusal = director_refusal(director, password, self.password_again)
        if refusal is not None:
            self.error.setText(refusal)
            return
        self._busy(True)
        self.background.run(
            lambda: self.store.set_up_office_with_director(role=role, code=code, name=name, parent=parent,
                                                           director=director, password=password),
            on_done=lambda done: self.show_recovery_code(done[1]), on_error=self._failed, parent=self,
            label=self.tr("正在设置并加密……"))

    def show_privacy_note(self) -> None:
        """The director reads the privacy note once, when the office is set up (remembered in
        the database's local settings, with an audit row); it stays under 帮助."""
        from app.care.privacy_note import mark_note_seen
        from app.ui.privacy_note import PrivacyNoteDialog

        self.privacy_note = PrivacyNoteDialog(self, first_run=True)
        self.privacy_note.finished.connect(lambda _r: self.background.run(
            lambda: self.store.write(mark_note_seen), on_done=lambda _v: self.accept(), on_error=self._failed,
            parent=self))
        self.privacy_note.open()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        show_refusal(self.error, self, error)
