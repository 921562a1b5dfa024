"""The warnings beside a director's tasks, most urgent first (issue 3, DOMAIN.md):

1. child_alone — a child under 16 with no parent recorded at home able to act as guardian
   (both away, the one at home unable, or none recorded) and no carer: the most urgent;
2. no_responsibility — a confirmed recipient without self-care ability with no
   responsibility in force;
3. no_teacher — a left-behind child at school with no paired teacher;
4. turns_16 — a confirmed left-behind child who turns 16 within 60 days (exit review);
5. unsigned_agreement — an agreement printed and not signed for 30 days;
6. no_contact — a confirmed recipient with no reached call, visit or aid for 60 days;
7. review_waiting — at a township or the county only: a recipient reported over 30 days ago
   still waiting for a department's review or the county's decision (issue 13);
8. over_16 — a left-behind child who has turned 16 and is still confirmed: asks for the exit
   (issue 14; turns_16 is the notice before the birthday, this one follows it);
9. no_poverty_assessment — a confirmed extremely poor person (分散供养特困人员) with no
   third-party assessment (自理能力认定, DOMAIN.md) in the last 12 months;
10. no_conditions — a confirmed left-behind person whose household conditions are not recorded
   (confirmed before they were asked for, or from a county roster): what to record, as
   confirming asks today.

Recipients count while they are in the register (not rejected or exited); 2–6 concern
confirmed ones only, since only they are owed care.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.validation import CHILD_AGE_LIMIT

ORDER = ("child_alone", "no_responsibility", "no_teacher", "turns_16", "unsigned_agreement", "no_contact",
         "review_waiting", "over_16", "no_poverty_assessment", "no_conditions")
AGE = CHILD_AGE_LIMIT  # in the messages
TURNS_16_DAYS = 60
UNSIGNED_DAYS = 30
NO_CONTACT_DAYS = 60
REVIEW_WAITING_DAYS = 30  # app.oversight.review.WAITING_DAYS
POVERTY_ASSESSMENT_YEARS = 1  # the third-party assessment of an extremely poor person, yearly


@dataclass(frozen=True)
class Warning:
    kind: str
    recipient_id: str
    name: str
    village_code: str
    zh: str
    en: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _iso(d: dt.date) -> str:
    return d.isoformat()


def unsigned_too_long(status: str, printed_on: dt.date | None, on: dt.date) -> bool:
    """One agreement's unsigned_agreement warning: printed and still unsigned after
    UNSIGNED_DAYS (the query below asks the same of every agreement at once)."""
    return status == "printed" and printed_on is not None and printed_on <= on - dt.timedelta(days=UNSIGNED_DAYS)


def _years_before(d: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (the 28th for the 29th of February of a leap year)."""
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # the 29th of February
        return dt.date(d.year - years, 3, 1) - dt.timedelta(days=1)


def _sixteen_before(d: dt.date) -> dt.date:
    """The birth date of one who turns 16 on d."""
    return _years_before(d, CHILD_AGE_LIMIT)


def _params(on: dt.date, prefix: str) -> dict[str, str]:
    soon = on + dt.timedelta(days=TURNS_16_DAYS)
    return {"prefix": f"{prefix}%", "on": _iso(on),
            "turned_cutoff": _iso(_sixteen_before(on)),  # born after it: not yet 16 on `on`
            # born after turned_cutoff and by soon_cutoff: turns 16 after `on` and by `soon`
            # (plain date comparisons: no date arithmetic in SQL, the same on every database)
            "soon_cutoff": _iso(_sixteen_before(soon)),
            "printed_before": _iso(on - dt.timedelta(days=UNSIGNED_DAYS)),
            "contact_since": _iso(on - dt.timedelta(days=NO_CONTACT_DAYS)),
            "reported_before": _iso(on - dt.timedelta(days=REVIEW_WAITING_DAYS + 1)),
            "assessed_since": _iso(_years_before(on, POVERTY_ASSESSMENT_YEARS))}


@dataclass(frozen=True)
class _Check:
    """One kind of warning: the SQL listing (recipient id, name, village, detail) of those it
    concerns, and its message (`none`: the detail when the SQL gives none)."""

    kind: str
    sql: str
    zh: str
    en: str
    none: tuple[str, str] = ("", "")
    # a check of confirmed recipients' own rows (and their EXISTS): its condition, so that
    # warning_counts asks all such checks in one reading of the recipients
    confirmed_if: str | None = None


BASE = "r.deleted = FALSE AND r.village_code LIKE :prefix"


def _of_confirmed(kind: str, detail: str, condition: str, zh: str, en: str,
                  none: tuple[str, str] = ("", "")) -> _Check:
    """A check of confirmed recipients: those meeting `condition`, with `detail`."""
    sql = f"""
        SELECT r.id, r.name, r.village_code, {detail} FROM recipients r
        WHERE {BASE} AND r.status = 'confirmed' AND ({condition})"""
    return _Check(kind, sql, zh, en, none, condition)


def _checks(level: str) -> list[_Check]:
    """The warnings' checks, in the order they are listed; review_waiting only above a village."""
    base = BASE
    # no_contact: a contact of each kind looked up on its own (the records' index is by
    # recipient, kind and date, so each is one search; any other kind counts as before), for
    # the recipients in the order of their ids, so each search lands next to the one before
    contact = ("c.kind = 'phone_followup' AND c.reached = TRUE", "c.kind = 'home_visit'", "c.kind = 'material_aid'",
               "c.kind NOT IN ('phone_followup', 'home_visit', 'material_aid')")
    no_contact = "\n          ".join(
        f"AND NOT EXISTS (SELECT 1 FROM care_records c WHERE c.recipient_id = r.id AND c.deleted = FALSE "
        f"AND c.occurred_on > :contact_since AND c.occurred_on <= :on AND {kind})" for kind in contact)
    checks = [
        _Check("child_alone", f"""
        SELECT r.id, r.name, r.village_code, NULL FROM recipients r
        WHERE {base} AND r.status NOT IN ('rejected', 'exited')
          AND r.categories LIKE '%,left_behind_child,%' AND r.birth_date > :turned_cutoff
          AND NOT EXISTS (SELECT 1 FROM household_members m WHERE m.recipient_id = r.id AND m.deleted = FALSE
                          AND m.relation IN ('father', 'mother') AND m.works_away = FALSE AND m.can_guard = TRUE)
          AND NOT EXISTS (SELECT 1 FROM guardians g WHERE g.recipient_id = r.id AND g.deleted = FALSE
                          AND g.kind IN ('entrusted', 'temporary')
                          AND (g.end_date IS NULL OR g.end_date >= :on))
        """, f"{{name}}：未满{AGE}周岁，没有登记在家能监护的父母，也没有委托照护人，请立即落实监护（未成年人保护法第二十二条）。",
        f"{{name}}: under {AGE}, no parent at home able to guard and no carer recorded. Arrange care now."),
        _of_confirmed("no_responsibility", "NULL", """
          r.self_care = 'none'
          AND NOT EXISTS (SELECT 1 FROM responsibilities x WHERE x.recipient_id = r.id AND x.deleted = FALSE
                          AND x.start_date <= :on AND (x.end_date IS NULL OR x.end_date >= :on))
        """, "{name}：不能自理，尚未落实关爱责任（监护、强制报告等），请指定责任人。",
        "{name}: cannot look after themselves and has no responsibility assigned."),
        _of_confirmed("no_teacher", "r.school", """
          r.categories LIKE '%,left_behind_child,%'
          AND r.school IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM teacher_pairings t WHERE t.recipient_id = r.id AND t.deleted = FALSE
                          AND (t.end_date IS NULL OR t.end_date >= :on))
        """, "{name}：在校留守儿童（{detail}），还没有结对老师。",
        "{name}: a left-behind child at school ({detail}) without a paired teacher."),
        _of_confirmed("turns_16", "r.birth_date", """
          r.categories LIKE '%,left_behind_child,%'
          AND r.birth_date > :turned_cutoff AND r.birth_date <= :soon_cutoff
        """, f"{{name}}：将满{AGE}周岁（出生于 {{detail}}），请做退出评估。",
        f"{{name}}: turns {AGE} soon (born {{detail}}); review the exit."),
        _Check("unsigned_agreement", f"""
        SELECT r.id, r.name, r.village_code, a.number FROM agreements a
        JOIN recipients r ON r.id = a.recipient_id
        WHERE {base} AND a.deleted = FALSE AND a.status = 'printed' AND a.printed_on <= :printed_before
        """, f"{{name}}：协议 {{detail}} 打印已超过{UNSIGNED_DAYS}天仍未签订。",
        f"{{name}}: agreement {{detail}} printed over {UNSIGNED_DAYS} days ago and not signed."),
        _Check("no_contact", f"""
        WITH r AS MATERIALIZED (
            SELECT r.id, r.name, r.village_code FROM recipients r
            WHERE {base} AND r.status = 'confirmed' AND r.status_date <= :contact_since ORDER BY r.id)
        SELECT r.id, r.name, r.village_code, NULL FROM r
        WHERE TRUE {no_contact}
        """, f"{{name}}：已超过{NO_CONTACT_DAYS}天没有任何联系（接通的电话、走访或帮扶）。",
        f"{{name}}: no contact at all (reached call, visit or aid) for {NO_CONTACT_DAYS} days."),
        _of_confirmed("over_16", "r.birth_date", """
          r.categories LIKE '%,left_behind_child,%'
          AND r.birth_date <= :turned_cutoff
        """, f"{{name}}：已满{AGE}周岁（出生于 {{detail}}），不再是留守儿童，请办理退出（或改报其他类别）。",
        f"{{name}}: has turned {AGE} (born {{detail}}) and is no longer a left-behind child; record the exit."),
        _of_confirmed("no_poverty_assessment", """(SELECT MAX(a.assessed_on) FROM third_party_assessments a
                                               WHERE a.recipient_id = r.id AND a.deleted = FALSE)""", """
          r.categories LIKE '%,extreme_poverty_dispersed,%'
          AND NOT EXISTS (SELECT 1 FROM third_party_assessments a WHERE a.recipient_id = r.id AND a.deleted = FALSE
                          AND a.assessed_on >= :assessed_since AND a.assessed_on <= :on)
        """, "{name}：特困人员近12个月没有第三方评估（自理能力认定、生活状况、健康检查；上次：{detail}），请安排评估。",
        "{name}: extremely poor, no third-party assessment in the last 12 months (last: {detail}).",
        none=("从未评估", "never")),
        _of_confirmed("no_conditions", "NULL", """
          (
              (r.categories LIKE '%,left_behind_child,%' AND r.parents_away IS NULL)
           OR (r.categories LIKE '%,left_behind_woman,%' AND r.husband_works_away IS NULL)
           OR (r.categories LIKE '%,left_behind_elder,%' AND r.children_work_away IS NULL))
        """, "{name}：留守类别的家庭情况未登记（父母、丈夫或子女是否外出务工），请在家庭情况中补登。",
        "{name}: the household conditions of the left-behind category are not recorded."),
    ]
    if level != "village":  # the offices that review and decide see the wait
        last_report = ("(SELECT MAX(e.decided_on) FROM status_events e WHERE e.recipient_id = r.id "
                       "AND e.deleted = FALSE AND e.step = 'report')")
        checks.append(_Check("review_waiting", f"""
            SELECT r.id, r.name, r.village_code, {last_report} FROM recipients r
            WHERE {base} AND r.status IN ('reported', 'reviewed') AND {last_report} <= :reported_before
            """, f"{{name}}：上报于 {{detail}}，等待审核和县里决定已超过{REVIEW_WAITING_DAYS}天。",
            f"{{name}}: reported on {{detail}}; waiting over {REVIEW_WAITING_DAYS} days for review and the county's decision."))
    return checks


def warnings_for(session: Session, on: dt.date | None = None) -> list[Warning]:
    on = on or dt.date.today()
    office = this_office(session)
    p = _params(on, office.code)
    out: list[Warning] = []
    for check in _checks(office.level):
        # Within a kind: by village, name and id, sorted here, so SQLite and a server (whose
        # row order and collation differ) list the same warnings in the same order.
        rows = sorted(session.execute(text(check.sql), p), key=lambda r: (r[2] or "", r[1] or "", r[0] or ""))
        zh, en, none = check.zh, check.en, check.none
        for rid, name, village, detail in rows:
            out.append(Warning(check.kind, rid, name, village, zh.format(name=name, detail=detail or none[0]),
                               en.format(name=name, detail=detail or none[1])))
    return out


def warning_counts(session: Session, on: dt.date | None = None, prefix: str | None = None) -> dict[str, dict[str, int]]:
    """Village -> kind -> how many of `warnings_for(session, on)` there are, for the villages
    whose code starts with `prefix` (within this office; default all of it): the same checks,
    counted in the database without listing the people or making their messages (the
    overview needs only the counts; tests/test_overview_figures.py pins the two together)."""
    on = on or dt.date.today()
    office = this_office(session)
    prefix = prefix or office.code
    if not prefix.startswith(office.code):
        raise ValueError(f"{prefix} is not under this office ({office.code})")
    p = _params(on, prefix)
    out: dict[str, dict[str, int]] = {}
    checks = _checks(office.level)
    # the checks of confirmed recipients' own rows in one reading of the recipients
    together = [c for c in checks if c.confirmed_if is not None]
    sums = ", ".join(f"sum(CASE WHEN ({c.confirmed_if}) THEN 1 ELSE 0 END)" for c in together)
    for village, *counts in session.execute(text(f"""
            SELECT r.village_code, {sums} FROM recipients r WHERE {BASE} AND r.status = 'confirmed'
            GROUP BY r.village_code"""), p):
        for check, n in zip(together, counts, strict=True):
            if n:
                out.setdefault(village, {})[check.kind] = int(n)
    for check in checks:
        if check.confirmed_if is not None:
            continue
        # counted here: a GROUP BY lets SQLite read the recipients in village order, one
        # look-up each (unsigned_agreement took three times as long)
        for village, n in Counter(v for (v,) in session.execute(
                text(f"SELECT q.village_code FROM ({check.sql}) q"), p)).items():
            out.setdefault(village, {})[check.kind] = n
    return out
