"""What the API records about searches: each page's search id, who (pseudonymously) made
it, and the events that follow. Nothing here waits on I/O: searches and events go to the
process's buffers (:class:`indexer.querylog.QueryLog`, :class:`indexer.events.EventLog`).

The visitor of a request is the HMAC of the user id when it carries a valid access token
(checked by its signature only: no database read on the search path), else of the client's
own random ``X-Visitor-Id``, else nobody (counted, but not as a distinct visitor).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial

from cachetools import LRUCache

from facets.selection import Selection
from indexer.events import EventLog
from indexer.querylog import QueryLog
from marketplace_core.accounts.tokens import TokenSigner, secret_key
from marketplace_core.clock import Clock
from marketplace_core.errors import FieldProblem, InvalidInput, Unauthorized
from marketplace_core.insights.gigs import gig_subcategories
from marketplace_core.insights.orders import order_events
from marketplace_core.insights.rules import (
    EventType,
    Pseudonyms,
    SearchEvent,
    SearchIds,
    derive_key,
    position_problem,
)
from microtache.runtime import Runtime

VISITOR_HEADER = "X-Visitor-Id"
TOKENS_KEPT = 10_000


def search_tracking(runtime: Runtime, searches: QueryLog, signer: TokenSigner) -> SearchTracking:
    """The process's tracking: its keys from the server secret, its event buffer (which
    also reads the orders placed from a search)."""
    secret = secret_key(runtime.settings)
    ids = SearchIds(derive_key(secret, "search-id"))
    pseudonyms = Pseudonyms(derive_key(secret, "visitor"))

    def orders(since: datetime) -> list[SearchEvent]:
        return order_events(runtime.sessions, since, pseudonyms)

    events = EventLog(
        runtime.search,
        runtime.names,
        clock=runtime.clock,
        searches=searches,
        ids=ids,
        orders=orders,
        subcategories=partial(gig_subcategories, runtime.sessions),
    )
    return SearchTracking(
        ids=ids,
        pseudonyms=pseudonyms,
        signer=signer,
        clock=runtime.clock,
        searches=searches,
        events=events,
        retention_days=runtime.settings.insights_retention_days,
    )


class SearchTracking:
    def __init__(
        self,
        *,
        ids: SearchIds,
        pseudonyms: Pseudonyms,
        signer: TokenSigner,
        clock: Clock,
        searches: QueryLog,
        events: EventLog,
        retention_days: int,
    ) -> None:
        self.ids = ids
        self.pseudonyms = pseudonyms
        self.events = events
        self._signer = signer
        self._clock = clock
        self._searches = searches
        self._retention = timedelta(days=retention_days)
        # Tokens already verified, with their visitor: a buyer's every search sends the same
        # token, and checking its signature costs more than the rest of the recording.
        self._tokens: LRUCache[str, tuple[datetime, str]] = LRUCache(maxsize=TOKENS_KEPT)
        self._tokens_lock = threading.Lock()

    def visitor(self, headers: Mapping[str, str]) -> str | None:
        found = self.signed_in_visitor(headers)
        if found is not None:
            return found
        return self.pseudonyms.of_client_id(headers.get(VISITOR_HEADER.lower()))

    def signed_in_visitor(self, headers: Mapping[str, str]) -> str | None:
        """The visitor of the request's valid access token, if it carries one."""
        authorization = headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and token:
            return self._user_visitor(token.strip())
        return None

    def _user_visitor(self, token: str) -> str | None:
        """The visitor of a valid access token; None for any other (an expired token still
        searches, anonymously)."""
        now = self._clock.now()
        with self._tokens_lock:
            known = self._tokens.get(token)
        if known is not None and now < known[0]:
            return known[1]
        try:
            claims = self._signer.read_access_token(token, now)
        except Unauthorized:
            return None
        visitor = self.pseudonyms.of_user(claims.user_id)
        with self._tokens_lock:
            self._tokens[token] = (claims.expires_at, visitor)
        return visitor

    def record_search(self, headers: Mapping[str, str], selection: Selection, results: int) -> str:
        """Buffer the page's search; its search id, for the response."""
        search_id = self.ids.mint(self._clock.now())
        self._searches.record(
            selection.q,
            category=selection.category,
            subcategory=selection.subcategory,
            results=results,
            search_id=search_id,
            visitor=self.visitor(headers),
        )
        return search_id

    def check_search_id(self, value: str, field: str) -> str:
        """``value`` if it is a live search id of the engine, else :class:`InvalidInput`."""
        problem = self.ids.problem(
            value, now=self._clock.now(), retention=self._retention, field=field
        )
        if problem is not None:
            raise InvalidInput([problem])
        return value

    def record_events(
        self,
        headers: Mapping[str, str],
        events: Sequence[tuple[str, EventType, int, int | None]],
    ) -> int:
        """Check every event (search id, kind, gig, position), then buffer them all; any bad
        one refuses the request and records nothing."""
        now = self._clock.now()
        visitor = self.visitor(headers)
        checked = []
        problems: list[FieldProblem] = []
        for i, (search_id, event_type, gig_id, position) in enumerate(events):
            for problem in (
                self.ids.problem(
                    search_id, now=now, retention=self._retention, field=f"events.{i}.search_id"
                ),
                position_problem(event_type, position, f"events.{i}.position"),
            ):
                if problem is not None:
                    problems.append(problem)
            checked.append(SearchEvent(search_id, event_type, gig_id, position, visitor, now))
        if problems:
            raise InvalidInput(problems)
        self.events.record(checked)
        return len(checked)
