"""Amounts as buyers type them in forms (dollars, "25" or "12,50") to integer cents."""

from __future__ import annotations

import re

from marketplace_core.errors import InvalidInput

_AMOUNT = re.compile(r"^\d{1,7}(?:[.,]\d{1,2})?$")


def cents_of(text: str, field: str) -> int | None:
    """None for an empty field; :class:`InvalidInput` naming ``field`` for anything but an
    amount."""
    text = text.strip().replace(" ", "").lstrip("$")
    if not text:
        return None
    if not _AMOUNT.match(text):
        raise InvalidInput.one(field, "amount.format", f"{field} must be an amount in dollars")
    whole, _, fraction = text.replace(",", ".").partition(".")
    return int(whole) * 100 + int((fraction + "00")[:2])


def dollars_of(cents: int | None) -> str:
    if cents is None:
        return ""
    return str(cents // 100) if cents % 100 == 0 else f"{cents // 100}.{cents % 100:02d}"
