"""The roster's two companion sheets, 监护人 (every guardian, with their kind and relation) and
家庭成员 (every household member, with where they work), one line per person listed and
linked to the recipient by the recipient's ID number (对象身份证号). The export writes them
after the roster sheet; the importer reads them back, so a roster exported and imported again
keeps several guardians and the household, not only the first guardian the roster sheet has
room for. The headers are matched as the roster's are (app.reports.sheets_fields)."""

from __future__ import annotations

from app.models.codes import LABELS, GuardianKind
from app.reports.sheets_fields import CellError, Field, clean, header_key

GUARDIANS, MEMBERS = "guardians", "members"

_WARD = (
    Field("ward_name", "对象姓名", ("关爱对象姓名", "被监护人姓名", "被监护人", "关爱对象"), 10),
    Field("ward_id", "对象身份证号", ("关爱对象身份证号", "被监护人身份证号", "对象身份证号码"), 22),
)
GUARDIAN_FIELDS: tuple[Field, ...] = (
    *_WARD,
    Field("kind", "监护类型", ("监护方式", "类型"), 10),
    Field("name", "监护人姓名", ("姓名", "监护人", "赡养人姓名"), 10),
    Field("relation", "与对象关系", ("关系", "与关爱对象关系", "与监护人关系"), 10),
    Field("id_number", "监护人身份证号", ("身份证号", "身份证号码"), 22),
    Field("phone", "监护人电话", ("电话", "联系电话", "手机号码"), 14),
    Field("address", "监护人住址", ("住址", "家庭住址"), 24),
    Field("start_date", "开始日期", ("起始日期", "监护开始日期"), 12),
)
MEMBER_FIELDS: tuple[Field, ...] = (
    *_WARD,
    Field("name", "成员姓名", ("姓名", "家庭成员姓名"), 10),
    Field("relation", "与对象关系", ("关系", "与关爱对象关系"), 10),
    Field("id_number", "成员身份证号", ("身份证号", "身份证号码"), 22),
    Field("phone", "成员电话", ("电话", "联系电话", "手机号码"), 14),
    Field("works_away", "是否外出务工", ("外出务工", "是否外出"), 8),
    Field("work_place", "务工地点", ("外出务工地点", "务工地址", "工作地点"), 20),
    Field("can_guard", "能否监护", ("是否能监护", "有无监护能力"), 8),
    Field("notes", "备注", ("说明",), 16),
)
FIELDS_OF = {GUARDIANS: GUARDIAN_FIELDS, MEMBERS: MEMBER_FIELDS}
SHEET_NAMES = {GUARDIANS: "监护人", MEMBERS: "家庭成员"}


def synonyms(fields: tuple[Field, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in fields:
        for name in (f.header, *f.synonyms):
            out.setdefault(header_key(name), f.key)
    return out


_KINDS = {LABELS[k.value][0]: k.value for k in GuardianKind}
_KINDS.update({k.value: k.value for k in GuardianKind})
_KINDS.update({"父母": "parent", "委托": "entrusted", "委托照护人": "entrusted", "临时": "temporary",
               "赡养": "supporter", "赡养义务人": "supporter"})


def guardian_kind(value: object) -> str | None:
    t = clean(value)
    if not t:
        return None
    found = _KINDS.get(t)
    if found is None:
        names = "、".join(LABELS[k.value][0] for k in GuardianKind)
        raise CellError(f"监护类型：“{value}”无法识别，可填：{names}。", f"Guardian kind: '{value}' not understood.")
    return found
