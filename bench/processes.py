"""An API process started by a bench for the block's duration, on a free port, once it
answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from indexer.opensearch_local.launcher import free_port

# A bench's client stands for many buyers from one address: the per-client rate limits of
# the search endpoints (search_api.rate_limits) would refuse it.
UNLIMITED = {"SEARCH_RATE_LIMIT": "", "AUTOCOMPLETE_RATE_LIMIT": ""}


@contextmanager
def api_process(
    module: str,
    arguments: Sequence[str],
    *,
    data_dir: Path,
    opensearch_url: str,
    ready_path: str = "/health",
    **extra_env: str,
) -> Iterator[tuple[str, int]]:
    """``python -m module *arguments --port P`` against the bench's data and node; yields its
    base URL and process id, and stops it afterwards."""
    port = free_port()
    env = os.environ | UNLIMITED | extra_env
    env |= {"MICROTACHE_DATA_DIR": str(data_dir), "OPENSEARCH_URL": opensearch_url}
    command = [sys.executable, "-m", module, *arguments, "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{base}{ready_path}", timeout=5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"the API ({module}) did not start")
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(60)
