"""The frame the register pages share (assessments, responsibilities, agreements,
activities): filters and buttons on top, the list on the left, the selected record's
details on the right, the count below. Lists come from app.care.registers as a Listing."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.care.registers import Listing
from app.ui.kit import Context, Page, translate
from app.ui.table import Column, RowsModel
from app.ui.table import table_view as shared_table_view

SEARCH_DEBOUNCE_MS = 250


def iso(d: dt.date | None) -> str:
    """Dates as yyyy-MM-dd, nothing for none."""
    return d.isoformat() if d else ""


def refuse(text: str, field: str | None = None) -> ServiceError:
    """A refusal found on the form itself (already translated), shown like a service's."""
    return ServiceError(text, text, field=field)


W = TypeVar("W", bound=QWidget)


def grow(widget: W) -> W:
    """Let a combo or field take the form's full width (long Chinese labels)."""
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def detail_html(pairs: Sequence[tuple[str, Any]]) -> str:
    """Label/value pairs as a two-column table; values are escaped (they are user text)."""
    cells = "".join(
        f"<tr><td style='color:#555; padding:2px 12px 2px 0; white-space:nowrap' valign='top'>"
        f"{html.escape(k)}</td><td style='padding:2px 0'>{html.escape(str(v)) if v not in (None, '') else '—'}"
        f"</td></tr>" for k, v in pairs)
    return f"<table>{cells}</table>"


def table_view(model: RowsModel) -> QTableView:
    view = shared_table_view(model)
    view.horizontalHeader().setHighlightSections(False)
    return view


class RegisterPage(Page):
    """Subclasses implement `make_columns()`, fill `self.filters` and `self.action_row`, implement
    `listing_job()` (a zero-argument callable for the worker returning a Listing),
    `detail_pairs(row)`, and may override `row_changed(row)` and `open_row(row)`."""

    detail_title = ""

    def __init__(self, ctx: Context, warn: Callable[[Any], bool] | None = None) -> None:
        super().__init__(ctx)
        self._seq = 0
        self._layout_restored = False
        self.model = RowsModel(self.make_columns(), self, warn)
        self.view = table_view(self.model)
        self.view.viewport().installEventFilter(self)  # its width decides the last column's (below)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._current(cur.row()))
        self.view.activated.connect(lambda index: self.open_row(self.model.row_at(index.row())))

        self.outer = outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filters = QHBoxLayout()
        self.action_row = QHBoxLayout()  # (not `actions`: QWidget.actions() is a method)
        top.addLayout(self.filters)
        top.addStretch(1)
        top.addLayout(self.action_row)
        outer.addLayout(top)
        self.notice = QLabel()  # a line for what needs doing (e.g. who lacks a responsibility)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b00020")
        self.notice.hide()
        outer.addWidget(self.notice)

        self.detail_panel = QWidget()
        self.detail_box = QVBoxLayout(self.detail_panel)
        self.detail_box.setContentsMargins(8, 0, 0, 0)
        heading = QLabel(self.detail_title or translate("RegisterPage", "详细信息"))
        heading.setStyleSheet("font-weight: bold")
        self.detail_box.addWidget(heading)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.detail)
        self.detail_box.addWidget(scroll, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 360])
        outer.addWidget(self.splitter, 1)

        self.count = QLabel()
        outer.addWidget(self.count)

    # ---- building blocks for subclasses --------------------------------------------------
    def button(self, text: str, slot: Callable[[], None], shortcut: str | None = None,
               *, needs_row: bool = False) -> QPushButton:
        b = QPushButton(text)
        if shortcut:
            b.setShortcut(shortcut)
            b.setToolTip(shortcut)
        b.clicked.connect(lambda _c=False: slot())
        b.setProperty("needs_row", needs_row)
        if needs_row:
            b.setEnabled(False)
        self.action_row.addWidget(b)
        return b

    def open_dialog(self, dialog: QDialog) -> None:
        """Open a form over the page (kept as `self.dialog` while it is open)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def search_edit(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.setToolTip(placeholder)  # the box may be narrower than its hint on a small screen
        edit.setMinimumWidth(200)  # it grows with the window; a wider minimum holds the window past 1024
        timer = QTimer(edit)
        timer.setSingleShot(True)
        timer.setInterval(SEARCH_DEBOUNCE_MS)
        timer.timeout.connect(self.reload)
        edit.textChanged.connect(lambda _t: timer.start())
        self.filters.addWidget(edit)
        return edit

    def make_columns(self) -> Sequence[Column]:
        raise NotImplementedError

    # ---- loading ----------------------------------------------------------------------------
    def listing_job(self) -> Callable[[], Listing[Any]]:
        raise NotImplementedError

    def reload(self) -> None:
        self._seq += 1
        seq = self._seq
        self.ctx.background.run(self.listing_job(), on_done=lambda listing: self._loaded(seq, listing),
                                parent=self)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._fit_last_column()
        return super().eventFilter(watched, event)

    def _fit_last_column(self) -> None:
        """The last column fills the view, unless the view is too narrow for its title (at
        大字号 in a narrow list): then it keeps its width and the list scrolls sideways."""
        header = self.view.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        if last < 0:
            return
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != last and not header.isSectionHidden(i))
        fits = others + header.sectionSizeHint(last) <= self.view.viewport().width()
        if not fits and header.stretchLastSection():
            header.setStretchLastSection(False)
            header.resizeSection(last, max(header.sectionSizeHint(last), header.sectionSize(last)))
        elif fits and not header.stretchLastSection():
            header.setStretchLastSection(True)

    def _loaded(self, seq: int, listing: Listing[Any]) -> None:
        if seq != self._seq:  # a newer filter is on its way
            return
        before = self.selected()
        keep = getattr(before, "id", None)
        self.model.set_rows(listing.rows)
        if not self._layout_restored:
            self.view.resizeColumnsToContents()
        self._fit_last_column()
        if listing.truncated:
            self.count.setText(translate("RegisterPage", "共 {total} 条，只显示最近的 {shown} 条；请用筛选或搜索缩小范围。").format(
                total=listing.total, shown=len(listing.rows)))
        else:
            self.count.setText(translate("RegisterPage", "共 {total} 条").format(total=listing.total))
        row = next((i for i, r in enumerate(listing.rows) if getattr(r, "id", None) == keep), 0)
        if listing.rows:  # the reset cleared the current row: setting it shows its details
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectRow(row)
        else:
            self._current(-1)
        self.loaded()

    def loaded(self) -> None:
        """Called after each reload has filled the list (tests and subclasses wait on it)."""

    # ---- selection ----------------------------------------------------------------------------
    def selected(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _current(self, row_number: int) -> None:
        row = self.model.row_at(row_number)
        self.detail.setText(detail_html(self.detail_pairs(row)) if row is not None else
                            translate("RegisterPage", "（没有选中的记录）"))
        for b in self.findChildren(QPushButton):
            if b.property("needs_row"):
                b.setEnabled(row is not None and self.row_allows(b, row))
        self.row_changed(row)

    def detail_pairs(self, row: Any) -> list[tuple[str, Any]]:
        raise NotImplementedError

    def row_allows(self, button: QPushButton, row: Any) -> bool:
        """Whether a button that needs a row applies to this one (e.g. void only if not void)."""
        return True

    def row_changed(self, row: Any) -> None:
        """The selected row changed (None: nothing selected)."""

    def open_row(self, row: Any) -> None:
        """Enter or double-click on a row."""

    # ---- column layout (QSettings through the main window) ------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {"header": self.view.horizontalHeader().saveState(), "splitter": self.splitter.saveState()}

    def restore_state(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        header, splitter = state.get("header"), state.get("splitter")
        if isinstance(header, QByteArray) and self.view.horizontalHeader().restoreState(header):
            self._layout_restored = True
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
