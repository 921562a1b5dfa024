"""Identities and trust: export, trust, revoke, list, rotate — through the service functions
and the CLI, on real init_office databases (a village, its township, the county)."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.offices import init_office
from app.cli import main
from app.db import open_database
from app.models import AuditEntry, Office, OfficeKey
from app.sync import keys as K
from app.sync import trust as T

COUNTY, TOWNSHIP, VILLAGE, OTHER_VILLAGE = "522631", "522631100", "522631100201", "522631101201"


@dataclass
class Office_:
    code: str
    engine: Engine
    identity: Path

    def session(self) -> Session:
        return Session(self.engine)


def make_office(tmp_path: Path, role: str, code: str, name: str, parent: str | None = None) -> Office_:
    eng = open_database(tmp_path / f"{code}.sqlite3")
    with Session(eng) as s, s.begin():
        init_office(s, role=role, code=code, name=name, parent=parent, operator="测试员")
    ident = tmp_path / f"{code}.identity.json"
    with Session(eng) as s, s.begin():
        T.export_identity(s, ident)
    return Office_(code, eng, ident)


def trust(office: Office_, other: Office_) -> T.TrustResult:
    with office.session() as s, s.begin():
        return T.trust_file(s, actor_for(s), other.identity)


@pytest.fixture
def chain(tmp_path: Path):  # type: ignore[no-untyped-def]
    county = make_office(tmp_path, "county", COUNTY, "榕江县")
    township = make_office(tmp_path, "township", TOWNSHIP, "岩寨镇", COUNTY)
    village = make_office(tmp_path, "village", VILLAGE, "岩寨村", TOWNSHIP)
    yield county, township, village
    for o in (county, township, village):
        o.engine.dispose()


def counts(office: Office_) -> tuple[int, int, int]:
    with office.session() as s:
        return (s.scalar(select(func.count()).select_from(OfficeKey)) or 0,
                s.scalar(select(func.count()).select_from(Office)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_identity_file_holds_public_keys_only_and_private_keys_stay_out_of_the_database(chain) -> None:  # type: ignore[no-untyped-def]
    county, township, village = chain
    doc = json.loads(village.identity.read_text(encoding="utf-8"))
    assert doc["office"]["code"] == VILLAGE and doc["office"]["parent_code"] == TOWNSHIP
    assert doc["office"]["level"] == "village" and doc["office"]["name"] == "岩寨村"
    with village.session() as s:
        rows = s.scalars(select(OfficeKey)).all()
        assert all(r.private_key is None for r in rows)
        privates = [K.private_key_bytes(r) for r in rows]
        fp = rows[0].fingerprint
    assert doc["office"]["fingerprint"] == fp and len(fp.split("-")) == 8
    text = village.identity.read_bytes()
    for raw in privates:  # neither raw nor base64 private bytes anywhere in the file
        assert raw not in text and K.b64(raw).encode() not in text
    keyfile = K.key_file(VILLAGE, fp)
    assert stat.S_IMODE(os.stat(keyfile).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(keyfile.parent).st_mode) == 0o700
    db = Path(str(village.engine.url.database))
    db_bytes = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
    assert all(raw not in db_bytes for raw in privates)
    with village.session() as s:  # making the keys is in the audit trail, naming the key file
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "keys")).one()
        assert entry.record_id == VILLAGE and keyfile.name in entry.changes_json and fp in entry.changes_json


def test_trust_child_and_parent_shows_fingerprint_and_is_audited(chain) -> None:  # type: ignore[no-untyped-def]
    county, township, village = chain
    r = trust(township, village)
    assert (r.relation, r.already_trusted, r.identity.code) == ("child", False, VILLAGE)
    assert trust(township, county).relation == "parent"
    assert trust(village, township).relation == "parent"
    with township.session() as s:
        views = {v.office_code: v for v in T.list_keys(s)}
        assert views[VILLAGE].status == "trusted" and views[VILLAGE].relation == "child"
        assert views[COUNTY].relation == "parent" and views[TOWNSHIP].status == "current"
        assert views[VILLAGE].fingerprint == r.identity.fingerprint
        office = s.scalars(select(Office).where(Office.code == VILLAGE)).one()
        assert (office.name, office.level, office.parent_code) == ("岩寨村", "village", TOWNSHIP)
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "trust")).all()
        assert {a.record_id for a in audit} == {VILLAGE, COUNTY}
        assert r.identity.fingerprint in audit[0].changes_json or r.identity.fingerprint in audit[1].changes_json


def test_trusting_the_same_identity_again_changes_nothing(chain) -> None:  # type: ignore[no-untyped-def]
    _, township, village = chain
    trust(township, village)
    before = counts(township)
    again = trust(township, village)
    assert again.already_trusted and counts(township) == before


@pytest.mark.parametrize("case", ["self", "grandchild", "cousin", "sibling"])
def test_only_a_parent_or_a_direct_child_can_be_trusted(chain, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    county, township, village = chain
    if case == "self":
        me, other, words = village, village, "本单位自己"
    elif case == "grandchild":
        me, other, words = county, village, "上级单位或直属下级单位"
    elif case == "cousin":
        me, other, words = village, make_office(tmp_path, "township", "522631101", "另一镇", COUNTY), "直属下级"
    else:
        me, other, words = township, make_office(tmp_path, "village", OTHER_VILLAGE, "别村", "522631101"), "直属下级"
    before = counts(me)
    with me.session() as s, s.begin(), pytest.raises(T.TrustError) as e:
        T.trust_file(s, actor_for(s), other.identity)
    assert words in e.value.zh and counts(me) == before


def test_a_tampered_or_foreign_file_is_refused(chain, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, township, village = chain
    doc = json.loads(village.identity.read_text(encoding="utf-8"))
    doc["office"]["name"] = "假村"  # signature no longer matches
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    before = counts(township)
    for path, words in ((bad, "签名验证失败"), (tmp_path / "x.sqlite3", "不是身份文件")):
        if not path.exists():
            path.write_bytes(b"SQLite format 3\x00" + bytes(100))
        with township.session() as s, s.begin(), pytest.raises(T.TrustError) as e:
            T.trust_file(s, actor_for(s), path)
        assert words in e.value.zh and "重新导出" in e.value.zh
    assert counts(township) == before


def test_a_different_key_for_a_trusted_office_is_refused_until_the_old_one_is_revoked(chain, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, township, village = chain
    trust(township, village)
    # the village reinstalled: a new database for the same office, a new key
    (tmp_path / "new").mkdir()
    again = make_office(tmp_path / "new", "village", VILLAGE, "岩寨村", TOWNSHIP)
    before = counts(township)
    with township.session() as s, s.begin(), pytest.raises(T.TrustError) as e:
        T.trust_file(s, actor_for(s), again.identity)
    assert "另一把密钥" in e.value.zh and "keys revoke" in e.value.zh and counts(township) == before
    with township.session() as s, s.begin():
        T.revoke_office(s, actor_for(s), VILLAGE)
    r = trust(township, again)
    assert not r.already_trusted
    with township.session() as s:
        statuses = sorted((v.fingerprint == r.identity.fingerprint, v.status) for v in T.list_keys(s)
                          if v.office_code == VILLAGE)
    assert statuses == [(False, "revoked"), (True, "trusted")]
    again.engine.dispose()


def test_revoke_from_a_date_keeps_the_earlier_point_and_is_audited(chain) -> None:  # type: ignore[no-untyped-def]
    _, township, village = chain
    trust(township, village)
    with township.session() as s, s.begin():
        first = T.revoke_office(s, actor_for(s), VILLAGE, from_date=dt.date(2026, 3, 1))
    with township.session() as s, s.begin():
        later = T.revoke_office(s, actor_for(s), VILLAGE, from_date=dt.date(2026, 5, 1))
    assert first.fingerprints and later.fingerprints == []
    with township.session() as s:
        rows = T.office_keys(s, VILLAGE)
        assert {r.revoked_at for r in rows} == {T.start_of_local_day(dt.date(2026, 3, 1))}
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "revoke")) == 1
        with pytest.raises(T.TrustError):
            T.revoke_office(s, actor_for(s), TOWNSHIP)
        with pytest.raises(T.NotFoundError):
            T.revoke_office(s, actor_for(s), "522631100299")
    # a revoked identity cannot simply be trusted again
    with township.session() as s, s.begin(), pytest.raises(T.TrustError) as e:
        T.trust_file(s, actor_for(s), village.identity)
    assert "停用" in e.value.zh


def test_rotate_keeps_the_old_key_and_signs_an_announcement_with_it(chain) -> None:  # type: ignore[no-untyped-def]
    _, _, village = chain
    with village.session() as s, s.begin():
        old_fp = K.own_fingerprint(s, VILLAGE)
        result = T.rotate_keys(s, actor_for(s))
    assert result.announced and result.old_fingerprint == old_fp != result.new_fingerprint
    with village.session() as s:
        assert K.own_fingerprint(s, VILLAGE) == result.new_fingerprint
        views = [v for v in T.list_keys(s) if v.relation == "self"]
        assert sorted(v.status for v in views) == ["current", "retired"]
        # the old encryption key still opens what was sealed to it
        olds = [r for r in K.own_keys(s, VILLAGE, "encrypt") if r.fingerprint == old_fp]
        assert K.decryption_key(olds[0]) is not None
        anns = T.pending_announcements(s)
        assert len(anns) == 1 and anns[0]["old_fingerprint"] == old_fp
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "rotate")) == 1


def test_rotate_without_the_old_private_key_says_peers_must_retrust(chain) -> None:  # type: ignore[no-untyped-def]
    _, _, village = chain
    with village.session() as s:
        fp = K.own_fingerprint(s, VILLAGE)
    K.key_file(VILLAGE, fp).unlink()  # e.g. a database restored on a new laptop
    with village.session() as s, s.begin(), pytest.raises(K.KeyMissingError) as e:
        T.identity_document(s)
    assert "keys 文件夹" in e.value.zh
    with village.session() as s, s.begin():
        result = T.rotate_keys(s, actor_for(s))
    assert not result.announced
    with village.session() as s:
        assert T.pending_announcements(s) == []
        assert T.identity_document(s)  # signs with the new key


def test_cli_keys_commands(chain, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    county, township, village = chain
    tdb = township.engine.url.database
    out = tmp_path / "cli-identity.json"
    assert main(["--db", tdb, "keys", "export", "--out", str(out)]) == 0
    assert T.read_identity(out.read_bytes()).code == TOWNSHIP
    assert "指纹" in capsys.readouterr().out
    assert main(["--db", tdb, "keys", "trust", str(village.identity)]) == 0
    assert "电话" in capsys.readouterr().out
    assert main(["--db", tdb, "keys", "trust", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "本单位自己" in err[0]
    assert main(["--db", tdb, "keys", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {(x["office_code"], x["status"]) for x in listed} == {(TOWNSHIP, "current"), (VILLAGE, "trusted")}
    assert main(["--db", tdb, "keys", "revoke", VILLAGE, "--from", "2026-02-01"]) == 0
    capsys.readouterr()
    assert main(["--db", tdb, "keys", "list", "--json"]) == 0
    listed = {x["office_code"]: x for x in json.loads(capsys.readouterr().out)}
    assert listed[VILLAGE]["status"] == "revoked" and listed[VILLAGE]["revoked_at"]
    assert main(["--db", tdb, "keys", "rotate", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["announced"] is True
