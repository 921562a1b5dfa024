"""The county changes the assessment's scoring rules (issue 13, point 3): on the command line
(`guanai assessment rules [set KEY …]`, county only, a clear refusal elsewhere) and in the
考核 page's dialog; the change is audited and travels down; a draft scored again uses the new
rules, a submitted sheet keeps its scores."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.errors import ValidationError
from app.care.offices import init_office
from app.cli import main
from app.db import open_database
from app.models import AssessmentRule, AuditEntry
from app.oversight import assessment
from app.oversight.assessment_rules import RuleChange, list_rules, set_rules
from app.ui.oversight.assessment_page import AssessmentPage, RulesDialog
from app.ui.store import Store
from tests.helpers import ui_context
from tests.sync_offices import COUNTY, TOWNSHIP, VILLAGE, VILLAGE2, chain, register

TODAY = dt.date.today()
PERIOD = f"{TODAY.year - 1}-H1"


def _carry(src, dst) -> None:  # noqa: ANN001
    (result,) = dst.import_(src.export(dst).path)
    assert result.accepted, result.reason


def _points(office, key: str) -> int:  # noqa: ANN001
    with office.session() as s:
        return next(r.points for r in list_rules(s) if r.key == key)


def test_a_rule_change_travels_down_and_rescores_drafts_only(tmp_path):
    offices = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE, VILLAGE2)
    county, township = offices[COUNTY], offices[TOWNSHIP]
    for code, name in ((VILLAGE, "赵大爷"), (VILLAGE2, "钱奶奶")):
        register(offices[code], name)
        _carry(offices[code], township)
    with township.session() as s, s.begin():
        actor = township.actor(s)
        for code in (VILLAGE, VILLAGE2):
            assessment.score(s, actor, village=code, period=PERIOD, manual={"records": (5, "齐全")})
        submitted = assessment.submit(s, actor, village=VILLAGE, period=PERIOD)
        with pytest.raises(ValidationError, match="县民政局制定") as refused:
            set_rules(s, actor, {"call_rate": RuleChange(points=20)})
        assert refused.value.field == "role"
    before = {i.key: (i.score, i.max_score) for i in submitted.items}
    with county.session() as s, s.begin():
        set_rules(s, county.actor(s), {"call_rate": RuleChange(points=20, name="电话随访完成率（按月）"),
                                       "records": RuleChange(points=8)})
        audited = s.scalars(select(AuditEntry.changes_json).where(AuditEntry.table_name == "assessment_rules",
                                                                  AuditEntry.action == "update")).all()
        assert len(audited) == 2 and any("电话随访完成率（按月）" in a for a in audited)
    _carry(county, township)
    assert (_points(township, "call_rate"), _points(township, "records")) == (20, 8)
    with township.session() as s, s.begin():
        rule = s.scalars(select(AssessmentRule).where(AssessmentRule.key == "call_rate")).one()
        assert (rule.name, rule.set_by_office) == ("电话随访完成率（按月）", COUNTY)
        draft = assessment.score(s, township.actor(s), village=VILLAGE2, period=PERIOD)
        kept = assessment.get_sheet(s, VILLAGE, PERIOD)
    lines = {i.key: i for i in draft.items}
    assert (lines["call_rate"].max_score, lines["records"].max_score) == (20, 8)
    assert lines["call_rate"].name == "电话随访完成率（按月）"
    assert lines["records"].score == 5  # the hand score is kept, now out of 8
    assert kept.status == "submitted" and {i.key: (i.score, i.max_score) for i in kept.items} == before
    assert kept.total == submitted.total


def test_set_rules_refuses_bad_changes_and_changes_nothing(tmp_path):
    county = chain(tmp_path, COUNTY)[COUNTY]
    with county.session() as s, s.begin():
        actor = county.actor(s)
        with pytest.raises(ValidationError, match="从高到低"):
            set_rules(s, actor, {"good": RuleChange(points=95)})
        with pytest.raises(Exception, match="找不到考核评分项“nosuch”"):
            set_rules(s, actor, {"nosuch": RuleChange(points=5)})
        with pytest.raises(ValidationError, match="0 到 100"):
            set_rules(s, actor, {"records": RuleChange(points=101)})
        with pytest.raises(ValidationError, match="名称不能为空"):
            set_rules(s, actor, {"records": RuleChange(name="  ")})
    assert _points(county, "good") == 80 and _points(county, "records") == 5


@pytest.fixture
def county_db(tmp_path: Path) -> str:
    path = tmp_path / "county.sqlite3"
    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role="county", code=COUNTY, name="黎平县", operator="县民政局")
    engine.dispose()
    return str(path)


def test_cli_lists_and_sets_rules_at_the_county_only(county_db, tmp_path, capsys):
    assert main(["--db", county_db, "assessment", "rules", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["items_total"] == 100 and {r["key"] for r in listed["rules"]} >= {"call_rate", "excellent"}
    code = main(["--db", county_db, "assessment", "rules", "set", "visit_rate", "--points", "20", "--name", "实地走访",
                 "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    changed = json.loads(out)
    assert changed["items_total"] == 105
    assert next(r for r in changed["rules"] if r["key"] == "visit_rate")["name"] == "实地走访"
    assert main(["--db", county_db, "assessment", "rules"]) == 0
    out, err = capsys.readouterr()
    assert "visit_rate\t实地走访\t数据\t20" in out and "不是 100 分" in err
    township = tmp_path / "t.sqlite3"
    engine = open_database(township)
    with Session(engine) as s, s.begin():
        init_office(s, role="township", code=TOWNSHIP, name="茅贡镇", parent=COUNTY, operator="李督导")
    engine.dispose()
    assert main(["--db", str(township), "assessment", "rules", "set", "visit_rate", "--points", "5"]) == 1
    assert "考核评分规则由县民政局制定" in capsys.readouterr().err


def test_the_county_edits_the_rules_in_the_assessment_page(qtbot: Any, county_db: str, background: Any):
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from app.fonts import CJK_FAMILY, CJK_FONT

    QFontDatabase.addApplicationFont(str(CJK_FONT))  # the shipped font, as the app loads it
    QApplication.instance().setFont(QFont(CJK_FAMILY, 11))  # type: ignore[union-attr]
    ctx = ui_context(Store.open(county_db), background)
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: ctx.background.pending == 0 and bool(page.rules), timeout=20_000)
    assert page.rules_button.isEnabled()
    page.edit_rules()
    dialog = page.dialog
    assert isinstance(dialog, RulesDialog)
    box, name = dialog.rows["call_rate"]
    box.setValue(20)
    name.setText("电话随访完成率（按月）")
    dialog.rows["visit_rate"][0].setValue(10)
    assert "100 分" in dialog.total.text() and "不是" not in dialog.total.text()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "assessment-rules.png"))
    dialog.rows["excellent"][0].setValue(50)  # below 良好: refused, shown in the dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20_000)
    assert "从高到低" in dialog.error.text()
    with Session(ctx.store.engine) as s:
        assert next(r.points for r in list_rules(s) if r.key == "call_rate") == 15
    dialog.rows["excellent"][0].setValue(90)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=20_000)
    with Session(ctx.store.engine) as s:
        rules = {r.key: r for r in list_rules(s)}
    assert (rules["call_rate"].points, rules["call_rate"].name, rules["visit_rate"].points) == (
        20, "电话随访完成率（按月）", 10)
    assert rules["excellent"].points == 90
