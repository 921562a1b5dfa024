"""The seam for encryption at rest: a SQLite file opened with the office's key is a SQLCipher
file whose bytes hold no readable text, and it opens again with the same key."""

import os

import pytest
from sqlalchemy import text

from app.db import open_database
from tests.server_db import ON_SERVER

pytestmark = pytest.mark.skipif(ON_SERVER, reason="about the SQLite file itself")


def test_a_file_opened_with_a_key_is_encrypted(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "a.sqlite3"
    engine = open_database(path, key=key, migrate=False)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (a TEXT)"))
        conn.execute(text("INSERT INTO t VALUES ('110101200001011234')"))
    engine.dispose()
    raw = path.read_bytes()
    assert b"110101200001011234" not in raw
    assert raw[:16] != b"SQLite format 3\x00"
    engine = open_database(path, key=key, migrate=False)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT a FROM t")).scalar() == "110101200001011234"
    engine.dispose()
