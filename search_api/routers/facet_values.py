"""``GET /search/facet-values``: search the values of a long facet under the page's filters."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from facets.errors import InvalidSelection
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from facets.value_search import MAX_TEXT
from indexer.facet_values import MAX_LIMIT, facet_values_steps
from indexer.steps import run_async
from marketplace_core.errors import FieldProblem, InvalidInput
from microtache.runtime import Runtime
from search_api.routers.search import SEARCH_PARAMETERS, _param
from search_api.schemas.errors import errors

router = APIRouter(tags=["search"])
OWN = ("facet", "q", "query", "limit")


class ValueOut(BaseModel):
    value: str
    label: str
    count: int
    selected: bool
    params: dict[str, str]


class FacetValuesOut(BaseModel):
    facet: str
    label: str
    values: list[ValueOut]


PARAMETERS = [
    _param(
        "facet", "language, country, level or an attribute of the subcategory", example="language"
    ),
    _param(
        "q", f"the first letters of the values' names, at most {MAX_TEXT} characters", example="por"
    ),
    _param("query", "the results page's words (its `q`)", example="traduction"),
    _param("limit", f"1 to {MAX_LIMIT} values (10)", "integer"),
    *(p for p in SEARCH_PARAMETERS if p["name"] not in ("q", "page", "size", "cursor", "sort")),
]


@router.get(
    "/search/facet-values",
    response_model=FacetValuesOut,
    summary="Chercher parmi les valeurs d'un filtre",
    description="The values of a long facet whose names start with the letters `q`, each with "
    "its count on the current results under the other filters (the page's own parameters, its "
    "words as `query`); the facet's own selection is left out of its counts, as on the page.",
    responses=errors(422),
    openapi_extra={"parameters": PARAMETERS},
)
async def facet_values(request: Request) -> FacetValuesOut:
    runtime: Runtime = request.app.state.runtime
    params = list(request.query_params.multi_items())
    own = {name: [v for n, v in params if n == name] for name in OWN}
    problems: list[FieldProblem] = [
        FieldProblem(name, "parameter.single", f"{name} takes one value")
        for name, values in own.items()
        if len(values) > 1
    ]
    facet = (own["facet"] or [""])[0].strip()
    text = (own["q"] or [""])[0]
    if not facet:
        problems.append(FieldProblem("facet", "facet.required", "facet is required"))
    if len(text) > MAX_TEXT:
        problems.append(FieldProblem("q", "q.too_long", f"q is limited to {MAX_TEXT} characters"))
    limit = 10
    if own["limit"]:
        try:
            limit = int(own["limit"][0])
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_LIMIT:
            problems.append(
                FieldProblem("limit", "limit.range", f"limit must be between 1 and {MAX_LIMIT}")
            )
    page_params = [(n, v) for n, v in params if n not in OWN] + [("q", v) for v in own["query"]]
    try:
        selection = parse_selection(page_params, TAXONOMY)
    except InvalidSelection as exc:
        # The page's words are `query` here.
        problems += [
            FieldProblem("query" if p.field == "q" else p.field, p.rule, p.message)
            for p in exc.problems
        ]
    if problems:
        raise InvalidInput(problems)
    found = await run_async(
        request.app.state.search_async,
        facet_values_steps(
            runtime.names,
            selection,
            TAXONOMY,
            facet,
            text,
            limit=limit,
            thesaurus=request.app.state.thesaurus.current,
        ),
    )
    return FacetValuesOut.model_validate(found, from_attributes=True)
