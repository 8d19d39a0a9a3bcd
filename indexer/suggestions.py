"""Autocomplete: build the suggestion index from its sources, and query it as the buyer types.

Building (hourly, off the request path): the vocabulary (query log, subcategory names, gig tags,
frequent title phrases) is merged, then each term is placed where its gigs are — the subcategory
with most matching gigs, found by a terms aggregation on the gig index, batched with
``_msearch`` — and written to a new ``<prefix>_suggest_v<N>`` swapped in behind the alias.

Querying: one small request, no aggregation. A prefix match on any word ranks above a typo-
tolerant (fuzzy) match; within each kind, the terms buyers searched most come first, then the
terms with most gigs. Fuzzy expansion over the prefixes is most of a request's cost, and it can
only add answers below the prefix matches: it is asked for (a second request) only when the
prefix matches do not fill the answer, which then is the same as one request asking for both.

When the typed text is understood to be about a subcategory (or a category), the answer leans
there, gently: twice as many terms are asked, ranked as always, and that place's come first
within each kind of match (a typo match there never passes a prefix match elsewhere); the
term that leads without the lean is kept whatever its place.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError
from opensearchpy.helpers import scan

from facets.model import DEFAULT_LANG, Lang, Taxonomy
from facets.taxonomy import TAXONOMY
from indexer.bulk import build_behind_alias, bulk_all
from indexer.client import IndexNames
from indexer.querylog import popular_queries
from indexer.search_feedback import search_outcomes, where_clicked
from indexer.steps import Steps, run
from indexer.suggest_index import LIVE_SETTINGS, suggest_index_body
from indexer.understanding import Understood
from indexer.vocabulary import Term, candidates, merge_terms, tag_counts, title_phrases
from marketplace_core.errors import InvalidInput
from marketplace_core.insights.feedback import popularity

MAX_QUERY_CHARS = 200
DEFAULT_SIZE = 8
MSEARCH_BATCH = 200
SCAN_BATCH = 2000
LEAN_POOL = 2  # times the answer's size: the terms a lean may bring forward

# Where a term's gigs are: the words of the term in the gig's title or tags. Descriptions are
# left out: their generic sentences ("délais respectés") would place terms everywhere.
GIG_FIELDS = ("title", "tags")


# --- Query -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    term: str
    category_slug: str
    category_label: str
    subcategory_slug: str
    subcategory_label: str
    count: int  # active gigs matching the term in the subcategory


def clean_query(q: str | None) -> str:
    """The typed text, trimmed with spaces collapsed; :class:`InvalidInput` naming ``q``."""
    if q is not None and any(unicodedata.category(c) == "Cc" for c in q):
        raise InvalidInput.one("q", "q.control_characters", "q must not hold control characters")
    text = " ".join((q or "").split())
    if not text:
        raise InvalidInput.one("q", "q.required", "q is required and must not be blank")
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput.one("q", "q.too_long", f"q must be at most {MAX_QUERY_CHARS} characters")
    return text


def suggest_body(
    q: str, lang: Lang = DEFAULT_LANG, size: int = DEFAULT_SIZE, *, fuzzy: bool = False
) -> dict[str, Any]:
    """The search body: match kinds as constant scores, popularity as the sort that follows;
    typo-tolerant matches too when ``fuzzy``.

    Only ``match`` queries: whatever the buyer types (quotes, ``*``, ``:``) is text.
    """
    prefix = {"match": {"term.prefix": {"query": q, "operator": "and"}}}
    words = {"match": {"term": {"query": q, "operator": "and"}}}  # words past the n-gram limit
    typos = {
        "match": {
            "term.prefix": {
                "query": q,
                "operator": "and",
                "fuzziness": "AUTO",
                "prefix_length": 1,  # typos rarely hit the first letter; keeps it fast
                "max_expansions": 30,
            }
        }
    }
    kinds = [{"constant_score": {"filter": typos, "boost": 1.0}}] if fuzzy else []
    return {
        "size": size,
        "_source": ["term", "category", "subcategory", "count"],
        "track_total_hits": False,
        "query": {
            "bool": {
                "filter": [{"term": {"langs": lang}}],
                "must": [
                    {
                        "dis_max": {
                            "queries": [
                                {"constant_score": {"filter": prefix, "boost": 2.0}},
                                {"constant_score": {"filter": words, "boost": 2.0}},
                                *kinds,
                            ]
                        }
                    }
                ],
            }
        },
        "sort": [
            {"_score": "desc"},
            {"searches": "desc"},
            {"count": "desc"},
            {"term.keyword": "asc"},
        ],
    }


def suggest(
    client: OpenSearch,
    names: IndexNames,
    q: str,
    lang: Lang,
    size: int = DEFAULT_SIZE,
    *,
    taxonomy: Taxonomy = TAXONOMY,
    toward: Understood | None = None,
) -> list[Suggestion]:
    """Up to ``size`` suggestions for the typed text, leaning to the place ``toward`` (see
    :func:`leaned`); none while no suggestion index exists."""
    return run(client, suggest_steps(names, q, lang, size, taxonomy=taxonomy, toward=toward))


def suggest_steps(
    names: IndexNames,
    q: str,
    lang: Lang,
    size: int = DEFAULT_SIZE,
    *,
    taxonomy: Taxonomy = TAXONOMY,
    toward: Understood | None = None,
) -> Steps[list[Suggestion]]:
    asked = size if toward is None else LEAN_POOL * size
    try:
        [response] = yield [(names.suggest, suggest_body(q, lang, asked))]
        if len(response["hits"]["hits"]) < size:
            [response] = yield [(names.suggest, suggest_body(q, lang, asked, fuzzy=True))]
    except NotFoundError:
        return []
    found: list[Suggestion] = []
    for hit in leaned(response["hits"]["hits"], toward, size):
        doc = hit["_source"]
        sub = taxonomy.subcategory(doc["subcategory"])
        cat = taxonomy.category(doc["category"])
        if sub is None or cat is None:  # the taxonomy changed since the last rebuild
            continue
        found.append(
            Suggestion(
                term=doc["term"],
                category_slug=cat.slug,
                category_label=cat.label.get(lang),
                subcategory_slug=sub.slug,
                subcategory_label=sub.label.get(lang),
                count=int(doc["count"]),
            )
        )
    return found


def leaned(
    hits: Sequence[dict[str, Any]], toward: Understood | None, size: int
) -> list[dict[str, Any]]:
    """The first ``size`` hits, those of the place ``toward`` first within each kind of match
    (a hit's first sort value), else as ranked; the first hit as ranked stays in whatever
    its place, so the most popular of the best matches always shows."""
    if toward is None:
        return list(hits[:size])

    def there(hit: dict[str, Any]) -> bool:
        doc = hit["_source"]
        if toward.subcategory is not None:
            return bool(doc["subcategory"] == toward.subcategory)
        return bool(doc["category"] == toward.category)

    order = sorted(range(len(hits)), key=lambda i: (-hits[i]["sort"][0], not there(hits[i]), i))
    kept = order[:size]
    if hits and 0 not in kept:
        kept[-1] = 0
    return [hits[i] for i in sorted(kept, key=order.index)]


# --- Build -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestReport:
    index: str
    terms: int  # vocabulary entries after merging
    documents: int  # suggestions written (a term may be in two subcategories)
    dropped: int  # terms that match no gig
    seconds: float


@dataclass(frozen=True)
class Placement:
    subcategory: str
    count: int


def _gig_sources(client: OpenSearch, names: IndexNames) -> Iterator[tuple[str, list[str]]]:
    """Title and tags of every indexed gig (the index holds only active gigs)."""
    for hit in scan(
        client,
        index=names.gigs,
        query={"query": {"match_all": {}}, "_source": ["title", "tags"]},
        size=SCAN_BATCH,
        scroll="2m",
    ):
        source = hit["_source"]
        yield str(source.get("title") or ""), list(source.get("tags") or [])


def gig_query(term: str) -> dict[str, Any]:
    return {
        "multi_match": {
            "query": term,
            "fields": list(GIG_FIELDS),
            "type": "cross_fields",
            "operator": "and",
        }
    }


def _placements(
    response: dict[str, Any], *, second_share: float, max_places: int
) -> list[Placement]:
    agg = response["aggregations"]["subcategories"]
    buckets = agg["buckets"]
    total = sum(int(b["doc_count"]) for b in buckets) + int(agg["sum_other_doc_count"])
    places: list[Placement] = []
    for i, bucket in enumerate(buckets[:max_places]):
        count = int(bucket["doc_count"])
        # The first subcategory always; another only when it holds a fair share of the gigs.
        if count and (i == 0 or count >= second_share * total):
            places.append(Placement(str(bucket["key"]), count))
    return places


def place_terms(
    client: OpenSearch,
    names: IndexNames,
    terms: Sequence[str],
    *,
    second_share: float = 0.25,
    max_places: int = 2,
    batch: int = MSEARCH_BATCH,
) -> list[list[Placement]]:
    """For each term, the subcategories where its gigs are, with the count of gigs in each."""
    placed: list[list[Placement]] = []
    for start in range(0, len(terms), batch):
        body: list[dict[str, Any]] = []
        for term in terms[start : start + batch]:
            body.append({"index": names.gigs})
            body.append(
                {
                    "size": 0,
                    "track_total_hits": False,
                    "query": gig_query(term),
                    "aggs": {
                        "subcategories": {"terms": {"field": "subcategory", "size": max_places}}
                    },
                }
            )
        for response in client.msearch(body=body)["responses"]:
            if "error" in response:
                raise RuntimeError(f"placing a suggestion failed: {response['error']}")
            placed.append(_placements(response, second_share=second_share, max_places=max_places))
    return placed


def _gigs_per_subcategory(
    client: OpenSearch, names: IndexNames, taxonomy: Taxonomy
) -> dict[str, int]:
    response = client.search(
        index=names.gigs,
        body={
            "size": 0,
            "aggs": {
                "subcategories": {
                    "terms": {"field": "subcategory", "size": len(taxonomy.subcategories) + 1}
                }
            },
        },
    )
    buckets = response["aggregations"]["subcategories"]["buckets"]
    return {str(b["key"]): int(b["doc_count"]) for b in buckets}


def build_vocabulary(
    client: OpenSearch,
    names: IndexNames,
    taxonomy: Taxonomy,
    *,
    min_searches: int,
    min_tag_gigs: int,
    min_title_gigs: int,
) -> list[Term]:
    """Read the sources and merge them; the gig index must exist."""
    logged = popular_queries(client, names, min_results=1)
    searches = {q: n for q, n in logged.items() if n >= min_searches}
    searches = popularity(searches, search_outcomes(client, names))  # clicks and orders weigh
    titles: list[str] = []
    tag_lists: list[list[str]] = []
    for title, tags in _gig_sources(client, names):
        titles.append(title)
        tag_lists.append(tags)
    found = candidates(
        taxonomy,
        searches=searches,
        tags=tag_counts(tag_lists, min_gigs=min_tag_gigs),
        phrases=title_phrases(titles, min_titles=min_title_gigs),
    )
    return merge_terms(found)


def _documents(
    terms: Sequence[Term],
    placements: Sequence[list[Placement]],
    taxonomy: Taxonomy,
) -> Iterator[dict[str, Any]]:
    for term, places in zip(terms, placements, strict=True):
        for place in places:
            sub = taxonomy.subcategory(place.subcategory)
            if sub is None:
                continue
            yield {
                "term": term.text,
                "category": sub.category_slug,
                "subcategory": sub.slug,
                "count": place.count,
                "searches": term.searches,
                "langs": sorted(term.langs),
                "sources": sorted(term.sources),
            }


def rebuild_suggestions(
    client: OpenSearch,
    names: IndexNames,
    taxonomy: Taxonomy = TAXONOMY,
    *,
    min_searches: int = 2,
    min_tag_gigs: int = 2,
    min_title_gigs: int = 3,
    max_terms: int = 50_000,
    second_share: float = 0.25,
) -> SuggestReport:
    """Rebuild the suggestion index from its sources and swap it in behind the alias.

    ``min_searches``: a query typed by a single buyer may be personal; it is suggested once
    several searches made it. Terms matching no active gig are dropped.
    """
    started = time.perf_counter()
    terms: list[Term] = []
    placements: list[list[Placement]] = []
    if client.indices.exists_alias(name=names.gigs):
        terms = build_vocabulary(
            client,
            names,
            taxonomy,
            min_searches=min_searches,
            min_tag_gigs=min_tag_gigs,
            min_title_gigs=min_title_gigs,
        )[:max_terms]
        per_subcategory = _gigs_per_subcategory(client, names, taxonomy)
        # A subcategory's own name goes to that subcategory, with all its gigs.
        named = [t for t in terms if t.subcategories]
        free = [t for t in terms if not t.subcategories]
        terms = named + free
        placements = [
            [
                Placement(s, per_subcategory[s])
                for s in sorted(t.subcategories)
                if per_subcategory.get(s)
            ]
            for t in named
        ] + place_terms(client, names, [t.text for t in free], second_share=second_share)
        # Of the places of a term, those where its buyers click (when enough of them did).
        placements = where_clicked(client, names, [t.key for t in terms], placements)

    def fill(index: str) -> int:
        documents = _documents(terms, placements, taxonomy)
        return bulk_all(client, ({"_index": index, "_source": doc} for doc in documents))

    body = suggest_index_body(building=True)
    index, written = build_behind_alias(
        client, names.suggest, names.suggest_version, body, LIVE_SETTINGS, fill
    )
    dropped = sum(1 for places in placements if not places)
    return SuggestReport(index, len(terms), written, dropped, time.perf_counter() - started)
