"""What the printed documents share: A4 page, styles in the shipped CJK font, page numbers
counted per document ("第 1 页 共 2 页", only when a document runs over one page), dates in
Chinese, and writing a PDF under its final name only once it is complete."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from app.care.intake import clean_leftovers
from app.files import atomic_write
from app.models.codes import LABELS
from app.reports import fonts

PAGE = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
# (left, right, top, bottom): the documents' margins, and the narrower ones of the wide tables
# (roster, reports to the county and the committee).
MARGINS = (MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM)
TABLE_MARGINS = (12 * mm, 12 * mm, 12 * mm, 16 * mm)
AUTHOR = "关爱 Guanai"

# One TableStyle command: ("GRID", (first column, row), (last column, row), *its arguments)
TableCommand = tuple[str, tuple[int, int], tuple[int, int], *tuple[Any, ...]]


def styles() -> dict[str, ParagraphStyle]:
    main = fonts.chain()[0].name
    base = ParagraphStyle("body", fontName=main, bulletFontName=main, fontSize=11, leading=19, wordWrap="CJK",
                          alignment=TA_JUSTIFY, firstLineIndent=22)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=30, alignment=TA_CENTER,
                                firstLineIndent=0, spaceBefore=2, spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=14, alignment=TA_CENTER,
                                   firstLineIndent=0, textColor=HexColor("#333333")),
        "body": base,
        "heading": ParagraphStyle("heading", parent=base, fontSize=12, leading=20, firstLineIndent=0,
                                  spaceBefore=6, spaceAfter=1),
        "item": ParagraphStyle("item", parent=base, firstLineIndent=0, leftIndent=22, bulletIndent=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=14, firstLineIndent=0,
                               alignment=TA_LEFT),
        "cell_small": ParagraphStyle("cell_small", parent=base, fontSize=8.5, leading=11,
                                     firstLineIndent=0, alignment=TA_LEFT),
        "label": ParagraphStyle("label", parent=base, fontSize=10, leading=14, firstLineIndent=0,
                                alignment=TA_CENTER, textColor=HexColor("#222222")),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, firstLineIndent=0,
                                alignment=TA_LEFT, textColor=HexColor("#555555")),
    }


def cn_date(d: dt.date | None) -> str | None:
    return f"{d.year}年{d.month}月{d.day}日" if d else None


def zh(code: str | None) -> str | None:
    if not code:
        return None
    pair = LABELS.get(code)
    return pair[0] if pair else code


class DocStart(Flowable):
    """Marks where a document of a batch begins, for its own page count."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        # our own note on the canvas (not a ReportLab attribute): numbered_canvas reads it
        self.canv._guanai_doc = self.key  # type: ignore[attr-defined]


def numbered_canvas(footer: Callable[[canvas.Canvas, int, int], None]) -> type[canvas.Canvas]:
    """A canvas that holds its pages until the end, then draws `footer(c, page, total)` on
    each, with page and total counted within the document the page belongs to (DocStart)."""

    class Numbered(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not Helvetica: every font in the file is embedded, even one never shown.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.chain()[0].name
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._guanai_doc = ""

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            # (ReportLab's own "page n of m" recipe; its stubs leave the method out)
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            totals = Counter(p["_guanai_doc"] for p in self._pages)
            seen: Counter[str] = Counter()
            for state in self._pages:
                self.__dict__.update(state)
                key = self._guanai_doc
                seen[key] += 1
                footer(self, seen[key], totals[key])
                canvas.Canvas.showPage(self)
            canvas.Canvas.save(self)

    return Numbered


def page_size(c: canvas.Canvas) -> tuple[float, float]:
    """The canvas's page (width, height): ReportLab keeps it in an attribute with no getter,
    which its stubs leave out."""
    width, height = c._pagesize  # type: ignore[attr-defined]
    return width, height


def page_footer(c: canvas.Canvas, page: int, total: int, *, always: bool = False) -> None:
    if total <= 1 and not always:
        return
    c.saveState()
    c.setFont(fonts.main_font(), 9)
    c.drawCentredString(page_size(c)[0] / 2, 10 * mm, f"第 {page} 页　共 {total} 页")
    c.restoreState()


def write_safely(out: str | Path, build: Callable[[io.BufferedWriter], None]) -> Path:
    """Build the PDF into a temporary file beside `out`, then rename it into place: a PDF
    under the final name is always whole (a failed build leaves the old file, or none)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out.parent)  # what a killed run left beside its output
    with atomic_write(out, mode=0o644) as f:
        build(f)  # type: ignore[arg-type]
    return out


# A table with a header row, as the oversight documents draw them (supervision record,
# assessment sheet): thin grey grid, cells centred vertically, the header shaded.
def header_grid() -> list[TableCommand]:
    from reportlab.lib import colors

    return [("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF2F6"))]


Footer = Callable[[canvas.Canvas, int, int], None]


def footer_always(c: canvas.Canvas, page: int, total: int) -> None:
    """The page number on every page, a one-page document's too (the reports and registers)."""
    page_footer(c, page, total, always=True)


def build_pdf(out: Any, flow: list[Flowable], *, title: str, page: tuple[float, float] = PAGE,
              margins: tuple[float, float, float, float] = MARGINS, footer: Footer = page_footer) -> int:
    """The documents' one setup: `flow` laid out on `page` within `margins` (left, right, top,
    bottom), titled, with our name as author and creator, each page numbered by `footer`
    within its document (numbered_canvas), into the open file `out`. Returns the pages."""
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=margins[0], rightMargin=margins[1], topMargin=margins[2],
                            bottomMargin=margins[3], title=title, author=AUTHOR, creator=AUTHOR)
    doc.build(flow, canvasmaker=numbered_canvas(footer))
    return int(doc.page)


def write_pdf(out: str | Path, flow: list[Flowable], *, title: str, page: tuple[float, float] = PAGE,
              margins: tuple[float, float, float, float] = MARGINS, footer: Footer = page_footer) -> int:
    """build_pdf into the file `out`, written safely (whole, or not at all). Returns the pages."""
    pages = 0

    def build(f: io.BufferedWriter) -> None:
        nonlocal pages
        pages = build_pdf(f, flow, title=title, page=page, margins=margins, footer=footer)

    write_safely(Path(out), build)
    return pages
