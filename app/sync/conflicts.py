"""Conflicts kept for a person to decide (`guanai conflicts`, the app's conflicts view).

A conflict holds both values with their version vectors and offices and which one the row
shows meanwhile. Deciding it is a new change made here: the chosen value is written with a
clock stamp and a version vector covering both sides, so it travels and every office takes it
without a new conflict (unless this office does not own the field: then the owner decides).
Possible duplicates (one ID number registered twice) are listed here too; deciding one only
records that a person looked at it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, clock
from app.care.errors import NotFoundError, ServiceError, ValidationError
from app.care.ids import new_id
from app.models import SyncConflict
from app.models.base import table_of
from app.sync import versions

REASONS = {
    "concurrent": ("两个单位在同步前都修改了此项", "changed in two offices since they last agreed"),
    "sensitive": ("敏感信息（身份证号、出生日期、类别、健康状况）两边不一致，须由人决定",
                  "sensitive field differs in two offices; a person decides"),
    "not_owner": ("修改来自无权修改此项的单位，未采用", "changed by an office that does not own it; not applied"),
    "deleted_edited": ("一边删除了记录，另一边同时修改了它；记录保持删除", "deleted in one office, edited in another; stays deleted"),
    "possible_duplicate": ("同一身份证号在两处登记，可能是同一人", "the same ID number registered twice"),
}
DUPLICATE = "possible_duplicate"


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    record_id: str
    field: str
    recipient_name: str | None
    local_value: Any
    remote_value: Any
    local_office: str
    remote_office: str
    shown_value: Any
    reason: str
    status: str = "open"
    created_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["created_at"] = self.created_at.isoformat() if self.created_at else None
        d["reason_text"] = REASONS.get(self.reason, (self.reason, self.reason))[0]
        return d


    @property
    def involves_id_number(self) -> bool:
        from app.sync.incoming import ID_NUMBERS

        return (self.table, self.field) in ID_NUMBERS

    @property
    def person_id(self) -> str | None:
        """The recipient the conflict is about, when it is a recipient's own field."""
        return self.record_id if self.table == "recipients" else None

    def masked(self) -> ConflictView:
        """The conflict as shown until someone reveals it (logged): ID numbers masked, the
        birth date's eight digits hidden (issue 15, point 4)."""
        if not self.involves_id_number:
            return self
        from dataclasses import replace

        from app.care.validation import mask_id_number

        def hide(v: Any) -> Any:
            return mask_id_number(v) if isinstance(v, str) and v else v

        return replace(self, local_value=hide(self.local_value), remote_value=hide(self.remote_value),
                       shown_value=hide(self.shown_value))


def reveal_conflict(session: Session, actor: Actor, conflict_id: str) -> ConflictView:
    """A conflict's full ID numbers, the reveal logged in the access log."""
    from app.protection.access_log import log_access

    found = next((c for c in list_conflicts(session, include_resolved=True) if c.id == conflict_id), None)
    if found is None:
        raise NotFoundError(f"找不到冲突 {conflict_id}。", f"No conflict {conflict_id}.", field="id")
    if found.involves_id_number:
        log_access(session, actor, "reveal_id", person_id=found.person_id,
                   detail=f"conflict {found.table}.{found.field} {found.record_id}")
    return found


def keep_conflict(conn: Connection, table: str, record_id: str, field: str, reason: str,
                  local_value: Any, remote_value: Any, local_vector: dict[str, str],
                  remote_vector: dict[str, str], local_office: str, remote_office: str, shown: str,
                  bundle_id: str | None) -> int:
    """List (or bring up to date) the open conflict on this field. Returns 1 if it is new."""
    dup = reason == DUPLICATE
    found = conn.execute(text(
        "SELECT id FROM sync_conflicts WHERE table_name = :t AND record_id = :r AND field = :f "
        "AND status = 'open' AND (reason = 'possible_duplicate') = :dup"),
        {"t": table, "r": record_id, "f": field, "dup": dup}).scalar()
    values = {"reason": reason, "lv": _dump(local_value), "rv": _dump(remote_value),
              "lvec": versions.dump_vectors(local_vector), "rvec": versions.dump_vectors(remote_vector),
              "lo": local_office, "ro": remote_office, "shown": shown, "b": bundle_id}
    if found:
        conn.execute(text("UPDATE sync_conflicts SET reason = :reason, local_value_json = :lv, "
                          "remote_value_json = :rv, local_vector_json = :lvec, remote_vector_json = :rvec, "
                          "local_office = :lo, remote_office = :ro, shown = :shown, bundle_id = :b "
                          "WHERE id = :id"), {**values, "id": found})
        return 0
    conn.execute(table_of(SyncConflict).insert().values(
        id=new_id(), table_name=table, record_id=record_id, field=field, reason=reason,
        local_value_json=values["lv"], remote_value_json=values["rv"], local_vector_json=values["lvec"],
        remote_vector_json=values["rvec"], local_office=local_office, remote_office=remote_office,
        shown=shown, bundle_id=bundle_id, status="open", created_at=dt.datetime.now(dt.UTC)))
    return 1


def settle_conflicts(conn: Connection, table: str, record_id: str, field: str, vector: dict[str, str]) -> None:
    """A later version of the field that has seen both sides of an open conflict (a person
    decided it in another office) settles the conflict here too."""
    rows = conn.execute(text("SELECT id, local_vector_json, remote_vector_json FROM sync_conflicts "
                             "WHERE table_name = :t AND record_id = :r AND field = :f AND status = 'open' "
                             "AND reason <> 'possible_duplicate'"), {"t": table, "r": record_id, "f": field}).all()
    for cid, lvec, rvec in rows:
        if versions.dominates(vector, json.loads(lvec)) and versions.dominates(vector, json.loads(rvec)):
            conn.execute(text("UPDATE sync_conflicts SET status = 'resolved', resolution = 'elsewhere', "
                              "resolved_at = :now WHERE id = :id"), {"now": dt.datetime.now(dt.UTC).replace(tzinfo=None), "id": cid})


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def report_duplicates(conn: Connection, recipient_ids: list[str], bundle_id: str | None,
                      local_office: str, remote_office: str) -> int:
    """Recipients of this import whose ID number another live recipient has (the same person
    registered in two villages, or twice): listed once per pair. Returns how many are new."""
    new = 0
    for i in range(0, len(recipient_ids), 400):
        chunk = recipient_ids[i:i + 400]
        marks = ", ".join(f":i{k}" for k in range(len(chunk)))
        params = {f"i{k}": v for k, v in enumerate(chunk)}
        rows = conn.execute(text(
            "SELECT a.id, a.name, a.village_code, b.id, b.name, b.village_code FROM recipients a "
            "JOIN recipients b ON b.id_number = a.id_number AND b.id <> a.id AND b.deleted = :no "
            # an anonymised record has no ID number (""): never the same person as another
            f"WHERE a.id IN ({marks}) AND a.deleted = :no AND a.id_number <> '' ORDER BY a.id, b.id"),
            {**params, "no": False}).all()
        for aid, aname, avillage, bid, bname, bvillage in rows:
            if aid > bid and bid in chunk:
                continue  # both came in this import: one entry for the pair
            if _duplicate_known(conn, aid, bid):
                continue
            new += keep_conflict(conn, "recipients", aid, "id_number", DUPLICATE,
                                 {"id": bid, "name": bname, "village_code": bvillage},
                                 {"id": aid, "name": aname, "village_code": avillage}, {}, {},
                                 local_office, remote_office, "remote", bundle_id)
    return new


def _duplicate_known(conn: Connection, a: str, b: str) -> bool:
    rows = conn.execute(text("SELECT record_id, local_value_json FROM sync_conflicts WHERE reason = :r "
                             "AND record_id IN (:a, :b)"), {"r": DUPLICATE, "a": a, "b": b}).all()
    return any(json.loads(v).get("id") == (b if rid == a else a) for rid, v in rows)


# ---- listing and deciding ----------------------------------------------------------------

def list_conflicts(session: Session, *, include_resolved: bool = False) -> list[ConflictView]:
    q = select(SyncConflict).order_by(SyncConflict.created_at, SyncConflict.id)
    if not include_resolved:
        q = q.where(SyncConflict.status == "open")
    out = []
    for c in session.scalars(q):
        local, remote = json.loads(c.local_value_json), json.loads(c.remote_value_json)
        out.append(ConflictView(c.id, c.table_name, c.record_id, c.field, _recipient_name(session, c),
                                local, remote, c.local_office, c.remote_office,
                                remote if c.shown == "remote" else local, c.reason, c.status, c.created_at))
    return out


def _recipient_name(session: Session, c: SyncConflict) -> str | None:
    from app.sync.records import TABLES, layout

    conn = session.connection()
    if c.table_name == "recipients":
        return conn.execute(text("SELECT name FROM recipients WHERE id = :i"), {"i": c.record_id}).scalar()
    if c.table_name not in TABLES or "recipient_id" not in layout(c.table_name).columns:
        return None
    return conn.execute(text(f"SELECT r.name FROM {c.table_name} t JOIN recipients r "
                             "ON r.id = t.recipient_id WHERE t.id = :i"), {"i": c.record_id}).scalar()


def resolve_conflict(session: Session, actor: Actor, conflict_id: str, *, keep: str) -> None:
    """Decide a conflict: keep the local or the remote value, written here as a new change."""
    if keep not in ("local", "remote"):
        raise ValidationError("保留：应为 local（本单位的值）或 remote（对方的值）。",
                              "keep must be local or remote.", field="keep")
    c = session.get(SyncConflict, conflict_id)
    if c is None:
        raise NotFoundError(f"找不到冲突 {conflict_id}。", f"No conflict {conflict_id}.", field="id")
    if c.status != "open":
        raise ServiceError("这个冲突已经处理过了。", "This conflict has already been decided.")
    now = dt.datetime.now(dt.UTC)
    if c.reason != DUPLICATE:
        _write_choice(session, actor, c, keep)
    for other in session.scalars(select(SyncConflict).where(
            SyncConflict.table_name == c.table_name, SyncConflict.record_id == c.record_id,
            SyncConflict.field == c.field, SyncConflict.status == "open",
            (SyncConflict.reason == DUPLICATE) == (c.reason == DUPLICATE))):
        other.status, other.resolution, other.resolved_by, other.resolved_at = "resolved", keep, actor.user, now


def _write_choice(session: Session, actor: Actor, c: SyncConflict, keep: str) -> None:
    from app.sync.records import existing, update_record

    conn = session.connection()
    row = existing(conn, c.table_name, [c.record_id]).get(c.record_id)
    if row is None:
        raise NotFoundError("冲突所涉及的记录已不存在。", "The record of this conflict is gone.")
    value = json.loads(c.local_value_json if keep == "local" else c.remote_value_json)
    stamp = clock(session, actor).now().encode()
    vectors = row.get("_v") or {}
    vector = versions.join(versions.join(vectors.get(c.field, {}), json.loads(c.local_vector_json)),
                           json.loads(c.remote_vector_json))
    vector[actor.office_code] = stamp
    vector[versions.BY] = stamp
    vectors[c.field] = vector
    update_record(conn, c.table_name, c.record_id,
                  {c.field: value, "hlc": stamp, "modified_office": actor.office_code})
    versions.write_vectors(conn, c.table_name, c.record_id, vectors)
    versions.log_changes(conn, c.table_name, [c.record_id])
    writes.audit(session, actor, "resolve", c.table_name, c.record_id,
                 {c.field: [row.get(c.field), value], "conflict": [c.id, keep]}, stamp)
