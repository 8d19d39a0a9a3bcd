"""The reports' arithmetic and their tables (text and CSV). Pure, no I/O.

A **search** is a results page the API answered for words (browse pages without words are
kept apart); it **found nothing** with 0 results. Rates are over the searches that found
something, which alone can be clicked: the click rate is the share of them with at least one
click, the conversion rate the share with at least one order. The mean click position is over
every click (1 for the first result).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from urllib.parse import urlencode

from marketplace_core.errors import InvalidInput
from marketplace_core.thesaurus.rules import validate_rule

DEFAULT_DAYS = 30
MAX_DAYS = 366
Interval = Literal["day", "week"]


@dataclass(frozen=True)
class Window:
    """Whole UTC days, ``first`` to ``last`` included."""

    first: date
    last: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), UTC)

    @property
    def end(self) -> datetime:
        """Exclusive."""
        return datetime.combine(self.last + timedelta(days=1), time(), UTC)


def report_window(first: date | None, last: date | None, *, today: date) -> Window:
    """The days a report covers: by default the last 30 days, today included."""
    last = last or today
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise InvalidInput.one("from", "insights.from_after_to", "from must not be after to")
    if (last - first).days >= MAX_DAYS:
        raise InvalidInput.one(
            "from", "insights.window_too_long", f"a report covers at most {MAX_DAYS} days"
        )
    return Window(first, last)


@dataclass(frozen=True)
class SearchCounts:
    """From the search log, for one query, one day or the whole window."""

    searches: int = 0
    zero_results: int = 0
    visitors: int = 0


@dataclass(frozen=True)
class Outcomes:
    """From the events of the same searches."""

    clicks: int = 0
    clicked_searches: int = 0
    position_sum: float = 0.0
    ordered_searches: int = 0
    favorites: int = 0
    quote_requests: int = 0


@dataclass(frozen=True)
class Row:
    key: str  # the query, the first day of the period, or "total"
    searches: int
    zero_results: int
    with_results: int
    clicked_searches: int
    no_click_searches: int
    clicks: int
    click_rate: float | None
    mean_click_position: float | None
    ordered_searches: int
    conversion_rate: float | None
    favorites: int
    quote_requests: int
    visitors: int


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def row(key: str, counts: SearchCounts, outcomes: Outcomes) -> Row:
    with_results = counts.searches - counts.zero_results
    # An event can only follow a page that showed gigs; a forged one cannot exceed them.
    clicked = min(outcomes.clicked_searches, with_results)
    ordered = min(outcomes.ordered_searches, with_results)
    return Row(
        key=key,
        searches=counts.searches,
        zero_results=counts.zero_results,
        with_results=with_results,
        clicked_searches=clicked,
        no_click_searches=with_results - clicked,
        clicks=outcomes.clicks,
        click_rate=rate(clicked, with_results),
        mean_click_position=(
            round(outcomes.position_sum / outcomes.clicks, 2) if outcomes.clicks else None
        ),
        ordered_searches=ordered,
        conversion_rate=rate(ordered, with_results),
        favorites=outcomes.favorites,
        quote_requests=outcomes.quote_requests,
        visitors=counts.visitors,
    )


def rows(
    counts: Mapping[str, SearchCounts], outcomes: Mapping[str, Outcomes], keys: Sequence[str]
) -> list[Row]:
    return [row(k, counts.get(k, SearchCounts()), outcomes.get(k, Outcomes())) for k in keys]


def without_clicks(found: Sequence[Row], limit: int) -> list[Row]:
    """Queries whose pages showed gigs nobody clicked, most such searches first."""
    kept = [r for r in found if r.no_click_searches]
    kept.sort(key=lambda r: (-r.no_click_searches, -r.with_results, r.key))
    return kept[:limit]


# -- zero results and the thesaurus -------------------------------------------------------


@dataclass(frozen=True)
class ZeroResultRow:
    query: str
    searches: int  # searches of it that found nothing
    last_searched_at: datetime | None
    add_synonym: dict[str, Any] | None  # the thesaurus request that would fix it, to complete


THESAURUS_PATH = "/support/thesaurus"


def synonym_request(term: str, targets: Sequence[str] = ()) -> dict[str, Any] | None:
    """The ``POST /support/thesaurus`` that expands ``term`` to phrasings gigs use: prefilled
    with ``targets`` (corrections and the likely subcategory, which do find gigs) that a
    rule may hold; None when ``term`` cannot be a thesaurus phrase."""
    try:
        validate_rule("fr", "expansion", [term], [])
    except InvalidInput as exc:  # targets are missing, of course; is the term a phrase?
        if any(p.field.startswith("terms") for p in exc.problems):
            return None
    kept: list[str] = []
    for target in targets:
        try:
            validate_rule("fr", "expansion", [term], [*kept, target])
        except InvalidInput:
            continue
        kept.append(target)
    return {
        "method": "POST",
        "path": THESAURUS_PATH,
        "body": {"lang": "fr", "kind": "expansion", "terms": [term], "targets": kept},
        "check": f"{THESAURUS_PATH}/expand?{urlencode({'q': term})}",
    }


# -- tables -------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        body = value.get("body", {})
        return ", ".join(body.get("targets", [])) or "(targets to choose)"
    return str(value)


Table = tuple[list[str], list[list[str]]]


def table(found: Sequence[Row] | Sequence[ZeroResultRow], *, first: str = "key") -> Table:
    """Headers and cells of rows, ``key`` named ``first`` (``query``, ``period``)."""
    if not found:
        return [], []
    names = [f.name for f in fields(found[0])]
    headers = [first if n == "key" else n for n in names]
    return headers, [[_cell(getattr(r, n)) for n in names] for r in found]


def to_csv(headers: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(cells)
    return out.getvalue()


def to_text(headers: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    if not headers:
        return "(nothing in this window)\n"
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    # Numbers right-aligned, text left.
    right = [
        all(c[i].replace(".", "", 1).isdigit() or not c[i] for c in cells)
        for i in range(len(headers))
    ]
    lines = [
        "  ".join(
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(line, widths, right, strict=True)
        ).rstrip()
        for line in [headers, *cells]
    ]
    return "\n".join(lines) + "\n"
