"""The QR code on every printed agreement: it carries the agreement's id and a checksum,
so a signed paper copy scanned back in finds its record (and a misread is refused rather
than matched to the wrong family).

Payload: ``GUANAI:AGR:<id in upper case>:<check>`` where check is the first 8 hex digits
of SHA-256 over ``agreement:<id>``. Upper case keeps the whole payload in QR's
alphanumeric mode (a smaller code than bytes)."""

from __future__ import annotations

import hashlib

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

PREFIX = "GUANAI:AGR:"


def checksum(agreement_id: str) -> str:
    return hashlib.sha256(f"agreement:{agreement_id.lower()}".encode()).hexdigest()[:8].upper()


def payload(agreement_id: str) -> str:
    return f"{PREFIX}{agreement_id.upper()}:{checksum(agreement_id)}"


def parse(text: str) -> str | None:
    """The agreement id a scanned payload carries, or None when it is not ours or the
    checksum does not match."""
    text = text.strip()
    if not text.upper().startswith(PREFIX):
        return None
    rest = text[len(PREFIX):]
    ident, _, check = rest.rpartition(":")
    if not ident or check.upper() != checksum(ident):
        return None
    return ident.lower()


def widget(agreement_id: str, size: float = 100) -> QrCodeWidget:
    # Level M: some of the code can be smudged or folded and it still reads.
    return QrCodeWidget(payload(agreement_id), barLevel="M", barBorder=2, barWidth=size, barHeight=size)


def drawing(agreement_id: str, size: float) -> Drawing:
    d = Drawing(size, size)
    d.add(widget(agreement_id, size))
    return d


def modules(agreement_id: str) -> list[list[bool]]:
    """The module matrix ReportLab draws (for tests comparing with another encoder)."""
    w = widget(agreement_id)
    w.qr.make()
    return [list(row) for row in w.qr.modules]
