"""The cyclic garbage collector paused while a batch is built, in a way the desktop app's
UI-thread collector (app.ui.background) respects.

No SQLAlchemy, no Qt here: the UI imports this at start."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0


def collector_paused() -> bool:
    """Whether a batch asked for no collections now (the UI's timer then skips its own)."""
    return _pauses > 0


@contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector off while a batch is built. A batch's rows hold no
    reference cycles (reference counting frees them), yet every few hundred new dicts and
    tuples the collector would scan them all again: some tenth of a 10,000-row import (and,
    in the app, the UI thread's collector would do the same: it waits while this lasts)."""
    global _pauses
    with _lock:
        _pauses += 1
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
        with _lock:
            _pauses -= 1
