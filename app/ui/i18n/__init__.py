"""The UI's languages: Simplified Chinese is the source text of every tr() call; English
comes from `guanai_en.ts` beside this file. The .qm is compiled from the .ts at start when
it is missing or older (Qt's lrelease ships with PySide6), so a checkout needs no build
step; Qt's own translations (dialog buttons and the like) are loaded too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

HERE = Path(__file__).parent
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_language = "zh_CN"
_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks `source` for translation in `context` and returns it unchanged, like PySide6's
    own, which is typed as returning object."""
    return source


def ui_language() -> str:
    return _language


def saved_language() -> str:
    value = QSettings("guanai", "guanai").value("ui/language", "zh_CN")
    return value if value in LANGUAGES else "zh_CN"


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def compiled(lang: str) -> Path | None:
    """The .qm for `lang`, rebuilt from the .ts if that is newer."""
    ts, qm = HERE / f"guanai_{lang}.ts", HERE / f"guanai_{lang}.qm"
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        tool = _lrelease()
        if tool:
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return qm if qm.exists() else None


def install(app: QApplication, lang: str) -> str:
    """Load the translators for `lang` ("zh_CN" needs none of ours: it is the source)."""
    global _language
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _language = lang if lang in LANGUAGES else "zh_CN"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(QLocale("en" if _language == "en" else "zh_CN"), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    if _language != "zh_CN":
        qm = compiled(_language)
        ours = QTranslator(app)
        if qm is not None and ours.load(str(qm)):
            app.installTranslator(ours)
            _installed.append(ours)
    return _language
