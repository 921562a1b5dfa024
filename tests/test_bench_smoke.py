"""Every benchmark still runs (bench/all.py at its tiny scale: a village, a few rows, one round),
so `python -m bench` does not break unseen while the app changes under it; and `--results`
rewrites only the marked section of RESULTS.md. No timings are checked: the figures at this
scale mean nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.all import BENCHES, END, START, write_results

ROOT = Path(__file__).resolve().parent.parent


def test_every_bench_runs_at_the_tiny_scale(tmp_path: Path) -> None:
    env = dict(os.environ, GUANAI_BENCH_DATA=str(tmp_path / "data"), GUANAI_HOME=str(tmp_path / "home"),
               QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "bench", "--tiny"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-4000:]
    ran = [b.name for b in BENCHES if b.tiny is not None]
    assert ran and "run" in ran and "sync" in ran
    for name in ran:  # each bench's heading, then its table with at least one row of figures
        section = out.stdout.split(f"### `python -m bench.{name} ", 1)[1].split("\n### ", 1)[0]
        rows = [line for line in section.splitlines() if re.match(r"\| [^-|].* \| \d+\.\d{3} \|", line)]
        assert rows, section
    for name in {b.name for b in BENCHES} - set(ran):  # those needing PostgreSQL are said to be skipped
        assert f"bench.{name}: skipped at the tiny scale" in out.stderr
    assert "## Latest: `python -m bench --tiny`" in out.stdout
    assert "**Failed" not in out.stdout
    # the sides of every compared row ran the same number of times, in turn
    assert "median of 1 interleaved runs each" in out.stdout


def test_results_rewrites_only_the_marked_section(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\nIntro.\n\n## 2026-12-01 — older\n\nkept\n", encoding="utf-8")
    write_results("## Latest: first", results)
    first = results.read_text(encoding="utf-8")
    assert first.index(START) < first.index("## Latest: first") < first.index(END) < first.index("## 2026-12-01")
    assert first.startswith("# Benchmark results\n\nIntro.\n\n")
    write_results("## Latest: second", results)
    second = results.read_text(encoding="utf-8")
    assert "first" not in second and "## Latest: second" in second
    assert second.count(START) == 1 and second.endswith("## 2026-12-01 — older\n\nkept\n")
