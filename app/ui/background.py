"""Database work off the UI thread (STYLE.md habit 3): one single-worker executor for
everything that touches the database, results handed back on the main thread through a
queued signal, and a progress dialog that appears only if the job takes over half a second
and can cancel it (the job is interrupted inside SQLite and rolled back; see app.ui.store)."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.care.errors import ServiceError
from app.ui.i18n import ui_language
from app.ui.store import CancelFlag, Cancelled, run_with_flag

PROGRESS_DELAY_MS = 500


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class _Relay(QObject):
    done = Signal(object, object)  # (callback, future)


class Background:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guanai-db")
        self._relay = _Relay()
        self._relay.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.pending = 0  # jobs submitted and not yet delivered (tests wait on this)

    def run(self, job: Callable[[], Any], *, on_done: Callable[[Any], None],
            parent: QWidget | None = None, label: str | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None) -> Future[Any]:
        """Run `job` on the worker. With a `label`, a cancellable progress dialog shows if
        the job runs past PROGRESS_DELAY_MS; a cancelled job calls `on_cancel` (if given)
        and nothing else."""
        flag = CancelFlag()
        dialog: QProgressDialog | None = None
        timer: QTimer | None = None
        if label is not None:
            dialog = QProgressDialog(label, translate("Background", "取消"), 0, 0, parent)
            dialog.setWindowTitle(translate("Background", "请稍候"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.reset()
            dialog.canceled.connect(flag.cancel)
            timer = QTimer(dialog)
            timer.setSingleShot(True)
            timer.timeout.connect(dialog.show)
            timer.start(PROGRESS_DELAY_MS)

        def finish(future: Future[Any]) -> None:
            self.pending -= 1
            if timer is not None:
                timer.stop()
            if dialog is not None:
                dialog.canceled.disconnect(flag.cancel)
                dialog.close()
                dialog.deleteLater()
            error = future.exception()
            if isinstance(error, Cancelled) or (error is None and flag.cancelled and label is not None
                                                and on_cancel is not None):
                if on_cancel is not None:
                    on_cancel()
                return
            try:
                if error is None:
                    on_done(future.result())
                elif on_error is not None:
                    on_error(error)
                else:
                    show_error(parent, error)
            except RuntimeError as gone:
                # The widget that asked was closed while the job ran (its C++ side is gone):
                # nobody is left to show the result to.
                if "already deleted" not in str(gone):
                    raise

        self.pending += 1
        future = self._pool.submit(run_with_flag, flag, job)
        future.add_done_callback(lambda f: self._relay.done.emit(finish, f))
        return future

    def submit(self, job: Callable[[], Any]) -> Future[Any]:
        """A bare job on the worker, for start-up before the event loop runs."""
        return self._pool.submit(job)

    def _deliver(self, callback: Callable[[Future[Any]], None], future: Future[Any]) -> None:
        callback(future)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A service's refusal in its own words; anything else as a short apology, never a
    traceback in the user's face (it goes to stderr for whoever reads the logs)."""
    if isinstance(error, ServiceError):
        QMessageBox.warning(parent, translate("Background", "无法完成"), error.message(ui_language()))
    else:
        traceback.print_exception(error)
        QMessageBox.critical(parent, translate("Background", "出错了"), translate("Background", "操作没有完成，数据未被修改。") +
                             f"\n\n{type(error).__name__}: {error}")
