"""Spreadsheet exports from the app: the roster (花名册), the four-ones ledger (台账), the
supervision / assessment figures and the mutual-aid subsidy ledger, and the blank roster
template. Each asks for the period (where one is needed) and where to save, writes the file
on the database worker (progress shown past half a second; the file appears under its name
only when whole), then says where it is and offers to open it.

For the lead to hook into menus (each takes the page's Context and a parent widget; the
keyword arguments skip the questions, for tests and for callers that already know):
    export_roster(ctx, parent, unit=None)
    export_ledger(ctx, parent, period=None)
    export_compliance(ctx, parent, period=None)          (.xlsx, or .pdf chosen in the dialog)
    export_subsidies(ctx, parent, period=None)
    save_roster_template(ctx, parent)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.ui.file_feedback import open_or_say_where
from app.ui.kit import Context, translate

Done = Callable[[Any], None]
XLSX_FILTER = "Excel (*.xlsx)"
_FOLDER_KEY = "export/folder"


def open_file(path: Path) -> bool:
    """Open the file in the system's spreadsheet or PDF viewer (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_period(parent: QWidget, title: str) -> str | None:
    """The period, chosen in words (2026年第四季度) from a list (app/ui/period_picker.py)."""
    from app.ui.period_picker import ask_period as pick

    return pick(parent, title)


def ask_path(parent: QWidget, title: str, name: str, filters: str = XLSX_FILTER) -> Path | None:
    settings = QSettings("guanai", "guanai")
    folder = str(settings.value(_FOLDER_KEY, str(Path.home())))
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    settings.setValue(_FOLDER_KEY, str(path.parent))
    return path


def run_export(ctx: Context, parent: QWidget, job: Callable[[], Any], label: str, on_done: Done | None,
         *, ask_to_open: bool = True) -> None:
    def done(result: Any) -> None:
        if on_done is not None:
            on_done(result)
        if not ask_to_open:
            return
        path = Path(getattr(result, "path", result))
        rows = getattr(result, "rows", None)
        text = (translate("Export", "已导出 {n} 行：\n{path}").format(n=rows, path=path) if rows is not None
                else translate("Export", "已保存：\n{path}").format(path=path))
        box = QMessageBox(QMessageBox.Icon.Information, translate("Export", "导出完成"), text,
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close, parent)
        box.button(QMessageBox.StandardButton.Open).setText(translate("Export", "打开"))
        box.button(QMessageBox.StandardButton.Close).setText(translate("Export", "关闭"))
        if box.exec() == QMessageBox.StandardButton.Open:
            open_or_say_where(parent, path, open_file(path))

    ctx.background.run(job, on_done=done, parent=parent, label=label)


def ask_full_ids(parent: QWidget | None) -> bool:
    """The director's choice for one export: full ID numbers (logged) or masked (the default)."""
    answer = QMessageBox.question(
        parent, translate("Export", "导出花名册"),
        translate("Export", "花名册里的身份证号默认隐去出生日期等8位，发给帮扶单位时这样就够了。\n\n"
                            "这一次要导出完整的身份证号吗？（导出完整号码会记入查阅记录，文件请妥善保管）"),
        buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        defaultButton=QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def export_roster(ctx: Context, parent: QWidget, unit: str | None = None, *, path: Path | None = None,
                  on_done: Done | None = None, ask_to_open: bool = True, full_ids: bool | None = None) -> None:
    """The roster of this office, or of one village, township or assisting unit (`unit`); ID
    numbers masked unless full ones are chosen for this export (asked when `full_ids` is None)."""
    from app.reports.roster_export import export_roster as write

    # full ID numbers are offered only to a role that may export them (the director)
    if full_ids is None and not ctx.store.may("disclose_ids"):
        full_ids = False
    full = ask_full_ids(parent) if full_ids is None else full_ids
    name = translate("Export", "花名册") + (f"-{unit}" if unit else "") + f"-{dt.date.today():%Y%m%d}.xlsx"
    path = path or ask_path(parent, translate("Export", "导出花名册"), name)
    if path is None:
        return
    run_export(ctx, parent, lambda: ctx.store.read(write, path, unit=unit, full_ids=full),
         translate("Export", "正在导出花名册…"), on_done, ask_to_open=ask_to_open)


def _period_export(ctx: Context, parent: QWidget, writer: Callable[..., Any], title: str, stem: str,
                   period: str | None, path: Path | None, on_done: Done | None, ask_to_open: bool,
                   filters: str = XLSX_FILTER) -> None:
    period = period or ask_period(parent, title)
    if period is None:
        return
    path = path or ask_path(parent, title, f"{stem}-{period}.xlsx", filters)
    if path is None:
        return
    run_export(ctx, parent, lambda: ctx.store.read(writer, path, period), translate("Export", "正在导出…"),
         on_done, ask_to_open=ask_to_open)


def export_ledger(ctx: Context, parent: QWidget, period: str | None = None, *, path: Path | None = None,
                  on_done: Done | None = None, ask_to_open: bool = True) -> None:
    """The four-ones ledger (台账) of a period."""
    from app.reports.ledger import export_ledger as write

    _period_export(ctx, parent, write, translate("Export", "导出四个一工作台账"),
                   translate("Export", "四个一台账"), period, path, on_done, ask_to_open)


def export_compliance(ctx: Context, parent: QWidget, period: str | None = None, *,
                      path: Path | None = None, on_done: Done | None = None,
                      ask_to_open: bool = True) -> None:
    """The supervision and assessment figures per village and township, .xlsx or .pdf."""
    from app.reports.compliance import export_compliance as write

    _period_export(ctx, parent, write, translate("Export", "导出督导考核数据"),
                   translate("Export", "督导考核"), period, path, on_done, ask_to_open,
                   filters=f"{XLSX_FILTER};;PDF (*.pdf)")


def export_subsidies(ctx: Context, parent: QWidget, period: str | None = None, *,
                     path: Path | None = None, on_done: Done | None = None,
                     ask_to_open: bool = True) -> None:
    """The mutual-aid subsidy ledger of a period."""
    from app.reports.subsidy import export_subsidies as write

    _period_export(ctx, parent, write, translate("Export", "导出互助家庭补贴台账"),
                   translate("Export", "互助补贴台账"), period, path, on_done, ask_to_open)


def save_roster_template(ctx: Context, parent: QWidget, *, path: Path | None = None,
                         on_done: Done | None = None, ask_to_open: bool = True) -> None:
    """The blank roster template: headers, drop-downs and an example row."""
    from app.reports.sheets_template import write_template

    path = path or ask_path(parent, translate("Export", "保存空白花名册模板"),
                            translate("Export", "花名册模板") + ".xlsx")
    if path is None:
        return
    run_export(ctx, parent, lambda: write_template(path), translate("Export", "正在生成模板…"), on_done,
         ask_to_open=ask_to_open)
