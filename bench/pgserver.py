"""A throw-away PostgreSQL server for the server benchmarks, started the way `./dev test-pg`
starts one (initdb in a temporary directory, trust authentication, localhost only; as root it
runs as the `postgres` user the Debian package creates, since PostgreSQL refuses root). Unlike
the test server it keeps fsync on by default: a bench of writes with fsync off would measure a
server no county runs. `--keep` leaves it running and prints its URL (for loading a demo once
and benching it several times); stop it with `python -m bench.pgserver --stop DIR`.

    python -m bench.pgserver --keep          # prints DIR and URL
    python -m bench.pgserver --stop DIR
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise SystemExit("PostgreSQL is not installed (Debian: apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@dataclass(frozen=True)
class Server:
    folder: Path
    port: int

    def url(self, database: str = "postgres", user: str = "guanai") -> str:
        return f"postgresql+psycopg://{user}@localhost:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        done = subprocess.run([str(pg_bin() / "psql"), "-X", "-q", "-A", "-t", "-h", "localhost", "-p", str(self.port),
                               "-U", "guanai", "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql],
                              capture_output=True, text=True, check=True)
        return done.stdout.strip()

    def create_database(self, name: str) -> str:
        self.psql(f'DROP DATABASE IF EXISTS "{name}"')
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*_as_server_user(), str(pg_bin() / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                        "stop"], capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start(*, fsync: bool = True, max_connections: int = 100) -> Server:
    folder = Path(tempfile.mkdtemp(prefix="guanai-bench-pg."))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    binary, port = pg_bin(), _free_port()
    run = _as_server_user()
    subprocess.run([*run, str(binary / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "guanai",
                    "-E", "UTF8", "--locale=C.UTF-8", "-N"], capture_output=True, check=True)
    options = (f"-p {port} -k {folder} -c listen_addresses=localhost -c max_connections={max_connections}"
               + ("" if fsync else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"))
    done = subprocess.run([*run, str(binary / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"),
                           "-w", "-t", "60", "-o", options, "start"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {done.stderr}\n{log[-2000:]}")
    return Server(folder, port)


@contextmanager
def running(**kw: object) -> Iterator[Server]:
    server = start(**kw)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()


def version() -> str:
    done = subprocess.run([str(pg_bin() / "postgres"), "--version"], capture_output=True, text=True, check=False)
    words = done.stdout.split()  # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    return words[2] if len(words) > 2 else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pgserver", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="start a server and leave it running")
    parser.add_argument("--stop", type=Path, metavar="DIR", help="stop the server kept in DIR")
    args = parser.parse_args(argv)
    if args.stop:
        port = 0
        for line in (args.stop / "data" / "postmaster.pid").read_text().splitlines()[3:4]:
            port = int(line)
        Server(args.stop, port).stop()
        return 0
    if args.keep:
        server = start()
        print(server.folder)
        print(server.url())
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
