"""Cancelling a background job: the flag the UI thread sets and the worker (and SQLite's
progress handler, see store.py) reads. Free of SQLAlchemy, so the window can be built
before the database layer has loaded."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from app.care.errors import ServiceError


class Cancelled(ServiceError):
    def __init__(self) -> None:
        super().__init__("已取消，数据未被修改。", "Cancelled; nothing was changed.")


class CancelFlag:
    """Set from the UI thread, read by the worker (and by SQLite's progress handler)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()


_current = threading.local()


def current_flag() -> CancelFlag | None:
    return getattr(_current, "flag", None)


def run_with_flag(flag: CancelFlag | None, job: Callable[[], Any]) -> Any:
    """Run `job` on this thread with `flag` as the cancel flag SQLite consults. SQLite
    interrupted by the flag surfaces as SQLAlchemy's OperationalError ("interrupted"),
    told apart by name here so this module need not import SQLAlchemy."""
    _current.flag = flag
    try:
        return job()
    except Exception as error:
        if (flag is not None and flag.cancelled and type(error).__name__ == "OperationalError"
                and "interrupt" in str(error).lower()):
            raise Cancelled() from error
        raise
    finally:
        _current.flag = None
