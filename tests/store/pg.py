"""A throwaway PostgreSQL server for the store tests.

`PLANNER_TEST_POSTGRES_URL` names an existing server (the tests create and drop their own
databases there); otherwise Debian's binaries (`/usr/lib/postgresql/*/bin/initdb`, which
`make test` installs when it can: tools/test_deps.py) start a
private cluster in a temporary folder on a loopback port, as `nobody` when the tests run as root
(PostgreSQL refuses to run as root). Durability is switched off: the cluster lives for one run.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from tools import test_deps

ENV_URL = "PLANNER_TEST_POSTGRES_URL"
# Either makes a missing server fail instead of skip (CI sets the second, for every tool).
REQUIRE = ("PLANNER_REQUIRE_POSTGRES", "PLANNER_REQUIRE_TEST_DEPS")


def bin_dir() -> Path | None:
    return test_deps.postgres_bin_dir()


def unavailable_reason() -> str | None:
    if os.environ.get(ENV_URL):
        return None
    reason = test_deps.missing_reason("PostgreSQL")
    return f"{reason}, or set {ENV_URL} to a server's URL" if reason else None


class Server:
    """A PostgreSQL server the tests may create databases on."""

    def __init__(
        self, admin_url: URL, stop: list[list[str]] | None = None, folder: str = ""
    ) -> None:
        self.admin_url = admin_url
        self._stop = stop or []
        self._folder = folder
        self._names = itertools.count(1)
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def new_database(self) -> str:
        name = f"planner_test_{os.getpid()}_{next(self._names)}"
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self._admin.dispose()
        for argv in self._stop:
            subprocess.run(argv, capture_output=True, check=False, timeout=60)
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)


def start() -> Server:
    if os.environ.get(ENV_URL):
        url = make_url(os.environ[ENV_URL])
        if url.drivername in ("postgres", "postgresql"):
            url = url.set(drivername="postgresql+psycopg")
        return Server(url)
    return _start_cluster()


def _start_cluster() -> Server:
    bins = bin_dir()
    if bins is None:
        raise RuntimeError(unavailable_reason())
    folder = tempfile.mkdtemp(prefix="planner-pg-")
    data = Path(folder) / "data"
    as_user = _drop_root(folder)
    initdb = [str(bins / "initdb"), "-D", str(data), "-U", "planner", "--auth=trust", "-E", "UTF8"]
    _run("initdb", [*as_user, *initdb])
    pg_ctl = [*as_user, str(bins / "pg_ctl"), "-D", str(data)]
    for attempt in range(3):  # the free port may be taken before the server binds it
        port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={data} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        log = str(data / "server.log")
        try:
            _run("pg_ctl start", [*pg_ctl, "-o", options, "-l", log, "-w", "-t", "60", "start"])
            break
        except RuntimeError:
            if attempt == 2:
                raise
    url = URL.create(
        "postgresql+psycopg", username="planner", host="127.0.0.1", port=port, database="postgres"
    )
    return Server(url, stop=[[*pg_ctl, "-m", "immediate", "stop"]], folder=folder)


def _drop_root(folder: str) -> list[str]:
    """The prefix that runs a command as an ordinary user; PostgreSQL will not run as root."""
    if os.geteuid() != 0:
        return []
    nobody = pwd.getpwnam("nobody")
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    return ["runuser", "-u", "nobody", "--"]


def _run(what: str, argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120, cwd="/")
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed: {done.stderr.strip() or done.stdout.strip()}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port
