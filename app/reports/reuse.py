"""Paragraphs made once per distinct text within one PDF build.

A batch of agreements of one kind repeats the same texts hundreds of times: the title,
the headings and duties, the table's labels, the signature lines; only the parties'
details and the few sentences that name them differ. ReportLab parses every Paragraph's
markup and breaks its lines anew each time (CJK line breaking measures every character),
and that was most of a batch's time. Here a paragraph is parsed once per (text, style,
bullet) and its lines broken once per width; a later paragraph with the same key takes
the parsed fragments and the broken lines. The key is the full text after the
placeholders are filled, so two agreements share only what is literally the same on both
pages — a name can never carry over to another family's agreement.

Drawing is shared too: a paragraph (or another drawing, see Forms) drawn a second time
goes into a PDF form XObject, and every later page names the form instead of setting its
text again; the page looks the same (tests compare the rendered pages).

A Paragraph that ReportLab splits across a page gives plain pieces (they are made from
fragments, not through the cache), so splitting works as before. Text with characters
from a fallback font (several fragments) is not shared: it is a person's detail anyway,
and ReportLab's multi-fragment line breaking keeps state on the fragments."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

_FUZZ = 1e-6  # ReportLab's: narrower than this, a paragraph does not fit at all
_MARGIN = 60  # pt around a paragraph's box its form keeps (bullets, descenders)
_names = itertools.count()  # form names, unique within any document


class Forms:
    """Drawings that come again within one PDF, kept as form XObjects: the first time a
    drawing is made in place (one that never comes again is not worth a form); the second
    time it is drawn into a form, and from then on the page only names the form."""

    def __init__(self) -> None:
        self._drawn: dict[Hashable, int] = {}
        self._names: dict[Hashable, str] = {}

    def draw(self, c: Canvas, key: Hashable, box: tuple[float, float, float, float],
             draw: Callable[[], None]) -> None:
        """`draw()` draws on `c` around the origin, inside `box` (x0, y0, x1, y1); the
        same key must always draw the same thing."""
        name = self._names.get(key)
        if name is None:
            drawn = self._drawn[key] = self._drawn.get(key, 0) + 1
            if drawn == 1:
                draw()
                return
            name = self._names[key] = f"GuanaiForm{next(_names)}"
            c.saveState()  # (beginForm in an empty page stream would drop it at endForm)
            c.beginForm(name, *box)  # type: ignore[arg-type]  # (the stubs say int; any number works)
            draw()
            c.endForm()
            c.restoreState()
        c.doForm(name)


class _Parsed:
    __slots__ = ("key", "text", "style", "frags", "bullet", "wrapped", "forms")

    def __init__(self, key: tuple[str, str, str | None], p: Paragraph, forms: Forms) -> None:
        self.key = key
        self.text = p.text
        self.style = p.style
        self.frags = p.frags
        self.bullet = p.bulletText
        self.wrapped: dict[float, tuple[Any, list[float], float, float]] = {}
        self.forms = forms


class SharedParagraph(Paragraph):
    """A Paragraph whose parse, line breaks and drawing come from its Paragraphs cache."""

    _entry: _Parsed | None = None
    # set by Paragraph.wrap (absent from ReportLab's stubs)
    blPara: Any
    _wrapWidths: list[float]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        entry = self._entry
        if entry is None or availWidth < _FUZZ:
            return super().wrap(availWidth, availHeight)
        hit = entry.wrapped.get(availWidth)
        if hit is None:
            width, height = super().wrap(availWidth, availHeight)
            # _wrapWidths is copied: ReportLab adjusts the list in place for a bullet.
            entry.wrapped[availWidth] = (self.blPara, list(self._wrapWidths), width, height)
            return width, height
        self.blPara, widths, self.width, self.height = hit
        self._wrapWidths = list(widths)
        return self.width, self.height

    def draw(self) -> None:
        entry = self._entry
        if entry is None:
            super().draw()
            return
        box = (-_MARGIN, -_MARGIN, self.width + _MARGIN, self.height + _MARGIN)
        entry.forms.draw(self.canv, ("paragraph", entry.key, self.width), box, super().draw)


class Paragraphs:
    """Makes the Paragraphs of one PDF build: `p(markup, "body", bullet="1.")`; `forms`
    for other drawings that repeat."""

    def __init__(self, styles: dict[str, ParagraphStyle]) -> None:
        self.st = styles
        self.forms = Forms()
        self._parsed: dict[tuple[str, str, str | None], _Parsed | None] = {}

    def __call__(self, markup: str, style: str, bullet: str | None = None) -> Paragraph:
        key = (markup, style, bullet)
        if key not in self._parsed:
            p = SharedParagraph(markup, self.st[style], bulletText=bullet)
            one = len(p.frags) == 1 and not hasattr(p.frags[0], "cbDefn") and isinstance(p.bulletText, str | None)
            p._entry = self._parsed[key] = _Parsed(key, p, self.forms) if one else None
            return p
        entry = self._parsed[key]
        if entry is None:  # several fragments: made afresh each time
            return Paragraph(markup, self.st[style], bulletText=bullet)
        p = SharedParagraph(entry.text, entry.style, bulletText=entry.bullet, frags=entry.frags)
        p._entry = entry
        return p
