"""How the launcher configures its nodes (no JVM started): a single node stays single-node;
a local cluster's nodes get fixed ports the runner accepts and find each other by address."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from indexer.client import hosts
from indexer.opensearch_local import LocalOpenSearch, OpenSearchStartError
from indexer.opensearch_local.cluster import LocalCluster
from indexer.opensearch_local.launcher import RUNNER_MAX_PORT, free_fixed_ports


def written_config(node: LocalOpenSearch) -> dict[str, object]:
    node._write_config()
    config: dict[str, object] = yaml.safe_load(
        (node.node_dir / "config" / "opensearch.yml").read_text()
    )
    return config


def test_a_single_node_discovers_nobody(tmp_path: Path) -> None:
    config = written_config(LocalOpenSearch(tmp_path / "node"))
    assert config["discovery.type"] == "single-node"
    assert config["transport.port"] == 0
    assert "discovery.seed_hosts" not in config


def test_a_clusters_nodes_have_fixed_ports_and_meet_by_address(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path / "cluster", nodes=3)
    ports = [node.requested_port for node in cluster.nodes]
    assert len(set(ports)) == 3
    assert all(0 < port <= RUNNER_MAX_PORT for port in ports)
    configs = [written_config(node) for node in cluster.nodes]
    addresses = [f"127.0.0.1:{config['transport.port']}" for config in configs]
    assert len(set(addresses)) == 3
    for config in configs:
        assert "discovery.type" not in config
        assert config["discovery.seed_hosts"] == addresses
        assert config["cluster.initial_cluster_manager_nodes"] == addresses
    # One classpath for all, resolved into the cluster's own directory.
    assert {node.cache_dir for node in cluster.nodes} == {(tmp_path / "cluster").resolve()}
    assert {node.home.parent for node in cluster.nodes} == {(tmp_path / "cluster").resolve()}


def test_a_cluster_has_at_least_two_nodes(tmp_path: Path) -> None:
    with pytest.raises(OpenSearchStartError, match="at least two"):
        LocalCluster(tmp_path, nodes=1)


def test_fixed_ports_are_free_distinct_and_avoid_what_is_taken() -> None:
    first = free_fixed_ports(5)
    second = free_fixed_ports(5, avoid=frozenset(first))
    assert len(set(first + second)) == 10


def test_opensearch_url_may_list_several_nodes() -> None:
    assert hosts("http://127.0.0.1:9200") == ["http://127.0.0.1:9200"]
    assert hosts("http://a:9200, http://b:9200,,http://c:9200") == [
        "http://a:9200",
        "http://b:9200",
        "http://c:9200",
    ]
