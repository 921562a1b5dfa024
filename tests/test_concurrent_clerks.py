"""Several clerks at once on one database (issue 17, point 1): four processes register the same
people and edit the same phone number for a few seconds, through `guanai` commands, on a
SQLite file (and, in the suite's server pass, on PostgreSQL). Every ID number is registered
once; every edit is applied or refused with both values, none lost; no traceback anywhere."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import app.db
from app.cli import main
from app.db import open_database
from app.models import AuditEntry, Recipient
from tests.helpers import make_id

VILLAGE, TOWNSHIP = "522631100201", "522631100"
CLERKS = 4
SECONDS = 3.0
ROOT = Path(__file__).resolve().parent.parent


def test_four_clerks_register_and_edit_one_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = app.db.database_url(tmp_path / "office.sqlite3")  # a server database in the server pass
    assert main(["--db", url, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村",
                 "--parent", TOWNSHIP, "--operator", "王主任"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "recipients", "add", "--name", "吴梅", "--id-number", make_id(dt.date(2014, 5, 1), seq=99),
                 "--category", "left_behind_child", "--phone", "13800000000", "--json"]) == 0
    target = json.loads(capsys.readouterr().out)["id"]
    numbers = [make_id(dt.date(2015, 1, 1) + dt.timedelta(days=40 * i), seq=i + 1) for i in range(12)]

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    clerks = [subprocess.Popen([sys.executable, "-m", "tests.clerk_worker", url, str(i), str(SECONDS), target,
                                *numbers], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for i in range(CLERKS)]
    results = []
    for p in clerks:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in out and "Traceback" not in err, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    for r in results:
        assert r["unexpected"] == [], r["unexpected"][:3]
    # Every ID number registered once: one clerk's add succeeded, the others were told.
    registered = Counter(n for r in results for n in r["registered"])
    assert registered == Counter(numbers)
    for r in results:
        assert sorted(r["registered"] + r["already"]) == sorted(numbers)

    engine = open_database(url)
    try:
        with Session(engine) as s:
            stored = Counter(s.scalars(select(Recipient.id_number).where(Recipient.deleted.is_(False))))
            assert all(stored[n] == 1 for n in numbers), stored
            changes = [json.loads(c) for c in s.scalars(
                select(AuditEntry.changes_json).where(AuditEntry.table_name == "recipients",
                                                      AuditEntry.record_id == target,
                                                      AuditEntry.action == "update")
                .order_by(AuditEntry.hlc))]
            phone = s.scalar(select(Recipient.phone).where(Recipient.id == target))
            assert s.scalar(select(func.count()).select_from(Recipient)) == len(numbers) + 1
    finally:
        engine.dispose()
    # Every edit applied or refused, none silently lost: each applied edit is one audited change,
    # made from the value the clerk read, and each change starts from the one before it.
    applied = [tuple(a) for r in results for a in r["applied"]]
    refused = sum(r["refused"] for r in results)
    assert applied, "no edit went through"
    trail = [tuple(c["phone"]) for c in changes]
    assert sorted(trail) == sorted(applied)
    assert trail[0][0] == "13800000000"
    assert all(trail[i][1] == trail[i + 1][0] for i in range(len(trail) - 1))
    assert phone == trail[-1][1]
    print(f"{len(applied)} edits applied, {refused} refused with both values")
