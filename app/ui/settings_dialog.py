"""设置 (settings): the name written on this laptop's records, the text size, and the data's
safety — back up to a chosen folder or USB stick (the last backup's date shown, and on the
work bench a reminder after a week), and restore from a backup. Every action runs on the
database worker and says what it did; a restore asks first and names what it will replace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.ui.kit import Context, translate

_FOLDER_KEY = "backup/folder"


def tr(text: str) -> str:
    return translate("Settings", text)


def backup_words(found: Any, now: dt.datetime | None = None) -> str:
    """上次备份：2026-12-01（6 天前）, or that there is none yet."""
    if found is None:
        return tr("还没有备份过。请备份到 U 盘或另一个文件夹，电脑坏了或丢了数据也不会丢。")
    days = found.days_ago(now)
    when = found.at.astimezone().strftime("%Y-%m-%d %H:%M")
    text = tr("上次备份：{when}（{days} 天前），备份在 {path}").format(when=when, days=days, path=found.path)
    if found.overdue(now):
        text += tr("。已超过 7 天，请尽快再备份一次。")
    return text


class SettingsDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None, *,
                 set_font_size: Callable[[str], None] | None = None, font_size: str = "normal") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("设置"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        who = QGroupBox(tr("使用人"))
        form = QFormLayout(who)
        self.operator = QLineEdit()
        self.operator.setPlaceholderText(tr("您的姓名，会记在每条记录上，如：王主任"))
        self.save_name = QPushButton(tr("保存姓名"))
        self.save_name.clicked.connect(self.save_operator)
        row = QHBoxLayout()
        row.addWidget(self.operator, 1)
        row.addWidget(self.save_name)
        form.addRow(tr("姓名"), row)
        layout.addWidget(who)
        signed = getattr(ctx.store, "signed", None)
        if signed is not None:  # a database with users: the signed-in user signs every record
            from app.protection.roles import ROLE_WORDS

            who.setTitle(tr("登录用户"))
            self.operator.setReadOnly(True)
            self.save_name.hide()
            self.operator.setToolTip(tr("记录上写的是登录的用户：{role}").format(role=ROLE_WORDS.get(signed.role, "")))
        if signed is not None and signed.role == "director":
            layout.addWidget(self._protection_box())

        size_box = QGroupBox(tr("字号"))
        sizes = QHBoxLayout(size_box)
        self.sizes = QButtonGroup(self)
        for key, text in (("normal", tr("标准字号")), ("large", tr("大字号")), ("larger", tr("特大字号"))):
            button = QRadioButton(text)
            button.setProperty("size", key)
            button.setChecked(key == font_size)
            self.sizes.addButton(button)
            sizes.addWidget(button)
        sizes.addStretch(1)
        if set_font_size is not None:
            self.sizes.buttonClicked.connect(lambda b: set_font_size(str(b.property("size"))))
        layout.addWidget(size_box)

        safety = QGroupBox(tr("数据安全"))
        box = QVBoxLayout(safety)
        self.last = QLabel()
        self.last.setWordWrap(True)
        box.addWidget(self.last)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(tr("备份到…"))
        self.backup_button.setToolTip(tr("把全部数据复制到一个文件夹或 U 盘"))
        self.backup_button.clicked.connect(lambda: self.back_up())
        self.restore_button = QPushButton(tr("从备份恢复…"))
        self.restore_button.clicked.connect(lambda: self.restore())
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        layout.addWidget(safety)

        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.reload()

    def _protection_box(self) -> QGroupBox:
        """The director's: the users, and how long the app may stay untouched before it locks."""
        box = QGroupBox(tr("用户与自动锁定"))
        row = QHBoxLayout(box)
        row.addWidget(QLabel(tr("无操作")))
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(tr(" 分钟后锁定"))
        row.addWidget(self.idle)
        self.idle_save = QPushButton(tr("保存"))
        self.idle_save.clicked.connect(self.save_idle)
        row.addWidget(self.idle_save)
        row.addStretch(1)
        users = QPushButton(tr("用户管理…"))
        users.clicked.connect(self.open_users)
        row.addWidget(users)
        self.ctx.background.run(self.ctx.store.idle_minutes, on_done=self.idle.setValue, parent=self)
        return box

    def save_idle(self) -> None:
        from app.ui.idle_lock import IdleLock

        def saved(minutes: int) -> None:
            self._say(tr("已保存：无操作 {n} 分钟后自动锁定。").format(n=minutes))
            if IdleLock.current is not None:
                IdleLock.current.set_minutes(minutes)

        minutes = self.idle.value()
        self.ctx.background.run(lambda: self.ctx.store.set_idle_minutes(minutes), on_done=saved,
                                on_error=self._failed, parent=self)

    def open_users(self) -> QDialog:
        from app.ui.users_dialog import UsersDialog

        dialog = UsersDialog(self.ctx.store, self.ctx.background, parent=self)
        dialog.open()
        return dialog

    # ---- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.background.run(lambda: (self.ctx.store.operator(), self.ctx.store.last_backup()),
                                on_done=self._show, parent=self)

    def _show(self, found: tuple[str, Any]) -> None:
        name, last = found
        if not self.operator.isModified():
            self.operator.setText(name)
        self.last.setText(backup_words(last))
        self.last.setStyleSheet("color: #b00020" if last is None or last.overdue() else "")
        # A wrapped label in a group box keeps the height of its first (empty) layout: ask again.
        self.last.setMinimumHeight(self.last.heightForWidth(max(self.last.width(), 400)))
        self.adjustSize()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020" if error else "color: #1b5e20")
        self.message.setText(text)
        self.adjustSize()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ServiceError):
            self._say(error.zh, error=True)
        else:
            from app.ui.background import show_error

            show_error(self, error)

    # ---- the name ---------------------------------------------------------------------------
    def save_operator(self) -> None:
        name = self.operator.text()

        def saved(value: str) -> None:
            self.operator.setText(value)
            self.operator.setModified(False)
            self._say(tr("已保存：以后的记录都记在“{name}”名下。").format(name=value))

        self.ctx.background.run(lambda: self.ctx.store.set_operator(name), on_done=saved,
                                on_error=self._failed, parent=self)

    # ---- backup and restore -----------------------------------------------------------------
    def ask_folder(self) -> Path | None:
        settings = QSettings("guanai", "guanai")
        start = str(settings.value(_FOLDER_KEY, str(Path.home())))
        chosen = QFileDialog.getExistingDirectory(self, tr("备份到哪个文件夹（可选 U 盘）"), start)
        if not chosen:
            return None
        settings.setValue(_FOLDER_KEY, chosen)
        return Path(chosen)

    def back_up(self, folder: Path | None = None) -> None:
        folder = folder or self.ask_folder()
        if folder is None:
            return
        out = folder / f"关爱备份-{self.ctx.office.name}-{dt.datetime.now():%Y%m%d-%H%M}.sqlite3"

        def done(result: Any) -> None:
            self._say(tr("已备份到 {path}（{n} 名关爱对象）。请把 U 盘收好。").format(
                path=result.path, n=result.recipients))
            self.reload()

        self.ctx.background.run(lambda: self.ctx.store.backup_to(out), on_done=done, on_error=self._failed,
                                parent=self, label=tr("正在备份……"))

    def ask_backup_file(self) -> Path | None:
        start = str(QSettings("guanai", "guanai").value(_FOLDER_KEY, str(Path.home())))
        chosen, _ = QFileDialog.getOpenFileName(self, tr("选择备份文件"), start,
                                                tr("关爱备份 (*.sqlite3);;所有文件 (*)"))
        return Path(chosen) if chosen else None

    def confirm_restore(self, source: Path, facts: Any) -> bool:
        if not facts.ok:
            self._say(tr("不能用这个文件恢复：{why}").format(why="；".join(facts.problems)), error=True)
            return False
        answer = QMessageBox.question(
            self, tr("从备份恢复"),
            tr("用备份文件\n{path}\n（{n} 名关爱对象）替换现在的全部数据？\n"
               "现在的数据会先另存一份在数据库旁边，恢复之后仍可找回。").format(path=source, n=facts.recipients))
        return answer == QMessageBox.StandardButton.Yes

    def restore(self, source: Path | None = None) -> None:
        from app.care.maintenance import inspect

        source = source or self.ask_backup_file()
        if source is None:
            return

        def looked(facts: Any) -> None:
            if not self.confirm_restore(source, facts):
                return
            self.ctx.background.run(lambda: self.ctx.store.restore_from(source), on_done=restored,
                                    on_error=self._failed, parent=self, label=tr("正在恢复……"))

        def restored(result: Any) -> None:
            kept = (tr("原来的数据另存为 {path}。").format(path=result.previous_saved_as)
                    if result.previous_saved_as else "")
            notes = "".join(zh for zh, _en in result.sync.notes())
            self._say(tr("已从备份恢复（{n} 名关爱对象）。").format(n=result.recipients) + kept + notes)
            self.ctx.hub.changed.emit()  # every page reads again
            self.reload()

        key = self.ctx.store.office_key()  # an encrypted backup is read with the office key
        self.ctx.background.run(lambda: inspect(source, key), on_done=looked, on_error=self._failed, parent=self)
