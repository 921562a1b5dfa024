"""Failures of the machine rather than of the input — a full disk, a read-only USB stick, a
folder given where a file was meant, another program writing the database — in a director's
words. The CLI's last handler and the desktop app's error box (app/ui/background.py) show
these instead of a traceback; a write that failed this way has changed nothing (its
transaction rolls back, and files are written beside their name and renamed only when whole).

`describe(error)` gives (Chinese, English) for the failures it knows, None for any other.
`check_output_path(path)` refuses, before any work, an output path that cannot be written.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from app.care.errors import ServiceError

LOCKED = ("另一个程序正在写入数据库（可能是另一个关爱系统窗口或命令），等待超时。请稍后再试；数据未被修改。",
          "Another program is writing to the database and the wait timed out. Try again later; nothing was changed.")
DB_FULL = ("磁盘已满，无法写入数据库。请清理磁盘空间后再试；数据未被修改。",
           "The disk is full: the database cannot be written. Free some space and try again; nothing was changed.")
DB_READ_ONLY = ("数据库文件是只读的（或所在位置不允许写入），无法保存。请检查文件权限；数据未被修改。",
                "The database file is read-only (or its folder is): nothing could be saved.")
DB_UNREADABLE = ("无法打开或读写数据库文件（磁盘错误或没有权限）。请检查 --db 指定的位置；数据未被修改。",
                 "The database file cannot be opened or read (a disk error or no permission); check --db.")
DB_LOCKED_BY_KEY = ("数据库文件已加密，需要登录（用户名和密码，或恢复码）后才能打开；也可能它不是关爱的数据库或已损坏。"
                    "数据未被修改。",
                    "The database file is encrypted: sign in (user and password, or the recovery code) to open "
                    "it; or it is not a Guanai database, or it is damaged. Nothing was changed.")

_OS_WORDS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满，无法写入", "the disk is full, cannot write"),
    errno.EDQUOT: ("磁盘配额已用完，无法写入", "the disk quota is used up, cannot write"),
    errno.EFBIG: ("文件太大，这个磁盘（如 FAT32 格式的 U 盘）存不下", "the file is too large for this disk (a FAT32 stick?)"),
    errno.EROFS: ("磁盘是只读的（U 盘写保护？），无法写入", "the disk is read-only (a write-protected stick?)"),
    errno.EACCES: ("没有权限写入或读取", "no permission to write or read"),
    errno.EPERM: ("没有权限写入或读取", "no permission to write or read"),
    errno.EISDIR: ("这是一个文件夹，请给出文件名", "it is a folder; give a file name"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.ENOENT: ("找不到文件或文件夹", "no such file or folder"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    errno.EIO: ("磁盘读写错误（U 盘拔出或损坏？）", "a disk read/write error (a stick pulled out or failing?)"),
    errno.EEXIST: ("文件已存在", "the file exists already"),
}


def _sqlite_message(error: BaseException) -> str | None:
    """The SQLite error's text when `error` is one (itself, or wrapped by SQLAlchemy)."""
    from app.protection.at_rest import db_errors  # sqlite3's and sqlcipher3's (an encrypted file)

    orig = getattr(error, "orig", None)
    inner = orig if isinstance(orig, db_errors()) else error
    if isinstance(inner, db_errors()):
        return str(inner).lower()
    return None


def is_locked(error: BaseException) -> bool:
    text = _sqlite_message(error)
    return text is not None and ("database is locked" in text or "table is locked" in text
                                 or "schema is locked" in text)


# A write the database refused by one of its own rules (a unique key, a NOT NULL): the
# service layer's checks should have caught it, so it is a bug or a race; the driver's own
# message (which prints the row: names, ID numbers) is never shown.
DB_REFUSED = ("数据库拒绝了这次写入（可能是另一位工作人员同时写入了同一条记录）。数据未被修改；请重新打开后再试，"
              "如仍出现请运行 guanai check 并联系技术人员。",
              "The database refused this write (another clerk may have written the same record at the same "
              "time). Nothing was changed; open it again and retry, and run `guanai check` if it happens again.")
BUSY = ("其他工作人员或程序正在同时写入数据库，等待超时。请稍后再试；数据未被修改。",
        "Other clerks or programs kept the database busy. Try again later; nothing was changed.")


def _server_unreachable(error: BaseException) -> tuple[str, str] | None:
    """A server database that could not be reached or would not let this computer in (the
    driver's message names the host and user, never a record): what the IT person checks."""
    from sqlalchemy.exc import OperationalError

    orig = getattr(error, "orig", None)
    if not isinstance(error, OperationalError) or type(orig).__module__.split(".")[0] != "psycopg":
        return None
    text = str(orig).lower()
    if "connection" not in text and "connect" not in text and "server" not in text:
        return None
    if "password" in text or "authentication" in text:
        return ("无法登录服务器数据库：用户名或密码不对，或本机没有设置 ~/.pgpass（或 PGPASSWORD）。请找技术人员检查连接设置；数据未被修改。",
                "The server refused the login: wrong user or password, or no ~/.pgpass (PGPASSWORD) on this "
                "computer. Ask the IT person to check the connection settings; nothing was changed.")
    if "certificate" in text or "ssl" in text:
        return ("服务器数据库的加密连接（SSL 证书）无法验证。请找技术人员检查证书设置（sslrootcert）；数据未被修改。",
                "The server's certificate could not be verified (SSL). Ask the IT person to check "
                "sslrootcert; nothing was changed.")
    return ("连接不上服务器数据库：请检查网络是否通、服务器是否开着，或找技术人员；数据未被修改。",
            "Cannot reach the server database: check the network and that the server is running, or ask "
            "the IT person; nothing was changed.")


def describe(error: BaseException) -> tuple[str, str] | None:
    """A one-line (Chinese, English) message for a failure of the machine; None otherwise."""
    from sqlalchemy.exc import IntegrityError

    from app.care.write_turn import retryable

    if isinstance(error, IntegrityError):
        return DB_REFUSED
    unreachable = _server_unreachable(error)
    if unreachable is not None:
        return unreachable
    if retryable(error) and not is_locked(error):  # a server's deadlock or lock timeout, a stale read
        return BUSY
    text = _sqlite_message(error)
    if text is not None:
        if is_locked(error):
            return LOCKED
        if "disk is full" in text or "database or disk is full" in text:
            return DB_FULL
        if "readonly database" in text or "read-only" in text:
            return DB_READ_ONLY
        if "unable to open database" in text or "disk i/o error" in text:
            return DB_UNREADABLE
        if "file is not a database" in text:  # an encrypted file opened without (or with another) key
            return DB_LOCKED_BY_KEY
        return None
    if isinstance(error, OSError) and error.errno in _OS_WORDS:
        zh, en = _OS_WORDS[error.errno]
        name = error.filename if isinstance(error.filename, str) else None
        if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
            where = f"（{name}）" if name else ""
            return (f"{zh}{where}。请清理磁盘空间或换一个位置后再试；没有留下写了一半的文件，数据未被修改。",
                    f"{en}{f' ({name})' if name else ''}. Free some space or choose another place; no "
                    "half-written file was left and nothing was changed.")
        where_zh = f"：{name}" if name else ""
        where_en = f": {name}" if name else ""
        return (f"无法完成，{zh}{where_zh}。数据未被修改。", f"Could not finish, {en}{where_en}. Nothing was changed.")
    if isinstance(error, ValueError) and "null byte" in str(error):
        return ("文件路径中含有空字符（NUL），请检查路径。数据未被修改。",
                "The file path contains a NUL character; check it. Nothing was changed.")
    if isinstance(error, UnicodeError):
        return ("输入中含有无法识别的字符（不是有效的 UTF-8 文字），请检查终端或输入法的编码后重试。数据未被修改。",
                "The input contains characters that are not valid UTF-8; check the terminal's encoding. "
                "Nothing was changed.")
    return None


def check_output_path(raw: str | os.PathLike[str], *, option: str = "--out") -> Path:
    """The path a command will write, refused before any work (ServiceError, naming the
    option and the path) when it cannot be: a NUL in it, a folder, a parent that is a file
    or cannot be created, a folder or file without write permission."""
    text = os.fspath(raw)
    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if "\x00" in text:
        raise ServiceError(f"{option}：文件路径中含有空字符（NUL），请检查路径。",
                           f"{option}: the path contains a NUL character.", field=option)
    if not text.strip():
        raise ServiceError(f"{option}：请给出文件名。", f"{option}: give a file name.", field=option)
    path = Path(text)
    if path.is_dir():
        raise ServiceError(f"{option}：{shown} 是一个文件夹，请给出文件名（如 {Path(shown) / '文件名'}）。",
                           f"{option}: {shown} is a folder; give a file name.", field=option)
    parent = path.parent
    existing = parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ServiceError(f"{option}：无法在 {shown} 写入文件：{existing} 不是文件夹。",
                           f"{option}: cannot write {shown}: {existing} is not a folder.", field=option)
    if path.exists() and not os.access(path, os.W_OK):  # the file kept from changes on purpose
        raise ServiceError(f"{option}：文件 {shown} 是只读的，无法覆盖，请换一个文件名。",
                           f"{option}: {shown} is read-only; choose another name.", field=option)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ServiceError(f"{option}：没有权限在文件夹 {existing} 中写入，请换一个位置。",
                           f"{option}: no permission to write in {existing}; choose another place.", field=option)
    return path
