"""``GET /search``: the results pages (and category browsing); ``GET /categories``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request, Response
from pydantic import BaseModel, Field

from facets.chips import active_filters
from facets.common import SELLER_LEVELS, label_of
from facets.model import LANGS, Lang
from facets.selection import Selection, parse_selection
from facets.taxonomy import TAXONOMY
from indexer.catalog_counts import subcategory_counts
from indexer.query_signals import LiveUnderstanding
from indexer.search import SearchResult, search_steps
from indexer.steps import run_async
from indexer.understanding import Understood
from marketplace_core.errors import InvalidInput
from microtache.runtime import Runtime
from search_api.deps import get_tracking
from search_api.schemas.errors import errors

log = logging.getLogger(__name__)


async def _refresh(live: LiveUnderstanding) -> None:
    try:
        await asyncio.to_thread(live.refresh)
    except Exception:  # the predictor in hand keeps serving; the next round retries
        log.exception("query understanding refresh failed")


async def _keep_fresh(live: LiveUnderstanding, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        await _refresh(live)


@asynccontextmanager
async def live_understanding(app: FastAPI) -> AsyncIterator[None]:
    """The process's query understanding (``app.state.understanding``): the taxonomy's
    vocabulary at once, the gigs per subcategory and the query log's evidence before the
    first search, then again every ``UNDERSTANDING_REFRESH_SECONDS``."""
    runtime: Runtime = app.state.runtime
    live = LiveUnderstanding(runtime.search, runtime.names, TAXONOMY)
    app.state.understanding = live
    await _refresh(live)
    every = runtime.settings.understanding_refresh_seconds
    task = asyncio.create_task(_keep_fresh(live, every))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


router = APIRouter(tags=["search"], lifespan=live_understanding)


class Named(BaseModel):
    slug: str
    label: str


class SellerSummary(BaseModel):
    username: str
    level: str
    level_label: str
    rating: float
    rating_count: int
    online: bool


class GigResult(BaseModel):
    id: int
    title: str
    title_highlighted: str = Field(description="HTML-escaped title with <mark> around matches")
    category: Named
    subcategory: Named
    price_from_cents: int
    fastest_delivery_days: int
    thumbnail: str | None = Field(description="key of the gig's first image, if it has one")
    seller: SellerSummary


class BucketOut(BaseModel):
    value: str
    label: str
    count: int
    selected: bool
    params: dict[str, str]


class FacetOut(BaseModel):
    name: str
    label: str
    kind: str
    multi: bool
    buckets: list[BucketOut]
    children: dict[str, list[BucketOut]] = {}


class ActiveFilter(BaseModel):
    param: str
    value: str
    label: str
    remove: str = Field(description="query string of this page without the filter")


class RequestPrefill(BaseModel):
    """Parameters to post a buyer request when nothing was found (R-SRCH-7)."""

    description: str
    category: str | None
    subcategory: str | None
    budget_cents: int | None
    delivery: str | None


class UnderstoodOut(BaseModel):
    """What the query is understood to be about; ranking leans towards it gently."""

    category: Named
    subcategory: Named | None
    confidence: float = Field(description="0–1: the share of the evidence pointing there")
    label: str = Field(description="« Tous les résultats dans … », in the page's language")
    params: dict[str, str] = Field(
        description="what following it sets on this page's query, like a facet bucket's"
    )


class SearchPage(BaseModel):
    search_id: str = Field(description="names this page in `POST /search/events`")
    total: int
    page: int | None
    size: int
    next_cursor: str | None
    results: list[GigResult]
    facets: list[FacetOut]
    active_filters: list[ActiveFilter]
    did_you_mean: list[str] = []
    request_prefill: RequestPrefill | None = None
    understood: UnderstoodOut | None = None
    showing_results_for: str | None = Field(
        default=None,
        description="the correction these results are for: no gig holds a word as typed",
    )
    corrected_from: str | None = Field(default=None, description="the words as typed")
    search_instead: dict[str, str] | None = Field(
        default=None,
        description="what to set on this page's query to search the words exactly as typed "
        "(« Rechercher plutôt … »)",
    )
    relaxed: bool = Field(
        default=False,
        description="no gig holds all the words: these hold some of them, the rarest first",
    )
    related_searches: list[str] = Field(
        default=[], description="popular searches near a query that found nothing"
    )


def _param(
    name: str, description: str, kind: str = "string", *, many: bool = False, example: Any = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": kind}
    if many:
        schema = {"type": "array", "items": schema}
    doc: dict[str, Any] = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }
    if example is not None:
        doc["example"] = example
    return doc


# Documented here, read raw by facets.selection, which holds every rule: FastAPI's own
# parameter parsing would cost more CPU than the rest of the request's Python work together.
SEARCH_PARAMETERS = [
    _param("q", "words, at most 200 characters", example="logo minimaliste"),
    _param("category", "a category slug", example="graphisme-design"),
    _param("subcategory", "a subcategory slug", example="conception-logo"),
    _param("budget_min", "US dollar cents, on one package", "integer"),
    _param("budget_max", "US dollar cents, on the same package", "integer"),
    _param("delivery", "24h, 3d, 7d or any"),
    _param("level", "seller levels: new … top_rated", many=True),
    _param("language", "ISO 639-1 codes the seller speaks", many=True),
    _param("country", "ISO 3166 codes of the seller's country", many=True),
    _param("online", "only sellers online now", "boolean"),
    _param(
        "tz",
        "the buyer's IANA time zone (the page fills it from the browser): shows the "
        "« Dans mes horaires » facet",
        example="Europe/Paris",
    ),
    _param(
        "overlap",
        "sellers whose 9:00–18:00 working day shares at least this many hours (1–9) with "
        "the buyer's (needs tz)",
        "integer",
    ),
    _param(
        "prefer_hours",
        "rank sellers sharing more of the buyer's working day a little higher (needs tz)",
        "boolean",
    ),
    _param("sort", "relevance, best_selling, newest, price_asc, price_desc, rating"),
    _param("page", "1 to 50, then next_cursor", "integer"),
    _param("size", "1 to 48", "integer"),
    _param("cursor", "next_cursor of the previous page"),
    _param("lang", "labels in fr (default) or en; the same gigs match either way"),
    _param(
        "correct",
        "false: the words exactly as typed, a word no gig holds never corrected",
        "boolean",
    ),
    _param(
        "<attribute>",
        "category-specific filters of the chosen subcategory, e.g. style=minimaliste&style=vintage",
        many=True,
    ),
]


@router.get(
    "/search",
    response_model=SearchPage,
    summary="Rechercher des services",
    description="Results, facets with counts, the active filters, what the query is "
    "understood to be about; the results for the correction when a word is misspelt; when "
    "nothing is found, corrections, popular related searches and a buyer request to post "
    "(R-SRCH-1…8).",
    responses=errors(422),
    openapi_extra={"parameters": SEARCH_PARAMETERS},
)
async def search(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    params = list(request.query_params.multi_items())
    selection = parse_selection(params, TAXONOMY)
    result = await run_async(
        request.app.state.search_async,
        search_steps(
            runtime.names,
            selection,
            TAXONOMY,
            request.app.state.budget_bands,
            request.app.state.thesaurus.current,
            request.app.state.understanding.current,
            runtime.clock.now(),
        ),
    )
    lang_: Lang = selection.lang
    search_id = get_tracking(request).record_search(request.headers, selection, result.total)
    prefill = None
    if result.total == 0:
        guessed = TAXONOMY.subcategory(result.guessed_subcategory or selection.subcategory or "")
        prefill = RequestPrefill(
            description=selection.q,
            category=guessed.category_slug if guessed else selection.category,
            subcategory=guessed.slug if guessed else None,
            budget_cents=selection.budget_max,
            delivery=selection.delivery if selection.delivery != "any" else None,
        )
    page = SearchPage(
        search_id=search_id,
        total=result.total,
        page=None if selection.cursor else selection.page,
        size=selection.size,
        next_cursor=result.next_cursor,
        results=[_gig(hit, lang_) for hit in result.hits],
        facets=[FacetOut.model_validate(f, from_attributes=True) for f in result.facets],
        active_filters=[
            ActiveFilter(param=c.param, value=c.value, label=c.label, remove=urlencode(c.remove))
            for c in active_filters(selection, params, TAXONOMY)
        ],
        did_you_mean=result.did_you_mean,
        request_prefill=prefill,
        understood=_understood(result.understood, lang_),
        related_searches=result.related_searches,
        relaxed=result.relaxed,
        **_correction(result, selection),
    )
    # Serialized once, by pydantic's own encoder: the page is already a validated model.
    return Response(page.model_dump_json(), media_type="application/json")


ALL_RESULTS_IN = {"fr": "Tous les résultats dans {}", "en": "All results in {}"}


def _understood(found: Understood | None, lang: Lang) -> UnderstoodOut | None:
    if found is None:
        return None
    category = TAXONOMY.category(found.category)
    sub = TAXONOMY.subcategory(found.subcategory) if found.subcategory else None
    if category is None:
        return None
    place = sub.label.get(lang) if sub else category.label.get(lang)
    return UnderstoodOut(
        category=Named(slug=category.slug, label=category.label.get(lang)),
        subcategory=Named(slug=sub.slug, label=sub.label.get(lang)) if sub else None,
        confidence=found.confidence,
        label=ALL_RESULTS_IN[lang].format(place),
        params={"subcategory": sub.slug} if sub else {"category": category.slug},
    )


def _correction(result: SearchResult, selection: Selection) -> dict[str, Any]:
    if result.showing_results_for is None:
        return {}
    return {
        "showing_results_for": result.showing_results_for,
        "corrected_from": selection.q,
        "search_instead": {"q": selection.q, "correct": "false"},
    }


def _gig(hit: Any, lang: Lang) -> GigResult:
    sub = TAXONOMY.subcategory(hit.subcategory)
    category = TAXONOMY.category(hit.category)
    assert sub is not None
    assert category is not None
    seller = hit.seller
    return GigResult(
        id=hit.id,
        title=hit.title,
        title_highlighted=hit.title_highlighted,
        category=Named(slug=category.slug, label=category.label.get(lang)),
        subcategory=Named(slug=sub.slug, label=sub.label.get(lang)),
        price_from_cents=hit.price_from_cents,
        fastest_delivery_days=hit.fastest_delivery_days,
        thumbnail=hit.thumbnail,
        seller=SellerSummary(
            username=seller["username"],
            level=seller["level"],
            level_label=label_of(SELLER_LEVELS, seller["level"], lang) or seller["level"],
            rating=seller["rating"],
            rating_count=seller["rating_count"],
            online=seller["online"],
        ),
    )


class SubcategoryOut(BaseModel):
    slug: str
    label: str
    count: int
    offers_quotes: bool


class CategoryOut(BaseModel):
    slug: str
    label: str
    count: int
    subcategories: list[SubcategoryOut]


@router.get(
    "/categories",
    response_model=list[CategoryOut],
    summary="Catégories",
    description="The taxonomy with the number of active gigs of each subcategory.",
    responses=errors(422),
)
def categories(request: Request, lang: Annotated[str, Query()] = "fr") -> list[CategoryOut]:
    if lang not in LANGS:
        raise InvalidInput.one("lang", "lang.unknown", "lang must be fr or en")
    runtime: Runtime = request.app.state.runtime
    counts = subcategory_counts(runtime.search, runtime.names)
    lang_: Lang = "en" if lang == "en" else "fr"
    return [
        CategoryOut(
            slug=c.slug,
            label=c.label.get(lang_),
            count=sum(counts.get(s.slug, 0) for s in c.subcategories),
            subcategories=[
                SubcategoryOut(
                    slug=s.slug,
                    label=s.label.get(lang_),
                    count=counts.get(s.slug, 0),
                    offers_quotes=s.offers_quotes,
                )
                for s in c.subcategories
            ],
        )
        for c in TAXONOMY
    ]
