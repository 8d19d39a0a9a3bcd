"""Saved searches, the gigs that matched them and their daily digests; sellers' alerts on
buyer requests and their notifications."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from facets.model import Taxonomy
from marketplace_core.alerts.models import (
    RequestAlertScan,
    SavedSearch,
    SavedSearchMatch,
    SellerRequestAlert,
)
from marketplace_core.alerts.rules import (
    DIGEST_EVERY,
    MAX_SAVED_SEARCHES,
    SavedQuery,
    check_seller_filters,
    digest_due,
    saved_query,
)
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.clock import Clock
from marketplace_core.errors import NotFound, Refused
from marketplace_core.notifications.messages import Message, dollars
from marketplace_core.notifications.service import notify
from marketplace_core.persistence import hold_name
from marketplace_core.requests.models import BuyerRequest
from marketplace_core.requests.rules import RequestStatus

# A request approved longer ago than this when the alerts first see it is not news.
FRESH_REQUEST = timedelta(days=1)
SCAN_BATCH = 200


# -- saved searches ----------------------------------------------------------------------------
def save_search(
    session: Session, user_id: int, query_string: str, *, taxonomy: Taxonomy, clock: Clock
) -> tuple[SavedSearch, SavedQuery]:
    saved = saved_query(query_string, taxonomy)
    hold_query(session, saved.query)
    count = session.scalar(
        select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user_id)
    )
    if (count or 0) >= MAX_SAVED_SEARCHES:
        raise Refused(
            "saved_search.limit", f"at most {MAX_SAVED_SEARCHES} saved searches; delete one first"
        )
    row = SavedSearch(
        user_id=user_id,
        query=saved.query,
        words=saved.selection.q,
        created_at=clock.now(),
        last_digest_at=None,
    )
    session.add(row)
    session.flush()
    return row, saved


def saved_searches_of(session: Session, user_id: int) -> list[SavedSearch]:
    return list(
        session.scalars(
            select(SavedSearch).where(SavedSearch.user_id == user_id).order_by(SavedSearch.id)
        )
    )


def own_saved_search(session: Session, user_id: int, saved_search_id: int) -> SavedSearch:
    """Someone else's is :class:`NotFound`, as a missing one."""
    row = session.get(SavedSearch, saved_search_id)
    if row is None or row.user_id != user_id:
        raise NotFound("saved search", saved_search_id)
    return row


def hold_query(session: Session, query: str) -> None:
    """Buyers saving one search share its stored query: saving and deleting it take turns
    until commit, so a delete never drops the stored query of a save in flight."""
    hold_name(session, f"saved-search:{query}")


def delete_saved_search(session: Session, row: SavedSearch) -> None:
    """Its matches go with it."""
    hold_query(session, row.query)
    session.delete(row)
    session.flush()


def pending_counts(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """Matches not told yet, per saved search."""
    if not ids:
        return {}
    rows = session.execute(
        select(SavedSearchMatch.saved_search_id, func.count())
        .where(SavedSearchMatch.saved_search_id.in_(ids), SavedSearchMatch.notified_at.is_(None))
        .group_by(SavedSearchMatch.saved_search_id)
    )
    return {int(k): int(n) for k, n in rows}


def record_matches(session: Session, pairs: Sequence[tuple[int, int]], now: datetime) -> int:
    """(saved search, gig) pairs matched now; a pair seen before is not recorded again, so
    a gig paused and active again alerts no one twice. The new pairs' count."""
    wanted = set(pairs)
    if not wanted:
        return 0
    saved_ids = {s for s, _ in wanted}
    known = set(
        session.execute(
            select(SavedSearchMatch.saved_search_id, SavedSearchMatch.gig_id).where(
                SavedSearchMatch.saved_search_id.in_(saved_ids),
                SavedSearchMatch.gig_id.in_({g for _, g in wanted}),
            )
        ).tuples()
    )
    # A saved search deleted since it was percolated has no row left.
    alive = set(session.scalars(select(SavedSearch.id).where(SavedSearch.id.in_(saved_ids))))
    new = sorted(p for p in wanted - known if p[0] in alive)
    session.add_all(
        SavedSearchMatch(saved_search_id=s, gig_id=g, matched_at=now, notified_at=None)
        for s, g in new
    )
    session.flush()
    return len(new)


def record_query_matches(session: Session, pairs: Sequence[tuple[str, int]], now: datetime) -> int:
    """(saved query, gig) pairs matched now, for every buyer who saved that query (see
    :func:`record_matches`)."""
    queries = {q for q, _ in pairs}
    if not queries:
        return 0
    subscribers: dict[str, list[int]] = {}
    for saved_id, query in session.execute(
        select(SavedSearch.id, SavedSearch.query).where(SavedSearch.query.in_(queries))
    ):
        subscribers.setdefault(query, []).append(int(saved_id))
    return record_matches(
        session, [(s, gig) for query, gig in pairs for s in subscribers.get(query, ())], now
    )


def saved_queries(session: Session) -> list[tuple[str, str]]:
    """Every distinct saved query with its words, in order."""
    rows = session.execute(
        select(SavedSearch.query, SavedSearch.words).distinct().order_by(SavedSearch.query)
    )
    return [(str(q), str(w)) for q, w in rows]


def query_saved(session: Session, query: str) -> bool:
    """Whether some buyer still keeps this saved query."""
    return (
        session.scalar(select(SavedSearch.id).where(SavedSearch.query == query).limit(1))
        is not None
    )


def send_digests(session: Session, *, clock: Clock) -> int:
    """One notification per saved search with new matches whose last digest is a day old
    (or that never had one): how many new gigs, with the link to its results page. Gigs no
    longer active by then are left out of the count. The digests sent."""
    now = clock.now()
    # Result has keys(): dict() would read it as a mapping.
    counts: dict[int, int] = {
        saved_id: count
        for saved_id, count in session.execute(
            select(SavedSearch.id, func.count(SavedSearchMatch.gig_id))
            .join(SavedSearchMatch, SavedSearchMatch.saved_search_id == SavedSearch.id)
            .join(Gig, Gig.id == SavedSearchMatch.gig_id)
            .where(
                SavedSearchMatch.notified_at.is_(None),
                Gig.status == GigStatus.ACTIVE,
                (SavedSearch.last_digest_at.is_(None))
                | (SavedSearch.last_digest_at <= now - DIGEST_EVERY),
            )
            .group_by(SavedSearch.id)
        ).tuples()
    }
    # Locked, and due still: a run beside this one sends each digest once.
    due = [
        (saved, counts[saved.id])
        for saved in session.scalars(
            select(SavedSearch)
            .where(SavedSearch.id.in_(counts))
            .order_by(SavedSearch.id)
            .with_for_update(skip_locked=True)
        )
        if digest_due(saved.last_digest_at, now)
    ]
    for saved, count in due:
        notify(
            session,
            user_id=saved.user_id,
            message=Message.SAVED_SEARCH_MATCHES,
            values={
                "count": str(count),
                "services": {"fr": "nouveaux services", "en": "new services"}
                if count > 1
                else {"fr": "nouveau service", "en": "new service"},
                "search": {
                    "fr": f"votre recherche « {saved.words} »",
                    "en": f"your search “{saved.words}”",
                }
                if saved.words
                else {"fr": "votre recherche enregistrée", "en": "your saved search"},
            },
            link=f"/recherche?{saved.query}",
            clock=clock,
        )
        saved.last_digest_at = now
        session.execute(
            update(SavedSearchMatch)
            .where(
                SavedSearchMatch.saved_search_id == saved.id,
                SavedSearchMatch.notified_at.is_(None),
            )
            .values(notified_at=now)
        )
    return len(due)


# -- sellers' request alerts -------------------------------------------------------------------
def set_seller_alert(
    session: Session,
    seller_id: int,
    *,
    budget_min_cents: int | None,
    min_delivery_days: int | None,
    clock: Clock,
) -> SellerRequestAlert:
    check_seller_filters(budget_min_cents, min_delivery_days)
    row = session.get(SellerRequestAlert, seller_id, with_for_update=True)
    if row is None:
        row = SellerRequestAlert(seller_id=seller_id)
        session.add(row)
    row.budget_min_cents = budget_min_cents
    row.min_delivery_days = min_delivery_days
    row.updated_at = clock.now()
    session.flush()
    return row


def seller_alert(session: Session, seller_id: int) -> SellerRequestAlert:
    row = session.get(SellerRequestAlert, seller_id)
    if row is None:
        raise NotFound("request alert", seller_id)
    return row


def delete_seller_alert(session: Session, seller_id: int) -> None:
    session.delete(seller_alert(session, seller_id))


def requests_to_scan(session: Session, now: datetime) -> list[BuyerRequest]:
    """Active requests approved lately that no run matched yet, oldest first."""
    scanned = select(RequestAlertScan.request_id).where(
        RequestAlertScan.request_id == BuyerRequest.id
    )
    return list(
        session.scalars(
            select(BuyerRequest)
            .where(
                BuyerRequest.status == RequestStatus.ACTIVE,
                BuyerRequest.approved_at >= now - FRESH_REQUEST,
                ~scanned.exists(),
            )
            .order_by(BuyerRequest.id)
            .limit(SCAN_BATCH)
            .with_for_update(skip_locked=True, of=BuyerRequest)  # another run takes the others
        )
    )


def alert_sellers(
    session: Session, request: BuyerRequest, seller_ids: Sequence[int], *, clock: Clock
) -> int:
    """Notify the sellers whose own filters the request meets (``seller_ids``, from the
    percolator) and who have an active gig in its subcategory — never its own buyer —
    then mark the request matched. The sellers notified."""
    users: list[int] = []
    if seller_ids:
        users = list(
            session.scalars(
                select(Seller.user_id)
                .where(
                    Seller.id.in_(set(seller_ids)),
                    Seller.user_id.is_not(None),
                    Seller.user_id != request.buyer_id,
                    select(Gig.id)
                    .where(
                        Gig.seller_id == Seller.id,
                        Gig.status == GigStatus.ACTIVE,
                        Gig.subcategory == request.subcategory,
                    )
                    .exists(),
                )
                .order_by(Seller.id)
            )
        )
    for user_id in users:
        assert user_id is not None
        notify(
            session,
            user_id=user_id,
            message=Message.REQUEST_MATCHED,
            values={"amount": dollars(request.budget_cents), "days": str(request.delivery_days)},
            link=f"/requests/{request.id}",
            clock=clock,
        )
    session.add(
        RequestAlertScan(request_id=request.id, scanned_at=clock.now(), sellers_notified=len(users))
    )
    return len(users)
