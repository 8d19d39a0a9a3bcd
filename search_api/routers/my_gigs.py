"""``/me/gigs``: a seller manages their gigs.

Someone else's gig is answered 404, for reading and for every change, as if it did not
exist: the answer never tells whether another seller's gig exists. Content changes need
``If-Match`` with the version they are based on; the actions accept it too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from facets.model import DEFAULT_LANG, Lang
from facets.taxonomy import TAXONOMY
from marketplace_core.catalog import gigs as service
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.lifecycle import GigAction
from marketplace_core.catalog.models import Gig
from search_api.action_routes import ActionRoute, add_action_routes
from search_api.deps import (
    CurrentUser,
    DbSession,
    LangParam,
    OptionalVersion,
    RequiredVersion,
    RuntimeDep,
)
from search_api.resources import OwnGig, OwnGigForUpdate
from search_api.schemas.errors import CONFLICT_GIG, errors
from search_api.schemas.gigs import GigIn, GigPatch, OwnGigOut

router = APIRouter(prefix="/me/gigs", tags=["seller gigs"])

ETAG_HEADER = {"ETag": {"description": 'the version, e.g. `"3"`', "schema": {"type": "string"}}}


def _out(gig: Gig, response: Response, lang: Lang) -> OwnGigOut:
    response.headers["ETag"] = f'"{gig.version}"'
    return OwnGigOut.of(gig, lang)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Créer un service (brouillon)",
    description=(
        "Creates a draft gig; `POST /me/gigs/{id}/publish` puts it in search. Packages: basic "
        "required, standard and premium optional (premium needs standard); prices in US "
        "dollar cents, at least 500; at most 5 tags; attributes from the subcategory's list."
    ),
    responses=errors(401, 403, 413, 422)
    | {201: {"description": "the draft", "headers": ETAG_HEADER}},
)
def create(
    body: GigIn,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    response: Response,
    lang: LangParam = DEFAULT_LANG,
) -> OwnGigOut:
    gig = service.create_own_gig(
        session, principal.user.id, body.to_input(), taxonomy=TAXONOMY, clock=runtime.clock
    )
    return _out(gig, response, lang)


@router.get(
    "",
    summary="Mes services",
    description="All of the seller's gigs, drafts and paused ones included, newest first; "
    "deleted ones only with `status=deleted`.",
    responses=errors(401, 403, 422),
)
def list_gigs(
    principal: CurrentUser,
    session: DbSession,
    status_: Annotated[
        list[GigStatus] | None, Query(alias="status", description="only these statuses")
    ] = None,
    lang: LangParam = DEFAULT_LANG,
) -> list[OwnGigOut]:
    return [
        OwnGigOut.of(g, lang) for g in service.list_own_gigs(session, principal.user.id, status_)
    ]


@router.get(
    "/{gig_id}",
    summary="Un de mes services",
    responses=errors(401, 404, 422) | {200: {"description": "the gig", "headers": ETAG_HEADER}},
)
def read(gig: OwnGig, response: Response, lang: LangParam = DEFAULT_LANG) -> OwnGigOut:
    return _out(gig, response, lang)


@router.patch(
    "/{gig_id}",
    summary="Modifier un service",
    description=(
        "Only the fields sent change (`packages` replaces the whole list); the result is "
        'validated as a new gig. **`If-Match: "<version>"` is required**: if the gig changed '
        "since that version the answer is 409 with `current_version`, and nothing is "
        "written. An active gig's changes reach search within seconds."
    ),
    responses=errors(401, 404, 413, 422)
    | CONFLICT_GIG
    | {200: {"description": "the gig", "headers": ETAG_HEADER}},
)
def update(
    body: GigPatch,
    version: RequiredVersion,
    gig: OwnGigForUpdate,
    session: DbSession,
    runtime: RuntimeDep,
    response: Response,
    lang: LangParam = DEFAULT_LANG,
) -> OwnGigOut:
    service.update_gig(
        session,
        gig,
        body.to_changes(),
        expected_version=version,
        taxonomy=TAXONOMY,
        clock=runtime.clock,
    )
    return _out(gig, response, lang)


_ACTION_RESPONSES = (
    errors(401, 404, 422) | CONFLICT_GIG | {200: {"description": "the gig", "headers": ETAG_HEADER}}
)


def _action(action: GigAction) -> Callable[..., OwnGigOut]:
    def endpoint(
        gig: OwnGigForUpdate,
        version: OptionalVersion,
        session: DbSession,
        runtime: RuntimeDep,
        response: Response,
        lang: LangParam = DEFAULT_LANG,
    ) -> OwnGigOut:
        service.apply_action(session, gig, action, expected_version=version, clock=runtime.clock)
        return _out(gig, response, lang)

    return endpoint


add_action_routes(
    router,
    "/{gig_id}",
    _action,
    [
        ActionRoute(
            GigAction.PUBLISH,
            "Publier un brouillon",
            "draft → active: the gig is searchable within seconds.",
        ),
        ActionRoute(
            GigAction.PAUSE,
            "Mettre en pause",
            "active → paused: the gig leaves search within seconds.",
        ),
        ActionRoute(
            GigAction.RESUME,
            "Réactiver",
            "paused → active: the gig is back in search within seconds.",
        ),
    ],
    response_model=OwnGigOut,
    responses=_ACTION_RESPONSES,
)


@router.delete(
    "/{gig_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Supprimer un service",
    description="Any status but deleted → deleted (kept, hidden from everyone but its seller; "
    "final).",
    responses=errors(401, 404, 422) | CONFLICT_GIG,
)
def delete(
    gig: OwnGigForUpdate, version: OptionalVersion, session: DbSession, runtime: RuntimeDep
) -> Response:
    service.apply_action(
        session, gig, GigAction.DELETE, expected_version=version, clock=runtime.clock
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
