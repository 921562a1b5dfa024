"""Printed agreements: each kind renders with its parties' details as extractable text in
an embedded (subset) CJK font, missing data prints as blanks, rare characters print or are
refused before any PDF exists, the QR code decodes back to the agreement, printing marks
agreements printed, a county's own template wins, and the signed copy is recorded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.context import Actor
from app.care.errors import ServiceError
from app.care.household import add_guardian, add_member
from app.care.programmes import draft_agreement
from app.care.recipients import add_recipient
from app.models import Agreement, Attachment, AuditEntry
from app.reports import fonts, qr
from app.reports.printing import find_by_qr, pending_ids, print_agreements, print_one, record_signed
from tests.conftest import VILLAGE
from tests.helpers import make_id

D = dt.date
TODAY = D(2026, 3, 2)


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Base font name of every font the pages draw text with (a Tf operator) → whether the
    font program is embedded (FontFile2). ReportLab lists Helvetica in every resource
    dictionary; it is not drawn with, so it does not count."""
    out: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        content = page.get_contents().get_data()
        for key, font in page["/Resources"]["/Font"].items():
            if f"{key} ".encode() not in content:
                continue
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            out[str(font["/BaseFont"])] = desc is not None and "/FontFile2" in desc.get_object()
    return out


def child_with_parents(session: Session, actor: Actor, *, name: str = "龙梓涵", guardian: bool = True) -> str:
    r = add_recipient(session, actor, name=name, id_number=make_id(D(2015, 5, 5), "female", seq=31),
                      categories=["left_behind_child"], village_code=VILLAGE, address="岩寨村三组12号",
                      school="岩寨小学", surveyed_on=D(2026, 1, 5))
    add_member(session, actor, r.id, name="龙建国", relation="father", phone="13800138000",
               works_away=True, work_place="浙江宁波")
    add_member(session, actor, r.id, name="杨秀英", relation="mother", phone="13900139000",
               works_away=True, work_place="广东东莞")
    if guardian:
        add_guardian(session, actor, r.id, kind="entrusted", name="龙奶奶", relation="grandmother",
                     id_number=make_id(D(1958, 2, 2), "female", seq=44), phone="13700137000",
                     address="岩寨村三组12号", start_date=D(2026, 1, 5))
    return r.id


def test_entrusted_guardianship_prints_parties_and_embeds_the_font(
        session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = child_with_parents(session, actor)
    out = tmp_path / "eg.pdf"
    result = print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    session.commit()
    text = pdf_text(out)
    child_id = make_id(D(2015, 5, 5), "female", seq=31)
    for expected in ("农村留守儿童委托监护责任确认书", "龙梓涵", child_id, "龙建国", "浙江宁波", "13800138000",
                     "杨秀英", "广东东莞", "龙奶奶", make_id(D(1958, 2, 2), "female", seq=44), "13700137000",
                     "每周至少与儿童和受委托监护人联系一次", "村民委员会（盖章）", result.numbers[0]):
        assert expected in text, expected
    assert "None" not in text
    used = embedded_fonts(out)
    assert used and all(used.values())  # every font carries its glyphs
    assert all("+" in name for name in used)  # ...as a subset (ABCDEF+Name)
    a = session.scalars(select(Agreement).where(Agreement.recipient_id == rid)).one()
    assert (a.status, a.printed_on, a.guardian_id is not None) == ("printed", TODAY, True)
    audited = session.scalars(select(AuditEntry).where(AuditEntry.record_id == a.id)).all()
    assert any(e.action == "update" and "printed_on" in e.changes_json for e in audited)


def test_each_kind_renders_for_demo_recipients(village: Engine, tmp_path: Path) -> None:
    from app.care.context import actor_for
    from app.demo.generate import generate_demo
    from app.models import Recipient

    generate_demo(village, scale="village", today=TODAY)
    with Session(village) as s, s.begin():
        actor = actor_for(s)
        for kind in ("family-support", "entrusted-guardianship", "temporary-guardianship", "care-responsibility"):
            ids = pending_ids(s, kind)[:3]
            if not ids:
                continue
            out = tmp_path / f"{kind}.pdf"
            result = print_agreements(s, actor, ids, out, on=TODAY)
            text = pdf_text(out)
            assert result.agreements == len(ids) and "None" not in text
            for a in s.scalars(select(Agreement).where(Agreement.id.in_(ids))):
                r = s.get(Recipient, a.recipient_id)
                assert r.name in text and r.id_number in text and a.number in text
                assert a.status == "printed" and a.printed_on is not None
            # two pages each, numbered within each agreement
            assert text.count("第 1 页") == len(ids) and "共 2 页" in text


def test_missing_guardian_and_phone_print_as_blanks(session: Session, actor: Actor, tmp_path: Path) -> None:
    r = add_recipient(session, actor, name="陈志兴", id_number=make_id(D(1946, 8, 14), seq=9),
                      categories=["severe_disability"], village_code=VILLAGE, disability_type="physical",
                      disability_grade=1, self_care="none", surveyed_on=D(2026, 1, 5))
    a = draft_agreement(session, actor, r.id, kind="temporary_guardianship", on=TODAY)
    out = tmp_path / "t.pdf"
    print_agreements(session, actor, [a.id], out, on=TODAY)
    text = pdf_text(out)
    assert "临时监护人（尚未登记，请现场填写）" in text
    assert "由__________（与被监护人关系：__________）担任临时监护人" in text
    assert "None" not in text and "null" not in text


def test_qr_code_on_the_page_decodes_to_the_agreement(session: Session, actor: Actor, tmp_path: Path) -> None:
    """Decoded by zxing-cpp (a real QR reader, binary wheel without system libraries) from
    the PDF page rasterised by pdfium, as a scanner would see the printed copy."""
    pdfium = pytest.importorskip("pypdfium2")
    zxingcpp = pytest.importorskip("zxingcpp")
    rid = child_with_parents(session, actor)
    out = tmp_path / "qr.pdf"
    print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    page = pdfium.PdfDocument(str(out))[0]
    image = page.render(scale=200 / 72).to_pil()
    found = [b.text for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
    a = session.scalars(select(Agreement).where(Agreement.recipient_id == rid)).one()
    assert found == [qr.payload(a.id)]
    assert qr.parse(found[0]) == a.id
    assert find_by_qr(session, found[0]).id == a.id
    tampered = found[0][:-1] + ("0" if found[0][-1] != "0" else "1")
    assert qr.parse(tampered) is None
    with pytest.raises(ServiceError):
        find_by_qr(session, tampered)


def test_rare_characters_print_from_the_fallback_font(session: Session, actor: Actor, tmp_path: Path) -> None:
    # 堃 is in WenQuanYi; 䶮 (Ext-A), 𠈌 (Ext-B) and 𬌗 (Ext-E, in 通用规范汉字表) come from HanaMin.
    assert not fonts.missing("堃䶮𠈌𬌗")
    assert ord("𠈌") not in fonts.chain()[0].chars
    rid = child_with_parents(session, actor, name="王𠈌堃")
    add_guardian(session, actor, rid, kind="temporary", name="刘䶮", relation="other_relative",
                 start_date=D(2026, 1, 5))
    out = tmp_path / "rare.pdf"
    print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    text = pdf_text(out)
    assert "王𠈌堃" in text
    used = embedded_fonts(out)
    assert any("HanaMin" in name for name in used) and all(used.values())


def test_a_character_no_font_has_is_refused_before_printing(
        session: Session, actor: Actor, tmp_path: Path) -> None:
    assert fonts.missing("李𡒄") == ["𡒄"]  # U+21484: in no shipped font
    rid = child_with_parents(session, actor, name="李𡒄")
    session.commit()
    out = tmp_path / "refused.pdf"
    with pytest.raises(ServiceError) as refused:
        print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    session.rollback()
    message = refused.value.message("zh_CN")
    assert "李𡒄" in message and "“𡒄”（U+21484）" in message and "未生成 PDF" in message
    assert not out.exists() and not list(tmp_path.glob(".refused*"))
    assert session.scalars(select(Agreement).where(Agreement.recipient_id == rid)).first() is None


def test_a_county_font_folder_fills_the_gap(session: Session, actor: Actor, tmp_path: Path,
                                            guanai_home: Path) -> None:
    folder = guanai_home / "fonts"
    folder.mkdir(parents=True)
    (folder / "county.ttf").write_bytes(fonts.RARE_FONT.read_bytes())  # stands in for a county's font
    try:
        assert len(fonts.chain()) == 3 and fonts.chain()[2].name == "GuanaiCounty0"
    finally:
        (folder / "county.ttf").unlink()
    assert len(fonts.chain()) == 2


def test_a_county_template_overrides_the_shipped_text(session: Session, actor: Actor, tmp_path: Path,
                                                      guanai_home: Path) -> None:
    from app.reports.templates import SHIPPED

    own = guanai_home / "templates" / "entrusted_guardianship.toml"
    own.parent.mkdir(parents=True)
    text = (SHIPPED / "entrusted_guardianship.toml").read_text(encoding="utf-8")
    own.write_text(text.replace('title = "农村留守儿童委托监护责任确认书"', 'title = "留守儿童委托照护确认书"')
                   .replace("每周至少", "每三天至少"), encoding="utf-8")
    rid = child_with_parents(session, actor)
    out = tmp_path / "own.pdf"
    print_one(session, actor, "entrusted-guardianship", rid, out, on=TODAY)
    printed = pdf_text(out)
    assert "留守儿童委托照护确认书" in printed and "每三天至少与儿童" in printed
    own.write_text(text.replace('closing = [', 'closng = ['), encoding="utf-8")
    with pytest.raises(ServiceError) as bad:
        print_one(session, actor, "entrusted-guardianship", rid, tmp_path / "bad.pdf", on=TODAY)
    assert "closng" in bad.value.message("zh_CN") and not (tmp_path / "bad.pdf").exists()


def test_signed_copy_with_scan(session: Session, actor: Actor, tmp_path: Path) -> None:
    rid = child_with_parents(session, actor)
    print_one(session, actor, "entrusted-guardianship", rid, tmp_path / "a.pdf", on=TODAY)
    a = session.scalars(select(Agreement).where(Agreement.recipient_id == rid)).one()
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4 signed scan")
    record_signed(session, actor, tmp_path / "store", a.id, on=D(2026, 3, 5), scan=scan)
    session.commit()
    assert (a.status, a.signed_on) == ("signed", D(2026, 3, 5))
    att = session.scalars(select(Attachment).where(Attachment.owner_id == a.id)).one()
    assert (att.kind, att.owner_table, att.sha256) == ("scan", "agreements", a.scan_sha256)
    # printing it again gives a copy and leaves it signed
    result = print_one(session, actor, "entrusted-guardianship", rid, tmp_path / "copy.pdf", on=TODAY)
    assert result.marked == 0 and a.status == "signed"
