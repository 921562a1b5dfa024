"""First run: set this database up for an office, or try the app with a demo village. The
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
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.care.offices import check_office_code
from app.config import demo_db_path, set_demo_active
from app.ui.background import Background, show_error
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
        layout = QVBoxLayout(self)
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
        self.operator.setPlaceholderText(self.tr("您的姓名，会记在每条记录上，如：王主任"))
        form.addRow(self.tr("级别"), self.role)
        form.addRow(self.tr("单位代码"), self.code)
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("上级单位代码"), self.parent_code)
        form.addRow(self.tr("使用人姓名"), self.operator)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("设置并开始使用"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.set_up)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        layout.addWidget(box)

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
        name, operator = self.name.text().strip(), self.operator.text().strip() or None
        if not name:
            self.error.setText(self.tr("单位名称：请填写本单位的名称，如“岩寨村”。"))
            self.name.setFocus()
            return
        try:  # instant feedback on the form; the service checks again
            check_office_code(code, role, parent)
        except ServiceError as e:
            self.error.setText(e.zh)
            return
        self._busy(True)
        self.background.run(
            lambda: self.store.set_up_office(role=role, code=code, name=name, parent=parent,
                                             operator=operator),
            on_done=lambda _v: self.show_privacy_note(), on_error=self._failed, parent=self,
            label=self.tr("正在设置……"))

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
        if isinstance(error, ServiceError):
            self.error.setText(error.zh)
        else:
            show_error(self, error)
