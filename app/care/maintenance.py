"""Keeping a database safe: a consistent copy (`backup`), putting one back (`restore`), and
an integrity check (`check`) — `guanai backup|restore|check` (CLI.md).

SQLite only: a county on PostgreSQL backs up with the server's own tools (pg_dump). Without
an office key the private keys are not in the database (app/sync/keys.py keeps them in the
data directory's keys folder), so a backup carries no key that could sign or read bundles as
this office; restoring on the same laptop finds them again. With an office key (an encrypted
database, app/protection/at_rest.py) the backup is encrypted under the same key, carries the
private keys sealed under it, and has the keyring sidecar (`<backup>.keyring`) copied beside
it: it opens with a user's password or the recovery code, and with nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine

from app.care.errors import ServiceError
from app.care.intake import MAX_BACKUP_BYTES, IntakeError, check_size, clean_leftovers
from app.care.schema_check import foreign_objects
from app.files import PRIVATE, atomic_write, temp_path
from app.migration_head import head_revision
from app.protection.at_rest import (
    WrongKey,
    connect,
    copy_database,
    db_errors,
    export_database,
    file_key,
    is_db_error,
    is_encrypted_file,
)

if TYPE_CHECKING:
    from app.sync.restore import SyncCarry

OFFICE_KEY = "office_code"  # app.care.context.OFFICE_KEY


def sqlite_path(engine: Engine) -> Path:
    return sqlite_file(engine.url)


def sqlite_file(url: URL) -> Path:
    """The database file of a SQLite URL; refused for anything else (a server database)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise ServiceError("备份与恢复只用于本机的 SQLite 数据库文件；服务器数据库（PostgreSQL）请用 pg_dump 备份。",
                           "Backup and restore are for the local SQLite file; back up PostgreSQL with pg_dump.")
    return Path(url.database)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    office_code: str | None
    recipients: int

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "bytes": self.bytes, "office_code": self.office_code,
                "recipients": self.recipients}


def _copy(src: Any, out: Path, progress: Callable[[int, int], None] | None = None,
          key: bytes | None = None) -> None:
    """The SQLite backup API (a consistent copy, WAL included) into a temporary file beside
    `out`, renamed into place: a half-written copy never carries the final name."""
    tmp = _copy_beside(src, out, progress, key)
    try:
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _copy_beside(src: Any, out: Path, progress: Callable[[int, int], None] | None = None,
                 key: bytes | None = None) -> Path:
    """A consistent copy of `src` in a new temporary file beside `out` (same directory, so
    that renaming it over `out` is atomic), one self-contained file, encrypted under `key`
    as `src` is."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return _database_beside(out, lambda tmp: copy_database(src, tmp, key, progress))


def _database_beside(out: Path, write: Callable[[Path], None]) -> Path:
    """A new temporary database file beside `out`, written by `write`; if that fails, removed
    with whatever SQLite kept beside it."""
    tmp = temp_path(out)
    try:
        write(tmp)
    except BaseException:
        _remove_database(tmp)
        raise
    return tmp


def _remove_database(path: Path) -> None:
    """A database file and its sidecars (write-ahead log, shared memory, rollback journal)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup(engine: Engine, out: Path, progress: Callable[[int, int], None] | None = None) -> BackupResult:
    source = sqlite_path(engine)
    clean_leftovers(Path(out).parent)  # what a killed backup left there
    if out.resolve() == source.resolve():
        raise ServiceError("备份文件不能是数据库文件本身，请另选一个位置（如 U 盘）。",
                           "The backup cannot overwrite the database itself.")
    key = file_key(engine)
    with closing(connect(source, key, check=True)) as src:
        _copy(src, out, progress, key)
    _copy_keyring(source, out)
    facts = inspect(out, key)
    return BackupResult(out, out.stat().st_size, facts.office_code, facts.recipients)


def keyring_beside(path: Path) -> Path:
    """The keyring sidecar of a database file (app/protection/keyring.py writes it)."""
    return path.with_name(path.name + ".keyring")


def _copy_keyring(source: Path, out: Path) -> None:
    """The keyring goes with an encrypted backup: the wrapped copies of the key that open it
    with a user's password or the recovery code (without them the backup cannot be read)."""
    ring = keyring_beside(source)
    if not ring.is_file():
        return
    with open(ring, "rb") as src, atomic_write(keyring_beside(out), mode=PRIVATE) as f:
        shutil.copyfileobj(src, f)


LAST_BACKUP_KEY = "last_backup"  # local setting: when and where this laptop last backed up
BACKUP_REMINDER_DAYS = 7  # the work bench reminds after this long without a backup


def note_backup(engine: Engine, result: BackupResult, user: str | None = None) -> None:
    """Remember the backup (its time and file) in this database, audited: the work bench
    shows it and reminds after BACKUP_REMINDER_DAYS."""
    from sqlalchemy.orm import Session

    from app.care.context import actor_for, get_setting, put_setting
    from app.care.writes import audit

    value = json.dumps({"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "path": str(result.path),
                        "recipients": result.recipients}, ensure_ascii=False)
    with Session(engine) as s, s.begin():
        old = get_setting(s, LAST_BACKUP_KEY)
        put_setting(s, LAST_BACKUP_KEY, value)
        audit(s, actor_for(s, user), "backup", "local_settings", LAST_BACKUP_KEY, {"value": [old, value]})


@dataclass(frozen=True)
class LastBackup:
    at: dt.datetime
    path: str

    def days_ago(self, now: dt.datetime | None = None) -> int:
        return ((now or dt.datetime.now(dt.UTC)) - self.at).days

    def overdue(self, now: dt.datetime | None = None) -> bool:
        return self.days_ago(now) >= BACKUP_REMINDER_DAYS


def last_backup(session: Any) -> LastBackup | None:
    from app.care.context import get_setting

    raw = get_setting(session, LAST_BACKUP_KEY)
    if not raw:
        return None
    try:
        found = json.loads(raw)
        return LastBackup(dt.datetime.fromisoformat(found["at"]), str(found["path"]))
    except (ValueError, KeyError, TypeError):
        return None


@dataclass
class DatabaseFacts:
    ok: bool
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    office_code: str | None = None
    recipients: int = 0
    office_row: bool = False  # the offices table holds this office's own row


def inspect(path: Path, key: bytes | None = None) -> DatabaseFacts:
    """What a file is: a readable Guanai database (of which office, which schema), or why not.
    `key`: the office key an encrypted file is read with."""
    facts = DatabaseFacts(ok=False)
    if not path.is_file():
        facts.problems.append(f"找不到文件：{path}")
        return facts
    if is_encrypted_file(path) and key is None:
        facts.problems.append("这个文件已加密，只能在登录后由它所属的单位打开。")
        return facts
    try:
        with closing(connect(path, key, readonly=True, check=True)) as db:
            result = db.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                facts.problems.append(f"文件已损坏（{result[0] if result else '无法检查'}）。")
                return facts
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "local_settings", "recipients"} <= tables:
                facts.problems.append("这不是关爱系统的数据库文件。")
                return facts
            facts.revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            found = db.execute("SELECT value FROM local_settings WHERE key = ?", (OFFICE_KEY,)).fetchone()
            facts.office_code = found[0] if found else None
            facts.office_row = facts.office_code is not None and "offices" in tables and db.execute(
                "SELECT 1 FROM offices WHERE code = ?", (facts.office_code,)).fetchone() is not None
            facts.recipients = db.execute("SELECT count(*) FROM recipients WHERE deleted = 0").fetchone()[0]
    except WrongKey:
        facts.problems.append("这个文件已加密，本单位的密钥打不开它（属于另一个单位，或文件已损坏）。")
        return facts
    except db_errors() as error:
        facts.problems.append(f"无法读取：这不是可用的数据库文件（{error}）。")
        return facts
    facts.ok = True
    return facts


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_saved_as: Path | None
    office_code: str | None
    recipients: int
    sync: SyncCarry  # what sync took over from the replaced database (app/sync/restore.py)

    def to_json(self) -> dict[str, object]:
        notes = self.sync.notes()
        return {"restored_from": str(self.restored_from),
                "previous_saved_as": str(self.previous_saved_as) if self.previous_saved_as else None,
                "office_code": self.office_code, "recipients": self.recipients,
                "sync": self.sync.to_json(), "notes": [zh for zh, _ in notes], "notes_en": [en for _, en in notes]}


def restore(engine: Engine, source: Path, *, current_office: str | None,
            max_bytes: int = MAX_BACKUP_BYTES) -> RestoreResult:
    """Put a backup in place of this database. Refused, with nothing changed, when the file
    is not a sound Guanai database, is of a newer schema than this app knows, or belongs to
    another office. The database as it was is first saved beside it with a timestamp, so a
    restore can itself be undone; what sync must never reuse or put back (bundle numbers, the
    clock, change-log positions) is carried forward from it, or set aside when it cannot be read.
    Also refused: a file that is not a regular file or is larger than `max_bytes`, a backup
    naming no office (no office_code setting, or no row of its own office), and one holding
    tables, indexes, triggers or views the migrations did not make (app/care/schema_check.py)."""
    target = sqlite_path(engine)
    key = file_key(engine)
    clean_leftovers(target.parent)  # a restore or backup killed before
    try:
        check_size(source, max_bytes, "备份文件", "backup file")
    except IntakeError as e:
        raise ServiceError(f"无法恢复：{e.zh}数据库未改动。", f"Cannot restore: {e.en} The database is unchanged.") from None
    facts = _vet(source, current_office, key=key)
    # All or nothing: the backup is copied, upgraded and brought level with the replaced
    # database (sync) in a file beside it, which only then takes the database's name. Were
    # the restore cut short before (a power cut, an error), the database is still the one it
    # was; not the backup without its sync state, which a second try would then carry
    # forward from in place of the real one. The copy is checked again: it is what is put in
    # place, whatever became of the file since it was looked at.
    staged = _stage_copy(source, target, key)
    try:
        if staged.stat().st_size > max_bytes:
            raise ServiceError(f"无法恢复：备份文件超过 {max_bytes >> 20} MB 的上限。数据库未改动。",
                               f"Cannot restore: the backup exceeds the {max_bytes} byte cap.")
        _vet(staged, current_office, like=facts, key=key)
    except BaseException:
        _remove_database(staged)
        raise
    engine.dispose()
    saved = _save_current(target, key)
    try:
        carried = _prepare(staged, facts.revision, saved, key)
        # The old file's write-ahead log must not be replayed onto the restored one (its
        # content is in the saved copy).
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staged, target)
    finally:
        _remove_database(staged)
    engine.dispose()
    return RestoreResult(source, saved, facts.office_code, facts.recipients, carried)


def _stage_copy(source: Path, target: Path, key: bytes | None) -> Path:
    """The backup copied beside the database, encrypted as the database is: page by page when
    both are of one kind, exported under the database's key when the backup is an older plain
    one (made before the database was encrypted)."""
    if key is not None and not is_encrypted_file(source):
        return _database_beside(target, lambda tmp: export_database(source, None, tmp, key))
    with closing(connect(source, key, readonly=True)) as src:
        return _copy_beside(src, target, key=key)


def _refuse(zh: str, en: str) -> ServiceError:
    return ServiceError(f"无法恢复：{zh}数据库未改动。", f"Cannot restore: {en} The database is unchanged.")


def _vet(path: Path, current_office: str | None, like: DatabaseFacts | None = None,
         key: bytes | None = None) -> DatabaseFacts:
    """The checks a backup must pass before it replaces the database (see restore)."""
    facts = inspect(path, key)
    if not facts.ok:
        raise ServiceError("无法恢复：" + "；".join(facts.problems) + "数据库未改动。",
                           "Cannot restore: " + "; ".join(facts.problems))
    if like is not None and (facts.revision, facts.office_code) != (like.revision, like.office_code):
        raise _refuse("备份文件在读取过程中被改动了，请重新拷贝后再试。", "The backup file changed while it was read.")
    if facts.revision not in _known_revisions():
        raise ServiceError("无法恢复：这份备份来自更新版本的关爱系统，请先升级本机的软件。数据库未改动。",
                           "Cannot restore: the backup comes from a newer version of the app.")
    if facts.office_code is None or not facts.office_row:
        raise _refuse("这份备份没有写明属于哪个单位（缺少本单位的设置或单位记录），不像是关爱系统做的完整备份。"
                      "请确认拿对了 U 盘上的文件。",
                      "the backup names no office (no office_code setting or no row of its own office).")
    if current_office is not None and facts.office_code != current_office:
        raise ServiceError(f"无法恢复：这份备份属于单位 {facts.office_code}，本数据库属于 {current_office}。"
                           "请确认拿对了 U 盘上的文件。数据库未改动。",
                           f"Cannot restore: the backup belongs to office {facts.office_code}, "
                           f"this database to {current_office}.")
    foreign = foreign_objects(path, facts.revision, key)
    if foreign:
        shown_zh = "、".join(f"{d.kind_zh}“{d.name}”（{d.what_zh}）" for d in foreign[:5])
        shown_en = ", ".join(f"{d.kind} {d.name} ({d.what_en})" for d in foreign[:5])
        more = f"等 {len(foreign)} 处" if len(foreign) > 5 else ""
        raise _refuse(f"这份备份的数据库结构与本软件的迁移所建的不同：{shown_zh}{more}。"
                      "这样的文件可能被改动过（例如加了触发器），不能用来恢复。请用本软件做的备份。",
                      f"the backup holds schema objects the migrations did not make: {shown_en}.")
    return facts


def _prepare(staged: Path, revision: str | None, saved: Path | None, key: bytes | None = None) -> SyncCarry:
    """The staged copy made ready to be the database: its schema brought up to date (as the
    next start would; sync's tables must be there) and what sync must never put back carried
    forward from the replaced database `saved` (app/sync/restore.py). Left as one file on
    disk, without a write-ahead log beside it."""
    from app.db import make_engine, upgrade
    from app.sync.restore import carry_forward

    work = make_engine(f"sqlite:///{staged}", key=key)
    try:
        if revision != head_revision():  # no copy before upgrading: the backup file itself is that
            upgrade(work, keep_backup=False)
        carried = carry_forward(work, saved)
    finally:
        work.dispose()
    with closing(connect(staged, key)) as db:  # the log folded in, then the file on disk
        db.execute("PRAGMA journal_mode=DELETE")
    with open(staged, "r+b") as f:
        os.fsync(f.fileno())
    return carried


def _save_current(target: Path, key: bytes | None = None) -> Path | None:
    """The database about to be replaced, saved beside it under a timestamped name: a
    consistent copy, or, when it cannot be read as a database (a failing disk), its bytes as
    they are (and its write-ahead log beside them), for whoever tries to rescue it."""
    if not target.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    saved = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
    n = 1
    while saved.exists():  # two restores in one second: the first one's copy is kept
        n += 1
        saved = target.with_name(f"{target.stem}.before-restore-{stamp}-{n}{target.suffix}")
    try:
        with closing(connect(target, key, check=True)) as current:
            _copy(current, saved, key=key)
    except Exception as error:  # (db_errors() only once connect has loaded sqlcipher3)
        if not (isinstance(error, WrongKey) or is_db_error(error)):
            raise
        for suffix in ("", "-wal"):
            if Path(f"{target}{suffix}").exists():
                shutil.copyfile(f"{target}{suffix}", f"{saved}{suffix}")
    return saved


def _known_revisions() -> set[str]:
    import re

    from app.migration_head import MIGRATIONS_DIR

    pattern = re.compile(r"^revision\s*=\s*['\"]([\w]+)['\"]", re.M)
    found = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        m = pattern.search(path.read_text(encoding="utf-8"))
        if m:
            found.add(m.group(1))
    return found


# ---- check ---------------------------------------------------------------------------------

# Records that name a recipient, and the column that does.
_POINTS_AT_RECIPIENT = (("household_members", "recipient_id"), ("guardians", "recipient_id"),
                        ("status_events", "recipient_id"), ("care_records", "recipient_id"),
                        ("micro_wishes", "recipient_id"), ("agreements", "recipient_id"),
                        ("pairings", "recipient_id"), ("responsibilities", "recipient_id"),
                        ("follow_up_items", "recipient_id"))


def check(engine: Engine) -> list[str]:
    """Problems found, one line each (empty: the database is sound). Read-only."""
    problems: list[str] = []
    path = sqlite_path(engine)
    with closing(connect(path, file_key(engine), readonly=True, check=True)) as db:
        for (line,) in db.execute("PRAGMA integrity_check"):
            if line != "ok":
                problems.append(f"文件损坏：{line}")
        if problems:
            return problems + ["请用 guanai restore 从最近的备份恢复。"]
        revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != head_revision():
            problems.append(f"数据库结构版本 {revision[0] if revision else '无'} 不是本软件的 {head_revision()}。")
        if db.execute("SELECT 1 FROM local_settings WHERE key = ?", (OFFICE_KEY,)).fetchone() is None:
            problems.append("本数据库尚未设置单位（guanai init）。")
        for table, column in _POINTS_AT_RECIPIENT:
            n = db.execute(f"SELECT count(*) FROM {table} t WHERE t.deleted = 0 AND NOT EXISTS "
                           f"(SELECT 1 FROM recipients r WHERE r.id = t.{column})").fetchone()[0]
            if n:
                problems.append(f"{table}：{n} 条记录指向不存在的关爱对象。")
        doubled = db.execute("SELECT id_number, count(*) FROM recipients WHERE deleted = 0 "
                             "AND id_number <> '' "  # anonymised after the retention period: no number
                             "GROUP BY id_number HAVING count(*) > 1 LIMIT 20").fetchall()
        for number, n in doubled:
            problems.append(f"身份证号 {number[:6]}********{number[-4:]} 登记了 {n} 次。")
        bad_money = db.execute("SELECT count(*) FROM care_records WHERE value_fen IS NOT NULL "
                               "AND (typeof(value_fen) != 'integer' OR value_fen < 0)").fetchone()[0]
        if bad_money:
            problems.append(f"care_records：{bad_money} 条物资金额不是非负整数（分）。")
        problems.extend(text_rule_problems(db))
    return problems


TEXT_PROBLEMS_SHOWN = 200  # then a count: a database written before the rules may have many


def text_rule_problems(db: Any) -> list[str]:
    """Stored records whose text breaks app/care/text_rules.py (written before the rules, or
    by an older version elsewhere), one line each: table, record id, field and why. Read-only:
    the director corrects them in the app, where the same rules apply."""
    from app.care.text_rules import LIMITS, text_problem

    lines: list[str] = []
    found = 0
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    by_table: dict[str, list[str]] = {}
    for table, column in LIMITS:
        by_table.setdefault(table, []).append(column)
    for table, columns in by_table.items():
        if table not in tables:
            continue
        present = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        columns = [c for c in columns if c in present]
        if not columns:
            continue
        # text_problem is one regex search for clean text: a county's million care records
        # take a few seconds, beside the integrity check's read of the whole file.
        for row in db.execute(f"SELECT id, {', '.join(columns)} FROM {table} WHERE deleted = 0"):
            for column, value in zip(columns, row[1:], strict=True):
                if not isinstance(value, str):
                    continue
                why = text_problem(table, column, value)
                if why is None:
                    continue
                found += 1
                if len(lines) < TEXT_PROBLEMS_SHOWN:
                    lines.append(f"文字不合规：{table} {row[0]} {column}：{why[0]}")
    if found > len(lines):
        lines.append(f"文字不合规的字段还有 {found - len(lines)} 处未列出。")
    if found:
        lines.append("以上记录未被修改；请在关爱系统中逐条更正（改后的文字须符合同样的规则）。")
    return lines
