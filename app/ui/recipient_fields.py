"""The basic fields of the recipient form (基本信息), checked as they are typed with the pure
rules of app.care.validation: the ID number fills birth date and sex, the category rules
say why a category does not fit, each next to its field. No database here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ValidationError
from app.care.offices import VillageChoice
from app.care.recipients import RecipientFields
from app.care.validation import (
    CategoryFacts,
    IdNumber,
    UnknownRegionError,
    age_on,
    category_rule_errors,
    check_disability,
    check_name,
    condition_errors,
    mask_id_number,
    normalize_phone,
    normalize_text,
    parse_id_number,
)
from app.models.codes import (
    WORK_LABELS,
    Ability,
    Category,
    DisabilityType,
    OfficeLevel,
    ParentsAway,
)
from app.ui.i18n import ui_language
from app.ui.kit import (
    ERROR_STYLE,
    INVALID_STYLE,
    code_combo,
    date_edit,
    label,
    pydate,
    qdate,
    select_data,
    show_stored,
    stored_word,
    words_combo,
)

HINT_STYLE = "color: #555"
OK_STYLE = "color: #1b5e20"
# Stored as typed (data, not UI text); the box is editable for any other.
ETHNICITIES = ("汉族", "苗族", "侗族", "布依族", "水族", "瑶族", "土家族", "彝族", "壮族", "回族", "仡佬族")


def _yes_no_combo(empty: str, yes: str, no: str) -> QComboBox:
    box = QComboBox()
    for text, value in ((empty, None), (yes, True), (no, False)):
        box.addItem(text, value)
    return box


class BasicInfoPanel(QScrollArea):
    """The fields of app.care.recipients.add_recipient / edit_recipient, each with a message
    line underneath (`errors[field]`), in a scroll area for small screens."""

    def __init__(self, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.new = True
        self.ident: IdNumber | None = None
        self.region_unknown = False  # the ID number's region code needs the director's confirmation
        self.region_error = ""
        self.confirmed_number = ""  # the stored number whose unknown region code was confirmed
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
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
        # A registered person's number shows masked (the birth date's eight digits hidden, and
        # the birth date with them) until 显示完整号码 is pressed; the reveal is logged
        # (app/protection/access_log.py) by whoever set `on_reveal` (the form).
        self.hidden_number: str | None = None  # the full number while the field shows it masked
        self.on_reveal: Any = None
        self.reveal_button = QPushButton(self.tr("显示完整号码"))
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.setToolTip(self.tr("显示完整的身份证号以便核对或修改（会记入查阅记录）"))
        self.reveal_button.clicked.connect(self._ask_reveal)
        self.reveal_button.hide()
        id_row = QWidget()
        id_line = QHBoxLayout(id_row)
        id_line.setContentsMargins(0, 0, 0, 0)
        id_line.addWidget(self.id_number, 1)
        id_line.addWidget(self.reveal_button)
        left.addRow(self.tr("身份证号 *"), self._field("id_number", id_row))
        self.widgets["id_number"] = self.id_number
        # A region code unknown to GB/T 2260 from the birth year on: the director may confirm it
        # with a note of what was checked (recorded on the person and shown), never silently.
        self.region_confirm = QCheckBox(self.tr("确认地区码（已核对身份证原件）"))
        self.region_note = QLineEdit()
        self.region_note.setPlaceholderText(self.tr("核实情况，如：已核对身份证原件，1986年由原地签发"))
        self.region_shown = QLabel()
        self.region_shown.setWordWrap(True)
        self.region_shown.setStyleSheet(HINT_STYLE)
        region = QWidget()
        column = QVBoxLayout(region)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.region_confirm)
        column.addWidget(self.region_note)
        column.addWidget(self.region_shown)
        self.region_row = region
        left.addRow(self.tr("地区码"), region)
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
        self.ethnicity = words_combo(ETHNICITIES, blank=True)  # stored in Chinese, shown in the UI's language
        self.ethnicity.setMinimumContentsLength(8)
        left.addRow(self.tr("民族"), self._field("ethnicity", self.ethnicity))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("手机11位，固话带区号"))
        left.addRow(self.tr("联系电话"), self._field("phone", self.phone))
        self.address = QLineEdit()
        left.addRow(self.tr("家庭住址"), self._field("address", self.address))
        self.village = QComboBox()
        # as wide as the longest village name with its code, known only once they are read
        self.village.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
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
        for i, a in enumerate(Ability, start=1):  # the self-care words would mislead here
            zh, en = WORK_LABELS[a.value]
            self.work_ability.setItemText(i, en.capitalize() if ui_language().startswith("en") else zh)
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
        # The household conditions of the left-behind categories (shown for the categories
        # ticked; confirming the category asks for them).
        self.parents_away = code_combo([p.value for p in ParentsAway], empty=self.tr("（未填）"))
        self.parents_row = self._field("parents_away", self.parents_away)
        right.addRow(self.tr("父母外出情况"), self.parents_row)
        self.husband_works_away = _yes_no_combo(self.tr("（未填）"), self.tr("丈夫外出务工"), self.tr("丈夫在家"))
        self.husband_row = self._field("husband_works_away", self.husband_works_away)
        right.addRow(self.tr("丈夫外出情况"), self.husband_row)
        self.children_work_away = _yes_no_combo(self.tr("（未填）"), self.tr("子女都外出务工"),
                                                self.tr("有子女在家"))
        self.children_row = self._field("children_work_away", self.children_work_away)
        right.addRow(self.tr("子女外出情况"), self.children_row)
        self.right_form = right
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
            box.toggled.connect(self._show_conditions)
        for flag in (self.is_urban, self.in_institution):
            flag.toggled.connect(self.check_rules)
        for combo in (self.work_ability, self.disability_type, self.disability_grade, self.has_income,
                      self.has_supporter, self.parents_away, self.husband_works_away, self.children_work_away):
            combo.currentIndexChanged.connect(self.check_rules)
        self.region_confirm.toggled.connect(self._show_region)
        self._show_region()
        self._show_conditions()
        self.surveyed_on.dateChanged.connect(self._show_derived)
        self.surveyed_on.dateChanged.connect(self.check_rules)

        self.setWidgetResizable(True)
        self.setWidget(panel)
        self.fit_widths()

    # The fields that must show their whole value (an ID number's 18 digits, a date, a phone
    # number), measured in the current font: at 大字号 and 特大字号 the form grows or scrolls
    # instead of cutting them.
    WIDTHS = (("id_number", "110101195001011234X"), ("birth_date", "2026-12-31"), ("phone", "0855-12345678"),
              ("name", "欧阳建国某"), ("address", "贵州省黎平县德凤镇坪竹湾村十八组"))

    def fit_widths(self) -> None:
        metrics = self.fontMetrics()
        for attribute, sample in self.WIDTHS:
            getattr(self, attribute).setMinimumWidth(metrics.horizontalAdvance(sample) + 24)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "id_number"):
            self.fit_widths()

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
    def number(self) -> str:
        """The ID number as it stands: the full one, also while the field shows it masked."""
        return self.hidden_number if self.hidden_number is not None else self.id_number.text()

    def show_masked(self, number: str) -> None:
        self.hidden_number = number
        self.id_number.setText(mask_id_number(number))
        self.id_number.setReadOnly(True)
        self.reveal_button.show()

    def show_full(self) -> None:
        """After the reveal was logged: the whole number, editable, and the birth date."""
        number = self.hidden_number
        if number is None:
            return
        self.hidden_number = None
        self.id_number.setReadOnly(False)
        self.reveal_button.hide()
        self.id_number.setText(number)

    def _ask_reveal(self) -> None:
        if self.on_reveal is not None:
            self.on_reveal()

    def _id_changed(self) -> None:
        text = normalize_text(self.number()).upper()
        self.ident = None
        self.region_unknown = False
        if len(text) >= 18:
            try:
                self.ident = parse_id_number(text)
            except UnknownRegionError as e:
                # still a person: birth date and sex read, the confirmation asked for
                self.ident = parse_id_number(text, allow_unknown_region=True)
                self.region_unknown = True
                self.region_error = e.message(self._lang())
            except ValidationError as e:
                self.set_message("id_number", e.message(self._lang()))
            else:
                self.set_message("id_number", "")
        elif text:
            self.set_message("id_number", self.tr("已输入 {n} 位，共 18 位").format(n=len(text)), HINT_STYLE)
        else:
            self.set_message("id_number", "")
        self._show_derived()
        self._show_region()
        self.check_rules()

    def _show_region(self) -> None:
        if self.region_unknown and normalize_text(self.number()).upper() == self.confirmed_number:
            # confirmed already (the note is shown below): nothing more to ask
            self.region_confirm.setVisible(False)
            self.region_note.setVisible(False)
            self.left_form.setRowVisible(self.region_row, True)
            self.region_shown.setVisible(True)
            self.set_message("id_number", "")
            return
        unknown = self.region_unknown
        if unknown and self.region_confirm.isChecked():
            self.set_message("id_number", self.tr("地区码不在国家行政区划代码中：保存时记下您的确认和核实情况，"
                                                  "在档案和花名册上显示。"), HINT_STYLE)
        elif unknown:
            self.set_message("id_number", self.region_error)
        self.region_confirm.setVisible(unknown)
        self.region_note.setVisible(unknown and self.region_confirm.isChecked())
        self.left_form.setRowVisible(self.region_row, unknown or bool(self.region_shown.text()))
        self.region_shown.setVisible(bool(self.region_shown.text()))

    def _id_finished(self) -> None:
        text = normalize_text(self.number())
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
        # masked: the birth date would give the hidden digits back, so only the age shows
        self.birth_date.setText("****-**-**" if self.hidden_number is not None else self.ident.birth_date.isoformat())
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
        return pydate(self.surveyed_on.date()) if self.new else dt.date.today()

    def categories(self) -> list[str]:
        return [code for code, box in self.category_boxes.items() if box.isChecked()]

    def _show_conditions(self) -> None:
        cats = set(self.categories())
        for row, cat in ((self.parents_row, Category.left_behind_child), (self.husband_row, Category.left_behind_woman),
                         (self.children_row, Category.left_behind_elder)):
            self.right_form.setRowVisible(row, cat.value in cats)

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
                                  self.is_urban.isChecked(), self.parents_away.currentData(),
                                  self.husband_works_away.currentData(), self.children_work_away.currentData())
            problems += [e.message(self._lang()) for e in category_rule_errors(facts)]
            if not problems:
                # conditions not recorded yet: registration may wait for them, confirmation will not
                missing = [e.message(self._lang()) for e in condition_errors(facts)]
                self.set_message("categories", "\n".join([self.tr("✓ 符合所选类别的条件"), *missing]), OK_STYLE)
                return
        self.set_message("categories", "\n".join(problems))

    # ---- values ------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        v: dict[str, Any] = {
            "name": self.name.text(), "id_number": self.number(), "categories": self.categories(),
            "phone": self.phone.text(), "address": self.address.text(),
            "key_monitoring": self.key_monitoring.isChecked(),
            "self_care": self.self_care.currentData(), "work_ability": self.work_ability.currentData(),
            "disability_type": self.disability_type.currentData(),
            "disability_grade": self.disability_grade.currentData(),
            "ethnicity": stored_word(self.ethnicity),
            "major_illness": self.major_illness.text(), "school": self.school.text(),
            "notes": self.notes.toPlainText(), "is_urban": self.is_urban.isChecked(),
            "has_income": self.has_income.currentData(), "has_supporter": self.has_supporter.currentData(),
            "in_institution": self.in_institution.isChecked(),
            "parents_away": self.parents_away.currentData(),
            "husband_works_away": self.husband_works_away.currentData(),
            "children_work_away": self.children_work_away.currentData()}
        if self.region_unknown and self.region_confirm.isChecked() and not self.region_confirm.isHidden():
            v["confirm_unknown_region"] = self.region_note.text().strip() or None
        if self.new:
            v["surveyed_on"] = pydate(self.surveyed_on.date())
            v["village_code"] = self.village.currentData() if self.level != OfficeLevel.village else None
        return v

    def has_input(self) -> bool:
        return bool(self.name.text().strip() or self.id_number.text().strip())

    def set_new(self, new: bool) -> None:
        """A new recipient: survey date and village can be chosen; later they are history."""
        self.new = new
        if new:
            self.reveal_button.hide()
        self.surveyed_on.setEnabled(new)
        self.village.setEnabled(new)
        self.left_form.setRowVisible(self.village_row, self.level != OfficeLevel.village)

    def set_villages(self, villages: list[VillageChoice], current: str | None) -> None:
        if current is None and len(villages) == 1:
            current = villages[0].code
        self.village.clear()
        self.village.addItem(self.tr("（请选择）"), None)
        for v in villages:
            self.village.addItem(f"{v.name}（{v.code}）", v.code)
        select_data(self.village, current)

    def clear_errors(self) -> None:
        """Forget the refusals of the last save (hints and the rules' verdict stay)."""
        for key, message in self.errors.items():
            if message.styleSheet() == ERROR_STYLE:
                self.set_message(key, "")


    def fill(self, f: RecipientFields) -> None:
        self.name.setText(f.name)
        if self.new:
            self.hidden_number = None
            self.id_number.setReadOnly(False)
            self.reveal_button.hide()
            self.id_number.setText(f.id_number)
        else:
            self.show_masked(f.id_number)
        self.phone.setText(f.phone or "")
        self.address.setText(f.address or "")
        show_stored(self.ethnicity, f.ethnicity)
        for code, box in self.category_boxes.items():
            box.setChecked(code in f.categories)
        self.key_monitoring.setChecked(f.key_monitoring)
        for combo, value in ((self.self_care, f.self_care), (self.work_ability, f.work_ability),
                             (self.disability_type, f.disability_type),
                             (self.disability_grade, f.disability_grade), (self.has_income, f.has_income),
                             (self.has_supporter, f.has_supporter), (self.village, f.village_code),
                             (self.parents_away, f.parents_away), (self.husband_works_away, f.husband_works_away),
                             (self.children_work_away, f.children_work_away)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.major_illness.setText(f.major_illness or "")
        self.school.setText(f.school or "")
        self.notes.setPlainText(f.notes or "")
        self.is_urban.setChecked(f.is_urban)
        self.in_institution.setChecked(f.in_institution)
        self.surveyed_on.setDate(qdate(f.surveyed_on))
        self.surveyed_by.setText(f.surveyed_by or "")
        self.region_confirm.setChecked(False)
        self.region_note.clear()
        self.confirmed_number = f.id_number if f.id_region_note else ""
        self.region_shown.setText(self.tr("地区码不在国家代码表中，已由{who}于{on}确认：{note}").format(
            who=f.id_region_confirmed_by or "", on=f.id_region_confirmed_on.isoformat() if f.id_region_confirmed_on else "",
            note=f.id_region_note) if f.id_region_note else "")
        for key in self.errors:
            self.set_message(key, "")
        self._id_changed()
        self._show_conditions()
