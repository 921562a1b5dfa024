"""Evidence files (photos, scans): stored once by SHA-256 in a content-addressed folder
beside the database, and linked to the record they belong to by an Attachment record."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import tempfile
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor
from app.care.errors import NotFoundError, ValidationError
from app.config import data_dir
from app.models import SYNCED_MODELS, Attachment
from app.models.codes import AttachmentKind

MAX_BYTES = 25 * 1024 * 1024  # a phone photo or a multi-page scan, not a video
OWNERS = {m.__tablename__: m for m in SYNCED_MODELS}


def store_dir_for(engine: Engine) -> Path:
    """`<db>-files/` beside a SQLite file; the data directory for a server database."""
    db = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if db and db != ":memory:":
        path = Path(db)
        return path.with_name(path.stem + "-files")
    return data_dir() / "files"


def blob_path(store: Path, sha256: str) -> Path:
    return store / sha256[:2] / sha256


def put_blob(store: Path, content: bytes) -> str:
    """Write the bytes under their hash (once; written to a temporary name, then renamed)."""
    digest = hashlib.sha256(content).hexdigest()
    target = blob_path(store, digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:  # a full disk: no partial file left in the store
            Path(tmp).unlink(missing_ok=True)
            raise
    return digest


def attach_file(session: Session, actor: Actor, store: Path, *, source: Path, owner_table: str,
                owner_id: str, kind: str = AttachmentKind.photo.value, caption: str | None = None,
                taken_on: dt.date | None = None) -> Attachment:
    if kind not in {k.value for k in AttachmentKind}:
        raise ValidationError("附件类型：应为照片、扫描件或文件。", "Kind must be photo, scan or document.",
                              field="kind")
    model = OWNERS.get(owner_table)
    owner = session.get(model, owner_id) if model else None
    if owner is None or owner.deleted:
        raise NotFoundError(f"附件所属的记录不存在（{owner_table} {owner_id}）。",
                            f"No {owner_table} record {owner_id} to attach to.", field="owner_id")
    try:
        size = source.stat().st_size
    except OSError:
        raise ValidationError(f"附件：找不到文件 {source}，请重新选择。", f"File not found: {source}",
                              field="file") from None
    if size > MAX_BYTES:
        raise ValidationError(f"附件：文件 {source.name} 太大（{size // 1048576} MB），最大 25 MB，请压缩后再添加。",
                              f"File too large ({size} bytes; 25 MB at most).", field="file")
    content = source.read_bytes()
    digest = put_blob(store, content)
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return writes.create(session, actor, Attachment, sha256=digest, size=len(content), mime_type=mime,
                         file_name=source.name[:200], kind=kind, owner_table=owner_table,
                         owner_id=owner_id, caption=caption, taken_on=taken_on)


def attachments_of(session: Session, owner_table: str, owner_id: str) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(
        Attachment.owner_table == owner_table, Attachment.owner_id == owner_id,
        Attachment.deleted.is_(False)).order_by(Attachment.hlc)))
