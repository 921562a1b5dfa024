"""关爱对象档案: create and edit one care recipient.

The basic fields are checked as they are typed with the pure rules of app.care.validation
(the ID number fills birth date and sex; the category rules say why a category does not
fit); saving goes through app.care.recipients in the background, and a refusal is shown next
to the field it names. For a recipient already registered, the tabs (loaded through
app.care.profile) show the household and guardians, the care timeline, pairings,
responsibilities, agreements, assessments, the status history and attachments, and the
life-cycle steps this office may take appear as buttons.

Other screens call `open_recipient(ctx, parent, recipient_id)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.care import lifecycle, profile
from app.care.context import actor_for
from app.care.errors import ServiceError, ValidationError
from app.care.profile import LifecycleView, Profile, RecipientFields, changed_fields
from app.care.recipients import add_recipient, edit_recipient
from app.care.validation import (
    CategoryFacts,
    IdNumber,
    age_on,
    category_rule_errors,
    check_disability,
    check_name,
    mask_id_number,
    normalize_phone,
    normalize_text,
    parse_id_number,
)
from app.models.codes import Ability, CareKind, Category, DisabilityType, OfficeLevel
from app.ui.attachments_view import AttachmentsTab
from app.ui.background import show_error
from app.ui.i18n import ui_language
from app.ui.kit import (
    ERROR_STYLE,
    INVALID_STYLE,
    Context,
    FormDialog,
    code_combo,
    date_edit,
    label,
    pydate,
    qdate,
    select_data,
    translate,
)
from app.ui.recipient_tabs import (
    MembersTab,
    agreements_tab,
    assessments_tab,
    history_tab,
    pairings_tab,
    responsibilities_tab,
    timeline_tab,
)

HINT_STYLE = "color: #555"
OK_STYLE = "color: #1b5e20"
# Stored as typed (data, not UI text); the box is editable for any other.
ETHNICITIES = ("汉族", "苗族", "侗族", "布依族", "水族", "瑶族", "土家族", "彝族", "壮族", "回族", "仡佬族")
LOG_KINDS = (CareKind.phone_followup.value, CareKind.home_visit.value,
             CareKind.micro_wish.value, CareKind.material_aid.value)
SERVICE_FIELDS = {"date": "surveyed_on"}  # a service's field name → the form's


def open_recipient(ctx: Context, parent: QWidget, recipient_id: str | None = None) -> str | None:
    """The recipient form as a modal dialog (a new recipient when no id is given). Returns
    the recipient's id if anything was saved, else None."""
    dialog = RecipientDialog(ctx, parent, recipient_id)
    dialog.exec()
    saved = dialog.saved_id
    dialog.deleteLater()
    return saved


def _yes_no_combo(empty: str, yes: str, no: str) -> QComboBox:
    box = QComboBox()
    for text, value in ((empty, None), (yes, True), (no, False)):
        box.addItem(text, value)
    return box


class RecipientDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None, recipient_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recipient_id = recipient_id
        self.saved_id: str | None = None
        self.before: RecipientFields | None = None
        self.view: LifecycleView | None = None
        self.ident: IdNumber | None = None
        self.step_buttons: dict[str, QPushButton] = {}
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self._closed = False
        self._refill = True
        self._close_after_save = False
        self.operator = ""
        self.resize(1000, 720)

        outer = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold")
        outer.addWidget(self.heading)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._basic_panel(), self.tr("基本信息"))
        self.members_tab = MembersTab(ctx)
        self.timeline_tab = timeline_tab()
        self.pairings_tab = pairings_tab()
        self.responsibilities_tab = responsibilities_tab()
        self.agreements_tab = agreements_tab()
        self.assessments_tab = assessments_tab()
        self.history_tab = history_tab()
        self.attachments_tab = AttachmentsTab(ctx)
        for tab, title in ((self.members_tab, self.tr("家庭成员与监护人")), (self.timeline_tab, self.tr("关爱记录")),
                           (self.pairings_tab, self.tr("结对帮扶")), (self.responsibilities_tab, self.tr("关爱责任")),
                           (self.agreements_tab, self.tr("协议")), (self.assessments_tab, self.tr("评估")),
                           (self.history_tab, self.tr("状态记录")), (self.attachments_tab, self.tr("附件"))):
            self.tabs.addTab(tab, title)
        self.members_tab.on_saved = self._mark_saved
        self.attachments_tab.on_saved = self._mark_saved

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
            menu.addAction(label(kind), lambda k=kind: self.log_work(k))
        self.log_button.setMenu(menu)
        bar.addWidget(self.log_button)
        bar.addStretch(1)
        self.status_line = QLabel()
        self.status_line.setStyleSheet(HINT_STYLE)
        bar.addWidget(self.status_line)
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

    # ---- the basic fields ------------------------------------------------------------------
    def _field(self, key: str, widget: QWidget) -> QWidget:
        """The widget with its own message line underneath."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = QLabel()
        message.setWordWrap(True)
        message.hide()
        column.addWidget(message)
        self.errors[key] = message
        self.widgets[key] = widget
        return box

    def _basic_panel(self) -> QWidget:
        panel = QWidget()
        page = QVBoxLayout(panel)
        grid = QHBoxLayout()
        page.addLayout(grid)
        page.addStretch(1)
        left, right = QFormLayout(), QFormLayout()
        self.left_form = left
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        grid.addLayout(left, 1)
        grid.addSpacing(16)
        grid.addLayout(right, 1)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 张三"))
        left.addRow(self.tr("姓名 *"), self._field("name", self.name))
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("18位，最后一位可以是 X"))
        left.addRow(self.tr("身份证号 *"), self._field("id_number", self.id_number))
        self.birth_date, self.sex, self.age = QLineEdit(), QLineEdit(), QLabel()
        derived = QWidget()
        row = QHBoxLayout(derived)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.birth_date, self.sex):
            w.setReadOnly(True)
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.birth_date.setPlaceholderText(self.tr("由身份证号自动得出"))
        self.sex.setPlaceholderText(self.tr("性别"))
        self.sex.setMaximumWidth(80)
        row.addWidget(self.birth_date, 2)
        row.addWidget(self.sex, 1)
        row.addWidget(self.age, 1)
        left.addRow(self.tr("出生日期／性别"), derived)
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(["", *ETHNICITIES])
        self.ethnicity.setMinimumContentsLength(8)
        left.addRow(self.tr("民族"), self._field("ethnicity", self.ethnicity))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("手机11位，固话带区号"))
        left.addRow(self.tr("联系电话"), self._field("phone", self.phone))
        self.address = QLineEdit()
        left.addRow(self.tr("家庭住址"), self._field("address", self.address))
        self.village = QComboBox()
        self.village_row = self._field("village_code", self.village)
        left.addRow(self.tr("所在村 *"), self.village_row)
        self.surveyed_on = date_edit()
        left.addRow(self.tr("调查日期"), self._field("surveyed_on", self.surveyed_on))
        self.surveyed_by = QLabel()
        left.addRow(self.tr("调查人"), self.surveyed_by)

        cats = QWidget()
        cat_grid = QGridLayout(cats)
        cat_grid.setContentsMargins(0, 0, 0, 0)
        self.category_boxes: dict[str, QCheckBox] = {}
        for i, c in enumerate(Category):
            box = QCheckBox(label(c.value))
            self.category_boxes[c.value] = box
            cat_grid.addWidget(box, i // 2, i % 2)
        right.addRow(self.tr("关爱类别 *"), self._field("categories", cats))
        self.key_monitoring = QCheckBox(self.tr("重点监护对象（每周电话随访）"))
        right.addRow("", self.key_monitoring)
        self.self_care = code_combo([a.value for a in Ability], empty=self.tr("（未填）"))
        right.addRow(self.tr("自理能力"), self._field("self_care", self.self_care))
        self.work_ability = code_combo([a.value for a in Ability], empty=self.tr("（未填）"))
        right.addRow(self.tr("劳动能力"), self._field("work_ability", self.work_ability))
        self.disability_type = code_combo([d.value for d in DisabilityType], empty=self.tr("（无残疾）"))
        self.disability_grade = QComboBox()
        self.disability_grade.addItem(self.tr("（无）"), None)
        for grade in (1, 2, 3, 4):
            self.disability_grade.addItem(self.tr("{n}级").format(n=grade), grade)
        disability = QWidget()
        row = QHBoxLayout(disability)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.disability_type, 2)
        row.addWidget(self.disability_grade, 1)
        right.addRow(self.tr("残疾类别／等级"), self._field("disability_type", disability))
        self.errors["disability_grade"] = self.errors["disability_type"]
        self.widgets["disability_grade"] = self.disability_grade
        self.major_illness = QLineEdit()
        right.addRow(self.tr("重大疾病"), self._field("major_illness", self.major_illness))
        self.school = QLineEdit()
        self.school.setPlaceholderText(self.tr("在校儿童填写学校"))
        right.addRow(self.tr("就读学校"), self._field("school", self.school))
        self.is_urban = QCheckBox(self.tr("城镇户籍"))
        self.in_institution = QCheckBox(self.tr("集中（机构）供养"))
        flags = QWidget()
        row = QHBoxLayout(flags)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.is_urban)
        row.addWidget(self.in_institution)
        row.addStretch(1)
        right.addRow(self.tr("户籍／供养"), flags)
        self.has_income = _yes_no_combo(self.tr("（未填）"), self.tr("有生活来源"), self.tr("无生活来源"))
        right.addRow(self.tr("生活来源"), self._field("has_income", self.has_income))
        self.has_supporter = _yes_no_combo(self.tr("（未填）"), self.tr("有，且能履行义务"),
                                           self.tr("没有，或无力履行"))
        right.addRow(self.tr("法定赡养（抚养）人"), self._field("has_supporter", self.has_supporter))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        right.addRow(self.tr("备注"), self._field("notes", self.notes))

        self.id_number.textChanged.connect(self._id_changed)
        self.id_number.editingFinished.connect(self._id_finished)
        self.name.editingFinished.connect(self._name_finished)
        self.phone.editingFinished.connect(self._phone_finished)
        for box in self.category_boxes.values():
            box.toggled.connect(self.check_rules)
        for w in (self.is_urban, self.in_institution):
            w.toggled.connect(self.check_rules)
        for combo in (self.work_ability, self.disability_type, self.disability_grade, self.has_income,
                      self.has_supporter):
            combo.currentIndexChanged.connect(self.check_rules)
        self.surveyed_on.dateChanged.connect(self._show_derived)
        self.surveyed_on.dateChanged.connect(self.check_rules)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        return scroll

    # ---- messages next to the fields -------------------------------------------------------
    def set_message(self, key: str, text: str, style: str = ERROR_STYLE) -> None:
        message = self.errors[key]
        message.setText(text)
        message.setStyleSheet(style)
        message.setVisible(bool(text))
        widget = self.widgets[key]
        if key in ("categories", "disability_type", "disability_grade"):
            return  # a group of boxes: the message says enough
        widget.setStyleSheet(INVALID_STYLE if text and style == ERROR_STYLE else "")

    def message(self, key: str) -> str:
        return self.errors[key].text()

    def _lang(self) -> str:
        return ui_language()

    # ---- checks as you type (pure functions, no database) ---------------------------------
    def _id_changed(self) -> None:
        text = normalize_text(self.id_number.text()).upper()
        self.ident = None
        if len(text) >= 18:
            try:
                self.ident = parse_id_number(text)
            except ValidationError as e:
                self.set_message("id_number", e.message(self._lang()))
            else:
                self.set_message("id_number", "")
        elif text:
            self.set_message("id_number", self.tr("已输入 {n} 位，共 18 位").format(n=len(text)), HINT_STYLE)
        else:
            self.set_message("id_number", "")
        self._show_derived()
        self.check_rules()

    def _id_finished(self) -> None:
        text = normalize_text(self.id_number.text())
        if 0 < len(text) < 18:
            try:
                parse_id_number(text)
            except ValidationError as e:
                self.set_message("id_number", e.message(self._lang()))

    def _show_derived(self) -> None:
        if self.ident is None:
            self.birth_date.clear()
            self.sex.clear()
            self.age.clear()
            return
        self.birth_date.setText(self.ident.birth_date.isoformat())
        self.sex.setText(label(self.ident.sex))
        self.age.setText(self.tr("{n} 周岁").format(n=age_on(self.ident.birth_date, self.rule_date())))

    def _name_finished(self) -> None:
        try:
            check_name(self.name.text())
        except ValidationError as e:
            self.set_message("name", e.message(self._lang()))
        else:
            self.set_message("name", "")

    def _phone_finished(self) -> None:
        try:
            clean = normalize_phone(self.phone.text())
        except ValidationError as e:
            self.set_message("phone", e.message(self._lang()))
        else:
            self.set_message("phone", "")
            if clean and clean != self.phone.text():
                self.phone.setText(clean)

    def rule_date(self) -> dt.date:
        """New: the survey date; an edit is checked as of today (as the service does)."""
        return pydate(self.surveyed_on.date()) if self.recipient_id is None else dt.date.today()

    def categories(self) -> list[str]:
        return [code for code, box in self.category_boxes.items() if box.isChecked()]

    def check_rules(self) -> None:
        """The category rules of app.care.validation, with the reason next to the categories."""
        problems: list[str] = []
        try:
            check_disability(self.disability_type.currentData(), self.disability_grade.currentData())
        except ValidationError as e:
            problems.append(e.message(self._lang()))
        cats = self.categories()
        if self.ident is not None and cats:
            facts = CategoryFacts(tuple(cats), self.ident.birth_date, self.ident.sex, self.rule_date(),
                                  self.disability_type.currentData(), self.disability_grade.currentData(),
                                  self.work_ability.currentData(), self.has_income.currentData(),
                                  self.has_supporter.currentData(), self.in_institution.isChecked(),
                                  self.is_urban.isChecked())
            problems += [e.message(self._lang()) for e in category_rule_errors(facts)]
            if not problems:
                self.set_message("categories", self.tr("✓ 符合所选类别的条件"), OK_STYLE)
                return
        self.set_message("categories", "\n".join(problems))

    # ---- values, saving ------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        v: dict[str, Any] = {
            "name": self.name.text(), "id_number": self.id_number.text(), "categories": self.categories(),
            "phone": self.phone.text(), "address": self.address.text(),
            "key_monitoring": self.key_monitoring.isChecked(),
            "self_care": self.self_care.currentData(), "work_ability": self.work_ability.currentData(),
            "disability_type": self.disability_type.currentData(),
            "disability_grade": self.disability_grade.currentData(),
            "ethnicity": self.ethnicity.currentText().strip() or None,
            "major_illness": self.major_illness.text(), "school": self.school.text(),
            "notes": self.notes.toPlainText(), "is_urban": self.is_urban.isChecked(),
            "has_income": self.has_income.currentData(), "has_supporter": self.has_supporter.currentData(),
            "in_institution": self.in_institution.isChecked()}
        if self.recipient_id is None:
            v["surveyed_on"] = pydate(self.surveyed_on.date())
            v["village_code"] = self.village.currentData() if self.ctx.level != OfficeLevel.village else None
        return v

    def is_dirty(self) -> bool:
        if self.recipient_id is None:
            return bool(self.name.text().strip() or self.id_number.text().strip())
        return self.before is not None and bool(changed_fields(self.before, self.values()))

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        for key in self.errors:
            if self.errors[key].styleSheet() == ERROR_STYLE:
                self.set_message(key, "")
        self.problem.hide()
        values = self.values()
        store = self.ctx.store
        job: Callable[[], Any]
        if self.recipient_id is None:
            job = lambda: store.write(add_recipient, **values)  # noqa: E731
        else:
            assert self.before is not None
            changes, rid = changed_fields(self.before, values), self.recipient_id
            if not changes:
                self.status_line.setText(self.tr("没有需要保存的修改。"))
                if self._close_after_save:
                    self.accept()
                return
            job = lambda: store.write(edit_recipient, rid, **changes)  # noqa: E731
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
            shown.setdefault(key if key in self.errors else "", []).append(e.message(self._lang()))
        for key, texts in shown.items():
            if key:
                self.set_message(key, "\n".join(texts))
            else:
                self.problem.setText("\n".join(texts))
                self.problem.show()
        first = next((k for k in shown if k), None)
        if first:
            self.tabs.setCurrentIndex(0)
            self.widgets[first].setFocus()

    def _wrote(self) -> None:
        """The form saved: tell every page (they, and this form's tabs, reload)."""
        self._mark_saved()
        self.ctx.hub.changed.emit()

    def _mark_saved(self) -> None:
        self.saved_id = self.recipient_id

    # ---- loading --------------------------------------------------------------------------
    def _show_mode(self) -> None:
        new = self.recipient_id is None
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, not new)
        self.log_button.setVisible(not new)
        self.surveyed_on.setEnabled(new)
        self.village.setEnabled(new)
        self.left_form.setRowVisible(self.village_row, self.ctx.level != OfficeLevel.village)
        self.members_tab.recipient_id = self.recipient_id
        self.attachments_tab.recipient_id = self.recipient_id
        if new:
            self.setWindowTitle(self.tr("登记关爱对象"))
            self.heading.setText(self.tr("新登记的关爱对象（状态：已调查）。带 * 的必须填写。"))
            self.surveyed_by.setText(self.operator)

    def load(self) -> None:
        if self.recipient_id is None and not self.operator:
            self.ctx.background.run(lambda: self.ctx.store.read(lambda s: actor_for(s).user),
                                    on_done=self._operator)
        if self.ctx.level != OfficeLevel.village and self.village.count() == 0:
            self.ctx.background.run(lambda: self.ctx.store.read(profile.village_choices),
                                    on_done=self._villages)
        if self.recipient_id is not None:
            rid = self.recipient_id
            self.ctx.background.run(lambda: self.ctx.store.read(profile.profile, rid), on_done=self._loaded,
                                    parent=self, label=self.tr("正在读取档案……"))

    def _operator(self, user: str) -> None:
        if not self._closed:
            self.operator = user
            if self.recipient_id is None:
                self.surveyed_by.setText(user)

    def _villages(self, villages: list[profile.VillageChoice]) -> None:
        if self._closed:
            return
        current = self.before.village_code if self.before else None
        if current is None and len(villages) == 1:
            current = villages[0].code
        self.village.clear()
        self.village.addItem(self.tr("（请选择）"), None)
        for v in villages:
            self.village.addItem(f"{v.name}（{v.code}）", v.code)
        select_data(self.village, current)

    def _on_changed(self) -> None:
        if self.recipient_id is not None and not self._closed:
            self.saved_id = self.recipient_id
            self.load()

    def _loaded(self, p: Profile) -> None:
        if self._closed:
            return
        if self._refill or not self.is_dirty():
            self.fill(p.fields)
            self._refill = False
        self._show_mode()
        f = p.fields
        self.setWindowTitle(self.tr("关爱对象档案：{name}").format(name=f.name))
        star = self.tr("★重点监护　") if f.key_monitoring else ""
        self.heading.setText(self.tr("{name}　{star}状态：{status}（{date}）").format(
            name=f.name, star=star, status=label(f.status), date=f.status_date.isoformat()))
        self.members_tab.set_rows(p.members, p.guardians)
        self.timeline_tab.set_rows(p.timeline)
        self.pairings_tab.set_rows(p.pairings)
        self.responsibilities_tab.set_rows(p.responsibilities)
        self.agreements_tab.set_rows(p.agreements)
        self.assessments_tab.set_rows(p.assessments)
        self.history_tab.set_rows(p.history)
        self.attachments_tab.set_rows(p.attachments)
        self._show_steps(p.lifecycle)

    def fill(self, f: RecipientFields) -> None:
        self.before = f
        self.name.setText(f.name)
        self.id_number.setText(f.id_number)  # in full: this form is the one place it is shown
        self.phone.setText(f.phone or "")
        self.address.setText(f.address or "")
        self.ethnicity.setCurrentText(f.ethnicity or "")
        for code, box in self.category_boxes.items():
            box.setChecked(code in f.categories)
        self.key_monitoring.setChecked(f.key_monitoring)
        for combo, value in ((self.self_care, f.self_care), (self.work_ability, f.work_ability),
                             (self.disability_type, f.disability_type),
                             (self.disability_grade, f.disability_grade), (self.has_income, f.has_income),
                             (self.has_supporter, f.has_supporter), (self.village, f.village_code)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.major_illness.setText(f.major_illness or "")
        self.school.setText(f.school or "")
        self.notes.setPlainText(f.notes or "")
        self.is_urban.setChecked(f.is_urban)
        self.in_institution.setChecked(f.in_institution)
        self.surveyed_on.setDate(qdate(f.surveyed_on))
        self.surveyed_by.setText(f.surveyed_by or "")
        for key in self.errors:
            self.set_message(key, "")
        self._id_changed()

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


def step_text(step: str) -> str:
    texts = {"report": translate("RecipientDialog", "上报县里审核"), "review": translate("RecipientDialog", "录入部门审核意见"),
             "confirm": translate("RecipientDialog", "确定为关爱对象"), "reject": translate("RecipientDialog", "不予确定"),
             "exit": translate("RecipientDialog", "退出关爱")}
    return texts.get(step, label(step))


class StepDialog(FormDialog):
    """One life-cycle step, asking for what the step needs: the department and its decision
    for a review, a reason to reject or exit, the county's document number when a county
    decision is entered below the county, and the date."""

    def __init__(self, ctx: Context, parent: QWidget, recipient_id: str, step: str,
                 view: LifecycleView, name: str) -> None:
        super().__init__(ctx, translate("StepDialog", "{step}：{name}").format(step=label(step), name=name), parent)
        self.recipient_id, self.step = recipient_id, step
        intro = {"report": self.tr("上报后，由县民政局会同相关部门审核。"),
                 "review": self.tr("录入县里各部门的审核意见；各相关部门都审核后才能确定。"),
                 "confirm": self.tr("确定后，此人列入关爱对象名册，开始“四个一”关爱。"),
                 "reject": self.tr("不予确定须写明原因；补充材料后可以重新上报。"),
                 "exit": self.tr("退出后不再安排关爱，历史记录全部保留。")}[step]
        note = QLabel(intro)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.department: QComboBox | None = None
        self.decision: QComboBox | None = None
        self.reason: QLineEdit | QComboBox | None = None
        self.doc_no: QLineEdit | None = None
        if step == "review":
            self.department = self.add_row("department", self.tr("审核部门"),
                                           code_combo(list(view.pending_departments)))
            self.decision = QComboBox()
            self.decision.addItem(self.tr("同意"), "approve")
            self.decision.addItem(self.tr("不同意"), "reject")
            self.add_row("decision", self.tr("审核意见"), self.decision)
        if step in ("review", "reject"):
            self.reason = self.add_row("reason", self.tr("原因") if step == "reject" else self.tr("原因（不同意时必填）"),
                                       QLineEdit())
        if step == "exit":
            box = QComboBox()
            box.setEditable(True)
            box.addItems(["", self.tr("年满16周岁"), self.tr("父母返乡，不再留守"), self.tr("迁出本村"),
                          self.tr("已去世"), self.tr("情况好转，不再符合条件")])
            self.reason = self.add_row("reason", self.tr("退出原因"), box)
        if view.needs_doc_no and step in ("review", "confirm", "reject"):
            self.doc_no = self.add_row("doc_no", self.tr("县里决定的文号"), QLineEdit())
            self.doc_no.setPlaceholderText(self.tr("如 民发〔2026〕12号"))
        self.on = self.add_row("date", self.tr("日期"), date_edit())
        self.on.setMinimumDate(qdate(view.status_date))
        self.save_button.setText(step_text(step))

    def _reason(self) -> str | None:
        if isinstance(self.reason, QComboBox):
            return self.reason.currentText()
        return self.reason.text() if self.reason is not None else None

    def job(self) -> Callable[[], Any]:
        store, rid, on = self.ctx.store, self.recipient_id, pydate(self.on.date())
        reason, doc = self._reason(), self.doc_no.text() if self.doc_no else None
        if self.step == "report":
            return lambda: store.write(lifecycle.report, rid, on=on)
        if self.step == "review":
            assert self.department is not None and self.decision is not None
            dept, decision = self.department.currentData(), self.decision.currentData()
            return lambda: store.write(lifecycle.review, rid, department=dept, decision=decision,
                                       reason=reason, on=on, doc_no=doc)
        if self.step == "confirm":
            return lambda: store.write(lifecycle.confirm, rid, doc_no=doc, on=on)
        if self.step == "reject":
            return lambda: store.write(lifecycle.reject, rid, reason=reason, doc_no=doc, on=on)
        return lambda: store.write(lifecycle.exit_care, rid, reason=reason, on=on)

