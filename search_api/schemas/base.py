"""Base models: request bodies refuse unknown fields, partial updates refuse nulls."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError


class RequestBody(BaseModel):
    """Unknown fields are an error (422 ``extra_forbidden``), never silently dropped: a
    client sending ``level`` or ``rating`` learns at once that it cannot set them."""

    model_config = ConfigDict(extra="forbid")


class PatchBody(RequestBody):
    """A partial update: a field left out keeps its value; ``null`` is refused (it would be
    ambiguous between "unchanged" and "cleared")."""

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError(
                "null_forbidden", "null is not allowed; leave the field out to keep its value"
            )
        return value
