"""Every benchmark, one after the other, and their tables: `python -m bench` (or `./dev bench`).

    python -m bench                       # everything, full scale (the county demo built once and
                                          # shared; the server bench needs PostgreSQL's initdb)
    python -m bench --quick               # the smaller scales (township), a fraction of the time
    python -m bench --only sheets sync    # some of them
    python -m bench --results             # also rewrite bench/RESULTS.md's "latest" section
    python -m bench --rounds 5            # interleaved runs of each side, every bench

Each bench still runs alone (`python -m bench.sheets`, …; see bench/README.md). Here each one's
output (its machine line and table) is printed as it finishes, with its time and the load
average before and after; with `--results` the whole lot replaces what stands between the two
markers at the top of bench/RESULTS.md, so the latest figures are one command away.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import io
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from bench.run import DATA, machine

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
START = "<!-- latest: start (written by `python -m bench --results`; edit above or below, not here) -->"
END = "<!-- latest: end -->"


@dataclass(frozen=True)
class Bench:
    name: str  # the module under bench/
    what: str
    full: tuple[str, ...]  # its arguments at each profile
    quick: tuple[str, ...]
    tiny: tuple[str, ...] | None  # None: not run at the tiny scale (needs PostgreSQL)
    rounds: bool = True  # takes --rounds


def _db(name: str) -> str:
    return str(DATA / name)


# bench.run first: it builds the village, township and county demos the later ones reuse.
BENCHES = (
    Bench("run", "demos, `tasks`, `status`, the county load, the desktop app",
          (), ("--quick",), ("--tiny",)),
    Bench("review", "review queue, warnings, duplicates",
          ("--db", _db("county.sqlite3")), ("--db", _db("township.sqlite3")), ("--db", _db("village.sqlite3"))),
    Bench("oversight", "the overview and its trend",
          ("--reuse",), ("--reuse", "--scale", "township"), ("--tiny",)),
    Bench("sheets", "roster import and export",
          (), ("--import-rows", "2000", "--export-rows", "20000"), ("--import-rows", "30", "--export-rows", "60")),
    Bench("sync", "bundle export and import, township and county",
          (), ("--villages", "5"), ("--villages", "1")),
    Bench("printing", "agreements printed into one PDF",
          (), ("--agreements", "100"), ("--agreements", "3")),
    Bench("protection", "SQLCipher against plain SQLite",
          (), (), ("--tiny",)),
    Bench("server", "`status`, `tasks`, `overview` on PostgreSQL beside SQLite",
          ("--sqlite", _db("county.sqlite3")), ("--scale", "township", "--sqlite", _db("township.sqlite3")), None),
    Bench("load", "clerks writing at once, SQLite and PostgreSQL",
          (), ("--clerks", "2", "4", "--seconds", "10"), None, rounds=False),
)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run_one(bench: Bench, argv: list[str]) -> tuple[str, float, int]:
    """Its printed output (stdout; progress goes on to stderr), seconds, exit code."""
    out = io.StringIO()
    t0 = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out):
            code = importlib.import_module(f"bench.{bench.name}").main(argv)
    except Exception:  # one bench failing must not lose the others' figures: said, and on
        traceback.print_exc()
        print(f"\n**bench.{bench.name} failed:** {traceback.format_exc().strip().splitlines()[-1]}", file=out)
        code = 1
    return out.getvalue().strip(), time.perf_counter() - t0, int(code or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="the smaller scales")
    size.add_argument("--tiny", action="store_true",
                      help="the smallest data that runs every bench's code (a smoke test; figures meaningless)")
    parser.add_argument("--only", nargs="+", choices=[b.name for b in BENCHES], metavar="NAME",
                        help=f"only these ({', '.join(b.name for b in BENCHES)})")
    parser.add_argument("--rounds", type=int,
                        help="interleaved runs of each side (each bench's own default; 1 with --tiny)")
    parser.add_argument("--results", action="store_true", help="rewrite the latest section of bench/RESULTS.md")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    DATA.mkdir(parents=True, exist_ok=True)
    profile = "tiny" if args.tiny else "quick" if args.quick else "full"
    rounds = 1 if args.tiny and args.rounds is None else args.rounds
    chosen = [b for b in BENCHES if not args.only or b.name in args.only]
    sections: list[str] = []
    failed: list[str] = []
    started, load_before = time.perf_counter(), _load()
    for bench in chosen:
        own = getattr(bench, profile)
        if own is None:
            print(f"… bench.{bench.name}: skipped at the {profile} scale", file=sys.stderr)
            continue
        bench_argv = list(own) + (["--rounds", str(rounds)] if rounds and bench.rounds else [])
        print(f"… bench.{bench.name} {' '.join(bench_argv)}", file=sys.stderr)
        before = _load()
        output, seconds, code = run_one(bench, bench_argv)
        if code:
            failed.append(bench.name)
        shown = " ".join(bench_argv).replace(str(DATA), "bench/.data")  # no machine's own path
        head = (f"### `python -m bench.{bench.name}{' ' if shown else ''}{shown}` — {bench.what}\n\n"
                f"{seconds / 60:.1f} min; load average {before} before, {_load()} after"
                + (f"; **exit code {code}**" if code else ""))
        section = f"{head}\n\n{output}"
        print(f"\n{section}\n", flush=True)
        sections.append(section)
    total = time.perf_counter() - started
    command = "python -m bench" + (f" --{profile}" if profile != "full" else "") + (
        f" --only {' '.join(args.only)}" if args.only else "") + (f" --rounds {args.rounds}" if args.rounds else "")
    summary = (f"## Latest: `{command}`, {dt.date.today().isoformat()}\n\n{machine()}. The whole run took "
               f"{total / 60:.1f} min; load average {load_before} before, {_load()} after.\n"
               + (f"\n**Failed: {', '.join(failed)}.**\n" if failed else ""))
    print(summary)
    if args.results:
        write_results("\n\n".join([summary.rstrip(), *sections]))
        print(f"{RESULTS} rewritten between its markers", file=sys.stderr)
    return 1 if failed else 0


def write_results(body: str, path: Path = RESULTS) -> None:
    """Replace what stands between the markers (inserted after the title's paragraph when
    missing); everything else in the file is left as it was."""
    text = path.read_text(encoding="utf-8")
    block = f"{START}\n\n{body}\n\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _old, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        first = text.find("\n## ")
        at = first + 1 if first >= 0 else len(text)
        text = text[:at] + block + "\n\n" + text[at:]
    path.write_text(text, encoding="utf-8")
