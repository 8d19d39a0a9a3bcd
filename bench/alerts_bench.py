"""What percolating a new gig against the buyers' saved searches takes, beside baselines
measured in the same run.

    python -m bench.alerts_bench [--gigs 2000] [--saved 100000] [--runs 300]

Builds (or reuses) the demo catalog under ``bench/var``, then ``--saved`` (100,000) saved
searches made as buyers make them — the words of the relevance set's queries, as typed, each
with 0–3 filters drawn from what the results pages offer (a category or subcategory, seller
levels, languages, a country, a budget, a delivery time) — stored three ways: as the engine
stores them (``indexer.alerts``: one stored search per distinct query, its filters as plain
fields, its words and their phrasings in the default thesaurus one complete query per
field), the same for the first 1,000 of them, and as the previous design stored them (one
percolator query per saved search, words over several fields and filters in one query:
every candidate checked against the gig). Then, for ``--runs`` active gigs of the catalog,
one by one and interleaved (each side first in turn): the gig percolated against each, and
a plain search of the same gig in the gig index (its id), all reading every match as the
drain does; and the same gigs ten at a time in one request, as a drain of ten percolates
them. Printed: p50 / p95 of each side as the client
waits for it, the saved searches matched per gig, and whether the engine found every match
the previous design found (and how many more through the thesaurus).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any
from urllib.parse import urlencode

import yaml
from tqdm import tqdm

from bench.catalog import HERE, bench_node, data_dir, prepare_catalog
from bench.search_bench import percentile
from facets.common import COUNTRIES, DELIVERY_BAND_DAYS, LANGUAGES, SELLER_LEVELS
from facets.filters import facets_for
from facets.selection import Selection
from facets.taxonomy import TAXONOMY
from indexer.alerts import (
    SAVED_FIELDS,
    SAVED_SEARCH,
    percolate,
    percolate_saved,
    saved_search_documents,
    saved_searches_body,
)
from indexer.bulk import bulk_all
from indexer.documents import GigParts
from indexer.facet_kinds import PageFacets
from indexer.gig_index import ANALYSIS, gig_mapping
from indexer.gig_source import iter_active_parts
from indexer.search_query import words_match
from marketplace_core.alerts.rules import SavedQuery, saved_query
from marketplace_core.config import Settings
from marketplace_core.thesaurus.rules import Thesaurus, default_rules
from microtache.runtime import build_runtime

QUERY_FILES = ("tuning.yaml", "held_out.yaml")
PREVIOUS_KEY = "saved_search_id"
PREVIOUS_FIELDS = ["title^3", "tags^3", "description"]
assert [f.split("^")[0] for f in PREVIOUS_FIELDS] == SAVED_FIELDS
TARGET_MS = 50
BATCH = 10
SIDES = ("large", "small", "previous", "plain", "batch")
# The thesaurus the engine installs: saved searches match its phrasings as searches do (the
# previous design did not, so the engine finds every match it found, and some more).
THESAURUS = Thesaurus(default_rules())


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


def saved_searches(count: int) -> list[SavedQuery]:
    """``count`` saved searches as the API keeps them (canonical query and selection)."""
    rng = random.Random(count)
    phrases = words()
    return [saved_query(urlencode(saved_params(rng, phrases)), TAXONOMY) for _ in range(count)]


def previous_query(selection: Selection) -> dict[str, Any]:
    """The previous design's stored query: words over several fields, filters beside them."""
    page = PageFacets.of(selection, facets_for(selection, TAXONOMY))
    text: dict[str, Any] = (
        {"multi_match": words_match(selection.q) | {"fields": PREVIOUS_FIELDS}}
        if selection.q
        else {"match_all": {}}
    )
    scope = (
        [{"term": {"subcategory": selection.subcategory}}]
        if selection.subcategory
        else [{"term": {"category": selection.category}}]
        if selection.category
        else []
    )
    return {"bool": {"must": [text], "filter": [*scope, *page.filters()]}}


def previous_body() -> dict[str, Any]:
    """The previous design's index: the whole gig mapping beside the stored queries."""
    mapping = gig_mapping(TAXONOMY)
    mapping["properties"] |= {SAVED_SEARCH: {"type": "percolator"}, PREVIOUS_KEY: {"type": "long"}}
    settings = {"number_of_shards": 1, "auto_expand_replicas": "0-1", "max_ngram_diff": 20}
    return {"settings": {"index": settings, "analysis": ANALYSIS}, "mappings": mapping}


def build(client: Any, index: str, count: int, actions: Iterable[dict[str, Any]]) -> None:
    """An index of saved searches (made once, then reused; ``count`` documents)."""
    if client.indices.exists(index=index):
        if client.count(index=index)["count"] == count:
            return
        client.indices.delete(index=index)
    body = previous_body() if "previous" in index else saved_searches_body(TAXONOMY)
    body["settings"]["index"]["refresh_interval"] = "-1"
    client.indices.create(index=index, body=body)
    started = time.perf_counter()
    done = bulk_all(client, ({"_index": index} | a for a in tqdm(actions, desc=index)))
    client.indices.put_settings(index=index, body={"index": {"refresh_interval": "1s"}})
    client.indices.refresh(index=index)
    client.indices.forcemerge(index=index, max_num_segments=1)
    print(f"{index}: {done} documents in {time.perf_counter() - started:.0f} s")


def engine_actions(saved: list[SavedQuery]) -> list[dict[str, Any]]:
    distinct = {s.query: s.selection for s in saved}
    return [
        a
        for q, sel in distinct.items()
        for a in saved_search_documents(q, sel, TAXONOMY, THESAURUS)
        if a["_op_type"] == "index"  # a new index: nothing earlier to delete
    ]


def previous_actions(saved: list[SavedQuery]) -> Iterator[dict[str, Any]]:
    for i, s in enumerate(saved, start=1):
        source = {SAVED_SEARCH: previous_query(s.selection), PREVIOUS_KEY: i}
        yield {"_id": str(i), "_source": source}


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
    saved = saved_searches(args.saved)
    # Who saved each query: the previous design's ids, and the engine's subscribers' count.
    by_query: dict[str, set[int]] = {}
    for i, s in enumerate(saved, start=1):
        by_query.setdefault(s.query, set()).add(i)
    small_saved = saved[: args.small]
    small_queries = {s.query for s in small_saved}
    with bench_node(data) as url:
        runtime = build_runtime(Settings(MICROTACHE_DATA_DIR=data), url=url)
        prepare_catalog(runtime, args.gigs)
        client = runtime.search
        large = f"bench_alerts_v6_{args.saved}"
        small = f"bench_alerts_v6_{args.small}"
        previous = f"bench_alerts_previous_{args.saved}"
        large_actions = engine_actions(saved)
        build(client, large, len(large_actions), large_actions)
        small_actions = engine_actions(small_saved)
        build(client, small, len(small_actions), small_actions)
        build(client, previous, args.saved, previous_actions(saved))
        parts: list[GigParts] = [p for batch in iter_active_parts(runtime.engine) for p in batch]
        gigs = random.Random(7).sample(parts, min(args.runs, len(parts)))
        sides: dict[str, list[float]] = {name: [] for name in SIDES}
        matches: dict[str, list[int]] = {"large": [], "small": [], "previous": []}
        same = 0
        besides: list[int] = []
        for i, gig in enumerate(gigs):
            document = gig.document()
            plain = {"query": {"term": {"gig_id": gig.gig.id}}, "size": 1}
            calls: list[tuple[str, Callable[[], Any]]] = [
                ("large", partial(percolate_saved, client, large, [document])),
                ("small", partial(percolate_saved, client, small, [document])),
                (
                    "previous",
                    partial(percolate, client, previous, SAVED_SEARCH, PREVIOUS_KEY, [document]),
                ),
                ("plain", partial(client.search, index=runtime.names.gigs, body=plain)),
            ]
            found: dict[str, set[int]] = {}
            for k in range(len(calls)):
                name, call = calls[(i + k) % len(calls)]
                ms, result = timed(call)
                sides[name].append(ms)
                if name in ("large", "small"):
                    (queries,) = result
                    found[name] = {n for q in queries for n in by_query[q]}
                    if name == "small":
                        found[name] = {n for n in found[name] if n <= args.small}
                        assert queries <= small_queries
                elif name == "previous":
                    found[name] = {key for key, _ in result}
                if name in matches:
                    matches[name].append(len(found[name]))
            same += found["large"] >= found["previous"]
            besides.append(len(found["large"] - found["previous"]))
        for start in range(0, len(gigs) - BATCH + 1, BATCH):
            documents = [g.document() for g in gigs[start : start + BATCH]]
            ms, _ = timed(partial(percolate_saved, client, large, documents))
            sides["batch"].append(ms)
        runtime.close()
    distinct = len(by_query)
    print(f"catalog: {args.gigs} gigs; {len(gigs)} new gigs percolated, interleaved")
    print(
        f"saved searches: {args.saved:,}, {distinct:,} distinct "
        f"({len(large_actions):,} stored queries)"
    )
    labels = {
        "large": f"percolate against {args.saved:,} saved searches",
        "small": f"percolate against {args.small:,} saved searches (baseline)",
        "previous": f"previous design, {args.saved:,} saved searches (baseline)",
        "plain": "plain search of the same gig by id (baseline)",
        "batch": f"{BATCH} new gigs in one request, {args.saved:,} saved searches",
    }
    for name, label in labels.items():
        values = sides[name]
        extra = ""
        if name in matches:
            counts = matches[name]
            extra = f"  matches per gig: mean {sum(counts) / len(counts):.1f}, max {max(counts)}"
        p50, p95 = percentile(values, 50), percentile(values, 95)
        print(f"  {label:<62} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms{extra}")
    print(
        f"every saved search the previous design matched, matched too: {same} of {len(gigs)} "
        f"gigs; besides, through thesaurus phrasings: "
        f"mean {sum(besides) / len(besides):.1f} per gig"
    )
    p95 = percentile(sides["large"], 95)
    verdict = "met" if p95 <= TARGET_MS else "NOT met"
    print(f"target: p95 <= {TARGET_MS} ms against {args.saved:,} saved searches: {verdict}")


if __name__ == "__main__":
    main()
