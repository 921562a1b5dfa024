"""Surnames read otherwise than their character's everyday reading.

pypinyin reads a character as it is most often read in running text: 曾 as céng (曾经), 单 as
dān, 覃 as tán. As surnames they are Zēng, Shàn, Qín — and a director looking for 曾小花 types
"zeng" or "zxh", and expects her among the Z's of the roster. Only the first character (or
the first two, for a compound surname) of a name is read from this table; the rest of the
name keeps pypinyin's reading.

Where a surname has two living readings, the commoner one in the south-west (the plan's
county is in Guizhou) is kept: 覃 Qín (not Tán), 翟 Zhái (not Dí), 乐 Yuè (not Lè), 缪 Miào
(not Móu). Every entry differs from pypinyin's own reading (tests/test_search.py checks it,
so the table holds only what it must).
"""

from __future__ import annotations

# Toneless pinyin, one syllable per character, as name_keys stores it.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "仇": ("qiu",), "朴": ("piao",), "区": ("ou",),
    "查": ("zha",), "盖": ("ge",), "覃": ("qin",), "缪": ("miao",), "种": ("chong",), "翟": ("zhai",),
    "繁": ("po",), "召": ("shao",), "员": ("yun",), "秘": ("bi",), "隗": ("wei",), "句": ("gou",),
    "折": ("she",), "乐": ("yue",), "祭": ("zhai",), "薄": ("bo",), "都": ("du",), "重": ("chong",),
    "颉": ("xie",), "粘": ("nian",), "角": ("jue",), "能": ("nai",), "卜": ("bu",), "阚": ("kan",),
    "佴": ("nai",),
    # Compound surnames pypinyin's phrase list reads wrongly (尉迟, 万俟, 长孙 … it reads
    # rightly). Looked up before their first character alone. Not 单于 (chányú), a title
    # of the Xiongnu rather than a living surname: 单于飞 is Shàn Yúfēi.
    "乐正": ("yue", "zheng"),
}


def surname_reading(name: str) -> tuple[int, tuple[str, ...]] | None:
    """How many leading characters of `name` are a surname read from the table, and their
    syllables; None when pypinyin's reading of the name stands."""
    for length in (2, 1):
        reading = SURNAME_READINGS.get(name[:length])
        if reading is not None and len(name) >= length:
            return length, reading
    return None
