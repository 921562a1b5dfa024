"""Name search keys: pinyin and initials, surnames read as surnames."""

from __future__ import annotations

import datetime as dt

import pytest
from pypinyin import lazy_pinyin
from sqlalchemy.orm import Session

from app.care.context import Actor
from app.care.recipients import add_recipient, edit_recipient, list_recipients
from app.care.search import name_keys
from app.care.surnames import SURNAME_READINGS
from tests.helpers import make_id

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(("name", "keys"), [
    ("张小花", ("zhangxiaohua", "zxh")),  # no surname reading needed
    ("曾小花", ("zengxiaohua", "zxh")),  # pypinyin alone: cengxiaohua
    ("曾经明", ("zengjingming", "zjm")),  # not 曾经 (céngjīng) read as a phrase
    ("单雄信", ("shanxiongxin", "sxx")),
    ("覃明", ("qinming", "qm")),
    ("解", ("xie", "x")),  # a name of one character
    ("乐正明", ("yuezhengming", "yzm")),  # a compound surname from the table
    ("单于飞", ("shanyufei", "syf")),  # 单 Shàn with a given name 于飞, not the Xiongnu title
    ("尉迟敬德", ("yuchijingde", "ycjd")),
    ("", ("", "")),
])
def test_name_keys(name: str, keys: tuple[str, str]) -> None:
    assert name_keys(name) == keys


def test_every_table_entry_is_needed() -> None:
    """Each surname in the table reads otherwise than pypinyin reads it."""
    for surname, reading in SURNAME_READINGS.items():
        assert len(reading) == len(surname), surname
        assert lazy_pinyin(surname) != list(reading), surname


def test_a_director_finds_zeng_under_z(session: Session, actor: Actor) -> None:
    add_recipient(session, actor, name="曾小花", id_number=make_id(dt.date(1950, 2, 3), "female"),
                  categories=["left_behind_elder"], surveyed_on=TODAY)
    r = add_recipient(session, actor, name="陈德", id_number=make_id(dt.date(1951, 2, 3), "male", seq=2),
                      categories=["left_behind_elder"], surveyed_on=TODAY)
    session.commit()
    assert [x.name for x in list_recipients(session, search="zeng")] == ["曾小花"]
    assert [x.name for x in list_recipients(session, search="zxh")] == ["曾小花"]
    assert list_recipients(session, search="ceng") == []
    assert [x.name for x in list_recipients(session)] == ["陈德", "曾小花"]  # c before z
    edit_recipient(session, actor, r.id, name="单德")  # a renamed person gets the new keys
    session.commit()
    assert [x.name for x in list_recipients(session, search="shand")] == ["单德"]
