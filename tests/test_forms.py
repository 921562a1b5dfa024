"""The ministry's forms for the province (issue 13, point 6): the per-child registration form,
the summary table with its cross-checks, and the report to the political-legal committee."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import Actor, this_office
from app.care.errors import ServiceError
from app.care.household import add_guardian, add_member
from app.care.periods import parse_period
from app.care.recipients import add_recipient
from app.cli import main
from app.db import open_database
from app.demo.generate import generate_demo
from app.models import AuditEntry
from app.reports.child_form import print_child_registration
from app.reports.child_form_data import children_in_period, split_place
from app.reports.committee import committee_report, export_committee, overall
from app.reports.forms_summary import BREAKDOWNS, export_summary, summary
from tests.conftest import VILLAGE
from tests.helpers import make_id

D = dt.date
TODAY = D(2026, 11, 28)
PERIOD = "2026-Q3"


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---- the per-child form ----------------------------------------------------------------------


def _child(session: Session, actor: Actor, *, name: str = "龙梓涵") -> str:
    address = "贵州省黔东南苗族侗族自治州黎平县德凤镇岩寨村三组十二号（村小学后面第二排木房，门前有一棵大枫树）"
    r = add_recipient(session, actor, name=name, id_number=make_id(D(2013, 5, 5), "female", seq=31),
                      categories=["left_behind_child"], village_code=VILLAGE, address=address,
                      ethnicity="侗族", school="岩寨小学", surveyed_on=D(2026, 1, 5))
    add_member(session, actor, r.id, name="龙建国", relation="father", phone="13800138000",
               works_away=True, work_place="广东省东莞市长安镇")
    add_member(session, actor, r.id, name="杨秀英", relation="mother", phone="13900139000",
               works_away=False, can_guard=False, notes="重病（尿毒症）")
    add_guardian(session, actor, r.id, kind="entrusted", name="龙奶奶", relation="grandmother",
                 id_number=make_id(D(1958, 2, 2), "female", seq=44), phone="13700137000",
                 address="岩寨村三组12号", start_date=D(2026, 1, 5))
    return r.id


def test_the_form_carries_the_childs_fields_from_the_register(session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = _child(session, actor)
    out = tmp_path / "child.pdf"
    result = print_child_registration(session, actor, rid, out, period=PERIOD, today=TODAY)
    session.commit()
    assert (result.children, result.pages) == (1, 1)
    text = flat(pdf_text(out))
    for value in ("农村留守儿童基本情况登记表", "龙梓涵", make_id(D(2013, 5, 5), "female", seq=31), "侗族",
                  "2013年5月5日", "13周岁", "岩寨小学", "■小学", "■健康", "龙建国", "广东省", "东莞市",
                  "13800138000", "杨秀英", "龙奶奶", "13700137000", make_id(D(1958, 2, 2), "female", seq=44),
                  "委托监护", "门前有一棵大枫树", "年龄按期末（2026年9月30日）计", "填表人", "审核人", "单位负责人"):
        assert value in text, value
    # one parent away and the other seriously ill: that guardianship situation, with its reason
    assert "■一方外出务工、另一方无监护能力" in text
    assert "父亲外出务工、母亲无监护能力（重病（尿毒症））" in text
    assert "家庭收入来源未登记" in text  # the register has no income sources
    # the full ID numbers were printed: logged
    logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "print",
                                                      AuditEntry.record_id == rid)).all()
    assert len(logged) == 1


def test_no_carer_is_assessed_poor_and_unrecorded_fields_say_so(session: Session, actor: Actor, tmp_path: Path) -> None:
    r = add_recipient(session, actor, name="吴小宝", id_number=make_id(D(2024, 3, 3), seq=33),
                      categories=["left_behind_child"], village_code=VILLAGE, surveyed_on=D(2026, 1, 5))
    add_member(session, actor, r.id, name="吴大山", relation="father", works_away=True, work_place="上海市松江区")
    add_member(session, actor, r.id, name="石花", relation="mother", works_away=True, work_place="浙江宁波")
    out = tmp_path / "alone.pdf"
    print_child_registration(session, actor, r.id, out, period=PERIOD, today=TODAY)
    text = flat(pdf_text(out))
    assert "■父母均外出务工" in text and "■差" in text and "无人监护" in text
    assert "未登记委托照护人" in text and "■未入园" in text  # two years old, no school
    assert "家庭住址未登记" in text


def test_a_character_no_font_has_is_reported_not_dropped(session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = _child(session, actor, name="李𡒄")  # U+21484: in no shipped font
    out = tmp_path / "refused.pdf"
    with pytest.raises(ServiceError) as refused:
        print_child_registration(session, actor, rid, out, period=PERIOD, today=TODAY)
    message = refused.value.message("zh_CN")
    assert "李𡒄" in message and "“𡒄”（U+21484）" in message and "未生成 PDF" in message
    assert not out.exists()


def test_work_places_split_into_province_and_city() -> None:
    assert split_place("广东省东莞市") == ("广东省", "东莞市")
    assert split_place("上海市松江区") == ("上海市", "松江区")
    assert split_place("广西柳州市") == ("广西", "柳州市")
    assert split_place("浙江宁波") == ("浙江", "宁波")
    assert split_place("在外地") == (None, "在外地")
    assert split_place(None) == (None, None)


# ---- the township demo -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def town_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The township demo as of TODAY, made once for this file."""
    folder = tmp_path_factory.mktemp("town")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GUANAI_HOME", str(folder / "home"))
        engine = open_database(folder / "town.sqlite3")
        generate_demo(engine, scale="township", today=TODAY)
        engine.dispose()
    yield folder / "town.sqlite3"


@pytest.fixture
def town(town_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "town.sqlite3"
    shutil.copy(town_db, copy)
    return copy


def test_the_summary_breakdowns_each_add_up_to_the_total(town: Path, tmp_path: Path) -> None:
    engine = open_database(town)
    out = tmp_path / "summary.xlsx"
    with Session(engine) as s:
        sm = summary(s, PERIOD)
        children, _ = children_in_period(s, parse_period(PERIOD), this_office(s).code)
        result = export_summary(s, out, PERIOD, today=TODAY)
    engine.dispose()
    assert sm.total.total == len(children) > 100 and result.checks_hold
    assert len(sm.units) == 25 and sum(u.total for u in sm.units) == sm.total.total
    for row in [*sm.units, sm.total]:
        for b in BREAKDOWNS:
            assert sum(row.by[b].values()) == row.total, (row.name, b)
    assert sm.total.by["situation"]["both_away"] > 0 and sm.total.by["situation"]["one_away_other_unable"] > 0

    # the spreadsheet shows the same: each group's 小计 equals the row's total, and says 相符
    ws = load_workbook(out)["汇总表"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[3]
    totals = [i for i, h in enumerate(head) if h == "小计"]
    body = rows[4:]
    assert len(body) == 26 and body[-1][1] == "合计" and body[-1][2] == sm.total.total
    for row in body:
        assert all(row[i] == row[2] for i in totals) and row[-1] == "相符"
        start = 3
        for i in totals:  # the group's own cells add up to its 小计
            assert sum(row[start:i]) == row[i]
            start = i + 1
    assert sum(r[2] for r in body[:-1]) == body[-1][2]
    checks = list(load_workbook(out)["勾稽关系"].iter_rows(values_only=True))[3:]
    assert checks and all(c[2] == c[3] and c[4] == "相符" for c in checks)


def test_the_committee_report_lists_the_laggards_worst_first(town: Path, tmp_path: Path) -> None:
    engine = open_database(town)
    with Session(engine) as s:
        c = committee_report(s, PERIOD)
        pdf = export_committee(s, tmp_path / "committee.pdf", PERIOD, today=TODAY)
        xlsx = export_committee(s, tmp_path / "committee.xlsx", PERIOD, today=TODAY)
    engine.dispose()
    rates = [overall(u) for u in c.laggards]
    assert len(rates) == 5 and rates == sorted(rates)  # type: ignore[type-var]
    rest = [overall(u) for u in c.units if u not in c.laggards and overall(u) is not None]
    assert max(rates) <= min(rest)  # type: ignore[type-var, operator]
    assert pdf.laggards == xlsx.laggards == [u.code for u in c.laggards]
    assert [q.label for q in c.quarters] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]

    text = pdf_text(pdf.path)
    section = text[text.index("二、工作落后的村"):text.index("三、")]
    positions = [section.index(u.name) for u in c.laggards]
    assert positions == sorted(positions)

    wb = load_workbook(xlsx.path)
    lag = list(wb["落后单位"].iter_rows(values_only=True))[3:]
    assert [r[1] for r in lag] == [u.code for u in c.laggards] and [r[0] for r in lag] == [1, 2, 3, 4, 5]
    assert len(wb["趋势"]._charts) == 1


def test_the_cli_commands(town: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(town)
    assert main(["--db", db, "report", "form", "summary", "--period", PERIOD, "--out", str(tmp_path / "s.xlsx"),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["checks_hold"] is True and out["rows"] == 25 and out["children"] > 100
    assert main(["--db", db, "report", "committee", "--period", PERIOD, "--out", str(tmp_path / "c.xlsx"), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["laggards"]) == 5
    assert main(["--db", db, "recipients", "list", "--json", "--category", "left_behind_child"]) == 0
    rid = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["--db", db, "report", "form", "child-registration", "--recipient", rid, "--period", PERIOD,
                 "--out", str(tmp_path / "one.pdf"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["children"] == 1
