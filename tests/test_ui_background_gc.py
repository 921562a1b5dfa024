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


def test_a_second_shutdown_does_not_unbalance_the_collector(qtbot: Any) -> None:
    first = Background()
    first.shutdown()
    first.shutdown()  # once only
    assert gc.isenabled()
    second = Background()
    try:
        assert not gc.isenabled()  # still given to the UI thread while this worker lives
    finally:
        second.shutdown()
    assert gc.isenabled()


def test_the_ui_collector_waits_while_a_batch_paused_collection(qtbot: Any) -> None:
    """A roster import on the worker pauses the collector: the UI thread's timer must not
    rescan the batch every quarter second meanwhile."""
    from app.care.collector import paused_collector

    bg = Background()
    try:
        _Cycle.freed_on.clear()
        with paused_collector():
            _Cycle()
            kept = [[i] for i in range(50_000)]
            qtbot.wait(3 * 250 + 100)  # a few timer ticks with plenty to collect
            assert _Cycle.freed_on == [] and len(kept) == 50_000
        qtbot.waitUntil(lambda: bool(_Cycle.freed_on), timeout=5000)  # collected once it ended
        assert _Cycle.freed_on == ["MainThread"]
    finally:
        bg.shutdown()
