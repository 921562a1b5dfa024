"""Exporting a bundle for another office and importing the bundles it sent (issue 5, points
3, 4 and 6). The envelope (app/sync/envelope.py) signs, encrypts and checks the container;
here is what goes in (app/sync/changes.py), how it merges (app/sync/merge.py), and the
bookkeeping around it: sequence numbers per recipient, the bundle log, acknowledgements,
replays, equivocations and gaps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.care import writes
from app.care.attachments import put_blob, store_dir_for
from app.care.context import actor_for, this_office
from app.care.errors import ServiceError
from app.care.intake import write_lock
from app.db import analyze
from app.files import PRIVATE, atomic_write, sync
from app.models import SyncBlob, SyncBundle, SyncPeer
from app.protection.at_rest import office_key
from app.sync import changes, coverage, layers
from app.sync.conflicts import report_duplicates
from app.sync.merge import LayerData, merge_layers, parse_part
from app.sync.records import BadRecord
from app.sync.restore import CARRIED

# How far past the last bundle received from an office the next one's number may be (a
# number far ahead would take every number below it out of use: see _fork).
MAX_SEQUENCE_JUMP = 1000

# SyncBundle.reason of a bundle exported with everything (see export_bundle).
EVERYTHING = "everything: every record of the office's scope, those that came from it included"


@dataclass(frozen=True)
class BundleExport:
    path: Path
    to_office: str
    bundle_id: str
    sequence: int
    counts: dict[str, int]
    empty: bool
    resend: bool = False  # packed everything the office has not acknowledged
    repacked: list[int] = field(default_factory=list)  # our earlier bundles it never received, packed again
    # Bundles it never received whose records this database cannot pack again: sent before a
    # restore from the database that was replaced (app.sync.restore), which alone holds them.
    unrecoverable: list[int] = field(default_factory=list)
    everything: bool = False  # every record in its scope, also what came from it (it lost its data)

    def to_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "to": self.to_office, "bundle_id": self.bundle_id,
                "sequence": self.sequence, "counts": self.counts, "empty": self.empty,
                "resend": self.resend, "repacked": self.repacked, "unrecoverable": self.unrecoverable,
                "everything": self.everything}


@dataclass(frozen=True)
class ImportResult:
    file: str
    accepted: bool
    reason: str | None
    from_office: str | None
    sequence: int | None
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    already_imported: bool = False
    gaps: list[int] = field(default_factory=list)
    duplicates: int = 0
    code: str | None = None  # why a bundle was refused (BundleRefused.code, "equivocation", …)
    bundle_id: str | None = None
    reason_en: str | None = None
    # Records not taken in (a value or a record whose claimed author did not sign it, or one
    # referring to a record not here): {"table", "id", "office", "claimed", "reason", "detail"}
    held: list[dict[str, str]] = field(default_factory=list)
    released: int = 0  # records held by earlier bundles taken in now

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["from"] = d.pop("from_office")
        return d


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _peer(session: Session, code: str) -> SyncPeer:
    peer = session.get(SyncPeer, code)
    if peer is None:
        peer = SyncPeer(office_code=code, last_seq_out=0, acked_seq_out=0, max_seq_in=0)
        session.add(peer)
    return peer


# ---- export ----------------------------------------------------------------------------------

def export_bundle(engine: Engine, *, to_office: str, out: Path, resend: bool = False,
                  everything: bool = False) -> BundleExport:
    """What `to_office` has not been sent yet, and again what it reported never receiving,
    signed and encrypted for it, written to `out` (a temporary file renamed into place once
    the bundle log is committed). `resend`: everything it has not acknowledged, for when a
    file was lost and nothing has come back yet. `everything`: every record in its scope,
    those that came from it included, with their files — for an office that lost its data
    (a disk died, a backup restored, a new laptop) to get back what this office holds."""
    from app.sync import envelope
    from app.sync.trust import relation_of

    out = Path(out)
    store = store_dir_for(engine)
    # Only once the bundle log is committed does the file appear under its name (the session's
    # block ends inside atomic_write's); an error anywhere removes it. (Were the rename to
    # fail, the addressee sees a gap in the sequence; a file left behind unrecorded would
    # instead be an equivocation once the next export reused its number.)
    with atomic_write(out, mode=PRIVATE) as bundle_file:  # noqa: SIM117 (renamed after the commit)
        with Session(engine) as s, s.begin():
            me = this_office(s)
            relation = relation_of(s, to_office)
            if relation not in ("parent", "child"):
                raise envelope.BundleRefused(
                    "not_related", f"只能给本单位的上级或直属下级单位导出数据包，{to_office} 不是。",
                    f"Bundles go only to the parent office or a direct child office, not {to_office}.")
            direction = "up" if relation == "parent" else "down"
            peer = _peer(s, to_office)
            conn = s.connection()
            top = conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_changes")).scalar() or 0
            plan = _plan(s, me.code, peer, top, resend=resend, everything=everything)
            everything = plan.everything  # also when an earlier such bundle was lost
            relayed_from = layers.relay_sources(s, me=me.code, peer=to_office, direction=direction)
            sel = changes.select_changes(conn, peer=to_office, direction=direction, ranges=plan.ranges,
                                         echo=everything, relayed_from=relayed_from)
            relayed, vouches, relay_keys, relayed_files = _relays(s, me.code, to_office, direction, plan.arrived,
                                                                  everything)
            # the files the records name, this office's and the relayed layers' alike
            wanted_files = sorted(set(changes.referenced_blobs(sel)) | relayed_files)
            sel.blobs = changes.blobs_to_send(conn, store, to_office, plan.arrived, wanted_files, echo=everything)
            tables = changes.partition_parts(conn, sel, peer=to_office, direction=direction, ranges=plan.ranges,
                                             echo=everything)
            parts = changes.build_parts(sel, changes.acks_for(conn, to_office, plan.resent), store, tables,
                                        key=office_key(engine))
            parts.update(relayed)
            counts = dict(sel.counts)
            if relayed:
                counts[RELAYED_COUNT] = len(relayed)
            sequence = peer.last_seq_out + 1
            data, manifest = envelope.seal(s, to_office=to_office, sequence=sequence,
                                           previous_sha256=peer.last_sha256_out, parts=parts, counts=counts,
                                           vouches=vouches)
            sha = hashlib.sha256(data).hexdigest()
            bundle_file.write(data)
            sync(bundle_file)  # on the disk before the log says it was sent (a full disk is found here)
            s.add(SyncBundle(bundle_id=manifest.bundle_id, way="out", from_office=me.code, to_office=to_office,
                             direction=direction, sequence=sequence, sha256=sha,
                             previous_sha256=peer.last_sha256_out, created_at=manifest.created_at, at=_now(),
                             result="exported", reason=EVERYTHING if everything else None,
                             counts_json=json.dumps(counts), change_seq=top,
                             covers_json=coverage.dumps(plan.ranges), equivocation=False, file_name=out.name))
            peer.last_seq_out, peer.last_sha256_out, peer.updated_at = sequence, sha, _now()
            for h in [*sel.blobs, *relay_keys]:
                row = s.get(SyncBlob, (to_office, h))
                if row is None:
                    s.add(SyncBlob(office_code=to_office, sha256=h, sequence=sequence))
                elif row.sequence:
                    row.sequence = sequence
            writes.audit(s, actor_for(s), "export", "*", manifest.bundle_id,
                         {"bundle": [None, {"to": to_office, "sequence": sequence, "sha256": sha,
                                            "counts": counts, "resend": resend, "everything": everything,
                                            "repacked": plan.repacked}]})
    return BundleExport(out, to_office, manifest.bundle_id, sequence, counts, sel.empty and not relayed, resend,
                        plan.repacked, plan.unrecoverable, everything)


# In a bundle's counts: how many kept layers of other offices it relays.
RELAYED_COUNT = "relayed_layers"


def _relays(session: Session, me: str, peer: str, direction: str, arrived: set[int],
            everything: bool) -> tuple[dict[str, bytes], list[dict[str, Any]], list[str], set[str]]:
    """The kept layers of other offices this bundle relays — what the peer has not had from us
    in a bundle that arrived or is on its way: a whole layer going up, a layer's parts for it
    going down (each part tracked, so a shared record needed later still goes) — this
    office's word for their authors' keys, and the tracking keys of what is sent."""
    wanted = layers.to_relay(session, me=me, peer=peer, direction=direction, everything=everything)
    keys: dict[str, tuple[str, str | None]] = {}  # tracking key -> (layer, part or None)
    for sha, names in wanted:
        if names is None:
            keys[sha] = (sha, None)
        else:
            keys.update((layers.part_key(sha, n), (sha, n)) for n in names)
    send = changes.not_at_peer(session.connection(), peer, arrived, list(keys), echo=everything)
    chosen: dict[str, set[str] | None] = {}
    for key in send:
        sha, name = keys[key]
        if name is None:
            chosen[sha] = None
        else:
            part_names = chosen.setdefault(sha, set())
            assert part_names is not None
            part_names.add(name)
    parts: dict[str, bytes] = {}
    authors: set[str] = set()
    files: set[str] = set()
    for sha, names in chosen.items():
        name, data, author = layers.relay_part(session, sha, names)
        parts[name] = data
        authors.add(author)
        files |= layers.files_named(session, sha, names)
    vouches = [v for a in sorted(authors - {peer}) if (v := layers.vouch_for(session, a)) is not None]
    return parts, vouches, send, files


@dataclass(frozen=True)
class _BundlePlan:
    ranges: coverage.Ranges  # change-log positions whose records go in this bundle
    arrived: set[int]  # our bundles whose files the peer has or will have
    repacked: list[int]  # our bundles it never received whose records go again
    resent: list[int]  # our unacknowledged bundles whose records (if any) all go in this one
    unrecoverable: list[int] = field(default_factory=list)  # lost, and their records not here
    everything: bool = False  # every record of the peer's scope, what came from it included


@dataclass(frozen=True)
class _Standing:
    """Our bundles to one office: what each carried, and which it acknowledged (imported),
    lost (it imported a later one but not this: its acknowledgements name it missing), or
    has on their way (later than anything it has acknowledged)."""

    covers: dict[int, coverage.Ranges]
    last: int  # the change-log position of the last export (EVERYTHING before the first)
    acked: set[int]
    lost: set[int]
    travelling: set[int]
    # Carried forward at a restore from the replaced database, with records: their change-log
    # positions are not this database's, so no bundle of this one can stand in for them.
    elsewhere: set[int] = field(default_factory=set)
    # Sent with everything (an office that lost its data): only another such bundle stands in.
    everything: set[int] = field(default_factory=set)

    @property
    def delivered(self) -> coverage.Ranges:
        return coverage.union(*(self.covers[n] for n in self.acked))

    def undelivered_lost(self) -> list[int]:
        """Lost bundles whose records no acknowledged bundle has carried since."""
        delivered = self.delivered
        return sorted(n for n in self.lost if coverage.minus(self.covers[n], delivered))


def _standing(session: Session, me: str, peer: SyncPeer) -> _Standing:
    sent = list(session.scalars(select(SyncBundle).where(
        SyncBundle.way == "out", SyncBundle.from_office == me, SyncBundle.to_office == peer.office_code,
        SyncBundle.result == "exported").order_by(SyncBundle.sequence)))
    acked = {b.sequence for b in sent if b.acked_at is not None}
    lost = {b.sequence for b in sent if b.acked_at is None and b.sequence < (peer.acked_seq_out or 0)}
    elsewhere = {b.sequence for b in sent if b.reason == CARRIED and any(json.loads(b.counts_json or "{}").values())}
    return _Standing({b.sequence: coverage.loads(b.covers_json, upto=b.change_seq) for b in sent},
                     max((b.change_seq or 0 for b in sent), default=coverage.EVERYTHING),
                     acked, lost, {b.sequence for b in sent} - acked - lost, elsewhere,
                     {b.sequence for b in sent if b.reason == EVERYTHING})


def _plan(session: Session, me: str, peer: SyncPeer, top: int, *, resend: bool,
          everything: bool = False) -> _BundlePlan:
    """Which change-log ranges the next bundle to `peer` carries: the positions past the last
    export's (nothing, when nothing changed) and the ranges of lost bundles that no bundle
    acknowledged or on its way has carried since. With `resend`, every position that no
    acknowledged bundle carried. With `everything` — or when a bundle sent with everything
    was lost and no later one arrived — every position, what came from the peer included."""
    st = _standing(session, me, peer)
    delivered = st.delivered
    owed = sorted(n for n in st.lost & st.everything if not any(m > n for m in st.acked & st.everything))
    everything = everything or bool(owed)
    if everything:
        ranges, arrived = [(coverage.EVERYTHING, top)], set()
    elif resend:
        ranges = coverage.minus([(coverage.EVERYTHING, top)], delivered)
        arrived = st.acked
    else:
        again = coverage.minus(coverage.union(*(st.covers[n] for n in st.lost)),
                               coverage.union(delivered, *(st.covers[n] for n in st.travelling)))
        ranges = coverage.union([(st.last, top)], again)
        arrived = st.acked | st.travelling
    repacked = sorted(set(owed) | {n for n in st.lost
                                   if coverage.intersect(coverage.minus(st.covers[n], delivered), ranges)})
    # Bundles this one stands in for: once it arrives, the peer does not miss them (an empty
    # bundle lost carried nothing to miss).
    # A bundle sent before a restore is not stood in for: were it lost, the peer goes on
    # reporting it missing, and this database says whose copy holds its records.
    # Nor is one sent with everything, but by another such: an ordinary bundle leaves out what
    # came from the peer, which is what it had lost.
    resent = sorted(n for n in (st.lost | st.travelling) - st.elsewhere - (set() if everything else st.everything)
                    if not coverage.minus(coverage.minus(st.covers[n], delivered), ranges))
    return _BundlePlan(ranges, arrived, repacked, resent, sorted(st.lost & st.elsewhere), everything)


# ---- import ----------------------------------------------------------------------------------

def import_bundles(engine: Engine, paths: list[Path]) -> list[ImportResult]:
    """Check every file, then merge the acceptable ones oldest first (by sequence per sender),
    each in one transaction. Results in the order of `paths`."""
    from app.care.intake import IntakeError, read_capped
    from app.sync import envelope

    results: dict[int, ImportResult] = {}
    opened: list[tuple[int, Path, Any]] = []
    for i, path in enumerate(map(Path, paths)):
        try:  # a regular file within the cap, checked before reading (app/care/intake.py)
            data = read_capped(path, envelope.MAX_FILE_BYTES, "数据包文件", "bundle file")
        except IntakeError as e:
            results[i] = _refused(path, "unreadable" if e.code == "not_found" else e.code, e.zh, e.en)
            continue
        try:
            with Session(engine) as s:
                opened.append((i, path, envelope.open_envelope(s, data)))
        except envelope.BundleRefused as e:
            results[i] = _refused(path, e.code, e.zh, e.en)
        except ServiceError as e:
            results[i] = _refused(path, "refused", e.zh, e.en)
    opened.sort(key=lambda x: (x[2].manifest.from_office, x[2].manifest.sequence, x[2].manifest.created_at))
    try:
        for i, path, bundle in opened:
            results[i] = _import_one(engine, path, bundle)
    finally:
        if opened and engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    if any(r.accepted for r in results.values()):
        analyze(engine)  # a township's first bundles are a bulk load: fresh statistics
    return [results[i] for i in sorted(results)]


def _refused(path: Path, code: str, zh: str, en: str | None, manifest: Any = None) -> ImportResult:
    return ImportResult(str(path), False, zh, manifest.from_office if manifest else None,
                        manifest.sequence if manifest else None, code=code,
                        bundle_id=manifest.bundle_id if manifest else None, reason_en=en or zh)


def _imported(session: Session, sender: str, me: str) -> list[SyncBundle]:
    return list(session.scalars(select(SyncBundle).where(
        SyncBundle.way == "in", SyncBundle.from_office == sender, SyncBundle.to_office == me,
        SyncBundle.result == "imported").order_by(SyncBundle.sequence)))


def gaps_from(session: Session, sender: str, me: str) -> list[int]:
    """Sequences of `sender`'s bundles missing here below the highest one imported (not
    those whose records a later bundle said it carries again)."""
    return changes.received_from(session.connection(), sender)[1]


def _fork(done: list[SyncBundle], m: Any, sha: str) -> SyncBundle | None:
    """A bundle imported before that contradicts this one: another file under the same
    sequence number, or a neighbour in the chain naming a different predecessor."""
    for b in done:
        if b.sequence == m.sequence and b.sha256 != sha:
            return b
        if b.sequence == m.sequence - 1 and m.previous_sha256 and b.sha256 != m.previous_sha256:
            return b
        if b.sequence == m.sequence + 1 and b.previous_sha256 and b.previous_sha256 != sha:
            return b
    return None


class _Equivocation(Exception):
    def __init__(self, earlier: SyncBundle) -> None:
        self.sequence, self.row = earlier.sequence, earlier.seq


def _import_one(engine: Engine, path: Path, bundle: Any) -> ImportResult:
    from app.sync import envelope

    m = bundle.manifest
    try:
        return _merge_retrying(engine, path, bundle)
    except BadRecord as e:
        return _refused(path, e.code, e.zh, e.en, m)
    except envelope.BundleRefused as e:
        return _refused(path, e.code, e.zh, e.en, m)
    except IntegrityError:  # rolled back: the records contradict each other or this database
        return _refused(path, "bad_record", "数据包中的记录与本数据库的记录相互矛盾（重复的编号），整个数据包未导入。"
                        "请把数据包和本提示发给技术支持。", "The bundle's records clash with this database "
                        "(a duplicate key); nothing was imported.", m)  # never the driver's words: they print the row
    except _Equivocation as e:
        zh = (f"{m.from_office} 的第 {m.sequence} 号数据包与已导入的第 {e.sequence} 号数据包相互矛盾"
              "（同一编号出现了两个不同的文件），可能是伪造或设备被复制。已拒收并标记，请与对方电话核实。")
        en = (f"Bundle {m.sequence} from {m.from_office} contradicts bundle {e.sequence} imported before "
              "(two different files under one number): refused and flagged; check with the sender by phone.")
        with Session(engine) as s, s.begin():  # the flag is the only thing written
            s.add(SyncBundle(bundle_id=m.bundle_id, way="in", from_office=m.from_office, to_office=m.to_office,
                             direction=m.direction, sequence=m.sequence, sha256=bundle.sha256,
                             previous_sha256=m.previous_sha256, created_at=m.created_at, at=_now(),
                             result="equivocation", reason=zh, counts_json=json.dumps(m.counts),
                             equivocation=True, file_name=path.name))
            earlier = s.get(SyncBundle, e.row)
            if earlier is not None:
                earlier.equivocation = True
        return _refused(path, "equivocation", zh, en, m)


def _merge_retrying(engine: Engine, path: Path, bundle: Any) -> ImportResult:
    """_merge_bundle, run again when it met another writer: the clerks' writes and this merge
    take one write turn (app/care/write_turn.py)."""
    from app.db import retrying

    return retrying(lambda: _merge_bundle(engine, path, bundle))


def _merge_bundle(engine: Engine, path: Path, bundle: Any) -> ImportResult:
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # No WAL checkpoint at each bundle's commit (a township imports 25 in a row):
            # import_bundles checkpoints once at the end. Reset after the commit, on the
            # same connection, so the reset itself triggers nothing.
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
            conn.commit()
        try:
            return _merge_on(conn, engine, path, bundle)
        finally:
            if sqlite:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA wal_autocheckpoint=1000")


def _merge_on(connection: Any, engine: Engine, path: Path, bundle: Any) -> ImportResult:
    from app.sync import envelope

    m = bundle.manifest
    store = store_dir_for(engine)
    with Session(bind=connection) as s, s.begin():
        write_lock(s)  # another process importing the same bundle waits, then finds it imported
        me = this_office(s)
        done = _imported(s, m.from_office, me.code)
        if any(b.sha256 == bundle.sha256 for b in done):
            return ImportResult(str(path), True, f"这个数据包（{m.from_office} 第 {m.sequence} 号）已经导入过，未做任何改动。",
                                m.from_office, m.sequence, already_imported=True,
                                gaps=gaps_from(s, m.from_office, me.code), bundle_id=m.bundle_id,
                                reason_en=f"Bundle {m.sequence} from {m.from_office} was imported before; nothing changed.")
        fork = _fork(done, m, bundle.sha256)
        if fork is not None:
            raise _Equivocation(fork)
        last = max((b.sequence for b in done), default=0)
        if m.sequence > last + MAX_SEQUENCE_JUMP:
            raise BadRecord(
                f"{m.from_office} 的这个数据包编号为第 {m.sequence} 号，而本单位收到它的最后一个是第 {last} 号，"
                f"相差超过 {MAX_SEQUENCE_JUMP}：不像正常的数据包（可能是伪造的）。已拒收，什么也没有导入。请与对方电话核实。",
                f"Bundle {m.sequence} from {m.from_office} is more than {MAX_SEQUENCE_JUMP} past the last one received "
                f"({last}); refused, nothing was imported.")
        actor = actor_for(s)
        envelope.apply_announcements(s, actor, bundle)
        raw, acks, blobs, relayed = changes.split_parts(bundle.parts)
        merged = _layers_of(s, bundle, me.code, raw, relayed)
        for sha, content in blobs.items():
            if hashlib.sha256(content).hexdigest() != sha:
                raise BadRecord(f"数据包中的附件 {sha[:12]}… 内容与其名称不符，整个数据包未导入。",
                                f"Attachment {sha[:12]} does not match its hash; nothing was imported.")
        stats = merge_layers(s, actor, merged, from_office=m.from_office, bundle_id=m.bundle_id)
        if stats.inserted_ids.get("duplicate_decisions"):  # a village applies what was decided of its people
            from app.oversight.duplicates import apply_arrived

            apply_arrived(s, actor, stats.inserted_ids["duplicate_decisions"])
        # Files only once every record is checked and merged, and only those its records name.
        named = _files_named(merged)
        stray = sorted(set(blobs) - named)
        if stray:
            raise BadRecord(f"数据包中的附件 {stray[0][:12]}… 不属于数据包里的任何记录，整个数据包未导入。",
                            f"Attachment {stray[0][:12]} belongs to no record in the bundle; nothing was imported.")
        for sha, content in blobs.items():
            put_blob(store, content, office_key(engine))
            known = s.get(SyncBlob, (m.from_office, sha))
            if known is None:
                s.add(SyncBlob(office_code=m.from_office, sha256=sha, sequence=0))
            else:  # it has the file, whatever became of the bundle we sent it in
                known.sequence = 0
        for layer in merged:  # the sender has these layers: never relayed back to it
            if layer.sha256:
                known = s.get(SyncBlob, (m.from_office, layer.sha256))
                if known is None:
                    s.add(SyncBlob(office_code=m.from_office, sha256=layer.sha256, sequence=0))
                else:
                    known.sequence = 0
        conn = s.connection()
        stats.duplicates = report_duplicates(conn, stats.recipient_ids, m.bundle_id, me.code, m.from_office)
        # A removal after the retention period arrived: the values it removed leave this
        # office's audit trail too (the merge's own rows named them).
        from app.care.retention import anonymised_ids, scrub_audit

        scrub_audit(s, anonymised_ids(s, stats.recipient_ids))
        peer = _peer(s, m.from_office)
        _take_acks(s, peer, acks, me.code, latest=m.sequence >= (peer.max_seq_in or 0))
        peer.max_seq_in, peer.updated_at = max(peer.max_seq_in or 0, m.sequence), _now()
        counts = {"inserted": stats.inserted, "updated": stats.updated, "unchanged": stats.unchanged,
                  "conflicts": stats.conflicts, "duplicates": stats.duplicates, "by_table": stats.by_table,
                  "held": len(stats.held_records), "released": stats.released}
        if acks and acks.get(changes.RESENT):  # earlier bundles of the sender this one stands in for
            counts[changes.RESENT] = sorted(n for n in acks[changes.RESENT] if n < m.sequence)
        s.add(SyncBundle(bundle_id=m.bundle_id, way="in", from_office=m.from_office, to_office=m.to_office,
                         direction=m.direction, sequence=m.sequence, sha256=bundle.sha256,
                         previous_sha256=m.previous_sha256, created_at=m.created_at, at=_now(),
                         result="imported", counts_json=json.dumps(counts), equivocation=False,
                         file_name=path.name))
        # One entry for the bundle, naming every record it added; each update has its own
        # entry (action "merge") with the fields' old and new values.
        writes.audit(s, actor, "import", "*", m.bundle_id, {"bundle": [None, {
            "from": m.from_office, "sequence": m.sequence, "sha256": bundle.sha256,
            "signer": bundle.signer_fingerprint, **counts, "inserted_ids": stats.inserted_ids}]})
        s.flush()
        gaps = gaps_from(s, m.from_office, me.code)
    return ImportResult(str(path), True, None, m.from_office, m.sequence, stats.inserted, stats.updated,
                        stats.unchanged, stats.conflicts, False, gaps, stats.duplicates, bundle_id=m.bundle_id,
                        held=stats.held_records, released=stats.released)


def _layers_of(session: Session, bundle: Any, me: str, raw: dict[str, bytes],
               relayed: dict[str, bytes]) -> list[LayerData]:
    """The bundle's layers, each checked and kept: relayed ones (their author's signature,
    the sender's word for its key) first, oldest first, then the sender's own."""
    m = bundle.manifest
    out: list[LayerData] = []
    try:
        vouched = layers.vouched_keys(m.vouches, sender=m.from_office, direction=m.direction)
    except layers.LayerRefused as e:
        raise BadRecord(e.zh, e.en) from None
    if relayed:
        try:
            opened = [layers.unpack_relay(name, data) for name, data in relayed.items()]
            own_keys = layers.own_keymap(session, me)
            for layer in opened:
                keys = (own_keys if layer.author == me else
                        layers.trusted_keymap(session, layer.author) if layer.to_office == me else
                        vouched.get(layer.author))
                layers.verify_relayed(layer, relayer=m.from_office, me=me, direction=m.direction, keys=keys)
        except layers.LayerRefused as e:
            raise BadRecord(e.zh, e.en) from None
        for layer in sorted(opened, key=lambda la: (la.author, la.sequence)):
            fresh = layers.keep(session, layer, via=m.from_office)  # parts merged before are not again
            out.append(LayerData(layer.author, layer.sha256,
                                 _parse_tables({n: d for n, d in layer.parts.items() if n in fresh})))
    if bundle.manifest_bytes is not None:
        own = layers.own_layer(bundle.manifest_bytes, bundle.signature, json.loads(bundle.manifest_bytes), raw)
        if own.parts:  # a bundle without records has nothing to relay
            layers.keep(session, own, via=m.from_office)
        out.append(LayerData(m.from_office, own.sha256 if own.parts else None, _parse_tables(raw)))
    else:  # format 1: the sender's records, signed with the whole bundle (not relayable)
        out.append(LayerData(m.from_office, None, _parse_tables(raw)))
    return out


def _parse_tables(parts: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    by_table: dict[str, list[bytes]] = {}
    for name, data in sorted(parts.items()):
        table = layers.table_of(name)
        if table:
            by_table.setdefault(table, []).append(data)
    return {t: parse_part(t, b"\n".join(datas)) for t, datas in by_table.items()}


def _files_named(merged: list[LayerData]) -> set[str]:
    named: set[str] = set()
    for layer in merged:
        named |= {r["sha256"] for r in layer.tables.get("attachments", ())}
        named |= {r["scan_sha256"] for r in layer.tables.get("agreements", ()) if r.get("scan_sha256")}
    return named


def _take_acks(session: Session, peer: SyncPeer, acks: Any, me: str, *, latest: bool) -> None:
    """The sender says which of our bundles it imported: what they carried has arrived.
    Those of ours below the highest it imported and not among them (it also names them
    "missing") are lost: export packs their records again (see _plan). A bundle it names
    missing that it had acknowledged before (its database was restored from a backup) is
    lost again — believed only from its latest bundle, not from one overtaken on the way."""
    if acks is None:
        return
    if not isinstance(acks, dict):
        raise BadRecord("数据包的确认信息格式不对，整个数据包未导入。", "Malformed acknowledgements; nothing was imported.")
    seqs = acks.get("imported", [])
    lists = (seqs, acks.get("missing", []), acks.get(changes.RESENT, []))
    if not all(isinstance(x, list) and all(isinstance(n, int) and not isinstance(n, bool) for n in x)
               for x in lists):
        raise BadRecord("数据包的确认信息格式不对，整个数据包未导入。", "Malformed acknowledgements; nothing was imported.")
    missing = set(lists[1]) - set(seqs) if latest else set()
    if not seqs and not missing:
        return
    if max(seqs, default=0) > (peer.last_seq_out or 0):
        # It imported a bundle of ours this database never sent: this database was restored
        # from a backup. Go on past that number (reusing it would be an equivocation); the
        # predecessor's hash is unknown here.
        peer.last_seq_out, peer.last_sha256_out = max(seqs), None
    sent = {b.sequence: b for b in session.scalars(select(SyncBundle).where(
        SyncBundle.way == "out", SyncBundle.from_office == me, SyncBundle.to_office == peer.office_code,
        SyncBundle.sequence.in_(sorted(set(seqs) | missing))))}
    now = _now()
    for b in sent.values():
        if b.sequence in missing:
            b.acked_at = None
        elif b.acked_at is None:
            b.acked_at = now
    sent = {n: b for n, b in sent.items() if n not in missing}
    if not sent:
        return
    top = sent[max(sent)]
    peer.acked_seq_out = max(peer.acked_seq_out or 0, top.sequence)
    if top.change_seq is not None:
        peer.acked_change_seq = max(peer.acked_change_seq or 0, top.change_seq)


# ---- state for the sync page -----------------------------------------------------------------

@dataclass(frozen=True)
class PeerState:
    """Where this office stands with one other office (for the app's sync page)."""

    office_code: str
    last_sent: int  # our last sequence number sent there
    acknowledged: int  # the highest of them it has acknowledged
    last_received: int  # the highest of its sequence numbers imported here
    gaps: list[int]  # its bundles missing here below that
    equivocations: int  # its bundles refused as contradicting another
    # ours it never received and whose records have not reached it since (packed again next time)
    lost_there: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def peer_states(session: Session) -> list[PeerState]:
    me = this_office(session)
    out = []
    for p in session.scalars(select(SyncPeer).order_by(SyncPeer.office_code)):
        flagged = session.scalars(select(SyncBundle).where(
            SyncBundle.way == "in", SyncBundle.from_office == p.office_code,
            SyncBundle.result == "equivocation")).all()
        out.append(PeerState(p.office_code, p.last_seq_out, p.acked_seq_out, p.max_seq_in,
                             gaps_from(session, p.office_code, me.code), len(flagged),
                             _standing(session, me.code, p).undelivered_lost()))
    return out
