"""Per-client rate limits on the search endpoints (``GET /search``, ``GET /autocomplete``).

A client is the signed-in user when the request carries a valid access token (its signature
checked, as the search tracking does: no database read), else the client's address. Each
endpoint has its own limit (``SEARCH_RATE_LIMIT``, ``AUTOCOMPLETE_RATE_LIMIT``, e.g.
``120/minute``; empty: none), counted over a sliding window by the ``limits`` library: in
Redis when a broker is configured, so every API process counts together, else in the
process. Past it the answer is 429 with ``Retry-After``.

Redis out of reach lets requests through (logged once per outage): searching never
depends on Redis.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any

from fastapi import Depends, Request
from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

from marketplace_core.config import Settings
from marketplace_core.errors import Throttled
from search_api.tracking import SearchTracking

log = logging.getLogger(__name__)

# A Redis that does not answer within this makes the check give way, not the search wait.
REDIS_TIMEOUT_SECONDS = 0.25


def parse_limit(name: str, value: str) -> RateLimitItem | None:
    """``120/minute``, ``10 per second``; empty: no limit."""
    if not value.strip():
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise ValueError(f"{name} must read like 120/minute, not {value!r}") from exc


def storage_uri(settings: Settings) -> str:
    broker = settings.celery_broker_url or ""
    if broker.startswith(("redis://", "rediss://", "unix://")):
        return f"async+{broker}"
    return "async+memory://"


class RateLimits:
    def __init__(self, rules: dict[str, RateLimitItem], uri: str) -> None:
        self.rules = rules
        self.uri = uri
        self._limiter: SlidingWindowCounterRateLimiter | None = None
        self._failing = False

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        rules = {
            name: rule
            for name, rule in (
                ("search", parse_limit("SEARCH_RATE_LIMIT", settings.search_rate_limit)),
                (
                    "autocomplete",
                    parse_limit("AUTOCOMPLETE_RATE_LIMIT", settings.autocomplete_rate_limit),
                ),
            )
            if rule is not None
        }
        return cls(rules, storage_uri(settings))

    def _limiter_here(self) -> SlidingWindowCounterRateLimiter:
        # Made on first use, in the loop that serves the requests (its connections are that
        # loop's); dropped by reset() when the app stops.
        if self._limiter is None:
            options: dict[str, Any] = {"wrap_exceptions": True}
            if "redis" in self.uri or "unix" in self.uri:
                options |= {
                    "implementation": "redispy",
                    "socket_timeout": REDIS_TIMEOUT_SECONDS,
                    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                }
            storage = storage_from_string(self.uri, **options)
            assert isinstance(storage, Storage)
            self._limiter = SlidingWindowCounterRateLimiter(storage)
        return self._limiter

    def reset(self) -> None:
        self._limiter = None

    async def check(self, endpoint: str, client: str) -> None:
        """Count one request of ``client`` to ``endpoint``; :class:`Throttled` past the limit."""
        rule = self.rules.get(endpoint)
        if rule is None:
            return
        limiter = self._limiter_here()
        try:
            if await limiter.hit(rule, endpoint, client):
                self._note_recovered()
                return
            stats = await limiter.get_window_stats(rule, endpoint, client)
        except StorageError:
            if not self._failing:
                log.warning("rate limits: the counters' store is out of reach; not limiting")
            self._failing = True
            return
        self._note_recovered()
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise Throttled(
            f"too many {endpoint} requests from this client (at most {rule}); "
            f"retry in {retry_after} s",
            retry_after,
        )

    def _note_recovered(self) -> None:
        if self._failing:
            log.warning("rate limits: the counters' store answers again")
        self._failing = False


def client_of(request: Request) -> str:
    """The signed-in user (pseudonymous), else the peer address (behind a proxy, uvicorn's
    ``--proxy-headers`` makes it the client's)."""
    tracking: SearchTracking = request.app.state.tracking
    user = tracking.signed_in_visitor(request.headers)
    if user is not None:
        return f"user:{user}"
    return f"address:{request.client.host if request.client else 'unknown'}"


def limited(endpoint: str) -> Any:
    """A route dependency counting the request against ``endpoint``'s limit."""

    async def count(request: Request) -> None:
        limits: RateLimits = request.app.state.rate_limits
        await limits.check(endpoint, client_of(request))

    return Depends(count)
