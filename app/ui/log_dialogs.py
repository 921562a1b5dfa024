"""Dialogs that log care work: a phone follow-up, a home visit with photos, a micro-wish
through its stages, material aid. One door for every screen:

    open_log_dialog(ctx, parent, kind, recipient_id=None, recipient_text="") -> bool

Keyboard first: opened for a recipient, the cursor waits in the first thing to type (a
call's summary), the date is today, the recorder this office's operator, Enter saves, Esc
cancels. So a reached call is: Enter on the task, type the summary, Enter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.care import followups, workbench_views
from app.care.errors import ValidationError
from app.care.workbench_views import LogSetup, WishView
from app.models.codes import CareKind, WishStage
from app.ui.kit import (
    Context,
    FormDialog,
    date_edit,
    label,
    line,
    parse_yuan,
    pydate,
    translate,
)
from app.ui.picker import RecipientPicker, describe

THUMB = 96
PHOTO_TYPES = ("png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff")
INFO_STYLE = "color: #555555"


def alive(widget: QWidget) -> bool:
    """A background result may arrive after its dialog is gone."""
    return shiboken6.isValid(widget)


T = TypeVar("T")


def if_alive(widget: QWidget, fn: Callable[[T], object]) -> Callable[[T], None]:
    """`fn` as a background job's callback, called only if `widget` is still there."""
    def call(value: T) -> None:
        if alive(widget):
            fn(value)
    return call


def big_radio(text: str) -> QRadioButton:
    button = QRadioButton(text)
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    button.setFont(font)
    button.setStyleSheet("QRadioButton { padding: 6px 18px 6px 4px; }"
                         "QRadioButton::indicator { width: 20px; height: 20px; }")
    return button


class LogDialog(FormDialog):
    """The common rows: recipient, where they stand, date, and (last) the recorder.
    Subclasses add their rows in `build()`, name the first field to type in `first()`, and
    give the service call in `write()`."""

    kind = ""

    def __init__(self, ctx: Context, parent: QWidget | None, recipient_id: str | None = None,
                 recipient_text: str = "") -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.heading())
        self.setMinimumWidth(560)
        self.setup: LogSetup | None = None
        self.picker = RecipientPicker(ctx)
        self._pending_text = not recipient_text
        if recipient_id:
            self.picker.set_recipient(recipient_id, recipient_text or self.tr("正在读取……"))
        self.add_row("recipient", self.tr("关爱对象"), self.picker)
        self.fields["id"] = self.picker  # get_recipient names the field "id"
        self.info = QLabel()  # not word-wrapped: a wrapped label would not grow the dialog
        self.info.setStyleSheet(INFO_STYLE)
        self.form.addRow("", self.info)
        self.form.setRowVisible(self.info, False)
        self.date = date_edit()
        self.add_row("date", self.tr("日期"), self.date)
        self.build()
        self.recorder = line(self.tr("默认为本单位操作员"))
        self.add_row("recorder", self.tr("记录人"), self.recorder)
        self.picker.picked.connect(self.load)
        self.load(recipient_id)
        (self.first() if recipient_id else self.picker).setFocus()

    # ---- for subclasses --------------------------------------------------------------------
    def heading(self) -> str:
        raise NotImplementedError

    def build(self) -> None:
        raise NotImplementedError

    def first(self) -> QWidget:
        raise NotImplementedError

    def write(self, recipient_id: str, on: dt.date, recorder: str) -> Callable[[], Any]:
        raise NotImplementedError

    def loaded(self, setup: LogSetup) -> None:
        """Called when the recipient's facts have arrived."""

    # ---- common ----------------------------------------------------------------------------
    def load(self, recipient_id: str | None) -> None:
        kind = self.kind
        self.ctx.background.run(lambda: self.ctx.store.read(workbench_views.log_setup, recipient_id, kind),
                                on_done=if_alive(self, self._loaded),
                                on_error=if_alive(self, lambda error: self.info.setText(str(error))))

    def _loaded(self, setup: LogSetup) -> None:
        self.setup = setup
        if not self.recorder.text():
            self.recorder.setText(setup.operator)
        r = setup.recipient
        if r is not None and self._pending_text and self.picker.recipient_id == r.id:
            self.picker.set_recipient(r.id, describe(r))
            self._pending_text = False
        text = self.standing_text(setup)
        self.info.setText(text)
        self.form.setRowVisible(self.info, bool(text))
        self.loaded(setup)
        self._grow_to_fit()  # after the subclass's own rows are filled (a wish's state, its stages)

    def _grow_to_fit(self) -> None:
        """Text read after the dialog opened (the period's standing) may be wider than the
        dialog at a large text size: grow to show it whole, within the screen."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = layout.sizeHint().width()
        screen = self.screen()
        room = screen.availableGeometry().width() - 40 if screen is not None else wanted
        if wanted > self.width():
            self.resize(min(wanted, room), self.height())

    def standing_text(self, setup: LogSetup) -> str:
        r, s = setup.recipient, setup.standing
        if r is None:
            return ""
        first = self.tr("{village}，{status}").format(village=setup.village_name or r.village_code,
                                                     status=label(r.status))
        if r.key_monitoring:
            first = self.tr("{line}，重点监护对象").format(line=first)
        parts = []
        if s is None:
            parts.append(self.tr("目前没有应完成的{kind}").format(kind=label(self.kind)))
        elif s.due is not None and s.period_start is not None:
            text = self.tr("本期（{start} 至 {end}）已完成") if s.done else \
                self.tr("本期（{start} 至 {end}）尚未完成")
            parts.append(text.format(start=s.period_start.isoformat(), end=s.due.isoformat()))
        if s is not None and s.overdue:
            parts.append(self.tr("此前逾期 {n} 期").format(n=s.overdue))
        return first + "\n" + "；".join(parts)

    def reject(self) -> None:
        """Esc closes the dialog, except while a save is under way (it would be kept anyway)."""
        if self.save_button.isEnabled():
            super().reject()

    def recipient(self) -> str:
        if not self.picker.recipient_id:
            raise ValidationError(self.tr("关爱对象：请输入姓名、拼音首字母或身份证号后几位，并从列表中选择一位。"),
                                  field="recipient")
        return self.picker.recipient_id

    def job(self) -> Callable[[], Any]:
        return self.write(self.recipient(), pydate(self.date.date()), self.recorder.text())

    def yuan(self, box: QLineEdit) -> int | None:
        """Money typed in yuan, in fen; a clear refusal naming the field otherwise."""
        try:
            return parse_yuan(box.text())
        except ValueError:
            raise ValidationError(self.tr("价值（元）：“{text}”不是有效的金额，请填写数字，最多两位小数，如 120.50。")
                                  .format(text=box.text().strip()), field="value") from None


class FollowUpRows:
    """The follow-up of a call or a visit (issue 14, point 9): ticking 需要跟进 shows who deals
    with the problem and by when; with a person named, the problem becomes a follow-up item
    listed with the tasks until it is closed."""

    def __init__(self, dialog: FormDialog) -> None:
        self.box = QCheckBox(translate("LogDialog", "需要跟进处理(&G)"))
        dialog.add_row("needs_action", "", self.box)
        self.person = line(translate("LogDialog", "谁负责处置；填了就列入待办，直到处置完毕"))
        self.due = date_edit(dt.date.today() + dt.timedelta(days=followups.DEFAULT_DAYS), allow_future=True)
        self.person_row = dialog.add_row("person", translate("LogDialog", "跟进人"), self.person)
        self.due_row = dialog.add_row("due", translate("LogDialog", "处置期限"), self.due)
        self.form = dialog.form
        self.box.toggled.connect(self.show)
        self.show(False)

    def show(self, on: bool) -> None:
        for row in (self.person_row, self.due_row):
            self.form.setRowVisible(row, on)

    def isChecked(self) -> bool:  # noqa: N802 (read as the checkbox it replaces)
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:  # noqa: N802
        self.box.setChecked(on)

    def asked(self) -> workbench_views.FollowUpAsked | None:
        person = self.person.text().strip()
        if not self.box.isChecked() or not person:
            return None
        return workbench_views.FollowUpAsked(person, pydate(self.due.date()))


def text_row(dialog: FormDialog, field: str, text: str, placeholder: str = "") -> QLineEdit:
    """A one-line text field in the dialog's form (Enter in it saves)."""
    box = line(placeholder)
    dialog.add_row(field, text, box)
    return box


NOTHING_TO_NOTE = "（通话正常，没有要记的）"


class CallDialog(LogDialog):
    kind = CareKind.phone_followup.value
    summary: QLineEdit  # built after the radio buttons whose click focuses it

    def heading(self) -> str:
        return self.tr("记录电话随访")

    def build(self) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.reached_yes = big_radio(self.tr("接通(&Y)"))
        self.reached_no = big_radio(self.tr("未接通(&N)"))
        self.reached = QButtonGroup(self)
        self.reached.addButton(self.reached_yes)
        self.reached.addButton(self.reached_no)
        self.reached_yes.setChecked(True)
        row.addWidget(self.reached_yes)
        row.addWidget(self.reached_no)
        row.addStretch(1)
        self.add_row("reached", self.tr("是否接通"), box)
        # Alt+Y / Alt+N (or a click) answers and the cursor is back in the notes to type on
        # (a mnemonic leaves the focus on the radio button, where typing does nothing).
        self.reached.buttonClicked.connect(lambda _b: self.summary.setFocus(Qt.FocusReason.ShortcutFocusReason))
        # The numbers to dial: the person's, the guardians', the parents' with where they work.
        self.numbers = QLabel()
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.numbers_row = self.add_row(None, self.tr("可拨打"), self.numbers)
        self.form.setRowVisible(self.numbers, False)
        self.summary = text_row(self, "note", self.tr("通话内容"), self.tr("说了什么，对方近况如何"))
        # A reached call is evidence (痕迹留存): a few words, or saying there is nothing to note.
        self.nothing_to_note = QCheckBox(self.tr("没有要记的（如只是问候）"))
        self.add_row("nothing_to_note", "", self.nothing_to_note)
        self.problems = text_row(self, "problems", self.tr("发现的问题"), self.tr("没有可不填"))
        self.needs_action = FollowUpRows(self)

    def first(self) -> QWidget:
        return self.summary

    def loaded(self, setup: LogSetup) -> None:
        lines = [self.tr("{who} {name}：{phone}").format(who=c.who, name=c.name, phone=c.phone)
                 + (self.tr("（在{place}务工）").format(place=c.work_place) if c.work_place else "")
                 for c in setup.contacts]
        self.numbers.setText("\n".join(lines) if lines else self.tr("没有登记电话号码"))
        self.form.setRowVisible(self.numbers, setup.recipient is not None)
        self._grow_to_fit()

    def write(self, recipient_id: str, on: dt.date, recorder: str) -> Callable[[], Any]:
        reached, note, problems = self.reached_yes.isChecked(), self.summary.text(), self.problems.text()
        if reached and not note.strip():
            if not self.nothing_to_note.isChecked():
                raise ValidationError(self.tr("通话内容：接通的电话请写几句说了什么（痕迹留存）；"
                                              "确实没有要记的，请勾选“没有要记的”。"), field="note")
            note = NOTHING_TO_NOTE  # stored in the register's language, whatever the screen's
        needs, asked = self.needs_action.isChecked(), self.needs_action.asked()
        return lambda: self.ctx.store.write(workbench_views.log_call, recipient_id, recorder=recorder, reached=reached,
                                            on=on, note=note, problems=problems, needs_action=needs, follow_up=asked)


class PhotoList(QListWidget):
    """Thumbnails of the photos chosen for a visit; Delete removes the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 24, THUMB + 36))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setMinimumHeight(THUMB + 48)
        self.setAcceptDrops(False)  # drops go to the dialog
        self.paths: list[Path] = []
        QShortcut(QKeySequence.StandardKey.Delete, self, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def add(self, path: Path, image: QImage) -> None:
        item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), path.name)
        item.setToolTip(str(path))
        self.addItem(item)
        self.paths.append(path)

    def remove_selected(self) -> None:
        for item in self.selectedItems():
            row = self.row(item)
            self.takeItem(row)
            del self.paths[row]


def read_thumbnail(path: Path) -> QImage:
    """On the worker: a small image of the photo (QImage, unlike QPixmap, may be made off
    the UI thread); a null image if the file is no picture."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class VisitDialog(LogDialog):
    kind = CareKind.home_visit.value

    def heading(self) -> str:
        return self.tr("记录实地走访")

    def build(self) -> None:
        self.setAcceptDrops(True)
        self.visitors = text_row(self, "visitors", self.tr("走访人"), self.tr("谁去的，多人用顿号隔开"))
        self.findings = text_row(self, "findings", self.tr("看到的情况"), self.tr("家里情况、身体、吃住、安全"))
        self.problems = text_row(self, "problems", self.tr("发现的问题"), self.tr("没有可不填"))
        self.note = text_row(self, "note", self.tr("备注"), self.tr("没有可不填"))
        self.needs_action = FollowUpRows(self)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.photos = PhotoList()
        column.addWidget(self.photos)
        buttons = QHBoxLayout()
        self.add_photo_button = QPushButton(self.tr("添加照片(&P)…"))
        self.remove_photo_button = QPushButton(self.tr("移除选中照片"))
        for b in (self.add_photo_button, self.remove_photo_button):
            b.setAutoDefault(False)  # Enter still saves
            buttons.addWidget(b)
        hint = QLabel(self.tr("也可以把照片拖到这里"))
        hint.setStyleSheet(INFO_STYLE)
        buttons.addWidget(hint, 1)
        column.addLayout(buttons)
        self.add_photo_button.clicked.connect(self.choose_photos)
        self.remove_photo_button.clicked.connect(self.photos.remove_selected)
        self.add_row("file", self.tr("照片"), box)

    def first(self) -> QWidget:
        return self.findings

    def loaded(self, setup: LogSetup) -> None:
        if not self.visitors.text():
            self.visitors.setText(setup.operator)

    def choose_photos(self) -> None:
        pattern = " ".join(f"*.{t} *.{t.upper()}" for t in PHOTO_TYPES)
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择走访照片"), "",
                                                self.tr("图片 ({pattern})").format(pattern=pattern))
        self.add_photos([Path(f) for f in files])

    def add_photos(self, paths: list[Path]) -> None:
        """Read thumbnails on the worker (a phone photo takes a while to decode)."""
        new = [p for p in paths if p not in self.photos.paths]
        if not new:
            return
        self.ctx.background.run(lambda: [(p, read_thumbnail(p)) for p in new],
                                on_done=if_alive(self, self._thumbnails), parent=self,
                                label=self.tr("正在读取照片……"))

    def _thumbnails(self, found: list[tuple[Path, QImage]]) -> None:
        bad = []
        for path, image in found:
            if image.isNull():
                bad.append(path.name)
            elif path not in self.photos.paths:
                self.photos.add(path, image)
        self.show_problem(self.tr("照片：{names} 不是能打开的图片，请选择 JPG 或 PNG 照片。").format(
            names="、".join(bad)) if bad else "", "file" if bad else None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_photos(paths)

    def write(self, recipient_id: str, on: dt.date, recorder: str) -> Callable[[], Any]:
        visitors, findings, note = self.visitors.text(), self.findings.text(), self.note.text()
        problems, needs_action = self.problems.text(), self.needs_action.isChecked()
        photos, follow_up = list(self.photos.paths), self.needs_action.asked()
        store = self.ctx.store
        return lambda: store.write(workbench_views.log_visit, recipient_id, store=store.attachment_dir(),
                                   recorder=recorder, on=on, visitors=visitors, findings=findings,
                                   note=note, problems=problems, needs_action=needs_action,
                                   photos=photos, follow_up=follow_up)


class AidDialog(LogDialog):
    kind = CareKind.material_aid.value

    def heading(self) -> str:
        return self.tr("记录物资帮扶")

    def build(self) -> None:
        self.items = text_row(self, "items", self.tr("物资"), self.tr("送了什么，如 大米50斤、棉被1床"))
        self.value = text_row(self, "value", self.tr("价值（元）"), self.tr("如 120.50，不清楚可不填"))
        self.donor = text_row(self, "donor", self.tr("提供者"), self.tr("哪个单位或个人提供的"))
        self.note = text_row(self, "note", self.tr("备注"), self.tr("没有可不填"))

    def first(self) -> QWidget:
        return self.items

    def write(self, recipient_id: str, on: dt.date, recorder: str) -> Callable[[], Any]:
        value = self.yuan(self.value)
        items, donor, note = self.items.text(), self.donor.text(), self.note.text()
        return lambda: self.ctx.store.write(workbench_views.log_aid, recipient_id, recorder=recorder, items=items,
                                            value_fen=value, donor=donor, on=on, note=note)


class WishDialog(LogDialog):
    """The recipient's micro-wish, one stage at a time: with no open wish, collect one (or
    collect and fulfil at once); a collected wish is claimed or fulfilled; a claimed one
    fulfilled. The dialog shows where the open wish stands and offers the next stage."""

    kind = CareKind.micro_wish.value

    def heading(self) -> str:
        return self.tr("微心愿")

    def build(self) -> None:
        self.wish_state = QLabel()
        self.form.addRow(self.tr("当前心愿"), self.wish_state)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.stages = QButtonGroup(self)
        self.stage_buttons: dict[str, QRadioButton] = {}
        for stage, text in ((WishStage.collected.value, self.tr("征集新心愿(&1)")),
                            (WishStage.claimed.value, self.tr("认领(&2)")),
                            (WishStage.fulfilled.value, self.tr("实现(&3)"))):
            button = big_radio(text)
            self.stages.addButton(button)
            self.stage_buttons[stage] = button
            row.addWidget(button)
            button.toggled.connect(self._stage_changed)
        row.addStretch(1)
        self.add_row("stage", self.tr("这次记录"), box)
        self.stages.buttonClicked.connect(lambda _b: self.first().setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.description = text_row(self, "note", self.tr("心愿内容"))
        self.by = text_row(self, "by", self.tr("认领人"), self.tr("认领心愿的单位或个人"))
        self.value = text_row(self, "value", self.tr("价值（元）"), self.tr("如 80.00，不清楚可不填"))
        self.offer(None)

    def first(self) -> QWidget:
        return self.by if self.stage() == WishStage.claimed else self.description

    def stage(self) -> str:
        return next((s for s, b in self.stage_buttons.items() if b.isChecked()), WishStage.collected.value)

    def loaded(self, setup: LogSetup) -> None:
        focused = self.focusWidget() in (self.description, self.by)
        self.offer(setup.wish)
        if focused:
            self.first().setFocus()

    def offer(self, wish: WishView | None) -> None:
        """Enable the stages that may follow and choose the next one."""
        allowed: tuple[str, ...]
        if wish is None:
            self.wish_state.setText(self.tr("没有未实现的心愿"))
            allowed, nxt = (WishStage.collected.value, WishStage.fulfilled.value), WishStage.collected.value
        elif wish.stage == WishStage.collected:
            self.wish_state.setText(self.tr("{wish}\n{collected} 征集，等待认领").format(
                wish=wish.description, collected=wish.collected_on.isoformat()))
            allowed, nxt = (WishStage.claimed.value, WishStage.fulfilled.value), WishStage.claimed.value
        else:
            self.wish_state.setText(self.tr("{wish}\n{collected} 征集，{claimed} 由 {by} 认领，等待实现").format(
                wish=wish.description, collected=wish.collected_on.isoformat(),
                claimed=wish.claimed_on.isoformat() if wish.claimed_on else "", by=wish.claimed_by or ""))
            allowed, nxt = (WishStage.fulfilled.value,), WishStage.fulfilled.value
        for stage, button in self.stage_buttons.items():
            button.setEnabled(stage in allowed)
        self.stage_buttons[nxt].setChecked(True)
        self._stage_changed()

    def _stage_changed(self, *_: Any) -> None:
        stage = self.stage()
        wish = self.setup.wish if self.setup else None
        describe_label = self.form.labelForField(self.description)
        assert isinstance(describe_label, QLabel)  # add_row's text became a QLabel
        if stage == WishStage.collected or (stage == WishStage.fulfilled and wish is None):
            describe_label.setText(self.tr("心愿内容"))
            self.description.setPlaceholderText(self.tr("想要什么，如 一个新书包"))
        else:
            describe_label.setText(self.tr("实现情况"))
            self.description.setPlaceholderText(self.tr("送了什么，与心愿相同可不填"))
        self.form.setRowVisible(self.description, stage != WishStage.claimed)
        claimed = wish is not None and wish.stage == WishStage.claimed
        self.form.setRowVisible(self.by, stage == WishStage.claimed or (stage == WishStage.fulfilled and not claimed))
        self.form.setRowVisible(self.value, stage == WishStage.fulfilled)
        self.by.setPlaceholderText(self.tr("认领心愿的单位或个人") if stage == WishStage.claimed
                                   else self.tr("认领人，已认领或本人实现可不填"))

    def write(self, recipient_id: str, on: dt.date, recorder: str) -> Callable[[], Any]:
        stage = self.stage()
        value = self.yuan(self.value) if stage == WishStage.fulfilled else None
        description = self.description.text() if stage != WishStage.claimed else None
        by = self.by.text() if self.form.isRowVisible(self.by) else None
        return lambda: self.ctx.store.write(workbench_views.move_wish, recipient_id, stage=stage, recorder=recorder,
                                            on=on, description=description, by=by, value_fen=value)


DIALOGS: dict[str, type[LogDialog]] = {
    CareKind.phone_followup.value: CallDialog,
    CareKind.home_visit.value: VisitDialog,
    CareKind.micro_wish.value: WishDialog,
    CareKind.material_aid.value: AidDialog,
}


def log_dialog(ctx: Context, parent: QWidget | None, kind: str, recipient_id: str | None = None,
               recipient_text: str = "") -> LogDialog | None:
    """The dialog for a kind of care work, not yet shown (None for a kind with no dialog)."""
    cls = DIALOGS.get(kind)
    return cls(ctx, parent, recipient_id, recipient_text) if cls else None


def open_log_dialog(ctx: Context, parent: QWidget, kind: str, recipient_id: str | None = None,
                    recipient_text: str = "") -> bool:
    """Log one piece of care work for a recipient (prefilled, or chosen in the dialog);
    modal; True if it was saved."""
    dialog = log_dialog(ctx, parent, kind, recipient_id, recipient_text)
    if dialog is None:
        QMessageBox.information(parent, translate("LogDialog", "无法记录"),
                                translate("LogDialog", "“{kind}”这项工作还不能在这里记录。").format(kind=label(kind)))
        return False
    try:
        return dialog.exec() == FormDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
