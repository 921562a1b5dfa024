"""The roster's columns as offices name them (花名册 headers and their synonyms), and the
readers that turn what people type into those cells into the service layer's values.

One table serves the importer (which header means which field), the blank template (its
headers, drop-downs and example row) and the roster export (its headers), so the three
never disagree. Cell readers raise CellError with a reason a director understands; the rules
themselves (ID check digit, phone, category rules) stay in app.care.validation and are
applied by the service layer.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from app.models.codes import LABELS, Ability, Category, DisabilityType, ParentsAway, Relation, Sex


class CellError(ValueError):
    """A cell's text cannot be read as the field's value; zh first, then en."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class Field:
    key: str
    header: str  # the header the template and exports use
    synonyms: tuple[str, ...] = ()
    width: int = 12  # template column width, in characters
    example: str = ""
    choices: tuple[str, ...] = ()  # drop-down values of the template
    in_template: bool = True  # the blank template has the column (not those only exports write)


YES, NO = "是", "否"
ABILITY_CHOICES = tuple(Ability(a).zh for a in Ability)
WORK_CHOICES = ("有劳动能力", "部分劳动能力", "无劳动能力")
CATEGORY_CHOICES = tuple(Category(c).zh for c in Category)

FIELDS: tuple[Field, ...] = (
    Field("seq", "序号", ("编号",), 6, "1"),
    Field("name", "姓名", ("对象姓名", "关爱对象姓名"), 10, "张小花"),
    Field("sex", "性别", (), 6, "女", ("男", "女")),
    Field("id_number", "身份证号", ("身份证号码", "公民身份号码", "公民身份证号码", "身份证"), 22,
          "522631201604050028"),
    Field("birth_date", "出生日期", ("出生年月日", "出生年月"), 12, "2016-04-05"),
    Field("ethnicity", "民族", (), 8, "苗族"),
    Field("phone", "联系电话", ("电话", "手机", "手机号码", "手机号", "联系方式"), 14, "13985561234"),
    Field("address", "家庭住址", ("住址", "地址", "家庭地址", "现住址"), 24, "岩寨村三组12号"),
    Field("categories", "类别", ("对象类别", "人员类别", "关爱类别", "关爱对象类别"), 22, "留守儿童",
          CATEGORY_CHOICES),
    Field("key_monitoring", "是否重点监护", ("重点监护", "是否重点监护对象", "重点监护对象"), 8, NO,
          (YES, NO)),
    Field("self_care", "自理能力", (), 10, "完全自理", ABILITY_CHOICES),
    Field("work_ability", "劳动能力", (), 10, "无劳动能力", WORK_CHOICES),
    Field("major_illness", "重大疾病", ("患病情况", "重大疾病情况"), 12, ""),
    Field("disability_type", "残疾类别", ("残疾类型",), 10, "",
          tuple(DisabilityType(d).zh for d in DisabilityType)),
    Field("disability_grade", "残疾等级", (), 8, "", ("一级", "二级", "三级", "四级")),
    Field("guardian_name", "监护人姓名", ("监护人", "监护人（赡养人）", "赡养人"), 10, "张大山"),
    Field("guardian_relation", "与监护人关系", ("监护人关系", "与对象关系"), 10, "祖父/外祖父",
          tuple(Relation(r).zh for r in Relation)),
    Field("guardian_phone", "监护人电话", ("监护人联系电话", "监护人手机"), 14, "13985567890"),
    Field("village", "所在村", ("村", "行政村", "所属村", "村名"), 12, ""),
    Field("school", "就读学校", ("学校", "在读学校", "所在学校"), 16, "岩洞镇中心小学"),
    Field("school_class", "班级", ("年级班级", "所在班级", "年级"), 8, "三年级二班"),
    Field("notes", "备注", ("说明",), 16, "父母在浙江宁波务工"),
    # The categories' conditions (a left-behind child's parents, a woman's husband, an elder's
    # children), recorded on the person and asked for at confirmation.
    Field("parents_away", "父母外出情况", ("父母外出务工情况", "监护情况"), 16, "父母均外出务工",
          tuple(LABELS[p.value][0] for p in ParentsAway)),
    Field("husband_works_away", "丈夫是否外出务工", ("丈夫外出务工", "丈夫外出"), 8, "", (YES, NO)),
    Field("children_work_away", "子女是否都外出务工", ("子女外出务工", "子女外出"), 8, "", (YES, NO)),
    # Written by the export, read back on import (status) or reported as not imported.
    Field("status", "状态", ("对象状态", "审核状态"), 8, in_template=False),
    Field("responsible", "帮扶责任人", ("结对帮扶责任人", "帮扶人"), 12, in_template=False),
)
BY_KEY = {f.key: f for f in FIELDS}


def header_key(text: object) -> str:
    """What a header cell says, reduced for matching: half-width, no spaces, no line breaks,
    no required-marks (*) and no remarks in brackets (“身份证号（18位）”)."""
    t = unicodedata.normalize("NFKC", str(text or ""))
    t = re.sub(r"\(.*?\)|（.*?）|\[.*?\]", "", t)
    return re.sub(r"[\s*＊:：]+", "", t)


SYNONYMS: dict[str, str] = {}
for _f in FIELDS:
    for _name in (_f.header, *_f.synonyms):
        SYNONYMS[header_key(_name)] = _f.key


def field_for(header: object) -> str | None:
    return SYNONYMS.get(header_key(header)) if header is not None else None


# ---- cell readers ---------------------------------------------------------------------------

def clean(value: object) -> str:
    """Cell text: full-width digits and letters made half-width, stray spaces removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # str.split() splits on exactly the characters re's \s matches, in a third of the time
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def text(value: object) -> str | None:
    """Free text (address, notes): NFKC and trimmed, inner spaces kept."""
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFKC", str(value)).split()) or None


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+\d+$", re.I)


def id_number(value: object) -> str:
    """The ID number as text. A number means Excel stored it as one, keeping only 15
    significant digits: the last digits are gone and cannot be recovered, so the row is
    refused rather than imported with a wrong number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = f"{value:.0f}" if isinstance(value, float) else str(value)
        raise CellError(
            f"身份证号：Excel 把号码存成了数字（{shown}），超过15位的部分已丢失，无法还原。"
            "请把该列设置为“文本”格式，重新录入完整的18位号码后再导入。",
            f"ID number: Excel stored it as a number ({shown}); the digits after the 15th are "
            "lost. Format the column as text and type the full number again.")
    t = clean(value).upper()
    if _SCIENTIFIC.match(t):
        raise CellError(
            f"身份证号：显示为科学计数法（{t}），Excel 已把号码当成数字，后几位已丢失。"
            "请把该列设置为“文本”格式，重新录入完整的18位号码。",
            f"ID number: shown in scientific notation ({t}); the last digits are lost.")
    return t


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
EXCEL_EPOCH = dt.date(1899, 12, 30)


def date(value: object, label: str = "日期") -> dt.date | None:
    """An Excel date, 2015-03-07, 2015/3/7, 2015.3.7, 2015年3月7日 or 20150307."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))  # a date serial without a date format
    t = clean(value).split("T")[0]
    for pattern in _DATE_PATTERNS:
        m = pattern.match(t)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise CellError(f"{label}：“{value}”不是有效日期，请写成 2015-03-07 或 2015年3月7日。",
                    f"{label}: '{value}' is not a date (use 2015-03-07).")


_YES = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "重点", "重点监护", "对"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "无", "不是", "非", "一般", "-"}


_PARENTS_AWAY = {header_key(LABELS[p.value][0]): p.value for p in ParentsAway} | {
    "父母双方外出务工": "both_away", "双方外出": "both_away", "父母均外出": "both_away",
    "一方外出务工另一方无监护能力": "one_away_other_unable", "一方外出另一方无监护能力": "one_away_other_unable"}


def parents_away(value: object, label: str) -> str | None:
    t = header_key(clean(value))
    if not t:
        return None
    found = _PARENTS_AWAY.get(t) or (t if t in {p.value for p in ParentsAway} else None)
    if found is None:
        raise CellError(f"{label}：“{value}”应为“父母均外出务工”或“一方外出务工、另一方无监护能力”。",
                        f"{label}: '{value}' should be both parents away, or one away and the other unable.")
    return found


def yes_no(value: object, label: str) -> bool | None:
    t = clean(value).lower()
    if not t:
        return None
    if t in _YES:
        return True
    if t in _NO:
        return False
    raise CellError(f"{label}：“{value}”应填“是”或“否”。", f"{label}: '{value}' should be 是 or 否.")


_CATEGORY_WORDS: dict[str, str] = {header_key(LABELS[c.value][0]): c.value for c in Category}
_CATEGORY_WORDS.update({
    "留守儿童": "left_behind_child", "农村留守儿童": "left_behind_child",
    "留守妇女": "left_behind_woman", "农村留守妇女": "left_behind_woman",
    "留守老人": "left_behind_elder", "农村留守老人": "left_behind_elder",
    "三无人员": "three_withouts", "城镇三无人员": "three_withouts", "城镇“三无人员”": "three_withouts",
    "城镇\"三无人员\"": "three_withouts", "三无": "three_withouts",
    "重度残疾人": "severe_disability", "重度残疾": "severe_disability", "重残": "severe_disability",
    "分散供养特困人员": "extreme_poverty_dispersed", "分散供养的特困人员": "extreme_poverty_dispersed",
    "特困人员": "extreme_poverty_dispersed", "特困供养人员": "extreme_poverty_dispersed",
    "五保户": "extreme_poverty_dispersed", "分散供养五保户": "extreme_poverty_dispersed",
    "分散供养": "extreme_poverty_dispersed",
})
_CATEGORY_WORDS.update({c.value: c.value for c in Category})
_SEPARATORS = re.compile(r"[、,，;；/|\s]+")


def categories(value: object) -> list[str]:
    """Several categories in one cell, separated by 、 , ； / or spaces."""
    raw = unicodedata.normalize("NFKC", str(value or ""))
    words = [w for w in _SEPARATORS.split(raw) if w]
    out: list[str] = []
    for word in words:
        code = _CATEGORY_WORDS.get(header_key(word).strip("\"'“”")) or _CATEGORY_WORDS.get(header_key(word))
        if code is None:
            names = "、".join(CATEGORY_CHOICES)
            raise CellError(f"类别：“{word}”不是关爱对象类别，可填：{names}（多个用“、”分隔）。",
                            f"Category: '{word}' is not a care category.")
        if code not in out:
            out.append(code)
    return out


def sex(value: object) -> str | None:
    t = clean(value)
    if not t:
        return None
    if t in ("男", "男性", "m", "M", "male"):
        return Sex.male.value
    if t in ("女", "女性", "f", "F", "female"):
        return Sex.female.value
    raise CellError(f"性别：“{value}”应填“男”或“女”。", f"Sex: '{value}' should be 男 or 女.")


_SELF_CARE = {"完全自理": "full", "自理": "full", "能自理": "full", "生活自理": "full", "全自理": "full",
              "部分自理": "partial", "半自理": "partial", "基本自理": "partial",
              "不能自理": "none", "完全不能自理": "none", "不能生活自理": "none", "无自理能力": "none",
              "失能": "none", "完全失能": "none"}
_WORK = {"有劳动能力": "full", "有": "full", "完全": "full", "全劳动力": "full", "劳动力": "full",
         "部分劳动能力": "partial", "部分": "partial", "弱劳动力": "partial", "半劳动力": "partial",
         "无劳动能力": "none", "无": "none", "丧失劳动能力": "none", "没有": "none", "无劳动力": "none"}


def ability(value: object, key: str, label: str) -> str | None:
    t = clean(value)
    if not t:
        return None
    table = _SELF_CARE if key == "self_care" else _WORK
    found = table.get(t) or (t if t in ("full", "partial", "none") else None)
    if found is None:
        choices = "、".join(ABILITY_CHOICES if key == "self_care" else WORK_CHOICES)
        raise CellError(f"{label}：“{value}”无法识别，可填：{choices}。", f"{label}: '{value}' not understood.")
    return found


_DISABILITY = {LABELS[d.value][0]: d.value for d in DisabilityType}
_DISABILITY.update({LABELS[d.value][0].removesuffix("残疾"): d.value for d in DisabilityType})
_DISABILITY.update({d.value: d.value for d in DisabilityType})
_GRADES = {"一": 1, "二": 2, "三": 3, "四": 4, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
           "1": 1, "2": 2, "3": 3, "4": 4, "I": 1, "II": 2, "III": 3, "IV": 4}


def disability(type_cell: object, grade_cell: object) -> tuple[str | None, int | None]:
    """Type and grade, from their own columns or both in one cell (“肢体二级”)."""
    t, g = clean(type_cell), clean(grade_cell)
    combined = re.match(r"^(.*?)([一二三四壹贰叁肆1-4]|I{1,3}|IV)级?$", t) if t and not g else None
    if combined and combined[1]:
        t, g = combined[1], combined[2]
    dtype = None
    if t and t not in ("无", "-", "/"):
        dtype = _DISABILITY.get(t) or _DISABILITY.get(t.removesuffix("残疾"))
        if dtype is None:
            names = "、".join(LABELS[d.value][0] for d in DisabilityType)
            raise CellError(f"残疾类别：“{type_cell}”无法识别，可填：{names}。",
                            f"Disability type: '{type_cell}' not understood.")
    grade = None
    if g and g not in ("无", "-", "/"):
        m = re.match(r"^([一二三四壹贰叁肆1-4]|I{1,3}|IV)级?$", g.upper() if g.isascii() else g)
        if m is None:
            raise CellError(f"残疾等级：“{grade_cell}”应为一级到四级。",
                            f"Disability grade: '{grade_cell}' should be 1 to 4.")
        grade = _GRADES[m[1]]
    return dtype, grade


_RELATIONS = {LABELS[r.value][0]: r.value for r in Relation}
for _r in Relation:
    for _part in LABELS[_r.value][0].split("/"):
        _RELATIONS.setdefault(_part, _r.value)
_RELATIONS.update({"爷爷": "grandfather", "外公": "grandfather", "奶奶": "grandmother",
                   "外婆": "grandmother", "父": "father", "母": "mother", "爸爸": "father",
                   "妈妈": "mother", "儿": "son", "女": "daughter", "孙子": "grandson",
                   "孙女": "granddaughter", "哥哥": "sibling", "姐姐": "sibling", "兄": "sibling",
                   "姐": "sibling", "弟弟": "sibling", "妹妹": "sibling", "妻子": "spouse",
                   "丈夫": "spouse", "夫妻": "spouse", "叔叔": "other_relative",
                   "伯父": "other_relative", "姑姑": "other_relative", "舅舅": "other_relative",
                   "阿姨": "other_relative", "亲戚": "other_relative"})


def relation(value: object) -> str | None:
    t = clean(value)
    if not t:
        return None
    found = _RELATIONS.get(t) or (t if t in _RELATIONS.values() else None)
    if found is None:
        raise CellError(f"与监护人关系：“{value}”无法识别，如：祖父/外祖父、母亲、邻居、其他亲属。",
                        f"Relation: '{value}' not understood.")
    return found


_STATUSES = {"已调查": "surveyed", "调查": "surveyed", "已上报": "reported", "上报": "reported",
             "已审核": "reviewed", "审核": "reviewed", "已确定": "confirmed", "确定": "confirmed",
             "已确认": "confirmed", "在册": "confirmed"}


def status(value: object) -> str | None:
    """The 状态 an export writes (已调查、已上报、已审核、已确定)."""
    t = clean(value)
    if not t:
        return None
    found = _STATUSES.get(t) or (t if t in ("surveyed", "reported", "reviewed", "confirmed") else None)
    if found is None:
        raise CellError(f"状态：“{value}”无法识别，可填：已调查、已上报、已审核、已确定。",
                        f"Status: '{value}' not understood.")
    return found


def label_of(code: str | None) -> str:
    return LABELS[code][0] if code and code in LABELS else (code or "")
