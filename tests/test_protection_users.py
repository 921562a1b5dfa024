"""Users, roles and signing in (issue 15 point 1, and the key-wrapping half of point 2): the
real CLI in-process on a real database, with Argon2id at its cheapest (an argument of main,
stored per keyring entry, so nothing in the product switches on a test)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.care import writes
from app.care.context import actor_for
from app.cli import main
from app.db import open_database, unit_of_work
from app.models import KeyringDocument, Office
from app.protection import signin
from app.protection.keyring import CHEAPEST, SidecarKeyring, keyring_store, sqlite_file_of
from app.protection.signin import SignInRefused, delay_after, open_signed_in, sign_in
from tests.helpers import make_id
from tests.server_db import ON_SERVER

VILLAGE, TOWNSHIP = "522631100201", "522631100"
DIRECTOR, CLERK = "王主任", "李文书"
DIRECTOR_PW, CLERK_PW = "yanzhai-2026", "clerk-pass-1"


def run(db: str, *args: str, user: str | None = None, password: str | None = None, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch) -> int:
    """One `guanai` command as `user` (GUANAI_USER / GUANAI_PASSWORD), in-process."""
    with monkeypatch.context() as m:
        for name, value in (("GUANAI_USER", user), ("GUANAI_PASSWORD", password)):
            if value is None:
                m.delenv(name, raising=False)
            else:
                m.setenv(name, value)
        m.delenv("GUANAI_NEW_PASSWORD", raising=False)
        if stdin is not None:
            m.setattr("sys.stdin", io.StringIO(stdin))
        return main(["--db", db, *args], kdf=CHEAPEST)


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """A village with users (unencrypted: encryption is P2's and tested there) and a clerk."""
    db = str(tmp_path / "v.sqlite3")
    assert run(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村", "--user", DIRECTOR,
               "--no-encryption", "--json", password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["user"] == DIRECTOR and made["encrypted"] is False
    assert run(db, "--password-stdin", "users", "add", CLERK, "--role", "clerk", user=DIRECTOR,
               stdin=f"{DIRECTOR_PW}\n{CLERK_PW}\n", monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    return {"db": db, "recovery_code": made["recovery_code"]}


def keyring_text(db: str) -> str:
    path = sqlite_file_of(db)
    if path is not None:
        return SidecarKeyring(path).path.read_text(encoding="utf-8")
    engine = open_database(db)
    try:
        with engine.connect() as conn:
            return str(conn.execute(select(KeyringDocument.document)).scalar_one())
    finally:
        engine.dispose()


def audit_rows(db: str, where: str = "1 = 1", key: bytes | None = None) -> list[tuple[str, str, str, str]]:
    engine = open_database(db, key=key)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(  # type: ignore[misc]
                f"SELECT \"user\", action, table_name, changes_json FROM audit_log WHERE {where} ORDER BY seq"))]
    finally:
        engine.dispose()


def add_child(db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *, user: str,
              password: str, name: str = "龙浩宇", seq: int = 12) -> tuple[int, str]:
    child = make_id(dt.date.today() - dt.timedelta(days=9 * 365), "male", seq=seq)
    code = run(db, "recipients", "add", "--name", name, "--id-number", child, "--category", "left_behind_child",
               "--json", user=user, password=password, monkeypatch=monkeypatch)
    out = capsys.readouterr()
    return code, (json.loads(out.out)["id"] if code == 0 else out.err)


def test_a_database_with_users_refuses_a_command_without_sign_in_in_words(
        office: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(office["db"], "tasks", monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "本数据库设有用户" in err and "GUANAI_USER" in err and "GUANAI_PASSWORD" in err
    assert run(office["db"], "tasks", user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    # the password on standard input, the option before or after the command
    assert run(office["db"], "tasks", "--password-stdin", user=DIRECTOR, stdin=DIRECTOR_PW + "\n",
               monkeypatch=monkeypatch) == 0
    assert run(office["db"], "--password-stdin", "tasks", user=DIRECTOR, stdin="wrong\n", monkeypatch=monkeypatch) == 1


def test_a_wrong_password_and_a_disabled_user_are_refused(
        office: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = office["db"]
    assert run(db, "tasks", user=CLERK, password="not-the-password", monkeypatch=monkeypatch) == 1
    assert "用户名或密码不正确" in capsys.readouterr().err
    assert run(db, "tasks", user="没有这个人", password=CLERK_PW, monkeypatch=monkeypatch) == 1
    assert "用户名或密码不正确" in capsys.readouterr().err  # the same words: names are not revealed
    assert run(db, "tasks", user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 0

    # the clerk may not manage users
    assert run(db, "users", "disable", DIRECTOR, user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 1
    assert "没有权限管理用户" in capsys.readouterr().err

    assert run(db, "users", "disable", CLERK, user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    entry = json.loads(keyring_text(db))["users"][1]
    assert entry["name"] == CLERK and entry["disabled"] is True and entry["wrapped"] is None  # the copy is gone
    assert run(db, "tasks", user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 1
    assert "已被停用" in capsys.readouterr().err
    assert run(db, "users", "list", "--json", user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(u["name"], u["role"], u["disabled"]) for u in listed] == [(DIRECTOR, "director", False),
                                                                        (CLERK, "clerk", True)]
    # the last director cannot be disabled
    assert run(db, "users", "disable", DIRECTOR, user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 1
    assert "唯一的主任" in capsys.readouterr().err


def test_a_clerk_cannot_export_full_ids_and_nothing_is_written(
        office: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = office["db"]
    assert add_child(db, monkeypatch, capsys, user=CLERK, password=CLERK_PW)[0] == 0
    out = tmp_path / "花名册.xlsx"
    assert run(db, "roster", "export", str(out), "--full-ids", user=CLERK, password=CLERK_PW,
               monkeypatch=monkeypatch) == 1
    assert "没有权限打印或导出含完整身份证号的文件" in capsys.readouterr().err
    assert not out.exists()
    assert audit_rows(db, "action = 'disclose'") == []
    # the masked roster (for an assisting unit) is the clerk's to export
    masked = tmp_path / "花名册-masked.xlsx"
    assert run(db, "roster", "export", str(masked), user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 0
    assert masked.exists() and audit_rows(db, "action = 'disclose'") == []

    assert run(db, "roster", "export", str(out), "--full-ids", user=DIRECTOR, password=DIRECTOR_PW,
               monkeypatch=monkeypatch) == 0
    assert out.exists()
    [(user, _action, _table, changes)] = audit_rows(db, "action = 'disclose'")
    assert user == DIRECTOR and json.loads(changes)["people"] == 1


def test_every_write_and_audit_row_carries_the_signed_in_user(
        office: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = office["db"]
    code, rid = add_child(db, monkeypatch, capsys, user=CLERK, password=CLERK_PW)
    assert code == 0
    assert run(db, "log", "call", rid, "--reached", "yes", user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 0
    rows = audit_rows(db, f"record_id = '{rid}' OR table_name = 'care_records'")
    assert rows and {r[0] for r in rows} == {CLERK}
    engine = open_database(db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT recorded_by FROM care_records")).scalar_one() == CLERK
    engine.dispose()
    # the users' own changes are audited too, by the director who made them
    assert ("王主任", "create", "users") in {r[:3] for r in audit_rows(db, "table_name = 'users'")}


def test_an_auditor_reads_only_and_a_supervisor_writes_only_oversight(
        office: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = office["db"]
    for name, role in (("赵审计", "auditor"), ("钱督导", "supervisor")):
        assert run(db, "--password-stdin", "users", "add", name, "--role", role, user=DIRECTOR,
                   stdin=f"{DIRECTOR_PW}\n{role}-pass-1\n", monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    for name, role in (("赵审计", "auditor"), ("钱督导", "supervisor")):
        code, err = add_child(db, monkeypatch, capsys, user=name, password=f"{role}-pass-1")
        assert code == 1 and "没有权限登记或修改关爱对象" in err
        assert run(db, "tasks", user=name, password=f"{role}-pass-1", monkeypatch=monkeypatch) == 0
    assert audit_rows(db, "table_name = 'recipients'") == []

    # the township: its supervisor records a visit, its auditor may not
    town = str(tmp_path / "t.sqlite3")
    assert run(town, "init", "--role", "township", "--code", TOWNSHIP, "--name", "茅贡镇", "--parent", "522631",
               "--user", DIRECTOR, "--no-encryption", password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    engine = open_signed_in(town, sign_in(town, DIRECTOR, DIRECTOR_PW))
    with unit_of_work(engine) as s:
        writes.create(s, actor_for(s), Office, code=VILLAGE, name="岩寨村", level="village", parent_code=TOWNSHIP)
    engine.dispose()
    for name, role in (("赵审计", "auditor"), ("钱督导", "supervisor")):
        assert run(town, "--password-stdin", "users", "add", name, "--role", role, user=DIRECTOR,
                   stdin=f"{DIRECTOR_PW}\n{role}-pass-1\n", monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    day = dt.date.today().isoformat()
    assert run(town, "supervision", "record", "--village", VILLAGE, "--date", day, "--by", "钱督导", "--finding",
               "台账齐全", user="钱督导", password="supervisor-pass-1", monkeypatch=monkeypatch) == 0
    assert run(town, "supervision", "record", "--village", VILLAGE, "--date", day, "--by", "赵审计", "--finding",
               "台账齐全", user="赵审计", password="auditor-pass-1", monkeypatch=monkeypatch) == 1
    assert "没有权限填写督导" in capsys.readouterr().err
    assert {r[0] for r in audit_rows(town, "table_name = 'supervision_visits'")} == {"钱督导"}


def test_a_forgotten_password_is_recovered_with_the_recovery_code_and_nothing_is_lost(
        office: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = office["db"]
    code, rid = add_child(db, monkeypatch, capsys, user=DIRECTOR, password=DIRECTOR_PW)
    assert code == 0
    typed_back = office["recovery_code"].lower().replace("-", " ")  # as read off the paper
    assert run(db, "--password-stdin", "users", "recover", DIRECTOR, "--recovery-code", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE",
               stdin="new-password-1\n", monkeypatch=monkeypatch) == 1
    assert "恢复码不正确" in capsys.readouterr().err
    assert run(db, "--password-stdin", "users", "recover", DIRECTOR, "--recovery-code", typed_back,
               stdin="new-password-1\n", monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    assert run(db, "tasks", user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 1
    capsys.readouterr()
    assert run(db, "recipients", "show", rid, "--json", user=DIRECTOR, password="new-password-1",
               monkeypatch=monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "龙浩宇"
    # the clerk's password still works: only the director's copy was sealed again
    assert run(db, "tasks", user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 0
    assert (DIRECTOR, "update", "users") in {r[:3] for r in audit_rows(db, "table_name = 'users'")}


def test_five_wrong_passwords_slow_the_next_tries_and_a_restart_does_not_reset_it(office: dict[str, str]) -> None:
    db = office["db"]
    start = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    for attempt in range(1, 6):
        with pytest.raises(SignInRefused) as refused:
            sign_in(db, CLERK, "wrong", now=start)
        assert refused.value.wait_s == delay_after(attempt)
    assert delay_after(4) == 0 and delay_after(5) == 30 and delay_after(6) == 60 and delay_after(30) == 900
    assert "30 秒后再试" in refused.value.zh
    # a new program reading the keyring from disk: still slowed, even with the right password
    with pytest.raises(SignInRefused) as refused:
        sign_in(keyring_store(db), CLERK, CLERK_PW, now=start + dt.timedelta(seconds=10))
    assert "连续输错 5 次" in refused.value.zh and refused.value.wait_s == 21
    # a wrong one after the wait doubles it
    with pytest.raises(SignInRefused) as refused:
        sign_in(db, CLERK, "wrong", now=start + dt.timedelta(seconds=31))
    assert refused.value.wait_s == 60
    # the other users are not slowed; the clerk's right password works once the wait is over
    assert sign_in(db, DIRECTOR, DIRECTOR_PW, now=start + dt.timedelta(seconds=40)).role == "director"
    who = sign_in(db, CLERK, CLERK_PW, now=start + dt.timedelta(seconds=92))
    assert who.user == CLERK and who.role == "clerk"
    entry = json.loads(keyring_text(db))["users"][1]
    assert entry["failures"] == 0 and entry["slowed_until"] is None
    # the failed tries wait in the keyring for the access log (written at the next sign-in)
    pending = json.loads(keyring_text(db))["pending"]
    assert [p["event"] for p in pending].count("sign_in_failed") >= 6


def test_the_keyring_holds_no_key_password_or_recovery_code_in_the_clear(office: dict[str, str]) -> None:
    raw = keyring_text(office["db"])
    key = sign_in(office["db"], DIRECTOR, DIRECTOR_PW).key
    assert len(key) == 32
    for secret in (key.hex(), key.hex().upper(), base64.b64encode(key).decode(), DIRECTOR_PW, CLERK_PW,
                   office["recovery_code"], office["recovery_code"].replace("-", "")):
        assert secret not in raw
    assert key not in raw.encode("latin-1", "ignore")
    doc = json.loads(raw)
    # every copy opens the same key, each under its own salt
    salts = {u["wrapped"]["salt"] for u in doc["users"]} | {doc["recovery"]["salt"]}
    assert len(salts) == 3
    assert sign_in(office["db"], CLERK, CLERK_PW).key == key


def test_init_without_user_stays_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "plain.sqlite3")
    assert run(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村", "--operator", "张会计",
               monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    if not ON_SERVER:
        assert not Path(db + ".keyring").exists()
    code, rid = add_child(db, monkeypatch, capsys, user=None, password=None)  # type: ignore[arg-type]
    assert code == 0 and {r[0] for r in audit_rows(db, f"record_id = '{rid}'")} == {"张会计"}
    assert run(db, "users", "list", monkeypatch=monkeypatch) == 1
    assert "没有设置用户" in capsys.readouterr().err


def test_a_lost_keyring_beside_a_database_with_users_is_refused_not_ignored(
        office: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if ON_SERVER:
        pytest.skip("a server keeps its keyring in a table")
    Path(office["db"] + ".keyring").unlink()
    assert run(office["db"], "tasks", monkeypatch=monkeypatch) == 1
    assert "找不到它的用户名册文件" in capsys.readouterr().err


def test_a_refused_init_with_user_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "bad.sqlite3")
    assert run(db, "init", "--role", "village", "--code", "12345", "--name", "岩寨村", "--user", DIRECTOR,
               "--no-encryption", password=DIRECTOR_PW, monkeypatch=monkeypatch) == 1
    capsys.readouterr()
    assert run(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村", "--user", DIRECTOR,
               "--no-encryption", password="short", monkeypatch=monkeypatch) == 1
    assert "至少 8 个字符" in capsys.readouterr().err
    if not ON_SERVER:
        assert not Path(db).exists() and not Path(db + ".keyring").exists()


@pytest.mark.skipif(ON_SERVER, reason="about the SQLite file itself")
def test_init_with_user_makes_an_encrypted_file_that_opens_only_signed_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "enc.sqlite3")
    assert run(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村", "--user", DIRECTOR, "--json",
               password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["encrypted"] is True and len(made["recovery_code"]) == 29
    assert Path(db).read_bytes()[:16] != b"SQLite format 3\x00"
    code, rid = add_child(db, monkeypatch, capsys, user=DIRECTOR, password=DIRECTOR_PW)
    assert code == 0
    assert "龙浩宇".encode() not in Path(db).read_bytes()
    with pytest.raises(sqlite3.DatabaseError), closing(sqlite3.connect(db)) as plain:
        plain.execute("SELECT count(*) FROM recipients").fetchone()
    # a forgotten password on an encrypted file: the recovery code opens it, nothing lost
    assert run(db, "--password-stdin", "users", "recover", DIRECTOR, "--recovery-code", made["recovery_code"],
               stdin="new-password-1\n", monkeypatch=monkeypatch) == 0
    assert run(db, "recipients", "show", rid, "--json", user=DIRECTOR, password="new-password-1",
               monkeypatch=monkeypatch) == 0
    assert "龙浩宇" in capsys.readouterr().out


def test_signed_in_repr_never_shows_the_key(office: dict[str, str]) -> None:
    who = signin.sign_in(office["db"], DIRECTOR, DIRECTOR_PW)
    assert who.key.hex() not in repr(who) and DIRECTOR in repr(who)


def test_only_the_director_restores(office: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    if ON_SERVER:
        pytest.skip("restore is for a SQLite file")
    db = office["db"]
    backup = str(tmp_path / "b.sqlite3")
    assert run(db, "backup", "--out", backup, user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    assert run(db, "restore", backup, monkeypatch=monkeypatch) == 1
    assert "须由主任登录" in capsys.readouterr().err
    assert run(db, "restore", backup, user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 1
    assert "没有权限恢复或升级数据库" in capsys.readouterr().err
    assert run(db, "restore", backup, user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0


def test_a_database_made_without_users_gets_its_director_and_keeps_every_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "old.sqlite3")
    assert run(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村", "--operator", "张会计",
               monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    code, rid = add_child(db, monkeypatch, capsys, user=None, password=None)  # type: ignore[arg-type]
    assert code == 0
    assert run(db, "--password-stdin", "users", "setup", DIRECTOR, "--json", stdin=DIRECTOR_PW + "\n",
               monkeypatch=monkeypatch) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["user"] == DIRECTOR and len(made["recovery_code"]) == 29
    assert run(db, "tasks", monkeypatch=monkeypatch) == 1  # from now on, signed in or refused
    capsys.readouterr()
    assert run(db, "recipients", "show", rid, "--json", user=DIRECTOR, password=DIRECTOR_PW,
               monkeypatch=monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "龙浩宇"
    assert run(db, "--password-stdin", "users", "setup", "李四", stdin=f"{DIRECTOR_PW}\nanother-pass\n",
               user=DIRECTOR, monkeypatch=monkeypatch) == 1
    assert "已设有用户" in capsys.readouterr().err
    # The file is encrypted now (users setup converts it: app/protection/at_rest.encrypt_file).
    key = sign_in(db, DIRECTOR, DIRECTOR_PW).key
    assert (DIRECTOR, "create", "users") in {r[:3] for r in audit_rows(db, "table_name = 'users'", key)}


def test_sign_ins_and_the_failed_ones_before_them_reach_the_access_log(
        office: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = office["db"]
    capsys.readouterr()
    assert run(db, "users", "list", user=CLERK, password="not-the-password", monkeypatch=monkeypatch) == 1
    capsys.readouterr()
    # a clerk may not read the log; the director may, and sees the failure and the sign-ins
    assert run(db, "access-log", "--json", user=CLERK, password=CLERK_PW, monkeypatch=monkeypatch) == 1
    assert "没有权限查看访问记录" in capsys.readouterr().err
    assert run(db, "access-log", "--json", user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    entries = json.loads(capsys.readouterr().out)
    failed = [e for e in entries if e["event"] == "sign_in_failed"]
    assert [e["user"] for e in failed] == [CLERK]
    assert {e["user"] for e in entries if e["event"] == "sign_in"} >= {CLERK, DIRECTOR}


def test_an_encrypted_database_backs_up_and_restores_through_the_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if ON_SERVER:
        pytest.skip("backup and restore are for a SQLite file")
    from app.protection.at_rest import is_encrypted_file

    db = str(tmp_path / "v.sqlite3")
    assert run(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村", "--user", DIRECTOR,
               "--json", password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    backup = tmp_path / "usb" / "b.sqlite3"
    assert run(db, "backup", "--out", str(backup), user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
    assert "已加密" in capsys.readouterr().out
    assert is_encrypted_file(backup) and Path(f"{backup}.keyring").is_file()
    assert run(db, "restore", str(backup), "--json", user=DIRECTOR, password=DIRECTOR_PW,
               monkeypatch=monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["office_code"] == VILLAGE
    assert is_encrypted_file(db)
    assert run(db, "check", user=DIRECTOR, password=DIRECTOR_PW, monkeypatch=monkeypatch) == 0
