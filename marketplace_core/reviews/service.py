"""Leaving reviews, and reading them as each viewer may (R-REV).

The buyer's review updates the seller's rating average and count through the ORM on the
Seller row, so the search outbox flush hook sends the new rating to search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from marketplace_core.accounts.models import User
from marketplace_core.catalog.models import Seller
from marketplace_core.clock import Clock
from marketplace_core.errors import Conflict, InvalidInput, NotFound
from marketplace_core.notifications.messages import Message
from marketplace_core.notifications.service import notify, order_link
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor, OrderStatus
from marketplace_core.orders.models import Order
from marketplace_core.orders.state_machine import OrderAction
from marketplace_core.persistence import locked
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


def _published_about_buyer(buyer_id: int) -> ColumnElement[bool]:
    return and_(
        Review.buyer_id == buyer_id,
        Review.author == Actor.SELLER,
        Review.published_at.is_not(None),
        Review.removed_at.is_(None),
    )


def published_about_buyer(
    session: Session, buyer_id: int, limit: int = 50, offset: int = 0
) -> list[tuple[Review, str]]:
    """Sellers' reviews shown on the buyer's profile, newest first, each with its seller's
    username."""
    return [
        (review, username)
        for review, username in session.execute(
            select(Review, Seller.username)
            .join(Seller, Seller.id == Review.seller_id)
            .where(_published_about_buyer(buyer_id))
            .order_by(Review.published_at.desc(), Review.id.desc())
            .limit(limit)
            .offset(offset)
        ).tuples()
    ]


@dataclass(frozen=True)
class BuyerProfile:
    user_id: int
    reviews_count: int
    rating_average: float | None  # None without a review
    reviews: list[tuple[Review, str]]  # a page of them, each with its seller's username


def buyer_profile(session: Session, user_id: int, *, limit: int, offset: int) -> BuyerProfile:
    """What anyone sees of a buyer (R-REV-4); an unknown account is :class:`NotFound`."""
    if session.get(User, user_id) is None:
        raise NotFound("buyer", user_id)
    count, average = session.execute(
        select(func.count(Review.id), func.avg(Review.rating)).where(
            _published_about_buyer(user_id)
        )
    ).one()
    return BuyerProfile(
        user_id=user_id,
        reviews_count=int(count or 0),
        rating_average=round(float(average), 2) if count else None,
        reviews=published_about_buyer(session, user_id, limit=limit, offset=offset),
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
    review = session.scalars(locked(select(Review).where(Review.id == review_id))).one_or_none()
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
    notify(
        session,
        user_id=review.author_user_id,
        message=Message.REVIEW_REMOVED,
        values={"reason": {"fr": found.fr.lower(), "en": found.en.lower()}, "explanation": text},
        link=order_link(review.order_id),
        clock=clock,
        order_id=review.order_id,
    )
    return review
