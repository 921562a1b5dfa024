"""帮助 › 使用指南: a short illustrated guide to the daily work (the four ones on the work bench)
and to the bundles carried to the township, for a director who has never used the app. The
text is HTML shipped with the app (app/resources/guide/, one file per language); the pictures
are the app's own screens, made by `python -m app.ui.guide --images` from the village demo."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.ui import i18n
from app.ui.kit import translate

GUIDE_DIR = Path(__file__).resolve().parent.parent / "resources" / "guide"
IMAGE_WIDTH = 620  # fits the dialog on a 1366×768 laptop at the largest text size


def guide_file(language: str | None = None) -> Path:
    lang = language or i18n.ui_language()
    found = GUIDE_DIR / f"guide.{'en' if lang.startswith('en') else 'zh'}.html"
    return found if found.is_file() else GUIDE_DIR / "guide.zh.html"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Guide", "使用指南"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        path = guide_file(language)
        self.browser.setSearchPaths([str(GUIDE_DIR)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("Guide", "关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = IMAGE_WIDTH + 80, 640
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)


def make_images(out: Path = GUIDE_DIR) -> None:
    """The guide's pictures: the village demo's work bench, the call dialog and the sync page."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp()
    os.environ["GUANAI_HOME"] = str(Path(scratch) / "home")
    os.environ["XDG_CONFIG_HOME"] = str(Path(scratch) / "config")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.ui.background import Background
    from app.ui.main import MainWindow, load_cjk_font
    from app.ui.screenshots import settle
    from app.ui.store import Store

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    load_cjk_font(app)
    background = Background()
    store = Store.open(str(Path(scratch) / "village.sqlite3"))
    store.fill_demo("village", today=dt.date(2026, 11, 28))
    office = store.office()
    assert office is not None
    window = MainWindow(store, background, office)
    window.resize(1200, 720)
    window.show()
    from PySide6.QtWidgets import QTabWidget

    for key in ("workbench", "sync"):
        page = window.show_page(key)
        tabs = page.findChild(QTabWidget)
        if key == "sync" and tabs is not None:
            tabs.setCurrentIndex(1)  # 导出与导入: what the guide explains
        settle(app, background)
        shot = window.grab().scaledToWidth(IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        shot.save(str(out / f"{key}.png"))
    window.close()
    background.shutdown()
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.guide", description=__doc__)
    parser.add_argument("--images", action="store_true", help="remake the guide's pictures")
    args = parser.parse_args(argv)
    if args.images:
        make_images()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
