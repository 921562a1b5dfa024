"""What comes in from outside, read within bounds; what an operation leaves behind, cleaned.

Reading (issue 12, point 5). A file handed to the app (a bundle, an identity file, a roster
spreadsheet, a backup) is checked before it is read: it must be a regular file (a FIFO, a
device, a socket or a directory is refused without opening it, so nothing blocks), no larger
than the cap of its kind (by `stat`, and again while reading, in case it grows), and a zip
archive (.xlsx) must not expand past a cap (each member is inflated and counted, so a lying
size in the directory does not help a zip bomb).

Leftovers (point 8). Temporary files and folders the app writes beside an output or a database
carry a name of their own, `.NAME.PID-XXXXXXXX.guanai-tmp` (`temp_path`, `temp_dir`): a hidden
name, this process's id, a random part and a suffix no user picks. `clean_leftovers(folder)`
removes those whose process is gone and which are older than this process; the next run of
the same operation calls it (and opening a database calls it beside the database). Nothing
else is ever deleted, so a user's file is safe whatever it is called.

`write_lock(session)` takes the database's write lock at the start of a transaction, so that
a check made next (was this bundle imported already?) cannot be overtaken by another process.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import struct
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.care.errors import ServiceError
from app.files import TEMP_SUFFIX, temp_path  # noqa: F401  (named here too: what cleaning recognises)

STARTED = time.time()  # this process's start, near enough: the module loads early

_TEMP_RE = re.compile(r"^\..+\.(?P<pid>\d+)-[0-9a-f]{8}\.guanai-tmp(?:-wal|-shm|-journal)?$")
# Left by a bundle export killed under an earlier version (which named its file with mkstemp).
_BUNDLE_TEMP_RE = re.compile(r"^\.bundle-[A-Za-z0-9_]{8}$")
BUNDLE_MAGIC = b"GUANAI-B"  # app.sync.envelope.MAGIC (a bundle file starts with it)
BUNDLE_TEMP_AGE = 15 * 60  # seconds: an export renames its file a moment after writing it
_CHUNK = 1 << 20

# Roster spreadsheets (.xlsx): a 10,000-row roster is about 1 MB on disk and 30 MB inflated.
MAX_SHEET_BYTES = 32 << 20
MAX_SHEET_EXPANDED = 512 << 20
MAX_ZIP_MEMBERS = 2000
# A county's database with years of records is a few hundred megabytes.
MAX_BACKUP_BYTES = 16 << 30


class IntakeError(ServiceError):
    """A file refused before (or while) it was read; nothing was written. `code`:
    not_found, not_a_file, too_large, too_expanded, unreadable, not_a_zip."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(zh, en, field="file")
        self.code = code


def _size(n: int) -> str:
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GB"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{max(1, n // 1024)} KB" if n >= 1024 else f"{n} 字节"


def _size_en(n: int) -> str:
    return _size(n).replace("字节", "bytes")


def _too_large(path: Path, size: int, cap: int, what_zh: str, what_en: str, *, at_least: bool = False) -> IntakeError:
    more = "超过" if at_least else ""
    return IntakeError("too_large",
                       f"{what_zh}“{path.name}”太大（{more}{_size(size)}），上限是 {_size(cap)}，"
                       f"不像是{what_zh}。请确认选对了文件。什么也没有读入。",
                       f"The {what_en} {path.name} is too large ({'over ' if at_least else ''}{_size_en(size)}; "
                       f"the cap is {_size_en(cap)}). Nothing was read.")


def check_regular_file(path: Path, what_zh: str = "文件", what_en: str = "file") -> os.stat_result:
    """The file's `stat`, if it is a regular file (a link to one is fine); refused if it is
    missing, a folder, a FIFO, a device or a socket. Does not open it."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise IntakeError("not_found", f"找不到文件：{path}。", f"No such {what_en}: {path}.") from None
    except OSError as e:
        raise IntakeError("unreadable", f"无法读取{what_zh} {path}：{e.strerror}。",
                          f"Cannot read the {what_en} {path}: {e.strerror}.") from None
    if not stat.S_ISREG(st.st_mode):
        kind_zh, kind_en = _kind(st.st_mode)
        raise IntakeError("not_a_file", f"{path} 是{kind_zh}，不是普通文件，不能作为{what_zh}读入。请选择{what_zh}本身。",
                          f"{path} is {kind_en}, not a regular file: it cannot be read as a {what_en}.")
    return st


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISDIR(mode):
        return "文件夹", "a folder"
    if stat.S_ISFIFO(mode):
        return "管道（FIFO）", "a FIFO"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备", "a device"
    return "特殊文件", "a special file"


def check_size(path: Path, cap: int, what_zh: str = "文件", what_en: str = "file") -> os.stat_result:
    """check_regular_file, and its size at most `cap` bytes."""
    st = check_regular_file(path, what_zh, what_en)
    if st.st_size > cap:
        raise _too_large(Path(path), st.st_size, cap, what_zh, what_en)
    return st


def open_regular(path: Path, what_zh: str = "文件", what_en: str = "file") -> IO[bytes]:
    """Open a regular file for reading, never blocking on a FIFO put in its place between
    the check and the open (O_NONBLOCK), and checked again once open (fstat)."""
    path = Path(path)
    check_regular_file(path, what_zh, what_en)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise IntakeError("unreadable", f"无法读取{what_zh} {path}：{e.strerror}。",
                          f"Cannot read the {what_en} {path}: {e.strerror}.") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind_zh, kind_en = _kind(st.st_mode)
            raise IntakeError("not_a_file", f"{path} 是{kind_zh}，不是普通文件，不能作为{what_zh}读入。",
                              f"{path} is {kind_en}, not a regular file.")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path, cap: int, what_zh: str = "文件", what_en: str = "file") -> bytes:
    """The bytes of a regular file of at most `cap` bytes: its size checked before reading
    and the reading stopped one byte past the cap (a file growing meanwhile)."""
    path = Path(path)
    check_size(path, cap, what_zh, what_en)
    chunks: list[bytes] = []
    total = 0
    with open_regular(path, what_zh, what_en) as f:
        try:
            while total <= cap:
                chunk = f.read(min(_CHUNK, cap + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        except OSError as e:
            raise IntakeError("unreadable", f"无法读取{what_zh} {path}：{e.strerror}。",
                              f"Cannot read the {what_en} {path}: {e.strerror}.") from None
    if total > cap:
        raise _too_large(path, total, cap, what_zh, what_en, at_least=True)
    return b"".join(chunks)


# ---- zip archives (.xlsx) -------------------------------------------------------------------

@dataclass(frozen=True)
class ZipFacts:
    members: int
    expanded: int  # bytes, all members inflated


def _not_zip(name: str, what_zh: str, what_en: str, why: str) -> IntakeError:
    return IntakeError("not_a_zip", f"无法读取 {name}：不是有效的{what_zh}（{why}）。请用 Excel 或 WPS 另存后再试。",
                       f"Cannot read {name}: not a valid {what_en} ({why}).")


def check_zip(data: bytes, name: str, *, max_expanded: int = MAX_SHEET_EXPANDED,
              max_members: int = MAX_ZIP_MEMBERS, what_zh: str = ".xlsx 文件",
              what_en: str = ".xlsx file") -> ZipFacts:
    """Refuse a zip archive whose members would inflate past `max_expanded` bytes in all, or
    that holds more than `max_members` members. Each member is inflated here, counting (never
    keeping) what comes out and stopping one byte past its declared size, so neither a
    directory understating sizes nor a member overrunning its own size gets past."""
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise _not_zip(name, what_zh, what_en, str(e)) from None
    if len(infos) > max_members:
        raise IntakeError("too_expanded", f"{name} 中有 {len(infos)} 个部件，超过上限 {max_members}，不像正常的{what_zh}，已拒绝。",
                          f"{name} holds {len(infos)} members (the cap is {max_members}): refused.")
    declared = sum(i.file_size for i in infos)
    if declared > max_expanded:
        raise _bomb(name, declared, max_expanded, what_zh, what_en)
    total = 0
    for info in infos:
        total += _inflated_size(data, info, name, what_zh, what_en)
        if total > max_expanded:
            raise _bomb(name, total, max_expanded, what_zh, what_en)
    return ZipFacts(len(infos), total)


def _bomb(name: str, n: int, cap: int, what_zh: str, what_en: str) -> IntakeError:
    return IntakeError("too_expanded",
                       f"{name} 解压后太大（至少 {_size(n)}，上限 {_size(cap)}），疑似“压缩炸弹”，已拒绝。"
                       f"请确认文件来源，或在 Excel/WPS 中打开后另存为新的{what_zh}。什么也没有读入。",
                       f"{name} would expand past the cap (at least {_size_en(n)}; the cap is {_size_en(cap)}): "
                       "refused as a possible zip bomb. Nothing was read.")


def _inflated_size(data: bytes, info: zipfile.ZipInfo, name: str, what_zh: str, what_en: str) -> int:
    start = info.header_offset
    if start + 30 > len(data) or data[start:start + 4] != b"PK\x03\x04":
        raise _not_zip(name, what_zh, what_en, f"{info.filename}: local header")
    name_len, extra_len = struct.unpack("<HH", data[start + 26:start + 30])
    begin = start + 30 + name_len + extra_len
    raw = data[begin:begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) != info.file_size:
            raise _not_zip(name, what_zh, what_en, f"{info.filename}: size")
        return len(raw)
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise _not_zip(name, what_zh, what_en, f"{info.filename}: compression {info.compress_type}")
    d = zlib.decompressobj(-15)
    out = 0
    try:
        for i in range(0, max(len(raw), 1), _CHUNK):
            piece = raw[i:i + _CHUNK]
            while piece:
                got = d.decompress(piece, info.file_size + 1 - out)
                out += len(got)
                if out > info.file_size:
                    raise _bomb(name, out, info.file_size, what_zh, what_en)
                piece = d.unconsumed_tail
    except zlib.error:
        raise _not_zip(name, what_zh, what_en, f"{info.filename}: deflate") from None
    return out


def read_xlsx(path: Path, *, cap: int | None = None, max_expanded: int | None = None,
              max_members: int | None = None) -> bytes:
    """The bytes of a spreadsheet (.xlsx) within the caps (by default the MAX_SHEET_* and
    MAX_ZIP_MEMBERS of this module), for a reader to open from memory: the file checked is
    the file read."""
    path = Path(path)
    data = read_capped(path, MAX_SHEET_BYTES if cap is None else cap, "表格文件", "spreadsheet")
    check_zip(data, path.name, max_expanded=MAX_SHEET_EXPANDED if max_expanded is None else max_expanded,
              max_members=MAX_ZIP_MEMBERS if max_members is None else max_members)
    return data


# ---- temporary files and leftovers -------------------------------------------------------------

def temp_dir(beside: Path, name: str) -> Path:
    """A new temporary folder in the folder `beside`, named as temp_path names files."""
    path = temp_path(Path(beside) / name)
    path.mkdir(parents=True)
    return path


def pid_alive(pid: int) -> bool:
    """Whether a process of this id runs on this computer (in doubt: yes)."""
    if pid <= 0:
        return True
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _leftover(entry: os.DirEntry[str], now: float, started: float) -> bool:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode) or st.st_mtime >= started:
        return False
    m = _TEMP_RE.match(entry.name)
    if m:
        return (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)) and not pid_alive(int(m.group("pid")))
    if _BUNDLE_TEMP_RE.match(entry.name) and stat.S_ISREG(st.st_mode) and now - st.st_mtime > BUNDLE_TEMP_AGE:
        try:
            with open(entry.path, "rb") as f:
                head = f.read(len(BUNDLE_MAGIC))
        except OSError:
            return False
        return BUNDLE_MAGIC.startswith(head)  # a bundle's start, or nothing written yet
    return False


def clean_leftovers(folder: Path, *, started: float | None = None, now: float | None = None) -> list[Path]:
    """Remove from `folder` (not below it) the temporary files and folders the app made
    whose process is gone, and a killed bundle export's file: only names the app gives
    them, only older than this process (`started`), never a link. Returns what was removed."""
    folder = Path(folder)
    started = STARTED if started is None else started
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _leftover(entry, now, started):
            continue
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


def clean_beside(path: Path | str | None) -> list[Path]:
    """clean_leftovers in the folder of `path` (a database file, an output), if it has one."""
    if not path:
        return []
    return clean_leftovers(Path(path).parent)


# ---- the write lock -----------------------------------------------------------------------------

def write_lock(session: Any) -> None:
    """Take the database's write lock now, at the start of the session's transaction, so that
    what is read next cannot be changed by another process before this one writes: the write
    turn every writer takes (app/care/write_turn.py)."""
    from app.care import write_turn

    write_turn.take(session)
