"""Where this installation keeps its files. `GUANAI_HOME` overrides the user data directory
(tests and the demo use it to stay out of the real one)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import platformdirs

APP_NAME = "guanai"


def data_dir() -> Path:
    override = os.environ.get("GUANAI_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "guanai.sqlite3"


def laptop_id() -> str:
    """A stable id for this machine's installation, kept outside the database so a database
    copied to another laptop does not claim to be written on this one."""
    path = data_dir() / "laptop-id"
    try:
        value = path.read_text(encoding="ascii").strip()
        uuid.UUID(value)
        return value
    except (OSError, ValueError):
        value = str(uuid.uuid4())
        tmp = path.with_suffix(".tmp")
        tmp.write_text(value, encoding="ascii")
        tmp.replace(path)
        return value


def current_user() -> str:
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
