"""Trust between offices: exporting this office's public identity, trusting a parent or child
office's identity, revoking trust from a date, rotating this office's keys.

An identity file is a small JSON document: the office (code, name, level, parent), both
public keys, the fingerprint, and a signature by the signing key over all of it (proof that
whoever made the file holds the key; against a swapped file only the fingerprint, read aloud
over the phone, protects — so every trust shows it).

A rotation makes a new key pair and an announcement of the new public keys signed by the old
signing key (and by the new one). The announcement is kept in local_settings and rides in
every bundle sealed afterwards; the receiving office trusts the new key when it imports one
(`app.sync.envelope.apply_announcements`) and from then on refuses bundles signed with the
old key after the rotation time, while older ones stay valid.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, get_setting, put_setting, this_office
from app.care.errors import NotFoundError, ServiceError
from app.care.intake import IntakeError, clean_leftovers, read_capped
from app.files import write_bytes
from app.models import Office, OfficeKey
from app.sync import keys as K

IDENTITY_FORMAT = "guanai-identity"
IDENTITY_VERSION = 1
ANNOUNCEMENTS_SETTING = "key_announcements"
LEVELS = ("village", "township", "county")
MAX_IDENTITY_BYTES = 64 * 1024


class TrustError(ServiceError):
    """An identity file or a trust change refused; nothing was written."""


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds") if value else None


@dataclass(frozen=True)
class Identity:
    code: str
    name: str
    level: str
    parent_code: str | None
    sign_public: bytes
    encrypt_public: bytes
    fingerprint: str
    sign_algorithm: str = K.SIGN_ALGORITHM
    encrypt_algorithm: str = K.ENCRYPT_ALGORITHM

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "level": self.level,
                "parent_code": self.parent_code, "fingerprint": self.fingerprint,
                "sign": {"algorithm": self.sign_algorithm, "public_key": K.b64(self.sign_public)},
                "encrypt": {"algorithm": self.encrypt_algorithm, "public_key": K.b64(self.encrypt_public)}}


# ---- export ------------------------------------------------------------------------------


def own_identity(session: Session) -> Identity:
    office = this_office(session)
    sign = K.current_own_key(session, office.code, "sign")
    enc = K.current_own_key(session, office.code, "encrypt")
    if sign is None or enc is None:
        raise TrustError(f"本单位 {office.code} 还没有密钥，请运行 guanai keys rotate 生成。",
                         f"Office {office.code} has no keys: run `guanai keys rotate`.")
    return Identity(office.code, office.name, office.level, office.parent_code, sign.public_key,
                    enc.public_key, sign.fingerprint, sign.algorithm, enc.algorithm)


def identity_document(session: Session) -> bytes:
    """This office's identity file: public keys only, signed with the current signing key."""
    ident = own_identity(session)
    body = {"format": IDENTITY_FORMAT, "version": IDENTITY_VERSION,
            "exported_at": _iso(dt.datetime.now(dt.UTC)), "office": ident.to_json()}
    row = K.current_own_key(session, ident.code, "sign")
    assert row is not None
    body["signature"] = K.b64(K.signing_key(row).sign(b"guanai-identity-file\n" + canonical(body)))
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_file_safely(path: Path, content: bytes) -> None:
    """Temp file beside the target, then rename: never a half-written file under the name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path.parent)  # what a killed export left here
    write_bytes(path, content)


def export_identity(session: Session, out: Path) -> Identity:
    write_file_safely(out, identity_document(session))
    return own_identity(session)


def _bad_file(why_zh: str, why_en: str) -> TrustError:
    return TrustError(f"身份文件无效：{why_zh}。请让对方用“导出本单位身份”（guanai keys export）重新导出后再试。",
                      f"Not a valid identity file: {why_en}. Ask the office to export it again.")


def read_identity(data: bytes) -> Identity:
    """Parse and check an identity file (format, keys, fingerprint, self-signature)."""
    if len(data) > MAX_IDENTITY_BYTES:
        raise _bad_file("文件太大，不是身份文件", "too large")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad_file("不是身份文件（无法读取）", "not readable JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != IDENTITY_FORMAT:
        raise _bad_file("不是关爱软件的身份文件", "wrong format")
    if doc.get("version") != IDENTITY_VERSION:
        raise TrustError("身份文件由较新版本的软件导出，请先升级本软件。",
                         "The identity file comes from a newer version: upgrade first.")
    try:
        o = doc["office"]
        code, name, level, parent = str(o["code"]), str(o["name"]), str(o["level"]), o["parent_code"]
        if o["sign"]["algorithm"] != K.SIGN_ALGORITHM or o["encrypt"]["algorithm"] != K.ENCRYPT_ALGORITHM:
            raise _bad_file("密钥算法不受支持", "unsupported key algorithm")
        sign_pub, enc_pub = K.unb64(o["sign"]["public_key"]), K.unb64(o["encrypt"]["public_key"])
        signature = K.unb64(doc["signature"])
    except (KeyError, TypeError, ValueError):
        raise _bad_file("内容不完整", "fields missing") from None
    if len(sign_pub) != 32 or len(enc_pub) != 32 or level not in LEVELS:
        raise _bad_file("密钥或级别格式不对", "bad key or level")
    fp = K.fingerprint(sign_pub, enc_pub)
    if o.get("fingerprint") != fp:
        raise _bad_file("指纹与公钥不符（文件可能被改动）", "fingerprint does not match the keys")
    body = {k: v for k, v in doc.items() if k != "signature"}
    try:
        Ed25519PublicKey.from_public_bytes(sign_pub).verify(signature, b"guanai-identity-file\n" + canonical(body))
    except InvalidSignature:
        raise _bad_file("签名验证失败（文件可能被改动）", "signature does not verify") from None
    return Identity(code, name, level, parent if parent is None else str(parent), sign_pub, enc_pub, fp)


# ---- trust -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustResult:
    identity: Identity
    relation: str  # "parent" | "child"
    already_trusted: bool

    def to_json(self) -> dict[str, Any]:
        return {**self.identity.to_json(), "relation": self.relation,
                "already_trusted": self.already_trusted}


def relation_of(session: Session, code: str) -> str | None:
    """"parent", "child", "self" or None for an office code, seen from this office."""
    me = this_office(session)
    if code == me.code:
        return "self"
    if code == me.parent_code:
        return "parent"
    other = session.scalars(select(Office).where(Office.code == code)).one_or_none()
    if other is not None and other.parent_code == me.code:
        return "child"
    return None


def _relation_for(me: Office, ident: Identity) -> str | None:
    if ident.code == me.parent_code and LEVELS.index(ident.level) == LEVELS.index(me.level) + 1:
        return "parent"
    if ident.parent_code == me.code and LEVELS.index(ident.level) + 1 == LEVELS.index(me.level):
        return "child"
    return None


def office_keys(session: Session, code: str, *, purpose: str | None = None) -> list[OfficeKey]:
    """Keys this database holds for another office (not its own), oldest first."""
    q = select(OfficeKey).where(OfficeKey.office_code == code, OfficeKey.is_own.is_(False))
    if purpose:
        q = q.where(OfficeKey.purpose == purpose)
    return list(session.scalars(q.order_by(OfficeKey.id)))


def _add_keys(session: Session, code: str, sign_pub: bytes, enc_pub: bytes, fp: str,
              valid_from: dt.date) -> None:
    now = dt.datetime.now(dt.UTC)
    session.add_all([
        OfficeKey(office_code=code, purpose="sign", algorithm=K.SIGN_ALGORITHM, public_key=sign_pub,
                  private_key=None, fingerprint=fp, is_own=False, trusted_at=now, valid_from=valid_from),
        OfficeKey(office_code=code, purpose="encrypt", algorithm=K.ENCRYPT_ALGORITHM, public_key=enc_pub,
                  private_key=None, fingerprint=fp, is_own=False, trusted_at=now, valid_from=valid_from),
    ])


def trust_identity(session: Session, actor: Actor, ident: Identity) -> TrustResult:
    """Trust a parent or child office's identity. The same identity again changes nothing; a
    different key for an office that still has a trusted key is refused (a rotation arrives
    signed inside a bundle; a lost key is revoked first)."""
    me = this_office(session)
    if ident.code == me.code:
        raise TrustError("这是本单位自己的身份文件，不需要信任。请导入上级或下级单位发来的身份文件。",
                         "This is this office's own identity file.")
    relation = _relation_for(me, ident)
    if relation is None:
        raise TrustError(
            f"只能信任本单位的上级单位或直属下级单位。身份文件是{ident.name}（{ident.code}，上级 {ident.parent_code or '无'}），"
            f"本单位是{me.name}（{me.code}，上级 {me.parent_code or '无'}）。请确认对方发来的文件是否正确。",
            f"Only the parent office or a direct child office can be trusted; {ident.code} is neither.")
    office = session.scalars(select(Office).where(Office.code == ident.code)).one_or_none()
    if office is not None and (office.level != ident.level or office.parent_code != ident.parent_code):
        raise TrustError(
            f"身份文件中 {ident.code} 的级别或上级（{ident.level}，{ident.parent_code}）与本数据库记录的"
            f"（{office.level}，{office.parent_code}）不一致，请与对方核对。",
            f"Level or parent of {ident.code} differ from this database's record.")
    known = office_keys(session, ident.code, purpose="sign")
    same = [k for k in known if k.public_key == ident.sign_public]
    if same:
        if same[0].revoked_at is not None:
            raise TrustError(
                f"{ident.name}（{ident.code}）的这把密钥（指纹 {ident.fingerprint}）已于 {same[0].revoked_at:%Y-%m-%d} 停用，"
                "不能再次信任。请对方更换密钥（guanai keys rotate）后重新导出身份文件。",
                f"This key of {ident.code} was revoked; ask for a new one.")
        return TrustResult(ident, relation, True)
    active = [k for k in known if k.revoked_at is None]
    if active:
        raise TrustError(
            f"已信任 {ident.code} 的另一把密钥（指纹 {active[-1].fingerprint}），新文件的指纹是 {ident.fingerprint}。"
            "如果对方更换了密钥，请导入对方发来的数据包（其中带有用旧密钥签名的更换通知）；"
            f"如果对方的旧密钥丢失或泄露，请先撤销（guanai keys revoke {ident.code}），电话核对新指纹后再信任。",
            f"A different key of {ident.code} is trusted already ({active[-1].fingerprint}); "
            "rotations arrive signed in a bundle, a lost key is revoked first.")
    if office is None:
        writes.create(session, actor, Office, code=ident.code, name=ident.name, level=ident.level,
                      parent_code=ident.parent_code)
    _add_keys(session, ident.code, ident.sign_public, ident.encrypt_public, ident.fingerprint,
              dt.date.today())
    writes.audit(session, actor, "trust", "office_keys", ident.code,
                 {"fingerprint": [None, ident.fingerprint], "relation": [None, relation],
                  "name": [None, ident.name]})
    session.flush()
    return TrustResult(ident, relation, False)


def identity_file(path: Path) -> Identity:
    """The identity in the file at `path`: a regular file of at most MAX_IDENTITY_BYTES,
    checked before it is read (a FIFO or a device is refused without opening it). Nothing is
    trusted yet: the app shows its fingerprint to compare by phone first."""
    try:
        data = read_capped(Path(path), MAX_IDENTITY_BYTES, "身份文件", "identity file")
    except IntakeError as e:
        raise TrustError(e.zh, e.en) from None
    return read_identity(data)


def trust_file(session: Session, actor: Actor, path: Path) -> TrustResult:
    """Trust the identity file at `path` (see identity_file)."""
    return trust_identity(session, actor, identity_file(path))


# ---- revoke ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RevokeResult:
    code: str
    fingerprints: list[str]
    revoked_from: dt.datetime
    from_sequence: int = 0  # its bundles from this number on are refused

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "fingerprints": self.fingerprints,
                "revoked_from": _iso(self.revoked_from), "from_sequence": self.from_sequence}


def start_of_local_day(day: dt.date) -> dt.datetime:
    """Midnight of a date as the person revoking means it: on this laptop's clock."""
    return dt.datetime.combine(day, dt.time.min).astimezone().astimezone(dt.UTC)


def first_sequence_received_after(session: Session, code: str, when: dt.datetime) -> int:
    """The first of `code`'s bundle numbers a revocation from `when` ends its keys at: one
    past the last of its bundles imported here before then (this laptop's clock at receipt,
    not the date the sender wrote in them)."""
    from app.models import SyncBundle

    before = session.scalar(select(func.max(SyncBundle.sequence)).where(
        SyncBundle.way == "in", SyncBundle.result == "imported", SyncBundle.from_office == code,
        SyncBundle.at < when))
    return (before or 0) + 1


def revoke_office(session: Session, actor: Actor, code: str, *,
                  from_date: dt.date | None = None) -> RevokeResult:
    """End trust in every key of an office from a point: bundles it signed before stay
    valid, later ones are refused. An earlier revocation is kept if it is earlier."""
    me = this_office(session)
    if code == me.code:
        raise TrustError("不能撤销本单位自己的密钥。如密钥泄露，请运行“密钥更换”（guanai keys rotate）。",
                         "This office's own key cannot be revoked: rotate it instead.")
    rows = office_keys(session, code)
    if not rows:
        raise NotFoundError(f"没有信任过单位 {code} 的密钥，无需撤销。", f"No key of office {code} is trusted.")
    when = start_of_local_day(from_date) if from_date else dt.datetime.now(dt.UTC)
    until = first_sequence_received_after(session, code, when)
    changed = []
    for row in rows:
        if row.revoked_at is None or row.revoked_at > when or row.until_seq is None or row.until_seq > until:
            old = _iso(row.revoked_at)
            row.revoked_at = min(filter(None, (row.revoked_at, when)))
            row.until_seq = min(filter(None, (row.until_seq, until)))
            changed.append((row, old))
    fps = sorted({r.fingerprint for r, _ in changed})
    if changed:
        writes.audit(session, actor, "revoke", "office_keys", code,
                     {"fingerprints": [None, fps], "revoked_from": [changed[0][1], _iso(when)],
                      "from_sequence": [None, until]})
        session.flush()
    return RevokeResult(code, fps, when, min((r.until_seq or until) for r in rows))


# ---- list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyView:
    office_code: str
    office_name: str | None
    level: str | None
    relation: str | None  # "self" | "parent" | "child" | None
    fingerprint: str
    status: str  # "current" (own key in use), "trusted", "retired" (own, replaced), "revoked"
    trusted_at: dt.datetime
    revoked_at: dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"office_code": self.office_code, "office_name": self.office_name,
                "level": self.level, "relation": self.relation, "fingerprint": self.fingerprint,
                "status": self.status, "trusted_at": _iso(self.trusted_at),
                "revoked_at": _iso(self.revoked_at)}


def list_keys(session: Session) -> list[KeyView]:
    """One line per key pair: this office's first, then the others by code."""
    me = this_office(session)
    rows = session.scalars(select(OfficeKey).where(OfficeKey.purpose == "sign")
                           .order_by(OfficeKey.is_own.desc(), OfficeKey.office_code, OfficeKey.id))
    offices = {o.code: o for o in session.scalars(select(Office))}
    out = []
    for r in rows:
        o = offices.get(r.office_code)
        relation: str | None
        if r.is_own:
            status = "current" if r.revoked_at is None else "retired"
            relation = "self"
        else:
            status = "trusted" if r.revoked_at is None else "revoked"
            relation = ("parent" if r.office_code == me.parent_code
                        else "child" if o is not None and o.parent_code == me.code else None)
        out.append(KeyView(r.office_code, o.name if o else None, o.level if o else None, relation,
                           r.fingerprint, status, r.trusted_at, r.revoked_at))
    return out


# ---- rotate ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RotateResult:
    old_fingerprint: str | None
    new_fingerprint: str
    announced: bool  # False when the old private key was missing: peers must re-trust by hand

    def to_json(self) -> dict[str, Any]:
        return {"old_fingerprint": self.old_fingerprint, "new_fingerprint": self.new_fingerprint,
                "announced": self.announced}


def announcement_body(ann: dict[str, Any]) -> bytes:
    body = {k: v for k, v in ann.items() if k not in ("signature", "new_signature")}
    return b"guanai-key-rotation\n" + canonical(body)


def rotate_keys(session: Session, actor: Actor) -> RotateResult:
    """A new key pair for this office; the old one is kept (retired) to open bundles still
    sealed to it, and an announcement signed by the old signing key goes out in later bundles."""
    me = this_office(session)
    old_sign = K.current_own_key(session, me.code, "sign")
    old_enc = K.current_own_key(session, me.code, "encrypt")
    try:
        old_signer = K.signing_key(old_sign) if old_sign else None
    except K.KeyMissingError:
        old_signer = None
    new_fp = K.create_office_keys(session, me.code, audited=False)
    new_sign = K.current_own_key(session, me.code, "sign")
    new_enc = K.current_own_key(session, me.code, "encrypt")
    assert new_sign is not None and new_enc is not None and new_sign.fingerprint == new_fp
    now = dt.datetime.now(dt.UTC)
    for row in (old_sign, old_enc):
        if row is not None:
            row.revoked_at = now
    announced = False
    if old_sign is not None and old_signer is not None:
        ann: dict[str, Any] = {
            "type": "key_rotation", "office": me.code, "at": now.isoformat(),
            "old_fingerprint": old_sign.fingerprint, "new_fingerprint": new_fp,
            "sign": {"algorithm": K.SIGN_ALGORITHM, "public_key": K.b64(new_sign.public_key)},
            "encrypt": {"algorithm": K.ENCRYPT_ALGORITHM, "public_key": K.b64(new_enc.public_key)}}
        body = announcement_body(ann)
        ann["signature"] = K.b64(old_signer.sign(body))
        ann["new_signature"] = K.b64(K.signing_key(new_sign).sign(body))
        put_setting(session, ANNOUNCEMENTS_SETTING, json.dumps(pending_announcements(session) + [ann]))
        announced = True
    writes.audit(session, actor, "rotate", "office_keys", me.code,
                 {"fingerprint": [old_sign.fingerprint if old_sign else None, new_fp],
                  "announced": [None, announced],
                  "key_file": [None, K.key_file(me.code, new_fp).name if new_sign.private_key is None
                               else "sealed in the database"]})
    session.flush()
    return RotateResult(old_sign.fingerprint if old_sign else None, new_fp, announced)


def pending_announcements(session: Session) -> list[dict[str, Any]]:
    """Every rotation of this office's keys, oldest first: they ride in every bundle."""
    text = get_setting(session, ANNOUNCEMENTS_SETTING)
    return list(json.loads(text)) if text else []


# ---- receiving a rotation ----------------------------------------------------------------


@dataclass(frozen=True)
class Rotation:
    """A rotation announced by another office that chains from a key trusted here."""

    office: str
    old_fingerprint: str
    fingerprint: str
    sign_public: bytes
    encrypt_public: bytes
    at: dt.datetime


class BadAnnouncement(ValueError):
    """An announcement that is not well formed."""


def _parse_announcement(a: Any) -> tuple[Rotation, bytes, bytes, bytes]:
    try:
        if not isinstance(a, dict) or a.get("type") != "key_rotation":
            raise BadAnnouncement("not a key rotation")
        if a["sign"]["algorithm"] != K.SIGN_ALGORITHM or a["encrypt"]["algorithm"] != K.ENCRYPT_ALGORITHM:
            raise BadAnnouncement("unsupported algorithm")
        sign_pub, enc_pub = K.unb64(a["sign"]["public_key"]), K.unb64(a["encrypt"]["public_key"])
        at = dt.datetime.fromisoformat(a["at"])
        if at.tzinfo is None or len(sign_pub) != 32 or len(enc_pub) != 32:
            raise BadAnnouncement("bad time or key")
        rot = Rotation(str(a["office"]), str(a["old_fingerprint"]), K.fingerprint(sign_pub, enc_pub),
                       sign_pub, enc_pub, at)
        if rot.fingerprint != a["new_fingerprint"]:
            raise BadAnnouncement("fingerprint does not match")
        return rot, K.unb64(a["signature"]), K.unb64(a["new_signature"]), announcement_body(a)
    except (KeyError, TypeError, ValueError) as e:
        raise BadAnnouncement(str(e)) from None


def accepted_rotations(session: Session, office_code: str,
                       announcements: list[dict[str, Any]] | tuple[()], *, sequence: int) -> list[Rotation]:
    """The announced rotations of `office_code`, riding in its bundle number `sequence`,
    whose old key is trusted here (directly or through an earlier accepted rotation) and
    still good for that bundle (not revoked from an earlier number: a stolen key must not
    rotate itself back into trust), and whose signatures (old key and new key) verify.
    Raises BadAnnouncement for a malformed one."""
    known: dict[str, tuple[bytes, int | None]] = {
        k.fingerprint: (k.public_key, k.until_seq) for k in office_keys(session, office_code, purpose="sign")}
    parsed = [_parse_announcement(a) for a in announcements]
    accepted: list[Rotation] = []
    progress = True
    while progress:
        progress = False
        for rot, sig_old, sig_new, body in parsed:
            if rot.office != office_code or rot.fingerprint in known or rot.old_fingerprint not in known:
                continue
            old_pub, until = known[rot.old_fingerprint]
            if until is not None and sequence >= until:
                continue  # a key revoked before it "rotated" may be in a thief's hands
            try:
                Ed25519PublicKey.from_public_bytes(old_pub).verify(sig_old, body)
                Ed25519PublicKey.from_public_bytes(rot.sign_public).verify(sig_new, body)
            except InvalidSignature:
                continue
            known[rot.old_fingerprint] = (old_pub, sequence)
            known[rot.fingerprint] = (rot.sign_public, None)
            accepted.append(rot)
            progress = True
    return accepted


def apply_rotations(session: Session, actor: Actor, rotations: list[Rotation], *, sequence: int) -> int:
    """Trust the new keys of accepted rotations that arrived in the office's bundle number
    `sequence`: the old key signs none of its bundles from that number on. Returns how many
    keys were newly trusted."""
    added = 0
    for rot in rotations:
        known = office_keys(session, rot.office)
        if any(k.fingerprint == rot.fingerprint for k in known):
            continue
        for k in known:
            if k.fingerprint == rot.old_fingerprint:
                if k.revoked_at is None or k.revoked_at > rot.at:
                    k.revoked_at = rot.at  # for people to read
                if k.until_seq is None or k.until_seq > sequence:
                    k.until_seq = sequence
        _add_keys(session, rot.office, rot.sign_public, rot.encrypt_public, rot.fingerprint, rot.at.date())
        writes.audit(session, actor, "rotate", "office_keys", rot.office,
                     {"fingerprint": [rot.old_fingerprint, rot.fingerprint], "at": [None, _iso(rot.at)]})
        added += 1
    session.flush()
    return added
