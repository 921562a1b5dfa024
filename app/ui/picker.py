"""Choose a care recipient by typing: name, pinyin initials, the last digits of the ID
number or the phone, as in the roster search. Suggestions come from the background worker."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.care.recipients import RecipientSummary, list_recipients
from app.ui.kit import Context

SUGGESTIONS = 20
DEBOUNCE_MS = 150


def describe(r: RecipientSummary) -> str:
    # the age, never the birth date beside the masked number (the mask hides its digits)
    return f"{r.name}　{r.id_number_masked}　{r.age()}岁"


class RecipientPicker(QLineEdit):
    """`recipient_id` is the chosen recipient, or None while the text matches none."""

    picked = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recipient_id: str | None = None
        self._choices: dict[str, str] = {}
        self.setPlaceholderText(self.tr("输入姓名、拼音首字母或身份证号后几位，然后从列表中选择"))
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        # (PySide6's stubs cannot index a signal by its overload's argument type)
        completer.activated[str].connect(self._chosen)  # type: ignore[index]
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._edited)

    def set_recipient(self, recipient_id: str, text: str) -> None:
        self.recipient_id = recipient_id
        self._choices = {text: recipient_id}
        self.setText(text)

    def _edited(self, _text: str) -> None:
        self.recipient_id = None
        self._model.setStringList([])  # the last search's names no longer apply
        self._timer.start()

    def _search(self) -> None:
        text = self.text().strip()
        if not text:
            return
        self.ctx.background.run(
            lambda: self.ctx.store.read(list_recipients, search=text, limit=SUGGESTIONS),
            on_done=lambda found: self._show(found, text))

    def _show(self, found: list[RecipientSummary], asked: str) -> None:
        if asked != self.text().strip():
            return  # the text changed since: a newer search is on its way
        self._choices = {describe(r): r.id for r in found}
        self._model.setStringList(list(self._choices))
        if len(found) == 1 and found[0].name == self.text().strip():
            self._chosen(describe(found[0]))
        elif found and self.hasFocus():
            self.completer().complete()

    def _chosen(self, text: str) -> None:
        rid = self._choices.get(text)
        if rid is not None:
            self.recipient_id = rid
            self.setText(text)
            popup = self.completer().popup()
            if popup is not None:
                popup.hide()  # chosen: the next Enter belongs to the form
            self.picked.emit(rid)
