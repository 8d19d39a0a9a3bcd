"""Alerts matched by OpenSearch's percolator: each saved search (a buyer's) and each seller's
request alert is stored as a query; a new gig, or a new approved buyer request, is then
percolated — one request finds every stored query it matches, instead of running every
saved search for every gig.

- Saved searches live in ``<prefix>_saved_queries``, one stored search per distinct
  canonical query (the database keeps the buyers who saved it). Its words are stored
  queries over the gig index's own text fields and analysis, so they match a gig as the
  results page's search does (as written and stemmed, most of the words in one field); its
  filters are plain fields the percolate request checks against the new gig's values. A gig
  is percolated when its document is *created* in the live index by the outbox drain: when
  it is published, or active again after a pause (a pause deletes it from the index).
- Sellers' alerts live in ``<prefix>_request_alerts``: their budget floor and shortest
  delivery time; a request is percolated once it is approved, and the database then keeps
  the sellers with an active gig in its subcategory (that changes with every gig, so it is
  read where it is true).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError, RequestError
from sqlalchemy.orm import Session, sessionmaker

from facets.filters import facets_for
from facets.model import Taxonomy
from facets.selection import Selection
from indexer.bulk import BulkError, send_bulk
from indexer.client import IndexNames
from indexer.documents import GigParts
from indexer.facet_kinds import PACKAGES, PageFacets, package_clause
from indexer.gig_index import ANALYSIS, gig_mapping
from indexer.search_query import TEXT_FIELDS, words_match
from marketplace_core.alerts import service
from marketplace_core.alerts.rules import saved_query
from marketplace_core.clock import Clock
from marketplace_core.requests.models import BuyerRequest
from marketplace_core.thesaurus.rules import MAX_VARIANTS, Thesaurus

log = logging.getLogger(__name__)
Clause = dict[str, Any]
PAGE = 1000  # percolator hits read per request
SAVED_SEARCH = "saved_search"  # the percolator field
KEY = "saved_query"  # the saved searches' canonical query string (their subscribers' key)
WANTS = "wants"  # a saved search's filters, as plain fields beside its stored query
REPHRASED = "rephrased"  # whether its stored words hold thesaurus phrasings
REQUEST_ALERT = "alert"
# The text fields a saved search's words are matched in, each by its own stored query: the
# French fields only, whose analysis drops French stop words (the English one keeps "de",
# "pour", and a query holding one would be a candidate for every gig).
SAVED_FIELDS = [f.split("^")[0] for f in TEXT_FIELDS if ".en" not in f]
PERCOLATED = (*SAVED_FIELDS, "attributes")  # what the stored queries read of a gig
# Filters the gig's own values decide (wants.<name> holds the values a search accepts).
WANTED = {
    "category": "category",
    "subcategory": "subcategory",
    "levels": "seller.level",
    "languages": "seller.languages",
    "countries": "seller.country",
}
# The facet selections the plain fields stand for; any other stays in the stored query.
AS_FIELDS = frozenset({"level", "language", "country", PACKAGES})


def saved_searches_body(taxonomy: Taxonomy) -> dict[str, Any]:
    """The gig index's mapping of the fields the stored queries read (the same analysis, so
    a stored query matches a gig as the results page does), and nothing more: the gig is
    indexed in memory for each percolation, the fewer fields the faster."""
    gig = gig_mapping(taxonomy)["properties"]
    read = {name: gig[name] for name in PERCOLATED}
    for name in SAVED_FIELDS:  # the stored queries match the fields themselves
        read[name] = {"type": "text", "analyzer": gig[name]["analyzer"]}
    wants: dict[str, Any] = {name: {"type": "keyword"} for name in (*WANTED, "band")}
    wants |= {"budget_min": {"type": "integer"}, "budget_max": {"type": "integer"}}
    properties = read | {
        SAVED_SEARCH: {"type": "percolator"},
        KEY: {"type": "keyword", "index": False},  # read from its doc values
        REPHRASED: {"type": "boolean"},
        WANTS: {"properties": wants},
    }
    return {
        "settings": {
            "index": {"number_of_shards": 1, "auto_expand_replicas": "0-1"},
            "analysis": ANALYSIS,
        },
        "mappings": {"dynamic": "strict", "properties": properties},
    }


REQUEST_ALERTS_BODY: dict[str, Any] = {
    "settings": {"index": {"number_of_shards": 1, "auto_expand_replicas": "0-1"}},
    "mappings": {
        "dynamic": "strict",
        "properties": {
            REQUEST_ALERT: {"type": "percolator"},
            "seller_id": {"type": "long"},
            "subcategory": {"type": "keyword"},
            "budget_cents": {"type": "integer"},
            "delivery_days": {"type": "integer"},
        },
    },
}


def ensure_alert_indices(client: OpenSearch, names: IndexNames, taxonomy: Taxonomy) -> None:
    for index, body in (
        (names.saved_searches, saved_searches_body(taxonomy)),
        (names.request_alerts, REQUEST_ALERTS_BODY),
    ):
        if client.indices.exists(index=index):
            continue
        try:
            client.indices.create(index=index, body=body)
        except RequestError as exc:
            if exc.error != "resource_already_exists_exception":  # another process was first
                raise


# -- saved searches --------------------------------------------------------------------------
# A saved search is stored once however many buyers saved it (its canonical query string is
# its key; the database keeps who saved it). Its filters that a gig's own values decide are
# plain fields (``wants``), which the percolate request filters by the new gig's values; its
# words are stored queries, one per text field, each a single-field match: the percolator
# extracts such a query's terms completely, so a candidate sharing enough of them is a match
# without being run against the gig (a query over several fields, or words with filters,
# would be verified one by one, and a new gig typically shares terms with hundreds).


def _stored_queries(
    selection: Selection, taxonomy: Taxonomy, thesaurus: Thesaurus
) -> dict[str, Clause]:
    """The words as the results page matches them (as written and stemmed, most of them in
    one field, or one of their thesaurus phrasings so; no typo tolerance, and no last word
    taken as the start of one: a saved search holds finished words), with the filters the
    plain fields cannot stand for. Named ``<field>~<phrasing>`` (``all`` without words)."""
    page = PageFacets.of(selection, facets_for(selection, taxonomy))
    rest = [clause for own, clause in page.selected.items() if own not in AS_FIELDS]
    words: dict[str, Clause] = {}
    if not selection.q:
        words["all"] = {"match_all": {}}
    phrasings = [selection.q, *(v.text for v in thesaurus.variants(selection.q))]
    for i, text in enumerate(phrasings if selection.q else []):
        msm = words_match(text)["minimum_should_match"]
        for f in SAVED_FIELDS:
            words[f"{f}~{i}"] = {"match": {f: {"query": text, "minimum_should_match": msm}}}
    if not rest:
        return words
    return {name: {"bool": {"must": [w], "filter": rest}} for name, w in words.items()}


def wanted(selection: Selection) -> dict[str, Any]:
    """The filters a gig's own values decide, as the ``wants`` fields (absent: any)."""
    wants: dict[str, Any] = {}
    if selection.subcategory:
        wants["subcategory"] = selection.subcategory
    elif selection.category:
        wants["category"] = selection.category
    for name in ("levels", "languages", "countries"):
        if values := getattr(selection, name):
            wants[name] = list(values)
    if package_clause((selection.budget_min, selection.budget_max), selection.delivery):
        wants["band"] = selection.delivery
        for bound in ("budget_min", "budget_max"):
            if (cents := getattr(selection, bound)) is not None:
                wants[bound] = cents
    return wants


def saved_search_documents(
    query: str, selection: Selection, taxonomy: Taxonomy, thesaurus: Thesaurus
) -> list[Clause]:
    """The bulk actions storing a saved search (its key: ``query``, canonical), and deleting
    what an earlier form of it stored beyond them (fewer phrasings)."""
    wants = wanted(selection)
    stored = _stored_queries(selection, taxonomy, thesaurus)
    rephrased = any(not name.endswith(("~0", "all")) for name in stored)
    digest = _digest(query)
    actions: list[Clause] = [
        {
            "_op_type": "index",
            "_id": f"{digest}:{name}",
            "_source": {SAVED_SEARCH: q, KEY: query, WANTS: wants, REPHRASED: rephrased},
        }
        for name, q in stored.items()
    ]
    kept = {a["_id"] for a in actions}
    return actions + [
        {"_op_type": "delete", "_id": i} for i in _document_ids(query) if i not in kept
    ]


def _digest(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def _document_ids(query: str) -> list[str]:
    """Every id a saved search may have stored (its phrasings are at most MAX_VARIANTS)."""
    digest = _digest(query)
    names = [f"{f}~{i}" for i in range(MAX_VARIANTS + 1) for f in SAVED_FIELDS]
    return [f"{digest}:{name}" for name in ("all", *names)]


def _refused(item: Mapping[str, Any]) -> bool:
    """A bulk item that failed (deleting what is not there, or from no index, is fine)."""
    (operation, result), *_ = item.items()
    if operation == "delete" and (
        result.get("result") == "not_found"
        or result.get("error", {}).get("type") == "index_not_found_exception"
    ):
        return False
    return bool(result.get("status", 200) >= 300)


def _bulk(client: OpenSearch, index: str, actions: Sequence[Clause]) -> None:
    """One bulk request, visible to the next percolation once answered."""
    lines: list[Clause] = []
    for action in actions:
        operation = {action["_op_type"]: {"_index": index, "_id": action["_id"]}}
        lines += [operation, action["_source"]] if "_source" in action else [operation]
    refused = [i for i in client.bulk(body=lines, refresh="wait_for")["items"] if _refused(i)]
    if refused:
        raise BulkError(f"saved search refused: {refused[0]}")


def put_saved_search(
    client: OpenSearch,
    names: IndexNames,
    taxonomy: Taxonomy,
    thesaurus: Thesaurus,
    *,
    query: str,
    selection: Selection,
) -> None:
    """Store the saved search ``query`` (idempotent: every buyer saving it shares it)."""
    ensure_alert_indices(client, names, taxonomy)
    _bulk(
        client, names.saved_searches, saved_search_documents(query, selection, taxonomy, thesaurus)
    )


def delete_saved_search(client: OpenSearch, names: IndexNames, query: str) -> None:
    """Forget the saved search ``query`` (once no buyer keeps it)."""
    actions = [{"_op_type": "delete", "_id": i} for i in _document_ids(query)]
    _bulk(client, names.saved_searches, actions)


def _accepts(name: str, values: Sequence[Any]) -> Clause:
    """A saved search accepts one of ``values`` in ``wants.<name>``, or has none there."""
    field = f"{WANTS}.{name}"
    return {
        "bool": {
            "should": [
                {"terms": {field: list(values)}},
                {"bool": {"must_not": [{"exists": {"field": field}}]}},
            ],
            "minimum_should_match": 1,
        }
    }


def _within(bound: str, op: str, cents: int) -> Clause:
    field = f"{WANTS}.{bound}"
    return {
        "bool": {
            "should": [
                {"range": {field: {op: cents}}},
                {"bool": {"must_not": [{"exists": {"field": field}}]}},
            ],
            "minimum_should_match": 1,
        }
    }


def gig_filters(document: Mapping[str, Any]) -> list[Clause]:
    """The saved searches whose filters this gig document satisfies: their category or
    subcategory, seller levels, languages and countries, and some one of its packages within
    their budget and delivery band (as ``facet_kinds.package_clause``)."""
    seller = document["seller"]
    packages: list[Clause] = [{"bool": {"must_not": [{"exists": {"field": f"{WANTS}.band"}}]}}]
    for band, prices in sorted(document["package_prices"].items()):
        packages += [
            {
                "bool": {
                    "filter": [
                        {"term": {f"{WANTS}.band": band}},
                        _within("budget_min", "lte", cents),
                        _within("budget_max", "gte", cents),
                    ]
                }
            }
            for cents in sorted(set(prices))
        ]
    return [
        _accepts("category", [document["category"]]),
        _accepts("subcategory", [document["subcategory"]]),
        _accepts("levels", [seller["level"]]),
        _accepts("languages", seller["languages"]),
        _accepts("countries", [seller["country"]]),
        {"bool": {"should": packages, "minimum_should_match": 1}},
    ]


def _saved_body(document: Mapping[str, Any], after: str | None) -> Clause:
    """The saved searches one gig matches, as the keys of an aggregation: no hit is fetched,
    for the fetch phase would run each matched query against the gig again (to name the
    matching document). One gig per request: only then does the percolator take a complete
    query's candidate as a match unchecked."""
    percolated = {k: v for k, v in document.items() if k in PERCOLATED}
    keys: Clause = {"size": PAGE, "sources": [{KEY: {"terms": {"field": KEY}}}]}
    if after is not None:
        keys["after"] = {KEY: after}
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {
            "bool": {
                "filter": [
                    {"percolate": {"field": SAVED_SEARCH, "document": percolated}},
                    *gig_filters(document),
                ]
            }
        },
        "aggs": {KEY: {"composite": keys}},
    }


def percolate_saved(
    client: OpenSearch, index: str, documents: Sequence[Mapping[str, Any]]
) -> list[set[str]]:
    """For each gig document, the saved searches (their canonical queries) it matches: one
    ``_msearch`` for them all, then further pages for a document that has more."""
    found: list[set[str]] = [set() for _ in documents]
    pending: list[tuple[int, str | None]] = [(slot, None) for slot in range(len(documents))]
    while pending:
        lines: list[Clause] = []
        for slot, after in pending:
            # A new gig is percolated once: its answer is not worth caching.
            lines += [{"index": index, "request_cache": False}, _saved_body(documents[slot], after)]
        answers = client.msearch(body=lines)["responses"]
        further: list[tuple[int, str | None]] = []
        for (slot, _), answer in zip(pending, answers, strict=True):
            if "error" in answer:
                if answer["error"].get("type") == "index_not_found_exception":
                    continue  # nothing was ever saved
                raise RequestError(answer.get("status", 400), "percolate", answer["error"])
            buckets = answer["aggregations"][KEY]["buckets"]
            found[slot] |= {str(b["key"][KEY]) for b in buckets}
            if len(buckets) == PAGE:
                further.append((slot, str(buckets[-1]["key"][KEY])))
        pending = further
    return found


def match_new_gigs(
    session: Session,
    client: OpenSearch,
    names: IndexNames,
    gigs: Iterable[GigParts],
    now: datetime,
) -> int:
    """Record the saved searches these gigs, new in the index, match (once per pair)."""
    parts = list(gigs)
    if not parts:
        return 0
    matched = percolate_saved(client, names.saved_searches, [p.document() for p in parts])
    pairs = [
        (query, p.gig.id) for p, queries in zip(parts, matched, strict=True) for query in queries
    ]
    return service.record_query_matches(session, pairs, now)


def register_saved_searches(
    session: Session,
    client: OpenSearch,
    names: IndexNames,
    taxonomy: Taxonomy,
    thesaurus: Thesaurus,
    only: Iterable[str] | None = None,
) -> int:
    """Store the saved searches again (every one, or ``only`` these queries): the stored
    form, or the thesaurus it follows, changed. How many distinct ones."""
    ensure_alert_indices(client, names, taxonomy)
    queries = (
        sorted(set(only)) if only is not None else [q for q, _ in service.saved_queries(session)]
    )
    index = names.saved_searches

    def actions() -> Iterable[Clause]:
        for query in queries:
            selection = saved_query(query, taxonomy).selection
            for action in saved_search_documents(query, selection, taxonomy, thesaurus):
                yield action | {"_index": index}

    refused = [item for ok, item in send_bulk(client, actions()) if not ok and _refused(item)]
    if refused:
        raise BulkError(f"{len(refused)} saved searches refused, first: {refused[0]}")
    client.indices.refresh(index=index)
    return len(queries)


def _rephrased(client: OpenSearch, index: str) -> set[str]:
    """The saved searches whose stored words hold thesaurus phrasings."""
    found: set[str] = set()
    after: dict[str, Any] | None = None
    while True:
        keys: Clause = {"size": PAGE, "sources": [{KEY: {"terms": {"field": KEY}}}]}
        if after is not None:
            keys["after"] = after
        body = {
            "size": 0,
            "query": {"term": {REPHRASED: True}},
            "aggs": {KEY: {"composite": keys}},
        }
        try:
            answer = client.search(index=index, body=body)["aggregations"][KEY]
        except NotFoundError:
            return found
        found |= {str(b["key"][KEY]) for b in answer["buckets"]}
        if len(answer["buckets"]) < PAGE:
            return found
        after = answer["after_key"]


def follow_thesaurus(
    session: Session,
    client: OpenSearch,
    names: IndexNames,
    taxonomy: Taxonomy,
    thesaurus: Thesaurus,
) -> int:
    """After a thesaurus change: the saved searches whose words it rephrases now, or whose
    stored words held its phrasings, stored again, so that alerts follow the same synonyms
    as searches. How many."""
    before = _rephrased(client, names.saved_searches)
    now = {q for q, words in service.saved_queries(session) if thesaurus.variants(words)}
    return register_saved_searches(session, client, names, taxonomy, thesaurus, before | now)


# -- sellers' request alerts -------------------------------------------------------------------
def seller_alert_query(budget_min_cents: int | None, min_delivery_days: int | None) -> Clause:
    filters: list[Clause] = []
    if budget_min_cents is not None:
        filters.append({"range": {"budget_cents": {"gte": budget_min_cents}}})
    if min_delivery_days is not None:
        filters.append({"range": {"delivery_days": {"gte": min_delivery_days}}})
    return {"bool": {"filter": filters}} if filters else {"match_all": {}}


def put_seller_alert(
    client: OpenSearch,
    names: IndexNames,
    taxonomy: Taxonomy,
    *,
    seller_id: int,
    budget_min_cents: int | None,
    min_delivery_days: int | None,
) -> None:
    ensure_alert_indices(client, names, taxonomy)
    client.index(
        index=names.request_alerts,
        id=str(seller_id),
        body={
            REQUEST_ALERT: seller_alert_query(budget_min_cents, min_delivery_days),
            "seller_id": seller_id,
        },
        refresh="wait_for",
    )


def delete_seller_alert(client: OpenSearch, names: IndexNames, seller_id: int) -> None:
    with suppress(NotFoundError):
        client.delete(index=names.request_alerts, id=str(seller_id), refresh="wait_for")


def percolate(
    client: OpenSearch, index: str, field: str, key: str, documents: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """(stored query's ``key``, document slot) for every stored query a document matches."""
    found: list[tuple[int, int]] = []
    after: list[Any] | None = None
    while True:
        body: dict[str, Any] = {
            "size": PAGE,
            "_source": [key],
            "query": {"percolate": {"field": field, "documents": documents}},
            "sort": [{key: "asc"}],
        }
        if after is not None:
            body["search_after"] = after
        try:
            hits = client.search(index=index, body=body)["hits"]["hits"]
        except NotFoundError:
            return found  # nothing was ever saved
        for hit in hits:
            # With several documents, the slots say which matched (absent: the only one).
            slots = hit.get("fields", {}).get("_percolator_document_slot", [0])
            found += [(int(hit["_source"][key]), int(slot)) for slot in slots]
        if len(hits) < PAGE:
            return found
        after = hits[-1]["sort"]


def request_document(request: BuyerRequest) -> dict[str, Any]:
    return {
        "subcategory": request.subcategory,
        "budget_cents": request.budget_cents,
        "delivery_days": request.delivery_days,
    }


class AlertParts(Protocol):
    """What the alerts job needs of a running engine (the runtime holds it)."""

    sessions: sessionmaker[Session]
    search: OpenSearch
    names: IndexNames
    clock: Clock


@dataclass(frozen=True)
class AlertsReport:
    requests: int = 0  # new approved requests matched
    sellers_notified: int = 0
    digests: int = 0  # saved-search digests sent


def run_alerts(runtime: AlertParts) -> AlertsReport:
    """One run of the alerts job: the requests approved since the last run, matched against
    the sellers' alerts; then the saved searches' digests that are due."""
    now = runtime.clock.now()
    requests = notified = 0
    with runtime.sessions.begin() as session:
        pending = service.requests_to_scan(session, now)
        if pending:
            documents = [request_document(r) for r in pending]
            pairs = percolate(
                runtime.search, runtime.names.request_alerts, REQUEST_ALERT, "seller_id", documents
            )
            for slot, request in enumerate(pending):
                sellers = [seller for seller, s in pairs if s == slot]
                notified += service.alert_sellers(session, request, sellers, clock=runtime.clock)
            requests = len(pending)
    with runtime.sessions.begin() as session:
        digests = service.send_digests(session, clock=runtime.clock)
    return AlertsReport(requests, notified, digests)
