"""Bounds of request fields as JSON Schema, from the constants the rules use.

``documented``: the OpenAPI document states the bound (``minimum``, ``maximum``,
``maxLength``, ``maxItems``…) so a client generated from it sends what the API accepts, while
the rules themselves refuse what is out of it, each with its own rule id
(``package.price_min``…). ``text``: a text's length, which the rules count after trimming; a
required one must hold a character that is not a space. ``ID``: an id, refused before it
reaches the database past what the database stores.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field
from pydantic.config import JsonDict

from facets.common import MAX_PRICE_CENTS, MIN_PRICE_CENTS
from search_api.deps import MAX_ID

ID = Annotated[int, Field(ge=1, le=MAX_ID)]
NOT_BLANK = r"\S"  # a character that is not a space, anywhere


def documented(
    minimum: int | None = None,
    maximum: int | None = None,
    *,
    min_items: int | None = None,
    max_items: int | None = None,
    **field: Any,
) -> Any:
    keywords = (
        ("minimum", minimum),
        ("maximum", maximum),
        ("minItems", min_items),
        ("maxItems", max_items),
    )
    bounds: JsonDict = {k: v for k, v in keywords if v is not None}
    return Field(json_schema_extra=bounds, **field)


def chars(
    max_length: int,
    min_length: int = 0,
    *,
    trimmed: bool = True,
    pattern: str | None = None,
    **field: Any,
) -> Any:
    """``trimmed``: the rule counts the text without its surrounding spaces."""
    bounds: JsonDict = {"maxLength": max_length}
    if min_length:
        bounds["minLength"] = min_length
    if pattern is not None:
        bounds["pattern"] = pattern
    elif min_length and trimmed:
        bounds["pattern"] = NOT_BLANK
    return Field(json_schema_extra=bounds, **field)


def price(**field: Any) -> Any:
    return documented(MIN_PRICE_CENTS, MAX_PRICE_CENTS, **field)
