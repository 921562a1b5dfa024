"""Search keys for names: full pinyin and initials (张三 → "zhangsan", "zs"), so a director
can find a person by typing a few Latin letters."""

from __future__ import annotations

from functools import lru_cache

from app.care.surnames import surname_reading


def _syllables(text: str) -> list[str]:
    # Imported here: pypinyin's dictionaries take most of a second to load, which the
    # desktop app should not pay at start for a search that only writes need.
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text, errors="ignore")


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, str]:
    """A person's name as (full pinyin, initials), the surname read as a surname (曾 zeng)."""
    found = surname_reading(name)
    if found is None:
        syllables = _syllables(name)
    else:  # the given name read on its own: 曾经明 is zeng jing ming, not ceng jing ming
        length, reading = found
        syllables = [*reading, *_syllables(name[length:])] if name[length:] else list(reading)
    return _joined(syllables)


@lru_cache(maxsize=4096)
def given_name_keys(text: str) -> tuple[str, str]:
    """Keys of characters that are not a surname (the demo builds names a character at a time)."""
    return _joined(_syllables(text))


def _joined(syllables: list[str]) -> tuple[str, str]:
    # One pass: the initials are each syllable's first letter, which is what pypinyin's
    # FIRST_LETTER style gives (compared on 20,000 random names), at half the cost.
    return "".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()
