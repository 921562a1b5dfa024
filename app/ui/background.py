"""Database work off the UI thread (STYLE.md habit 3): one single-worker executor for
everything that touches the database, results handed back on the main thread through a
queued signal, and a progress dialog that appears only if the job takes over 600 ms."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.care.errors import ServiceError

PROGRESS_DELAY_MS = 600


class _Relay(QObject):
    done = Signal(object, object)  # (callback, future)


class Background:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guanai-db")
        self._relay = _Relay()
        self._relay.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, job: Callable[[], Any], *, on_done: Callable[[Any], None],
            parent: QWidget | None = None, label: str | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> Future[Any]:
        dialog: QProgressDialog | None = None
        timer: QTimer | None = None
        if label is not None:
            dialog = QProgressDialog(label, "", 0, 0, parent)
            dialog.setCancelButton(None)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.reset()
            timer = QTimer(dialog)
            timer.setSingleShot(True)
            timer.timeout.connect(dialog.show)
            timer.start(PROGRESS_DELAY_MS)

        def finish(future: Future[Any]) -> None:
            if timer is not None:
                timer.stop()
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
            error = future.exception()
            if error is None:
                on_done(future.result())
            elif on_error is not None:
                on_error(error)
            else:
                show_error(parent, error)

        future = self._pool.submit(job)
        future.add_done_callback(lambda f: self._relay.done.emit(finish, f))
        return future

    def _deliver(self, callback: Callable[[Future[Any]], None], future: Future[Any]) -> None:
        callback(future)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A service's refusal in its own words; anything else as a short apology, never a
    traceback in the user's face (it goes to stderr for whoever reads the logs)."""
    if isinstance(error, ServiceError):
        QMessageBox.warning(parent, "无法完成", error.zh)
    else:
        traceback.print_exception(error)
        QMessageBox.critical(parent, "出错了", f"操作没有完成，数据未被修改。\n\n{type(error).__name__}: {error}")
