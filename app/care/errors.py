"""Typed errors of the service layer. Each carries the field it concerns and its message in
Chinese (shown to directors) and English; the UI and CLI choose the words, not the service."""

from __future__ import annotations


class ServiceError(Exception):
    """Input refused by a service; nothing was written."""

    def __init__(self, zh: str, en: str | None = None, *, field: str | None = None) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh
        self.field = field

    def message(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") else self.zh


class ValidationError(ServiceError):
    """A field's value breaks a rule (ID number, phone, category rules …)."""


class LifecycleError(ServiceError):
    """A life-cycle step asked for out of order."""


class NotFoundError(ServiceError):
    """The record asked for does not exist (or is deleted)."""


class SetupError(ServiceError):
    """The database is not set up for an office, or is set up for another."""


class ValidationErrors(ValidationError):
    """Several fields refused at once, so a form can mark each of them."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("；".join(e.zh for e in errors), "; ".join(e.en for e in errors))
        self.errors = errors
