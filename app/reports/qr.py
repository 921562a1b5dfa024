"""The QR code on every printed agreement: it carries the agreement's id and a checksum,
so a signed paper copy scanned back in finds its record (and a misread is refused rather
than matched to the wrong family).

Payload: ``GUANAI:AGR:<id in upper case>:<check>`` where check is the first 8 hex digits
of SHA-256 over ``agreement:<id>``. Upper case keeps the whole payload in QR's
alphanumeric mode (a smaller code than bytes)."""

from __future__ import annotations

import hashlib
import re

import segno
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


def rows(text: str) -> list[str]:
    """The modules of a QR code for `text`, row by row, "1" for dark: segno's encoder at
    level M (some of the code can be smudged or folded and it still reads), never raised to
    a higher level, so a payload's code keeps its size. About 2.5 ms a code (about 1.2 s in
    a 500-agreement batch): the price of not leaning on ReportLab's private encoder."""
    code = segno.make_qr(text, error="m", boost_error=False)
    return ["".join("1" if m else "0" for m in row) for row in code.matrix]


def modules(agreement_id: str) -> list[list[bool]]:
    """The module matrix, row by row (True = dark)."""
    return [[ch == "1" for ch in row] for row in rows(payload(agreement_id))]


_DARK_RUN = re.compile("1+")


def draw_on(c: Canvas, agreement_id: str, x: float, y: float, size: float, border: int = 2) -> None:
    """The code's dark modules as one filled path of rectangles (one per run in a row),
    in module units, straight on the canvas: a graphics Drawing would also put an unused,
    unembedded Helvetica in the file."""
    lines = rows(payload(agreement_id))
    n = len(lines)
    box = size / (n + 2 * border)
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c.translate(x + border * box, y + border * box)
    c.scale(box, box)
    path = c.beginPath()
    for r, row in enumerate(lines):
        for run in _DARK_RUN.finditer(row):
            path.rect(run.start(), n - 1 - r, run.end() - run.start(), 1)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
