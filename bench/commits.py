"""The roster import at two commits, taken in turn (issue 18 point 2: before and after a change).

    python -m bench.commits BEFORE AFTER [--rows 10000] [--rounds 5]

Each commit is checked out into its own worktree under bench/.data/commits/ (detached; the
same .venv, so only the app's code differs) and, `--rounds` times in turn (before, after,
before, …), a fresh interpreter started in that worktree imports the same roster file into a
fresh village database (`run_import`, every name's pinyin worked out afresh, as `guanai roster
import` does) beside python-calamine's plain read of the same file, its raw baseline (the
median of three reads, one before the import and two after), in that same process. The machine's load (`/proc/loadavg`, one minute) is noted beside each run: on a
shared machine the ratio to the baseline, and the CPU time, are the figures to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench.run import DATA, Runs, machine

ROOT = Path(__file__).resolve().parent.parent
HERE = DATA / "commits"

# Run in the commit's worktree (its `app` first on sys.path: `python -c` puts the current
# directory there, ahead of the editable install's finder). Only long-standing names used.
CHILD = r"""
import json, sys, time
from pathlib import Path
import app
assert Path(app.__file__).resolve().is_relative_to(Path.cwd().resolve()), app.__file__
from python_calamine import CalamineWorkbook
from sqlalchemy.orm import Session
from app.care.offices import init_office
from app.db import open_database
from app.reports.roster_import import run_import

sheet, db, rows = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for p in db.parent.glob(db.name + "*"):
    p.unlink()
engine = open_database(db)
with Session(engine) as s, s.begin():
    init_office(s, role="village", code="522631100201", name="岩寨村", parent="522631100", operator="王主任")

def measured(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c

def calamine():
    wb = CalamineWorkbook.from_path(str(sheet))
    wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    wb.close()

reads = [measured(calamine)]
done, wall, cpu = measured(lambda: run_import(engine, sheet))
assert len(done.imported) == rows, len(done.imported)
reads += [measured(calamine), measured(calamine)]
base_wall = sorted(r[1] for r in reads)[1]  # the median of three reads around the import
base_cpu = sorted(r[2] for r in reads)[1]
engine.dispose()
print(json.dumps({"wall": wall, "cpu": cpu, "base_wall": base_wall, "base_cpu": base_cpu}))
"""


def worktree(commit: str) -> Path:
    sha = subprocess.run(["git", "rev-parse", commit], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    path = HERE / sha[:10]
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), sha], cwd=ROOT, check=True,
                       capture_output=True)
    return path


def load1() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def run_once(tree: Path, sheet: Path, rows: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(sheet), str(HERE / f"import-{tree.name}.sqlite3"),
                          str(rows)], cwd=tree, capture_output=True, text=True,
                         env=dict(os.environ, GUANAI_HOME=str(HERE / "home")), timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.commits", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    HERE.mkdir(parents=True, exist_ok=True)
    trees = {"before": worktree(args.before), "after": worktree(args.after)}
    try:
        return compare(trees, args.rows, args.rounds)
    finally:
        for tree in trees.values():  # registered in the repository: removed, not left behind
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)


def compare(trees: dict[str, Path], rows: int, rounds: int) -> int:
    from bench.sheets import make_roster_file

    sheet = make_roster_file(HERE / f"roster-{rows}.xlsx", rows)
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    lines = ["| round | commit | load | import s | calamine read s | ratio | import CPU s | CPU ratio |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for i in range(rounds):
        for side, tree in trees.items():
            load = load1()
            r = run_once(tree, sheet, rows)
            r["load"] = load
            runs[side].append(r)
            lines.append(f"| {i + 1} | {side} {tree.name} | {load:.1f} | {r['wall']:.3f} | {r['base_wall']:.3f} | "
                         f"{r['wall'] / r['base_wall']:.2f}× | {r['cpu']:.3f} | {r['cpu'] / r['base_cpu']:.2f}× |")
            print(lines[-1], file=sys.stderr)
    summary = ["| commit | import s, median (range) | calamine s, median | ratio, median (range) | "
               "import CPU s, median (range) | load (range) |", "|---|---:|---:|---:|---:|---|"]
    for side, tree in trees.items():
        wall = Runs(tuple(r["wall"] for r in runs[side]))
        base = Runs(tuple(r["base_wall"] for r in runs[side]))
        ratio = Runs(tuple(r["wall"] / r["base_wall"] for r in runs[side]))
        cpu = Runs(tuple(r["cpu"] for r in runs[side]))
        loads = [r["load"] for r in runs[side]]
        summary.append(f"| {side} {tree.name} | {wall.median:.3f} ({wall.spread()}) | {base.median:.3f} | "
                       f"{ratio.median:.2f}× ({ratio.spread()}) | {cpu.median:.3f} ({cpu.spread()}) | "
                       f"{min(loads):.1f}–{max(loads):.1f} |")
    print(f"\n{machine()}; `roster import` of {rows:,} rows, {rounds} rounds in turn\n")
    print("\n".join(summary))
    print()
    print("\n".join(lines))
    ratio_change = (statistics.median(r["wall"] / r["base_wall"] for r in runs["after"])
                    / statistics.median(r["wall"] / r["base_wall"] for r in runs["before"]))
    print(f"\nafter / before, by the median ratio to the baseline: {ratio_change:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
