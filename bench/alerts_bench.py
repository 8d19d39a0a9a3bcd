"""What percolating a new gig against the buyers' saved searches takes, beside baselines
measured in the same run.

    python -m bench.alerts_bench [--gigs 2000] [--saved 100000] [--runs 300]

Builds (or reuses) the demo catalog under ``bench/var``, then two percolator indices of
saved searches made as buyers make them — the words of the relevance set's queries, as
typed, each with 0–3 filters drawn from what the results pages offer (a category or
subcategory, seller levels, languages, a country, a budget, a delivery time) — one of
``--saved`` (100,000) and one of 1,000, stored exactly as the API stores them
(``indexer.alerts``). Then, for ``--runs`` active gigs of the catalog, one by one and
interleaved (each side first a third of the time): the gig's document percolated against
the large index, against the small one, and a plain search of the same gig in the gig
index (its id), all reading every match as the drain does. Printed: p50 / p95 of each side
as the client waits for it, and the matches per gig.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import yaml

from bench.catalog import HERE, bench_node, data_dir, prepare_catalog
from bench.search_bench import percentile
from facets.common import COUNTRIES, DELIVERY_BAND_DAYS, LANGUAGES, SELLER_LEVELS
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.alerts import SAVED_SEARCH, percolate, saved_search_query, saved_searches_body
from indexer.bulk import bulk_all
from indexer.client import IndexNames
from indexer.documents import GigParts
from indexer.gig_source import iter_active_parts
from marketplace_core.config import Settings
from microtache.runtime import build_runtime

QUERY_FILES = ("tuning.yaml", "held_out.yaml")
KEY = "saved_search_id"
TARGET_MS = 50


def words() -> list[str]:
    found: list[str] = []
    for name in QUERY_FILES:
        path = HERE / "relevance" / "queries" / name
        found += [str(item["q"]) for item in yaml.safe_load(path.read_text())]
    return found


def saved_params(rng: random.Random, phrases: list[str]) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = [("q", rng.choice(phrases))]
    for _ in range(rng.randint(0, 3)):
        kind = rng.choice(("scope", "level", "language", "country", "budget", "delivery"))
        if kind == "scope" and not any(k in ("category", "subcategory") for k, _ in params):
            sub = rng.choice(TAXONOMY.subcategories)
            params.append(
                ("subcategory", sub.slug) if rng.random() < 0.5 else ("category", sub.category_slug)
            )
        elif kind == "level":
            params.append(("level", rng.choice(SELLER_LEVELS).slug))
        elif kind == "language":
            params.append(("language", rng.choice(LANGUAGES[:8]).slug))
        elif kind == "country":
            params.append(("country", rng.choice(COUNTRIES[:8]).slug))
        elif kind == "budget" and not any(k == "budget_max" for k, _ in params):
            params.append(("budget_max", str(rng.choice((2000, 5000, 10000, 25000)))))
        elif kind == "delivery" and not any(k == "delivery" for k, _ in params):
            params.append(
                ("delivery", rng.choice([d for d, days in DELIVERY_BAND_DAYS.items() if days]))
            )
    return params


def build_saved(client: Any, index: str, count: int) -> None:
    """``count`` saved searches in ``index`` (made once, then reused)."""
    if client.indices.exists(index=index):
        if client.count(index=index)["count"] == count:
            return
        client.indices.delete(index=index)
    body = saved_searches_body(TAXONOMY)
    body["settings"]["index"]["refresh_interval"] = "-1"
    client.indices.create(index=index, body=body)
    rng = random.Random(count)
    phrases = words()
    started = time.perf_counter()

    def actions() -> Iterator[dict[str, Any]]:
        for i in range(1, count + 1):
            selection = parse_selection(saved_params(rng, phrases), TAXONOMY)
            yield {
                "_index": index,
                "_id": str(i),
                "_source": {
                    SAVED_SEARCH: saved_search_query(selection, TAXONOMY),
                    "saved_search_id": i,
                    "user_id": i,
                },
            }
            if i % 20_000 == 0:
                print(f"  {i} saved searches in {time.perf_counter() - started:.0f} s")

    bulk_all(client, actions())
    client.indices.put_settings(index=index, body={"index": {"refresh_interval": "1s"}})
    client.indices.refresh(index=index)
    client.indices.forcemerge(index=index, max_num_segments=1)
    print(f"{index}: {count} saved searches in {time.perf_counter() - started:.0f} s")


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=2000)
    parser.add_argument("--saved", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    data = data_dir(args.gigs)
    with bench_node(data) as url:
        runtime = build_runtime(Settings(MICROTACHE_DATA_DIR=data), url=url)
        prepare_catalog(runtime, args.gigs)
        client = runtime.search
        large = IndexNames(f"bench_alerts_v3_{args.saved}").saved_searches
        small = IndexNames(f"bench_alerts_v3_{args.small}").saved_searches
        build_saved(client, large, args.saved)
        build_saved(client, small, args.small)
        parts: list[GigParts] = [p for batch in iter_active_parts(runtime.engine) for p in batch]
        gigs = random.Random(7).sample(parts, min(args.runs, len(parts)))
        sides: dict[str, list[float]] = {"large": [], "small": [], "plain": []}
        matches: dict[str, list[int]] = {"large": [], "small": []}
        for i, gig in enumerate(gigs):
            document = gig.document()
            plain = {"query": {"term": {"gig_id": gig.gig.id}}, "size": 1}
            calls: list[tuple[str, Callable[[], Any]]] = [
                ("large", partial(percolate, client, large, SAVED_SEARCH, KEY, [document])),
                ("small", partial(percolate, client, small, SAVED_SEARCH, KEY, [document])),
                ("plain", partial(client.search, index=runtime.names.gigs, body=plain)),
            ]
            for k in range(3):
                name, call = calls[(i + k) % 3]
                ms, result = timed(call)
                sides[name].append(ms)
                if name in matches:
                    matches[name].append(len(result))
        runtime.close()
    print(f"catalog: {args.gigs} gigs; {len(gigs)} new gigs percolated, interleaved")
    for name, label in (
        ("large", f"percolate against {args.saved:,} saved searches"),
        ("small", f"percolate against {args.small:,} saved searches (baseline)"),
        ("plain", "plain search of the same gig by id (baseline)"),
    ):
        values = sides[name]
        extra = ""
        if name in matches:
            found = matches[name]
            extra = f"  matches per gig: mean {sum(found) / len(found):.1f}, max {max(found)}"
        p50, p95 = percentile(values, 50), percentile(values, 95)
        print(f"  {label:<58} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms{extra}")
    p95 = percentile(sides["large"], 95)
    verdict = "met" if p95 <= TARGET_MS else "NOT met"
    print(f"target: p95 <= {TARGET_MS} ms against {args.saved:,} saved searches: {verdict}")


if __name__ == "__main__":
    main()
