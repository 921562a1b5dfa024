"""The 数据交换 page driven as a person would, offscreen: trust a village's identity file,
import its bundles (one good, one not a bundle), decide a conflict, export a bundle back
down, revoke the village; each step is checked in the databases. File dialogs, questions
and message boxes are answered through the page's ask/confirm/inform methods."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget
from sqlalchemy import select

from app.care.context import actor_for
from app.care.recipients import edit_recipient
from app.models import OfficeKey, Recipient, SyncBundle
from app.sync import exchange
from app.sync.conflicts import list_conflicts
from app.sync.keys import own_fingerprint
from app.sync.trust import export_identity, read_identity, trust_file
from app.ui.background import Background
from app.ui.kit import Context
from app.ui.store import Store
from app.ui.sync_page import SyncPage
from tests.helpers import ui_context
from tests.sync_offices import TOWNSHIP, VILLAGE, Office, make_office, register

WAIT = 20_000


class Answers:
    """What the person answers to the page's dialogs, and what the page told them."""

    def __init__(self, page: SyncPage) -> None:
        self.open_file = ""
        self.open_files: list[str] = []
        self.save_file = ""
        self.yes = True
        self.told: list[tuple[str, str, bool]] = []
        page.ask_open_file = lambda: self.open_file  # type: ignore[method-assign]
        page.ask_open_files = lambda: self.open_files  # type: ignore[method-assign]
        page.ask_save_file = lambda *_a: self.save_file  # type: ignore[method-assign]
        page.confirm = lambda *_a: self.yes  # type: ignore[method-assign]
        page.inform = lambda title, text, warning=False: self.told.append((title, text, warning))  # type: ignore[method-assign]


def idle(qtbot: Any, ctx: Context) -> None:
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)


def click(qtbot: Any, ctx: Context, widget: QWidget) -> None:
    assert widget.isEnabled() and widget.isVisible()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)


def click_row(qtbot: Any, view: QAbstractItemView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def keys_of(office: Office, code: str) -> list[OfficeKey]:
    with office.session() as s:
        rows = list(s.scalars(select(OfficeKey).where(OfficeKey.office_code == code)))
        for r in rows:
            s.expunge(r)
        return rows


@pytest.fixture
def setup(tmp_path: Path, qtbot: Any, background: Background) -> tuple[SyncPage, Answers, Office, Office, Context]:
    township = make_office(tmp_path, TOWNSHIP, "岩寨镇")
    village = make_office(tmp_path, VILLAGE, "岩寨村")
    for office in (township, village):
        with office.session() as s, s.begin():
            export_identity(s, tmp_path / f"{office.code}.json")
    with village.session() as s, s.begin():  # the village's side of the trust, done there
        trust_file(s, actor_for(s), tmp_path / f"{TOWNSHIP}.json")
    ctx = ui_context(Store(township.engine), background)
    page = SyncPage(ctx)
    answers = Answers(page)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    idle(qtbot, ctx)
    return page, answers, township, village, ctx


def test_the_sync_page_trusts_imports_decides_exports_and_revokes(setup: Any, tmp_path: Path, qtbot: Any) -> None:
    page, answers, township, village, ctx = setup
    with township.session() as s:
        assert page.fingerprint.text() == own_fingerprint(s, TOWNSHIP)
    assert "岩寨镇" in page.office_label.text() and page.target.count() == 0
    assert not page.export_button.isEnabled()

    # trust the village's identity file: the fingerprint is shown to compare by phone
    # *before* it is trusted; answering no trusts nothing
    answers.open_file = str(tmp_path / f"{VILLAGE}.json")
    asked: list[str] = []
    page.confirm = lambda _title, text: asked.append(text) or False  # type: ignore[method-assign]
    click(qtbot, ctx, page.trust_button)
    assert keys_of(township, VILLAGE) == [] and len(asked) == 1 and "电话" in asked[0]
    page.confirm = lambda _title, text: asked.append(text) or True  # type: ignore[method-assign]
    click(qtbot, ctx, page.trust_button)
    village_keys = keys_of(township, VILLAGE)
    assert len(village_keys) == 2 and all(k.revoked_at is None for k in village_keys)
    assert village_keys[0].fingerprint in asked[-1]
    title, text, warning = answers.told[-1]
    assert village_keys[0].fingerprint in text and not warning
    page.confirm = lambda *_a: answers.yes  # type: ignore[method-assign]
    assert VILLAGE in [r.office_code for r in page.keys_model.rows]
    assert page.target.findData(VILLAGE) >= 0 and page.export_button.isEnabled()

    # import: the village's bundle and a file that is not a bundle, in one go
    elder = register(village, "吴秀英")
    first = village.export(township).path
    junk = tmp_path / "照片.guanai"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not a bundle")
    answers.open_files = [str(first), str(junk)]
    page.tabs.setCurrentIndex(1)
    click(qtbot, ctx, page.import_button)
    good, bad = page.results_model.rows
    assert good.accepted and good.inserted >= 1 and good.from_office == VILLAGE and good.sequence == 1
    assert not bad.accepted and "不是关爱软件的数据包" in bad.reason
    assert "接收 1 个，拒收 1 个" in page.import_summary.text()
    cells = [page.results_model.data(page.results_model.index(1, c)) for c in range(page.results_model.columnCount())]
    assert "拒收" in cells and any("不是关爱软件的数据包" in str(c) for c in cells)
    with township.session() as s:
        assert s.get(Recipient, elder) is not None

    # the same phone changed in both offices: a conflict, decided on the page
    for office, phone in ((village, "13800000001"), (township, "13900000002")):
        with office.session() as s, s.begin():
            edit_recipient(s, actor_for(s), elder, phone=phone)
    answers.open_files = [str(village.export(township).path)]
    click(qtbot, ctx, page.import_button)
    assert page.results_model.rows[0].conflicts == 1 and "冲突" in page.import_summary.text()
    page.tabs.setCurrentIndex(2)
    idle(qtbot, ctx)
    assert page.tabs.tabText(2) == "冲突（1）" and len(page.conflicts_model.rows) == 1
    conflict = page.conflicts_model.rows[0]
    assert conflict.recipient_name == "吴秀英" and conflict.field == "phone"
    assert page.conflicts_model.data(page.conflicts_model.index(0, 1)) == "关爱对象 · 电话"  # words, not recipients.phone
    assert not page.keep_local_button.isEnabled()
    click_row(qtbot, page.conflicts_view, 0)
    click(qtbot, ctx, page.keep_remote_button)  # the village owns its recipients' phone numbers
    with township.session() as s:
        assert s.get(Recipient, elder).phone == "13800000001"  # type: ignore[union-attr]
        assert list_conflicts(s) == []
    assert page.tabs.tabText(2) == "冲突" and page.conflicts_model.rows == []

    # export a bundle down to the village; the village opens it, nothing to argue about
    page.tabs.setCurrentIndex(1)
    answers.save_file = str(tmp_path / "down" / "to-village")
    (tmp_path / "down").mkdir()
    page.target.setCurrentIndex(page.target.findData(VILLAGE))
    suggested: list[str] = []
    page.ask_save_file = lambda _title, name, _f: suggested.append(name) or answers.save_file  # type: ignore[method-assign]
    click(qtbot, ctx, page.export_button)
    out = tmp_path / "down" / "to-village.guanai"
    assert out.exists() and "第 1 号" in page.export_result.text()
    assert suggested[0].startswith("岩寨镇→岩寨村-") and suggested[0].endswith(".guanai")  # office names, not codes
    [down] = exchange.import_bundles(village.engine, [out])
    assert down.accepted and down.from_office == TOWNSHIP
    assert down.conflicts == 0
    with village.session() as s:
        assert s.get(Recipient, elder).phone == "13800000001"  # type: ignore[union-attr]
        assert list_conflicts(s) == []

    # this office's identity file
    page.tabs.setCurrentIndex(0)
    answers.save_file = str(tmp_path / "mine.json")
    click(qtbot, ctx, page.export_identity_button)
    assert read_identity((tmp_path / "mine.json").read_bytes()).code == TOWNSHIP
    assert page.fingerprint.text() in answers.told[-1][1]

    # revoke the village: answering no changes nothing, yes revokes
    row = next(i for i, r in enumerate(page.keys_model.rows) if r.office_code == VILLAGE)
    click_row(qtbot, page.keys_view, row)
    answers.yes = False
    click(qtbot, ctx, page.revoke_button)
    assert all(k.revoked_at is None for k in keys_of(township, VILLAGE))
    answers.yes = True
    click(qtbot, ctx, page.revoke_button)
    assert all(k.revoked_at is not None for k in keys_of(township, VILLAGE))
    revoked = next(r for r in page.keys_model.rows if r.office_code == VILLAGE)
    assert revoked.status == "revoked" and page.target.count() == 0 and not page.export_button.isEnabled()


def test_a_refused_trust_is_shown_and_writes_nothing(setup: Any, tmp_path: Path, qtbot: Any) -> None:
    page, answers, township, _village, ctx = setup
    answers.open_file = str(tmp_path / f"{TOWNSHIP}.json")  # this office's own file
    before = keys_of(township, TOWNSHIP)
    click(qtbot, ctx, page.trust_button)
    title, text, warning = answers.told[-1]
    assert warning and "本单位自己的身份文件" in text
    assert len(keys_of(township, TOWNSHIP)) == len(before) and keys_of(township, VILLAGE) == []


def test_rotating_keys_from_the_page_shows_the_new_fingerprint(setup: Any, qtbot: Any) -> None:
    page, answers, township, _village, ctx = setup
    old = page.fingerprint.text()
    click(qtbot, ctx, page.rotate_button)
    with township.session() as s:
        new = own_fingerprint(s, TOWNSHIP)
    assert new != old and page.fingerprint.text() == new and new in answers.told[-1][1]
    statuses = sorted(r.status for r in page.keys_model.rows if r.relation == "self")
    assert statuses == ["current", "retired"]


def test_the_resend_box_packs_again_everything_not_acknowledged(setup: Any, tmp_path: Path, qtbot: Any) -> None:
    page, answers, township, village, ctx = setup
    with township.session() as s, s.begin():
        trust_file(s, actor_for(s), tmp_path / f"{VILLAGE}.json")
    elder = register(township, "吴秀英", village=VILLAGE)  # the township registers one for the village
    page.reload()
    idle(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    page.target.setCurrentIndex(page.target.findData(VILLAGE))
    assert page.resend.isEnabled() and not page.resend.isChecked()
    assert page.resend.text() == "重新打包对方尚未确认的全部记录"

    def export(name: str) -> Path:
        answers.save_file = str(tmp_path / name)
        click(qtbot, ctx, page.export_button)
        return tmp_path / f"{name}.guanai"

    first = export("one")  # the recipient, the offices above the village, the county's care rules
    with township.session() as s:
        counts = [json.loads(b.counts_json) for b in s.scalars(select(SyncBundle).order_by(SyncBundle.seq))]
    assert counts[0]["recipients"] == 1 and "第 1 号" in page.export_result.text()
    said = page.export_result.text().split("\n")[0]  # the line above the file's path
    assert "关爱对象 1 人" in said and "单位 " in said and "关爱频次规定 " in said  # what it carried, in words
    assert not any(table in said for table in counts[0]) and "_" not in said  # no table names
    export("two")  # nothing new: no records, only acknowledgements
    assert "没有新的记录" in page.export_result.text()
    page.resend.setChecked(True)  # "one" was lost on the way: pack it all again
    third = export("three")
    assert "第 3 号" in page.export_result.text() and "重新打包" in page.export_result.text()
    assert not page.resend.isChecked()  # a one-off
    assert "已发出 3 个数据包，对方确认到第 0 号" in page.peer_status.text()
    with township.session() as s:
        counts = [json.loads(b.counts_json) for b in s.scalars(select(SyncBundle).order_by(SyncBundle.seq))]
    assert counts[1] == {} and counts[2] == counts[0]
    # the village gets everything from "three" alone, as much as "one" would have given it
    [res] = exchange.import_bundles(village.engine, [third])
    assert res.accepted and res.inserted >= 2 and res.gaps == []  # "three" stands in for "one" and "two"
    with village.session() as s:
        assert s.get(Recipient, elder).village_code == VILLAGE  # type: ignore[union-attr]
    assert first.exists()


def test_the_english_page_tells_what_a_bundle_carried_in_english(setup: Any, tmp_path: Path, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n

    page, answers, township, _village, ctx = setup
    with township.session() as s, s.begin():
        trust_file(s, actor_for(s), tmp_path / f"{VILLAGE}.json")
    register(township, "吴秀英", village=VILLAGE)
    page.reload()
    idle(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    page.target.setCurrentIndex(page.target.findData(VILLAGE))
    answers.save_file = str(tmp_path / "one")
    i18n.install(QApplication.instance(), "en")  # type: ignore[arg-type]
    try:
        click(qtbot, ctx, page.export_button)
        said = page.export_result.text().split("\n")[0]
    finally:
        i18n.install(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]
    assert said.startswith("Bundle 1 exported: 1 care recipient, ") and "care rules" in said
    assert "_" not in said and "关爱" not in said


def test_the_everything_box_sends_a_village_its_own_records_back(setup: Any, tmp_path: Path, qtbot: Any) -> None:
    """After a village lost its data: the township's export with 全部重发 carries what the
    village itself sent, which a usual export never sends back."""
    page, answers, township, village, ctx = setup
    with township.session() as s, s.begin():
        trust_file(s, actor_for(s), tmp_path / f"{VILLAGE}.json")
    register(village, "吴秀英")
    [res] = exchange.import_bundles(township.engine, [village.export(township).path])
    assert res.accepted
    page.reload()
    idle(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    page.target.setCurrentIndex(page.target.findData(VILLAGE))
    assert page.everything.isEnabled() and not page.everything.isChecked()

    def export(name: str) -> dict[str, int]:
        answers.save_file = str(tmp_path / name)
        click(qtbot, ctx, page.export_button)
        with township.session() as s:
            return json.loads(s.scalars(select(SyncBundle).where(SyncBundle.way == "out")
                                        .order_by(SyncBundle.seq.desc())).first().counts_json)  # type: ignore[union-attr]

    assert "recipients" not in export("usual")  # the village's own record is not echoed
    page.everything.setChecked(True)
    assert export("everything").get("recipients") == 1
    assert "全部记录" in page.export_result.text() and not page.everything.isChecked()  # a one-off


def test_bundles_are_imported_and_exported_on_the_worker_through_the_store(
        setup: Any, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page reaches the exchange only through Store.batch: on the worker thread, and
    each import or export makes the store's kept answers stale once (issue 18 point 5)."""
    import threading

    page, answers, township, village, ctx = setup
    with township.session() as s, s.begin():
        trust_file(s, actor_for(s), tmp_path / f"{VILLAGE}.json")
    register(village, "吴秀英")
    answers.open_files = [str(village.export(township).path)]  # the village's side, made here
    ran: list[tuple[str, str]] = []
    for name in ("import_bundles", "export_bundle"):
        real = getattr(exchange, name)

        def watched(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            ran.append((_name, threading.current_thread().name))
            return _real(*args, **kwargs)

        monkeypatch.setattr(exchange, name, watched)
    page.reload()
    idle(qtbot, ctx)
    page.tabs.setCurrentIndex(1)
    before = ctx.store.generation
    click(qtbot, ctx, page.import_button)
    [result] = page.results_model.rows
    assert result.accepted and ctx.store.generation == before + 1
    page.target.setCurrentIndex(page.target.findData(VILLAGE))
    answers.save_file = str(tmp_path / "back")
    click(qtbot, ctx, page.export_button)
    assert (tmp_path / "back.guanai").exists() and ctx.store.generation == before + 2
    assert ran == [("import_bundles", "guanai-db"), ("export_bundle", "guanai-db")]
