"""Review queue and duplicates benchmark (issue 13): the county's review queue, the 30-day
warning and the possible-duplicates list on the county demo (500 villages, 60,000
recipients), each beside raw SQL through sqlite3 in the same run.

    .venv/bin/python -m bench.review [--db PATH]

Uses bench/.data/county.sqlite3 (the county demo `./dev bench` builds) when it is there, else
builds it once. Days are counted from the demo's own "today" (the day it was made).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

from bench.run import DATA, TODAY, Result, compared, interleaved, machine, table


def _demo(path: Path) -> Path:
    if path.exists():
        return path
    from app.db import open_database
    from app.demo.generate import generate_demo

    print(f"… building the county demo in {path} (once)", file=sys.stderr)
    engine = open_database(path)
    generate_demo(engine, scale="county", today=TODAY)
    engine.dispose()
    return path


RAW_QUEUE = """
SELECT r.id, r.name, r.village_code, r.categories, r.status, e.step, e.department, e.decision, e.decided_on
FROM recipients r
LEFT JOIN status_events e ON e.recipient_id = r.id AND e.deleted = 0 AND e.step IN ('report', 'review')
WHERE r.deleted = 0 AND r.status IN ('reported', 'reviewed') AND r.village_code LIKE ?
ORDER BY r.id, e.hlc
"""
RAW_WAITING = """
SELECT r.id, r.name, r.village_code, m.reported FROM recipients r
JOIN (SELECT recipient_id, MAX(decided_on) AS reported FROM status_events
      WHERE deleted = 0 AND step = 'report' GROUP BY recipient_id) m ON m.recipient_id = r.id
WHERE r.deleted = 0 AND r.status IN ('reported', 'reviewed') AND r.village_code LIKE ? AND m.reported <= ?
"""
RAW_DUPLICATES = """
SELECT id_number, COUNT(*) FROM recipients WHERE deleted = 0 AND village_code LIKE ?
GROUP BY id_number HAVING COUNT(*) > 1
UNION ALL
SELECT name || birth_date, COUNT(*) FROM recipients WHERE deleted = 0 AND village_code LIKE ?
GROUP BY name, birth_date HAVING COUNT(*) > 1
"""


def main(argv: list[str] | None = None) -> int:
    import datetime as dt

    from app.care.warnings import warnings_for
    from app.db import open_database, unit_of_work
    from app.oversight.duplicates import list_duplicates
    from app.oversight.review import review_queue

    parser = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__)
    parser.add_argument("--db", type=Path, default=DATA / "county.sqlite3")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs of each side (medians)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    DATA.mkdir(parents=True, exist_ok=True)
    db = _demo(args.db)
    with sqlite3.connect(db) as c:
        # The day the demo was made (its load's audit entry): its "today".
        today = dt.date.fromisoformat(c.execute("SELECT MAX(at) FROM audit_log WHERE action = 'bulk'").fetchone()[0][:10])
        prefix = c.execute("SELECT value FROM local_settings WHERE key = 'office_code'").fetchone()
        prefix = (prefix[0] if prefix else "522631") + "%"
        recipients = c.execute("SELECT count(*) FROM recipients").fetchone()[0]
        cutoff = (today - dt.timedelta(days=31)).isoformat()
    c = sqlite3.connect(db)
    engine = open_database(db)
    results: list[Result] = []

    def queue() -> list:  # type: ignore[type-arg]
        with unit_of_work(engine) as s:
            return review_queue(s, today)

    def duplicates() -> list:  # type: ignore[type-arg]
        with unit_of_work(engine) as s:
            return list_duplicates(s)

    def warnings() -> None:
        with unit_of_work(engine) as s:
            warnings_for(s, today)

    items = queue()
    for sql, params in ((RAW_QUEUE, (prefix,)), (RAW_WAITING, (prefix, cutoff)), (RAW_DUPLICATES, (prefix, prefix))):
        c.execute(sql, params).fetchall()  # warmed as ours is (the calls above and below)
    ours, base = interleaved(queue, lambda: c.execute(RAW_QUEUE, (prefix,)).fetchall(), args.rounds)
    results.append(compared(f"`review queue`, {db.stem} (service call)", ours,
                            "the same join through raw sqlite3 (no grouping, no sort)", base, "< 1 s",
                            f"{recipients:,} recipients; {len(items):,} waiting, "
                            f"{sum(q.overdue for q in items):,} over 30 days"))
    with unit_of_work(engine) as s:
        waiting = [w for w in warnings_for(s, today) if w.kind == "review_waiting"]
    ours, base = interleaved(warnings, lambda: c.execute(RAW_WAITING, (prefix, cutoff)).fetchall(), args.rounds)
    results.append(compared(f"`warnings`, {db.stem} (all kinds, review_waiting among them)", ours,
                            "raw query of the review_waiting kind alone", base, "",
                            f"{len(waiting):,} review_waiting warnings"))
    pairs = duplicates()
    ours, base = interleaved(duplicates, lambda: c.execute(RAW_DUPLICATES, (prefix, prefix)).fetchall(), args.rounds)
    results.append(compared(f"`duplicates`, {db.stem} (service call)", ours,
                            "raw GROUP BY of ID numbers, and of name + birth date", base, "< 1 s",
                            f"{len(pairs)} pairs"))
    c.close()
    engine.dispose()
    print(machine())
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
