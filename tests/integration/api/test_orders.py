"""The order endpoints over HTTP: the full life from a gig package, and every refusal
(R-ORD, R-DIS, R-REV, R-TIP, R-MON)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.notifications.emails import MemoryEmailSender
from marketplace_core.orders.payments import TestPaymentProvider
from tests.integration.api.harness import Api, People

PRICE = 2000  # the active gig's basic package: $20, 3 days
PRIVATE = "Remarque privée pour Microtache uniquement"


@pytest.fixture
def money(api: Api) -> tuple[TestPaymentProvider, MemoryEmailSender]:
    payments = TestPaymentProvider()
    emails = MemoryEmailSender(base_url="https://microtache.example")
    api.app.state.payments = payments
    api.app.state.email_sender = emails
    return payments, emails


def order(api: Api, people: People, key: str = "api-order-0001", **body: Any) -> Any:
    return api.call(
        "POST",
        "/orders",
        user=people.buyer,
        json={"gig_id": people.gigs[GigStatus.ACTIVE], "tier": "basic"} | body,
        headers={"Idempotency-Key": key},
    )


def test_the_whole_life_of_an_order_from_a_package(
    api: Api, people: People, money: tuple[TestPaymentProvider, MemoryEmailSender]
) -> None:
    """R-ORD-1/2/3/10, R-REV-1/2/4/5, R-TIP-1…3, R-MON-2: order → requirements → delivery →
    revision → delivery → review → tip, then the seller's review and page."""
    payments, emails = money
    placed = order(api, people)
    assert placed.status_code == 201, placed.text
    body = placed.json()
    order_id = body["id"]
    assert (body["status"], body["price_cents"], body["my_role"]) == ("incomplete", PRICE, "buyer")
    assert body["allowed_actions"] == [
        "submit_requirements",
        "request_cancellation",
        "agree_cancellation",
    ]
    assert [c.amount_cents for c in payments.charges] == [PRICE]
    assert order(api, people).json()["id"] == order_id  # a retry: same order, no charge
    assert len(payments.charges) == 1

    path = f"/orders/{order_id}"
    step = api.call("POST", f"{path}/requirements", user=people.buyer, json={"text": "Logo bleu"})
    assert step.json()["status"] == "in_progress"
    files = [{"key": "deliveries/a/logo-v1.svg", "name": "logo-v1.svg"}]
    step = api.call(
        "POST",
        f"{path}/deliveries",
        user=people.owner,
        json={"message": "Première version", "attachments": files},
    )
    assert step.status_code == 201
    assert step.json()["status"] == "delivered"
    assert [m.to for m in emails.sent] == ["paul@exemple.fr"]
    assert emails.link(emails.sent[0]) == f"https://microtache.example/orders/{order_id}"
    notes = api.call("GET", "/me/notifications", user=people.buyer).json()
    assert notes["unread"] == 1
    assert [(n["kind"], n["link"]) for n in notes["items"]] == [("order_delivered", path)]

    step = api.call("POST", f"{path}/revision", user=people.buyer, json={"details": "Plus foncé"})
    assert step.json()["status"] == "rejected"
    files2 = [{"key": "deliveries/a/logo-v2.svg", "name": "logo-v2.svg"}]
    api.call(
        "POST",
        f"{path}/deliveries",
        user=people.owner,
        json={"message": "V2", "attachments": files2},
    )
    review = {
        "rating": 5,
        "communication": 5,
        "as_described": 4,
        "would_recommend": 5,
        "text": "Excellent travail",
        "work_sample_key": "deliveries/a/logo-v2.svg",
        "private_feedback": PRIVATE,
    }
    step = api.call("POST", f"{path}/reviews", user=people.buyer, json=review)
    assert step.status_code == 201, step.text
    done = step.json()
    assert done["status"] == "completed"
    assert [(d["number"], d["message"]) for d in done["deliveries"]] == [
        (1, "Première version"),
        (2, "V2"),
    ]
    assert [r["details"] for r in done["revision_requests"]] == ["Plus foncé"]

    step = api.call(
        "POST",
        f"{path}/tips",
        user=people.buyer,
        json={"amount_cents": 1000, "message": "Merci !"},
        headers={"Idempotency-Key": "api-tip-0001"},
    )
    assert step.status_code == 201, step.text
    assert step.json()["tip"]["amount_cents"] == 1000

    # R-REV-4: the seller sees the buyer's review only after leaving theirs
    seller_view = api.call("GET", path, user=people.owner).json()
    assert seller_view["reviews"] == []
    page = api.call("GET", "/sellers/claire_design").json()
    assert (page["reviews"], page["rating_average"], page["completed_orders"]) == ([], 5.0, 1)
    step = api.call("POST", f"{path}/reviews", user=people.owner, json={"rating": 5, "text": "Top"})
    assert [r["author"] for r in step.json()["reviews"]] == ["buyer", "seller"]
    page = api.call("GET", "/sellers/claire_design").json()
    assert [(r["rating"], r["text"]) for r in page["reviews"]] == [(5, "Excellent travail")]

    balance = api.call("GET", "/me/balance", user=people.owner).json()
    assert balance["earnings_cents"] == PRICE + 1000
    assert {e["kind"] for e in balance["entries"]} == {"order_release", "tip"}
    buyer_balance = api.call("GET", "/me/balance", user=people.buyer).json()
    assert buyer_balance["balance_cents"] == 0
    # R-REV-5: private feedback appears in no answer
    for user, url in ((people.buyer, path), (people.owner, path), (None, "/sellers/claire_design")):
        assert PRIVATE not in api.call("GET", url, user=user).text


def test_an_action_the_status_does_not_allow_is_409_with_the_allowed_actions(
    api: Api, people: People, money: Any
) -> None:
    """R-ORD-1: nothing is delivered before the order started."""
    order_id = order(api, people).json()["id"]
    response = api.call(
        "POST", f"/orders/{order_id}/deliveries", user=people.owner, json={"message": "Tôt"}
    )
    assert response.status_code == 409
    assert response.json()["status"] == "incomplete"
    assert response.json()["allowed_actions"] == [
        "start",
        "request_cancellation",
        "agree_cancellation",
    ]


def test_the_wrong_party_is_403_and_strangers_404(api: Api, people: People, money: Any) -> None:
    order_id = order(api, people).json()["id"]
    api.call("POST", f"/orders/{order_id}/start", user=people.owner)
    api.call("POST", f"/orders/{order_id}/deliveries", user=people.owner, json={"message": "ok"})
    refused = api.call("POST", f"/orders/{order_id}/accept", user=people.owner)
    assert refused.status_code == 403
    assert "the seller cannot accept" in refused.json()["detail"]
    for stranger in (people.other_seller, people.support):
        for method, url in (("GET", ""), ("POST", "/accept"), ("POST", "/extend")):
            response = api.call(method, f"/orders/{order_id}{url}", user=stranger, json={"days": 1})
            assert response.status_code == 404, (stranger, url)
            assert response.json() == {"detail": f"order {order_id} not found"}
    assert api.call("GET", f"/orders/{order_id}").status_code == 401
    assert api.call("GET", f"/orders/{order_id}", user=people.buyer).json()["status"] == "delivered"


def test_amounts_and_days_out_of_bounds_are_422_naming_the_bound(
    api: Api, people: People, money: Any
) -> None:
    """R-ORD-4 (1–30 days), R-TIP-2 (caps), R-REV-1 (stars)."""
    missing_key = api.call(
        "POST",
        "/orders",
        user=people.buyer,
        json={"gig_id": people.gigs[GigStatus.ACTIVE], "tier": "basic"},
    )
    assert missing_key.status_code == 422
    assert missing_key.json()["detail"][0]["field"] == "Idempotency-Key"
    bad_tier = order(api, people, tier="premium")
    assert (bad_tier.status_code, bad_tier.json()["detail"][0]["field"]) == (422, "tier")

    order_id = order(api, people).json()["id"]
    path = f"/orders/{order_id}"
    api.call("POST", f"{path}/start", user=people.owner)
    api.call("POST", f"{path}/deliveries", user=people.owner, json={"message": "ok"})
    days = api.call("POST", f"{path}/extend", user=people.owner, json={"days": 31})
    assert days.status_code == 422
    assert days.json()["detail"] == [
        {
            "field": "days",
            "rule": "extension.days_bounds",
            "message": "days must be between 1 and 30",
        }
    ]
    stars = api.call(
        "POST",
        f"{path}/reviews",
        user=people.buyer,
        json={"rating": 6, "communication": 5, "as_described": 5, "would_recommend": 5},
    )
    assert stars.status_code == 422
    assert stars.json()["detail"][0]["message"] == "rating must be between 1 and 5 stars"
    api.call("POST", f"{path}/accept", user=people.buyer)
    tip = api.call(
        "POST",
        f"{path}/tips",
        user=people.buyer,
        json={"amount_cents": 2501},
        headers={"Idempotency-Key": "api-tip-0001"},
    )
    assert tip.status_code == 422
    assert tip.json()["detail"][0]["message"] == (
        "amount_cents must be between 500 ($5) and 2500 for an order of 2000 cents"
    )


def test_a_declined_payment_is_402_and_places_nothing(
    api: Api, people: People, money: tuple[TestPaymentProvider, MemoryEmailSender]
) -> None:
    money[0].decline_all = True
    response = order(api, people)
    assert response.status_code == 402
    assert "declined" in response.json()["detail"]
    assert api.call("GET", "/orders", user=people.buyer).json() == []


def test_the_resolution_center_over_http(api: Api, people: People, money: Any) -> None:
    """R-DIS-1…4, R-ORD-6, R-ORD-9: a reason from the list, the other party accepts, the
    buyer's balance is refunded at once; support never sees it."""
    reasons = api.call("GET", "/cancellation-reasons?lang=en").json()
    assert {
        "code": "ordered_by_mistake",
        "label": "I ordered by mistake",
        "parties": ["buyer"],
    } in reasons
    order_id = order(api, people).json()["id"]
    path = f"/orders/{order_id}"
    wrong = api.call(
        "POST", f"{path}/cancellation-requests", user=people.buyer, json={"reason": "nope"}
    )
    assert wrong.status_code == 422
    opened = api.call(
        "POST",
        f"{path}/cancellation-requests",
        user=people.buyer,
        json={"reason": "ordered_by_mistake", "explanation": "Erreur de service"},
    )
    assert opened.status_code == 201
    request = opened.json()["cancellation_requests"][0]
    assert (request["status"], request["reason_label"]) == ("open", "J'ai commandé par erreur")
    own = api.call(
        "POST", f"{path}/cancellation-requests/{request['id']}/accept", user=people.buyer
    )
    assert own.status_code == 403
    assert api.call("GET", path, user=people.support).status_code == 404
    accepted = api.call(
        "POST", f"{path}/cancellation-requests/{request['id']}/accept", user=people.owner
    )
    assert accepted.json()["status"] == "cancelled"
    assert api.call("GET", "/me/balance", user=people.buyer).json()["balance_cents"] == PRICE
    again = api.call("POST", f"{path}/start", user=people.owner)
    assert (again.status_code, again.json()["allowed_actions"]) == (409, [])  # R-ORD-8


def test_very_late_orders_are_cancelled_at_once(api: Api, people: People, money: Any) -> None:
    """R-DIS-5."""
    order_id = order(api, people).json()["id"]
    api.call("POST", f"/orders/{order_id}/start", user=people.owner)
    body = {"reason": "late_delivery", "explanation": "Aucune nouvelle"}
    early = api.call("POST", f"/orders/{order_id}/cancel", user=people.buyer, json=body)
    assert (early.status_code, early.json()["status"]) == (409, "in_progress")
    api.runtime.clock.advance(timedelta(days=4))  # type: ignore[attr-defined]
    done = api.call("POST", f"/orders/{order_id}/cancel", user=people.buyer, json=body)
    assert done.json()["status"] == "cancelled"
    assert api.call("GET", "/me/balance", user=people.buyer).json()["balance_cents"] == PRICE


def test_support_cancels_completed_orders_only(api: Api, people: People, money: Any) -> None:
    """R-ORD-7."""
    order_id = order(api, people).json()["id"]
    path = f"/orders/{order_id}"
    api.call("POST", f"{path}/start", user=people.owner)
    api.call("POST", f"{path}/deliveries", user=people.owner, json={"message": "ok"})
    api.call("POST", f"{path}/accept", user=people.buyer)
    body = {"evidence": "Le fichier livré est vide, voir la capture du ticket 12."}
    for user in (people.buyer, people.owner):
        assert (
            api.call("POST", f"{path}/support-cancellation", user=user, json=body).status_code
            == 403
        )
    assert (
        api.call("POST", f"{path}/support-cancellation", user=people.support, json=body).status_code
        == 204
    )
    assert api.call("GET", path, user=people.buyer).json()["status"] == "cancelled"
    assert api.call("GET", "/me/balance", user=people.buyer).json()["balance_cents"] == PRICE


def test_my_orders_as_buyer_and_seller(api: Api, people: People, money: Any) -> None:
    order_id = order(api, people).json()["id"]
    mine = api.call("GET", "/orders?role=seller", user=people.owner).json()
    assert [(o["id"], o["my_role"]) for o in mine] == [(order_id, "seller")]
    assert api.call("GET", "/orders?role=seller", user=people.buyer).json() == []
    assert api.call("GET", "/orders", user=people.other_seller).json() == []


def test_extras_offered_accepted_and_paid_over_http(
    api: Api, people: People, money: tuple[TestPaymentProvider, MemoryEmailSender]
) -> None:
    """R-ORD-4: the seller offers priced extras, the buyer is notified, accepts with an
    Idempotency-Key (paid, the price grows, back to in progress); a retry pays nothing
    again; bad extras are 422, the buyer cannot offer (403)."""
    payments, _ = money
    order_id = order(api, people).json()["id"]
    path = f"/orders/{order_id}"
    api.call("POST", f"{path}/start", user=people.owner)
    api.call("POST", f"{path}/deliveries", user=people.owner, json={"message": "Voici"})
    bad = api.call(
        "POST",
        f"{path}/extension-offers",
        user=people.owner,
        json={"extras": [{"label": "Source", "price_cents": 100}]},
    )
    assert (bad.status_code, bad.json()["detail"][0]["field"]) == (422, "extras.0.price_cents")
    body = {"days": 2, "extras": [{"label": "Fichier source", "price_cents": 1500}]}
    wrong = api.call("POST", f"{path}/extension-offers", user=people.buyer, json=body)
    assert wrong.status_code == 403
    offered = api.call("POST", f"{path}/extension-offers", user=people.owner, json=body)
    assert offered.status_code == 201, offered.text
    [offer] = offered.json()["extension_offers"]
    assert offer["status"] == "pending"
    notes = api.call("GET", "/me/notifications", user=people.buyer).json()["items"]
    assert "extension_requested" in [n["kind"] for n in notes]
    seen = api.call("GET", path, user=people.buyer).json()
    assert {"accept_extension", "decline_extension"} <= set(seen["allowed_actions"])

    accept_path = f"{path}/extension-offers/{offer['id']}/accept"
    headers = {"Idempotency-Key": "api-extras-0001"}
    accepted = api.call("POST", accept_path, user=people.buyer, headers=headers)
    assert accepted.status_code == 200, accepted.text
    got = accepted.json()
    assert (got["status"], got["price_cents"], got["extension_days"]) == (
        "in_progress",
        PRICE + 1500,
        2,
    )
    again = api.call("POST", accept_path, user=people.buyer, headers=headers)
    assert again.status_code == 200
    assert [c.amount_cents for c in payments.charges] == [PRICE, 1500]
    declined = api.call("POST", f"{path}/extension-offers/{offer['id']}/decline", user=people.buyer)
    assert declined.status_code == 409
