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


class StorageError(ServiceError):
    """The disk or the database file refused an operation (full, held by another program);
    the database was left as it was."""


class DiskFullError(StorageError):
    """Not enough free space beside the database for an operation that copies it."""

    def __init__(self, path: object, needed: int, free: int | None, *, what: str, what_en: str) -> None:
        free_zh = f"，现有约 {_mb(free)} MB" if free is not None else ""
        free_en = f", {_mb(free)} MB free" if free is not None else ""
        super().__init__(
            f"磁盘空间不足，无法{what}：数据库 {path} 所在的磁盘需要约 {_mb(needed)} MB 可用空间{free_zh}。"
            "数据库未改动，仍可按原版本打开；请腾出空间（或把数据库移到空间更大的磁盘）后重试。",
            f"Not enough disk space to {what_en}: the disk of the database {path} needs about "
            f"{_mb(needed)} MB free{free_en}. The database was not changed; free some space and try again.")
        self.path = path
        self.needed = needed
        self.free = free


def _mb(n: int) -> int:
    return max(1, -(-n // (1024 * 1024)))  # rounded up: never "0 MB needed"
