"""A property of the whole command line: whatever arguments a script or a tired director types
(control and invisible characters, bytes that are not UTF-8, numbers too large for any
column, dates of year 1 or 9999, periods of no year, paths to folders, to nowhere, with a NUL),
`guanai` answers with exit 0, 1 or 2 and words, never a traceback; and a refusal (1 or 2)
changes nothing in the database.

Driven in-process (app.cli.main) on a copy of one small database per example, writing to
strict UTF-8 streams as a terminal would."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.cli import main
from tests.helpers import make_id

VILLAGE = "522631100201"
NASTY = ("\x00", "\x07", "\t", "\n", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\u2060", "\ufeff",
         "\u202e", "\u2066", "\u200f", "\u061c", "\u2028", "\udcff", "\udc80", "，", "张", "0", "9", "-", "Q", "e")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A village database with one recipient (so `demo` refuses at once), made once."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GUANAI_HOME", str(home))
        db = tmp_path_factory.mktemp("tpl") / "v.sqlite3"
        assert main(["--db", str(db), "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["--db", str(db), "recipients", "add", "--name", "龙浩宇", "--id-number",
                         make_id(dt.date(2015, 3, 6)), "--category", "left_behind_child",
                         "--json"]) == 0
        with sqlite3.connect(db) as c:
            rid = c.execute("SELECT id FROM recipients").fetchone()[0]
        with sqlite3.connect(db) as c:  # one file, no -wal beside it, to copy
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        yield db, rid


# ---- the arguments ---------------------------------------------------------------------------

text = st.one_of(st.text(alphabet=st.sampled_from(NASTY), max_size=12),
                 st.text(max_size=40), st.sampled_from(["", " ", "张" * 200, "路" * 121]))
number = st.one_of(st.integers(min_value=-(2**80), max_value=2**80).map(str),
                   st.sampled_from(["1e20", "2**70", "99999999999999999999", "-1", "0", "nan", "１２", "1_000"]),
                   text)
date = st.one_of(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)).map(lambda d: d.isoformat()),
                 st.dates().map(lambda d: d.isoformat()),
                 st.sampled_from(["9999-01-01", "0001-01-01", "2026-02-30", "2026-1-1", "20260101"]), text)
period = st.one_of(st.sampled_from(["2026-Q3", "9999-Q3", "0000-Q1", "2026-Q5", "2026-13", "2026-W54",
                                    "1900-H1", "2100-H2", "99999999999999999999-Q1"]),
                   st.builds(lambda y, k: f"{y}-{k}", st.integers(0, 99999),
                             st.sampled_from(["Q1", "H2", "07", "W01", "W53"])),
                   text)


def outputs(tmp: Path) -> st.SearchStrategy[str]:
    return st.sampled_from([str(tmp / "out.pdf"), str(tmp / "out.xlsx"), str(tmp), "/dev/null/x.pdf",
                            str(tmp / "a\x00b.pdf"), str(tmp / "\udcff.xlsx"), str(tmp / "new" / "x.xlsx"), ""])


def commands(rid: str, tmp: Path) -> st.SearchStrategy[list[str]]:
    out = outputs(tmp)
    ident = st.one_of(st.just(rid), text)
    category = st.one_of(st.sampled_from(["left_behind_child", "left_behind_elder,severe_disability"]), text)

    def opts(**pairs: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
        """Each option present or not, with a value from its strategy."""
        # --opt=value: a value that starts with "-" is still the option's, not another option
        parts = [st.one_of(st.just([]), v.map(lambda x, k=k: [f"{k}={x}"])) for k, v in pairs.items()]
        return st.tuples(*parts).map(lambda ps: [a for p in ps for a in p])

    return st.one_of(
        st.tuples(text, category, opts(**{"--address": text, "--notes": text, "--disability-grade": number,
                                          "--date": date, "--phone": text, "--school": text}))
        .map(lambda t: ["recipients", "add", "--name", t[0], "--id-number", make_id(
            dt.date(2014, 5, 6)), "--category", t[1], *t[2]]),
        st.tuples(ident, opts(**{"--name": text, "--address": text, "--notes": text, "--disability-grade": number,
                                 "--ethnicity": text}))
        .map(lambda t: ["recipients", "edit", t[0], *t[1]]),
        opts(**{"--search": text, "--limit": number, "--category": text, "--status": text})
        .map(lambda o: ["recipients", "list", *o]),
        st.tuples(st.sampled_from(["call", "visit", "aid", "wish"]), ident,
                  opts(**{"--date": date, "--note": text, "--value": number, "--items": text, "--donor": text,
                          "--visitors": text, "--reached": text}))
        .map(lambda t: ["log", t[0], t[1], *t[2]]),
        st.tuples(st.sampled_from(["report", "exit", "reject"]), ident,
                  opts(**{"--date": date, "--reason": text, "--doc-no": text}))
        .map(lambda t: ["lifecycle", t[0], t[1], *t[2]]),
        opts(**{"--date": date}).map(lambda o: ["tasks", *o]),
        period.map(lambda p: ["status", "--period", p]),
        st.tuples(period, out).map(lambda t: ["report", "ledger", "--period", t[0], "--out", t[1]]),
        st.tuples(out, opts(**{"--date": date})).map(lambda t: ["print", "roster", "--out", t[0], *t[1]]),
        out.map(lambda o: ["roster", "export", o]),
        st.tuples(number, number).map(lambda t: ["demo", "--scale", "village", "--seed", t[0], "--years", t[1]]),
        st.tuples(text, number).map(lambda t: ["rules", "set", t[0], "--count", t[1]]),
    )


def snapshot(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as c:
        tables = [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables] + [
            ("audit", c.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0])]


def terminal() -> io.TextIOWrapper:
    """A stream that, like a UTF-8 terminal, cannot take what is not UTF-8 unless told how."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_any_arguments_exit_0_1_or_2_without_a_traceback(template: tuple[Path, str], data: st.DataObject) -> None:
    source, rid = template
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        db = tmp / "v.sqlite3"
        shutil.copyfile(source, db)
        argv = data.draw(commands(rid, tmp))
        before = snapshot(db)
        out, err = terminal(), terminal()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--db", str(db), *argv])
            except SystemExit as e:  # argparse's wrong usage
                code = e.code  # type: ignore[assignment]
        out.flush()
        err.flush()
        said = out.buffer.getvalue().decode() + err.buffer.getvalue().decode()  # type: ignore[attr-defined]
        event(f"{argv[0]} exit {code}")  # pytest --hypothesis-show-statistics: all three are reached
        assert code in (0, 1, 2), (argv, code, said)
        assert "Traceback" not in said, (argv, said)
        if code != 0:
            assert said.strip(), argv  # a refusal says why
            assert snapshot(db) == before, argv  # and changes nothing
