"""The bundle envelope: sealed by one office, opened by the addressed one; every container
fault refused with a Chinese message, before anything is written.

Three offices (county, township, village) are set up once per module with init_office and
trust each other through the real identity export/trust functions; each test works on
copies of their database files."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.ids import new_id
from app.care.offices import init_office
from app.db import open_database
from app.migration_head import head_revision
from app.models import OfficeKey
from app.sync import envelope as E
from app.sync import keys as K
from app.sync import trust as T

COUNTY, TOWNSHIP, VILLAGE = "522631", "522631100", "522631100201"
PHOTO = b"".join(hashlib.sha256(i.to_bytes(2, "big")).digest() for i in range(300))  # stored raw
RECORDS = b'{"table":"recipients","id":"x","name":"\xe5\xbc\xa0\xe4\xb8\x89"}\n' * 200


@dataclass
class Env:
    code: str
    engine: Engine

    def session(self) -> Session:
        return Session(self.engine)


def _build(root: Path, role: str, code: str, name: str, parent: str | None) -> Path:
    path = root / f"{code}.sqlite3"
    eng = open_database(path)
    with Session(eng) as s, s.begin():
        init_office(s, role=role, code=code, name=name, parent=parent, operator="测试员")
    with Session(eng) as s, s.begin():
        T.export_identity(s, root / f"{code}.json")
    eng.dispose()
    return path


def _trust(root: Path, who: str, whom: str) -> None:
    eng = open_database(root / f"{who}.sqlite3")
    with Session(eng) as s, s.begin():
        T.trust_file(s, actor_for(s), root / f"{whom}.json")
    eng.dispose()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offices")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GUANAI_HOME", str(root / "home"))
        _build(root, "county", COUNTY, "榕江县", None)
        _build(root, "township", TOWNSHIP, "岩寨镇", COUNTY)
        _build(root, "village", VILLAGE, "岩寨村", TOWNSHIP)
        for who, whom in ((TOWNSHIP, VILLAGE), (VILLAGE, TOWNSHIP), (TOWNSHIP, COUNTY), (COUNTY, TOWNSHIP)):
            _trust(root, who, whom)
    return root


@pytest.fixture(autouse=True)
def guanai_home(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Overrides conftest's: the key files of the module's offices live in its data dir."""
    monkeypatch.setenv("GUANAI_HOME", str(template / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return template / "home"


@pytest.fixture
def offices(template: Path, tmp_path: Path) -> Iterator[dict[str, Env]]:
    envs = {}
    for code in (COUNTY, TOWNSHIP, VILLAGE):
        shutil.copy(template / f"{code}.sqlite3", tmp_path / f"{code}.sqlite3")
        envs[code] = Env(code, open_database(tmp_path / f"{code}.sqlite3"))
    yield envs
    for env in envs.values():
        env.engine.dispose()


def seal(sender: Env, to: str, parts: dict[str, bytes] | None = None, sequence: int = 1) -> bytes:
    with sender.session() as s, s.begin():
        data, _ = E.seal(s, to_office=to, sequence=sequence, previous_sha256=None,
                         parts=parts if parts is not None else {"records.jsonl": RECORDS},
                         counts={"records": 200})
    return data


def forge(sender: Env, to: str, *, parts: dict[str, bytes] | None = None,
          wire: dict[str, Any] | None = None, entries: Callable[[dict[str, Any]], None] | None = None,
          sign_row: OfficeKey | None = None, stored: dict[str, bytes] | None = None) -> bytes:
    """A bundle as a buggy or malicious but trusted sender could make it: signed and
    encrypted properly, with whatever manifest the test wants."""
    parts = parts if parts is not None else {"records.jsonl": RECORDS}
    with sender.session() as s:
        row = sign_row or K.current_own_key(s, sender.code, "sign")
        assert row is not None
        recipient = E.recipient_key(s, to)
        assert recipient is not None
        table: dict[str, Any] = {}
        blobs = []
        for name in sorted(parts):
            blob, encoding = E._store(parts[name])
            blob = (stored or {}).get(name, blob)
            table[name] = {"size": len(parts[name]), "sha256": hashlib.sha256(parts[name]).hexdigest(),
                           "stored": len(blob), "encoding": encoding}
            blobs.append(blob)
        if entries:
            entries(table)
        direction = "up" if to == TOWNSHIP and sender.code == VILLAGE or to == COUNTY else "down"
        manifest = {"format_version": E.FORMAT_VERSION, "schema_version": head_revision(), "algorithms": dict(E.ALGORITHMS),
                    "bundle_id": new_id(), "from_office": sender.code, "to_office": to,
                    "direction": direction, "sequence": 1, "previous_sha256": None,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(), "counts": {},
                    "parts": table, "announcements": T.pending_announcements(s), "signer": row.fingerprint}
        manifest.update(wire or {})
        return E._encrypt(to, recipient, E._sign_body(manifest, blobs, K.signing_key(row)))


def snapshot(env: Env) -> dict[str, int]:
    with env.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}


def refused(env: Env, data: bytes, *codes: str) -> E.BundleRefused:
    """Open in a committed transaction and check it was refused with one of `codes`, in
    Chinese, and that no table changed."""
    before = snapshot(env)
    with env.session() as s, s.begin(), pytest.raises(E.BundleRefused) as info:
        E.open_envelope(s, data)
    err = info.value
    assert err.code in codes, (err.code, err.zh)
    assert any("\u4e00" <= c <= "\u9fff" for c in err.zh) and err.en and err.en != err.zh
    assert snapshot(env) == before
    return err


def opened(env: Env, data: bytes) -> E.OpenedBundle:
    with env.session() as s:
        return E.open_envelope(s, data)


# ---- the good path ---------------------------------------------------------------------------


def test_a_sealed_bundle_opens_at_the_addressed_office_with_every_part(offices: dict[str, Env]) -> None:
    village, township, county = offices[VILLAGE], offices[TOWNSHIP], offices[COUNTY]
    photo_name = f"attachments/{hashlib.sha256(PHOTO).hexdigest()}"
    parts = {"records.jsonl": RECORDS, "acks.json": b"{}", photo_name: PHOTO, "empty.json": b""}
    data = seal(village, TOWNSHIP, parts, sequence=3)
    assert RECORDS[:40] not in data and PHOTO[:64] not in data  # encrypted
    got = opened(township, data)
    assert got.parts == parts and got.sha256 == hashlib.sha256(data).hexdigest()
    m = got.manifest
    assert (m.from_office, m.to_office, m.direction, m.sequence) == (VILLAGE, TOWNSHIP, "up", 3)
    assert m.schema_version == head_revision() and m.format_version == 2
    assert m.algorithms["aead"] == "ChaCha20-Poly1305" and m.algorithms["signature"] == "ed25519"
    assert m.counts == {"records": 200} and m.parts[photo_name]["sha256"] == hashlib.sha256(PHOTO).hexdigest()
    assert m.parts["records.jsonl"]["encoding"] == "zlib" and m.parts[photo_name]["encoding"] == "raw"
    with village.session() as s:
        assert got.signer_fingerprint == K.own_fingerprint(s, VILLAGE)
    # down to the village and up to the county work the same way
    assert opened(village, seal(township, VILLAGE)).manifest.direction == "down"
    assert opened(county, seal(township, COUNTY)).manifest.direction == "up"
    # an empty bundle is a bundle
    assert opened(township, seal(village, TOWNSHIP, {})).parts == {}


def test_sealing_is_refused_for_an_office_not_trusted_or_not_related(offices: dict[str, Env]) -> None:
    village = offices[VILLAGE]
    with village.session() as s, pytest.raises(E.BundleRefused) as e:
        E.seal(s, to_office=COUNTY, sequence=1, previous_sha256=None, parts={}, counts={})
    assert e.value.code == "not_related" and "上级或直属下级" in e.value.zh
    with village.session() as s, s.begin():
        T.revoke_office(s, actor_for(s), TOWNSHIP)
    with village.session() as s, pytest.raises(E.BundleRefused) as e:
        E.seal(s, to_office=TOWNSHIP, sequence=1, previous_sha256=None, parts={}, counts={})
    assert e.value.code == "untrusted_recipient" and "身份文件" in e.value.zh


# ---- damaged files ---------------------------------------------------------------------------


def test_a_flipped_byte_anywhere_is_refused(offices: dict[str, Env]) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    data = seal(village, TOWNSHIP, {"records.jsonl": RECORDS, "acks.json": b"[1,2,3]"})
    header_len = int.from_bytes(data[8:10], "big")
    body = 10 + header_len + 8
    positions = {"header check": body - 3,
        "magic": 0, "header length": 9, "header start": 10, "header middle": 10 + header_len // 2,
        "header end": body - 9, "encapsulated key": body + 5, "ciphertext start": body + 33,
        "ciphertext middle": (body + len(data)) // 2, "ciphertext late": len(data) - 40,
        "tag": len(data) - 8, "last byte": len(data) - 1}
    for where, pos in positions.items():
        for bit in (0x01, 0x80):
            bad = bytearray(data)
            bad[pos] ^= bit
            err = refused(township, bytes(bad), "undecryptable", "not_a_bundle")
            assert "什么也没有导入" in err.zh, where
    assert opened(township, data).parts["acks.json"] == b"[1,2,3]"  # the original still opens


def test_a_truncated_or_padded_file_is_refused(offices: dict[str, Env]) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    data = seal(village, TOWNSHIP)
    for cut in (len(data) - 1, len(data) // 2, 60, 12, 5, 0):
        err = refused(township, data[:cut], "undecryptable", "not_a_bundle")
        if cut > 200:
            assert "不完整" in err.zh and "拷贝" in err.zh
    refused(township, data + b"\x00", "undecryptable")
    refused(township, b"PK\x03\x04" + bytes(100), "not_a_bundle")


def test_a_file_past_the_size_cap_is_refused_before_anything_else(offices: dict[str, Env],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = seal(offices[VILLAGE], TOWNSHIP)
    monkeypatch.setattr(E, "MAX_FILE_BYTES", len(data) - 1)
    err = refused(offices[TOWNSHIP], data, "too_large")
    assert "太大" in err.zh


# ---- who signed it, who it is for --------------------------------------------------------------


def test_signed_by_an_unknown_key_is_refused(offices: dict[str, Env], tmp_path: Path, template: Path) -> None:
    # somebody sets up a database claiming to be the village and trusts the real township
    impostor = Env(VILLAGE, open_database(tmp_path / "impostor.sqlite3"))
    with impostor.session() as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="x")
    with impostor.session() as s, s.begin():
        T.trust_file(s, actor_for(s), template / f"{TOWNSHIP}.json")
    err = refused(offices[TOWNSHIP], seal(impostor, TOWNSHIP), "untrusted_signer")
    assert "签名" in err.zh and "指纹" in err.zh
    impostor.engine.dispose()


def test_a_sender_not_trusted_at_all_is_refused(offices: dict[str, Env]) -> None:
    county, township = offices[COUNTY], offices[TOWNSHIP]
    data = seal(township, COUNTY)
    with county.session() as s, s.begin():  # the county forgets the township's keys
        for row in T.office_keys(s, TOWNSHIP):
            s.delete(row)
    err = refused(county, data, "untrusted_signer")
    assert "还没有信任" in err.zh and "身份文件" in err.zh


def _received(env: Env, sender: str, sequence: int, at: dt.datetime) -> None:
    """The bundle log's line for a bundle imported here at `at` (this laptop's clock)."""
    from app.models import SyncBundle

    with env.session() as s, s.begin():
        s.add(SyncBundle(bundle_id=new_id(), way="in", from_office=sender, to_office=env.code, direction="up",
                         sequence=sequence, sha256="0" * 64, at=at, result="imported", counts_json="{}"))


def test_revoked_key_refused_after_revocation_and_accepted_before(offices: dict[str, Env]) -> None:
    """Revocation ends a key from a bundle number on: the bundles received before stay
    valid, any later number is refused — whatever date its signer writes in it."""
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    before = seal(village, TOWNSHIP, sequence=1)
    _received(township, VILLAGE, 1, dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    with township.session() as s, s.begin():
        result = T.revoke_office(s, actor_for(s), VILLAGE)
    assert result.from_sequence == 2
    after = seal(village, TOWNSHIP, sequence=2)
    assert opened(township, before).manifest.from_office == VILLAGE
    err = refused(township, after, "revoked_signer")
    assert "停用" in err.zh and "新密钥" in err.zh and "第 2 号" in err.zh
    # the thief backdates the bundle to last year: still refused
    backdated = forge(village, TOWNSHIP, wire={"sequence": 3, "created_at": "2025-01-01T00:00:00+00:00"})
    refused(township, backdated, "revoked_signer")


def test_revoke_from_a_date_counts_the_bundles_received_before_it(offices: dict[str, Env]) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    now = dt.datetime.now(dt.UTC)
    _received(township, VILLAGE, 1, now - dt.timedelta(days=10))
    _received(township, VILLAGE, 2, now - dt.timedelta(days=1))
    with township.session() as s, s.begin():
        result = T.revoke_office(s, actor_for(s), VILLAGE, from_date=(now - dt.timedelta(days=5)).date())
    assert result.from_sequence == 2  # number 2 arrived after the date: refused from it on
    refused(township, seal(village, TOWNSHIP, sequence=2), "revoked_signer")
    assert opened(township, seal(village, TOWNSHIP, sequence=1)).manifest.sequence == 1


def test_addressed_to_another_office_is_refused(offices: dict[str, Env]) -> None:
    village, county = offices[VILLAGE], offices[COUNTY]
    to_township = seal(village, TOWNSHIP)
    err = refused(county, to_township, "not_addressed_here")
    assert "岩寨镇" in err.zh or TOWNSHIP in err.zh
    refused(village, to_township, "not_addressed_here")  # the sender's own database


def test_an_up_bundle_fed_in_as_a_down_bundle_is_refused(offices: dict[str, Env]) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    err = refused(township, forge(village, TOWNSHIP, wire={"direction": "down"}), "wrong_direction")
    assert "方向" in err.zh
    refused(village, forge(township, VILLAGE, wire={"direction": "up"}), "wrong_direction")


def test_a_database_with_no_office_refuses(offices: dict[str, Env], tmp_path: Path) -> None:
    blank = Env("", open_database(tmp_path / "blank.sqlite3"))
    err = refused(blank, seal(offices[VILLAGE], TOWNSHIP), "not_this_office")
    assert "guanai init" in err.zh
    blank.engine.dispose()


# ---- what is inside ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "attachments/../../x", "C:\\x", "a/b",
                                  "records.jsonl/../../x", "attachments/ABC", ".hidden", ""])
def test_unsafe_part_names_are_refused(offices: dict[str, Env], name: str) -> None:
    data = forge(offices[VILLAGE], TOWNSHIP, parts={name: b"evil", "records.jsonl": RECORDS})
    err = refused(offices[TOWNSHIP], data, "unsafe_name")
    assert "不允许的文件名" in err.zh


def test_a_link_entry_is_refused(offices: dict[str, Env]) -> None:
    def as_link(table: dict[str, Any]) -> None:
        table["acks.json"].update(type="symlink", linkname="/etc/passwd")

    data = forge(offices[VILLAGE], TOWNSHIP, parts={"acks.json": b"x", "records.jsonl": RECORDS},
                 entries=as_link)
    err = refused(offices[TOWNSHIP], data, "unsafe_name")
    assert "链接" in err.zh


def test_a_payload_expanding_past_its_size_or_the_cap_is_refused(offices: dict[str, Env],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    bomb = zlib.compress(bytes(64 << 20), 9)  # 64 MB of zeros in ~64 KB

    def lie(table: dict[str, Any]) -> None:
        table["records.jsonl"].update(size=1000, encoding="zlib")

    data = forge(village, TOWNSHIP, parts={"records.jsonl": b"x" * 1000}, entries=lie,
                 stored={"records.jsonl": bomb})
    err = refused(township, data, "too_expanded", "part_corrupt")
    assert err.code == "too_expanded" and "压缩炸弹" in err.zh
    # declared sizes past the total cap are refused before any expansion
    monkeypatch.setattr(E, "MAX_EXPANDED_BYTES", 100_000)
    err = refused(township, seal_big(village), "too_expanded")
    assert "展开后太大" in err.zh


def seal_big(village: Env) -> bytes:
    return forge(village, TOWNSHIP, parts={f"p{i}.json": bytes(60_000) for i in range(3)})


def test_a_part_whose_hash_or_size_does_not_match_is_refused(offices: dict[str, Env]) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]

    def wrong_hash(table: dict[str, Any]) -> None:
        table["acks.json"]["sha256"] = "0" * 64

    def wrong_size(table: dict[str, Any]) -> None:
        table["acks.json"]["size"] += 1

    def wrong_stored(table: dict[str, Any]) -> None:
        table["acks.json"]["stored"] -= 1

    for mutate, words in ((wrong_hash, "SHA-256"), (wrong_size, "大小"), (wrong_stored, "")):
        data = forge(village, TOWNSHIP, parts={"acks.json": b"[1,2,3]" * 3, "records.jsonl": RECORDS},
                     entries=mutate)
        err = refused(township, data, "part_corrupt")
        assert words in err.zh


def test_a_schema_newer_than_this_app_is_refused(offices: dict[str, Env]) -> None:
    data = forge(offices[VILLAGE], TOWNSHIP, wire={"schema_version": "0099_from_the_future"})
    err = refused(offices[TOWNSHIP], data, "schema_too_new")
    assert "升级" in err.zh and "0099_from_the_future" in err.zh


@pytest.mark.parametrize("change", [{"sequence": 0}, {"counts": {"records": -1}}, {"created_at": "yesterday"},
                                    {"extra_field": 1}, {"previous_sha256": "xyz"}, {"bundle_id": 5}])
def test_a_malformed_manifest_is_refused(offices: dict[str, Env], change: dict[str, Any]) -> None:
    err = refused(offices[TOWNSHIP], forge(offices[VILLAGE], TOWNSHIP, wire=change), "bad_manifest")
    assert "清单格式不对" in err.zh


# ---- key rotation end to end ---------------------------------------------------------------------


def test_key_rotation_end_to_end(offices: dict[str, Env]) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    sealed_before = seal(village, TOWNSHIP, sequence=1)  # signed with the old key
    to_old_key = seal(township, VILLAGE)  # sealed to the village's old key
    with village.session() as s:
        old_sign = K.current_own_key(s, VILLAGE, "sign")
        assert old_sign is not None
        s.expunge(old_sign)
    with village.session() as s, s.begin():
        rotation = T.rotate_keys(s, actor_for(s))
    # the first bundle after the rotation: signed with the new key, announcement inside
    after = seal(village, TOWNSHIP, sequence=2)
    got = opened(township, after)
    assert got.signer_fingerprint == rotation.new_fingerprint
    assert [a["new_fingerprint"] for a in got.manifest.announcements] == [rotation.new_fingerprint]
    with township.session() as s, s.begin():
        E.apply_announcements(s, actor_for(s), got)
    with township.session() as s, s.begin():
        E.apply_announcements(s, actor_for(s), got)  # again: nothing new
    with township.session() as s:
        rows = {(r.fingerprint, r.purpose): r for r in T.office_keys(s, VILLAGE)}
        assert len(rows) == 4
        assert rows[(rotation.new_fingerprint, "sign")].revoked_at is None
        assert rows[(rotation.old_fingerprint, "sign")].revoked_at is not None
        assert s.scalar(select(func.count()).select_from(OfficeKey)
                        .where(OfficeKey.office_code == VILLAGE)) == 4
        new_enc = E.recipient_key(s, VILLAGE)
        assert new_enc is not None and new_enc.fingerprint == rotation.new_fingerprint
    # older bundles stay valid; a bundle the township sealed to the old key still opens
    assert opened(township, sealed_before).signer_fingerprint == rotation.old_fingerprint
    assert opened(village, to_old_key).manifest.from_office == TOWNSHIP
    # the township now encrypts to the new key
    down = seal(township, VILLAGE)
    header_len = int.from_bytes(down[8:10], "big")
    with township.session() as s:
        assert K.key_id(E.recipient_key(s, VILLAGE).public_key).encode() in down[10:10 + header_len]  # type: ignore[union-attr]
    assert opened(village, down).manifest.direction == "down"
    # the old key signing something after the rotation is refused (a stolen old key), even
    # dated before it
    err = refused(township, forge(village, TOWNSHIP, sign_row=old_sign,
                                  wire={"sequence": 3, "created_at": "2020-01-01T00:00:00+00:00"}), "revoked_signer")
    assert rotation.old_fingerprint in err.zh
    # later bundles still carry the announcement, and a second rotation chains from the first
    with village.session() as s, s.begin():
        second = T.rotate_keys(s, actor_for(s))
    got2 = opened(township, seal(village, TOWNSHIP, sequence=3))
    assert got2.signer_fingerprint == second.new_fingerprint and len(got2.manifest.announcements) == 2


def test_an_office_that_missed_a_rotation_learns_it_from_the_chain(offices: dict[str, Env]) -> None:
    village, township = offices[VILLAGE], offices[TOWNSHIP]
    for _ in range(2):
        with township.session() as s, s.begin():
            T.rotate_keys(s, actor_for(s))
    # the village never imported anything in between: both announcements chain from its key
    got = opened(village, seal(township, VILLAGE))
    with village.session() as s, s.begin():
        E.apply_announcements(s, actor_for(s), got)
    with village.session() as s, township.session() as t:
        assert E.recipient_key(s, TOWNSHIP).fingerprint == K.own_fingerprint(t, TOWNSHIP)  # type: ignore[union-attr]


def test_a_laptop_without_the_private_key_file_says_where_it_should_be(offices: dict[str, Env], tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = seal(offices[VILLAGE], TOWNSHIP)
    monkeypatch.setattr(K, "key_file", lambda code, fp: tmp_path / "gone" / f"{code}.key")
    err = refused(offices[TOWNSHIP], data, "key_missing")
    assert "私钥文件" in err.zh and "keys 文件夹" in err.zh
