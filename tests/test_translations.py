"""The English translation source (app/ui/i18n/guanai_en.ts) is complete and compiles."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.ui import i18n

TS = Path(i18n.__file__).with_name("guanai_en.ts")
PLACEHOLDER = re.compile(r"\{(\w*)\}")
ACCELERATOR = re.compile(r"&(?!&)\S")


def messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(context.findtext("name", ""), message.findtext("source", ""), message.find("translation"))
            for context in root.iter("context") for message in context.iter("message")]


def where(context: str, source: str) -> str:
    return f"{context}: {source!r}"


def test_every_message_is_translated() -> None:
    found = messages()
    assert found
    unfinished = [where(c, s) for c, s, t in found
                  if t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not (t.text or "").strip()]
    assert unfinished == []


def test_translations_keep_the_placeholders_and_accelerators() -> None:
    wrong = []
    for context, source, translation in messages():
        text = (translation.text or "") if translation is not None else ""
        if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
            wrong.append(f"{where(context, source)} → {text!r}: placeholders differ")
        if bool(ACCELERATOR.search(source)) != bool(ACCELERATOR.search(text)):
            wrong.append(f"{where(context, source)} → {text!r}: accelerator lost or added")
    assert wrong == []


def test_page_titles_are_the_agreed_english() -> None:
    titles = {s: t.text for c, s, t in messages() if c == "MainWindow" and t is not None}
    assert titles["工作台"] == "Workbench"
    assert titles["关爱对象"] == "Care recipients"


def test_the_ts_compiles_with_lrelease(tmp_path: Path) -> None:
    tool = i18n._lrelease()
    if tool is None:
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "guanai_en.qm"
    done = subprocess.run([tool, str(TS), "-qm", str(qm)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert qm.exists() and qm.stat().st_size > 0
    report = done.stdout + done.stderr
    assert " 0 unfinished" in report, report
    assert "untranslated" not in report, report
