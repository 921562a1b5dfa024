"""The bundle file: signed by the sending office, then encrypted to the addressed one.

One file, in this order:

    b"GUANAI-B"                        8 bytes, what the file is
    header length                      2 bytes, big-endian
    header                             JSON: format, suite ids (kem, kdf, aead), the addressed
                                       office, the id of its key, the length of what follows
    header check                       8 bytes of SHA-256 over the header: not security (the
                                       info string below is), but a damaged header is then
                                       reported as damage, not as an unknown suite
    HPKE ciphertext                    RFC 9180 base mode (DHKEM-X25519-HKDF-SHA256,
                                       HKDF-SHA256, ChaCha20-Poly1305) from `cryptography`;
                                       the info string binds magic and header, so a changed
                                       header byte fails like a changed ciphertext byte

and inside, once decrypted (format 2):

    b"GNSIGNM2", manifest length (4 bytes), the manifest (JSON), a 64-byte Ed25519 signature
    over the manifest, then the parts' stored bytes in the order of their sorted names.

The signature covers the manifest, and the manifest names every part's size and SHA-256: so
the signed manifest with any subset of its parts can be relayed on by another office and
still checked against its author's key (app/sync/layers.py). Format 1 (signature over the
whole body, at its end) is still read.

Sign first, then encrypt: the signature is hidden from whoever carries the file and is
bound to the contents, and the signed manifest names the addressed office, so a recipient
cannot re-encrypt a signed bundle to somebody else. HPKE base mode says nothing about who
encrypted; the signature is what authenticates.

The parts are named byte strings (PART_NAME), each zlib-compressed when that helps; the
manifest gives each one's size and SHA-256. There are no paths, directories or links in the
format, and open_envelope checks every name, so an `../x`, an absolute path or a "link"
entry is refused before anything is expanded, and expansion stops at the declared size.

The manifest carries the algorithm ids, so the suite can be swapped (e.g. for the national
SM2/SM3/SM4 suite) by adding an entry to SUITES and a signer, without a new file format.

Everything is read into memory: the caps below keep that bounded (a township's bundle with
photos is tens of megabytes; the caps leave room for a county's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import struct
import zlib
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import Actor, this_office_code
from app.care.errors import ServiceError
from app.care.ids import new_id
from app.migration_head import MIGRATIONS_DIR, head_revision
from app.models import Office, OfficeKey
from app.sync import keys as K
from app.sync import trust as T

PART_NAME = (r"^[a-z0-9_]{1,40}(\.[a-z0-9]{1,10})?$|^attachments/[0-9a-f]{64}$|^relayed/[0-9a-f]{64}$"
             r"|^(v[0-9]{12}|all|r[0-9a-f]{32})/[a-z0-9_]{1,40}\.jsonl$")
# names allowed for parts; down partitions: v<village>/, all/ (every village), r<record id>/ (one
# shared record, e.g. a responsible person, relayed to whichever villages it concerns later)
_PART_RE = re.compile(PART_NAME)

FORMAT_VERSION = 2
MAGIC = b"GUANAI-B"
SIGNED_MAGIC = b"GNSIGNED"  # format 1
SIGNED_MAGIC_2 = b"GNSIGNM2"
INFO_LABEL = b"guanai-bundle/1\n"
SIGN_LABEL = b"guanai-bundle-signature/1\n"  # format 1
SIGN_LABEL_2 = b"guanai-manifest-signature/2\n"

# Size caps (module constants so tests can lower them).
MAX_FILE_BYTES = 1 << 30             # the whole file
MAX_HEADER_BYTES = 4096
MAX_MANIFEST_BYTES = 32 << 20
MAX_PART_BYTES = 256 << 20           # one part, expanded
MAX_EXPANDED_BYTES = 1536 << 20      # all parts, expanded
MAX_PARTS = 200_000
# All parts, expanded, at most this many times the parts' stored bytes plus an allowance:
# refused before anything is inflated. Measured: a village's whole history 8.9× (its
# largest part, care_records.jsonl, 10.9×), photos 1.0×; a 1.2 MB bundle may expand to at
# most 25 MB.
MAX_EXPANSION_RATIO = 20
EXPANSION_ALLOWANCE = 1 << 20


@dataclass(frozen=True)
class Suite:
    kem: str
    kdf: str
    aead: str
    hpke: hpke.Suite
    enc_length: int  # bytes of the encapsulated key before the ciphertext
    tag_length: int


SUITES: dict[tuple[str, str, str], Suite] = {
    ("DHKEM-X25519-HKDF-SHA256", "HKDF-SHA256", "ChaCha20-Poly1305"): Suite(
        "DHKEM-X25519-HKDF-SHA256", "HKDF-SHA256", "ChaCha20-Poly1305",
        hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305), 32, 16),
}
DEFAULT_SUITE = SUITES[("DHKEM-X25519-HKDF-SHA256", "HKDF-SHA256", "ChaCha20-Poly1305")]
ALGORITHMS = {"signature": K.SIGN_ALGORITHM, "kem": DEFAULT_SUITE.kem, "kdf": DEFAULT_SUITE.kdf,
              "aead": DEFAULT_SUITE.aead, "hash": "sha256", "compression": "zlib"}
_PART_KEYS = {"size", "sha256", "stored", "encoding"}
_WIRE_KEYS = {"format_version", "schema_version", "algorithms", "bundle_id", "from_office",
              "to_office", "direction", "sequence", "previous_sha256", "created_at", "counts",
              "parts", "announcements", "signer", "vouches"}


class BundleRefused(ServiceError):
    """A bundle refused before anything was written. `code` says which check failed."""

    def __init__(self, code: str, zh: str, en: str | None = None) -> None:
        super().__init__(zh, en)
        self.code = code


@dataclass(frozen=True)
class Manifest:
    format_version: int
    schema_version: str
    algorithms: dict[str, str]
    bundle_id: str
    from_office: str
    to_office: str
    direction: str  # "up" | "down"
    sequence: int
    previous_sha256: str | None
    created_at: str  # ISO UTC
    counts: dict[str, int]
    parts: dict[str, dict[str, Any]]  # name -> {"size", "sha256", ...}
    announcements: list[dict[str, Any]] = field(default_factory=list)  # key rotations
    # The sender's word for the keys of the offices whose layers it relays (app/sync/layers.py)
    vouches: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Manifest:
        """A manifest from its JSON form, every field type-checked (ValueError if not)."""
        def want(key: str, *types: type) -> Any:
            value = d.get(key)
            if not isinstance(value, types) or isinstance(value, bool) and bool not in types:
                raise ValueError(f"{key}: {value!r}")
            return value

        counts = want("counts", dict)
        algorithms = want("algorithms", dict)
        prev = d.get("previous_sha256")
        if prev is not None and not (isinstance(prev, str) and re.fullmatch(r"[0-9a-f]{64}", prev)):
            raise ValueError("previous_sha256")
        if not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
                   for k, v in counts.items()):
            raise ValueError("counts")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in algorithms.items()):
            raise ValueError("algorithms")
        sequence = want("sequence", int)
        direction = want("direction", str)
        if sequence < 1 or direction not in ("up", "down"):
            raise ValueError("sequence or direction")
        created = dt.datetime.fromisoformat(want("created_at", str))
        if created.tzinfo is None:
            raise ValueError("created_at")
        announcements = want("announcements", list)
        vouches = d.get("vouches", [])
        if not isinstance(vouches, list):
            raise ValueError("vouches")
        return cls(want("format_version", int), want("schema_version", str), dict(algorithms),
                   want("bundle_id", str), want("from_office", str), want("to_office", str),
                   direction, sequence, prev, d["created_at"], dict(counts), dict(want("parts", dict)),
                   list(announcements), list(vouches))


@dataclass(frozen=True)
class OpenedBundle:
    manifest: Manifest
    parts: dict[str, bytes]
    sha256: str  # of the whole file as received
    signer_fingerprint: str
    # Format 2: the signed manifest as sent and its signature (kept to relay the sender's
    # records on); None for a format-1 bundle, whose signature covers the whole body.
    manifest_bytes: bytes | None = None
    signature: bytes | None = None


# ---- shared helpers ------------------------------------------------------------------------


def _refuse(code: str, zh: str, en: str) -> BundleRefused:
    return BundleRefused(code, zh, en)


def _office(session: Session, code: str) -> Office | None:
    return session.scalars(select(Office).where(Office.code == code)).one_or_none()


def _this_office(session: Session) -> Office:
    code = this_office_code(session)
    office = _office(session, code) if code else None
    if office is None:
        raise _refuse("not_this_office", "本数据库尚未设置为任何单位，不能收发数据包。请先完成设置（guanai init）。",
                      "This database is not set up for an office: run `guanai init` first.")
    return office


def direction_from(session: Session, sender: str, receiver: Office) -> str | None:
    """The direction a bundle from `sender` to `receiver` travels, or None if unrelated."""
    if sender == receiver.parent_code:
        return "down"
    other = _office(session, sender)
    if other is not None and other.parent_code == receiver.code:
        return "up"
    return None


def _name(session: Session, code: str) -> str:
    o = _office(session, code)
    return f"{o.name}（{code}）" if o else code


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this app knows (read from the migration files)."""
    pattern = re.compile(r"^revision\s*=\s*['\"]?(\w+)['\"]?", re.M)
    return frozenset(m.group(1) for p in (MIGRATIONS_DIR / "versions").glob("*.py")
                     for m in pattern.finditer(p.read_text(encoding="utf-8")))


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# ---- seal ------------------------------------------------------------------------------------


def _store(raw: bytes) -> tuple[bytes, str]:
    if len(raw) >= 64:
        packed = zlib.compress(raw, 6)
        if len(packed) < len(raw):
            return packed, "zlib"
    return raw, "raw"


def _sign_body(wire: dict[str, Any], blobs: list[bytes], signer: Any) -> bytes:
    manifest = _dumps(wire)
    return b"".join([SIGNED_MAGIC_2, struct.pack(">I", len(manifest)), manifest,
                     signer.sign(SIGN_LABEL_2 + manifest), *blobs])


def manifest_signed_bytes(manifest: bytes) -> bytes:
    """What a format-2 signature signs: the manifest as sent, labelled."""
    return SIGN_LABEL_2 + manifest


def _encrypt(to_office: str, recipient: OfficeKey, plaintext: bytes, suite: Suite = DEFAULT_SUITE) -> bytes:
    header = _dumps({"format": FORMAT_VERSION, "kem": suite.kem, "kdf": suite.kdf, "aead": suite.aead,
                     "to": to_office, "key": K.key_id(recipient.public_key),
                     "length": suite.enc_length + len(plaintext) + suite.tag_length})
    ciphertext = suite.hpke.encrypt(plaintext, X25519PublicKey.from_public_bytes(recipient.public_key),
                                    info=INFO_LABEL + MAGIC + header)
    return b"".join([MAGIC, struct.pack(">H", len(header)), header, _header_check(header), ciphertext])


def _header_check(header: bytes) -> bytes:
    return hashlib.sha256(b"guanai-header" + header).digest()[:8]


def recipient_key(session: Session, to_office: str) -> OfficeKey | None:
    """The newest trusted, unrevoked encryption key of another office."""
    for row in reversed(T.office_keys(session, to_office, purpose="encrypt")):
        if row.revoked_at is None:
            return row
    return None


def seal(session: Session, *, to_office: str, sequence: int, previous_sha256: str | None,
         parts: dict[str, bytes], counts: dict[str, int],
         vouches: list[dict[str, Any]] | None = None) -> tuple[bytes, Manifest]:
    """Pack, sign with this office's current key and encrypt to `to_office`'s trusted key.
    Pending key-rotation announcements of this office ride along, and `vouches`: this
    office's word for the keys of the offices whose layers it relays."""
    me = _this_office(session)
    direction = {"parent": "up", "child": "down"}.get(T.relation_of(session, to_office) or "")
    if direction is None:
        raise _refuse("not_related", f"只能给本单位的上级或直属下级单位导出数据包，{to_office} 不是。",
                      f"Bundles go only to the parent office or a direct child office, not {to_office}.")
    recipient = recipient_key(session, to_office)
    if recipient is None:
        raise _refuse("untrusted_recipient",
                      f"还没有信任{_name(session, to_office)}的密钥（或已撤销），不能加密给它。"
                      "请先导入对方的身份文件并电话核对指纹（密钥 → 信任）。",
                      f"No trusted key of {to_office}: trust its identity file first.")
    sign_row = K.current_own_key(session, me.code, "sign")
    if sign_row is None:
        raise _refuse("not_this_office", "本单位没有签名密钥，请运行 guanai keys rotate。",
                      "This office has no signing key: run `guanai keys rotate`.")
    signer = K.signing_key(sign_row)
    entries: dict[str, dict[str, Any]] = {}
    blobs: list[bytes] = []
    total = 0
    for name in sorted(parts):
        raw = parts[name]
        if not _PART_RE.fullmatch(name):
            raise ValueError(f"part name not allowed: {name!r}")
        total += len(raw)
        if len(raw) > MAX_PART_BYTES or total > MAX_EXPANDED_BYTES:
            raise _refuse("too_large", f"数据包内容太大（{name}，合计 {total // (1 << 20)} MB），超过上限。请分批导出。",
                          f"The bundle content is too large ({name}, {total} bytes in all).")
        stored, encoding = _store(raw)
        entries[name] = {"size": len(raw), "sha256": hashlib.sha256(raw).hexdigest(),
                         "stored": len(stored), "encoding": encoding}
        blobs.append(stored)
    manifest = Manifest(FORMAT_VERSION, head_revision() or "", dict(ALGORITHMS), new_id(), me.code,
                        to_office, direction, sequence, previous_sha256,
                        dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"), dict(counts),
                        entries, T.pending_announcements(session), list(vouches or []))
    wire = {**manifest.to_json(), "signer": sign_row.fingerprint}
    if not manifest.vouches:
        del wire["vouches"]
    data = _encrypt(to_office, recipient, _sign_body(wire, blobs, signer))
    if len(data) > MAX_FILE_BYTES:
        raise _refuse("too_large", "数据包文件超过大小上限，请分批导出。", "The bundle file exceeds the size cap.")
    return data, manifest


# ---- open ------------------------------------------------------------------------------------


def _damaged(what_zh: str, what_en: str) -> BundleRefused:
    return _refuse("undecryptable", f"数据包无法解密：{what_zh}。请重新拷贝文件，或请对方重新导出后再导入。什么也没有导入。",
                   f"The bundle cannot be decrypted: {what_en}. Copy it again or ask for a new export. Nothing was imported.")


def _read_header(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    if len(data) < len(MAGIC) + 2 or data[:len(MAGIC)] != MAGIC:
        raise _refuse("not_a_bundle", "这不是关爱软件的数据包文件（文件开头不对）。请确认选对了文件。什么也没有导入。",
                      "This is not a Guanai bundle file. Nothing was imported.")
    (n,) = struct.unpack(">H", data[len(MAGIC):len(MAGIC) + 2])
    start = len(MAGIC) + 2
    if n > MAX_HEADER_BYTES or len(data) < start + n + 8:
        raise _damaged("文件头不完整（文件可能没有拷贝完）", "the header is incomplete")
    header_bytes = data[start:start + n]
    if data[start + n:start + n + 8] != _header_check(header_bytes):
        raise _damaged("文件头已损坏", "the header is damaged")
    try:
        header = json.loads(header_bytes.decode("utf-8"))
        length, to, key = int(header["length"]), str(header["to"]), str(header["key"])
        fmt = int(header["format"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _damaged("文件头已损坏", "the header is damaged") from None
    if fmt > FORMAT_VERSION:
        raise _refuse("format_too_new", "这个数据包由较新版本的关爱软件生成，请先升级本软件再导入。什么也没有导入。",
                      "The bundle comes from a newer version of Guanai: upgrade first. Nothing was imported.")
    ciphertext = data[start + n + 8:]
    if len(ciphertext) < length:
        raise _damaged(f"文件不完整，应有 {start + n + 8 + length} 字节，只有 {len(data)} 字节（可能没有拷贝完）",
                       f"the file is truncated ({len(data)} of {start + n + 8 + length} bytes)")
    if len(ciphertext) > length:
        raise _damaged("文件末尾有多余的数据", "extra bytes after the end")
    header.update(to=to, key=key)
    return header, header_bytes, ciphertext


def _decrypt(session: Session, me: Office, header: dict[str, Any], header_bytes: bytes,
             ciphertext: bytes) -> bytes:
    if header["to"] != me.code:
        raise _refuse("not_addressed_here",
                      f"这个数据包是发给{_name(session, header['to'])}的，不是发给本单位{me.name}（{me.code}）的。"
                      "请确认选对了文件、打开的是本单位的数据库。什么也没有导入。",
                      f"This bundle is addressed to {header['to']}, not to {me.code}. Nothing was imported.")
    suite = SUITES.get((str(header.get("kem")), str(header.get("kdf")), str(header.get("aead"))))
    if suite is None:
        raise _refuse("unknown_algorithm", "数据包使用了本软件不支持的加密算法，请先升级本软件。什么也没有导入。",
                      "The bundle uses an encryption suite this version does not know. Nothing was imported.")
    rows = [r for r in K.own_keys(session, me.code, "encrypt") if K.key_id(r.public_key) == header["key"]]
    if not rows:
        raise _damaged("它是用本单位不认识的密钥加密的（可能对方信任的是本单位已更换或别台电脑上的密钥）；"
                       "请把本单位的身份文件重新发给对方核对",
                       "it was sealed to a key this office does not have")
    try:
        private = K.decryption_key(rows[0])
    except K.KeyMissingError as e:
        raise BundleRefused("key_missing", e.zh + "什么也没有导入。", e.en + " Nothing was imported.") from None
    try:
        return suite.hpke.decrypt(ciphertext, private, info=INFO_LABEL + MAGIC + header_bytes)
    except (InvalidTag, ValueError):
        raise _damaged("内容校验失败，文件已损坏或被改动", "the content fails authentication (damaged or altered)") from None


def _bad_manifest(what: str) -> BundleRefused:
    return _refuse("bad_manifest", f"数据包清单格式不对（{what}），可能由有缺陷的软件生成。请对方升级软件后重新导出。什么也没有导入。",
                   f"The bundle manifest is not well formed ({what}). Nothing was imported.")


def _split_signed(plain: bytes) -> tuple[dict[str, Any], bytes, bytes, bytes, bytes | None]:
    """(wire manifest, signed bytes, signature, parts' stored bytes, the manifest as sent
    when the signature covers it alone — format 2 — else None)."""
    head = len(SIGNED_MAGIC) + 4
    magic = plain[:len(SIGNED_MAGIC)]
    if len(plain) < head + 64 or magic not in (SIGNED_MAGIC, SIGNED_MAGIC_2):
        raise _bad_manifest("structure")
    (n,) = struct.unpack(">I", plain[len(SIGNED_MAGIC):head])
    if n > MAX_MANIFEST_BYTES or head + n > len(plain) - 64:
        raise _bad_manifest("manifest length")
    manifest = plain[head:head + n]
    try:
        wire = json.loads(manifest.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad_manifest("JSON") from None
    if not isinstance(wire, dict):
        raise _bad_manifest("JSON")
    unknown = set(wire) - _WIRE_KEYS
    if unknown:
        raise _bad_manifest(f"unknown fields {sorted(unknown)}")
    if magic == SIGNED_MAGIC_2:
        return wire, manifest_signed_bytes(manifest), plain[head + n:head + n + 64], plain[head + n + 64:], manifest
    return wire, SIGN_LABEL + plain[:-64], plain[-64:], plain[head + n:-64], None


def _verify_signer(session: Session, wire: dict[str, Any], signed: bytes, signature: bytes) -> str:
    """The fingerprint of the trusted key of the sender that signed, valid for this bundle's
    sequence number. Whether a key is still good is decided by sequence (a revocation or a
    rotation ends a key from a number on), never by the date the signer writes: a thief
    with a revoked key can backdate `created_at`, not reuse a number already taken."""
    sender = str(wire["from_office"])
    sequence = wire.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise _bad_manifest("sequence")
    try:
        rotations = T.accepted_rotations(session, sender, wire.get("announcements") or [], sequence=sequence)
    except (T.BadAnnouncement, ValueError):
        raise _bad_manifest("announcements") from None
    candidates: dict[str, tuple[bytes, int | None, dt.datetime | None]] = {
        k.fingerprint: (k.public_key, k.until_seq, k.revoked_at) for k in T.office_keys(session, sender, purpose="sign")}
    if not candidates:
        raise _refuse("untrusted_signer",
                      f"本单位还没有信任{_name(session, sender)}的密钥，不能确认数据包是它签发的。"
                      "请先导入对方的身份文件并电话核对指纹（密钥 → 信任），再导入数据包。什么也没有导入。",
                      f"No key of {sender} is trusted here: trust its identity file first. Nothing was imported.")
    for rot in rotations:  # a rotation in this bundle, signed by a trusted key, vouches for the new one
        old_pub, old_until, old_at = candidates[rot.old_fingerprint]
        candidates[rot.old_fingerprint] = (old_pub, min(filter(None, (old_until, sequence))), old_at or rot.at)
        candidates[rot.fingerprint] = (rot.sign_public, None, None)
    claimed = wire.get("signer")
    order = sorted(candidates, key=lambda fp: fp != claimed)
    for fp in order:
        public, until, revoked = candidates[fp]
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, signed)
        except InvalidSignature:
            continue
        if until is not None and sequence >= until:
            when = f"（{revoked.astimezone():%Y-%m-%d %H:%M} 停用）" if revoked else ""
            raise _refuse("revoked_signer",
                          f"数据包由{_name(session, sender)}已停用的密钥（指纹 {fp}）签名{when}：这把密钥只对对方第 {until} 号"
                          f"以前的数据包有效，这是第 {sequence} 号，不论数据包自称何时签发，一律不予接收。"
                          "请对方用新密钥重新导出；如对方尚无新密钥，请对方更换密钥后把新身份文件发来核对。什么也没有导入。",
                          f"Signed by a revoked or replaced key of {sender} ({fp}), valid only for its bundles "
                          f"before number {until}; this is number {sequence}, whatever date it carries. "
                          "Nothing was imported.")
        return fp
    raise _refuse("untrusted_signer",
                  f"数据包的签名与本单位信任的{_name(session, sender)}的密钥都不符：可能是用未知密钥签名，"
                  "或对方更换了密钥而本单位尚未收到更换通知。请电话与对方核对指纹，必要时请对方重新发送身份文件。什么也没有导入。",
                  f"The signature matches no trusted key of {sender}. Check the fingerprint by phone. "
                  "Nothing was imported.")


def _part_corrupt(name: str, what_zh: str, what_en: str) -> BundleRefused:
    return _refuse("part_corrupt", f"数据包中的“{name}”{what_zh}，与清单不符。请对方重新导出。什么也没有导入。",
                   f"Part '{name}' of the bundle {what_en}. Ask for a new export. Nothing was imported.")


def _unpack_parts(entries: Any, blob: bytes) -> dict[str, bytes]:
    if not isinstance(entries, dict) or len(entries) > MAX_PARTS:
        raise _bad_manifest("parts")
    layout: list[tuple[str, dict[str, Any], int]] = []
    offset = total = 0
    for name in sorted(entries):
        e = entries[name]
        if not _PART_RE.fullmatch(name):
            shown = name if len(name) < 80 else name[:80] + "…"
            raise _refuse("unsafe_name",
                          f"数据包中有不允许的文件名“{shown}”（含路径、上级目录或绝对路径）。这样的文件可能试图写到别处，"
                          "已拒收。请与对方联系，用正版关爱软件重新导出。什么也没有导入。",
                          f"The bundle holds a part with a name that is not allowed: {shown!r}. Nothing was imported.")
        if not isinstance(e, dict) or set(e) != _PART_KEYS:
            extra = set(e) - _PART_KEYS if isinstance(e, dict) else set()
            if extra & {"type", "link", "linkname", "symlink", "target", "mode"}:
                raise _refuse("unsafe_name",
                              f"数据包中的“{name}”是链接或特殊文件，只允许普通数据，已拒收。什么也没有导入。",
                              f"Part {name!r} is a link or special entry; only plain data is allowed.")
            raise _bad_manifest(f"part {name}")
        size, stored, encoding, digest = e["size"], e["stored"], e["encoding"], e["sha256"]
        if not (isinstance(size, int) and isinstance(stored, int) and size >= 0 and stored >= 0
                and encoding in ("raw", "zlib") and isinstance(digest, str)):
            raise _bad_manifest(f"part {name}")
        total += size
        if size > MAX_PART_BYTES or total > MAX_EXPANDED_BYTES:
            raise _refuse("too_expanded",
                          f"数据包展开后太大（“{name}”{size // (1 << 20)} MB，合计 {total // (1 << 20)} MB，"
                          f"上限 {MAX_EXPANDED_BYTES // (1 << 20)} MB），已拒收。请对方分批导出。什么也没有导入。",
                          f"The bundle would expand past the cap ({name}: {size} bytes, {total} in all). "
                          "Nothing was imported.")
        layout.append((name, e, offset))
        offset += stored
    if total > MAX_EXPANSION_RATIO * len(blob) + EXPANSION_ALLOWANCE:
        raise _refuse("too_expanded",
                      f"数据包声明的展开大小（{total // (1 << 20)} MB）是文件内容（{len(blob) // 1024} KB）的 "
                      f"{total // max(1, len(blob))} 倍，超过正常数据包的 {MAX_EXPANSION_RATIO} 倍，疑似压缩炸弹，"
                      "未解压即拒收。请对方重新导出。什么也没有导入。",
                      f"The bundle declares {total} bytes expanded from {len(blob)} stored, more than "
                      f"{MAX_EXPANSION_RATIO}x: refused before expanding. Nothing was imported.")
    if offset != len(blob):
        raise _refuse("part_corrupt", "数据包内容的长度与清单不符。请对方重新导出。什么也没有导入。",
                      "The parts' lengths do not add up to the bundle's content. Nothing was imported.")
    parts: dict[str, bytes] = {}
    for name, e, start in layout:
        raw = blob[start:start + e["stored"]]
        if e["encoding"] == "zlib":
            d = zlib.decompressobj()
            try:
                raw = d.decompress(raw, e["size"] + 1)  # never more than one byte past the declared size
            except zlib.error:
                raise _part_corrupt(name, "无法解压", "cannot be decompressed") from None
            if len(raw) > e["size"]:
                raise _refuse("too_expanded",
                              f"数据包中的“{name}”解压后超过清单声明的大小（{e['size']} 字节），疑似压缩炸弹，已拒收。什么也没有导入。",
                              f"Part {name!r} expands past its declared size: refused. Nothing was imported.")
            if not d.eof or d.unused_data:
                raise _part_corrupt(name, "压缩数据不完整", "has a broken compressed stream")
        if len(raw) != e["size"]:
            raise _part_corrupt(name, f"大小为 {len(raw)} 字节，清单写的是 {e['size']} 字节",
                                f"is {len(raw)} bytes, the manifest says {e['size']}")
        if hashlib.sha256(raw).hexdigest() != e["sha256"]:
            raise _part_corrupt(name, "的 SHA-256 校验值", "fails its SHA-256 check")
        parts[name] = raw
    return parts


def open_envelope(session: Session, data: bytes) -> OpenedBundle:
    """Check a bundle in the issue's order — size caps; decrypt; addressed here and in the
    right direction; signed by a trusted, unrevoked key of the sender; every part's size and
    hash; manifest well formed and of a schema this app can read — and return its contents.
    Raises BundleRefused (Chinese and English message, `code`). Writes nothing."""
    me = _this_office(session)
    if len(data) > MAX_FILE_BYTES:
        raise _refuse("too_large", f"文件太大（{len(data) // (1 << 20)} MB，上限 {MAX_FILE_BYTES // (1 << 20)} MB），"
                      "不像关爱软件的数据包。请确认选对了文件。什么也没有导入。",
                      f"The file is larger than the {MAX_FILE_BYTES} byte cap. Nothing was imported.")
    header, header_bytes, ciphertext = _read_header(data)
    plain = _decrypt(session, me, header, header_bytes, ciphertext)
    wire, signed, signature, blob, manifest_bytes = _split_signed(plain)
    sender, to = wire.get("from_office"), wire.get("to_office")
    if not isinstance(sender, str) or not isinstance(to, str):
        raise _bad_manifest("from_office or to_office")
    if to != me.code or to != header["to"]:
        raise _refuse("not_addressed_here",
                      f"这个数据包是{_name(session, sender)}发给 {to} 的，不是发给本单位{me.name}（{me.code}）的。"
                      "什么也没有导入。", f"This bundle is addressed to {to}, not to {me.code}. Nothing was imported.")
    expected = direction_from(session, sender, me)
    if expected is None:
        raise _refuse("untrusted_signer",
                      f"数据包来自{_name(session, sender)}，它不是本单位的上级或直属下级单位，本单位不接收它的数据包。什么也没有导入。",
                      f"The bundle comes from {sender}, which is neither the parent nor a child office. "
                      "Nothing was imported.")
    if wire.get("direction") != expected:
        said = {"up": "上报（下级→上级）", "down": "下发（上级→下级）"}.get(str(wire.get("direction")), str(wire.get("direction")))
        raise _refuse("wrong_direction",
                      f"数据包标明为{said}，但{_name(session, sender)}发给本单位的数据包应为"
                      f"{'上报' if expected == 'up' else '下发'}。方向不符，已拒收。请确认文件来源。什么也没有导入。",
                      f"The bundle says direction {wire.get('direction')!r}; from {sender} it must be "
                      f"{expected!r}. Nothing was imported.")
    signer = _verify_signer(session, wire, signed, signature)
    parts = _unpack_parts(wire.get("parts"), blob)
    try:
        manifest = Manifest.from_json({k: v for k, v in wire.items() if k != "signer"})
    except (ValueError, KeyError, TypeError) as e:
        raise _bad_manifest(str(e)[:60]) from None
    if manifest.format_version > FORMAT_VERSION:
        raise _refuse("format_too_new", "这个数据包由较新版本的关爱软件生成，请先升级本软件再导入。什么也没有导入。",
                      "The bundle comes from a newer version of Guanai: upgrade first. Nothing was imported.")
    if manifest.schema_version not in known_revisions():
        raise _refuse("schema_too_new",
                      f"这个数据包的数据结构（{manifest.schema_version}）比本软件新，本软件读不懂。"
                      "请先把本软件升级到与对方相同或更新的版本，再导入。什么也没有导入。",
                      f"The bundle's schema ({manifest.schema_version}) is newer than this app: upgrade first. "
                      "Nothing was imported.")
    if manifest_bytes is None and any("/" in n and not n.startswith("attachments/") for n in parts):
        raise _bad_manifest("relayed parts in a format-1 bundle")
    return OpenedBundle(manifest, parts, hashlib.sha256(data).hexdigest(), signer, manifest_bytes,
                        signature if manifest_bytes is not None else None)


def apply_announcements(session: Session, actor: Actor, opened: OpenedBundle) -> None:
    """Trust the new keys announced (signed by a trusted old key) in an opened bundle.
    Called inside the import transaction; audited; a rotation already known changes nothing."""
    rotations = T.accepted_rotations(session, opened.manifest.from_office, opened.manifest.announcements,
                                     sequence=opened.manifest.sequence)
    T.apply_rotations(session, actor, rotations, sequence=opened.manifest.sequence)
