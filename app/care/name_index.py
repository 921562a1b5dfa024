"""Keeping the stored name keys (recipients.name_pinyin, name_initials) what this version of
the app computes from the name.

The keys are an index derived from the name, not something a person wrote: when the way
they are computed improves (surnames read as surnames, app.care.surnames) every office
recomputes them itself — a migration for what is stored, the merge for what arrives from an
office still on an older version. So they are set here without a clock stamp, an audit entry
or a change-log row, as an index rebuild would be: nothing a person changed, nothing to send.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from app.care.search import name_keys
from app.care.surnames import SURNAME_READINGS

_FIRSTS = frozenset(s[0] for s in SURNAME_READINGS)


def refresh_name_keys(conn: Connection, ids: Iterable[str] | None = None) -> int:
    """Recompute the keys of these recipients (all, when None) where they differ from what
    name_keys gives; the number of rows changed."""
    if ids is None:
        firsts = sorted(_FIRSTS)
        marks = ", ".join(f":f{i}" for i in range(len(firsts)))
        rows = conn.execute(text(f"SELECT id, name, name_pinyin, name_initials FROM recipients "
                                 f"WHERE substr(name, 1, 1) IN ({marks})"),
                            {f"f{i}": f for i, f in enumerate(firsts)}).all()
    else:
        wanted = sorted(set(ids))
        rows = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ", ".join(f":i{j}" for j in range(len(chunk)))
            rows += conn.execute(text(f"SELECT id, name, name_pinyin, name_initials FROM recipients "
                                      f"WHERE id IN ({marks})"),
                                 {f"i{j}": rid for j, rid in enumerate(chunk)}).all()
    # Only a name beginning with a table surname can have keys an older version computed
    # otherwise (the one change so far); the others are not worked out again.
    changed = [{"i": rid, "p": keys[0], "n": keys[1]} for rid, name, pinyin, initials in rows
               if (name or "")[:1] in _FIRSTS and (keys := name_keys(name)) != (pinyin, initials)]
    if changed:
        conn.execute(text("UPDATE recipients SET name_pinyin = :p, name_initials = :n WHERE id = :i"), changed)
    return len(changed)
