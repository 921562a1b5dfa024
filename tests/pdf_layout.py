"""Where things are on a PDF page, read back with pdfium: the box of every character and
the straight lines drawn (table borders, signature lines), so a test can say that no text
crosses a border. Coordinates in points, origin at the bottom left."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

MIN_LINE = 20.0  # shorter strokes are glyph-like (the QR code's modules), not borders
SLACK = 0.6  # a glyph touching a line by less than this is not crossing it


@dataclass(frozen=True)
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float


@dataclass(frozen=True)
class Segment:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y0 - self.y1) < 0.01 and abs(self.x1 - self.x0) >= MIN_LINE

    @property
    def vertical(self) -> bool:
        return abs(self.x0 - self.x1) < 0.01 and abs(self.y1 - self.y0) >= MIN_LINE


def chars(page: pdfium.PdfPage) -> list[Char]:
    tp = page.get_textpage()
    out = []
    for i in range(tp.count_chars()):
        text = tp.get_text_range(i, 1)
        if not text.strip():
            continue
        left, bottom, right, top = tp.get_charbox(i)
        out.append(Char(text, left, bottom, right, top))
    return out


def segments(page: pdfium.PdfPage) -> list[Segment]:
    """The straight line segments of the page's top-level paths, in page coordinates."""
    out: list[Segment] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):
        m = obj.get_matrix()
        n = raw.FPDFPath_CountSegments(obj.raw)
        last: tuple[float, float] | None = None
        for i in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
            x, y = raw.FS_FLOAT(), raw.FS_FLOAT()
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = m.on_point(x.value, y.value)
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_LINETO and last is not None:
                x0, x1 = sorted((last[0], px))
                y0, y1 = sorted((last[1], py))
                out.append(Segment(x0, y0, x1, y1))
            last = (px, py)
    return [s for s in out if s.horizontal or s.vertical]


def crossings(page: pdfium.PdfPage) -> list[tuple[Char, Segment]]:
    """Every character a border runs through."""
    lines = segments(page)
    found = []
    for c in chars(page):
        for s in lines:
            across = s.horizontal and c.bottom + SLACK < s.y0 < c.top - SLACK and s.x0 < c.right and c.left < s.x1
            down = s.vertical and c.left + SLACK < s.x0 < c.right - SLACK and s.y0 < c.top and c.bottom < s.y1
            if across or down:
                found.append((c, s))
    return found


def document(path: Path | bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(path if isinstance(path, bytes) else str(path))
