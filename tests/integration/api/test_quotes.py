"""Quotes through the API ("Obtenir un devis"): who may be asked (R-QUO-1), what a request
holds and its attachments (R-QUO-2), the seller's answer and the buyer's (R-QUO-3), and who
may see and do what."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.orders.models import Order
from marketplace_core.quotes.models import QuoteOffer, QuoteRequest
from marketplace_core.uploads.models import Upload
from microtache.runtime import Runtime
from tests.factories import create_gig, create_seller, create_user
from tests.integration.api.harness import Api, serve

VOICE_OVER: dict[str, Any] = {
    "description": "Voix off de 90 secondes pour une publicité radio, ton chaleureux.",
    "subcategory": "voix-off",
    "criteria": {
        "genre": ["femme"],
        "langue": ["fr", "en"],
        "tranche-age": ["adulte"],
        "objectif": ["publicite"],
        "accent": ["quebecois"],
    },
    "delivery_days": 5,
    "budget_cents": 15000,
}
OFFER = {"price_cents": 12000, "delivery_days": 4, "description": "90 secondes, deux prises."}
KEY = {"Idempotency-Key": "devis-commande-1"}


@dataclass(frozen=True)
class Cast:
    seller: int  # marc_voix: accepts quotes, one active voice-over gig
    buyer: int
    stranger: int  # a third account
    no_quotes: int  # lea_sons: an active gig, does not accept quotes
    no_gig: int  # theo_audio: accepts quotes, only a paused gig


def make_cast(api: Api) -> Cast:
    clock = api.runtime.clock
    voice = {"genre": ["femme"]}
    with api.runtime.sessions.begin() as session:
        users = [
            create_user(session, clock=clock, email=f"{name}@exemple.fr")
            for name in ("marc", "paul", "ines", "lea", "theo")
        ]
        seller = create_seller(
            session, clock=clock, username="marc_voix", user=users[0], accepts_quotes=True
        )
        create_gig(
            session,
            seller=seller,
            clock=clock,
            subcategory="voix-off",
            attributes=voice,
            title="Je vais enregistrer votre voix off en français",
        )
        lea = create_seller(session, clock=clock, username="lea_sons", user=users[3])
        create_gig(
            session,
            seller=lea,
            clock=clock,
            subcategory="voix-off",
            attributes=voice,
            title="Je vais enregistrer votre voix off chaleureuse",
        )
        theo = create_seller(
            session, clock=clock, username="theo_audio", user=users[4], accepts_quotes=True
        )
        create_gig(
            session,
            seller=theo,
            clock=clock,
            subcategory="voix-off",
            attributes=voice,
            title="Je vais enregistrer une voix off posée",
            status=GigStatus.PAUSED,
        )
        ids = [u.id for u in users]
    return Cast(ids[0], ids[1], ids[2], ids[3], ids[4])


@pytest.fixture
def cast(api: Api) -> Cast:
    return make_cast(api)


def ask(api: Api, buyer: int, body: dict[str, Any] | None = None, seller: str = "marc_voix") -> Any:
    return api.call(
        "POST", f"/sellers/{seller}/quote-requests", user=buyer, json=body or VOICE_OVER
    )


def asked(api: Api, cast: Cast) -> int:
    response = ask(api, cast.buyer)
    assert response.status_code == 201, response.text
    request_id: int = response.json()["id"]
    return request_id


def upload(api: Api, user: int, data: bytes | Iterator[bytes], name: str = "brief.pdf") -> Any:
    return api.client.post(
        "/uploads",
        params={"filename": name},
        content=data,
        headers=api.auth(user) | {"Content-Type": "application/pdf"},
    )


def stored_files(api: Api) -> list[Path]:
    root = api.runtime.settings.files_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# -- R-QUO-1: who may be asked --------------------------------------------------------------
@pytest.mark.parametrize(
    ("seller", "rule"),
    [
        ("lea_sons", "seller.no_quotes"),
        ("theo_audio", "seller.no_active_gig"),
    ],
)
def test_r_quo_1_a_seller_who_cannot_quote_is_refused_with_the_reason(
    api: Api, cast: Cast, seller: str, rule: str
) -> None:
    response = ask(api, cast.buyer, seller=seller)
    assert response.status_code == 409
    assert response.json()["rule"] == rule
    assert api.count(QuoteRequest) == 0


def test_r_quo_1_a_subcategory_without_quotes_is_refused(api: Api, cast: Cast) -> None:
    response = ask(
        api, cast.buyer, VOICE_OVER | {"subcategory": "mixage-mastering", "criteria": {}}
    )
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert (problem["field"], problem["rule"]) == ("subcategory", "subcategory.no_quotes")
    assert "voix-off" in problem["message"]  # names the subcategories that offer quotes
    assert api.count(QuoteRequest) == 0


def test_r_quo_1_nobody_asks_themselves(api: Api, cast: Cast) -> None:
    response = ask(api, cast.seller)
    assert (response.status_code, response.json()["rule"]) == (409, "seller.self")


def test_r_quo_1_only_a_logged_in_buyer_asks_an_existing_seller(api: Api, cast: Cast) -> None:
    anonymous = api.call("POST", "/sellers/marc_voix/quote-requests", json=VOICE_OVER)
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    assert ask(api, cast.buyer, seller="personne").status_code == 404
    assert api.count(QuoteRequest) == 0


# -- R-QUO-2: what a request holds ------------------------------------------------------------
def test_r_quo_2_a_voice_over_request_holds_its_five_criteria(api: Api, cast: Cast) -> None:
    response = ask(api, cast.buyer)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["role"], body["allowed_actions"]) == ("requested", "buyer", [])
    assert body["subcategory"] == {"slug": "voix-off", "label": "Voix off"}
    assert {c["slug"]: [v["slug"] for v in c["values"]] for c in body["criteria"]} == VOICE_OVER[
        "criteria"
    ]
    assert {c["slug"]: c["label"] for c in body["criteria"]}["tranche-age"] == "Tranche d'âge"
    assert (body["delivery_days"], body["budget_cents"]) == (5, 15000)
    assert body["seller"] == {"username": "marc_voix", "display_name": "Marc Voix"}


@pytest.mark.parametrize(
    ("criteria", "field", "rule", "named"),
    [
        ({"couleur": ["rouge"]}, "criteria.couleur", "criterion.unknown", "genre, langue"),
        ({"genre": ["robot"]}, "criteria.genre", "criterion.value_not_allowed", "homme, femme"),
        (
            {"tranche-age": ["enfant", "senior"]},
            "criteria.tranche-age",
            "criterion.cardinality",
            "exactly one value",
        ),
        ({"accent": ["martien"]}, "criteria.accent", "criterion.value_not_allowed", "quebecois"),
    ],
)
def test_r_quo_2_criteria_are_those_of_the_subcategory(
    api: Api, cast: Cast, criteria: dict[str, list[str]], field: str, rule: str, named: str
) -> None:
    response = ask(api, cast.buyer, VOICE_OVER | {"criteria": criteria})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert (problem["field"], problem["rule"]) == (field, rule)
    assert named in problem["message"]
    assert api.count(QuoteRequest) == 0


def test_r_quo_2_budget_and_delivery_are_checked(api: Api, cast: Cast) -> None:
    response = ask(api, cast.buyer, VOICE_OVER | {"budget_cents": 499, "delivery_days": 0})
    assert response.status_code == 422
    assert {(p["field"], p["rule"]) for p in response.json()["detail"]} == {
        ("budget_cents", "budget.range"),
        ("delivery_days", "delivery_days.range"),
    }
    without_budget = {k: v for k, v in VOICE_OVER.items() if k != "budget_cents"}
    assert ask(api, cast.buyer, without_budget).json()["budget_cents"] is None


def test_r_quo_2_an_attachment_streams_in_and_goes_with_the_request(api: Api, cast: Cast) -> None:
    data = b"x" * 200_000  # over the 64 KiB limit of every other route
    sent = upload(api, cast.buyer, data, name="C:\\Users\\paul\\brief été.pdf")
    assert sent.status_code == 201, sent.text
    stored = sent.json()
    assert (stored["size_bytes"], stored["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert (stored["filename"], stored["content_type"]) == ("brief été.pdf", "application/pdf")
    response = ask(api, cast.buyer, VOICE_OVER | {"attachments": [stored["key"]]})
    assert response.status_code == 201, response.text
    request_id = response.json()["id"]
    assert [a["key"] for a in response.json()["attachments"]] == [stored["key"]]

    path = f"/quote-requests/{request_id}/attachments/{stored['key']}"
    for party in (cast.seller, cast.buyer):
        got = api.call("GET", path, user=party)
        assert (got.status_code, got.content) == (200, data)
        assert got.headers["content-disposition"].endswith("brief%20%C3%A9t%C3%A9.pdf")
    assert api.call("GET", path, user=cast.stranger).status_code == 404
    assert api.call("GET", path).status_code == 401


def test_r_quo_2_only_the_uploader_attaches_an_upload(api: Api, cast: Cast) -> None:
    key = upload(api, cast.stranger, b"secret").json()["key"]
    response = ask(api, cast.buyer, VOICE_OVER | {"attachments": [key]})
    assert response.status_code == 422
    assert [(p["field"], p["rule"]) for p in response.json()["detail"]] == [
        ("attachments.0", "attachment.unknown")
    ]
    kept = stored_files(api)
    assert api.client.post("/uploads?filename=a.pdf", content=b"x").status_code == 401
    assert stored_files(api) == kept


@pytest.fixture
def small_api(runtime: Runtime) -> Iterator[Api]:
    """The attachment limit made small, so it is tested without writing a gigabyte."""
    yield from serve(runtime, quote_attachment_max_bytes=100_000)


def test_r_quo_2_an_attachment_over_the_limit_is_refused_and_nothing_is_kept(
    small_api: Api,
) -> None:
    api = small_api
    cast = make_cast(api)
    exact = upload(api, cast.buyer, b"a" * 100_000)
    assert exact.status_code == 201
    kept = stored_files(api)
    assert len(kept) == 1

    def chunked(total: int) -> Iterator[bytes]:  # no Content-Length: cut off while streaming
        for _ in range(total // 10_000):
            yield b"b" * 10_000

    for body in (b"c" * 100_001, chunked(150_000)):
        response = upload(api, cast.buyer, body)
        assert response.status_code == 413
        assert response.json()["detail"] == [
            {
                "field": "file",
                "rule": "file.too_large",
                "message": "file must be at most 100000 bytes",
            }
        ]
        assert stored_files(api) == kept  # no partial file, under any name
    assert api.count(Upload) == 1


def test_r_quo_2_the_request_size_limit_still_guards_every_other_route(
    api: Api, cast: Cast
) -> None:
    response = ask(api, cast.buyer, VOICE_OVER | {"description": "x" * 70_000})
    assert response.status_code == 413


# -- R-QUO-3: the answer and the buyer's choice ---------------------------------------------
def test_r_quo_3_the_seller_offers_and_the_buyer_orders(api: Api, cast: Cast) -> None:
    key = upload(api, cast.buyer, b"le script de la publicite").json()["key"]
    request_id = ask(api, cast.buyer, VOICE_OVER | {"attachments": [key]}).json()["id"]

    [received] = api.call("GET", "/me/quote-requests", user=cast.seller).json()
    assert (received["id"], received["role"]) == (request_id, "seller")
    assert received["allowed_actions"] == ["offer", "decline"]
    assert [a["filename"] for a in received["attachments"]] == ["brief.pdf"]

    offered = api.call("POST", f"/quote-requests/{request_id}/offer", user=cast.seller, json=OFFER)
    assert offered.status_code == 200, offered.text
    assert offered.json()["status"] == "offered"
    assert offered.json()["allowed_actions"] == []

    [mine] = api.call("GET", "/me/quote-requests/sent", user=cast.buyer).json()
    assert mine["status"] == "offered"
    assert mine["allowed_actions"] == ["order", "decline_offer"]
    assert {k: mine["offer"][k] for k in OFFER} == OFFER

    url = f"/quote-requests/{request_id}/offer/order"
    ordered = api.call("POST", url, user=cast.buyer, headers=KEY)
    assert ordered.status_code == 200, ordered.text
    assert ordered.json()["status"] == "accepted"
    order_id = ordered.json()["offer"]["order_id"]
    seen = api.call("GET", f"/quote-requests/{request_id}", user=cast.seller).json()
    assert (seen["status"], seen["offer"]["order_id"]) == ("accepted", order_id)
    with api.runtime.sessions() as session:
        offer = session.scalars(select(QuoteOffer)).one()
        order = session.get_one(Order, order_id)
        assert (order.source_kind, order.source_id) == ("quote_offer", offer.id)
        assert (order.buyer_id, order.seller_user_id) == (cast.buyer, cast.seller)
        assert (order.price_cents, order.delivery_days) == (12000, 4)
        assert order.title == f"Devis n° {request_id} : Voix off"
    # The same key again (a lost answer): the same order, charged once.
    again = api.call("POST", url, user=cast.buyer, headers=KEY)
    assert (again.status_code, again.json()["offer"]["order_id"]) == (200, order_id)
    assert api.count(Order) == 1
    assert api.app.state.payments.total_cents() == 12000
    # Another key cannot order the same offer twice.
    other = api.call("POST", url, user=cast.buyer, headers={"Idempotency-Key": "devis-autre-2"})
    assert (other.status_code, other.json()["status"]) == (409, "accepted")
    assert api.count(Order) == 1


def test_r_quo_3_ordering_needs_an_idempotency_key(api: Api, cast: Cast) -> None:
    request_id = asked(api, cast)
    api.call("POST", f"/quote-requests/{request_id}/offer", user=cast.seller, json=OFFER)
    response = api.call("POST", f"/quote-requests/{request_id}/offer/order", user=cast.buyer)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "Idempotency-Key"
    assert (
        api.call("GET", f"/quote-requests/{request_id}", user=cast.buyer).json()["status"]
        == "offered"
    )
    assert api.count(Order) == 0


def test_r_quo_3_the_buyer_declines_the_offer(api: Api, cast: Cast) -> None:
    request_id = asked(api, cast)
    api.call("POST", f"/quote-requests/{request_id}/offer", user=cast.seller, json=OFFER)
    response = api.call(
        "POST",
        f"/quote-requests/{request_id}/offer/decline",
        user=cast.buyer,
        json={"reason": "  Trop cher pour moi.  "},
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decline_reason"]) == (
        "declined_by_buyer",
        "Trop cher pour moi.",
    )
    again = api.call(
        "POST", f"/quote-requests/{request_id}/offer/order", user=cast.buyer, headers=KEY
    )
    assert again.status_code == 409
    assert again.json() == {
        "detail": f"cannot order quote request {request_id}: it is declined_by_buyer; "
        "allowed actions: none",
        "status": "declined_by_buyer",
        "allowed_actions": [],
    }


def test_r_quo_3_the_seller_declines_the_request(api: Api, cast: Cast) -> None:
    request_id = asked(api, cast)
    response = api.call("POST", f"/quote-requests/{request_id}/decline", user=cast.seller)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decline_reason"]) == (
        "declined_by_seller",
        None,
    )
    late = api.call("POST", f"/quote-requests/{request_id}/offer", user=cast.seller, json=OFFER)
    assert late.status_code == 409
    assert late.json()["status"] == "declined_by_seller"
    declined = api.call("GET", "/me/quote-requests?status=declined_by_seller", user=cast.seller)
    assert [r["id"] for r in declined.json()] == [request_id]
    assert api.call("GET", "/me/quote-requests?status=offered", user=cast.seller).json() == []


@pytest.mark.parametrize(
    ("path", "status", "allowed"),
    [
        ("offer/order", "requested", ["offer", "decline"]),
        ("offer/decline", "requested", ["offer", "decline"]),
        ("offer", "offered", ["order", "decline_offer"]),
        ("decline", "offered", ["order", "decline_offer"]),
    ],
)
def test_r_quo_3_an_action_the_status_does_not_allow_is_409(
    api: Api, cast: Cast, path: str, status: str, allowed: list[str]
) -> None:
    request_id = asked(api, cast)
    if status == "offered":
        api.call("POST", f"/quote-requests/{request_id}/offer", user=cast.seller, json=OFFER)
    actor = cast.seller if path in ("offer", "decline") else cast.buyer
    response = api.call(
        "POST",
        f"/quote-requests/{request_id}/{path}",
        user=actor,
        json=OFFER if path == "offer" else None,
        headers=KEY,
    )
    assert response.status_code == 409
    assert (response.json()["status"], response.json()["allowed_actions"]) == (status, allowed)
    assert api.call("GET", f"/quote-requests/{request_id}", user=actor).json()["status"] == status


def test_r_quo_3_an_offer_is_checked(api: Api, cast: Cast) -> None:
    request_id = asked(api, cast)
    response = api.call(
        "POST",
        f"/quote-requests/{request_id}/offer",
        user=cast.seller,
        json={"price_cents": 499, "delivery_days": 91, "description": " "},
    )
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["detail"]} == {
        "price_cents",
        "delivery_days",
        "description",
    }
    assert api.count(QuoteOffer) == 0


# -- Access ---------------------------------------------------------------------------------
ACTIONS = [
    ("offer", "seller"),
    ("decline", "seller"),
    ("offer/decline", "buyer"),
    ("offer/order", "buyer"),
]


@pytest.mark.parametrize(("path", "party"), ACTIONS)
def test_only_the_two_parties_reach_a_request_and_each_only_its_actions(
    api: Api, cast: Cast, path: str, party: str
) -> None:
    request_id = asked(api, cast)
    url = f"/quote-requests/{request_id}/{path}"
    body = OFFER if path == "offer" else None
    assert api.call("POST", url, json=body, headers=KEY).status_code == 401
    for outsider in (cast.stranger, cast.no_quotes):
        response = api.call("POST", url, user=outsider, json=body, headers=KEY)
        assert response.status_code == 404
        assert response.json() == {"detail": f"quote request {request_id} not found"}
    wrong = cast.buyer if party == "seller" else cast.seller
    forbidden = api.call("POST", url, user=wrong, json=body, headers=KEY)
    assert forbidden.status_code == 403
    assert party in forbidden.json()["detail"]
    assert api.call("GET", f"/quote-requests/{request_id}", user=cast.buyer).json()["status"] == (
        "requested"
    )


def test_a_request_is_read_by_its_parties_only(api: Api, cast: Cast) -> None:
    request_id = asked(api, cast)
    url = f"/quote-requests/{request_id}"
    assert api.call("GET", url).status_code == 401
    assert api.call("GET", url, user=cast.stranger).status_code == 404
    assert api.call("GET", "/quote-requests/999999", user=cast.buyer).status_code == 404
    assert api.call("GET", url, user=cast.buyer).json()["role"] == "buyer"
    assert api.call("GET", url, user=cast.seller).json()["role"] == "seller"
    assert api.call("GET", "/me/quote-requests/sent", user=cast.stranger).json() == []
    assert api.call("GET", "/me/quote-requests", user=cast.no_quotes).json() == []
    # Received requests need a seller profile.
    assert api.call("GET", "/me/quote-requests", user=cast.buyer).status_code == 403
    assert api.call("GET", "/me/quote-requests").status_code == 401


def test_the_quote_endpoints_are_documented(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    create = spec["paths"]["/sellers/{username}/quote-requests"]["post"]
    assert {c for c in create["responses"] if c >= "400"} == {"401", "404", "409", "413", "422"}
    assert create["security"] == [{"HTTPBearer": []}]
    order = spec["paths"]["/quote-requests/{request_id}/offer/order"]["post"]
    assert {c for c in order["responses"] if c >= "400"} == {
        "401",
        "403",
        "404",
        "409",
        "413",
        "422",
    }
    assert "application/octet-stream" in spec["paths"]["/uploads"]["post"]["requestBody"]["content"]
