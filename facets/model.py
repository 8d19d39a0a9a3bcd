"""The shapes of the taxonomy: categories, subcategories and their filterable attributes.

Plain frozen dataclasses so the declaration in :mod:`facets.taxonomy` reads like data and
nothing else (HTTP, SQL, OpenSearch) leaks in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"


@dataclass(frozen=True)
class Label:
    fr: str
    en: str

    def get(self, lang: Lang = DEFAULT_LANG) -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class Choice:
    """One allowed value of an attribute (or of a common filter such as a language)."""

    slug: str
    label: Label


@dataclass(frozen=True)
class Attribute:
    """A category-specific property of a gig, filterable and counted as a facet."""

    slug: str
    label: Label
    choices: tuple[Choice, ...]
    multi: bool = False  # several values on one gig ("Inclus dans le service") or exactly one

    def __post_init__(self) -> None:
        slugs = [c.slug for c in self.choices]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"duplicate choice in attribute {self.slug!r}")

    @property
    def allowed(self) -> tuple[str, ...]:
        return tuple(c.slug for c in self.choices)

    def choice(self, slug: str) -> Choice | None:
        return next((c for c in self.choices if c.slug == slug), None)


@dataclass(frozen=True)
class Subcategory:
    slug: str
    label: Label
    attributes: tuple[Attribute, ...]
    # What a buyer fills in when asking a seller of this subcategory for a quote
    # ("Obtenir un devis", R-QUO-1/2) or posting a buyer request (R-REQ-1).
    # Empty means the subcategory does not offer quotes.
    quote_criteria: tuple[Attribute, ...] = ()
    category_slug: str = field(default="", compare=False)

    @property
    def offers_quotes(self) -> bool:
        return bool(self.quote_criteria)

    def attribute(self, slug: str) -> Attribute | None:
        return next((a for a in self.attributes if a.slug == slug), None)


@dataclass(frozen=True)
class Category:
    slug: str
    label: Label
    subcategories: tuple[Subcategory, ...]


class Taxonomy:
    """The category tree with lookups by slug."""

    def __init__(self, categories: Iterable[Category]) -> None:
        cats: list[Category] = []
        subs: dict[str, Subcategory] = {}
        for cat in categories:
            linked = tuple(
                Subcategory(s.slug, s.label, s.attributes, s.quote_criteria, cat.slug)
                for s in cat.subcategories
            )
            cat = Category(cat.slug, cat.label, linked)
            for sub in linked:
                if sub.slug in subs:
                    raise ValueError(f"duplicate subcategory slug {sub.slug!r}")
                subs[sub.slug] = sub
            cats.append(cat)
        if len({c.slug for c in cats}) != len(cats):
            raise ValueError("duplicate category slug")
        self.categories: tuple[Category, ...] = tuple(cats)
        self._categories = {c.slug: c for c in cats}
        self._subcategories = subs

    def __iter__(self) -> Iterator[Category]:
        return iter(self.categories)

    def category(self, slug: str) -> Category | None:
        return self._categories.get(slug)

    def subcategory(self, slug: str) -> Subcategory | None:
        return self._subcategories.get(slug)

    @property
    def subcategories(self) -> tuple[Subcategory, ...]:
        return tuple(self._subcategories.values())


def choices(*items: tuple[str, str, str]) -> tuple[Choice, ...]:
    """``choices(("vintage", "Vintage", "Vintage"), ...)`` — slug, French label, English label."""
    return tuple(Choice(slug, Label(fr, en)) for slug, fr, en in items)
