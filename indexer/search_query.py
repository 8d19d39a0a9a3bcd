"""The gig search request bodies of a results page: the hits, and the facets beside them.

Pure (plain dicts); tested by comparing built bodies. User text only ever goes into
match-type queries, never into a query-string syntax.

A page is two searches sent in one ``_msearch`` (OpenSearch runs them side by side): the
hits, scored and sorted, under every selection; and the facets, a size-0 request that
matches without scoring and counts (the shard request cache keeps size-0 answers, so a
browse page asked again is not counted again). Words are matched as written, stemmed and
as the start of a word; typo tolerance (fuzzy expansion, the costly part) is asked for only
when that finds too little.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from facets.selection import Selection
from indexer.facet_kinds import Band, PageFacets
from indexer.gig_index import PREFIX_CHARS
from marketplace_core.errors import InvalidInput
from marketplace_core.thesaurus.rules import Variant

Clause = dict[str, Any]

MAX_RESULT_WINDOW = 10_000  # the index's max_result_window: how deep an offset may go
RESCORE_WINDOW = 100  # the best matches reordered by the seller's record
# By relevance: the score's order (see hits_body).
SORTS: dict[str, list[Clause]] = {
    "best_selling": [{"seller.completed_orders": "desc"}, {"seller.rating": "desc"}],
    "newest": [{"created_at": "desc"}],
    "price_asc": [{"price_from_cents": "asc"}],
    "price_desc": [{"price_from_cents": "desc"}],
    "rating": [{"seller.rating": "desc"}, {"seller.rating_count": "desc"}],
}
TIEBREAK: Clause = {"gig_id": "asc"}  # a total order, so cursors never skip or repeat
SOURCE = [
    "gig_id",
    "title",
    "subcategory",
    "category",
    "price_from_cents",
    "fastest_delivery_days",
    "thumbnail",
    "seller.username",
    "seller.level",
    "seller.rating",
    "seller.rating_count",
    "seller.online",
]
TEXT_FIELDS = [
    "title^3",
    "tags^3",
    "description",
    "title.en^2",
    "tags.en^2",
    "description.en^0.5",
]


def words_match(q: str) -> Clause:
    """The buyer's words in the text fields, most of them (all of one or two)."""
    return {
        "query": q,
        "fields": TEXT_FIELDS,
        "type": "best_fields",
        "minimum_should_match": "2<75%",
    }


def text_query(q: str, *, fuzzy: bool = False) -> Clause:
    """Title and tags above description; exact words above stems (above typos, when
    ``fuzzy``); the last word may be the start of one.

    Every clause can tell its best possible score, so the best hits are found without
    scoring every match (block-max WAND); what cannot (words in order, every word across
    fields, the seller's record) reorders the best ones after (:func:`rescoring`)."""
    if not q:
        return {"match_all": {}}
    words = words_match(q)
    if fuzzy:
        # 0 edits up to 2 letters, 1 up to 5, then 2; the first letter as typed.
        words |= {"fuzziness": "AUTO", "prefix_length": 1}
    found: list[Clause] = [{"multi_match": words}]
    if len(q.split()[-1]) <= PREFIX_CHARS:
        # "logo minim" as the buyer types, answered from the indexed prefixes; a longer last
        # word is a whole one (the words clause finds it) and would expand to many terms.
        found.append({"match_bool_prefix": {"title.exact": {"query": q, "operator": "and"}}})
    return {
        "bool": {
            "must": [{"bool": {"should": found, "minimum_should_match": 1}}],
            "should": [
                # The same words as written (folded, not stemmed).
                {
                    "multi_match": {
                        "query": q,
                        "fields": ["title.exact^4", "tags.exact^4"],
                        "operator": "and",
                        "boost": 2,
                    }
                }
            ],
        }
    }


def with_variants(q: str, variants: Sequence[Variant], *, fuzzy: bool = False) -> Clause:
    """The buyer's words or any of their thesaurus phrasings (marketplace_core.thesaurus),
    whichever matches best, a phrasing at its weight. Phrasings are spelled by the
    thesaurus, so never with typo tolerance: the costly part, and only for the words."""
    if not variants:
        return text_query(q, fuzzy=fuzzy)
    phrasings = (
        {"bool": {"must": [text_query(v.text, fuzzy=False)], "boost": v.weight}} for v in variants
    )
    return {"dis_max": {"queries": [text_query(q, fuzzy=fuzzy), *phrasings]}}


def rescoring(q: str, window: int) -> list[Clause]:
    """The best ``window`` matches reordered: several words found together (in order in
    the title, or all of them across fields) add to the score; then the score is multiplied
    by the seller's record (``quality``, at most 1.25, see ``indexer.documents``), which
    orders close matches and never overturns a clearly better one. Past the window, the
    order is the first score alone."""
    steps: list[Clause] = []
    if len(q.split()) > 1:
        together = {
            "bool": {
                "should": [
                    {
                        "multi_match": {
                            "query": q,
                            "fields": ["title^2", "tags^2", "description"],
                            "type": "cross_fields",
                            "operator": "and",
                            "boost": 2,
                        }
                    },
                    {"match_phrase": {"title.exact": {"query": q, "slop": 1, "boost": 2}}},
                ]
            }
        }
        steps.append(
            {
                "window_size": window,
                "query": {"rescore_query": together, "score_mode": "total"},
            }
        )
    steps.append(
        {
            "window_size": window,
            "query": {
                "rescore_query": {
                    "function_score": {
                        "field_value_factor": {"field": "quality", "missing": 1},
                        "boost_mode": "replace",
                    }
                },
                "score_mode": "multiply",
            },
        }
    )
    return steps


def scope_filters(selection: Selection) -> list[Clause]:
    """Category and subcategory narrow the page itself (they are not widened by facets)."""
    if selection.subcategory:
        return [{"term": {"subcategory": selection.subcategory}}]
    if selection.category:
        return [{"term": {"category": selection.category}}]
    return []


def hits_body(
    selection: Selection,
    facets: PageFacets,
    *,
    fuzzy: bool = False,
    variants: Sequence[Variant] = (),
) -> dict[str, Any]:
    """The page's results under every selection; the total comes with the facets.

    By relevance, the order is the score's alone (ties in index order: best sellers first),
    so that the best hits are found without scoring every match; its cursor is the offset of
    the next page (up to ``MAX_RESULT_WINDOW``). The other orders are total (the tiebreak)
    and their cursors go on after the last hit, however deep.
    """
    query: Clause = {
        "bool": {
            "must": [with_variants(selection.q, variants, fuzzy=fuzzy)],
            "filter": [*scope_filters(selection), *facets.filters()],
        }
    }
    body: dict[str, Any] = {
        "query": query,
        "size": selection.size,
        "track_total_hits": False,
        "_source": SOURCE,
    }
    start = (selection.page - 1) * selection.size
    by_relevance = selection.effective_sort == "relevance"
    if selection.cursor:
        after = decode_cursor(selection.cursor, selection.effective_sort)
        if by_relevance:
            start = _offset(after)
        else:
            body["search_after"] = after
    if by_relevance:
        # The same window for every page, so that pages of one query never overlap.
        if selection.q:
            body["rescore"] = rescoring(selection.q, RESCORE_WINDOW)
    else:
        body["sort"] = [*SORTS[selection.effective_sort], TIEBREAK]
    if "search_after" not in body:
        body["from"] = start
    if selection.q:
        title: Clause = {"query": selection.q}
        if fuzzy:
            title |= {"fuzziness": "AUTO", "prefix_length": 1}
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",  # titles are user text: escaped, then marked
            "fields": {"title": {"number_of_fragments": 0}},
            # Only the title's words: the page query's other fields and clauses mark nothing.
            "highlight_query": {"match": {"title": title}},
        }
    return body


def next_cursor(selection: Selection, hits: Sequence[dict[str, Any]]) -> str | None:
    """Where the page after this one starts; None after the last page."""
    if len(hits) < selection.size:
        return None
    if selection.effective_sort == "relevance":
        after = (selection.page - 1) * selection.size
        if selection.cursor:
            after = _offset(decode_cursor(selection.cursor, "relevance"))
        following = after + selection.size
        if following + selection.size > MAX_RESULT_WINDOW:
            return None
        return encode_cursor("relevance", [following])
    return encode_cursor(selection.effective_sort, hits[-1]["sort"])


def _offset(values: list[Any]) -> int:
    if len(values) != 1 or not isinstance(values[0], int) or not 0 <= values[0] < MAX_RESULT_WINDOW:
        raise InvalidInput.one("cursor", "cursor.invalid", "cursor is not valid")
    return values[0]


def facets_body(
    selection: Selection,
    facets: PageFacets,
    bands: Sequence[Band],
    *,
    fuzzy: bool = False,
    variants: Sequence[Variant] = (),
) -> dict[str, Any]:
    """The facets' counts and the total: matched as the hits are, not scored."""
    matched = with_variants(selection.q, variants, fuzzy=fuzzy)
    return {
        "size": 0,
        "query": {"bool": {"filter": [matched, *scope_filters(selection)]}},
        "track_total_hits": not facets.selected,  # else the total is an aggregation's count
        "aggs": facets.aggregations(selection, bands),
    }


def encode_cursor(sort: str, values: Sequence[Any]) -> str:
    raw = json.dumps([sort, list(values)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        cursor_sort, values = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, TypeError) as exc:
        raise InvalidInput.one("cursor", "cursor.invalid", "cursor is not valid") from exc
    if cursor_sort != sort or not isinstance(values, list):
        raise InvalidInput.one(
            "cursor",
            "cursor.sort_changed",
            "cursor belongs to another sort; start again from page 1",
        )
    return values
