"""What the search insight tests share: searching, sending events, writing the buffers and
reading the reports, over HTTP."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from search_api.tracking import SearchTracking
from tests.integration.api.harness import Api


def tracking(api: Api) -> SearchTracking:
    found: SearchTracking = api.app.state.tracking
    return found


def search(
    api: Api,
    q: str | None = None,
    *,
    user: int | None = None,
    visitor: str | None = None,
    **params: Any,
) -> dict[str, Any]:
    headers = {"X-Visitor-Id": visitor} if visitor else {}
    query = ({"q": q} if q is not None else {}) | params
    response = api.call("GET", f"/search?{urlencode(query)}", user=user, headers=headers)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def send(
    api: Api, *events: dict[str, Any], user: int | None = None, visitor: str | None = None
) -> Any:
    headers = {"X-Visitor-Id": visitor} if visitor else {}
    return api.call(
        "POST", "/search/events", json={"events": list(events)}, user=user, headers=headers
    )


def click(page: dict[str, Any], position: int) -> dict[str, Any]:
    """The click on the gig at ``position`` (1 for the first) of a results page."""
    return {
        "search_id": page["search_id"],
        "type": "click",
        "gig_id": page["results"][position - 1]["id"],
        "position": position,
    }


def flush(api: Api) -> None:
    """What the process's periodic flush does, and a refresh so reports see it at once."""
    tracking(api).events.flush(refresh=True)


def report(api: Api, user: int, name: str, **params: Any) -> Any:
    response = api.call(
        "GET",
        f"/support/insights/{name}?{urlencode(params)}",
        user=user,
    )
    assert response.status_code == 200, response.text
    return response.json() if params.get("format") != "csv" else response


def by_query(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q.get("key", q.get("query")): q for q in body["queries"]}
