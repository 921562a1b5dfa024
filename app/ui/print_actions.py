"""Printing from the app: the PDF is made on the database worker (progress shown past half
a second), written safely into the prints folder of the data directory, then opened in the
system's PDF viewer, from which the director prints it; when no viewer opens, a box says
where the file is and offers its folder (app/ui/file_feedback.py).

For the roster page and the recipient form:
    print_roster_pdf(ctx, parent, village_code=None)
    print_profile_pdf(ctx, parent, recipient_id)
and for the agreements page:
    print_agreements_pdf(ctx, parent, agreement_ids, stem)
    print_pending_agreements_pdf(ctx, parent, kind, stem)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.config import data_dir
from app.ui.file_feedback import open_or_say_where
from app.ui.kit import Context, translate


def prints_dir() -> Path:
    folder = data_dir() / "prints"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pdf_path(stem: str) -> Path:
    """A new file name in the prints folder: what it is and when it was made."""
    safe = "".join(ch for ch in stem if ch not in '\\/:*?"<>|').strip() or "guanai"
    return prints_dir() / f"{safe}-{dt.datetime.now():%Y%m%d-%H%M%S}.pdf"


def open_file(path: Path) -> bool:
    """Open the PDF in the system viewer (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _run(ctx: Context, parent: QWidget, job: Callable[[], Any], out: Path, label: str,
         on_done: Callable[[Any], None] | None, *, wrote: bool = False) -> None:
    def done(result: Any) -> None:
        open_or_say_where(parent, out, open_file(out))
        if on_done is not None:
            on_done(result)
        if wrote:  # agreements marked printed: the pages showing them reload
            ctx.hub.changed.emit()

    ctx.background.run(job, on_done=done, parent=parent, label=label)


def print_roster_pdf(ctx: Context, parent: QWidget, village_code: str | None = None, *,
                     on_done: Callable[[Any], None] | None = None) -> Path:
    """The roster (花名册) of this office, or of one village."""
    from app.reports.roster_pdf import print_roster

    out = pdf_path(translate("Print", "花名册") + (f"-{village_code}" if village_code else ""))
    _run(ctx, parent, lambda: ctx.store.read(print_roster, out, village_code=village_code), out,
         translate("Print", "正在生成花名册…"), on_done)
    return out


def print_profile_pdf(ctx: Context, parent: QWidget, recipient_id: str, *,
                      on_done: Callable[[Any], None] | None = None) -> Path:
    """One recipient's one-page profile (一户一档)."""
    from app.reports.profile_pdf import print_profile

    out = pdf_path(translate("Print", "一户一档"))
    _run(ctx, parent, lambda: ctx.store.read(print_profile, recipient_id, out), out,
         translate("Print", "正在生成一户一档…"), on_done)
    return out


def print_agreements_pdf(ctx: Context, parent: QWidget, agreement_ids: list[str], stem: str, *,
                         on_done: Callable[[Any], None] | None = None) -> Path:
    """The agreements in one PDF; those waiting to be signed are marked printed."""
    from app.reports.printing import print_agreements

    out = pdf_path(stem)
    ids = list(agreement_ids)
    _run(ctx, parent, lambda: ctx.store.write(print_agreements, ids, out), out,
         translate("Print", "正在生成协议…"), on_done, wrote=True)
    return out


def print_pending_agreements_pdf(ctx: Context, parent: QWidget, kind: str, stem: str, *,
                                 on_done: Callable[[Any], None] | None = None) -> Path:
    """Every agreement of the kind waiting to be signed, in one PDF, marked printed."""
    from app.reports.printing import print_pending

    out = pdf_path(stem)
    _run(ctx, parent, lambda: ctx.store.write(print_pending, kind, out), out,
         translate("Print", "正在生成协议…"), on_done, wrote=True)
    return out
