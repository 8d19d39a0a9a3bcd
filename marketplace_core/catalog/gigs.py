"""A seller's gigs through their life: create, read, update, publish, pause, resume, delete.

Every change goes through the ORM, so the search outbox follows by the flush hook: a gig that
leaves the active status leaves search, an active gig's edits reach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facets.model import Taxonomy
from marketplace_core.catalog.enums import GigStatus, PackageTier
from marketplace_core.catalog.lifecycle import LIFECYCLE, PUBLIC_STATUSES, GigAction, GigActor
from marketplace_core.catalog.models import Gig, GigPackage, Seller
from marketplace_core.catalog.rules import GigInput, PackageInput, validate_gig
from marketplace_core.catalog.service import create_gig
from marketplace_core.clock import Clock
from marketplace_core.errors import Forbidden, NotFound, StaleVersion

NOT_A_SELLER = "this account has no seller profile; create one first (POST /me/seller)"


@dataclass(frozen=True)
class GigChanges:
    """A partial update: ``None`` leaves the field as it is; packages are replaced whole."""

    title: str | None = None
    description: str | None = None
    subcategory: str | None = None
    tags: Sequence[str] | None = None
    attributes: Mapping[str, Sequence[str]] | None = None
    packages: Sequence[PackageInput] | None = None


def _with_details(query: Any) -> Any:
    return query.options(
        selectinload(Gig.packages),
        selectinload(Gig.images),
        selectinload(Gig.seller).selectinload(Seller.languages),
    )


def seller_of(session: Session, user_id: int) -> Seller | None:
    return session.scalars(select(Seller).where(Seller.user_id == user_id)).one_or_none()


def require_seller(session: Session, user_id: int) -> Seller:
    seller = seller_of(session, user_id)
    if seller is None:
        raise Forbidden(NOT_A_SELLER)
    return seller


def own_gig(session: Session, user_id: int, gig_id: int, *, for_update: bool = False) -> Gig:
    """The caller's gig, whatever its status. Someone else's gig is :class:`NotFound`, like
    one that does not exist: the answer never tells whether another seller's gig exists."""
    query = _with_details(
        select(Gig)
        .join(Seller, Gig.seller_id == Seller.id)
        .where(Gig.id == gig_id, Seller.user_id == user_id)
    )
    if for_update:
        query = query.with_for_update(of=Gig)  # PostgreSQL: concurrent edits wait their turn
    gig: Gig | None = session.scalars(query).one_or_none()
    if gig is None:
        raise NotFound("gig", gig_id)
    return gig


def list_own_gigs(
    session: Session, user_id: int, statuses: Iterable[GigStatus] | None = None
) -> list[Gig]:
    """All of the seller's gigs (drafts and paused ones included), newest first; deleted ones
    only when asked for."""
    seller = require_seller(session, user_id)
    wanted = set(statuses) if statuses else set(GigStatus) - {GigStatus.DELETED}
    query = _with_details(
        select(Gig)
        .where(Gig.seller_id == seller.id, Gig.status.in_(sorted(wanted)))
        .order_by(Gig.created_at.desc(), Gig.id.desc())
    )
    return list(session.scalars(query))


def create_own_gig(
    session: Session, user_id: int, gig: GigInput, *, taxonomy: Taxonomy, clock: Clock
) -> Gig:
    """A new draft; it is searchable once published."""
    seller = require_seller(session, user_id)
    return create_gig(session, seller, gig, taxonomy=taxonomy, clock=clock, status=GigStatus.DRAFT)


def check_version(gig: Gig, expected: int | None) -> None:
    if expected is not None and gig.version != expected:
        raise StaleVersion("gig", gig.id, expected, gig.version)


def update_gig(
    session: Session,
    gig: Gig,
    changes: GigChanges,
    *,
    expected_version: int,
    taxonomy: Taxonomy,
    clock: Clock,
) -> Gig:
    """Apply a partial update made on ``expected_version``; the whole result is validated
    as a new gig would be. Nothing changed, nothing written (same version, no outbox row)."""
    check_version(gig, expected_version)
    LIFECYCLE.next(gig.status, GigActor.SELLER, GigAction.UPDATE, key=gig.id)
    merged = GigInput(
        title=gig.title if changes.title is None else changes.title,
        description=gig.description if changes.description is None else changes.description,
        subcategory=gig.subcategory if changes.subcategory is None else changes.subcategory,
        tags=list(gig.tags) if changes.tags is None else changes.tags,
        attributes=dict(gig.attributes) if changes.attributes is None else changes.attributes,
        packages=(
            [
                PackageInput(
                    str(p.tier), p.price_cents, p.delivery_days, p.revisions, p.description
                )
                for p in gig.packages
            ]
            if changes.packages is None
            else changes.packages
        ),
    )
    valid = validate_gig(merged, taxonomy)
    changed = False
    for name in ("title", "description", "category", "subcategory", "tags", "attributes"):
        value = getattr(valid, name)
        if getattr(gig, name) != value:
            setattr(gig, name, value)
            changed = True
    changed |= _replace_packages(gig, valid.packages)
    if changed:
        gig.updated_at = clock.now()
        session.flush()
    return gig


def _replace_packages(gig: Gig, packages: Sequence[PackageInput]) -> bool:
    """Update the rows in place by tier (a tier's row keeps its id), add and drop the rest."""
    current = {p.tier: p for p in gig.packages}
    wanted = {PackageTier(p.tier): p for p in packages}
    changed = False
    for tier, row in current.items():
        if tier not in wanted:
            gig.packages.remove(row)  # an orphan: deleted at flush
            changed = True
    for tier, pkg in wanted.items():
        existing = current.get(tier)
        if existing is None:
            gig.packages.append(
                GigPackage(
                    tier=tier,
                    price_cents=pkg.price_cents,
                    delivery_days=pkg.delivery_days,
                    revisions=pkg.revisions,
                    description=pkg.description,
                )
            )
            changed = True
            continue
        for name in ("price_cents", "delivery_days", "revisions", "description"):
            value = getattr(pkg, name)
            if getattr(existing, name) != value:
                setattr(existing, name, value)
                changed = True
    return changed


def apply_action(
    session: Session, gig: Gig, action: GigAction, *, expected_version: int | None, clock: Clock
) -> Gig:
    """Publish, pause, resume or delete, as the status table allows."""
    check_version(gig, expected_version)
    gig.status = LIFECYCLE.next(gig.status, GigActor.SELLER, action, key=gig.id)
    gig.updated_at = clock.now()
    session.flush()
    return gig


def public_gig(session: Session, gig_id: int, viewer_user_id: int | None) -> Gig:
    """An active gig for anyone; a draft, paused or deleted one only for its owner."""
    gig: Gig | None = session.scalars(
        _with_details(select(Gig).where(Gig.id == gig_id))
    ).one_or_none()
    if gig is None:
        raise NotFound("gig", gig_id)
    if gig.status not in PUBLIC_STATUSES and (
        viewer_user_id is None or gig.seller.user_id != viewer_user_id
    ):
        raise NotFound("gig", gig_id)
    return gig


def active_gigs_of(session: Session, seller_id: int) -> list[Gig]:
    query = _with_details(
        select(Gig)
        .where(Gig.seller_id == seller_id, Gig.status.in_(sorted(PUBLIC_STATUSES)))
        .order_by(Gig.created_at.desc(), Gig.id.desc())
    )
    return list(session.scalars(query))
