"""设置与备份 and 使用指南 (issue 16 point 9), driven through their widgets: the name written on
the records is changed (audited, a bad one refused with nothing changed), a backup to a chosen
folder is made and remembered, the work bench shows the last backup and reminds after a week,
a restore asks first and puts the backup back, and the guide shows its text and pictures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.context import OPERATOR_KEY, actor_for, get_setting, put_setting
from app.care.maintenance import LAST_BACKUP_KEY, last_backup
from app.care.recipients import add_recipient
from app.models import AuditEntry, Recipient
from app.ui.guide import GuideDialog
from app.ui.kit import Context
from app.ui.settings_dialog import SettingsDialog
from tests.helpers import make_id

WAIT = 15_000


def names(engine: Engine) -> list[str]:
    with Session(engine) as s:
        return sorted(s.scalars(select(Recipient.name).where(Recipient.deleted.is_(False))))


def test_the_name_on_the_records_is_changed_and_audited(qtbot: Any, ctx: Context, village: Engine) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.operator.text() != "", timeout=WAIT)
    dialog.operator.setText("  ")
    dialog.save_operator()
    qtbot.waitUntil(lambda: "使用人姓名" in dialog.message.text(), timeout=WAIT)
    dialog.operator.setText("杨秀英")
    dialog.save_operator()
    qtbot.waitUntil(lambda: "杨秀英" in dialog.message.text(), timeout=WAIT)
    with Session(village) as s:
        assert get_setting(s, OPERATOR_KEY) == "杨秀英" and actor_for(s).user == "杨秀英"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_id == OPERATOR_KEY)).one()
        old, new = json.loads(entry.changes_json)["value"]
        assert new == "杨秀英" and entry.user == old and old != new  # written by the one named before


def test_backup_then_restore_from_the_dialog(qtbot: Any, ctx: Context, village: Engine, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with Session(village) as s, s.begin():
        add_recipient(s, actor_for(s), name="吴老汉", id_number=make_id(dt.date(1944, 5, 5), seq=41),
                      categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5))
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "还没有备份过" in dialog.last.text(), timeout=WAIT)
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog.back_up(usb)
    qtbot.waitUntil(lambda: "已备份到" in dialog.message.text(), timeout=WAIT)
    made = list(usb.glob("关爱备份-*.sqlite3"))
    assert len(made) == 1
    qtbot.waitUntil(lambda: "上次备份" in dialog.last.text(), timeout=WAIT)
    with Session(village) as s:
        found = last_backup(s)
        assert found is not None and found.path == str(made[0]) and found.days_ago() == 0

    with Session(village) as s, s.begin():  # after the backup: gone again by the restore
        add_recipient(s, actor_for(s), name="杨阿婆", id_number=make_id(dt.date(1945, 6, 6), seq=42),
                      categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 6))
    assert names(village) == ["吴老汉", "杨阿婆"]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.No)
    dialog.restore(made[0])
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT)
    assert str(made[0]) in asked[0] and "1 名关爱对象" in asked[0]
    assert names(village) == ["吴老汉", "杨阿婆"]  # said no: nothing changed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore(made[0])
    qtbot.waitUntil(lambda: "已从备份恢复" in dialog.message.text(), timeout=WAIT)
    assert names(village) == ["吴老汉"]

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database")
    dialog.restore(junk)
    qtbot.waitUntil(lambda: "不能用这个文件恢复" in dialog.message.text(), timeout=WAIT)
    assert names(village) == ["吴老汉"]


def test_the_work_bench_reminds_after_a_week(qtbot: Any, ctx: Context, village: Engine) -> None:
    from app.ui.workbench import WorkbenchPage

    page = WorkbenchPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: "还没有备份过" in page.backup_label.text(), timeout=WAIT)
    ten_days_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=10)).isoformat(timespec="seconds")
    with Session(village) as s, s.begin():
        put_setting(s, LAST_BACKUP_KEY, json.dumps({"at": ten_days_ago, "path": "/media/usb/x.sqlite3"}))
    page.reload()
    qtbot.waitUntil(lambda: "已 10 天没有备份" in page.backup_label.text(), timeout=WAIT)
    two_days_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).isoformat(timespec="seconds")
    with Session(village) as s, s.begin():
        put_setting(s, LAST_BACKUP_KEY, json.dumps({"at": two_days_ago, "path": "/media/usb/x.sqlite3"}))
    page.reload()
    qtbot.waitUntil(lambda: page.backup_label.text() == "上次备份：2 天前", timeout=WAIT)


@pytest.mark.parametrize("language, words", [("zh_CN", "四个一"), ("en", "four ones")])
def test_the_guide_shows_its_text_and_pictures(qtbot: Any, language: str, words: str) -> None:
    dialog = GuideDialog(None, language)
    qtbot.addWidget(dialog)
    assert words in dialog.browser.toPlainText()
    document = dialog.browser.document()
    for picture in ("workbench.png", "sync.png"):
        image = document.resource(QTextDocument.ResourceType.ImageResource, dialog.browser.source().resolved(
            __import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl(picture)))
        assert image is not None and not image.isNull(), picture
