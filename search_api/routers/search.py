"""``GET /search``: the results pages (and category browsing); ``GET /categories``."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from facets.chips import active_filters
from facets.common import SELLER_LEVELS, label_of
from facets.model import LANGS, Lang
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.catalog_counts import subcategory_counts
from indexer.runtime import Runtime
from indexer.search import search_gigs
from marketplace_core.errors import InvalidInput

router = APIRouter(tags=["search"])


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
    thumbnail: str
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


class SearchPage(BaseModel):
    total: int
    page: int | None
    size: int
    next_cursor: str | None
    results: list[GigResult]
    facets: list[FacetOut]
    active_filters: list[ActiveFilter]
    did_you_mean: list[str] = []
    request_prefill: RequestPrefill | None = None


@router.get(
    "/search",
    response_model=SearchPage,
    responses={422: {"description": "a parameter is invalid; `detail` names it and the rule"}},
    openapi_extra={
        "parameters": [
            {
                "name": "<attribute>",
                "in": "query",
                "required": False,
                "description": "category-specific filters of the chosen subcategory, "
                "e.g. style=minimaliste&style=vintage",
                "schema": {"type": "array", "items": {"type": "string"}},
            }
        ]
    },
)
def search(
    request: Request,
    q: Annotated[str | None, Query(description="words", examples=["logo minimaliste"])] = None,
    category: Annotated[str | None, Query(examples=["graphisme-design"])] = None,
    subcategory: Annotated[str | None, Query(examples=["conception-logo"])] = None,
    budget_min: Annotated[int | None, Query(description="cents, on one package")] = None,
    budget_max: Annotated[int | None, Query(description="cents, same package")] = None,
    delivery: Annotated[str | None, Query(description="24h, 3d, 7d or any")] = None,
    level: Annotated[list[str] | None, Query(description="new … top_rated")] = None,
    language: Annotated[list[str] | None, Query(description="ISO 639-1 codes")] = None,
    country: Annotated[list[str] | None, Query(description="ISO 3166 codes")] = None,
    online: Annotated[bool | None, Query()] = None,
    sort: Annotated[
        str | None,
        Query(description="relevance, best_selling, newest, price_asc, price_desc, rating"),
    ] = None,
    page: Annotated[int | None, Query(description="1 to 50, then next_cursor")] = None,
    size: Annotated[int | None, Query(description="1 to 48")] = None,
    cursor: Annotated[str | None, Query()] = None,
    lang: Annotated[str | None, Query(description="fr (default) or en")] = None,
) -> SearchPage:
    # Parameters are read raw (the signature documents them): attribute filters are dynamic
    # and every rule lives in facets.selection.
    runtime: Runtime = request.app.state.runtime
    params = list(request.query_params.multi_items())
    selection = parse_selection(params, TAXONOMY)
    result = search_gigs(
        runtime.search, runtime.names, selection, TAXONOMY, request.app.state.budget_bands
    )
    lang_: Lang = selection.lang
    if selection.q and result.total:
        request.app.state.query_log.record(
            selection.q,
            category=selection.category,
            subcategory=selection.subcategory,
            results=result.total,
        )
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
    return SearchPage(
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
    )


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


@router.get("/categories", response_model=list[CategoryOut])
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
