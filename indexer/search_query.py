"""The gig search request bodies of a results page: the hits, and the facets beside them.

Pure (plain dicts); tested by comparing built bodies. User text only ever goes into
match-type queries, never into a query-string syntax.

A page is two searches sent in one ``_msearch`` (OpenSearch runs them side by side): the
hits, scored and sorted, under every selection; and the facets, a size-0 request that
matches without scoring and counts (the shard request cache keeps size-0 answers, so a
browse page asked again is not counted again). Words are matched as written, stemmed, as
the start of a word and in the taxonomy's labels of the gig; the facets request also asks
which words no gig holds and what they may be misspellings of (``indexer.spelling``), so a
correction costs no further round trip to find.

The hits body is built in stages, each a small function: what matches (:func:`matching`),
the filters, then the reordering of the best matches (:func:`rescoring`: words together,
the seller's record, the understood subcategory).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from facets.hours import WORKDAY_HOURS, seller_overlaps
from facets.selection import Selection
from indexer.diversity import fetched, spread
from indexer.facet_kinds import Band, PageFacets
from indexer.gig_index import PREFIX_CHARS
from indexer.spelling import KNOWN, SpellingCheck
from indexer.understanding import Understood
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
    "seller.id",
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
# The taxonomy's names for the gig (indexer.gig_index): a match there adds to one in the
# text, and alone it is a match too ("charte graphique" is a deliverable its text may omit).
LABEL_FIELDS = ["labels.fr^2", "labels.en^2"]
TYPING = "typing"  # the prefix clause's name: a hit it matched says the last word is a start
MINIMUM_SHOULD_MATCH = "2<75%"  # every word of two, three of four
# When no gig holds that many of the words: any of them, the rarest weighing most.
RELAXED_SHOULD_MATCH = "1"
# The understood subcategory's gigs among the best matches: at most this factor more.
LEAN = 0.1
# Asked for (prefer_hours), sellers sharing the buyer's whole working day: this factor more.
HOURS_LEAN = 0.1


@dataclass(frozen=True)
class Words:
    """What a page matches: the text (the buyer's, or the correction answered instead), its
    thesaurus phrasings, and the subcategory it is understood to be about."""

    text: str
    variants: tuple[Variant, ...] = ()
    understood: Understood | None = None
    relaxed: bool = False  # some of the words suffice (see RELAXED_SHOULD_MATCH)


def words_match(q: str, *, relaxed: bool = False) -> Clause:
    """The buyer's words in the text fields, most of them (all of one or two), or any of
    them when ``relaxed``."""
    return {
        "query": q,
        "fields": TEXT_FIELDS,
        "type": "best_fields",
        "minimum_should_match": RELAXED_SHOULD_MATCH if relaxed else MINIMUM_SHOULD_MATCH,
    }


def text_query(q: str, *, relaxed: bool = False) -> Clause:
    """Title and tags above description; exact words above stems; the taxonomy's labels;
    the last word may be the start of one.

    Every clause can tell its best possible score, so the best hits are found without
    scoring every match (block-max WAND); what cannot (words in order, every word across
    fields, the seller's record) reorders the best ones after (:func:`rescoring`). Never
    typo-tolerant: a misspelt word is corrected instead (``indexer.spelling``)."""
    if not q:
        return {"match_all": {}}
    words = words_match(q, relaxed=relaxed)
    found: list[Clause] = [
        {"multi_match": words},
        {"multi_match": words | {"fields": LABEL_FIELDS}},
    ]
    if len(q.split()[-1]) <= PREFIX_CHARS:
        # "logo minim" as the buyer types, answered from the indexed prefixes; a longer last
        # word is a whole one (the words clause finds it) and would expand to many terms.
        prefix = {"query": q, "operator": "and", "_name": TYPING}
        found.append({"match_bool_prefix": {"title.exact": prefix}})
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


def matching(words: Words) -> Clause:
    """The text or any of its thesaurus phrasings (marketplace_core.thesaurus), whichever
    matches best, a phrasing at its weight."""
    relaxed = words.relaxed
    if not words.variants:
        return text_query(words.text, relaxed=relaxed)
    phrasings = (
        {"bool": {"must": [text_query(v.text, relaxed=relaxed)], "boost": v.weight}}
        for v in words.variants
    )
    return {"dis_max": {"queries": [text_query(words.text, relaxed=relaxed), *phrasings]}}


def together(q: str) -> Clause | None:
    """Several words found together: in order in the title, or all of them across fields."""
    if len(q.split()) < 2:
        return None
    return {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": q,
                        "fields": ["title^2", "tags^2", "description", "labels.fr"],
                        "type": "cross_fields",
                        "operator": "and",
                        "boost": 2,
                    }
                },
                {"match_phrase": {"title.exact": {"query": q, "slop": 1, "boost": 2}}},
            ]
        }
    }


def factors(words: Words, hours: Mapping[str, float] | None = None) -> list[Clause]:
    """What multiplies the score of the best matches: the seller's record (``quality``, at
    most 1.25, see ``indexer.documents``); a little more for gigs of the subcategory the
    query is understood to be about (at most ``1 + LEAN``); when asked, for sellers sharing
    more of the buyer's working day (``hours``: each seller zone's shared hours; at most
    ``1 + HOURS_LEAN``)."""
    found: list[Clause] = [{"field_value_factor": {"field": "quality", "missing": 1}}]
    understood = words.understood
    if understood is not None:
        scope = (
            {"term": {"subcategory": understood.subcategory}}
            if understood.subcategory
            else {"term": {"category": understood.category}}
        )
        found.append({"filter": scope, "weight": 1 + LEAN * understood.confidence})
    if hours:
        by_shared: dict[float, list[str]] = {}
        for zone, shared in sorted(hours.items()):
            if shared > 0:
                by_shared.setdefault(shared, []).append(zone)
        for shared, zones in sorted(by_shared.items()):
            weight = round(1 + HOURS_LEAN * shared / WORKDAY_HOURS, 4)
            found.append({"filter": {"terms": {"seller.timezone": zones}}, "weight": weight})
    return found


def rescoring(words: Words, window: int, hours: Mapping[str, float] | None = None) -> list[Clause]:
    """The best ``window`` matches reordered: several words found together add to the
    score; then the score is multiplied by :func:`factors`, which order close matches and
    never overturn a clearly better one. Past the window, the order is the first score
    alone."""
    steps: list[Clause] = []
    bonus = together(words.text)
    if bonus is not None:
        steps.append(
            {"window_size": window, "query": {"rescore_query": bonus, "score_mode": "total"}}
        )
    steps.append(
        {
            "window_size": window,
            "query": {
                "rescore_query": {
                    "function_score": {
                        "functions": factors(words, hours),
                        "score_mode": "multiply",
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
    selection: Selection, facets: PageFacets, words: Words, at: datetime | None = None
) -> dict[str, Any]:
    """The page's results under every selection; the total comes with the facets.

    By relevance, the order is the score's alone (ties in index order: best sellers first),
    so that the best hits are found without scoring every match; its cursor is the offset of
    the next page (up to ``MAX_RESULT_WINDOW``). The other orders are total (the tiebreak)
    and their cursors go on after the last hit, however deep. ``at``: the search's
    instant, for the working hours a buyer may prefer.
    """
    query: Clause = {
        "bool": {
            "must": [matching(words)],
            "filter": [*scope_filters(selection), *facets.filters()],
        }
    }
    body: dict[str, Any] = {
        "query": query,
        "size": selection.size,
        "track_total_hits": False,
        "_source": SOURCE,
    }
    start = page_start(selection)
    if selection.effective_sort == "relevance":
        # The same window for every page, so that pages of one query never overlap; the
        # first page's head rearranged from the best few (indexer.diversity).
        if words.text:
            hours = None
            if selection.prefer_hours and selection.tz:
                hours = seller_overlaps(selection.tz, at or datetime.now(UTC))
            body["rescore"] = rescoring(words, RESCORE_WINDOW, hours)
        body["from"], body["size"] = fetched(start, selection.size)
    else:
        body["sort"] = [*SORTS[selection.effective_sort], TIEBREAK]
        if selection.cursor:
            body["search_after"] = decode_cursor(selection.cursor, selection.effective_sort)
        else:
            body["from"] = start
    if words.text:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",  # titles are user text: escaped, then marked
            "fields": {"title": {"number_of_fragments": 0}},
            # Only the title's words: the page query's other fields and clauses mark nothing.
            "highlight_query": {"match": {"title": {"query": words.text}}},
        }
    return body


def page_start(selection: Selection) -> int:
    """The offset of the page's first result: its number's, or a relevance cursor's."""
    if selection.cursor and selection.effective_sort == "relevance":
        return _offset(decode_cursor(selection.cursor, "relevance"))
    return (selection.page - 1) * selection.size


def page_hits(
    selection: Selection,
    hits: Sequence[dict[str, Any]],
    start: int | None = None,
    size: int | None = None,
) -> list[dict[str, Any]]:
    """The page's hits out of what :func:`hits_body` fetched (``fetched(start, size)``, the
    page's own by default): by relevance, the head spread (at most two per seller, like
    titles apart), then the page cut from it."""
    if selection.effective_sort != "relevance":
        return list(hits)
    start = page_start(selection) if start is None else start
    size = selection.size if size is None else size
    offset, _ = fetched(start, size)
    ordered = spread(hits, seller=_seller_of, title=_title_of) if offset == 0 else list(hits)
    return ordered[start - offset : start - offset + size]


def _seller_of(hit: dict[str, Any]) -> object:
    return hit["_source"]["seller"]["id"]


def _title_of(hit: dict[str, Any]) -> str:
    return str(hit["_source"]["title"])


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
    words: Words,
    spelling: SpellingCheck | None = None,
) -> dict[str, Any]:
    """The facets' counts and the total: matched as the hits are, not scored; and the
    ``spelling`` check of the words, if asked."""
    aggs = facets.aggregations(selection, bands)
    body: dict[str, Any] = {
        "size": 0,
        "query": {"bool": {"filter": [matching(words), *scope_filters(selection)]}},
        "track_total_hits": not facets.selected,  # else the total is an aggregation's count
        "aggs": aggs,
    }
    if spelling is not None:
        body["suggest"] = spelling.suggest()
        if (known := spelling.aggregation()) is not None:
            aggs[KNOWN] = known
    return body


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
