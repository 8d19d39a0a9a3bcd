"""The curated default thesaurus: words buyers type that gig texts may not use.

Data only, per language of the words. Customer support edits the live thesaurus through the
API; these rules are installed once into it (a removed default stays removed). An
equivalence lists phrasings that mean the same; an expansion maps terms to targets, one way.
"""

from __future__ import annotations

from facets.model import Lang

Equivalence = tuple[str, ...]
Expansion = tuple[tuple[str, ...], tuple[str, ...]]

EQUIVALENCES: dict[Lang, tuple[Equivalence, ...]] = {
    "fr": (),
    "en": (),
}

EXPANSIONS: dict[Lang, tuple[Expansion, ...]] = {
    "fr": (),
    "en": (),
}
