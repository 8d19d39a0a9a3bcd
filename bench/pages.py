"""The results pages the bench asks for: queries, browse pages, filters and sorts, mixed.

Deterministic (seeded): the same run asks for the same pages, each distinct, so no cache of
a page's answer serves a repeat within a measure.
"""

from __future__ import annotations

import random
from urllib.parse import urlencode

from facets.taxonomy import TAXONOMY

QUERIES = [
    "logo",
    "logo minimaliste",
    "création logo entreprise",
    "identité visuelle",
    "charte graphique",
    "illustration livre enfant",
    "carte de visite",
    "visuels instagram",
    "traduction",
    "traduction anglais français",
    "traduction juridique",
    "relecture mémoire",
    "rédaction article blog",
    "fiche produit",
    "cv",
    "lettre de motivation",
    "montage vidéo",
    "vidéo youtube",
    "vidéo explicative",
    "animation logo",
    "sous-titres",
    "voix off",
    "voix off femme",
    "mixage mastering",
    "musique originale",
    "podcast",
    "site wordpress",
    "site vitrine",
    "boutique shopify",
    "application mobile",
    "seo",
    "audit seo",
    "community manager",
    "publicité facebook",
    "newsletter",
    "business plan",
    "étude de marché",
    "assistante virtuelle",
    "saisie de données",
    # As buyers type them: typos, no accents, the start of a word.
    "lgo",
    "tradcution",
    "delai",
    "montage vide",
    "developpeur",
]

FILTERS = [
    "",
    "",
    "level=top_rated",
    "level=level_1&level=level_2",
    "language=en",
    "country=FR&country=BE",
    "country=SN&country=CI&country=CM",
    "online=true",
    "budget_max=5000",
    "budget_min=2000&budget_max=10000",
    "delivery=24h",
    "delivery=3d&budget_max=3000",
    "delivery=7d&level=level_2",
    "language=en&online=true",
    "budget_max=2500&level=new",
]
QUERY_SORTS = ["relevance", "relevance", "relevance", "price_asc", "newest", "rating"]
BROWSE_SORTS = ["best_selling", "best_selling", "price_asc", "price_desc", "newest", "rating"]


def _attribute_filter(rng: random.Random, subcategory: str) -> str:
    sub = TAXONOMY.subcategory(subcategory)
    assert sub is not None
    if not sub.attributes or rng.random() < 0.4:
        return ""
    attribute = rng.choice(sub.attributes)
    values = rng.sample(attribute.choices, min(len(attribute.choices), rng.choice((1, 1, 2))))
    return urlencode([(attribute.slug, c.slug) for c in values])


def _join(*parts: str) -> str:
    return "&".join(p for p in parts if p)


def results_pages(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct query strings: about 60 % query pages, 40 % browse pages (a
    category, or a subcategory with its own attribute filters)."""
    rng = random.Random(seed)
    subcategories = [s.slug for s in TAXONOMY.subcategories]
    categories = [c.slug for c in TAXONOMY.categories]
    pages: dict[str, None] = {}
    while len(pages) < count:
        roll = rng.random()
        filters = rng.choice(FILTERS)
        if roll < 0.6:
            sort = rng.choice(QUERY_SORTS)
            page = _join(
                urlencode({"q": rng.choice(QUERIES)}),
                filters,
                f"sort={sort}" if sort != "relevance" else "",
            )
        elif roll < 0.75:
            page = _join(
                f"category={rng.choice(categories)}", filters, f"sort={rng.choice(BROWSE_SORTS)}"
            )
        else:
            sub = rng.choice(subcategories)
            page = _join(
                f"subcategory={sub}",
                _attribute_filter(rng, sub),
                filters,
                f"sort={rng.choice(BROWSE_SORTS)}",
            )
        pages[page] = None
    return list(pages)


def scope_pages() -> list[str]:
    """One page per scope (the catalog, each category, each subcategory): asked before the
    measures so that the per-scope price bands are known, as in a running engine."""
    return (
        ["size=1"]
        + [f"category={c.slug}&size=1" for c in TAXONOMY.categories]
        + [f"subcategory={s.slug}&size=1" for s in TAXONOMY.subcategories]
    )
