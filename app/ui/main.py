"""The desktop app's shell: fonts and languages, first run, and the main window — a list of
pages on the left (工作台 first), each page built the first time it is opened."""

from __future__ import annotations

import importlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from app.config import demo_active, demo_db_path, set_demo_active
from app.fonts import CJK_FAMILY, CJK_FONT, RARE_FONT
from app.ui import i18n
from app.ui.background import Background, show_error
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.kit import Context, Hub, Page, label
from app.ui.startup import quick_office
from app.ui.store import Store, settle_heap

if TYPE_CHECKING:
    from app.care.office_view import OfficeView

FONT_SIZES = {"normal": 11, "large": 14, "larger": 17}


ALL_LEVELS = ("village", "township", "county")
ABOVE_VILLAGE = ("township", "county")


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    target: str  # "module:Class"
    levels: tuple[str, ...] = ALL_LEVELS  # the offices whose window lists the page


# The order of the navigation list; Ctrl+1 … Ctrl+9 open them.
PAGES = (
    PageSpec("workbench", QT_TRANSLATE_NOOP("MainWindow", "工作台"), "app.ui.workbench:WorkbenchPage"),
    PageSpec("roster", QT_TRANSLATE_NOOP("MainWindow", "关爱对象"), "app.ui.roster_page:RosterPage"),
    PageSpec("pairing", QT_TRANSLATE_NOOP("MainWindow", "结对帮扶"), "app.ui.programmes.pairing:PairingPage"),
    PageSpec("teachers", QT_TRANSLATE_NOOP("MainWindow", "教师结对"), "app.ui.programmes.teachers:TeachersPage"),
    PageSpec("mutual_aid", QT_TRANSLATE_NOOP("MainWindow", "互助家庭"), "app.ui.programmes.mutual_aid:MutualAidPage"),
    PageSpec("assessments", QT_TRANSLATE_NOOP("MainWindow", "第三方评估"), "app.ui.programmes.assessments:AssessmentsPage"),
    PageSpec("responsibilities", QT_TRANSLATE_NOOP("MainWindow", "责任分工"), "app.ui.programmes.responsibilities:ResponsibilitiesPage"),
    PageSpec("agreements", QT_TRANSLATE_NOOP("MainWindow", "协议"), "app.ui.programmes.agreements:AgreementsPage"),
    PageSpec("activities", QT_TRANSLATE_NOOP("MainWindow", "关爱活动"), "app.ui.programmes.activities:ActivitiesPage"),
    PageSpec("review", QT_TRANSLATE_NOOP("MainWindow", "审核队列"), "app.ui.oversight.review_page:ReviewQueuePage",
             ABOVE_VILLAGE),
    PageSpec("duplicates", QT_TRANSLATE_NOOP("MainWindow", "重复登记"),
             "app.ui.oversight.duplicates_page:DuplicatesPage", ABOVE_VILLAGE),
    PageSpec("supervision", QT_TRANSLATE_NOOP("MainWindow", "督导"), "app.ui.oversight.supervision_page:SupervisionPage"),
    PageSpec("assessment", QT_TRANSLATE_NOOP("MainWindow", "考核"), "app.ui.oversight.assessment_page:AssessmentPage"),
    PageSpec("sync", QT_TRANSLATE_NOOP("MainWindow", "数据交换"), "app.ui.sync_page:SyncPage"),
)
# The offices above the village open on the overview; a township's work bench lists its own
# duties instead of every recipient's calls (issue 13).
OVERVIEW = PageSpec("overview", QT_TRANSLATE_NOOP("MainWindow", "总览"), "app.ui.oversight.overview_page:OverviewPage")
TOWNSHIP_BENCH = PageSpec("workbench", QT_TRANSLATE_NOOP("MainWindow", "工作台"),
                          "app.ui.oversight.duties_page:DutiesPage")


def pages_for(level: str) -> tuple[PageSpec, ...]:
    """The navigation list of an office of this level, first page first: the pages meant for
    its level (PageSpec.levels), the offices above the village opening on the overview, a
    township's work bench its own duties."""
    pages = tuple(spec for spec in PAGES if level in spec.levels)
    if level == "village":
        return pages
    pages = tuple(TOWNSHIP_BENCH if s.key == "workbench" else s for s in pages)  # a township's or county's duties
    return (OVERVIEW, *pages)


# The app's font families, in order: the shipped CJK font, then the shipped subset of HanaMin
# for the rare characters it lacks (CJK Extension B and beyond, such as 𠈌 in a name), so a
# name shows on screen as it prints (app/reports/fonts.py uses the same file for PDFs).
FONT_FAMILIES: list[str] = [CJK_FAMILY]


def load_cjk_font(app: QApplication) -> None:
    """Register the shipped CJK fonts and make them the app's font at the chosen size."""
    QFontDatabase.addApplicationFont(str(CJK_FONT))
    rare = QFontDatabase.addApplicationFont(str(RARE_FONT))
    for family in QFontDatabase.applicationFontFamilies(rare) if rare >= 0 else []:
        if family not in FONT_FAMILIES:
            FONT_FAMILIES.append(family)
    apply_font_size(app, saved_font_size())


def saved_font_size() -> str:
    value = QSettings("guanai", "guanai").value("ui/font_size", "normal")
    return value if value in FONT_SIZES else "normal"


def apply_font_size(app: QApplication, size: str) -> None:
    font = QFont(CJK_FAMILY)
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(FONT_SIZES.get(size, FONT_SIZES["normal"]))
    old = app.font().pointSizeF()
    ratio = font.pointSizeF() / old if old > 0 else 1.0
    # Widgets that already exist take the new size too, each keeping its own emphasis (a
    # bold heading a quarter larger stays one). Their fonts are read before any is set, so
    # a font a child inherits from its parent is not scaled twice.
    fonts = [(w, w.font()) for w in app.allWidgets()]
    app.setFont(font)
    for w, old_font in fonts:
        scaled = QFont(old_font)
        if old_font.pointSizeF() > 0:
            scaled.setPointSizeF(old_font.pointSizeF() * ratio)
        w.setFont(scaled)


DEFAULT_SIZE = (1200, 760)
TITLE_BAR = 40  # what a window manager adds above the window, at most, on a laptop


def default_size(window: QWidget) -> tuple[int, int]:
    """The first window size: 1200×760, or less on a smaller screen, so that on a 1366×768
    laptop the title bar, the menu, the status bar and the task bar all stay in view."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return DEFAULT_SIZE
    free = screen.availableGeometry()
    return (min(DEFAULT_SIZE[0], free.width() - 16), min(DEFAULT_SIZE[1], free.height() - TITLE_BAR))


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    leave_demo_requested = Signal()
    shown_at: float | None = None

    def __init__(self, store: Store, background: Background, office: OfficeView, *,
                 demo: bool = False) -> None:
        super().__init__()
        self.ctx = Context(store, background, office, Hub(self))
        self.store, self.background, self.office, self.demo = store, background, office, demo
        title = self.tr("关爱 —— {name}（{level} {code}）").format(
            name=office.name, level=label(office.level), code=office.code)
        if demo:  # never mistaken for the office's own register
            title = self.tr("【演示数据】") + title
        if store.unencrypted:  # a file anyone who copies it can read (issue 15)
            title += self.tr("　未加密")
        if store.signed is not None:
            title += self.tr("　—— {user}").format(user=store.signed.user)
        self.setWindowTitle(title)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setStyleSheet("QListWidget { font-size: 115%; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        self.specs = pages_for(office.level)
        for i, spec in enumerate(self.specs):
            self.nav.addItem(self.tr(spec.title))
            self.stack.addWidget(QWidget())  # replaced by the page the first time it is opened
            if i < 9:
                action = QAction(self)
                action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
                action.triggered.connect(lambda _c=False, n=i: self.nav.setCurrentRow(n))
                self.addAction(action)
        if len(self.specs) > 9:  # Ctrl+0: the last page (数据交换), past the nine digits
            last = QAction(self)
            last.setShortcut(QKeySequence("Ctrl+0"))
            last.triggered.connect(lambda _c=False: self.nav.setCurrentRow(len(self.specs) - 1))
            self.addAction(last)
        # As wide as the longest page name in this language and text size.
        self.nav.setFixedWidth(max(140, self.nav.sizeHintForColumn(0) + 40))
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.open_page)
        self._show_fingerprint()
        self._build_menus()
        self._restore()
        self.nav.setCurrentRow(0)

    def _show_fingerprint(self) -> None:
        def read() -> str | None:
            from app.care.offices import this_office_fingerprint  # on the worker

            return self.store.read(this_office_fingerprint)

        def show(fp: str | None) -> None:
            # A permanent widget: passing messages (showMessage) never cover the fingerprint
            # the director reads out on the phone to the township.
            self.fingerprint_label.setText(self.tr("本单位公钥指纹：{fp}").format(fp=fp or ""))
            self.fingerprint_label.setToolTip(self.fingerprint_label.text())

        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprint")
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # It may be cut on a narrow window rather than hold the window wide (whole in its tooltip).
        self.fingerprint_label.setMinimumWidth(1)
        self.fingerprint_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addPermanentWidget(self.fingerprint_label)

        self.background.run(read, on_done=show)

    # ---- pages ---------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page for `key`, built on first use."""
        if key not in self.pages:
            index = next(i for i, s in enumerate(self.specs) if s.key == key)
            module, cls = self.specs[index].target.split(":")
            page: Page = getattr(importlib.import_module(module), cls)(self.ctx)
            old = self.stack.widget(index)  # the placeholder the page replaces
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.stack.insertWidget(index, page)
            self.pages[key] = page
            settle_heap()
            state = QSettings("guanai", "guanai").value(f"page/{key}")
            if state is not None and hasattr(page, "restore_state"):
                page.restore_state(state)
        return self.pages[key]

    def open_page(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            page = self.page(self.specs[row].key)
            self.stack.setCurrentWidget(page)
            if self.nav.currentRow() != row:
                self.nav.setCurrentRow(row)

    def show_page(self, key: str) -> Page:
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.open_page(row)
        return self.pages[key]

    # ---- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        refresh = file_menu.addAction(self.tr("刷新(&R)"))
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.ctx.hub.changed.emit)
        settings = file_menu.addAction(self.tr("设置与备份(&S)…"))
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.open_settings)
        # the director and the auditor (issue 15); the service refuses anyone else too
        access = file_menu.addAction(self.tr("查阅记录(&A)…"))
        access.triggered.connect(self.open_access_log)
        access.setVisible(self.ctx.store.may("read_access_log"))
        retention = file_menu.addAction(self.tr("保存期满的信息…"))
        retention.triggered.connect(self.open_retention)
        if self.demo:
            file_menu.addSeparator()
            self.leave_demo_action = file_menu.addAction(self.tr("退出演示，设置本单位(&L)…"))
            self.leave_demo_action.triggered.connect(self.leave_demo_requested.emit)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("退出(&Q)"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)

        view = self.menuBar().addMenu(self.tr("查看(&V)"))
        sizes = QActionGroup(self)
        current = saved_font_size()
        for key, text in (("normal", self.tr("标准字号")), ("large", self.tr("大字号")),
                          ("larger", self.tr("特大字号"))):
            action = view.addAction(text)
            action.setCheckable(True)
            action.setChecked(key == current)
            action.triggered.connect(lambda _c=False, k=key: self.set_font_size(k))
            sizes.addAction(action)
        self.font_actions = sizes
        view.addSeparator()
        languages = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = view.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == i18n.ui_language())
            action.triggered.connect(lambda _c=False, c=code: self.language_changed.emit(c))
            languages.addAction(action)

        reports = self.menuBar().addMenu(self.tr("报表(&R)"))
        reports.addAction(self.tr("四个一台账（Excel）…"), lambda: self._export("export_ledger"))
        reports.addAction(self.tr("督导考核统计（Excel 或 PDF）…"), lambda: self._export("export_compliance"))
        reports.addAction(self.tr("互助家庭补贴台账（Excel）…"), lambda: self._export("export_subsidies"))
        reports.addSeparator()
        reports.addAction(self.tr("导出花名册（Excel）…"), lambda: self._export("export_roster"))
        reports.addSeparator()  # the ministry's forms upward and the report to the 政法委 (issue 13)
        forms = [(self.tr("农村留守儿童基本情况登记表（全部儿童，PDF）…"), "export_child_forms"),
                 (self.tr("农村留守儿童基本情况汇总表（Excel）…"), "export_child_summary"),
                 (self.tr("报政法委的报告（PDF 或 Excel）…"), "export_committee_report")]
        self.form_actions: dict[str, QAction] = {}
        for text, name in forms:
            action = reports.addAction(text)
            action.triggered.connect(lambda _checked=False, n=name: self._form(n))
            self.form_actions[name] = action

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        guide = help_menu.addAction(self.tr("使用指南(&G)"))
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.show_guide)
        keys = help_menu.addAction(self.tr("快捷键"))
        keys.triggered.connect(self.show_shortcuts)
        privacy = help_menu.addAction(self.tr("个人信息保护说明"))
        privacy.triggered.connect(self.show_privacy_note)

    def show_privacy_note(self) -> QDialog:
        from app.ui.privacy_note import PrivacyNoteDialog

        dialog = PrivacyNoteDialog(self)
        dialog.open()
        return dialog

    def _form(self, name: str) -> None:
        """An official form of this office (app/ui/forms_actions.py asks the period and file)."""
        from app.ui import forms_actions

        getattr(forms_actions, name)(self.ctx, self)

    def _export(self, name: str) -> None:
        """A spreadsheet of this office (app/ui/export_actions.py asks the period and file)."""
        from app.ui import export_actions

        getattr(export_actions, name)(self.ctx, self)

    def set_font_size(self, size: str) -> None:
        QSettings("guanai", "guanai").setValue("ui/font_size", size)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font_size(app, size)

    def open_settings(self) -> QDialog:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self, set_font_size=self.set_font_size, font_size=saved_font_size())
        dialog.finished.connect(lambda _r: self.ctx.hub.changed.emit())  # the bench's backup line
        dialog.open()
        return dialog

    def open_access_log(self) -> QDialog:
        from app.ui.access_log_dialog import AccessLogDialog

        dialog = AccessLogDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_retention(self) -> QDialog:
        from app.ui.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.ctx, self)
        dialog.open()
        return dialog

    def show_guide(self) -> QDialog:
        from app.ui.guide import GuideDialog

        dialog = GuideDialog(self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("快捷键"), self.tr(
            "Ctrl+1 … Ctrl+9　切换页面（工作台、关爱对象……）；Ctrl+0　数据交换\n"
            "Ctrl+F　搜索关爱对象\n"
            "Ctrl+N　新增关爱对象\n"
            "Enter　打开选中的任务或对象；在对话框里保存\n"
            "F2　记录电话随访　F3　记录走访　F4　微心愿　F6　物资帮扶（工作台）\n"
            "Esc　关闭对话框，不保存（已填写内容时先问）\n"
            "F5　刷新　F1　使用指南　Ctrl+,　设置与备份\n"
            "Ctrl+Q　退出"))

    # ---- state -------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = QSettings("guanai", "guanai").value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(*default_size(self))

    def save_state(self) -> None:
        settings = QSettings("guanai", "guanai")
        settings.setValue("main/geometry", self.saveGeometry())
        for key, page in self.pages.items():
            if hasattr(page, "save_state"):
                settings.setValue(f"page/{key}", page.save_state())

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if MainWindow.shown_at is None:
            MainWindow.shown_at = time.perf_counter()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.save_state()
        super().closeEvent(event)


class Shell:
    """Owns the window so a language change can rebuild it (every tr() runs again), and the
    store, so leaving the demo can open the office's own database in its place."""

    def __init__(self, app: QApplication, store: Store, background: Background, office: OfficeView,
                 *, demo: bool = False, target: str | None = None) -> None:
        self.app, self.store, self.background, self.office = app, store, background, office
        self.demo, self.target = demo, target  # target: the office's own database
        self.window: MainWindow | None = None

    def open(self, page: str | None = None) -> MainWindow:
        old = self.window
        if old is not None:
            old.save_state()
        window = MainWindow(self.store, self.background, self.office, demo=self.demo)
        window.language_changed.connect(self.switch_language)
        window.leave_demo_requested.connect(self.leave_demo)
        window.show()
        if page:
            window.show_page(page)
        self.window = window
        if self.store.signed is not None:  # the idle lock, for as long as someone is signed in
            from app.ui.idle_lock import IdleLock

            self.background.run(self.store.idle_minutes,
                                on_done=lambda minutes: IdleLock(self.app, self.store, self.background, minutes,
                                                                 owner=window))
        if old is not None:
            old.hide()
            old.deleteLater()
        return window

    def switch_language(self, lang: str) -> None:
        QSettings("guanai", "guanai").setValue("ui/language", lang)
        i18n.install(self.app, lang)
        key = None
        if self.window is not None:
            row = self.window.nav.currentRow()
            specs = self.window.specs
            key = specs[row].key if 0 <= row < len(specs) else None
        QTimer.singleShot(0, lambda: self.open(key))


    def leave_demo(self) -> bool:
        """Leave the demo for the office's own database: asks first, then the first-run
        questions on that database. The demo file stays, to try again later; nothing of it
        goes into the office's data. Answers whether the window now shows the office."""
        parent = self.window
        answer = QMessageBox.question(
            parent, self.tr("退出演示"),
            self.tr("退出演示数据，开始设置本单位的正式数据库？\n"
                    "演示数据保留在单独的文件里，不会带入正式数据。"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            store = open_store(self.app, self.background, self.target)
        except Exception as error:
            show_error(parent, error)
            return False
        set_demo_active(False)
        chosen = choose_office(store, self.background)
        if chosen is None:  # closed the questions: back to the demo, which stays chosen
            set_demo_active(True)
            self.background.run(store.close, on_done=lambda _r: None)
            return False
        old = self.store
        self.store, self.office, self.demo = chosen
        if old is not self.store:  # closed after the jobs already queued on it
            self.background.run(old.close, on_done=lambda _r: None)
        self.open()
        return True

    def tr(self, text: str) -> str:
        return QApplication.translate("MainWindow", text)


def choose_office(store: Store, background: Background) -> tuple[Store, OfficeView, bool] | None:
    """The first-run questions on a database with no office: (store, office, demo) once set
    up, or once the demo is ready in its own file; None if the director closed them."""
    from app.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(store, background)
    if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
        return None
    if dialog.demo_store is not None:
        store.close()
        store = dialog.demo_store
    office = store.office()
    assert office is not None
    return store, office, dialog.demo_store is not None


def offer_protection(store: Store, background: Background, office: OfficeView, target: str | None, *,
                     demo: bool) -> bool:
    """On an office's database made before users existed, once per start: set the director's
    password and encrypt the file (app/ui/protect_existing.py). Answers whether it was done;
    以后再说 or a failure goes on with the plain database as before."""
    from app.ui.protect_existing import ProtectExistingDialog, needs_protection

    if not needs_protection(store, target, demo=demo):
        return False
    from app.care.context import OPERATOR_KEY, get_setting

    try:  # the operator setting: the name the office's records carry (only a suggestion)
        director = store.read(lambda s: get_setting(s, OPERATOR_KEY)) or ""
    except Exception:
        director = ""
    dialog = ProtectExistingDialog(store, background, office, director)
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_store(app: QApplication, background: Background, target: str | None,
               signed: Any = None) -> Store:
    """Open the database; an upgrade (backup copy, then migration: seconds on a big county
    file) runs on the worker behind a progress dialog instead of freezing a blank screen.
    `signed`: who signed in, on a database with users (opened with the office key)."""
    from concurrent.futures import Future

    from PySide6.QtWidgets import QProgressDialog

    from app.db import needs_upgrade, open_database, upgrade

    if signed is not None:
        from app.protection.signin import open_signed_in

        engine = open_signed_in(target, signed, migrate=False)
    else:
        engine = open_database(target, migrate=False)
    if not needs_upgrade(engine):
        return Store(engine, target=target, signed=signed)
    dialog = QProgressDialog(QApplication.translate("MainWindow", "正在升级数据库（已先备份原文件）……"),
                             "", 0, 0)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(QApplication.translate("MainWindow", "请稍候"))
    dialog.show()
    future: Future[object] = background.submit(lambda: upgrade(engine))
    while not future.done():
        app.processEvents()
        time.sleep(0.02)
    dialog.close()
    future.result()  # raises what the upgrade raised
    return Store(engine, target=target, signed=signed)


def start_store(app: QApplication, background: Background, target: str | None,
                signed: Any = None) -> tuple[Store, OfficeView | None, bool]:
    """The database the app opens on: the office's own (shown before the database layer
    has loaded when it is set up and current), or — while the director is still trying the
    app and the office's own has no office yet — the demo's file. (store, office, demo)."""
    office = quick_office(target)  # None for an encrypted file (plain sqlite3 cannot read it)
    if office is not None:
        return Store.deferred(target, signed), office, False
    store = open_store(app, background, target, signed)
    office = store.office()
    if office is None and demo_active() and signed is None:
        demo_store = open_store(app, background, str(demo_db_path()))
        demo_office = demo_store.office()
        if demo_office is not None:
            store.close()
            return demo_store, demo_office, True
        demo_store.close()  # a demo that never finished: the first-run questions again
        set_demo_active(False)
    return store, office, False


def sign_in_first(background: Background, target: str | None, store: Store | None = None) -> Any:
    """On a database with users, the sign-in before anything is shown: who signed in, False
    if the window was closed, None for a database without users. A SQLite file's keyring is
    its sidecar; a server's is read through `store`, already open."""
    from app.protection.keyring import SidecarKeyring
    from app.ui.startup import sqlite_file

    if store is not None:
        keyring: Any = store.keyring()  # a server's: its users table
    else:
        path = sqlite_file(target)
        if path is None:
            return None
        keyring = SidecarKeyring(path)
        if not keyring.exists():
            return None
    from app.ui.sign_in import sign_in_at_start

    who = sign_in_at_start(background, keyring)
    return False if who is None else who


def store_has_users(store: Store) -> bool:
    # A SQLite file's users are in its sidecar, asked before the store was opened; only a
    # server's store is opened here, at start-up, before the window shows.
    return store.on_server and bool(store.keyring().exists())


def run_app(db: str | Path | None = None, *, lang: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("关爱")
    app.setOrganizationName("guanai")
    load_cjk_font(app)
    i18n.install(app, lang or i18n.saved_language())
    background = Background()
    target = str(db) if db else None
    # Usually the database is set up and current: show the window first and let the worker
    # load the database layer with its first job (app/ui/startup.py).
    try:
        signed = sign_in_first(background, target)
        if signed is False:  # the sign-in was closed
            background.shutdown()
            return 0
        store, office, demo = start_store(app, background, target, signed or None)
        if store.signed is None and store_has_users(store):  # a server database's users
            who = sign_in_first(background, target, store=store)
            if who is False:
                background.shutdown()
                store.close()
                return 0
            store = open_store(app, background, target, who)
    except Exception as error:  # a database that cannot be opened or upgraded
        show_error(None, error)
        background.shutdown()
        return 1
    if office is None:
        chosen = choose_office(store, background)
        if chosen is None:
            background.shutdown()
            return 0
        store, office, demo = chosen
    offer_protection(store, background, office, target, demo=demo)
    shell = Shell(app, store, background, office, demo=demo, target=target)
    shell.open()
    code = app.exec()
    background.shutdown()
    shell.store.close()
    return code
