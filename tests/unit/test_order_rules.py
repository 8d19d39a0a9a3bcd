"""Pure order, ledger, dispute, review and tip rules: deadlines, bounds, caps. No I/O."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from marketplace_core.disputes.rules import (
    CANCELLATION_TRANSITIONS,
    REASONS,
    CancellationAction,
    CancellationRole,
    CancellationStatus,
    reasons_for,
    respond_by,
    validate_reason,
)
from marketplace_core.errors import Conflict, Forbidden, InvalidInput, InvalidTransition
from marketplace_core.ledger.rules import (
    AccountKind,
    InsufficientFunds,
    Leg,
    account_key,
    check_balanced,
    check_not_negative,
    shortfall,
    transfer,
)
from marketplace_core.orders import rules
from marketplace_core.orders.enums import Actor
from marketplace_core.reviews.rules import (
    ReviewInput,
    check_review_window,
    new_average,
    validate_review,
    without_review,
)
from marketplace_core.tips.rules import (
    check_tip_window,
    max_tip_cents,
    suggested_tips,
    validate_tip,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# -- deadlines ----------------------------------------------------------------------------
def test_auto_complete_three_days_after_delivery() -> None:
    """R-ORD-3."""
    assert rules.auto_complete_at(T0) == T0 + timedelta(days=3)


def test_very_late_24_hours_after_the_due_date() -> None:
    """R-ORD-5."""
    assert rules.very_late_at(T0) == T0 + timedelta(hours=24)


def test_extension_counts_from_the_original_due_date() -> None:
    """R-ORD-4: two extensions of 2 and 3 days end 5 days after the original date, whenever
    they are asked for."""
    original = rules.original_due_at(T0, 4)
    assert original == T0 + timedelta(days=4)
    assert rules.due_at(original, 2 + 3) == original + timedelta(days=5)


def test_windows_after_completion() -> None:
    """R-REV-2 (10 days), R-TIP-1 (7 days), R-ORD-7 (14 days)."""
    assert rules.review_closes_at(T0) == T0 + timedelta(days=10)
    assert rules.tip_closes_at(T0) == T0 + timedelta(days=7)
    assert rules.support_may_cancel(T0, T0 + timedelta(days=14))
    assert not rules.support_may_cancel(T0, T0 + timedelta(days=14, seconds=1))


def _due(status: str, now: datetime, **kwargs: datetime | None) -> str | None:
    deadlines: dict[str, datetime | None] = {
        "due": None,
        "very_late": None,
        "auto_complete": None,
        "cancellation_respond_by": None,
    }
    deadlines.update(kwargs)
    step = rules.next_due(status, now=now, **deadlines)
    return None if step is None else step.action


def test_next_due_steps() -> None:
    """R-ORD-3, R-ORD-5, R-DIS-2: what the timers owe, and only when due."""
    due = T0 + timedelta(days=1)
    assert _due("in_progress", due - timedelta(seconds=1), due=due) is None
    assert _due("in_progress", due, due=due) == "mark_late"
    assert _due("late", due, very_late=due + timedelta(hours=24)) is None
    assert _due("late", due + timedelta(hours=24), very_late=due + timedelta(hours=24)) == (
        "mark_very_late"
    )
    assert _due("delivered", T0, auto_complete=T0) == "auto_complete"
    # R-ORD-3: a rejected delivery does not auto-complete
    assert _due("rejected", T0 + timedelta(days=9), auto_complete=T0) is None
    # an open cancellation request holds the completion until it is answered or expires
    assert (
        _due("delivered", T0, auto_complete=T0, cancellation_respond_by=T0 + timedelta(1)) is None
    )
    assert (
        _due("delivered", T0 + timedelta(days=2), auto_complete=T0, cancellation_respond_by=T0)
        == "expire_cancellation"
    )


def test_next_due_takes_the_earliest_deadline() -> None:
    step = rules.next_due(
        "in_progress",
        due=T0 + timedelta(hours=5),
        very_late=None,
        auto_complete=None,
        cancellation_respond_by=T0 + timedelta(hours=1),
        now=T0 + timedelta(days=1),
    )
    assert step == rules.DueStep("expire_cancellation", T0 + timedelta(hours=1))


# -- bounds -------------------------------------------------------------------------------
def test_placement_bounds_name_the_bound() -> None:
    """R-MON-1: a service costs at least $5."""
    rules.validate_placement("Logo", 500, 1)
    with pytest.raises(InvalidInput) as caught:
        rules.validate_placement(" ", 499, 0)
    assert {p.field for p in caught.value.problems} == {"title", "price_cents", "delivery_days"}
    assert "between 500 ($5)" in str(caught.value)


def test_extension_bounds() -> None:
    """R-ORD-4."""
    assert rules.validate_extension(30) == 30
    for days in (0, 31):
        with pytest.raises(InvalidInput, match="between 1 and 30"):
            rules.validate_extension(days)


def test_idempotency_key_format() -> None:
    rules.validate_idempotency_key("0f8fad5b-d9cb-469f-a165-70867728950e")
    with pytest.raises(InvalidInput):
        rules.validate_idempotency_key("short")


def test_delivery_needs_a_message_and_bounded_attachments() -> None:
    """R-ORD-1: files or proof of work."""
    text, files = rules.validate_delivery(" Voici ", [rules.Attachment("k/1", "logo.svg")])
    assert (text, len(files)) == ("Voici", 1)
    with pytest.raises(InvalidInput):
        rules.validate_delivery(" ", [])
    with pytest.raises(InvalidInput, match="at most 20"):
        rules.validate_delivery("x", [rules.Attachment("k", "n")] * 21)


# -- ledger -------------------------------------------------------------------------------
def test_transactions_balance() -> None:
    """R-MON-2: every movement sums to zero."""
    check_balanced(transfer("a", "b", 100))
    with pytest.raises(ValueError, match="unbalanced"):
        check_balanced([Leg("a", -100), Leg("b", 99)])
    with pytest.raises(ValueError, match="zero"):
        check_balanced([Leg("a", 0), Leg("b", 0)])


def test_user_accounts_never_go_negative_the_external_one_may() -> None:
    check_not_negative(AccountKind.BUYER_BALANCE, "k", 100, -100)
    with pytest.raises(InsufficientFunds):
        check_not_negative(AccountKind.BUYER_BALANCE, "k", 100, -101)
    with pytest.raises(InsufficientFunds):
        check_not_negative(AccountKind.ESCROW, "escrow", 0, -1)
    check_not_negative(AccountKind.EXTERNAL, "external", 0, -10_000)


def test_account_keys_and_shortfall() -> None:
    """R-TIP-3: what the balance lacks goes to payment."""
    assert account_key(AccountKind.BUYER_BALANCE, 3) == "buyer_balance:3"
    assert account_key(AccountKind.ESCROW) == "escrow"
    with pytest.raises(ValueError, match="belong to a user"):
        account_key(AccountKind.SELLER_EARNINGS)
    assert shortfall(300, 1000) == 700
    assert shortfall(3000, 1000) == 0


# -- disputes -----------------------------------------------------------------------------
def test_reasons_are_a_fixed_bilingual_list_per_party() -> None:
    """R-DIS-1."""
    assert all(r.fr and r.en for r in REASONS)
    assert "ordered_by_mistake" in {r.code for r in reasons_for(Actor.BUYER)}
    assert "ordered_by_mistake" not in {r.code for r in reasons_for(Actor.SELLER)}
    with pytest.raises(InvalidInput, match="reason must be one of"):
        validate_reason(Actor.SELLER, "ordered_by_mistake", "")
    assert validate_reason(Actor.BUYER, "other", "  parce que ") == ("other", "parce que")


def test_the_request_table() -> None:
    """R-DIS-2 (48 h to answer), R-DIS-3 (the requester withdraws)."""
    assert respond_by(T0) == T0 + timedelta(hours=48)
    table, st, role, act = (
        CANCELLATION_TRANSITIONS,
        CancellationStatus,
        CancellationRole,
        CancellationAction,
    )
    assert table.next(st.OPEN, role.RESPONDENT, act.ACCEPT, key=1) == "accepted"
    assert table.next(st.OPEN, role.REQUESTER, act.WITHDRAW, key=1) == "withdrawn"
    with pytest.raises(InvalidTransition) as caught:
        table.next(st.REFUSED, role.REQUESTER, act.WITHDRAW, key=1)
    assert caught.value.allowed == []
    # R-DIS-2/3: the requester does not answer their own request, the other party does not
    # withdraw it.
    with pytest.raises(Forbidden):
        table.next(st.OPEN, role.REQUESTER, act.ACCEPT, key=1)
    with pytest.raises(Forbidden):
        table.next(st.OPEN, role.RESPONDENT, act.WITHDRAW, key=1)


# -- reviews ------------------------------------------------------------------------------
def test_buyer_reviews_need_every_criterion_in_stars() -> None:
    """R-REV-1."""
    good = ReviewInput(rating=5, communication=4, as_described=5, would_recommend=5, text="Top")
    assert validate_review(good, by_buyer=True) == good
    with pytest.raises(InvalidInput) as caught:
        validate_review(ReviewInput(rating=6, communication=0), by_buyer=True)
    assert {p.field for p in caught.value.problems} == {
        "rating",
        "communication",
        "as_described",
        "would_recommend",
    }
    assert "between 1 and 5" in str(caught.value)


def test_seller_reviews_have_no_buyer_criteria() -> None:
    assert validate_review(ReviewInput(rating=4), by_buyer=False).rating == 4
    with pytest.raises(InvalidInput, match="buyer's review only"):
        validate_review(ReviewInput(rating=4, communication=5), by_buyer=False)


def test_review_window_and_average() -> None:
    """R-REV-2: reviews until 10 days after completion."""
    closes = T0 + timedelta(days=10)
    check_review_window(closes, closes - timedelta(seconds=1))
    with pytest.raises(Conflict, match="10 days"):
        check_review_window(closes, closes)
    assert new_average(4.0, 3, 2) == (3.5, 4)
    assert without_review(3.5, 4, 2) == (4.0, 3)
    assert without_review(5.0, 1, 5) == (0.0, 0)


# -- tips ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("price", "cap"), [(500, 2500), (2499, 2500), (2500, 2500), (4000, 4000), (100_000, 100_000)]
)
def test_tip_caps(price: int, cap: int) -> None:
    """R-TIP-2: under $25 up to $25; from $25 up to 100 % of the price."""
    assert max_tip_cents(price) == cap
    assert validate_tip(cap, price, "merci") == (cap, "merci")
    with pytest.raises(InvalidInput, match=f"between 500 \\(\\$5\\) and {cap}"):
        validate_tip(cap + 1, price, "")


def test_tip_minimum_and_presets() -> None:
    """R-TIP-1/2: a $5 minimum; preset amounts stay within the bounds."""
    with pytest.raises(InvalidInput) as caught:
        validate_tip(499, 4000, "")
    assert caught.value.problems[0].field == "amount_cents"
    assert suggested_tips(1000) == [500]
    assert all(500 <= t <= 4000 for t in suggested_tips(4000))


def test_tip_window() -> None:
    """R-TIP-1: 7 days."""
    closes = T0 + timedelta(days=7)
    check_tip_window(closes, closes - timedelta(seconds=1))
    with pytest.raises(Conflict, match="7 days"):
        check_tip_window(closes, closes)
