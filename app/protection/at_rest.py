"""Encryption at rest: the office key K of a database, files opened with it, and a plain
SQLite file converted into a SQLCipher 4 file.

K is 32 random bytes per database (made and unwrapped at sign-in by app/protection/keyring.py).
For a SQLite file it is the SQLCipher key, given raw (no passphrase derivation on every
connection); for any database, a server's too, it also seals the attachment blobs
(app/care/attachments.py) and this office's private keys (app/sync/keys.py), through keys
derived from it with HKDF so that no two uses share one.

Everything that opens the file outside SQLAlchemy (the upgrade, backup, restore, check, the
demo loader) goes through `connect`, which gives the sqlcipher3 driver and the key for an
encrypted file and the standard sqlite3 for a plain one; `db_errors()` catches the errors of
both (sqlcipher3's are not sqlite3's subclasses).
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
import sqlite3
import sys
import weakref
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from app.care.errors import ServiceError
from app.files import fsync_dir, fsync_file

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"
STAGING = ".encrypting"


def sqlcipher() -> Any:
    """SQLCipher 4's DB-API module (the sqlcipher3 wheel), imported only when needed."""
    from sqlcipher3 import dbapi2

    dbapi2.register_adapter(dt.date, dt.date.isoformat)
    return dbapi2


def db_errors() -> tuple[type[BaseException], ...]:
    """The database errors of both drivers, for `except db_errors():` (evaluated when an
    error is matched: sqlcipher3's is included once loaded, and it is loaded only for an
    encrypted file, so a plain start never pays for importing it)."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if cipher is None else (sqlite3.Error, cipher.Error)


def is_db_error(error: BaseException) -> bool:
    return isinstance(error, db_errors())


def check_key(key: bytes) -> bytes:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("the office key is 32 bytes")
    return key


def key_pragma(key: bytes) -> str:
    """The statement that opens a SQLCipher file with a raw key (first on a connection)."""
    return f"PRAGMA key = \"x'{check_key(key).hex()}'\""


def attach_clause(key: bytes | None) -> str:
    """The KEY part of `ATTACH DATABASE ? AS x KEY …`: an empty key attaches a plain file."""
    return f" KEY \"x'{key.hex()}'\"" if key is not None else " KEY ''"


# ---- the key an engine was opened with ---------------------------------------------------------

# By dialect: one per engine, shared by its execution-option copies and kept across dispose().
_KEYS: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()


def remember_key(engine: Engine, key: bytes | None) -> None:
    """Called by app.db.make_engine: the key `engine` was opened with (None: no key)."""
    if key is None:
        _KEYS.pop(engine.dialect, None)
    else:
        _KEYS[engine.dialect] = check_key(key)


def office_key(engine: Any) -> bytes | None:
    """The office key `engine` (or a Session's bind, or a Connection) was opened with, on
    every backend; None for a database without one."""
    if engine is None:
        return None
    if hasattr(engine, "get_bind"):
        engine = engine.get_bind()
    dialect = getattr(engine, "dialect", None)
    return _KEYS.get(dialect) if dialect is not None else None


def file_key(engine: Any) -> bytes | None:
    """The key the SQLite file of `engine` is encrypted with: its office key when the file is
    a SQLCipher file, None for a plain file (even one opened with a key: not converted yet, or
    set up without encryption) and for a server."""
    key = office_key(engine)
    if key is None:
        return None
    if hasattr(engine, "get_bind"):
        engine = engine.get_bind()
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    plain = path.exists() and path.stat().st_size > 0 and not is_encrypted_file(path)
    return None if plain else key  # a new (absent or empty) file is made encrypted


def derived_key(key: bytes, purpose: bytes) -> bytes:
    """A key for one use of K (HKDF-SHA256, `purpose` as info)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(check_key(key))


def seal(key: bytes, purpose: bytes, plaintext: bytes, magic: bytes) -> bytes:
    """AES-GCM under HKDF(K, purpose): `magic` + nonce + ciphertext (the magic is authenticated)."""
    nonce = os.urandom(12)
    return magic + nonce + AESGCM(derived_key(key, purpose)).encrypt(nonce, plaintext, magic)


def unseal(key: bytes, purpose: bytes, sealed: bytes, magic: bytes) -> bytes:
    """The plaintext of `seal`; raises cryptography's InvalidTag on a wrong key or altered bytes."""
    if not sealed.startswith(magic):
        raise ValueError("not sealed")
    nonce, body = sealed[len(magic):len(magic) + 12], sealed[len(magic) + 12:]
    return AESGCM(derived_key(key, purpose)).decrypt(nonce, body, magic)


# ---- files -----------------------------------------------------------------------------------

def is_encrypted_file(path: str | Path) -> bool:
    """True for a file that is not a plain SQLite database: SQLCipher's first page is random
    bytes (its salt), a plain file starts with the SQLite header. An empty or absent file is
    not encrypted (SQLite would make it plain)."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return False
    return len(head) > 0 and head != PLAIN_HEADER


class WrongKey(ServiceError):
    """The file is encrypted and the key given does not open it (or no key was given)."""


def _wrong_key(path: Path, key: bytes | None) -> WrongKey:
    if key is None:
        return WrongKey(f"数据库文件 {path.name} 已加密，需要登录后才能打开（用户名和密码，或恢复码）。",
                        f"The database {path.name} is encrypted: sign in to open it.")
    return WrongKey(f"数据库文件 {path.name} 无法用本单位的密钥打开：它属于另一个单位，或文件已损坏。",
                    f"The database {path.name} does not open with this office's key "
                    "(another office's file, or damaged).")


def connect(path: str | Path, key: bytes | None = None, *, readonly: bool = False,
            immutable: bool = False, timeout: float = 5.0, isolation_level: str | None = "",
            check: bool = False) -> Any:
    """A DB-API connection to the SQLite file `path`: sqlcipher3 with `key` for an encrypted
    file (or a new file when a key is given), the standard sqlite3 for a plain one. `check`:
    read the first page now, raising WrongKey when the key does not open it."""
    path = Path(path)
    encrypted = key is not None and (is_encrypted_file(path) or not path.exists() or path.stat().st_size == 0)
    module: Any = sqlcipher() if encrypted else sqlite3
    target: str = str(path)
    uri = readonly or immutable
    if uri:
        target = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = module.connect(target, uri=uri, timeout=timeout, isolation_level=isolation_level)
    if encrypted:
        assert key is not None
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr noise
        conn.execute(key_pragma(key))
    if check:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except db_errors() as error:
            conn.close()
            if "not a database" in str(error).lower() or "encrypted" in str(error).lower():
                raise _wrong_key(path, key) from None
            raise
    return conn


def row_class(conn: Any) -> Any:
    """The Row factory of `conn`'s driver (sqlite3's Row does not take sqlcipher3's cursors)."""
    return sqlcipher().Row if type(conn).__module__.startswith("sqlcipher3") else sqlite3.Row


def copy_database(src: Any, out: Path, key: bytes | None,
                  progress: Callable[[int, int], None] | None = None) -> None:
    """A consistent copy of the open connection `src` into the new file `out`, encrypted
    with `key` when given, as one self-contained file (no write-ahead log beside it). The
    backup API copies pages, so the source must be of the same kind (plain to plain, or
    encrypted to encrypted under the same key); other cases go through `export_database`."""
    dst = connect(out, key, isolation_level=None)
    try:
        src.backup(dst, pages=4096,
                   progress=(lambda _status, left, total: progress(total - left, total)) if progress else None)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()


def export_database(source: Path, source_key: bytes | None, out: Path, key: bytes | None) -> None:
    """`source` written into the new file `out` under another key (or none): SQLCipher's
    sqlcipher_export copies the schema and every row, and the schema's user_version."""
    module = sqlcipher()
    conn = module.connect(str(source), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            conn.execute(key_pragma(source_key))
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"ATTACH DATABASE ? AS converted{attach_clause(key)}", (str(out),))
        conn.execute("BEGIN")  # one read snapshot of the source for the whole export
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {int(user_version)}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()


# ---- comparing two databases, table by table --------------------------------------------------

def table_digests(conn: Any) -> dict[str, tuple[int, str]]:
    """Every table's row count and a SHA-256 over its rows in rowid order (or primary-key
    order for a table without rowid): two files with equal digests hold the same rows."""
    out: dict[str, tuple[int, str]] = {}
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        try:
            rows = conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid")
        except db_errors():  # WITHOUT ROWID
            width = len(conn.execute(f"SELECT * FROM {quoted} LIMIT 0").description)
            rows = conn.execute(f"SELECT * FROM {quoted} ORDER BY {', '.join(str(i + 1) for i in range(width))}")
        digest = hashlib.sha256()
        n = 0
        for row in rows:
            n += 1
            digest.update(repr(tuple(row)).encode("utf-8"))
            digest.update(b"\x00")
        out[table] = (n, digest.hexdigest())
    return out


# ---- converting a plain file -----------------------------------------------------------------

@dataclass(frozen=True)
class Conversion:
    path: Path
    tables: int
    rows: int
    copies: list[Path]  # the backups beside it converted as well
    blobs: int  # attachment files sealed

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "tables": self.tables, "rows": self.rows,
                "copies": [str(p) for p in self.copies], "blobs": self.blobs}


class ConversionFailed(ServiceError):
    """The encrypted copy did not hold what the plain file holds: the plain file is kept."""


def _staging(path: Path) -> Path:
    return path.with_name(f"{path.name}{STAGING}")


def _remove_staging(path: Path) -> None:
    for name in glob.glob(glob.escape(str(_staging(path))) + "*"):
        Path(name).unlink(missing_ok=True)


def encrypt_file(path: str | Path, key: bytes, *, on_step: Callable[[str], None] | None = None,
                 with_copies: bool = True) -> Conversion:
    """Convert the plain SQLite database `path` into a SQLCipher file under `key`, in place.

    Under a write lock on the plain file (nobody changes it meanwhile): sqlcipher_export into
    `NAME.encrypting` beside it; that copy's every table compared with the plain one (row
    count and a checksum of the rows) and flushed to disk; then, with every other connection
    shut out, the write-ahead log folded in and removed and the copy renamed over the plain
    file. Until the rename the database is the plain file, untouched; after it, the encrypted
    one, whole; a crash leaves one of the two, and the next call removes a staged leftover.
    The plain content is gone only once the rename is done, after the check.

    `with_copies`: also convert the pre-upgrade and before-restore copies beside it (they hold
    the same people) and seal the attachment blobs (`NAME-files/`). `on_step` is told
    "locked", "exported", "verified", "replaced": a seam for tests that stop the process."""
    from app.sqlite_upgrade import _Lock

    path = Path(path)
    check_key(key)
    step = on_step or (lambda _name: None)
    if is_encrypted_file(path):
        connect(path, key, check=True).close()  # refused if it is not this key's
        return Conversion(path, 0, 0, [], _seal_blobs(path, key) if with_copies else 0)
    if not path.is_file():
        raise ServiceError(f"找不到数据库文件：{path}", f"No database file at {path}.")
    _remove_staging(path)
    staging = _staging(path)
    with _Lock(path) as lock:
        step("locked")
        try:
            export_database(path, None, staging, key)
            step("exported")
            before = table_digests(lock.conn)
            with closing(connect(staging, key)) as enc:
                if enc.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise ConversionFailed("加密后的数据库检查未通过，原文件保留未动。",
                                           "The encrypted copy failed its check; the plain file is kept.")
                after = table_digests(enc)
            if before != after:
                differ = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
                raise ConversionFailed(f"加密后的数据库与原文件不一致（{'、'.join(differ[:5])}），原文件保留未动。",
                                       f"The encrypted copy differs from the plain file ({', '.join(differ[:5])}); "
                                       "the plain file is kept.")
            fsync_file(staging)
            step("verified")
            if not lock.take_over():  # cannot happen under our write lock; never swap a stale copy
                raise ConversionFailed("转换期间数据库被改动了，请关闭其他关爱窗口后重试。",
                                       "The database changed during the conversion; close other windows and retry.")
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            os.replace(staging, path)
            fsync_dir(path.parent)
        except BaseException:
            _remove_staging(path)
            raise
    step("replaced")
    rows = sum(n for n, _ in before.values())
    copies = _encrypt_copies(path, key) if with_copies else []
    blobs = _seal_blobs(path, key) if with_copies else 0
    return Conversion(path, len(before), rows, copies, blobs)


def copies_beside(path: Path) -> list[Path]:
    """The pre-upgrade (`NAME.backup-*`) and before-restore copies of the database beside it."""
    found: list[Path] = []
    for pattern in (f"{path.stem}.backup-*{path.suffix}", f"{path.stem}.before-restore-*{path.suffix}"):
        found += [Path(p) for p in glob.glob(glob.escape(str(path.parent)) + os.sep + pattern)]
    return sorted(p for p in found if p.is_file())


def _encrypt_copies(path: Path, key: bytes) -> list[Path]:
    """The plain copies beside a converted database hold the same people: converted too. One
    that is not a readable database (a failing disk's bytes saved as they were) is left alone."""
    done = []
    for copy in copies_beside(path):
        if is_encrypted_file(copy):
            continue
        try:
            encrypt_file(copy, key, with_copies=False)
        except Exception as error:  # (db_errors() only once encrypt_file has loaded sqlcipher3)
            if isinstance(error, ServiceError) or is_db_error(error):
                continue
            raise
        done.append(copy)
    return done


def _seal_blobs(path: Path, key: bytes) -> int:
    from app.care.attachments import seal_store

    return seal_store(path.with_name(path.stem + "-files"), key)
