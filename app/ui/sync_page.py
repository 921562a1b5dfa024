"""数据交换: this office's identity and the offices it trusts, bundles out and in, and the
conflicts a merge kept for a person to decide. Everything runs through app.sync on the
background worker (keys: app.sync.trust; bundles: app.sync.exchange; conflicts:
app.sync.conflicts); the page only shows and asks.

Dialogs that ask (files, confirmations) and boxes that tell go through `ask_open_files`,
`ask_save_file`, `ask_open_file`, `confirm` and `inform`, so a test can answer them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ServiceError
from app.models.codes import counts_text, field_text
from app.ui.i18n import ui_language
from app.ui.kit import Context, Page, label, translate
from app.ui.programmes.registers_common import table_view
from app.ui.table import Column, RowsModel

BUNDLE_SUFFIX = ".guanai"
LAST_DIR = "sync/last_dir"


def _english() -> bool:
    return ui_language().startswith("en")


def _when(value: dt.datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return translate("SyncPage", "（空）")
    if isinstance(value, bool):
        return translate("SyncPage", "是") if value else translate("SyncPage", "否")
    if isinstance(value, list | tuple):
        return "、".join(label(str(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return label(str(value))


def _status_text(status: str) -> str:
    return {"current": translate("SyncPage", "本单位·在用"), "retired": translate("SyncPage", "本单位·已更换"),
            "trusted": translate("SyncPage", "已信任"), "revoked": translate("SyncPage", "已停用")}.get(status, status)


def _relation_text(relation: str | None) -> str:
    return {"self": translate("SyncPage", "本单位"), "parent": translate("SyncPage", "上级"),
            "child": translate("SyncPage", "下级")}.get(relation or "", "")


def _field_text(table: str, field: str) -> str:
    return field_text(table, field, ui_language())  # "Care recipient · Phone" in English


def _result_text(r: Any) -> str:
    if not r.accepted:
        return translate("SyncPage", "拒收")
    if r.already_imported:
        return translate("SyncPage", "已导入过，无改动")
    return translate("SyncPage", "已接收")


def _reason_text(r: Any) -> str:
    parts = []
    if r.reason:
        parts.append(r.reason_en if _english() and getattr(r, "reason_en", None) else r.reason)
    if getattr(r, "held", None):
        parts.append(translate("SyncPage", "暂缓 {n} 条记录，未写入：写明由其他单位所写（或新建）却没有该单位的签名，"
                                           "或引用的记录本单位还没有；该单位自己的数据到了会再试（如 {first}）").format(
            n=len(r.held), first=f"{r.held[0]['table']} {r.held[0]['id']}"))
    if getattr(r, "released", 0):
        parts.append(translate("SyncPage", "此前暂缓的 {n} 条记录现已导入").format(n=r.released))
    if r.gaps:
        parts.append(translate("SyncPage", "尚缺对方第 {n} 号数据包，收到后请导入；如已丢失，本单位下次发给对方的数据包"
                                           "会告诉对方，对方的下一个数据包会重新打包其中的记录").format(
            n="、".join(str(g) for g in r.gaps)))
    return "；".join(parts)


def bundle_file_name(own: str, to: str, now: dt.datetime) -> str:
    """岩寨村→岩寨镇-2026-12-07-1015.guanai: who sends to whom, in words a director reads on a
    USB stick; the time keeps a second export the same day from replacing the first file
    (each bundle carries only what the ones before it did not)."""
    def safe(name: str) -> str:
        return "".join(ch for ch in name if ch not in '\\/:*?"<>|').strip() or "关爱"

    return f"{safe(own)}→{safe(to)}-{now:%Y-%m-%d-%H%M}{BUNDLE_SUFFIX}"


class SyncPage(Page):
    title = "数据交换"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.keys: list[Any] = []
        self.identity: Any = None
        self.names: dict[str, str] = {}  # office code → name, for showing offices by name
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs)
        self.tabs.addTab(self._build_keys(), self.tr("身份与信任"))
        self.tabs.addTab(self._build_exchange(), self.tr("导出与导入"))
        self.tabs.addTab(self._build_conflicts(), self.tr("冲突"))

    # ---- building ----------------------------------------------------------------------------
    def _button(self, text: str, slot: Callable[[], None], row: QHBoxLayout) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        row.addWidget(b)
        return b

    def _build_keys(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        self.office_label = QLabel()
        self.fingerprint = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.5)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(QLabel(self.tr("本单位")), 0, 0)
        grid.addWidget(self.office_label, 0, 1)
        grid.addWidget(QLabel(self.tr("公钥指纹")), 1, 0)
        grid.addWidget(self.fingerprint, 1, 1)
        hint = QLabel(self.tr("把身份文件交给上级或下级单位后，请打电话念出这串指纹，请对方逐组核对。"))
        hint.setWordWrap(True)
        grid.addWidget(hint, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        v.addWidget(box)
        row = QHBoxLayout()
        self.export_identity_button = self._button(self.tr("导出本单位身份文件…"), self.export_identity, row)
        self.trust_button = self._button(self.tr("信任身份文件…"), self.trust, row)
        self.revoke_button = self._button(self.tr("撤销所选单位…"), self.revoke, row)
        self.rotate_button = self._button(self.tr("更换本单位密钥…"), self.rotate, row)
        row.addStretch(1)
        v.addLayout(row)
        self.keys_model = RowsModel([
            Column(self.tr("单位"), lambda r: r.office_name or ""),
            Column(self.tr("代码"), lambda r: r.office_code),
            Column(self.tr("关系"), lambda r: _relation_text(r.relation)),
            Column(self.tr("指纹"), lambda r: r.fingerprint),
            Column(self.tr("状态"), lambda r: _status_text(r.status)),
            Column(self.tr("信任时间"), lambda r: _when(r.trusted_at)),
            Column(self.tr("停用时间"), lambda r: _when(r.revoked_at))], self,
            warn=lambda r: r.status == "revoked")
        self.keys_view = table_view(self.keys_model)
        self.keys_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        v.addWidget(self.keys_view, 1)
        return w

    def _build_exchange(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("发给")))
        self.target = QComboBox()
        self.target.setMinimumContentsLength(16)
        row.addWidget(self.target, 1)
        self.export_button = self._button(self.tr("导出数据包…"), self.export_bundle, row)
        self.import_button = self._button(self.tr("导入数据包…"), self.import_bundles, row)
        v.addLayout(row)
        # Off by default: a bundle carries what was not sent before, and what the other office
        # reported missing. On: for a lost file when nothing has come back from it yet.
        self.resend = QCheckBox(self.tr("重新打包对方尚未确认的全部记录"))
        self.resend.setToolTip(self.tr(
            "平时不用勾选：数据包里是以前没有发过的记录，以及对方报告没有收到的数据包中的记录。"
            "如果发出的数据包丢失了，而对方还没有发回任何数据包，请勾选后再导出。"))
        v.addWidget(self.resend)
        # For an office that lost its data (a disk died, an old backup restored, a new laptop):
        # what this office holds of its scope goes back, also what came from it.
        self.everything = QCheckBox(self.tr("全部重发（对方数据丢失后用）"))
        self.everything.setToolTip(self.tr(
            "平时不用勾选：对方的电脑坏了、恢复了旧备份或换了新电脑，丢了数据时，勾选后导出，"
            "数据包里是本单位存有的、属于对方范围的全部记录（连同对方自己以前发来的），对方导入后就找回来了。"))
        v.addWidget(self.everything)
        self.peer_status = QLabel()  # per office: bundles sent, acknowledged, missing either way
        self.peer_status.setWordWrap(True)
        v.addWidget(self.peer_status)
        self.export_result = QLabel()
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.export_result)
        self.import_summary = QLabel()
        self.import_summary.setWordWrap(True)
        v.addWidget(self.import_summary)
        self.results_model = RowsModel([
            Column(self.tr("文件"), lambda r: Path(r.file).name),
            Column(self.tr("结果"), _result_text),
            Column(self.tr("来自"), lambda r: self.office_name(r.from_office)),
            Column(self.tr("编号"), lambda r: r.sequence if r.sequence is not None else ""),
            Column(self.tr("新增"), lambda r: r.inserted, True),
            Column(self.tr("更新"), lambda r: r.updated, True),
            Column(self.tr("未变"), lambda r: r.unchanged, True),
            Column(self.tr("冲突"), lambda r: r.conflicts, True),
            Column(self.tr("疑似重复"), lambda r: r.duplicates, True),
            Column(self.tr("说明"), _reason_text)], self, warn=lambda r: not r.accepted)
        self.results_view = table_view(self.results_model)
        self.results_view.setWordWrap(True)
        header = self.results_view.horizontalHeader()  # every header whole ("Possible duplicates") before any import
        for i in range(self.results_model.columnCount()):
            self.results_view.setColumnWidth(i, max(header.defaultSectionSize(), header.sectionSizeHint(i)))
        v.addWidget(self.results_view, 1)
        return w

    def _build_conflicts(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        row = QHBoxLayout()
        self.keep_local_button = self._button(self.tr("保留本单位的值"), lambda: self.resolve("local"), row)
        self.keep_remote_button = self._button(self.tr("采用对方的值"), lambda: self.resolve("remote"), row)
        # An ID number in a conflict shows masked until revealed here (logged: issue 15).
        self.reveal_button = self._button(self.tr("显示完整号码"), self.reveal_conflict, row)
        self.revealed: dict[str, Any] = {}  # conflict id -> its full view, once revealed
        row.addStretch(1)
        v.addLayout(row)
        self.conflicts_model = RowsModel([
            Column(self.tr("关爱对象"), lambda c: c.recipient_name or ""),
            Column(self.tr("项目"), lambda c: _field_text(c.table, c.field)),
            Column(self.tr("本单位的值"), lambda c: f"{_value_text(c.local_value)}（{self.office_name(c.local_office)}）"),
            Column(self.tr("对方的值"), lambda c: f"{_value_text(c.remote_value)}（{self.office_name(c.remote_office)}）"),
            Column(self.tr("现在显示"), lambda c: _value_text(c.shown_value)),
            Column(self.tr("原因"), self._conflict_reason)], self)
        self.conflicts_view = table_view(self.conflicts_model)
        self.conflicts_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        v.addWidget(self.conflicts_view, 1)
        return w

    def _peer_text(self, p: Any) -> str:
        text = self.tr("与{name}：已发出 {sent} 个数据包，对方确认到第 {acked} 号；已收到对方第 {received} 号。").format(
            name=self.office_name(p.office_code), sent=p.last_sent, acked=p.acknowledged, received=p.last_received)
        if p.gaps:
            text += self.tr("尚缺对方第 {n} 号。").format(n="、".join(map(str, p.gaps)))
        if p.lost_there:
            text += self.tr("对方没有收到本单位第 {n} 号，下次导出会重新打包。").format(n="、".join(map(str, p.lost_there)))
        return text

    def office_name(self, code: str | None) -> str:
        return self.names.get(code, code) if code else ""

    def _conflict_reason(self, c: Any) -> str:
        from app.sync.conflicts import REASONS

        zh, en = REASONS.get(c.reason, (c.reason, c.reason))
        return en if _english() else zh

    # ---- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        store = self.ctx.store

        def load() -> tuple[Any, list[Any], list[Any], dict[str, str], list[Any]]:
            from app.care.offices import office_names
            from app.sync.conflicts import list_conflicts
            from app.sync.exchange import peer_states
            from app.sync.trust import list_keys, own_identity

            return (store.read(own_identity), store.read(list_keys), store.read(list_conflicts),
                    store.read(office_names), store.read(peer_states))

        self.ctx.background.run(load, on_done=self._show, on_error=self._failed, parent=self)

    def _show(self, loaded: tuple[Any, list[Any], list[Any], dict[str, str], list[Any]]) -> None:
        self.identity, self.keys, conflicts, self.names, peers = loaded
        self.peer_status.setText("\n".join(self._peer_text(p) for p in peers))
        ident = self.identity
        self.office_label.setText(f"{ident.name}（{ident.code}，{label(ident.level)}）")
        self.fingerprint.setText(ident.fingerprint)
        self.keys_model.set_rows(self.keys)
        self.keys_view.resizeColumnsToContents()
        current = self.target.currentData()
        self.target.clear()
        for k in self.keys:
            if k.status == "trusted" and k.relation in ("parent", "child"):
                self.target.addItem(f"{_relation_text(k.relation)} · {k.office_name or ''}（{k.office_code}）",
                                    k.office_code)
        if current is not None and self.target.findData(current) >= 0:
            self.target.setCurrentIndex(self.target.findData(current))
        self.conflicts_model.set_rows([self.revealed.get(c.id) or c.masked() for c in conflicts])
        self.conflicts_view.resizeColumnsToContents()
        n = len(conflicts)
        self.tabs.setTabText(2, self.tr("冲突（{n}）").format(n=n) if n else self.tr("冲突"))
        self._enable()

    def _enable(self) -> None:
        key = self.selected_key()
        self.revoke_button.setEnabled(key is not None and key.relation != "self" and key.status == "trusted")
        self.export_button.setEnabled(self.target.count() > 0)
        self.resend.setEnabled(self.target.count() > 0)
        self.everything.setEnabled(self.target.count() > 0)
        chosen = self.selected_conflict()
        has_conflict = chosen is not None
        self.keep_local_button.setEnabled(has_conflict)
        self.keep_remote_button.setEnabled(has_conflict)
        self.reveal_button.setEnabled(has_conflict and chosen.involves_id_number and chosen.id not in self.revealed)

    def selected_key(self) -> Any:
        rows = self.keys_view.selectionModel().selectedRows()
        return self.keys_model.row_at(rows[0].row()) if rows else None

    def selected_conflict(self) -> Any:
        rows = self.conflicts_view.selectionModel().selectedRows()
        return self.conflicts_model.row_at(rows[0].row()) if rows else None

    # ---- asking and telling (tests answer these) -------------------------------------------------
    def _last_dir(self) -> str:
        return str(QSettings("guanai", "guanai").value(LAST_DIR, str(Path.home())))

    def _remember(self, path: str) -> None:
        QSettings("guanai", "guanai").setValue(LAST_DIR, str(Path(path).parent))

    def ask_open_files(self) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择要导入的数据包"), self._last_dir(),
                                                self.tr("关爱数据包 (*.guanai);;所有文件 (*)"))
        return files

    def ask_open_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择对方的身份文件"), self._last_dir(),
                                              self.tr("身份文件 (*.json);;所有文件 (*)"))
        return path

    def ask_save_file(self, title: str, suggested: str, filter_text: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(self._last_dir()) / suggested), filter_text)
        return path

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str, *, warning: bool = False) -> None:
        (QMessageBox.warning if warning else QMessageBox.information)(self, title, text)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ServiceError):
            self.inform(self.tr("无法完成"), error.message(ui_language()), warning=True)
        else:
            from app.ui.background import show_error

            show_error(self, error)

    def _write(self, job: Callable[[], Any], done: Callable[[Any], None], text: str) -> None:
        def finished(result: Any) -> None:
            done(result)
            self.ctx.hub.changed.emit()

        self.ctx.background.run(job, on_done=finished, on_error=self._failed, parent=self, label=text)

    # ---- keys ------------------------------------------------------------------------------------
    def export_identity(self) -> None:
        if self.identity is None:
            return
        path = self.ask_save_file(self.tr("导出本单位身份文件"), f"{self.identity.code}-身份.json",
                                  self.tr("身份文件 (*.json)"))
        if not path:
            return
        self._remember(path)
        store = self.ctx.store

        def job() -> Any:
            from app.sync.trust import export_identity

            return store.read(export_identity, Path(path))

        def done(ident: Any) -> None:
            self.inform(self.tr("已导出"), self.tr(
                "已导出身份文件：{path}\n\n指纹：{fp}\n\n文件里只有公钥，可以用U盘或微信发给对方；"
                "发出后请打电话念出指纹，请对方核对。").format(path=path, fp=ident.fingerprint))

        self.ctx.background.run(job, on_done=done, on_error=self._failed, parent=self,
                                label=self.tr("正在导出……"))

    def trust(self) -> None:
        """Read the identity file, show its office and fingerprint to compare by phone, and
        only then trust it: a fingerprint read after trusting is a check nobody makes."""
        path = self.ask_open_file()
        if not path:
            return
        self._remember(path)
        store = self.ctx.store

        def read() -> Any:
            from app.sync.trust import identity_file

            return identity_file(Path(path))

        def compare(ident: Any) -> None:
            if not self.confirm(self.tr("核对指纹后再信任"), self.tr(
                    "身份文件：{name}（{code}）\n\n指纹：{fp}\n\n"
                    "请现在打电话，请对方念出其指纹，逐组核对。\n全部一致才点“是”信任；"
                    "有任何一组不同，请点“否”，并向对方核实。").format(
                        name=ident.name, code=ident.code, fp=ident.fingerprint)):
                return
            from app.sync.trust import trust_identity

            self._write(lambda: store.write(trust_identity, ident), done, self.tr("正在信任……"))

        def done(result: Any) -> None:
            ident = result.identity
            relation = _relation_text(result.relation)
            head = (self.tr("{relation}单位 {name}（{code}）已信任过，没有变化。") if result.already_trusted
                    else self.tr("已信任{relation}单位 {name}（{code}）。"))
            self.inform(self.tr("信任单位"), head.format(relation=relation, name=ident.name, code=ident.code)
                        + "\n\n" + self.tr("指纹：{fp}").format(fp=ident.fingerprint))

        self.ctx.background.run(read, on_done=compare, on_error=self._failed, parent=self)

    def revoke(self) -> None:
        key = self.selected_key()
        if key is None or key.relation == "self":
            return
        if not self.confirm(self.tr("撤销信任"), self.tr(
                "撤销对 {name}（{code}）密钥的信任？\n指纹：{fp}\n\n此后它签发的数据包将被拒收，之前签发的仍然有效。"
                "只有在对方密钥丢失、泄露或电话核对指纹不一致时才需要撤销。").format(
                    name=key.office_name or "", code=key.office_code, fp=key.fingerprint)):
            return
        store, code = self.ctx.store, key.office_code

        def job() -> Any:
            from app.sync.trust import revoke_office

            return store.write(revoke_office, code)

        self._write(job, lambda _r: None, self.tr("正在撤销……"))

    def rotate(self) -> None:
        if not self.confirm(self.tr("更换本单位密钥"), self.tr(
                "生成新的密钥？旧密钥仍保留，用于打开以前的数据包；以后导出的数据包会附带用旧密钥签名的更换通知，"
                "上下级单位导入后自动信任新密钥。\n\n只有在电脑可能泄露或按规定定期更换时才需要。")):
            return
        store = self.ctx.store

        def job() -> Any:
            from app.sync.trust import rotate_keys

            return store.write(rotate_keys)

        def done(result: Any) -> None:
            text = self.tr("新指纹：{fp}").format(fp=result.new_fingerprint)
            if not result.announced:
                text += "\n\n" + self.tr("旧私钥不在本机，无法签发更换通知：请导出新的身份文件，请上下级单位撤销旧密钥、"
                                         "电话核对指纹后信任新文件。")
            self.inform(self.tr("已更换密钥"), text)

        self._write(job, done, self.tr("正在生成密钥……"))

    # ---- bundles -----------------------------------------------------------------------------------
    def office_name_of(self, code: str) -> str:
        return next((k.office_name for k in self.keys if k.office_code == code and k.office_name), code)

    def export_bundle(self) -> None:
        to = self.target.currentData()
        if to is None or self.identity is None:
            return
        suggested = bundle_file_name(self.identity.name, self.office_name_of(to), dt.datetime.now())
        path = self.ask_save_file(self.tr("导出数据包"), suggested, self.tr("关爱数据包 (*.guanai)"))
        if not path:
            return
        if not path.endswith(BUNDLE_SUFFIX):
            path += BUNDLE_SUFFIX
        self._remember(path)
        store = self.ctx.store
        resend, everything = self.resend.isChecked(), self.everything.isChecked()

        def job() -> Any:
            from app.care.intake import clean_leftovers
            from app.sync.exchange import export_bundle

            clean_leftovers(Path(path).parent)  # a killed export's temporary file (.bundle-*)
            return store.batch(export_bundle, to_office=to, out=Path(path), resend=resend, everything=everything)

        def done(r: Any) -> None:
            counts = counts_text(r.counts, ui_language())  # in words: a director does not know table names
            if r.empty:
                text = self.tr("已导出第 {seq} 号数据包：没有新的记录（以前的记录都已在之前的数据包中发出），"
                               "包里只有确认信息，仍请发给对方。")
            else:
                text = self.tr("已导出第 {seq} 号数据包：{counts}。")
            text = text.format(seq=r.sequence, counts=counts)
            if r.unrecoverable:
                text += self.tr("注意：对方没有收到第 {n} 号数据包。它是恢复备份之前发出的，其中的记录不在现在的数据库里，"
                                "只在恢复时保存的旧数据库副本（文件名含 before-restore）中：请找到那个数据包文件再交给对方，"
                                "或请技术支持从旧副本中取回。").format(n="、".join(str(n) for n in r.unrecoverable))
            if r.repacked:
                text += self.tr("对方没有收到第 {n} 号数据包，其中的记录已重新打包。").format(
                    n="、".join(str(n) for n in r.repacked))
            elif r.everything:
                text += self.tr("已打包对方范围内本单位存有的全部记录（连同对方自己发来的），供对方找回丢失的数据。")
            elif r.resend:
                text += self.tr("已重新打包对方尚未确认的全部记录。")
            self.export_result.setText(text + "\n" + str(r.path))
            self.resend.setChecked(False)  # one-offs: the next export is the usual one
            self.everything.setChecked(False)

        self._write(job, done, self.tr("正在导出数据包……"))

    def import_bundles(self) -> None:
        files = self.ask_open_files()
        if not files:
            return
        self._remember(files[0])
        store = self.ctx.store

        def job() -> Any:
            from app.sync.exchange import import_bundles

            return store.batch(import_bundles, [Path(f) for f in files])

        def done(results: list[Any]) -> None:
            self.results_model.set_rows(results)
            self.results_view.resizeColumnsToContents()
            self.results_view.resizeRowsToContents()
            ok = sum(1 for r in results if r.accepted)
            refused = len(results) - ok
            conflicts = sum(r.conflicts for r in results)
            text = self.tr("共 {n} 个文件：接收 {ok} 个，拒收 {bad} 个。").format(n=len(results), ok=ok, bad=refused)
            if conflicts:
                text += self.tr("新出现 {c} 处冲突，请到“冲突”页决定。").format(c=conflicts)
            held = sum(len(r.held) for r in results if r.accepted)
            if held:
                text += self.tr("暂缓 {h} 条无法证实由谁所写的记录（见“说明”一栏），未写入。").format(h=held)
            self.import_summary.setText(text)
            self.import_summary.setStyleSheet("color: #b00020" if refused else "")

        self._write(job, done, self.tr("正在检查并导入数据包……"))

    # ---- conflicts -----------------------------------------------------------------------------------
    def reveal_conflict(self) -> None:
        c = self.selected_conflict()
        if c is None or not c.involves_id_number:
            return
        store, cid = self.ctx.store, c.id

        def job() -> Any:
            from app.sync.conflicts import reveal_conflict

            return store.write(reveal_conflict, cid)

        def shown(full: Any) -> None:
            self.revealed[full.id] = full
            rows = [self.revealed.get(r.id, r) for r in self.conflicts_model.rows]
            self.conflicts_model.set_rows(rows)
            self.conflicts_view.resizeColumnsToContents()
            self._enable()

        self.ctx.background.run(job, on_done=shown, on_error=self._failed, parent=self)

    def resolve(self, keep: str) -> None:
        c = self.selected_conflict()
        if c is None:
            return
        store, cid = self.ctx.store, c.id

        def job() -> Any:
            from app.sync.conflicts import resolve_conflict

            return store.write(resolve_conflict, cid, keep=keep)

        self._write(job, lambda _r: None, self.tr("正在保存……"))
