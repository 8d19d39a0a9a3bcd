"""``GET /autocomplete``: search terms suggested as the buyer types, with where they are found,
and what the text typed so far is about — the search's own query understanding, the live one
the app keeps (``app.state.understanding``), the last word read as the start of one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from facets.model import DEFAULT_LANG, Lang
from facets.taxonomy import TAXONOMY
from indexer.suggest_cache import SuggestionCache
from indexer.suggestions import DEFAULT_SIZE, MAX_QUERY_CHARS, Suggestion, clean_query
from indexer.understanding import Understood
from microtache.runtime import Runtime
from search_api.rate_limits import limited
from search_api.schemas.errors import RATE_LIMITED, errors

router = APIRouter(tags=["search"])


class Place(BaseModel):
    slug: str
    label: str


class SuggestionOut(BaseModel):
    term: str = Field(description="Le terme de recherche, tel que les acheteurs l'écrivent.")
    category: Place
    subcategory: Place
    count: int = Field(description="Nombre de services actifs de la sous-catégorie pour ce terme.")

    @classmethod
    def of(cls, s: Suggestion) -> SuggestionOut:
        return cls(
            term=s.term,
            category=Place(slug=s.category_slug, label=s.category_label),
            subcategory=Place(slug=s.subcategory_slug, label=s.subcategory_label),
            count=s.count,
        )


IN_PLACE = {"fr": "dans {}", "en": "in {}"}


class TypedUnderstood(BaseModel):
    """What the text typed so far is about, when the search's query understanding is
    confident: its suggestions come first, and the search bar offers its results first
    (« logo — dans Conception de logo »)."""

    category: Place
    subcategory: Place | None = Field(
        description="Vide (null) quand seule la catégorie se détache."
    )
    confidence: float = Field(
        ge=0, le=1, description="Part des indices qui désignent ce lieu (0 à 1)."
    )
    label: str = Field(description="« dans Conception de logo », dans la langue demandée.")

    @classmethod
    def of(cls, found: Understood | None, lang: Lang) -> TypedUnderstood | None:
        place_found = found.place(TAXONOMY) if found else None
        if found is None or place_found is None:
            return None
        category, sub = place_found
        place = sub.label.get(lang) if sub else category.label.get(lang)
        return cls(
            category=Place(slug=category.slug, label=category.label.get(lang)),
            subcategory=Place(slug=sub.slug, label=sub.label.get(lang)) if sub else None,
            confidence=found.confidence,
            label=IN_PLACE[lang].format(place),
        )


class Autocomplete(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "q": "logo",
                    "lang": "fr",
                    "understood": {
                        "category": {"slug": "graphisme-design", "label": "Graphisme et design"},
                        "subcategory": {"slug": "conception-logo", "label": "Conception de logo"},
                        "confidence": 0.82,
                        "label": "dans Conception de logo",
                    },
                    "suggestions": [
                        {
                            "term": "conception de logo",
                            "category": {
                                "slug": "graphisme-design",
                                "label": "Graphisme et design",
                            },
                            "subcategory": {
                                "slug": "conception-logo",
                                "label": "Conception de logo",
                            },
                            "count": 412,
                        },
                        {
                            "term": "logo minimaliste",
                            "category": {
                                "slug": "graphisme-design",
                                "label": "Graphisme et design",
                            },
                            "subcategory": {
                                "slug": "conception-logo",
                                "label": "Conception de logo",
                            },
                            "count": 97,
                        },
                        {
                            "term": "animation de logo",
                            "category": {"slug": "video-animation", "label": "Vidéo et animation"},
                            "subcategory": {"slug": "animation-logo", "label": "Animation de logo"},
                            "count": 64,
                        },
                    ],
                }
            ]
        }
    )

    q: str = Field(
        max_length=MAX_QUERY_CHARS,
        description="Le texte reçu, nettoyé (pour reconnaître la réponse à jour).",
    )
    lang: Lang
    understood: TypedUnderstood | None = Field(
        default=None,
        description="Ce dont parle le texte saisi, quand la compréhension des recherches en est "
        "sûre ; vide (null) sinon.",
    )
    suggestions: list[SuggestionOut] = Field(max_length=DEFAULT_SIZE)


@router.get(
    "/autocomplete",
    response_model=Autocomplete,
    summary="Suggestions de la barre de recherche",
    description=(
        "Jusqu'à 8 termes de recherche fréquents qui commencent comme le texte saisi (sur "
        "n'importe quel mot, sans tenir compte des accents, avec tolérance aux fautes de frappe), "
        "chacun avec la catégorie › sous-catégorie où il se trouve et le nombre de services. "
        "Quand la compréhension des recherches est sûre de la sous-catégorie (ou de la "
        "catégorie) dont parle le texte saisi, `understood` la donne, et ses termes viennent "
        "en premier parmi ceux qui correspondent aussi bien. "
        "Les libellés sont en français, ou en anglais avec `lang=en`."
    ),
    responses=errors(422) | RATE_LIMITED,
    dependencies=[limited("autocomplete")],
)
async def autocomplete(
    request: Request,
    q: Annotated[
        str | None,
        Query(
            description=f"Texte saisi, 1 à {MAX_QUERY_CHARS} caractères.",
            examples=["logo", "tradcution", "delai"],
        ),
    ] = None,
    lang: Annotated[Lang, Query(description="Langue des libellés.")] = DEFAULT_LANG,
) -> Autocomplete:
    state = request.app.state
    runtime: Runtime = state.runtime
    text = clean_query(q)
    about = state.understanding.current.understand(text, state.thesaurus.current, partial_last=True)
    cache: SuggestionCache = state.suggestion_cache
    found = await cache.suggest(state.search_async, runtime.names, text, lang, about)
    return Autocomplete(
        q=text,
        lang=lang,
        understood=TypedUnderstood.of(about, lang),
        suggestions=[SuggestionOut.of(s) for s in found],
    )
