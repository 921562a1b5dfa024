"""The Qt binding must not leak or lose references on calls from Qt into Python.

PySide6 6.12.0 under Python 3.11 takes one reference off True on every signal emission and
one off None on every model data() that returns None; the app then dies with "Fatal Python
error: none_dealloc" after a few thousand repaints. pyproject.toml excludes that release;
this test catches a binding with the same fault.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

CALLS = 200  # far from the thousands needed to reach zero, enough to see a drift


class _Emitter(QObject):
    fired = Signal()


class _Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None


def test_signal_emission_keeps_the_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    emitter = _Emitter()
    emitter.fired.connect(lambda: None)
    before = sys.getrefcount(True), sys.getrefcount(None), sys.getrefcount(False)
    for _ in range(CALLS):
        emitter.fired.emit()
    after = sys.getrefcount(True), sys.getrefcount(None), sys.getrefcount(False)
    assert all(abs(a - b) < CALLS // 2 for a, b in zip(after, before, strict=True)), (before, after)


def test_model_data_returning_none_keeps_the_reference_count(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _Model()
    index = model.index(1, 1)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        index.data()  # C++ calls back into _Model.data
    assert abs(sys.getrefcount(None) - before) < CALLS // 2
