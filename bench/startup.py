"""Time to a usable engine: `microtache up` until `/health` answers 200, on a fresh machine.

Each start runs in a bare environment (tests.services.bare_environment: no Java, Maven, Redis
or PostgreSQL on the PATH, no JAVA_HOME). The first start also gets an empty Maven home, so
the Maven Wrapper fetches Maven and Maven the node's jars from Maven Central, as for a newcomer;
then the demo catalog is seeded and indexed. The second start reuses all of it.

Printed beside the baseline of the same run: the bare OpenSearch node started by the same
launcher from the jars already resolved, with nothing else (no migration, no seeding, no API).

    python -m bench.startup [--gigs N]
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from indexer.opensearch_local import LocalOpenSearch
from indexer.opensearch_local.launcher import free_port
from tests.services import bare_environment


def time_up(data_dir: Path, gigs: int, home: Path | None) -> float:
    port = free_port()
    env = bare_environment(
        data_dir.parent / "bin", MICROTACHE_DATA_DIR=str(data_dir), MICROTACHE_SEED_GIGS=str(gigs)
    )
    if home is not None:  # a machine that never ran Maven
        env["MAVEN_USER_HOME"] = str(home / ".m2")
        env["MAVEN_OPTS"] = f"-Dmaven.repo.local={home / '.m2' / 'repository'}"
    log = data_dir.parent / f"{data_dir.name}.log"
    started = time.perf_counter()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "search_api.cli", "up", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the engine exited before answering:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(60)


def time_bare_node(home: Path, resolved_from: Path) -> float:
    # The classpath the engine resolved, so the baseline times the node's start alone.
    home.mkdir(parents=True)
    for cached in resolved_from.glob("classpath-*.txt"):
        (home / cached.name).write_text(cached.read_text())
    started = time.perf_counter()
    with LocalOpenSearch(home):
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "engine"
        (root / "home").mkdir()
        first = time_up(data, args.gigs, home=root / "home")
        second = time_up(data, args.gigs, home=root / "home")
        bare = time_bare_node(root / "bare", data / "opensearch")
    print(f"first start (fetch Maven and jars, seed {args.gigs} gigs, index): {first:6.1f} s")
    print(f"second start (everything kept):                              {second:6.1f} s")
    print(f"baseline, bare OpenSearch node, same launcher, jars resolved: {bare:6.1f} s")


if __name__ == "__main__":
    main()
