"""Stored name keys follow this version's reading of surnames: recomputed for what arrives
from an office on an older version, and for what is stored (the migration's job)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from app.care.name_index import refresh_name_keys
from tests.sync_offices import TOWNSHIP, VILLAGE, chain, register


def _keys(engine: Engine, rid: str) -> tuple[str, str]:
    with engine.connect() as conn:
        row = conn.execute(text("SELECT name_pinyin, name_initials FROM recipients WHERE id = :i"),
                           {"i": rid}).one()
    return row[0], row[1]


def _as_an_older_version_left_it(engine: Engine, rid: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE recipients SET name_pinyin = 'cengxiaohua', name_initials = 'cxh' "
                          "WHERE id = :i"), {"i": rid})


def test_keys_from_an_older_office_are_recomputed_on_merge(tmp_path: Path) -> None:
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    township, village = offices[TOWNSHIP], offices[VILLAGE]
    zeng = register(village, "曾小花")
    other = register(village, "陈德", seq=14)
    _as_an_older_version_left_it(village.engine, zeng)
    result = village.export(township)
    assert not result.empty
    imported = township.import_(village.sent[-1])
    assert imported[0].accepted, imported[0]
    assert _keys(township.engine, zeng) == ("zengxiaohua", "zxh")
    assert _keys(township.engine, other) == ("chende", "cd")
    # The village's own row is the migration's to mend: nothing was stamped or logged for it.
    assert _keys(village.engine, zeng) == ("cengxiaohua", "cxh")
    with village.engine.begin() as conn:
        before = conn.execute(text("SELECT hlc, (SELECT count(*) FROM audit_log), "
                                   "(SELECT max(seq) FROM sync_changes) FROM recipients WHERE id = :i"),
                              {"i": zeng}).one()
        assert refresh_name_keys(conn) == 1
        assert refresh_name_keys(conn) == 0  # already as computed
        after = conn.execute(text("SELECT hlc, (SELECT count(*) FROM audit_log), "
                                  "(SELECT max(seq) FROM sync_changes) FROM recipients WHERE id = :i"),
                             {"i": zeng}).one()
    assert _keys(village.engine, zeng) == ("zengxiaohua", "zxh")
    assert tuple(before) == tuple(after)  # an index rebuilt: no stamp, audit or change to send


def test_name_keys_never_make_a_conflict_of_their_own(tmp_path: Path) -> None:
    """Two offices rename one person at the same time, one of them computing keys by the old
    rule (ceng): the name is a conflict for a person to decide; its keys are not, and they
    follow the name shown."""
    from app.care import writes
    from app.models import Recipient
    from app.sync.conflicts import list_conflicts

    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    township, village = offices[TOWNSHIP], offices[VILLAGE]
    rid = register(village, "曾小花")
    [res] = township.import_(village.export(township).path)
    assert res.accepted
    # the township renames (keys by this version's rule), the village too, still on 0.2.0
    for office, name, keys in ((township, "曾大花", ("zengdahua", "zdh")), (village, "曾小华", ("cengxiaohua", "cxh"))):
        with office.session() as s, s.begin():
            writes.update(s, office.actor(s), s.get_one(Recipient, rid), name=name, name_pinyin=keys[0],
                          name_initials=keys[1])
    [res] = township.import_(village.export(township).path)
    assert res.accepted
    with township.session() as s:
        fields = sorted(c.field for c in list_conflicts(s))
        shown = s.get_one(Recipient, rid)
        assert fields == ["name"]
        assert (shown.name_pinyin, shown.name_initials) == name_keys_of(shown.name)


def name_keys_of(name: str) -> tuple[str, str]:
    from app.care.search import name_keys

    return name_keys(name)
