"""Becoming a seller, editing the profile, presence heartbeats."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from marketplace_core.catalog.models import Seller
from marketplace_core.clock import ManualClock
from tests.integration.api.harness import Api, People

NEW_SELLER: dict[str, Any] = {
    "username": "paul_traduit",
    "display_name": "Paul Traduit",
    "description": "Traducteur anglais-français.",
    "languages": [{"code": "fr", "proficiency": "native"}, {"code": "en", "proficiency": "fluent"}],
    "country": "BE",
    "accepts_quotes": True,
}


def problems(response: Any) -> set[tuple[str, str]]:
    assert response.status_code == 422, response.text
    return {(p["field"], p["rule"]) for p in response.json()["detail"]}


def test_a_buyer_becomes_a_seller(api: Api, people: People) -> None:
    response = api.call("POST", "/me/seller", user=people.buyer, json=NEW_SELLER)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body | {"member_since": ""} == {
        "username": "paul_traduit",
        "display_name": "Paul Traduit",
        "description": "Traducteur anglais-français.",
        "languages": [
            {
                "code": "en",
                "label": "Anglais",
                "proficiency": "fluent",
                "proficiency_label": "Bilingue",
            },
            {
                "code": "fr",
                "label": "Français",
                "proficiency": "native",
                "proficiency_label": "Langue maternelle",
            },
        ],
        "country": "BE",
        "country_label": "Belgique",
        "timezone": "Europe/Brussels",  # the country's only zone
        "accepts_quotes": True,
        "level": "new",
        "level_label": "Nouveau prestataire",
        "rating_average": 0.0,
        "rating_count": 0,
        "completed_orders": 0,
        "member_since": "",
    }
    me = api.call("GET", "/me", user=people.buyer).json()
    assert me["seller_username"] == "paul_traduit"
    assert api.seller("paul_traduit").user_id == people.buyer
    assert api.call("GET", "/me/seller", user=people.buyer).json() == body


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"username": "Paul"}, {("username", "username.format")}),
        ({"username": "pa"}, {("username", "username.format")}),
        ({"username": "paul-traduit"}, {("username", "username.format")}),
        ({"username": "support"}, {("username", "username.reserved")}),
        ({"username": "marc_voix"}, {("username", "username.taken")}),
        ({"display_name": " "}, {("display_name", "display_name.length")}),
        ({"country": "XX"}, {("country", "country.unknown")}),
        ({"country": "CA"}, {("timezone", "timezone.not_in_country")}),
        ({"timezone": "Europe/Paris"}, {("timezone", "timezone.not_in_country")}),
        ({"languages": []}, {("languages", "languages.count")}),
        (
            {"languages": [{"code": "xx", "proficiency": "native"}]},
            {("languages.0.code", "language.unknown")},
        ),
        (
            {"languages": [{"code": "fr", "proficiency": "parfait"}]},
            {("languages.0.proficiency", "language.proficiency")},
        ),
        (
            {"languages": [{"code": "fr", "proficiency": "native"}] * 2},
            {("languages.1.code", "language.duplicate")},
        ),
        ({"level": "top_rated"}, {("level", "extra_forbidden")}),
        ({"rating_average": 5.0}, {("rating_average", "extra_forbidden")}),
        ({"completed_orders": 900}, {("completed_orders", "extra_forbidden")}),
    ],
)
def test_an_invalid_profile_names_the_field_and_creates_nothing(
    api: Api, people: People, change: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    response = api.call("POST", "/me/seller", user=people.buyer, json=NEW_SELLER | change)
    assert problems(response) == expected
    assert api.call("GET", "/me/seller", user=people.buyer).status_code == 404
    assert api.count(Seller) == 2


def test_a_time_zone_of_the_country_is_taken(api: Api, people: People) -> None:
    body = NEW_SELLER | {"country": "CA", "timezone": "America/Toronto"}
    response = api.call("POST", "/me/seller", user=people.buyer, json=body)
    assert response.status_code == 201
    assert response.json()["timezone"] == "America/Toronto"


def test_an_account_has_one_seller_profile(api: Api, people: People) -> None:
    response = api.call("POST", "/me/seller", user=people.owner, json=NEW_SELLER)
    assert response.status_code == 409
    assert api.count(Seller) == 2


def test_editing_what_search_shows_writes_the_outbox(api: Api, people: People) -> None:
    before = api.seller("claire_design")
    response = api.call(
        "PATCH",
        "/me/seller",
        user=people.owner,
        json={"display_name": "Claire Studio", "country": "CH"},
    )
    assert response.status_code == 200, response.text
    assert (response.json()["display_name"], response.json()["timezone"]) == (
        "Claire Studio",
        "Europe/Zurich",  # the old zone is not Swiss: the country's only zone replaces it
    )
    after = api.seller("claire_design")
    assert after.version == before.version + 1
    assert api.outbox() == [("seller", after.id)]


def test_editing_what_search_does_not_show_writes_no_outbox_row(api: Api, people: People) -> None:
    response = api.call(
        "PATCH",
        "/me/seller",
        user=people.owner,
        json={
            "description": "Nouvelle description.",
            "accepts_quotes": True,
            "languages": [
                {"code": "en", "proficiency": "native"},
                {"code": "fr", "proficiency": "native"},
            ],
        },
    )
    assert response.status_code == 200, response.text
    seller = api.seller("claire_design")
    assert seller.description == "Nouvelle description."
    assert [(lang.language, lang.proficiency) for lang in seller.languages] == [
        ("en", "native"),
        ("fr", "native"),
    ]
    assert api.outbox() == []


def test_a_new_language_reaches_search(api: Api, people: People) -> None:
    languages = [
        {"code": "fr", "proficiency": "native"},
        {"code": "es", "proficiency": "basic"},
    ]
    response = api.call("PATCH", "/me/seller", user=people.owner, json={"languages": languages})
    assert response.status_code == 200
    seller = api.seller("claire_design")
    assert [lang.language for lang in seller.languages] == ["es", "fr"]
    assert api.outbox() == [("seller", seller.id)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"level": "top_rated"}, {("level", "extra_forbidden")}),
        ({"username": "claire"}, {("username", "extra_forbidden")}),
        ({"display_name": None}, {("display_name", "null_forbidden")}),
        ({"country": "CA"}, {("timezone", "timezone.not_in_country")}),
    ],
)
def test_an_invalid_edit_changes_nothing(
    api: Api, people: People, body: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    before = api.seller("claire_design")
    assert problems(api.call("PATCH", "/me/seller", user=people.owner, json=body)) == expected
    after = api.seller("claire_design")
    assert (after.version, after.country, after.level) == (
        before.version,
        before.country,
        before.level,
    )
    assert api.outbox() == []


def test_an_account_without_a_profile_has_none_to_edit(api: Api, people: People) -> None:
    response = api.call("PATCH", "/me/seller", user=people.buyer, json={"display_name": "Paul"})
    assert response.status_code == 404


def test_heartbeats_feed_the_online_flag_and_write_search_once(
    api: Api, people: People, clock: ManualClock
) -> None:
    assert (
        api.call("POST", "/me/heartbeat", user=people.owner, json={"client": "app"}).status_code
        == 204
    )
    seller = api.seller("claire_design")
    assert (seller.last_seen_at, seller.search_online) == (clock.now(), True)
    assert api.outbox() == [("seller", seller.id)]  # going online is searchable
    api.clear_outbox()

    clock.advance(timedelta(minutes=2))
    assert api.call("POST", "/me/heartbeat", user=people.owner).status_code == 204
    assert api.seller("claire_design").last_seen_at == clock.now()
    assert api.outbox() == []  # same state: nothing for search


def test_a_heartbeat_of_an_account_without_a_profile_does_nothing(api: Api, people: People) -> None:
    assert api.call("POST", "/me/heartbeat", user=people.buyer).status_code == 204
    assert api.outbox() == []
    response = api.call("POST", "/me/heartbeat", user=people.buyer, json={"client": "tv"})
    assert problems(response) == {("client", "literal_error")}
