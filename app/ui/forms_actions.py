"""The official forms from the app (issue 13, point 6; the CLI's `report form …` and `report
committee`): the per-child 农村留守儿童基本情况登记表 (one child from the profile, or every
child of the office), the summary table (汇总表, xlsx) and the report to the political-legal
committee (政法委, PDF or xlsx). Each asks what it needs (period, file) unless given, writes on
the database worker (progress past half a second; the file appears under its name only
when whole, app/reports writes it so), then says where the file is and offers to open it or
its folder.

    print_child_form(ctx, parent, recipient_id, period=None)   → the prints folder, opened
    export_child_forms(ctx, parent, period=None, path=None)    every child, one PDF
    export_child_summary(ctx, parent, period=None, path=None)  汇总表 (.xlsx)
    export_committee_report(ctx, parent, period=None, path=None)  政法委 (.pdf or .xlsx)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.export_actions import XLSX_FILTER, ask_path, ask_period
from app.ui.kit import Context, translate

Done = Callable[[Any], None]
PDF_FILTER = "PDF (*.pdf)"


def open_path(path: Path) -> bool:
    """Open a file, or a folder, with the system (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def announce(parent: QWidget, path: Path, what: str) -> None:
    """Where the file is, with 打开 / 打开所在文件夹 / 关闭."""
    box = QMessageBox(QMessageBox.Icon.Information, translate("Forms", "已生成"),
                      translate("Forms", "{what}已保存：\n{path}").format(what=what, path=path),
                      QMessageBox.StandardButton.Close, parent)
    opened = box.addButton(translate("Forms", "打开"), QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton(translate("Forms", "打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
    box.button(QMessageBox.StandardButton.Close).setText(translate("Forms", "关闭"))
    box.setDefaultButton(opened)
    box.exec()
    if box.clickedButton() is opened:
        open_path(path)
    elif box.clickedButton() is folder:
        open_path(path.parent)


def run_job(ctx: Context, parent: QWidget, job: Callable[[], Any], label: str, what: str,
         on_done: Done | None, ask_to_open: bool, *, wrote: bool = False) -> None:
    def done(result: Any) -> None:
        if on_done is not None:
            on_done(result)
        if wrote:  # a print is logged (the forms show full ID numbers): pages showing the log reload
            ctx.hub.changed.emit()
        if ask_to_open:
            announce(parent, Path(getattr(result, "path", result)), what)

    ctx.background.run(job, on_done=done, parent=parent, label=label)


def ask_file(parent: QWidget, title: str, name: str, filters: str, path: Path | None, suffix: str) -> Path | None:
    path = path or ask_path(parent, title, name, filters)
    if path is not None and path.suffix.lower() not in (".pdf", ".xlsx"):
        path = path.with_suffix(suffix)
    return path


def print_child_form(ctx: Context, parent: QWidget, recipient_id: str, period: str | None = None, *,
                     name: str = "", on_done: Done | None = None, ask_to_open: bool = True) -> Path:
    """One child's 登记表 (this quarter unless `period`), in the prints folder, then offered."""
    from app.reports.child_form import print_child_registration
    from app.ui.print_actions import pdf_path

    out = pdf_path(translate("Forms", "留守儿童登记表") + (f"-{name}" if name else ""))
    run_job(ctx, parent, lambda: ctx.store.write(print_child_registration, recipient_id, out, period=period),
         translate("Forms", "正在生成留守儿童登记表…"), translate("Forms", "留守儿童基本情况登记表"),
         on_done, ask_to_open, wrote=True)
    return out


def export_child_forms(ctx: Context, parent: QWidget, period: str | None = None, *, path: Path | None = None,
                       on_done: Done | None = None, ask_to_open: bool = True) -> None:
    """Every left-behind child the summary counts (confirmed on the period's last day, under
    16 then), one page each, in one PDF."""
    from app.reports.child_form import print_child_registration

    title = translate("Forms", "留守儿童基本情况登记表（全部儿童）")
    period = period or ask_period(parent, title)
    if period is None:
        return
    out = ask_file(parent, title, translate("Forms", "留守儿童登记表") + f"-{period}.pdf", PDF_FILTER, path, ".pdf")
    if out is None:
        return
    run_job(ctx, parent, lambda: ctx.store.write(print_child_registration, None, out, period=period),
         translate("Forms", "正在生成留守儿童登记表…"), translate("Forms", "留守儿童基本情况登记表"),
         on_done, ask_to_open, wrote=True)


def export_child_summary(ctx: Context, parent: QWidget, period: str | None = None, *, path: Path | None = None,
                         on_done: Done | None = None, ask_to_open: bool = True) -> None:
    """The summary table (汇总表) of the period with its cross-checks, .xlsx."""
    from app.reports.forms_summary import export_summary

    title = translate("Forms", "农村留守儿童基本情况汇总表")
    period = period or ask_period(parent, title)
    if period is None:
        return
    out = ask_file(parent, title, translate("Forms", "留守儿童汇总表") + f"-{period}.xlsx", XLSX_FILTER, path, ".xlsx")
    if out is None:
        return
    run_job(ctx, parent, lambda: ctx.store.read(export_summary, out, period), translate("Forms", "正在导出汇总表…"),
         translate("Forms", "汇总表"), on_done, ask_to_open)


def export_committee_report(ctx: Context, parent: QWidget, period: str | None = None, *,
                            path: Path | None = None, on_done: Done | None = None,
                            ask_to_open: bool = True) -> None:
    """The report to the political-legal committee (政法委): .pdf, or .xlsx chosen in the dialog."""
    from app.reports.committee import export_committee

    title = translate("Forms", "报政法委的报告")
    period = period or ask_period(parent, title)
    if period is None:
        return
    out = ask_file(parent, title, translate("Forms", "政法委报告") + f"-{period}.pdf", f"{PDF_FILTER};;{XLSX_FILTER}",
                path, ".pdf")
    if out is None:
        return
    run_job(ctx, parent, lambda: ctx.store.read(export_committee, out, period), translate("Forms", "正在生成报告…"),
         translate("Forms", "政法委报告"), on_done, ask_to_open)
