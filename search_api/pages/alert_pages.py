"""A buyer's saved searches on the pages: « Sauvegarder cette recherche » on the results
pages (logged out, a login first, then back to the same page), and « Mes recherches », the
list with a way to delete each. Kept and dropped as the API does (``search_api.saved_searches``)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from facets.chips import active_filters
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from marketplace_core.accounts.service import Principal
from marketplace_core.alerts import service
from search_api import saved_searches
from search_api.deps import DbSession, RuntimeDep
from search_api.pages.forms import CSRF_CHECKED, Field, local_path
from search_api.pages.gig_pages import logged_in
from search_api.pages.render import (
    PageRoute,
    href,
    login_redirect,
    page_lang,
    page_viewer,
    pages_of,
)
from search_api.pages.urls import results_url

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Viewer = Annotated[Principal | None, Depends(page_viewer)]
SAVED = "/mes-recherches"


@router.post("/recherches-enregistrees", dependencies=CSRF_CHECKED)
def save(
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: Viewer,
    search: Field = "",
    next: Field = "",
) -> Response:
    """``search``: the results page's parameters; ``next``: the page itself."""
    if viewer is None:  # log in, then back to the same results
        return login_redirect(request, local_path(next))
    thesaurus = request.app.state.thesaurus.current
    row = saved_searches.save_search(session, runtime, thesaurus, viewer.user.id, search)
    return RedirectResponse(href(page_lang(request), SAVED, enregistree=row.id), status_code=303)


@router.get(SAVED)
def saved_page(
    request: Request,
    session: DbSession,
    viewer: Viewer,
    enregistree: int | None = None,
    supprimee: int | None = None,
) -> Response:
    buyer = logged_in(viewer)
    lang = page_lang(request)
    rows = service.saved_searches_of(session, buyer.user.id)
    pending = service.pending_counts(session, [r.id for r in rows])
    items: list[dict[str, Any]] = []
    for row in rows:
        params = parse_qsl(row.query)
        selection = parse_selection([*params, ("lang", lang)], TAXONOMY)
        items.append(
            {
                "id": row.id,
                "words": row.words,
                "filters": [c.label for c in active_filters(selection, params, TAXONOMY)],
                "href": results_url(
                    [*params, *([("lang", "en")] if lang == "en" else [])], TAXONOMY
                ),
                "new": pending.get(row.id, 0),
                "just_saved": row.id == enregistree,
            }
        )
    context = {"items": items, "saved": enregistree is not None, "deleted": supprimee is not None}
    return pages_of(request).render(request, "saved_searches.html", context)


@router.post(SAVED + "/{saved_search_id}/supprimer", dependencies=CSRF_CHECKED)
def delete(
    saved_search_id: int,
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: Viewer,
) -> Response:
    buyer = logged_in(viewer)
    row = service.own_saved_search(session, buyer.user.id, saved_search_id)
    saved_searches.drop_search(session, runtime, row)
    return RedirectResponse(href(page_lang(request), SAVED, supprimee=1), status_code=303)
