"""``/me/favorites``: the gigs a buyer hearts while comparing sellers (R-REQ-7)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from facets.model import DEFAULT_LANG, Lang
from marketplace_core.favorites import service
from search_api.deps import CurrentUser, DbSession, Id, RuntimeDep
from search_api.schemas.errors import errors
from search_api.schemas.favorites import FavoriteOut
from search_api.schemas.gigs import GigCardOut

router = APIRouter(prefix="/me/favorites", tags=["favorites"])


@router.get(
    "",
    summary="Mes favoris",
    description="The hearted gigs that are still public, last hearted first. A paused gig "
    "keeps its heart and shows again when resumed.",
    responses=errors(401, 422),
)
def list_favorites(
    principal: CurrentUser,
    session: DbSession,
    lang: Annotated[Lang, Query(description="labels in French (fr) or English (en)")] = (
        DEFAULT_LANG
    ),
) -> list[FavoriteOut]:
    return [
        FavoriteOut(gig=GigCardOut.of(h.gig, lang), hearted_at=h.hearted_at)
        for h in service.favorites(session, principal.user.id)
    ]


@router.put(
    "/{gig_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Ajouter aux favoris",
    description="Idempotent. Only public (active) gigs can be hearted: others are 404.",
    responses=errors(401, 404, 422),
)
def heart(gig_id: Id, principal: CurrentUser, session: DbSession, runtime: RuntimeDep) -> Response:
    service.heart(session, principal.user.id, gig_id, clock=runtime.clock)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/{gig_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Retirer des favoris",
    description="Idempotent: removing a gig that is not a favorite is not an error.",
    responses=errors(401, 422),
)
def unheart(gig_id: Id, principal: CurrentUser, session: DbSession) -> Response:
    service.unheart(session, principal.user.id, gig_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
