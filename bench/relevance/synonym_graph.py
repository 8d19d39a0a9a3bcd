"""The thesaurus as the engine applies it (query-time phrasings) against the alternative, a
search-time ``synonym_graph`` analyzer, on the same catalog and the same rules.

    python -m bench.relevance.synonym_graph [--gigs 10000] [--requests 300]

The alternative index is a copy of the gig index (``_reindex``) whose text fields search
through the shipped thesaurus as synonyms. Printed, in the same run:
- NDCG@10 per half of the judged query set, for each design;
- search p50/p95, both sides sending the results page's body for every judged query
  (ours with its phrasings, the other plain on the synonym index), interleaved;
- what applying one thesaurus change costs: how long until searches use it, and how many
  searches failed meanwhile, with searches running all along. Ours: the rule is stored and
  an API-like poll picks it up (``THESAURUS_REFRESH_SECONDS``). The alternative: analysis
  settings change only on a closed index (this OpenSearch has no
  ``_plugins/_refresh_search_analyzers``, which needs the index-management plugin and the
  synonyms as files on every node), so close, update, reopen.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import OpenSearchException

from bench.relevance.catalog import demo_catalog
from bench.relevance.evaluate import evaluate, ideal_counts
from bench.relevance.judgments import HALVES, load
from bench.relevance.metrics import Summary
from bench.search_bench import measure, percentile
from facets.filters import facets_for
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.client import IndexNames
from indexer.facet_kinds import PageFacets
from indexer.gig_index import gig_index_body
from indexer.search import BudgetBands, search_steps
from indexer.search_query import Words, hits_body
from indexer.steps import run
from marketplace_core.clock import SystemClock
from marketplace_core.db import make_engine, make_sessionmaker, transaction
from marketplace_core.migrate import upgrade
from marketplace_core.thesaurus.rules import EMPTY, Rule, RuleKind, Thesaurus, default_rules
from marketplace_core.thesaurus.service import LiveThesaurus, add_rule, install_defaults

SEARCH_ANALYZERS = {"fr_text": "fr_text_syn", "en_text": "en_text_syn", "folded_text": "folded_syn"}
PROBE = "zorglub"  # a word no gig holds: the change makes it mean "voix off"
SEARCHERS = 4


def solr_lines(rules: list[Rule]) -> list[str]:
    lines = []
    for rule in rules:
        if rule.kind == RuleKind.EQUIVALENCE:
            lines.append(", ".join(rule.terms))
        else:
            for term in rule.terms:
                lines.append(f"{term} => {', '.join((term, *rule.targets))}")
    return lines


def synonym_index_body(rules: list[Rule]) -> dict[str, Any]:
    body = gig_index_body(TAXONOMY, building=False)
    analysis = copy.deepcopy(body["settings"]["analysis"])
    analysis["filter"]["thesaurus"] = {
        "type": "synonym_graph",
        "synonyms": solr_lines(rules),
        "lenient": True,
    }
    for plain, with_synonyms in SEARCH_ANALYZERS.items():
        chain = list(analysis["analyzer"][plain]["filter"])
        after = chain.index("asciifolding") + 1  # synonyms meet folded words, before stemming
        analysis["analyzer"][with_synonyms] = {
            "tokenizer": "standard",
            "filter": [*chain[:after], "thesaurus", *chain[after:]],
        }
    body["settings"]["analysis"] = analysis

    def walk(field: dict[str, Any]) -> None:
        searched = field.get("search_analyzer", field.get("analyzer"))
        if field.get("type") == "text" and searched in SEARCH_ANALYZERS:
            field["search_analyzer"] = SEARCH_ANALYZERS[searched]
        for child in (*field.get("properties", {}).values(), *field.get("fields", {}).values()):
            walk(child)

    walk(body["mappings"])
    return body


def build_synonym_index(client: OpenSearch, names: IndexNames, rules: list[Rule]) -> IndexNames:
    syn = IndexNames(f"{names.prefix}_syn")
    index = syn.gigs_version(1)
    client.indices.delete(index=index, ignore_unavailable=True)
    client.indices.create(index=index, body=synonym_index_body(rules))
    client.reindex(
        body={"source": {"index": names.gigs}, "dest": {"index": index}},
        wait_for_completion=True,
        refresh=True,
        request_timeout=600,
    )
    client.indices.put_alias(index=index, name=syn.gigs)
    return syn


@contextmanager
def searching(search: Callable[[], object]) -> Iterator[dict[str, int]]:
    """Searches sent without pause by a few threads for the block's duration."""
    counts = {"sent": 0, "failed": 0}
    stop = threading.Event()
    lock = threading.Lock()

    def loop() -> None:
        while not stop.is_set():
            try:
                search()
                failed = 0
            except OpenSearchException:
                failed = 1
            with lock:
                counts["sent"] += 1
                counts["failed"] += failed

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(SEARCHERS)]
    for thread in threads:
        thread.start()
    try:
        yield counts
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def wait_until(found: Callable[[], bool], timeout: float = 60.0) -> float:
    started = time.perf_counter()
    while not found():
        if time.perf_counter() - started > timeout:
            raise SystemExit("the change never applied")
        time.sleep(0.01)
    return time.perf_counter() - started


def change_ours(client: OpenSearch, names: IndexNames, every: float) -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{Path(directory) / 'thesaurus.db'}")
        upgrade(engine)
        sessions = make_sessionmaker(engine)
        with transaction(sessions) as session:
            install_defaults(session, clock=SystemClock())
        live = LiveThesaurus(sessions)
        live.refresh()
        stop = threading.Event()

        def poll() -> None:  # as each API process does (search_api.routers.thesaurus)
            while not stop.wait(every):
                live.refresh()

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        bands = BudgetBands()

        def page(q: str) -> int:
            selection = parse_selection([("q", q), ("size", "10")], TAXONOMY)
            return run(client, search_steps(names, selection, TAXONOMY, bands, live.current)).total

        with searching(lambda: page("voix off")) as counts:
            time.sleep(1)
            with transaction(sessions) as session:
                add_rule(
                    session,
                    lang="fr",
                    kind="expansion",
                    terms=[PROBE],
                    targets=["voix off"],
                    actor_id=None,
                    clock=SystemClock(),
                )
            applied = wait_until(lambda: page(PROBE) > 0)
            started = time.perf_counter()
            live.refresh()  # already fresh: the cost of one version check
            check_ms = (time.perf_counter() - started) * 1000
            time.sleep(1)
        stop.set()
        poller.join()
        engine.dispose()
    print(
        f"{'apply a change, query-time':<34} in use after {applied:5.2f} s (poll every "
        f"{every:g} s; a version check costs {check_ms:.1f} ms) | searches meanwhile "
        f"{counts['sent']}, failed {counts['failed']} | index untouched"
    )


def change_synonym_graph(client: OpenSearch, syn: IndexNames, rules: list[Rule]) -> None:
    index = syn.gigs_version(1)
    changed = [*rules, Rule("fr", RuleKind.EXPANSION, (PROBE,), ("voix off",))]

    bands = BudgetBands()

    def page(q: str) -> int:
        selection = parse_selection([("q", q), ("size", "10")], TAXONOMY)
        return run(client, search_steps(syn, selection, TAXONOMY, bands, EMPTY)).total

    with searching(lambda: page("voix off")) as counts:
        time.sleep(1)
        started = time.perf_counter()
        client.indices.close(index=index)
        client.indices.put_settings(
            index=index,
            body={
                "analysis": {
                    "filter": {
                        "thesaurus": {
                            "type": "synonym_graph",
                            "synonyms": solr_lines(changed),
                            "lenient": True,
                        }
                    }
                }
            },
        )
        client.indices.open(index=index)
        client.cluster.health(index=index, wait_for_status="yellow")
        applied = time.perf_counter() - started + wait_until(lambda: page(PROBE) > 0)
        time.sleep(1)
    print(
        f"{'apply a change, synonym_graph':<34} in use after {applied:5.2f} s (close, settings, "
        f"open) | searches meanwhile {counts['sent']}, failed {counts['failed']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    queries = load(TAXONOMY).queries
    rules = default_rules()
    shipped = Thesaurus(rules)
    with demo_catalog(args.gigs) as runtime:
        client, names = runtime.search, runtime.names
        syn = build_synonym_index(client, names, rules)
        counts = ideal_counts(client, names, queries)
        print(f"catalog: {args.gigs} gigs; {len(queries)} judged queries; {len(rules)} rules")
        results = {
            "no thesaurus": evaluate(client, names, queries, EMPTY, counts),
            "query-time (ours)": evaluate(client, names, queries, shipped, counts),
            "synonym_graph": evaluate(client, syn, queries, EMPTY, counts),
        }
        for name, scores in results.items():
            cells = []
            for half in HALVES:
                summary = Summary.of([s for s in scores if s.query.half == half])
                cells.append(
                    f"{half} NDCG@10 {summary.ndcg:.3f} zero {summary.zero_rate * 100:4.1f} %"
                )
            print(f"{name:<34} " + " | ".join(cells))

        bodies = []
        for query in queries:
            selection = parse_selection([("q", query.q)], TAXONOMY)
            page = PageFacets.of(selection, facets_for(selection, TAXONOMY))
            bodies.append(
                (
                    hits_body(selection, page, Words(query.q, shipped.variants(query.q))),
                    hits_body(selection, page, Words(query.q)),
                )
            )

        def ours(i: int) -> None:
            client.search(index=names.gigs, body=bodies[i % len(bodies)][0])

        def plain(i: int) -> None:
            client.search(index=names.gigs, body=bodies[i % len(bodies)][1])

        def theirs(i: int) -> None:
            client.search(index=syn.gigs, body=bodies[i % len(bodies)][1])

        for name, other in (("no thesaurus", plain), ("synonym_graph", theirs)):
            ours_ms, other_ms = measure(ours, other, args.requests, 1)
            print(
                f"{'search, every judged query':<34} query-time p50 "
                f"{percentile(ours_ms, 50):6.1f} ms p95 {percentile(ours_ms, 95):6.1f} ms | "
                f"{name} p50 {percentile(other_ms, 50):6.1f} ms p95 "
                f"{percentile(other_ms, 95):6.1f} ms"
            )
        change_ours(client, names, runtime.settings.thesaurus_refresh_seconds)
        change_synonym_graph(client, syn, rules)
        client.indices.delete(index=f"{syn.prefix}_*", ignore_unavailable=True)


if __name__ == "__main__":
    main()
