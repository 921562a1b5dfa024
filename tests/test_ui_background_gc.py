"""The cyclic garbage collector runs on the UI thread only while the database worker lives
(a collection on the worker could destroy a Qt object there and deadlock with the UI thread)."""

from __future__ import annotations

import gc
import threading
from typing import Any

from app.ui.background import Background


class _Cycle:
    """Garbage only the cyclic collector can free; notes the thread that freed it."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def test_cycles_are_collected_on_the_ui_thread_not_the_worker(qtbot: Any) -> None:
    assert gc.isenabled()
    bg = Background()
    try:
        assert not gc.isenabled()  # no automatic collection while the worker lives
        _Cycle.freed_on.clear()
        _Cycle()  # unreachable at once, but in a cycle

        def allocate() -> list[list[int]]:  # new objects kept: enough for several collections
            return [[i] for i in range(200_000)]

        done = bg.submit(allocate)
        qtbot.waitUntil(done.done, timeout=30_000)  # delivered on the UI thread's event loop
        kept = done.result()
        assert len(kept) == 200_000
        qtbot.waitUntil(lambda: bool(_Cycle.freed_on), timeout=5000)
        assert _Cycle.freed_on == ["MainThread"]  # the UI timer collected it, not the worker
    finally:
        bg.shutdown()
    assert gc.isenabled()  # back to Python's own collection once the worker is gone
