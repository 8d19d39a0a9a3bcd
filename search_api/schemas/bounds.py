"""Bounds of request fields as JSON Schema, from the constants the rules use.

``documented``: the OpenAPI document states the bound (``minimum``, ``maximum``) so a client
generated from it sends what the API accepts, while the rules themselves refuse what is out
of it, each with its own rule id (``package.price_min``…). ``ID``: an id, refused before it
reaches the database past what the database stores.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field
from pydantic.config import JsonDict

from facets.common import MAX_PRICE_CENTS, MIN_PRICE_CENTS
from search_api.deps import MAX_ID

ID = Annotated[int, Field(ge=1, le=MAX_ID)]


def documented(minimum: int | None = None, maximum: int | None = None, **field: Any) -> Any:
    bounds: JsonDict = {
        k: v for k, v in (("minimum", minimum), ("maximum", maximum)) if v is not None
    }
    return Field(json_schema_extra=bounds, **field)


def price(**field: Any) -> Any:
    return documented(MIN_PRICE_CENTS, MAX_PRICE_CENTS, **field)
