"""协议: the agreements families and responsible persons sign (family support pledge,
entrusted-guardianship confirmation, temporary guardianship, care responsibility pledge),
listed by state. Here a director drafts one, prints one or every one of a kind waiting to be
signed (one PDF, opened in the system viewer, marked printed), records the signed paper copy
with its date and scan, and voids one. A signed copy's QR code scanned into 扫码查找 (or its
number typed there) selects its agreement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QWidget,
)

from app.care import registers as rg
from app.care.errors import ServiceError
from app.care.programmes import draft_agreement, void_agreement
from app.care.registers import AgreementParties, AgreementRow, Listing, Party
from app.care.warnings import UNSIGNED_DAYS, unsigned_too_long
from app.models.codes import AgreementKind, AgreementStatus
from app.ui.background import show_error
from app.ui.i18n import ui_language
from app.ui.kit import (
    Context,
    FormDialog,
    code_combo,
    date_edit,
    label,
    line,
    pydate,
    run_write,
    select_data,
    translate,
)
from app.ui.picker import RecipientPicker
from app.ui.print_actions import print_agreements_pdf, print_pending_agreements_pdf
from app.ui.programmes.registers_common import RegisterPage, grow, iso, refuse
from app.ui.table import Column

if TYPE_CHECKING:
    from app.reports.printing import AgreementMatch  # ReportLab is loaded when first printing

STATES: tuple[str | None, ...] = (None, *(s.value for s in AgreementStatus))
TERM_YEARS = 3


def _party_text(p: Party) -> str:
    parts = [x for x in (label(p.role) if p.role else None, p.phone) if x]
    if not parts:
        return p.name
    return translate("DraftDialog", "{name}（{details}）").format(
        name=p.name, details=translate("DraftDialog", "，").join(parts))


def overdue_unsigned(row: AgreementRow, today: dt.date | None = None) -> bool:
    """The row carries the unsigned_agreement warning (app.care.warnings)."""
    return unsigned_too_long(row.status, row.printed_on, today or dt.date.today())


class DraftDialog(FormDialog):
    """Draft an agreement for a recipient: its kind and the parties named on it."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("起草协议"), parent)
        self.recipient = RecipientPicker(ctx)
        self.recipient.picked.connect(self._load_parties)
        self.add_row("recipient", self.tr("关爱对象"), self.recipient)
        self.kind: QComboBox = grow(code_combo(list(AgreementKind)))
        self.add_row("kind", self.tr("协议类别"), self.kind)
        self.guardian = grow(QComboBox())
        self.add_row("guardian", self.tr("监护人/赡养人"), self.guardian)
        self.parties: AgreementParties | None = None
        self.kind.currentIndexChanged.connect(lambda _i: self._select_guardian())
        self.person = grow(QComboBox())
        self.add_row("person", self.tr("帮扶责任人"), self.person)
        self._fill(None)
        self.term_start = self.add_row("term_start", self.tr("期限开始"), date_edit(allow_future=True))
        term_row = QWidget()
        row = QHBoxLayout(term_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.has_end = QCheckBox(self.tr("约定截止日期"))
        today = dt.date.today()
        self.term_end = date_edit(today.replace(year=today.year + TERM_YEARS) if not (today.month == 2 and today.day == 29)
                                  else dt.date(today.year + TERM_YEARS, 2, 28), allow_future=True)
        self.term_end.setEnabled(False)
        self.has_end.toggled.connect(self.term_end.setEnabled)
        row.addWidget(self.has_end)
        row.addWidget(self.term_end, 1)
        self.add_row("term_end", self.tr("期限截止"), term_row)
        self.drafted_on = self.add_row("date", self.tr("起草日期"), date_edit())
        # A term before the drafting date binds a family for time already past: only when
        # the director says so (a paper agreement signed earlier, entered late).
        self.backdated = QCheckBox(self.tr("补签：确认期限从起草日期之前开始"))
        self.add_row("backdated", "", self.backdated)
        self.resize(600, self.sizeHint().height())

    def _fill(self, parties: AgreementParties | None) -> None:
        for box, found, none_text in ((self.guardian, parties.guardians if parties else (), self.tr("（不指定）")),
                                      (self.person, parties.persons if parties else (), self.tr("（不指定）"))):
            box.clear()
            box.addItem(none_text, None)
            for p in found:
                box.addItem(_party_text(p), p.id)
        self.parties = parties
        if parties is not None:
            select_data(self.kind, parties.suggested_kind)
            self._select_guardian()
            if parties.persons and parties.suggested_kind == AgreementKind.care_responsibility:
                self.person.setCurrentIndex(1)

    def _select_guardian(self) -> None:
        """The guardian the kind names: the entrusted carer for a child's confirmation,
        never the first guardian recorded (who may be the father working away)."""
        if self.parties is None:
            return
        select_data(self.guardian, self.parties.guardian_for(self.kind.currentData() or ""))

    def _load_parties(self, recipient_id: str) -> None:
        self.ctx.background.run(lambda: self.ctx.store.read(rg.agreement_parties, recipient_id),
                                on_done=self._fill, parent=self)

    def job(self) -> Callable[[], Any]:
        rid = self.recipient.recipient_id
        if rid is None:
            raise refuse(self.tr("关爱对象：请输入姓名或拼音首字母，并从下拉列表中选择一人。"), "recipient")
        start = pydate(self.term_start.date())
        end = pydate(self.term_end.date()) if self.has_end.isChecked() else None
        if end is not None and end < start:
            raise refuse(self.tr("期限截止：早于期限开始，请核对日期。"), "term_end")
        kwargs = {"kind": self.kind.currentData(), "guardian_id": self.guardian.currentData(),
                  "responsible_person_id": self.person.currentData(), "term_start": start, "term_end": end,
                  "on": pydate(self.drafted_on.date()), "backdated": self.backdated.isChecked()}
        return lambda: self.ctx.store.write(draft_agreement, rid, **kwargs)


class VoidDialog(FormDialog):
    """Void an agreement, saying why (it stays in the list under 已作废)."""

    def __init__(self, ctx: Context, row: AgreementRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("作废协议"), parent)
        self.row = row
        self.add_row(None, self.tr("协议"), QLabel(self.tr("{number}　{kind}　{name}（{status}）").format(
            number=row.number, kind=label(row.kind), name=row.name, status=label(row.status))))
        self.reason = self.add_row("reason", self.tr("作废原因"), line(self.tr("如：监护人变更，重新签订")))
        self.resize(560, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        aid, reason = self.row.id, self.reason.text()
        return lambda: self.ctx.store.write(void_agreement, aid, reason=reason)


class SignDialog(FormDialog):
    """The signed paper copy came back: the date it was signed and its scan."""

    def __init__(self, ctx: Context, row: AgreementRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("登记签订"), parent)
        self.row = row
        self.add_row(None, self.tr("协议"), QLabel(self.tr("{number}　{kind}　{name}").format(
            number=row.number, kind=label(row.kind), name=row.name)))
        self.signed_on = self.add_row("date", self.tr("签订日期"), date_edit())
        scan_row = QWidget()
        line_box = QHBoxLayout(scan_row)
        line_box.setContentsMargins(0, 0, 0, 0)
        self.scan = line(self.tr("签字后协议的扫描件或照片（PDF、JPG、PNG）"))
        choose = QPushButton(self.tr("选择文件(&F)…"))
        choose.clicked.connect(self._choose)
        line_box.addWidget(self.scan, 1)
        line_box.addWidget(choose)
        self.add_row("file", self.tr("扫描件"), scan_row)
        self.resize(600, self.sizeHint().height())

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("选择签字协议的扫描件"), "",
                                                    self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png)"))
        if name:
            self.scan.setText(name)

    def job(self) -> Callable[[], Any]:
        from app.reports.printing import record_signed

        text = self.scan.text().strip()
        if not text:
            raise refuse(self.tr("扫描件：请选择签字后协议的扫描件或照片，作为签订的凭证。"), "file")
        aid, on, scan = self.row.id, pydate(self.signed_on.date()), Path(text)
        store = self.ctx.store.attachment_dir()
        return lambda: self.ctx.store.write(record_signed, store, aid, on=on, scan=scan)


class AgreementsPage(RegisterPage):
    title = "协议"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx, warn=overdue_unsigned)
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(False)  # every state in sight, at any text size
        for state in STATES:
            self.tabs.addTab(self._tab_text(state, None))
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        # 扫码查找: a USB scanner types a signed copy's QR code and Enter, like a keyboard.
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("扫描签字协议上的二维码，或输入协议编号后回车"))
        self.scan.setToolTip(self.scan.placeholderText())
        self.scan.setClearButtonEnabled(True)
        self.scan.setMinimumWidth(300)
        # A scanner types Latin letters and digits as keys: with a pinyin input method on (as it
        # mostly is on a Chinese desktop) they would go into its composition window instead of
        # the field. Codes and agreement numbers are ASCII, so the field takes no input method.
        self.scan.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.scan.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText)
        self.scan.returnPressed.connect(self.find_scanned)
        scan_label = QLabel(self.tr("扫码查找(&Q)"))
        scan_label.setBuddy(self.scan)
        # The scan field beside the tabs, or under them when both do not fit (at 特大字号 on a
        # 1366 screen): the tabs never scroll out of sight, nor hold the window wider.
        self.head = QWidget()
        self.head_grid = QGridLayout(self.head)
        self.head_grid.setContentsMargins(0, 0, 0, 0)
        self.head_grid.addWidget(self.tabs, 0, 0)
        self.scan_row = QWidget()
        scan_line = QHBoxLayout(self.scan_row)
        scan_line.setContentsMargins(0, 0, 0, 0)
        scan_line.addWidget(scan_label)
        scan_line.addWidget(self.scan, 1)
        self.head_grid.addWidget(self.scan_row, 1, 0, 1, 3)  # beside the tabs once the page knows its width
        self.head_grid.setColumnStretch(1, 1)
        self.outer.insertWidget(0, self.head)
        self._scanned: AgreementMatch | None = None  # to select once the list has it
        self.kind = code_combo(list(AgreementKind), empty=self.tr("全部协议类别"))
        # As wide as "全部协议类别", not as the longest kind (the list opens wider when needed).
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(9)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.filters.addWidget(self.kind)
        self.search = self.search_edit(self.tr("搜索：姓名、拼音首字母或身份证号后几位"))
        self.draft_button = self.button(self.tr("起草协议(&N)"), self.draft, "Ctrl+N")
        self.void_button = self.button(self.tr("作废(&V)…"), self.void, needs_row=True)
        self.print_button = self.button(self.tr("打印(&P)"), self.print_selected, "Ctrl+P", needs_row=True)
        self.print_all_button = self.button(self.tr("打印全部待签(&A)"), self.print_pending)
        self.print_all_button.setToolTip(self.tr("把所选协议类别中所有等待签字的协议打印成一个 PDF（先说明份数和村，再问是否继续），"
                                                 "打开 PDF 后标记为已打印"))
        self.unprint_button = self.button(self.tr("撤销已打印"), self.unmark_printed, needs_row=True)
        self.unprint_button.setToolTip(self.tr("标记为已打印、但没有实际打印出来的协议，在签订前可以撤销"))
        # Beside the selected agreement's details, not in the row of buttons: that row must
        # still let the window narrow to a 1024-wide screen.
        self.action_row.removeWidget(self.unprint_button)
        self.detail_box.addWidget(self.unprint_button)
        self.sign_button = self.button(self.tr("登记签订(&S)…"), self.sign, needs_row=True)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place_scan()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "head_grid"):
            self._place_scan()

    def _place_scan(self) -> None:
        margins = self.outer.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        beside = self.tabs.sizeHint().width() + self.scan_row.minimumSizeHint().width() + 24 <= room
        at = (0, 2) if beside else (1, 0)
        index = self.head_grid.indexOf(self.scan_row)
        # (PySide6's stub types getItemPosition's (row, column, rows, columns) as object)
        if cast(tuple[int, int, int, int], self.head_grid.getItemPosition(index))[:2] != at:
            self.head_grid.removeWidget(self.scan_row)
            self.head_grid.addWidget(self.scan_row, at[0], at[1], 1, 1 if beside else 3)

    def _tab_text(self, state: str | None, n: int | None) -> str:
        name = self.tr("全部") if state is None else label(state)
        return name if n is None else self.tr("{state}（{n}）").format(state=name, n=n)

    def state(self) -> str | None:
        return STATES[max(0, self.tabs.currentIndex())]

    def show_state(self, state: str | None) -> None:
        self.tabs.setCurrentIndex(STATES.index(state))

    def make_columns(self) -> list[Column]:
        return [Column(self.tr("关爱对象"), lambda r: r.name),
                Column(self.tr("协议类别"), lambda r: label(r.kind)),
                Column(self.tr("状态"), lambda r: label(r.status)),
                Column(self.tr("签订方"), lambda r: r.guardian_name or r.person_name),
                Column(self.tr("起草"), lambda r: iso(r.drafted_on)),
                Column(self.tr("打印"), lambda r: iso(r.printed_on)),
                Column(self.tr("签订"), lambda r: iso(r.signed_on)),
                Column(self.tr("编号"), lambda r: r.number)]

    def listing_job(self) -> Callable[[], Listing[AgreementRow]]:
        state, kind, search = self.state(), self.kind.currentData(), self.search.text()
        return lambda: self.ctx.store.read(rg.list_agreements, status=state, kind=kind, search=search)

    def reload(self) -> None:
        super().reload()
        kind, search = self.kind.currentData(), self.search.text()
        self.ctx.background.run(lambda: self.ctx.store.read(rg.agreement_counts, kind=kind, search=search),
                                on_done=self._show_counts, parent=self)

    def _show_counts(self, counts: dict[str, int]) -> None:
        for i, state in enumerate(STATES):
            n = sum(counts.values()) if state is None else counts.get(state, 0)
            self.tabs.setTabText(i, self._tab_text(state, n))
        self._place_scan()  # the counts widen the tabs

    def detail_pairs(self, row: AgreementRow) -> list[tuple[str, Any]]:
        pairs: list[tuple[str, Any]] = [
            (self.tr("编号"), row.number), (self.tr("协议类别"), label(row.kind)), (self.tr("关爱对象"), row.name),
            (self.tr("监护人/赡养人"), row.guardian_name), (self.tr("帮扶责任人"), row.person_name),
            (self.tr("期限"), self.tr("{start} 至 {end}").format(start=iso(row.term_start),
                                                                 end=iso(row.term_end) or self.tr("不限"))),
            (self.tr("状态"), label(row.status)), (self.tr("起草日期"), iso(row.drafted_on)),
            (self.tr("打印日期"), iso(row.printed_on)), (self.tr("签订日期"), iso(row.signed_on)),
            (self.tr("签字扫描件"), self.tr("已存档") if row.has_scan else None)]
        if row.void_reason:
            pairs.append((self.tr("作废原因"), row.void_reason))
        pairs.append((self.tr("下一步"), self._next_step(row)))
        return pairs

    def _next_step(self, row: AgreementRow) -> str:
        if row.status == AgreementStatus.drafted:
            return self.tr("请打印（Ctrl+P）后交签订方签字。")
        if row.status == AgreementStatus.printed:
            if overdue_unsigned(row):
                return self.tr("已打印超过{days}天仍未签订，请尽快联系签订方。").format(days=UNSIGNED_DAYS)
            return self.tr("等待签字；签字后点“登记签订”，填写签订日期并附上扫描件。")
        if row.status == AgreementStatus.signed:
            return self.tr("已签订，无需操作。")
        return self.tr("已作废；如需要请重新起草。")

    def row_allows(self, button: QPushButton, row: AgreementRow) -> bool:
        if button in (self.sign_button, self.unprint_button):
            return row.status == AgreementStatus.printed
        return row.status != AgreementStatus.void

    def _pending_kind(self) -> str | None:
        """The kind filter, chosen by the director: never guessed from the selected row."""
        return self.kind.currentData() or None

    def print_selected(self) -> None:
        row = self.selected()
        if row is None or row.status == AgreementStatus.void:
            return
        print_agreements_pdf(self.ctx, self, [row.id], f"{label(row.kind)}-{row.name}")

    def print_pending(self) -> None:
        kind = self._pending_kind()
        if kind is None:
            self.notice.setText(self.tr("请先在上方选择协议类别，再打印该类别全部待签的协议。"))
            self.notice.show()
            return
        self.notice.hide()
        print_pending_agreements_pdf(
            self.ctx, self, kind, self.tr("{kind}-待签").format(kind=label(kind)),
            on_done=lambda n: self._say(self.tr("已标记 {n} 份为已打印。没有实际打印出来的，签订前可以选中后点“撤销已打印”。")
                                        .format(n=n)),
            on_nothing=lambda: self._say(self.tr("没有等待签字的“{kind}”。").format(kind=label(kind))))

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def unmark_printed(self) -> None:
        from app.care.programmes import unmark_printed

        row = self.selected()
        if row is None or row.status != AgreementStatus.printed:
            return
        store, rid = self.ctx.store, row.id
        run_write(self.ctx, self, lambda: store.write(unmark_printed, rid), label=self.tr("正在撤销……"),
                  done=lambda _a: self._say(self.tr("协议 {number} 已改回“待打印”。").format(number=row.number)))

    # ---- 扫码查找 ---------------------------------------------------------------------------
    def find_scanned(self) -> None:
        from app.reports.printing import match_agreement

        text = self.scan.text()
        if not text.strip():
            return
        self.scan.selectAll()  # the next scan replaces it
        self.ctx.background.run(lambda: self.ctx.store.read(match_agreement, text),
                                on_done=self._show_match, on_error=self._no_match, parent=self)

    def _no_match(self, error: BaseException) -> None:
        if not isinstance(error, ServiceError):
            show_error(self, error)
            return
        self._scanned = None
        self._select_none()
        self.notice.setText(error.message(ui_language()))
        self.notice.show()

    def _show_match(self, found: AgreementMatch) -> None:
        """The list narrowed to the recipient's agreements of that kind, the scanned one
        selected (in `loaded`), ready for 登记签订."""
        self.notice.hide()
        self._scanned = found
        changes: list[tuple[QWidget, Callable[[], None]]] = [
            (self.tabs, lambda: self.tabs.setCurrentIndex(0)),
            (self.kind, lambda: select_data(self.kind, found.kind)),
            (self.search, lambda: self.search.setText(found.recipient))]
        for widget, change in changes:
            widget.blockSignals(True)  # one reload below, not one per filter
            change()
            widget.blockSignals(False)
        self.reload()

    def loaded(self) -> None:
        super().loaded()
        found, self._scanned = self._scanned, None
        if found is None:
            return
        row = next((i for i, r in enumerate(self.model.rows) if r.id == found.id), None)
        if row is None:
            self._select_none()
            self.notice.setText(self.tr("二维码对应协议 {number}（{name}），但它不在本单位的协议列表中。").format(
                number=found.number, name=found.recipient))
            self.notice.show()
            return
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))

    def _select_none(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())

    def sign(self) -> None:
        row = self.selected()
        if row is not None and row.status == AgreementStatus.printed:
            self.open_dialog(SignDialog(self.ctx, row, self))

    def draft(self) -> None:
        dialog = DraftDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self.show_state(AgreementStatus.drafted.value)
                                if self.state() not in (None, AgreementStatus.drafted.value) else None)
        self.open_dialog(dialog)

    def void(self) -> None:
        row = self.selected()
        if row is not None and row.status != AgreementStatus.void:
            self.open_dialog(VoidDialog(self.ctx, row, self))
