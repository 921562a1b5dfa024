"""Small builders shared by the tests."""

from __future__ import annotations

import datetime as dt

from stdnum.cn import ric


def make_id(birth: dt.date, sex: str = "male", region: str = "522631", seq: int = 12) -> str:
    """A valid resident ID number for a birth date and sex (odd 17th digit = male)."""
    seq = seq * 2 + (1 if sex == "male" else 0)
    body = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def years_before(on: dt.date, years: int, days: int = 0) -> dt.date:
    return on.replace(year=on.year - years) - dt.timedelta(days=days)
