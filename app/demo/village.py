"""One village's demo history: recipients with households and guardians, their life cycle,
pairings, programmes and two years of care work with realistic gaps.

Rows are plain dicts per table, stamped like any travelling record (UUIDv7 ids whose time
is the record's date, a clock stamp of that date, the village as origin), generated from
a seeded RNG so that a seed always gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from stdnum.cn import ric

from app.care.search import given_name_keys, name_keys
from app.demo import names as N
from app.demo.conditions import household_conditions
from app.demo.plan import DEMO_COUNTY, VillagePlan, group_of
from app.models.codes import Category as C

Row = dict[str, Any]
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
UUID7 = "%08x-%04x-%04x-%04x-%012x"
ONE_DAY = dt.timedelta(days=1)
RECENT_QUARTERS = 3  # app/demo/oversight.py's window (QUARTERS there)
MAX_CARED = 4  # people one mutual-aid (neighbour) family looks after at once


def demo_name_keys(name: str) -> tuple[str, str]:
    """`name_keys(name)` built from each character's keys (the first read as a surname).
    pypinyin's phrase matching costs about 0.1 ms a name; for every name the demo's word lists
    can form (all 136,570 were compared) the characters' keys joined are the same
    (tests/test_demo.py checks a sample)."""
    keys = [name_keys(name[0]), *(given_name_keys(c) for c in name[1:])]
    return "".join([k[0] for k in keys]), "".join([k[1] for k in keys])


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


@lru_cache(maxsize=4096)
def periods(first: dt.date, last: dt.date, months: int) -> tuple[tuple[dt.date, dt.date], ...]:
    """(start, end) of the calendar periods of `months` months from `first`, a period's
    start, that begin by `last`. Cached: recipients share a few dozen of these lists."""
    out = []
    while first <= last:
        after = add_months(first, months)
        out.append((first, after - ONE_DAY))
        first = after
    return tuple(out)


@lru_cache(maxsize=4096)
def weeks(monday: dt.date, last: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
    """(Monday, Sunday) of the weeks from `monday` that begin by `last`."""
    return tuple((monday + dt.timedelta(days=d), monday + dt.timedelta(days=d + 6))
                 for d in range(0, (last - monday).days + 1, 7))


day = dt.date.fromordinal  # a date from its day number


def quarter_start(d: dt.date) -> dt.date:
    return dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def half_start(d: dt.date) -> dt.date:
    return dt.date(d.year, 1 if d.month <= 6 else 7, 1)


def years_ago(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


class _NotYet(Exception):
    """A life-cycle step that would fall after the demo's today."""


class VillageDemo:
    def __init__(self, plan: VillagePlan, *, seed: int, today: dt.date, start: dt.date,
                 recipients: int, used_ids: set[str], unit_pool: list[Row],
                 persons_by_unit: dict[str, list[Row]]) -> None:
        self.plan = plan
        self.rng = random.Random(f"{seed}:village:{plan.code}")
        self.today = today
        self.start = start
        self.n = max(5, int(recipients * self.rng.uniform(0.85, 1.15)))
        self.used_ids = used_ids
        self.units = unit_pool
        self.persons_by_unit = persons_by_unit
        self.rows: dict[str, list[Row]] = defaultdict(list)
        self.office = plan.code
        self.stamp = {"origin_office": self.office, "modified_office": self.office, "deleted": False}
        self.director = self.person_name("female" if self.rng.random() < 0.4 else "male")
        # Most villages keep up; about one in five is behind on everything.
        self.diligence = (self.rng.uniform(0.45, 0.65) if self.rng.random() < 0.2
                          else self.rng.uniform(0.82, 0.97))
        self.agreement_seq = 0

    # ---- stamping ------------------------------------------------------------------
    def new_id(self, on: dt.date) -> tuple[str, int]:
        """A UUIDv7 whose time is a working hour of the record's day, and that time in ms.
        Formatted from its five groups (48-bit time; version 7 and 12 random bits; variant
        and 14 random bits; 48 random bits), a little cheaper than slicing one 128-bit hex."""
        ms = ((on.toordinal() - EPOCH_ORDINAL) * 86400 + 28800 + int(self.rng.random() * 36000)) * 1000
        rand = self.rng.getrandbits(74)
        return UUID7 % (ms >> 16, ms & 0xFFFF, 0x7000 | rand >> 62, 0x8000 | (rand >> 48) & 0x3FFF,
                        rand & 0xFFFFFFFFFFFF), ms

    def add(self, table: str, on: dt.date, **fields: Any) -> Row:
        rid, ms = self.new_id(on)
        fields["id"] = rid
        fields["hlc"] = f"{ms:013d}.00000.{self.office}"
        fields.update(self.stamp)
        self.rows[table].append(fields)
        return fields

    # ---- people --------------------------------------------------------------------
    def surname(self) -> str:
        return self.rng.choices([s for s, _ in N.SURNAMES], [w for _, w in N.SURNAMES])[0]

    def person_name(self, sex: str, *, child: bool = False, surname: str | None = None) -> str:
        rng = self.rng
        pool = (N.CHILD_MALE if sex == "male" else N.CHILD_FEMALE) if child else (
            N.MALE_CHARS if sex == "male" else N.FEMALE_CHARS)
        draw = rng.random()
        if child and draw < 0.12:  # a name chosen whole, as many parents of the 2010s did
            given = rng.choice(N.CHILD_MALE_NAMES if sex == "male" else N.CHILD_FEMALE_NAMES)
        elif draw < 0.9:
            given = rng.choice(pool) + rng.choice(pool)
        else:
            given = rng.choice(pool)
        return (surname or self.surname()) + given

    def id_number(self, birth: dt.date, sex: str) -> str:
        while True:
            seq = self.rng.randrange(0, 500) * 2 + (1 if sex == "male" else 0)
            body = f"{DEMO_COUNTY[0]}{birth:%Y%m%d}{seq:03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        return self.rng.choice(("138", "139", "150", "151", "152", "157", "158", "182", "187", "188",
                                "135", "136", "183", "198")) + f"{self.rng.randrange(10**8):08d}"

    def birth_for_age(self, lo: int, hi: int) -> dt.date:
        days = self.rng.randrange(lo * 365 + 1, hi * 365 + 364)
        return self.today - dt.timedelta(days=days)

    # ---- recipients -----------------------------------------------------------------
    def pick_categories(self) -> tuple[tuple[str, ...], int, int]:
        r = self.rng.random()
        if r < 0.36:
            return (C.left_behind_child,), 3, 16
        if r < 0.62:
            extra = self.rng.random()
            if extra < 0.12:
                return (C.left_behind_elder, C.extreme_poverty_dispersed), 62, 90
            return (C.left_behind_elder,), 60, 88
        if r < 0.72:
            return (C.left_behind_woman,), 22, 55
        if r < 0.85:
            return (C.severe_disability,), 8, 80
        if r < 0.88:
            return (C.three_withouts,), 30, 75
        return (C.extreme_poverty_dispersed,), 40, 85

    def build(self) -> dict[str, list[Row]]:
        self.programmes_setup()
        for _ in range(self.n):
            self.recipient()
        self.activities()
        self.oversight()
        return self.rows

    def recipient(self) -> None:
        rng = self.rng
        cats, lo, hi = self.pick_categories()
        if C.left_behind_woman in cats:
            sex = "female"
        else:
            sex = "male" if rng.random() < 0.5 else "female"
        child = C.left_behind_child in cats
        # Children are sampled so that some turn 16 during the history (and exit).
        birth = self.birth_for_age(lo, hi + (1 if child else 0))
        surveyed = self.start + dt.timedelta(days=rng.randrange(0, 45))
        if rng.random() < 0.25:
            surveyed = self.start + dt.timedelta(days=rng.randrange(45, max(46, (self.today - self.start).days - 20)))
        age_at_survey = surveyed.year - birth.year - ((surveyed.month, surveyed.day) < (birth.month, birth.day))
        if child and age_at_survey >= 16:
            birth = years_ago(surveyed, rng.randrange(6, 15))
        if C.left_behind_elder in cats and age_at_survey < 60:
            birth = years_ago(surveyed, rng.randrange(61, 85))
        under_16 = birth.replace(year=birth.year + 16, day=min(birth.day, 28)) > self.today
        surname = self.surname()
        name = self.person_name(sex, child=child, surname=surname)
        pinyin, initials = demo_name_keys(name)
        dis_type = dis_grade = None
        if C.severe_disability in cats:
            dis_type = rng.choice(("physical", "visual", "hearing", "speech", "intellectual", "multiple"))
            dis_grade = rng.choice((1, 2))
        elder = C.left_behind_elder in cats or C.extreme_poverty_dispersed in cats
        self_care = "full"
        if elder or dis_grade:
            self_care = rng.choices(("full", "partial", "none"), (55, 30, 15))[0]
        key = rng.random() < (0.12 if self_care == "none" else 0.06 if child else 0.02)
        village_addr = f"贵州省黎平县{self.plan.township_name}{self.plan.name}{group_of(rng)}"
        r = self.add(
            "recipients", surveyed, village_code=self.plan.code, name=name, name_pinyin=pinyin,
            name_initials=initials, sex=sex, id_number=self.id_number(birth, sex), birth_date=birth,
            ethnicity=rng.choice(("侗族", "侗族", "苗族", "汉族")), address=village_addr,
            phone=None if child else self.phone(), categories=",".join(("", *sorted(cats), "")),
            key_monitoring=key, status="surveyed", status_date=surveyed, self_care=self_care,
            # a child under 16 has no work ability to record (nor does anyone who cannot look after themselves)
            work_ability="none" if C.three_withouts in cats or self_care == "none" or under_16
            else rng.choice(("full", "partial")),
            major_illness=rng.choice(N.ILLNESSES) if elder and rng.random() < 0.4 else None,
            disability_type=dis_type, disability_grade=dis_grade, disability_cert_no=None,
            school=f"{self.plan.township_name}中心小学" if child and age_at_survey >= 6 else None,
            school_class=None, is_urban=C.three_withouts in cats,
            has_income=False if C.three_withouts in cats else None,
            has_supporter=False if C.three_withouts in cats else None, in_institution=False,
            surveyed_on=surveyed, surveyed_by=self.director, notes=None)
        made = len(self.rows["household_members"])
        self.household(r, cats, surname)
        r.update(household_conditions(cats, self.rows["household_members"][made:]))
        confirmed_on, end = self.lifecycle(r, cats)
        if confirmed_on is None:
            return
        self.care_work(r, confirmed_on, end)
        self.programmes(r, cats, confirmed_on, end)

    def household(self, r: Row, cats: tuple[str, ...], surname: str) -> None:
        rng, on = self.rng, r["surveyed_on"]
        rid = r["id"]
        if C.left_behind_child in cats:
            father = self.add("household_members", on, recipient_id=rid, name=self.person_name("male", surname=surname),
                              relation="father", id_number=None, birth_date=None, phone=self.phone(),
                              works_away=True, work_place=rng.choice(N.WORK_PLACES), can_guard=True, notes=None)
            both_away = rng.random() < 0.7
            self.add("household_members", on, recipient_id=rid, name=self.person_name("female"),
                     relation="mother", id_number=None, birth_date=None, phone=self.phone(),
                     works_away=both_away, work_place=rng.choice(N.WORK_PLACES) if both_away else None,
                     can_guard=both_away or rng.random() < 0.3, notes=None)
            # Three children in a hundred have nobody recorded: the most urgent warning.
            if rng.random() > 0.03:
                gsex = "female" if rng.random() < 0.6 else "male"
                self.add("guardians", on, recipient_id=rid, kind="entrusted",
                         name=self.person_name(gsex, surname=surname if gsex == "male" else None),
                         relation="grandmother" if gsex == "female" else "grandfather",
                         id_number=self.id_number(self.birth_for_age(55, 75), gsex), phone=self.phone(),
                         address=r["address"], start_date=on, end_date=None)
            else:
                father["notes"] = "委托照护人尚未落实"
        elif C.left_behind_elder in cats or C.extreme_poverty_dispersed in cats:
            son = self.person_name("male", surname=surname)
            self.add("household_members", on, recipient_id=rid, name=son, relation="son", id_number=None,
                     birth_date=None, phone=self.phone(), works_away=True,
                     work_place=rng.choice(N.WORK_PLACES), can_guard=True, notes=None)
            if C.extreme_poverty_dispersed not in cats:
                self.add("guardians", on, recipient_id=rid, kind="supporter", name=son, relation="son",
                         id_number=None, phone=self.phone(), address=None, start_date=on, end_date=None)
        elif C.left_behind_woman in cats:
            self.add("household_members", on, recipient_id=rid, name=self.person_name("male"),
                     relation="spouse", id_number=None, birth_date=None, phone=self.phone(),
                     works_away=True, work_place=rng.choice(N.WORK_PLACES), can_guard=True, notes=None)

    def lifecycle(self, r: Row, cats: tuple[str, ...]) -> tuple[dt.date | None, dt.date]:
        """Walk the recipient through the life cycle; returns (confirmed on, care ends on).
        A step that would fall after today has not happened: the person waits before it."""
        rid = r["id"]

        def step(step: str, frm: str | None, to: str, on: dt.date, **kw: Any) -> None:
            if on > self.today:  # the next step has not happened yet: the person waits here
                raise _NotYet
            self.add("status_events", on, recipient_id=rid, step=step, from_status=frm, to_status=to,
                     department=kw.get("department"), decision=kw.get("decision"),
                     reason=kw.get("reason"), doc_no=kw.get("doc_no"), decided_on=on,
                     decided_by=kw.get("by", self.director), source=kw.get("source", "local"))
            r["status"], r["status_date"] = to, on

        try:
            return self._lifecycle(r, cats, step)
        except _NotYet:
            return None, self.today

    def _lifecycle(self, r: Row, cats: tuple[str, ...], step: Callable[..., None]) -> tuple[dt.date | None, dt.date]:
        rng, d = self.rng, r["surveyed_on"]
        step("survey", None, "surveyed", d)
        fate = rng.random()
        recent = (self.today - d).days < 40
        if fate < 0.03 or recent and fate < 0.5:
            return None, self.today
        depts = ["civil_affairs"]
        if C.severe_disability in cats:
            depts.append("disabled_federation")
        if C.left_behind_child in cats:
            depts.append("youth_league")
        if C.left_behind_woman in cats:
            depts.append("womens_federation")
        if fate < 0.06 or 0.09 <= fate < 0.11:
            self.queued(r, depts, step, all_reviewed=fate >= 0.09)
            return None, self.today
        d += dt.timedelta(days=rng.randrange(3, 10))
        step("report", "surveyed", "reported", d)
        rejected = 0.06 <= fate < 0.09
        for i, dept in enumerate(depts):
            d += dt.timedelta(days=rng.randrange(2, 8))
            last = i == len(depts) - 1
            decision = "reject" if rejected and last else "approve"
            step("review", "reported", "reviewed" if last else "reported", d, department=dept,
                 decision=decision, reason="家庭经济状况不符合条件" if decision == "reject" else None,
                 by="县民政局", source="bundle")
        year = d.year
        doc = f"黎民发〔{year}〕{rng.randrange(10, 90)}号"
        d += dt.timedelta(days=rng.randrange(5, 20))
        if rejected:
            step("reject", "reviewed", "rejected", d, reason="经审核，家庭经济状况不符合关爱对象条件",
                 doc_no=doc, by="县民政局", source="bundle")
            return None, self.today
        step("confirm", "reviewed", "confirmed", d, doc_no=doc, by="县民政局", source="bundle")
        confirmed = d
        end = self.today
        if C.left_behind_child in cats:
            b = r["birth_date"]
            sixteen = b.replace(year=b.year + 16) if not (b.month == 2 and b.day == 29) else dt.date(b.year + 16, 3, 1)
            if sixteen < self.today - dt.timedelta(days=20):
                end = sixteen + dt.timedelta(days=rng.randrange(3, 20))
                step("exit", "confirmed", "exited", max(end, confirmed), reason="年满16周岁，退出留守儿童关爱")
                return confirmed, max(end, confirmed)
        if rng.random() < 0.02 and (self.today - confirmed).days > 120:
            end = confirmed + dt.timedelta(days=rng.randrange(60, (self.today - confirmed).days))
            step("exit", "confirmed", "exited", end, reason=rng.choice(("迁出本村", "已去世", "外出务工的子女返乡照料")))
        return confirmed, end

    def queued(self, r: Row, depts: list[str], step: Callable[..., None], *, all_reviewed: bool) -> None:
        """A report still in the county's review queue (issue 13): reported in the last month,
        or (one in four) one to three months ago; some departments done, or all of them and
        the county's decision still to come."""
        rng = self.rng
        back = rng.randrange(31, 90) if rng.random() < 0.25 else rng.randrange(3, 30)
        d = max(r["surveyed_on"] + dt.timedelta(days=3), self.today - dt.timedelta(days=back))
        step("report", "surveyed", "reported", d)
        reported_on = d
        done = len(depts) if all_reviewed else rng.randrange(0, len(depts))
        for i, dept in enumerate(depts[:done]):
            d = min(self.today, d + dt.timedelta(days=rng.randrange(2, 8)))
            last = i == len(depts) - 1
            step("review", "reported", "reviewed" if last else "reported", d, department=dept,
                 decision="approve", reason=None, by="县民政局", source="bundle")
        if done < len(depts):  # a partial review leaves the status and its date as reported
            r["status"], r["status_date"] = "reported", reported_on

    # ---- the four ones ---------------------------------------------------------------
    def care_work(self, r: Row, since: dt.date, until: dt.date) -> None:
        rng, rid = self.rng, r["id"]
        skill = min(1.0, self.diligence * rng.uniform(0.9, 1.1))
        # One in twenty recipients has been forgotten lately: nothing for the last ~70 days.
        silent_from = self.today - dt.timedelta(days=70) if rng.random() < 0.05 else until + dt.timedelta(days=1)
        last = min(until, silent_from)
        add, random, director = self.add, rng.random, self.director
        first, final = since.toordinal(), last.toordinal()

        def day_in(a: dt.date, b: dt.date) -> dt.date | None:
            """A day of [a, b] within [since, last]. On day numbers: date arithmetic (a
            timedelta per step) and max()/min() calls cost more than the rest of a record."""
            lo, hi = a.toordinal(), b.toordinal()
            lo, hi = (lo if lo > first else first), (hi if hi < final else final)
            if lo > hi:
                return None
            return dt.date.fromordinal(lo + int(random() * (hi - lo + 1)))

        # Calls: weekly for key monitoring, monthly otherwise.
        if r["key_monitoring"]:
            calls = weeks(since - dt.timedelta(days=since.weekday()), last)
        else:
            calls = periods(since.replace(day=1), last, 1)
        for a, b in calls:
            if random() > skill:
                continue
            on = day_in(a, b)
            if on is None:
                continue
            reached = random() < 0.9
            add("care_records", on, recipient_id=rid, kind="phone_followup", occurred_on=on,
                recorded_by=director, note=rng.choice(N.CALL_NOTES) if reached else "无人接听",
                reached=reached, problems=None, needs_action=reached and random() < 0.05,
                visitors=None, findings=None, items=None, value_fen=None, donor=None)
            if not reached:
                again = on + dt.timedelta(days=rng.randrange(1, 4))
                if again <= min(b, last) and random() < 0.8:
                    add("care_records", again, recipient_id=rid, kind="phone_followup",
                        occurred_on=again, recorded_by=director, note=rng.choice(N.CALL_NOTES),
                        reached=True, problems=None, needs_action=False, visitors=None,
                        findings=None, items=None, value_fen=None, donor=None)
        for quarter, q_end in periods(quarter_start(since), last, 3):
            if random() < skill:
                on = day_in(quarter, q_end)
                if on:
                    add("care_records", on, recipient_id=rid, kind="home_visit", occurred_on=on,
                        recorded_by=director, note=None, reached=None, problems=None,
                        needs_action=random() < 0.08, visitors=f"{director}、村支部书记",
                        findings=rng.choice(N.VISIT_FINDINGS), items=None, value_fen=None, donor=None)
            self.wish(rid, quarter, q_end, since, last, skill)
        for half, h_end in periods(half_start(since), last, 6):
            if random() < skill:
                on = day_in(half, h_end)
                if on:
                    items, value = rng.choice(N.AID_ITEMS)
                    unit = rng.choice(self.units)
                    add("care_records", on, recipient_id=rid, kind="material_aid", occurred_on=on,
                        recorded_by=director, note=None, reached=None, problems=None,
                        needs_action=False, visitors=None, findings=None, items=items,
                        value_fen=value, donor=unit["name"])

    def wish(self, rid: str, q: dt.date, q_end: dt.date, since: dt.date, last: dt.date, skill: float) -> None:
        rng = self.rng
        a = q if q > since else since
        if a > last or rng.random() > min(1.0, skill + 0.05):
            return
        # Day numbers rather than date arithmetic, as in care_work's day_in.
        start, end = a.toordinal(), last.toordinal()
        collected = start + rng.randrange(0, max(1, min(20, end - start + 1)))
        text, value = rng.choice(N.WISHES)
        claimed = collected + rng.randrange(3, 15)
        fulfilled = claimed + rng.randrange(3, 25)
        row: dict[str, Any] = dict(
            recipient_id=rid, description=text, stage="collected", collected_on=day(collected),
            claimed_on=None, claimed_by=None, fulfilled_on=None, fulfilled_with=None,
            value_fen=None, recorded_by=self.director)
        if claimed <= min(end, q_end.toordinal() + 20):
            row.update(stage="claimed", claimed_on=day(claimed), claimed_by=rng.choice(self.units)["name"])
            if fulfilled <= min(end, q_end.toordinal()) and rng.random() < skill + 0.05:
                row.update(stage="fulfilled", fulfilled_on=day(fulfilled), fulfilled_with=text[2:], value_fen=value)
        self.add("micro_wishes", row["collected_on"], **row)

    # ---- programmes -----------------------------------------------------------------
    def programmes_setup(self) -> None:
        rng = self.rng
        self.village_units = rng.sample(self.units, k=min(2, len(self.units)))
        for unit in self.village_units:
            self.add("unit_villages", self.start, unit_id=unit["id"], village_code=self.plan.code,
                     start_date=self.start, end_date=None)
        self.families: list[Row] = []
        self.caring: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        self.teachers = [(self.person_name("female" if rng.random() < 0.7 else "male"), self.phone())
                         for _ in range(4)]

    def agreement(self, rid: str, kind: str, on: dt.date, **parties: Any) -> None:
        rng = self.rng
        self.agreement_seq += 1
        state = rng.choices(("drafted", "printed", "signed", "void"), (8, 12, 76, 4))[0]
        printed = on + dt.timedelta(days=rng.randrange(1, 10)) if state != "drafted" else None
        if printed and printed > self.today:
            printed, state = None, "drafted"
        signed = None
        if state == "signed" and printed:
            signed = printed + dt.timedelta(days=rng.randrange(1, 30))
            if signed > self.today:
                signed, state = None, "printed"
        self.add("agreements", on, recipient_id=rid, kind=kind,
                 number=f"{self.plan.code}-{on.year}-{self.agreement_seq:04d}",
                 guardian_id=parties.get("guardian_id"), responsible_person_id=parties.get("person_id"),
                 status=state, term_start=on, term_end=add_months(on, 36), drafted_on=on,
                 printed_on=printed, signed_on=signed, scan_sha256=None,
                 void_reason="监护人变更，重新签订" if state == "void" else None)

    def programmes(self, r: Row, cats: tuple[str, ...], since: dt.date, until: dt.date) -> None:
        rng, rid = self.rng, r["id"]
        unit = rng.choice(self.village_units)
        people = self.persons_by_unit[unit["id"]]
        if rng.random() < 0.9:
            person = rng.choice(people)
            self.add("pairings", since, recipient_id=rid, responsible_person_id=person["id"],
                     unit_id=unit["id"], start_date=since, end_date=None)
            if rng.random() < 0.5:
                self.agreement(rid, "care_responsibility", since, person_id=person["id"])
        guardians = [g for g in self.rows["guardians"][-3:] if g["recipient_id"] == rid]
        if C.left_behind_child in cats:
            if guardians:
                self.agreement(rid, "entrusted_guardianship", since, guardian_id=guardians[0]["id"])
            if r["school"] and rng.random() < 0.85:
                teacher, phone = rng.choice(self.teachers)
                tp = self.add("teacher_pairings", since, recipient_id=rid, teacher_name=teacher,
                              teacher_phone=phone, school=r["school"], school_class=None,
                              start_date=since, end_date=until if until < self.today else None)
                term = since
                kinds = ("life_guidance", "psychological_counselling", "study_tutoring", "education_guidance")
                while term <= until:
                    on = term + dt.timedelta(days=rng.randrange(10, 80))
                    if on <= until:
                        self.add("school_file_entries", on, teacher_pairing_id=tp["id"], recipient_id=rid,
                                 kind=rng.choice(kinds), entry_date=on, content="与学生谈心，了解学习和生活情况",
                                 recorded_by=teacher)
                    term = add_months(term, 3)
                if until < self.today:
                    self.add("school_leave_handovers", until, recipient_id=rid, teacher_pairing_id=tp["id"],
                             left_on=until, reason="初中毕业离校", guardian_name=guardians[0]["name"] if guardians else "（待落实）",
                             handed_over_on=until + dt.timedelta(days=2), notes=None)
            self.add("responsibilities", since, recipient_id=rid, kind="school_retention",
                     person_name=self.director, person_phone=None, person_role="村福利主任",
                     start_date=since, end_date=None, note=None)
        if C.left_behind_elder in cats and guardians and rng.random() < 0.8:
            self.agreement(rid, "family_support", since, guardian_id=guardians[0]["id"])
        if r["self_care"] == "none" and rng.random() < 0.85:
            duties = ["mandatory_reporting"]
            duties.append("temporary_guardianship" if not guardians else "family_guardianship")
            for kind in duties:
                self.add("responsibilities", since, recipient_id=rid, kind=kind,
                         person_name=guardians[0]["name"] if guardians and kind == "family_guardianship" else self.director,
                         person_phone=None, person_role=None, start_date=since, end_date=None, note=None)
            if not guardians and rng.random() < 0.5:
                self.agreement(rid, "temporary_guardianship", since)
        if r["self_care"] in ("none", "partial") and rng.random() < 0.6:
            self.mutual_aid(rid, since, until)
        if C.extreme_poverty_dispersed in cats:
            on = since + dt.timedelta(days=rng.randrange(20, 90))
            while on <= until:
                self_care = rng.choices(("full", "partial", "none"), (50, 35, 15))[0]
                self.add("third_party_assessments", on, recipient_id=rid, agency=rng.choice(N.AGENCIES),
                         assessed_on=on, self_care=self_care, living_conditions="独居，住房基本安全",
                         health_check="血压偏高，建议定期复查", evaluation="基本能够维持日常生活",
                         recommended_measures="安排互助家庭每日送热饭热菜，每月上门走访")
                r["self_care"] = self_care
                on = add_months(on, 12) + dt.timedelta(days=rng.randrange(0, 30))

    def mutual_aid(self, rid: str, since: dt.date, until: dt.date) -> None:
        rng = self.rng
        # A neighbour family looks after a few people at most: those still in its care are
        # counted, and a family with its hands full is not given another.
        def busy(fam: Row) -> int:  # assignments of the family overlapping this one
            return sum(1 for a, b in self.caring[fam["id"]] if a <= until and b >= since)

        open_ = [f for f in self.families if busy(f) < MAX_CARED]
        if not open_ or rng.random() < 0.5:
            name = self.person_name("female")
            self.families.append(self.add(
                "mutual_aid_families", since, village_code=self.plan.code, head_name=name,
                id_number=self.id_number(self.birth_for_age(35, 60), "female"), phone=self.phone(),
                address=f"{self.plan.name}{group_of(rng)}"))
            open_ = [self.families[-1]]
        fam = rng.choice(open_)
        self.caring[fam["id"]].append((since, until))
        monthly = rng.choice((15000, 20000, 30000))
        self.add("mutual_aid_assignments", since, family_id=fam["id"], recipient_id=rid, start_date=since,
                 end_date=None if until >= self.today else until, monthly_subsidy_fen=monthly)
        month = add_months(since.replace(day=1), 1)
        while month <= until:
            m_end = min(add_months(month, 1) - dt.timedelta(days=1), until)
            # The village logs what it checked once a month, not every hot meal.
            if rng.random() < 0.8:
                on = month + dt.timedelta(days=rng.randrange((m_end - month).days + 1))
                kind = rng.choice(("hot_meals", "hot_meals", "cleaning", "daily_care", "comfort"))
                self.add("mutual_aid_services", on, family_id=fam["id"], recipient_id=rid, kind=kind,
                         served_on=on, note="本月每日送热饭热菜" if kind == "hot_meals" else None)
            if month.month in (3, 6, 9, 12):
                q = add_months(month, -2)
                paid = add_months(month, 1) + dt.timedelta(days=rng.randrange(5, 20))
                self.add("subsidy_payments", q, family_id=fam["id"], period_start=q, period_end=m_end,
                         amount_fen=monthly * 3, paid_on=paid if paid <= self.today else None,
                         fund_source="县级关爱保护统筹资金", note=None)
            month = add_months(month, 1)

    def activities(self) -> None:
        rng = self.rng
        recipients = [r["id"] for r in self.rows["recipients"] if r["status"] in ("confirmed", "exited")]
        q = quarter_start(self.start)
        while q <= self.today:
            kind, title = rng.choice(N.ACTIVITIES)
            on = q + dt.timedelta(days=rng.randrange(10, 80))
            if on <= self.today and recipients:
                act = self.add("activities", on, office_code=self.plan.code, kind=kind, title=title,
                               held_on=on, place=f"{self.plan.name}村委会", organizer=self.director, note=None)
                for rid in rng.sample(recipients, k=min(len(recipients), rng.randrange(8, 30))):
                    self.add("attendances", on, activity_id=act["id"], recipient_id=rid)
            q = add_months(q, 3)

    def oversight(self) -> None:
        """The older history of supervision and assessment; the last quarters' visits with
        their rectification items and the last half year's sheets come from
        app/demo/oversight.py, written as the township (and only at township and county scale)."""
        rng = self.rng
        q = quarter_start(self.start)
        supervisor = self.person_name("male")
        window = add_months(quarter_start(self.today), -3 * (RECENT_QUARTERS - 1))
        assessed_after = add_months(dt.date(self.today.year, 1 if self.today.month <= 6 else 7, 1), -6)
        while add_months(q, 3) <= window:
            on = add_months(q, 3) - dt.timedelta(days=rng.randrange(1, 15))
            label = f"{q.year}-Q{(q.month - 1) // 3 + 1}"
            row = self.add("supervision_visits", on, village_code=self.plan.code, period=label,
                           visited_on=on, supervisor=supervisor,
                           findings="台账基本完整" if self.diligence > 0.8 else "电话随访和走访记录不全",
                           problems=None if self.diligence > 0.8 else "部分对象超期未走访",
                           rectification=None if self.diligence > 0.8 else "一个月内补齐走访",
                           rectify_by=None, figures_json=None, checked=None)
            row["origin_office"] = row["modified_office"] = self.plan.township_code
            row["hlc"] = row["hlc"].rsplit(".", 1)[0] + "." + self.plan.township_code
            if q.month in (4, 10) and add_months(q, 3) <= assessed_after:
                grade = "excellent" if self.diligence > 0.9 else "good" if self.diligence > 0.8 else "failed" if self.diligence < 0.6 else "passed"
                a = self.add("semiannual_assessments", on, village_code=self.plan.code,
                             period=f"{q.year}-H{1 if q.month == 4 else 2}", assessed_on=on,
                             assessor="县民政局社会事务科", score=int(self.diligence * 100), grade=grade,
                             findings=None, figures_json=None, status="submitted", submitted_on=on)
                a["origin_office"] = a["modified_office"] = DEMO_COUNTY[0]
                a["hlc"] = a["hlc"].rsplit(".", 1)[0] + "." + DEMO_COUNTY[0]
            q = add_months(q, 3)
