"""TEMPORARY stub: replaced by the real page (work in progress this session)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.ui.kit import Context, Page


class MutualAidPage(Page):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        QVBoxLayout(self).addWidget(QLabel("互助家庭"))

    def reload(self) -> None:
        pass
