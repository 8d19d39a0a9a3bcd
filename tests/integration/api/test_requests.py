"""Buyer requests through the API ("Demandes de clients", R-REQ-1…6, R-SRCH-7): the whole
path from posting to ordering an offer, every refusal (422 naming the rule, 409 for a
status that forbids the action, 404 and 403 for the wrong people), and who reads what."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from marketplace_core.accounts.enums import Role
from marketplace_core.clock import ManualClock
from marketplace_core.ledger import service as ledger
from marketplace_core.ledger.rules import AccountKind, TransactionKind, account_key, transfer
from marketplace_core.notifications.emails import MemoryEmailSender
from marketplace_core.orders.models import Order
from marketplace_core.requests.models import BuyerRequest, RequestOffer
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from tests.factories import create_gig, create_seller, create_user
from tests.integration.api.harness import Api, serve

LOGO: dict[str, Any] = {
    "description": "Un logo minimaliste pour ma boulangerie de quartier, tons chauds.",
    "category": "graphisme-design",
    "subcategory": "conception-logo",
    "criteria": {"style": ["minimaliste"]},
    "delivery": "3d",
    "budget_cents": 8000,
}
KEY = {"Idempotency-Key": "demande-commande-1"}


@dataclass(frozen=True)
class Cast:
    buyer: int
    claire: int  # claire_design: an active logo gig; rated 4.9 over 12 reviews
    marc: int  # marc_logo: an active logo gig; rated 4.5 over 80 reviews
    theo: int  # theo_voix: a voice-over gig only
    stranger: int  # no seller profile
    support: int
    gigs: dict[str, int]


def make_cast(api: Api) -> Cast:
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        users = [
            create_user(session, clock=clock, email=f"{name}@exemple.fr")
            for name in ("paul", "claire", "marc", "theo", "ines")
        ]
        support = create_user(session, clock=clock, email="aide@exemple.fr", role=Role.SUPPORT)
        claire = create_seller(session, clock=clock, username="claire_design", user=users[1])
        marc = create_seller(session, clock=clock, username="marc_logo", user=users[2])
        theo = create_seller(session, clock=clock, username="theo_voix", user=users[3])
        claire.rating_average, claire.rating_count = 4.9, 12
        marc.rating_average, marc.rating_count = 4.5, 80
        gigs = {
            "claire": create_gig(session, seller=claire, clock=clock).id,
            "marc": create_gig(
                session, seller=marc, clock=clock, title="Je vais dessiner un logo moderne"
            ).id,
            "theo": create_gig(
                session,
                seller=theo,
                clock=clock,
                subcategory="voix-off",
                attributes={"genre": ["homme"]},
                title="Je vais enregistrer votre voix off grave",
            ).id,
        }
        ids = [u.id for u in users]
    buyer, claire_id, marc_id, theo_id, stranger = ids
    return Cast(buyer, claire_id, marc_id, theo_id, stranger, support.id, gigs)


@pytest.fixture
def cast(api: Api) -> Cast:
    return make_cast(api)


def emails(api: Api) -> list[Any]:
    sender: MemoryEmailSender = api.app.state.email_sender
    return sender.sent


def post(api: Api, cast: Cast, body: dict[str, Any] | None = None) -> Any:
    return api.call("POST", "/requests", user=cast.buyer, json=LOGO if body is None else body)


def posted(api: Api, cast: Cast, body: dict[str, Any] | None = None) -> int:
    response = post(api, cast, body)
    assert response.status_code == 201, response.text
    request_id: int = response.json()["id"]
    return request_id


def approved(api: Api, cast: Cast, body: dict[str, Any] | None = None) -> int:
    request_id = posted(api, cast, body)
    response = api.call("POST", f"/support/requests/{request_id}/approve", user=cast.support)
    assert response.status_code == 200, response.text
    return request_id


def offer(api: Api, cast: Cast, request_id: int, seller: str, **changes: Any) -> Any:
    body = {
        "gig_id": cast.gigs[seller],
        "price_cents": 6000,
        "delivery_days": 3,
        "message": "Trois pistes de logo, deux retouches, fichiers sources inclus.",
    } | changes
    return api.call("POST", f"/requests/{request_id}/offers", user=getattr(cast, seller), json=body)


def upload(api: Api, user: int, data: bytes, name: str = "brief.pdf") -> Any:
    return api.client.post(
        "/uploads",
        params={"filename": name},
        content=data,
        headers=api.auth(user) | {"Content-Type": "application/pdf"},
    )


def fund(api: Api, user: int, cents: int) -> None:
    """Money already on the buyer's balance (e.g. a refund), so the order draws on it."""
    with api.runtime.sessions.begin() as session:
        ledger.post(
            session,
            kind=TransactionKind.PAYMENT_IN,
            idempotency_key=f"test-fund-{user}",
            legs=transfer(
                account_key(AccountKind.EXTERNAL),
                account_key(AccountKind.BUYER_BALANCE, user),
                cents,
            ),
            clock=api.runtime.clock,
        )


# -- the whole path (R-REQ-1…6) ---------------------------------------------------------------
def test_r_req_1_to_6_post_approve_two_offers_sort_withdraw_one_order_the_other(
    api: Api, cast: Cast
) -> None:
    # R-REQ-1/2: posted, pending until approved, hidden from sellers meanwhile.
    created = post(api, cast)
    assert created.status_code == 201, created.text
    request = created.json()
    request_id = request["id"]
    assert (request["status"], request["status_label"]) == ("pending", "En attente")
    assert request["allowed_actions"] == ["delete"]
    assert (request["delivery"], request["delivery_days"], request["budget_cents"]) == (
        "3d",
        3,
        8000,
    )
    assert request["subcategory"] == {"slug": "conception-logo", "label": "Conception de logo"}
    assert api.call("GET", "/requests", user=cast.claire).json()["results"] == []
    assert api.call("GET", f"/requests/{request_id}", user=cast.claire).status_code == 404

    # Support approves it; the buyer is told, by notification and e-mail.
    queue = api.call("GET", "/support/requests", user=cast.support).json()
    assert [(r["id"], r["buyer_id"]) for r in queue] == [(request_id, cast.buyer)]
    done = api.call("POST", f"/support/requests/{request_id}/approve", user=cast.support)
    assert (done.status_code, done.json()["status"]) == (200, "active")
    assert api.call("GET", "/support/requests", user=cast.support).json() == []
    [note] = api.call("GET", "/me/notifications", user=cast.buyer).json()["items"]
    assert (note["kind"], note["link"]) == ("request_approved", f"/me/requests/{request_id}")
    assert [(m.subject, m.link_path) for m in emails(api)] == [
        ("Votre demande est approuvée", f"/me/requests/{request_id}")
    ]

    # R-REQ-6: the matching sellers see it, without who posted it; the others do not.
    page = api.call("GET", "/requests", user=cast.claire).json()
    assert page["total"] == 1
    [seen] = page["results"]
    assert (seen["id"], seen["offer_count"], seen["my_offer"]) == (request_id, 0, None)
    assert not {"buyer_id", "buyer", "email", "status", "allowed_actions"} & set(seen)
    assert "paul" not in str(seen)
    assert api.call("GET", "/requests", user=cast.theo).json()["results"] == []

    # Two sellers offer.
    first = offer(api, cast, request_id, "claire", price_cents=9000, delivery_days=2)
    assert first.status_code == 201, first.text
    second = offer(api, cast, request_id, "marc", price_cents=6000, delivery_days=5)
    assert second.status_code == 201, second.text
    claire_offer, marc_offer = first.json()["id"], second.json()["id"]
    mine = api.call("GET", f"/requests/{request_id}", user=cast.claire).json()
    assert (mine["offer_count"], mine["my_offer"]["id"]) == (2, claire_offer)
    assert api.call("GET", f"/me/requests/{request_id}", user=cast.buyer).json()["offer_count"] == 2
    kinds = [
        n["kind"] for n in api.call("GET", "/me/notifications", user=cast.buyer).json()["items"]
    ]
    assert kinds == ["offer_received", "offer_received", "request_approved"]

    # The buyer sorts them.
    def order_by(sort: str) -> list[int]:
        response = api.call("GET", f"/me/requests/{request_id}/offers?sort={sort}", user=cast.buyer)
        assert response.status_code == 200, response.text
        return [o["id"] for o in response.json()]

    assert order_by("date") == [marc_offer, claire_offer]  # newest first
    assert order_by("price") == [marc_offer, claire_offer]  # cheapest first
    assert order_by("delivery") == [claire_offer, marc_offer]  # fastest first
    assert order_by("rating") == [claire_offer, marc_offer]  # 4.9 before 4.5
    assert order_by("reviews") == [marc_offer, claire_offer]  # 80 before 12
    listed = api.call("GET", f"/me/requests/{request_id}/offers", user=cast.buyer).json()
    assert listed[0]["seller"]["page"] == "/sellers/marc_logo"
    assert listed[0]["gig"]["id"] == cast.gigs["marc"]

    # Withdraw one, to see the others.
    withdrawn = api.call(
        "POST", f"/me/requests/{request_id}/offers/{marc_offer}/withdraw", user=cast.buyer
    )
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    assert order_by("date") == [claire_offer]

    # Order the other, through the orders core, paid from the balance first.
    fund(api, cast.buyer, 10000)
    url = f"/me/requests/{request_id}/offers/{claire_offer}/order"
    ordered = api.call("POST", url, user=cast.buyer, headers=KEY)
    assert ordered.status_code == 200, ordered.text
    assert ordered.json()["status"] == "ordered"
    order_id = ordered.json()["order_id"]
    with api.runtime.sessions() as session:
        order = session.get_one(Order, order_id)
        assert (order.source_kind, order.source_id) == ("request_offer", claire_offer)
        assert (order.buyer_id, order.seller_user_id) == (cast.buyer, cast.claire)
        assert (order.price_cents, order.delivery_days) == (9000, 2)
        assert order.title == f"Demande n° {request_id} : Conception de logo"
    assert api.call("GET", "/me/balance", user=cast.buyer).json()["balance_cents"] == 1000
    assert api.app.state.payments.total_cents() == 0  # the balance was enough
    seen_order = api.call("GET", f"/orders/{order_id}", user=cast.claire)
    assert seen_order.status_code == 200

    # A retry with the same key (a lost answer): the same order, charged once.
    again = api.call("POST", url, user=cast.buyer, headers=KEY)
    assert (again.status_code, again.json()["order_id"]) == (200, order_id)
    assert api.count(Order) == 1
    assert api.call("GET", "/me/balance", user=cast.buyer).json()["balance_cents"] == 1000

    # The request is closed: no more offers, hidden from sellers.
    closed = api.call("GET", f"/me/requests/{request_id}", user=cast.buyer).json()
    assert (closed["status"], closed["allowed_actions"]) == ("ordered", ["delete"])
    assert api.call("GET", "/requests", user=cast.marc).json()["results"] == []
    other_key = api.call(
        "POST",
        f"/me/requests/{request_id}/offers/{marc_offer}/order",
        user=cast.buyer,
        headers={"Idempotency-Key": "demande-autre-2"},
    )
    assert (other_key.status_code, other_key.json()["status"]) == (409, "ordered")
    assert api.count(Order) == 1
    sent = api.call("GET", "/me/request-offers", user=cast.claire).json()
    assert [(o["id"], o["status"], o["order_id"]) for o in sent] == [
        (claire_offer, "ordered", order_id)
    ]


def test_r_req_6_ordering_needs_an_idempotency_key(api: Api, cast: Cast) -> None:
    request_id = approved(api, cast)
    offer_id = offer(api, cast, request_id, "claire").json()["id"]
    response = api.call(
        "POST", f"/me/requests/{request_id}/offers/{offer_id}/order", user=cast.buyer
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "Idempotency-Key"
    assert api.count(Order) == 0


# -- R-SRCH-7: nothing found → post the prefill ----------------------------------------------
def test_r_srch_7_a_zero_result_searchs_prefill_posts_as_is(api: Api, cast: Cast) -> None:
    reindex(api.runtime, progress=False)
    found = api.client.get(
        "/search?q=logo+minimaliste+pour+boulangerie&budget_max=1500&delivery=24h"
    ).json()
    assert found["total"] == 0, "the gigs cost $20: nothing under $15 in 24 h"
    prefill = found["request_prefill"]
    assert prefill == {
        "description": "logo minimaliste pour boulangerie",
        "category": "graphisme-design",
        "subcategory": "conception-logo",
        "budget_cents": 1500,
        "delivery": "24h",
    }
    response = api.call("POST", "/requests", user=cast.buyer, json=prefill)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["delivery_days"], body["budget_cents"]) == ("pending", 1, 1500)


# -- R-REQ-1/2: bad input is 422 naming the rule ----------------------------------------------
@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"delivery": None, "delivery_days": 31}, "delivery_days", "delivery_days.range"),
        ({"delivery": None, "delivery_days": 0}, "delivery_days", "delivery_days.range"),
        ({"delivery": "2d"}, "delivery", "delivery.choice"),
        ({"delivery_days": 5}, "delivery", "delivery.exactly_one"),
        ({"subcategory": "voix-off", "criteria": {}}, "subcategory", "subcategory.not_in_category"),
        ({"subcategory": "inconnue"}, "subcategory", "subcategory.unknown"),
        ({"criteria": {"style": ["baroque"]}}, "criteria.style", "criterion.value_not_allowed"),
        ({"budget_cents": 499}, "budget_cents", "budget.min"),
        ({"budget_cents": None}, "budget_cents", "budget.required"),
        ({"description": "Un logo."}, "description", "request.description.too_short"),
        (
            {"description": "Un logo, écrivez-moi à paul@exemple.fr merci"},
            "description",
            "request.contact_details",
        ),
        (
            {"description": "Un logo, appelez-moi au 06 12 34 56 78 merci"},
            "description",
            "request.contact_details",
        ),
        (
            {"description": "Un logo comme sur https://exemple.org/logo merci"},
            "description",
            "request.link",
        ),
        ({"attachment": "pas-une-cle"}, "attachment", "attachment.unknown"),
    ],
)
def test_r_req_1_2_every_invalid_field_is_422_naming_the_rule(
    api: Api, cast: Cast, changes: dict[str, Any], field: str, rule: str
) -> None:
    response = post(api, cast, LOGO | changes)
    assert response.status_code == 422, response.text
    assert [(p["field"], p["rule"]) for p in response.json()["detail"]] == [(field, rule)]
    assert api.count(BuyerRequest) == 0


def test_r_req_1_only_a_logged_in_buyer_posts(api: Api, cast: Cast) -> None:
    response = api.call("POST", "/requests", json=LOGO)
    assert response.status_code == 401
    assert api.count(BuyerRequest) == 0


@pytest.fixture
def small_api(runtime: Runtime) -> Iterator[Api]:
    """The attachment limit made small, so it is tested without writing 30 MB."""
    yield from serve(runtime, request_attachment_max_bytes=1000)


def test_r_req_1_an_attachment_over_the_limit_is_refused(small_api: Api) -> None:
    api = small_api
    cast = make_cast(api)
    exact = upload(api, cast.buyer, b"a" * 1000).json()["key"]
    over = upload(api, cast.buyer, b"b" * 1001).json()["key"]
    response = post(api, cast, LOGO | {"attachment": over})
    assert response.status_code == 422
    assert [(p["field"], p["rule"]) for p in response.json()["detail"]] == [
        ("attachment", "attachment.too_large")
    ]
    assert "1000 bytes" in response.json()["detail"][0]["message"]
    assert api.count(BuyerRequest) == 0
    assert post(api, cast, LOGO | {"attachment": exact}).status_code == 201


def test_r_req_1_the_default_attachment_limit_is_30_mb(api: Api) -> None:
    assert api.runtime.settings.request_attachment_max_bytes == 30 * 1024 * 1024


def test_r_req_1_the_attachment_is_the_buyers_and_reaches_matching_sellers(
    api: Api, cast: Cast
) -> None:
    someone_elses = upload(api, cast.stranger, b"secret").json()["key"]
    refused = post(api, cast, LOGO | {"attachment": someone_elses})
    assert [(p["field"], p["rule"]) for p in refused.json()["detail"]] == [
        ("attachment", "attachment.unknown")
    ]
    data = b"le brief de la boulangerie"
    key = upload(api, cast.buyer, data).json()["key"]
    request_id = posted(api, cast, LOGO | {"attachment": key})
    own = api.call("GET", f"/me/requests/{request_id}/attachment", user=cast.buyer)
    assert (own.status_code, own.content) == (200, data)
    seller_path = f"/requests/{request_id}/attachment"
    assert api.call("GET", seller_path, user=cast.claire).status_code == 404  # still pending
    api.call("POST", f"/support/requests/{request_id}/approve", user=cast.support)
    got = api.call("GET", seller_path, user=cast.claire)
    assert (got.status_code, got.content) == (200, data)
    assert got.headers["content-disposition"].endswith("brief.pdf")
    assert api.call("GET", seller_path, user=cast.theo).status_code == 404  # no logo gig
    assert api.call("GET", seller_path, user=cast.stranger).status_code == 403  # no seller
    assert (
        api.call("GET", f"/me/requests/{request_id}/attachment", user=cast.claire).status_code
        == 404
    )


# -- R-REQ-2: support refuses with a reason ------------------------------------------------
def test_r_req_2_not_approved_is_labelled_and_the_buyer_told_why(api: Api, cast: Cast) -> None:
    request_id = posted(api, cast)
    url = f"/support/requests/{request_id}/refuse"
    blank = api.call("POST", url, user=cast.support, json={"reason": "  "})
    assert (blank.status_code, blank.json()["detail"][0]["rule"]) == (422, "reason.length")
    reason = "Les demandes de faux avis sont interdites."
    refused = api.call("POST", url, user=cast.support, json={"reason": reason})
    assert refused.status_code == 200, refused.text
    mine = api.call("GET", f"/me/requests/{request_id}", user=cast.buyer).json()
    assert (mine["status"], mine["status_label"], mine["refusal_reason"]) == (
        "not_approved",
        "Non approuvée",
        reason,
    )
    assert mine["allowed_actions"] == ["delete"]
    english = api.call("GET", f"/me/requests/{request_id}?lang=en", user=cast.buyer).json()
    assert (english["status_label"], english["subcategory"]["label"]) == (
        "Not approved",
        "Logo design",
    )
    [note] = api.call("GET", "/me/notifications", user=cast.buyer).json()["items"]
    assert note["kind"] == "request_refused"
    assert reason in note["message"]
    [mail] = emails(api)
    assert (mail.to, mail.subject) == ("paul@exemple.fr", "Votre demande n'a pas été approuvée")
    assert reason in mail.text
    again = api.call("POST", f"/support/requests/{request_id}/approve", user=cast.support)
    assert (again.status_code, again.json()["status"]) == (409, "not_approved")


def test_r_req_2_a_request_cannot_be_edited_only_deleted(api: Api, cast: Cast) -> None:
    request_id = posted(api, cast)
    for method in ("PUT", "PATCH"):
        assert (
            api.call(method, f"/me/requests/{request_id}", user=cast.buyer, json=LOGO).status_code
            == 405
        )
    assert api.call("DELETE", f"/me/requests/{request_id}", user=cast.buyer).status_code == 204
    assert api.call("GET", f"/me/requests/{request_id}", user=cast.buyer).status_code == 404
    assert api.call("GET", "/me/requests", user=cast.buyer).json() == []
    assert api.call("GET", "/support/requests", user=cast.support).json() == []


# -- R-REQ-3/4: the actions on an approved request; 409 when the status forbids ------------
def test_r_req_4_pause_resume_boost_on_an_approved_request(
    api: Api, cast: Cast, clock: ManualClock
) -> None:
    older = approved(api, cast)
    clock.advance(timedelta(hours=1))
    request_id = approved(api, cast)
    base = f"/me/requests/{request_id}"
    assert api.call("GET", base, user=cast.buyer).json()["allowed_actions"] == [
        "pause",
        "boost",
        "delete",
        "withdraw_offer",
        "order_offer",
    ]
    paused = api.call("POST", f"{base}/pause", user=cast.buyer).json()
    assert (paused["status"], paused["status_label"]) == ("paused", "En pause")
    assert [r["id"] for r in api.call("GET", "/requests", user=cast.claire).json()["results"]] == [
        older
    ]
    assert api.call("POST", f"{base}/resume", user=cast.buyer).json()["status"] == "active"

    clock.advance(timedelta(hours=1))
    api.call("POST", f"/me/requests/{older}/boost", user=cast.buyer)
    boosted = api.call("GET", f"/me/requests/{older}", user=cast.buyer).json()
    assert (boosted["boosted"], boosted["boosted_label"]) == (True, "Boosté")
    assert boosted["dated_at"] == boosted["boosted_at"]
    assert "boost" not in boosted["allowed_actions"]
    listed = api.call("GET", "/requests", user=cast.claire).json()["results"]
    assert [(r["id"], r["boosted_label"]) for r in listed] == [
        (older, "Boosté"),
        (request_id, None),
    ]

    twice = api.call("POST", f"/me/requests/{older}/boost", user=cast.buyer)
    assert (twice.status_code, twice.json()["rule"]) == (409, "request.boost_once")


@pytest.mark.parametrize(
    ("setup", "path", "status", "allowed"),
    [
        ("pending", "pause", "pending", ["delete"]),
        ("pending", "boost", "pending", ["delete"]),
        (
            "active",
            "resume",
            "active",
            ["pause", "boost", "delete", "withdraw_offer", "order_offer"],
        ),
        ("paused", "pause", "paused", ["resume", "delete", "withdraw_offer", "order_offer"]),
        ("paused", "boost", "paused", ["resume", "delete", "withdraw_offer", "order_offer"]),
    ],
)
def test_r_req_3_4_an_action_the_status_forbids_is_409(
    api: Api, cast: Cast, setup: str, path: str, status: str, allowed: list[str]
) -> None:
    request_id = posted(api, cast) if setup == "pending" else approved(api, cast)
    if setup == "paused":
        api.call("POST", f"/me/requests/{request_id}/pause", user=cast.buyer)
    response = api.call("POST", f"/me/requests/{request_id}/{path}", user=cast.buyer)
    assert response.status_code == 409
    assert (response.json()["status"], response.json()["allowed_actions"]) == (status, allowed)
    assert api.call("GET", f"/me/requests/{request_id}", user=cast.buyer).json()["status"] == status


@pytest.mark.parametrize("setup", ["pending", "paused", "not_approved", "deleted"])
def test_r_req_3_6_no_offer_on_a_request_that_is_not_active(
    api: Api, cast: Cast, setup: str
) -> None:
    request_id = posted(api, cast)
    if setup == "paused":
        api.call("POST", f"/support/requests/{request_id}/approve", user=cast.support)
        api.call("POST", f"/me/requests/{request_id}/pause", user=cast.buyer)
    elif setup == "not_approved":
        api.call(
            "POST",
            f"/support/requests/{request_id}/refuse",
            user=cast.support,
            json={"reason": "Non."},
        )
    elif setup == "deleted":
        api.call("DELETE", f"/me/requests/{request_id}", user=cast.buyer)
    response = offer(api, cast, request_id, "claire")
    if setup == "deleted":
        assert response.status_code == 404
    else:
        assert (response.status_code, response.json()["status"]) == (409, setup)
    assert api.count(RequestOffer) == 0


def test_r_req_6_one_offer_per_seller_with_an_active_gig_of_the_subcategory(
    api: Api, cast: Cast
) -> None:
    request_id = approved(api, cast)
    bad = offer(api, cast, request_id, "claire", price_cents=499, delivery_days=31, message=" ")
    assert bad.status_code == 422
    assert {(p["field"], p["rule"]) for p in bad.json()["detail"]} == {
        ("price_cents", "offer.price_range"),
        ("delivery_days", "delivery_days.range"),
        ("message", "message.length"),
    }
    wrong_gig = offer(api, cast, request_id, "claire", gig_id=cast.gigs["marc"])
    assert [(p["field"], p["rule"]) for p in wrong_gig.json()["detail"]] == [
        ("gig_id", "offer.gig_not_active")
    ]
    voice = offer(api, cast, request_id, "theo")
    assert [(p["field"], p["rule"]) for p in voice.json()["detail"]] == [
        ("gig_id", "offer.gig_subcategory")
    ]
    assert offer(api, cast, request_id, "claire").status_code == 201
    twice = offer(api, cast, request_id, "claire", price_cents=5000)
    assert (twice.status_code, twice.json()["rule"]) == (409, "offer.already_sent")
    assert api.count(RequestOffer) == 1
    no_seller = api.call(
        "POST",
        f"/requests/{request_id}/offers",
        user=cast.stranger,
        json={
            "gig_id": cast.gigs["claire"],
            "price_cents": 600,
            "delivery_days": 2,
            "message": "Oui.",
        },
    )
    assert no_seller.status_code == 403


def test_r_req_6_withdrawing_twice_or_an_ordered_offer_is_409(api: Api, cast: Cast) -> None:
    request_id = approved(api, cast)
    first = offer(api, cast, request_id, "claire").json()["id"]
    second = offer(api, cast, request_id, "marc").json()["id"]
    base = f"/me/requests/{request_id}/offers"
    assert api.call("POST", f"{base}/{first}/withdraw", user=cast.buyer).status_code == 200
    again = api.call("POST", f"{base}/{first}/withdraw", user=cast.buyer)
    assert (again.status_code, again.json()["status"]) == (409, "withdrawn")
    ordered_withdrawn = api.call("POST", f"{base}/{first}/order", user=cast.buyer, headers=KEY)
    assert (ordered_withdrawn.status_code, ordered_withdrawn.json()["status"]) == (409, "withdrawn")
    assert api.count(Order) == 0
    assert (
        api.call("POST", f"{base}/{second}/order", user=cast.buyer, headers=KEY).status_code == 200
    )
    late = api.call("POST", f"{base}/{second}/withdraw", user=cast.buyer)
    assert (late.status_code, late.json()["status"]) == (409, "ordered")
    assert api.call("POST", f"{base}/999999/withdraw", user=cast.buyer).status_code == 404


# -- access: the owner manages, sellers never see the buyer, support moderates ---------------
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", ""),
        ("DELETE", ""),
        ("POST", "/pause"),
        ("POST", "/resume"),
        ("POST", "/boost"),
        ("GET", "/offers"),
        ("GET", "/attachment"),
        ("POST", "/offers/{offer}/withdraw"),
        ("POST", "/offers/{offer}/order"),
        ("POST", "/offers/{offer}/contact"),
    ],
)
def test_nobody_but_the_owner_manages_a_request(
    api: Api, cast: Cast, method: str, path: str
) -> None:
    request_id = approved(api, cast)
    offer_id = offer(api, cast, request_id, "claire").json()["id"]
    url = f"/me/requests/{request_id}" + path.format(offer=offer_id)
    assert api.call(method, url, headers=KEY).status_code == 401
    for outsider in (cast.stranger, cast.claire, cast.support):
        response = api.call(method, url, user=outsider, headers=KEY)
        assert response.status_code == 404
        assert response.json() == {"detail": f"buyer request {request_id} not found"}
    mine = api.call("GET", f"/me/requests/{request_id}", user=cast.buyer).json()
    assert (mine["status"], mine["offer_count"]) == ("active", 1)
    assert api.count(Order) == 0


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/support/requests", None),
        ("POST", "/support/requests/{id}/approve", None),
        ("POST", "/support/requests/{id}/refuse", {"reason": "Non."}),
    ],
)
def test_support_only_endpoints(
    api: Api, cast: Cast, method: str, path: str, body: dict[str, Any] | None
) -> None:
    request_id = posted(api, cast)
    url = path.format(id=request_id)
    assert api.call(method, url, json=body).status_code == 401
    for user in (cast.buyer, cast.claire, cast.stranger):
        assert api.call(method, url, user=user, json=body).status_code == 403
    assert (
        api.call("GET", f"/me/requests/{request_id}", user=cast.buyer).json()["status"] == "pending"
    )
    missing = api.call(method, path.format(id=999999), user=cast.support, json=body)
    assert missing.status_code == (200 if method == "GET" else 404)


def test_seller_endpoints_need_a_seller_profile(api: Api, cast: Cast) -> None:
    request_id = approved(api, cast)
    for path in ("/requests", f"/requests/{request_id}", "/me/request-offers"):
        assert api.call("GET", path, user=cast.stranger).status_code == 403
        assert api.call("GET", path).status_code == 401
    # The page size's bound is the documented schema's; the budget's order is the rule's.
    bad = api.call("GET", "/requests?size=99", user=cast.claire)
    assert bad.status_code == 422
    assert {(p["field"], p["rule"]) for p in bad.json()["detail"]} == {("size", "less_than_equal")}
    bad = api.call("GET", "/requests?budget_min=5000&budget_max=100", user=cast.claire)
    assert {(p["field"], p["rule"]) for p in bad.json()["detail"]} == {
        ("budget_max", "budget.range")
    }


def test_r_req_6_the_seller_list_filters_by_subcategory_and_budget(api: Api, cast: Cast) -> None:
    cheap = approved(api, cast, LOGO | {"budget_cents": 1000})
    dear = approved(api, cast, LOGO | {"budget_cents": 20000})

    def ids(query: str) -> list[int]:
        response = api.call("GET", f"/requests?{query}", user=cast.claire)
        assert response.status_code == 200, response.text
        return [r["id"] for r in response.json()["results"]]

    assert ids("") == [dear, cheap]
    assert ids("budget_min=5000") == [dear]
    assert ids("budget_max=5000") == [cheap]
    assert ids("subcategory=conception-logo&size=1&page=2") == [cheap]
    assert ids("subcategory=voix-off") == []
    unknown = api.call("GET", "/requests?subcategory=inconnue", user=cast.claire)
    assert unknown.json()["detail"][0]["rule"] == "subcategory.unknown"


# -- contact: a conversation only the two parties read -----------------------------------
def test_r_req_6_the_buyer_contacts_the_seller_of_an_offer(api: Api, cast: Cast) -> None:
    request_id = approved(api, cast)
    offer_id = offer(api, cast, request_id, "claire").json()["id"]
    url = f"/me/requests/{request_id}/offers/{offer_id}/contact"
    opened = api.call("POST", url, user=cast.buyer, json={"message": "Pouvez-vous livrer en SVG ?"})
    assert opened.status_code == 200, opened.text
    conversation_id = opened.json()["conversation_id"]
    assert opened.json()["link"] == f"/conversations/{conversation_id}"
    again = api.call("POST", url, user=cast.buyer)
    assert again.json()["conversation_id"] == conversation_id  # the same conversation
    page = f"/conversations/{conversation_id}"
    for party in (cast.buyer, cast.claire):
        assert api.call("GET", page, user=party).status_code == 200
    for outsider in (cast.marc, cast.stranger, cast.support):
        assert api.call("GET", page, user=outsider).status_code == 404
    assert (
        api.call(
            "POST", f"/me/requests/{request_id}/offers/999999/contact", user=cast.buyer
        ).status_code
        == 404
    )


# -- documented ------------------------------------------------------------------------------
ENDPOINTS = {
    ("post", "/requests"): {"401", "413", "422"},
    ("get", "/requests"): {"401", "403", "422"},
    ("get", "/requests/{request_id}"): {"401", "403", "404", "422"},
    ("get", "/requests/{request_id}/attachment"): {"401", "403", "404", "422"},
    ("post", "/requests/{request_id}/offers"): {"401", "403", "404", "409", "413", "422"},
    ("get", "/me/request-offers"): {"401", "403"},
    ("get", "/me/requests"): {"401", "422"},
    ("get", "/me/requests/{request_id}"): {"401", "404", "422"},
    ("delete", "/me/requests/{request_id}"): {"401", "404", "409", "422"},
    ("post", "/me/requests/{request_id}/pause"): {"401", "404", "409", "422"},
    ("post", "/me/requests/{request_id}/resume"): {"401", "404", "409", "422"},
    ("post", "/me/requests/{request_id}/boost"): {"401", "404", "409", "422"},
    ("get", "/me/requests/{request_id}/attachment"): {"401", "404", "422"},
    ("get", "/me/requests/{request_id}/offers"): {"401", "404", "422"},
    ("post", "/me/requests/{request_id}/offers/{offer_id}/withdraw"): {"401", "404", "409", "422"},
    ("post", "/me/requests/{request_id}/offers/{offer_id}/order"): {
        "401",
        "402",
        "404",
        "409",
        "422",
    },
    ("post", "/me/requests/{request_id}/offers/{offer_id}/contact"): {"401", "404", "413", "422"},
    ("get", "/support/requests"): {"401", "403", "422"},
    ("post", "/support/requests/{request_id}/approve"): {"401", "403", "404", "409", "422"},
    ("post", "/support/requests/{request_id}/refuse"): {"401", "403", "404", "409", "413", "422"},
}


def test_the_request_endpoints_are_documented(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    for (method, path), codes in ENDPOINTS.items():
        operation = spec["paths"][path][method]
        assert operation.get("summary"), (method, path)
        assert operation.get("description"), (method, path)
        assert {c for c in operation["responses"] if c >= "400"} == codes, (method, path)
        assert operation["security"] == [{"HTTPBearer": []}], (method, path)
    conflict = spec["paths"]["/me/requests/{request_id}/boost"]["post"]["responses"]["409"]
    titles = {
        spec["components"]["schemas"][v["$ref"].rsplit("/", 1)[1]]["title"]
        for v in conflict["content"]["application/json"]["schema"]["anyOf"]
    }
    assert titles == {"TransitionOut", "RefusedOut", "MessageOut"}


def test_sellers_never_read_the_buyers_private_data(api: Api, cast: Cast) -> None:
    request_id = approved(api, cast)
    spec = api.client.get("/openapi.json").json()
    fields = set(spec["components"]["schemas"]["SellerRequestOut"]["properties"])
    assert not {"buyer_id", "buyer", "email", "refusal_reason"} & fields
    body = api.call("GET", f"/requests/{request_id}", user=cast.claire).json()
    assert set(body) == fields
    assert "paul" not in str(body)
