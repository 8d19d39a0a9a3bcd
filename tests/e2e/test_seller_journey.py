"""A seller's journey through the API, with search following on its own: register, become a
seller, create and publish a gig (found by /search and /autocomplete), change its price and
title, pause it. The sync runs as `microtache up` runs it without a broker: background loops
woken by each commit. Each state is awaited with a deadline, never a fixed sleep."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from indexer.querylog import QueryLog
from indexer.suggestions import rebuild_suggestions
from microtache.background import sync_in_background
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from search_api.app import create_app

DEADLINE_SECONDS = 30
EMAIL = "lea@exemple.fr"
PASSWORD = "un long mot de passe"


def eventually(what: str, check: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not (found := check()):
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
    return found


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    settings = runtime.settings.model_copy(update={"celery_broker_url": None})
    embedded = dataclasses.replace(runtime, settings=settings)
    reindex(embedded, progress=False)  # an empty catalog behind the alias
    with (
        sync_in_background(
            embedded, QueryLog(embedded.search, embedded.names, clock=embedded.clock)
        ),
        TestClient(create_app(embedded)) as client,
    ):
        yield client


def search(client: TestClient, query: str) -> list[dict[str, Any]]:
    response = client.get(f"/search?{query}")
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_a_seller_publishes_edits_and_pauses_a_gig(client: TestClient, runtime: Runtime) -> None:
    credentials = {"email": EMAIL, "password": PASSWORD}
    assert client.post("/auth/register", json=credentials).status_code == 202
    tokens = client.post("/auth/login", json=credentials).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}

    profile = {
        "username": "lea_calligraphie",
        "display_name": "Léa Calligraphie",
        "languages": [{"code": "fr", "proficiency": "native"}],
        "country": "FR",
    }
    assert client.post("/me/seller", json=profile, headers=auth).status_code == 201
    created = client.post(
        "/me/gigs",
        headers=auth,
        json={
            "title": "Je vais dessiner un logo calligraphique pour votre boutique",
            "description": "Un logo tracé à la plume, vectorisé, avec ses fichiers sources.",
            "subcategory": "conception-logo",
            "tags": ["calligraphie", "logo calligraphique"],
            "attributes": {"style": ["vintage"]},
            "packages": [{"tier": "basic", "price_cents": 2500, "delivery_days": 5}],
        },
    )
    assert created.status_code == 201, created.text
    gig_id = created.json()["id"]
    assert search(client, "q=calligraphique") == []  # a draft is not searchable

    published = client.post(f"/me/gigs/{gig_id}/publish", headers=auth)
    assert published.status_code == 200
    [hit] = eventually("never found", lambda: search(client, "q=calligraphique"))
    assert (hit["id"], hit["price_from_cents"]) == (gig_id, 2500)
    assert hit["seller"]["username"] == "lea_calligraphie"
    assert [g["id"] for g in client.get("/sellers/lea_calligraphie").json()["gigs"]] == [gig_id]

    rebuild_suggestions(runtime.search, runtime.names, min_tag_gigs=1, min_title_gigs=1)
    suggestions = client.get("/autocomplete?q=callig").json()["suggestions"]
    assert "calligraphie" in {s["term"] for s in suggestions}
    assert {s["subcategory"]["slug"] for s in suggestions} == {"conception-logo"}

    changed = client.patch(
        f"/me/gigs/{gig_id}",
        headers=auth | {"If-Match": published.headers["ETag"]},
        json={
            "title": "Je vais dessiner un monogramme calligraphique pour votre boutique",
            "packages": [{"tier": "basic", "price_cents": 4500, "delivery_days": 5}],
        },
    )
    assert changed.status_code == 200, changed.text

    def updated() -> list[dict[str, Any]]:
        hits = search(client, "q=monogramme")
        return [h for h in hits if h["price_from_cents"] == 4500]

    [hit] = eventually("the change never reached search", updated)
    assert hit["title"].startswith("Je vais dessiner un monogramme")
    assert search(client, "q=calligraphique&budget_max=3000") == []

    paused = client.post(
        f"/me/gigs/{gig_id}/pause", headers=auth | {"If-Match": changed.headers["ETag"]}
    )
    assert paused.status_code == 200
    eventually("the paused gig stayed in search", lambda: search(client, "q=monogramme") == [])
    assert client.get(f"/gigs/{gig_id}").status_code == 404
    assert client.get(f"/gigs/{gig_id}", headers=auth).json()["status"] == "paused"
