"""Small shared pieces of the desktop app: the context every page gets, the "something
changed" hub pages refresh from (STYLE.md habit 2), and a form dialog that saves through
the background worker and shows a service's refusal next to the field it names.

Screens import from here; nothing here touches a Session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.models.codes import LABELS
from app.ui.background import Background, show_error
from app.ui.i18n import ui_language

if TYPE_CHECKING:
    from app.care.office_view import OfficeView
    from app.ui.store import Store

W = TypeVar("W", bound=QWidget)
T = TypeVar("T")

ERROR_STYLE = "color: #b00020"
INVALID_STYLE = "border: 1px solid #b00020"


class Hub(QObject):
    """One signal for "the data changed": every write emits it, visible pages reload."""

    changed = Signal()


@dataclass
class Context:
    store: Store
    background: Background
    office: OfficeView
    hub: Hub

    @property
    def level(self) -> str:
        return self.office.level


def call_with(fn: Callable[[T], object], value: T) -> Callable[[], None]:
    """A slot that calls `fn(value)`: one per value of a loop (a menu entry per kind)."""
    def call() -> None:
        fn(value)
    return call


def label(code: str | None) -> str:
    """A DOMAIN.md code name in the UI's language."""
    if code is None:
        return ""
    if code in LABELS:
        zh, en = LABELS[code]
        return en[:1].upper() + en[1:] if ui_language().startswith("en") else zh
    return code


def translate(context: str, text: str) -> str:
    """Translation for module-level text (classes use self.tr()). Call it with literal
    strings, `translate("Ctx", "文字")`, so pyside6-lupdate finds them."""
    return QCoreApplication.translate(context, text)


tr = translate  # older name; lupdate misreads tr(context, text), so use translate()


def qdate(d: dt.date | None) -> QDate:
    d = d or dt.date.today()
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def date_edit(default: dt.date | None = None, *, allow_future: bool = False) -> QDateEdit:
    """A date field with a calendar popup, today by default, typed as yyyy-MM-dd."""
    w = QDateEdit(qdate(default))
    w.setCalendarPopup(True)
    w.setDisplayFormat("yyyy-MM-dd")
    if not allow_future:
        w.setMaximumDate(qdate(dt.date.today()))
    return w


def yuan_text(fen: int | None) -> str:
    """Money is stored in fen and shown in yuan with two decimals."""
    if fen is None:
        return ""
    return f"{Decimal(fen) / 100:,.2f}"


def parse_yuan(text: str) -> int | None:
    """"12.5" → 1250 fen; empty → None; raises ValueError for anything else."""
    t = text.strip().replace(",", "").replace("，", "").replace("元", "").replace("¥", "")
    if not t:
        return None
    try:
        value = Decimal(t)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValueError(text)
    return int(value * 100)


def code_combo(codes: list[str] | tuple[str, ...], *, empty: str | None = None) -> QComboBox:
    """A combo of DOMAIN.md code names shown by label, carrying the code as data."""
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, None)
    for c in codes:
        box.addItem(label(c), c)
    return box


def select_data(box: QComboBox, value: Any) -> None:
    i = box.findData(value)
    if i >= 0:
        box.setCurrentIndex(i)


class FormDialog(QDialog):
    """A dialog with a form, an error line and 保存/取消.

    Subclasses add rows with `add_row(field_name, label, widget)` and implement `job()`,
    returning a zero-argument callable that the worker runs (usually
    `lambda: ctx.store.write(service_fn, ...)`). Enter saves. A ServiceError is shown under
    the form and the widget of the field it names is outlined; on success the hub's
    `changed` fires, `saved(result)` is called and the dialog closes.
    """

    def __init__(self, ctx: Context, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.result_value: Any = None
        # the opener's own step after a save, e.g. selecting the new row (after saved())
        self.on_saved: Callable[[Any], object] | None = None
        self.fields: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer.addLayout(self.form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        outer.addWidget(self.buttons)  # inside the dialog first: only then is 保存 its main default
        self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        cancel = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)  # Enter after a refusal saves again, never cancels the form
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self._focused_once = False

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self._as_opened = typed_values(self)
            self._typing = TypingWatch(self)
            self.focus_first_field()

    def reject(self) -> None:
        """Esc or 取消 after the user typed or chose something asks first: a call's notes
        typed for a minute are not lost to a stray key. (Values a dialog fills in itself after
        opening do not count: only what changed since opening *and* the user's own input.)
        The question is window-modal and does not block: 是 closes, 否 keeps the text."""
        opened = getattr(self, "_as_opened", None)
        watch = getattr(self, "_typing", None)
        if (getattr(self, "_discard", False) or opened is None or watch is None or not watch.typed
                or not self.save_button.isEnabled() or typed_values(self) == opened):
            super().reject()
            return
        asking = self.findChild(QMessageBox, "ask_discard")
        if asking is not None and asking.isVisible():
            return  # already asking
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("放弃填写的内容？"),
                          self.tr("已经填写的内容还没有保存，关闭后会丢失。确定不保存就关闭吗？"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("ask_discard")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._discard = True
                QDialog.reject(self)

        box.buttonClicked.connect(answered)
        box.open()

    def focus_first_field(self) -> None:
        """Opened, the cursor waits in the first field to type in (keyboard first), unless the
        dialog already put it in one; never on 保存 or in a list."""
        current = self.focusWidget()
        if (current is not None and self.isAncestorOf(current)
                and not isinstance(current, QAbstractButton | QAbstractItemView)):
            return
        for field in self.fields.values():
            candidates = [field, *field.findChildren(QWidget)]
            for w in candidates:
                if (w.isEnabled() and w.isVisibleTo(self) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                        and not isinstance(w, QAbstractButton | QAbstractItemView)):
                    w.setFocus(Qt.FocusReason.TabFocusReason)
                    return

    def add_row(self, field: str | None, text: str, widget: W) -> W:
        """The widget comes back as its own type: `self.name = self.add_row(…, QLineEdit())`."""
        self.form.addRow(text, widget)
        if field:
            self.fields[field] = widget
        return widget

    def job(self) -> Callable[[], Any]:
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        """Called on the UI thread after a successful save, before the dialog closes."""

    def show_problem(self, message: str, field: str | None = None) -> None:
        for w in self.fields.values():
            w.setStyleSheet("")
        self.error.setText(message)
        self.error.setVisible(bool(message))
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setStyleSheet(INVALID_STYLE)
            widget.setFocus()
        # The message wraps; grow the dialog so it never squeezes the form or the text above.
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def save(self) -> None:
        try:
            job = self.job()
        except ServiceError as e:  # checked on the form before anything is sent
            self.show_problem(e.message(ui_language()), e.field)
            return
        except ValueError as e:
            self.show_problem(str(e))
            return
        self.save_button.setEnabled(False)
        self.ctx.background.run(job, on_done=self._done, on_error=self._failed, parent=self,
                                label=self.tr("正在保存……"), on_cancel=lambda: self.save_button.setEnabled(True))

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.saved(result)
        if self.on_saved is not None:
            self.on_saved(result)
        self.ctx.hub.changed.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ServiceError):
            errors = getattr(error, "errors", None) or [error]
            self.show_problem("\n".join(e.message(ui_language()) for e in errors),
                              getattr(errors[0], "field", None))
        else:
            show_error(self, error)


class TypingWatch(QObject):
    """Notes whether the user typed or clicked inside `dialog` (an application event filter
    while the dialog lives: key presses go to the focused child, not the dialog)."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.typed = False
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            if isinstance(dialog, QDialog):  # closed: stop watching (the dialog may be kept)
                dialog.finished.connect(lambda _r: app.removeEventFilter(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if self.typed or kind not in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonRelease,
                                      QEvent.Type.InputMethod):  # Chinese arrives from the input method
            return False
        user_input = kind != QEvent.Type.KeyPress or (isinstance(event, QKeyEvent) and bool(
            event.text().strip() and event.text().isprintable() or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Space)))
        if (user_input and isinstance(watched, QWidget) and watched is not self.dialog
                and self.dialog.isAncestorOf(watched)):
            self.typed = True
        return False


# Free-text values the register keeps in Chinese, shown in the screen's language: ethnicities
# and assisting units' types (the English UI translates them; what is stored stays Chinese).
WORDS_EN = {
    "汉族": "Han", "苗族": "Miao", "侗族": "Dong", "布依族": "Bouyei", "水族": "Sui", "瑶族": "Yao",
    "土家族": "Tujia", "彝族": "Yi", "壮族": "Zhuang", "回族": "Hui", "仡佬族": "Gelao",
    "机关": "Government office", "事业单位": "Public institution", "企业": "Enterprise",
    "社会组织": "Social organisation", "其他": "Other",
}


def shown_word(stored: str | None) -> str:
    """A stored word as the screen shows it (English when the UI is English and it is known)."""
    if not stored:
        return ""
    return WORDS_EN.get(stored, stored) if ui_language().startswith("en") else stored


def words_combo(stored: Sequence[str], *, blank: bool = False) -> QComboBox:
    """An editable choice of stored words, each shown in the screen's language; read it with
    `stored_word` and fill it with `show_stored` so the register keeps the Chinese word."""
    box = QComboBox()
    box.setEditable(True)
    if blank:
        box.addItem("", "")
    for word in stored:
        box.addItem(shown_word(word), word)
    return box


def stored_word(box: QComboBox) -> str | None:
    """What to store for the combo's text: the Chinese word behind a listed choice, or what
    was typed."""
    text = box.currentText().strip()
    if not text:
        return None
    found = box.findText(text)
    data = box.itemData(found) if found >= 0 else None
    return str(data) if data else text


def show_stored(box: QComboBox, stored: str | None) -> None:
    found = box.findData(stored or "")
    if found >= 0:
        box.setCurrentIndex(found)
    else:
        box.setCurrentText(stored or "")


def typed_values(dialog: QWidget) -> list[Any]:
    """What the user can type or choose in the dialog, in widget order (compared to tell
    whether anything was typed since it opened)."""
    values: list[Any] = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLineEdit) and not w.isReadOnly():
            values.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit) and not w.isReadOnly():
            values.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            values.append(w.currentText() if w.isEditable() else w.currentIndex())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            values.append(w.isChecked())
        elif isinstance(w, QDateEdit | QSpinBox | QDoubleSpinBox):
            values.append(w.text())
    return values


def run_write(ctx: Context, parent: QWidget, job: Callable[[], Any], *, label: str,
              done: Callable[[Any], None] | None = None) -> None:
    """A one-shot write (a button with no form): progress, error box, then `changed`."""

    def finished(result: Any) -> None:
        if done is not None:
            done(result)
        ctx.hub.changed.emit()

    ctx.background.run(job, on_done=finished, parent=parent, label=label)


def heading_label(scale: float = 1.25) -> QLabel:
    """A page's heading: bold, `scale` times the text size (it follows the chosen size)."""
    w = QLabel()
    font = w.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    w.setFont(font)
    return w


def wait_label(text: str = "") -> QLabel:
    w = QLabel(text)
    w.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return w


def line(placeholder: str = "", text: str = "") -> QLineEdit:
    w = QLineEdit(text)
    w.setPlaceholderText(placeholder)
    return w


class Page(QWidget):
    """A page of the main window. It reloads when shown after the data changed, and at once
    when the data change while it is on screen; subclasses implement `reload()`, which
    must only start background jobs."""

    title = ""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        ctx.hub.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._dirty:
            self._dirty = False
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError
