"""Subject rights and retention (issue 15, point 5): everything held about one person in one
PDF / workbook, and the county's retention period removing the sensitive fields of people who
exited long ago — listed first, applied in one audited transaction that keeps the figures and
travels to the township."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care import retention, work, writes
from app.care.attachments import attach_files, store_dir_for
from app.care.context import Actor, actor_for
from app.care.errors import SetupError, ValidationError
from app.care.followups import open_follow_up
from app.care.household import add_guardian, add_member, remove_member
from app.care.recipients import add_recipient, edit_recipient
from app.care.status import status_report
from app.models import AuditEntry, Guardian, HouseholdMember, Recipient
from app.oversight.duplicates import list_duplicates
from app.oversight.overview import overview
from app.reports.person_export import export_person
from tests.helpers import LEFT_BEHIND, make_id
from tests.sync_offices import COUNTY, TOWNSHIP, VILLAGE, chain

D = dt.date
TODAY = D(2026, 12, 7)
CONFIRMED = D(2020, 8, 3)  # the seeded rules owe from 2020-07-01


def person(s: Session, actor: Actor, name: str, seq: int, *, exited: D | None, confirmed: D = CONFIRMED) -> str:
    """An elder confirmed in August 2020 with a daughter away and a supporter, a visit and a
    call; exited on `exited` (None: still in care)."""
    rid = add_recipient(s, actor, **LEFT_BEHIND, name=name, id_number=make_id(D(1948, 3, 9), seq=seq),
                        categories=["left_behind_elder"], phone="13800001111", address="岩寨村三组",
                        self_care="partial", major_illness="高血压", surveyed_on=confirmed).id
    lc.report(s, actor, rid, on=confirmed)
    lc.review(s, actor, rid, department="civil_affairs", decision="approve", on=confirmed, doc_no="审")
    lc.confirm(s, actor, rid, doc_no="定", on=confirmed)
    add_member(s, actor, rid, name=f"{name}女儿", relation="daughter", phone="13900002222",
               id_number=make_id(D(1975, 6, 1), "female", seq=seq + 50), works_away=True, work_place="广东东莞")
    add_guardian(s, actor, rid, kind="supporter", name=f"{name}儿子", relation="son", phone="13700003333",
                 id_number=make_id(D(1972, 2, 2), seq=seq + 60), address="凯里市")
    work.log_visit(s, actor, rid, on=D(2020, 10, 10), visitors="王主任", findings="屋顶漏雨，需要修缮")
    work.log_call(s, actor, rid, reached=True, on=D(2020, 9, 11), note="身体还好")
    if exited:
        lc.exit_care(s, actor, rid, reason="搬到县城儿子家", on=exited)
    return rid


def test_person_export_holds_everything_in_pdf_and_xlsx(village, tmp_path: Path) -> None:
    with Session(village) as s, s.begin():
        actor = actor_for(s)
        rid = person(s, actor, "吴秀英", 31, exited=None)
        open_follow_up(s, actor, rid, problem="联系乡里修屋顶", due_on=D(2020, 11, 1), person="王主任",
                       opened_on=D(2020, 10, 10))
        photo = tmp_path / "屋顶.png"
        photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
        attach_files(s, actor, store_dir_for(village), rid, [photo])
        number = s.get_one(Recipient, rid).id_number
    with Session(village) as s, s.begin():
        export_person(s, rid, tmp_path / "p.pdf", on=TODAY)
        export_person(s, rid, tmp_path / "p.xlsx", on=TODAY)
    pdf = "".join(p.extract_text() for p in PdfReader(tmp_path / "p.pdf").pages).replace("\n", "")
    for expected in ("吴秀英", number, "高血压", "吴秀英女儿", "广东东莞", "吴秀英儿子", "屋顶漏雨，需要修缮",
                     "身体还好", "联系乡里修屋顶", "屋顶.png", "确定", "修改记录", "第 1 页"):
        assert expected in pdf, expected
    wb = load_workbook(tmp_path / "p.xlsx")
    cells = {name: [c for row in wb[name].iter_rows(values_only=True) for c in row if c] for name in wb.sheetnames}
    assert number in cells["基本信息与类别条件"] and "高血压" in cells["基本信息与类别条件"]
    assert "吴秀英女儿" in cells["家庭成员"] and "吴秀英儿子" in cells["监护人和赡养人"]
    assert "屋顶漏雨，需要修缮" in cells["关爱记录"] and "联系乡里修屋顶" in cells["跟进事项"]
    assert "屋顶.png" in cells["附件"]
    assert "高血压" in cells["修改记录"] and "新建" in cells["修改记录"]  # the history, from the audit trail
    with Session(village) as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "disclose", AuditEntry.record_id == rid)).all()
        files = sorted(json.loads(e.changes_json)["file"] for e in rows)
    assert [Path(f).name for f in files] == ["p.pdf", "p.xlsx"]


def test_person_export_refuses_another_ending(village, tmp_path: Path) -> None:
    with Session(village) as s, s.begin():
        rid = person(s, actor_for(s), "吴秀英", 31, exited=None)
    with Session(village) as s, s.begin(), pytest.raises(ValidationError, match="输出文件"):
        export_person(s, rid, tmp_path / "p.docx")
    assert not (tmp_path / "p.docx").exists()


@pytest.fixture
def three(village) -> dict[str, str]:
    """Exited 5 years and a day ago (due), exactly 5 years ago (due today), 5 years less a
    day ago (due tomorrow), and one still in care."""
    with Session(village) as s, s.begin():
        actor = actor_for(s)
        return {"old": person(s, actor, "石老根", 32, exited=D(2021, 12, 6)),
                "today": person(s, actor, "杨阿婆", 33, exited=D(2021, 12, 7)),
                "tomorrow": person(s, actor, "龙阿公", 34, exited=D(2021, 12, 8)),
                "in_care": person(s, actor, "吴秀英", 31, exited=None)}


def test_due_lists_exactly_those_exited_longer_than_the_period(village, three: dict[str, str]) -> None:
    with Session(village) as s, s.begin():
        assert [r.recipient_id for r in retention.due(s, on=TODAY)] == [three["old"], three["today"]]
        soon = retention.due(s, on=TODAY, within_days=1)
        assert [r.recipient_id for r in soon] == [three["old"], three["today"], three["tomorrow"]]
        assert [r.overdue for r in soon] == [True, True, False]
        assert retention.plan(s, on=TODAY).people == 2


def test_apply_removes_the_fields_keeps_the_figures_and_the_audit_keeps_no_value(village, three) -> None:
    with Session(village) as s, s.begin():
        numbers = {k: s.get_one(Recipient, v).id_number for k, v in three.items()}
        kin = [g.id_number for g in s.scalars(select(Guardian))] + [m.id_number for m in s.scalars(select(HouseholdMember))]
        # a member deleted by mistake earlier keeps its values in the tombstone: cleared too
        gone = s.scalars(select(HouseholdMember).where(HouseholdMember.recipient_id == three["today"])).one()
        gone_id = gone.id
        remove_member(s, actor_for(s), gone_id, reason="登记错了")
        before = {p: status_report(s, p) for p in ("2020-Q4", "2021-H1", "2021-Q4")}
        assert before["2020-Q4"]["villages"][0]["four_ones"]["visit"] == {"owed": 4, "done": 4, "rate": 1.0}
    with Session(village) as s, s.begin(), pytest.raises(ValidationError, match="确认时是 5 人"):
        retention.apply(s, actor_for(s), on=TODAY, expected=5)  # not what was confirmed: nothing removed
    with Session(village) as s, s.begin():
        done = retention.apply(s, actor_for(s), on=TODAY, expected=2)
    assert done.people == 2 and done.villages == ((VILLAGE, "岩寨村", 2),)
    with Session(village) as s, s.begin():
        old = s.get_one(Recipient, three["old"])
        assert (old.name, old.id_number, old.phone, old.address, old.major_illness, old.self_care) == (
            retention.ANONYMOUS_NAME, "", None, None, None, None)
        assert old.birth_date == D(1948, 7, 1) and old.anonymised_on == TODAY
        assert old.categories == ("left_behind_elder",) and old.status == "exited" and old.village_code == VILLAGE
        assert s.get_one(Recipient, three["tomorrow"]).id_number == numbers["tomorrow"]  # not yet due
        for g in s.scalars(select(Guardian).where(Guardian.recipient_id == three["old"])):
            assert (g.name, g.id_number, g.phone, g.address) == (retention.REMOVED_NAME, None, None, None)
        for m in s.scalars(select(HouseholdMember).where(HouseholdMember.recipient_id == three["old"])):
            assert (m.id_number, m.phone, m.work_place) == (None, None, None) and m.relation == "daughter"
        tomb = s.get_one(HouseholdMember, gone_id)
        assert tomb.deleted and (tomb.name, tomb.id_number, tomb.phone) == (retention.REMOVED_NAME, None, None)
        # the figures stay what they were
        assert {p: status_report(s, p) for p in before} == before
        # the audit trail: one removal row per record, naming the fields, and no value anywhere
        row = s.scalars(select(AuditEntry).where(AuditEntry.record_id == three["old"], AuditEntry.action == "update")
                        .order_by(AuditEntry.seq.desc())).first()
        assert row is not None and json.loads(row.changes_json)["id_number"] == [writes.REMOVED, ""]
        trail = "\n".join(s.scalars(select(AuditEntry.changes_json)))
        for key in ("old", "today"):
            assert numbers[key] not in trail
        assert numbers["tomorrow"] in trail and numbers["in_care"] in trail
        assert sum(k in trail for k in kin) == 4  # of six relatives' numbers, the two due people's are gone
        # two anonymised people are not one person registered twice
        assert list_duplicates(s) == []
        with pytest.raises(ValidationError, match="匿名"):
            lc.report(s, actor_for(s), three["old"], on=TODAY)
        with pytest.raises(ValidationError, match="匿名"):
            edit_recipient(s, actor_for(s), three["old"], phone="13800009999")
    with Session(village) as s, s.begin():
        assert retention.due(s, on=TODAY) == [] and retention.plan(s, on=TODAY).people == 0


def figures(s: Session) -> list[tuple[str, int, dict[str, object]]]:
    """The overview's counts per village (not its last-bundle column, which moves on)."""
    units = overview(s, "2020-Q4", today=TODAY).to_json()["units"]
    return [(u["code"], u["recipients"], u["four_ones"]) for u in units]


def test_the_removal_travels_to_the_township_and_the_period_travels_down(tmp_path: Path) -> None:
    offices = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    c, t, v = offices[COUNTY], offices[TOWNSHIP], offices[VILLAGE]
    with v.session() as s, s.begin():
        rid = person(s, v.actor(s), "石老根", 32, exited=D(2021, 12, 6))
        number = s.get_one(Recipient, rid).id_number
    t.import_(v.export(t).path)
    with t.session() as s, s.begin():
        assert s.get_one(Recipient, rid).id_number == number
        before = status_report(s, "2020-Q4"), figures(s)
        assert before[0]["villages"][0]["four_ones"]["visit"] == {"owed": 1, "done": 1, "rate": 1.0}
        with pytest.raises(SetupError, match="村的福利主任"):
            retention.apply(s, actor_for(s), on=TODAY)  # the village owns the fields
    with v.session() as s, s.begin():
        retention.apply(s, v.actor(s), on=TODAY)
    results = t.import_(v.export(t).path)
    assert results[0].accepted and results[0].conflicts == 0
    with t.session() as s, s.begin():
        r = s.get_one(Recipient, rid)
        assert (r.name, r.id_number, r.major_illness, r.anonymised_on) == (retention.ANONYMOUS_NAME, "", None, TODAY)
        assert all(g.id_number is None for g in s.scalars(select(Guardian).where(Guardian.recipient_id == rid)))
        assert (status_report(s, "2020-Q4"), figures(s)) == before
        assert number not in "\n".join(s.scalars(select(AuditEntry.changes_json)))
        assert retention.due(s, on=TODAY) == []
    # the county sets three years; the village receives it through the township
    with c.session() as s, s.begin():
        retention.set_years(s, actor_for(s), 3)
    t.import_(c.export(t).path)
    v.import_(t.export(v).path)
    with v.session() as s:
        assert retention.retention_rule(s).years == 3
        with pytest.raises(SetupError, match="县民政局"):
            retention.set_years(s, actor_for(s), 4)


def test_cli_apply_asks_first_and_changes_nothing_unasked(tmp_path: Path) -> None:
    import app.db

    db = app.db.database_url(tmp_path / "v.sqlite3")  # on a test server: that server's database

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", "--db", db, *args], capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, check=False)

    assert run("init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村").returncode == 0
    from app.db import open_database

    engine = open_database(db)
    with Session(engine) as s, s.begin():
        rid = person(s, actor_for(s), "石老根", 32, exited=D(2021, 12, 6))
    engine.dispose()
    due = json.loads(run("retention", "due", "--date", TODAY.isoformat(), "--json").stdout)
    assert [p["recipient_id"] for p in due["people"]] == [rid] and due["years"] == 5
    refused = run("retention", "apply", "--date", TODAY.isoformat())
    assert refused.returncode == 1 and "1 人" in refused.stderr and "--yes" in refused.stderr
    engine = open_database(db)
    with Session(engine) as s:
        assert s.execute(text("SELECT anonymised_on FROM recipients")).scalar() is None
    engine.dispose()
    done = run("retention", "apply", "--yes", "--json", "--date", TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["anonymised"] == 1
    shown = json.loads(run("recipients", "show", rid, "--json").stdout)
    assert shown["name"] == retention.ANONYMOUS_NAME and shown["id_number_masked"] == ""
    if db.startswith("sqlite"):  # `check` reads a SQLite file (a server database has pg_dump and its own checks)
        check = run("check", "--json")
        assert check.returncode == 0, check.stdout + check.stderr
    out = run("person", "export", rid, "--out", str(tmp_path / "p.pdf"), "--json")
    assert out.returncode == 0, out.stderr
    text_ = "".join(p.extract_text() for p in PdfReader(tmp_path / "p.pdf").pages)
    assert "石老根" not in text_ and retention.ANONYMOUS_NAME in text_
