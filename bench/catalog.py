"""The bench's catalog, built once under ``bench/var`` and reused: database, node, indices.

The engine's gig index (``microtache_gigs``) and, beside it on the same node, the former
design's index (``before_gigs``, see :mod:`bench.before_design`) made from the same documents,
and the suggestion index. Each is built only when missing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from opensearchpy import OpenSearch
from tqdm import tqdm

from bench.before_design import before_document, before_index_body
from facets.taxonomy import TAXONOMY
from indexer.bulk import bulk_all
from indexer.client import IndexNames
from indexer.gig_source import iter_active_parts
from indexer.opensearch_local import LocalOpenSearch
from indexer.rebuild import REBUILD_THREADS, count_active_gigs
from indexer.suggestions import rebuild_suggestions
from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
from marketplace_core.migrate import upgrade
from microtache.bootstrap import reindex
from microtache.runtime import Runtime

HERE = Path(__file__).parent
BEFORE = IndexNames("before")
HEAP = "2g"


def data_dir(gigs: int) -> Path:
    path = HERE / "var" / f"catalog-{gigs}"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def bench_node(data: Path) -> Iterator[str]:
    """The catalog's node, started here (its data under ``data``), or the one at
    ``OPENSEARCH_URL`` (a node kept running across bench runs)."""
    if url := os.environ.get("OPENSEARCH_URL"):
        yield url
        return
    with LocalOpenSearch(data / "opensearch", heap=HEAP) as node:
        yield node.url


def prepare_catalog(runtime: Runtime, gigs: int, *, before: bool = False) -> None:
    """Seed, index and suggest what is missing; with ``before``, the former design's index."""
    upgrade(runtime.engine)
    if catalog_is_empty(runtime.engine):
        seed_catalog(runtime.engine, gigs=gigs, seed=42, clock=runtime.clock)
    client = runtime.search
    if not client.indices.exists_alias(name=runtime.names.gigs):
        report = reindex(runtime)
        print(f"gig index: {report.documents} documents in {report.seconds:.0f} s")
    if before and not client.indices.exists(index=BEFORE.gigs):
        build_before(runtime)
    if not client.indices.exists_alias(name=runtime.names.suggest):
        started = time.perf_counter()
        suggest = rebuild_suggestions(client, runtime.names, TAXONOMY)
        print(f"suggestions: {suggest.documents} in {time.perf_counter() - started:.0f} s")


def build_before(runtime: Runtime) -> None:
    """The former design's index, from the same database rows."""
    client: OpenSearch = runtime.search
    index = BEFORE.gigs
    client.indices.create(index=index, body=before_index_body(TAXONOMY, building=True))

    def actions() -> Iterator[dict[str, Any]]:
        for batch in iter_active_parts(runtime.engine):
            for parts in batch:
                yield {
                    "_index": index,
                    "_id": str(parts.gig.id),
                    "_source": before_document(parts.document()),
                }

    total = count_active_gigs(runtime.engine)
    with tqdm(total=total, unit="doc", desc=f"build {index}") as bar:
        bulk_all(client, actions(), threads=REBUILD_THREADS, on_done=bar.update)
    client.indices.put_settings(
        index=index, body={"index": {"refresh_interval": "1s", "number_of_replicas": 0}}
    )
    client.indices.refresh(index=index)
