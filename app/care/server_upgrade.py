"""`guanai migrate`: upgrading a database several computers share, deliberately. A server
database is never upgraded by whichever computer starts first on a new version (app/db.py
refuses it with SchemaMismatch); the county's IT person closes Guanai everywhere and runs
this, which takes a `pg_dump` of the database first — or refuses without one unless told
`--no-backup`. A SQLite file is upgraded as at every start (a backup copy beside it first)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.care.errors import ServiceError
from app.config import data_dir
from app.db import current_revision, upgrade
from app.migration_head import head_revision

DUMP_TIMEOUT_S = 3600


@dataclass(frozen=True)
class MigrateResult:
    from_revision: str | None
    to_revision: str | None  # None only without migration files
    backup: Path | None  # the pg_dump file, or the SQLite backup copy
    upgraded: bool

    def to_json(self) -> dict[str, object]:
        return {"from_revision": self.from_revision, "to_revision": self.to_revision,
                "backup": str(self.backup) if self.backup else None, "upgraded": self.upgraded}


def dump_server(engine: Engine, out_dir: Path | None = None) -> Path:
    """A custom-format pg_dump of the server database into `out_dir` (default: this computer's
    data directory). The password goes to pg_dump in PGPASSWORD, never on its command line."""
    tool = shutil.which("pg_dump")
    if tool is None:
        raise ServiceError("找不到 pg_dump，无法先备份服务器数据库。请安装 PostgreSQL 客户端（Debian：apt-get install "
                           "postgresql-client），或确认已用其他方式备份后加 --no-backup 再运行。",
                           "pg_dump is not installed: install postgresql-client, or back up another way and "
                           "run with --no-backup.")
    url = engine.url
    folder = out_dir or data_dir() / "server-backups"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{url.database}-before-{head_revision()}-{dt.datetime.now():%Y%m%d-%H%M%S}.dump"
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    target = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    done = subprocess.run([tool, "--format=custom", f"--file={out}", f"--dbname={target}"], env=env,
                          capture_output=True, text=True, timeout=DUMP_TIMEOUT_S, check=False)
    if done.returncode != 0 or not out.is_file():
        out.unlink(missing_ok=True)
        raise ServiceError(f"pg_dump 备份失败，数据库未升级：{done.stderr.strip()[-300:]}",
                           f"pg_dump failed; nothing was upgraded: {done.stderr.strip()[-300:]}")
    return out


def migrate(engine: Engine, *, backup: bool = True, out_dir: Path | None = None) -> MigrateResult:
    before = current_revision(engine)
    target = head_revision()
    if before == target:
        return MigrateResult(before, target, None, False)
    if engine.dialect.name == "sqlite":
        copy = upgrade(engine, keep_backup=True)
        return MigrateResult(before, target, copy, True)
    dump = dump_server(engine, out_dir) if backup and before is not None else None
    upgrade(engine, deliberate=True)
    return MigrateResult(before, target, dump, True)
