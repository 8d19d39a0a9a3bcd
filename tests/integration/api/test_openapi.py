"""The account, seller, gig and favorite endpoints are documented with their errors."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate
from pydantic import BaseModel

from search_api.schemas.accounts import AccountOut, CredentialsIn, RegisteredOut, TokensOut
from search_api.schemas.errors import InvalidInputOut, StaleVersionOut, ThrottledOut, TransitionOut
from search_api.schemas.gigs import GigIn, GigPageOut, GigPatch, OwnGigOut, PackageIn
from search_api.schemas.sellers import PublicSellerOut, SellerIn, SellerPatch
from tests.integration.api.harness import Api

ENDPOINTS = {
    ("post", "/auth/register"): {"413", "422"},
    ("post", "/auth/login"): {"401", "413", "422", "429"},
    ("post", "/auth/refresh"): {"401", "413", "422"},
    ("post", "/auth/logout"): {"401"},
    ("get", "/me"): {"401"},
    ("post", "/me/seller"): {"401", "409", "413", "422"},
    ("get", "/me/seller"): {"401", "404", "422"},
    ("patch", "/me/seller"): {"401", "404", "413", "422"},
    ("post", "/me/heartbeat"): {"401", "413", "422"},
    ("post", "/me/gigs"): {"401", "403", "413", "422"},
    ("get", "/me/gigs"): {"401", "403", "422"},
    ("get", "/me/gigs/{gig_id}"): {"401", "404", "422"},
    ("patch", "/me/gigs/{gig_id}"): {"401", "404", "409", "413", "422"},
    ("post", "/me/gigs/{gig_id}/publish"): {"401", "404", "409", "422"},
    ("post", "/me/gigs/{gig_id}/pause"): {"401", "404", "409", "422"},
    ("post", "/me/gigs/{gig_id}/resume"): {"401", "404", "409", "422"},
    ("delete", "/me/gigs/{gig_id}"): {"401", "404", "409", "422"},
    ("get", "/me/favorites"): {"401", "422"},
    ("put", "/me/favorites/{gig_id}"): {"401", "404", "422"},
    ("delete", "/me/favorites/{gig_id}"): {"401", "422"},
    ("get", "/gigs/{gig_id}"): {"401", "404", "422"},
    ("get", "/sellers/{username}"): {"404", "422"},
}


def resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    found: dict[str, Any] = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return found


def test_every_endpoint_documents_its_errors_with_their_shape(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    for (method, path), codes in ENDPOINTS.items():
        operation = spec["paths"][path][method]
        assert operation.get("summary"), (method, path)
        errors = {code for code in operation["responses"] if code >= "400"}
        assert errors == codes, (method, path)
        invalid = (
            operation["responses"]["422"]["content"]["application/json"]["schema"]
            if "422" in codes
            else None
        )
        if invalid is not None:
            shape = resolve(invalid, spec)
            assert shape["title"] == "InvalidInputOut"
            assert shape["examples"][0]["detail"][0].keys() == {"field", "rule", "message"}
        if "401" in codes:
            body = operation["responses"]["401"]["content"]["application/json"]["schema"]
            assert resolve(body, spec)["title"] == "MessageOut"


def test_protected_endpoints_declare_the_bearer_scheme(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/me/gigs"]["post"]["security"] == [{"HTTPBearer": []}]
    conflict = spec["paths"]["/me/gigs/{gig_id}"]["patch"]["responses"]["409"]
    variants = conflict["content"]["application/json"]["schema"]["anyOf"]
    assert {resolve(v, spec)["title"] for v in variants} == {"StaleVersionOut", "TransitionOut"}
    body = spec["paths"]["/me/gigs"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert resolve(body, spec)["examples"][0]["packages"][0]["tier"] == "basic"


def test_the_docs_page_is_served(api: Api) -> None:
    response = api.client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()


@pytest.mark.parametrize(
    "model",
    [
        CredentialsIn,
        TokensOut,
        AccountOut,
        RegisteredOut,
        GigIn,
        GigPatch,
        PackageIn,
        OwnGigOut,
        GigPageOut,
        SellerIn,
        SellerPatch,
        PublicSellerOut,
        InvalidInputOut,
        StaleVersionOut,
        TransitionOut,
        ThrottledOut,
    ],
)
def test_the_documented_examples_are_valid(model: type[BaseModel]) -> None:
    extra = model.model_config.get("json_schema_extra")
    assert isinstance(extra, dict), model.__name__
    examples = extra.get("examples")
    assert isinstance(examples, list)
    assert examples, model.__name__
    for example in examples:
        model.model_validate(example)


def test_every_operation_has_a_summary_and_documents_its_errors(api: Api) -> None:
    """Beyond the table above: every endpoint of the app, present and future."""
    spec = api.client.get("/openapi.json").json()
    undocumented = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if not operation.get("summary"):
                undocumented.append((method, path, "summary"))
            if operation.get("security") and "401" not in codes:
                undocumented.append((method, path, "401"))
            if "422" in codes:
                body = operation["responses"]["422"].get("content", {}).get("application/json")
                if body is None or resolve(body["schema"], spec)["title"] != "InvalidInputOut":
                    undocumented.append((method, path, "422 shape"))
    assert undocumented == [], undocumented


def test_the_document_is_valid_openapi(api: Api) -> None:
    validate(api.client.get("/openapi.json").json())


Links = dict[tuple[str, str, str], dict[tuple[str, str], list[dict[str, str]]]]


def links_of(spec: dict[str, Any]) -> Links:
    """(method, path, status) → {(target method, target path): the parameters of each link}."""
    by_id = {
        operation["operationId"]: (method, path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    found: Links = {}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                for link in response.get("links", {}).values():
                    target = by_id[link["operationId"]]
                    targets = found.setdefault((method, path, status), {})
                    targets.setdefault(target, []).append(link["parameters"])
    return found


def test_every_link_names_an_operation_and_all_its_path_parameters(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    links = links_of(spec)
    assert sum(len(targets) for targets in links.values()) > 300
    for (method, path, status), targets in links.items():
        assert status.startswith("2"), (method, path, status)
        for (_target_method, target_path), variants in targets.items():
            params = {
                p["name"]
                for p in spec["paths"][target_path][_target_method]["parameters"]
                if p["in"] == "path"
            }
            for parameters in variants:
                assert {name.removeprefix("path.") for name in parameters} == params, target_path
                for expression in parameters.values():
                    assert expression.startswith(("$response.body#/", "$request.path.")), expression


@pytest.mark.parametrize(
    ("source", "target", "parameters"),
    [
        (
            ("post", "/me/gigs", "201"),
            ("patch", "/me/gigs/{gig_id}"),
            {"path.gig_id": "$response.body#/id"},
        ),
        (
            ("post", "/me/gigs", "201"),
            ("post", "/me/gigs/{gig_id}/pause"),
            {"path.gig_id": "$response.body#/id"},
        ),
        (
            ("post", "/me/gigs", "201"),
            ("post", "/me/gigs/{gig_id}/images"),
            {"path.gig_id": "$response.body#/id"},
        ),
        (
            ("post", "/me/gigs", "201"),
            ("get", "/gigs/{gig_id}"),
            {"path.gig_id": "$response.body#/id"},
        ),
        (
            ("get", "/me/gigs", "200"),
            ("delete", "/me/gigs/{gig_id}"),
            {"path.gig_id": "$response.body#/0/id"},
        ),
        (
            ("post", "/me/gigs/{gig_id}/images", "201"),
            ("delete", "/me/gigs/{gig_id}/images/{image_id}"),
            {"path.gig_id": "$request.path.gig_id", "path.image_id": "$response.body#/id"},
        ),
        (
            ("post", "/orders", "201"),
            ("get", "/orders/{order_id}"),
            {"path.order_id": "$response.body#/id"},
        ),
        (
            ("post", "/orders", "201"),
            ("post", "/orders/{order_id}/tips"),
            {"path.order_id": "$response.body#/id"},
        ),
        (
            ("post", "/orders/{order_id}/cancellation-requests", "201"),
            ("post", "/orders/{order_id}/cancellation-requests/{request_id}/accept"),
            {
                "path.order_id": "$response.body#/id",
                "path.request_id": "$response.body#/cancellation_requests/0/id",
            },
        ),
        (
            ("post", "/requests", "201"),
            ("post", "/me/requests/{request_id}/pause"),
            {"path.request_id": "$response.body#/id"},
        ),
        (
            ("get", "/me/requests/{request_id}/offers", "200"),
            ("post", "/me/requests/{request_id}/offers/{offer_id}/order"),
            {
                "path.request_id": "$response.body#/0/request_id",
                "path.offer_id": "$response.body#/0/id",
            },
        ),
        (
            ("post", "/sellers/{username}/quote-requests", "201"),
            ("post", "/quote-requests/{request_id}/offer"),
            {"path.request_id": "$response.body#/id"},
        ),
        (
            ("post", "/orders/{order_id}/conversation", "200"),
            ("post", "/conversations/{conversation_id}/messages"),
            {"path.conversation_id": "$response.body#/id"},
        ),
        (
            ("get", "/me/conversations", "200"),
            ("get", "/conversations/{conversation_id}"),
            {"path.conversation_id": "$response.body#/items/0/id"},
        ),
        (
            ("post", "/me/saved-searches", "201"),
            ("delete", "/me/saved-searches/{saved_search_id}"),
            {"path.saved_search_id": "$response.body#/id"},
        ),
        (
            ("get", "/search", "200"),
            ("put", "/me/favorites/{gig_id}"),
            {"path.gig_id": "$response.body#/results/0/id"},
        ),
        (
            ("get", "/gigs/{gig_id}", "200"),
            ("get", "/sellers/{username}"),
            {"path.username": "$response.body#/seller/username"},
        ),
        (
            ("post", "/orders", "201"),
            ("post", "/reviews/{review_id}/removal"),
            {"path.review_id": "$response.body#/reviews/0/id"},
        ),
        (
            ("get", "/me/notifications", "200"),
            ("post", "/me/notifications/{notification_id}/read"),
            {"path.notification_id": "$response.body#/items/0/id"},
        ),
        (
            ("get", "/support/requests", "200"),
            ("get", "/buyers/{user_id}"),
            {"path.user_id": "$response.body#/0/buyer_id"},
        ),
    ],
)
def test_links_reach_the_resources_an_operation_answers(
    api: Api, source: tuple[str, str, str], target: tuple[str, str], parameters: dict[str, str]
) -> None:
    spec = api.client.get("/openapi.json").json()
    assert parameters in links_of(spec)[source][target]


def test_no_link_takes_an_id_from_another_resource(api: Api) -> None:
    """An order's own path is no source for a tip's or a cancellation's id."""
    links = links_of(api.client.get("/openapi.json").json())
    tips = links[("post", "/orders/{order_id}/tips", "201")]
    assert ("post", "/orders/{order_id}/cancellation-requests/{request_id}/accept") in tips
    assert all(
        expression.startswith("$response.body#/")
        for variants in tips.values()
        for parameters in variants
        for expression in parameters.values()
    )
    quote = links[("post", "/quote-requests/{request_id}/offer/order", "200")]
    assert not any("cancellation-requests" in path for _, path in quote)
