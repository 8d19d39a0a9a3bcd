"""The account, seller, gig and favorite endpoints are documented with their errors."""

from __future__ import annotations

from typing import Any

import pytest
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
