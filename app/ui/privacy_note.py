"""The privacy note (个人信息保护说明; issue 15, point 6): what the register collects, why,
who sees it, how long it is kept, on what legal basis, and the rights of the people in it.
Shown once to the director at first run (app/ui/first_run.py) and always under 帮助. The
README's "Privacy" section says the same."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class PrivacyNoteDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("个人信息保护说明"))
        self.resize(720, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setHtml(self.note_html())
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("我已阅读") if first_run else self.tr("关闭"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def sections(self) -> list[tuple[str, str]]:
        """(heading, paragraph) in the order shown; the README's Privacy section follows it."""
        return [
            (self.tr("收集哪些信息"), self.tr(
                "关爱对象的姓名、性别、身份证号、出生日期、民族、住址、电话；家庭成员和监护人（赡养人）的姓名、关系、"
                "身份证号、电话、外出务工地；重大疾病、自理能力、劳动能力、残疾类别和等级；儿童的学校；"
                "每次电话随访、实地走访、微心愿、物资帮扶的记录和照片；责任书、结对和关爱责任。"
                "其中身份证号、健康和残疾信息以及不满十四周岁未成年人的信息属于敏感个人信息。")),
            (self.tr("为什么收集"), self.tr(
                "只为落实县里的困难群体关爱保护实施方案：确定谁是关爱对象，按期随访、走访、帮扶，"
                "安排监护和关爱责任，并接受乡镇督导和县里考核。不用于其他目的，不出售，不公开。")),
            (self.tr("谁能看到"), self.tr(
                "本村的福利主任；乡镇专职督导员和民政办（本乡镇各村）；县民政局及参与审核的残联、团委、妇联等部门"
                "（全县）。帮扶单位和帮扶责任人只收到与其结对对象有关的花名册，身份证号打码显示。"
                "数据包在单位之间传递时经过签名和加密，只有收件单位能打开。")),
            (self.tr("保存多久"), self.tr(
                "对象在册期间一直保存。对象退出后满县里规定的年限（默认5年）时，删除其身份证号、姓名、电话、住址、"
                "疾病、残疾等敏感信息以及家庭成员和监护人的个人信息，只保留不能识别本人的类别、村和日期用于统计；"
                "删除前先列出名单，由福利主任确认后执行，并随数据包通知上级单位一并删除。")),
            (self.tr("法律依据"), self.tr(
                "《中华人民共和国个人信息保护法》第十三条（为履行法定职责或法定义务所必需）、第二十八条和第三十一条"
                "（敏感个人信息和未成年人信息须有特定目的和充分必要性，并采取严格保护措施）、第五十一条（加密、"
                "权限管理、培训和审计）、第五十五条和第五十六条（处理敏感个人信息前进行影响评估并记录）；"
                "县困难群体关爱保护实施方案。")),
            (self.tr("本人的权利和如何行使"), self.tr(
                "依个人信息保护法第四十四条至第四十七条，本人（未成年人由其监护人）有权知道本单位保存了哪些信息，"
                "查阅和复制（福利主任可在对象档案中点“导出本人全部信息”，生成一份 PDF 或 Excel 交给本人），"
                "发现错误时要求更正（改动留有记录），以及在法定情形下要求删除。"
                "请向本村福利主任提出，或向乡镇民政办、县民政局提出；收到后应及时答复。")),
        ]

    def note_html(self) -> str:
        parts = [f"<h2>{html.escape(self.tr('个人信息保护说明'))}</h2>"]
        for heading, text in self.sections():
            parts.append(f"<h3>{html.escape(heading)}</h3><p>{html.escape(text)}</p>")
        return "".join(parts)
