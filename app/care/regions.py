"""The region code (first six digits) of a resident ID number, judged against the history of
GB/T 2260 that python-stdnum ships (stdnum/cn/loc.dat: every code since the 1980 edition, each
with the years it was in force, e.g. 522601 "[1983-]凯里市", 412723 "[-2000]商水县").

The rule (issue 14, point 7). A number keeps the code of the place that issued it, and it is
issued at birth or any time later (the first cards of 1984–85 went to people born in the
1920s), so a code is accepted when it was in force in the birth year *or any year after*:
an elder born in 1950 with 522601 (in force from 1983) is a real person, and so is one with
412723 (abolished in 2000). A code whose every period ended before the birth year could not
have been issued to the person, and a code absent from every edition is unknown; both are
"unknown" here, and the director may confirm them with a recorded note (never silently).

stdnum's own check (`ric.get_birth_place`) asks instead that the code was in force in the birth
year exactly, which refuses the 1950 elder with 522601.
"""

from __future__ import annotations

from functools import lru_cache


def _eras(county: str) -> list[tuple[int | None, int | None]]:
    """The periods a loc.dat county entry was in force: "[1983-]凯里市,[-1983]凯里县" gives
    [(1983, None), (None, 1983)]; an entry without brackets was always in force."""
    eras: list[tuple[int | None, int | None]] = []
    for part in county.split(","):
        if not part.startswith("["):
            eras.append((None, None))
            continue
        span = part[1:].split("]", 1)[0]
        start, _, end = span.partition("-")
        eras.append((int(start) if start else None, int(end) if end else None))
    return eras


@lru_cache(maxsize=8192)
def region_eras(region: str) -> tuple[tuple[int | None, int | None], ...]:
    """Every period the six-digit code was in force (empty when no edition lists it).
    Remembered: the lookup walks stdnum's whole table, and a roster holds a few regions."""
    from stdnum import numdb

    if len(region) != 6 or not region.isdigit():
        return ()
    found = numdb.get("cn/loc").info(region)
    # info() gives the province part, then the county part when the code is listed; a code
    # that only matches a province ("119000") has no county entry and is unknown.
    props = [p for part, p in found if part and len(part) == 4]
    county = next((p["county"] for p in props if "county" in p), None)
    return tuple(_eras(county)) if county else ()


def region_usable(region: str, birth_year: int) -> bool:
    """The code was in force in the birth year or any year after it (see the module's rule)."""
    return any(end is None or end >= birth_year for _start, end in region_eras(region))
