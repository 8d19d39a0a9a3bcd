"""Bad input gets the common error shape, after the caller is known: 401 before any header
or body is looked at, a body that is not JSON is 422 naming the body (never FastAPI's 400),
a number beyond what the engine stores is 422 naming the parameter (never a 500)."""

from __future__ import annotations

import pytest

from marketplace_core.catalog.enums import GigStatus
from tests.integration.api.harness import Api, People

NOT_UTF8 = b"$1\xff\xfe\x1b\r/"
NOT_JSON = b'{"title": '
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PATCH", "/me/gigs/1"),  # If-Match missing
        ("POST", "/orders"),  # Idempotency-Key missing
        ("POST", "/orders/1/extension-offers/1/accept"),
        ("POST", "/orders/1/tips"),
    ],
)
def test_an_anonymous_caller_is_401_before_any_header_or_body_is_checked(
    api: Api, method: str, path: str
) -> None:
    for body in (None, NOT_UTF8, NOT_JSON, b"[]"):
        answer = api.client.request(method, path, content=body, headers=JSON)
        assert answer.status_code == 401, (path, body, answer.text)
        assert answer.headers["www-authenticate"] == "Bearer"
        forged = JSON | {"Authorization": "Bearer not.a.token"}
        assert api.client.request(method, path, content=body, headers=forged).status_code == 401


def test_a_body_that_is_not_json_is_422_naming_the_body(api: Api, people: People) -> None:
    gig = people.gigs[GigStatus.DRAFT]
    for body in (NOT_UTF8, NOT_JSON):
        answer = api.client.patch(
            f"/me/gigs/{gig}",
            content=body,
            headers=JSON | {"If-Match": '"1"'} | api.auth(people.owner),
        )
        assert answer.status_code == 422, answer.text
        [problem] = answer.json()["detail"]
        assert problem["field"] == "body"
        assert problem["rule"] == "json_invalid"
        assert set(problem) == {"field", "rule", "message"}


def test_a_budget_beyond_any_price_is_422_naming_it(api: Api) -> None:
    for name in ("budget_min", "budget_max"):
        answer = api.client.get("/search", params={name: "11420144422"})
        assert answer.status_code == 422, answer.text
        [problem] = answer.json()["detail"]
        assert (problem["field"], problem["rule"]) == (name, f"{name}.range")
    schema = api.client.get("/openapi.json").json()
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/search"]["get"]["parameters"]}
    assert parameters["budget_min"] == {"type": "integer", "minimum": 0, "maximum": 10_000_000}
    assert parameters["size"] == {"type": "integer", "minimum": 1, "maximum": 48}
    assert parameters["sort"]["enum"][0] == "relevance"


HUGE = "99999999999999999999"  # beyond 64 bits


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/gigs/{HUGE}"),
        ("GET", f"/orders/{HUGE}"),
        ("DELETE", f"/me/favorites/{HUGE}"),
        ("GET", f"/buyers/1?offset={HUGE}"),
        ("GET", f"/buyers/{HUGE}"),
        ("POST", f"/me/requests/{HUGE}/pause"),
        ("GET", f"/me/gigs/{HUGE}"),
        ("GET", f"/conversations/{HUGE}"),
        ("GET", f"/conversations/1?before={HUGE}"),
        ("GET", f"/quote-requests/{HUGE}"),
        ("GET", f"/requests?budget_min={HUGE}"),
        ("GET", f"/support/thesaurus/changes?before={HUGE}"),
        ("POST", f"/me/notifications/{HUGE}/read"),
    ],
)
def test_a_number_beyond_what_is_stored_is_never_a_server_error(
    api: Api, people: People, method: str, path: str
) -> None:
    for user in (people.buyer, people.owner, people.support):
        answer = api.call(method, path, user=user)
        assert answer.status_code in (403, 404, 422), (path, answer.status_code, answer.text)
