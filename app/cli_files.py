"""`guanai files-folder [PATH] [--json]` (issue 17 point 4): where a server office keeps its
attachments, shared by every computer of the office (a SQLite file keeps them beside it)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.cli import Cli


def cmd_files_folder(cli: Cli) -> int:
    from app.care.attachments import set_shared_folder, store_dir_for
    from app.care.context import actor_for
    from app.cli import print_json
    from app.db import unit_of_work

    a = cli.args
    if a.folder:
        with unit_of_work(cli.engine) as s:
            folder = set_shared_folder(s, actor_for(s), Path(a.folder))
    else:
        folder = store_dir_for(cli.engine)
    if a.json:
        print_json({"folder": str(folder)})
    else:
        print(cli.t(f"附件文件夹：{folder}", f"Attachments folder: {folder}"))
    return 0


def register(sub: Any) -> None:
    s: argparse.ArgumentParser = sub.add_parser(
        "files-folder", help="服务器数据库的附件文件夹（各台电脑共用的共享文件夹）：不带参数时显示，带路径时设置")
    s.add_argument("folder", nargs="?", help="共享文件夹的路径（各台电脑上相同，如 /mnt/guanai-files）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_files_folder)
