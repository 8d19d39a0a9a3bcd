"""Start and stop a real OpenSearch node from the jars Maven resolves (see pom.xml beside this).

The classpath is resolved once and cached under the data directory; later starts only spawn
``java``. The JVM is tied to this process: stopped on exit, and killed by the kernel
(``PR_SET_PDEATHSIG``) if this process dies without cleaning up.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from indexer.opensearch_local import registry

POM = Path(__file__).with_name("pom.xml")
MAIN_CLASS = "org.codelibs.opensearch.runner.OpenSearchRunner"
_PR_SET_PDEATHSIG = 1
_HTTP_BOUND = re.compile(r"HttpServerTransport\s*\] publish_address \{127\.0\.0\.1:(\d+)\}")


class OpenSearchStartError(RuntimeError):
    pass


# The runner probes HTTP ports upward from its base and never past 9299.
HTTP_PORTS = range(9200, 9300)


def free_port(candidates: range | None = None) -> int:
    """A port nobody listens on: any (kernel's choice) or a free one of ``candidates``, tried
    in random order so that engines starting side by side rarely reach for the same one."""
    for port in random.sample(candidates, len(candidates)) if candidates else (0,):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise OpenSearchStartError(f"no free port in {candidates}")


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: the kernel sends SIGKILL to the JVM when
    # the parent dies, even by SIGKILL, so no orphan survives a crash.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class LocalOpenSearch:
    def __init__(
        self,
        home: Path,
        *,
        port: int = 0,
        heap: str = "1g",
        start_timeout: float = 180.0,
        cluster_name: str = "microtache",
    ) -> None:
        self.home = home.resolve()
        self.requested_port = port
        self.heap = heap
        self.start_timeout = start_timeout
        self.cluster_name = cluster_name
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

    # -- classpath --------------------------------------------------------------------
    def classpath(self) -> str:
        """The node's classpath, resolved by Maven once and cached per pom content."""
        digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:16]
        cache = self.home / f"classpath-{digest}.txt"
        if cache.exists():
            entries = cache.read_text().strip().split(os.pathsep)
            if entries and all(Path(e).exists() for e in entries):
                return os.pathsep.join(entries)
        mvn = shutil.which("mvn")
        if mvn is None:
            raise OpenSearchStartError(
                "Maven ('mvn') is needed to resolve the OpenSearch jars; install it, "
                "or set OPENSEARCH_URL to use an existing cluster"
            )
        self.home.mkdir(parents=True, exist_ok=True)
        print("Resolving the OpenSearch jars with Maven (first start only)…", file=sys.stderr)
        tmp = cache.with_suffix(".part")
        result = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "-f",
                str(POM),
                "dependency:build-classpath",
                "-Dmdep.includeScope=runtime",
                f"-Dmdep.outputFile={tmp}",
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not tmp.exists():
            tail = (result.stdout + result.stderr)[-3000:]
            raise OpenSearchStartError(f"Maven could not resolve the OpenSearch jars:\n{tail}")
        tmp.replace(cache)
        return cache.read_text().strip()

    # -- lifecycle --------------------------------------------------------------------
    def start(self) -> str:
        if self._process is not None:
            return self.url
        classpath = self.classpath()
        java = shutil.which("java", path=_java_path())
        if java is None:
            raise OpenSearchStartError("Java 17 ('java') is needed to run the embedded OpenSearch")
        if self.requested_port and self.requested_port not in HTTP_PORTS:
            raise OpenSearchStartError(
                f"OPENSEARCH_PORT must be between {HTTP_PORTS.start} and {HTTP_PORTS.stop - 1} "
                "for the embedded node"
            )
        self.port = self.requested_port or free_port(HTTP_PORTS)
        self._write_config(transport_port=free_port())
        command = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            "-Dlog4j2.formatMsgNoLookups=true",
            "-cp",
            classpath,
            MAIN_CLASS,
            "-basePath",
            str(self.home),
            "-numOfNode",
            "1",
            # The runner gives node N the HTTP port base + N.
            "-baseHttpPort",
            str(self.port - 1),
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
                preexec_fn=_die_with_parent,
                start_new_session=True,  # Ctrl-C reaches us; we stop the node in order
            )
        finally:
            log.close()
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        registry.publish(self.home, self.url, self._process.pid)
        return self.url

    def _write_config(self, transport_port: int) -> None:
        config_dir = self.node_dir / "config"
        config_dir.mkdir(parents=True, exist_ok=True)
        # The runner copies its own opensearch.yml only when none exists; ours wins.
        settings = {
            "network.host": "127.0.0.1",
            "transport.port": transport_port,
            "discovery.type": "single-node",
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
            self._follow_http_port()
            health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
            with contextlib.suppress(OSError, ValueError):
                with urllib.request.urlopen(health, timeout=2) as response:
                    status = json.load(response).get("status")
                if status in ("yellow", "green"):
                    return
            if time.monotonic() > deadline:
                raise OpenSearchStartError(
                    f"OpenSearch did not become ready on {self.url} within "
                    f"{self.start_timeout:.0f} s.\n{self.log_tail()}"
                )
            time.sleep(0.25)

    def _follow_http_port(self) -> None:
        # If our port was taken in the meantime the runner quietly binds the next free one;
        # the node's log says which.
        try:
            log = self.log_path.read_text(errors="replace")
        except OSError:
            return
        found = _HTTP_BOUND.search(log)
        if found:
            self.port = int(found.group(1))

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no node log)"
        return "--- last lines of the node log ---\n" + "\n".join(text[-lines:])

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

    def __enter__(self) -> LocalOpenSearch:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _java_path() -> str:
    java_home = os.environ.get("JAVA_HOME")
    path = os.environ.get("PATH", "")
    return f"{java_home}/bin{os.pathsep}{path}" if java_home else path
