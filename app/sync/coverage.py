"""What a bundle covered, as ranges of change-log positions.

Every travelling record has one position in the change log (`sync_changes.seq`), moved to
the end at each write or merge; a record never logged (a row loaded in bulk, or written
before sync existed) counts as position 0. A bundle packs the records whose positions lie in
its ranges at the moment of export, so the ranges say exactly what it carried: a record that
changed since has moved past them, into a later bundle's ranges.

A range (lo, hi) holds the positions p with lo < p <= hi; lo = EVERYTHING (-1) takes in
position 0 too. A set of ranges is kept sorted, without empty or touching ranges.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

Range = tuple[int, int]
Ranges = list[Range]

EVERYTHING = -1  # a lower bound below every position, the never-logged rows (0) included


def normalize(ranges: Iterable[Range]) -> Ranges:
    out: Ranges = []
    for lo, hi in sorted((int(lo), int(hi)) for lo, hi in ranges if hi > lo):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def union(*sets: Iterable[Range]) -> Ranges:
    return normalize(r for s in sets for r in s)


def minus(a: Iterable[Range], b: Iterable[Range]) -> Ranges:
    """The positions in `a` and not in `b`."""
    cut = normalize(b)
    out: Ranges = []
    for lo, hi in normalize(a):
        for blo, bhi in cut:
            if bhi <= lo or blo >= hi:
                continue
            if blo > lo:
                out.append((lo, blo))
            lo = max(lo, bhi)
            if lo >= hi:
                break
        if lo < hi:
            out.append((lo, hi))
    return out


def intersect(a: Iterable[Range], b: Iterable[Range]) -> Ranges:
    a = normalize(a)
    return minus(a, minus(a, b))


def dumps(ranges: Iterable[Range]) -> str:
    return json.dumps([list(r) for r in normalize(ranges)], separators=(",", ":"))


def loads(text: str | None, *, upto: int | None = None) -> Ranges:
    """Ranges stored with a bundle. A bundle logged before ranges were stored (schema 0006)
    carried every record not yet acknowledged up to its position: (EVERYTHING, upto] is a
    safe stand-in (what it adds was delivered by earlier bundles anyway)."""
    if text:
        return normalize((lo, hi) for lo, hi in json.loads(text))
    return [(EVERYTHING, upto)] if upto is not None and upto > EVERYTHING else []


__all__ = ["EVERYTHING", "Range", "Ranges", "dumps", "intersect", "loads", "minus", "normalize", "union"]
