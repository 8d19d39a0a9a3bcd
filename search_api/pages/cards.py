"""A gig as a card: on the results, the home page and a seller's profile."""

from __future__ import annotations

from dataclasses import dataclass

from facets.common import SELLER_LEVELS, label_of
from facets.model import Lang
from facets.taxonomy import TAXONOMY
from indexer.search import GigHit
from marketplace_core.catalog.models import Gig
from search_api.pages.i18n import escape


@dataclass(frozen=True)
class Card:
    id: int
    title: str
    title_html: str  # escaped, matched words in <mark>: shown as is
    subcategory: str
    price_from_cents: int
    fastest_delivery_days: int
    thumbnail: str | None  # an image key
    seller: str
    level_label: str
    rating: float
    rating_count: int
    online: bool
    hearted: bool = False
    placement: str | None = None  # sponsored, featured: a merchandising pin, labelled


def card_of_hit(
    hit: GigHit, lang: Lang, *, hearted: bool = False, placement: str | None = None
) -> Card:
    """From a search result: its highlight is the search's own, already escaped."""
    seller = hit.seller
    return Card(
        id=hit.id,
        title=hit.title,
        title_html=hit.title_highlighted,
        subcategory=_subcategory_label(hit.subcategory, lang),
        price_from_cents=hit.price_from_cents,
        fastest_delivery_days=hit.fastest_delivery_days,
        thumbnail=hit.thumbnail,
        seller=seller["username"],
        level_label=label_of(SELLER_LEVELS, seller["level"], lang) or seller["level"],
        rating=seller["rating"],
        rating_count=seller["rating_count"],
        online=seller["online"],
        hearted=hearted,
        placement=placement,
    )


def card_of_gig(gig: Gig, lang: Lang, *, online: bool) -> Card:
    seller = gig.seller
    return Card(
        id=gig.id,
        title=gig.title,
        title_html=escape(gig.title),
        subcategory=_subcategory_label(gig.subcategory, lang),
        price_from_cents=min(p.price_cents for p in gig.packages),
        fastest_delivery_days=min(p.delivery_days for p in gig.packages),
        thumbnail=gig.images[0].key if gig.images else None,
        seller=seller.username,
        level_label=label_of(SELLER_LEVELS, seller.level.value, lang) or seller.level.value,
        rating=round(seller.rating_average, 2),
        rating_count=seller.rating_count,
        online=online,
    )


def _subcategory_label(slug: str, lang: Lang) -> str:
    sub = TAXONOMY.subcategory(slug)
    return sub.label.get(lang) if sub else slug
