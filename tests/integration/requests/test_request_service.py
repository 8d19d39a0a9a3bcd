"""Buyer requests on a real database with the injected clock: the 14-day expiry and what
resets it (R-REQ-5), the boost (R-REQ-4), what sellers are shown (R-REQ-3, R-REQ-6), and
concurrent actions."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace_core.errors import Conflict, InvalidTransition, NotFound, Refused
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.requests import expiry, service
from marketplace_core.requests.models import RequestOffer
from marketplace_core.requests.rules import OfferInput, OfferStatus, RequestAction, RequestStatus
from microtache.celery_app import app
from microtache.tasks.requests import expire
from tests.integration.requests.board import Board

DAY = timedelta(days=1)
A = RequestAction


# -- R-REQ-5: the 14-day expiry -----------------------------------------------------------------
def test_r_req_5_an_approved_request_expires_14_days_after_approval(board: Board) -> None:
    request_id = board.posted()
    approved_at = board.clock.now()
    board.clock.advance(14 * DAY - timedelta(seconds=1))
    assert expiry.sweep_until_done(board.sessions, board.clock) == 0
    assert board.status(request_id) == RequestStatus.ACTIVE

    board.clock.advance(timedelta(hours=5))  # the sweep runs late: the deadline is recorded
    assert expiry.sweep_until_done(board.sessions, board.clock) == 1
    row = board.get(request_id)
    assert row.status == RequestStatus.EXPIRED
    assert row.expired_at == approved_at + 14 * DAY
    assert board.notified(NotificationKind.REQUEST_EXPIRED) == [f"/me/requests/{request_id}"]
    assert [(m.subject, m.link_path) for m in board.emails.sent] == [
        ("Votre demande est approuvée", f"/me/requests/{request_id}")
    ]

    # Twice changes nothing more.
    version = row.version
    assert expiry.sweep_until_done(board.sessions, board.clock) == 0
    assert board.get(request_id).version == version
    assert len(board.notified(NotificationKind.REQUEST_EXPIRED)) == 1


def test_r_req_5_pending_requests_never_expire_and_paused_ones_do(board: Board) -> None:
    pending = board.post()
    paused = board.posted()
    board.act(paused, A.PAUSE)
    board.clock.advance(30 * DAY)
    assert expiry.sweep_until_done(board.sessions, board.clock) == 1
    assert board.status(pending) == RequestStatus.PENDING
    assert board.status(paused) == RequestStatus.EXPIRED


def test_r_req_5_a_new_offer_resets_the_clock(board: Board) -> None:
    request_id = board.posted()
    board.clock.advance(10 * DAY)
    board.offer(request_id)
    board.clock.advance(10 * DAY)  # 20 days after approval, 10 after the offer
    assert expiry.sweep_until_done(board.sessions, board.clock) == 0
    assert board.status(request_id) == RequestStatus.ACTIVE
    board.clock.advance(4 * DAY)
    assert expiry.sweep_until_done(board.sessions, board.clock) == 1
    assert board.status(request_id) == RequestStatus.EXPIRED


def test_r_req_5_resuming_is_no_new_activity(board: Board) -> None:
    request_id = board.posted()
    board.act(request_id, A.PAUSE)
    board.clock.advance(13 * DAY)
    board.act(request_id, A.RESUME)
    board.clock.advance(DAY)
    assert expiry.sweep_until_done(board.sessions, board.clock) == 1


def test_r_req_5_an_action_after_the_deadline_meets_an_expired_request(board: Board) -> None:
    """Before the sweep ran: the action catches up first, and sellers no longer see it."""
    request_id = board.posted()
    board.clock.advance(14 * DAY)
    assert board.listed() == []
    with pytest.raises(InvalidTransition) as caught:
        board.act(request_id, A.BOOST)
    assert caught.value.status == "expired"
    with pytest.raises(InvalidTransition) as offered:
        board.offer(request_id)
    assert offered.value.status == "expired"


# -- R-REQ-4: the boost -------------------------------------------------------------------------
def test_r_req_4_the_boost_resets_the_clock_dates_the_request_and_is_once_only(
    board: Board,
) -> None:
    request_id = board.posted()
    board.clock.advance(13 * DAY)
    boosted_at = board.clock.now()
    board.act(request_id, A.BOOST)
    row = board.get(request_id)
    assert (row.boosted_at, row.last_activity_at) == (boosted_at, boosted_at)
    with pytest.raises(Refused) as caught:
        board.act(request_id, A.BOOST)
    assert caught.value.rule == "request.boost_once"
    assert board.get(request_id).version == row.version  # nothing written

    board.clock.advance(13 * DAY)  # 26 days after approval, 13 after the boost
    assert expiry.sweep_until_done(board.sessions, board.clock) == 0
    board.clock.advance(DAY)
    assert expiry.sweep_until_done(board.sessions, board.clock) == 1


def test_r_req_4_boosted_requests_list_first_then_newest(board: Board) -> None:
    first = board.posted()
    board.clock.advance(DAY)
    second = board.posted()
    board.clock.advance(DAY)
    third = board.posted()
    assert board.listed() == [third, second, first]
    board.clock.advance(DAY)
    board.act(first, A.BOOST)
    assert board.listed() == [first, third, second]
    board.clock.advance(DAY)
    board.act(second, A.BOOST)  # boosted later: its date is newer
    assert board.listed() == [second, first, third]


# -- R-REQ-3 / R-REQ-6: what sellers see ----------------------------------------------------------
def test_r_req_3_paused_pending_refused_and_expired_are_never_listed(board: Board) -> None:
    active = board.posted()
    pending = board.post()
    refused = board.post()
    with board.tx() as session:
        service.refuse(
            session, service.any_request(session, refused), "Hors sujet.", clock=board.clock
        )
    paused = board.posted()
    board.act(paused, A.PAUSE)
    deleted = board.posted()
    board.act(deleted, A.DELETE)
    assert board.listed() == [active]
    for hidden in (pending, refused, paused, deleted):
        with board.sessions() as session, pytest.raises(NotFound):
            service.visible_request(session, board.logo_seller, hidden, clock=board.clock)
    board.act(paused, A.RESUME)
    assert board.listed() == [paused, active]
    board.clock.advance(14 * DAY)
    expiry.sweep_until_done(board.sessions, board.clock)
    assert board.listed() == []


def test_r_req_6_sellers_see_the_subcategories_of_their_active_gigs(board: Board) -> None:
    logo = board.posted()
    voice = board.posted(
        subcategory="voix-off", description="Une voix off de 30 secondes pour une publicité."
    )
    assert board.listed(board.logo_seller) == [logo]
    # marc's logo gig is paused: only his voice-over gig counts.
    assert board.listed(board.voice_seller) == [voice]
    with board.sessions() as session, pytest.raises(NotFound):
        service.visible_request(session, board.voice_seller, logo, clock=board.clock)


def test_r_req_6_filters_by_subcategory_and_budget(board: Board) -> None:
    cheap = board.posted(budget_cents=1000)
    dear = board.posted(budget_cents=20000)
    assert board.listed(budget_min=5000) == [dear]
    assert board.listed(budget_max=5000) == [cheap]
    assert board.listed(budget_min=1000, budget_max=20000) == [dear, cheap]
    assert board.listed(subcategory="conception-logo") == [dear, cheap]
    assert board.listed(subcategory="voix-off") == []  # not one of the seller's
    assert board.listed(size=1) == [dear]
    assert board.listed(size=1, page=2) == [cheap]


def test_r_req_6_a_buyer_never_sees_their_own_request_as_a_seller(board: Board) -> None:
    mine = board.posted(buyer=board.logo_seller)
    assert board.listed(board.logo_seller) == []
    with pytest.raises(Refused) as caught:
        board.offer(mine)
    assert caught.value.rule == "offer.own_request"


def test_r_req_6_one_offer_per_seller_and_request(board: Board) -> None:
    request_id = board.posted()
    board.offer(request_id)
    with pytest.raises(Refused) as caught:
        board.offer(request_id, price=9000)
    assert caught.value.rule == "offer.already_sent"
    # The database refuses it too, whatever the code path.
    with board.sessions() as session, session.begin():
        first = session.scalars(select(RequestOffer)).one()
        session.add(
            RequestOffer(
                request_id=request_id,
                seller_id=first.seller_id,
                gig_id=first.gig_id,
                price_cents=600,
                delivery_days=2,
                message="encore",
                status=OfferStatus.SENT,
                created_at=board.clock.now(),
            )
        )
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_r_req_6_the_offer_needs_an_active_gig_of_the_subcategory(board: Board) -> None:
    from marketplace_core.errors import InvalidInput

    request_id = board.posted()
    for gig, rule in (
        (board.gigs["paused_logo"], "offer.gig_not_active"),  # marc's, paused
        (board.gigs["voice"], "offer.gig_subcategory"),
        (board.gigs["logo"], "offer.gig_not_active"),  # claire's, not marc's
    ):
        with board.tx() as session, pytest.raises(InvalidInput) as caught:
            service.send_offer(
                session,
                board.voice_seller,
                request_id,
                OfferInput(gig, 4500, 3, "Trois pistes."),
                clock=board.clock,
            )
        assert [(p.field, p.rule) for p in caught.value.problems] == [("gig_id", rule)]


# -- concurrency --------------------------------------------------------------------------------
def test_of_two_concurrent_actions_on_one_request_only_one_wins(board: Board) -> None:
    request_id = board.posted()
    with board.sessions() as late, late.begin():
        seen = service.own_request(late, board.buyer, request_id)  # read, not yet written
        board.act(request_id, A.PAUSE)  # another request wins meanwhile
        with pytest.raises(Conflict):
            service.buyer_action(late, seen, A.DELETE, clock=board.clock)
    assert board.status(request_id) == RequestStatus.PAUSED


def test_support_and_the_buyer_at_once_only_one_wins(board: Board) -> None:
    request_id = board.post()
    with board.sessions() as late, late.begin():
        seen = service.any_request(late, request_id)
        board.act(request_id, A.DELETE)
        with pytest.raises(Conflict):
            service.approve(late, seen, clock=board.clock)
    assert board.status(request_id) == RequestStatus.DELETED
    assert board.notified(NotificationKind.REQUEST_APPROVED) == []


def test_two_boosts_at_the_same_time_exactly_one_wins(board: Board) -> None:
    """Two requests of the same buyer race (threads, each its own transaction): one boosts,
    the other is refused (the boost is once, R-REQ-4), whatever the backend's locking."""
    request_id = board.posted()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def boost() -> None:
        start.wait()
        try:
            board.act(request_id, A.BOOST)
            outcomes.append("boosted")
        except Conflict as exc:  # Refused (seen boosted) or a stale version: both 409
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=boost) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) in (["Conflict", "boosted"], ["Refused", "boosted"])
    assert board.get(request_id).version == 3  # posted, approved, boosted once


# -- the periodic run ---------------------------------------------------------------------------
def test_r_req_5_beat_expires_requests_every_ten_minutes_with_expiry() -> None:
    assert app.conf.beat_schedule["expire-requests"] == {
        "task": "requests.expire",
        "schedule": 600.0,
        "options": {"expires": 600.0},
    }
    assert expire.name in app.tasks
    assert expire.expires == 600.0
    assert "microtache.tasks.requests" in app.conf.include
