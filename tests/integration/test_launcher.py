"""The embedded node's launcher: clear failures, and no JVM left behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from indexer.opensearch_local import LocalOpenSearch, OpenSearchStartError
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


def test_a_port_outside_the_runners_range_is_refused_before_starting(tmp_path: Path) -> None:
    with pytest.raises(OpenSearchStartError, match="OPENSEARCH_PORT must be between 9200"):
        LocalOpenSearch(tmp_path / "node", port=19200).start()


def test_stop_leaves_no_jvm_and_withdraws_the_url(tmp_path: Path) -> None:
    node = LocalOpenSearch(tmp_path / "node", heap="256m")
    url = node.start()
    pid = node.pid
    assert pid is not None
    assert running_node_url(tmp_path / "node") == url
    node.stop()
    assert gone(pid)
    assert running_node_url(tmp_path / "node") is None
