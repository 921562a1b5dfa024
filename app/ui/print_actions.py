"""Printing from the app: the PDF is made on the database worker (progress shown past half
a second), written safely into the prints folder of the data directory, then opened in the
system's PDF viewer, from which the director prints it; when no viewer opens, a box says
where the file is and offers its folder (app/ui/file_feedback.py).

For the roster page and the recipient form:
    print_roster_pdf(ctx, parent, village_code=None)
    print_profile_pdf(ctx, parent, recipient_id)
and for the agreements page (marking printed only after the PDF was shown; the batch asks
first, naming the kind, how many and which villages):
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
from PySide6.QtWidgets import QMessageBox, QWidget

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


def run_print(ctx: Context, parent: QWidget, job: Callable[[], Any], out: Path, label: str,
         on_done: Callable[[Any], None] | None) -> None:
    def done(result: Any) -> None:
        open_or_say_where(parent, out, open_file(out))
        if on_done is not None:
            on_done(result)

    ctx.background.run(job, on_done=done, parent=parent, label=label)


def print_roster_pdf(ctx: Context, parent: QWidget, village_code: str | None = None, *,
                     on_done: Callable[[Any], None] | None = None) -> Path:
    """The roster (花名册) of this office, or of one village."""
    from app.reports.roster_pdf import print_roster

    out = pdf_path(translate("Print", "花名册") + (f"-{village_code}" if village_code else ""))
    run_print(ctx, parent, lambda: ctx.store.read(print_roster, out, village_code=village_code), out,
         translate("Print", "正在生成花名册…"), on_done)
    return out


def print_profile_pdf(ctx: Context, parent: QWidget, recipient_id: str, *,
                      on_done: Callable[[Any], None] | None = None) -> Path:
    """One recipient's one-page profile (一户一档)."""
    from app.reports.profile_pdf import print_profile

    out = pdf_path(translate("Print", "一户一档"))
    run_print(ctx, parent, lambda: ctx.store.read(print_profile, recipient_id, out), out,
         translate("Print", "正在生成一户一档…"), on_done)
    return out


def print_agreements_pdf(ctx: Context, parent: QWidget, agreement_ids: list[str], stem: str, *,
                         on_done: Callable[[Any], None] | None = None) -> Path:
    """The agreements in one PDF. Those waiting to be signed are marked printed only after
    the PDF was written and shown (a PDF that never appears marks nothing), and the mark
    can be undone until signing (撤销已打印). `on_done` gets how many were newly marked."""
    from app.reports.printing import mark_batch_printed, print_agreements

    out = pdf_path(stem)
    ids = list(agreement_ids)

    def written(_result: Any) -> None:
        open_or_say_where(parent, out, open_file(out))
        ctx.background.run(lambda: ctx.store.write(mark_batch_printed, ids), on_done=marked, parent=parent)

    def marked(count: Any) -> None:
        ctx.hub.changed.emit()  # the pages showing the agreements reload
        if on_done is not None:
            on_done(count)

    ctx.background.run(lambda: ctx.store.write(print_agreements, ids, out, mark=False), on_done=written,
                       parent=parent, label=translate("Print", "正在生成协议…"))
    return out


def batch_question(batch: Any) -> str:
    """What 打印全部待签 will do, in words: the kind, how many, which villages."""
    from app.ui.kit import label

    villages = [translate("Print", "{name} {n} 份").format(name=name, n=n) for _code, name, n in batch.villages]
    where = "、".join(villages[:6]) + (translate("Print", " 等 {n} 个村").format(n=len(villages))
                                       if len(villages) > 6 else "")
    return translate("Print", "将把 {n} 份“{kind}”生成一个 PDF（{where}）。\n"
                              "PDF 生成并打开后，其中 {drafted} 份尚未打印的会标记为“已打印”；"
                              "没有实际打印的，签订前可以选中后点“撤销已打印”。\n\n继续吗？").format(
        n=len(batch.ids), kind=label(batch.kind), where=where, drafted=batch.drafted)


def confirm_batch(parent: QWidget, batch: Any) -> bool:
    """Asked before a change of many records (tests replace this)."""
    answer = QMessageBox.question(parent, translate("Print", "打印全部待签"), batch_question(batch),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def print_pending_agreements_pdf(ctx: Context, parent: QWidget, kind: str, stem: str, *,
                                 on_done: Callable[[Any], None] | None = None,
                                 on_nothing: Callable[[], None] | None = None) -> None:
    """Every agreement of the kind waiting to be signed, in one PDF, after saying what it
    will print and mark (kind, how many, which villages) and asking first."""
    from app.reports.printing import pending_batch

    def ask(batch: Any) -> None:
        if not batch.ids:
            if on_nothing is not None:
                on_nothing()
            return
        if confirm_batch(parent, batch):
            print_agreements_pdf(ctx, parent, list(batch.ids), stem, on_done=on_done)

    ctx.background.run(lambda: ctx.store.read(pending_batch, kind), on_done=ask, parent=parent)
