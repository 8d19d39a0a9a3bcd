"""The demo catalog the relevance benches run on, under ``bench/var`` like the others."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from bench.catalog import HERE, prepare_catalog
from indexer.opensearch_local import LocalOpenSearch
from marketplace_core.config import Settings
from microtache.runtime import Runtime, build_runtime


@contextmanager
def demo_catalog(gigs: int) -> Iterator[Runtime]:
    """Seeded and indexed once per size, reused afterwards; on the embedded node, or on
    ``OPENSEARCH_URL`` when set (a node already serving this data directory's index)."""
    data = HERE / "var" / f"catalog-{gigs}"
    data.mkdir(parents=True, exist_ok=True)
    settings = Settings(MICROTACHE_DATA_DIR=data)
    with ExitStack() as stack:
        url = settings.opensearch_url
        if url is None:
            url = stack.enter_context(LocalOpenSearch(data / "opensearch", heap="1g")).url
        runtime = build_runtime(settings, url=url)
        stack.callback(runtime.close)
        prepare_catalog(runtime, gigs)
        yield runtime
