"""Per-client rate limits on search and autocomplete: 429 with Retry-After past the limit,
counted per signed-in user or else per address, each endpoint apart, shared by every API
process through Redis when a broker is configured, and never in the way when Redis is not
there. The limits are per hour so that no machine is slow enough to see a window pass."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from indexer.suggestions import rebuild_suggestions
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.factories import create_gig, create_seller, create_user
from tests.integration.api.harness import Api

SEARCHES = 3
AUTOCOMPLETES = 5
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def limited(runtime: Runtime, **more: object) -> Runtime:
    settings = runtime.settings.model_copy(
        update={
            "search_rate_limit": f"{SEARCHES}/hour",
            "autocomplete_rate_limit": f"{AUTOCOMPLETES}/hour",
            **more,
        }
    )
    return dataclasses.replace(runtime, settings=settings)


@pytest.fixture
def indexed(runtime: Runtime) -> Runtime:
    with runtime.sessions.begin() as session:
        seller = create_seller(session, clock=runtime.clock)
        create_gig(session, seller=seller, clock=runtime.clock, title="Je vais créer un logo")
    reindex(runtime, progress=False)
    rebuild_suggestions(runtime.search, runtime.names)
    return runtime


def an_address() -> tuple[str, int]:
    """An address of its own per test: counters in a shared Redis outlive a test."""
    n = uuid.uuid4().int
    return (f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}", 40000)


def client_of(runtime: Runtime, address: tuple[str, int]) -> Iterator[TestClient]:
    with TestClient(create_app(runtime), client=address) as client:
        yield client


@pytest.fixture
def api_limited(indexed: Runtime) -> Iterator[TestClient]:
    yield from client_of(limited(indexed), an_address())


@sqlite_only
def test_past_the_limit_a_client_gets_429_with_retry_after(api_limited: TestClient) -> None:
    for _ in range(SEARCHES):
        assert api_limited.get("/search", params={"q": "logo"}).status_code == 200
    refused = api_limited.get("/search", params={"q": "logo"})
    assert refused.status_code == 429
    retry_after = int(refused.headers["Retry-After"])
    assert 1 <= retry_after <= 3600
    body = refused.json()
    assert body["retry_after"] == retry_after
    assert "too many search requests" in body["detail"]
    # Autocomplete has its own count, and its own limit.
    for _ in range(AUTOCOMPLETES):
        assert api_limited.get("/autocomplete", params={"q": "lo"}).status_code == 200
    assert api_limited.get("/autocomplete", params={"q": "lo"}).status_code == 429
    # Nothing else is limited.
    assert api_limited.get("/categories").status_code == 200


@sqlite_only
def test_a_signed_in_user_counts_apart_from_the_address(indexed: Runtime) -> None:
    runtime = limited(indexed)
    app = create_app(runtime)
    api = Api(app, TestClient(app, client=an_address()), runtime)
    with runtime.sessions.begin() as session:
        buyer = create_user(session, clock=runtime.clock, email="paul@exemple.fr").id
    with api.client:
        for _ in range(SEARCHES):
            assert api.client.get("/search", params={"q": "logo"}).status_code == 200
        assert api.client.get("/search", params={"q": "logo"}).status_code == 429
        # The same address, signed in: the user's own count.
        mine = api.auth(buyer)
        for _ in range(SEARCHES):
            assert api.client.get("/search", params={"q": "logo"}, headers=mine).status_code == 200
        assert api.client.get("/search", params={"q": "logo"}, headers=mine).status_code == 429
        # A token that does not verify is no user: it counts against the address.
        forged = {"Authorization": "Bearer not.a.token"}
        assert api.client.get("/search", params={"q": "logo"}, headers=forged).status_code == 429


@sqlite_only
def test_every_api_process_counts_together_through_redis(indexed: Runtime, redis_url: str) -> None:
    """Three apps (three processes' worth of state) on one broker: one count per address."""
    runtime = limited(indexed, celery_broker_url=redis_url)
    address = an_address()
    with (
        TestClient(create_app(runtime), client=address) as first,
        TestClient(create_app(runtime), client=address) as second,
        TestClient(create_app(runtime), client=an_address()) as elsewhere,
    ):
        assert first.get("/search", params={"q": "logo"}).status_code == 200
        assert second.get("/search", params={"q": "logo"}).status_code == 200
        assert first.get("/search", params={"q": "logo"}).status_code == 200
        assert second.get("/search", params={"q": "logo"}).status_code == 429
        assert first.get("/search", params={"q": "logo"}).status_code == 429
        assert elsewhere.get("/search", params={"q": "logo"}).status_code == 200


@sqlite_only
def test_without_redis_searches_go_on_unlimited(indexed: Runtime) -> None:
    """A broker configured but out of reach: the limit gives way, the searches answer."""
    runtime = limited(indexed, celery_broker_url="redis://127.0.0.1:1/0")
    with TestClient(create_app(runtime), client=an_address()) as client:
        for _ in range(SEARCHES + 2):
            assert client.get("/search", params={"q": "logo"}).status_code == 200


def test_the_limits_are_documented(api: Api) -> None:
    schema = api.client.get("/openapi.json").json()
    for path in ("/search", "/autocomplete"):
        assert "429" in schema["paths"][path]["get"]["responses"], path
