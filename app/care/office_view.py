"""What the app shows of an office: a plain value, importable without SQLAlchemy (the
desktop app reads it before the database layer has loaded; app/ui/startup.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeView:
    code: str
    name: str
    level: str
    parent_code: str | None
    fingerprint: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "level": self.level,
                "parent_code": self.parent_code, "fingerprint": self.fingerprint}
