"""重复登记: possible duplicates of this township or county (the same ID number in two places,
or the same name and birth date), open ones first; a person decides each pair: not a
duplicate, or the same person (one record kept, the other marked deleted with its history
kept). The decision travels down to both villages (app/oversight/duplicates.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.oversight.duplicates import DuplicatePair, Person, decide_duplicate, list_duplicates
from app.ui.kit import Context, FormDialog, code_combo, date_edit, label, line, pydate
from app.ui.programmes.common import TablePage, table_view
from app.ui.programmes.registers_common import grow
from app.ui.table import Column, RowsModel


def person_text(p: Person) -> str:
    if not p.known:
        return f"（{p.village_name or p.village_code}）"
    return f"{p.name}　{p.village_name or p.village_code}　{p.id_number_masked}"


class DuplicateDialog(FormDialog):
    """Decide one pair: the same person (which record to keep) or not."""

    def __init__(self, ctx: Context, pair: DuplicatePair, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("认定重复登记"), parent)
        self.pair = pair
        intro = QLabel(self.tr("{match}：\n甲　{a}（{a_status}）\n乙　{b}（{b_status}）").format(
            match=label(pair.match), a=person_text(pair.a), b=person_text(pair.b),
            a_status=label(pair.a.status), b_status=label(pair.b.status)))
        intro.setWordWrap(True)
        self.form.insertRow(0, intro)
        self.verdict: QComboBox = grow(code_combo(["different", "same"]))
        self.add_row("as", self.tr("认定"), self.verdict)
        self.keep = grow(QComboBox())
        self.keep.addItem(self.tr("保留甲：{p}").format(p=person_text(pair.a)), pair.a.id)
        self.keep.addItem(self.tr("保留乙：{p}").format(p=person_text(pair.b)), pair.b.id)
        self.add_row("keep", self.tr("同一人时保留"), self.keep)
        self.note = self.add_row("note", self.tr("说明"), line(self.tr("如：核对户籍后确认")))
        self.on = self.add_row("date", self.tr("日期"), date_edit())
        self.warning = QLabel(self.tr("认定为同一人后，另一条记录标记为删除，它的历史记录都保留；决定会发给两个村。"))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #555;")
        self.form.addRow(self.warning)
        self.verdict.currentIndexChanged.connect(lambda _i: self._verdict_changed())
        self._verdict_changed()
        self.resize(600, self.sizeHint().height())

    def _verdict_changed(self) -> None:
        self.keep.setEnabled(self.verdict.currentData() == "same")

    def job(self) -> Callable[[], Any]:
        verdict = self.verdict.currentData()
        keep = self.keep.currentData() if verdict == "same" else None
        note, on, key = self.note.text(), pydate(self.on.date()), self.pair.key
        return lambda: self.ctx.store.write(decide_duplicate, key, verdict=verdict, keep=keep, note=note, on=on)


class DuplicatesPage(TablePage):
    title = "重复登记"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.state = QComboBox()
        self.state.addItem(self.tr("待认定"), "open")
        self.state.addItem(self.tr("全部"), None)
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.state)
        bar.addStretch(1)
        self.decide_button = QPushButton(self.tr("认定…"))
        self.decide_button.setEnabled(False)
        self.decide_button.clicked.connect(self.decide)
        bar.addWidget(self.decide_button)
        outer.addLayout(bar)
        self.model = RowsModel([
            Column(self.tr("情形"), lambda p: label(p.match)),
            Column(self.tr("甲"), lambda p: person_text(p.a)),
            Column(self.tr("乙"), lambda p: person_text(p.b)),
            # the age: a birth date beside the masked ID numbers would give them back
            Column(self.tr("年龄"), lambda p: str(p.a.age() if p.a.birth_date else p.b.age() or "")),
            Column(self.tr("认定"), lambda p: self.tr("待认定") if p.state == "open" else label(p.state)),
            Column(self.tr("保留"), lambda p: self._kept(p)),
            Column(self.tr("认定日期"), lambda p: p.decided_on.isoformat() if p.decided_on else ""),
        ], self, warn=lambda p: p.state == "open" and p.match == "id_number")
        self.view = table_view(self.model, self)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._current_changed())
        self.view.activated.connect(lambda _i: self.decide())
        outer.addWidget(self.view, 1)
        self.count_label = QLabel()
        outer.addWidget(self.count_label)

    def _kept(self, p: DuplicatePair) -> str:
        if p.keep_id is None:
            return ""
        return self.tr("甲") if p.keep_id == p.a.id else self.tr("乙")

    def reload(self) -> None:
        only_open = self.state.currentData() == "open"
        self.ctx.background.run(lambda: self.ctx.store.read(list_duplicates, include_decided=not only_open),
                                on_done=self._loaded, parent=self)

    def _loaded(self, pairs: list[DuplicatePair]) -> None:
        self.model.set_rows(pairs)
        open_n = sum(1 for p in pairs if p.state == "open")
        self.count_label.setText(self.tr("共 {n} 对，待认定 {open} 对").format(n=len(pairs), open=open_n))
        self.fit_once(pairs)
        if pairs:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._current_changed()

    def current(self) -> DuplicatePair | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _current_changed(self) -> None:
        pair = self.current()
        self.decide_button.setEnabled(pair is not None and pair.state == "open")

    def decide(self) -> DuplicateDialog | None:
        pair = self.current()
        if pair is None or pair.state != "open":
            return None
        return self.open_dialog(DuplicateDialog(self.ctx, pair, self))
