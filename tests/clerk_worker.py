"""One clerk at a keyboard, as a process of its own (tests/test_concurrent_clerks.py): for a
bounded time it registers people from a list other clerks share, and edits one person's phone
number the way a clerk does (read the record, then save the change with the stamp it read),
all through `guanai` commands. Prints what happened as one JSON object on its last line.

    python -m tests.clerk_worker DB_URL WORKER SECONDS RECIPIENT_ID ID_NUMBER…
    python -m tests.clerk_worker DB_URL import ROSTER.xlsx   (a roster import meanwhile)
"""

from __future__ import annotations

import io
import json
import random
import sys
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from typing import Any


def guanai(*argv: str) -> tuple[int, str, str]:
    """One `guanai` command in this process: exit code, stdout, stderr (a traceback included)."""
    from app.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except BaseException:  # noqa: BLE001 (what the clerk would have seen: the test fails on it)
            traceback.print_exc(file=err)
            code = -1
    return code, out.getvalue(), err.getvalue()


def run(db: str, worker: int, seconds: float, recipient_id: str, numbers: list[str]) -> dict[str, Any]:
    rng = random.Random(worker)
    todo = numbers[:]
    rng.shuffle(todo)
    outcome: dict[str, Any] = {"worker": worker, "registered": [], "already": [], "applied": [], "refused": 0,
                               "unexpected": []}
    deadline = time.monotonic() + seconds
    n = 0
    while todo or time.monotonic() < deadline:
        n += 1
        if todo and n % 2:
            number = todo.pop()
            code, out, err = guanai("--db", db, "recipients", "add", "--name", f"龙{'一二三四五六七八九十'[worker % 10]}",
                                    "--id-number", number, "--category", "left_behind_child", "--date", "2026-11-01")
            if code == 0:
                outcome["registered"].append(number)
            elif code == 1 and "此人已登记" in err:
                outcome["already"].append(number)
            else:
                outcome["unexpected"].append(["add", code, out, err])
            continue
        code, out, err = guanai("--db", db, "recipients", "show", recipient_id, "--json")
        if code != 0:
            outcome["unexpected"].append(["show", code, out, err])
            continue
        shown = json.loads(out)
        phone = f"139{worker:02d}{n:06d}"
        code, out, err = guanai("--db", db, "recipients", "edit", recipient_id, "--phone", phone,
                                "--stamp", shown["stamp"], "--json")
        if code == 0:
            outcome["applied"].append([shown["phone"], phone])
        elif code == 1 and "另一位工作人员已改为" in err and phone in err:
            outcome["refused"] += 1
        else:
            outcome["unexpected"].append(["edit", code, out, err])
    return outcome


def roster_import(db: str, roster: str) -> dict[str, Any]:
    code, out, err = guanai("--db", db, "roster", "import", roster, "--json")
    ok = code in (0, 1) and "Traceback" not in err
    return {"worker": "import", "code": code, "report": json.loads(out) if ok and out.strip() else None,
            "err": err, "unexpected": [] if ok else [["import", code, out, err]]}


if __name__ == "__main__":
    if sys.argv[2] == "import":
        print(json.dumps(roster_import(sys.argv[1], sys.argv[3]), ensure_ascii=False))
        sys.exit(0)
    db, worker, seconds, rid, *numbers = sys.argv[1:]
    print(json.dumps(run(db, int(worker), float(seconds), rid, numbers), ensure_ascii=False))
