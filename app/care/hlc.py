"""Hybrid logical clock (Kulkarni et al.): a timestamp that follows wall time but never
goes backwards and orders causally related changes across offices.

A stamp is encoded as a fixed-width string "<ms:013d>.<counter:05d>.<office>" so that
string order is clock order, with the office code breaking ties. The counter never passes
99999: past that the clock borrows the next millisecond instead, keeping the width fixed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_COUNTER = 99_999


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    office: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}.{self.counter:05d}.{self.office}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, office = text.split(".", 2)
        return cls(int(wall), int(counter), office)


class Clock:
    """The clock of one office on one laptop. `now()` ticks for a local change;
    `observe()` folds in a stamp received from another office."""

    def __init__(self, office: str, last: Stamp | None = None,
                 wall: Callable[[], float] = time.time) -> None:
        self.office = office
        self._last_wall = last.wall_ms if last else 0
        self._last_counter = last.counter if last else 0
        self._wall = wall

    def _wall_ms(self) -> int:
        return int(self._wall() * 1000)

    def now(self) -> Stamp:
        wall = self._wall_ms()
        if wall > self._last_wall:
            self._last_wall, self._last_counter = wall, 0
        else:
            self._last_counter += 1
        self._carry()
        return Stamp(self._last_wall, self._last_counter, self.office)

    def _carry(self) -> None:
        if self._last_counter > MAX_COUNTER:
            self._last_wall += 1
            self._last_counter = 0

    def observe(self, remote: Stamp) -> None:
        wall = self._wall_ms()
        top = max(wall, self._last_wall, remote.wall_ms)
        if top == self._last_wall and top == remote.wall_ms:
            self._last_counter = max(self._last_counter, remote.counter) + 1
        elif top == self._last_wall:
            self._last_counter += 1
        elif top == remote.wall_ms:
            self._last_counter = remote.counter + 1
        else:
            self._last_counter = 0
        self._last_wall = top
        self._carry()

    @property
    def last(self) -> Stamp:
        return Stamp(self._last_wall, self._last_counter, self.office)
