"""Printing 500 agreements into one PDF (issue 6): the whole service (read from the
database, refuse rare characters, mark printed, lay out, QR codes, write safely) against
bare ReportLab laying out the same text in the same font, no database, in the same run.

    .venv/bin/python -m bench.printing [--rounds 3] [--agreements 500]

Each side runs --rounds times (GUANAI_BENCH_REPEAT, 3), the two in turn; medians with ranges.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import uuid

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from bench.run import DATA, TODAY, Runs, compared, fresh, machine, table, timed

N = 500
REPEAT = int(os.environ.get("GUANAI_BENCH_REPEAT", "3"))


def _make_agreements(engine, n: int = N) -> list[str]:  # type: ignore[no-untyped-def]
    """The village demo's agreements, copied under new ids until there are n drafted ones."""
    from app.models import Agreement

    # Bench data only: straight through Core, beside the audited service layer.
    with engine.begin() as s:
        rows = [dict(r._mapping) for r in s.execute(select(Agreement.__table__))]
        s.execute(update(Agreement.__table__).values(status="signed"))  # only the copies are pending
        new = []
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row.update(id=str(uuid.uuid4()), number=f"{row['number']}-{i:04d}", status="drafted",
                       printed_on=None, signed_on=None, void_reason=None)
            new.append(row)
        s.execute(insert(Agreement.__table__), new)
        return [r["id"] for r in new]


def _bare_story(docs):  # type: ignore[no-untyped-def]
    """The same text as plain Paragraphs and Tables of Paragraphs (no QR, no fallback
    markup, no signature drawing, no per-document page count)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Table

    from app.reports.agreements import values
    from app.reports.pdf_common import cn_date, styles
    from app.reports.templates import fill, load_template

    st = styles()
    flow = []
    for i, d in enumerate(docs):
        t, v = load_template(d.kind), values(d)
        if i:
            flow.append(PageBreak())
        r = d.recipient
        cells = [["姓名", r.name, "性别", r.sex], ["出生日期", cn_date(r.birth_date), "民族", r.ethnicity or ""],
                 ["身份证号", r.id_number, "", ""], ["家庭住址", r.address or "", "", ""],
                 ["姓名", d.guardian.name if d.guardian else "", "关系", ""], ["身份证号", "", "", ""],
                 ["住址", "", "", ""], ["联系电话", "", "", ""], ["", "", "", ""], ["", "", "", ""]]
        flow += [Paragraph(d.number, st["cell"]), Paragraph(t.title, st["title"]),
                 Table([[Paragraph(c, st["cell"]) for c in row] for row in cells],
                       colWidths=[26 * mm, 59 * mm, 26 * mm, 59 * mm]),
                 Paragraph(fill(t.preamble, v), st["body"])]
        for s in t.sections:
            flow.append(Paragraph(s.heading, st["heading"]))
            flow += [Paragraph(fill(item, v), st["item"], bulletText=f"{n}.") for n, item in enumerate(s.items, 1)]
        flow += [Paragraph(fill(c, v), st["body"]) for c in t.closing]
        flow += [Paragraph(fill(s.role, v) + "：＿＿＿＿＿＿　日期：＿＿年＿＿月＿＿日", st["cell"]) for s in t.signatures]
    return flow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.printing", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=REPEAT, help="runs of each side, in turn (medians)")
    parser.add_argument("--agreements", type=int, default=N, help="drafted agreements printed (500)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    DATA.mkdir(parents=True, exist_ok=True)
    from reportlab.platypus import SimpleDocTemplate

    from app.care.context import actor_for
    from app.db import open_database
    from app.demo.generate import generate_demo
    from app.models import Agreement
    from app.reports import fonts
    from app.reports.agreement_data import load_docs
    from app.reports.pdf_common import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE
    from app.reports.printing import print_agreements

    print(f"… village demo and {args.agreements} drafted agreements", file=sys.stderr)
    engine = open_database(fresh(DATA / "printing.sqlite3"))
    generate_demo(engine, scale="village", today=TODAY)
    ids = _make_agreements(engine, args.agreements)
    fonts.chain()  # fonts registered once per process in both cases

    with Session(engine) as s:
        docs = load_docs(s, ids)

    def bare() -> None:
        pdf = SimpleDocTemplate(io.BytesIO(), pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                                topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM)
        pdf.build(_bare_story(docs))

    out = DATA / "agreements-500.pdf"
    pages = 0

    def service() -> None:
        nonlocal pages
        with Session(engine) as s, s.begin():
            pages = print_agreements(s, actor_for(s), ids, out, on=dt.date(2026, 11, 28)).pages

    def drafted_again() -> None:  # untimed: every run marks the 500 printed from drafted
        with engine.begin() as s:
            s.execute(update(Agreement.__table__).where(Agreement.id.in_(ids))
                      .values(status="drafted", printed_on=None))

    # The machine is shared: the two take turns, --rounds times each, and the medians count.
    bases: list[float] = []
    times: list[float] = []
    for i in range(args.rounds):
        print(f"… bare ReportLab ({i + 1}/{args.rounds})", file=sys.stderr)
        bases.append(timed(bare))
        drafted_again()  # untimed, between the two
        print(f"… guanai print agreements ({i + 1}/{args.rounds})", file=sys.stderr)
        times.append(timed(service))
    results = [compared(f"print {args.agreements} agreements into one PDF ({pages} pages; DB, QR, mark printed)",
                        Runs(tuple(times)), "bare ReportLab, same text and font, no DB", Runs(tuple(bases)),
                        "< 10 s, within 2×")]
    print(f"\n{dt.date.today().isoformat()} — {machine()}; load average {os.getloadavg()[0]:.1f} at the end\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
