"""Where this installation keeps its files. `GUANAI_HOME` overrides the user data directory
(tests and the demo use it to stay out of the real one)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import platformdirs

from app.files import write_bytes

APP_NAME = "guanai"


def data_dir() -> Path:
    override = os.environ.get("GUANAI_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "guanai.sqlite3"


def demo_db_path() -> Path:
    """The demo lives in a file of its own, so trying the app never turns the office's own
    database into the demo village (issue 16)."""
    return data_dir() / "demo.sqlite3"


def _demo_mark() -> Path:
    return data_dir() / "demo-active"


def demo_active() -> bool:
    """The director chose "try with demo data" and has not left the demo yet: an office
    database with no office set up opens the demo instead of the first-run questions."""
    return _demo_mark().is_file() and demo_db_path().is_file()


def set_demo_active(active: bool) -> None:
    mark = _demo_mark()
    if active:
        mark.write_text("1\n", encoding="ascii")
    else:
        mark.unlink(missing_ok=True)


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
        write_bytes(path, value.encode("ascii"))
        return value


# Who a record names when nobody signed in and no operator was set (a script with no login
# name): shown to people as it is, so in words, never "unknown".
NOBODY_NAMED = "未署名"


def current_user() -> str:
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER") or os.environ.get("USERNAME") or NOBODY_NAMED
