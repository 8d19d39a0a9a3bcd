"""A seller's gigs: create, list, read, update with If-Match, and the status actions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from tests.integration.api.harness import Api, People

NEW_GIG: dict[str, Any] = {
    "title": "Je vais traduire vos textes de l'anglais vers le français",
    "description": "Traduction soignée, relue, livrée au format de votre choix.",
    "subcategory": "traduction",
    "tags": ["traduction", "anglais"],
    "attributes": {},
    "packages": [
        {"tier": "basic", "price_cents": 1500, "delivery_days": 3},
        {"tier": "standard", "price_cents": 4000, "delivery_days": 2, "revisions": 2},
    ],
}
ACTIONS = ("publish", "pause", "resume")


def problems(response: Any) -> set[tuple[str, str]]:
    assert response.status_code == 422, response.text
    return {(p["field"], p["rule"]) for p in response.json()["detail"]}


def test_a_seller_creates_a_draft(api: Api, people: People) -> None:
    response = api.call("POST", "/me/gigs?lang=en", user=people.owner, json=NEW_GIG)
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["ETag"] == '"1"'
    assert body["status"] == "draft"
    assert body["version"] == 1
    assert body["allowed_actions"] == ["update", "publish", "delete"]
    assert body["subcategory"] == {"slug": "traduction", "label": "Translation"}
    assert [(p["tier"], p["price_cents"]) for p in body["packages"]] == [
        ("basic", 1500),
        ("standard", 4000),
    ]
    assert body["price_from_cents"] == 1500
    gig = api.gig(body["id"])
    assert (gig.status, gig.title) == (GigStatus.DRAFT, NEW_GIG["title"])
    assert api.outbox() == [("gig", gig.id)]  # a draft's row settles as "not in search"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": "Court"}, {("title", "title.length")}),
        ({"tags": ["a", "b", "c", "d", "e", "f"]}, {("tags", "tags.max")}),
        ({"subcategory": "inconnue"}, {("subcategory", "subcategory.unknown")}),
        (
            {"subcategory": "conception-logo", "attributes": {"style": ["baroque"]}},
            {("attributes.style", "attribute.value_not_allowed")},
        ),
        (
            {"packages": [{"tier": "basic", "price_cents": 499, "delivery_days": 3}]},
            {("packages.0.price_cents", "package.price_min")},
        ),
        (
            {"packages": [{"tier": "standard", "price_cents": 900, "delivery_days": 3}]},
            {("packages", "package.basic_required")},
        ),
        (
            {"packages": [{"tier": "basic", "price_cents": 19.5, "delivery_days": 3}]},
            {("packages.0.price_cents", "int_from_float")},
        ),
        ({"status": "active"}, {("status", "extra_forbidden")}),
        ({"seller_id": 1}, {("seller_id", "extra_forbidden")}),
    ],
)
def test_an_invalid_gig_names_the_field_and_creates_nothing(
    api: Api, people: People, change: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    before = api.count(Gig)
    response = api.call("POST", "/me/gigs", user=people.owner, json=NEW_GIG | change)
    assert problems(response) == expected
    assert api.count(Gig) == before
    assert api.outbox() == []


def test_an_account_without_a_seller_profile_cannot_create_gigs(api: Api, people: People) -> None:
    for user in (people.buyer, people.support):
        response = api.call("POST", "/me/gigs", user=user, json=NEW_GIG)
        assert response.status_code == 403
        assert "POST /me/seller" in response.json()["detail"]
        assert api.call("GET", "/me/gigs", user=user).status_code == 403
    assert api.count(Gig) == len(GigStatus)


def test_a_body_over_the_limit_is_refused(api: Api, people: People) -> None:
    huge = NEW_GIG | {"description": "x" * 70_000}
    refused = {"detail": "request body larger than 65536 bytes"}
    declared = api.call("POST", "/me/gigs", user=people.owner, json=huge)
    assert (declared.status_code, declared.json()) == (413, refused)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        body = json.dumps(huge).encode()
        for start in range(0, len(body), 8192):
            yield body[start : start + 8192]

    streamed = api.client.post(
        "/me/gigs",
        content=chunks(),
        headers=api.auth(people.owner) | {"Content-Type": "application/json"},
    )
    assert (streamed.status_code, streamed.json()) == (413, refused)
    assert api.count(Gig) == len(GigStatus)
    # Just under the limit is read as usual (and refused for the description's length).
    fits = NEW_GIG | {"description": "x" * 60_000}
    assert problems(api.call("POST", "/me/gigs", user=people.owner, json=fits)) == {
        ("description", "description.length")
    }


def test_a_seller_lists_their_gigs_drafts_and_paused_included(api: Api, people: People) -> None:
    listed = api.call("GET", "/me/gigs", user=people.owner).json()
    live = {GigStatus.DRAFT, GigStatus.ACTIVE, GigStatus.PAUSED}
    assert {g["id"] for g in listed} == {people.gigs[s] for s in live}
    deleted = api.call("GET", "/me/gigs?status=deleted", user=people.owner).json()
    assert [g["id"] for g in deleted] == [people.gigs[GigStatus.DELETED]]
    # Another seller sees none of them.
    assert api.call("GET", "/me/gigs", user=people.other_seller).json() == []


def test_reading_an_own_gig_gives_its_version_as_etag(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.PAUSED]
    response = api.call("GET", f"/me/gigs/{gig_id}", user=people.owner)
    assert response.status_code == 200
    assert response.headers["ETag"] == '"1"'
    assert response.json()["allowed_actions"] == ["update", "resume", "delete"]


def test_an_update_needs_the_version_it_is_based_on(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    body = {"title": "Je vais créer un logo vintage pour votre marque"}
    for headers, rule in (({}, "if_match.required"), ({"If-Match": "3"}, "if_match.format")):
        response = api.call(
            "PATCH", f"/me/gigs/{gig_id}", user=people.owner, json=body, headers=headers
        )
        assert problems(response) == {("If-Match", rule)}
    assert api.gig(gig_id).version == 1
    assert api.outbox() == []


def test_an_update_changes_the_gig_and_writes_the_outbox(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    response = api.call(
        "PATCH",
        f"/me/gigs/{gig_id}",
        user=people.owner,
        headers={"If-Match": '"1"'},
        json={
            "title": "Je vais créer un logo vintage pour votre marque",
            "tags": ["Logo Vintage", "logo vintage", "rétro"],
            "packages": [
                {"tier": "basic", "price_cents": 3500, "delivery_days": 4},
                {"tier": "standard", "price_cents": 7000, "delivery_days": 2},
            ],
        },
    )
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"2"'
    body = response.json()
    assert body["version"] == 2
    assert body["tags"] == ["logo vintage", "rétro"]
    gig = api.gig(gig_id)
    assert gig.title == "Je vais créer un logo vintage pour votre marque"
    assert [(p.tier.value, p.price_cents, p.delivery_days) for p in gig.packages] == [
        ("basic", 3500, 4),
        ("standard", 7000, 2),
    ]
    assert gig.attributes == {"style": ["minimaliste"]}  # not sent: unchanged
    assert api.outbox() == [("gig", gig_id)]


def test_an_update_changing_nothing_writes_nothing(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    title = api.gig(gig_id).title
    response = api.call(
        "PATCH",
        f"/me/gigs/{gig_id}",
        user=people.owner,
        headers={"If-Match": '"1"'},
        json={"title": title},
    )
    assert response.status_code == 200
    assert response.headers["ETag"] == '"1"'
    assert api.outbox() == []


def test_a_stale_update_is_refused_with_the_current_version(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    first = {"title": "Je vais créer le logo de la première modification"}
    second = {"title": "Je vais créer le logo de la seconde modification"}
    ok = api.call(
        "PATCH", f"/me/gigs/{gig_id}", user=people.owner, headers={"If-Match": '"1"'}, json=first
    )
    assert ok.status_code == 200
    api.clear_outbox()

    stale = api.call(
        "PATCH", f"/me/gigs/{gig_id}", user=people.owner, headers={"If-Match": '"1"'}, json=second
    )
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": f"gig {gig_id} is at version 2, not 1: reload it and apply the change again",
        "current_version": 2,
    }
    gig = api.gig(gig_id)
    assert (gig.title, gig.version) == (first["title"], 2)
    assert api.outbox() == []


def test_an_invalid_update_changes_nothing(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    for body, expected in (
        ({"packages": []}, {("packages", "package.basic_required")}),
        ({"subcategory": "traduction"}, {("attributes.style", "attribute.unknown")}),
        ({"title": None}, {("title", "null_forbidden")}),
        ({"version": 1}, {("version", "extra_forbidden")}),
    ):
        response = api.call(
            "PATCH", f"/me/gigs/{gig_id}", user=people.owner, headers={"If-Match": '"1"'}, json=body
        )
        assert problems(response) == expected
    gig = api.gig(gig_id)
    assert (gig.version, gig.subcategory, len(gig.packages)) == (1, "conception-logo", 1)
    assert api.outbox() == []


# Every status × every action, written out (not derived from the code's table).
OUTCOMES: dict[GigStatus, dict[str, GigStatus | None]] = {
    GigStatus.DRAFT: {
        "publish": GigStatus.ACTIVE,
        "pause": None,
        "resume": None,
        "delete": GigStatus.DELETED,
    },
    GigStatus.ACTIVE: {
        "publish": None,
        "pause": GigStatus.PAUSED,
        "resume": None,
        "delete": GigStatus.DELETED,
    },
    GigStatus.PAUSED: {
        "publish": None,
        "pause": None,
        "resume": GigStatus.ACTIVE,
        "delete": GigStatus.DELETED,
    },
    GigStatus.DELETED: {"publish": None, "pause": None, "resume": None, "delete": None},
}
ALLOWED = {
    GigStatus.DRAFT: ["update", "publish", "delete"],
    GigStatus.ACTIVE: ["update", "pause", "delete"],
    GigStatus.PAUSED: ["update", "resume", "delete"],
    GigStatus.DELETED: [],
}


def act(
    api: Api, user: int | None, gig_id: int, action: str, headers: dict[str, str] | None = None
) -> Any:
    if action == "delete":
        return api.call("DELETE", f"/me/gigs/{gig_id}", user=user, headers=headers)
    return api.call("POST", f"/me/gigs/{gig_id}/{action}", user=user, headers=headers)


@pytest.mark.parametrize("status", list(GigStatus))
@pytest.mark.parametrize("action", ["publish", "pause", "resume", "delete"])
def test_each_status_allows_only_its_actions(
    api: Api, people: People, status: GigStatus, action: str
) -> None:
    gig_id = people.gigs[status]
    response = act(api, people.owner, gig_id, action)
    expected = OUTCOMES[status][action]
    gig = api.gig(gig_id)
    if expected is None:
        assert response.status_code == 409, response.text
        assert response.json()["status"] == status.value
        assert response.json()["allowed_actions"] == ALLOWED[status]
        assert f"cannot {action} gig {gig_id}: it is {status.value}" in response.json()["detail"]
        assert (gig.status, gig.version) == (status, 1)
        assert api.outbox() == []
    else:
        assert response.status_code == (204 if action == "delete" else 200), response.text
        assert (gig.status, gig.version) == (expected, 2)
        assert api.outbox() == [("gig", gig_id)]
        if action != "delete":
            assert response.json()["status"] == expected.value
            assert response.headers["ETag"] == '"2"'


def test_a_deleted_gig_cannot_be_edited(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.DELETED]
    response = api.call(
        "PATCH",
        f"/me/gigs/{gig_id}",
        user=people.owner,
        headers={"If-Match": '"1"'},
        json={"title": "Je vais créer un logo ressuscité pour vous"},
    )
    assert response.status_code == 409
    assert response.json()["allowed_actions"] == []
    assert api.outbox() == []


def test_an_action_with_a_stale_version_is_refused(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    response = act(api, people.owner, gig_id, "pause", {"If-Match": '"7"'})
    assert response.status_code == 409
    assert response.json()["current_version"] == 1
    assert api.gig(gig_id).status == GigStatus.ACTIVE
    assert act(api, people.owner, gig_id, "pause", {"If-Match": '"1"'}).status_code == 200
