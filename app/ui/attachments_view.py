"""附件 of a recipient: photos and scans shown as thumbnails, added by a file dialog or by
dragging files onto the tab. Files are stored by app.care.attachments (content-addressed,
in ctx.store.attachment_dir()); thumbnails are made from the stored file on the worker."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.care.attachments import BlobUnreadable, attach_files, read_blob
from app.care.profile import AttachmentRow
from app.files import write_bytes
from app.ui.file_feedback import open_or_say_where
from app.ui.kit import Context, label, run_write

Index = QModelIndex | QPersistentModelIndex
THUMB = 128
FILE_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.webp *.pdf *.tif *.tiff"


def make_thumbnails(store: Path, rows: Sequence[AttachmentRow], key: bytes | None = None) -> dict[str, QImage]:
    """Scaled images of the stored pictures (worker thread: QImage, never QPixmap); `key`
    unseals the files of an encrypted database."""
    out: dict[str, QImage] = {}
    for row in rows:
        if not row.mime_type.startswith("image/") or row.sha256 in out:
            continue
        try:
            image = QImage.fromData(read_blob(store, row.sha256, key))
        except (OSError, BlobUnreadable):
            continue
        if not image.isNull():
            out[row.sha256] = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
    return out


class AttachmentsModel(QAbstractListModel):
    """The attachments as a list: file name under a thumbnail (or a file icon)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AttachmentRow] = []
        self.icons: dict[str, QIcon] = {}
        self.file_icon = QIcon()

    def set_rows(self, rows: Sequence[AttachmentRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def set_thumbnails(self, images: dict[str, QImage]) -> None:
        self.icons = {sha: QIcon(QPixmap.fromImage(img)) for sha, img in images.items()}
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1),
                                  [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and self.rows[row].sha256 in self.icons

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.caption or row.file_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icons.get(row.sha256, self.file_icon)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = row.taken_on.isoformat() if row.taken_on else ""
            return f"{label(row.kind)}　{row.file_name}　{when}".strip()
        return None


class AttachmentsTab(QWidget):
    """Thumbnails of the recipient's photos and scans; drop files here to add them."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recipient_id: str | None = None
        self.on_saved: Callable[[], None] = lambda: None
        self.model = AttachmentsModel(self)
        self.model.file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(THUMB, THUMB))
        self.view.setGridSize(QSize(THUMB + 40, THUMB + 44))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(6)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setModel(self.model)
        # Drops land on the tab itself (the view would treat them as moving its items).
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.setAcceptDrops(True)
        self.add_button = QPushButton(self.tr("添加照片或扫描件…"))
        self.hint = QLabel(self.tr("也可以把文件从文件夹里直接拖到这里。双击可打开查看。"))
        self.empty = QLabel(self.tr("还没有附件。"))
        self.remove_button = QPushButton(self.tr("删除所选…"))
        self.remove_button.setToolTip(self.tr("附件删除后留有记录（谁、何时、为什么）"))
        self.remove_button.clicked.connect(self.remove_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.add_button.clicked.connect(self.choose_files)
        self.view.doubleClicked.connect(self._open)

    def set_rows(self, rows: Sequence[AttachmentRow]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if any(r.mime_type.startswith("image/") for r in rows):
            store, key = self.ctx.store.attachment_dir(), self.ctx.store.office_key()
            wanted = list(rows)
            self.ctx.background.run(lambda: make_thumbnails(store, wanted, key), on_done=self._thumbs)

    def _thumbs(self, images: dict[str, QImage]) -> None:
        if shiboken6.isValid(self.model):  # the form may have closed meanwhile
            self.model.set_thumbnails(images)

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择照片或扫描件"), "",
            self.tr("照片和扫描件 ({patterns});;所有文件 (*)").format(patterns=FILE_FILTER))
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        if self.recipient_id is None or not paths:
            return
        rid, store = self.recipient_id, self.ctx.store.attachment_dir()
        run_write(self.ctx, self, lambda: self.ctx.store.write(attach_files, store, rid, paths),
                  label=self.tr("正在保存附件……"), done=lambda _ids: self.on_saved())

    def ask_reason(self, name: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("删除附件"),
                                        self.tr("删除“{name}”的原因（会留在修改记录里）：").format(name=name))
        return text if ok else None

    def remove_selected(self) -> None:
        """A file attached by mistake: removed as a tombstone, with the reason."""
        from app.care.corrections import remove_attachment

        index = self.view.currentIndex()
        row = self.model.rows[index.row()] if index.isValid() else None
        if row is None:
            return
        reason = self.ask_reason(row.caption or row.file_name)
        if reason is None:
            return
        run_write(self.ctx, self, lambda: self.ctx.store.write(remove_attachment, row.id, reason=reason),
                  label=self.tr("正在删除……"), done=lambda _r: self.on_saved())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self.recipient_id is not None and _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = _local_files(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    def _open(self, index: QModelIndex) -> None:
        row = self.model.rows[index.row()] if index.isValid() else None
        if row is not None:
            store, key = self.ctx.store.attachment_dir(), self.ctx.store.office_key()
            self.ctx.background.run(lambda: viewing_copy(store, row, key), parent=self,
                                    on_done=lambda p: open_or_say_where(
                                        self, p, QDesktopServices.openUrl(QUrl.fromLocalFile(str(p)))))


def viewing_copy(store: Path, row: AttachmentRow, key: bytes | None = None) -> Path:
    """A copy under the file's own name (the store keeps only the hash), for the viewer: the
    plaintext (an outside program shows it), like a printed page; `key` unseals it."""
    folder = Path(tempfile.gettempdir()) / "guanai-view" / row.sha256[:12]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(row.file_name).name
    if not target.exists():
        write_bytes(target, read_blob(store, row.sha256, key))  # never a half copy under the name
    return target


def _local_files(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
