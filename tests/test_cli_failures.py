"""Issue 12, point 7: clear errors, never a traceback. A full disk in every write path of the
CLI, a database another program is writing, numbers and dates out of range, output paths that
cannot be written and arguments that are not UTF-8: each says so in one line (exit 1, or 2
for an option argparse refuses), and the database and the output folder are as they were."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from tests.helpers import make_id

VILLAGE = "522631100201"
TODAY = "2026-11-28"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A village with the demo's people and work, made once for the module."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GUANAI_HOME", str(home))
        db = tmp_path_factory.mktemp("demo") / "v.sqlite3"
        assert main(["--db", str(db), "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村",
                     "--parent", "522631100"]) == 0
        assert main(["--db", str(db), "demo", "--scale", "village", "--today", TODAY]) == 0
    return db, home


@pytest.fixture
def db(demo_db: tuple[Path, Path], tmp_path: Path, guanai_home: Path) -> Path:
    """A copy of the demo village for one test, its keys in the test's data directory."""
    made, home = demo_db
    shutil.copytree(home, guanai_home, dirs_exist_ok=True)
    copy = tmp_path / "v.sqlite3"
    with sqlite3.connect(made) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy


def snapshot(db: Path) -> dict[str, object]:
    """Every table's row count and the audit log's and change log's last rows."""
    with sqlite3.connect(db) as c:
        tables = [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out: dict[str, object] = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        out["last_audit"] = c.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        out["printed"] = c.execute("SELECT count(*) FROM agreements WHERE status = 'printed'").fetchone()[0]
        out["settings"] = c.execute("SELECT key, value FROM local_settings ORDER BY key").fetchall()
    return out


def run(capsys: pytest.CaptureFixture[str], *args: str, **kw: object) -> tuple[int, str, str]:
    try:
        code = main(list(args), **kw)  # type: ignore[arg-type]
    except SystemExit as e:  # argparse: wrong usage
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def a_recipient(db: Path) -> str:
    with sqlite3.connect(db) as c:
        return str(c.execute("SELECT id FROM recipients WHERE deleted = 0 AND status = 'confirmed' "
                             "ORDER BY id LIMIT 1").fetchone()[0])


def _full_disk(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[-1]) if args else None)

    monkeypatch.setattr(module, name, full)


# ---- a full disk ----------------------------------------------------------------------------


def _writes(db: Path, out: Path) -> dict[str, list[str]]:
    rid = a_recipient(db)
    return {
        "backup": ["backup", "--out", str(out / "b.sqlite3")],
        "report ledger": ["report", "ledger", "--period", "2026-Q3", "--out", str(out / "l.xlsx")],
        "report compliance pdf": ["report", "compliance", "--period", "2026-Q3", "--out", str(out / "c.pdf")],
        "roster export": ["roster", "export", str(out / "r.xlsx")],
        "roster template": ["roster", "template", str(out / "t.xlsx")],
        "print roster": ["print", "roster", "--out", str(out / "r.pdf")],
        "print profile": ["print", "profile", rid, "--out", str(out / "p.pdf")],
        "print agreements": ["print", "agreements", "--kind", "family-support", "--out", str(out / "a.pdf")],
        "bundle export": ["bundle", "export", "--to", "522631100", "--out", str(out / "x.bundle")],
    }


@pytest.mark.parametrize("what", ["backup", "report ledger", "report compliance pdf", "roster export",
                                  "roster template", "print roster", "print profile", "print agreements",
                                  "bundle export"])
def test_a_full_disk_in_a_write_path_is_one_line_and_leaves_nothing(
        what: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    if what == "bundle export":  # the township's identity trusted, so a bundle can be sealed for it
        township = tmp_path / "t.sqlite3"
        assert main(["--db", str(township), "init", "--role", "township", "--code", "522631100",
                     "--name", "城关镇"]) == 0
        assert main(["--db", str(township), "keys", "export", "--out", str(tmp_path / "t.id")]) == 0
        assert main(["--db", str(db), "keys", "trust", str(tmp_path / "t.id")]) == 0
        capsys.readouterr()
    argv = ["--db", str(db), *_writes(db, out)[what]]
    before = snapshot(db)
    # The last step of every write path: the finished temporary file renamed into place. A
    # bundle is recorded as sent before its file takes its name (app/sync/exchange.py: a
    # failed rename is a gap the addressee reports, never a number used twice), so there
    # the disk fills while the file is written (reported at fsync, as on many disks).
    _full_disk(monkeypatch, os, "fsync" if what == "bundle export" else "replace")
    code, stdout, err = run(capsys, *argv)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("磁盘已满，无法写入"), err
    assert "数据未被修改" in lines[0]
    assert list(out.iterdir()) == []  # no half-written file, not even a temporary one
    assert snapshot(db) == before


def test_a_full_disk_while_writing_the_file_itself(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills during the write (not at the rename): the partial file goes too."""
    import app.files as files  # what the PDF's writer (pdf_common.write_safely) writes with

    real_fdopen = os.fdopen

    class Filling:
        def __init__(self, f: object) -> None:
            self.f = f

        def __enter__(self) -> Filling:
            return self

        def __exit__(self, *exc: object) -> None:
            self.f.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.f.write(data[:100])  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> object:
            return getattr(self.f, name)

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Filling(real_fdopen(fd, mode)))
    out = tmp_path / "usb"
    out.mkdir()
    before = snapshot(db)
    code, _, err = run(capsys, "--db", str(db), "print", "agreements", "--kind", "family-support",
                       "--out", str(out / "a.pdf"))
    assert code == 1 and err.startswith("磁盘已满"), err
    assert list(out.iterdir()) == []
    assert snapshot(db) == before  # the agreements are not marked printed


def test_a_full_disk_under_the_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite's own 'database or disk is full' (here: a page limit the disk reaches)."""
    before = snapshot(db)
    with sqlite3.connect(db) as c:
        pages = c.execute("PRAGMA page_count").fetchone()[0]

    import app.db

    real = app.db._sqlite_pragmas

    def tight(conn: object, record: object, **kw: object) -> None:
        real(conn, record, **kw)  # type: ignore[arg-type]
        conn.execute(f"PRAGMA max_page_count={pages}")  # type: ignore[attr-defined]

    mp = pytest.MonkeyPatch()
    mp.setattr(app.db, "_sqlite_pragmas", tight)
    try:
        code, _, err = run(capsys, "--db", str(db), "recipients", "add", "--name", "龙浩宇",
                           "--id-number", make_id(dt.date(2015, 3, 6), seq=401), "--category",
                           "left_behind_child", "--notes", "很长的说明" * 300)
    finally:
        mp.undo()
    assert code == 1
    assert err.strip() == "磁盘已满，无法写入数据库。请清理磁盘空间后再试；数据未被修改。"
    assert snapshot(db) == before


def test_the_english_words_with_lang_en(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _full_disk(monkeypatch, os, "replace")
    code, _, err = run(capsys, "--db", str(db), "--lang", "en", "backup", "--out", str(tmp_path / "b.sqlite3"))
    assert code == 1 and err.startswith("the disk is full, cannot write"), err


# ---- another program writing ----------------------------------------------------------------


def test_a_locked_database_waits_then_says_so_and_changes_nothing(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(db)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program's write, not finished
    other.execute("UPDATE local_settings SET value = value WHERE key = 'office_code'")
    try:
        started = dt.datetime.now()
        code, _, err = run(capsys, "--db", str(db), "recipients", "add", "--name", "龙浩宇",
                           "--id-number", make_id(dt.date(2015, 3, 6), seq=402), "--category",
                           "left_behind_child", busy_timeout_ms=200)
        waited = (dt.datetime.now() - started).total_seconds()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1
    assert err.strip() == ("另一个程序正在写入数据库（可能是另一个关爱系统窗口或命令），等待超时。"
                           "请稍后再试；数据未被修改。")
    assert 0.2 <= waited < 8  # the timeout given, not the default ten seconds
    assert snapshot(db) == before
    # Once the other program is done, the same command goes through.
    code, out, _ = run(capsys, "--db", str(db), "recipients", "add", "--name", "龙浩宇",
                       "--id-number", make_id(dt.date(2015, 3, 6), seq=402), "--category",
                       "left_behind_child", busy_timeout_ms=200)
    assert code == 0 and "已登记" in out


def test_the_desktop_app_shows_a_locked_database_in_words() -> None:
    from sqlalchemy.exc import OperationalError

    from app.care.failures import LOCKED, describe

    error = OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))
    assert describe(error) == LOCKED
    assert describe(RuntimeError("a bug")) is None  # bugs keep their traceback (on stderr)


# ---- numbers, dates and periods out of range ------------------------------------------------


@pytest.mark.parametrize("argv, code, words", [
    (["log", "aid", "{rid}", "--items", "米", "--value", "1e20"], 1, "价值：“1e20”不是有效金额"),
    (["log", "aid", "{rid}", "--items", "米", "--value", "9" * 25], 1, "元太大（最多 1000000 元）"),
    (["log", "wish", "{rid}", "--note", "书包", "--value", "100000000"], 1, "元太大"),
    (["recipients", "list", "--limit", str(2**70)], 2, "argument --limit: 应为 0 到 1000000000 之间的整数"),
    (["recipients", "list", "--limit", "2**70"], 2, "argument --limit: 应为整数"),
    (["demo", "--scale", "village", "--seed", "9" * 30], 2, "argument --seed: 应为 0 到 4294967295"),
    (["demo", "--scale", "village", "--years", "100000"], 2, "argument --years: 应为 1 到 10"),
    (["rules", "set", "x", "--count", str(2**64)], 2, "argument --count: 应为 1 到 31"),
    (["recipients", "edit", "{rid}", "--disability-grade", "99999999999999999999"], 1, "残疾等级：应为1到4级"),
    (["tasks", "--date", "9999-01-01"], 2, "argument --date: 日期应在 1900-01-01 到 2100-12-31 之间"),
    (["log", "call", "{rid}", "--date", "0001-01-01"], 2, "argument --date: 日期应在 1900-01-01"),
    (["keys", "revoke", "522631100", "--from", "2200-01-01"], 2, "argument --from: 日期应在"),
    (["status", "--period", "9999-Q3"], 1, "期间：9999-Q3 的年份应在 1900 到 2100 年之间"),
    (["report", "ledger", "--period", "0000-07", "--out", "{tmp}/l.xlsx"], 1, "年份应在 1900 到 2100"),
])
def test_numbers_and_dates_out_of_range_are_refused_naming_the_option(
        argv: list[str], code: int, words: str, db: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    rid = a_recipient(db)
    argv = [a.replace("{rid}", rid).replace("{tmp}", str(tmp_path)) for a in argv]
    before = snapshot(db)
    got, _, err = run(capsys, "--db", str(db), *argv)
    assert got == code and words in err, err
    assert snapshot(db) == before
    assert not (tmp_path / "l.xlsx").exists()


# ---- output paths ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["folder", "parent is a file", "nul", "read-only folder", "read-only file"])
def test_an_output_path_that_cannot_be_written_is_refused_before_any_work(
        case: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "old.pdf").write_text("old")
    target, words = {
        "folder": (str(tmp_path), "是一个文件夹，请给出文件名"),
        "parent is a file": (str(tmp_path / "a-file" / "sub" / "a.pdf"), "不是文件夹"),
        "nul": (str(tmp_path / "a\x00.pdf"), "空字符（NUL）"),
        "read-only folder": (str(locked / "new.pdf"), "没有权限在文件夹"),
        "read-only file": (str(locked / "old.pdf"), "是只读的，无法覆盖"),
    }[case]
    if case.startswith("read-only"):
        shut = locked / "old.pdf" if case == "read-only file" else locked
        if os.geteuid() == 0:  # root may write anywhere: the permission as a user would have it
            real = os.access
            monkeypatch.setattr(os, "access", lambda p, mode, **kw: str(p) != str(shut) and real(p, mode, **kw))
        os.chmod(shut, 0o444 if shut.is_file() else 0o555)
    before = snapshot(db)
    try:
        code, _, err = run(capsys, "--db", str(db), "print", "agreements", "--kind", "family-support",
                           "--out", target)
    finally:
        os.chmod(locked, 0o755)
    assert code == 1
    assert err.startswith("--out：") and words in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(db) == before
    assert (locked / "old.pdf").read_text() == "old"


def test_a_roster_export_into_a_folder_names_the_argument(db: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(db), "roster", "export", str(tmp_path))
    assert code == 1 and err.startswith("FILE：") and "是一个文件夹" in err


def test_permission_denied_by_the_system_is_one_line(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """What the early check cannot see (a network share, an antivirus): the OS's refusal."""
    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x"))

    monkeypatch.setattr(os, "replace", denied)
    code, _, err = run(capsys, "--db", str(db), "report", "ledger", "--period", "2026-Q3",
                       "--out", str(tmp_path / "l.xlsx"))
    assert code == 1
    assert err.strip() == f"无法完成，没有权限写入或读取：{tmp_path / 'x'}。数据未被修改。"
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())


# ---- arguments that are not UTF-8 -----------------------------------------------------------


def test_an_argument_that_is_not_utf8_is_refused_naming_the_option(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(db)
    name = b"\xff\xfe".decode("utf-8", "surrogateescape")  # what Python makes of guanai --name $'\xff\xfe'
    code, _, err = run(capsys, "--db", str(db), "recipients", "add", "--name", name,
                       "--id-number", make_id(dt.date(2015, 3, 6), seq=403), "--category", "left_behind_child")
    assert code == 1
    assert err.startswith("--name：含有无法识别的字符（不是 UTF-8 编码的文字）")
    code, _, err = run(capsys, "--db", str(db), "recipients", "list", "--search", name)
    assert code == 1 and err.startswith("--search：")
    code, _, err = run(capsys, "--db", str(db), "recipients", "show", name)
    assert code == 1 and err.startswith("ID：")
    assert snapshot(db) == before


def test_a_file_name_that_is_not_utf8_is_a_file_name(db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Paths keep their bytes (Linux allows any); only text arguments must be UTF-8."""
    out = os.fsdecode(os.fsencode(str(tmp_path)) + b"/\xff.xlsx")
    code, stdout, _ = run(capsys, "--db", str(db), "roster", "template", out)
    assert code == 0 and os.path.exists(os.fsencode(out))
    assert "\\udcff" in stdout or "\\xff" in stdout  # echoed back as an escape, not a crash


def test_a_wrong_choice_that_is_not_utf8_is_usage(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--db", str(db), "lifecycle", b"\xff".decode("utf-8", "surrogateescape"), "x"])
    assert e.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_desktop_error_box_says_it_in_words(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy.exc import OperationalError

    from app.ui.background import show_error

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(("critical", text)))
    show_error(None, OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked")))
    show_error(None, OSError(errno.ENOSPC, "No space left on device", "/media/usb/台账.xlsx"))
    assert shown[0][1].startswith("另一个程序正在写入数据库")
    assert shown[1][1].startswith("磁盘已满，无法写入（/media/usb/台账.xlsx）")
    assert all(title != "critical" for title, _ in shown)


def test_a_full_disk_during_a_bundle_import_changes_nothing(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    township = tmp_path / "t.sqlite3"
    assert main(["--db", str(township), "init", "--role", "township", "--code", "522631100", "--name", "城关镇"]) == 0
    assert main(["--db", str(township), "keys", "export", "--out", str(tmp_path / "t.id")]) == 0
    assert main(["--db", str(db), "keys", "export", "--out", str(tmp_path / "v.id")]) == 0
    assert main(["--db", str(db), "keys", "trust", str(tmp_path / "t.id")]) == 0
    assert main(["--db", str(township), "keys", "trust", str(tmp_path / "v.id")]) == 0
    assert main(["--db", str(db), "bundle", "export", "--to", "522631100", "--out", str(tmp_path / "v.bundle")]) == 0
    capsys.readouterr()
    before = snapshot(township)
    with sqlite3.connect(township) as c:
        pages = c.execute("PRAGMA page_count").fetchone()[0]

    import app.db

    real = app.db._sqlite_pragmas

    def tight(conn: object, record: object, **kw: object) -> None:
        real(conn, record, **kw)  # type: ignore[arg-type]
        conn.execute(f"PRAGMA max_page_count={pages + 2}")  # type: ignore[attr-defined]

    mp = pytest.MonkeyPatch()
    mp.setattr(app.db, "_sqlite_pragmas", tight)
    try:
        code, _, err = run(capsys, "--db", str(township), "bundle", "import", str(tmp_path / "v.bundle"))
    finally:
        mp.undo()
    assert code == 1
    assert "磁盘已满" in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(township) == before
    code, out, _ = run(capsys, "--db", str(township), "bundle", "import", str(tmp_path / "v.bundle"))
    assert code == 0 and "已导入" in out  # with room again, the same file goes in


def test_a_server_that_cannot_be_reached_is_said_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    """No server listens on port 1: the command exits 1 with what to check, no traceback."""
    assert main(["--db", "postgresql+psycopg://clerk@127.0.0.1:1/county", "tasks"]) == 1
    err = capsys.readouterr().err
    assert "连接不上服务器数据库" in err and "Traceback" not in err
