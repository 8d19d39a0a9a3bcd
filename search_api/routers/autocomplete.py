"""``GET /autocomplete``: search terms suggested as the buyer types, with where they are found."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from facets.model import DEFAULT_LANG, Lang
from indexer.suggest_cache import SuggestionCache
from indexer.suggestions import MAX_QUERY_CHARS, Suggestion, clean_query
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


class Autocomplete(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "q": "logo",
                    "lang": "fr",
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

    q: str = Field(description="Le texte reçu, nettoyé (pour reconnaître la réponse à jour).")
    lang: Lang
    suggestions: list[SuggestionOut]


@router.get(
    "/autocomplete",
    response_model=Autocomplete,
    summary="Suggestions de la barre de recherche",
    description=(
        "Jusqu'à 8 termes de recherche fréquents qui commencent comme le texte saisi (sur "
        "n'importe quel mot, sans tenir compte des accents, avec tolérance aux fautes de frappe), "
        "chacun avec la catégorie › sous-catégorie où il se trouve et le nombre de services. "
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
    runtime: Runtime = request.app.state.runtime
    text = clean_query(q)
    cache: SuggestionCache = request.app.state.suggestion_cache
    found = await cache.suggest(request.app.state.search_async, runtime.names, text, lang)
    return Autocomplete(q=text, lang=lang, suggestions=[SuggestionOut.of(s) for s in found])
