"""Spreadsheet benchmarks (issue 6): importing a 10,000-row roster against openpyxl's
read-only load of the same file, and exporting a 100,000-row roster against openpyxl's
write-only mode writing the same cells, each measured in the same run.

    .venv/bin/python -m bench.sheets            (about a minute or two on 2 cores)

Data goes to bench/.data/sheets/ (ignored by git), rebuilt every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session
from stdnum.cn import ric

from bench.run import DATA, Result, Runs, compared, interleaved, machine, table, timed

HERE = DATA / "sheets"
VILLAGE = "522631100201"
TOWNSHIP = "522631100"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓韩冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪"
GIVEN = "小花明华丽军英芳建国秀兰志强玉梅海燕红霞金凤德成桂珍永福春生秋月文杰"


def _ids(n: int, rng: random.Random) -> list[tuple[str, dt.date, str]]:
    out, seen = [], set()
    while len(out) < n:
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 25))
        seq = rng.randrange(1000)
        body = f"522631{birth:%Y%m%d}{seq:03d}"
        number = body + ric.calc_check_digit(body + "0")
        if number not in seen:
            seen.add(number)
            out.append((number, birth, "male" if seq % 2 else "female"))
    return out


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def make_roster_file(path: Path, n: int, seed: int = 6) -> Path:
    """A realistic office roster: a title row, a two-row merged header, n elders."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.merged_cells.add("A1:N1")
    ws.merged_cells.add("L2:M2")
    for c in "ABCDEFGHIJKN":
        ws.merged_cells.add(f"{c}2:{c}3")
    ws.append(["岩寨村关爱对象花名册"])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "出生日期", "民族", "联系电话", "家庭住址", "人员类别",
               "是否重点监护", "自理能力", "监护人", None, "备注"])
    ws.append([None] * 11 + ["姓名", "电话", None])
    for i, (number, birth, sex) in enumerate(_ids(n, rng), start=1):
        ws.append([i, _name(rng), "男" if sex == "male" else "女", number, birth, "苗族",
                   f"139{rng.randrange(10**8):08d}", f"岩寨村{rng.randrange(1, 12)}组",
                   "留守老人、分散供养特困人员" if i % 3 else "留守老人", "是" if i % 10 == 0 else "否",
                   rng.choice(("完全自理", "部分自理")), _name(rng), f"138{rng.randrange(10**8):08d}", None])
    wb.save(path)
    return path


def fresh_db(name: str, role: str = "village"):  # type: ignore[no-untyped-def]
    from app.care.offices import init_office
    from app.db import open_database

    path = HERE / name
    for p in HERE.glob(name + "*"):
        p.unlink()
    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role=role, code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="王主任")
    return engine


def bench_import(results: list[Result], n: int = 10_000, rounds: int = 3) -> None:
    """Each side run `rounds` times, all of them taking turns within each round, and the
    medians reported with their ranges: this machine's speed drifts by a factor of two within
    a minute, and a ratio of two figures taken a minute apart measured the drift as much as
    the code. Two baselines: openpyxl's read-only load (what an office's own script would
    use) and python-calamine's plain read of every cell (the reader the import uses), so the
    second ratio is the price of the import's own work."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    from app.care.search import name_keys
    from app.reports.roster_import import run_import
    from app.reports.roster_import_read import read_roster

    path = make_roster_file(HERE / "roster-10k.xlsx", n)

    def raw() -> None:
        wb = load_workbook(path, read_only=True)
        for _row in wb.worksheets[0].iter_rows(values_only=True):
            pass
        wb.close()

    def raw_calamine() -> None:
        wb = CalamineWorkbook.from_path(str(path))
        wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        wb.close()

    times: dict[str, list[float]] = {}

    def keep(key: str, seconds: float) -> None:
        times.setdefault(key, []).append(seconds)

    for _ in range(rounds):
        keep("raw", timed(raw))
        keep("calamine", timed(raw_calamine))
        keep("read", timed(lambda: read_roster(path)))
        engine = fresh_db("import.sqlite3")
        t = time.perf_counter()
        dry = run_import(engine, path, dry_run=True)
        keep("dry", time.perf_counter() - t)
        assert len(dry.passed) == n, len(dry.passed)
        t = time.perf_counter()
        real = run_import(engine, path)  # as in the app: the dry run has met every name's pinyin
        keep("real", time.perf_counter() - t)
        assert len(real.imported) == n
        engine.dispose()
        engine = fresh_db("import-cold.sqlite3")
        name_keys.cache_clear()  # as a one-off `guanai roster import` meets the names
        t = time.perf_counter()
        cold = run_import(engine, path)
        keep("cold", time.perf_counter() - t)
        assert len(cold.imported) == n
        engine.dispose()

    runs = {k: Runs(tuple(v)) for k, v in times.items()}
    rows = [
        ("read", f"reading a {n:,}-row roster (header, merges, rows)", "", ""),
        ("dry", f"`roster import --dry-run`, {n:,} rows (read + every check, nothing written)", "", ""),
        ("real", f"`roster import`, {n:,} rows committed (with audit), after the preview", "within 2×",
         "as in the app: the dry run has met every name's pinyin"),
        ("cold", f"`roster import`, {n:,} rows committed (with audit), no preview", "within 2×",
         "every name's pinyin worked out afresh, as `guanai roster import`"),
    ]
    for key, name, target, note in rows:
        results.append(compared(name, runs[key], "openpyxl read-only load of the same file", runs["raw"], target, note))
        results.append(compared(name, runs[key], "python-calamine read of every cell of the same file",
                                runs["calamine"], "", "the reader the import uses"))


def _fill_recipients(engine, n: int) -> None:  # type: ignore[no-untyped-def]
    """n recipients written straight into the table (the bench's own data, not the app's
    way of writing: the export only reads them)."""
    from app.care.ids import new_id
    from app.models import Recipient

    rng = random.Random(7)
    rows = []
    for number, birth, sex in _ids(n, rng):
        name = _name(rng)
        rows.append(dict(id=new_id(), origin_office=VILLAGE, modified_office=VILLAGE, hlc="0", deleted=False,
                         village_code=VILLAGE, name=name, name_pinyin=name, name_initials="", sex=sex,
                         id_number=number, birth_date=birth, ethnicity="苗族",
                         address=f"岩寨村{rng.randrange(1, 12)}组", phone=f"139{rng.randrange(10**8):08d}",
                         categories=("left_behind_elder",), key_monitoring=False, status="confirmed",
                         status_date=dt.date(2025, 1, 1), self_care="partial", work_ability="none",
                         is_urban=False, in_institution=False, surveyed_on=dt.date(2024, 12, 1)))
    with engine.begin() as c:
        c.execute(insert(Recipient.__table__), rows)


def bench_export(results: list[Result], n: int = 100_000, rounds: int = 3) -> None:
    from openpyxl import Workbook

    from app.db import unit_of_work
    from app.reports.roster_export import COLUMNS, export_roster, roster_rows

    engine = fresh_db("export.sqlite3")
    _fill_recipients(engine, n)
    with unit_of_work(engine) as s:
        _title, rows = roster_rows(s)
    assert len(rows) == n

    def raw() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("花名册")
        ws.append([c.header for c in COLUMNS])
        for r in rows:
            ws.append(r)
        wb.save(HERE / "raw-100k.xlsx")

    def ours() -> None:
        with unit_of_work(engine) as s:
            export_roster(s, HERE / "roster-100k.xlsx", full_ids=True)  # as before issue 15: the full workbook

    ours_runs, base_runs = interleaved(ours, raw, rounds)
    results.append(compared(f"`roster export`, {n:,} rows (query + styled sheet)", ours_runs,
                            "openpyxl write-only writing the same cells", base_runs, "within 1.5×"))
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.sheets", description=__doc__)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--export-rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs of each side (medians reported)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    HERE.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    print("… import", file=sys.stderr)
    bench_import(results, args.import_rows, args.rounds)
    print("… export", file=sys.stderr)
    bench_export(results, args.export_rows, args.rounds)
    print(f"\n{dt.date.today().isoformat()} — {machine()}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
