"""Bodies of the gig endpoints: what a seller sends, what a seller and a buyer read."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import Field

from facets.common import COUNTRIES, SELLER_LEVELS, label_of
from facets.model import Attribute, Lang
from facets.taxonomy import TAXONOMY
from marketplace_core.catalog.gigs import GigChanges
from marketplace_core.catalog.lifecycle import LIFECYCLE
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.catalog.presence import is_online
from marketplace_core.catalog.rules import (
    MAX_DELIVERY_DAYS,
    MAX_DESCRIPTION_LENGTH,
    MAX_REVISIONS,
    MAX_TAGS,
    TITLE_LENGTH,
    GigInput,
    PackageInput,
)
from search_api.schemas.base import PatchBody, ReadModel, RequestBody, examples
from search_api.schemas.bounds import chars, documented, price
from search_api.schemas.labels import AttributeOut, Named, attributes_out, place

_PACKAGE_EXAMPLE: dict[str, Any] = {
    "tier": "basic",
    "price_cents": 2500,
    "delivery_days": 3,
    "revisions": 2,
    "description": "Un concept, fichiers PNG et SVG",
}
_GIG_EXAMPLE: dict[str, Any] = {
    "title": "Je vais créer un logo minimaliste pour votre entreprise",
    "description": "Un logo clair et moderne, livré en vectoriel avec fichiers sources.",
    "subcategory": "conception-logo",
    "tags": ["logo", "logo minimaliste"],
    "attributes": {"style": ["minimaliste"], "format-fichier": ["svg", "png"]},
    "packages": [
        _PACKAGE_EXAMPLE,
        {"tier": "standard", "price_cents": 6000, "delivery_days": 2, "revisions": 5},
    ],
}


# -- in ---------------------------------------------------------------------------------------
class PackageIn(RequestBody):
    model_config = examples(_PACKAGE_EXAMPLE)

    tier: str = Field(description="basic, standard or premium")
    price_cents: int = price(description="US dollar cents, at least 500 ($5)")
    delivery_days: int = documented(1, MAX_DELIVERY_DAYS, description="1 to 90")
    revisions: int = documented(0, MAX_REVISIONS, default=0)
    description: str = Field(default="", max_length=2000)

    def to_input(self) -> PackageInput:
        return PackageInput(**self.model_dump())


class GigIn(RequestBody):
    """A new gig; it is created as a draft."""

    model_config = examples(_GIG_EXAMPLE)

    title: str = chars(*reversed(TITLE_LENGTH), description="spaces collapsed")
    description: str = chars(MAX_DESCRIPTION_LENGTH, 1)
    subcategory: str = Field(description="a subcategory slug (see GET /categories)")
    tags: list[str] = documented(max_items=MAX_TAGS, default_factory=list)
    attributes: dict[str, list[str]] = Field(
        default_factory=dict, description="the subcategory's attributes, slug → value slugs"
    )
    packages: list[PackageIn] = Field(
        description="basic required; premium only with standard; each tier once"
    )

    def to_input(self) -> GigInput:
        packages = [p.to_input() for p in self.packages]
        return GigInput(**self.model_dump(exclude={"packages"}), packages=packages)


class GigPatch(PatchBody):
    """Only the fields sent change; ``packages`` replaces the whole list."""

    model_config = examples(
        {"title": "Je vais créer un logo vintage pour votre marque"},
        {"packages": [{"tier": "basic", "price_cents": 3500, "delivery_days": 3}]},
    )

    title: str | None = chars(*reversed(TITLE_LENGTH), default=None)
    description: str | None = chars(MAX_DESCRIPTION_LENGTH, 1, default=None)
    subcategory: str | None = None
    tags: list[str] | None = documented(max_items=MAX_TAGS, default=None)
    attributes: dict[str, list[str]] | None = None
    packages: list[PackageIn] | None = None

    def to_changes(self) -> GigChanges:
        packages = None if self.packages is None else [p.to_input() for p in self.packages]
        return GigChanges(**self.model_dump(exclude={"packages"}), packages=packages)


# -- out --------------------------------------------------------------------------------------
_CONTENT_EXAMPLE: dict[str, Any] = {
    "id": 42,
    "status": "active",
    "title": _GIG_EXAMPLE["title"],
    "description": _GIG_EXAMPLE["description"],
    "tags": ["logo", "logo minimaliste"],
    "category": {"slug": "graphisme-design", "label": "Graphisme et design"},
    "subcategory": {"slug": "conception-logo", "label": "Conception de logo"},
    "attributes": [
        {
            "slug": "style",
            "label": "Style",
            "values": [{"slug": "minimaliste", "label": "Minimaliste"}],
        }
    ],
    "packages": [_PACKAGE_EXAMPLE],
    "price_from_cents": 2500,
    "fastest_delivery_days": 3,
    "thumbnail": "3f9c2a7e5b1d4c8e9f002a6d5e1b3c47",
}
_SELLER_SUMMARY_EXAMPLE: dict[str, Any] = {
    "username": "claire_design",
    "display_name": "Claire Design",
    "level": "level_1",
    "level_label": "Niveau 1",
    "country": "FR",
    "country_label": "France",
    "rating": 4.9,
    "rating_count": 132,
    "completed_orders": 210,
    "online": True,
}


class PackageOut(ReadModel):
    tier: str
    price_cents: int
    delivery_days: int
    revisions: int
    description: str


class SellerSummaryOut(ReadModel):
    username: str
    display_name: str
    level: str
    level_label: str
    country: str
    country_label: str
    rating: float
    rating_count: int
    completed_orders: int
    online: bool

    @classmethod
    def of(
        cls, seller: Seller, lang: Lang, *, now: datetime, window: timedelta
    ) -> SellerSummaryOut:
        return cls.read(
            seller,
            level_label=label_of(SELLER_LEVELS, seller.level.value, lang) or seller.level.value,
            country_label=label_of(COUNTRIES, seller.country, lang) or seller.country,
            rating=round(seller.rating_average, 2),
            online=is_online(seller.last_seen_at, now, window),
        )


def thumbnail(gig: Gig) -> str | None:
    return gig.images[0].key if gig.images else None  # the same key as in search documents


def _schema(gig: Gig) -> tuple[Attribute, ...]:
    sub = TAXONOMY.subcategory(gig.subcategory)
    return sub.attributes if sub else ()


def _packages(gig: Gig) -> list[PackageOut]:
    # The tier is an enum once loaded, a plain str on a new row.
    by_price = sorted(gig.packages, key=lambda p: p.price_cents)
    return [PackageOut.read(p, tier=str(p.tier)) for p in by_price]


class GigCardOut(ReadModel):
    """A gig in a list: a seller's profile, favorites."""

    id: int
    title: str
    category: Named
    subcategory: Named
    price_from_cents: int
    fastest_delivery_days: int
    thumbnail: str | None
    seller_username: str

    @classmethod
    def of(cls, gig: Gig, lang: Lang) -> GigCardOut:
        return cls.read(gig, **_shown(gig, lang), seller_username=gig.seller.username)


class _GigContent(ReadModel):
    id: int
    status: str
    title: str
    description: str
    tags: list[str]
    category: Named
    subcategory: Named
    attributes: list[AttributeOut]
    packages: list[PackageOut]
    price_from_cents: int
    fastest_delivery_days: int
    thumbnail: str | None


def _shown(gig: Gig, lang: Lang) -> dict[str, Any]:
    """What a gig shows that is not stored as shown: labels, the lowest price and delay."""
    category, subcategory = place(gig.category, gig.subcategory, lang)
    return {
        "category": category,
        "subcategory": subcategory,
        "price_from_cents": min(p.price_cents for p in gig.packages),
        "fastest_delivery_days": min(p.delivery_days for p in gig.packages),
        "thumbnail": thumbnail(gig),
    }


def _content(gig: Gig, lang: Lang) -> dict[str, Any]:
    return _shown(gig, lang) | {
        "attributes": attributes_out(gig.attributes, _schema(gig), lang),
        "packages": _packages(gig),
    }


class OwnGigOut(_GigContent):
    """A gig as its seller manages it."""

    model_config = examples(
        _CONTENT_EXAMPLE
        | {
            "version": 3,
            "allowed_actions": ["update", "pause", "delete"],
            "created_at": "2026-03-02T09:00:00Z",
            "updated_at": "2026-03-04T17:30:00Z",
        }
    )

    version: int = Field(description='send it back as `If-Match: "<version>"` to change it')
    allowed_actions: list[str] = Field(description="what the status allows now")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, gig: Gig, lang: Lang) -> OwnGigOut:
        allowed = [a.value for a in LIFECYCLE.allowed(gig.status)]
        return cls.read(gig, **_content(gig, lang), allowed_actions=allowed)


class GigPageOut(_GigContent):
    """The public page of a gig. ``status`` is always ``active`` for buyers; its owner also
    sees their drafts, paused and deleted gigs here."""

    model_config = examples(_CONTENT_EXAMPLE | {"seller": _SELLER_SUMMARY_EXAMPLE})

    seller: SellerSummaryOut

    @classmethod
    def of(cls, gig: Gig, lang: Lang, seller: SellerSummaryOut) -> GigPageOut:
        return cls.read(gig, **_content(gig, lang), seller=seller)
