"""``GET /sellers/{username}``: a seller's public profile (R-SRCH-8)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from facets.model import DEFAULT_LANG, Lang
from marketplace_core.catalog.gigs import active_gigs_of
from marketplace_core.reviews.service import published_about_seller
from marketplace_core.sellers.service import public_profile
from search_api.deps import DbSession, RuntimeDep
from search_api.schemas.errors import errors
from search_api.schemas.gigs import GigCardOut
from search_api.schemas.orders import PublicReviewOut
from search_api.schemas.sellers import PublicSellerOut

router = APIRouter(tags=["sellers"])


@router.get(
    "/sellers/{username}",
    summary="Profil public d'un vendeur",
    description=(
        "What buyers see: the profile (no e-mail, nothing private), whether the seller is "
        "online, their active gigs, and buyers' published reviews."
    ),
    responses=errors(404, 422),
)
def seller_page(
    username: str,
    session: DbSession,
    runtime: RuntimeDep,
    lang: Annotated[Lang, Query(description="labels in French (fr) or English (en)")] = (
        DEFAULT_LANG
    ),
) -> PublicSellerOut:
    seller = public_profile(session, username)
    gigs = [GigCardOut.of(g, lang) for g in active_gigs_of(session, seller.id)]
    page = PublicSellerOut.of(
        seller, gigs, lang, now=runtime.clock.now(), window=runtime.online_window
    )
    # R-REV-4: buyers' published reviews (Avis); never private feedback (R-REV-5).
    page.reviews = [
        PublicReviewOut.read(r).model_dump(mode="json")
        for r in published_about_seller(session, seller.id)
    ]
    return page
