"""Which offices a demo fills: the demo county (黎平县, 522631), its townships and villages."""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.demo.names import GROUPS, TOWNSHIPS, VILLAGE_HEADS, VILLAGE_TAILS

DEMO_COUNTY = ("522631", "黎平县")
VILLAGES_PER_TOWNSHIP = 25
RECIPIENTS = {"village": 150, "township": 120, "county": 120}  # per village, on average


@dataclass(frozen=True)
class VillagePlan:
    code: str
    name: str
    township_code: str
    township_name: str
    index: int  # position in the whole demo, for per-village seeds


def township_code(i: int) -> str:
    return f"{DEMO_COUNTY[0]}{100 + i:03d}"


def village_names(rng: random.Random, n: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        name = rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS)
        if name[0] != name[1] and name not in seen:
            seen.add(name)
            names.append(name)
    return names


def villages_of_township(seed: int, t_index: int, t_code: str, t_name: str, n: int,
                         start: int) -> list[VillagePlan]:
    rng = random.Random(f"{seed}:township:{t_code}")
    return [VillagePlan(f"{t_code}{201 + i:03d}", name, t_code, t_name, start + i)
            for i, name in enumerate(village_names(rng, n))]


def group_of(rng: random.Random) -> str:
    return rng.choice(GROUPS)


def township_name(i: int) -> str:
    return TOWNSHIPS[i % len(TOWNSHIPS)]
