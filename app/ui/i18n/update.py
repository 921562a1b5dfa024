"""Refresh the English translation source from every tr() in app/ui, keeping what is
already translated: `python -m app.ui.i18n.update` (then fill the new entries in
guanai_en.ts; the .qm is compiled at start, see app.ui.i18n)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
UI = HERE.parent


def main() -> int:
    tool = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    sources = sorted(str(p) for p in UI.rglob("*.py") if "i18n" not in p.parts)
    ts = HERE / "guanai_en.ts"
    subprocess.run([tool, "-no-obsolete", "-source-language", "zh_CN", "-target-language", "en",
                    *sources, "-ts", str(ts)], check=True)
    text = ts.read_text(encoding="utf-8")
    todo = text.count('type="unfinished"')
    print(f"{ts}: {text.count('<message')} messages, {todo} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
