"""OpenAPI links (https://spec.openapis.org/oas/v3.1.0#link-object) from each operation that
answers a resource to the operations that take its id, derived from the document itself so
that a new route is linked without touching this module.

A resource's *home* is a path ``…/{param}`` whose operations take its id:

- ``GET P/{x}`` answering model M makes M's key (``id``, or the property named ``x``, as
  ``username``) the value of ``x`` for every operation under ``P/{x}``;
- an operation at ``P`` answering M or a list of M (creating or listing it) does the same
  for the operations under ``P/{x}``, unless M already has a home above ``P`` (``POST
  /orders/{order_id}/tips`` answers the order, not a tip);
- an array property of M's items (``cancellation_requests``) is the home under M's own
  (``…/cancellation-requests/{request_id}``), the parent's id taken from M.

Every operation answering M (at the top of its body, in a list, or one property down) then
links to every operation under M's homes whose path parameters are all known: from the body,
or from its own path (``$request.path.gig_id``). A property named as the one home's
parameter (``order_id``) links to that home too. What the names cannot tell (the same gig
under two models, a seller's username, a buyer's id) is in the tables below.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI

Spec = dict[str, Any]

PARAM = re.compile(r"\{([^}]+)\}")
METHODS = frozenset({"get", "put", "post", "patch", "delete"})
# Models standing for another's resource, with the same key: their key reaches its homes.
SAME_RESOURCE = {
    "OwnGigOut": "GigPageOut",
    "GigCardOut": "GigPageOut",
    "GigResult": "GigPageOut",
    "OfferGigOut": "GigPageOut",
    "OwnSellerOut": "PublicSellerOut",
    "SellerSummaryOut": "PublicSellerOut",
    "QuoteSellerOut": "PublicSellerOut",
    "OfferSellerOut": "PublicSellerOut",
    "ConversationSummaryOut": "ConversationOut",
    "BuyerReviewOut": "ReviewOut",
}
# Homes no answer at their parent names: a favorite is put by the gig's id, a review is
# reported by its own.
HOMES = {
    "GigPageOut": ("/me/favorites/{gig_id}",),
    "ReviewOut": ("/reviews/{review_id}",),
}
# Properties naming another resource under another name, or a name several resources share.
REFERENCES = {
    ("OrderOut", "seller_username"): "PublicSellerOut",
    ("AccountOut", "seller_username"): "PublicSellerOut",
    ("GigCardOut", "seller_username"): "PublicSellerOut",
    ("SupportRequestOut", "buyer_id"): "BuyerProfileOut",
    ("SentOfferOut", "request_id"): "SellerRequestOut",
    ("BuyerOfferOut", "request_id"): "BuyerRequestOut",
}


@dataclass(frozen=True)
class Home:
    prefix: str  # the path up to and with the id's parameter: /me/gigs/{gig_id}
    param: str
    key: str  # the model's property holding the id
    # A nested home's parent: (its parameter, the parent model's key), taken from the body.
    parent: tuple[str, str] | None = None


def install_links(app: FastAPI) -> None:
    """The app's document, built once as FastAPI builds it, then linked."""
    build: Callable[[], Spec] = app.openapi

    def openapi() -> Spec:
        if app.openapi_schema is None:
            add_links(build())
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def add_links(spec: Spec) -> None:
    schemas: dict[str, Spec] = spec.get("components", {}).get("schemas", {})
    operations = [
        (path, method, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]
    homes = _homes(operations, schemas)
    # The resources each parameter names, an alias counted as its resource.
    named: dict[str, set[str]] = defaultdict(set)
    for model, found in homes.items():
        for home in found:
            named[home.param].add(SAME_RESOURCE.get(model, model))
    for path, _method, operation in operations:
        own = set(PARAM.findall(path))
        for status, response in operation.get("responses", {}).items():
            schema = _json_schema(response)
            if not status.startswith("2") or schema is None:
                continue
            links: dict[str, Spec] = {}
            for model, pointer in _answered(schema, schemas):
                properties = schemas[model].get("properties", {})
                for home in homes.get(model, ()):
                    # The home's parents: from the body, else from this operation's path.
                    values = {
                        name: f"$response.body#{pointer}/{name}"
                        if name in properties
                        else f"$request.path.{name}"
                        for name in PARAM.findall(home.prefix)
                        if name in properties or name in own
                    }
                    values[home.param] = f"$response.body#{pointer}/{home.key}"
                    if home.parent is not None:
                        parent_param, parent_key = home.parent
                        parent_pointer = pointer.rsplit("/", 2)[0]
                        values[parent_param] = f"$response.body#{parent_pointer}/{parent_key}"
                    _link(links, operations, home.prefix, values)
                for name in properties:
                    target = REFERENCES.get((model, name))
                    if target is None and name != "id" and len(named.get(name, ())) == 1:
                        (target,) = named[name]
                    for home in homes.get(target or "", ()):
                        if home.parent is None and (
                            home.param == name or (model, name) in REFERENCES
                        ):
                            values = {home.param: f"$response.body#{pointer}/{name}"}
                            _link(links, operations, home.prefix, values)
            if links:
                response["links"] = links


def _homes(
    operations: list[tuple[str, str, Spec]], schemas: dict[str, Spec]
) -> dict[str, list[Home]]:
    paths = {path for path, _, _ in operations}
    homes: dict[str, list[Home]] = defaultdict(list)

    def add(model: str, home: Home) -> None:
        if home not in homes[model]:
            homes[model].append(home)

    for path, method, operation in operations:
        last = path.rsplit("/", 1)[1]
        if method != "get" or not PARAM.fullmatch(last):
            continue
        for status, response in operation["responses"].items():
            schema = _json_schema(response)
            model = _ref(schema) if status.startswith("2") and schema else None
            if model is None:
                continue
            properties = schemas[model].get("properties", {})
            param = last[1:-1]
            key = "id" if "id" in properties else param if param in properties else None
            if key is not None:
                add(model, Home(path, param, key))
    for path, _method, operation in operations:
        for status, response in operation["responses"].items():
            schema = _json_schema(response)
            if not status.startswith("2") or schema is None:
                continue
            model = _item(schema, schemas)
            if model is None or any(path.startswith(h.prefix) for h in homes.get(model, ())):
                continue
            for item in _children(paths, path):
                add(model, Home(item, item.rsplit("{", 1)[1][:-1], "id"))
    for alias, model in SAME_RESOURCE.items():
        properties = schemas.get(alias, {}).get("properties", {})
        for home in list(homes.get(model, ())):
            if home.key in properties:
                add(alias, home)
    for model, prefixes in HOMES.items():
        for prefix in prefixes:
            for alias in (model, *(a for a, m in SAME_RESOURCE.items() if m == model)):
                if "id" in schemas.get(alias, {}).get("properties", {}):
                    add(alias, Home(prefix, prefix.rsplit("{", 1)[1][:-1], "id"))
    for model, found in list(homes.items()):
        for home in list(found):
            if home.parent is not None:
                continue
            for name, prop in schemas[model].get("properties", {}).items():
                nested_model = _ref(prop.get("items", {})) if prop.get("type") == "array" else None
                if nested_model is None or "id" not in schemas[nested_model].get("properties", {}):
                    continue
                for nested in _children(paths, f"{home.prefix}/{name.replace('_', '-')}"):
                    param = nested.rsplit("{", 1)[1][:-1]
                    add(nested_model, Home(nested, param, "id", parent=(home.param, home.key)))
    return homes


def _children(paths: set[str], path: str) -> set[str]:
    """The item paths ``path/{x}`` under which some operation lives."""
    found = set()
    for other in paths:
        if other.startswith(path + "/{"):
            found.add(f"{path}/{other[len(path) + 1 :].split('/', 1)[0]}")
    return found


def _link(
    links: dict[str, Spec],
    operations: list[tuple[str, str, Spec]],
    prefix: str,
    values: dict[str, str],
) -> None:
    for path, _method, operation in operations:
        if path != prefix and not path.startswith(prefix + "/"):
            continue
        params = PARAM.findall(path)
        if not all(name in values for name in params):
            continue
        name = operation["operationId"]
        link = {
            "operationId": name,
            "parameters": {f"path.{p}": values[p] for p in params},
        }
        if link in links.values():
            continue
        suffix = 2
        while name in links:
            name, suffix = f"{operation['operationId']}_{suffix}", suffix + 1
        links[name] = link


def _answered(schema: Spec, schemas: dict[str, Spec]) -> Iterator[tuple[str, str]]:
    """The models a body holds with their JSON pointers: at the top, the first of a list,
    and one property down."""
    top = _ref(schema)
    pointer = ""
    if top is None and schema.get("type") == "array":
        top, pointer = _ref(schema.get("items", {})), "/0"
    if top is None:
        return
    yield top, pointer
    for name, prop in schemas[top].get("properties", {}).items():
        nested = _ref(prop)
        if nested is not None:
            yield nested, f"{pointer}/{name}"
        elif prop.get("type") == "array" and (item := _ref(prop.get("items", {}))):
            yield item, f"{pointer}/{name}/0"


def _item(schema: Spec, schemas: dict[str, Spec]) -> str | None:
    """The model with an id a body answers: itself, the items of a list, or the items of the
    one list property of a page (``{"items": [...], "total": 3}``)."""
    model = _ref(schema) or _ref(schema.get("items", {}))
    if model is None:
        return None
    properties = schemas[model].get("properties", {})
    if "id" in properties:
        return model
    lists = [_ref(p.get("items", {})) for p in properties.values() if p.get("type") == "array"]
    if len(lists) == 1 and lists[0] and "id" in schemas[lists[0]].get("properties", {}):
        return lists[0]
    return None


def _ref(schema: Spec) -> str | None:
    """The component a schema names, itself or as the one non-null choice of ``anyOf``."""
    ref = schema.get("$ref")
    if ref is None:
        choices = [s for s in schema.get("anyOf", ()) if s.get("type") != "null"]
        ref = choices[0].get("$ref") if len(choices) == 1 else None
    return str(ref).rsplit("/", 1)[1] if ref else None


def _json_schema(response: Spec) -> Spec | None:
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return schema if isinstance(schema, dict) else None
