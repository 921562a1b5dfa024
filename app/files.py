"""Files written whole or not at all, for every layer (no Qt, no database: app.config and
app.protection use it as much as the reports and sync do).

`atomic_write(path)` hands out a new temporary file beside `path` (same folder, so the final
rename is atomic; `atomic_path(path)` gives its name instead, for a writer that opens the file
itself), named by `temp_path` so that `app.care.intake.clean_leftovers` can tell a killed
writer's leftover from a user's file. When the block ends normally the file is fsynced,
renamed over `path` (`os.replace`) and the folder is fsynced, so the rename itself survives a
power cut. When the block raises, the temporary file is removed and `path` keeps what it held
before. Each writer gets its own temporary name (process id and a random part, created with
O_EXCL), so two writers of one target never write into the same file.

`mode` is the new file's permission bits (less the umask), given when the file is created so
that a private file (a key, the keyring) is never readable by others even for a moment.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".guanai-tmp"
PRIVATE = 0o600  # readable and writable by this login only
SHARED = 0o666  # what open() gives (less the umask)


def temp_path(out: Path) -> Path:
    """A new temporary name beside `out` (same folder, so a rename over `out` is atomic):
    `.NAME.PID-XXXXXXXX.guanai-tmp`. The file is not created."""
    out = Path(out)
    return out.with_name(f".{out.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (POSIX; Windows cannot open a folder, and its
    rename is durable enough)."""
    if os.name == "posix":
        fsync_file(directory)


def _create(path: Path, mode: int) -> tuple[Path, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = temp_path(path)
        try:
            return tmp, os.open(tmp, flags, mode)
        except FileExistsError:  # another writer drew the same random part: draw again
            continue


def sync(f: BinaryIO) -> None:
    """What was written to `f` on the disk now (a writer that must know before it goes on,
    as a bundle export before it records the bundle as sent)."""
    f.flush()
    os.fsync(f.fileno())


@contextlib.contextmanager
def _replacing(tmp: Path, path: Path) -> Iterator[None]:
    """Run the writer's block; then `tmp` takes `path`'s name, or goes when the block raised."""
    try:
        yield
        os.replace(tmp, path)
    except BaseException:  # an error, a full disk, a cancel: nothing half-written is left
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def atomic_write(path: Path | str, *, mode: int = SHARED) -> Iterator[BinaryIO]:
    """Write `path` whole or not at all: `with atomic_write(p) as f: f.write(data)`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp, fd = _create(path, mode)
    with _replacing(tmp, path), os.fdopen(fd, "wb") as f:
        yield f
        sync(f)


@contextlib.contextmanager
def atomic_path(path: Path | str, *, mode: int = SHARED) -> Iterator[Path]:
    """For a writer that opens the file by its name (openpyxl, SQLite): the temporary file's
    path, created empty with `mode`; it takes `path`'s name when the block ends normally."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp, fd = _create(path, mode)
    os.close(fd)
    with _replacing(tmp, path):
        yield tmp
        with open(tmp, "r+b") as f:  # a handle that may write: Windows flushes only those
            os.fsync(f.fileno())


def write_bytes(path: Path | str, data: bytes, *, mode: int = SHARED) -> Path:
    """`data` as the whole content of `path`, written atomically."""
    with atomic_write(path, mode=mode) as f:
        f.write(data)
    return Path(path)
