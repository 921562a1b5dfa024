"""The tabs of the recipient form below its basic fields: household members and guardians
(with their add / edit / remove dialogs), the care timeline, pairings, responsibilities,
agreements, assessments and the status history. The form loads one app.care.profile.Profile
in the background and hands each tab its rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.care import household, profile
from app.care.household import GuardianRow, MemberRow
from app.care.recipients import StatusStep
from app.care.validation import mask_id_number
from app.models.codes import GuardianKind, Relation
from app.ui.kit import (
    Context,
    FormDialog,
    code_combo,
    date_edit,
    label,
    pydate,
    qdate,
    run_write,
    select_data,
    translate,
)
from app.ui.kit import yuan_text as yuan
from app.ui.table import Column, RowsModel
from app.ui.table import table_view as shared_table_view


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return translate("RecipientTabs", "是") if value else translate("RecipientTabs", "否")


def table_view(model: RowsModel) -> QTableView:
    return shared_table_view(model, fit=True)


class RowsTab(QWidget):
    """A read-only list with a line saying when it is empty."""

    def __init__(self, columns: Sequence[Column], empty: str, note: str = "",
                 warn: Callable[[Any], bool] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self, warn=warn)
        self.view = table_view(self.model)
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)


# ---- the read-only tabs ----------------------------------------------------------------------

def timeline_tab() -> RowsTab:
    def kind(t: profile.TimelineRow) -> str:
        return f"{label(t.kind)}（{label(t.stage)}）" if t.stage else label(t.kind)

    columns = [Column(translate("RecipientTabs", "日期"), lambda t: _d(t.on)), Column(translate("RecipientTabs", "类别"), kind),
               Column(translate("RecipientTabs", "经办人"), lambda t: t.who),
               Column(translate("RecipientTabs", "接通"), lambda t: _yes_no(t.reached)),
               Column(translate("RecipientTabs", "金额（元）"), lambda t: yuan(t.amount_fen), align_right=True),
               Column(translate("RecipientTabs", "需跟进"), lambda t: translate("RecipientTabs", "需跟进") if t.needs_action else ""),
               Column(translate("RecipientTabs", "内容"), lambda t: t.summary)]
    return RowsTab(columns, translate("RecipientTabs", "还没有关爱记录。用下方“记录关爱工作”按钮记录电话随访、走访、微心愿或物资帮扶。"),
                   warn=lambda t: t.needs_action or t.reached is False)


def pairings_tab() -> RowsTab:
    def kind(p: profile.RecipientPairingRow) -> str:
        return translate("RecipientTabs", "教师结对") if p.kind == "teacher" else translate("RecipientTabs", "帮扶责任人")

    columns = [Column(translate("RecipientTabs", "类型"), kind), Column(translate("RecipientTabs", "单位／学校"), lambda p: p.organisation),
               Column(translate("RecipientTabs", "姓名"), lambda p: p.person), Column(translate("RecipientTabs", "电话"), lambda p: p.phone),
               Column(translate("RecipientTabs", "开始"), lambda p: _d(p.start_date)),
               Column(translate("RecipientTabs", "结束"), lambda p: _d(p.end_date))]
    return RowsTab(columns, translate("RecipientTabs", "还没有结对。结对在“结对帮扶”和“教师结对”页面安排。"))


def responsibilities_tab() -> RowsTab:
    columns = [Column(translate("RecipientTabs", "责任"), lambda x: label(x.kind)), Column(translate("RecipientTabs", "责任人"), lambda x: x.person_name),
               Column(translate("RecipientTabs", "身份"), lambda x: x.person_role), Column(translate("RecipientTabs", "电话"), lambda x: x.person_phone),
               Column(translate("RecipientTabs", "开始"), lambda x: _d(x.start_date)), Column(translate("RecipientTabs", "结束"), lambda x: _d(x.end_date))]
    return RowsTab(columns, translate("RecipientTabs", "还没有落实关爱责任。责任在“责任分工”页面安排。"))


def agreements_tab() -> RowsTab:
    columns = [Column(translate("RecipientTabs", "协议"), lambda a: label(a.kind)), Column(translate("RecipientTabs", "编号"), lambda a: a.number),
               Column(translate("RecipientTabs", "状态"), lambda a: label(a.status)),
               Column(translate("RecipientTabs", "起草日期"), lambda a: _d(a.drafted_on)),
               Column(translate("RecipientTabs", "签订日期"), lambda a: _d(a.signed_on))]
    return RowsTab(columns, translate("RecipientTabs", "还没有协议。协议在“协议”页面起草、打印和标记签订。"))


def assessments_tab() -> RowsTab:
    columns = [Column(translate("RecipientTabs", "评估日期"), lambda a: _d(a.assessed_on)), Column(translate("RecipientTabs", "评估机构"), lambda a: a.agency),
               Column(translate("RecipientTabs", "自理能力"), lambda a: label(a.self_care)),
               Column(translate("RecipientTabs", "评估意见"), lambda a: a.evaluation),
               Column(translate("RecipientTabs", "建议措施"), lambda a: a.recommended_measures)]
    return RowsTab(columns, translate("RecipientTabs", "还没有第三方评估。评估在“第三方评估”页面录入。"))


def history_tab() -> RowsTab:
    def change(h: StatusStep) -> str:
        return f"{label(h.from_status)} → {label(h.to_status)}" if h.from_status else label(h.to_status)

    columns = [Column(translate("RecipientTabs", "日期"), lambda h: _d(h.decided_on)), Column(translate("RecipientTabs", "步骤"), lambda h: label(h.step)),
               Column(translate("RecipientTabs", "状态"), change), Column(translate("RecipientTabs", "部门"), lambda h: label(h.department)),
               Column(translate("RecipientTabs", "意见"), lambda h: label(h.decision)), Column(translate("RecipientTabs", "文号"), lambda h: h.doc_no),
               Column(translate("RecipientTabs", "经办人"), lambda h: h.decided_by), Column(translate("RecipientTabs", "来源"), lambda h: label(h.source)),
               Column(translate("RecipientTabs", "原因"), lambda h: h.reason)]
    return RowsTab(columns, translate("RecipientTabs", "没有状态记录。"))


def field_words(field: str) -> str:
    """A field as the director reads it (电话, 走访所见, 原因), its code when none is listed."""
    from app.models.codes import FIELD_WORDS
    from app.ui.i18n import ui_language

    words = FIELD_WORDS.get(field)
    return (words[1] if ui_language().startswith("en") else words[0]) if words else field


def changes_tab() -> RowsTab:
    """修改记录: every audited change of the recipient and the records that hang on them."""
    tables = {"recipients": translate("RecipientTabs", "基本信息"), "guardians": translate("RecipientTabs", "监护人"),
              "household_members": translate("RecipientTabs", "家庭成员"),
              "care_records": translate("RecipientTabs", "关爱记录"),
              "responsibilities": translate("RecipientTabs", "关爱责任"), "agreements": translate("RecipientTabs", "协议"),
              "attachments": translate("RecipientTabs", "附件"), "follow_up_items": translate("RecipientTabs", "跟进事项")}
    actions = {"create": translate("RecipientTabs", "新建"), "update": translate("RecipientTabs", "修改"),
               "delete": translate("RecipientTabs", "删除/作废"), "correct": translate("RecipientTabs", "更正")}
    columns = [Column(translate("RecipientTabs", "时间"), lambda h: h.at.astimezone().strftime("%Y-%m-%d %H:%M")),
               Column(translate("RecipientTabs", "操作人"), lambda h: h.user),
               Column(translate("RecipientTabs", "操作"), lambda h: actions.get(h.action, h.action)),
               Column(translate("RecipientTabs", "内容"), lambda h: tables.get(h.table, h.table)),
               Column(translate("RecipientTabs", "字段"), lambda h: field_words(h.field)),
               Column(translate("RecipientTabs", "原值"), lambda h: h.old),
               Column(translate("RecipientTabs", "新值"), lambda h: h.new)]
    return RowsTab(columns, translate("RecipientTabs", "没有修改记录。"))


# ---- household members and guardians -------------------------------------------------------

class MemberDialog(FormDialog):
    def __init__(self, ctx: Context, parent: QWidget, recipient_id: str, row: MemberRow | None) -> None:
        super().__init__(ctx, translate("RecipientTabs", "修改家庭成员") if row else translate("RecipientTabs", "添加家庭成员"), parent)
        self.recipient_id, self.row = recipient_id, row
        self.name = self.add_row("name", translate("RecipientTabs", "姓名"), QLineEdit(row.name if row else ""))
        self.relation = self.add_row("relation", translate("RecipientTabs", "与本人关系"),
                                     code_combo([r.value for r in Relation], empty=translate("RecipientTabs", "（请选择）")))
        self.phone = self.add_row("phone", translate("RecipientTabs", "联系电话"), QLineEdit(row.phone or "" if row else ""))
        self.works_away = self.add_row("works_away", "", QCheckBox(translate("RecipientTabs", "外出务工")))
        self.work_place = self.add_row("work_place", translate("RecipientTabs", "务工地点"), QLineEdit(row.work_place or "" if row else ""))
        self.can_guard = self.add_row("can_guard", "", QCheckBox(translate("RecipientTabs", "能履行监护／照料责任")))
        self.id_number = self.add_row("id_number", translate("RecipientTabs", "身份证号（可不填）"), QLineEdit(row.id_number or "" if row else ""))
        self.notes = self.add_row("notes", translate("RecipientTabs", "备注"), QLineEdit(row.notes or "" if row else ""))
        self.work_place.setPlaceholderText(translate("RecipientTabs", "如 浙江宁波某电子厂"))
        self.works_away.setChecked(bool(row and row.works_away))
        self.can_guard.setChecked(row.can_guard if row else True)
        if row:
            select_data(self.relation, row.relation)
        self.works_away.toggled.connect(self.work_place.setEnabled)
        self.work_place.setEnabled(self.works_away.isChecked())

    def job(self) -> Callable[[], Any]:
        values = {"name": self.name.text(), "relation": self.relation.currentData(),
                  "phone": self.phone.text(), "id_number": self.id_number.text(),
                  "works_away": self.works_away.isChecked(), "work_place": self.work_place.text(),
                  "can_guard": self.can_guard.isChecked(), "notes": self.notes.text()}
        if self.row is None:
            rid = self.recipient_id
            return lambda: self.ctx.store.write(household.add_member, rid, **values)
        mid = self.row.id
        return lambda: self.ctx.store.write(household.edit_member, mid, **values)


class GuardianDialog(FormDialog):
    def __init__(self, ctx: Context, parent: QWidget, recipient_id: str, row: GuardianRow | None) -> None:
        super().__init__(ctx, translate("RecipientTabs", "修改监护人") if row else translate("RecipientTabs", "添加监护人"), parent)
        self.recipient_id, self.row = recipient_id, row
        self.kind = self.add_row("kind", translate("RecipientTabs", "监护类型"),
                                 code_combo([k.value for k in GuardianKind], empty=translate("RecipientTabs", "（请选择）")))
        self.name = self.add_row("name", translate("RecipientTabs", "姓名"), QLineEdit(row.name if row else ""))
        self.relation = self.add_row("relation", translate("RecipientTabs", "与本人关系"),
                                     code_combo([r.value for r in Relation], empty=translate("RecipientTabs", "（请选择）")))
        self.phone = self.add_row("phone", translate("RecipientTabs", "联系电话"), QLineEdit(row.phone or "" if row else ""))
        self.id_number = self.add_row("id_number", translate("RecipientTabs", "身份证号"), QLineEdit(row.id_number or "" if row else ""))
        self.address = self.add_row("address", translate("RecipientTabs", "住址"), QLineEdit(row.address or "" if row else ""))
        self.start = self.add_row("start_date", translate("RecipientTabs", "开始日期"),
                                  date_edit(row.start_date if row else None))
        self.ended = QCheckBox(translate("RecipientTabs", "已结束"))
        self.end = date_edit()
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.ended)
        line.addWidget(self.end, 1)
        self.add_row("end_date", translate("RecipientTabs", "结束日期"), box)
        self.fields["end_date"] = self.end
        if row:
            select_data(self.kind, row.kind)
            select_data(self.relation, row.relation)
            if row.end_date:
                self.ended.setChecked(True)
                self.end.setDate(qdate(row.end_date))
        self.ended.toggled.connect(self.end.setEnabled)
        self.end.setEnabled(self.ended.isChecked())

    def job(self) -> Callable[[], Any]:
        values = {"kind": self.kind.currentData(), "name": self.name.text(),
                  "relation": self.relation.currentData(), "phone": self.phone.text(),
                  "id_number": self.id_number.text(), "address": self.address.text(),
                  "start_date": pydate(self.start.date()),
                  "end_date": pydate(self.end.date()) if self.ended.isChecked() else None}
        if self.row is None:
            rid = self.recipient_id
            return lambda: self.ctx.store.write(household.add_guardian, rid, **values)
        gid = self.row.id
        return lambda: self.ctx.store.write(household.edit_guardian, gid, **values)


class _ListWithButtons(QGroupBox):
    def __init__(self, title: str, columns: Sequence[Column], empty: str) -> None:
        super().__init__(title)
        self.model = RowsModel(columns, self)
        self.view = table_view(self.model)
        self.empty = QLabel(empty)
        self.add_button = QPushButton()
        self.edit_button = QPushButton(translate("RecipientTabs", "修改"))
        self.remove_button = QPushButton(translate("RecipientTabs", "删除"))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().selectionChanged.connect(self._selection)
        self._selection()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self._selection()

    def current(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selection(self, *_args: Any) -> None:
        has = bool(self.view.selectionModel().selectedRows())
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)


class MembersTab(QWidget):
    """家庭成员 and 监护人 of one recipient, each with 添加 / 修改 / 删除."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recipient_id: str | None = None
        self.on_saved: Callable[[], None] = lambda: None
        self.members = _ListWithButtons(
            translate("RecipientTabs", "家庭成员"),
            [Column(translate("RecipientTabs", "姓名"), lambda m: m.name), Column(translate("RecipientTabs", "关系"), lambda m: label(m.relation)),
             Column(translate("RecipientTabs", "电话"), lambda m: m.phone),
             Column(translate("RecipientTabs", "外出务工"), lambda m: _yes_no(m.works_away)),
             Column(translate("RecipientTabs", "务工地点"), lambda m: m.work_place),
             Column(translate("RecipientTabs", "能监护"), lambda m: _yes_no(m.can_guard)), Column(translate("RecipientTabs", "备注"), lambda m: m.notes)],
            translate("RecipientTabs", "还没有登记家庭成员。外出的父母、子女请写明务工地点和电话。"))
        self.guardians = _ListWithButtons(
            translate("RecipientTabs", "监护人／赡养人"),
            [Column(translate("RecipientTabs", "类型"), lambda g: label(g.kind)), Column(translate("RecipientTabs", "姓名"), lambda g: g.name),
             Column(translate("RecipientTabs", "关系"), lambda g: label(g.relation)), Column(translate("RecipientTabs", "电话"), lambda g: g.phone),
             Column(translate("RecipientTabs", "身份证号"), lambda g: mask_id_number(g.id_number) if g.id_number else ""),
             Column(translate("RecipientTabs", "开始"), lambda g: _d(g.start_date)), Column(translate("RecipientTabs", "结束"), lambda g: _d(g.end_date)),
             Column(translate("RecipientTabs", "住址"), lambda g: g.address)],
            translate("RecipientTabs", "还没有登记监护人。父母都外出的留守儿童必须登记委托照护人。"))
        self.members.add_button.setText(translate("RecipientTabs", "添加家庭成员"))
        self.guardians.add_button.setText(translate("RecipientTabs", "添加监护人"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.members, 1)
        layout.addWidget(self.guardians, 1)
        self.members.add_button.clicked.connect(lambda: self._member(None))
        self.members.edit_button.clicked.connect(lambda: self._member(self.members.current()))
        self.members.view.doubleClicked.connect(lambda _i: self._member(self.members.current()))
        self.members.remove_button.clicked.connect(self._remove_member)
        self.guardians.add_button.clicked.connect(lambda: self._guardian(None))
        self.guardians.edit_button.clicked.connect(lambda: self._guardian(self.guardians.current()))
        self.guardians.view.doubleClicked.connect(lambda _i: self._guardian(self.guardians.current()))
        self.guardians.remove_button.clicked.connect(self._remove_guardian)

    def set_rows(self, members: Sequence[MemberRow], guardians: Sequence[GuardianRow]) -> None:
        self.members.set_rows(members)
        self.guardians.set_rows(guardians)

    def member_dialog(self, row: MemberRow | None) -> MemberDialog:
        assert self.recipient_id is not None
        dialog = MemberDialog(self.ctx, self, self.recipient_id, row)
        dialog.accepted.connect(self.on_saved)
        return dialog

    def guardian_dialog(self, row: GuardianRow | None) -> GuardianDialog:
        assert self.recipient_id is not None
        dialog = GuardianDialog(self.ctx, self, self.recipient_id, row)
        dialog.accepted.connect(self.on_saved)
        return dialog

    def _member(self, row: MemberRow | None) -> None:
        if self.recipient_id is not None:
            self.member_dialog(row).open()

    def _guardian(self, row: GuardianRow | None) -> None:
        if self.recipient_id is not None:
            self.guardian_dialog(row).open()

    def _remove_member(self) -> None:
        row: MemberRow | None = self.members.current()
        if row and self._sure(translate("RecipientTabs", "删除家庭成员“{name}”？删除会留有记录。").format(name=row.name)):
            self._write(household.remove_member, row.id)

    def _remove_guardian(self) -> None:
        row: GuardianRow | None = self.guardians.current()
        if row and self._sure(translate("RecipientTabs", "删除监护人“{name}”？只在登记错了时删除；不再监护的请改为填写结束日期。")
                              .format(name=row.name)):
            self._write(household.remove_guardian, row.id)

    def _sure(self, text: str) -> bool:
        answer = QMessageBox.question(self, translate("RecipientTabs", "确认删除"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _write(self, fn: Callable[..., Any], rid: str) -> None:
        run_write(self.ctx, self, lambda: self.ctx.store.write(fn, rid), label=translate("RecipientTabs", "正在删除……"),
                  done=lambda _r: self.on_saved())

