"""Closed sets of values stored in the account tables."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Set by the ``microtache role`` command (or a test factory), never through the API."""

    USER = "user"  # buys and, with a seller profile, sells
    SUPPORT = "support"  # customer support: the few actions only support may take


class ThrottleScope(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"
