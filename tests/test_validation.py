from __future__ import annotations

import datetime as dt

import pytest

from app.care.errors import ValidationError
from app.care.validation import (
    CategoryFacts,
    age_on,
    category_rule_errors,
    fen_to_yuan,
    mask_id_number,
    normalize_phone,
    parse_id_number,
    yuan_to_fen,
)
from tests.helpers import make_id

GB_EXAMPLE = "11010519491231002X"


def test_gb11643_example_is_valid_and_gives_birth_date_and_sex() -> None:
    ident = parse_id_number(GB_EXAMPLE)
    assert ident.number == GB_EXAMPLE
    assert ident.birth_date == dt.date(1949, 12, 31)
    assert ident.sex == "female"  # 17th digit 2 is even


@pytest.mark.parametrize("position", [0, 5, 9, 14, 16])
def test_a_changed_digit_is_refused(position: int) -> None:
    digits = list(GB_EXAMPLE)
    digits[position] = str((int(digits[position]) + 1) % 10)
    with pytest.raises(ValidationError) as e:
        parse_id_number("".join(digits))
    assert e.value.field == "id_number"
    assert "身份证号" in e.value.zh


def test_wrong_check_digit_names_the_expected_one() -> None:
    with pytest.raises(ValidationError) as e:
        parse_id_number("110105194912310021")
    assert "校验位" in e.value.zh and "X" in e.value.zh


def test_lowercase_x_full_width_digits_and_spaces_are_normalised() -> None:
    raw = " １１０１０５ 19491231002x "
    assert parse_id_number(raw).number == GB_EXAMPLE


@pytest.mark.parametrize("raw,word", [
    ("11010519491231002", "18位"),
    ("1101051949123100AX", "前17位"),
    ("110105194902300020", "出生日期"),
    ("", "不能为空"),
])
def test_malformed_numbers_say_what_is_wrong(raw: str, word: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_id_number(raw)
    assert word in e.value.zh


def test_unknown_region_code_is_refused() -> None:
    body = "99999919800101001"
    from stdnum.cn import ric

    with pytest.raises(ValidationError) as e:
        parse_id_number(body + ric.calc_check_digit(body + "0"))
    assert "地区码" in e.value.zh


def test_male_from_odd_17th_digit() -> None:
    assert parse_id_number(make_id(dt.date(1990, 5, 6), "male")).sex == "male"


@pytest.mark.parametrize("raw,expected", [
    ("13812345678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),
    ("0851-86123456", "0851-86123456"),
    ("010 12345678", "010-12345678"),
    ("", None),
    (None, None),
])
def test_phone_numbers_are_normalised(raw: str | None, expected: str | None) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["123", "1381234567", "138123456789", "+1 650 253 0000"])
def test_bad_phone_numbers_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as e:
        normalize_phone(raw)
    assert e.value.field == "phone" and "联系电话" in e.value.zh


ON = dt.date(2026, 7, 1)


def facts(categories: tuple[str, ...], birth: dt.date, sex: str = "male", **kw: object) -> CategoryFacts:
    return CategoryFacts(categories, birth, sex, ON, **kw)  # type: ignore[arg-type]


def test_left_behind_child_is_under_16_on_the_record_date() -> None:
    assert category_rule_errors(facts(("left_behind_child",), dt.date(2010, 7, 2))) == []
    errors = category_rule_errors(facts(("left_behind_child",), dt.date(2010, 7, 1)))  # 16 today
    assert len(errors) == 1 and "未满16周岁" in errors[0].zh


def test_left_behind_elder_is_60_or_older() -> None:
    assert category_rule_errors(facts(("left_behind_elder",), dt.date(1966, 7, 1))) == []
    errors = category_rule_errors(facts(("left_behind_elder",), dt.date(1966, 7, 2)))
    assert len(errors) == 1 and "60" in errors[0].zh


def test_left_behind_woman_is_an_adult_woman() -> None:
    assert category_rule_errors(facts(("left_behind_woman",), dt.date(1990, 1, 1), "female")) == []
    assert "女性" in category_rule_errors(facts(("left_behind_woman",), dt.date(1990, 1, 1)))[0].zh
    assert category_rule_errors(facts(("left_behind_woman",), dt.date(2012, 1, 1), "female"))


@pytest.mark.parametrize("dtype,grade,ok", [
    ("physical", 1, True), ("visual", 2, True), ("physical", 3, False),
    ("mental", 1, False), (None, None, False), ("intellectual", None, False),
])
def test_severe_disability_is_grade_1_or_2_and_never_mental(dtype: str | None, grade: int | None,
                                                             ok: bool) -> None:
    errors = category_rule_errors(facts(("severe_disability",), dt.date(1980, 1, 1),
                                        disability_type=dtype, disability_grade=grade))
    assert (errors == []) is ok
    if dtype == "mental":
        assert "精神残疾" in errors[0].zh


def test_three_withouts_have_no_work_ability_income_or_supporter() -> None:
    base = dict(disability_type=None, disability_grade=None)
    assert category_rule_errors(facts(("three_withouts",), dt.date(1960, 1, 1), work_ability="none", **base)) == []
    errors = category_rule_errors(facts(("three_withouts",), dt.date(1960, 1, 1), work_ability="full",
                                        has_income=True, has_supporter=True, **base))
    assert len(errors) == 3


def test_dispersed_extreme_poverty_is_not_in_an_institution() -> None:
    assert category_rule_errors(facts(("extreme_poverty_dispersed",), dt.date(1950, 1, 1), in_institution=True))


def test_several_categories_are_each_checked() -> None:
    errors = category_rule_errors(facts(("left_behind_child", "severe_disability"), dt.date(2000, 1, 1)))
    assert len(errors) == 2


def test_age_counts_the_birthday_itself() -> None:
    assert age_on(dt.date(2010, 3, 7), dt.date(2026, 3, 7)) == 16
    assert age_on(dt.date(2010, 3, 7), dt.date(2026, 3, 6)) == 15


def test_money_is_integer_fen() -> None:
    assert yuan_to_fen("12.5") == 1250
    assert yuan_to_fen("０.０１") == 1
    assert yuan_to_fen("200元") == 20000
    assert fen_to_yuan(123456) == "1234.56"
    for bad in ("1.234", "abc", "-3"):
        with pytest.raises(ValidationError):
            yuan_to_fen(bad)


def test_id_numbers_are_masked_to_first_6_and_last_4() -> None:
    assert mask_id_number(GB_EXAMPLE) == "110105********002X"


def test_a_region_code_stdnum_half_knows_is_refused_not_a_crash() -> None:
    """stdnum raises KeyError (not its ValidationError) for codes such as 119000."""
    from stdnum.cn import ric

    body = "11900019800101001"
    with pytest.raises(ValidationError, match="地区码 119000 不存在"):
        parse_id_number(body + ric.calc_check_digit(body + "0"))


def test_the_mobile_fast_path_agrees_with_phonenumbers() -> None:
    """Plain 11-digit mobiles skip phonenumbers' parse; the answer must be the same."""
    import random

    import phonenumbers

    rng = random.Random(7)
    for _ in range(3000):
        raw = "1" + "".join(rng.choice("0123456789") for _ in range(10))
        try:
            parsed = phonenumbers.parse(raw, "CN")
            kind = phonenumbers.number_type(parsed)
        except phonenumbers.NumberParseException:
            kind = None
        mobile = kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
        try:
            got = normalize_phone(raw)
        except ValidationError:
            got = None
        assert (got == raw) == mobile, raw
