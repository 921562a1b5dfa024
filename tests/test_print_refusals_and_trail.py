"""Every PDF refuses a character no font can draw, naming the person and the character
(never 张𰻞 printed as 张); the compliance PDF embeds every font it declares and prints
the same percentages in its chart as in its table; and every file with full ID numbers
leaves an audit row saying who made it, what, for how many people and where (issue 14,
points 5 and 6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import Actor
from app.care.errors import ServiceError
from app.care.household import add_guardian, add_member
from app.care.lifecycle import confirm, departments_concerned, report, review
from app.care.recipients import add_recipient, get_recipient
from app.care.schedule import Figures
from app.models import AuditEntry
from app.reports import fonts
from app.reports.audit_export import ACTION
from app.reports.compliance import Line, compliance_report
from app.reports.compliance_pdf import write_compliance_pdf
from app.reports.printing import print_one
from app.reports.profile_pdf import print_profile
from app.reports.roster_export import export_roster
from app.reports.roster_pdf import print_roster
from tests.conftest import VILLAGE
from tests.helpers import LEFT_BEHIND, make_id

D = dt.date
TODAY = D(2026, 3, 2)
BIANG = "𰻞"  # U+30EDE, CJK Extension G: in none of the shipped fonts


def person(session: Session, actor: Actor, name: str, seq: int = 5) -> str:
    r = add_recipient(session, actor, **LEFT_BEHIND, name=name, id_number=make_id(D(1950, 3, 3), seq=seq),
                      categories=["left_behind_elder"], village_code=VILLAGE, address="岩寨村二组",
                      surveyed_on=D(2026, 1, 5))
    return r.id


def disclosures(session: Session) -> list[tuple[AuditEntry, dict[str, object]]]:
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action == ACTION).order_by(AuditEntry.seq)).all()
    return [(e, json.loads(e.changes_json)) for e in rows]


# ---- 5. characters no font can draw --------------------------------------------------------

def test_the_roster_and_profile_refuse_a_character_no_font_has(
        session: Session, actor: Actor, tmp_path: Path) -> None:
    assert fonts.missing(f"张{BIANG}") == [BIANG]
    rid = person(session, actor, f"张{BIANG}")
    other = person(session, actor, "李秀英", seq=6)
    add_guardian(session, actor, other, kind="supporter", name=f"李{BIANG}", relation="son", start_date=D(2026, 1, 5))
    session.flush()
    roster = tmp_path / "roster.pdf"
    with pytest.raises(ServiceError) as refused:
        print_roster(session, roster, on=TODAY)
    message = refused.value.message("zh_CN")
    assert message.startswith("花名册：") and f"张{BIANG}" in message and "U+30EDE" in message
    assert f"李秀英（李{BIANG}" in message  # the guardian's name, under the person it is printed with
    assert "未生成 PDF" in message and not roster.exists()

    profile = tmp_path / "profile.pdf"
    with pytest.raises(ServiceError) as refused:
        print_profile(session, rid, profile, on=TODAY)
    assert f"张{BIANG}" in refused.value.message("zh_CN") and "U+30EDE" in refused.value.message("zh_CN")
    assert not profile.exists()
    assert disclosures(session) == []  # nothing was made, nothing disclosed


def test_the_compliance_pdf_refuses_a_village_name_no_font_has(session: Session, tmp_path: Path) -> None:
    report = compliance_report(session, "2026-Q1")
    renamed = dataclasses.replace(report, office_name=f"{BIANG}寨村")
    out = tmp_path / "c.pdf"
    with pytest.raises(ServiceError) as refused:
        write_compliance_pdf(renamed, out, today=TODAY)
    assert f"{BIANG}寨村" in refused.value.message("zh_CN") and not out.exists()


def test_the_compliance_pdf_embeds_its_fonts_and_chart_equals_table(session: Session, tmp_path: Path) -> None:
    report = compliance_report(session, "2026-Q1")
    # 5 of 11 calls: 45.45…% — a bar rounded to a tenth first (45.5) labelled itself 46.
    figures = Figures(VILLAGE, "岩寨村", recipients=11)
    figures.four_ones["call"] = {"owed": 11, "done": 5}
    figures.four_ones["visit"] = {"owed": 8, "done": 5}  # 62.5%: half up, 63
    report = dataclasses.replace(report, villages=[Line("village", figures)], total=Line("village", figures))
    out = tmp_path / "c.pdf"
    write_compliance_pdf(report, out, today=TODAY)
    reader = PdfReader(out)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            assert desc is not None and "/FontFile2" in desc.get_object(), font["/BaseFont"]
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    words = text.split()
    assert "45%" in words and "63%" in words  # the table
    assert "45" in words and "63" in words  # the chart's bar labels
    assert "46" not in words and "62" not in words and "62%" not in words


# ---- 6. who let full ID numbers out, where -------------------------------------------------

def test_printing_and_exporting_id_numbers_leaves_an_audit_row(
        session: Session, actor: Actor, tmp_path: Path) -> None:
    from app.reports.child_form import print_child_registration

    elder = person(session, actor, "吴老汉")
    add_guardian(session, actor, elder, kind="supporter", name="吴大山", relation="son", start_date=D(2026, 1, 5))
    child = add_recipient(session, actor, **LEFT_BEHIND, name="龙梓涵", id_number=make_id(D(2015, 5, 5), "female", seq=31),
                          categories=["left_behind_child"], village_code=VILLAGE, surveyed_on=D(2026, 1, 5))
    add_member(session, actor, child.id, name="龙建国", relation="father", works_away=True, work_place="浙江宁波")
    add_member(session, actor, child.id, name="杨秀英", relation="mother", works_away=True, work_place="广东东莞")
    for rid in (elder, child.id):
        report(session, actor, rid, on=D(2026, 1, 6))
        for dept in departments_concerned(get_recipient(session, rid).categories):
            review(session, actor, rid, department=dept, decision="approve", on=D(2026, 1, 7), doc_no="县民〔2026〕1号")
        confirm(session, actor, rid, on=D(2026, 1, 8), doc_no="县民〔2026〕1号")

    made = {
        "agreement": print_one(session, actor, "family-support", elder, tmp_path / "a.pdf", on=TODAY).path,
        "profile": tmp_path / "p.pdf",
        "roster_export": tmp_path / "r.xlsx",
        "child_registration": tmp_path / "f.pdf",
    }
    print_profile(session, elder, made["profile"], on=TODAY)
    exported = export_roster(session, made["roster_export"], full_ids=True)
    print_child_registration(session, actor, child.id, made["child_registration"], period="2026-Q1", today=TODAY)
    session.flush()
    found = disclosures(session)
    by_document = {c["document"]: (e, c) for e, c in found}
    assert set(by_document) == set(made)
    for document, path in made.items():
        entry, changes = by_document[document]
        assert changes["file"] == str(Path(path).resolve()) and changes["id_numbers"] == "full"
        assert (entry.user, entry.office_code, entry.table_name) == (actor.user, VILLAGE, "recipients")
    assert by_document["roster_export"][1]["people"] == exported.rows == 2
    assert by_document["agreement"][1]["people"] == 1 and by_document["agreement"][0].record_id == elder
    assert by_document["profile"][0].record_id == elder
    assert by_document["child_registration"][0].record_id == child.id

    # The roster PDF shows masked numbers only: nothing to log.
    print_roster(session, tmp_path / "roster.pdf", on=TODAY)
    session.flush()
    assert len(disclosures(session)) == len(made)
