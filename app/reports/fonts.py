"""Fonts for printed documents: the shipped CJK font (WenQuanYi Micro Hei) first, then
fallbacks for the rare characters it lacks, character by character.

WenQuanYi covers GB2312 and GBK but almost none of CJK Extension A and nothing beyond the
Basic Multilingual Plane, while GB 18030 and the 通用规范汉字表 reach into Extensions A–E
(䶮, 𠈌, 𬌗 …) and people carry such names. So the fallback chain is:

1. WenQuanYi Micro Hei (app/resources/fonts, face 0 of the .ttc);
2. hanamin-rare.ttf beside this module: a subset of HanaMin A (Hanazono, GlyphWiki) with
   all of Extension A and the 3,650 supplementary-plane characters HanaMin A carries;
3. any .ttf / .ttc a county puts in `<data dir>/fonts/` (e.g. the whole HanaMinB.ttf),
   tried in name order.

A character none of them has is never dropped: `missing()` finds it before a PDF is made
and the printing services refuse, naming the person and the character. ReportLab embeds
each font as a subset (only the glyphs used), so every PDF carries what it shows.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from app.config import data_dir
from app.fonts import CJK_FONT, RARE_FONT

MAIN = "GuanaiCJK"
COUNTY_FONT_DIR = "fonts"  # under the data directory


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab writes a supplementary-plane code point as bare hex (<2020C>), which PDF
    readers reject, so 𠈌 would print but not extract or search. The same CMap with the
    destinations as UTF-16BE (surrogate pairs), as the PDF specification asks."""
    def utf16(v: int) -> str:
        return chr(v).encode("utf-16-be", "surrogatepass").hex().upper() if v else "0000"

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0",
        ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up by name when a PDF is saved


@dataclass(frozen=True)
class PrintFont:
    name: str  # registered with ReportLab
    path: Path
    chars: frozenset[int]


_lock = threading.Lock()
_chain: tuple[PrintFont, ...] | None = None
_chain_key: tuple[str, ...] | None = None


def county_fonts() -> list[Path]:
    folder = data_dir() / COUNTY_FONT_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


def _register(name: str, path: Path, index: int = 0) -> PrintFont:
    font = TTFont(name, str(path), subfontIndex=index)
    pdfmetrics.registerFont(font)
    return PrintFont(name, path, frozenset(font.face.charToGlyph))


def chain() -> tuple[PrintFont, ...]:
    """The fonts in fallback order, registered once per process (again when a county adds
    a font to its folder)."""
    global _chain, _chain_key
    extra = county_fonts()
    key = tuple(str(p) for p in extra)
    with _lock:
        if _chain is None or key != _chain_key:
            fonts = [_register(MAIN, CJK_FONT, 0)]
            if RARE_FONT.exists():
                fonts.append(_register("GuanaiRare", RARE_FONT))
            for i, path in enumerate(extra):
                try:
                    fonts.append(_register(f"GuanaiCounty{i}", path))
                except Exception:  # noqa: BLE001 (a broken font file in the folder is skipped)
                    continue
            _chain, _chain_key = tuple(fonts), key
        return _chain


def loaded() -> tuple[PrintFont, ...]:
    """The chain as last looked up, without looking at the county's folder again: for the
    per-text calls of one document (a 500-agreement batch asked `chain()` 28,000 times,
    a directory listing each). Every document build starts with `chain()`."""
    return _chain if _chain is not None else chain()


def main_font() -> str:
    return loaded()[0].name


def _printable_anyway(ch: str) -> bool:
    # Line breaks and the like never reach a glyph.
    return ch in "\n\r\t"


def font_for(ch: str) -> str | None:
    code = ord(ch)
    for f in loaded():
        if code in f.chars:
            return f.name
    return None


def missing(text: str) -> list[str]:
    """The characters of `text` no font of the chain can print, in order, once each."""
    out: list[str] = []
    main = loaded()[0].chars
    for ch in text:
        if ord(ch) in main or _printable_anyway(ch) or ch in out:
            continue
        if font_for(ch) is None:
            out.append(ch)
    return out


def markup(text: str) -> str:
    """`text` escaped for a ReportLab Paragraph, with the characters the main font lacks
    wrapped in the fallback font that has them."""
    main = loaded()[0].chars
    if main.issuperset(map(ord, text)):
        return escape(text)
    parts: list[str] = []
    for ch in text:
        if ord(ch) in main or _printable_anyway(ch):
            parts.append(escape(ch))
        else:
            name = font_for(ch)
            parts.append(f'<font name="{name}">{escape(ch)}</font>' if name else escape(ch))
    return "".join(parts)


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def texts_in(value: object) -> Iterator[str]:
    """Every string inside a value: a dataclass's fields, lists, tuples and dicts, in order."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from texts_in(getattr(value, f.name))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from texts_in(k)
            yield from texts_in(v)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from texts_in(v)


def refuse_unprintable(document: str, texts: Iterable[tuple[str, str]]) -> None:
    """Refuse to make the document when a character of its database text has no font:
    (whose, text) pairs, each problem named with its person (or office) and the character,
    never a silent gap in a printed name (张𰻞 printed as 张)."""
    chain()  # a font the county has just added counts
    seen: set[tuple[str, str]] = set()
    zh_parts: list[str] = []
    en_parts: list[str] = []
    for whose, text in texts:
        for ch in missing(text):
            if (whose, ch) in seen:
                continue
            seen.add((whose, ch))
            where = whose if whose == text else f"{whose}（{text}）"
            zh_parts.append(f"{where} 中的“{ch}”（{code_point(ch)}）没有字体可以打印")
            en_parts.append(f"no font can print {code_point(ch)} in {text!r} ({whose})")
    if not zh_parts:
        return
    from app.care.errors import ServiceError

    folder = data_dir() / COUNTY_FONT_DIR
    raise ServiceError(
        f"{document}：" + "；".join(zh_parts) + f"。未生成 PDF。请核对用字，或把含有该字的字体文件"
        f"（.ttf，如花园明朝 HanaMinB.ttf）放到 {folder} 后重新打印。",
        f"{document}: " + "; ".join(en_parts) + f". No PDF was made. Check the text, or put a font "
        f"(.ttf) that has the character into {folder} and print again.")
