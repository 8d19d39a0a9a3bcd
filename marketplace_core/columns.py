"""Column helpers shared by the order, ledger, dispute, review and tip tables."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


def string_enum(cls: type[StrEnum], name: str, length: int = 32) -> Enum:
    """Stored as the value, checked by a constraint, portable across backends."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda e: [m.value for m in e],
    )
