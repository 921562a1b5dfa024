"""关爱对象档案: create and edit one care recipient.

The basic fields (app.ui.recipient_fields) are checked as they are typed; saving goes through app.care.recipients in the background, and a refusal is shown next
to the field it names. For a recipient already registered, the tabs (loaded through
app.care.profile) show the household and guardians, the care timeline, pairings,
responsibilities, agreements, assessments, the status history and attachments, and the
life-cycle steps this office may take appear as buttons.

Other screens call `open_recipient(ctx, parent, recipient_id)`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QTime, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.care import profile
from app.care.context import actor_for
from app.care.errors import ServiceError
from app.care.offices import VillageChoice
from app.care.profile import LifecycleView, Profile, changed_fields
from app.care.recipients import RecipientFields, add_recipient, edit_recipient
from app.care.validation import mask_id_number
from app.models.codes import CareKind, OfficeLevel
from app.ui.attachments_view import AttachmentsTab
from app.ui.background import show_error
from app.ui.i18n import ui_language
from app.ui.kit import ERROR_STYLE, Context, call_with, label
from app.ui.recipient_fields import HINT_STYLE, BasicInfoPanel
from app.ui.recipient_form_tabs import (
    TAB_AGREEMENTS,
    TAB_ASSESSMENTS,
    TAB_BASIC,
    TAB_HOUSEHOLD,
    TAB_PAIRINGS,
    TAB_RESPONSIBILITIES,
)
from app.ui.recipient_steps import StepDialog, step_text
from app.ui.recipient_tabs import (
    MembersTab,
    agreements_tab,
    assessments_tab,
    changes_tab,
    history_tab,
    pairings_tab,
    responsibilities_tab,
    timeline_tab,
)

LOG_KINDS = (CareKind.phone_followup.value, CareKind.home_visit.value,
             CareKind.micro_wish.value, CareKind.material_aid.value)
SERVICE_FIELDS = {"date": "surveyed_on"}  # a service's field name → the form's


def open_recipient(ctx: Context, parent: QWidget, recipient_id: str | None = None, *, tab: str | None = None,
                   then: Callable[[RecipientDialog], None] | None = None) -> str | None:
    """The recipient form as a modal dialog (a new recipient when no id is given), on `tab`,
    with `then(dialog)` run once it is shown (e.g. the record-a-carer dialog opened over it).
    Returns the recipient's id if anything was saved, else None."""
    dialog = RecipientDialog(ctx, parent, recipient_id)
    if tab is not None:
        dialog.show_tab(tab)
    if then is not None:
        QTimer.singleShot(0, lambda: then(dialog))
    dialog.exec()
    saved = dialog.saved_id
    dialog.deleteLater()
    return saved


def opened_profile(session: Any, actor: Any, recipient_id: str) -> Profile:
    """The person's record, its opening logged when it is a minor's or a disabled person's."""
    from app.protection.access_log import note_record_opened

    note_record_opened(session, actor, recipient_id)
    return profile.profile(session, recipient_id)


class RecipientDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None, recipient_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recipient_id = recipient_id
        self.saved_id: str | None = None
        self.before: RecipientFields | None = None
        self.view: LifecycleView | None = None
        self.step_buttons: dict[str, QPushButton] = {}
        self._closed = False
        self._refill = True
        self._close_after_save = False
        self.operator = ""
        self.resize(1000, 720)

        outer = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold")
        outer.addWidget(self.heading)
        self.owner_note = QLabel()  # above the village: whose record this is (see _show_owner)
        self.owner_note.setWordWrap(True)
        self.owner_note.setStyleSheet("color: #8a5300; background: #fff4e0; padding: 4px")
        self.owner_note.hide()
        outer.addWidget(self.owner_note)
        self.village_names: dict[str, str] = {}
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.basic = BasicInfoPanel(ctx.level)
        self.tabs.addTab(self.basic, self.tr("基本信息"))
        self.members_tab = MembersTab(ctx)
        self.timeline_tab = timeline_tab()
        self.pairings_tab = pairings_tab()
        self.responsibilities_tab = responsibilities_tab()
        self.agreements_tab = agreements_tab()
        self.assessments_tab = assessments_tab()
        self.history_tab = history_tab()
        self.attachments_tab = AttachmentsTab(ctx)
        self.changes_tab = changes_tab()
        for tab, title in ((self.members_tab, self.tr("家庭成员与监护人")), (self.timeline_tab, self.tr("关爱记录")),
                           (self.pairings_tab, self.tr("结对帮扶")), (self.responsibilities_tab, self.tr("关爱责任")),
                           (self.agreements_tab, self.tr("协议")), (self.assessments_tab, self.tr("评估")),
                           (self.history_tab, self.tr("状态记录")), (self.attachments_tab, self.tr("附件")),
                           (self.changes_tab, self.tr("修改记录"))):
            self.tabs.addTab(tab, title)
        # A care record opens (its photos, findings, follow-up) to be corrected or voided.
        self.timeline_tab.view.activated.connect(self.open_care_record)
        self.tabs.currentChanged.connect(lambda _i: self._load_changes())
        self.tab_pages = {TAB_BASIC: self.basic, TAB_HOUSEHOLD: self.members_tab, TAB_PAIRINGS: self.pairings_tab,
                          TAB_RESPONSIBILITIES: self.responsibilities_tab, TAB_AGREEMENTS: self.agreements_tab,
                          TAB_ASSESSMENTS: self.assessments_tab}
        self.members_tab.on_saved = self._mark_saved
        self.basic.on_reveal = self.reveal_id
        self._open_logged = False  # opening a minor's or a disabled person's record: logged once
        self.attachments_tab.on_saved = self._mark_saved
        self._fit_screen()

        self.problem = QLabel()  # a refusal that names no field on the form
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        outer.addWidget(self.problem)
        bar = QHBoxLayout()
        self.steps_bar = QHBoxLayout()
        bar.addLayout(self.steps_bar)
        self.log_button = QPushButton(self.tr("记录关爱工作…"))
        menu = QMenu(self.log_button)
        for kind in LOG_KINDS:
            menu.addAction(label(kind), call_with(self.log_work, kind))
        self.log_button.setMenu(menu)
        bar.addWidget(self.log_button)
        self.print_button = QPushButton(self.tr("打印一户一档"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_profile)
        bar.addWidget(self.print_button)
        self.child_form_button = QPushButton(self.tr("打印留守儿童登记表"))  # shown for a left-behind child
        self.child_form_button.setAutoDefault(False)
        self.child_form_button.clicked.connect(self.print_child_form)
        self.child_form_button.hide()
        bar.addWidget(self.child_form_button)
        self.export_button = QPushButton(self.tr("导出本人全部信息…"))  # PIPL art. 45: for the person who asks
        self.export_button.setAutoDefault(False)
        self.export_button.setToolTip(self.tr("本人或其监护人要求查阅、复制时：把本单位保存的此人全部信息写入一个 PDF 或 Excel 文件"))
        self.export_button.clicked.connect(lambda: self.export_everything())
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        self.status_line = QLabel()
        self.status_line.setStyleSheet(HINT_STYLE)
        bar.addWidget(self.status_line)
        self._watch_edits()
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        outer.addLayout(bar)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        ctx.hub.changed.connect(self._on_changed)
        self._show_mode()
        self.load()

    # ---- saving --------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        if self.recipient_id is None:
            return self.basic.has_input()
        return self.before is not None and bool(changed_fields(self.before, self.basic.values()))

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.basic.clear_errors()
        self.problem.hide()
        values = self.basic.values()
        if self.recipient_id is None and self.ctx.level != OfficeLevel.village and not values["village_code"]:
            self.basic.set_message("village_code", self.tr("所在村：请选择关爱对象所在的行政村。"))
            self.basic.village.setFocus()
            return
        store = self.ctx.store
        job: Callable[[], Any]
        if self.recipient_id is None:
            job = lambda: store.write(add_recipient, **values)  # noqa: E731
        else:
            assert self.before is not None
            changes, rid = changed_fields(self.before, values), self.recipient_id
            confirm = values.get("confirm_unknown_region")
            if not changes:
                self.status_line.setText(self.tr("没有需要保存的修改。"))
                if self._close_after_save:
                    self.accept()
                return
            # what this clerk read: refused, both values shown, if another clerk changed it since
            read_stamp, read_values = self.before.stamp, self.before.read_of(changes)
            job = lambda: store.write(edit_recipient, rid, confirm_unknown_region=confirm,  # noqa: E731
                                      read_stamp=read_stamp, read_values=read_values, **changes)
        self.save_button.setEnabled(False)
        self.status_line.setText(self.tr("正在保存……"))
        self.ctx.background.run(job, on_done=self._saved, on_error=self._refused, parent=self,
                                label=self.tr("正在保存……"), on_cancel=self._cancelled)

    def _saved(self, result: Any) -> None:
        if self._closed:
            return
        self.save_button.setEnabled(True)
        if self.recipient_id is None:
            self.recipient_id = result.id
            self.status_line.setText(self.tr("已登记。可以继续填写家庭成员、监护人和附件。"))
        else:
            self.status_line.setText(self.tr("已保存（{time}）").format(time=QTime.currentTime().toString("HH:mm")))
        self._refill = True
        self._wrote()
        if self._close_after_save:
            self.accept()

    def _cancelled(self) -> None:
        self.save_button.setEnabled(True)
        self.status_line.setText(self.tr("已取消，没有保存。"))

    def _refused(self, error: BaseException) -> None:
        if self._closed:
            return
        self.save_button.setEnabled(True)
        self._close_after_save = False
        self.status_line.setText(self.tr("没有保存，请按红字提示修改。"))
        if not isinstance(error, ServiceError):
            show_error(self, error)
            return
        found: list[ServiceError] = getattr(error, "errors", None) or [error]
        shown: dict[str, list[str]] = {}
        for e in found:
            key = SERVICE_FIELDS.get(e.field or "", e.field or "")
            shown.setdefault(key if key in self.basic.errors else "", []).append(e.message(ui_language()))
        for key, texts in shown.items():
            if key:
                self.basic.set_message(key, "\n".join(texts))
            else:
                self.problem.setText("\n".join(texts))
                self.problem.show()
        first = next((k for k in shown if k), None)
        if first:
            self.tabs.setCurrentIndex(0)
            self.basic.widgets[first].setFocus()

    def _wrote(self) -> None:
        """The form saved: tell every page (they, and this form's tabs, reload)."""
        self._mark_saved()
        self.ctx.hub.changed.emit()

    def _mark_saved(self) -> None:
        self.saved_id = self.recipient_id

    def open_care_record(self, index: Any) -> None:
        from app.ui.care_record_dialog import CareRecordDialog

        row = self.timeline_tab.model.row_at(index.row())
        if row is None or row.record_id is None:
            return
        dialog = CareRecordDialog(self.ctx, self, row.record_id)
        dialog.finished.connect(lambda _r: self._wrote_elsewhere())
        self.care_record_dialog = dialog
        dialog.open()

    def _wrote_elsewhere(self) -> None:
        self._refill = False
        self.load()

    def _load_changes(self) -> None:
        """修改记录: who changed which field when, from the audit trail; read when shown."""
        from app.care.corrections import change_history

        if self.tabs.currentWidget() is not self.changes_tab or self.recipient_id is None:
            return
        rid = self.recipient_id
        self.ctx.background.run(lambda: self.ctx.store.read(change_history, rid),
                                on_done=self.changes_tab.set_rows, parent=self)

    def _fit_screen(self, *, grow_only: bool = False) -> None:
        """1000×720, or wider at a large text size so that every tab and the basic page show
        whole (without scrolling sideways), within the screen with its title bar. Again,
        only wider, once the record is in (a child's school and parents' rows appear)."""
        from app.ui.main import TITLE_BAR

        bar = self.tabs.tabBar()
        tabs = sum(bar.tabSizeHint(i).width() for i in range(bar.count())) + 40
        page = self.basic.widget()
        basic = max(page.sizeHint().width(), page.minimumSizeHint().width()) + 60 if page is not None else 0
        width, height = max(1000, tabs, basic), 720
        if grow_only:
            width, height = max(width, self.width()), self.height()
        screen = self.screen()
        if screen is not None:
            free = screen.availableGeometry()
            # grown no wider than the screen (never narrower than the 1000 it always had)
            width, height = max(1000, min(width, free.width() - 16)), min(height, free.height() - TITLE_BAR)
        self.resize(width, height)

    def show_tab(self, key: str) -> None:
        page = self.tab_pages.get(key)
        if page is not None and self.recipient_id is not None:
            self.tabs.setCurrentWidget(page)

    def record_carer(self) -> None:
        """无人监护: the household tab with the guardian dialog open on an entrusted carer."""
        from app.models.codes import GuardianKind
        from app.ui.kit import select_data

        if self.recipient_id is None:
            return
        self.show_tab(TAB_HOUSEHOLD)
        dialog = self.members_tab.guardian_dialog(None)
        select_data(dialog.kind, GuardianKind.entrusted.value)
        self.carer_dialog = dialog
        dialog.open()

    # ---- loading --------------------------------------------------------------------------
    def _show_mode(self) -> None:
        new = self.recipient_id is None
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, not new)
        self.log_button.setVisible(not new)
        self.print_button.setVisible(not new)
        self.export_button.setVisible(not new)
        self.basic.set_new(new)
        self.members_tab.recipient_id = self.recipient_id
        self.attachments_tab.recipient_id = self.recipient_id
        if new:
            self.setWindowTitle(self.tr("登记关爱对象"))
            self.heading.setText(self.tr("新登记的关爱对象（状态：已调查）。带 * 的必须填写。"))
            self.basic.surveyed_by.setText(self.operator)
            self.tabs.setCurrentIndex(0)
            self.basic.name.setFocus()  # Ctrl+N, then type the name

    def load(self) -> None:
        if self.recipient_id is None and not self.operator:
            self.ctx.background.run(lambda: self.ctx.store.read(lambda s: actor_for(s).user),
                                    on_done=self._operator)
        if self.ctx.level != OfficeLevel.village and self.basic.village.count() == 0:
            self.ctx.background.run(lambda: self.ctx.store.read(profile.village_choices),
                                    on_done=self._villages)
        if self.recipient_id is not None:
            rid = self.recipient_id
            store = self.ctx.store
            job = lambda: store.read(profile.profile, rid)  # noqa: E731
            if not self._open_logged:  # the first reading of this opening: logged for a minor or a disabled person
                self._open_logged = True
                job = lambda: store.write(opened_profile, rid)  # noqa: E731
            self.ctx.background.run(job, on_done=self._loaded, parent=self, label=self.tr("正在读取档案……"))

    def reveal_id(self) -> None:
        """显示完整号码: the reveal is logged first, then the number shown (issue 15)."""
        rid = self.recipient_id
        if rid is None or self.basic.hidden_number is None:
            return
        from app.protection.access_log import log_access

        store = self.ctx.store
        self.ctx.background.run(lambda: store.write(log_access, "reveal_id", person_id=rid),
                                on_done=lambda _r: None if self._closed else self.basic.show_full(), parent=self)

    def _watch_edits(self) -> None:
        """A field edited after a refusal: its red message no longer speaks of what is in it,
        so it goes; once none is left, neither is "请按红字提示修改" (a stale one misleads)."""
        for key, widget in self.basic.widgets.items():
            for w in [widget, *widget.findChildren(QWidget)]:
                if isinstance(w, QLineEdit):
                    w.textEdited.connect(lambda _t, k=key: self._edited(k))
                elif isinstance(w, QComboBox):
                    w.activated.connect(lambda _i, k=key: self._edited(k))
                elif isinstance(w, QCheckBox):
                    w.clicked.connect(lambda _c, k=key: self._edited(k))

    def _edited(self, key: str) -> None:
        refused = self.tr("没有保存，请按红字提示修改。")
        if self.status_line.text() != refused:
            return
        message = self.basic.errors.get(key)
        if message is not None and message.styleSheet() == ERROR_STYLE:
            self.basic.set_message(key, "")
        still = any(m.isVisible() and m.styleSheet() == ERROR_STYLE and m.text() for m in self.basic.errors.values())
        if not still and not self.problem.isVisible():
            self.status_line.setText("")

    def _show_owner(self, village_code: str | None) -> None:
        """Above the village, say before any edit that the person's record is the village's:
        where both change a field, the village's value wins when the bundles meet
        (app/sync/ownership.py), so a correction belongs with the village's director."""
        above = self.ctx.level != OfficeLevel.village and bool(village_code)
        if above:
            name = self.village_names.get(village_code or "", village_code)
            self.owner_note.setText(self.tr(
                "此对象的档案由{village}负责登记：您在这里的修改会发给该村，但如果村里也改了同一项，"
                "以村里的为准。需要更正时，最好请村福利主任修改。").format(village=name))
        self.owner_note.setVisible(above)

    def _operator(self, user: str) -> None:
        if not self._closed:
            self.operator = user
            if self.recipient_id is None:
                self.basic.surveyed_by.setText(user)

    def _villages(self, villages: list[VillageChoice]) -> None:
        if self._closed:
            return
        self.basic.set_villages(villages, self.before.village_code if self.before else None)
        self.village_names = {v.code: v.name for v in villages}
        if self.before is not None:
            self._show_owner(self.before.village_code)
        self._fit_screen(grow_only=True)  # the village names are wider than the empty choice

    def _on_changed(self) -> None:
        if self.recipient_id is not None and not self._closed:
            self.saved_id = self.recipient_id
            self.load()

    def _loaded(self, p: Profile) -> None:
        if self._closed:
            return
        self._show_mode()
        if self._refill or not self.is_dirty():
            self.before = p.fields
            self.basic.fill(p.fields)
            self._refill = False
        f = p.fields
        self.setWindowTitle(self.tr("关爱对象档案：{name}").format(name=f.name))
        star = self.tr("★重点监护　") if f.key_monitoring else ""
        self.heading.setText(self.tr("{name}　{star}状态：{status}（{date}）").format(
            name=f.name, star=star, status=label(f.status), date=f.status_date.isoformat()))
        self._show_owner(f.village_code)
        self.members_tab.set_rows(p.members, p.guardians)
        self.timeline_tab.set_rows(p.timeline)
        self.pairings_tab.set_rows(p.pairings)
        self.responsibilities_tab.set_rows(p.responsibilities)
        self.agreements_tab.set_rows(p.agreements)
        self.assessments_tab.set_rows(p.assessments)
        self.history_tab.set_rows(p.history)
        self.attachments_tab.set_rows(p.attachments)
        self.child_form_button.setVisible("left_behind_child" in f.categories)
        self._show_steps(p.lifecycle)
        self._fit_screen(grow_only=True)

    # ---- life cycle and care work ---------------------------------------------------------
    def _show_steps(self, view: LifecycleView) -> None:
        self.view = view
        for button in self.step_buttons.values():
            self.steps_bar.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        for step in view.steps:
            button = QPushButton(step_text(step))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=step: self.take_step(s))
            self.steps_bar.addWidget(button)
            self.step_buttons[step] = button

    def step_dialog(self, step: str) -> StepDialog:
        assert self.recipient_id is not None and self.view is not None and self.before is not None
        dialog = StepDialog(self.ctx, self, self.recipient_id, step, self.view, self.before.name)
        dialog.accepted.connect(self._mark_saved)
        return dialog

    def take_step(self, step: str) -> None:
        if self.is_dirty():
            QMessageBox.information(self, self.tr("请先保存"),
                                    self.tr("基本信息有修改还没保存。请先按“保存”，再{step}。").format(step=label(step)))
            return
        self.step_dialog(step).open()

    def print_profile(self) -> None:
        """The one-page profile (一户一档) as saved: a PDF opened in the system viewer."""
        if self.recipient_id is None:
            return
        from app.ui.print_actions import print_profile_pdf

        print_profile_pdf(self.ctx, self, self.recipient_id)

    def print_child_form(self) -> None:
        """The ministry's 农村留守儿童基本情况登记表 of this child (this quarter), as saved."""
        if self.recipient_id is None or self.before is None:
            return
        from app.ui.forms_actions import print_child_form

        print_child_form(self.ctx, self, self.recipient_id, name=self.before.name)

    def export_everything(self, path: Path | None = None) -> Path | None:
        """Everything held about this person, as saved, in one file they can take away."""
        if self.recipient_id is None or self.before is None:
            return None
        from app.ui.person_actions import export_person_file

        return export_person_file(self.ctx, self, self.recipient_id, name=self.before.name, path=path)

    def log_work(self, kind: str) -> None:
        if self.recipient_id is None or self.before is None:
            return
        from app.ui.log_dialogs import open_log_dialog  # written alongside; loaded when first used

        text = f"{self.before.name}　{mask_id_number(self.before.id_number)}"
        open_log_dialog(self.ctx, self, kind, self.recipient_id, text)

    # ---- closing ------------------------------------------------------------------------
    def reject(self) -> None:
        if self.is_dirty() and self.save_button.isEnabled():
            answer = QMessageBox.question(
                self, self.tr("还没保存"), self.tr("有修改还没保存。要保存吗？"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Save:
                self._close_after_save = True
                self.save()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def done(self, result: int) -> None:
        if not self._closed and shiboken6.isValid(self.ctx.hub):
            self.ctx.hub.changed.disconnect(self._on_changed)
        self._closed = True
        super().done(result)

