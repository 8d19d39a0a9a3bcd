"""Send the judged queries through the search the API runs, and grade what comes back."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from opensearchpy import OpenSearch

from bench.relevance.judgments import JudgedQuery, any_of
from bench.relevance.metrics import K, Scored, ndcg
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.client import IndexNames
from indexer.search import BudgetBands, SearchResult, search_steps
from indexer.steps import run
from indexer.understanding import QueryUnderstanding
from marketplace_core.thesaurus.rules import Thesaurus

BATCH = 50
Counts = dict[str, tuple[int, int]]


def _msearch(client: OpenSearch, index: str, bodies: Sequence[dict[str, Any]]) -> list[Any]:
    responses: list[Any] = []
    for start in range(0, len(bodies), BATCH):
        lines: list[dict[str, Any]] = []
        for body in bodies[start : start + BATCH]:
            lines += [{"index": index}, body]
        answer = client.msearch(body=lines)
        for response in answer["responses"]:
            if "error" in response:
                raise RuntimeError(response["error"])
            responses.append(response)
    return responses


def ideal_counts(client: OpenSearch, names: IndexNames, queries: Sequence[JudgedQuery]) -> Counts:
    """Per query, how many gigs of the index are at grade 2 and at grade 1."""
    bodies: list[dict[str, Any]] = []
    for query in queries:
        wants = any_of(query.judgment.wants)
        related = {"bool": {"filter": [any_of(query.judgment.related)], "must_not": [wants]}}
        for clause in (wants, related):
            bodies.append({"size": 0, "track_total_hits": True, "query": clause})
    totals = [int(r["hits"]["total"]["value"]) for r in _msearch(client, names.gigs, bodies)]
    return {q.q: (totals[2 * i], totals[2 * i + 1]) for i, q in enumerate(queries)}


def evaluate(
    client: OpenSearch,
    names: IndexNames,
    queries: Sequence[JudgedQuery],
    thesaurus: Thesaurus,
    counts: Counts,
    k: int = K,
    understanding: QueryUnderstanding | None = None,
) -> list[Scored]:
    """Each query as the results page sends it (``indexer.search.search_steps``), its top
    ``k`` graded by the judgment's rules."""
    return compare(client, names, queries, {"": thesaurus}, counts, k, understanding)[""]


def compare(
    client: OpenSearch,
    names: IndexNames,
    queries: Sequence[JudgedQuery],
    thesauri: Mapping[str, Thesaurus],
    counts: Counts,
    k: int = K,
    understanding: QueryUnderstanding | None = None,
) -> dict[str, list[Scored]]:
    """:func:`evaluate` with each thesaurus, query by query, each first half the time: a
    burst of load on the machine falls on all alike, so their search times compare."""
    bands = BudgetBands()
    pages: dict[str, list[tuple[SearchResult, float]]] = {name: [] for name in thesauri}
    order = list(thesauri)
    for i, query in enumerate(queries):
        selection = parse_selection([("q", query.q), ("size", str(k))], TAXONOMY)
        for name in order if i % 2 == 0 else order[::-1]:
            started = time.perf_counter()
            steps = search_steps(names, selection, TAXONOMY, bands, thesauri[name], understanding)
            result = run(client, steps)
            pages[name].append((result, (time.perf_counter() - started) * 1000))
    return {name: _grade(client, names, queries, pages[name], counts, k) for name in thesauri}


def _grade(
    client: OpenSearch,
    names: IndexNames,
    queries: Sequence[JudgedQuery],
    pages: Sequence[tuple[SearchResult, float]],
    counts: Counts,
    k: int,
) -> list[Scored]:
    bodies = []
    for query, (result, _) in zip(queries, pages, strict=True):
        ids = [hit.id for hit in result.hits]
        bodies.append(
            {
                "size": k,
                "_source": ["gig_id"],
                "query": {
                    "bool": {
                        "filter": [{"terms": {"gig_id": ids}}],
                        "should": [
                            {"bool": {"filter": [any_of(query.judgment.wants)], "_name": "2"}},
                            {"bool": {"filter": [any_of(query.judgment.related)], "_name": "1"}},
                        ],
                    }
                },
            }
        )
    scored = []
    for query, (result, millis), graded in zip(
        queries, pages, _msearch(client, names.gigs, bodies), strict=True
    ):
        grade_of = {
            int(h["_source"]["gig_id"]): max(
                (int(n) for n in h.get("matched_queries", ())), default=0
            )
            for h in graded["hits"]["hits"]
        }
        grades = tuple(grade_of.get(hit.id, 0) for hit in result.hits)
        wanted, related = counts[query.q]
        scored.append(
            Scored(
                query=query,
                ndcg=ndcg(grades, wanted, related, k),
                total=result.total,
                grades=grades,
                wanted=wanted,
                related=related,
                top_subcategories=tuple(hit.subcategory for hit in result.hits[:5]),
                millis=millis,
            )
        )
    return scored
