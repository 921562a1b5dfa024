"""Office identities: an Ed25519 signing key and an X25519 encryption key per office, and a
short fingerprint a person can read aloud over the phone to check a public identity."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import OfficeKey

SIGN_ALGORITHM = "ed25519"
ENCRYPT_ALGORITHM = "x25519"

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw


def fingerprint(sign_public: bytes, encrypt_public: bytes) -> str:
    """Eight groups of four base32 characters (40 bits each pair) over both public keys."""
    digest = hashlib.sha256(b"guanai-identity-v1" + sign_public + encrypt_public).digest()
    text = base64.b32encode(digest[:20]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 32, 4))


def create_office_keys(session: Session, office_code: str) -> str:
    """Generate this office's key pairs, store them locally, return the fingerprint."""
    sign = Ed25519PrivateKey.generate()
    enc = X25519PrivateKey.generate()
    sign_pub = sign.public_key().public_bytes(_RAW, _RAW_PUB)
    enc_pub = enc.public_key().public_bytes(_RAW, _RAW_PUB)
    fp = fingerprint(sign_pub, enc_pub)
    now = dt.datetime.now(dt.UTC)
    nocrypt = serialization.NoEncryption()
    session.add_all([
        OfficeKey(office_code=office_code, purpose="sign", algorithm=SIGN_ALGORITHM,
                  public_key=sign_pub, private_key=sign.private_bytes(_RAW, _RAW_PRIV, nocrypt),
                  fingerprint=fp, is_own=True, trusted_at=now, valid_from=now.date()),
        OfficeKey(office_code=office_code, purpose="encrypt", algorithm=ENCRYPT_ALGORITHM,
                  public_key=enc_pub, private_key=enc.private_bytes(_RAW, _RAW_PRIV, nocrypt),
                  fingerprint=fp, is_own=True, trusted_at=now, valid_from=now.date()),
    ])
    return fp


def own_fingerprint(session: Session, office_code: str) -> str | None:
    return session.scalars(
        select(OfficeKey.fingerprint).where(OfficeKey.office_code == office_code,
                                            OfficeKey.is_own.is_(True),
                                            OfficeKey.revoked_at.is_(None))
    ).first()
