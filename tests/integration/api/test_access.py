"""Who may call what. The rule for someone else's gig: 404, for reading a non-public gig and
for every change, as if it did not exist; customer support has no power over gigs either.
A refused call changes nothing: not the row, not its version, no outbox row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Seller
from marketplace_core.favorites.models import Favorite
from search_api.deps import SupportUser
from tests.integration.api.harness import Api, People


@dataclass(frozen=True)
class GigCall:
    method: str
    path: str  # {id} is the gig's id
    status: GigStatus  # the owner's gig it acts on
    owner_gets: int
    json: Any = None
    headers: dict[str, str] | None = None


GIG_CALLS = [
    GigCall("GET", "/me/gigs/{id}", GigStatus.DRAFT, 200),
    GigCall(
        "PATCH",
        "/me/gigs/{id}",
        GigStatus.ACTIVE,
        200,
        {"title": "Je vais créer un logo que personne d'autre ne modifie"},
        {"If-Match": '"1"'},
    ),
    GigCall("POST", "/me/gigs/{id}/publish", GigStatus.DRAFT, 200),
    GigCall("POST", "/me/gigs/{id}/pause", GigStatus.ACTIVE, 200),
    GigCall("POST", "/me/gigs/{id}/resume", GigStatus.PAUSED, 200),
    GigCall("DELETE", "/me/gigs/{id}", GigStatus.ACTIVE, 204),
    GigCall("GET", "/gigs/{id}", GigStatus.PAUSED, 200),
]


@pytest.mark.parametrize("call", GIG_CALLS, ids=lambda c: f"{c.method} {c.path} ({c.status})")
def test_only_the_owner_reaches_their_gig(api: Api, people: People, call: GigCall) -> None:
    gig_id = people.gigs[call.status]
    path = call.path.format(id=gig_id)

    def send(user: int | None) -> Any:
        return api.call(call.method, path, user=user, json=call.json, headers=call.headers)

    def unchanged() -> None:
        gig = api.gig(gig_id)
        assert (gig.status, gig.version) == (call.status, 1)
        assert api.outbox() == []

    anonymous = send(None)
    if call.path.startswith("/gigs/"):  # the public page: anonymous readers are welcome
        assert anonymous.status_code == 404
    else:
        assert anonymous.status_code == 401
        assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    unchanged()
    for stranger in (people.other_seller, people.buyer, people.support):
        response = send(stranger)
        assert response.status_code == 404, (stranger, response.text)
        assert response.json() == {"detail": f"gig {gig_id} not found"}
        unchanged()

    assert send(people.owner).status_code == call.owner_gets


def test_a_gig_that_does_not_exist_answers_like_someone_elses(api: Api, people: People) -> None:
    theirs = api.call("POST", f"/me/gigs/{people.gigs[GigStatus.ACTIVE]}/pause", user=people.buyer)
    missing = api.call("POST", "/me/gigs/999999/pause", user=people.buyer)
    assert (theirs.status_code, missing.status_code) == (404, 404)
    assert theirs.json()["detail"].replace(
        str(people.gigs[GigStatus.ACTIVE]), "N"
    ) == missing.json()["detail"].replace("999999", "N")


ACCOUNT_CALLS = [
    ("POST", "/auth/logout", None),
    (
        "POST",
        "/me/seller",
        {"username": "pirate", "display_name": "Pirate", "languages": [], "country": "FR"},
    ),
    ("PATCH", "/me/seller", {"display_name": "Pirate"}),
    ("POST", "/me/heartbeat", None),
    ("POST", "/me/gigs", {"title": "x"}),
    ("PUT", "/me/favorites/{active}", None),
    ("DELETE", "/me/favorites/{active}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ACCOUNT_CALLS, ids=lambda v: str(v))
def test_every_change_needs_a_token(
    api: Api, people: People, method: str, path: str, body: Any
) -> None:
    before = api.seller("claire_design")
    response = api.call(method, path.format(active=people.gigs[GigStatus.ACTIVE]), json=body)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    after = api.seller("claire_design")
    assert (after.version, after.last_seen_at, after.display_name) == (
        before.version,
        before.last_seen_at,
        before.display_name,
    )
    assert (api.count(Seller), api.count(Favorite)) == (2, 0)
    assert api.outbox() == []


def test_the_role_is_never_set_through_the_api(api: Api, people: People) -> None:
    for method, path in (("POST", "/auth/register"), ("PATCH", "/me/seller")):
        body = {"role": "support"} | (
            {"email": "x@exemple.fr", "password": "un long mot de passe"}
            if path == "/auth/register"
            else {}
        )
        response = api.call(method, path, user=people.owner, json=body)
        assert response.status_code == 422
        assert ("role", "extra_forbidden") in {
            (p["field"], p["rule"]) for p in response.json()["detail"]
        }
    assert api.call("GET", "/me", user=people.owner).json()["role"] == "user"


def test_support_only_operations_admit_support_alone(api: Api, people: People) -> None:
    """The dependency later support-only endpoints use (approving buyer requests,
    cancelling a completed order)."""

    @api.app.get("/_support_check")
    def support_check(principal: SupportUser) -> dict[str, int]:
        return {"user": principal.user.id}

    client = TestClient(api.app)
    assert client.get("/_support_check").status_code == 401
    for user in (people.owner, people.buyer):
        response = client.get("/_support_check", headers=api.auth(user))
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "only customer support may do this"},
        )
    response = client.get("/_support_check", headers=api.auth(people.support))
    assert (response.status_code, response.json()) == (200, {"user": people.support})
