"""The office's keyring: its users (name, role, disabled) and the office key K wrapped once
for each enabled user and once for the recovery code.

K is 32 random bytes (the SQLCipher key of a SQLite file; for every database also the key P2
derives attachment and backup keys from). A copy is wrapped under a key-encryption key
derived from a secret (a password, or the recovery code) with Argon2id, then sealed with
AES-GCM: a wrong password fails the GCM tag, so no password hash is stored beside it. Each
copy keeps its own Argon2id parameters and salt, so parameters can be raised later, and tests
can make cheap entries without any switch in the product.

Where it lives: a SQLite file's keyring is the sidecar `<file>.keyring` (JSON), since it must
be read before the file can be opened; a server database's is the one row of the `keyring`
table (migration 0019). Neither ever holds K or a password in the clear.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from app.care.errors import ServiceError
from app.files import PRIVATE, write_bytes

ROLES = ("director", "clerk", "supervisor", "auditor")
ROLE_NAMES = {"director": "主任", "clerk": "工作人员", "supervisor": "督导员", "auditor": "审计员"}
KEY_BYTES = 32
FORMAT = 1
_AAD = b"guanai office key v1"


class KeyringError(ServiceError):
    """The keyring is missing, unreadable, or refuses a change."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's cost: passes, memory in KiB, lanes."""

    time_cost: int
    memory_cost: int
    parallelism: int


# argon2-cffi's RFC 9106 low-memory profile: 3 passes over 64 MiB, 4 lanes (a fraction of a
# second on a village laptop, once per sign-in).
PRODUCTION = KdfParams(time_cost=3, memory_cost=65536, parallelism=4)
# The least Argon2id allows; for tests only (an argument, never chosen by the product).
CHEAPEST = KdfParams(time_cost=1, memory_cost=8, parallelism=1)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_kek(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=kdf.time_cost, memory_cost=kdf.memory_cost,
                           parallelism=kdf.parallelism, hash_len=32, type=Type.ID)


@dataclass(frozen=True)
class WrappedKey:
    """K sealed under Argon2id(secret, salt): nonce (12 bytes) + ciphertext + tag."""

    kdf: KdfParams
    salt: bytes
    sealed: bytes

    @classmethod
    def seal(cls, key: bytes, secret: str, kdf: KdfParams) -> WrappedKey:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        return cls(kdf, salt, nonce + AESGCM(derive_kek(secret, salt, kdf)).encrypt(nonce, key, _AAD))

    def open(self, secret: str) -> bytes | None:
        """K, or None for a wrong secret (the GCM tag fails)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(derive_kek(secret, self.salt, self.kdf)).decrypt(self.sealed[:12], self.sealed[12:], _AAD)
        except InvalidTag:
            return None

    def to_json(self) -> dict[str, Any]:
        return {"kdf": asdict(self.kdf), "salt": _b64(self.salt), "sealed": _b64(self.sealed)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> WrappedKey:
        return cls(KdfParams(**d["kdf"]), _unb64(d["salt"]), _unb64(d["sealed"]))


@dataclass(frozen=True)
class UserEntry:
    name: str
    role: str
    disabled: bool = False
    wrapped: WrappedKey | None = None  # None once disabled: the user can no longer open K
    created_at: str = ""
    failures: int = 0  # wrong passwords in a row
    slowed_until: str | None = None  # ISO time before which no try is checked

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "disabled": self.disabled,
                "wrapped": self.wrapped.to_json() if self.wrapped else None, "created_at": self.created_at,
                "failures": self.failures, "slowed_until": self.slowed_until}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> UserEntry:
        return cls(d["name"], d["role"], bool(d.get("disabled")),
                   WrappedKey.from_json(d["wrapped"]) if d.get("wrapped") else None,
                   d.get("created_at", ""), int(d.get("failures", 0)), d.get("slowed_until"))


@dataclass(frozen=True)
class Keyring:
    """`encrypted`: whether a SQLite file is opened with K (False: `--no-encryption`; K still
    checks passwords). `kdf`: the parameters new copies are sealed with. `pending`: failed
    sign-ins not yet written to the access log (the file could not be opened then)."""

    encrypted: bool
    kdf: KdfParams
    users: tuple[UserEntry, ...]
    recovery: WrappedKey
    pending: tuple[dict[str, str], ...] = field(default=())

    def user(self, name: str) -> UserEntry | None:
        return next((u for u in self.users if u.name == name), None)

    def with_user(self, entry: UserEntry) -> Keyring:
        """This keyring with `entry` in place of the user of that name (or added last)."""
        if self.user(entry.name) is None:
            return replace(self, users=(*self.users, entry))
        return replace(self, users=tuple(entry if u.name == entry.name else u for u in self.users))

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "encrypted": self.encrypted, "kdf": asdict(self.kdf),
                "users": [u.to_json() for u in self.users], "recovery": self.recovery.to_json(),
                "pending": list(self.pending)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Keyring:
        if d.get("format") != FORMAT:
            raise KeyringError(f"用户名册格式（{d.get('format')}）不是本程序认识的，请升级关爱。",
                               "The keyring's format is newer than this program: upgrade Guanai.")
        return cls(bool(d["encrypted"]), KdfParams(**d["kdf"]),
                   tuple(UserEntry.from_json(u) for u in d["users"]), WrappedKey.from_json(d["recovery"]),
                   tuple(d.get("pending", ())))


def now_text(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")


# ---- the recovery code --------------------------------------------------------------------

# Crockford's base32: no I, L, O or U, so a code copied by hand reads back the same.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS, GROUP_LENGTH = 5, 5  # 25 symbols × 5 bits = 125 bits


def new_recovery_code() -> str:
    symbols = "".join(secrets.choice(_ALPHABET) for _ in range(RECOVERY_GROUPS * GROUP_LENGTH))
    return "-".join(symbols[i:i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))


def normal_recovery_code(text: str) -> str:
    """As typed back from paper: any case, spaces or dashes, O for 0 and I or L for 1."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum()).translate(str.maketrans("OIL", "011"))
    return "-".join(raw[i:i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


# ---- where it is kept ---------------------------------------------------------------------


class KeyringStore(Protocol):
    def exists(self) -> bool: ...
    def load(self) -> Keyring: ...
    def save(self, keyring: Keyring) -> None: ...


class SidecarKeyring:
    """`<database file>.keyring`, replaced atomically (written beside, fsynced, renamed)."""

    def __init__(self, db_file: Path) -> None:
        self.path = db_file.with_name(db_file.name + ".keyring")

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> Keyring:
        try:
            return Keyring.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise KeyringError(f"找不到用户名册文件 {self.path}。", f"The keyring {self.path} is missing.") from None
        except (ValueError, KeyError, TypeError) as e:
            raise KeyringError(f"用户名册文件 {self.path} 已损坏（{e}），请从备份恢复它。",
                               f"The keyring {self.path} is damaged ({e}); restore it from a backup.") from None

    def save(self, keyring: Keyring) -> None:
        text = json.dumps(keyring.to_json(), ensure_ascii=False, indent=1)
        # Readable by this login only: it holds no secret in the clear, but nobody else needs it.
        write_bytes(self.path, text.encode("utf-8"), mode=PRIVATE)


class TableKeyring:
    """A server database's keyring: the one row of table `keyring` (it is read before anyone
    signs in, and the server itself protects the database)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def exists(self) -> bool:
        from sqlalchemy import select

        from app.models import KeyringDocument

        with self.engine.connect() as conn:
            return conn.execute(select(KeyringDocument.id)).first() is not None

    def load(self) -> Keyring:
        from sqlalchemy import select

        from app.models import KeyringDocument

        with self.engine.connect() as conn:
            text = conn.execute(select(KeyringDocument.document)).scalar()
        if text is None:
            raise KeyringError("本数据库没有用户名册。", "This database has no keyring.")
        return Keyring.from_json(json.loads(text))

    def save(self, keyring: Keyring) -> None:
        from sqlalchemy import delete, insert

        from app.models import KeyringDocument

        with self.engine.begin() as conn:
            conn.execute(delete(KeyringDocument))
            conn.execute(insert(KeyringDocument).values(id=1, document=json.dumps(keyring.to_json()),
                                                        updated_at=dt.datetime.now(dt.UTC)))


def sqlite_file_of(target: str | Path | None) -> Path | None:
    """The database file of a path target or the default database; None for a server URL."""
    from sqlalchemy.engine import make_url

    from app.db import database_url

    url = make_url(database_url(target))
    if url.get_backend_name() != "sqlite":
        return None
    return Path(url.database) if url.database and url.database != ":memory:" else None


def keyring_store(target: str | Path | None, engine: Any = None) -> KeyringStore:
    """The keyring of a database: a file's sidecar, or a server's table (through `engine`,
    opened here if not given)."""
    path = sqlite_file_of(target)
    if path is not None:
        return SidecarKeyring(path)
    if engine is None:
        from app.db import open_database

        engine = open_database(target)
    return TableKeyring(engine)


# ---- making one -----------------------------------------------------------------------------


def check_user_name(name: str) -> str:
    from app.care.text_rules import text_problem

    name = (name or "").strip()
    if not name or len(name) > 30:
        raise KeyringError("用户名：请填写 1 到 30 个字，如“王主任”。", "User name: 1 to 30 characters.")
    problem = text_problem("audit_log", "user", name)
    if problem is not None:
        raise KeyringError(f"用户名：{problem[0]}", f"User name: {problem[1]}")
    return name


MIN_PASSWORD = 8


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise KeyringError(f"密码：至少 {MIN_PASSWORD} 个字符。请换一个更长的密码。",
                           f"Password: at least {MIN_PASSWORD} characters.")
    return password


def check_role(role: str) -> str:
    if role not in ROLES:
        raise KeyringError(f"角色：应为 {'、'.join(f'{r}（{ROLE_NAMES[r]}）' for r in ROLES)} 之一，而不是 {role}。",
                           f"Role: one of {', '.join(ROLES)}, not {role}.")
    return role


def new_keyring(director: str, password: str, *, encrypted: bool,
                kdf: KdfParams = PRODUCTION) -> tuple[Keyring, bytes, str]:
    """A keyring with its director: (keyring, K, the recovery code to print once)."""
    director = check_user_name(director)
    check_password(password)
    key = secrets.token_bytes(KEY_BYTES)
    code = new_recovery_code()
    entry = UserEntry(director, "director", wrapped=WrappedKey.seal(key, password, kdf), created_at=now_text())
    return Keyring(encrypted, kdf, (entry,), WrappedKey.seal(key, code, kdf)), key, code
