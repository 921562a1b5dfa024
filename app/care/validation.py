"""Validation of what a director types: resident ID numbers (GB 11643), phone numbers,
names, and the category rules of DOMAIN.md. Every message names the field and says what to
do, in Chinese first."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from app.care.errors import ValidationError
from app.care.regions import region_eras, region_usable
from app.models.codes import Ability, Category, DisabilityType, Labelled, ParentsAway, Sex

CHILD_AGE_LIMIT = 16  # a left-behind child is under 16 (DOMAIN.md)
ELDER_AGE = 60  # a left-behind elder is 60 or older
ADULT_AGE = 18
SEVERE_GRADES = (1, 2)  # grade 1 or 2 on the disability certificate


def normalize_text(value: str) -> str:
    """Full-width digits and letters to half-width; stray spaces (also U+3000) removed."""
    # str.split() splits on exactly the characters re's \s matches, in a third of the time
    return "".join(unicodedata.normalize("NFKC", value).split())


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: dt.date
    sex: str
    # False only when asked to read a number whose region code no edition of GB/T 2260 lists
    # from the birth year on (app.care.regions): the director must confirm it with a note.
    region_known: bool = True


class UnknownRegionError(ValidationError):
    """The region code is in no edition of GB/T 2260 from the birth year on; a director may
    confirm it with a recorded note (confirm_unknown_region) rather than be refused."""


UNKNOWN_REGION_HINT = ("如已核对身份证原件确认号码无误，可由主任确认该地区码并写明核实情况"
                       "（登记表上勾选“确认地区码”，命令行用 --confirm-unknown-region）")


def parse_id_number(raw: str, *, field: str = "id_number", label: str = "身份证号",
                    allow_unknown_region: bool = False) -> IdNumber:
    """Check an 18-character resident ID number and derive birth date and sex from it. A region
    code unknown from the birth year on is refused (UnknownRegionError), or with
    `allow_unknown_region` read with region_known False, for a confirmation to be recorded."""
    number = normalize_text(raw or "").upper()
    if not number:
        raise ValidationError(f"{label}：不能为空，请填写18位公民身份号码。",
                              "ID number: required (18 characters).", field=field)
    if len(number) != 18:
        raise ValidationError(
            f"{label}：应为18位，现在是{len(number)}位，请核对。",
            f"ID number: must be 18 characters, got {len(number)}.", field=field)
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            f"{label}：前17位必须是数字，最后一位是数字或X，请核对。",
            "ID number: 17 digits then a digit or X.", field=field)
    try:
        birth = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        raise ValidationError(
            f"{label}：第7到14位的出生日期（{number[6:14]}）不是有效日期，请核对。",
            f"ID number: the birth date {number[6:14]} is not a real date.", field=field) from None
    if birth > dt.date.today() or birth.year < 1900:
        raise ValidationError(
            f"{label}：出生日期 {birth.isoformat()} 不合理，请核对。",
            f"ID number: birth date {birth.isoformat()} is out of range.", field=field)
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        raise ValidationError(
            f"{label}：校验位不对（最后一位按前17位算应为 {expected}），请逐位核对号码。",
            f"ID number: check digit should be {expected}; check each digit.", field=field)
    known = region_usable(number[:6], birth.year)
    if not known and not allow_unknown_region:
        ended = [end for _start, end in region_eras(number[:6]) if end is not None]
        if ended:  # listed once, abolished before the person was born
            zh = f"前6位地区码 {number[:6]} 已于{max(ended)}年撤销，早于出生年份{birth.year}年，不会签发给此人"
            en = f"region code {number[:6]} was abolished in {max(ended)}, before the birth year {birth.year}"
        else:
            zh = f"前6位地区码 {number[:6]} 不存在（1980年以来各版国家行政区划代码 GB/T 2260 中都没有）"
            en = f"region code {number[:6]} is in no edition of GB/T 2260"
        raise UnknownRegionError(f"{label}：{zh}，请核对；{UNKNOWN_REGION_HINT}。",
                                 f"ID number: {en}; check it, or confirm it with a note if the card really "
                                 "carries it.", field=field)
    sex = Sex.male if int(number[16]) % 2 == 1 else Sex.female
    return IdNumber(number, birth, sex.value, known)


@cache
def _cn_mobile() -> re.Pattern[str]:
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    assert metadata is not None and metadata.mobile is not None
    return re.compile(metadata.mobile.national_number_pattern or r"(?!)")


def normalize_phone(raw: str | None, *, field: str = "phone", label: str = "联系电话") -> str | None:
    """A Chinese mobile (11 digits) or landline (area code-number); None when blank."""
    if raw is None or not normalize_text(raw):
        return None
    import phonenumbers  # its metadata loads on first use, not at the app's start

    text = normalize_text(raw)
    if len(text) == 11 and text.isascii() and text.isdigit() and _cn_mobile().fullmatch(text):
        # Most phones on a roster are plain mobiles: phonenumbers' own pattern for Chinese
        # mobiles settles them, without parsing and typing the number against every kind
        # (a twentieth of the cost; the same answer on 60,000 random numbers, tested).
        return text
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        parsed = None
    # is_valid_number is number_type != UNKNOWN (for a number's own region): ask once, it
    # tries the number against every kind of the region's numbers (half of a phone's check).
    kind = phonenumbers.number_type(parsed) if parsed is not None else None
    if parsed is None or kind == phonenumbers.PhoneNumberType.UNKNOWN or parsed.country_code != 86:
        raise ValidationError(
            f"{label}：“{raw}”不是有效的电话号码，手机号应为11位，固定电话请带区号（如 0851-86123456）。",
            f"Phone: '{raw}' is not a valid Chinese phone number.", field=field)
    national = str(parsed.national_number)
    mobile_types = (phonenumbers.PhoneNumberType.MOBILE,
                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    if kind in mobile_types and len(national) == 11:
        return national
    area = phonenumbers.length_of_geographical_area_code(parsed)
    if area:
        return f"0{national[:area]}-{national[area:]}"
    return national


def check_name(raw: str | None, *, field: str = "name", label: str = "姓名") -> str:
    name = (raw or "").strip().replace(" ", "").replace("\u3000", "")
    if not name:
        raise ValidationError(f"{label}：不能为空。", "Name: required.", field=field)
    if len(name) > 30:
        raise ValidationError(f"{label}：太长（最多30个字）。", "Name: too long (30 at most).", field=field)
    if any(ch.isdigit() for ch in name):
        raise ValidationError(f"{label}：不能含数字，请核对。", "Name: must not contain digits.", field=field)
    return name


def age_on(birth: dt.date, on: dt.date) -> int:
    """Whole years of age on a date (a birthday counts from the day itself)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@lru_cache(maxsize=64)
def _codes(allowed: type[Labelled]) -> tuple[str, ...]:
    return tuple(m.value for m in allowed)


def check_choice(value: str | None, allowed: type[Labelled], *, field: str, label: str) -> str | None:
    if value is None or value == "":
        return None
    codes = _codes(allowed)  # listing an enum's values costs more than the check
    if value not in codes:
        names = "、".join(f"{allowed(c).zh}({c})" for c in codes)
        raise ValidationError(f"{label}：“{value}”无效，可选：{names}。",
                              f"{field}: '{value}' is not one of {', '.join(codes)}.", field=field)
    return value


def check_not_future(on: dt.date, *, field: str = "date", label: str = "日期",
                     today: dt.date | None = None) -> dt.date:
    if on > (today or dt.date.today()):
        raise ValidationError(f"{label}：{on.isoformat()} 是将来的日期，请填写已经发生的日期。",
                              f"{field}: {on.isoformat()} is in the future.", field=field)
    return on


def check_categories(codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    if not codes:
        raise ValidationError("关爱类别：至少选择一个类别。", "Categories: choose at least one.",
                              field="categories")
    for code in codes:
        check_choice(code, Category, field="categories", label="关爱类别")
    return tuple(sorted(set(codes)))


# The household conditions of the left-behind categories (recipients' columns, migration 0015).
CONDITION_FIELDS = ("parents_away", "husband_works_away", "children_work_away")


@dataclass
class CategoryFacts:
    """What the category rules look at, as of the record's date."""

    categories: tuple[str, ...]
    birth_date: dt.date
    sex: str
    on: dt.date
    disability_type: str | None = None
    disability_grade: int | None = None
    work_ability: str | None = None
    has_income: bool | None = None
    has_supporter: bool | None = None
    in_institution: bool = False
    is_urban: bool = True
    # the household's situation (None: not recorded yet; see condition_errors)
    parents_away: str | None = None
    husband_works_away: bool | None = None
    children_work_away: bool | None = None


def condition_errors(f: CategoryFacts) -> list[ValidationError]:
    """The left-behind categories' conditions not recorded yet (DOMAIN.md): asked for when the
    category is confirmed, each naming what to record. What is recorded and contradicts the
    category is category_rule_errors' business, at every write."""
    errors: list[ValidationError] = []
    cats = set(f.categories)
    if Category.left_behind_child in cats and f.parents_away is None:
        errors.append(ValidationError(
            "家庭情况：留守儿童须登记父母外出情况——父母均外出务工，或一方外出务工、另一方无监护能力；请在家庭情况中登记后再确定。",
            "Left-behind child: record whether both parents work away, or one does and the other cannot care.",
            field="parents_away"))
    if Category.left_behind_woman in cats and f.husband_works_away is None:
        errors.append(ValidationError(
            "家庭情况：留守妇女须登记丈夫是否外出务工；请在家庭情况中登记后再确定。",
            "Left-behind woman: record that her husband works away.", field="husband_works_away"))
    if Category.left_behind_elder in cats and f.children_work_away is None:
        errors.append(ValidationError(
            "家庭情况：留守老人须登记子女是否都外出务工；请在家庭情况中登记后再确定。",
            "Left-behind elder: record that the children all work away.", field="children_work_away"))
    return errors


def category_rule_errors(f: CategoryFacts) -> list[ValidationError]:
    """Every way the facts break the rules of the categories claimed (empty when none)."""
    errors: list[ValidationError] = []
    age = age_on(f.birth_date, f.on)
    cats = set(f.categories)
    when = f.on.isoformat()

    def err(zh: str, en: str) -> None:
        errors.append(ValidationError(zh, en, field="categories"))

    if Category.left_behind_child in cats and age >= CHILD_AGE_LIMIT:
        err(f"关爱类别：留守儿童须未满16周岁，此人在 {when} 已满{age}周岁（按身份证号出生日期计算）。",
            f"Left-behind child must be under 16; this person is {age} on {when}.")
    if Category.left_behind_elder in cats and age < ELDER_AGE:
        err(f"关爱类别：留守老人须年满60周岁，此人在 {when} 为{age}周岁。",
            f"Left-behind elder must be 60 or older; this person is {age} on {when}.")
    if Category.left_behind_woman in cats:
        if f.sex != Sex.female:
            err("关爱类别：留守妇女须为女性，身份证号显示为男性。",
                "Left-behind woman must be female; the ID number says male.")
        elif age < ADULT_AGE:
            err(f"关爱类别：留守妇女须为成年女性，此人在 {when} 为{age}周岁；未满16周岁请登记为留守儿童。",
                f"Left-behind woman must be an adult; this person is {age}.")
    if Category.severe_disability in cats:
        if f.disability_grade is None or f.disability_type is None:
            err("残疾等级：重度残疾人须填写残疾类别和残疾等级（残疾证上的一级或二级）。",
                "Severe disability needs the disability type and grade (1 or 2).")
        else:
            if f.disability_grade not in SEVERE_GRADES:
                err(f"残疾等级：重度残疾人须为一级或二级残疾，现为{f.disability_grade}级。",
                    f"Severe disability means grade 1 or 2, got {f.disability_grade}.")
            if f.disability_type == DisabilityType.mental:
                err("残疾类别：按实施方案，精神残疾不列入重度残疾人关爱对象。",
                    "Mental disability is excluded from the severe-disability category by the plan.")
    if Category.three_withouts in cats:
        if not f.is_urban:
            err("户籍：“三无人员”是城镇类别，农村的同类对象请登记为分散供养特困人员；如是城镇居民请勾选“城镇”。",
                "Three-withouts is an urban category; mark the person as urban or use extreme poverty.")
        if f.work_ability not in (None, Ability.none):
            err("劳动能力：城镇“三无人员”须无劳动能力，请核对劳动能力或类别。",
                "Three-withouts person must have no ability to work.")
        if f.has_income:
            err("生活来源：城镇“三无人员”须无生活来源，请核对。",
                "Three-withouts person must have no source of income.")
        if f.has_supporter:
            err("赡养人：城镇“三无人员”须无法定赡养、抚养、扶养义务人（或义务人无履行能力），请核对。",
                "Three-withouts person must have no one able and bound to support them.")
    if Category.left_behind_child in cats and f.parents_away is not None \
            and f.parents_away not in _codes(ParentsAway):
        err(f"家庭情况：父母外出情况“{f.parents_away}”无效，应为父母均外出务工，或一方外出务工、另一方无监护能力。",
            f"Parents' situation '{f.parents_away}' is not a known code.")
    if Category.left_behind_woman in cats and f.husband_works_away is False:
        err("家庭情况：留守妇女的丈夫须外出务工；丈夫未外出的，不属于留守妇女，请核对类别或家庭情况。",
            "Left-behind woman: her husband must work away.")
    if Category.left_behind_elder in cats and f.children_work_away is False:
        err("家庭情况：留守老人的子女须都外出务工；子女有在家的，不属于留守老人，请核对类别或家庭情况。",
            "Left-behind elder: the children must all work away.")
    if Category.extreme_poverty_dispersed in cats and f.in_institution:
        err("供养方式：分散供养特困人员是在家供养，不能是集中（机构）供养，请核对。",
            "Extreme poverty (dispersed) means supported at home, not in an institution.")
    return errors


def check_disability(dtype: str | None, grade: int | None) -> None:
    check_choice(dtype, DisabilityType, field="disability_type", label="残疾类别")
    if grade is not None and grade not in (1, 2, 3, 4):
        raise ValidationError("残疾等级：应为1到4级。", "Disability grade must be 1 to 4.",
                              field="disability_grade")


MAX_YUAN = 1_000_000  # one amount of aid, a wish's value, a month's subsidy: more is a typo


def yuan_to_fen(raw: str | float | int, *, field: str = "value", label: str = "金额") -> int:
    """Money typed in yuan ("12.5", "１２") to integer fen, refusing more than two decimals and
    more than MAX_YUAN (a number SQLite and the printed ledger can hold)."""
    text = normalize_text(str(raw)).replace("元", "").replace(",", "")
    m = re.fullmatch(r"(\d{1,30})(?:\.(\d{1,2}))?", text)
    if not m:
        shown = str(raw)[:40]
        raise ValidationError(f"{label}：“{shown}”不是有效金额，请填写元，最多两位小数。",
                              f"{field}: '{shown}' is not an amount in yuan.", field=field)
    fen = int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    if fen > MAX_YUAN * 100:
        raise ValidationError(f"{label}：{m.group(1)} 元太大（最多 {MAX_YUAN} 元），请核对。",
                              f"{field}: {m.group(1)} yuan is too much ({MAX_YUAN} at most).", field=field)
    return fen


def fen_to_yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def mask_id_number(number: str) -> str:
    """First 6 and last 4 shown, as the app and the roster show it."""
    return number[:6] + "*" * (len(number) - 10) + number[-4:] if len(number) > 10 else number
