"""Records can be opened and corrected (issue 16 point 6): a care record read whole, corrected
with its old values kept in the audit beside the reason, voided with a reason (it leaves the
figures); an attachment removed with a reason; the recipient's change history from the audit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import work
from app.care.attachments import attach_file
from app.care.context import Actor
from app.care.corrections import (
    care_record_view,
    change_history,
    correct_care_record,
    remove_attachment,
    void_care_record,
)
from app.care.errors import ValidationError
from app.care.recipients import add_recipient, edit_recipient
from app.models import Attachment, AuditEntry, CareRecord
from tests.helpers import LEFT_BEHIND, make_id


@pytest.fixture
def rid(session: Session, actor: Actor) -> str:
    return add_recipient(session, actor, **LEFT_BEHIND, name="李秀英",
                         id_number=make_id(dt.date(1948, 3, 2), "female", seq=7),
                         categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5)).id


def test_a_call_corrected_then_voided(session: Session, actor: Actor, rid: str) -> None:
    call = work.log_call(session, actor, rid, reached=True, on=dt.date(2026, 3, 2), note="身体好", problems="屋顶漏")
    session.flush()
    with pytest.raises(ValidationError) as refused:
        correct_care_record(session, actor, call.id, reason=" ", note="身体还好")
    assert "原因" in refused.value.zh
    with pytest.raises(ValidationError):
        correct_care_record(session, actor, call.id, reason="写错了", occurred_on=dt.date.today() + dt.timedelta(days=3))
    correct_care_record(session, actor, call.id, reason="记错了人说的话", note="腿疼，需要送药")
    session.flush()
    view = care_record_view(session, call.id)
    assert (view.note, view.problems, view.reached) == ("腿疼，需要送药", "屋顶漏", True)
    audits = list(session.scalars(select(AuditEntry).where(AuditEntry.record_id == call.id)
                                  .order_by(AuditEntry.seq)))
    assert [a.action for a in audits] == ["create", "update", "correct"]
    assert json.loads(audits[1].changes_json)["note"] == ["身体好", "腿疼，需要送药"]
    assert json.loads(audits[2].changes_json)["reason"][1] == "记错了人说的话"

    void_care_record(session, actor, call.id, reason="记到了别人名下")
    session.flush()
    c = session.get(CareRecord, call.id)
    assert c is not None and c.deleted
    history = change_history(session, rid)
    fields = [(h.table, h.field, h.old, h.new) for h in history]
    assert ("care_records", "note", "身体好", "腿疼，需要送药") in fields
    assert ("care_records", "reason", "", "记到了别人名下") in fields


def test_an_attachment_removed_with_a_reason(session: Session, actor: Actor, rid: str, tmp_path: Path) -> None:
    visit = work.log_visit(session, actor, rid, on=dt.date(2026, 3, 1), findings="院子干净")
    session.flush()
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"\xff\xd8\xff not really a jpeg")
    a = attach_file(session, actor, tmp_path / "store", source=photo, owner_table="care_records", owner_id=visit.id)
    session.flush()
    assert [x.id for x in care_record_view(session, visit.id).attachments] == [a.id]
    with pytest.raises(ValidationError):
        remove_attachment(session, actor, a.id, reason="")
    remove_attachment(session, actor, a.id, reason="拍错了人家")
    session.flush()
    assert session.get(Attachment, a.id).deleted  # type: ignore[union-attr]
    assert care_record_view(session, visit.id).attachments == ()


def test_the_history_shows_field_old_new_who_when(session: Session, actor: Actor, rid: str) -> None:
    edit_recipient(session, actor, rid, phone="13800138000")
    session.flush()
    [line] = [h for h in change_history(session, rid) if h.field == "phone"]
    assert (line.table, line.new, line.user) == ("recipients", "13800138000", actor.user)
    assert line.at.date() == dt.datetime.now(dt.UTC).date()


def test_the_form_opens_corrects_and_voids_a_record_and_shows_the_history(qtbot, ctx, village, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.care.attachments import attach_files
    from app.care.context import actor_for
    from app.ui.recipient_form import RecipientDialog

    with Session(village) as s, s.begin():
        actor = actor_for(s)
        rid = add_recipient(s, actor, **LEFT_BEHIND, name="李秀英", id_number=make_id(dt.date(1948, 3, 2), "female", seq=7),
                            categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5)).id
        call = work.log_call(s, actor, rid, reached=True, on=dt.date(2026, 3, 2), note="身体好").id
    photo = tmp_path / "门口.jpg"
    photo.write_bytes(b"\xff\xd8\xff not really a jpeg")
    ctx.store.write(attach_files, ctx.store.attachment_dir(), rid, [photo])
    form = RecipientDialog(ctx, None, rid)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.timeline_tab.model.rowCount() == 1, timeout=10_000)
    form.tabs.setCurrentWidget(form.timeline_tab)
    form.open_care_record(form.timeline_tab.model.index(0, 0))
    dialog = form.care_record_dialog
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
    assert dialog.note.text() == "身体好"
    dialog.note.setText("腿疼，要送药")
    dialog.correct()  # no reason: refused, nothing changed
    qtbot.waitUntil(lambda: "原因" in dialog.message.text(), timeout=10_000)
    with Session(village) as s:
        assert s.get(CareRecord, call).note == "身体好"  # type: ignore[union-attr]
    dialog.reason.setText("听错了")
    dialog.correct()
    qtbot.waitUntil(lambda: "已更正" in dialog.message.text(), timeout=10_000)
    with Session(village) as s:
        assert s.get(CareRecord, call).note == "腿疼，要送药"  # type: ignore[union-attr]

    form.tabs.setCurrentWidget(form.changes_tab)
    qtbot.waitUntil(lambda: form.changes_tab.model.rowCount() > 0, timeout=10_000)
    shown = [(r.field, r.old, r.new) for r in form.changes_tab.model.rows]
    assert ("note", "身体好", "腿疼，要送药") in shown and ("reason", "", "听错了") in shown

    dialog.reason.setText("记到了别人名下")
    dialog.void()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    with Session(village) as s:
        assert s.get(CareRecord, call).deleted  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: form.timeline_tab.model.rowCount() == 0, timeout=10_000)

    qtbot.waitUntil(lambda: form.attachments_tab.model.rowCount() == 1, timeout=10_000)
    form.attachments_tab.view.setCurrentIndex(form.attachments_tab.model.index(0, 0))
    form.attachments_tab.ask_reason = lambda _name: "拍错了"  # type: ignore[method-assign]
    form.attachments_tab.remove_selected()
    qtbot.waitUntil(lambda: form.attachments_tab.model.rowCount() == 0, timeout=10_000)
    with Session(village) as s:
        assert all(a.deleted for a in s.scalars(select(Attachment).where(Attachment.owner_id == rid)))
