"""Code names of the domain (DOMAIN.md), with their Chinese and English labels.

Stored as plain strings in the database so that adding a code is a data change, not a
schema change; the service layer checks every value against these sets.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A code name whose members carry (Chinese, English) labels in LABELS."""

    @property
    def zh(self) -> str:
        return LABELS[self.value][0]

    @property
    def en(self) -> str:
        return LABELS[self.value][1]

    def label(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") else self.zh


class OfficeLevel(Labelled):
    county = "county"
    township = "township"
    village = "village"


class Category(Labelled):
    left_behind_child = "left_behind_child"
    left_behind_woman = "left_behind_woman"
    left_behind_elder = "left_behind_elder"
    three_withouts = "three_withouts"
    severe_disability = "severe_disability"
    extreme_poverty_dispersed = "extreme_poverty_dispersed"


class Sex(Labelled):
    male = "male"
    female = "female"


class Ability(Labelled):
    """Self-care ability and ability to work."""

    full = "full"
    partial = "partial"
    none = "none"


class DisabilityType(Labelled):
    physical = "physical"
    visual = "visual"
    hearing = "hearing"
    speech = "speech"
    intellectual = "intellectual"
    mental = "mental"
    multiple = "multiple"


class Status(Labelled):
    surveyed = "surveyed"
    reported = "reported"
    reviewed = "reviewed"
    confirmed = "confirmed"
    rejected = "rejected"
    exited = "exited"


class LifecycleStep(Labelled):
    survey = "survey"
    report = "report"
    review = "review"
    confirm = "confirm"
    reject = "reject"
    exit = "exit"


class Department(Labelled):
    civil_affairs = "civil_affairs"
    disabled_federation = "disabled_federation"
    youth_league = "youth_league"
    womens_federation = "womens_federation"


class Decision(Labelled):
    approve = "approve"
    reject = "reject"


class DuplicateMatch(Labelled):
    """Why two recipients are listed as possible duplicates."""

    id_number = "id_number"
    name_birth = "name_birth"


class AccessEvent(Labelled):
    """What the access log records (issue 15, point 3; app/protection/access_log.py)."""

    open_record = "open_record"  # a minor's or a disabled person's record opened
    reveal_id = "reveal_id"  # a full ID number shown
    print_full_ids = "print_full_ids"  # a PDF with full ID numbers
    export_full_ids = "export_full_ids"  # a spreadsheet with full ID numbers
    import_roster = "import_roster"
    sign_in = "sign_in"
    sign_in_failed = "sign_in_failed"


class DuplicateVerdict(Labelled):
    different = "different"
    same = "same"


class DecisionSource(Labelled):
    """Where a life-cycle step came from: kept so a county decision can be traced."""

    local = "local"
    paper = "paper"
    bundle = "bundle"
    roster_import = "roster_import"


class Relation(Labelled):
    father = "father"
    mother = "mother"
    spouse = "spouse"
    son = "son"
    daughter = "daughter"
    grandfather = "grandfather"
    grandmother = "grandmother"
    grandson = "grandson"
    granddaughter = "granddaughter"
    sibling = "sibling"
    daughter_in_law = "daughter_in_law"
    son_in_law = "son_in_law"
    other_relative = "other_relative"
    neighbour = "neighbour"
    other = "other"


class GuardianKind(Labelled):
    parent = "parent"
    entrusted = "entrusted"
    temporary = "temporary"
    supporter = "supporter"


class CareKind(Labelled):
    phone_followup = "phone_followup"
    home_visit = "home_visit"
    micro_wish = "micro_wish"
    material_aid = "material_aid"


class WishStage(Labelled):
    collected = "collected"
    claimed = "claimed"
    fulfilled = "fulfilled"
    cancelled = "cancelled"


class Period(Labelled):
    week = "week"
    month = "month"
    quarter = "quarter"
    half_year = "half_year"


class SchoolFileKind(Labelled):
    life_guidance = "life_guidance"
    psychological_counselling = "psychological_counselling"
    study_tutoring = "study_tutoring"
    education_guidance = "education_guidance"


class MutualAidServiceKind(Labelled):
    hot_meals = "hot_meals"
    cleaning = "cleaning"
    daily_care = "daily_care"
    comfort = "comfort"


class ResponsibilityKind(Labelled):
    family_guardianship = "family_guardianship"
    temporary_guardianship = "temporary_guardianship"
    mandatory_reporting = "mandatory_reporting"
    school_retention = "school_retention"
    household_registration = "household_registration"


class AgreementKind(Labelled):
    family_support = "family_support"
    entrusted_guardianship = "entrusted_guardianship"
    temporary_guardianship = "temporary_guardianship"
    care_responsibility = "care_responsibility"


class AgreementStatus(Labelled):
    drafted = "drafted"
    printed = "printed"
    signed = "signed"
    void = "void"


class ActivityKind(Labelled):
    health_talk = "health_talk"
    safety_talk = "safety_talk"
    legal_talk = "legal_talk"
    health_check = "health_check"
    skills_training = "skills_training"
    culture_sports = "culture_sports"


class AssessmentGrade(Labelled):
    excellent = "excellent"
    good = "good"
    passed = "passed"
    failed = "failed"


class RectificationStatus(Labelled):
    """What a rectification item is stored as; "overdue" is an open one past its deadline."""

    open = "open"
    done = "done"


class AssessmentStatus(Labelled):
    draft = "draft"
    submitted = "submitted"


class AssessmentRuleKind(Labelled):
    auto = "auto"
    manual = "manual"
    grade = "grade"


class FollowUpSource(Labelled):
    """Where a follow-up item (随访/转介事项) comes from."""

    care_record = "care_record"
    assessment = "assessment"
    other = "other"


class FollowUpStatus(Labelled):
    open = "open"
    closed = "closed"


class ParentsAway(Labelled):
    """A left-behind child's situation (DOMAIN.md; the ministry's form's 监护情况)."""

    both_away = "both_away"
    one_away_other_unable = "one_away_other_unable"


class AttachmentKind(Labelled):
    photo = "photo"
    scan = "scan"
    document = "document"


LABELS: dict[str, tuple[str, str]] = {
    # access log
    "open_record": ("打开档案", "opened a record"),
    "reveal_id": ("显示完整身份证号", "revealed an ID number"),
    "print_full_ids": ("打印含完整身份证号的文件", "printed full ID numbers"),
    "export_full_ids": ("导出含完整身份证号的文件", "exported full ID numbers"),
    "import_roster": ("导入花名册", "imported a roster"),
    "sign_in": ("登录", "signed in"),
    "sign_in_failed": ("登录失败", "failed sign-in"),
    # office levels
    "county": ("县（区）", "county"),
    "township": ("乡镇", "township"),
    "village": ("行政村", "village"),
    # categories
    "left_behind_child": ("留守儿童", "left-behind child"),
    "left_behind_woman": ("留守妇女", "left-behind woman"),
    "left_behind_elder": ("留守老人", "left-behind elder"),
    "three_withouts": ("城镇“三无人员”", "urban 'three withouts' person"),
    "severe_disability": ("重度残疾人", "severely disabled person"),
    "extreme_poverty_dispersed": ("分散供养特困人员", "extremely poor, supported at home"),
    "male": ("男", "male"),
    "female": ("女", "female"),
    "full": ("完全自理", "full"),
    "partial": ("部分自理", "partial"),
    "none": ("不能自理", "none"),
    "physical": ("肢体残疾", "physical"),
    "visual": ("视力残疾", "visual"),
    "hearing": ("听力残疾", "hearing"),
    "speech": ("言语残疾", "speech"),
    "intellectual": ("智力残疾", "intellectual"),
    "mental": ("精神残疾", "mental"),
    "multiple": ("多重残疾", "multiple"),
    # status and steps
    "surveyed": ("已调查", "surveyed"),
    "reported": ("已上报", "reported"),
    "reviewed": ("已审核", "reviewed"),
    "confirmed": ("已确定", "confirmed"),
    "rejected": ("未通过", "rejected"),
    "exited": ("已退出", "exited"),
    "survey": ("调查", "survey"),
    "report": ("上报", "report"),
    "review": ("审核", "review"),
    "confirm": ("确定", "confirm"),
    "reject": ("不予确定", "reject"),
    "exit": ("退出", "exit"),
    "civil_affairs": ("民政局", "civil affairs bureau"),
    "disabled_federation": ("残联", "disabled persons' federation"),
    "youth_league": ("团委", "youth league"),
    "womens_federation": ("妇联", "women's federation"),
    "approve": ("同意", "approve"),
    "id_number": ("身份证号相同", "same ID number"),
    "name_birth": ("姓名和出生日期相同", "same name and birth date"),
    "different": ("不是同一人", "not a duplicate"),
    "same": ("同一人", "the same person"),
    "local": ("本机录入", "entered here"),
    "paper": ("县级纸质决定", "county decision on paper"),
    "bundle": ("上级数据包", "received in a bundle"),
    "roster_import": ("导入已确定名册", "imported confirmed roster"),
    # relations
    "father": ("父亲", "father"),
    "mother": ("母亲", "mother"),
    "spouse": ("配偶", "spouse"),
    "son": ("儿子", "son"),
    "daughter": ("女儿", "daughter"),
    "grandfather": ("祖父/外祖父", "grandfather"),
    "grandmother": ("祖母/外祖母", "grandmother"),
    "grandson": ("孙子/外孙", "grandson"),
    "granddaughter": ("孙女/外孙女", "granddaughter"),
    "sibling": ("兄弟姐妹", "sibling"),
    "daughter_in_law": ("儿媳", "daughter-in-law"),
    "son_in_law": ("女婿", "son-in-law"),
    "other_relative": ("其他亲属", "other relative"),
    "neighbour": ("邻居", "neighbour"),
    "other": ("其他", "other"),
    "parent": ("父母监护", "parent"),
    "entrusted": ("委托监护", "entrusted carer"),
    "temporary": ("临时监护", "temporary guardian"),
    "supporter": ("赡养人", "supporter"),
    # care work
    "phone_followup": ("电话随访", "phone follow-up"),
    "home_visit": ("实地走访", "home visit"),
    "micro_wish": ("微心愿", "micro-wish"),
    "material_aid": ("物资帮扶", "material aid"),
    "collected": ("已征集", "collected"),
    "claimed": ("已认领", "claimed"),
    "fulfilled": ("已实现", "fulfilled"),
    "cancelled": ("已取消", "cancelled"),
    "week": ("每周", "week"),
    "month": ("每月", "month"),
    "quarter": ("每季度", "quarter"),
    "half_year": ("每半年", "half year"),
    "life_guidance": ("生活指导", "life guidance"),
    "psychological_counselling": ("心理疏导", "psychological counselling"),
    "study_tutoring": ("学习辅导", "study tutoring"),
    "education_guidance": ("教育引导", "education guidance"),
    "hot_meals": ("热饭热菜", "hot meals"),
    "cleaning": ("清洁卫生", "cleaning"),
    "daily_care": ("生活照料", "daily care"),
    "comfort": ("精神慰藉", "comfort"),
    "family_guardianship": ("家庭监护", "family guardianship"),
    "temporary_guardianship": ("临时监护", "temporary guardianship"),
    "mandatory_reporting": ("强制报告", "mandatory reporting"),
    "school_retention": ("控辍保学", "keeping children in school"),
    "household_registration": ("户口登记", "household registration"),
    "family_support": ("家庭赡养责任书", "family support pledge"),
    "entrusted_guardianship": ("农村留守儿童委托监护责任确认书", "entrusted-guardianship confirmation"),
    "care_responsibility": ("关爱帮扶责任书", "care responsibility pledge"),
    "drafted": ("已起草", "drafted"),
    "printed": ("已打印", "printed"),
    "signed": ("已签订", "signed"),
    "void": ("已作废", "void"),
    "health_talk": ("健康讲座", "health talk"),
    "safety_talk": ("安全教育", "safety talk"),
    "legal_talk": ("法治宣传", "legal talk"),
    "health_check": ("义诊体检", "free health check"),
    "skills_training": ("技能培训", "skills training"),
    "culture_sports": ("文体活动", "cultural and sports event"),
    "open": ("未整改", "open"),
    "done": ("已整改", "done"),
    "overdue": ("逾期未整改", "overdue"),
    "draft": ("草稿", "draft"),
    "submitted": ("已提交", "submitted"),
    "auto": ("按数据计分", "scored from the figures"),
    "manual": ("人工评分", "scored by hand"),
    "grade": ("等次线", "grade threshold"),
    "rectification": ("整改事项", "rectification item"),
    "excellent": ("优秀", "excellent"),
    "good": ("良好", "good"),
    "passed": ("合格", "passed"),
    "failed": ("不合格", "failed"),
    "photo": ("照片", "photo"),
    "scan": ("扫描件", "scan"),
    "document": ("文件", "document"),
    "closed": ("已处置", "closed"),
    "follow_up": ("随访事项", "follow-up item"),
    "care_record": ("随访走访", "call or visit"),
    "assessment": ("第三方评估", "third-party assessment"),
    "both_away": ("父母均外出务工", "both parents work away"),
    "one_away_other_unable": ("一方外出务工、另一方无监护能力", "one parent away, the other unable to care"),
}


# The same three codes (Ability) read differently for work: LABELS gives the self-care words.
WORK_LABELS: dict[str, tuple[str, str]] = {
    "full": ("有劳动能力", "able to work"),
    "partial": ("部分劳动能力", "partly able to work"),
    "none": ("无劳动能力", "unable to work"),
}


# What a sync bundle carried, in words: its counts are keyed by table name (and
# "attachment_files" for the files themselves), which a welfare director does not know.
# table → (Chinese noun, its measure word, English one, English many); the order is the
# order they are told in, the people first.
TABLE_WORDS: dict[str, tuple[str, str, str, str]] = {
    "recipients": ("关爱对象", "人", "care recipient", "care recipients"),
    "household_members": ("家庭成员", "人", "household member", "household members"),
    "guardians": ("监护人", "人", "guardian", "guardians"),
    "status_events": ("状态记录", "条", "status record", "status records"),
    "flag_changes": ("类别和重点监护变更", "条", "category or key-monitoring change",
                     "category or key-monitoring changes"),
    "care_records": ("关爱记录", "条", "care record", "care records"),
    "micro_wishes": ("微心愿", "个", "micro-wish", "micro-wishes"),
    "agreements": ("协议", "份", "agreement", "agreements"),
    "responsibilities": ("责任分工", "项", "responsibility", "responsibilities"),
    "third_party_assessments": ("第三方评估", "次", "third-party assessment", "third-party assessments"),
    "activities": ("关爱活动", "场", "care activity", "care activities"),
    "attendances": ("活动参加记录", "人次", "attendance", "attendances"),
    "assisting_units": ("帮扶单位", "个", "assisting unit", "assisting units"),
    "unit_villages": ("帮扶单位联系村", "个", "unit–village match", "unit–village matches"),
    "responsible_persons": ("帮扶责任人", "人", "responsible person", "responsible persons"),
    "pairings": ("结对帮扶", "对", "pairing", "pairings"),
    "teacher_pairings": ("教师结对", "对", "teacher pairing", "teacher pairings"),
    "school_file_entries": ("在校档案记录", "条", "school file entry", "school file entries"),
    "school_leave_handovers": ("离校交接", "次", "school-leaving handover", "school-leaving handovers"),
    "mutual_aid_families": ("互助家庭", "户", "mutual-aid family", "mutual-aid families"),
    "mutual_aid_assignments": ("互助照料安排", "项", "mutual-aid assignment", "mutual-aid assignments"),
    "mutual_aid_services": ("互助服务记录", "条", "mutual-aid service", "mutual-aid services"),
    "subsidy_payments": ("补贴发放", "笔", "subsidy payment", "subsidy payments"),
    "supervision_visits": ("督导记录", "次", "supervision visit", "supervision visits"),
    "rectification_items": ("整改事项", "项", "rectification item", "rectification items"),
    "follow_up_items": ("随访事项", "项", "follow-up item", "follow-up items"),
    "semiannual_assessments": ("半年考核", "次", "semiannual assessment", "semiannual assessments"),
    "duplicate_decisions": ("重复登记认定", "条", "duplicate decision", "duplicate decisions"),
    "assessment_items": ("考核评分项", "项", "assessment score", "assessment scores"),
    "assessment_rules": ("考核评分规则", "条", "assessment rule", "assessment rules"),
    "period_locks": ("考核期锁定", "项", "period lock", "period locks"),
    "care_rules": ("关爱频次规定", "条", "care rule", "care rules"),
    "retention_rules": ("信息保存期限", "条", "retention rule", "retention rules"),
    "offices": ("单位", "个", "office", "offices"),
    "attachments": ("附件", "份", "attachment", "attachments"),
    "attachment_files": ("附件文件", "个", "attachment file", "attachment files"),
    "access_log": ("查阅记录", "条", "access-log entry", "access-log entries"),
    # other offices' records relayed as they signed them (app/sync/layers.py)
    "relayed_layers": ("转交的下级或上级单位数据", "份", "relayed office's data set", "relayed offices' data sets"),
}


# The fields a sync conflict names most often, in words (others show their column name).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "Name"), "phone": ("电话", "Phone"), "address": ("住址", "Address"),
    "id_number": ("身份证号", "ID number"), "birth_date": ("出生日期", "Birth date"),
    "categories": ("类别", "Categories"), "deleted": ("删除", "Deleted"), "status": ("状态", "Status"),
    # free-text fields (app/care/text_rules.py names them in its refusals)
    "ethnicity": ("民族", "Ethnicity"), "major_illness": ("重大疾病", "Major illness"),
    "disability_cert_no": ("残疾证号", "Disability certificate"), "school": ("学校", "School"),
    "school_class": ("班级", "Class"), "surveyed_by": ("调查人", "Surveyed by"), "notes": ("备注", "Notes"),
    "note": ("说明", "Note"), "work_place": ("务工地点", "Place of work"), "reason": ("原因", "Reason"),
    "doc_no": ("文号", "Document number"), "decided_by": ("经办人", "Decided by"),
    "unit_type": ("单位类型", "Unit type"), "contact_person": ("联系人", "Contact person"),
    "position": ("职务", "Position"), "teacher_name": ("教师姓名", "Teacher"), "content": ("内容", "Content"),
    "recorded_by": ("记录人", "Recorded by"), "guardian_name": ("监护人姓名", "Guardian"),
    "head_name": ("户主姓名", "Head of family"), "fund_source": ("资金来源", "Fund source"),
    "agency": ("评估机构", "Agency"), "living_conditions": ("生活状况", "Living conditions"),
    "health_check": ("健康检查", "Health check"), "evaluation": ("评估意见", "Evaluation"),
    "recommended_measures": ("建议措施", "Recommended measures"), "person_name": ("责任人姓名", "Person"),
    "person_role": ("责任人身份", "Role"), "void_reason": ("作废原因", "Reason void"),
    "problems": ("发现的问题", "Problems"), "visitors": ("走访人", "Visitors"), "findings": ("情况", "Findings"),
    "items": ("物资", "Items"), "donor": ("捐赠方", "Donor"), "description": ("心愿内容", "Wish"),
    "claimed_by": ("认领人", "Claimed by"), "fulfilled_with": ("实现情况", "Fulfilled with"),
    "title": ("标题", "Title"), "place": ("地点", "Place"), "organizer": ("组织单位", "Organizer"),
    "supervisor": ("督导人", "Supervisor"), "rectification": ("整改要求", "Rectification"),
    "figures_json": ("数据", "Figures"), "assessor": ("考核人", "Assessor"),
    "file_name": ("文件名", "File name"), "caption": ("说明文字", "Caption"),
}


def field_text(table: str, field: str, lang: str = "zh_CN") -> str:
    """A record's field as a director reads it: "关爱对象 · 电话" / "Care recipient · Phone"."""
    noun = table_noun(table, lang)
    words = FIELD_WORDS.get(field)
    if lang.startswith("en"):
        return f"{noun[:1].upper() + noun[1:]} · {words[1] if words else field}"
    return f"{noun} · {words[0] if words else field}"


def table_noun(table: str, lang: str = "zh_CN") -> str:
    """What a record of a table is called ("关爱记录", "care record"); the name itself for a
    table not listed."""
    if table not in TABLE_WORDS:
        return table
    zh, _unit, one, _many = TABLE_WORDS[table]
    return one if lang.startswith("en") else zh


def counts_text(counts: dict[str, int], lang: str = "zh_CN") -> str:
    """A bundle's counts in words, in TABLE_WORDS order, none that are 0:
    "关爱对象 15 人，关爱记录 120 条" / "15 recipients, 120 care records"."""
    order = {t: i for i, t in enumerate(TABLE_WORDS)}
    parts = []
    for table, n in sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        if not n:
            continue
        zh, unit, one, many = TABLE_WORDS.get(table, (table, "", table, table))
        if lang.startswith("en"):
            parts.append(f"{n} {one if n == 1 else many}")
        else:
            parts.append(f"{zh} {n} {unit}".rstrip())
    return (", " if lang.startswith("en") else "，").join(parts)
