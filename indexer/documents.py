"""A gig's search document: the gig, its packages and its seller's attributes, flattened."""

from __future__ import annotations

from typing import Any

from marketplace_core.catalog.enums import SellerLevel
from marketplace_core.catalog.models import Gig

LEVEL_RANK = {level: rank for rank, level in enumerate(SellerLevel)}


def document_version(gig: Gig) -> int:
    """The document's external version: an older write never overwrites a newer one.

    Both versions only grow (each UPDATE of the row bumps it, and a package or a language
    change bumps its gig or seller), and a gig never changes seller, so their sum grows on
    every change that reaches the document, including a seller change that leaves the gig
    untouched.
    """
    return gig.version + gig.seller.version


def gig_document(gig: Gig) -> dict[str, Any]:
    """Only database values, no clock: a document is a function of its version."""
    seller = gig.seller
    packages = sorted(gig.packages, key=lambda p: p.price_cents)
    return {
        "gig_id": gig.id,
        "title": gig.title,
        "description": gig.description,
        "tags": list(gig.tags),
        "category": gig.category,
        "subcategory": gig.subcategory,
        "attributes": dict(gig.attributes),
        "packages": [
            {
                "tier": p.tier.value,
                "price_cents": p.price_cents,
                "delivery_days": p.delivery_days,
                "revisions": p.revisions,
            }
            for p in packages
        ],
        "price_from_cents": min(p.price_cents for p in packages),
        "fastest_delivery_days": min(p.delivery_days for p in packages),
        "seller": {
            "id": seller.id,
            "username": seller.username,
            "display_name": seller.display_name,
            "level": seller.level.value,
            "level_rank": LEVEL_RANK[seller.level],
            "languages": [lang.language for lang in seller.languages],
            "country": seller.country,
            "rating": round(seller.rating_average, 2),
            "rating_count": seller.rating_count,
            "completed_orders": seller.completed_orders,
            "online": seller.search_online,
            "last_seen_at": seller.last_seen_at.isoformat() if seller.last_seen_at else None,
        },
        # Images are stored by key; the front end builds the URL.
        "thumbnail": f"gigs/{gig.id}/cover.jpg",
        "created_at": gig.created_at.isoformat(),
        "updated_at": gig.updated_at.isoformat(),
    }
