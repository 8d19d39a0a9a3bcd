"""Bodies of the seller profile endpoints."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from facets.common import COUNTRIES, LANGUAGES, PROFICIENCIES, SELLER_LEVELS, label_of
from facets.model import Lang
from marketplace_core.accounts.rules import USERNAME_LENGTH, USERNAME_PATTERN
from marketplace_core.catalog.models import Seller
from marketplace_core.catalog.presence import is_online
from marketplace_core.sellers.rules import (
    DISPLAY_NAME_LENGTH,
    MAX_DESCRIPTION_LENGTH,
    MAX_LANGUAGES,
    LanguageInput,
    ProfileInput,
)
from search_api.schemas.base import PatchBody, ReadModel, RequestBody, examples
from search_api.schemas.bounds import chars, documented
from search_api.schemas.gigs import GigCardOut

_LANGUAGES_EXAMPLE: list[Any] = [
    {"code": "fr", "proficiency": "native"},
    {"code": "en", "proficiency": "fluent"},
]


class LanguageIn(RequestBody):
    code: str = Field(description="ISO 639-1, from the search's language filter", examples=["fr"])
    proficiency: str = Field(description="basic, conversational, fluent or native")


def _languages(given: list[LanguageIn] | None) -> list[LanguageInput] | None:
    return None if given is None else [LanguageInput(lang.code, lang.proficiency) for lang in given]


class SellerIn(RequestBody):
    """Level, rating and completed orders are the platform's: sending them is a 422."""

    model_config = examples(
        {
            "username": "claire_design",
            "display_name": "Claire Design",
            "description": "Graphiste indépendante depuis dix ans.",
            "languages": _LANGUAGES_EXAMPLE,
            "country": "FR",
            "accepts_quotes": True,
        }
    )

    username: str = chars(
        *reversed(USERNAME_LENGTH),
        pattern=USERNAME_PATTERN.pattern,
        description="the profile's address, not a reserved name; final",
    )
    display_name: str = chars(*reversed(DISPLAY_NAME_LENGTH), description="spaces collapsed")
    description: str = chars(MAX_DESCRIPTION_LENGTH, default="")
    languages: list[LanguageIn] = documented(
        min_items=1, max_items=MAX_LANGUAGES, description="each once"
    )
    country: str = Field(description="ISO 3166-1 alpha-2, among the search's countries")
    timezone: str | None = Field(
        default=None,
        description="an IANA zone of the country; may be left out when the country has one",
    )
    accepts_quotes: bool = False

    def to_input(self) -> ProfileInput:
        return _profile_input(self)


class SellerPatch(PatchBody):
    """Only the fields sent change; ``languages`` replaces the whole list. The username is
    final."""

    model_config = examples(
        {"display_name": "Claire Studio"}, {"country": "CA", "timezone": "America/Toronto"}
    )

    display_name: str | None = chars(*reversed(DISPLAY_NAME_LENGTH), default=None)
    description: str | None = chars(MAX_DESCRIPTION_LENGTH, default=None)
    languages: list[LanguageIn] | None = documented(
        min_items=1, max_items=MAX_LANGUAGES, default=None
    )
    country: str | None = None
    timezone: str | None = None
    accepts_quotes: bool | None = None

    def to_input(self) -> ProfileInput:
        return _profile_input(self)


def _profile_input(body: SellerIn | SellerPatch) -> ProfileInput:
    languages = _languages(body.languages)
    return ProfileInput(**body.model_dump(exclude={"username", "languages"}), languages=languages)


class HeartbeatIn(RequestBody):
    client: Literal["web", "app"] = "web"


class LanguageOut(BaseModel):
    code: str
    label: str
    proficiency: str
    proficiency_label: str


class _Profile(ReadModel):
    username: str
    display_name: str
    description: str
    languages: list[LanguageOut]
    country: str
    country_label: str
    timezone: str
    accepts_quotes: bool
    level: str
    level_label: str
    rating_average: float
    rating_count: int
    completed_orders: int
    member_since: datetime


def _profile(seller: Seller, lang: Lang) -> dict[str, Any]:
    """What a profile shows that is not stored as shown: labels, the rounded rating."""
    return {
        "languages": [
            LanguageOut(
                code=row.language,
                label=label_of(LANGUAGES, row.language, lang) or row.language,
                proficiency=row.proficiency,
                proficiency_label=label_of(PROFICIENCIES, row.proficiency, lang) or row.proficiency,
            )
            for row in seller.languages
        ],
        "country_label": label_of(COUNTRIES, seller.country, lang) or seller.country,
        "level_label": label_of(SELLER_LEVELS, seller.level.value, lang) or seller.level.value,
        "rating_average": round(seller.rating_average, 2),
        "member_since": seller.created_at,
    }


class OwnSellerOut(_Profile):
    """The seller's own profile."""

    @classmethod
    def of(cls, seller: Seller, lang: Lang) -> OwnSellerOut:
        return cls.read(seller, **_profile(seller, lang))


class PublicSellerOut(_Profile):
    """A seller's public page (R-SRCH-8): no e-mail, nothing private; the active gigs.

    ``reviews`` is empty for now: reviews (R-REV) arrive with orders.
    """

    model_config = examples(
        {
            "username": "claire_design",
            "display_name": "Claire Design",
            "description": "Graphiste indépendante depuis dix ans.",
            "languages": [
                {
                    "code": "fr",
                    "label": "Français",
                    "proficiency": "native",
                    "proficiency_label": "Langue maternelle",
                }
            ],
            "country": "FR",
            "country_label": "France",
            "timezone": "Europe/Paris",
            "accepts_quotes": True,
            "level": "level_1",
            "level_label": "Niveau 1",
            "rating_average": 4.9,
            "rating_count": 132,
            "completed_orders": 210,
            "member_since": "2025-06-01T10:00:00Z",
            "online": True,
            "gigs": [
                {
                    "id": 42,
                    "title": "Je vais créer un logo minimaliste pour votre entreprise",
                    "category": {
                        "slug": "graphisme-design",
                        "label": "Graphisme et design",
                    },
                    "subcategory": {
                        "slug": "conception-logo",
                        "label": "Conception de logo",
                    },
                    "price_from_cents": 2500,
                    "fastest_delivery_days": 3,
                    "thumbnail": "3f9c2a7e5b1d4c8e9f002a6d5e1b3c47",
                    "seller_username": "claire_design",
                }
            ],
            "reviews": [],
        }
    )

    online: bool
    gigs: list[GigCardOut]
    reviews: list[dict[str, Any]] = Field(
        default_factory=list, description="buyers' reviews; they arrive with orders"
    )

    @classmethod
    def of(
        cls,
        seller: Seller,
        gigs: list[GigCardOut],
        lang: Lang,
        *,
        now: datetime,
        window: timedelta,
    ) -> PublicSellerOut:
        online = is_online(seller.last_seen_at, now, window)
        return cls.read(seller, **_profile(seller, lang), online=online, gigs=gigs)
