"""Support removes a review that breaks the terms (R-REV-6); authors never can (R-REV-3)."""

from __future__ import annotations

from typing import Any

from marketplace_core.orders.payments import TestPaymentProvider
from tests.integration.api.harness import Api, People
from tests.integration.api.test_orders import money, order

__all__ = ["money"]
SELLER = "claire_design"


def reviewed_order(api: Api, people: People, stars: int = 1) -> tuple[int, dict[str, Any]]:
    order_id = order(api, people).json()["id"]
    path = f"/orders/{order_id}"
    api.call("POST", f"{path}/start", user=people.owner)
    api.call("POST", f"{path}/deliveries", user=people.owner, json={"message": "Voici"})
    review = {
        "rating": stars,
        "communication": stars,
        "as_described": stars,
        "would_recommend": stars,
        "text": "Arnaque totale, ce prestataire est un voleur",
    }
    done = api.call("POST", f"{path}/reviews", user=people.buyer, json=review)
    assert done.status_code == 201, done.text
    api.call("POST", f"{path}/reviews", user=people.owner, json={"rating": 5, "text": "Merci"})
    return order_id, review


def test_support_removes_an_abusive_review_from_the_page_the_rating_and_search(
    api: Api, people: People, money: tuple[TestPaymentProvider, Any]
) -> None:
    """R-REV-6: gone from the seller's page and rating, the new rating queued for search
    through the outbox, the author notified."""
    reviewed_order(api, people)
    page = api.call("GET", f"/sellers/{SELLER}").json()
    [shown] = page["reviews"]
    assert api.seller(SELLER).rating_count == 1
    api.clear_outbox()

    body = {"reason": "abuse", "explanation": "Propos injurieux envers la prestataire"}
    removed = api.call("POST", f"/reviews/{shown['id']}/removal", user=people.support, json=body)
    assert removed.status_code == 204, removed.text
    assert api.call("GET", f"/sellers/{SELLER}").json()["reviews"] == []
    seller = api.seller(SELLER)
    assert (seller.rating_count, seller.rating_average) == (0, 0.0)
    assert ("seller", seller.id) in api.outbox()
    notes = api.call("GET", "/me/notifications", user=people.buyer).json()["items"]
    assert "review_removed" in [n["kind"] for n in notes]

    again = api.call("POST", f"/reviews/{shown['id']}/removal", user=people.support, json=body)
    assert again.status_code == 409


def test_only_support_removes_reviews(
    api: Api, people: People, money: tuple[TestPaymentProvider, Any]
) -> None:
    """R-REV-3 / R-REV-6: the author, the seller, anyone else: 403; unknown review: 404; a
    reason outside the list: 422 naming the field."""
    reviewed_order(api, people)
    review_id = api.call("GET", f"/sellers/{SELLER}").json()["reviews"][0]["id"]
    body = {"reason": "false_statements", "explanation": "Faux"}
    for user in (people.buyer, people.owner, people.other_seller):
        response = api.call("POST", f"/reviews/{review_id}/removal", user=user, json=body)
        assert response.status_code == 403
    assert api.call("POST", f"/reviews/{review_id}/removal", json=body).status_code == 401
    missing = api.call("POST", "/reviews/99999/removal", user=people.support, json=body)
    assert missing.status_code == 404
    bad = api.call(
        "POST",
        f"/reviews/{review_id}/removal",
        user=people.support,
        json={"reason": "bad_mood", "explanation": "Je n'aime pas"},
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "reason"
    assert len(api.call("GET", f"/sellers/{SELLER}").json()["reviews"]) == 1
