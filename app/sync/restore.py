"""What a restored database takes over from the one it replaced, so that sync never goes
backwards (`guanai restore`, app/care/maintenance.py).

A backup is older than the database it replaces. What that database did after the backup was
made is gone with it, except what it told other offices, and they remember: the bundle numbers
it used (a different file under a used number is refused as an equivocation, app/sync/exchange.py
`_fork`), the clock stamps of its edits (an edit stamped earlier loses to them, field by field)
and, inside its own bundles, nothing else that matters here. So, when the replaced database can
be read and belongs to the same office, the restored one carries forward:

- per office it sends to: the last bundle number and that file's hash (the next bundle is k+2
  naming k+1), the highest number acknowledged, and the log rows of the bundles sent after the
  backup. Those rows are kept so the other office's acknowledgements and "missing" lists name
  bundles this database knows (gap reports, `--resend`), but with an EMPTY coverage: the change-
  log positions they carried are the replaced database's, and here the same positions hold other
  records (or none). Counting them as delivered could skip a record this database must still
  send; counting them as nothing only ever sends a record again, which the merge takes as
  unchanged. Their change-log position is this database's own last export's, so the next bundle
  carries everything this database has not itself sent (a few records again, at most).
- the office clock: the later of the two, so edits made after the restore are later than every
  edit the replaced database sent.
- the change-log position: the restored log's last record is moved to the replaced log's top
  position, so new changes are numbered above anything the replaced database logged. Moving the
  last record up keeps every invariant of the log (one row per record, a write moves it past all
  others, the positions of the other records unchanged); it only makes the next bundle carry that
  one record again, or counts it inside a carried-forward bundle that carried it or a newer version.
- the keys: a key pair this office made after the backup (the other offices retired the old one
  and seal to the new one), keys of other offices trusted or retired since, and the rotation
  announcements that ride in every bundle.

Not carried: what came in. The bundles the replaced database imported after the backup are not
in this one, so their log rows, the highest number received and the attachment files received
stay as the backup has them: this database's next acknowledgements then name them missing (once
it has imported a later one) and the other office packs their records again.

When the replaced database cannot be read (the disk failed), is absent or has no office, what it
sent is unknown. Its numbers are then set aside: per office, the next RESERVED numbers are logged
as sent, carrying nothing, and the next bundle follows them without naming a predecessor. Those
placeholders are unacknowledged bundles whose records all travel in the next bundle (there are
none), so it lists them as "resent" and the other office does not wait for them; a real bundle
of the replaced database under one of those numbers, still on its way, is imported normally.
Numbers beyond them that the other office has imported are skipped when its next bundle's
acknowledgements arrive (exchange.py `_take_acks`), hence the advice to import first.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.care.context import CLOCK_KEY, OFFICE_KEY, get_setting, put_setting
from app.care.hlc import Stamp
from app.models import Office, OfficeKey, SyncBlob, SyncBundle, SyncPeer
from app.models.codes import counts_text
from app.protection.at_rest import connect, db_errors, office_key, row_class

ANNOUNCEMENTS = "key_announcements"  # app.sync.trust.ANNOUNCEMENTS_SETTING
RESERVED = 10  # numbers set aside per office when the replaced database cannot be read
CARRIED = "carried forward at restore from the replaced database; its change-log positions are not this one's"
RESERVED_NOTE = "set aside at restore: the replaced database could not be read and may have used this number"


@dataclass(frozen=True)
class PeerCarry:
    office_code: str
    name: str
    sent_after_backup: list[int]  # bundles the replaced database sent that the backup did not know
    next_sequence: int
    skipped: list[int] = field(default_factory=list)  # numbers set aside (replaced database unreadable)
    records_sent: dict[str, int] = field(default_factory=dict)  # what those bundles carried, by table

    def to_json(self) -> dict[str, Any]:
        return {"office_code": self.office_code, "sent_after_backup": self.sent_after_backup,
                "next_sequence": self.next_sequence, "skipped": self.skipped,
                "records_sent_after_backup": self.records_sent}


@dataclass(frozen=True)
class SyncCarry:
    replaced_readable: bool  # the replaced database was read and is this office's
    peers: list[PeerCarry] = field(default_factory=list)
    clock_carried: bool = False  # the replaced database's clock was ahead and was taken over
    change_log_from: int | None = None  # new changes are numbered above this (when moved up)
    received_after_backup: bool = False  # the replaced database had imported bundles this one has not
    own_key_carried: bool = False  # this office changed its key after the backup: the new one is taken over

    def to_json(self) -> dict[str, Any]:
        return {"replaced_readable": self.replaced_readable, "peers": [p.to_json() for p in self.peers],
                "clock_carried_forward": self.clock_carried,
                "change_log_carried_forward": self.change_log_from is not None,
                "own_key_carried_forward": self.own_key_carried}

    def notes(self) -> list[tuple[str, str]]:
        """What the director should know, (Chinese, English) per line."""
        return _notes(self)


# ---- reading the replaced database -----------------------------------------------------------

@dataclass
class _Replaced:
    peers: dict[str, dict[str, Any]]
    sent: list[dict[str, Any]]  # its outgoing bundle log
    blobs: list[tuple[str, str, int]]
    log_top: int
    clock: str | None
    keys: list[dict[str, Any]] = field(default_factory=list)
    announcements: str | None = None


def _read(path: Path, office: str, key: bytes | None = None) -> _Replaced | None:
    """The replaced database's sync state, or None when it is not a readable database of
    `office` (read with the office key `key` when it is encrypted)."""
    try:
        with closing(connect(path, key, readonly=True)) as db:
            db.row_factory = row_class(db)
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "local_settings" not in tables:
                return None
            settings = dict(db.execute("SELECT key, value FROM local_settings").fetchall())
            if settings.get(OFFICE_KEY) != office:
                return None
            out = _Replaced({}, [], [], 0, settings.get(CLOCK_KEY), announcements=settings.get(ANNOUNCEMENTS))
            if "office_keys" in tables:
                out.keys = [dict(r) for r in db.execute("SELECT * FROM office_keys ORDER BY id")]
            if "sync_peers" in tables:  # absent before sync existed (schema 0006): nothing sent
                out.peers = {r["office_code"]: dict(r) for r in db.execute("SELECT * FROM sync_peers")}
                out.sent = [dict(r) for r in db.execute(
                    "SELECT * FROM sync_bundles WHERE way = 'out' AND from_office = ? AND result = 'exported'",
                    (office,))]
                out.blobs = [tuple(r) for r in db.execute("SELECT office_code, sha256, sequence FROM sync_blobs")]
                out.log_top = db.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0]
            return out
    except db_errors():
        return None


def _when(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)  # stored as naive UTC


# ---- carrying forward ------------------------------------------------------------------------

def carry_forward(engine: Engine, replaced: Path | None) -> SyncCarry:
    """Bring the restored database (`engine`, already in place) level with the replaced one
    saved at `replaced`; or, when that cannot be read, set aside the numbers it may have used."""
    with Session(engine) as s, s.begin():
        office = get_setting(s, OFFICE_KEY)
        if office is None:
            return SyncCarry(replaced_readable=False)
        old = _read(replaced, office, office_key(engine)) if replaced is not None else None
        if old is None:
            return SyncCarry(False, _set_aside(s, office))
        peers = [_peer_forward(s, office, code, row, old) for code, row in sorted(old.peers.items())]
        _blobs_forward(s, old.blobs)
        clock_carried = _clock_forward(s, old.clock)
        log_from = _log_forward(s, old.log_top)
        behind = any((row.get("max_seq_in") or 0) > _max_in(s, code) for code, row in old.peers.items())
        own_key = _keys_forward(s, office, old)
        return SyncCarry(True, [p for p in peers if p is not None], clock_carried, log_from, behind, own_key)


def _max_in(session: Session, code: str) -> int:
    peer = session.get(SyncPeer, code)
    return (peer.max_seq_in or 0) if peer is not None else 0


def _name(session: Session, code: str) -> str:
    return session.scalar(select(Office.name).where(Office.code == code)) or code


def _own_sent(session: Session, office: str, peer: str) -> list[SyncBundle]:
    return list(session.scalars(select(SyncBundle).where(
        SyncBundle.way == "out", SyncBundle.from_office == office, SyncBundle.to_office == peer,
        SyncBundle.result == "exported")))


def _last_position(sent: list[SyncBundle]) -> int:
    """This database's own last export's change-log position (-1: none, everything goes next)."""
    return max((b.change_seq if b.change_seq is not None else 0 for b in sent), default=-1)


def _peer_forward(session: Session, office: str, code: str, row: dict[str, Any],
                  old: _Replaced) -> PeerCarry | None:
    peer = session.get(SyncPeer, code)
    if peer is None:
        peer = SyncPeer(office_code=code, last_seq_out=0, acked_seq_out=0, max_seq_in=0)
        session.add(peer)
    mine = _own_sent(session, office, code)
    by_number = {b.sequence: b for b in mine}
    position = _last_position(mine)
    last = peer.last_seq_out or 0
    copied = []
    carried: dict[str, int] = {}
    for b in sorted((b for b in old.sent if b["to_office"] == code), key=lambda b: b["sequence"]):
        same = by_number.get(b["sequence"])
        if same is not None:
            if same.sha256 == b["sha256"]:  # the same file: its acknowledgement came later there
                same.acked_at = _when(b.get("acked_at"))
            continue
        if b["sequence"] <= last:
            continue  # not ours to judge: a number this database used for another file
        session.add(SyncBundle(
            bundle_id=b["bundle_id"], way="out", from_office=office, to_office=code, direction=b["direction"],
            sequence=b["sequence"], sha256=b["sha256"], previous_sha256=b.get("previous_sha256"),
            created_at=b.get("created_at"), at=_when(b["at"]), result="exported", reason=CARRIED,
            counts_json=b.get("counts_json") or "{}", change_seq=position, covers_json="[]",
            acked_at=_when(b.get("acked_at")), equivocation=bool(b.get("equivocation")),
            file_name=b.get("file_name")))
        copied.append(b["sequence"])
        for table, n in json.loads(b.get("counts_json") or "{}").items():
            carried[table] = carried.get(table, 0) + int(n)
    if (row.get("last_seq_out") or 0) > last:
        peer.last_seq_out, peer.last_sha256_out = row["last_seq_out"], row.get("last_sha256_out")
    peer.acked_seq_out = max(peer.acked_seq_out or 0, row.get("acked_seq_out") or 0)
    # acked_change_seq stays this database's own: the replaced one's is a position of its log.
    # max_seq_in stays too: what came in after the backup is not here, and must be asked for again.
    if not copied and peer.last_seq_out == last:
        return None
    peer.updated_at = dt.datetime.now(dt.UTC)
    return PeerCarry(code, _name(session, code), copied, peer.last_seq_out + 1, records_sent=carried)


def _blobs_forward(session: Session, rows: list[tuple[str, str, int]]) -> None:
    """Which attachment files each office has: it still has them, whatever became of us."""
    for code, sha, sequence in rows:
        known = session.get(SyncBlob, (code, sha))
        if known is None:
            session.add(SyncBlob(office_code=code, sha256=sha, sequence=sequence))
        elif sequence == 0:
            known.sequence = 0


def _keys_forward(session: Session, office: str, old: _Replaced) -> bool:
    """Keys never go back either: a key pair this office made after the backup (`guanai keys
    rotate`) is the one the other offices now seal bundles to and expect signatures from (the
    old one they retired), and a key trusted or retired here since stays so. Rows this
    database lacks are added after its own, so the newest own key is the current one; a
    retirement is kept (the earlier of the two). The rotation's announcement goes on riding in
    every bundle. True when this office's own key changed."""
    mine = {(k.office_code, k.purpose, bytes(k.public_key)): k for k in session.scalars(select(OfficeKey))}
    own_changed = False
    for row in old.keys:
        known = mine.get((row["office_code"], row["purpose"], bytes(row["public_key"])))
        retired = _when(row.get("revoked_at"))
        if known is None:
            session.add(OfficeKey(
                office_code=row["office_code"], purpose=row["purpose"], algorithm=row["algorithm"],
                public_key=bytes(row["public_key"]),
                private_key=bytes(row["private_key"]) if row.get("private_key") is not None else None,
                fingerprint=row["fingerprint"], is_own=bool(row["is_own"]), trusted_at=_when(row["trusted_at"]),
                revoked_at=retired, valid_from=_day(row.get("valid_from"))))
            own_changed = own_changed or (bool(row["is_own"]) and row["office_code"] == office)
        elif retired is not None and (known.revoked_at is None or retired < known.revoked_at):
            known.revoked_at = retired
    if old.announcements:
        theirs = json.loads(old.announcements)
        ours = json.loads(get_setting(session, ANNOUNCEMENTS) or "[]")
        have = {a.get("new_fingerprint") for a in ours}
        merged = ours + [a for a in theirs if a.get("new_fingerprint") not in have]
        if len(merged) > len(ours):
            put_setting(session, ANNOUNCEMENTS, json.dumps(sorted(merged, key=lambda a: str(a.get("at")))))
    session.flush()
    return own_changed


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _clock_forward(session: Session, replaced: str | None) -> bool:
    mine = get_setting(session, CLOCK_KEY)
    if replaced is None or (mine is not None and Stamp.decode(mine) >= Stamp.decode(replaced)):
        return False
    put_setting(session, CLOCK_KEY, replaced)
    return True


def _log_forward(session: Session, replaced_top: int) -> int | None:
    conn = session.connection()
    top = conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_changes")).scalar() or 0
    if replaced_top <= top:
        return None
    if top:
        conn.execute(text("UPDATE sync_changes SET seq = :to WHERE seq = :top"), {"to": replaced_top, "top": top})
    else:  # an empty log: this office's own record stands at the top
        office = get_setting(session, OFFICE_KEY)
        conn.execute(text("INSERT INTO sync_changes (seq, table_name, record_id, via_office) "
                          "SELECT :to, 'offices', id, NULL FROM offices WHERE code = :code"),
                     {"to": replaced_top, "code": office})
    return replaced_top


def _set_aside(session: Session, office: str) -> list[PeerCarry]:
    me = session.scalars(select(Office).where(Office.code == office)).one_or_none()
    codes = set(session.scalars(select(SyncPeer.office_code)))
    trusted = text("SELECT DISTINCT k.office_code FROM office_keys k JOIN offices o ON o.code = k.office_code "
                   "WHERE k.is_own = 0 AND k.revoked_at IS NULL AND (o.code = :parent OR o.parent_code = :me)")
    codes |= set(session.connection().execute(
        trusted, {"parent": me.parent_code if me else None, "me": office}).scalars())
    out = []
    now = dt.datetime.now(dt.UTC)
    for code in sorted(codes - {office}):
        peer = session.get(SyncPeer, code)
        if peer is None:
            peer = SyncPeer(office_code=code, last_seq_out=0, acked_seq_out=0, max_seq_in=0)
            session.add(peer)
        last = peer.last_seq_out or 0
        position = _last_position(_own_sent(session, office, code))
        direction = "up" if me is not None and code == me.parent_code else "down"
        skipped = list(range(last + 1, last + RESERVED + 1))
        for n in skipped:
            session.add(SyncBundle(
                bundle_id=str(uuid.uuid4()), way="out", from_office=office, to_office=code, direction=direction,
                sequence=n, sha256="", previous_sha256=None, created_at=None, at=now, result="exported",
                reason=RESERVED_NOTE, counts_json="{}", change_seq=position, covers_json="[]",
                equivocation=False, file_name=None))
        peer.last_seq_out, peer.last_sha256_out, peer.updated_at = skipped[-1], None, now
        out.append(PeerCarry(code, _name(session, code), [], skipped[-1] + 1, skipped))
    return out


# ---- telling the director --------------------------------------------------------------------

def _numbers(ns: list[int]) -> tuple[str, str]:
    if len(ns) == 1:
        return f"第 {ns[0]} 号", f"number {ns[0]}"
    return f"第 {ns[0]}–{ns[-1]} 号", f"numbers {ns[0]}–{ns[-1]}"


def _notes(c: SyncCarry) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    if c.replaced_readable:
        for p in c.peers:
            if p.sent_after_backup and p.records_sent:  # an empty bundle left nothing behind
                zh, en = _numbers(p.sent_after_backup)
                n = len(p.sent_after_backup)
                notes.append((
                    f"做这份备份之后，原数据库又给{p.name}（{p.office_code}）发出过 {n} 个数据包（{zh}），"
                    f"带去了{counts_text(p.records_sent)}。对方导入后，这些记录就在对方那里，但不会自动发回"
                    "本单位，恢复的数据库里没有它们。请不要重新录入（会在对方那里成为重复登记），而是请对方"
                    "用“全部重发”给本单位导出一个数据包（数据交换页勾选“全部重发”，或 guanai bundle export "
                    "--to 本单位代码 --everything），导入后这些记录就回来了。",
                    f"After this backup was made, the replaced database sent {n} bundle(s) to {p.office_code} "
                    f"({en}), carrying {counts_text(p.records_sent, 'en')}. Once imported there, those records "
                    "are at that office, but it does not send them back by itself, and the restored database "
                    "does not have them. Do not enter them again (they would be registered twice there): ask "
                    "that office to export everything to this one (the exchange page's \"everything\" box, "
                    "or guanai bundle export --to THIS-OFFICE --everything) and import that bundle here."))
        if c.peers:
            zh = "；".join(f"发给{p.name}的下一个是第 {p.next_sequence} 号" for p in c.peers)
            en = "; ".join(f"to {p.office_code} the next is number {p.next_sequence}" for p in c.peers)
            notes.append((f"数据包编号已接着原数据库发出的编号往下排（{zh}），对方不会把新数据包当作重复编号拒收。",
                          f"Bundle numbering carries on from the replaced database's ({en}); the next bundles "
                          "will not be refused as repeated numbers."))
        if c.own_key_carried:
            notes.append(("本单位在做这份备份之后更换过密钥，已改用新密钥（其他单位认的是新密钥），数据包照常收发。",
                          "This office changed its keys after this backup was made: the new keys, which the "
                          "other offices know, are in use again; bundles go and come as usual."))
        if c.clock_carried:
            notes.append(("本单位的时钟已接续原数据库的时钟，恢复后的修改在其他单位仍算最新的修改。",
                          "The office clock carries on from the replaced database's: edits made now "
                          "count as the latest everywhere."))
        if not c.peers:
            notes.append(("做这份备份之后原数据库没有再发出数据包，同步编号不受影响。",
                          "The replaced database sent no bundle after this backup: sync numbering is unaffected."))
    else:
        for p in c.peers:
            zh, en = _numbers(p.skipped)
            notes.append((
                f"原数据库无法读取（或不存在），不知道备份之后它又给{p.name}（{p.office_code}）发出过几个数据包。"
                f"为免重号，{zh}已跳过，下一个数据包是第 {p.next_sequence} 号；对方不会等待跳过的编号。",
                f"The replaced database could not be read (or is gone): how many bundles it sent to "
                f"{p.office_code} after the backup is unknown. To avoid repeating a number, {en} are set "
                f"aside; the next bundle is number {p.next_sequence}, and that office will not wait for them."))
        if c.peers:
            notes.append((
                "导出之前，请先导入各单位最新的数据包：其中的确认会让编号接到对方已收到的编号之后。"
                f"若备份之后发出过超过 {RESERVED} 个数据包，不先导入，对方可能把新数据包当作重复编号拒收。"
                "备份之后发出、还在路上的数据包（如 U 盘上的）照常交对方导入；要取回本单位丢失的记录，"
                "请对方用“全部重发”（--everything）给本单位导出一个数据包。"
                "若这台电脑的日期时间不准，请先校正再录入。",
                "Before exporting, import the latest bundle from each office: its acknowledgements move the "
                f"numbering past what it has received. If more than {RESERVED} bundles were sent after the "
                "backup, exporting first may get the new bundle refused as a repeated number. Bundles sent "
                "after the backup and still on their way (on a USB stick) can be imported there as usual; "
                "to get this office's lost records back, ask each office to export everything to it "
                "(--everything). Correct this laptop's date and time "
                "first if it is wrong."))
    if c.received_after_backup or (c.peers and not c.replaced_readable):
        notes.append((
            "备份之后从其他单位收到的数据也不在恢复的数据库里：先导入对方最新的数据包，本单位下次发给对方的"
            "数据包会列出缺少的编号，对方随后补发。",
            "What came from other offices after the backup is not in the restored database either: import "
            "their latest bundle first; the next bundle sent to them lists what is missing, and they send "
            "it again."))
    return notes


__all__ = ["RESERVED", "PeerCarry", "SyncCarry", "carry_forward"]
