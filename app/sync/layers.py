"""Authorship that travels: every office signs its own records, and offices in between relay
them intact, so the receiver checks each change against the key of the office that made it.

A bundle's signed manifest (format 2, app/sync/envelope.py) names every part with its size
and SHA-256, and the signature covers the manifest alone. The manifest and the table parts
of a bundle are therefore a *layer*: one office's records as it signed them, checkable by
anybody who knows its key, whichever parts go along. Every office keeps the layers it
receives (`sync_layers`, `sync_layer_parts`) and relays them:

- up: a township's bundle to the county carries its villages' layers (all their parts);
- down: the county's bundle to a township has its records for each village in parts of their
  own (`v<village>/<table>.jsonl`), so the township relays to a village only that village's
  parts — never another village's people;
- everything (an office that lost its data): its own layers go back to it too.

A relayed layer travels as the part `relayed/<sha256 of its manifest>` (RELAY_MAGIC, the
manifest, the signature, an index of the parts carried, their bytes). The relaying office
vouches, in its own signed manifest, for the keys of the offices whose layers it relays —
only for its direct relations (its villages going up, its parent going down), each key with
the bundle number it stops at — so the county verifies a village it never exchanged
identities with, and a revoked key stays revoked two hops away.

What the merge believes of a layer (app/sync/merge.py): only what its author signed. A value
whose version vector names another office as its writer, or a record another office made,
is believed only from that office's own layer; until one arrives the record is held back
(`sync_held`) and listed, and nothing of it is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Office, OfficeKey, SyncLayer, SyncLayerPart
from app.sync import keys as K

RELAY_MAGIC = b"GNRELAY1"
RELAYED_PREFIX = "relayed/"
# Down partitions: v<village>/ (that village's records), all/ (every village's: county policy,
# the offices above), r<record id>/ (one shared record: see SHARED).
PARTITION = re.compile(r"^(?:v([0-9]{12})|all|r[0-9a-f]{32})/([a-z0-9_]{1,40})\.jsonl$")
RECORD_PART = re.compile(r"^r([0-9a-f]{32})/([a-z0-9_]{1,40})\.jsonl$")
# Records shared by villages that may come to concern a village after the county sent them (a
# responsible person paired later): one part each, relayed when a village needs it.
SHARED = ("assisting_units", "responsible_persons")
TABLE_PART = re.compile(r"^([a-z0-9_]{1,40})\.jsonl$")
LEVEL_BY_LENGTH = {6: "county", 9: "township", 12: "village"}
MAX_VOUCHES = 2000


class LayerRefused(Exception):
    """A relayed layer or a vouch that cannot be believed: the bundle is refused."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class Layer:
    """One office's records as it signed them (or the part of them relayed)."""

    sha256: str  # of the manifest bytes
    manifest: bytes
    signature: bytes
    wire: dict[str, Any]
    parts: dict[str, bytes]  # table parts carried, expanded

    @property
    def author(self) -> str:
        return str(self.wire.get("from_office"))

    @property
    def to_office(self) -> str:
        return str(self.wire.get("to_office"))

    @property
    def sequence(self) -> int:
        return int(self.wire.get("sequence") or 0)

    @property
    def direction(self) -> str:
        return str(self.wire.get("direction"))

    def tables(self) -> dict[str, list[bytes]]:
        """Table name → its parts' bytes (a down layer has one part per village and one of
        its own per table)."""
        out: dict[str, list[bytes]] = {}
        for name, data in sorted(self.parts.items()):
            table = table_of(name)
            if table:
                out.setdefault(table, []).append(data)
        return out


def table_of(part_name: str) -> str | None:
    m = TABLE_PART.match(part_name)
    if m is not None:
        return m.group(1)
    m = PARTITION.match(part_name)
    return m.group(2) if m is not None else None


def is_table_part(name: str) -> bool:
    return table_of(name) is not None and name != "acks.json"


def manifest_sha(manifest: bytes) -> str:
    return hashlib.sha256(manifest).hexdigest()


def own_layer(manifest: bytes, signature: bytes, wire: dict[str, Any], parts: dict[str, bytes]) -> Layer:
    """The sender's own layer of an opened format-2 bundle: its table parts."""
    return Layer(manifest_sha(manifest), manifest, signature, wire,
                 {n: d for n, d in parts.items() if is_table_part(n)})


# ---- relay parts ----------------------------------------------------------------------------

def pack_relay(manifest: bytes, signature: bytes, parts: dict[str, bytes]) -> bytes:
    index = json.dumps([[n, len(parts[n])] for n in sorted(parts)], separators=(",", ":")).encode()
    return b"".join([RELAY_MAGIC, struct.pack(">I", len(manifest)), manifest, signature,
                     struct.pack(">I", len(index)), index, *(parts[n] for n in sorted(parts))])


def _bad_relay(what: str) -> LayerRefused:
    return LayerRefused(f"数据包中转交的其他单位的数据格式不对（{what}），整个数据包未导入。请对方升级软件后重新导出。",
                        f"A relayed layer in the bundle is malformed ({what}); nothing was imported.")


def unpack_relay(name: str, data: bytes) -> Layer:
    """A relayed layer's structure, checked: the manifest's hash is the part's name, every
    part carried is one the manifest names, with its size and hash. Not yet its signature."""
    head = len(RELAY_MAGIC) + 4
    if len(data) < head + 64 + 4 or data[:len(RELAY_MAGIC)] != RELAY_MAGIC:
        raise _bad_relay("structure")
    (n,) = struct.unpack(">I", data[len(RELAY_MAGIC):head])
    if head + n + 64 + 4 > len(data):
        raise _bad_relay("manifest length")
    manifest = data[head:head + n]
    if RELAYED_PREFIX + manifest_sha(manifest) != name:
        raise _bad_relay("name")
    signature = data[head + n:head + n + 64]
    at = head + n + 64
    (m,) = struct.unpack(">I", data[at:at + 4])
    at += 4
    try:
        wire = json.loads(manifest.decode("utf-8"))
        index = json.loads(data[at:at + m].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad_relay("JSON") from None
    at += m
    if not isinstance(wire, dict) or not isinstance(wire.get("parts"), dict) or not isinstance(index, list):
        raise _bad_relay("manifest")
    parts: dict[str, bytes] = {}
    for entry in index:
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
                and isinstance(entry[1], int) and entry[1] >= 0):
            raise _bad_relay("index")
        part, size = entry
        declared = wire["parts"].get(part)
        if not is_table_part(part) or not isinstance(declared, dict) or declared.get("size") != size:
            raise _bad_relay(f"part {part[:60]!r}")
        body = data[at:at + size]
        at += size
        if len(body) != size or hashlib.sha256(body).hexdigest() != declared.get("sha256"):
            raise _bad_relay(f"part {part[:60]!r} hash")
        parts[part] = body
    if at != len(data):
        raise _bad_relay("trailing bytes")
    return Layer(manifest_sha(manifest), manifest, signature, wire, parts)


# ---- vouches: a relaying office's word for the keys of the offices it relays -----------------

def vouch_for(session: Session, code: str) -> dict[str, Any] | None:
    """This office's statement of another office's signing keys (every one it knows, each
    with the bundle number it stops at), or None when it trusts no key of it."""
    rows = list(session.scalars(select(OfficeKey).where(
        OfficeKey.office_code == code, OfficeKey.is_own.is_(False), OfficeKey.purpose == "sign")
        .order_by(OfficeKey.id)))
    if not rows:
        return None
    office = session.scalars(select(Office).where(Office.code == code)).first()
    return {"office": code, "parent": office.parent_code if office else None,
            "keys": [{"fingerprint": r.fingerprint, "public_key": K.b64(r.public_key), "until_seq": r.until_seq}
                     for r in rows]}


KeyMap = dict[str, tuple[bytes, int | None]]  # fingerprint → (public key, first bundle number it no longer signs)


def _child_of(code: str, parent: str) -> bool:
    return code.startswith(parent) and len(code) == len(parent) + 3


def vouched_keys(vouches: list[Any], *, sender: str, direction: str) -> dict[str, KeyMap]:
    """The keys the sender vouches for, by office — only for its direct relations in the
    bundle's direction (its villages in an up bundle, its parent in a down one)."""
    out: dict[str, KeyMap] = {}
    if len(vouches) > MAX_VOUCHES:
        raise _bad_relay("too many vouches")
    for v in vouches:
        try:
            office = str(v["office"])
            keys = v["keys"]
            assert isinstance(keys, list)
            parsed = {}
            for k in keys:
                pub = K.unb64(k["public_key"])
                until = k.get("until_seq")
                if len(pub) != 32 or not (until is None or isinstance(until, int) and not isinstance(until, bool)):
                    raise ValueError("key")
                parsed[str(k["fingerprint"])] = (pub, until)
        except (KeyError, TypeError, ValueError, AssertionError):
            raise _bad_relay("vouch") from None
        related = _child_of(office, sender) if direction == "up" else _child_of(sender, office)
        if not related:
            raise LayerRefused(
                f"数据包为单位 {office} 的密钥作保，但 {office} 不是发送单位 {sender} 的"
                f"{'直属下级' if direction == 'up' else '上级'}，它无权作保。已拒收，什么也没有导入。",
                f"The bundle vouches for the key of {office}, which is not a "
                f"{'direct child' if direction == 'up' else 'parent'} of the sender {sender}. Nothing was imported.")
        out[office] = parsed
    return out


def trusted_keymap(session: Session, code: str) -> KeyMap:
    """The keys of another office this office trusts itself."""
    return {r.fingerprint: (r.public_key, r.until_seq) for r in session.scalars(select(OfficeKey).where(
        OfficeKey.office_code == code, OfficeKey.is_own.is_(False), OfficeKey.purpose == "sign"))}


def own_keymap(session: Session, code: str) -> KeyMap:
    return {r.fingerprint: (r.public_key, None) for r in session.scalars(select(OfficeKey).where(
        OfficeKey.office_code == code, OfficeKey.is_own.is_(True), OfficeKey.purpose == "sign"))}


def verify_relayed(layer: Layer, *, relayer: str, me: str, direction: str, keys: KeyMap | None) -> None:
    """A relayed layer is believed when its author is the relaying office's direct relation
    in the bundle's direction (or this office itself, getting its own records back, or one
    of this office's relations whose layer was sealed for this office and kept elsewhere),
    it was sealed for the relaying office, signed by a key of its author valid for its
    number, and carries only the parts this office may see."""
    author = layer.author
    if layer.to_office == me and author != me and (_child_of(author, me) or _child_of(me, author)):
        # A layer once sealed for this office, sent back by another that kept it (this
        # office lost its data): checked against this office's own trust in its author.
        if layer.direction != ("up" if _child_of(author, me) else "down"):
            raise _bad_relay("direction")
        _verify_signature(layer, relayer, keys)
        return
    if layer.to_office != relayer:
        raise LayerRefused(f"数据包转交的 {author} 的数据原本是发给 {layer.to_office} 的，不是发给转交单位 {relayer} 的。"
                           "已拒收，什么也没有导入。",
                           f"A relayed layer of {author} was sealed for {layer.to_office}, not for the relaying "
                           f"office {relayer}. Nothing was imported.")
    if author == me:
        expected = "up" if _child_of(me, relayer) else "down"
    elif direction == "up" and _child_of(author, relayer):
        expected = "up"
    elif direction == "down" and _child_of(relayer, author):
        expected = "down"
    else:
        raise LayerRefused(f"{relayer} 转交了 {author} 的数据，但 {author} 不是它在这个方向上可以转交的单位。已拒收，什么也没有导入。",
                           f"{relayer} relays a layer of {author}, which it may not relay this way. "
                           "Nothing was imported.")
    if layer.direction != expected:
        raise _bad_relay("direction")
    _verify_signature(layer, relayer, keys)
    for name in layer.parts:
        m = PARTITION.match(name)
        if direction == "down" and author != me and (m is None or m.group(1) not in (me, None)):
            raise LayerRefused(f"{relayer} 转交的 {author} 的数据中有不属于本单位的部分（{name}）。已拒收，什么也没有导入。",
                               f"A relayed layer of {author} carries a part not for this office ({name}). "
                               "Nothing was imported.")


def _verify_signature(layer: Layer, relayer: str, keys: KeyMap | None) -> None:
    from app.sync.envelope import manifest_signed_bytes

    author = layer.author
    if not keys:
        raise LayerRefused(f"{relayer} 转交了 {author} 的数据，却没有为 {author} 的密钥作保，无法核实是谁写的。已拒收，什么也没有导入。",
                           f"{relayer} relays a layer of {author} without vouching for its key. Nothing was imported.")
    fp = str(layer.wire.get("signer"))
    key = keys.get(fp)
    verified = False
    if key is not None:
        try:
            Ed25519PublicKey.from_public_bytes(key[0]).verify(layer.signature, manifest_signed_bytes(layer.manifest))
            verified = True
        except InvalidSignature:
            verified = False
    if not verified:
        raise LayerRefused(f"{relayer} 转交的 {author} 第 {layer.sequence} 号数据的签名与 {author} 的密钥不符（可能被伪造或改动）。"
                           "已拒收，什么也没有导入。",
                           f"The relayed layer {layer.sequence} of {author} does not verify against {author}'s keys "
                           "(forged or altered). Nothing was imported.")
    until = key[1] if key else None
    if until is not None and layer.sequence >= until:
        raise LayerRefused(f"{relayer} 转交的 {author} 第 {layer.sequence} 号数据是用已停用的密钥签名的（该密钥只对第 {until} 号以前有效）。"
                           "已拒收，什么也没有导入。",
                           f"The relayed layer {layer.sequence} of {author} is signed by a key revoked from number "
                           f"{until}. Nothing was imported.")


# ---- keeping layers -------------------------------------------------------------------------

def keep(session: Session, layer: Layer, *, via: str) -> set[str]:
    """Keep a layer (to relay it on, and to try held records again); the names of the parts
    not kept before (all of them for a layer new here)."""
    if session.get(SyncLayer, layer.sha256) is not None:
        known = {n for (n,) in session.execute(select(SyncLayerPart.name).where(
            SyncLayerPart.layer_sha256 == layer.sha256))}
        fresh = set(layer.parts) - known
        # a relay may carry parts an earlier one had not (a shared record needed since)
        session.add_all(SyncLayerPart(layer_sha256=layer.sha256, name=name, data=zlib.compress(layer.parts[name], 1))
                        for name in sorted(fresh))
        return fresh
    session.add(SyncLayer(sha256=layer.sha256, author=layer.author, to_office=layer.to_office,
                          sequence=layer.sequence, via_office=via, manifest=layer.manifest,
                          signature=layer.signature, received_at=dt.datetime.now(dt.UTC)))
    session.add_all(SyncLayerPart(layer_sha256=layer.sha256, name=name, data=zlib.compress(data, 1))
                    for name, data in layer.parts.items())
    return set(layer.parts)


def load(session: Session, sha: str, names: set[str] | None = None) -> Layer | None:
    row = session.get(SyncLayer, sha)
    if row is None:
        return None
    q = select(SyncLayerPart).where(SyncLayerPart.layer_sha256 == sha)
    parts = {p.name: zlib.decompress(p.data) for p in session.scalars(q) if names is None or p.name in names}
    return Layer(row.sha256, row.manifest, row.signature, json.loads(row.manifest), parts)


def to_relay(session: Session, *, me: str, peer: str, direction: str, everything: bool) -> list[tuple[str, set[str] | None]]:
    """The kept layers to relay to `peer` (sha, the part names to carry or None for all):
    up, the layers of this office's own children; down, its parent's layers with parts for
    `peer`; with everything, also `peer`'s own layers back to it."""
    addressed = [me, peer] if everything else [me]
    rows = list(session.execute(select(SyncLayer.sha256, SyncLayer.author, SyncLayer.to_office)
                                .where(SyncLayer.to_office.in_(addressed))
                                .order_by(SyncLayer.author, SyncLayer.sequence)))
    out: list[tuple[str, set[str] | None]] = []
    for sha, author, to_office in rows:
        if everything and (author == peer or to_office == peer):  # what it had, back to it
            out.append((sha, None))
        elif to_office != me:
            continue
        elif direction == "up" and _child_of(author, me) and author != peer:
            out.append((sha, None))
        elif direction == "down" and _child_of(me, author):
            names = {n for (n,) in session.execute(select(SyncLayerPart.name).where(
                SyncLayerPart.layer_sha256 == sha,
                SyncLayerPart.name.like(f"v{peer}/%") | SyncLayerPart.name.like("all/%")
                | SyncLayerPart.name.like("r%")))}
            needed = shared_in_scope(session, peer) if any(RECORD_PART.match(n) for n in names) else set()
            names = {n for n in names if not (m := RECORD_PART.match(n)) or m.group(1) in needed}
            if names:
                out.append((sha, names))
    return out


def relay_sources(session: Session, *, me: str, peer: str, direction: str) -> frozenset[str]:
    """The offices whose layers this office relays to `peer` (its villages going up, its
    parent going down), among those it keeps layers of: versions exactly as they sent them
    travel in their layers, not again in this office's own."""
    authors = set(session.execute(select(SyncLayer.author).where(SyncLayer.to_office == me).distinct()).scalars())
    if direction == "up":
        return frozenset(a for a in authors if _child_of(a, me) and a != peer)
    return frozenset(a for a in authors if _child_of(me, a))


def shared_in_scope(session: Session, peer: str) -> set[str]:
    """The shared records (SHARED) that concern `peer` now, as part keys (ids without dashes)."""
    from sqlalchemy import text

    from app.sync.scope import down_scope

    out: set[str] = set()
    for table in SHARED:
        sql = f"SELECT t.id FROM {table} t WHERE {down_scope(table)}"
        out.update(i.replace("-", "") for i in session.execute(text(sql), {"prefix": peer + "%", "peer": peer}).scalars())
    return out


def part_key(sha: str, name: str) -> str:
    """What tracks one relayed part of a layer (sent to a peer once, like a file)."""
    return hashlib.sha256(f"{sha}/{name}".encode()).hexdigest()


def files_named(session: Session, sha: str, names: set[str] | None) -> set[str]:
    """The attachment files the records of a kept layer's parts name (they travel beside it)."""
    if names is None:
        names = set(session.execute(select(SyncLayerPart.name).where(SyncLayerPart.layer_sha256 == sha)).scalars())
    layer = load(session, sha, {n for n in names if table_of(n) in FILE_TABLES})
    if layer is None:
        return set()
    out: set[str] = set()
    for table, datas in layer.tables().items():
        if table not in FILE_TABLES:
            continue
        for data in datas:
            for line in data.splitlines():
                if line.strip():
                    rec = json.loads(line)
                    sha256 = rec.get("sha256") if table == "attachments" and not rec.get("deleted") else rec.get("scan_sha256")
                    if sha256:
                        out.add(sha256)
    return out


FILE_TABLES = ("attachments", "agreements")


def relay_part(session: Session, sha: str, names: set[str] | None) -> tuple[str, bytes, str]:
    """(part name, bytes, author) of a kept layer packed for relaying."""
    layer = load(session, sha, names)
    assert layer is not None
    return RELAYED_PREFIX + sha, pack_relay(layer.manifest, layer.signature, layer.parts), layer.author
