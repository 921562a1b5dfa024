"""What a family signs names the right people and reads right on paper (issue 14, points
1–4): the entrusted carer chosen by guardian kind and the child's situation from the
household; every supporter of an elder with a line to sign; rows that grow with their
text, never across a border; number, name and QR code on every page; 副本 on the reprint of
a signed one; a signature line for every party; back-dated terms only when confirmed;
agreement numbers unique across the laptops of an office, and `print match` exact."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import programmes as pg
from app.care import writes
from app.care.context import Actor
from app.care.errors import NotFoundError, ValidationError
from app.care.household import MemberRow, add_guardian, add_member
from app.care.recipients import add_recipient
from app.care.registers import agreement_parties
from app.models import Agreement
from app.reports import qr
from app.reports.agreement_data import child_situation
from app.reports.printing import match_agreement, print_agreements, print_one
from tests.conftest import VILLAGE
from tests.helpers import make_id
from tests.pdf_layout import crossings, document

D = dt.date
TODAY = D(2026, 3, 2)
ADDRESS = ("贵州省黔东南苗族侗族自治州黎平县岩洞镇岩寨村三组一百二十号，村委会老房子旁边小巷子里面左手边"
           "第三户人家，门口有一棵大樟树，樟树下有石凳，东边是晒谷坪，西边是小学的围墙，南边是通往镇上的公路，"
           "北边是后山的茶园")[:120]
WORK_PLACE = "浙江省宁波市北仑区小港街道某某电子科技有限公司第三生产车间装配流水线二组宿舍"[:40]
SCHOOL = "黎平县岩洞镇中心小学附属岩寨教学点寄宿部（东校区）第一分部四年级"[:40]


def pages_text(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(path).pages]


def flat(path: Path) -> str:
    return "".join("".join(pages_text(path)).split())


def child(session: Session, actor: Actor, *, mother_away: bool = True, mother_can_guard: bool = True,
          father_first: bool = True, carer: bool = True, name: str = "欧阳梓涵", seq: int = 31) -> str:
    """A left-behind child whose father was recorded as a guardian before the carer."""
    r = add_recipient(session, actor, name=name, id_number=make_id(D(2015, 5, 5), "female", seq=seq),
                      categories=["left_behind_child"], village_code=VILLAGE, address=ADDRESS, school=SCHOOL,
                      surveyed_on=D(2026, 1, 5))
    add_member(session, actor, r.id, name="欧阳建国", relation="father", phone="13800138000", works_away=True,
               work_place=WORK_PLACE)
    add_member(session, actor, r.id, name="杨秀英", relation="mother", phone="13900139000",
               works_away=mother_away, work_place="广东东莞" if mother_away else None, can_guard=mother_can_guard)
    if father_first:
        add_guardian(session, actor, r.id, kind="parent", name="欧阳建国", relation="father",
                     phone="13800138000", start_date=D(2025, 1, 1))
    if carer:
        add_guardian(session, actor, r.id, kind="entrusted", name="龙桂芝", relation="grandmother",
                     id_number=make_id(D(1958, 2, 2), "female", seq=44), phone="13700137000", address=ADDRESS,
                     start_date=D(2026, 1, 5))
    return r.id


# ---- 1. the entrusted carer, and the child's situation -------------------------------------

def test_the_confirmation_names_the_entrusted_carer_not_the_father_away(
        session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = child(session, actor, mother_away=False, mother_can_guard=False)
    parties = agreement_parties(session, rid, on=TODAY)
    assert parties.guardians[0].name == "欧阳建国"  # recorded first…
    carer = parties.guardian_for("entrusted_guardianship")
    assert carer is not None and carer != parties.guardians[0].id  # …and not the one chosen
    out = tmp_path / "eg.pdf"
    print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    text = flat(out)
    assert "委托龙桂芝（与儿童关系：祖母/外祖母）照护被监护儿童" in text
    assert "委托欧阳建国" not in text
    assert "欧阳梓涵的父亲外出务工，母亲无监护能力，不能完全履行监护职责" in text
    a = session.scalars(select(Agreement).where(Agreement.recipient_id == rid)).one()
    assert a.guardian_id == carer


def test_both_parents_away_is_what_the_preamble_says(session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = child(session, actor, father_first=False)
    out = tmp_path / "eg.pdf"
    print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    assert "欧阳梓涵的父母均外出务工，不能完全履行监护职责" in flat(out)


def test_child_situation_from_the_household_record() -> None:
    def parent(relation: str, away: bool, can_guard: bool = True) -> MemberRow:
        return MemberRow("", "某", relation, None, None, away, None, can_guard, None)

    assert child_situation([parent("father", True), parent("mother", True)]) == "父母均外出务工"
    assert child_situation([parent("father", False, False), parent("mother", True)]) == "母亲外出务工，父亲无监护能力"
    assert child_situation([parent("father", True), parent("mother", False)]) is None  # a mother at home cares
    assert child_situation([parent("father", True)]) is None  # the mother not recorded: written on site
    # the condition recorded on the person decides; the household names the parent away
    assert child_situation([parent("father", True), parent("mother", False)], "both_away") == "父母均外出务工"
    assert child_situation([parent("father", True), parent("mother", False)],
                           "one_away_other_unable") == "父亲外出务工，母亲无监护能力"
    assert child_situation([], "one_away_other_unable") == "一方外出务工，另一方无监护能力"


def test_no_carer_recorded_refuses_to_draft_saying_what_to_record(
        session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = child(session, actor, carer=False)
    session.commit()
    out = tmp_path / "none.pdf"
    with pytest.raises(ValidationError) as refused:
        print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    session.rollback()
    message = refused.value.message("zh_CN")
    assert "委托监护人" in message and "外出务工的父母不能作为受委托监护人" in message
    assert refused.value.field == "guardian"
    assert not out.exists()
    assert session.scalars(select(Agreement).where(Agreement.recipient_id == rid)).first() is None
    # Naming the father by hand is refused as well.
    father = agreement_parties(session, rid, on=TODAY).guardians[0].id
    with pytest.raises(ValidationError, match="不是委托照护人"):
        pg.draft_agreement(session, actor, rid, kind="entrusted_guardianship", guardian_id=father, on=TODAY)


# ---- 2. every supporter --------------------------------------------------------------------

def test_the_family_support_pledge_names_every_supporter_with_a_line_to_sign(
        session: Session, actor: Actor, tmp_path: Path) -> None:
    e = add_recipient(session, actor, name="张德福", id_number=make_id(D(1946, 8, 14), seq=9),
                      categories=["left_behind_elder"], village_code=VILLAGE, surveyed_on=D(2026, 1, 5))
    for name, relation in (("张大军", "son"), ("张二妹", "daughter"), ("张三军", "son")):
        add_guardian(session, actor, e.id, kind="supporter", name=name, relation=relation,
                     phone="13600136000", start_date=D(2026, 1, 5))
    add_guardian(session, actor, e.id, kind="supporter", name="张老四", relation="son",
                 start_date=D(2020, 1, 5), end_date=D(2025, 1, 1))  # no longer a supporter
    out = tmp_path / "fs.pdf"
    print_one(session, actor, "family-support", e.id, out, on=TODAY)
    text = flat(out)
    assert "赡养人张大军（儿子）、张二妹（女儿）、张三军（儿子）自愿作出如下承诺" in text
    for name in ("张大军", "张二妹", "张三军"):
        assert f"赡养人（{name}）签字" in text
    assert "赡养人（一）" in text and "赡养人（三）" in text
    assert "张老四" not in text


# ---- 3. on paper ---------------------------------------------------------------------------

def test_long_text_stays_inside_its_cell(session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = child(session, actor)
    out = tmp_path / "long.pdf"
    print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    pdf = document(out)
    for i in range(len(pdf)):
        assert crossings(pdf[i]) == [], f"page {i + 1}: text across a border"
    text = flat(out)
    for whole in (ADDRESS, WORK_PLACE, SCHOOL):  # all of it printed, none cut off
        assert "".join(whole.split()) in text


def test_the_border_check_sees_text_across_a_border(tmp_path: Path) -> None:
    """The check itself: a paragraph drawn over a line is found."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from app.reports import fonts

    path = tmp_path / "crossed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(fonts.chain()[0].name, 12)
    c.drawString(100, 500, "家庭住址")
    c.line(90, 504, 300, 504)
    c.save()
    assert crossings(document(path)[0])


def test_every_page_carries_number_name_and_qr(session: Session, actor: Actor, tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    ids = [child(session, actor, name=n, seq=s) for n, s in (("欧阳梓涵", 31), ("吴思远", 32), ("龙晓雨", 33))]
    drafted = [pg.draft_agreement(session, actor, rid, kind="entrusted_guardianship",
                                  guardian_id=agreement_parties(session, rid).guardian_for("entrusted_guardianship"),
                                  on=TODAY) for rid in ids]
    out = tmp_path / "batch.pdf"
    result = print_agreements(session, actor, [a.id for a in drafted], out, on=TODAY)
    assert result.pages > len(drafted)  # each runs over a page
    pages = pages_text(out)
    pdf = document(out)
    names = {a.id: n for a, n in zip(drafted, ("欧阳梓涵", "吴思远", "龙晓雨"), strict=True)}
    owner = None
    for i, text in enumerate(pages):
        image = pdf[i].render(scale=200 / 72).to_pil()
        found = [b.text for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
        assert len(found) == 1, f"page {i + 1}: one QR code"
        owner = qr.parse(found[0])
        a = next(a for a in drafted if a.id == owner)
        assert a.number in text and names[a.id] in text, f"page {i + 1}"


def test_a_reprint_of_a_signed_agreement_is_marked_copy(session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = child(session, actor)
    first = tmp_path / "first.pdf"
    print_one(session, actor, "entrusted-guardianship", rid, first, on=TODAY)
    assert "副本" not in "".join(pages_text(first))
    a = session.scalars(select(Agreement).where(Agreement.recipient_id == rid)).one()
    pg.mark_signed(session, actor, a.id, on=D(2026, 3, 5))
    again = tmp_path / "again.pdf"
    result = print_one(session, actor, "entrusted-guardianship", rid, again, on=D(2026, 3, 9))
    assert result.numbers == (a.number,) and a.status == "signed"
    assert all("副本" in text for text in pages_text(again))


def test_temporary_guardianship_has_a_line_for_every_party(session: Session, actor: Actor, tmp_path: Path) -> None:
    r = add_recipient(session, actor, name="陈志兴", id_number=make_id(D(1966, 8, 14), seq=7),
                      categories=["severe_disability"], village_code=VILLAGE, disability_type="physical",
                      disability_grade=1, self_care="none", surveyed_on=D(2026, 1, 5))
    add_guardian(session, actor, r.id, kind="supporter", name="陈志华", relation="sibling", start_date=D(2026, 1, 5))
    add_guardian(session, actor, r.id, kind="temporary", name="陈志明", relation="sibling", start_date=D(2026, 1, 5))
    out = tmp_path / "tg.pdf"
    print_one(session, actor, "temporary-guardianship", r.id, out, on=TODAY)
    text = flat(out)
    assert "由陈志明（与被监护人关系：兄弟姐妹）担任临时监护人" in text  # the temporary guardian by kind
    assert "临时监护人、村民委员会和乡镇民政办各执一份" in text
    for line in ("临时监护人签字", "被监护人或其近亲属签字", "村民委员会（盖章）", "民政办（盖章）"):
        assert line in text, line


def test_a_term_before_the_drafting_date_needs_confirming(session: Session, actor: Actor) -> None:
    rid = child(session, actor)
    carer = agreement_parties(session, rid).guardian_for("entrusted_guardianship")
    with pytest.raises(ValidationError) as refused:
        pg.draft_agreement(session, actor, rid, kind="entrusted_guardianship", guardian_id=carer,
                           term_start=D(2025, 9, 1), on=TODAY)
    assert refused.value.field == "term_start" and "补签" in refused.value.message("zh_CN")
    a = pg.draft_agreement(session, actor, rid, kind="entrusted_guardianship", guardian_id=carer,
                           term_start=D(2025, 9, 1), on=TODAY, backdated=True)
    assert (a.term_start, a.drafted_on) == (D(2025, 9, 1), TODAY)
    later = pg.draft_agreement(session, actor, rid, kind="entrusted_guardianship", guardian_id=carer,
                               term_start=D(2026, 4, 1), on=TODAY)
    assert later.term_start == D(2026, 4, 1)


def test_the_cli_asks_for_backdated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    db = str(tmp_path / "b.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "recipients", "add", "--name", "吴老汉", "--id-number",
                 make_id(D(1944, 5, 5), seq=40), "--category", "left_behind_elder", "--json"]) == 0
    rid = json.loads(capsys.readouterr().out)["id"]
    args = ["--db", db, "print", "agreement", "--kind", "family-support", "--recipient", rid,
            "--out", str(tmp_path / "a.pdf"), "--date", "2026-03-02", "--term-start", "2025-01-01"]
    assert main(args) == 1
    assert "补签" in capsys.readouterr().err and not (tmp_path / "a.pdf").exists()
    assert main([*args, "--backdated", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["agreements"] == 1
    from app.db import open_database

    engine = open_database(db)  # the same database the CLI used (on a server too)
    with Session(engine) as s:
        assert s.scalars(select(Agreement.term_start)).one() == D(2025, 1, 1)
    engine.dispose()


# ---- 4. numbers ----------------------------------------------------------------------------

def test_two_laptops_drafting_offline_number_apart(session: Session, actor: Actor) -> None:
    rid = child(session, actor)
    carer = agreement_parties(session, rid).guardian_for("entrusted_guardianship")
    session.commit()
    laptops = [dataclasses.replace(actor, laptop_id=str(uuid.uuid4())) for _ in range(2)]
    numbers = []
    for laptop in laptops:  # each from the same data, unaware of the other's draft
        a = pg.draft_agreement(session, laptop, rid, kind="entrusted_guardianship", guardian_id=carer, on=TODAY)
        numbers.append(a.number)
        session.rollback()
    assert numbers[0] != numbers[1]
    assert all(n.startswith(f"{VILLAGE}-2026-0001-") for n in numbers)
    assert [n.rsplit("-", 1)[1] for n in numbers] == [pg.laptop_tag(x.laptop_id) for x in laptops]


def test_old_numbers_stay_valid_and_match_is_exact(session: Session, actor: Actor) -> None:
    one = child(session, actor)
    other = child(session, actor, name="吴思远", seq=32)
    carer = agreement_parties(session, one).guardian_for("entrusted_guardianship")
    other_carer = agreement_parties(session, other).guardian_for("entrusted_guardianship")

    def old(rid: str, guardian: str | None, number: str) -> Agreement:
        # As two laptops numbered them before the tag: the same number for two families.
        return writes.create(session, actor, Agreement, recipient_id=rid, kind="entrusted_guardianship",
                             number=number, guardian_id=guardian, responsible_person_id=None,
                             status="drafted", term_start=TODAY, term_end=None, drafted_on=TODAY)

    mine = old(one, carer, f"{VILLAGE}-2026-0027")
    assert match_agreement(session, f"{VILLAGE}-2026-0027").id == mine.id  # an old number still matches
    theirs = old(other, other_carer, f"{VILLAGE}-2026-0027")
    with pytest.raises(ValidationError) as shared:
        match_agreement(session, f"{VILLAGE}-2026-0027")
    assert "二维码" in shared.value.message("zh_CN") and "吴思远" in shared.value.message("zh_CN")
    assert match_agreement(session, qr.payload(theirs.id)).recipient_id == other
    new = pg.draft_agreement(session, actor, one, kind="entrusted_guardianship", guardian_id=carer, on=TODAY)
    assert new.number == f"{VILLAGE}-2026-0028-{pg.laptop_tag(actor.laptop_id)}"  # after the old ones
    assert match_agreement(session, new.number.lower()).id == new.id
    with pytest.raises(NotFoundError):
        match_agreement(session, f"{VILLAGE}-2026-0028")  # not a prefix match: exact or nothing


def test_laptop_tags_differ_and_read_unambiguously() -> None:
    tags = {pg.laptop_tag(str(uuid.uuid4())) for _ in range(200)}
    assert len(tags) >= 195 and all(len(t) == 4 and not set(t) & set("ILOU") for t in tags)
