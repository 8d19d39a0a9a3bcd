"""Catalog operations: load, apply the pure rules, persist."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from facets.model import Taxonomy
from marketplace_core.catalog.enums import GigStatus, SellerLevel
from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.catalog.rules import GigInput, validate_gig
from marketplace_core.clock import Clock


def create_seller(
    session: Session,
    *,
    username: str,
    display_name: str,
    country: str,
    timezone: str,
    languages: Sequence[tuple[str, str]],
    clock: Clock,
    level: SellerLevel = SellerLevel.NEW,
    description: str = "",
    accepts_quotes: bool = False,
    user_id: int | None = None,
) -> Seller:
    now = clock.now()
    seller = Seller(
        user_id=user_id,
        username=username,
        display_name=display_name,
        description=description,
        level=level,
        country=country,
        timezone=timezone,
        last_seen_at=None,
        rating_average=0.0,
        rating_count=0,
        completed_orders=0,
        accepts_quotes=accepts_quotes,
        created_at=now,
        updated_at=now,
        languages=[SellerLanguage(language=code, proficiency=p) for code, p in languages],
    )
    session.add(seller)
    session.flush()
    return seller


def create_gig(
    session: Session,
    seller: Seller,
    gig: GigInput,
    *,
    taxonomy: Taxonomy,
    clock: Clock,
    status: GigStatus = GigStatus.DRAFT,
) -> Gig:
    """Validate first, so an invalid gig writes nothing."""
    valid = validate_gig(gig, taxonomy)
    now = clock.now()
    row = Gig(
        seller=seller,
        title=valid.title,
        description=valid.description,
        tags=valid.tags,
        category=valid.category,
        subcategory=valid.subcategory,
        attributes=valid.attributes,
        status=status,
        created_at=now,
        updated_at=now,
        packages=[
            GigPackage(
                tier=p.tier,
                price_cents=p.price_cents,
                delivery_days=p.delivery_days,
                revisions=p.revisions,
                description=p.description,
            )
            for p in valid.packages
        ],
    )
    session.add(row)
    session.flush()
    return row
