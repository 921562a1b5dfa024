"""TEMPORARY stub: replaced by the real page (work in progress this session)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.ui.kit import Context, Page


class PairingPage(Page):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        QVBoxLayout(self).addWidget(QLabel("结对帮扶"))

    def reload(self) -> None:
        pass
