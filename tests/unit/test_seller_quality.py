"""The seller's record as rates, and the bounded factor it gives the relevance score."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.documents import EXPLORATION, MAX_QUALITY, NEW_SELLER_ORDERS, quality
from marketplace_core.sellers.quality import (
    COMPLETION_PRIOR,
    ON_TIME_PRIOR,
    RESPONSE_HOURS_PRIOR,
    SellerRecord,
    SellerSignals,
    answer_hours,
    signals,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BLANK = signals(SellerRecord())


def test_no_history_is_the_priors() -> None:
    assert BLANK.on_time_rate == ON_TIME_PRIOR
    assert BLANK.completion_rate == COMPLETION_PRIOR
    assert BLANK.response_hours == RESPONSE_HOURS_PRIOR


def test_evidence_moves_the_rates_away_from_the_priors_in_proportion() -> None:
    few = signals(SellerRecord(delivered=2, on_time=0, finished=2, completed=0))
    many = signals(SellerRecord(delivered=200, on_time=0, finished=200, completed=0))
    assert BLANK.on_time_rate > few.on_time_rate > many.on_time_rate > 0
    assert BLANK.completion_rate > few.completion_rate > many.completion_rate > 0
    fast = signals(SellerRecord(answer_hours=(0.1,) * 50))
    assert fast.response_hours < 2


def test_answers_count_from_the_other_partys_first_waiting_message() -> None:
    seller, buyer = 7, 8
    at = [T0 + timedelta(hours=h) for h in range(6)]
    messages = [
        (1, buyer, at[0]),
        (1, buyer, at[1]),  # still waiting since the first
        (1, seller, at[2]),  # answered after 2 hours
        (1, seller, at[3]),  # more of the seller's own: no answer
        (2, seller, at[3]),  # the seller's first word: no answer
        (2, buyer, at[4]),
        (2, seller, at[5]),  # answered after 1 hour
    ]
    assert answer_hours(messages, seller) == (2.0, 1.0)
    assert answer_hours(messages, seller, latest=1) == (1.0,)


def excellent(orders: int) -> tuple[int, float, SellerSignals, int]:
    record = SellerRecord(
        delivered=orders,
        on_time=orders,
        finished=orders,
        completed=orders,
        buyers=orders // 2,
        repeat_buyers=orders // 2,
        answer_hours=(0.05,) * 50,
    )
    return orders, 5.0, signals(record), orders


def test_the_factor_is_bounded_and_orders_records() -> None:
    best = quality(*excellent(1000))
    assert 1.2 < best <= MAX_QUALITY
    poor = quality(
        200,
        2.5,
        signals(SellerRecord(delivered=200, on_time=80, finished=200, completed=150)),
        200,
    )
    assert 1 <= poor < best


def test_a_new_seller_is_explored_but_never_above_a_proven_record() -> None:
    new = quality(0, 0.0, BLANK, 0)
    without = quality(NEW_SELLER_ORDERS, 0.0, BLANK, 0)  # the same, no longer new
    assert 0 < new - without <= EXPLORATION + 0.01  # the volume share of 5 orders aside
    assert new < quality(*excellent(50))


@given(
    orders=st.integers(0, 100_000),
    rating=st.floats(0, 5),
    reviews=st.integers(0, 100_000),
    delivered=st.integers(0, 1000),
    late=st.integers(0, 1000),
    answers=st.lists(st.floats(0, 10_000), max_size=60),
)
def test_the_factor_is_always_between_1_and_its_maximum(
    orders: int, rating: float, reviews: int, delivered: int, late: int, answers: list[float]
) -> None:
    on_time = max(0, delivered - late)
    record = SellerRecord(
        delivered=delivered,
        on_time=on_time,
        finished=delivered,
        completed=on_time,
        answer_hours=tuple(answers),
    )
    assert 1 <= quality(orders, rating, signals(record), reviews) <= MAX_QUALITY


@pytest.mark.parametrize("ratio", [1.26, 1.5, 3.0])
def test_a_clearly_better_match_is_never_overtaken(ratio: float) -> None:
    # The factor multiplies the text score: the worst record and a score this much higher
    # beat the best record.
    worst = quality(10, 1.0, signals(SellerRecord(delivered=50, finished=50)), 50)
    assert ratio * worst > quality(*excellent(100_000))
