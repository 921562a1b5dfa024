"""Saying where a written file is. A PDF or spreadsheet the app wrote is opened in the
system's viewer; when no viewer opens (a laptop without a PDF reader, a desktop with no file
associations) the director is told where the file is, can copy the path, and can open its
folder — a print that seems to do nothing is the worst feedback there is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.kit import translate


def open_folder(folder: Path) -> bool:
    """Open the folder in the file manager (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def where_is_the_file(parent: QWidget | None, path: Path) -> QMessageBox:
    """A box naming the file that could not be opened, with 打开所在文件夹 and 复制路径. Shown
    without blocking (the caller's job is done); returned so tests can press its buttons."""
    box = QMessageBox(
        QMessageBox.Icon.Information, translate("Files", "文件已生成"),
        translate("Files", "文件已保存，但这台电脑没能自动打开它（可能没有安装能打开此类文件的程序）。\n"
                           "文件在：\n{path}\n\n可以打开所在文件夹，或复制路径后用其他程序打开。").format(path=path),
        QMessageBox.StandardButton.NoButton, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
    folder_button = box.addButton(translate("Files", "打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
    copy_button = box.addButton(translate("Files", "复制路径"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(translate("Files", "关闭"), QMessageBox.ButtonRole.RejectRole)

    def clicked(button: object) -> None:
        if button is folder_button and not open_folder(path.parent):
            box.setInformativeText(translate("Files", "文件夹也没能打开，请按上面的路径自己找到它。"))
            box.show()  # a click closes the box; keep it up so the path stays readable
        elif button is copy_button:
            QGuiApplication.clipboard().setText(str(path))

    box.buttonClicked.connect(clicked)
    box.setObjectName("where_is_the_file")
    box.open()
    return box


def open_or_say_where(parent: QWidget | None, path: Path, opened: bool) -> QMessageBox | None:
    """After trying to open `path` (`opened` is what the attempt answered): nothing more to
    do when it opened, otherwise the box saying where the file is."""
    return None if opened else where_is_the_file(parent, path)
