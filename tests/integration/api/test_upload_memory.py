"""R-QUO-2: attachments up to 1 GB stream through a real HTTP server with flat memory.

50 MiB go through uvicorn to the upload endpoint while tracemalloc watches every Python
allocation of the process (server and client alike): the peak stays a small fraction of the
file, so the file is never held whole, at any layer.
"""

from __future__ import annotations

import hashlib
import threading
import time
import tracemalloc
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from indexer.opensearch_local.launcher import free_port
from marketplace_core.uploads.service import storage_key
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.factories import create_user
from tests.integration.api.harness import Api

MIB = 1024 * 1024
FILE_BYTES = 50 * MIB


@pytest.fixture
def served(runtime: Runtime) -> Iterator[tuple[str, Api]]:
    app = create_app(runtime)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        # The client is only for tokens; the upload goes through the real server.
        yield f"http://127.0.0.1:{port}", Api(app, TestClient(app), runtime)
    finally:
        server.should_exit = True
        thread.join(30)


def test_r_quo_2_a_large_upload_streams_with_flat_memory(served: tuple[str, Api]) -> None:
    url, api = served
    with api.runtime.sessions.begin() as session:
        buyer = create_user(session, clock=api.runtime.clock, email="paul@exemple.fr").id
    headers = api.auth(buyer) | {"Content-Type": "audio/wav"}
    chunk = bytes(range(256)) * (MIB // 256)  # one buffer, sent again and again
    expected = hashlib.sha256()
    for _ in range(FILE_BYTES // MIB):
        expected.update(chunk)

    def body() -> Iterator[bytes]:
        for _ in range(FILE_BYTES // MIB):
            yield chunk

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        response = httpx.post(
            f"{url}/uploads",
            params={"filename": "voix.wav"},
            content=body(),
            headers=headers,
            timeout=120,
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 201, response.text
    assert response.json()["size_bytes"] == FILE_BYTES
    assert response.json()["sha256"] == expected.hexdigest()
    growth = peak - before
    assert growth < FILE_BYTES / 5, f"peak grew by {growth / MIB:.1f} MiB for a 50 MiB file"
    stored = api.runtime.settings.files_dir / storage_key(response.json()["key"])
    assert stored.stat().st_size == FILE_BYTES
