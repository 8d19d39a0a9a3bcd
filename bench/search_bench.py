"""Search, autocomplete and rebuild speed on a generated catalog, each beside raw OpenSearch.

    python -m bench.search_bench [--gigs 100000] [--requests 300]

Builds (or reuses) a catalog under ``bench/var``: the embedded node, a SQLite database seeded
by the demo generator, the gig and suggestion indices. Then, in the same run:
- autocomplete p50/p95 through the API beside the same query sent straight to OpenSearch,
  with every answer fresh (AUTOCOMPLETE_CACHE_SECONDS=0) and as configured (answers kept);
- search with all facets p50/p95 for typical filter mixes, at concurrency 1 and 16, beside
  the same request bodies sent straight to OpenSearch;
- a full rebuild in docs/s beside raw ``_bulk`` of the same prebuilt documents, sent with
  as many requests in flight.

API and raw requests are interleaved one by one, so load from elsewhere hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
from opensearchpy.helpers import parallel_bulk

from facets.filters import facet_filters, facets_for
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.bulk import BULK_MAX_BYTES, CHUNK_SIZE
from indexer.gig_index import LIVE_SETTINGS, gig_index_body
from indexer.gig_source import iter_active_parts
from indexer.opensearch_local import LocalOpenSearch
from indexer.opensearch_local.launcher import free_port
from indexer.rebuild import REBUILD_THREADS
from indexer.search import BudgetBands, did_you_mean_body, guess_body
from indexer.search_query import search_body
from marketplace_core.config import Settings
from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.thesaurus.rules import Thesaurus, default_rules
from microtache.bootstrap import reindex
from microtache.runtime import Runtime, build_runtime

HERE = Path(__file__).parent
SEARCHES = [
    "q=logo",
    "q=logo+minimaliste&level=level_2&level=top_rated",
    "subcategory=conception-logo&style=minimaliste&style=vintage&budget_max=5000&delivery=3d",
    "q=traduction&language=en&delivery=7d",
    "category=programmation-tech&sort=price_asc",
    "q=voix+off&online=true",
    "q=site+wordpress&country=FR&country=BE&budget_min=5000",
    "subcategory=montage-video&sort=rating",
]
PREFIXES = [
    "l",
    "lo",
    "log",
    "logo",
    "logo m",
    "tra",
    "tradu",
    "voix",
    "vo",
    "site w",
    "mont",
    "lgo",
    "tradcution",
    "delai",
    "réd",
    "seo",
    "app",
    "anim",
    "podc",
    "busi",
]


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(
    ours: Callable[[int], None], raw: Callable[[int], None], requests: int, concurrency: int
) -> tuple[list[float], list[float]]:
    """Both sides timed request by request, interleaved (each goes first half the time), so
    a burst of load on this noisy machine falls on both alike."""

    def timed(call: Callable[[int], None], i: int) -> float:
        started = time.perf_counter()
        call(i)
        return (time.perf_counter() - started) * 1000

    def pair(i: int) -> tuple[float, float]:
        if i % 2:
            raw_ms = timed(raw, i)
            return timed(ours, i), raw_ms
        ours_ms = timed(ours, i)
        return ours_ms, timed(raw, i)

    for i in range(min(requests, 30)):  # warm caches on both sides alike
        ours(i)
        raw(i)
    if concurrency == 1:
        pairs = [pair(i) for i in range(requests)]
    else:
        with ThreadPoolExecutor(concurrency) as pool:
            pairs = list(pool.map(pair, range(requests)))
    return [o for o, _ in pairs], [r for _, r in pairs]


def report(name: str, measured: tuple[list[float], list[float]]) -> None:
    ours, raw = measured
    p50, p95 = percentile(ours, 50), percentile(ours, 95)
    r50, r95 = percentile(raw, 50), percentile(raw, 95)
    print(
        f"{name:<34} API p50 {p50:7.1f} ms  p95 {p95:7.1f} ms | raw OpenSearch p50 "
        f"{r50:7.1f} ms  p95 {r95:7.1f} ms | ratio p50 {p50 / r50:4.2f}  p95 {p95 / r95:4.2f}"
    )


def prepare_catalog(runtime: Runtime, gigs: int) -> None:
    upgrade(runtime.engine)
    if catalog_is_empty(runtime.engine):
        seed_catalog(runtime.engine, gigs=gigs, seed=42, clock=runtime.clock)
    if not runtime.search.indices.exists_alias(name=runtime.names.gigs):
        reindex(runtime)


def start_api(
    settings: Settings, url: str, **extra_env: str
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(
        os.environ,
        MICROTACHE_DATA_DIR=str(settings.data_dir),
        OPENSEARCH_URL=url,
        MICROTACHE_SEED_GIGS="0",
        **extra_env,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "search_api.cli", "up", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the API did not start")


@contextmanager
def running_api(settings: Settings, url: str, **extra_env: str) -> Iterator[str]:
    process, api = start_api(settings, url, **extra_env)
    try:
        yield api
    finally:
        process.terminate()
        process.wait(30)


def bench_search(runtime: Runtime, api: str, requests: int) -> None:
    """The raw side sends what the API sends for the same page: the search, and for a query
    that finds nothing the one ``_msearch`` of corrections and the guessed subcategory."""
    bands = BudgetBands()
    raw_requests: list[list[tuple[str, bytes]]] = []
    for query in SEARCHES:
        selection = parse_selection(parse_qsl(query), TAXONOMY)
        facets = facets_for(selection, TAXONOMY)
        selected = facet_filters(selection, facets)
        price_bands = bands.get(runtime.search, runtime.names.gigs, selection)
        # The API's thesaurus is the shipped one (`microtache up` installs it).
        variants = Thesaurus(default_rules()).variants(selection.q)
        body = search_body(selection, facets, selected, price_bands, variants)
        sent = [(f"/{runtime.names.gigs}/_search", json.dumps(body).encode())]
        found = runtime.search.search(index=runtime.names.gigs, body=body)
        if selection.q and not found["hits"]["total"]["value"]:
            header = json.dumps({"index": runtime.names.gigs})
            lines = [header, json.dumps(did_you_mean_body(selection.q))]
            lines += [header, json.dumps(guess_body(selection.q))]
            sent.append((f"/{runtime.names.gigs}/_msearch", ("\n".join(lines) + "\n").encode()))
        raw_requests.append(sent)
    print(f"  ({sum(len(r) > 1 for r in raw_requests)} of {len(SEARCHES)} pages find nothing)")
    with httpx.Client(limits=httpx.Limits(max_connections=32)) as http:

        def ours(i: int) -> None:
            http.get(f"{api}/search?{SEARCHES[i % len(SEARCHES)]}").raise_for_status()

        def raw(i: int) -> None:
            for path, content in raw_requests[i % len(raw_requests)]:
                http.post(
                    f"{runtime.opensearch_url}{path}",
                    content=content,
                    headers={"Content-Type": "application/json"},
                ).raise_for_status()

        for concurrency in (1, 16):
            report(
                f"search + facets, concurrency {concurrency}",
                measure(ours, raw, requests, concurrency),
            )


def bench_autocomplete(runtime: Runtime, api: str, requests: int, name: str) -> None:
    from indexer.suggestions import suggest_body

    raw_url = f"{runtime.opensearch_url}/{runtime.names.suggest}/_search"
    with httpx.Client() as http:

        def ours(i: int) -> None:
            http.get(
                f"{api}/autocomplete", params={"q": PREFIXES[i % len(PREFIXES)]}
            ).raise_for_status()

        def raw(i: int) -> None:
            http.post(raw_url, json=suggest_body(PREFIXES[i % len(PREFIXES)])).raise_for_status()

        report(name, measure(ours, raw, requests, 1))


def bench_rebuild(runtime: Runtime) -> None:
    documents: list[tuple[int, dict[str, Any]]] = [
        (parts.gig.id, parts.document())
        for batch in iter_active_parts(runtime.engine)
        for parts in batch
    ]
    raw_index = f"{runtime.names.prefix}_rawbulk"
    client = runtime.search
    client.indices.delete(index=raw_index, ignore_unavailable=True)
    started = time.perf_counter()
    client.indices.create(index=raw_index, body=gig_index_body(TAXONOMY, building=True))
    # The same requests as the rebuild sends: capped chunks, as many in flight.
    for ok, item in parallel_bulk(
        client,
        ({"_index": raw_index, "_id": str(i), "_source": d} for i, d in documents),
        thread_count=REBUILD_THREADS,
        queue_size=REBUILD_THREADS,
        max_chunk_bytes=BULK_MAX_BYTES,
        chunk_size=CHUNK_SIZE,
        raise_on_error=True,
    ):
        assert ok, item
    client.indices.put_settings(index=raw_index, body=LIVE_SETTINGS)
    client.indices.refresh(index=raw_index)
    raw_seconds = time.perf_counter() - started
    client.indices.delete(index=raw_index)
    ours = reindex(runtime, progress=False)
    raw_rate = len(documents) / raw_seconds
    print(
        f"{'full rebuild':<34} ours {ours.docs_per_second:9.0f} docs/s | raw _bulk of the "
        f"same prebuilt documents {raw_rate:9.0f} docs/s | ratio "
        f"{ours.docs_per_second / raw_rate:4.2f}  ({ours.documents} documents)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--only", choices=["search", "autocomplete", "rebuild"], default=None)
    args = parser.parse_args()
    data = HERE / "var" / f"catalog-{args.gigs}"
    data.mkdir(parents=True, exist_ok=True)
    settings = Settings(MICROTACHE_DATA_DIR=data)
    with LocalOpenSearch(data / "opensearch", heap="2g") as node:
        runtime = build_runtime(settings, url=node.url)
        prepare_catalog(runtime, args.gigs)
        from indexer.suggestions import rebuild_suggestions

        if not runtime.search.indices.exists_alias(name=runtime.names.suggest):
            rebuild_suggestions(runtime.search, runtime.names, TAXONOMY)
        print(f"catalog: {args.gigs} gigs; {args.requests} requests per measure")
        if args.only in (None, "autocomplete"):
            with running_api(settings, node.url, AUTOCOMPLETE_CACHE_SECONDS="0") as api:
                bench_autocomplete(runtime, api, args.requests, "autocomplete, every answer fresh")
            with running_api(settings, node.url) as api:
                bench_autocomplete(runtime, api, args.requests, "autocomplete (answers kept 60 s)")
        if args.only in (None, "search"):
            with running_api(settings, node.url) as api:
                bench_search(runtime, api, args.requests)
        if args.only in (None, "rebuild"):
            bench_rebuild(runtime)
        runtime.close()


if __name__ == "__main__":
    main()
