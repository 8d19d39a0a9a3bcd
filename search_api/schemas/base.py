"""Base models: request bodies refuse unknown fields, partial updates refuse nulls; answers
read what a service returned by the attributes of the same names."""

from __future__ import annotations

from typing import Any, Self

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


class ReadModel(BaseModel):
    """An answer made from what a service returned (a row, a view): each field is read from
    the attribute of the same name, nested answers too, but those given to :meth:`read`."""

    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def read(cls, source: object, **given: Any) -> Self:
        read = {
            name: getattr(source, name)
            for name in cls.model_fields
            if name not in given and hasattr(source, name)
        }
        return cls.model_validate(read | given)


def examples(*shown: dict[str, Any]) -> ConfigDict:
    """A model's examples, as the API documentation shows them."""
    return ConfigDict(json_schema_extra={"examples": list(shown)})
