"""``GET /gigs/{id}``: the public page of a gig."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from facets.model import DEFAULT_LANG, Lang
from marketplace_core.catalog.gigs import public_gig
from search_api.deps import DbSession, Id, OptionalUser, RuntimeDep
from search_api.schemas.errors import errors
from search_api.schemas.gigs import GigPageOut, SellerSummaryOut

router = APIRouter(tags=["gigs"])


@router.get(
    "/gigs/{gig_id}",
    summary="Page d'un service",
    description=(
        "Title, description, tags, category and subcategory, attributes with their labels "
        "(`lang=fr` or `en`), packages and a summary of the seller. Drafts, paused and "
        "deleted gigs are 404 to everyone but their seller (send the bearer token to see "
        "yours)."
    ),
    responses=errors(401, 404, 422),
)
def gig_page(
    gig_id: Id,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: OptionalUser,
    lang: Annotated[Lang, Query(description="labels in French (fr) or English (en)")] = (
        DEFAULT_LANG
    ),
) -> GigPageOut:
    gig = public_gig(session, gig_id, viewer.user.id if viewer else None)
    seller = SellerSummaryOut.of(
        gig.seller, lang, now=runtime.clock.now(), window=runtime.online_window
    )
    return GigPageOut.of(gig, lang, seller)
