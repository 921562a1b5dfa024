from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.care.attachments import attach_file, attachments_of, blob_path, store_dir_for
from app.care.context import Actor
from app.care.errors import NotFoundError
from app.care.recipients import add_recipient
from tests.helpers import make_id


def test_a_photo_is_stored_once_by_its_hash_and_linked(session: Session, actor: Actor, village: Engine,
                                                        tmp_path: Path) -> None:
    rid = add_recipient(session, actor, name="石翠", id_number=make_id(dt.date(1950, 1, 1), "female"),
                        categories=["left_behind_elder"]).id
    photo = tmp_path / "走访.jpg"
    photo.write_bytes(b"\xff\xd8\xff fake jpeg")
    store = store_dir_for(village)
    assert store.name == "test-files"
    a = attach_file(session, actor, store, source=photo, owner_table="recipients", owner_id=rid)
    b = attach_file(session, actor, store, source=photo, owner_table="recipients", owner_id=rid, kind="scan")
    session.commit()
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert a.sha256 == b.sha256 == digest and a.mime_type == "image/jpeg"
    assert blob_path(store, digest).read_bytes() == photo.read_bytes()
    assert len(list(store.rglob("*"))) == 2  # one folder, one file: stored once
    assert [x.kind for x in attachments_of(session, "recipients", rid)] == ["photo", "scan"]


def test_attaching_to_a_missing_record_is_refused(session: Session, actor: Actor, tmp_path: Path) -> None:
    f = tmp_path / "x.png"
    f.write_bytes(b"png")
    with pytest.raises(NotFoundError):
        attach_file(session, actor, tmp_path / "store", source=f, owner_table="recipients", owner_id="nope")
    assert not (tmp_path / "store").exists()
