"""Issue 17 point 4: an office's database opened with its office key holds the office's
private keys sealed under that key, so any computer opening it with the key (every signed-in
clerk of a county on a server) exports and imports bundles with no key file anywhere. Runs on
SQLite and, with GUANAI_TEST_DB_URL, on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.config import data_dir
from app.db import open_database
from app.models import OfficeKey, Recipient
from app.protection.at_rest import office_key
from app.sync import exchange
from app.sync.keys import SEALED, KeyMissingError, keystore_dir
from app.sync.trust import identity_document, read_identity, trust_identity
from tests.helpers import make_id

VILLAGE, TOWNSHIP = "522631100201", "522631100"


def _office(path: Path, code: str, key: bytes) -> object:
    engine = open_database(path, key=key)
    level = "village" if len(code) == 12 else "township"
    with Session(engine) as s, s.begin():
        init_office(s, role=level, code=code, name=f"{level}{code[-3:]}", parent=code[:9] if level == "village"
                    else code[:6], operator="王主任")
    return engine


def test_any_computer_with_the_office_key_sends_and_receives_bundles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    v_key, t_key = os.urandom(32), os.urandom(32)
    village = _office(tmp_path / "v.sqlite3", VILLAGE, v_key)
    township = _office(tmp_path / "t.sqlite3", TOWNSHIP, t_key)
    for engine in (village, township):
        with Session(engine) as s:
            own = list(s.scalars(select(OfficeKey).where(OfficeKey.is_own.is_(True))))
        assert len(own) == 2 and all(bytes(k.private_key).startswith(SEALED) for k in own)
    assert list(keystore_dir().iterdir()) == []  # no key file on this computer
    with Session(village) as vs, Session(township) as ts:
        v_doc, t_doc = identity_document(vs), identity_document(ts)
    with Session(township) as ts, ts.begin():
        trust_identity(ts, actor_for(ts), read_identity(v_doc))
    with Session(village) as vs, vs.begin():
        trust_identity(vs, actor_for(vs), read_identity(t_doc))
        add_recipient(vs, actor_for(vs), name="龙秀英", id_number=make_id(dt.date(1951, 4, 9), seq=37),
                      categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5))
    village_url = village.url.render_as_string(hide_password=False)
    township_url = township.url.render_as_string(hide_password=False)
    village.dispose()
    township.dispose()

    # Two other computers: other data directories, the same databases, the office keys.
    monkeypatch.setenv("GUANAI_HOME", str(tmp_path / "clerk-2"))
    assert not (data_dir() / "keys").exists()
    village = open_database(village_url, key=v_key, migrate=False)
    bundle = tmp_path / "up.bundle"
    assert exchange.export_bundle(village, to_office=TOWNSHIP, out=bundle).counts.get("recipients") == 1
    monkeypatch.setenv("GUANAI_HOME", str(tmp_path / "clerk-3"))
    township = open_database(township_url, key=t_key, migrate=False)
    assert office_key(township) == t_key
    got = exchange.import_bundles(township, [bundle])
    assert got[0].accepted, got[0].reason
    with Session(township) as s:
        assert s.scalar(select(Recipient.name)) == "龙秀英"
    back = tmp_path / "down.bundle"
    exchange.export_bundle(township, to_office=VILLAGE, out=back)
    assert exchange.import_bundles(village, [back])[0].accepted
    village.dispose()
    township.dispose()


def test_without_the_office_key_the_sealed_keys_sign_nothing(tmp_path: Path) -> None:
    from app.sync.keys import current_own_key, signing_key

    key = os.urandom(32)
    engine = _office(tmp_path / "v.sqlite3", VILLAGE, key)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    if engine.dialect.name == "sqlite":
        return  # the encrypted file itself does not open without the key (tests/test_at_rest.py)
    # A server database opened without the key (a computer not signed in): the keys stay sealed.
    bare = open_database(url, migrate=False)
    with Session(bare) as s:
        row = current_own_key(s, VILLAGE, "sign")
        assert row is not None
        with pytest.raises(KeyMissingError, match="登录"):
            signing_key(row)
    bare.dispose()
