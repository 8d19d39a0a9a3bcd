"""A buyer's public profile: the sellers' published reviews of them (R-REV-4, R-REV-5)."""

from __future__ import annotations

from typing import Any

from marketplace_core.orders.payments import TestPaymentProvider
from tests.integration.api.harness import Api, People
from tests.integration.api.test_orders import money, order

__all__ = ["money"]
BUYER_REVIEW = {
    "rating": 4,
    "communication": 4,
    "as_described": 4,
    "would_recommend": 4,
    "private_feedback": "Remarque privée pour Microtache uniquement",
}


def completed(api: Api, people: People, key: str) -> str:
    order_id = order(api, people, key=key).json()["id"]
    path = f"/orders/{order_id}"
    api.call("POST", f"{path}/start", user=people.owner)
    api.call("POST", f"{path}/deliveries", user=people.owner, json={"message": "Voici"})
    return path


def test_the_profile_shows_published_seller_reviews_with_count_and_average(
    api: Api, people: People, money: tuple[TestPaymentProvider, Any]
) -> None:
    """R-REV-4: the seller's review shows on the buyer's profile, with the seller's
    username; never private feedback (R-REV-5), never the e-mail."""
    empty = api.call("GET", f"/buyers/{people.buyer}")
    assert empty.status_code == 200
    assert empty.json() | {"reviews": []} == {
        "user_id": people.buyer,
        "reviews_count": 0,
        "rating_average": None,
        "reviews": [],
    }
    for key, stars in (("profile-key-0001", 5), ("profile-key-0002", 2)):
        path = completed(api, people, key)
        api.call("POST", f"{path}/reviews", user=people.buyer, json=BUYER_REVIEW)
        seller_review = {"rating": stars, "text": f"Client noté {stars}"}
        done = api.call("POST", f"{path}/reviews", user=people.owner, json=seller_review)
        assert done.status_code == 201, done.text
    body = api.call("GET", f"/buyers/{people.buyer}").json()
    assert (body["reviews_count"], body["rating_average"]) == (2, 3.5)
    assert [(r["seller_username"], r["rating"], r["text"]) for r in body["reviews"]] == [
        ("claire_design", 2, "Client noté 2"),
        ("claire_design", 5, "Client noté 5"),
    ]
    raw = api.call("GET", f"/buyers/{people.buyer}").text
    assert "paul@exemple.fr" not in raw
    assert "privée" not in raw
    # A page of one.
    page = api.call("GET", f"/buyers/{people.buyer}?limit=1&offset=1").json()
    assert [r["rating"] for r in page["reviews"]] == [5]


def test_a_buyer_review_alone_is_not_on_the_profile_and_removed_ones_leave_it(
    api: Api, people: People, money: tuple[TestPaymentProvider, Any]
) -> None:
    """R-REV-4: only the sellers' published reviews (the buyer's own review of the seller
    is not about the buyer); R-REV-6: a review support removed leaves the profile."""
    path = completed(api, people, "profile-key-0003")
    api.call("POST", f"{path}/reviews", user=people.buyer, json=BUYER_REVIEW)
    assert api.call("GET", f"/buyers/{people.buyer}").json()["reviews_count"] == 0
    api.call("POST", f"{path}/reviews", user=people.owner, json={"rating": 1, "text": "Nul"})
    [shown] = api.call("GET", f"/buyers/{people.buyer}").json()["reviews"]
    removal = {"reason": "abuse", "explanation": "Injurieux"}
    gone = api.call("POST", f"/reviews/{shown['id']}/removal", user=people.support, json=removal)
    assert gone.status_code == 204
    body = api.call("GET", f"/buyers/{people.buyer}").json()
    assert (body["reviews_count"], body["reviews"]) == (0, [])
    assert api.call("GET", "/buyers/99999").status_code == 404
