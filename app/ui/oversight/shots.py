"""Render the overview pages to PNG (issue 13), on an existing township or county database:

    QT_QPA_PLATFORM=offscreen python -m app.ui.oversight.shots --db FILE --name county \\
        [--out docs/screenshots] [--size 1366x768] [--font normal|large|larger] [--period 2026-Q4]

Saves overview-NAME.png (the units, worst first, with the charts), overview-NAME-down.png
(one level down: a county's first township, or a township's first village's roster and tasks)
and, for a township or county, duties-NAME.png (its work bench of its own duties).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.ui.screenshots import settle, shooting_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.oversight.shots", description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--font", default="normal", choices=["normal", "large", "larger"])
    parser.add_argument("--period", help="the quarter to show (default: this quarter)")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    app, background, _scratch = shooting_app(args.lang, args.font)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))

    from app.ui.main import MainWindow
    from app.ui.oversight.overview_page import OverviewPage
    from app.ui.store import Store
    store = Store.open(args.db)
    office = store.office()
    assert office is not None
    window = MainWindow(store, background, office)
    window.resize(width, height)
    window.show()
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    if args.period:
        page.period_box.setCurrentIndex(max(page.period_box.findData(args.period), 0))
    settle(app, background, 300)
    suffix = "" if args.font == "normal" else f"-{args.font}"
    shots = [out / f"overview-{args.name}{suffix}.png"]
    window.grab().save(str(shots[-1]))
    page.drill()
    settle(app, background, 300)
    shots.append(out / f"overview-{args.name}-down{suffix}.png")
    window.grab().save(str(shots[-1]))
    if office.level in ("township", "county"):
        window.show_page("workbench")
        settle(app, background, 120)
        shots.append(out / f"duties-{args.name}{suffix}.png")
        window.grab().save(str(shots[-1]))
    for path in shots:
        print(f"  {path}")
    window.close()
    background.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
