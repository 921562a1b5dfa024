"""Follow-up items (issue 14, point 9): a problem found on a call becomes an item with a person
and a due date, listed with the tasks until it is closed with what was done; an assessment's
recommended measures become one item each; the closing at the village reaches the township."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care import work
from app.care.context import Actor
from app.care.errors import NotFoundError, ValidationError
from app.care.followups import (
    close_follow_up,
    follow_ups,
    from_assessment,
    from_care_record,
    open_follow_up,
)
from app.care.programmes import record_assessment
from app.care.recipients import add_recipient
from app.care.tasks import FOLLOW_UP, week_tasks
from app.care.workbench_views import bench_tasks
from app.cli import main
from app.models import FollowUpItem
from tests.helpers import LEFT_BEHIND, make_id
from tests.sync_offices import TOWNSHIP, VILLAGE, chain, register

TODAY = dt.date.today()


def _elder(session: Session, actor: Actor) -> str:
    return add_recipient(session, actor, name="吴老汉", id_number=make_id(dt.date(1950, 3, 7), seq=41),
                         categories=["left_behind_elder", "extreme_poverty_dispersed"], **LEFT_BEHIND).id


def test_a_problem_found_on_a_call_is_a_task_until_closed(session: Session, actor: Actor) -> None:
    rid = _elder(session, actor)
    call = work.log_call(session, actor, rid, reached=True, on=TODAY - dt.timedelta(days=3),
                         problems="屋顶漏雨", needs_action=True)
    item = from_care_record(session, actor, call.id, problem=None, due_on=TODAY + dt.timedelta(days=4),
                            person="村主任王明")
    assert (item.problem, item.opened_on, item.source_kind, item.source_id) == (
        "屋顶漏雨", TODAY - dt.timedelta(days=3), "care_record", call.id)
    (task,) = [t for t in week_tasks(session, TODAY) if t.kind == FOLLOW_UP]
    assert (task.recipient_id, task.item_id, task.detail, task.overdue) == (rid, item.id, "屋顶漏雨", False)
    assert [t.item_id for t in bench_tasks(session, TODAY).tasks if t.kind == FOLLOW_UP] == [item.id]
    # past the due date it is overdue, first in the list
    late = week_tasks(session, TODAY + dt.timedelta(days=5))
    assert late[0].kind == FOLLOW_UP and late[0].overdue
    close_follow_up(session, actor, item.id, on=TODAY, note="已联系镇上帮扶资金修好屋顶")
    assert [t for t in week_tasks(session, TODAY) if t.kind == FOLLOW_UP] == []
    (closed,) = follow_ups(session, open_only=False)
    assert (closed.status, closed.closed_on, closed.close_note, closed.closed_by) == (
        "closed", TODAY, "已联系镇上帮扶资金修好屋顶", actor.user)
    with pytest.raises(ValidationError, match="已于"):
        close_follow_up(session, actor, item.id, on=TODAY, note="再关一次")


def test_refusals_change_nothing(session: Session, actor: Actor) -> None:
    rid = _elder(session, actor)
    aid = work.log_aid(session, actor, rid, items="大米50斤")
    for kwargs, word in ((dict(problem="", due_on=TODAY, person="王明"), "问题"),
                         (dict(problem="漏雨", due_on=TODAY - dt.timedelta(days=1), person="王明"), "处置期限"),
                         (dict(problem="漏雨", due_on=TODAY, person=""), "责任人"),
                         (dict(problem="漏雨", due_on=TODAY, person="王明", source_kind="care_record",
                               source_id=aid.id), "来源")):
        with pytest.raises(ValidationError, match=word):
            open_follow_up(session, actor, rid, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        open_follow_up(session, actor, rid, problem="漏雨", due_on=TODAY, person="王明",
                       source_kind="assessment", source_id="no-such-id")
    assert session.scalar(select(func.count()).select_from(FollowUpItem)) == 0


def test_an_assessments_measures_become_one_item_each(session: Session, actor: Actor) -> None:
    rid = _elder(session, actor)
    a = record_assessment(session, actor, rid, agency="黎平县康宁社会工作服务中心", assessed_on=TODAY,
                          self_care="partial", recommended_measures="1. 每周上门助餐两次\n\n- 安装扶手")
    items = from_assessment(session, actor, a.id, due_on=TODAY + dt.timedelta(days=30), person="互助家庭吴大姐")
    assert sorted(i.problem for i in items) == ["1. 每周上门助餐两次", "安装扶手"]
    assert {i.source_kind for i in items} == {"assessment"}


def test_the_cli_adds_lists_and_closes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    assert main(["--db", db, "recipients", "add", "--name", "石秀英", "--id-number",
                 make_id(dt.date(1950, 6, 1), "female", seq=40), "--category", "left_behind_elder", "--json"]) == 0
    capsys.readouterr()
    rid = json.loads(main_out(db, capsys, "recipients", "list", "--json"))[0]["id"]
    visit = json.loads(main_out(db, capsys, "log", "visit", rid, "--note", "灶台坏了", "--json"))
    added = json.loads(main_out(db, capsys, "followup", "add", "--from-record", visit["id"], "--problem",
                                "灶台坏了，要请人修", "--person", "王明", "--due", (TODAY + dt.timedelta(days=7)).isoformat(),
                                "--json"))
    (item,) = added
    assert (item["problem"], item["status"], item["person"]) == ("灶台坏了，要请人修", "open", "王明")
    listed = json.loads(main_out(db, capsys, "followup", "list", "--json"))
    assert [x["id"] for x in listed] == [item["id"]]
    tasks = json.loads(main_out(db, capsys, "tasks", "--json"))
    assert any(t["kind"] == "follow_up" and t["item_id"] == item["id"] for t in tasks)
    assert main(["--db", db, "followup", "close", item["id"], "--date", TODAY.isoformat(), "--note", "已修好"]) == 0
    capsys.readouterr()
    assert json.loads(main_out(db, capsys, "followup", "list", "--json")) == []
    (closed,) = json.loads(main_out(db, capsys, "followup", "list", "--all", "--json"))
    assert (closed["status"], closed["close_note"]) == ("closed", "已修好")
    assert main(["--db", db, "followup", "close", item["id"], "--date", TODAY.isoformat(), "--note", "x"]) == 1


def main_out(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--db", db, *args]) == 0
    return capsys.readouterr().out


def test_an_item_closed_at_the_village_is_closed_at_the_township(tmp_path: Path) -> None:
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    township, village = offices[TOWNSHIP], offices[VILLAGE]
    rid = register(village, "王秀英")
    with village.session() as s, s.begin():
        call = work.log_call(s, village.actor(s), rid, reached=True, on=TODAY, problems="血压高，药吃完了")
        item_id = from_care_record(s, village.actor(s), call.id, problem=None, due_on=TODAY + dt.timedelta(days=2),
                                   person="村医杨华").id
    assert township.import_(village.export(township).path)[0].accepted
    with township.session() as s:
        (open_item,) = follow_ups(s)
        assert (open_item.id, open_item.status, open_item.name) == (item_id, "open", "王秀英")
        assert any(t.item_id == item_id for t in week_tasks(s, TODAY))
    with village.session() as s, s.begin():
        close_follow_up(s, village.actor(s), item_id, on=TODAY, note="村医已送药上门")
    assert township.import_(village.export(township).path)[0].accepted
    with township.session() as s:
        item = s.get(FollowUpItem, item_id)
        assert item is not None
        assert (item.status, item.closed_on, item.close_note) == ("closed", TODAY, "村医已送药上门")
        assert follow_ups(s) == []
        from app.sync.conflicts import list_conflicts

        assert list_conflicts(s) == []
