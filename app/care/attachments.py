"""Evidence files (photos, scans): stored once by SHA-256 in a content-addressed folder
beside the database, and linked to the record they belong to by an Attachment record.

A database with an office key (app/protection/at_rest.py) seals each file with AES-GCM under
HKDF(K, "guanai attachments"); it is still named by the SHA-256 of its plaintext, so bundles,
deduplication and the sync layer's file lists are unchanged. Reading takes either kind: the
plain files of a database without a key, and those written before it was converted (which
`seal_store` converts then)."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, get_setting, put_setting
from app.care.errors import NotFoundError, ServiceError, ValidationError
from app.care.recipients import get_recipient
from app.config import data_dir
from app.files import PRIVATE, write_bytes
from app.models import SYNCED_MODELS, Attachment
from app.models.codes import AttachmentKind
from app.protection.at_rest import office_key, seal, unseal

MAX_BYTES = 25 * 1024 * 1024  # a phone photo or a multi-page scan, not a video
OWNERS = {m.__tablename__: m for m in SYNCED_MODELS}


# A server database's attachments folder, set once for the office (`guanai files-folder PATH`):
# kept in the database's own settings, which every computer of the office shares, so a photo
# one clerk attached opens on every computer and goes into every computer's bundles.
FILES_DIR_KEY = "files_dir"


def store_dir_for(engine: Engine) -> Path:
    """`<db>-files/` beside a SQLite file. For a server database, the office's shared folder
    (FILES_DIR_KEY) when set, else this computer's data directory (one computer alone)."""
    db = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if db and db != ":memory:":
        path = Path(db)
        return path.with_name(path.stem + "-files")
    with Session(engine) as session:
        shared = get_setting(session, FILES_DIR_KEY)
    return Path(shared) if shared else data_dir() / "files"


def set_shared_folder(session: Session, actor: Actor, folder: Path) -> Path:
    """Set the folder every computer of a server office keeps attachments in: it must exist
    and take a file now (a mounted share), so a mistyped path is refused before anyone attaches."""
    if session.get_bind().engine.url.get_backend_name() == "sqlite":
        raise ValidationError("附件文件夹：本数据库是本机文件，附件就在它旁边的“-files”文件夹里，不需要设置。",
                              "A SQLite file keeps its attachments beside it; nothing to set.", field="folder")
    folder = folder.expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".guanai-probe-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as e:
        raise ValidationError(f"附件文件夹：{folder} 无法写入（{e.strerror or e}）。请确认共享文件夹已连接、本机有写权限。",
                              f"Cannot write to {folder}: check the share is mounted and writable.",
                              field="folder") from None
    writes.audit(session, actor, "update", "local_settings", FILES_DIR_KEY,
                 {FILES_DIR_KEY: [get_setting(session, FILES_DIR_KEY), str(folder)]})
    put_setting(session, FILES_DIR_KEY, str(folder))
    return folder


def blob_path(store: Path, sha256: str) -> Path:
    return store / sha256[:2] / sha256


BLOB_PURPOSE = b"guanai attachments"
SEALED = b"GUANAI-BLOB-1\n"  # a sealed file's first bytes (a plain file is checked by its hash)


def _write(target: Path, data: bytes) -> None:
    write_bytes(target, data, mode=PRIVATE)  # a full disk: no partial file left in the store


def put_blob(store: Path, content: bytes, key: bytes | None = None) -> str:
    """Write the bytes under their hash (once; written to a temporary name, then renamed),
    sealed under the office key when there is one."""
    digest = hashlib.sha256(content).hexdigest()
    target = blob_path(store, digest)
    if not target.exists():
        _write(target, seal(key, BLOB_PURPOSE, content, SEALED) if key is not None else content)
    elif key is not None and not _is_sealed(target):
        seal_blob(target, key)
    return digest


def _is_sealed(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(SEALED)) == SEALED


class BlobUnreadable(ServiceError):
    """A stored file that cannot be read back as what its name says."""


def read_blob(store: Path, sha256: str, key: bytes | None = None) -> bytes:
    """The plaintext of the file stored under `sha256`: unsealed with the office key, and
    checked against its name either way."""
    raw = blob_path(store, sha256).read_bytes()
    if raw.startswith(SEALED):
        if key is None:
            raise BlobUnreadable(f"附件 {sha256[:12]}… 已加密，需要登录后才能查看。",
                                 f"The file {sha256[:12]} is encrypted: sign in to read it.")
        try:
            raw = unseal(key, BLOB_PURPOSE, raw, SEALED)
        except InvalidTag:
            raise BlobUnreadable(f"附件 {sha256[:12]}… 无法用本单位的密钥解开（文件损坏或来自别的单位）。",
                                 f"The file {sha256[:12]} does not open with this office's key.") from None
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise BlobUnreadable(f"附件 {sha256[:12]}… 的内容与其名称不符（文件损坏）。",
                             f"The file {sha256[:12]} does not match its hash (damaged).")
    return raw


def seal_blob(path: Path, key: bytes) -> bool:
    """Seal one plain stored file in place (checked against its name first); False when it
    was sealed already or is not a stored file."""
    if _is_sealed(path):
        return False
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != path.name:
        return False  # not one of ours (or damaged): left as it is, for whoever looks
    _write(path, seal(key, BLOB_PURPOSE, content, SEALED))
    return True


def seal_store(store: Path, key: bytes) -> int:
    """Seal every plain file of the store (when its database is converted); how many."""
    if not store.is_dir():
        return 0
    return sum(seal_blob(p, key) for p in sorted(store.glob("??/*")) if p.is_file() and not p.name.startswith("."))


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
    digest = put_blob(store, content, office_key(session))
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return writes.create(session, actor, Attachment, sha256=digest, size=len(content), mime_type=mime,
                         file_name=source.name[:200], kind=kind, owner_table=owner_table,
                         owner_id=owner_id, caption=caption, taken_on=taken_on)


def kind_for(mime_type: str) -> str:
    """A photo for pictures, a scan for PDFs, a document for anything else."""
    if mime_type.startswith("image/"):
        return AttachmentKind.photo.value
    if mime_type == "application/pdf":
        return AttachmentKind.scan.value
    return AttachmentKind.document.value


def attach_files(session: Session, actor: Actor, store: Path, recipient_id: str,
                 sources: list[Path]) -> list[str]:
    """Attach files to the recipient, all or none; returns the new attachments' ids."""
    r = get_recipient(session, recipient_id)
    if not sources:
        raise ValidationError("附件：请选择要添加的文件。", "Choose the files to attach.", field="file")
    out = []
    for source in sources:
        mime = mimetypes.guess_type(source.name)[0] or ""
        a = attach_file(session, actor, store, source=source, owner_table="recipients", owner_id=r.id,
                        kind=kind_for(mime))
        out.append(a.id)
    return out


def attachments_of(session: Session, owner_table: str, owner_id: str) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(
        Attachment.owner_table == owner_table, Attachment.owner_id == owner_id,
        Attachment.deleted.is_(False)).order_by(Attachment.hlc)))
