"""Alerts: a buyer's saved searches (``/me/saved-searches``: a daily digest at most of the
new gigs each one finds) and a seller's alert on new buyer requests
(``/me/request-alerts``). Both are matched by OpenSearch's percolator (``indexer.alerts``).

A saved search is kept and dropped as the pages do it (``search_api.saved_searches``); a
seller's alert likewise, its row first and its stored query second.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from facets.taxonomy import TAXONOMY
from indexer.alerts import delete_seller_alert, put_seller_alert
from marketplace_core.alerts import service
from marketplace_core.catalog.gigs import seller_of
from marketplace_core.catalog.models import Seller
from marketplace_core.errors import Forbidden
from search_api import saved_searches
from search_api.deps import CurrentUser, DbSession, RuntimeDep
from search_api.resources import OwnSavedSearch
from search_api.schemas.alerts import (
    RequestAlertIn,
    RequestAlertOut,
    SavedSearchIn,
    SavedSearchOut,
)
from search_api.schemas.errors import errors

router = APIRouter(tags=["alerts"])


@router.post(
    "/me/saved-searches",
    response_model=SavedSearchOut,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer une recherche",
    description="A results page (its words and filters) to hear about: when a gig it finds "
    "is published or active again, the buyer gets a notification, at most one digest a day "
    "per saved search. Each parameter is checked as on the page (422 naming "
    "`search.<parameter>`); 50 at most (409 `saved_search.limit`).",
    responses=errors(401, 409, 422),
)
def save_search(
    body: SavedSearchIn,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    request: Request,
) -> SavedSearchOut:
    return SavedSearchOut.of(
        saved_searches.save_search(
            session, runtime, request.app.state.thesaurus.current, principal.user.id, body.search
        )
    )


@router.get(
    "/me/saved-searches",
    response_model=list[SavedSearchOut],
    summary="Mes recherches enregistrées",
    description="Oldest first, each with the new gigs found since its last digest.",
    responses=errors(401),
)
def list_saved_searches(principal: CurrentUser, session: DbSession) -> list[SavedSearchOut]:
    rows = service.saved_searches_of(session, principal.user.id)
    pending = service.pending_counts(session, [r.id for r in rows])
    return [SavedSearchOut.of(r, pending.get(r.id, 0)) for r in rows]


@router.delete(
    "/me/saved-searches/{saved_search_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une recherche enregistrée",
    description="No more alerts from it. Someone else's is 404.",
    responses=errors(401, 404, 422),
)
def remove_saved_search(saved: OwnSavedSearch, session: DbSession, runtime: RuntimeDep) -> Response:
    saved_searches.drop_search(session, runtime, saved)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _seller(session: DbSession, principal: CurrentUser) -> Seller:
    seller = seller_of(session, principal.user.id)
    if seller is None:
        raise Forbidden("request alerts are for sellers: create your seller profile first")
    return seller


@router.put(
    "/me/request-alerts",
    response_model=RequestAlertOut,
    summary="M'alerter des nouvelles demandes de clients",
    description="Sellers only (403 otherwise): a notification for each new approved buyer "
    "request in the subcategory of one of the seller's active gigs, of at least "
    "`budget_min_cents` and giving at least `min_delivery_days` (each optional).",
    responses=errors(401, 403, 422),
)
def set_request_alert(
    body: RequestAlertIn, principal: CurrentUser, session: DbSession, runtime: RuntimeDep
) -> RequestAlertOut:
    seller = _seller(session, principal)
    row = service.set_seller_alert(
        session,
        seller.id,
        budget_min_cents=body.budget_min_cents,
        min_delivery_days=body.min_delivery_days,
        clock=runtime.clock,
    )
    put_seller_alert(
        runtime.search,
        runtime.names,
        TAXONOMY,
        seller_id=seller.id,
        budget_min_cents=row.budget_min_cents,
        min_delivery_days=row.min_delivery_days,
    )
    session.commit()
    return RequestAlertOut.of(row)


@router.get(
    "/me/request-alerts",
    response_model=RequestAlertOut,
    summary="Mon alerte sur les demandes de clients",
    description="404 when the seller has none.",
    responses=errors(401, 403, 404),
)
def get_request_alert(principal: CurrentUser, session: DbSession) -> RequestAlertOut:
    return RequestAlertOut.of(service.seller_alert(session, _seller(session, principal).id))


@router.delete(
    "/me/request-alerts",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Ne plus m'alerter des demandes de clients",
    responses=errors(401, 403, 404),
)
def remove_request_alert(
    principal: CurrentUser, session: DbSession, runtime: RuntimeDep
) -> Response:
    seller = _seller(session, principal)
    service.delete_seller_alert(session, seller.id)
    session.commit()
    delete_seller_alert(runtime.search, runtime.names, seller.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
