"""Office identities: an Ed25519 signing key and an X25519 encryption key per office, and a
short fingerprint a person can read aloud over the phone to check a public identity.

Where the private halves live
-----------------------------
The `office_keys` table holds the public keys of this office and of the offices it trusts.
Private keys of keys made from now on are NOT stored in the database: they go to a key file
in this installation's data directory (`<data dir>/keys/<office>-<fingerprint>.key`, mode
0600 in a 0700 folder; `GUANAI_HOME` moves the data directory, as for the laptop id).

Why: the database is the file that gets copied around — the automatic backup before every
schema upgrade, `guanai backup`, a copy sent to the township for help, a database kept on a
USB stick. Any of those copies would otherwise carry the key that lets its holder sign
bundles as this office and read every bundle sent to it. The key file stays on the laptop.

What it means for backups: a database backup restored on the SAME laptop keeps working (the
key file is found by the fingerprint stored in the database). Moving the office to a NEW
laptop means copying the `keys` folder as well; if the key file is lost, `keys rotate` makes
a new key pair (no announcement can be signed without the old key), and the parent and
child offices revoke the old key and trust the new identity file after checking its
fingerprint by phone. Databases made before this change keep their private keys in the
`private_key` column, which is still read (no schema change).

With an office key (an encrypted database or a server database opened after sign-in,
app/protection/at_rest.py) the private halves are kept IN the database instead, in the
`private_key` column sealed with AES-GCM under HKDF(K, "guanai office keys") (a sealed value
starts with SEALED; a plain one is the legacy raw key). Then every computer that opens the
database with the key (every signed-in clerk of a county on a server) can sign, export and
import bundles, and a copy of the database is of no use without the key. The first open with
a key moves the key files (and legacy plain values) in and deletes the files
(`seal_private_keys`). Without a key, as before: key files.

Tests set `GUANAI_HOME` per test (tests/conftest.py), so their key files live in tmp_path.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.care.errors import ServiceError
from app.config import data_dir
from app.files import PRIVATE, write_bytes
from app.models import OfficeKey
from app.protection.at_rest import office_key, seal, unseal

SIGN_ALGORITHM = "ed25519"
ENCRYPT_ALGORITHM = "x25519"

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NOCRYPT = serialization.NoEncryption()


class KeyMissingError(ServiceError):
    """This office's private key is not on this laptop."""


def fingerprint(sign_public: bytes, encrypt_public: bytes) -> str:
    """Eight groups of four base32 characters (40 bits each pair) over both public keys."""
    digest = hashlib.sha256(b"guanai-identity-v1" + sign_public + encrypt_public).digest()
    text = base64.b32encode(digest[:20]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 32, 4))


def key_id(public_key: bytes) -> str:
    """A short id of one public key, written in the clear on a bundle so the recipient knows
    which of its (current or older) encryption keys to use."""
    return hashlib.sha256(b"guanai-key-id" + public_key).hexdigest()[:16]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# ---- the key file ------------------------------------------------------------------------


def keystore_dir() -> Path:
    path = data_dir() / "keys"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def key_file(office_code: str, fp: str) -> Path:
    return keystore_dir() / f"{office_code}-{fp.replace('-', '')}.key"


def _write_private(path: Path, content: bytes) -> None:
    """Written to a temporary file created 0600, then renamed: never half-written, never
    readable by other users even for a moment."""
    write_bytes(path, content, mode=PRIVATE)


def _store_private(office_code: str, fp: str, sign: Ed25519PrivateKey,
                   enc: X25519PrivateKey) -> Path:
    path = key_file(office_code, fp)
    content = json.dumps({
        "format": "guanai-private-keys", "version": 1, "office": office_code, "fingerprint": fp,
        "sign": {"algorithm": SIGN_ALGORITHM, "private_key": b64(sign.private_bytes(_RAW, _RAW_PRIV, _NOCRYPT))},
        "encrypt": {"algorithm": ENCRYPT_ALGORITHM, "private_key": b64(enc.private_bytes(_RAW, _RAW_PRIV, _NOCRYPT))},
    }, indent=1).encode("ascii")
    _write_private(path, content)
    return path


KEY_PURPOSE = b"guanai office keys"
SEALED = b"GUANAI-KEY-1\n"  # a sealed private key's first bytes (a legacy plain one is 32 raw bytes)


def _office_key_of(row: OfficeKey) -> bytes | None:
    return office_key(object_session(row))


def _unsealed(row: OfficeKey, stored: bytes) -> bytes:
    key = _office_key_of(row)
    if key is None:
        raise KeyMissingError("本单位的私钥已加密保存在数据库中，需要登录后才能收发数据包。",
                              "This office's private keys are sealed in the database: sign in to send "
                              "or receive bundles.")
    try:
        return unseal(key, KEY_PURPOSE, stored, SEALED)
    except InvalidTag:
        raise KeyMissingError("数据库中的私钥无法用本单位的密钥解开（数据库来自另一个单位，或已损坏）。",
                              "The private key in the database does not open with this office's key.") from None


def private_key_bytes(row: OfficeKey) -> bytes:
    """The private half of one of this office's keys: sealed in the database (an office
    key), from the key file, or (databases made before key files) the plain database column."""
    if row.private_key:
        stored = bytes(row.private_key)
        return _unsealed(row, stored) if stored.startswith(SEALED) else stored
    path = key_file(row.office_code, row.fingerprint)
    try:
        stored = json.loads(path.read_text(encoding="ascii"))
        raw = unb64(stored[row.purpose]["private_key"])
    except (OSError, ValueError, KeyError, TypeError):
        raise KeyMissingError(
            f"本机找不到本单位的私钥文件（指纹 {row.fingerprint}），应在 {path}。"
            "如果换了电脑，请把原电脑数据目录中的 keys 文件夹一并拷来；如果私钥已丢失，"
            "请运行“密钥更换”（guanai keys rotate），并请上下级单位撤销旧密钥、电话核对后信任新身份文件。",
            f"The private key file of this office (fingerprint {row.fingerprint}) is missing: "
            f"{path}. Copy the keys folder from the old laptop, or run `guanai keys rotate` and have "
            "the other offices revoke the old key and trust the new identity.") from None
    public = (Ed25519PrivateKey if row.purpose == "sign" else X25519PrivateKey).from_private_bytes(raw) \
        .public_key().public_bytes(_RAW, _RAW_PUB)
    if public != row.public_key:
        raise KeyMissingError(f"私钥文件 {path} 与数据库中的公钥不符，请检查是否拷错了文件。",
                              f"The key file {path} does not match the public key in the database.")
    return raw


# ---- this office's keys -------------------------------------------------------------------


def create_office_keys(session: Session, office_code: str, *, audited: bool = True) -> str:
    """Generate this office's key pairs: the public halves into the database, the private
    halves into the key file (audited, unless the caller audits it, as a rotation does).
    Returns the fingerprint. With an office key the private halves are sealed in the
    database instead of a key file (see the module's text)."""
    sign = Ed25519PrivateKey.generate()
    enc = X25519PrivateKey.generate()
    sign_pub = sign.public_key().public_bytes(_RAW, _RAW_PUB)
    enc_pub = enc.public_key().public_bytes(_RAW, _RAW_PUB)
    fp = fingerprint(sign_pub, enc_pub)
    key = office_key(session)
    sealed_sign = sealed_enc = None
    if key is None:
        where = _store_private(office_code, fp, sign, enc).name
    else:
        sealed_sign = seal(key, KEY_PURPOSE, sign.private_bytes(_RAW, _RAW_PRIV, _NOCRYPT), SEALED)
        sealed_enc = seal(key, KEY_PURPOSE, enc.private_bytes(_RAW, _RAW_PRIV, _NOCRYPT), SEALED)
        where = "sealed in the database"
    now = dt.datetime.now(dt.UTC)
    session.add_all([
        OfficeKey(office_code=office_code, purpose="sign", algorithm=SIGN_ALGORITHM,
                  public_key=sign_pub, private_key=sealed_sign, fingerprint=fp, is_own=True,
                  trusted_at=now, valid_from=now.date()),
        OfficeKey(office_code=office_code, purpose="encrypt", algorithm=ENCRYPT_ALGORITHM,
                  public_key=enc_pub, private_key=sealed_enc, fingerprint=fp, is_own=True,
                  trusted_at=now, valid_from=now.date()),
    ])
    session.flush()
    if audited:
        from app.care.context import actor_for
        from app.care.writes import audit

        audit(session, actor_for(session), "keys", "office_keys", office_code,
              {"fingerprint": [None, fp], "key_file": [None, where]})
    return fp


def seal_private_keys(session: Session, *, user: str | None = None) -> list[Path]:
    """With an office key: this office's private keys still in key files (or plain in the
    database, from before key files) sealed into the database under it, audited. Returns the
    key files now held in the database; the caller deletes them once this is committed
    (`delete_key_files`). Nothing without a key, or when every key is sealed already. A
    key file that is missing or does not match stays as it is (the error comes when the key
    is used, as before)."""
    key = office_key(session)
    if key is None:
        return []
    moved: list[Path] = []
    changed: list[str] = []
    for row in session.scalars(select(OfficeKey).where(OfficeKey.is_own.is_(True)).order_by(OfficeKey.id)):
        if row.private_key and bytes(row.private_key).startswith(SEALED):
            continue
        try:
            raw = private_key_bytes(row)
        except KeyMissingError:
            continue
        if not row.private_key:
            moved.append(key_file(row.office_code, row.fingerprint))
        row.private_key = seal(key, KEY_PURPOSE, raw, SEALED)
        changed.append(f"{row.office_code}/{row.purpose}/{row.fingerprint}")
    if changed:
        from app.care.context import actor_for
        from app.care.writes import audit

        session.flush()
        audit(session, actor_for(session, user), "keys", "office_keys", None,
              {"private_keys_sealed_in_database": [None, changed]})
    return sorted(set(moved))


def delete_key_files(paths: list[Path]) -> None:
    """The key files whose keys are now sealed in the (committed) database: overwritten, then
    removed, so the plain private key does not stay on the disk under its name."""
    for path in paths:
        try:
            size = path.stat().st_size
            with open(path, "r+b") as f:
                f.write(os.urandom(size))
                f.flush()
                os.fsync(f.fileno())
            path.unlink()
        except FileNotFoundError:
            continue


def own_keys(session: Session, office_code: str, purpose: str) -> list[OfficeKey]:
    """This office's keys of one purpose, newest first (older ones stay after a rotation)."""
    return list(session.scalars(
        select(OfficeKey).where(OfficeKey.office_code == office_code, OfficeKey.is_own.is_(True),
                                OfficeKey.purpose == purpose).order_by(OfficeKey.id.desc())))


def current_own_key(session: Session, office_code: str, purpose: str) -> OfficeKey | None:
    for row in own_keys(session, office_code, purpose):
        if row.revoked_at is None:
            return row
    return None


def signing_key(row: OfficeKey) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(private_key_bytes(row))


def decryption_key(row: OfficeKey) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(private_key_bytes(row))


def own_fingerprint(session: Session, office_code: str) -> str | None:
    row = current_own_key(session, office_code, "sign")
    return row.fingerprint if row else None
