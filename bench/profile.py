"""Where a results page's time goes, before and after: OpenSearch's own profile of each part.

    python -m bench.profile [--gigs 1000000]

For a few kinds of pages, the former design's body (one request) and the engine's two
requests are sent with ``"profile": true``; printed per page: the time OpenSearch reports
(``took``), the query (matching and scoring), the hits collection, and each aggregation.
Each is sent a few times and the fastest kept: the part's own cost, not the machine's noise.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from opensearchpy import OpenSearch

from bench.before_design import before_body
from bench.catalog import BEFORE, bench_node, data_dir
from facets.filters import facets_for
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.client import IndexNames
from indexer.facet_kinds import PageFacets
from indexer.search import BudgetBands
from indexer.search_query import Words, facets_body, hits_body
from marketplace_core.config import Settings
from microtache.runtime import build_runtime

PAGES = [
    "q=logo+minimaliste",
    "q=traduction&language=en&delivery=7d",
    "q=tradcution",
    "category=programmation-tech&sort=price_asc",
    "subcategory=conception-logo&style=minimaliste&budget_max=5000&delivery=3d",
    "level=top_rated",
]
TRIES = 3


def _ms(nanos: float) -> float:
    return nanos / 1e6


def _aggregations(aggs: list[dict[str, Any]]) -> Iterator[tuple[str, float]]:
    for agg in aggs:
        yield agg["description"], _ms(agg["time_in_nanos"])


def profiled(client: OpenSearch, index: str, body: dict[str, Any]) -> dict[str, Any]:
    best: dict[str, Any] | None = None
    for _ in range(TRIES):
        response = client.search(index=index, body={**body, "profile": True}, request_cache=False)
        if best is None or response["took"] < best["took"]:
            best = response
    assert best is not None
    return best


def summary(response: dict[str, Any]) -> str:
    (shard,) = response["profile"]["shards"]
    (search,) = shard["searches"]
    query = sum(_ms(q["time_in_nanos"]) for q in search["query"])
    collector = sum(_ms(c["time_in_nanos"]) for c in search["collector"])
    aggs = sorted(_aggregations(shard.get("aggregations", [])), key=lambda a: -a[1])
    parts = ", ".join(f"{name} {ms:.1f}" for name, ms in aggs[:6])
    return (
        f"took {response['took']:4d} ms | query {query:6.1f} | collect {collector:6.1f} | "
        f"aggs {sum(ms for _, ms in aggs):6.1f} ({parts})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=1_000_000)
    args = parser.parse_args()
    data = data_dir(args.gigs)
    settings = Settings(MICROTACHE_DATA_DIR=data)
    with bench_node(data) as url:
        runtime = build_runtime(settings, url=url)
        client = runtime.search
        names: IndexNames = runtime.names
        bands = BudgetBands()
        for query in PAGES:
            selection = parse_selection(parse_qsl(query), TAXONOMY)
            facets = facets_for(selection, TAXONOMY)
            price_bands = bands.get(client, names.gigs, selection)
            page = PageFacets.of(selection, facets)
            print(query)
            before = profiled(client, BEFORE.gigs, before_body(selection, facets, price_bands))
            print(f"  before        {summary(before)}")
            words = Words(selection.q)
            hits = profiled(client, names.gigs, hits_body(selection, page, words))
            print(f"  after, hits   {summary(hits)}")
            counts = profiled(client, names.gigs, facets_body(selection, page, price_bands, words))
            print(f"  after, facets {summary(counts)}")
        runtime.close()


if __name__ == "__main__":
    main()
