"""What is cut on a window as it is drawn now (issue 16 point 7): labels, buttons, choices,
tabs, column headers and short fields whose text is wider than the room they were given,
widgets that stick out of their window, and a window larger than a 1366×768 laptop's screen.

A check of the screens as a person sees them, used by the large-text test
(tests/test_ui_large_text.py) and the screenshots at 特大字号; it reads widgets only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

SCREEN = (1366, 768)
TITLE_BAR = 40  # what a window manager adds above a window, at most, on a laptop
SLACK = 1  # rounding between a size hint and the geometry a layout gives


@dataclass(frozen=True)
class Cut:
    window: str
    widget: str
    what: str

    def __str__(self) -> str:
        return f"{self.window}: {self.widget}: {self.what}"


def _name(w: QWidget) -> str:
    text = ""
    for attr in ("text", "title", "currentText", "placeholderText"):
        getter = getattr(w, attr, None)
        if callable(getter):
            try:
                value = getter()
            except TypeError:
                continue
            if isinstance(value, str) and value:
                text = value
                break
    return f"{type(w).__name__}{' ' + w.objectName() if w.objectName() else ''} «{text[:30]}»"


def _scrolls(w: QWidget, top: QWidget) -> bool:
    """Inside a scrolling area (a scroll area's page, a list's viewport): room is not fixed."""
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _shown(w: QWidget, top: QWidget) -> bool:
    return w.isVisibleTo(top) and w.width() > 0 and w.height() > 0


Cutter = Callable[[QWidget, str], None]  # reports one widget cut, in words


def cuts(top: QWidget, *, screen: tuple[int, int] = SCREEN) -> list[Cut]:
    """Everything cut on `top` (a window or a dialog, shown) as it is laid out now."""
    where = top.windowTitle() or type(top).__name__
    found: list[Cut] = []

    def cut(w: QWidget, what: str) -> None:
        found.append(Cut(where, _name(w), what))

    if top.width() > screen[0] or top.height() + TITLE_BAR > screen[1]:
        cut(top, f"{top.width()}×{top.height()} does not fit a {screen[0]}×{screen[1]} screen with its title bar")
    for w in top.findChildren(QWidget):
        if not _shown(w, top) or w.window() is not top:
            continue
        scrolled = _scrolls(w, top)
        if not scrolled and not isinstance(w, QToolButton):
            corner = w.mapTo(top, w.rect().bottomRight())
            if corner.x() > top.width() + SLACK or corner.y() > top.height() + SLACK:
                cut(w, f"sticks out of its window ({corner.x()}, {corner.y()})")
        if isinstance(w, QLabel):
            _label(w, cut)
        elif isinstance(w, QAbstractButton) and not isinstance(w, QToolButton):
            hint = w.sizeHint()
            if w.width() + SLACK < hint.width() or w.height() + SLACK < hint.height():
                cut(w, f"{w.width()}×{w.height()}, needs {hint.width()}×{hint.height()}")
        elif isinstance(w, QComboBox):
            _combo(w, cut)
        elif isinstance(w, QAbstractSpinBox):
            hint = w.minimumSizeHint()
            if w.width() + SLACK < hint.width():
                cut(w, f"{w.width()} wide, needs {hint.width()}")
        elif isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            _line(w, cut)
        elif isinstance(w, QTabBar):
            _tabs(w, cut)
        elif isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
            _header(w, cut)
        elif isinstance(w, QGroupBox) and w.title():
            needed = w.fontMetrics().horizontalAdvance(w.title()) + 16
            if w.width() < needed:
                cut(w, f"title needs {needed}, has {w.width()}")
    return found


def _label(w: QLabel, cut: Cutter) -> None:
    if not w.text() or w.wordWrap() or w.pixmap() is not None and not w.pixmap().isNull():
        return
    if w.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored and w.toolTip():
        return  # cut on purpose, whole in its tooltip (the status bar's fingerprint)
    hint = w.minimumSizeHint()
    if w.width() + SLACK < hint.width() or w.height() + SLACK < hint.height():
        cut(w, f"{w.width()}×{w.height()}, needs {hint.width()}×{hint.height()}")


def _combo(w: QComboBox, cut: Cutter) -> None:
    text = w.currentText()
    if not text:
        return
    option = QStyleOptionComboBox()
    w.initStyleOption(option)
    room = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                    QStyle.SubControl.SC_ComboBoxEditField, w).width()
    needed = _ink(w, text)
    if room + SLACK < needed:
        cut(w, f"shows {room} of the {needed} its text needs")


def _ink(w: QWidget, text: str) -> int:
    """How far the text's ink reaches (a closing full-width bracket's blank half may be cut)."""
    return w.fontMetrics().tightBoundingRect(text).right() + 1


def _line(w: QLineEdit, cut: Cutter) -> None:
    """A short value (an ID number, a date, a phone) shows whole; long notes may scroll."""
    text = w.text()
    if not text or len(text) > 24 or w.echoMode() != QLineEdit.EchoMode.Normal:
        return
    room = w.contentsRect().width() - 2 * w.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, w) - 4
    needed = _ink(w, text)
    if room < needed:
        cut(w, f"shows {room} of the {needed} its text needs")


def _tabs(w: QTabBar, cut: Cutter) -> None:
    for i in range(w.count()):
        if not w.isTabVisible(i):
            continue
        rect, hint = w.tabRect(i), w.tabSizeHint(i)
        if rect.width() + SLACK < hint.width():
            cut(w, f"tab «{w.tabText(i)}» {rect.width()} wide, needs {hint.width()}")
        if rect.right() > w.width() + SLACK:
            cut(w, f"tab «{w.tabText(i)}» beyond the bar's end (scrolled out of sight)")


def _header(w: QHeaderView, cut: Cutter) -> None:
    model = w.model()
    if model is None:
        return
    view = w.parentWidget()
    room = view.width() if isinstance(view, QAbstractItemView) else w.width()
    for i in range(w.count()):
        if w.isSectionHidden(i) or w.sectionViewportPosition(i) >= room:
            continue
        title = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not title:
            continue
        needed = w.sectionSizeHint(i)  # the title, its margins and a sort arrow, as Qt measures them
        if w.sectionSize(i) + SLACK < needed:
            cut(w, f"column «{title}» {w.sectionSize(i)} wide, needs {needed}")
