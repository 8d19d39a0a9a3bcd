"""Alerts as pure rules: which part of a results page a saved search keeps, when a digest
is due, what a seller's own filters may be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from facets.errors import InvalidSelection
from facets.model import Taxonomy
from facets.selection import COMMON_FILTERS, PAGING, Selection, parse_selection
from marketplace_core.errors import FieldProblem, InvalidInput

DIGEST_EVERY = timedelta(days=1)  # at most one digest per saved search per day
MAX_SAVED_SEARCHES = 50  # per buyer
MAX_QUERY_STRING = 2000
MAX_BUDGET_FLOOR_CENTS = 10_000_000
MAX_DELIVERY_FLOOR_DAYS = 30  # a buyer request is delivered within 1–30 days
# Not a property of a new gig: whether its seller is online when it is published.
LEFT_OUT = frozenset({*PAGING, "online"})


@dataclass(frozen=True)
class SavedQuery:
    query: str  # canonical query string, as the results page's
    selection: Selection


def saved_query(query_string: str, taxonomy: Taxonomy) -> SavedQuery:
    """A results page's query string as a saved search: its words and filters, checked as
    the page checks them (422 naming the parameter), without paging, order, language nor
    the online filter; at least words or one filter."""
    if len(query_string) > MAX_QUERY_STRING:
        raise InvalidInput.one(
            "search", "search.too_long", f"search is limited to {MAX_QUERY_STRING} characters"
        )
    params = [(k, v) for k, v in parse_qsl(query_string.lstrip("?")) if k not in LEFT_OUT and v]
    try:
        selection = parse_selection(params, taxonomy)
    except InvalidSelection as exc:
        raise InvalidInput(
            [FieldProblem(f"search.{p.field}", p.rule, p.message) for p in exc.problems]
        ) from exc
    if not selection.q and not any(
        k in COMMON_FILTERS or k in selection.attributes for k, _ in params
    ):
        raise InvalidInput.one(
            "search", "search.empty", "a saved search needs words or at least one filter"
        )
    return SavedQuery(urlencode(sorted(params)), selection)


def digest_due(last_digest_at: datetime | None, now: datetime) -> bool:
    return last_digest_at is None or now - last_digest_at >= DIGEST_EVERY


def check_seller_filters(budget_min_cents: int | None, min_delivery_days: int | None) -> None:
    problems: list[FieldProblem] = []
    if budget_min_cents is not None and not 0 <= budget_min_cents <= MAX_BUDGET_FLOOR_CENTS:
        problems.append(
            FieldProblem(
                "budget_min_cents",
                "budget_min_cents.range",
                f"budget_min_cents must be between 0 and {MAX_BUDGET_FLOOR_CENTS}",
            )
        )
    if min_delivery_days is not None and not 1 <= min_delivery_days <= MAX_DELIVERY_FLOOR_DAYS:
        problems.append(
            FieldProblem(
                "min_delivery_days",
                "min_delivery_days.range",
                f"min_delivery_days must be between 1 and {MAX_DELIVERY_FLOOR_DAYS}",
            )
        )
    if problems:
        raise InvalidInput(problems)
