"""The QR code on every printed agreement: it carries the agreement's id and a checksum,
so a signed paper copy scanned back in finds its record (and a misread is refused rather
than matched to the wrong family).

Payload: ``GUANAI:AGR:<id in upper case>:<check>`` where check is the first 8 hex digits
of SHA-256 over ``agreement:<id>``. Upper case keeps the whole payload in QR's
alphanumeric mode (a smaller code than bytes)."""

from __future__ import annotations

import hashlib
import itertools

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.canvas import Canvas

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


def draw_on(c: Canvas, agreement_id: str, x: float, y: float, size: float, border: int = 2) -> None:
    """The code's dark modules as filled rectangles (one per run in a row), straight on the
    canvas: a graphics Drawing would also put an unused, unembedded Helvetica in the file."""
    matrix = modules(agreement_id)
    n = len(matrix)
    box = size / (n + 2 * border)
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        col = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                c.rect(x + (col + border) * box, y + size - (r + border + 1) * box, count * box, box,
                       stroke=0, fill=1)
            col += count
    c.restoreState()


def modules(agreement_id: str) -> list[list[bool]]:
    """The module matrix ReportLab draws (for tests comparing with another encoder)."""
    w = widget(agreement_id)
    w.qr.make()
    return [list(row) for row in w.qr.modules]
