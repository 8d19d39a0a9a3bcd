"""Alerts matched by OpenSearch's percolator: each saved search (a buyer's) and each seller's
request alert is stored as a query; a new gig, or a new approved buyer request, is then
percolated — one request finds every stored query it matches, instead of running every
saved search for every gig.

- Saved searches live in ``<prefix>_saved_searches``, mapped as the gig index is (same
  analyzers and fields), so a stored query matches a gig document exactly as the results
  page's search would (its words as written, stemmed and as a word's start; its filters).
  A gig is percolated when its document is *created* in the live index by the outbox drain:
  when it is published, or active again after a pause (a pause deletes it from the index).
- Sellers' alerts live in ``<prefix>_request_alerts``: their budget floor and shortest
  delivery time; a request is percolated once it is approved, and the database then keeps
  the sellers with an active gig in its subcategory (that changes with every gig, so it is
  read where it is true).
"""

from __future__ import annotations

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
from indexer.client import IndexNames
from indexer.documents import GigParts
from indexer.facet_kinds import PageFacets
from indexer.gig_index import ANALYSIS, gig_mapping
from indexer.search_query import TEXT_FIELDS, scope_filters, words_match
from marketplace_core.alerts import service
from marketplace_core.clock import Clock
from marketplace_core.requests.models import BuyerRequest

log = logging.getLogger(__name__)
Clause = dict[str, Any]
PAGE = 1000  # percolator hits read per request
SAVED_SEARCH = "saved_search"  # the percolator field
REQUEST_ALERT = "alert"
SAVED_FIELDS = [f for f in TEXT_FIELDS if ".en" not in f]


def saved_searches_body(taxonomy: Taxonomy) -> dict[str, Any]:
    mapping = gig_mapping(taxonomy)
    mapping["properties"] |= {
        SAVED_SEARCH: {"type": "percolator"},
        "saved_search_id": {"type": "long"},
        "user_id": {"type": "long"},
    }
    return {
        "settings": {
            "index": {"number_of_shards": 1, "auto_expand_replicas": "0-1", "max_ngram_diff": 20},
            "analysis": ANALYSIS,
        },
        "mappings": mapping,
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
def saved_search_query(selection: Selection, taxonomy: Taxonomy) -> Clause:
    """The results page's words and filters as one query: the words as the page matches
    them (as written and stemmed; no typo tolerance, and no last word taken as the start
    of one: a saved search holds finished words). Only term-based clauses, so that the
    percolator indexes each query by its terms and checks a new gig against the few that
    share one, not against every saved search."""
    page = PageFacets.of(selection, facets_for(selection, taxonomy))
    # The French fields only: their analysis drops French stop words, which the English
    # one keeps ("de", "pour"), and a query holding one would be checked against every gig.
    words: Clause = (
        {"multi_match": words_match(selection.q) | {"fields": SAVED_FIELDS}}
        if selection.q
        else {"match_all": {}}
    )
    return {"bool": {"must": [words], "filter": [*scope_filters(selection), *page.filters()]}}


def put_saved_search(
    client: OpenSearch,
    names: IndexNames,
    taxonomy: Taxonomy,
    *,
    saved_search_id: int,
    user_id: int,
    selection: Selection,
) -> None:
    ensure_alert_indices(client, names, taxonomy)
    client.index(
        index=names.saved_searches,
        id=str(saved_search_id),
        body={
            SAVED_SEARCH: saved_search_query(selection, taxonomy),
            "saved_search_id": saved_search_id,
            "user_id": user_id,
        },
        refresh="wait_for",
    )


def delete_saved_search(client: OpenSearch, names: IndexNames, saved_search_id: int) -> None:
    with suppress(NotFoundError):  # never stored, or already gone
        client.delete(index=names.saved_searches, id=str(saved_search_id), refresh="wait_for")


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
    documents = [p.document() for p in parts]
    pairs = percolate(client, names.saved_searches, SAVED_SEARCH, "saved_search_id", documents)
    return service.record_matches(
        session, [(saved, parts[slot].gig.id) for saved, slot in pairs], now
    )


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
