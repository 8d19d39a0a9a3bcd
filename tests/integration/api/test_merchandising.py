"""Merchandising rules over HTTP on the real node and both databases: pins within their
window only, hides, boosts and buries, the preview, who may."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from marketplace_core.catalog.enums import SellerLevel
from marketplace_core.clock import Clock, ManualClock
from microtache.bootstrap import reindex
from tests.factories import create_gig, create_seller, create_user
from tests.integration.api.harness import Api, People

PATH = "/support/merchandising/rules"


@pytest.fixture
def shop(api: Api, people: People) -> dict[str, int]:
    """Logo gigs of sellers of every level, one voice-over gig; indexed."""
    clock = api.runtime.clock
    made: dict[str, int] = {}
    with api.runtime.sessions.begin() as session:
        for i, level in enumerate(SellerLevel):
            user = create_user(session, clock=clock, email=f"vendeur{i}@exemple.fr")
            seller = create_seller(
                session, clock=clock, username=f"vendeur_{i}", level=level, user=user
            )
            for j in range(3):
                made[f"{level.value}_{j}"] = create_gig(
                    session,
                    seller=seller,
                    clock=clock,
                    title=f"Je vais créer un logo {('minimaliste', 'moderne')[min(j, 1)]} n°{i}{j}",
                ).id
        user = create_user(session, clock=clock, email="voix@exemple.fr")
        seller = create_seller(session, clock=clock, username="voix_off", user=user)
        made["voice"] = create_gig(
            session,
            seller=seller,
            clock=clock,
            title="Je vais enregistrer une voix off chaleureuse",
            subcategory="voix-off",
            tags=("voix off",),
            attributes={},
        ).id
    reindex(api.runtime, progress=False)
    return made


def search(api: Api, query: str) -> dict[str, Any]:
    response = api.client.get(f"/search?{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def ids(body: dict[str, Any]) -> list[int]:
    return [g["id"] for g in body["results"]]


def add(api: Api, people: People, rule: dict[str, Any], status: int = 201) -> dict[str, Any]:
    response = api.call("POST", PATH, user=people.support, json=rule)
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def at(clock: Clock, hours: float) -> str:
    return (clock.now() + timedelta(hours=hours)).isoformat()


def test_a_pin_puts_its_gig_at_its_position_only_within_its_window(
    api: Api, people: People, shop: dict[str, int]
) -> None:
    clock = api.runtime.clock
    assert isinstance(clock, ManualClock)
    before = ids(search(api, "q=logo&size=5"))
    # A gig that is not among the first five, pinned at position 2 of "logo" tomorrow.
    pinned = next(g for g in shop.values() if g not in before and g != shop["voice"])
    rule = add(
        api,
        people,
        {
            "query": "Logo",
            "match": "exact",
            "action": "pin",
            "gig_id": pinned,
            "position": 2,
            "placement": "sponsored",
            "starts_at": at(clock, 24),
            "ends_at": at(clock, 48),
        },
    )
    assert rule["target"] == "logo"
    assert rule["author_id"] == people.support
    assert rule["in_force"] is False
    assert ids(search(api, "q=logo&size=5")) == before
    assert search(api, "q=logo")["applied_rules"] == []

    clock.advance(timedelta(hours=25))
    page = search(api, "q=logo&size=5")
    assert ids(page)[1] == pinned
    assert ids(page)[:1] + ids(page)[2:] == before[:4]  # the others move down one place
    assert page["results"][1]["placement"] == "sponsored"
    assert [r["placement"] for i, r in enumerate(page["results"]) if i != 1] == [None] * 4
    [applied] = page["applied_rules"]
    assert (applied["id"], applied["action"], applied["position"]) == (rule["id"], "pin", 2)
    # The next page goes on where the organic results stopped: nothing twice, nothing lost.
    second = ids(search(api, "q=logo&size=5&page=2"))
    everything = ids(search(api, "q=logo&size=48"))
    assert everything[:10] == ids(page) + second
    assert len(everything) == len(set(everything))
    assert search(api, "q=logo")["total"] == len(everything)
    # "contains" does not hold for an exact rule; other words are other pages.
    assert pinned not in ids(search(api, "q=logo moderne&size=2"))
    # The buyer's own order is left alone.
    assert search(api, "q=logo&sort=price_asc")["applied_rules"] == []

    clock.advance(timedelta(hours=24))  # the window has closed
    assert ids(search(api, "q=logo&size=5")) == before
    assert search(api, "q=logo")["applied_rules"] == []


def test_a_pin_follows_the_filters_but_not_the_words(
    api: Api, people: People, shop: dict[str, int]
) -> None:
    clock = api.runtime.clock
    add(
        api,
        people,
        {
            "query": "logo",
            "match": "contains",
            "action": "pin",
            "gig_id": shop["voice"],
            "position": 1,
            "ends_at": at(clock, 1),
        },
    )
    page = search(api, "q=un logo moderne")
    assert ids(page)[0] == shop["voice"]
    assert page["results"][0]["placement"] == "featured"
    assert search(api, "q=un logo moderne&level=top_rated")["results"][0]["id"] != shop["voice"]
    assert shop["voice"] not in ids(search(api, "q=logo&subcategory=conception-logo"))


def test_hide_boost_and_bury(api: Api, people: People, shop: dict[str, int]) -> None:
    clock = api.runtime.clock
    page = search(api, "q=logo&size=48")
    hidden = ids(page)[0]
    add(api, people, {"query": "logo", "action": "hide", "gig_id": hidden, "ends_at": at(clock, 1)})
    hiding = search(api, "q=logo&size=48")
    assert hidden not in ids(hiding)
    assert hiding["total"] == page["total"] - 1
    assert hidden not in ids(search(api, "q=logo&sort=newest&size=48"))  # on every order

    # On the category page (the best sellers first), new sellers boosted come first.
    browse = search(api, "subcategory=conception-logo&size=48")
    news = {v for k, v in shop.items() if k.startswith("new_")}
    assert set(ids(browse)[: len(news)]) != news
    add(
        api,
        people,
        {
            "category": "conception-logo",
            "action": "boost",
            "attribute": "seller_level",
            "value": "new",
            "ends_at": at(clock, 1),
        },
    )
    boosted = search(api, "subcategory=conception-logo&size=48")
    assert set(ids(boosted)[: len(news)]) == news
    assert [i for i in ids(boosted) if i not in news] == [i for i in ids(browse) if i not in news]
    # Top-rated sellers buried on "logo": last, whatever their relevance.
    tops = {v for k, v in shop.items() if k.startswith("top_rated_")} - {hidden}
    add(
        api,
        people,
        {
            "query": "logo",
            "match": "contains",
            "action": "bury",
            "attribute": "seller_level",
            "value": "top_rated",
            "ends_at": at(clock, 1),
        },
    )
    buried = ids(search(api, "q=logo&subcategory=conception-logo&size=48"))
    assert set(buried[-len(tops) :]) == tops
    assert {r["action"] for r in search(api, "q=logo")["applied_rules"]} == {"hide", "bury"}


def test_the_preview_shows_the_page_with_and_without_the_rule(
    api: Api, people: People, shop: dict[str, int]
) -> None:
    clock = api.runtime.clock
    rule = add(
        api,
        people,
        {
            "category": "conception-logo",
            "action": "pin",
            "gig_id": shop["new_2"],
            "position": 1,
            "starts_at": at(clock, 24),  # not yet in force: previewed all the same
            "ends_at": at(clock, 48),
        },
    )
    response = api.call("GET", f"{PATH}/{rule['id']}/preview", user=people.support)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["applies"] is True
    assert body["query"] == "subcategory=conception-logo"
    assert body["with_rule"]["results"][0]["id"] == shop["new_2"]
    assert body["without_rule"]["results"][0]["id"] != shop["new_2"]
    assert body["without_rule"]["applied_rules"] == []
    # Another page: the rule does not act there.
    other = api.call("GET", f"{PATH}/{rule['id']}/preview?q=voix", user=people.support).json()
    assert other["applies"] is False
    assert ids(other["with_rule"]) == ids(other["without_rule"])
    # The live page is unchanged until the window opens.
    assert search(api, "subcategory=conception-logo")["results"][0]["id"] != shop["new_2"]


def test_rules_are_listed_removed_and_checked(
    api: Api, people: People, shop: dict[str, int]
) -> None:
    clock = api.runtime.clock
    rule = add(
        api,
        people,
        {"query": "logo", "action": "hide", "gig_id": shop["new_0"], "ends_at": at(clock, 1)},
    )
    listed = api.call("GET", PATH, user=people.support).json()
    assert [r["id"] for r in listed] == [rule["id"]]
    assert shop["new_0"] not in ids(search(api, "q=logo&size=48"))
    assert api.call("DELETE", f"{PATH}/{rule['id']}", user=people.support).status_code == 204
    assert shop["new_0"] in ids(search(api, "q=logo&size=48"))
    assert api.call("DELETE", f"{PATH}/{rule['id']}", user=people.support).status_code == 409
    assert api.call("DELETE", f"{PATH}/999999", user=people.support).status_code == 404
    assert api.call("GET", f"{PATH}?state=removed", user=people.support).json()[0][
        "removed_by"
    ] == (people.support)

    def problem(rule: dict[str, Any]) -> list[tuple[str, str]]:
        body = add(api, people, rule, 422)
        return [(p["field"], p["rule"]) for p in body["detail"]]

    ends = at(clock, 1)
    assert problem({"action": "hide", "gig_id": 1, "ends_at": ends}) == [("query", "rule.trigger")]
    assert problem(
        {"query": "logo", "action": "pin", "gig_id": shop["new_0"], "position": 49, "ends_at": ends}
    ) == [("position", "position.range")]
    assert problem({"query": "logo", "action": "hide", "gig_id": 10**9, "ends_at": ends}) == [
        ("gig_id", "gig_id.unknown")
    ]
    assert problem(
        {
            "category": "nulle-part",
            "action": "boost",
            "attribute": "seller_level",
            "value": "boss",
            "ends_at": ends,
        }
    ) == [("category", "category.unknown"), ("value", "value.unknown")]
    assert problem(
        {
            "query": "logo",
            "action": "hide",
            "gig_id": 1,
            "starts_at": at(clock, -2),
            "ends_at": at(clock, -1),
        }
    ) == [("ends_at", "rule.window.past")]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", PATH), ("POST", PATH), ("DELETE", f"{PATH}/1"), ("GET", f"{PATH}/1/preview")],
)
def test_only_customer_support(api: Api, people: People, method: str, path: str) -> None:
    body = {"query": "logo", "action": "hide", "gig_id": 1, "ends_at": "2030-01-01T00:00:00Z"}
    assert api.call(method, path, json=body).status_code == 401
    assert api.call(method, path, user=people.buyer, json=body).status_code == 403
