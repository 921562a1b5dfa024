"""导出本人全部信息 (PIPL art. 45): everything the office holds about one person, for the
person or a child's guardian who asks, as one PDF or workbook (app/reports/person_export.py).
Asks the file (PDF or Excel by its ending), writes it on the worker — the disclosure of the
full ID numbers is audited there — then says where it is and offers to open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.ui.export_actions import XLSX_FILTER
from app.ui.forms_actions import PDF_FILTER, Done, ask_file, run_job
from app.ui.kit import Context, translate


def export_person_file(ctx: Context, parent: QWidget, recipient_id: str, *, name: str = "",
                       path: Path | None = None, on_done: Done | None = None, ask_to_open: bool = True) -> Path | None:
    from app.reports.person_export import export_person

    title = translate("Person", "导出本人全部信息")
    stem = translate("Person", "个人信息副本") + (f"-{name}" if name else "")
    out = ask_file(parent, title, f"{stem}.pdf", f"{PDF_FILTER};;{XLSX_FILTER}", path, ".pdf")
    if out is None:
        return None

    def job() -> Path:
        ctx.store.write(lambda s, _actor: export_person(s, recipient_id, out))
        return out

    run_job(ctx, parent, job, translate("Person", "正在导出本人全部信息…"), translate("Person", "个人信息副本"),
         on_done, ask_to_open, wrote=True)
    return out
