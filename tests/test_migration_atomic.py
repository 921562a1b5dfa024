"""Schema upgrades are all or nothing (app/sqlite_upgrade.py): a township's database at the
first revision, upgraded in a child process killed with SIGKILL at every step and at varied
moments, always opens whole at the old or the new revision; a full disk (a real one: a small
tmpfs) is a clear error that leaves the old database usable; one backup per revision is kept."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from app.care.errors import DiskFullError
from app.db import current_revision, head_revision, make_engine, open_database, upgrade

ROOT = Path(__file__).resolve().parent.parent
OLD = "0001"
VILLAGE = "522631100201"
TOWNSHIP = "522631100"
RECIPIENTS = 4000  # a township: 25 villages of 160
RECORDS_EACH = 3
# The tables the first revision has that hold the office's data, and their order.
COMPARED = {"recipients": "id", "care_records": "id", "audit_log": "seq", "local_settings": "key"}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
GIVEN = "秀英兰芳桂花明华建国志强丽娟小红德福玉珍金凤春梅海燕文军永安"


def _build_template(path: Path) -> None:
    """A database made by the first revision, holding a township's recipients, their care
    records and the audit entries of their registration (plain SQL: the app writes head's
    schema)."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, OLD)
    engine.dispose()
    rng = random.Random(12)
    recipients, records, audit = [], [], []
    for i in range(RECIPIENTS):
        village = f"{TOWNSHIP}{100 + i % 25:03d}"
        rid = f"01900000-0000-7000-8000-{i:012d}"
        hlc = f"{1719792000000 + i}.00000.{village}"
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        born = f"{rng.randint(1930, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        recipients.append((rid, village, village, hlc, 0, village, name, rng.choice(("male", "female")),
                           f"522631{born.replace('-', '')}{i % 1000:03d}{i % 10}", born,
                           rng.choice((",left_behind_elder,", ",left_behind_child,", ",severe_disability,")),
                           i % 7 == 0, "confirmed", "2024-07-20", 0, 0, "2024-07-01", f"组{i % 9 + 1} {i}号"))
        audit.append((f"01900000-0000-7000-9000-{i:012d}", "2024-07-01 09:00:00", village, "laptop-1", "王主任",
                      "create", "recipients", rid, hlc, json.dumps({"name": [None, name]}, ensure_ascii=False)))
        for k in range(RECORDS_EACH):
            records.append((f"01900000-0000-7000-a000-{i * RECORDS_EACH + k:012d}", village, village,
                            f"{1719800000000 + i * RECORDS_EACH + k}.00000.{village}", 0, rid,
                            ("phone_followup", "home_visit", "material_aid")[k],
                            f"2024-{8 + k:02d}-{1 + i % 28:02d}", "王主任", k == 1, "大米50斤" if k == 2 else None,
                            rng.randint(1000, 50000) if k == 2 else None, f"随访记录 {i}-{k}：身体尚可，按时服药。"))
    with closing(sqlite3.connect(path)) as db, db:
        db.executemany("INSERT INTO recipients (id, origin_office, modified_office, hlc, deleted, village_code, "
                       "name, sex, id_number, birth_date, categories, key_monitoring, status, status_date, "
                       "is_urban, in_institution, surveyed_on, address) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", recipients)
        db.executemany("INSERT INTO care_records (id, origin_office, modified_office, hlc, deleted, recipient_id, "
                       "kind, occurred_on, recorded_by, needs_action, items, value_fen, note) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
        db.executemany("INSERT INTO audit_log (id, at, office_code, laptop_id, user, action, table_name, "
                       "record_id, hlc, changes_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", audit)
        db.executemany("INSERT INTO local_settings (key, value) VALUES (?, ?)",
                       [("office_code", TOWNSHIP), ("hlc_last", recipients[-1][3])])


def contents(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, tuple[int, str]]:
    """Each compared table's row count and a checksum of its rows (the first revision's
    columns), read with plain sqlite3."""
    out = {}
    with closing(sqlite3.connect(path)) as db:
        for table, key in COMPARED.items():
            cols = columns[table] if columns else [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            digest = hashlib.sha256()
            n = 0
            for row in db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {key}"):
                digest.update(repr(row).encode())
                n += 1
            out[table] = (n, digest.hexdigest())
    return out


@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]], dict[str, tuple[int, str]]]:
    """The township's database at the first revision (built once), the compared tables'
    columns at that revision, and their contents."""
    path = tmp_path_factory.mktemp("template") / "township.sqlite3"
    _build_template(path)
    with closing(sqlite3.connect(path)) as db:
        columns = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in COMPARED}
    return path, columns, contents(path, columns)


def copy_of(template: Path, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "db.sqlite3"
    shutil.copyfile(template, path)
    return path


def revision_of(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def assert_whole(path: Path, columns: dict[str, list[str]], before: dict[str, tuple[int, str]]) -> str:
    """The database opens, is sound, holds every row as it was; its revision is returned."""
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert contents(path, columns) == before
    return revision_of(path)


def leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.glob(f"{path.name}.migrating*"))


# ---- kill -9 ------------------------------------------------------------------------------------

CHILD = """
import os, signal, sys
from app.db import make_engine, upgrade

path, stop_at = sys.argv[1], sys.argv[2]

def on_step(name):
    print(name, flush=True)
    if name == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)

engine = make_engine("sqlite:///" + path)
print("start", flush=True)
upgrade(engine, on_step=on_step)
print("done", flush=True)
"""


@contextmanager
def upgrading_child(path: Path, stop_at: str = "") -> Iterator[subprocess.Popen[str]]:
    """A process upgrading `path` (app.db.upgrade), killing itself with SIGKILL when it
    reaches the step `stop_at`."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), stop_at], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=60)


STEPS = ["locked", "backup", "staged", "revision 0002", "revision 0006", "revision 0009", f"revision {head_revision()}",
         "migrated", "replaced"]


def test_killed_at_each_step_of_an_upgrade(township, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template, columns, before = township
    for n, stop_at in enumerate(STEPS):
        path = copy_of(template, tmp_path / f"step{n}")
        with upgrading_child(path, stop_at) as proc:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == -signal.SIGKILL, (stop_at, out, err)
            assert out.split("\n")[-2] == stop_at
        expected = head_revision() if stop_at == "replaced" else OLD
        assert assert_whole(path, columns, before) == expected, stop_at
    # The next start cleans up what the kill left and upgrades (a kill after the copy was made)
    path = tmp_path / "step2" / "db.sqlite3"
    assert leftovers(path) == ["db.sqlite3.migrating"]
    engine = open_database(path)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    assert leftovers(path) == []
    assert assert_whole(path, columns, before) == head_revision()
    assert sorted(p.name for p in path.parent.iterdir()) == ["db.backup-0001.sqlite3", "db.sqlite3"]


def test_killed_at_varied_moments(township, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL from outside after the child announced its start, at delays spread over a whole
    upgrade (measured first): inside the backup, the copy, a migration's statements, the swap."""
    template, columns, before = township
    path = copy_of(template, tmp_path / "timing")
    with upgrading_child(path) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "start\n"
        started = time.monotonic()
        out, err = proc.communicate(timeout=60)
        whole = time.monotonic() - started
        assert proc.returncode == 0, err
    assert whole > 0.2, "too quick an upgrade to kill in the middle"
    seen = {OLD: 0, head_revision(): 0}
    for n, fraction in enumerate((0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0)):
        path = copy_of(template, tmp_path / f"t{n}")
        with upgrading_child(path) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline() == "start\n"
            time.sleep(whole * fraction)
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        revision = assert_whole(path, columns, before)
        seen[revision] += 1
        if n % 3 == 0:  # and the next start always gets it to head, leaving nothing behind
            open_database(path).dispose()
            assert assert_whole(path, columns, before) == head_revision()
            assert leftovers(path) == []
    assert seen[OLD] >= 3, seen  # the kills did land in the middle


# ---- a migration failing half way ------------------------------------------------------------

class Stop(Exception):
    pass


def test_an_upgrade_failing_half_way_changes_nothing(tmp_path: Path) -> None:
    """A migration raising after others were applied: the database stays at the revision it
    started from, without the tables the applied ones made. On a server too (one transaction
    for the whole upgrade; run with GUANAI_TEST_DB_URL)."""
    from sqlalchemy import inspect, text

    from tests.test_migrations import RECIPIENT, insert

    engine = open_database(tmp_path / "half.sqlite3", migrate=False)
    upgrade(engine, "0005")
    with engine.begin() as conn:
        insert(conn, "recipients", {**RECIPIENT, **dict.fromkeys(("deleted", "is_urban", "in_institution"), False),
                                    "key_monitoring": True})

    def fail_after_0007(name: str) -> None:
        if name == "revision 0007":
            raise Stop

    # deliberate: a server's upgrade is `guanai migrate`'s (a file's runs at every start)
    with pytest.raises(Stop):
        upgrade(engine, on_step=fail_after_0007, deliberate=True)
    assert current_revision(engine) == "0005"
    assert "sync_changes" not in inspect(engine).get_table_names()  # made by 0006, undone
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM recipients")).scalars().all() == [RECIPIENT["name"]]
    upgrade(engine, deliberate=True)
    assert current_revision(engine) == head_revision()
    engine.dispose()


# ---- a full disk --------------------------------------------------------------------------------

SmallDisk = Callable[[str, int], Path]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """Mounts a tmpfs of a given size (bytes) under tmp_path: a disk that really fills up.
    Needs root with CAP_SYS_ADMIN (CI runs as root); elsewhere the test is skipped."""
    mounted: list[Path] = []

    def make(name: str, size: int) -> Path:
        directory = tmp_path / name
        directory.mkdir()
        pages = -(-size // 4096)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={pages * 4096}", "tmpfs", str(directory)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN): {done.stderr.strip()}")
        mounted.append(directory)
        return directory

    yield make
    for directory in mounted:
        subprocess.run(["umount", "-l", str(directory)], check=False)


def _cli_status(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "--db", str(path), "status", "--period", "2024-Q3"], cwd=ROOT, text=True,
                          capture_output=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.parametrize("room", ["none", "copies"])
def test_a_full_disk_leaves_the_old_database(township, small_disk: SmallDisk,  # type: ignore[no-untyped-def]
                                             room: str) -> None:
    """`none`: no room even for the backup (refused before writing); `copies`: room for the
    backup and the copy but not for what the migrations add, so the disk really fills up
    (ENOSPC) in the middle of migrating. Either way: a clear error, exit code 1 without a
    traceback, the database as it was, nothing left beside it."""
    template, columns, before = township
    size = template.stat().st_size
    disk = small_disk("disk", size + (size // 2 if room == "none" else 2 * size + 64 * 1024))
    path = copy_of(template, disk)
    with pytest.raises(DiskFullError) as refused:
        open_database(path)
    assert str(path) in refused.value.zh and "磁盘空间不足" in refused.value.zh
    assert f"约 {-(-refused.value.needed // (1024 * 1024))} MB" in refused.value.zh
    assert refused.value.needed > size * 2
    if room == "copies":  # the real thing, from the disk: SQLite's "database or disk is full"
        assert isinstance(refused.value.__cause__, Exception)
        assert "full" in str(refused.value.__cause__).lower()
    assert assert_whole(path, columns, before) == OLD
    assert leftovers(path) == []

    done = _cli_status(path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("磁盘空间不足，无法升级数据库") and str(path) in done.stderr
    assert assert_whole(path, columns, before) == OLD
    # with room for the copies, the backup was made before the disk filled up: it is whole
    backup = {"none": [], "copies": ["db.backup-0001.sqlite3"]}[room]
    assert sorted(p.name for p in disk.iterdir()) == [*backup, "db.sqlite3"]
    for name in backup:
        assert assert_whole(disk / name, columns, before) == OLD


# ---- one backup per revision ----------------------------------------------------------------------

def test_one_backup_per_revision(township, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two upgrades from one revision keep one copy, named by it; the timestamped copies of
    earlier releases are pruned to the newest of each revision, renamed by it."""
    template, columns, before = township
    path = copy_of(template, tmp_path / "office")
    stamped = [path.with_name(f"db.backup-2026030{d}-101500.sqlite3") for d in (1, 2, 3)]
    for n, old in enumerate(stamped):
        shutil.copyfile(template, old)
        os.utime(old, (1_700_000_000 + n, 1_700_000_000 + n))
    with closing(sqlite3.connect(stamped[2])) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0000'")  # as if of another revision
    open_database(path).dispose()
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "db.backup-0000.sqlite3", "db.backup-0001.sqlite3", "db.sqlite3"]
    assert revision_of(path.with_name("db.backup-0000.sqlite3")) == "0000"

    shutil.copyfile(template, path)  # the same revision again (a backup put back, say)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert upgrade(make_engine(f"sqlite:///{path}")) == path.with_name("db.backup-0001.sqlite3")
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "db.backup-0000.sqlite3", "db.backup-0001.sqlite3", "db.sqlite3"]
    assert assert_whole(path.with_name("db.backup-0001.sqlite3"), columns, before) == OLD
    assert assert_whole(path, columns, before) == head_revision()
