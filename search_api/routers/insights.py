"""``/support/insights/…``: what buyers search and what they do with the results, for customer
support and operators. Every report covers whole UTC days (``from``, ``to``; the last 30 by
default), may keep to one category, and downloads as CSV with ``format=csv``;
``microtache insights`` prints the same."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from facets.taxonomy import TAXONOMY
from indexer.insights import Scope, no_click_searches, overview, top_searches, zero_result_searches
from marketplace_core.errors import InvalidInput
from marketplace_core.insights.reports import (
    Row,
    Window,
    ZeroResultRow,
    report_window,
    table,
    to_csv,
)
from marketplace_core.thesaurus.service import LiveThesaurus
from search_api.deps import RuntimeDep, SupportUser
from search_api.schemas.errors import errors
from search_api.schemas.insights import (
    OverviewOut,
    QueriesOut,
    RowOut,
    WindowOut,
    ZeroResultOut,
    ZeroResultsOut,
)

router = APIRouter(tags=["insights"])

From = Annotated[date | None, Query(alias="from", description="first day (UTC), YYYY-MM-DD")]
To = Annotated[
    date | None, Query(alias="to", description="last day (UTC), included; today by default")
]
Category = Annotated[str | None, Query(description="only searches in this category (slug)")]
Format = Annotated[Literal["json", "csv"], Query(description="csv: a file to download")]
Limit = Annotated[int, Query(ge=1, le=500, description="rows, at most")]
CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "the report, as JSON or CSV"}
}


def report_scope(
    _support: SupportUser,
    runtime: RuntimeDep,
    first: From = None,
    last: To = None,
    category: Category = None,
) -> Scope:
    """The days and category a report covers; customer support only."""
    if category is not None and TAXONOMY.category(category) is None:
        raise InvalidInput.one("category", "category.unknown", f"unknown category {category!r}")
    today = runtime.clock.now().date()
    return Scope(report_window(first, last, today=today), category)


ReportScope = Annotated[Scope, Depends(report_scope)]


def _window(scope: Scope) -> WindowOut:
    return WindowOut(
        from_=scope.window.first.isoformat(),
        to=scope.window.last.isoformat(),
        category=scope.category,
    )


def _csv(name: str, window: Window, found: list[Row] | list[ZeroResultRow], first: str) -> Response:
    headers, cells = table(found, first=first)
    filename = f"microtache-{name}-{window.first.isoformat()}-{window.last.isoformat()}.csv"
    return Response(
        to_csv(headers or [first], cells),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _queries(name: str, scope: Scope, found: list[Row], format: str) -> Response | QueriesOut:
    if format == "csv":
        return _csv(name, scope.window, found, "query")
    return QueriesOut(window=_window(scope), queries=[RowOut.of(r) for r in found])


@router.get(
    "/support/insights/overview",
    response_model=OverviewOut,
    summary="Vue d'ensemble des recherches",
    description="Customer support only: the window's searches, zero-result searches, click "
    "rate, mean click position and conversion to orders, overall and per day or week.",
    responses=errors(401, 403, 422) | CSV,
)
def insights_overview(
    scope: ReportScope,
    runtime: RuntimeDep,
    interval: Annotated[Literal["day", "week"], Query(description="day or week")] = "day",
    format: Format = "json",
) -> Any:
    found = overview(runtime.search, runtime.names, scope, interval)
    if format == "csv":
        return _csv(f"overview-{interval}", scope.window, [found.total, *found.periods], "period")
    return OverviewOut(
        window=_window(scope),
        interval=interval,
        total=RowOut.of(found.total),
        periods=[RowOut.of(p) for p in found.periods],
    )


@router.get(
    "/support/insights/top-searches",
    response_model=QueriesOut,
    summary="Recherches les plus fréquentes",
    description="Customer support only: the most searched queries, each with its "
    "zero-result searches, clicks, click rate, mean click position and conversion.",
    responses=errors(401, 403, 422) | CSV,
)
def insights_top_searches(
    scope: ReportScope,
    runtime: RuntimeDep,
    limit: Limit = 50,
    format: Format = "json",
) -> Any:
    found = top_searches(runtime.search, runtime.names, scope, limit)
    return _queries("top-searches", scope, found, format)


@router.get(
    "/support/insights/no-clicks",
    response_model=QueriesOut,
    summary="Recherches sans clic",
    description="Customer support only: queries whose pages showed gigs nobody clicked, "
    "most such searches first.",
    responses=errors(401, 403, 422) | CSV,
)
def insights_no_clicks(
    scope: ReportScope,
    runtime: RuntimeDep,
    limit: Limit = 50,
    format: Format = "json",
) -> Any:
    found = no_click_searches(runtime.search, runtime.names, scope, limit)
    return _queries("no-clicks", scope, found, format)


@router.get(
    "/support/insights/zero-results",
    response_model=ZeroResultsOut,
    summary="Recherches sans résultat",
    description="Customer support only: queries that found nothing in the window and still "
    "find nothing now (searched again as buyers search, with the current thesaurus: a "
    "synonym that fixes one takes it off the list), most searched first, each with the "
    "`POST /support/thesaurus` that would add a synonym for it.",
    responses=errors(401, 403, 422) | CSV,
)
def insights_zero_results(
    scope: ReportScope,
    runtime: RuntimeDep,
    request: Request,
    limit: Limit = 50,
    format: Format = "json",
) -> Any:
    live: LiveThesaurus = request.app.state.thesaurus
    found = zero_result_searches(
        runtime.search, runtime.names, scope, limit, thesaurus=live.current
    )
    if format == "csv":
        return _csv("zero-results", scope.window, found, "query")
    return ZeroResultsOut(window=_window(scope), queries=[ZeroResultOut.of(r) for r in found])
