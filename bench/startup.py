"""Time to a usable engine: `microtache up` until `/health` answers 200.

Printed beside the baseline of the same run: the bare OpenSearch node started by the same
launcher, with nothing else (no migration, no seeding, no API).

    python -m bench.startup [--gigs N]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from indexer.opensearch_local import LocalOpenSearch
from indexer.opensearch_local.launcher import free_port


def time_up(data_dir: Path, gigs: int) -> float:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("OPENSEARCH_URL", "DATABASE_URL")}
    env.update(MICROTACHE_DATA_DIR=str(data_dir), MICROTACHE_SEED_GIGS=str(gigs))
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "search_api.cli", "up", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit("the engine exited before answering")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(60)


def time_bare_node(home: Path) -> float:
    started = time.perf_counter()
    with LocalOpenSearch(home):
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "engine"
        first = time_up(data, args.gigs)
        second = time_up(data, args.gigs)
        bare = time_bare_node(Path(tmp) / "bare")
    print(f"first start (resolve, seed {args.gigs} gigs, index): {first:6.1f} s")
    print(f"second start (cached jars, data kept):           {second:6.1f} s")
    print(f"baseline, bare OpenSearch node, same launcher:   {bare:6.1f} s")


if __name__ == "__main__":
    main()
