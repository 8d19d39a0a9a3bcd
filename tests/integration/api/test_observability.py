"""What operators read: /metrics after real searches, the probes, the request id."""

from __future__ import annotations

import threading
from datetime import timedelta

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select, update

from indexer.suggestions import rebuild_suggestions
from marketplace_core.outbox import SearchOutbox
from microtache.background import Loop
from microtache.bootstrap import reindex
from search_api.observability import REQUEST_ID_HEADER
from tests.factories import create_gig, create_seller
from tests.integration.api.harness import Api

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(api: Api) -> Samples:
    answer = api.client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def catalog(api: Api) -> list[int]:
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        seller = create_seller(session, clock=clock)
        ids = [
            create_gig(session, seller=seller, clock=clock, title=title).id
            for title in (
                "Je vais créer un logo minimaliste pour votre entreprise",
                "Je vais dessiner un logo vintage pour votre marque",
            )
        ]
    reindex(api.runtime, progress=False)
    rebuild_suggestions(api.runtime.search, api.runtime.names)
    return ids


def test_metrics_count_and_time_searches_split_between_opensearch_and_the_api(api: Api) -> None:
    gig_ids = catalog(api)
    before = scrape(api)
    for q in ("logo", "logo vintage", "traduction"):
        assert api.client.get("/search", params={"q": q}).status_code == 200
    for q in ("lo", "log", "lo"):  # the second "lo" is answered from the cache
        assert api.client.get("/autocomplete", params={"q": q}).status_code == 200
    assert api.client.get(f"/gigs/{gig_ids[0]}").status_code == 200
    assert api.client.get("/gigs/999999").status_code == 404
    after = scrape(api)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    search = {"route": "/search", "method": "GET"}
    assert moved("microtache_http_requests_total", **search, status="200") == 3
    assert moved("microtache_http_request_duration_seconds_count", **search) == 3
    assert moved("microtache_http_request_duration_seconds_sum", **search) > 0
    assert moved("microtache_http_request_duration_seconds_bucket", **search, le="+Inf") == 3
    # Route templates, never raw paths: one series for every gig.
    gig = {"route": "/gigs/{gig_id}", "method": "GET"}
    assert moved("microtache_http_requests_total", **gig, status="200") == 1
    assert moved("microtache_http_requests_total", **gig, status="404") == 1
    assert not any(dict(labels).get("route", "").startswith("/gigs/9") for _, labels in after)

    assert moved("microtache_search_opensearch_seconds_count", endpoint="search") == 3
    assert moved("microtache_search_opensearch_seconds_sum", endpoint="search") > 0
    assert moved("microtache_search_api_seconds_count", endpoint="search") == 3
    assert moved("microtache_search_api_seconds_sum", endpoint="search") > 0
    # Every autocomplete request has its API time; only the two not cached awaited OpenSearch.
    assert moved("microtache_search_api_seconds_count", endpoint="autocomplete") == 3
    assert moved("microtache_search_opensearch_seconds_count", endpoint="autocomplete") == 2

    assert value(after, "microtache_opensearch_up") == 1
    status = {
        s: value(after, "microtache_opensearch_cluster_status", status=s)
        for s in ("green", "yellow", "red")
    }
    assert sorted(status.values()) == [0, 0, 1]
    assert status["red"] == 0


def test_outbox_gauges_tell_its_depth_the_age_of_its_oldest_row_and_retries(api: Api) -> None:
    catalog(api)  # two gigs: their outbox rows are still there (nothing drained them)
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        oldest = session.scalar(select(func.min(SearchOutbox.id)))
        session.execute(update(SearchOutbox).values(created_at=clock.now() - timedelta(seconds=5)))
        session.execute(
            update(SearchOutbox)
            .where(SearchOutbox.id == oldest)
            .values(created_at=clock.now() - timedelta(seconds=90), attempts=2)
        )
    samples = scrape(api)
    assert value(samples, "microtache_outbox_rows") == len(api.outbox())
    assert value(samples, "microtache_outbox_rows") >= 2
    assert value(samples, "microtache_outbox_oldest_age_seconds") == 90
    assert value(samples, "microtache_outbox_retrying_rows") == 1
    api.clear_outbox()
    samples = scrape(api)
    assert value(samples, "microtache_outbox_rows") == 0
    assert value(samples, "microtache_outbox_oldest_age_seconds") == 0


def test_background_loops_count_their_runs_and_failures(api: Api) -> None:
    before = scrape(api)
    done = threading.Event()

    def fail() -> None:
        done.set()
        raise RuntimeError("the database is gone")

    loop = Loop("metrics-test", fail, every=None)
    loop.start()
    loop.wake()
    assert done.wait(10)
    loop.stop()
    after = scrape(api)
    for name in ("microtache_background_runs_total", "microtache_background_failures_total"):
        moved = value(after, name, loop="metrics-test") - value(before, name, loop="metrics-test")
        assert moved == 1, name


def test_readiness_needs_the_gig_alias_and_liveness_needs_nothing(api: Api) -> None:
    assert api.client.get("/health/live").json() == {"status": "ok"}
    answer = api.client.get("/health/ready")
    assert answer.status_code == 503
    body = answer.json()
    assert body["ready"] is False
    assert body["database_migrated"] is True
    assert body["opensearch_reachable"] is True
    assert body["gig_alias_present"] is False
    reindex(api.runtime, progress=False)
    answer = api.client.get("/health/ready")
    assert answer.status_code == 200
    assert answer.json()["ready"] is True


def test_each_answer_carries_a_request_id_keeping_a_sane_incoming_one(api: Api) -> None:
    made = api.client.get("/health/live").headers[REQUEST_ID_HEADER]
    assert len(made) == 32
    assert made != api.client.get("/health/live").headers[REQUEST_ID_HEADER]
    kept = api.client.get("/health/live", headers={REQUEST_ID_HEADER: "lb-7f3a.42"})
    assert kept.headers[REQUEST_ID_HEADER] == "lb-7f3a.42"
    for insane in ("<script>", "x" * 129, "a b"):
        answer = api.client.get("/health/live", headers={REQUEST_ID_HEADER: insane})
        assert answer.headers[REQUEST_ID_HEADER] not in (insane, made)
    # Also on an answer the app refuses before any route runs.
    too_big = api.client.post(
        "/auth/login", content=b"x" * (65 * 1024), headers={"content-type": "application/json"}
    )
    assert too_big.status_code == 413
    assert too_big.headers[REQUEST_ID_HEADER]
