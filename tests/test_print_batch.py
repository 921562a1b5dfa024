"""Batch printing reuses what agreements share (parsed and broken paragraphs, drawn forms,
QR layouts): each agreement's pages in a batch carry exactly the text they carry when the
agreement is printed alone, and its own QR code; the QR code is segno's and reads back."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models import Agreement
from app.reports import qr
from app.reports.agreement_data import load_docs
from app.reports.agreements import render

TODAY = dt.date(2026, 3, 2)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, lines stripped: pypdf guesses leading spaces from positions, and
    a text drawn through a form XObject gets none."""
    return ["\n".join(line.strip() for line in (p.extract_text() or "").splitlines())
            for p in PdfReader(io.BytesIO(pdf)).pages]


def test_qr_code_is_segnos_at_level_m_and_reads_back() -> None:
    import segno
    import zxingcpp
    from PIL import Image

    for agreement_id in [str(uuid.UUID(int=i * 7919 + 1)) for i in range(6)] + [str(uuid.uuid4())]:
        text = qr.payload(agreement_id)
        code = segno.make_qr(text, error="m", boost_error=False)
        assert code.error == "M" and code.mode == "alphanumeric"
        assert qr.modules(agreement_id) == [[bool(m) for m in row] for row in code.matrix]
        n, scale, border = len(code.matrix), 4, 4
        img = Image.new("L", ((n + 2 * border) * scale,) * 2, 255)
        for r, row in enumerate(qr.rows(text)):
            for c, ch in enumerate(row):
                if ch == "1":
                    img.paste(0, ((c + border) * scale, (r + border) * scale,
                                  (c + border + 1) * scale, (r + border + 1) * scale))
        assert [found.text for found in zxingcpp.read_barcodes(img)] == [text]
        assert qr.parse(text) == agreement_id


def test_batch_pages_carry_each_agreements_own_text(village: Engine) -> None:
    from app.demo.generate import generate_demo

    generate_demo(village, scale="village", today=TODAY)
    with Session(village) as s:
        ids = []
        for kind in ("family_support", "entrusted_guardianship", "temporary_guardianship", "care_responsibility"):
            ids += list(s.scalars(select(Agreement.id).where(Agreement.kind == kind, Agreement.deleted.is_(False))
                                  .order_by(Agreement.number).limit(3)))
        docs = load_docs(s, ids)
    assert len({d.kind for d in docs}) >= 3 and len(docs) >= 9

    batch = io.BytesIO()
    render(docs, batch)
    batch_pages = page_texts(batch.getvalue())
    at = 0
    for d in docs:
        alone = io.BytesIO()
        render([d], alone)
        own = page_texts(alone.getvalue())
        assert batch_pages[at:at + len(own)] == own, d.number
        text = "".join(own)
        assert d.recipient.name in text and d.recipient.id_number in text and d.number in text
        if len(own) > 1:
            assert f"第 1 页　共 {len(own)} 页" in own[0]
        at += len(own)
    assert at == len(batch_pages)

    # The last one's shared texts all come from forms in the batch, and are drawn in place
    # when it is printed alone: the pages look the same, pixel for pixel.
    pdfium = pytest.importorskip("pypdfium2")
    in_batch = pdfium.PdfDocument(batch.getvalue())
    first = len(batch_pages) - len(own)
    alone_pdf = pdfium.PdfDocument(alone.getvalue())
    for i in range(len(own)):
        a = in_batch[first + i].render(scale=1).to_pil()
        b = alone_pdf[i].render(scale=1).to_pil()
        assert a.tobytes() == b.tobytes(), f"{d.number} page {i + 1}"


def test_each_qr_code_in_a_batch_is_its_own_agreements(village: Engine) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    zxingcpp = pytest.importorskip("zxingcpp")
    from app.demo.generate import generate_demo

    generate_demo(village, scale="village", today=TODAY)
    with Session(village) as s:
        ids = list(s.scalars(select(Agreement.id).where(Agreement.deleted.is_(False))
                             .order_by(Agreement.number).limit(4)))
        docs = load_docs(s, ids)
    batch = io.BytesIO()
    render(docs, batch)
    pdf = pdfium.PdfDocument(batch.getvalue())
    firsts = [i for i, p in enumerate(page_texts(batch.getvalue())) if "扫码核对" in p]
    assert len(firsts) == len(docs)
    for d, page in zip(docs, firsts, strict=True):
        image = pdf[page].render(scale=150 / 72).to_pil()
        found = [b.text for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
        assert found == [qr.payload(d.id)]
