"""What a bundle carried, told in words (关爱对象 15 人) rather than table names, by the CLI's
text output; its --json keeps the table names (the public contract)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.models.codes import TABLE_WORDS, counts_text, table_noun
from app.sync.records import TABLES
from tests.sync_offices import TOWNSHIP, VILLAGE, chain, register


def test_every_table_a_bundle_carries_has_words() -> None:
    assert set(TABLES) | {"attachment_files"} <= set(TABLE_WORDS)
    for zh, unit, one, many in TABLE_WORDS.values():
        assert zh and unit and one and many and "_" not in one + many


def test_counts_read_people_first_in_chinese_and_english() -> None:
    counts = {"care_records": 120, "offices": 2, "recipients": 15, "guardians": 0, "attachment_files": 1}
    assert counts_text(counts) == "关爱对象 15 人，关爱记录 120 条，单位 2 个，附件文件 1 个"
    assert counts_text(counts, "en") == "15 care recipients, 120 care records, 2 offices, 1 attachment file"
    assert counts_text({"newer_table": 3}) == "newer_table 3"  # a table without words yet: its name
    assert table_noun("recipients") == "关爱对象" and table_noun("recipients", "en") == "care recipient"


@pytest.mark.parametrize("lang, words", [("zh_CN", "关爱对象 1 人"), ("en", "1 care recipient")])
def test_bundle_export_says_what_it_carried_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     lang: str, words: str) -> None:
    from app.cli import main

    v = chain(tmp_path, TOWNSHIP, VILLAGE)[VILLAGE]
    register(v, "吴秀英")
    db = str(v.dir / "db.sqlite3")
    assert main(["--db", db, "--lang", lang, "bundle", "export", "--to", TOWNSHIP,
                 "--out", str(tmp_path / "up.bundle")]) == 0
    said = capsys.readouterr().out.split(str(tmp_path))[0]  # the words before the file's path
    assert words in said
    assert "_" not in said  # no care_records, status_events…
    if lang == "zh_CN":
        assert re.search("[A-Za-z]", said) is None  # no recipients, offices…
    assert main(["--db", db, "bundle", "export", "--to", TOWNSHIP, "--out", str(tmp_path / "again.bundle"),
                 "--resend", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["recipients"] == 1  # --json: table names
