"""Home, results and category pages: the same selection parser and search steps as
``GET /search``, rendered as HTML."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from facets.chips import active_filters
from facets.common import DELIVERY_BANDS
from facets.filters import HOURS, FacetResult, band_label
from facets.selection import MAX_PAGE, SORTS, Selection, parse_selection
from facets.taxonomy import TAXONOMY
from indexer.catalog_counts import subcategory_counts
from indexer.merchandising import placements
from indexer.search import SearchResult, search_steps
from indexer.steps import run
from marketplace_core.favorites.service import hearted_among
from microtache.runtime import Runtime
from search_api.pages.amounts import cents_of, dollars_of
from search_api.pages.cards import card_of_hit
from search_api.pages.render import PageRoute, href, page_lang, page_viewer, pages_of
from search_api.pages.urls import Params, results_url, toggled, with_value
from search_api.searching import searched

router = APIRouter(route_class=PageRoute, include_in_schema=False)
DOLLAR_FIELDS = {"prix_min": "budget_min", "prix_max": "budget_max"}
HOME_GIGS = 8


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int | None  # None: not counted (working hours before the buyer's zone is known)
    selected: bool
    href: str  # for the facets shown as links


@dataclass(frozen=True)
class FacetView:
    name: str
    label: str
    kind: str
    multi: bool
    options: list[Option]
    children: dict[str, list[Option]] = field(default_factory=dict)


# -- home -----------------------------------------------------------------------------------
@router.get("/")
async def home(request: Request) -> Response:
    await page_viewer(request)
    runtime: Runtime = request.app.state.runtime
    lang = page_lang(request)
    selection = Selection(lang=lang, size=HOME_GIGS)
    counts, result = await run_in_threadpool(_home_data, runtime, request, selection)
    categories = [
        {
            "slug": c.slug,
            "label": c.label.get(lang),
            "count": sum(counts.get(s.slug, 0) for s in c.subcategories),
            "subcategories": [
                {"slug": s.slug, "label": s.label.get(lang), "count": counts.get(s.slug, 0)}
                for s in c.subcategories
            ],
        }
        for c in TAXONOMY
    ]
    cards = [card_of_hit(h, lang) for h in result.hits]
    return pages_of(request).render(
        request, "home.html", {"categories": categories, "cards": cards}
    )


def _home_data(
    runtime: Runtime, request: Request, selection: Selection
) -> tuple[dict[str, int], SearchResult]:
    counts = subcategory_counts(runtime.search, runtime.names)
    if not counts:
        return counts, SearchResult(0, [], [], None)
    steps = search_steps(runtime.names, selection, TAXONOMY, request.app.state.budget_bands)
    return counts, run(runtime.search, steps)


# -- results ----------------------------------------------------------------------------------
@router.get("/recherche")
async def results(request: Request) -> Response:
    return await _results(request, [])


@router.get("/categories/{category}")
async def category_page(category: str, request: Request) -> Response:
    return await _results(request, [("category", category)])


@router.get("/categories/{category}/{subcategory}")
async def subcategory_page(category: str, subcategory: str, request: Request) -> Response:
    return await _results(request, [("category", category), ("subcategory", subcategory)])


async def _results(request: Request, place: Params) -> Response:
    raw = list(request.query_params.multi_items())
    if any(k in DOLLAR_FIELDS or not v for k, v in raw):
        # A filter form as the browser sends it: to the canonical URL, amounts in cents.
        return RedirectResponse(results_url(place + canonical(raw), TAXONOMY), status_code=303)
    params = place + raw
    selection = parse_selection(params, TAXONOMY)
    viewer = await page_viewer(request)
    runtime: Runtime = request.app.state.runtime
    result, _ = await searched(request, selection)
    hearted: set[int] = set()
    if viewer is not None and result.hits:
        hearted = await run_in_threadpool(
            _hearted, runtime, viewer.user.id, [h.id for h in result.hits]
        )
    context = results_context(selection, params, result, hearted)
    return pages_of(request).render(request, "results.html", context)


def _hearted(runtime: Runtime, user_id: int, gig_ids: list[int]) -> set[int]:
    with runtime.sessions() as session:
        return hearted_among(session, user_id, gig_ids)


def canonical(raw: Sequence[tuple[str, str]]) -> Params:
    """Form values as the results pages take them: no empty values, dollars as cents."""
    found: Params = []
    for name, value in raw:
        value = value.strip()
        if not value:
            continue
        if name in DOLLAR_FIELDS:
            value = str(cents_of(value, name))
            name = DOLLAR_FIELDS[name]
        found.append((name, value))
    return found


def results_context(
    selection: Selection, params: Params, result: SearchResult, hearted: set[int]
) -> dict[str, Any]:
    lang = selection.lang
    url = results_url(params, TAXONOMY)
    chips = [
        {"label": c.label, "href": results_url(c.remove, TAXONOMY)}
        for c in active_filters(selection, params, TAXONOMY)
    ]
    keep = [(k, v) for k, v in params if k in ("q", "lang", "sort", "tz")]
    place = [(k, v) for k, v in params if k in ("category", "subcategory")]
    placed = placements(result.applied_rules)
    sub = TAXONOMY.subcategory(selection.subcategory) if selection.subcategory else None
    category = TAXONOMY.category(selection.category) if selection.category else None
    return {
        "selection": selection,
        "q": selection.q,
        "url": url,
        "action": results_url(place, TAXONOMY),
        "heading": sub.label.get(lang) if sub else category.label.get(lang) if category else None,
        "category": category,
        "subcategory": sub,
        "total": result.total,
        "cards": [
            card_of_hit(h, lang, hearted=h.id in hearted, placement=placed.get(h.id))
            for h in result.hits
        ],
        "facets": with_hours([facet_view(f, params) for f in result.facets], selection),
        "chips": chips,
        "clear_all": results_url(keep, TAXONOMY) if chips else None,
        "sorts": [(s, s == selection.sort) for s in SORTS],
        "budget_min": dollars_of(selection.budget_min),
        "budget_max": dollars_of(selection.budget_max),
        "delivery_bands": DELIVERY_BANDS,
        "paging": paging(selection, params, result),
        "did_you_mean": [
            {"text": text, "href": results_url(with_value(params, "q", text), TAXONOMY)}
            for text in result.did_you_mean
        ],
        "prefill": prefill(selection, result) if result.total == 0 else None,
        # A saved search needs words or a filter (marketplace_core.alerts.rules).
        "save_search": urlencode(params) if selection.q or chips else None,
        "prices": price_chart(result.facets, selection),
    }


CHART_HEIGHT = 40  # the histogram's bars, in the SVG's units
BAR_WIDTH = 10


def price_chart(facets: Sequence[FacetResult], selection: Selection) -> dict[str, Any] | None:
    """The budget facet's histogram as bars (SVG geometry: inline styles are not allowed),
    and the dollar range of its two handles (their value: the selected budget, else an end)."""
    bars = next((f.histogram for f in facets if f.kind == "budget"), [])
    if not bars:
        return None
    tallest = max(b.count for b in bars) or 1
    drawn = []
    for i, bar in enumerate(bars):
        height = round(bar.count / tallest * CHART_HEIGHT) if bar.count else 0
        label = band_label((bar.min_cents, bar.max_cents), selection.lang)
        drawn.append(
            {
                "x": i * BAR_WIDTH,
                "y": CHART_HEIGHT - max(height, 1 if bar.count else 0),
                "height": max(height, 1 if bar.count else 0),
                "label": label,
                "count": bar.count,
            }
        )
    low = bars[0].min_cents // 100
    last = bars[-1]
    high = math.ceil((last.max_cents if last.max_cents is not None else last.min_cents) / 100)
    chosen_low = selection.budget_min // 100 if selection.budget_min is not None else low
    chosen_high = (
        math.ceil(selection.budget_max / 100) if selection.budget_max is not None else high
    )
    return {
        "bars": drawn,
        "width": len(bars) * BAR_WIDTH,
        "height": CHART_HEIGHT,
        "bar_width": BAR_WIDTH - 2,
        "low": low,
        "high": max(high, low + 1),
        "value_low": min(max(chosen_low, low), high),
        "value_high": max(min(chosen_high, high), low),
    }


LINK_FACETS = ("category", "budget")  # links; the other facets are the form's inputs


def with_hours(views: list[FacetView], selection: Selection) -> list[FacetView]:
    """The facets, with working hours before the online status even before the buyer's time
    zone is known: uncounted then, the browser fills the zone in the form, and choosing a
    value sends it (the facet is then counted like the others)."""
    if selection.tz is not None:
        return views
    lang = selection.lang
    options = [Option(c.slug, c.label.get(lang), None, False, "") for c in HOURS.choices]
    hours = FacetView(HOURS.name, HOURS.label.get(lang), HOURS.kind, HOURS.multi, options)
    at = next((i for i, v in enumerate(views) if v.name == "online"), len(views))
    return [*views[:at], hours, *views[at:]]


def facet_view(facet: FacetResult, params: Params) -> FacetView:
    def option(bucket: Any) -> Option:
        href = ""
        if facet.kind in LINK_FACETS:
            target = toggled(
                params,
                facet.name,
                bucket.value,
                multi=facet.multi,
                selected=bucket.selected,
                sets=bucket.params,
            )
            href = results_url(target, TAXONOMY)
        return Option(bucket.value, bucket.label, bucket.count, bucket.selected, href)

    children = {
        slug: [
            Option(
                b.value,
                b.label,
                b.count,
                b.selected,
                results_url(
                    [
                        *[(k, v) for k, v in params if k not in ("category", "page", "cursor")],
                        ("subcategory", b.value),
                    ],
                    TAXONOMY,
                ),
            )
            for b in buckets
        ]
        for slug, buckets in facet.children.items()
    }
    return FacetView(
        facet.name,
        facet.label,
        facet.kind,
        facet.multi,
        [option(b) for b in facet.buckets],
        children,
    )


def paging(selection: Selection, params: Params, result: SearchResult) -> dict[str, Any]:
    last = min(math.ceil(result.total / selection.size), MAX_PAGE) if result.total else 0
    current = None if selection.cursor else selection.page

    def page_url(n: int) -> str:
        base = [(k, v) for k, v in params if k not in ("page", "cursor")]
        return results_url(base if n == 1 else [*base, ("page", str(n))], TAXONOMY)

    numbers: list[int | None] = []
    if current is not None and last > 1:
        shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        for n in shown:
            if numbers and isinstance(numbers[-1], int) and n - numbers[-1] > 1:
                numbers.append(None)  # a gap
            numbers.append(n)
    more = None
    if result.next_cursor and (current is None or current >= MAX_PAGE):
        base = [(k, v) for k, v in params if k not in ("page", "cursor")]
        more = results_url([*base, ("cursor", result.next_cursor)], TAXONOMY)
    return {
        "current": current,
        "numbers": [(n, page_url(n) if n else None) for n in numbers],
        "previous": page_url(current - 1) if current and current > 1 else None,
        "next": page_url(current + 1) if current and current < last else None,
        "more": more,
    }


def prefill(selection: Selection, result: SearchResult) -> str:
    """The buyer-request form, filled in from the search (R-SRCH-7)."""
    guessed = TAXONOMY.subcategory(result.guessed_subcategory or selection.subcategory or "")
    return href(
        selection.lang,
        "/demandes/nouvelle",
        description=selection.q,
        subcategory=guessed.slug if guessed else None,
        budget=dollars_of(selection.budget_max),
        delivery=selection.delivery if selection.delivery != "any" else None,
    )
