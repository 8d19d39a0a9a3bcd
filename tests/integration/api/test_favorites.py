"""Buyers heart gigs while comparing sellers (R-REQ-7)."""

from __future__ import annotations

from datetime import timedelta

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from marketplace_core.clock import ManualClock
from marketplace_core.favorites.models import Favorite
from tests.factories import create_gig
from tests.integration.api.harness import Api, People


def listed(api: Api, user: int) -> list[int]:
    response = api.call("GET", "/me/favorites", user=user)
    assert response.status_code == 200
    return [f["gig"]["id"] for f in response.json()]


def test_hearting_is_idempotent_and_listed(api: Api, people: People, clock: ManualClock) -> None:
    active = people.gigs[GigStatus.ACTIVE]
    assert api.call("PUT", f"/me/favorites/{active}", user=people.buyer).status_code == 204
    clock.advance(timedelta(minutes=5))
    assert api.call("PUT", f"/me/favorites/{active}", user=people.buyer).status_code == 204
    assert api.count(Favorite) == 1
    [favorite] = api.call("GET", "/me/favorites", user=people.buyer).json()
    assert favorite["gig"]["id"] == active
    assert favorite["gig"]["seller_username"] == "claire_design"
    # The first heart's date is kept.
    assert favorite["hearted_at"].startswith(
        (clock.now() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    )
    # Hearts are per account.
    assert listed(api, people.other_seller) == []


def test_un_hearting_is_idempotent(api: Api, people: People) -> None:
    active = people.gigs[GigStatus.ACTIVE]
    api.call("PUT", f"/me/favorites/{active}", user=people.buyer)
    api.call("PUT", f"/me/favorites/{active}", user=people.other_seller)
    for _ in range(2):
        assert api.call("DELETE", f"/me/favorites/{active}", user=people.buyer).status_code == 204
    assert listed(api, people.buyer) == []
    assert listed(api, people.other_seller) == [active]  # someone else's heart stays


def test_only_public_gigs_can_be_hearted(api: Api, people: People) -> None:
    for status in (GigStatus.DRAFT, GigStatus.PAUSED, GigStatus.DELETED):
        response = api.call("PUT", f"/me/favorites/{people.gigs[status]}", user=people.buyer)
        assert response.status_code == 404
    assert api.call("PUT", "/me/favorites/999999", user=people.buyer).status_code == 404
    assert api.count(Favorite) == 0


def test_a_paused_favorite_is_hidden_until_resumed(
    api: Api, people: People, clock: ManualClock
) -> None:
    active = people.gigs[GigStatus.ACTIVE]
    with api.runtime.sessions.begin() as session:
        seller = session.get_one(Gig, active).seller
        newer = create_gig(session, seller=seller, clock=clock).id
    api.call("PUT", f"/me/favorites/{active}", user=people.buyer)
    clock.advance(timedelta(seconds=1))
    api.call("PUT", f"/me/favorites/{newer}", user=people.buyer)
    assert listed(api, people.buyer) == [newer, active]  # last hearted first

    assert api.call("POST", f"/me/gigs/{active}/pause", user=people.owner).status_code == 200
    assert listed(api, people.buyer) == [newer]
    assert api.call("POST", f"/me/gigs/{active}/resume", user=people.owner).status_code == 200
    assert listed(api, people.buyer) == [newer, active]
