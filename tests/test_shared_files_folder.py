"""Issue 17 point 4: a server office's attachments live in one folder every computer of the
office sees (`guanai files-folder PATH`, kept in the shared database); a SQLite file keeps
them beside it and refuses the setting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.care.attachments import attach_file, read_blob, set_shared_folder, store_dir_for
from app.care.context import actor_for
from app.care.errors import ValidationError
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.cli import main
from app.db import open_database
from tests.helpers import LEFT_BEHIND, make_id
from tests.server_db import ON_SERVER

VILLAGE = "522631100201"


def _village(path: Path) -> object:
    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=VILLAGE[:9], operator="王主任")
    return engine


@pytest.mark.skipif(not ON_SERVER, reason="a server database (GUANAI_TEST_DB_URL)")
def test_a_photo_attached_on_one_computer_opens_on_another(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _village(tmp_path / "v.sqlite3")
    shared = tmp_path / "share" / "guanai-files"
    photo = tmp_path / "家访.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the visit")
    with Session(engine) as s, s.begin():
        assert set_shared_folder(s, actor_for(s), shared) == shared.resolve()  # once, by the IT person
    with Session(engine) as s, s.begin():
        rid = add_recipient(s, actor_for(s), name="龙秀英", id_number=make_id(dt.date(2015, 4, 9), seq=37),
                            categories=["left_behind_child"], surveyed_on=dt.date(2026, 1, 5), **LEFT_BEHIND).id
        att = attach_file(s, actor_for(s), store_dir_for(engine), source=photo, owner_table="recipients",
                          owner_id=rid)
        sha = att.sha256
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    monkeypatch.setenv("GUANAI_HOME", str(tmp_path / "another-computer"))  # another data directory
    other = open_database(url)
    assert store_dir_for(other) == shared.resolve()
    assert read_blob(store_dir_for(other), sha) == photo.read_bytes()
    other.dispose()


def test_a_sqlite_file_keeps_its_files_beside_it_and_refuses_the_setting(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if ON_SERVER:
        pytest.skip("about the SQLite file")
    engine = _village(tmp_path / "v.sqlite3")
    assert store_dir_for(engine) == tmp_path / "v-files"
    with Session(engine) as s, s.begin(), pytest.raises(ValidationError, match="不需要设置"):
        set_shared_folder(s, actor_for(s), tmp_path / "elsewhere")
    engine.dispose()
    assert main(["--db", str(tmp_path / "v.sqlite3"), "files-folder", str(tmp_path / "elsewhere")]) == 1
    assert "不需要设置" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "v.sqlite3"), "files-folder", "--json"]) == 0
    assert '"folder"' in capsys.readouterr().out
