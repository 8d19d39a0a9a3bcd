"""Bad input gets the common error shape, after the caller is known: 401 before any header
or body is looked at, a body that is not JSON is 422 naming the body (never FastAPI's 400),
a number beyond what the engine stores is 422 naming the parameter (never a 500). The bounds
the rules enforce are the document's JSON Schema, from the rules' own constants: data at a
documented bound is accepted, data past it refused with the rule's id."""

from __future__ import annotations

import re
from typing import Any

import pytest

from marketplace_core.accounts.rules import USERNAME_PATTERN
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.rules import MAX_TAGS, TITLE_LENGTH
from marketplace_core.conversations.rules import MESSAGE_LENGTH
from marketplace_core.orders.extension_rules import MAX_EXTRAS, MAX_ORDER_TOTAL_CENTS
from marketplace_core.orders.rules import MAX_ATTACHMENTS, MAX_TEXT_LENGTH, MIN_EVIDENCE_LENGTH
from marketplace_core.requests.rules import MAX_DESCRIPTION_LENGTH, MIN_DESCRIPTION_LENGTH
from marketplace_core.sellers.rules import DISPLAY_NAME_LENGTH, MAX_LANGUAGES
from marketplace_core.tips.rules import MAX_MESSAGE_LENGTH, MIN_TIP_CENTS
from search_api.schemas.bounds import NOT_BLANK
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


def properties(api: Api, model: str) -> dict[str, Any]:
    found: dict[str, Any] = api.client.get("/openapi.json").json()["components"]["schemas"]
    return dict(found[model]["properties"])


@pytest.mark.parametrize(
    ("model", "field", "bounds"),
    [
        ("TipIn", "amount_cents", {"minimum": MIN_TIP_CENTS, "maximum": MAX_ORDER_TOTAL_CENTS}),
        ("TipIn", "message", {"maxLength": MAX_MESSAGE_LENGTH}),
        ("SellerIn", "username", {"pattern": USERNAME_PATTERN.pattern}),
        ("SellerIn", "languages", {"minItems": 1, "maxItems": MAX_LANGUAGES}),
        ("GigIn", "title", {"minLength": TITLE_LENGTH[0], "maxLength": TITLE_LENGTH[1]}),
        ("GigIn", "tags", {"maxItems": MAX_TAGS}),
        ("ExtensionOfferIn", "extras", {"minItems": 1, "maxItems": MAX_EXTRAS}),
        ("DeliveryIn", "attachments", {"maxItems": MAX_ATTACHMENTS}),
        (
            "SupportCancellationIn",
            "evidence",
            {"minLength": MIN_EVIDENCE_LENGTH, "maxLength": MAX_TEXT_LENGTH, "pattern": NOT_BLANK},
        ),
        ("MessageIn", "message", {"minLength": MESSAGE_LENGTH[0], "maxLength": MESSAGE_LENGTH[1]}),
        (
            "RequestIn",
            "description",
            {"minLength": MIN_DESCRIPTION_LENGTH, "maxLength": MAX_DESCRIPTION_LENGTH},
        ),
    ],
)
def test_request_bounds_are_json_schema_from_the_rules_constants(
    api: Api, model: str, field: str, bounds: dict[str, Any]
) -> None:
    documented = properties(api, model)[field]
    assert {k: documented.get(k) for k in bounds} == bounds, documented


BOUND_IN_PROSE = re.compile(r"\d+ ?(to|–) ?\d+|at (most|least) \d+")
KEYWORDS = ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern")


def test_no_request_body_states_a_bound_only_in_prose(api: Api) -> None:
    """ "1 to 5000 characters", "at most 10": the schema says it too, not the words only."""
    schemas = api.client.get("/openapi.json").json()["components"]["schemas"]
    prose = [
        (name, field, prop["description"])
        for name, schema in schemas.items()
        if name.endswith(("In", "Patch"))
        for field, prop in schema.get("properties", {}).items()
        if BOUND_IN_PROSE.search(prop.get("description", ""))
        and not any(k in prop for k in KEYWORDS)
    ]
    assert prose == []


def patch_gig(api: Api, people: People, body: dict[str, Any]) -> Any:
    gig = people.gigs[GigStatus.DRAFT]
    version = api.call("GET", f"/me/gigs/{gig}", user=people.owner).headers["ETag"]
    return api.call(
        "PATCH", f"/me/gigs/{gig}", user=people.owner, json=body, headers={"If-Match": version}
    )


@pytest.mark.parametrize(
    ("model", "field", "rule", "send"),
    [
        ("GigPatch", "title", "title.length", lambda api, people, v: patch_gig(api, people, v)),
        (
            "GigPatch",
            "description",
            "description.length",
            lambda api, people, v: patch_gig(api, people, v),
        ),
        (
            "SellerPatch",
            "display_name",
            "display_name.length",
            lambda api, people, v: api.call("PATCH", "/me/seller", user=people.owner, json=v),
        ),
    ],
)
def test_a_text_at_its_documented_bounds_is_accepted_and_past_them_refused(
    api: Api, people: People, model: str, field: str, rule: str, send: Any
) -> None:
    documented = properties(api, model)[field]
    low, high = documented.get("minLength", 0), documented["maxLength"]
    assert (low, high) in {TITLE_LENGTH, (1, 5000), DISPLAY_NAME_LENGTH}
    for length in (low, high):
        answer = send(api, people, {field: "a" * length})
        assert answer.status_code == 200, (length, answer.text)
    for length in (low - 1, high + 1):
        answer = send(api, people, {field: "a" * length})
        assert answer.status_code == 422, (length, answer.text)
        assert [(p["field"], p["rule"]) for p in answer.json()["detail"]] == [(field, rule)]
