"""A local cluster of several real nodes, each its own JVM, so that one can fail alone.

The runner could start several nodes in one JVM, but then they could only die together. Here
each node is a :class:`LocalOpenSearch` of its own, with fixed HTTP and transport ports (free
ones, picked once), every node's transport address as its seed hosts and as the voters of
the first election: all start at once, elect a cluster manager, and a node killed and started
again comes back at the same address and rejoins. (The runner names every node "Node 1";
node names are only labels, and the nodes find each other by address.)
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.request
from pathlib import Path

from indexer.opensearch_local import registry
from indexer.opensearch_local.launcher import (
    LocalOpenSearch,
    OpenSearchStartError,
    Peers,
    Started,
    free_fixed_ports,
)


class LocalCluster(Started):
    def __init__(
        self,
        home: Path,
        *,
        nodes: int = 3,
        heap: str = "512m",
        start_timeout: float = 180.0,
        cluster_name: str = "microtache",
    ) -> None:
        if nodes < 2:
            raise OpenSearchStartError("a local cluster has at least two nodes")
        self.home = home.resolve()
        self.start_timeout = start_timeout
        http = free_fixed_ports(nodes)
        transport = free_fixed_ports(nodes, avoid=frozenset(http))
        addresses = tuple(f"127.0.0.1:{port}" for port in transport)
        self.nodes = [
            LocalOpenSearch(
                self.home / f"cluster-node-{n + 1}",
                port=http[n],
                heap=heap,
                start_timeout=start_timeout,
                cluster_name=cluster_name,
                peers=Peers(transport[n], addresses),
                cache_dir=self.home,
            )
            for n in range(nodes)
        ]

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    @property
    def url(self) -> str:
        """Every node's URL, comma-separated: what ``OPENSEARCH_URL`` takes for a cluster."""
        return ",".join(self.urls)

    def start(self) -> str:
        print(f"Starting a local cluster of {len(self.nodes)} nodes…", file=sys.stderr, flush=True)
        self.nodes[0].classpath()  # resolved once, shared through the cache directory
        try:
            for node in self.nodes:
                node.spawn()
            for node in self.nodes:
                node.wait_ready()
            self.wait_for_nodes(len(self.nodes))
        except BaseException:
            self.stop()
            raise
        # The cluster lives as long as this process (each JVM dies with it).
        registry.publish(self.home, self.url, os.getpid())
        return self.url

    def health(self, **params: str) -> dict[str, object]:
        """``_cluster/health`` asked of the first node that answers."""
        query = "&".join(f"{k}={v}" for k, v in params.items())
        errors = []
        for node in self.nodes:
            if node.pid is None:
                continue
            try:
                with urllib.request.urlopen(
                    f"{node.url}/_cluster/health?{query}", timeout=70
                ) as answer:
                    found: dict[str, object] = json.load(answer)
                    return found
            except OSError as exc:  # urllib's HTTPError too: 408 when the wait timed out
                errors.append(f"{node.url}: {exc}")
        raise OpenSearchStartError("no node answered: " + "; ".join(errors))

    def wait_for_nodes(self, count: int, *, status: str = "yellow") -> None:
        """Wait until ``count`` nodes form the cluster, at least ``status``."""
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                health = self.health(
                    wait_for_nodes=str(count), wait_for_status=status, timeout="5s"
                )
                if not health.get("timed_out"):
                    return
            except OpenSearchStartError:
                pass
            if time.monotonic() > deadline:
                raise OpenSearchStartError(
                    f"the cluster did not gather {count} nodes ({status}) within "
                    f"{self.start_timeout:.0f} s.\n{self.nodes[0].log_tail()}"
                )
            time.sleep(0.5)

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
        registry.withdraw(self.home)
