"""``GET /search``: the results pages (and category browsing); ``GET /categories``."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from facets.chips import active_filters
from facets.common import (
    COUNTRIES,
    DELIVERY_BAND_DAYS,
    LANGUAGES,
    MAX_PRICE_CENTS,
    SELLER_LEVELS,
    label_of,
)
from facets.model import LANGS, Lang
from facets.selection import (
    MAX_PAGE,
    MAX_QUERY_LENGTH,
    MAX_SIZE,
    SORTS,
    Selection,
    parse_selection,
)
from facets.taxonomy import TAXONOMY
from indexer.catalog_counts import subcategory_counts
from indexer.merchandising import Applied, placements
from indexer.query_signals import LiveUnderstanding
from indexer.search import SearchResult
from indexer.understanding import Understood
from marketplace_core.errors import InvalidInput
from microtache.runtime import Runtime
from search_api.live_copies import live_copy
from search_api.rate_limits import limited
from search_api.schemas.errors import RATE_LIMITED, errors
from search_api.searching import searched


def _live_understanding(runtime: Runtime) -> tuple[LiveUnderstanding, float]:
    live = LiveUnderstanding(runtime.search, runtime.names, TAXONOMY)
    return live, runtime.settings.understanding_refresh_seconds


# The process's query understanding (``app.state.understanding``): the taxonomy's vocabulary
# at once, the gigs per subcategory and the query log's evidence before the first search,
# then again every ``UNDERSTANDING_REFRESH_SECONDS``.
router = APIRouter(
    tags=["search"],
    lifespan=live_copy("understanding", "query understanding", _live_understanding),
)


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
    placement: str | None = Field(
        None, description="sponsored or featured: set here by a pin of `applied_rules`, to label"
    )


class AppliedRuleOut(BaseModel):
    """A merchandising rule of customer support that acted on this page."""

    id: int
    action: str = Field(description="pin, hide, boost or bury")
    trigger: str = Field(description="query_exact, query_contains or category")
    target: str
    gig_id: int | None = None
    position: int | None = Field(None, description="pin: where its gig is shown (1: the first)")
    placement: str | None = Field(None, description="pin: sponsored or featured")
    attribute: str | None = None
    value: str | None = None
    ends_at: str


def applied_out(applied: list[Applied]) -> list[AppliedRuleOut]:
    return [
        AppliedRuleOut(
            id=a.rule.id,
            action=a.rule.action.value,
            trigger=a.rule.trigger.value,
            target=a.rule.target,
            gig_id=a.rule.gig_id,
            position=a.position,
            placement=a.rule.placement.value if a.rule.placement else None,
            attribute=a.rule.attribute.value if a.rule.attribute else None,
            value=a.rule.value,
            ends_at=a.rule.ends_at.isoformat(),
        )
        for a in applied
    ]


def results_out(result: SearchResult, lang: Lang) -> list[GigResult]:
    """The results, the pinned ones with their placement."""
    placed = placements(result.applied_rules)
    return [_gig(hit, lang, placed.get(hit.id)) for hit in result.hits]


class BucketOut(BaseModel):
    value: str
    label: str
    count: int
    selected: bool
    params: dict[str, str]


class BarOut(BaseModel):
    min_cents: int
    max_cents: int | None = Field(description="null: and above")
    count: int


class FacetOut(BaseModel):
    name: str
    label: str
    kind: str
    multi: bool
    buckets: list[BucketOut]
    children: dict[str, list[BucketOut]] = {}
    histogram: list[BarOut] = Field(
        [],
        description="budget: the results (under the other filters) by the price of their "
        "cheapest package within the delivery band, on the grid the bands are cut from",
    )


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
    applied_rules: list[AppliedRuleOut] = Field(
        [], description="the merchandising rules that acted on this page (pins, hides, boosts)"
    )


def _param(
    name: str,
    description: str,
    kind: str = "string",
    *,
    many: bool = False,
    example: Any = None,
    **bounds: Any,
) -> dict[str, Any]:
    """A query parameter as OpenAPI documents it; ``bounds`` are its JSON Schema keywords
    (``minimum``, ``maximum``, ``maxLength``, ``enum``), from the constants the rules use."""
    schema: dict[str, Any] = {"type": kind, **bounds}
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
    _param(
        "q",
        f"words, at most {MAX_QUERY_LENGTH} characters",
        example="logo minimaliste",
        maxLength=MAX_QUERY_LENGTH,
    ),
    _param("category", "a category slug", example="graphisme-design"),
    _param("subcategory", "a subcategory slug", example="conception-logo"),
    _param(
        "budget_min",
        "US dollar cents, on one package",
        "integer",
        minimum=0,
        maximum=MAX_PRICE_CENTS,
    ),
    _param(
        "budget_max",
        "US dollar cents, on the same package (not below budget_min)",
        "integer",
        minimum=0,
        maximum=MAX_PRICE_CENTS,
    ),
    _param("delivery", "24h, 3d, 7d or any", enum=list(DELIVERY_BAND_DAYS)),
    _param(
        "level", "seller levels: new … top_rated", many=True, enum=[c.slug for c in SELLER_LEVELS]
    ),
    _param(
        "language",
        "ISO 639-1 codes the seller speaks",
        many=True,
        enum=[c.slug for c in LANGUAGES],
    ),
    _param(
        "country",
        "ISO 3166 codes of the seller's country",
        many=True,
        enum=[c.slug for c in COUNTRIES],
    ),
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
        minimum=1,
        maximum=9,
    ),
    _param(
        "prefer_hours",
        "rank sellers sharing more of the buyer's working day a little higher (needs tz)",
        "boolean",
    ),
    _param("sort", ", ".join(SORTS), enum=list(SORTS)),
    _param("page", f"1 to {MAX_PAGE}, then next_cursor", "integer", minimum=1, maximum=MAX_PAGE),
    _param("size", f"1 to {MAX_SIZE}", "integer", minimum=1, maximum=MAX_SIZE),
    _param("cursor", "next_cursor of the previous page"),
    _param("lang", "labels in fr (default) or en", enum=list(LANGS)),
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
    responses=errors(422) | RATE_LIMITED,
    dependencies=[limited("search")],
    openapi_extra={"parameters": SEARCH_PARAMETERS},
)
async def search(request: Request) -> Response:
    params = list(request.query_params.multi_items())
    selection = parse_selection(params, TAXONOMY)
    result, search_id = await searched(request, selection)
    lang_: Lang = selection.lang
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
        results=results_out(result, lang_),
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
        applied_rules=applied_out(result.applied_rules),
    )
    # Serialized once, by pydantic's own encoder: the page is already a validated model.
    return Response(page.model_dump_json(), media_type="application/json")


ALL_RESULTS_IN = {"fr": "Tous les résultats dans {}", "en": "All results in {}"}


def _understood(found: Understood | None, lang: Lang) -> UnderstoodOut | None:
    place_found = found.place(TAXONOMY) if found else None
    if found is None or place_found is None:
        return None
    category, sub = place_found
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


def _gig(hit: Any, lang: Lang, placement: str | None = None) -> GigResult:
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
        placement=placement,
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
