"""The idle lock: after the minutes the director set (10 unless set) without a key pressed or
the mouse moved, every window of the app (the main window and any open dialog) is covered by
an opaque sheet and a sign-in asks for the same user's password. The dialogs are covered, not
closed or hidden (hiding a dialog would end it), so what was typed in them and not yet saved
is there again after unlocking."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget

from app.ui.background import Background
from app.ui.sign_in import SignInDialog

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                      QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class LockCover(QWidget):
    """An opaque sheet over one window, following its size, that hides everything under it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lock_cover { background: #37474f; } QLabel { color: white; font-size: 18pt; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("关爱已锁定\n请输入密码继续"))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parent() and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
                self.raise_()
        return False


class IdleLock(QObject):
    """Installed on the application while a signed-in user works. `lock_now()` is what the
    timer calls; tests call it too (no waiting in tests)."""

    current: IdleLock | None = None

    def __init__(self, app: QApplication, store: Any, background: Background, minutes: int, *,
                 owner: QObject) -> None:
        super().__init__(owner)  # goes with the main window it protects
        self.app, self.store, self.background = app, store, background
        self.covers: list[LockCover] = []
        self.dialog: SignInDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.set_minutes(minutes)
        app.installEventFilter(self)
        IdleLock.current = self
        self.destroyed.connect(IdleLock._forget)

    @staticmethod
    def _forget() -> None:
        IdleLock.current = None

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        if not self.locked:
            self.timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and not self.locked:
            self.timer.start()  # restarts the countdown
        return False

    def lock_now(self) -> None:
        if self.locked or self.store.signed is None:
            return
        self.timer.stop()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, LockCover):
                self.covers.append(LockCover(window))
        user = self.store.signed.user
        dialog = SignInDialog(
            self.background, lambda _name, password: self.store.unlock(user, password), name=user,
            title=self.tr("关爱已锁定"),
            intro=self.tr("长时间没有操作，关爱已锁定，屏幕上的数据已隐藏。请输入 {user} 的密码继续；"
                          "未保存的内容仍在。").format(user=user),
            quit_text=self.tr("退出关爱"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self.unlock)
        dialog.rejected.connect(self._quit)
        self.dialog = dialog
        dialog.open()

    def unlock(self) -> None:
        for cover in self.covers:
            parent = cover.parentWidget()
            if parent is not None:
                parent.removeEventFilter(cover)
            cover.hide()
            cover.deleteLater()
        self.covers = []
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.timer.start()

    def _quit(self) -> None:
        # Leaving while locked: unsaved input is dropped, as when the app is closed; open
        # dialogs are rejected first so none asks anything of a person not signed in.
        for window in QApplication.topLevelWidgets():
            if isinstance(window, QDialog) and window is not self.dialog and window.isVisible():
                window.reject()
        self.app.quit()
