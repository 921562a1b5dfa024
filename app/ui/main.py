"""The desktop app's shell: fonts, first run, and the main window with the roster."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.care.offices import OfficeView
from app.fonts import CJK_FAMILY, CJK_FONT
from app.models.codes import Category, Status
from app.ui.background import Background, show_error
from app.ui.first_run import FirstRunDialog
from app.ui.roster_model import RosterModel
from app.ui.store import RosterFilter, Store

SEARCH_DEBOUNCE_MS = 150


def load_cjk_font(app: QApplication) -> None:
    if QFontDatabase.addApplicationFont(str(CJK_FONT)) >= 0:
        font = QFont(CJK_FAMILY)
        font.setPointSize(max(app.font().pointSize(), 11))
        app.setFont(font)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, background: Background, office: OfficeView) -> None:
        super().__init__()
        self.store = store
        self.background = background
        self.office = office
        self.setWindowTitle(self.tr("关爱 —— {name}（{code}）").format(name=office.name, code=office.code))
        central = QWidget()
        layout = QVBoxLayout(central)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索：姓名、拼音首字母（如 zs）、身份证号后几位或电话"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for c in Category:
            self.category.addItem(c.zh, c.value)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for st in Status:
            self.status.addItem(st.zh, st.value)
        bar.addWidget(QLabel(self.tr("关爱对象")))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.category)
        bar.addWidget(self.status)
        layout.addLayout(bar)

        self.model = RosterModel(store, background, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((90, 50, 100, 170, 200, 80, 70, 120, 120)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().showMessage(self.tr("本单位公钥指纹：{fp}").format(fp=office.fingerprint or ""))

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.category.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)
        self._restore()
        self.apply_filter()

    def current_filter(self) -> RosterFilter:
        f = self.model.filter
        return RosterFilter(self.search.text().strip(), self.category.currentData(),
                            self.status.currentData(), f.sort, f.descending)

    def apply_filter(self) -> None:
        self.model.refresh(self.current_filter(), on_loaded=self._show_count)

    def _show_count(self, n: int) -> None:
        self.count_label.setText(self.tr("共 {n} 人").format(n=n))

    def _restore(self) -> None:
        settings = QSettings("guanai", "guanai")
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)
        header = settings.value("main/roster_header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        settings = QSettings("guanai", "guanai")
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/roster_header", self.table.horizontalHeader().saveState())
        super().closeEvent(event)


def run_app(db: str | Path | None = None, *, lang: str = "zh_CN") -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("关爱")
    load_cjk_font(app)
    background = Background()
    try:
        store = Store.open(str(db) if db else None)
    except Exception as error:  # a database that cannot be opened or upgraded
        show_error(None, error)
        return 1
    office = store.office()
    if office is None:
        dialog = FirstRunDialog(store, background)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
            background.shutdown()
            return 0
        office = store.office()
        assert office is not None
    window = MainWindow(store, background, office)
    window.show()
    code = app.exec()
    background.shutdown()
    store.close()
    return code
