"""`guanai print match CODE`: the agreement a signed copy's QR code (or its number typed by
hand) belongs to; a misread code or an unknown number is refused with exit 1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from app.reports import qr
from tests.helpers import make_id

VILLAGE = "522631100201"


def test_print_match_finds_the_agreement_of_a_scanned_code(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "m.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "recipients", "add", "--name", "吴老汉", "--id-number",
                 make_id(dt.date(1944, 5, 5), seq=40), "--category", "left_behind_elder", "--json"]) == 0
    rid = json.loads(capsys.readouterr().out)["id"]
    assert main(["--db", db, "print", "agreement", "--kind", "family-support", "--recipient", rid,
                 "--out", str(tmp_path / "a.pdf"), "--date", "2026-03-02", "--json"]) == 0
    number = json.loads(capsys.readouterr().out)["numbers"][0]

    from sqlalchemy import create_engine, text

    with create_engine(f"sqlite:///{db}").connect() as c:
        aid = c.execute(text("SELECT id FROM agreements WHERE number = :n"), {"n": number}).scalar_one()

    assert main(["--db", db, "print", "match", qr.payload(aid), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found == {"id": aid, "number": number, "kind": "family_support", "kind_zh": "家庭赡养责任书",
                     "status": "printed", "recipient_id": rid, "recipient": "吴老汉", "village_code": VILLAGE}

    # Typed through a Chinese input method in full-width, or with caps lock: read as meant.
    full_width = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in qr.payload(aid).lower())
    assert main(["--db", db, "print", "match", full_width, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == aid

    assert main(["--db", db, "print", "match", number]) == 0  # the number typed by hand
    out = capsys.readouterr().out
    assert number in out and "吴老汉" in out and "家庭赡养责任书" in out and "已打印" in out

    misread = qr.payload(aid)[:-2] + ("00" if not qr.payload(aid).endswith("00") else "11")
    assert main(["--db", db, "print", "match", misread]) == 1
    assert "校验码不符" in capsys.readouterr().err
    assert main(["--db", db, "print", "match", "522631100201-1999-9999", "--json"]) == 1
    assert "找不到编号" in capsys.readouterr().err
