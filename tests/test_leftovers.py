"""Issue 12, point 8: temporary files go when an operation fails, and what a killed one left is
cleaned by the next run (only names the app makes, only of processes that are gone); a demo
completes or leaves the database as it was; two imports of one bundle at once merge it once."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.care import intake
from app.care.intake import clean_leftovers, temp_path, write_lock
from app.cli import main
from app.db import open_database
from app.demo.generate import generate_demo
from app.reports import sheets
from app.sync import exchange
from app.sync.envelope import MAGIC
from app.sync.trust import export_identity
from tests.sync_offices import TOWNSHIP, VILLAGE, chain, dump, register

TODAY = dt.date(2026, 11, 28)
HOUR_AGO = time.time() - 3600


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def leftover(folder: Path, name: str, pid: int, *, content: bytes = b"half", mtime: float = HOUR_AGO) -> Path:
    path = folder / f".{name}.{pid}-0123abcd{intake.TEMP_SUFFIX}"
    path.write_bytes(content)
    os.utime(path, (mtime, mtime))
    return path


def aged(path: Path, when: float = HOUR_AGO, content: bytes = b"a user's file") -> Path:
    """`path` (written if missing) dated `when`."""
    if not path.exists():
        path.write_bytes(content)
    os.utime(path, (when, when))
    return path


def test_only_the_apps_own_leftovers_of_gone_processes_are_removed(tmp_path: Path) -> None:
    gone = dead_pid()
    removed = [leftover(tmp_path, "report.pdf", gone), leftover(tmp_path, "db.sqlite3", gone)]
    wal = aged(Path(f"{removed[1]}-wal"))
    spool = intake.temp_dir(tmp_path, "guanai-demo")
    spool.rename(tmp_path / spool.name.replace(str(os.getpid()), str(gone)))
    spool = tmp_path / spool.name.replace(str(os.getpid()), str(gone))
    (spool / "spool0.sqlite3").write_bytes(b"x")
    aged(spool)
    bundle_tmp = aged(tmp_path / ".bundle-a1b2c3d4", content=MAGIC + b"\x00" * 50)
    kept = [
        leftover(tmp_path, "mine.pdf", os.getpid()),  # this process: in use
        leftover(tmp_path, "parent.pdf", os.getppid()),  # alive
        leftover(tmp_path, "new.pdf", gone, mtime=time.time() + 5),  # newer than this process
        aged(tmp_path / ".report.pdf.part"), aged(tmp_path / "report.pdf"), aged(tmp_path / ".bundle-short"),
    ]
    user_bundle = aged(tmp_path / ".bundle-zzzzzzzz", content=b"not a bundle")
    # an export running right now renames its file in a moment
    fresh_bundle = aged(tmp_path / ".bundle-e5f6a7b8", time.time() - 60, content=MAGIC)
    kept += [user_bundle, fresh_bundle]
    (tmp_path / "link").symlink_to(removed[0])
    got = clean_leftovers(tmp_path, started=time.time())
    assert sorted(got) == sorted([*removed, wal, spool, bundle_tmp])
    assert all(p.exists() for p in kept)
    assert not any(p.exists() for p in got)


def test_identity_export_and_sheets_clean_what_a_killed_run_left(tmp_path: Path) -> None:
    offices = chain(tmp_path, VILLAGE)
    out = tmp_path / "usb" / "id.json"
    out.parent.mkdir()
    old = leftover(out.parent, "id.json", dead_pid())
    with offices[VILLAGE].session() as s:
        export_identity(s, out)
    assert not old.exists() and out.exists()
    assert sorted(p.name for p in out.parent.iterdir()) == ["id.json"]
    # a workbook that fails to save leaves nothing; a killed one's leftover goes next time
    old = leftover(out.parent, "ledger.xlsx", dead_pid())

    class Broken:
        def save(self, _path: str) -> None:
            Path(_path).write_bytes(b"half")
            raise OSError("disk full")

    with pytest.raises(OSError):
        sheets.save(Broken(), out.parent / "ledger.xlsx")  # type: ignore[arg-type]
    assert sorted(p.name for p in out.parent.iterdir()) == ["id.json"]
    assert not old.exists()


def test_bundle_export_cleans_a_killed_exports_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    usb = tmp_path / "usb"
    usb.mkdir()
    aged(usb / ".bundle-q1w2e3r4", content=MAGIC + b"\x00" * 100)
    mine = aged(usb / "notes.txt")
    db = str(offices[VILLAGE].dir / "db.sqlite3")
    assert main(["--db", db, "bundle", "export", "--to", TOWNSHIP, "--out", str(usb / "b.guanai")]) == 0
    assert sorted(p.name for p in usb.iterdir()) == ["b.guanai", "notes.txt"] and mine.exists()


def test_opening_the_database_cleans_a_killed_restore_beside_it(tmp_path: Path) -> None:
    db = tmp_path / "data" / "guanai.sqlite3"
    open_database(db).dispose()
    staged = temp_path(db)
    gone = dead_pid()
    staged = staged.with_name(staged.name.replace(f".{os.getpid()}-", f".{gone}-"))
    staged.write_bytes(b"SQLite format 3\x00")
    aged(staged)
    before = sorted(p.name for p in db.parent.iterdir() if p != staged)
    # a later process: this one started before the file was made
    monkey_started = intake.STARTED
    intake.STARTED = time.time()
    try:
        open_database(db).dispose()
    finally:
        intake.STARTED = monkey_started
    assert not staged.exists()
    assert sorted(p.name for p in db.parent.iterdir()) == before


# ---- the demo: all or nothing ------------------------------------------------------------------

class Interrupted(Exception):
    pass


def _fail_at_progress(n: int):  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def say(line: str) -> None:
        seen.append(line)
        if len(seen) >= n:
            raise Interrupted(line)
    return say


@pytest.mark.parametrize("set_up", [False, True], ids=["empty", "set-up"])
def test_a_demo_failing_midway_leaves_the_database_as_it_was(tmp_path: Path, set_up: bool) -> None:
    if set_up:
        engine = chain(tmp_path, TOWNSHIP)[TOWNSHIP].engine
    else:
        engine = open_database(tmp_path / "empty.sqlite3")
    before = dump(engine)
    with pytest.raises(Interrupted, match="演示数据"):  # after the first village is in
        generate_demo(engine, scale="village", today=TODAY, progress=_fail_at_progress(1))
    assert dump(engine) == before
    assert not [p for p in (tmp_path).rglob("*guanai-tmp*")]
    generate_demo(engine, scale="village", today=TODAY)  # and it can run again
    assert dump(engine) != before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_killed_demo_leaves_the_database_as_it_was_and_the_next_run_cleans_its_spool(
        tmp_path: Path, guanai_home: Path) -> None:
    db = tmp_path / "t.sqlite3"
    engine = open_database(db)
    before = dump(engine)
    engine.dispose()
    env = {**os.environ, "GUANAI_HOME": str(guanai_home)}
    child = subprocess.Popen([sys.executable, "-m", "app", "--db", str(db), "demo", "--scale", "township",
                              "--today", TODAY.isoformat()], stderr=subprocess.PIPE, text=True, env=env,
                             start_new_session=True)
    try:
        assert child.stderr is not None
        for line in child.stderr:  # the first villages are in, the transaction is open
            if line.startswith("演示数据："):
                break
        os.killpg(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    engine = open_database(db, migrate=False)
    assert dump(engine) == before
    engine.dispose()
    r = subprocess.run([sys.executable, "-m", "app", "--db", str(db), "check"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert "guanai-tmp" not in " ".join(p.name for p in tmp_path.iterdir()), r.stderr


# ---- one bundle, two imports at once ------------------------------------------------------------

def test_importing_a_bundle_again_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    register(offices[VILLAGE], "吴老汉")
    path = offices[VILLAGE].export(offices[TOWNSHIP]).path
    db = str(offices[TOWNSHIP].dir / "db.sqlite3")
    assert main(["--db", db, "bundle", "import", str(path), "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "bundle", "import", str(path), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["already_imported"] is True and result["accepted"] is True


def test_write_lock_makes_a_check_and_its_write_one_step(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "x.sqlite3")
    other = open_database(tmp_path / "x.sqlite3", migrate=False)
    with Session(engine) as a, a.begin():
        write_lock(a)
        a.execute(text("INSERT INTO local_settings (key, value) VALUES ('claimed', 'a')"))
        with Session(other) as b:
            b.execute(text("PRAGMA busy_timeout=100"))
            with pytest.raises(OperationalError, match="locked"):
                write_lock(b)
    with Session(other) as b, b.begin():
        write_lock(b)  # now free: and what a wrote is there to see
        assert b.execute(text("SELECT value FROM local_settings WHERE key = 'claimed'")).scalar() == "a"
    engine.dispose()
    other.dispose()


def test_two_processes_importing_one_bundle_at_once_merge_it_once(tmp_path: Path) -> None:
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    for i, name in enumerate(("吴老汉", "杨阿婆", "龙大爷")):
        register(offices[VILLAGE], name, seq=20 + i)
    path = offices[VILLAGE].export(offices[TOWNSHIP]).path
    db = offices[TOWNSHIP].dir / "db.sqlite3"
    first, second = open_database(db, migrate=False), open_database(db, migrate=False)
    a_writing, b_started = threading.Event(), threading.Event()

    @event.listens_for(first, "before_cursor_execute")
    def hold(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO sync_bundles") and not a_writing.is_set():
            a_writing.set()  # A has merged and not committed: B starts now
            b_started.wait(5)
            time.sleep(0.5)

    results: dict[str, exchange.ImportResult] = {}

    def run_a() -> None:
        [results["a"]] = exchange.import_bundles(first, [path])

    def run_b() -> None:
        a_writing.wait(10)
        b_started.set()
        [results["b"]] = exchange.import_bundles(second, [path])

    threads = [threading.Thread(target=run_a), threading.Thread(target=run_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    first.dispose()
    second.dispose()
    a, b = results["a"], results["b"]
    assert a.accepted and not a.already_imported and a.inserted >= 3
    assert b.accepted and b.already_imported, b
    with Session(offices[TOWNSHIP].engine) as s:
        assert s.execute(text("SELECT count(*) FROM sync_bundles WHERE way = 'in'")).scalar() == 1
