"""The household conditions of the demo's left-behind people (issue 14, point 8), read from
the household members the demo recorded for them, as a director fills them in from the same
survey: a child whose parents both work away, or one works away and the other cannot care; a
woman whose husband works away; an elder whose children all work away. A child whose parent at
home can care is left unrecorded: the director's record does not make a category true, and
confirming such a child is refused until it is settled.

Kept apart from app/demo/village.py (the roster import helper's generator): one call after the
household is made, and the region-code confirmation columns left empty."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.models.codes import Category, ParentsAway

EMPTY: dict[str, Any] = {"parents_away": None, "husband_works_away": None, "children_work_away": None,
         "id_region_note": None, "id_region_confirmed_by": None, "id_region_confirmed_on": None,
         "anonymised_on": None}


def household_conditions(categories: Iterable[str], members: Iterable[dict[str, Any]]) -> dict[str, Any]:
    cats = set(categories)
    people = list(members)
    out = dict(EMPTY)
    if Category.left_behind_child in cats:
        parents = [m for m in people if m["relation"] in ("father", "mother")]
        away = [m for m in parents if m["works_away"]]
        home = [m for m in parents if not m["works_away"]]
        if len(away) == 2:
            out["parents_away"] = ParentsAway.both_away.value
        elif len(away) == 1 and all(not m["can_guard"] for m in home):
            out["parents_away"] = ParentsAway.one_away_other_unable.value
    if Category.left_behind_woman in cats:
        husbands = [m for m in people if m["relation"] == "spouse"]
        out["husband_works_away"] = bool(husbands) and all(m["works_away"] for m in husbands)
    if Category.left_behind_elder in cats:
        children = [m for m in people if m["relation"] in ("son", "daughter")]
        out["children_work_away"] = bool(children) and all(m["works_away"] for m in children)
    return out
