"""Search events and the search reports, over HTTP, on the real node and the real database:
a search, a click and an order reach the reports with the right position and conversion;
zero-result queries leave the list once a synonym makes them find gigs; events are taken
once, checked, kept off the request path, pseudonymous, and deleted after the retention."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from indexer.events import EventLog, purge_expired
from indexer.querylog import QueryLog
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Seller
from marketplace_core.clock import ManualClock
from marketplace_core.insights.rules import RESOLVE_WITHIN, EventType, SearchEvent
from marketplace_core.orders.models import Order
from marketplace_core.orders.payments import TestPaymentProvider
from microtache.bootstrap import reindex
from search_api import insights_command
from tests.factories import create_gig
from tests.integration.api.harness import Api, People
from tests.integration.api.insights import (
    by_query,
    click,
    flush,
    report,
    search,
    send,
    tracking,
)

REPORTS = ("overview", "top-searches", "zero-results", "no-clicks")


@pytest.fixture
def catalog(api: Api, people: People) -> dict[str, int]:
    """Three logo gigs, a translation and a voice-over, indexed."""
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        seller = session.scalars(select(Seller).where(Seller.username == "claire_design")).one()
        made = {
            "vintage": create_gig(
                session,
                seller=seller,
                clock=clock,
                title="Je vais dessiner un logo vintage pour votre café",
            ).id,
            "moderne": create_gig(
                session,
                seller=seller,
                clock=clock,
                title="Je vais créer un logo moderne pour votre boutique",
            ).id,
            "traduction": create_gig(
                session,
                seller=seller,
                clock=clock,
                title="Je vais traduire vos textes en anglais",
                subcategory="traduction",
                attributes={},
                tags=("traduction",),
            ).id,
        }
    made["logo"] = people.gigs[GigStatus.ACTIVE]
    reindex(api.runtime, progress=False)
    api.app.state.payments = TestPaymentProvider()
    return made


def order(api: Api, people: People, gig_id: int, key: str, **extra: Any) -> Any:
    return api.call(
        "POST",
        "/orders",
        user=people.buyer,
        json={"gig_id": gig_id, "tier": "basic"} | extra,
        headers={"Idempotency-Key": key},
    )


def events_written(api: Api, **term: Any) -> list[dict[str, Any]]:
    index = api.runtime.names.search_events
    if not api.runtime.search.indices.exists(index=index):
        return []
    query = {"term": term} if term else {"match_all": {}}
    hits = api.runtime.search.search(index=index, body={"query": query, "size": 100})
    return [h["_source"] for h in hits["hits"]["hits"]]


# -- the reports ----------------------------------------------------------------------------


def test_a_search_a_click_and_an_order_reach_the_reports(
    api: Api, people: People, catalog: dict[str, int]
) -> None:
    page = search(api, "logo", user=people.buyer)
    assert page["total"] == 4  # every gig says "logo" somewhere
    second = page["results"][1]["id"]
    accepted = send(api, click(page, 2), user=people.buyer)
    assert accepted.status_code == 202, accepted.text
    assert accepted.json() == {"accepted": 1}
    placed = order(api, people, second, "insights-order-1", search_id=page["search_id"])
    assert placed.status_code == 201, placed.text
    # Another buyer searches the same words and leaves without a click.
    search(api, "logo", visitor="visiteur-anonyme-1")
    flush(api)

    row = by_query(report(api, people.support, "top-searches"))["logo"]
    assert row == {
        "key": "logo",
        "searches": 2,
        "zero_results": 0,
        "with_results": 2,
        "clicked_searches": 1,
        "no_click_searches": 1,
        "clicks": 1,
        "click_rate": 0.5,
        "mean_click_position": 2.0,
        "ordered_searches": 1,
        "conversion_rate": 0.5,
        "favorites": 0,
        "quote_requests": 0,
        "visitors": 2,
    }
    # The order event is the orders core's: the client sent none.
    [ordered] = events_written(api, type="order")
    assert (ordered["gig_id"], ordered["search_id"], ordered["query"]) == (
        second,
        page["search_id"],
        "logo",
    )
    overview = report(api, people.support, "overview")
    assert {k: overview["total"][k] for k in ("searches", "clicks", "conversion_rate")} == {
        "searches": 2,
        "clicks": 1,
        "conversion_rate": 0.5,
    }
    today = api.runtime.clock.now().date().isoformat()
    [day] = [p for p in overview["periods"] if p["searches"]]
    assert (day["key"], day["mean_click_position"], day["ordered_searches"]) == (today, 2.0, 1)
    assert len(overview["periods"]) == 30  # every day of the window, empty ones too
    no_click = by_query(report(api, people.support, "no-clicks"))
    assert no_click["logo"]["no_click_searches"] == 1


def test_the_reports_as_csv(api: Api, people: People, catalog: dict[str, int]) -> None:
    page = search(api, "logo", user=people.buyer)
    send(api, click(page, 1), user=people.buyer)
    flush(api)
    response = report(api, people.support, "top-searches", format="csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith('attachment; filename="microtache-')
    [header, logo] = list(csv.reader(io.StringIO(response.text)))
    cells = dict(zip(header, logo, strict=True))
    assert (cells["query"], cells["searches"], cells["clicks"], cells["click_rate"]) == (
        "logo",
        "1",
        "1",
        "1",
    )
    assert cells["mean_click_position"] == "1"
    for name in REPORTS:
        assert report(api, people.support, name, format="csv").status_code == 200


def test_the_command_line_prints_the_same_reports(
    api: Api, people: People, catalog: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    page = search(api, "logo", user=people.buyer)
    send(api, click(page, 3), user=people.buyer)
    search(api, "bruitage")
    flush(api)
    day = api.runtime.clock.now().date().isoformat()
    settings = api.runtime.settings.model_copy(
        update={"opensearch_index_prefix": api.runtime.names.prefix}
    )
    parser = argparse.ArgumentParser()
    insights_command.add_parser(parser.add_subparsers(dest="command"))
    for name in REPORTS:
        args = parser.parse_args(["insights", name, "--from", day, "--to", day, "--csv"])
        assert insights_command.run(settings, args) == 0
        printed = capsys.readouterr().out
        served = report(api, people.support, name, format="csv", **{"from": day, "to": day})
        assert printed == served.text, name
    args = parser.parse_args(["insights", "top-searches", "--from", day, "--to", day])
    assert insights_command.run(settings, args) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0] == f"top-searches, {day} to {day} (UTC days)"
    assert table[1].split()[:3] == ["query", "searches", "zero_results"]
    assert [line.split()[:3] for line in table[2:]] == [["bruitage", "1", "1"], ["logo", "1", "0"]]


def test_zero_result_queries_leave_the_list_once_a_synonym_finds_gigs(
    api: Api, people: People, catalog: dict[str, int]
) -> None:
    for _ in range(2):
        assert search(api, "bruitage")["total"] == 0
    assert search(api, "calligraphie")["total"] == 0
    flush(api)
    listed = by_query(report(api, people.support, "zero-results"))
    assert set(listed) == {"bruitage", "calligraphie"}
    row = listed["bruitage"]
    assert row["searches"] == 2
    assert row["last_searched_at"].startswith(api.runtime.clock.now().date().isoformat())
    rule = row["add_synonym"]
    assert (rule["method"], rule["path"]) == ("POST", "/support/thesaurus")
    assert rule["body"]["terms"] == ["bruitage"]
    assert rule["check"] == "/support/thesaurus/expand?q=bruitage"

    # Support says what buyers mean and posts the request.
    body = rule["body"] | {"targets": ["logo vintage"]}
    added = api.call(rule["method"], rule["path"], user=people.support, json=body)
    assert added.status_code == 201, added.text
    assert search(api, "bruitage")["total"] > 0
    flush(api)

    listed = by_query(report(api, people.support, "zero-results"))
    assert set(listed) == {"calligraphie"}
    # The searches that found nothing are still counted where they belong.
    top = by_query(report(api, people.support, "top-searches"))
    assert (top["bruitage"]["searches"], top["bruitage"]["zero_results"]) == (3, 2)


def test_reports_keep_to_a_category_and_to_their_days(
    api: Api, people: People, catalog: dict[str, int], clock: ManualClock
) -> None:
    first_day = clock.now().date()
    search(api, "logo", category="graphisme-design")
    search(api, "anglais", category="redaction-traduction")
    clock.advance(timedelta(days=2))
    page = search(api, "logo", category="graphisme-design")
    send(api, click(page, 1))
    search(api, "logo")  # no category chosen
    flush(api)
    design = report(api, people.support, "top-searches", category="graphisme-design")
    assert by_query(design)["logo"]["searches"] == 2
    assert "anglais" not in by_query(design)
    assert design["window"]["category"] == "graphisme-design"
    everything = by_query(report(api, people.support, "top-searches"))
    assert everything["logo"]["searches"] == 3

    days = report(
        api,
        people.support,
        "overview",
        **{"from": first_day.isoformat(), "to": clock.now().date().isoformat()},
    )
    assert [(p["key"], p["searches"], p["clicks"]) for p in days["periods"]] == [
        (first_day.isoformat(), 2, 0),
        ((first_day + timedelta(days=1)).isoformat(), 0, 0),
        ((first_day + timedelta(days=2)).isoformat(), 2, 1),
    ]
    weeks = report(api, people.support, "overview", interval="week")
    assert weeks["interval"] == "week"
    assert sum(p["searches"] for p in weeks["periods"]) == 4
    assert all(p["key"] <= clock.now().date().isoformat() for p in weeks["periods"])
    earlier = report(
        api,
        people.support,
        "top-searches",
        **{"from": first_day.isoformat(), "to": first_day.isoformat()},
    )
    assert by_query(earlier)["logo"]["clicks"] == 0


@pytest.mark.parametrize("name", REPORTS)
def test_only_customer_support_reads_the_reports(api: Api, people: People, name: str) -> None:
    path = f"/support/insights/{name}"
    assert api.call("GET", path).status_code == 401
    assert api.call("GET", path, user=people.buyer).status_code == 403
    assert api.call("GET", path, user=people.support).status_code == 200


@pytest.mark.parametrize(
    ("params", "field", "rule"),
    [
        ("from=2026-03-05&to=2026-03-01", "from", "insights.from_after_to"),
        ("category=cuisine", "category", "category.unknown"),
        ("from=hier", "from", "date_from_datetime_parsing"),
        ("limit=0", "limit", "greater_than_equal"),
        ("format=xml", "format", "literal_error"),
    ],
)
def test_bad_report_parameters_are_named(
    api: Api, people: People, params: str, field: str, rule: str
) -> None:
    response = api.call("GET", f"/support/insights/top-searches?{params}", user=people.support)
    assert response.status_code == 422
    assert [(p["field"], p["rule"]) for p in response.json()["detail"]] == [(field, rule)]


# -- events ---------------------------------------------------------------------------------


def test_every_results_page_carries_a_search_id(
    api: Api, people: People, catalog: dict[str, int]
) -> None:
    pages = [
        search(api, "logo"),
        search(api, "logo", page=2, size=1),
        search(api, "bruitage"),
        search(api, category="graphisme-design"),  # browsing, no words
    ]
    ids = [p["search_id"] for p in pages]
    assert len(set(ids)) == 4
    assert all(tracking(api).ids.issued_at(i) == api.runtime.clock.now() for i in ids)
    browse = pages[3]
    assert send(api, click(browse, 1)).status_code == 202
    flush(api)
    [browsed] = events_written(api, search_id=browse["search_id"])
    assert (browsed["category"], "query" in browsed) == ("graphisme-design", True)
    assert browsed["query"] is None
    top = by_query(report(api, people.support, "top-searches"))
    assert set(top) == {"logo", "bruitage"}  # browse pages are not searches
    assert top["logo"]["searches"] == 2  # a later page is a search of its own


def test_an_event_sent_twice_is_recorded_once(
    api: Api, people: People, catalog: dict[str, int]
) -> None:
    page = search(api, "logo", user=people.buyer)
    gig = page["results"][0]["id"]
    send(api, click(page, 1), user=people.buyer)
    send(api, click(page, 1), click(page, 1), user=people.buyer)  # a retry, a double send
    favorite = {"search_id": page["search_id"], "type": "favorite", "gig_id": gig}
    send(api, favorite, user=people.buyer)
    flush(api)
    send(api, favorite, click(page, 1), user=people.buyer)  # again, after it was written
    # The client reports the order too; the orders core records it from the order itself.
    send(api, {"search_id": page["search_id"], "type": "order", "gig_id": gig}, user=people.buyer)
    placed = order(api, people, gig, "insights-order-2", search_id=page["search_id"])
    assert placed.status_code == 201
    assert (
        order(api, people, gig, "insights-order-2", search_id=page["search_id"]).json()["id"]
        == placed.json()["id"]
    )  # the placement retried: one order
    flush(api)
    flush(api)  # the orders read again: still once
    written = sorted((e["type"], e["gig_id"]) for e in events_written(api))
    assert written == [("click", gig), ("favorite", gig), ("order", gig)]
    row = by_query(report(api, people.support, "top-searches"))["logo"]
    assert (row["clicks"], row["favorites"], row["ordered_searches"]) == (1, 1, 1)


def test_events_are_buffered_off_the_request_path(
    api: Api, people: People, catalog: dict[str, int]
) -> None:
    page = search(api, "logo")
    send(api, click(page, 2))
    events = tracking(api).events
    assert events.pending == 1
    assert not api.runtime.search.indices.exists(index=api.runtime.names.search_events)
    assert api.app.state.query_log.pending == 1  # the search too
    assert events.flush(refresh=True) == 1
    assert events.pending == 0
    assert api.app.state.query_log.pending == 0  # searches are written before their events
    [written] = events_written(api)
    assert {k: written[k] for k in ("type", "position", "query", "results")} == {
        "type": "click",
        "position": 2,
        "query": "logo",
        "results": 4,
    }
    assert written["gig_subcategory"] == "conception-logo"
    assert written["searched_at"].startswith(api.runtime.clock.now().date().isoformat())


def test_an_event_after_its_search_was_written_is_completed_from_the_index(
    api: Api, catalog: dict[str, int]
) -> None:
    page = search(api, "logo")
    events = tracking(api).events
    events.flush()  # the search alone
    search(api, "traduction")  # a later write sends other searches
    send(api, click(page, 1))
    assert events.flush(refresh=True) == 1
    [written] = events_written(api)
    assert (written["query"], written["results"]) == ("logo", 4)
    assert written["gig_subcategory"] == "conception-logo"


def test_bad_events_are_refused_whole_naming_each(
    api: Api, people: People, catalog: dict[str, int], clock: ManualClock
) -> None:
    page = search(api, "logo")
    sid = page["search_id"]
    forged = "A" * 30
    response = send(
        api,
        click(page, 1),
        {"search_id": forged, "type": "click", "gig_id": 1, "position": 1},
        {"search_id": sid, "type": "click", "gig_id": 1},
    )
    assert response.status_code == 422
    assert [(p["field"], p["rule"]) for p in response.json()["detail"]] == [
        ("events.1.search_id", "search_id.invalid"),
        ("events.2.position", "event.position.required"),
    ]
    assert tracking(api).events.pending == 0  # not even the good one

    for body, field, rule in [
        ({"search_id": sid, "type": "view", "gig_id": 1}, "events.0.type", "literal_error"),
        (
            {"search_id": sid, "type": "click", "gig_id": 0, "position": 1},
            "events.0.gig_id",
            "greater_than_equal",
        ),
        (
            {"search_id": sid, "type": "click", "gig_id": 1, "position": 0},
            "events.0.position",
            "greater_than_equal",
        ),
        (
            {"search_id": "court", "type": "favorite", "gig_id": 1},
            "events.0.search_id",
            "string_too_short",
        ),
        (
            {"search_id": sid, "type": "favorite", "gig_id": 1, "user_id": 3},
            "events.0.user_id",
            "extra_forbidden",
        ),
    ]:
        refused = send(api, body)
        assert refused.status_code == 422, body
        assert [(p["field"], p["rule"]) for p in refused.json()["detail"]] == [(field, rule)]
    too_many = send(api, *[click(page, 1)] * 101)
    assert [(p["field"], p["rule"]) for p in too_many.json()["detail"]] == [("events", "too_long")]
    empty = api.call("POST", "/search/events", json={"events": []})
    assert empty.status_code == 422

    clock.advance(timedelta(days=91))
    expired = send(api, click(page, 1))
    assert [(p["field"], p["rule"]) for p in expired.json()["detail"]] == [
        ("events.0.search_id", "search_id.expired")
    ]


def test_an_order_names_a_real_search_or_is_refused(
    api: Api, people: People, catalog: dict[str, int]
) -> None:
    refused = order(api, people, catalog["logo"], "insights-order-3", search_id="A" * 30)
    assert refused.status_code == 422
    assert [(p["field"], p["rule"]) for p in refused.json()["detail"]] == [
        ("search_id", "search_id.invalid")
    ]
    assert api.count(Order) == 0
    plain = order(api, people, catalog["logo"], "insights-order-4")  # not from a search
    assert plain.status_code == 201
    with api.runtime.sessions() as session:
        assert session.get_one(Order, plain.json()["id"]).search_id is None
    flush(api)
    assert events_written(api) == []


def test_visitors_are_pseudonymous(
    api: Api, people: People, catalog: dict[str, int], clock: ManualClock
) -> None:
    page = search(api, "logo", user=people.buyer)
    send(api, click(page, 1), user=people.buyer)
    anonymous = search(api, "logo", visitor="c0ffee-visitor-7")
    send(api, click(anonymous, 2))  # no header: the search's visitor
    nobody = search(api, "logo")
    send(api, click(nobody, 3))
    bearer = {"Authorization": f"Bearer {api.token(people.buyer)}"}
    assert api.client.get("/search?q=logo", headers=bearer).status_code == 200
    clock.advance(timedelta(hours=1))  # tokens live 15 minutes
    late = api.client.get("/search?q=logo", headers=bearer)
    assert late.status_code == 200  # an expired token still searches, as nobody
    forged = api.client.get("/search?q=logo", headers={"Authorization": "Bearer x.y.z"})
    assert forged.status_code == 200
    flush(api)

    names = tracking(api).pseudonyms
    buyer = names.of_user(people.buyer)
    client_id = names.of_client_id("c0ffee-visitor-7")
    searches = api.runtime.search.search(
        index=api.runtime.names.querylog, body={"size": 10, "sort": ["at", "_doc"]}
    )["hits"]["hits"]
    assert [h["_source"]["visitor"] for h in searches] == [
        buyer,
        client_id,
        None,
        buyer,
        None,  # the same token, expired
        None,
    ]
    assert [h["_id"] for h in searches[:3]] == [
        page["search_id"],
        anonymous["search_id"],
        nobody["search_id"],
    ]
    visitors = {e["search_id"]: e["visitor"] for e in events_written(api)}
    assert visitors == {
        page["search_id"]: buyer,
        anonymous["search_id"]: client_id,
        nobody["search_id"]: None,
    }
    stored = json.dumps([h["_source"] for h in searches] + events_written(api))
    assert "paul@exemple.fr" not in stored
    assert "c0ffee-visitor-7" not in stored
    assert f'"visitor": "{people.buyer}"' not in stored
    assert report(api, people.support, "overview")["total"]["visitors"] == 2


def test_an_event_waits_for_a_search_another_process_has_not_written_yet(
    api: Api, people: People, catalog: dict[str, int], clock: ManualClock
) -> None:
    runtime = api.runtime
    ids = tracking(api).ids
    other = QueryLog(runtime.search, runtime.names, clock=clock)  # another API process
    sid = ids.mint(clock.now())
    other.record("logo", results=3, search_id=sid)
    events = tracking(api).events
    events.record([SearchEvent(sid, EventType.CLICK, catalog["logo"], 1, None, clock.now())])
    assert events.flush(refresh=True) == 0
    assert events.pending == 1  # kept for the next flush
    other.flush()
    assert events.flush(refresh=True) == 1
    assert events_written(api)[0]["query"] == "logo"

    never = ids.mint(clock.now())  # a page whose search was lost with its process
    events.record([SearchEvent(never, EventType.CLICK, catalog["logo"], 1, None, clock.now())])
    events.flush()
    assert events.pending == 1
    clock.advance(RESOLVE_WITHIN)
    events.flush()
    assert (events.pending, events.dropped) == (0, 1)


def test_searches_and_events_are_kept_for_the_retention_only(
    api: Api, people: People, catalog: dict[str, int], clock: ManualClock
) -> None:
    assert api.runtime.settings.insights_retention_days == 90
    old = search(api, "logo")
    send(api, click(old, 1))
    clock.advance(timedelta(days=60))
    recent = search(api, "logo")
    send(api, click(recent, 2))
    flush(api)
    runtime = api.runtime
    clock.advance(timedelta(days=30, seconds=1))  # the first pair is 90 days old and a second
    purged = purge_expired(runtime.search, runtime.names, clock, 90)
    assert (purged.searches, purged.events) == (1, 1)
    runtime.search.indices.refresh(index=f"{runtime.names.prefix}_*")
    assert [e["search_id"] for e in events_written(api)] == [recent["search_id"]]
    left = runtime.search.search(index=runtime.names.querylog, body={"query": {"match_all": {}}})
    assert [h["_id"] for h in left["hits"]["hits"]] == [recent["search_id"]]
    again = purge_expired(runtime.search, runtime.names, clock, 90)
    assert (again.searches, again.events) == (0, 0)


def test_the_retention_job_runs_with_the_periodic_jobs() -> None:
    from marketplace_core.config import Settings
    from microtache.celery_app import make_celery
    from microtache.tasks.insights import purge_expired

    app = make_celery(Settings(CELERY_BROKER_URL="redis://broker.example:6379/0"))
    entry = app.conf.beat_schedule["purge-search-insights"]
    assert entry["task"] == purge_expired.name == "insights.purge_expired"
    assert 0 < entry["schedule"] <= 24 * 3600
    assert 0 < entry["options"]["expires"] <= entry["schedule"]


def test_a_process_writes_what_it_buffered_when_it_stops(
    api: Api, people: People, catalog: dict[str, int]
) -> None:
    from fastapi.testclient import TestClient

    from search_api.app import create_app

    app = create_app(api.runtime)
    with TestClient(app) as client:
        page = client.get("/search?q=logo").json()
        client.post("/search/events", json={"events": [click(page, 1)]})
        events: EventLog = app.state.tracking.events
        assert events.pending == 1
    assert events.pending == 0
    api.runtime.search.indices.refresh(index=api.runtime.names.search_events)
    assert [e["search_id"] for e in events_written(api)] == [page["search_id"]]


def test_the_endpoints_are_documented(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    events = spec["paths"]["/search/events"]["post"]
    assert events["summary"]
    assert {c for c in events["responses"] if c >= "400"} == {"413", "422"}
    assert "202" in events["responses"]
    page = spec["components"]["schemas"]["SearchPage"]
    assert "search_id" in page["required"]
    order_body = spec["components"]["schemas"]["OrderIn"]["properties"]
    assert "search_id" in order_body
    for name in REPORTS:
        operation = spec["paths"][f"/support/insights/{name}"]["get"]
        assert operation["summary"]
        assert {c for c in operation["responses"] if c >= "400"} == {"401", "403", "422"}
        assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
        assert {p["name"] for p in operation["parameters"]} >= {"from", "to", "category", "format"}
