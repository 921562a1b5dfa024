"""结对帮扶: the assisting units, their match with this office's villages, their responsible
persons, and the pairing of a responsible person with a care recipient."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.care.errors import ValidationError
from app.care.programmes import add_responsible_person, add_unit, pair
from app.care.support import PersonRow, UnitDetail, UnitRow, match_unit_once, unit_detail, units
from app.ui.kit import (
    Context,
    FormDialog,
    date_edit,
    line,
    pydate,
    shown_word,
    stored_word,
    words_combo,
)
from app.ui.picker import RecipientPicker
from app.ui.programmes.common import (
    DIALOG_WIDTH,
    MasterDetailPage,
    VillageCombo,
    date_text,
    recorded_text,
    require_recipient,
    state_text,
)
from app.ui.table import Column

# Usual values offered in an editable list: stored as typed (data, not UI text).
UNIT_TYPES = ("机关", "事业单位", "企业", "社会组织", "其他")


class UnitDialog(FormDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.setWindowTitle(self.tr("新增帮扶单位"))
        self.name = self.add_row("name", self.tr("单位名称"), line(self.tr("例如：县人民医院")))
        self.unit_type = words_combo(UNIT_TYPES)  # stored in Chinese, shown in the UI's language
        self.add_row("unit_type", self.tr("单位类型"), self.unit_type)
        self.contact = self.add_row("contact_person", self.tr("联系人"), line())
        self.phone = self.add_row("phone", self.tr("联系电话"), line(self.tr("手机或座机，可不填")))

    def job(self) -> Callable[[], Any]:
        name, kind = self.name.text(), stored_word(self.unit_type)
        contact, phone = self.contact.text().strip() or None, self.phone.text().strip() or None
        return lambda: self.ctx.store.write(add_unit, name=name, unit_type=kind, contact_person=contact, phone=phone)


class MatchDialog(FormDialog):
    def __init__(self, ctx: Context, unit: UnitRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.unit = unit
        self.setWindowTitle(self.tr("对接到村"))
        self.add_row(None, self.tr("帮扶单位"), QLabel(unit.name))
        self.village = self.add_row("village", self.tr("对接村"), VillageCombo(ctx))
        self.start = self.add_row("start", self.tr("对接日期"), date_edit())

    def job(self) -> Callable[[], Any]:
        code = self.village.code()
        if code is None:
            raise ValidationError(self.tr("对接村：请选择一个行政村。"), field="village")
        start = pydate(self.start.date())
        return lambda: self.ctx.store.write(match_unit_once, self.unit.id, code, start=start)


class PersonDialog(FormDialog):
    def __init__(self, ctx: Context, unit: UnitRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.unit = unit
        self.setWindowTitle(self.tr("新增帮扶责任人"))
        self.add_row(None, self.tr("帮扶单位"), QLabel(unit.name))
        self.name = self.add_row("name", self.tr("姓名"), line())
        self.position = self.add_row("position", self.tr("职务"), line(self.tr("例如：副院长，可不填")))
        self.phone = self.add_row("phone", self.tr("联系电话"), line(self.tr("手机号，可不填")))

    def job(self) -> Callable[[], Any]:
        name, position = self.name.text(), self.position.text().strip() or None
        phone = self.phone.text().strip() or None
        return lambda: self.ctx.store.write(add_responsible_person, self.unit.id, name=name,
                                            position=position, phone=phone)


class PairDialog(FormDialog):
    """A responsible person of the selected unit paired with a recipient found by typing."""

    def __init__(self, ctx: Context, unit: UnitRow, persons: Sequence[PersonRow],
                 chosen: PersonRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.setWindowTitle(self.tr("结对帮扶"))
        self.add_row(None, self.tr("帮扶单位"), QLabel(unit.name))
        self.person = QComboBox()
        for p in persons:
            self.person.addItem(f"{p.name}　{p.position or ''}".strip(), p.id)
        if chosen is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(chosen.id)))
        self.add_row("person", self.tr("帮扶责任人"), self.person)
        self.recipient = RecipientPicker(ctx)
        self.add_row("recipient", self.tr("关爱对象"), self.recipient)
        self.fields["id"] = self.recipient
        self.start = self.add_row("start", self.tr("结对日期"), date_edit())
        self.recipient.setFocus()

    def job(self) -> Callable[[], Any]:
        person_id = self.person.currentData()
        if not person_id:
            raise ValidationError(self.tr("帮扶责任人：本单位还没有帮扶责任人，请先点“新增帮扶责任人”。"), field="person")
        rid = require_recipient(self.recipient, self.tr("关爱对象"))
        start = pydate(self.start.date())
        return lambda: self.ctx.store.write(pair, rid, str(person_id), start=start)


class PairingPage(MasterDetailPage):
    title = "结对帮扶"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx, [
            Column(self.tr("帮扶单位"), lambda r: r.name),
            Column(self.tr("类型"), lambda r: shown_word(r.unit_type)),
            Column(self.tr("联系人"), lambda r: r.contact_person),
            Column(self.tr("联系电话"), lambda r: r.phone),
            Column(self.tr("对接村"), lambda r: "、".join(r.villages) or self.tr("未对接")),
            Column(self.tr("责任人"), lambda r: r.persons, align_right=True),
            Column(self.tr("在结对对象"), lambda r: r.pairings, align_right=True),
            Column(self.tr("录入"), lambda r: recorded_text(r.recorded)),
        ])
        self.detail: UnitDetail | None = None
        self.add_button(self.tr("新增帮扶单位"), self.add_unit, shortcut="Ctrl+N")
        self.add_button(self.tr("对接到村"), self.match_village, needs_selection=True)
        self.add_button(self.tr("新增帮扶责任人"), self.add_person, needs_selection=True)
        self.pair_button = self.add_button(self.tr("结对帮扶"), self.pair, shortcut="Ctrl+P", needs_selection=True)
        self.toolbar.addStretch(1)
        self.persons, self.persons_view = self.add_tab(self.tr("帮扶责任人"), [
            Column(self.tr("姓名"), lambda p: p.name),
            Column(self.tr("职务"), lambda p: p.position),
            Column(self.tr("联系电话"), lambda p: p.phone),
            Column(self.tr("在结对对象"), lambda p: p.pairings, align_right=True),
            Column(self.tr("录入"), lambda p: recorded_text(p.recorded)),
        ])
        self.persons_view.activated.connect(lambda _i: self.pair())
        self.pairings, _ = self.add_tab(self.tr("结对对象"), [
            Column(self.tr("关爱对象"), lambda p: p.recipient_name),
            Column(self.tr("帮扶责任人"), lambda p: p.person_name),
            Column(self.tr("结对日期"), lambda p: date_text(p.start_date)),
            Column(self.tr("状态"), lambda p: state_text(p.end_date)),
            Column(self.tr("录入"), lambda p: recorded_text(p.recorded)),
        ])
        self.matches, _ = self.add_tab(self.tr("对接村"), [
            Column(self.tr("行政村"), lambda m: m.village_name),
            Column(self.tr("对接日期"), lambda m: date_text(m.start_date)),
            Column(self.tr("状态"), lambda m: state_text(m.end_date)),
            Column(self.tr("录入"), lambda m: recorded_text(m.recorded)),
        ])

    # ---- loading ----------------------------------------------------------------------------
    def rows_job(self) -> Callable[[], Sequence[Any]]:
        code = self.ctx.office.code
        return lambda: self.ctx.store.read(units, code)

    def detail_job(self, row: UnitRow) -> Callable[[], Any]:
        code = self.ctx.office.code
        return lambda: self.ctx.store.read(unit_detail, row.id, code)

    def count_text(self, rows: Sequence[UnitRow]) -> str:
        here = sum(1 for r in rows if r.villages or r.pairings)
        return self.tr("共 {n} 个帮扶单位，其中 {here} 个与本单位的村对接或有结对对象").format(n=len(rows), here=here)

    def show_detail(self, row: UnitRow, detail: UnitDetail) -> None:
        self.detail = detail
        active = sum(1 for p in detail.pairings if p.active)
        self.detail_title.setText(self.tr("{name}（{kind}）　联系人：{contact} {phone}　对接村：{villages}　在结对对象：{n} 人")
                                  .format(name=row.name, kind=row.unit_type or "", contact=row.contact_person or "",
                                          phone=row.phone or "", villages="、".join(row.villages) or self.tr("未对接"),
                                          n=active))
        self.persons.set_rows(detail.persons)
        self.pairings.set_rows(detail.pairings)
        self.matches.set_rows(detail.villages)

    def clear_detail(self) -> None:
        super().clear_detail()
        self.detail = None
        for model in (self.persons, self.pairings, self.matches):
            model.set_rows([])

    # ---- actions ------------------------------------------------------------------------------
    def primary_action(self) -> None:
        self.pair()

    def _unit(self) -> UnitRow | None:
        row = self.current_row()
        return row if isinstance(row, UnitRow) else None

    def add_unit(self) -> None:
        dialog = UnitDialog(self.ctx, self)
        dialog.on_saved = lambda unit_id: self.select_id(str(unit_id))
        self.open_dialog(dialog)

    def match_village(self) -> None:
        unit = self._unit()
        if unit is not None:
            self.open_dialog(MatchDialog(self.ctx, unit, self))

    def add_person(self) -> None:
        unit = self._unit()
        if unit is not None:
            self.open_dialog(PersonDialog(self.ctx, unit, self))

    def pair(self) -> None:
        unit = self._unit()
        if unit is None:
            return
        persons = self.detail.persons if self.detail is not None and self.detail.unit_id == unit.id else ()
        chosen = self.persons.row_at(self.persons_view.currentIndex().row())
        self.open_dialog(PairDialog(self.ctx, unit, persons, chosen, self))
