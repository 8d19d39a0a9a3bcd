"""What buyers read: a seller's public profile and a gig's page."""

from __future__ import annotations

from marketplace_core.catalog.enums import GigStatus
from tests.factories import create_gig, create_seller
from tests.integration.api.harness import Api, People


def test_a_seller_profile_shows_public_data_and_active_gigs_only(api: Api, people: People) -> None:
    response = api.client.get("/sellers/claire_design")
    assert response.status_code == 200
    body = response.json()
    assert [g["id"] for g in body["gigs"]] == [people.gigs[GigStatus.ACTIVE]]
    assert body["reviews"] == []
    assert body["online"] is False
    assert (body["username"], body["level"], body["level_label"]) == (
        "claire_design",
        "level_1",
        "Niveau 1",
    )
    assert "email" not in response.text
    assert "claire@exemple.fr" not in response.text
    assert set(body) == {
        "username",
        "display_name",
        "description",
        "languages",
        "country",
        "country_label",
        "timezone",
        "accepts_quotes",
        "level",
        "level_label",
        "rating_average",
        "rating_count",
        "completed_orders",
        "member_since",
        "online",
        "gigs",
        "reviews",
    }
    english = api.client.get("/sellers/claire_design?lang=en").json()
    assert (english["level_label"], english["country_label"]) == ("Level 1", "France")
    assert english["gigs"][0]["category"] == {
        "slug": "graphisme-design",
        "label": "Graphics & Design",
    }


def test_a_heartbeat_shows_the_seller_online(api: Api, people: People) -> None:
    api.call("POST", "/me/heartbeat", user=people.owner)
    assert api.client.get("/sellers/claire_design").json()["online"] is True
    page = api.client.get(f"/gigs/{people.gigs[GigStatus.ACTIVE]}").json()
    assert page["seller"]["online"] is True


def test_a_demo_seller_without_an_account_has_a_page(api: Api) -> None:
    with api.runtime.sessions.begin() as session:
        seller = create_seller(session, clock=api.runtime.clock, username="demo_vendeur")
        create_gig(session, seller=seller, clock=api.runtime.clock)
    assert api.client.get("/sellers/demo_vendeur").status_code == 200


def test_an_unknown_seller_is_404(api: Api, people: People) -> None:
    response = api.client.get("/sellers/personne")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "seller 'personne' not found"},
    )
    assert api.client.get("/sellers/claire_design?lang=de").status_code == 422


def test_a_gig_page_has_labels_packages_and_the_seller(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    response = api.client.get(f"/gigs/{gig_id}")
    assert response.status_code == 200
    page = response.json()
    assert page["status"] == "active"
    assert page["category"] == {"slug": "graphisme-design", "label": "Graphisme et design"}
    assert page["subcategory"] == {"slug": "conception-logo", "label": "Conception de logo"}
    [style] = page["attributes"]
    assert page["packages"] == [
        {
            "tier": "basic",
            "price_cents": 2000,
            "delivery_days": 3,
            "revisions": 0,
            "description": "",
        }
    ]
    assert page["tags"] == ["logo", "logo minimaliste"]
    assert page["seller"]["username"] == "claire_design"
    assert page["seller"]["country_label"] == "France"
    assert "version" not in page
    assert style == {
        "slug": "style",
        "label": "Style",
        "values": [{"slug": "minimaliste", "label": "Minimaliste"}],
    }
    english = api.client.get(f"/gigs/{gig_id}?lang=en").json()
    assert english["subcategory"] == {"slug": "conception-logo", "label": "Logo design"}
    assert english["attributes"][0]["values"] == [{"slug": "minimaliste", "label": "Minimalist"}]


def test_a_gig_that_is_not_public_is_shown_to_its_owner_only(api: Api, people: People) -> None:
    for status in (GigStatus.DRAFT, GigStatus.PAUSED, GigStatus.DELETED):
        path = f"/gigs/{people.gigs[status]}"
        assert api.client.get(path).status_code == 404
        for stranger in (people.other_seller, people.buyer, people.support):
            assert api.call("GET", path, user=stranger).status_code == 404
        mine = api.call("GET", path, user=people.owner)
        assert (mine.status_code, mine.json()["status"]) == (200, status.value)


def test_a_public_page_with_a_bad_token_says_so(api: Api, people: People) -> None:
    response = api.client.get(
        f"/gigs/{people.gigs[GigStatus.ACTIVE]}", headers={"Authorization": "Bearer expire"}
    )
    assert response.status_code == 401
    assert api.client.get("/gigs/999999").status_code == 404
