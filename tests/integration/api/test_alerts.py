"""Alerts on the real node and both databases: a saved search alerts once (in a daily
digest at most) for a matching new gig and never for a non-matching one; a seller hears of
a new approved request that matches their gigs' subcategories and their own filters."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer import alerts
from indexer.alerts import run_alerts
from indexer.sync import drain_outbox
from marketplace_core.alerts.models import SavedSearch, SavedSearchMatch
from marketplace_core.catalog.enums import SellerLevel
from marketplace_core.catalog.models import Seller
from marketplace_core.catalog.rules import PackageInput
from marketplace_core.clock import ManualClock
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.notifications.models import Notification
from microtache.bootstrap import reindex
from search_api import saved_searches
from tests.factories import create_gig, create_seller, create_user
from tests.integration.api.harness import Api, People

SAVED = "/me/saved-searches"


@pytest.fixture
def indexed(api: Api, people: People) -> People:
    reindex(api.runtime, progress=False)
    return people


def notifications(api: Api, user_id: int, kind: NotificationKind) -> list[Notification]:
    with api.runtime.sessions() as session:
        return list(
            session.scalars(
                select(Notification)
                .where(Notification.user_id == user_id, Notification.kind == kind)
                .order_by(Notification.id)
            )
        )


def new_gig(api: Api, username: str, level: SellerLevel, *, title: str, price: int) -> int:
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        user = create_user(session, clock=clock, email=f"{username}@exemple.fr")
        seller = create_seller(session, clock=clock, username=username, level=level, user=user)
        gig = create_gig(
            session,
            seller=seller,
            clock=clock,
            title=title,
            packages=(PackageInput("basic", price, 3),),
        )
        gig_id = gig.id
    drain_outbox(api.runtime)
    return gig_id


def owner_of(api: Api, gig_id: int) -> int:
    gig = api.gig(gig_id)
    with api.runtime.sessions() as session:
        user_id = session.get_one(Seller, gig.seller_id).user_id
    assert user_id is not None
    return user_id


def digests(api: Api, people: People) -> list[str]:
    return [
        n.message for n in notifications(api, people.buyer, NotificationKind.SAVED_SEARCH_MATCHES)
    ]


def test_a_saved_search_alerts_once_for_a_matching_new_gig_never_for_others(
    api: Api, indexed: People
) -> None:
    people = indexed
    clock = api.runtime.clock
    assert isinstance(clock, ManualClock)
    response = api.call(
        "POST",
        SAVED,
        user=people.buyer,
        json={
            "search": "q=logo vintage&level=level_2&budget_max=5000&page=2&sort=newest&online=true"
        },
    )
    assert response.status_code == 201, response.text
    saved = response.json()
    assert saved["search"] == "budget_max=5000&level=level_2&q=logo+vintage"

    matching = new_gig(
        api, "lea_logo", SellerLevel.LEVEL_2, title="Je vais créer un logo vintage", price=4000
    )
    # Not the level, not the budget, not the words: none of them alerts.
    new_gig(api, "noe_logo", SellerLevel.LEVEL_1, title="Je vais créer un logo vintage", price=4000)
    new_gig(api, "ada_logo", SellerLevel.LEVEL_2, title="Je vais créer un logo vintage", price=9000)
    new_gig(
        api, "eve_voix", SellerLevel.LEVEL_2, title="Je vais enregistrer une voix off", price=4000
    )
    with api.runtime.sessions() as session:
        matched = session.execute(
            select(SavedSearchMatch.saved_search_id, SavedSearchMatch.gig_id)
        ).all()
    assert [tuple(m) for m in matched] == [(saved["id"], matching)]
    [listed] = api.call("GET", SAVED, user=people.buyer).json()
    assert listed["new_matches"] == 1

    run_alerts(api.runtime)
    [digest] = notifications(api, people.buyer, NotificationKind.SAVED_SEARCH_MATCHES)
    assert digest.message == "1 nouveau service pour votre recherche « logo vintage »"
    assert digest.link == "/recherche?budget_max=5000&level=level_2&q=logo+vintage"
    assert api.call("GET", SAVED, user=people.buyer).json()[0]["new_matches"] == 0

    # Paused and active again: the same gig alerts no one twice.
    owner = owner_of(api, matching)
    for action in ("pause", "resume"):
        answer = api.call("POST", f"/me/gigs/{matching}/{action}", user=owner)
        assert answer.status_code == 200, answer.text
        drain_outbox(api.runtime)
    clock.advance(timedelta(days=2))
    run_alerts(api.runtime)
    assert len(digests(api, people)) == 1

    # A day after the last digest, the next match is told at once; another one within a
    # day of that digest waits for the next day.
    new_gig(
        api, "ugo_logo", SellerLevel.LEVEL_2, title="Un logo vintage pour votre café", price=3000
    )
    run_alerts(api.runtime)
    assert len(digests(api, people)) == 2
    new_gig(api, "ines_logo", SellerLevel.LEVEL_2, title="Logo vintage et badge", price=2500)
    new_gig(api, "gus_logo", SellerLevel.LEVEL_2, title="Logo vintage pour un bar", price=2500)
    run_alerts(api.runtime)
    clock.advance(timedelta(hours=23))
    run_alerts(api.runtime)
    assert len(digests(api, people)) == 2
    clock.advance(timedelta(hours=1))
    run_alerts(api.runtime)
    assert digests(api, people)[1:] == [
        "1 nouveau service pour votre recherche « logo vintage »",
        "2 nouveaux services pour votre recherche « logo vintage »",
    ]
    run_alerts(api.runtime)
    assert len(digests(api, people)) == 3

    # Deleted: no more matches.
    assert api.call("DELETE", f"{SAVED}/{saved['id']}", user=people.buyer).status_code == 204
    new_gig(api, "zoe_logo", SellerLevel.LEVEL_2, title="Logo vintage rétro", price=2500)
    with api.runtime.sessions() as session:
        assert session.scalars(select(SavedSearchMatch)).all() == []


def test_buyers_saving_the_same_search_share_it_and_each_keeps_it(
    api: Api, indexed: People
) -> None:
    people = indexed
    with api.runtime.sessions.begin() as session:
        other = create_user(session, clock=api.runtime.clock, email="jules@exemple.fr").id
    # The same page, its parameters in another order: one stored search, two subscribers.
    first = api.call("POST", SAVED, user=people.buyer, json={"search": "q=voix off&language=fr"})
    second = api.call("POST", SAVED, user=other, json={"search": "language=fr&q=voix+off"})
    assert first.status_code == second.status_code == 201, (first.text, second.text)
    assert first.json()["search"] == second.json()["search"]

    def matched() -> set[tuple[int, int]]:
        with api.runtime.sessions() as session:
            rows = session.execute(
                select(SavedSearchMatch.saved_search_id, SavedSearchMatch.gig_id)
            )
            return {(int(s), int(g)) for s, g in rows}

    gig = new_gig(
        api, "rose_voix", SellerLevel.LEVEL_1, title="Ma voix off chaleureuse", price=3000
    )
    assert matched() == {(first.json()["id"], gig), (second.json()["id"], gig)}
    # One of them deletes theirs: the other's still alerts.
    assert api.call("DELETE", f"{SAVED}/{first.json()['id']}", user=people.buyer).status_code == 204
    later = new_gig(
        api, "paul_voix", SellerLevel.LEVEL_1, title="Voix off pour vos vidéos", price=3000
    )
    assert matched() == {(second.json()["id"], gig), (second.json()["id"], later)}


def test_a_delete_waits_for_a_save_of_the_same_search_in_flight(
    api: Api, indexed: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One buyer deletes a search while another saves the same one: the delete must not
    drop the stored query the save has just written and not yet committed."""
    people = indexed
    runtime = api.runtime
    with runtime.sessions.begin() as session:
        other = create_user(session, clock=runtime.clock, email="jules@exemple.fr").id
    first = api.call("POST", SAVED, user=people.buyer, json={"search": "q=voix off"})
    assert first.status_code == 201, first.text
    stored, go = threading.Event(), threading.Event()
    put = alerts.put_saved_search

    def put_then_pause(*args: Any, **kwargs: Any) -> None:
        put(*args, **kwargs)
        stored.set()  # written to the node, not yet committed
        assert go.wait(30)

    monkeypatch.setattr(saved_searches, "put_saved_search", put_then_pause)
    failures: list[BaseException] = []

    def run(work: Callable[[Session], object]) -> threading.Thread:
        def target() -> None:
            try:
                with runtime.sessions() as session:
                    work(session)
            except BaseException as exc:  # told to the test below
                failures.append(exc)

        thread = threading.Thread(target=target)
        thread.start()
        return thread

    thesaurus = api.app.state.thesaurus.current
    saver = run(lambda s: saved_searches.save_search(s, runtime, thesaurus, other, "q=voix off"))
    assert stored.wait(30)
    dropper = run(
        lambda s: saved_searches.drop_search(s, runtime, s.get_one(SavedSearch, first.json()["id"]))
    )
    dropper.join(1)
    assert dropper.is_alive(), "the delete went ahead of the save in flight"
    go.set()
    saver.join(30)
    dropper.join(30)
    assert not failures, failures
    with runtime.sessions() as session:
        kept = session.scalars(select(SavedSearch).where(SavedSearch.user_id == other)).one()
    gig = new_gig(
        api, "rose_voix", SellerLevel.LEVEL_1, title="Ma voix off chaleureuse", price=3000
    )
    with runtime.sessions() as session:
        matches = session.scalars(
            select(SavedSearchMatch.saved_search_id).where(SavedSearchMatch.gig_id == gig)
        ).all()
    assert matches == [kept.id]  # the other buyer's search still alerts


def test_alerts_follow_the_thesaurus_as_searches_do(api: Api, indexed: People) -> None:
    people = indexed
    saved = api.call("POST", SAVED, user=people.buyer, json={"search": "q=balado"})
    assert saved.status_code == 201, saved.text
    saved_id = saved.json()["id"]

    def matched() -> set[int]:
        with api.runtime.sessions() as session:
            return set(
                session.scalars(
                    select(SavedSearchMatch.gig_id).where(
                        SavedSearchMatch.saved_search_id == saved_id
                    )
                )
            )

    new_gig(api, "lou_son", SellerLevel.LEVEL_1, title="Montage de podcast", price=3000)
    assert matched() == set()
    rule = api.call(
        "POST",
        "/support/thesaurus",
        user=people.support,
        json={"lang": "fr", "kind": "equivalence", "terms": ["balado", "podcast"]},
    )
    assert rule.status_code == 201, rule.text
    # Searches find podcasts for « balado » now (tests/integration/api/test_thesaurus.py),
    # and so does the saved search.
    during = new_gig(api, "max_son", SellerLevel.LEVEL_1, title="Votre podcast monté", price=3000)
    assert matched() == {during}
    removed = api.call("DELETE", f"/support/thesaurus/{rule.json()['id']}", user=people.support)
    assert removed.status_code == 204
    new_gig(api, "ana_son", SellerLevel.LEVEL_1, title="Un podcast mixé", price=3000)
    assert matched() == {during}


def test_saved_searches_are_checked_and_private(api: Api, indexed: People) -> None:
    people = indexed

    def problem(search: str) -> tuple[str, str]:
        answer = api.call("POST", SAVED, user=people.buyer, json={"search": search})
        assert answer.status_code == 422, answer.text
        [error] = answer.json()["detail"]
        return error["field"], error["rule"]

    assert problem("level=boss") == ("search.level", "level.unknown")
    assert problem("sort=newest&page=2") == ("search", "search.empty")
    assert problem("subcategory=conception-logo&couleur=x") == (
        "search.couleur",
        "parameter.unknown",
    )
    made = api.call(
        "POST", SAVED, user=people.buyer, json={"search": "subcategory=voix-off"}
    ).json()
    assert api.call("POST", SAVED, json={"search": "q=logo"}).status_code == 401
    assert api.call("GET", SAVED, user=people.owner).json() == []
    assert api.call("DELETE", f"{SAVED}/{made['id']}", user=people.owner).status_code == 404


def approved_request(api: Api, people: People, body: dict[str, Any]) -> int:
    posted = api.call("POST", "/requests", user=people.buyer, json=body)
    assert posted.status_code == 201, posted.text
    request_id = int(posted.json()["id"])
    approved = api.call("POST", f"/support/requests/{request_id}/approve", user=people.support)
    assert approved.status_code == 200, approved.text
    return request_id


def request(subcategory: str, budget: int, delivery_days: int) -> dict[str, Any]:
    return {
        "description": "Un travail soigné pour ma boulangerie de quartier, tons chauds.",
        "subcategory": subcategory,
        "delivery_days": delivery_days,
        "budget_cents": budget,
    }


def test_a_seller_hears_of_a_matching_new_request(api: Api, indexed: People) -> None:
    people = indexed
    # claire_design (the owner) has an active logo gig; marc_voix a voice-over one.
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        marc = session.scalars(select(Seller).where(Seller.username == "marc_voix")).one()
        create_gig(
            session,
            seller=marc,
            clock=clock,
            title="Je vais enregistrer votre voix off",
            subcategory="voix-off",
            attributes={},
        )
    alert = api.call(
        "PUT",
        "/me/request-alerts",
        user=people.owner,
        json={"budget_min_cents": 5000, "min_delivery_days": 3},
    )
    assert alert.status_code == 200, alert.text
    assert (
        api.call("PUT", "/me/request-alerts", user=people.other_seller, json={}).status_code == 200
    )
    assert api.call("PUT", "/me/request-alerts", user=people.buyer, json={}).status_code == 403
    bad = api.call("PUT", "/me/request-alerts", user=people.owner, json={"min_delivery_days": 0})
    assert [e["rule"] for e in bad.json()["detail"]] == ["min_delivery_days.range"]

    fits = approved_request(api, people, request("conception-logo", 10000, 7))
    approved_request(api, people, request("conception-logo", 2000, 7))  # under her floor
    approved_request(api, people, request("conception-logo", 10000, 2))  # too soon for her
    voice = approved_request(api, people, request("voix-off", 1000, 1))
    run_alerts(api.runtime)
    run_alerts(api.runtime)  # each request is matched once

    def told(user_id: int) -> list[str]:
        return [n.link for n in notifications(api, user_id, NotificationKind.REQUEST_MATCHED)]

    assert told(people.owner) == [f"/requests/{fits}"]
    assert told(people.other_seller) == [f"/requests/{voice}"]
    assert told(people.buyer) == []
    [note] = notifications(api, people.owner, NotificationKind.REQUEST_MATCHED)
    assert note.message == (
        "Nouvelle demande de client pour vos services : budget 100.00 $, livraison en 7 jours"
    )
    # Without the alert, no more.
    assert api.call("DELETE", "/me/request-alerts", user=people.owner).status_code == 204
    assert api.call("GET", "/me/request-alerts", user=people.owner).status_code == 404
    approved_request(api, people, request("conception-logo", 10000, 7))
    run_alerts(api.runtime)
    assert told(people.owner) == [f"/requests/{fits}"]
