"""``GET /buyers/{user_id}``: a buyer's public profile, with the sellers' reviews of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marketplace_core.reviews import service as reviews
from search_api.deps import MAX_ID, DbSession, Id
from search_api.schemas.buyers import BuyerProfileOut
from search_api.schemas.errors import errors

router = APIRouter(tags=["buyers"])


@router.get(
    "/buyers/{user_id}",
    summary="Profil public d'un client",
    description=(
        "What anyone sees of a buyer: the sellers' published reviews of them (seller, stars, "
        "text, date), newest first, with their count and average (R-REV-4). Double blind as "
        "on the seller's page: only published reviews, never a removed one (R-REV-6), never "
        "private feedback (R-REV-5), never the buyer's e-mail."
    ),
    responses=errors(404, 422),
)
def buyer_profile(
    user_id: Id,
    session: DbSession,
    limit: Annotated[int, Query(ge=1, le=100, description="reviews per page")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_ID, description="reviews to skip")] = 0,
) -> BuyerProfileOut:
    return BuyerProfileOut.of(reviews.buyer_profile(session, user_id, limit=limit, offset=offset))
