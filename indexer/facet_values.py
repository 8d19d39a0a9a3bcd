"""Facet value search (``GET /search/facet-values``): the values of one long facet that the
buyer's letters name, each with its count on the current results under the *other* facets'
selections — the count the facet would show beside it.

One size-0 request: the page's match and scope, the other selections, and a terms count
restricted to the named values; beside it, the page's total under every selection. The
words are matched as the results page first matches them (with their thesaurus phrasings);
a misspelt word is the results page's to correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from facets.filters import BY_COUNT, Bucket, Facet, facets_for, selected_values
from facets.model import Taxonomy
from facets.selection import Selection
from facets.value_search import matching_choices
from indexer.client import IndexNames
from indexer.facet_kinds import ALL, PageFacets, TermsKind, kind_of
from indexer.search_query import Words, matching, scope_filters
from indexer.steps import Steps
from marketplace_core.errors import InvalidInput
from marketplace_core.thesaurus.rules import EMPTY, Thesaurus

MAX_LIMIT = 50


@dataclass(frozen=True)
class FacetValues:
    facet: str
    label: str
    values: list[Bucket]


def searchable_facet(selection: Selection, taxonomy: Taxonomy, name: str) -> Facet:
    """A facet of this page with values to choose from (not the budget, delivery, online
    or the category tree), else 422 naming the facets that are."""
    facets = [f for f in facets_for(selection, taxonomy) if f.kind == "terms"]
    for facet in facets:
        if facet.name == name:
            return facet
    allowed = ", ".join(f.name for f in facets)
    raise InvalidInput.one(
        "facet", "facet.unknown", f"facet {name!r} is not a facet of this page; facets: {allowed}"
    )


def facet_values_body(
    selection: Selection,
    page: PageFacets,
    kind: TermsKind,
    slugs: Sequence[str],
    words: Words,
) -> dict[str, Any]:
    others = [c for own, c in page.selected.items() if own != kind.own]
    return {
        "size": 0,
        "query": {
            "bool": {
                "filter": [
                    matching(words),
                    *scope_filters(selection),
                ]
            }
        },
        "track_total_hits": False,
        "aggs": {
            ALL: {"filter": {"bool": {"filter": page.filters()}}},
            "others": {
                "filter": {"bool": {"filter": others}},
                "aggs": {
                    "values": {
                        "terms": {"field": kind.field, "include": list(slugs), "size": len(slugs)}
                    }
                },
            },
        },
    }


def facet_values_steps(
    names: IndexNames,
    selection: Selection,
    taxonomy: Taxonomy,
    facet_name: str,
    text: str,
    *,
    limit: int = 10,
    thesaurus: Thesaurus = EMPTY,
) -> Steps[FacetValues]:
    facet = searchable_facet(selection, taxonomy, facet_name)
    kind = kind_of(facet)
    assert isinstance(kind, TermsKind)
    lang = selection.lang
    named = matching_choices(facet.choices, text)
    chosen = set(selected_values(selection, facet))
    if not named:
        return FacetValues(facet.name, facet.label.get(lang), [])
    page = PageFacets.of(selection, facets_for(selection, taxonomy))
    words = Words(selection.q, thesaurus.variants(selection.q))
    slugs = [c.slug for c in named]
    [found] = yield [(names.gigs, facet_values_body(selection, page, kind, slugs, words))]
    counts = {
        b["key"]: int(b["doc_count"]) for b in found["aggregations"]["others"]["values"]["buckets"]
    }
    values = [
        Bucket(
            c.slug, c.label.get(lang), counts.get(c.slug, 0), c.slug in chosen, {facet.name: c.slug}
        )
        for c in named
        if counts.get(c.slug) or c.slug in chosen
    ]
    if facet.name in BY_COUNT:
        values.sort(key=lambda b: -b.count)
    return FacetValues(facet.name, facet.label.get(lang), values[:limit])
