"""What the taxonomy calls a gig, in each language: its subcategory, its category and the
labels of its attribute values.

Gigs are written in French; buyers also type English, and the words a buyer uses may be
the taxonomy's rather than the seller's ("charte graphique" is a deliverable the gig's text
may not name). Search documents carry these labels, analysed per language. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from facets.model import LANGS, Lang, Taxonomy


@dataclass(frozen=True)
class GigLabels:
    """Per language: the subcategory's and category's names, then the attribute values'."""

    names: dict[Lang, list[str]]
    values: dict[Lang, list[str]]


def gig_labels(
    taxonomy: Taxonomy,
    subcategory: str,
    attributes: Mapping[str, Sequence[str]],
) -> GigLabels:
    """Unknown slugs (a taxonomy changed since the gig was written) are left out."""
    names: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
    values: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
    sub = taxonomy.subcategory(subcategory)
    if sub is None:
        return GigLabels(names, values)
    category = taxonomy.category(sub.category_slug)
    for lang in LANGS:
        names[lang].append(sub.label.get(lang))
        if category is not None:
            names[lang].append(category.label.get(lang))
    for slug, chosen in attributes.items():
        attribute = sub.attribute(slug)
        if attribute is None:
            continue
        for value in chosen:
            choice = attribute.choice(value)
            if choice is not None:
                for lang in LANGS:
                    values[lang].append(choice.label.get(lang))
    return GigLabels(names, values)
