"""Slugs shown with their labels in the language asked for: the category and subcategory of
a gig, quote or buyer request, and its attributes or criteria with their values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel

from facets.model import Attribute, Label, Lang
from facets.taxonomy import TAXONOMY


class Named(BaseModel):
    slug: str
    label: str


class AttributeOut(BaseModel):
    slug: str
    label: str
    values: list[Named]


class Labelled(Protocol):
    @property
    def label(self) -> Label: ...


def named(slug: str, found: Labelled | None, lang: Lang) -> Named:
    """The slug with its label; the slug again where the taxonomy no longer knows it."""
    return Named(slug=slug, label=found.label.get(lang) if found else slug)


def place(category: str, subcategory: str, lang: Lang) -> tuple[Named, Named]:
    return (
        named(category, TAXONOMY.category(category), lang),
        named(subcategory, TAXONOMY.subcategory(subcategory), lang),
    )


def attributes_out(
    given: Mapping[str, Sequence[str]], schema: Iterable[Attribute], lang: Lang
) -> list[AttributeOut]:
    """Each attribute (or quote criterion) given, with its values, labelled by ``schema``."""
    known = {a.slug: a for a in schema}
    found = []
    for slug, values in given.items():
        attribute = known.get(slug)
        labels = [named(v, attribute.choice(v) if attribute else None, lang) for v in values]
        found.append(
            AttributeOut(slug=slug, label=named(slug, attribute, lang).label, values=labels)
        )
    return found
