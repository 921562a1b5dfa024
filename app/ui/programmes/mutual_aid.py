"""互助家庭: neighbouring families who give the old, weak, sick and disabled hot meals,
cleaning, daily care and comfort; whom each looks after, the services logged, and the
subsidy ledger (typed in yuan, stored in fen, its total shown)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.care.errors import ValidationError
from app.care.periods import period_of
from app.care.programmes import (
    add_mutual_aid_family,
    assign_mutual_aid,
    log_mutual_aid_service,
    pay_subsidy,
    quarterly_subsidy_fen,
)
from app.care.support import AssignmentRow, FamilyDetail, FamilyRow, families, family_detail
from app.models.codes import MutualAidServiceKind, Period
from app.ui.kit import (
    Context,
    FormDialog,
    code_combo,
    date_edit,
    label,
    line,
    parse_yuan,
    pydate,
    translate,
    yuan_text,
)
from app.ui.picker import RecipientPicker
from app.ui.programmes.common import (
    DIALOG_WIDTH,
    MasterDetailPage,
    VillageCombo,
    date_text,
    money_text,
    recorded_text,
    require_recipient,
    state_text,
)
from app.ui.table import Column

# Usual values offered in an editable list: stored as typed (data, not UI text).
FUND_SOURCES = ("县级关爱保护统筹资金", "乡镇统筹资金", "村集体经济", "社会捐助")


def _family_line(row: FamilyRow) -> str:
    return f"{row.head_name}　{row.address or ''}".strip()


def _fen(text: str, field: str, what: str, *, required: bool = True) -> int:
    """Yuan typed on a form as fen, or a refusal naming the field."""
    try:
        fen = parse_yuan(text)
    except ValueError:
        fen = -1
    if fen is None and not required:
        return 0
    if fen is None or fen < 0:
        raise ValidationError(translate("SupportPages", "{what}：请填写金额（元），例如 300 或 300.50。").format(what=what),
                              field=field)
    return fen


class FamilyDialog(FormDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.setWindowTitle(self.tr("新增互助家庭"))
        self.village = self.add_row("village_code", self.tr("所在村"), VillageCombo(ctx))
        self.head = self.add_row("name", self.tr("户主姓名"), line())
        self.phone = self.add_row("phone", self.tr("联系电话"), line(self.tr("手机号，可不填")))
        self.address = self.add_row("address", self.tr("住址"), line(self.tr("例如：五组，与照料对象相邻")))
        self.head.setFocus()

    def job(self) -> Callable[[], Any]:
        code = self.village.code()
        if code is None:
            raise ValidationError(self.tr("所在村：请选择一个行政村。"), field="village_code")
        head, phone, address = self.head.text(), self.phone.text().strip() or None, self.address.text().strip() or None
        return lambda: self.ctx.store.write(add_mutual_aid_family, village_code=code, head_name=head,
                                            phone=phone, address=address)


class MutualAidAssignDialog(FormDialog):
    """The family is to look after a recipient, for a monthly subsidy."""

    def __init__(self, ctx: Context, family: FamilyRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.family = family
        self.setWindowTitle(self.tr("安排照料对象"))
        self.add_row(None, self.tr("互助家庭"), QLabel(_family_line(family)))
        self.recipient = RecipientPicker(ctx)
        self.add_row("recipient", self.tr("照料对象"), self.recipient)
        self.fields["id"] = self.fields["family"] = self.recipient
        self.monthly = self.add_row("subsidy", self.tr("每月补贴（元）"), line(self.tr("例如 200；没有补贴填 0")))
        self.start = self.add_row("start", self.tr("开始日期"), date_edit())
        self.recipient.setFocus()

    def job(self) -> Callable[[], Any]:
        rid = require_recipient(self.recipient, self.tr("照料对象"))
        monthly = _fen(self.monthly.text(), "subsidy", self.tr("每月补贴"))
        start = pydate(self.start.date())
        return lambda: self.ctx.store.write(assign_mutual_aid, self.family.id, rid, monthly_subsidy_fen=monthly,
                                            start=start)


class ServiceDialog(FormDialog):
    """A service the family gave one of the recipients it looks after."""

    def __init__(self, ctx: Context, family: FamilyRow, charges: Sequence[AssignmentRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.family = family
        self.setWindowTitle(self.tr("记录互助服务"))
        self.add_row(None, self.tr("互助家庭"), QLabel(_family_line(family)))
        self.recipient = QComboBox()
        for a in charges:
            if a.active:
                self.recipient.addItem(a.recipient_name, a.recipient_id)
        self.add_row("family", self.tr("照料对象"), self.recipient)
        self.fields["id"] = self.recipient
        self.kind = self.add_row("kind", self.tr("服务内容"), code_combo([k.value for k in MutualAidServiceKind]))
        self.on = self.add_row("date", self.tr("服务日期"), date_edit())
        self.note = self.add_row("note", self.tr("说明"), line(self.tr("例如：本月每日送热饭热菜，可不填")))

    def job(self) -> Callable[[], Any]:
        rid = self.recipient.currentData()
        if not rid:
            raise ValidationError(self.tr("照料对象：这户还没有照料对象，请先点“安排照料对象”。"), field="family")
        kind, on, note = str(self.kind.currentData()), pydate(self.on.date()), self.note.text().strip() or None
        return lambda: self.ctx.store.write(log_mutual_aid_service, self.family.id, str(rid), kind=kind, on=on,
                                            note=note)


class SubsidyDialog(FormDialog):
    """One line of the subsidy ledger: for which period, how much (yuan), paid when."""

    def __init__(self, ctx: Context, family: FamilyRow, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.family = family
        self.setWindowTitle(self.tr("发放补贴"))
        quarter = period_of(today or dt.date.today(), Period.quarter)
        self.add_row(None, self.tr("互助家庭"), QLabel(_family_line(family)))
        self.period_start = self.add_row("period", self.tr("补贴期间 从"), date_edit(quarter.start, allow_future=True))
        self.period_end = self.add_row("period_end", self.tr("到"), date_edit(quarter.end, allow_future=True))
        quarterly = quarterly_subsidy_fen(family.monthly_fen)
        default = yuan_text(quarterly).replace(",", "") if quarterly else ""
        self.amount = self.add_row("amount", self.tr("金额（元）"), line(self.tr("例如 600.00"), default))
        self.paid_on = self.add_row("date", self.tr("发放日期"), date_edit())
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(list(FUND_SOURCES))
        self.add_row("fund_source", self.tr("资金来源"), self.source)
        self.amount.setFocus()
        self.amount.selectAll()

    def job(self) -> Callable[[], Any]:
        start, end = pydate(self.period_start.date()), pydate(self.period_end.date())
        amount = _fen(self.amount.text(), "amount", self.tr("金额"))
        paid_on, source = pydate(self.paid_on.date()), self.source.currentText().strip() or None
        return lambda: self.ctx.store.write(pay_subsidy, self.family.id, period_start=start, period_end=end,
                                            amount_fen=amount, paid_on=paid_on, fund_source=source)


class MutualAidPage(MasterDetailPage):
    title = "互助家庭"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx, [
            Column(self.tr("户主"), lambda r: r.head_name),
            Column(self.tr("联系电话"), lambda r: r.phone),
            Column(self.tr("住址"), lambda r: r.address),
            Column(self.tr("照料对象"), lambda r: "、".join(r.caring_for) or self.tr("暂无")),
            Column(self.tr("每月补贴"), lambda r: money_text(r.monthly_fen), align_right=True),
            Column(self.tr("已发补贴合计"), lambda r: money_text(r.paid_fen), align_right=True),
            Column(self.tr("最近服务"), lambda r: date_text(r.last_service)),
            Column(self.tr("录入"), lambda r: recorded_text(r.recorded)),
        ])
        self.detail: FamilyDetail | None = None
        self.add_button(self.tr("新增互助家庭"), self.add_family, shortcut="Ctrl+N")
        self.add_button(self.tr("安排照料对象"), self.assign, needs_selection=True)
        self.add_button(self.tr("记录服务"), self.log_service, shortcut="Ctrl+E", needs_selection=True)
        self.add_button(self.tr("发放补贴"), self.pay, needs_selection=True)
        self.toolbar.addStretch(1)
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 115%; color: #1a5e20; padding: 2px 0;")
        self.detail_layout.insertWidget(1, self.total)
        self.assignments, _ = self.add_tab(self.tr("照料对象"), [
            Column(self.tr("照料对象"), lambda a: a.recipient_name),
            Column(self.tr("开始日期"), lambda a: date_text(a.start_date)),
            Column(self.tr("状态"), lambda a: state_text(a.end_date)),
            Column(self.tr("每月补贴"), lambda a: money_text(a.monthly_subsidy_fen), align_right=True),
            Column(self.tr("录入"), lambda a: recorded_text(a.recorded)),
        ])
        self.services, _ = self.add_tab(self.tr("服务记录"), [
            Column(self.tr("服务日期"), lambda s: date_text(s.served_on)),
            Column(self.tr("服务内容"), lambda s: label(s.kind)),
            Column(self.tr("照料对象"), lambda s: s.recipient_name),
            Column(self.tr("录入"), lambda s: recorded_text(s.recorded)),
            Column(self.tr("说明"), lambda s: s.note),
        ])
        self.payments, _ = self.add_tab(self.tr("补贴台账"), [
            Column(self.tr("期间从"), lambda p: date_text(p.period_start)),
            Column(self.tr("到"), lambda p: date_text(p.period_end)),
            Column(self.tr("金额"), lambda p: money_text(p.amount_fen), align_right=True),
            Column(self.tr("发放日期"), lambda p: date_text(p.paid_on) or self.tr("未发放")),
            Column(self.tr("录入"), lambda p: recorded_text(p.recorded)),
            Column(self.tr("资金来源"), lambda p: p.fund_source),
        ])

    # ---- loading ----------------------------------------------------------------------------
    def rows_job(self) -> Callable[[], Sequence[Any]]:
        code = self.ctx.office.code
        return lambda: self.ctx.store.read(families, code)

    def detail_job(self, row: FamilyRow) -> Callable[[], Any]:
        return lambda: self.ctx.store.read(family_detail, row.id)

    def count_text(self, rows: Sequence[FamilyRow]) -> str:
        caring = sum(len(r.caring_for) for r in rows)
        return self.tr("共 {n} 户互助家庭，正在照料 {caring} 人").format(n=len(rows), caring=caring)

    def show_detail(self, row: FamilyRow, detail: FamilyDetail) -> None:
        self.detail = detail
        self.detail_title.setText(self.tr("{head}家　{address}　{phone}　正在照料：{names}").format(
            head=row.head_name, address=row.address or "", phone=row.phone or "",
            names="、".join(row.caring_for) or self.tr("暂无")))
        self.total.setText(self.tr("补贴台账：已发放 {paid} 元，未发放 {unpaid} 元（{n} 笔）").format(
            paid=yuan_text(detail.paid_fen), unpaid=yuan_text(detail.unpaid_fen),
            n=len(detail.payments)))
        self.assignments.set_rows(detail.assignments)
        self.services.set_rows(detail.services)
        self.payments.set_rows(detail.payments)

    def clear_detail(self) -> None:
        super().clear_detail()
        self.detail = None
        self.total.clear()
        for model in (self.assignments, self.services, self.payments):
            model.set_rows([])

    # ---- actions ------------------------------------------------------------------------------
    def primary_action(self) -> None:
        self.log_service()

    def _family(self) -> FamilyRow | None:
        row = self.current_row()
        return row if isinstance(row, FamilyRow) else None

    def add_family(self) -> None:
        dialog = FamilyDialog(self.ctx, self)
        dialog.on_saved = lambda family_id: self.select_id(str(family_id))
        self.open_dialog(dialog)

    def assign(self) -> None:
        family = self._family()
        if family is not None:
            self.open_dialog(MutualAidAssignDialog(self.ctx, family, self))

    def log_service(self) -> None:
        family = self._family()
        if family is None:
            return
        charges = self.detail.assignments if self.detail is not None and self.detail.family_id == family.id else ()
        self.open_dialog(ServiceDialog(self.ctx, family, charges, self))

    def pay(self) -> None:
        family = self._family()
        if family is not None:
            self.tabs.setCurrentIndex(2)  # the ledger, where the new line will show
            self.open_dialog(SubsidyDialog(self.ctx, family, self))
