"""Leaving reviews, and reading them as each viewer may (R-REV).

The buyer's review updates the seller's rating average and count through the ORM on the
Seller row, so the search outbox flush hook sends the new rating to search.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.errors import Conflict, InvalidInput, NotFound
from marketplace_core.notifications.models import NotificationKind
from marketplace_core.notifications.service import notify_order
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor, OrderStatus
from marketplace_core.orders.models import Order
from marketplace_core.orders.state_machine import OrderAction
from marketplace_core.reviews.models import PrivateFeedback, Review
from marketplace_core.reviews.rules import (
    ReviewInput,
    check_review_window,
    new_average,
    validate_removal,
    validate_review,
    without_review,
)


def review_by(session: Session, order_id: int, author: Actor) -> Review | None:
    return session.scalars(
        select(Review).where(Review.order_id == order_id, Review.author == author)
    ).one_or_none()


def leave_review(
    session: Session, order: Order, actor: Actor, review: ReviewInput, *, clock: Clock
) -> Review:
    """R-REV-2…4: the buyer on a delivered order (completing it) or within 10 days of
    completion; the seller after the buyer, within the same window. Once only."""
    orders.catch_up(session, order, clock)
    was_delivered = order.status == OrderStatus.DELIVERED
    orders.transition(order, actor, OrderAction.REVIEW)
    now = clock.now()
    if not was_delivered:
        check_review_window(order.review_closes_at, now)
    valid = validate_review(review, by_buyer=actor == Actor.BUYER)
    if review_by(session, order.id, actor) is not None:
        raise Conflict("you already reviewed this order; a review cannot be edited or deleted")
    if not was_delivered:
        orders.save(session, order, now)  # the version check before anything is written
    if actor == Actor.BUYER:
        return _buyer_review(session, order, valid, was_delivered, now, clock)
    return _seller_review(session, order, valid, now)


def _buyer_review(
    session: Session,
    order: Order,
    valid: ReviewInput,
    was_delivered: bool,
    now: datetime,
    clock: Clock,
) -> Review:
    if valid.work_sample_key is not None:
        delivered = {f["key"] for d in order.deliveries for f in d.attachments}
        if valid.work_sample_key not in delivered:
            raise InvalidInput.one(
                "work_sample_key",
                "review.work_sample_not_delivered",
                "work_sample_key must be one of the files delivered on this order",
            )
    if was_delivered:  # R-ORD-3: a review on a delivered order completes it
        orders.complete(session, order, Actor.BUYER, OrderAction.REVIEW, at=now, clock=clock)
    row = Review(
        order_id=order.id,
        author=Actor.BUYER,
        author_user_id=order.buyer_id,
        seller_id=order.seller_id,
        buyer_id=order.buyer_id,
        rating=valid.rating,
        communication=valid.communication,
        as_described=valid.as_described,
        would_recommend=valid.would_recommend,
        text=valid.text,
        work_sample_key=valid.work_sample_key,
        created_at=now,
        published_at=None,  # double blind: until the seller reviews or the window closes
        removed_at=None,
    )
    session.add(row)
    if valid.private_feedback:
        session.add(
            PrivateFeedback(
                order_id=order.id,
                author_user_id=order.buyer_id,
                text=valid.private_feedback,
                created_at=now,
            )
        )
    seller = orders.locked_seller(session, order.seller_id)
    seller.rating_average, seller.rating_count = new_average(
        seller.rating_average, seller.rating_count, valid.rating
    )
    seller.updated_at = now
    orders.save(session, order, now)
    return row


def _seller_review(session: Session, order: Order, valid: ReviewInput, now: datetime) -> Review:
    buyer_review = review_by(session, order.id, Actor.BUYER)
    if buyer_review is None:
        raise Conflict("the seller can review the buyer only after the buyer's review")
    row = Review(
        order_id=order.id,
        author=Actor.SELLER,
        author_user_id=order.seller_user_id,
        seller_id=order.seller_id,
        buyer_id=order.buyer_id,
        rating=valid.rating,
        text=valid.text,
        created_at=now,
        published_at=now,
        removed_at=None,
    )
    session.add(row)
    if buyer_review.published_at is None:
        buyer_review.published_at = now
    orders.save(session, order, now)
    return row


def visible_on_order(session: Session, order_id: int, viewer: Actor) -> list[Review]:
    """Each party sees their own review; the other's once it is published (the seller sees
    the buyer's only after reviewing, or after the window closed)."""
    rows = session.scalars(
        select(Review)
        .where(Review.order_id == order_id, Review.removed_at.is_(None))
        .order_by(Review.id)
    )
    return [r for r in rows if r.author == viewer or r.published_at is not None]


def published_about_seller(session: Session, seller_id: int, limit: int = 50) -> list[Review]:
    """Buyers' reviews shown on the seller's page (Avis)."""
    return list(
        session.scalars(
            select(Review)
            .where(
                Review.seller_id == seller_id,
                Review.author == Actor.BUYER,
                Review.published_at.is_not(None),
                Review.removed_at.is_(None),
            )
            .order_by(Review.published_at.desc(), Review.id.desc())
            .limit(limit)
        )
    )


def published_about_buyer(
    session: Session, buyer_id: int, limit: int = 50, offset: int = 0
) -> list[Review]:
    """Sellers' reviews shown on the buyer's profile."""
    return list(
        session.scalars(
            select(Review)
            .where(
                Review.buyer_id == buyer_id,
                Review.author == Actor.SELLER,
                Review.published_at.is_not(None),
                Review.removed_at.is_(None),
            )
            .order_by(Review.published_at.desc(), Review.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


def publish_pending(session: Session, order_id: int, at: datetime) -> int:
    """The window closed: the buyer's review is published though the seller did not review."""
    rows = list(
        session.scalars(
            select(Review).where(
                Review.order_id == order_id,
                Review.published_at.is_(None),
                Review.removed_at.is_(None),
            )
        )
    )
    for row in rows:
        row.published_at = at
    return len(rows)


def remove_review(
    session: Session,
    review_id: int,
    *,
    reason: str,
    explanation: str,
    support_user_id: int,
    clock: Clock,
) -> Review:
    """R-REV-6: support removes a review that breaks the terms (false statements, abuse).
    It leaves every public page and, a buyer's review, the seller's rating, through the ORM
    so the outbox sends the new rating to search; its author is told why. Authors still
    cannot edit or delete their reviews (R-REV-3): this is support's operation only."""
    query = (
        select(Review)
        .where(Review.id == review_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    review = session.scalars(query).one_or_none()
    if review is None:
        raise NotFound("review", review_id)
    if review.removed_at is not None:
        raise Conflict(f"review {review_id} was already removed")
    found, text = validate_removal(reason, explanation)
    now = clock.now()
    review.removed_at = now
    review.removal_reason = found.code
    review.removal_explanation = text
    review.removed_by_user_id = support_user_id
    if review.author == Actor.BUYER:  # the buyer's stars count in the seller's rating
        seller = orders.locked_seller(session, review.seller_id)
        seller.rating_average, seller.rating_count = without_review(
            seller.rating_average, seller.rating_count, review.rating
        )
        seller.updated_at = now
    session.flush()
    notify_order(
        session,
        user_id=review.author_user_id,
        kind=NotificationKind.REVIEW_REMOVED,
        order_id=review.order_id,
        message=f"Votre évaluation a été retirée par le service client ({found.fr.lower()}) : "
        f"{text}",
        clock=clock,
        email_subject="Votre évaluation a été retirée",
    )
    return review


def buyer_rating(session: Session, buyer_id: int) -> tuple[int, float | None]:
    """How many published sellers' reviews the buyer has, and their average stars."""
    row = session.execute(
        select(func.count(Review.id), func.avg(Review.rating)).where(
            Review.buyer_id == buyer_id,
            Review.author == Actor.SELLER,
            Review.published_at.is_not(None),
            Review.removed_at.is_(None),
        )
    ).one()
    count, average = int(row[0] or 0), row[1]
    return count, (round(float(average), 2) if count else None)
