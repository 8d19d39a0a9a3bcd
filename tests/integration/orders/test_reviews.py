"""Reviews (R-REV-1…5): when, once, double blind, private feedback apart, the rating."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace_core.errors import Conflict, InvalidInput, InvalidTransition
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor, OrderStatus
from marketplace_core.reviews import service as reviews
from marketplace_core.reviews.models import PrivateFeedback
from marketplace_core.reviews.rules import ReviewInput
from tests.integration.orders.shop import Shop
from tests.integration.orders.test_order_flow import FILES, deliver, started


def stars(rating: int = 4, **extra: object) -> ReviewInput:
    fields: dict[str, object] = {
        "rating": rating,
        "communication": 5,
        "as_described": 4,
        "would_recommend": 5,
        "text": "Très bon travail",
    }
    fields.update(extra)
    return ReviewInput(**fields)  # type: ignore[arg-type]


def delivered(shop: Shop) -> int:
    order_id = started(shop)
    deliver(shop, order_id)
    return order_id


def test_a_review_on_a_delivered_order_completes_it_and_rates_the_seller(shop: Shop) -> None:
    """R-REV-1/2, R-ORD-3: five stars and three criteria; the seller's rating and
    completed-order count change on the Seller row, and the outbox carries them to search."""
    order_id = delivered(shop)
    rows = shop.outbox().count(("seller", shop.seller_id))  # the delivery's, on time
    review = shop.act(shop.buyer, order_id, reviews.leave_review, stars(4, private_feedback="RAS"))
    assert (review.rating, review.communication, review.as_described, review.would_recommend) == (
        4,
        5,
        4,
        5,
    )
    assert shop.order(order_id).status == OrderStatus.COMPLETED
    seller = shop.seller()
    assert (seller.rating_average, seller.rating_count, seller.completed_orders) == (4.0, 1, 1)
    assert shop.outbox().count(("seller", shop.seller_id)) == rows + 1


def test_reviews_are_left_once_and_never_on_active_or_cancelled_orders(shop: Shop) -> None:
    """R-REV-3: no review before delivery, none twice (no edit), none on a cancelled order."""
    order_id = started(shop)
    with pytest.raises(InvalidTransition) as caught:
        shop.act(shop.buyer, order_id, reviews.leave_review, stars())
    assert caught.value.status == "in_progress"
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, reviews.leave_review, stars())
    with pytest.raises(Conflict, match="cannot be edited"):
        shop.act(shop.buyer, order_id, reviews.leave_review, stars(1))

    other = shop.place("order-key-0002")
    shop.act(shop.seller_user, other, orders.start)
    shop.clock.advance(timedelta(days=4, seconds=1))
    shop.act(shop.buyer, other, orders.cancel_very_late, "late_delivery", "")
    with pytest.raises(InvalidTransition) as caught:
        shop.act(shop.buyer, other, reviews.leave_review, stars())
    assert (caught.value.status, caught.value.allowed) == ("cancelled", [])


def test_reviews_after_completion_for_10_days(shop: Shop) -> None:
    """R-REV-2: completing without a review is allowed; a review can follow for 10 days."""
    order_id = delivered(shop)
    shop.act(shop.buyer, order_id, orders.accept)
    shop.clock.advance(timedelta(days=10) - timedelta(seconds=1))
    shop.act(shop.buyer, order_id, reviews.leave_review, stars(5))
    shop.clock.advance(timedelta(seconds=1))
    with pytest.raises(Conflict, match="10 days"):
        shop.act(shop.seller_user, order_id, reviews.leave_review, ReviewInput(rating=5))


def test_double_blind(shop: Shop) -> None:
    """R-REV-4: the seller reviews only after the buyer, and sees the buyer's review only
    once their own is in; the buyer's review then shows on the seller's page, the seller's
    on the buyer's profile."""
    order_id = delivered(shop)
    with pytest.raises(InvalidTransition):  # not completed yet: the seller cannot review
        shop.act(shop.seller_user, order_id, reviews.leave_review, ReviewInput(rating=5))
    shop.act(shop.buyer, order_id, orders.accept)
    with pytest.raises(Conflict, match="only after the buyer"):
        shop.act(shop.seller_user, order_id, reviews.leave_review, ReviewInput(rating=5))
    shop.act(shop.buyer, order_id, reviews.leave_review, stars(3))
    with shop.tx() as session:
        assert reviews.visible_on_order(session, order_id, Actor.SELLER) == []
        assert [r.author for r in reviews.visible_on_order(session, order_id, Actor.BUYER)] == [
            "buyer"
        ]
        assert reviews.published_about_seller(session, shop.seller_id) == []
    with pytest.raises(InvalidInput, match="buyer's review only"):
        shop.act(
            shop.seller_user, order_id, reviews.leave_review, ReviewInput(rating=5, communication=5)
        )
    shop.act(shop.seller_user, order_id, reviews.leave_review, ReviewInput(rating=5, text="Clair"))
    with shop.tx() as session:
        seen = reviews.visible_on_order(session, order_id, Actor.SELLER)
        assert [(r.author, r.rating) for r in seen] == [("buyer", 3), ("seller", 5)]
        assert [r.rating for r in reviews.published_about_seller(session, shop.seller_id)] == [3]
        assert [r.text for r, _ in reviews.published_about_buyer(session, shop.buyer)] == ["Clair"]


def test_private_feedback_is_kept_apart(shop: Shop) -> None:
    """R-REV-5: its own table, never part of a review."""
    order_id = delivered(shop)
    review = shop.act(
        shop.buyer, order_id, reviews.leave_review, stars(private_feedback="Un peu lent")
    )
    assert "Un peu lent" not in (review.text, str(review.__dict__))
    with shop.tx() as session:
        rows = session.scalars(select(PrivateFeedback)).all()
        assert [(r.order_id, r.text) for r in rows] == [(order_id, "Un peu lent")]


def test_a_work_sample_is_one_of_the_delivered_files(shop: Shop) -> None:
    """R-REV-1: the buyer may attach a work sample to the review."""
    order_id = delivered(shop)
    with pytest.raises(InvalidInput, match="delivered on this order"):
        shop.act(shop.buyer, order_id, reviews.leave_review, stars(work_sample_key="autre.png"))
    review = shop.act(
        shop.buyer, order_id, reviews.leave_review, stars(work_sample_key=FILES[0].key)
    )
    assert review.work_sample_key == FILES[0].key


def test_support_cancellation_withdraws_the_review_from_the_rating(shop: Shop) -> None:
    """R-REV-3: no review stands on a cancelled order."""
    order_id = delivered(shop)
    shop.act(shop.buyer, order_id, reviews.leave_review, stars(2))
    with shop.tx() as session:
        order = orders.load(session, order_id, for_update=True)
        assert order is not None
        orders.support_cancel(
            session, order, "Aucun fichier livré, voir le ticket 77.", clock=shop.clock
        )
    seller = shop.seller()
    assert (seller.rating_average, seller.rating_count, seller.completed_orders) == (0.0, 0, 0)
