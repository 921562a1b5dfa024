"""Database work off the UI thread (STYLE.md habit 3): one single-worker executor for
everything that touches the database, results handed back on the main thread through a
queued signal, and a progress dialog that appears only if the job takes over half a second
and can cancel it (the job is interrupted inside SQLite and rolled back; see app.ui.store)."""

from __future__ import annotations

import gc
import itertools
import queue
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.care.collector import collector_paused
from app.care.errors import ServiceError
from app.ui.i18n import ui_language
from app.ui.store import CancelFlag, Cancelled, run_with_flag

PROGRESS_DELAY_MS = 500


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class _Relay(QObject):
    done = Signal(int)  # the key of a finished job


class _UiThreadCollector(QObject):
    """Python's cyclic garbage collector, run on the UI thread only, while a database worker
    lives. Left automatic, a collection starts on whichever thread happens to allocate; on
    the worker it can free a cycle holding a Qt object, whose destruction needs a Qt lock the
    UI thread holds while it waits for the interpreter lock the worker holds: both wait for
    ever (seen as a frozen window, and as UI tests hanging). So automatic collection is off
    and a timer on the UI thread runs the young generations' collections Python would, by its
    thresholds (the pattern of pyqtgraph's GarbageCollector); a full collection at most every
    FULL_EVERY_S (Python's own rule for those, a quarter of the heap pending, is not
    visible from here); none while a batch paused the collector (app.care.collector)."""

    INTERVAL_MS = 250
    FULL_EVERY_S = 30.0

    def __init__(self) -> None:
        super().__init__()
        self.was_on = gc.isenabled()
        self.threshold = gc.get_threshold()
        self.users = 0
        self.active = False  # automatic collection is off and the timer runs
        self.last_full = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def acquire(self) -> None:
        self.users += 1
        # Without an application there is no event loop to run the timer: collection stays
        # automatic (a worker made before the app, as some tests do, is not given up).
        if not self.active and QCoreApplication.instance() is not None:
            self.was_on = gc.isenabled()
            gc.disable()
            self.timer.start()
            self.active = True

    def release(self) -> None:
        self.users = max(0, self.users - 1)
        if self.users == 0 and self.active:
            self.timer.stop()
            self.active = False
            if self.was_on:
                gc.enable()

    def check(self) -> None:
        if gc.isenabled() or collector_paused():  # on by someone else, or a batch asked for none
            return
        counts, limits = gc.get_count(), self.threshold
        if counts[0] <= limits[0]:
            return
        generation = 0
        if counts[1] > limits[1]:
            generation = 1
            if counts[2] > limits[2] and time.monotonic() - self.last_full >= self.FULL_EVERY_S:
                generation = 2
                self.last_full = time.monotonic()
        gc.collect(generation)


_collector: _UiThreadCollector | None = None


def _ui_thread_collector() -> _UiThreadCollector:
    global _collector
    if _collector is None:
        _collector = _UiThreadCollector()
    return _collector


class Background:
    """The database worker: one thread, jobs in order.

    Everything a job drags along (the job's closure, the callbacks, the widgets they
    capture, an exception's traceback) is held on the UI thread until the job is delivered
    there, and the worker drops its own references before it signals. So the last reference
    to a Qt object is never released on the worker thread, where destroying it would crash.
    """

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[int, CancelFlag, Callable[[], Any]] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._outcomes: dict[int, tuple[bool, Any]] = {}  # worker → UI, under the lock
        self._waiting: dict[int, tuple[Callable[[], Any], Callable[[bool, Any], None]]] = {}
        self._keys = itertools.count(1)
        self._relay = _Relay()
        self._relay.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._closed = False
        _ui_thread_collector().acquire()  # before the worker runs anything
        self._thread = threading.Thread(target=self._work, name="guanai-db", daemon=True)
        self._thread.start()
        self.pending = 0  # jobs submitted and not yet delivered (tests wait on this)

    # ---- worker side -----------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            key, flag, job = item
            del item
            try:
                outcome: tuple[bool, Any] = (True, run_with_flag(flag, job))
            except BaseException as error:  # noqa: BLE001 (handed to the UI thread as is)
                outcome = (False, error)
            del job, flag
            with self._lock:
                self._outcomes[key] = outcome
            del outcome
            self._relay.done.emit(key)

    # ---- UI side -------------------------------------------------------------------------------
    def _enqueue(self, job: Callable[[], Any], flag: CancelFlag,
                 finish: Callable[[bool, Any], None]) -> None:
        key = next(self._keys)
        self._waiting[key] = (job, finish)
        self.pending += 1
        self._queue.put((key, flag, job))

    def _deliver(self, key: int) -> None:
        with self._lock:
            found = self._outcomes.pop(key, None)
        waiting = self._waiting.pop(key, None)
        if found is None or waiting is None:
            return  # shut down since: the job's outcome has been let go already
        ok, value = found
        _job, finish = waiting
        self.pending -= 1
        finish(ok, value)

    # (the callbacks' return values are ignored: `object` lets a lambda return what it calls)
    def run(self, job: Callable[[], Any], *, on_done: Callable[[Any], object],
            parent: QWidget | None = None, label: str | None = None,
            on_error: Callable[[BaseException], object] | None = None,
            on_cancel: Callable[[], object] | None = None) -> CancelFlag:
        """Run `job` on the worker. With a `label`, a cancellable progress dialog shows if
        the job runs past PROGRESS_DELAY_MS; a job stopped by that cancel calls `on_cancel`
        (if given) and nothing else. A job that finished anyway reports its result: what
        was saved is never announced as cancelled. Returns the job's cancel flag."""
        flag = CancelFlag()
        dialog: QProgressDialog | None = None
        timer: QTimer | None = None
        if label is not None:
            # The dialog is built only when the timer fires: most jobs (a keystroke's search)
            # are done long before, and building one costs a few milliseconds each time.
            def show_dialog() -> None:
                nonlocal dialog
                try:
                    dialog = QProgressDialog(label, translate("Background", "取消"), 0, 0, parent)
                except RuntimeError:  # the widget that asked is gone
                    return
                dialog.setWindowTitle(translate("Background", "请稍候"))
                dialog.setWindowModality(Qt.WindowModality.WindowModal)
                dialog.setAutoClose(False)
                dialog.setAutoReset(False)
                dialog.canceled.connect(flag.cancel)
                dialog.show()

            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(show_dialog)
            timer.start(PROGRESS_DELAY_MS)

        def finish(ok: bool, value: Any) -> None:
            if timer is not None:
                timer.stop()
            if dialog is not None:
                dialog.canceled.disconnect(flag.cancel)
                dialog.close()
                dialog.deleteLater()
            if not ok and isinstance(value, Cancelled):
                if on_cancel is not None:
                    on_cancel()
                return
            try:
                if ok:
                    on_done(value)
                elif on_error is not None:
                    on_error(value)
                else:
                    show_error(parent, value)
            except RuntimeError as gone:
                # The widget that asked was closed while the job ran (its C++ side is gone):
                # nobody is left to show the result to.
                if "already deleted" not in str(gone):
                    raise

        self._enqueue(job, flag, finish)
        return flag

    def submit(self, job: Callable[[], Any]) -> Future[Any]:
        """A job whose result is a Future, for start-up before the event loop runs (the
        caller pumps events until it is done)."""
        future: Future[Any] = Future()

        def finish(ok: bool, value: Any) -> None:
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

        self._enqueue(job, CancelFlag(), finish)
        return future

    def shutdown(self) -> None:
        if self._closed:  # once: the collector counts its users
            return
        self._closed = True
        self._queue.put(None)
        self._thread.join()
        # Jobs finished but not delivered (no event loop ran): let them go here, on the UI
        # thread, not with the worker.
        with self._lock:
            self._outcomes.clear()
        self._waiting.clear()
        _ui_thread_collector().release()


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A service's refusal in its own words; anything else as a short apology, never a
    traceback in the user's face (it goes to stderr for whoever reads the logs)."""
    from app.care.failures import describe

    words = describe(error)  # a full disk, another program writing the database, …
    if isinstance(error, ServiceError):
        QMessageBox.warning(parent, translate("Background", "无法完成"), error.message(ui_language()))
    elif words is not None:
        QMessageBox.warning(parent, translate("Background", "无法完成"),
                            words[1] if ui_language().startswith("en") else words[0])
    else:
        traceback.print_exception(error)
        QMessageBox.critical(parent, translate("Background", "出错了"), translate("Background", "操作没有完成，数据未被修改。") +
                             f"\n\n{type(error).__name__}: {error}")
