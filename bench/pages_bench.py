"""Server time of the results pages beside the ``/search`` API's, in the same run.

    python -m bench.pages_bench [--gigs 20000] [--requests 300]

Builds (or reuses) a catalog under ``bench/var`` (the embedded node, a SQLite database seeded
by the demo generator with its drawn images, the gig index), starts ``microtache up`` on it,
then asks for each results page (``/recherche``, ``/categories/…``) and for the same search
through ``GET /search``, interleaved one by one (each side first half the time) so load from
elsewhere falls on both alike. Both answers come from the same search steps; the page adds
its HTML. The target: page p50 within 10 ms of the API's.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import parse_qsl

import httpx

from bench.search_bench import SEARCHES, measure, percentile, running_api
from facets.taxonomy import TAXONOMY
from indexer.bootstrap import reindex
from indexer.opensearch_local import LocalOpenSearch
from indexer.runtime import Runtime, build_runtime
from marketplace_core.config import Settings
from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.storage import LocalFileStorage
from search_api.pages.urls import results_url

HERE = Path(__file__).parent
BUDGET_MS = 10.0


def prepare_catalog(runtime: Runtime, gigs: int) -> None:
    upgrade(runtime.engine)
    if catalog_is_empty(runtime.engine):
        seed_catalog(
            runtime.engine,
            gigs=gigs,
            seed=42,
            clock=runtime.clock,
            images=LocalFileStorage(runtime.settings.files_dir),
        )
    if not runtime.search.indices.exists_alias(name=runtime.names.gigs):
        reindex(runtime)


def bench_pages(api: str, requests: int) -> bool:
    pages = [results_url(parse_qsl(query), TAXONOMY) for query in SEARCHES]
    with httpx.Client() as http:
        sizes = {
            "page": sum(len(http.get(f"{api}{p}").content) for p in pages) // len(pages),
            "api": sum(len(http.get(f"{api}/search?{q}").content) for q in SEARCHES)
            // len(SEARCHES),
        }

        def page(i: int) -> None:
            response = http.get(f"{api}{pages[i % len(pages)]}")
            response.raise_for_status()
            assert response.headers["content-type"].startswith("text/html")

        def search(i: int) -> None:
            http.get(f"{api}/search?{SEARCHES[i % len(SEARCHES)]}").raise_for_status()

        ours, api_side = measure(page, search, requests, 1)
    p50, p95 = percentile(ours, 50), percentile(ours, 95)
    a50, a95 = percentile(api_side, 50), percentile(api_side, 95)
    print(
        f"{'results page (HTML)':<24} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
        f"({sizes['page'] // 1024} KiB)"
    )
    print(
        f"{'GET /search (JSON)':<24} p50 {a50:7.1f} ms  p95 {a95:7.1f} ms  "
        f"({sizes['api'] // 1024} KiB)"
    )
    within = p50 <= a50 + BUDGET_MS
    print(
        f"page − API: p50 {p50 - a50:+.1f} ms, p95 {p95 - a95:+.1f} ms "
        f"(target p50 ≤ +{BUDGET_MS:.0f} ms: {'met' if within else 'NOT met'})"
    )
    return within


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    data = HERE / "var" / f"pages-{args.gigs}"
    data.mkdir(parents=True, exist_ok=True)
    settings = Settings(MICROTACHE_DATA_DIR=data)
    with LocalOpenSearch(data / "opensearch", heap="1g") as node:
        runtime = build_runtime(settings, url=node.url)
        prepare_catalog(runtime, args.gigs)
        print(f"catalog: {args.gigs} gigs; {args.requests} requests per side, concurrency 1")
        with running_api(settings, node.url) as api:
            within = bench_pages(api, args.requests)
        runtime.close()
    raise SystemExit(0 if within else 1)


if __name__ == "__main__":
    main()
