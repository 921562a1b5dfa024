"""The county's own duties (issue 13, point 7 at the county's level): its work bench lists, per
township, what the county must follow up — not every recipient's calls:

* `township_behind` — the townships with the lowest four-ones rate this quarter, below the
  county's own (at most BEHIND of them);
* `silent` — a township from which no bundle came for over SILENT_DAYS days (or never), and
  per township the villages whose data has not reached the county for as long;
* `supervision_due` — per township, the villages with no supervision visit yet this quarter
  (每季度一督导 is the township's duty; the county sees who has not done it);
* `review_waiting` — per township, reported recipients waiting over 30 days for a
  department's review or the county's decision;
* `assessment_due` — per township, villages whose last half year's assessment is not
  submitted (overdue) or whose this half year's is not yet (due at its end);
* `rectification_overdue` — per township, rectification items past their deadline.

Each is a source like the township's (app/oversight/duties.py): (session, scope) -> [Duty],
the rows' unit a township; Enter on one opens that township's villages on the overview.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from app.care.periods import period_of
from app.models.codes import Period as PeriodKind
from app.oversight.duties import (
    SILENT_DAYS,
    Duty,
    Scope,
    Source,
    assessed_halves,
    is_silent,
    items_past_deadline,
    silent_offices,
)
from app.oversight.overview import last_bundles
from app.oversight.supervision import unvisited_villages

BEHIND = 3  # townships named as behind, at most
NAMES_SHOWN = 5  # villages named in a row, the rest counted


def _township(code: str) -> str:
    return code[:9]


def _names(names: list[str]) -> str:
    shown = "、".join(names[:NAMES_SHOWN])
    return shown + (f"等 {len(names)} 个村" if len(names) > NAMES_SHOWN else "")


def _names_en(codes: list[str]) -> str:
    shown = ", ".join(codes[:NAMES_SHOWN])
    return shown + (f" and {len(codes) - NAMES_SHOWN} more" if len(codes) > NAMES_SHOWN else "")


def _per_township(villages: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code in sorted(villages):
        out.setdefault(_township(code), []).append(code)
    return out


def _tname(scope: Scope, code: str) -> str:
    return scope.townships.get(code, code)


def townships_behind(session: Session, scope: Scope) -> list[Duty]:
    """From the quarter's four-ones counts alone (the overview's, without its warnings and
    bundles: a county's bench opens in about a second)."""
    from app.oversight.overview import quarter_counts

    quarter = period_of(scope.on, PeriodKind.quarter)
    # the quarter's spans are worked out in its pass (a kept quarter needs none)
    counts = quarter_counts(session, [quarter], scope.office_code)[quarter.label]
    per: dict[str, list[int]] = {}
    for (village, _kind, _start, _end), (owed, done) in counts.items():
        if village in scope.villages:
            slot = per.setdefault(_township(village), [0, 0])
            slot[0] += owed
            slot[1] += done
    owed_all = sum(o for o, _d in per.values())
    if not owed_all:
        return []
    county = sum(d for _o, d in per.values()) / owed_all
    rates = sorted((done / owed, code, owed, done) for code, (owed, done) in per.items() if owed)
    behind = [r for r in rates if r[0] < county][:BEHIND]
    out = []
    for rank, (rate, code, owed, done) in enumerate(behind, 1):
        name = _tname(scope, code)
        out.append(Duty("township_behind", code, name, quarter.end, False,
                        f"{name}：本季度（{quarter.label}）“四个一”完成 {done}/{owed}（{rate:.0%}），"
                        f"低于全县的 {county:.0%}，列倒数第 {rank}，请督促该乡镇。",
                        f"{name}: {done}/{owed} ({rate:.0%}) of the four ones in {quarter.label}, below the "
                        f"county's {county:.0%}; {rank} from the bottom.", owed - done))
    return out


def silent_units(session: Session, scope: Scope) -> list[Duty]:
    bundles = last_bundles(session, scope.on)
    out = silent_offices(scope.townships, bundles, unit_zh="乡镇", unit_en="township", contact="乡镇民政办")
    quiet = [v for v in scope.villages if is_silent(bundles.get(v))]
    for township, codes in _per_township(quiet).items():
        name = _tname(scope, township)
        villages = [scope.villages[c] for c in codes]
        out.append(Duty("silent", township, name, None, True,
                        f"{name}：{len(codes)} 个村超过 {SILENT_DAYS} 天没有数据报到县里（{_names(villages)}）。",
                        f"{name}: {len(codes)} village(s) with no data at the county for over {SILENT_DAYS} days "
                        f"({_names_en(codes)}).", len(codes)))
    return out


def supervision_due_by_township(session: Session, scope: Scope) -> list[Duty]:
    quarter = period_of(scope.on, PeriodKind.quarter)
    unvisited = unvisited_villages(session, scope.office_code, quarter.start, quarter.end)
    out = []
    for township, codes in _per_township(unvisited).items():
        name = _tname(scope, township)
        out.append(Duty("supervision_due", township, name, quarter.end, False,
                        f"{name}：{len(codes)} 个村本季度（{quarter.label}）尚未督导（{_names([unvisited[c] for c in codes])}），"
                        f"应于 {quarter.end.isoformat()} 前完成。",
                        f"{name}: {len(codes)} village(s) not yet visited in {quarter.label} ({_names_en(codes)}); "
                        f"due by {quarter.end.isoformat()}.", len(codes)))
    return out


def reviews_waiting(session: Session, scope: Scope) -> list[Duty]:
    from app.oversight.review import review_queue

    late: dict[str, list[int]] = {}
    for item in review_queue(session, scope.on):
        if item.overdue:
            late.setdefault(_township(item.village_code), []).append(item.days_waiting)
    out = []
    for township, days in sorted(late.items()):
        name = _tname(scope, township)
        out.append(Duty("review_waiting", township, name, None, True,
                        f"{name}：{len(days)} 名上报的对象等待审核或县里决定已超过 30 天（最长 {max(days)} 天），"
                        "请在“审核队列”中处理。",
                        f"{name}: {len(days)} reported recipient(s) waiting over 30 days for a review or the "
                        f"county's decision (longest {max(days)} days); see the review queue.", len(days)))
    return out


def assessments_by_township(session: Session, scope: Scope) -> list[Duty]:
    half, last_half, submitted = assessed_halves(session, scope, submitted_only=True)
    out = []
    for span, overdue in ((last_half, True), (half, False)):
        missing = [c for c in scope.villages if (c, span.label) not in submitted]
        for township, codes in _per_township(missing).items():
            name = _tname(scope, township)
            when = f"应于 {span.end.isoformat()} 前" if overdue else f"{span.end.isoformat()} 前完成"
            out.append(Duty("assessment_due", township, name, span.end, overdue,
                            f"{name}：{len(codes)} 个村 {span.label} 半年考核尚未提交（{_names([scope.villages[c] for c in codes])}），"
                            f"{when}。",
                            f"{name}: the {span.label} assessment of {len(codes)} village(s) is not submitted "
                            f"({_names_en(codes)}); due {span.end.isoformat()}.", len(codes)))
    return out


def rectification_by_township(session: Session, scope: Scope) -> list[Duty]:
    per: dict[str, list[Duty]] = {}
    for d in items_past_deadline(session, scope):
        per.setdefault(_township(d.unit_code), []).append(d)
    out = []
    for township, rows in sorted(per.items()):
        name = _tname(scope, township)
        n = sum(d.count for d in rows)
        first = min(d.due for d in rows if d.due is not None)
        out.append(Duty("rectification_overdue", township, name, first, True,
                        f"{name}：{len(rows)} 个村共 {n} 项整改事项已过期限未完成（最早 {first.isoformat()} 到期），"
                        "请督促乡镇落实。",
                        f"{name}: {n} rectification item(s) in {len(rows)} village(s) past their deadline (first "
                        f"due {first.isoformat()}).", n))
    return out


COUNTY_SOURCES: list[Source] = [townships_behind, silent_units, supervision_due_by_township, reviews_waiting,
                                assessments_by_township, rectification_by_township]
