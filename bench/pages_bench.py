"""Server time of the results pages beside the ``/search`` API's, in the same run.

    python -m bench.pages_bench [--gigs 20000] [--requests 300]

Builds (or reuses) a catalog under ``bench/var`` (the embedded node, a SQLite database seeded
by the demo generator with its drawn images, the gig index), then serves the app in a
process of its own, wrapped so that each answer says how long the server took
(``Server-Timing``: from the request's arrival to the response's start, when the body is
already made). It asks for each results page (``/recherche``, ``/categories/…``) and for the
same search through ``GET /search``, interleaved one by one (each side first half the time)
so load from elsewhere falls on both alike, and prints both sides' server time, and the
latency the client saw. Both answers come from the same search steps; the page adds its
HTML. The target: the page's p50 server time within 10 ms of the API's.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bench.pages import results_pages
from bench.processes import api_process
from bench.search_bench import percentile
from facets.taxonomy import TAXONOMY
from indexer.opensearch_local import LocalOpenSearch
from marketplace_core.config import Settings
from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.storage import LocalFileStorage
from microtache.bootstrap import reindex
from microtache.runtime import Runtime, build_runtime
from search_api.pages.urls import results_url

HERE = Path(__file__).parent
BUDGET_MS = 10.0
WARMUP = 30


class ServerTiming:
    """Adds ``Server-Timing: app;dur=<ms>`` to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - started) * 1000
                headers = [
                    *message.get("headers", []),
                    (b"server-timing", f"app;dur={ms:.3f}".encode()),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed)


def serve(port: int) -> None:
    """The bench's server process: the app as ``microtache up`` makes it, timed."""
    import uvicorn

    from search_api.app import create_app

    settings = Settings()
    runtime = build_runtime(settings)
    uvicorn.run(ServerTiming(create_app(runtime)), host="127.0.0.1", port=port, log_level="warning")


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


def bench_pages(base: str, requests: int) -> bool:
    # The search bench's mix of query and browse pages, each asked of both sides.
    queries = results_pages(requests + WARMUP)
    pages = [results_url(parse_qsl(query), TAXONOMY) for query in queries]
    searches = [f"/search?{query}" for query in queries]
    sides: dict[str, tuple[list[float], list[float], list[int]]] = {
        "page": ([], [], []),
        "api": ([], [], []),
    }
    with httpx.Client() as http:

        def fetch(side: str, path: str, keep: bool) -> None:
            started = time.perf_counter()
            response = http.get(base + path)
            seen = (time.perf_counter() - started) * 1000
            response.raise_for_status()
            if side == "page":
                assert response.headers["content-type"].startswith("text/html")
            if keep:
                server = float(response.headers["server-timing"].split("dur=")[1])
                sides[side][0].append(server)
                sides[side][1].append(seen)
                sides[side][2].append(len(response.content))

        for i in range(requests + WARMUP):  # the first ones warm both sides alike
            order = [("page", pages), ("api", searches)]
            for side, paths in order if i % 2 else order[::-1]:
                fetch(side, paths[i], keep=i >= WARMUP)

    def line(name: str, side: str) -> str:
        server, seen, sizes = sides[side]
        return (
            f"{name:<20} server p50 {percentile(server, 50):6.1f} ms  p95 "
            f"{percentile(server, 95):6.1f} ms | client saw p50 {percentile(seen, 50):6.1f} ms  "
            f"p95 {percentile(seen, 95):6.1f} ms | {sum(sizes) // len(sizes) // 1024} KiB"
        )

    print(line("results page (HTML)", "page"))
    print(line("GET /search (JSON)", "api"))
    page50, api50 = percentile(sides["page"][0], 50), percentile(sides["api"][0], 50)
    page95, api95 = percentile(sides["page"][0], 95), percentile(sides["api"][0], 95)
    within = page50 <= api50 + BUDGET_MS
    print(
        f"page − API, server time: p50 {page50 - api50:+.1f} ms, p95 {page95 - api95:+.1f} ms "
        f"(target p50 ≤ +{BUDGET_MS:.0f} ms: {'met' if within else 'NOT met'})"
    )
    return within


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port)
        return
    data = HERE / "var" / f"pages-{args.gigs}"
    data.mkdir(parents=True, exist_ok=True)
    settings = Settings(MICROTACHE_DATA_DIR=data)
    with LocalOpenSearch(data / "opensearch", heap="1g") as node:
        runtime = build_runtime(settings, url=node.url)
        prepare_catalog(runtime, args.gigs)
        runtime.close()
        print(f"catalog: {args.gigs} gigs; {args.requests} requests per side, concurrency 1")
        with api_process(
            "bench.pages_bench", ["--serve"], data_dir=data, opensearch_url=node.url
        ) as (base, _):
            within = bench_pages(base, args.requests)
    raise SystemExit(0 if within else 1)


if __name__ == "__main__":
    main()
