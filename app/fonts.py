"""The CJK font the app ships (WenQuanYi Micro Hei), for the screens and the printed
documents alike, so Chinese never shows as boxes on a machine without one."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "resources" / "fonts"
CJK_FONT = FONT_DIR / "wqy-microhei.ttc"
CJK_FAMILY = "WenQuanYi Micro Hei"
# A subset of HanaMin A for the rare characters (CJK Extension B and beyond) WenQuanYi lacks;
# the PDFs chain it after the main font (app/reports/fonts.py), the screens list it as the
# second family (app/ui/main.py).
RARE_FONT = Path(__file__).resolve().parent / "reports" / "fonts" / "hanamin-rare.ttf"
