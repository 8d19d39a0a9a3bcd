"""The gig status table: draft → active → paused → active, any live status → deleted."""

from __future__ import annotations

import pytest

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.lifecycle import LIFECYCLE, GigAction, GigActor
from marketplace_core.errors import InvalidTransition

ALLOWED = {
    (GigStatus.DRAFT, GigAction.UPDATE): GigStatus.DRAFT,
    (GigStatus.DRAFT, GigAction.PUBLISH): GigStatus.ACTIVE,
    (GigStatus.DRAFT, GigAction.DELETE): GigStatus.DELETED,
    (GigStatus.ACTIVE, GigAction.UPDATE): GigStatus.ACTIVE,
    (GigStatus.ACTIVE, GigAction.PAUSE): GigStatus.PAUSED,
    (GigStatus.ACTIVE, GigAction.DELETE): GigStatus.DELETED,
    (GigStatus.PAUSED, GigAction.UPDATE): GigStatus.PAUSED,
    (GigStatus.PAUSED, GigAction.RESUME): GigStatus.ACTIVE,
    (GigStatus.PAUSED, GigAction.DELETE): GigStatus.DELETED,
}


@pytest.mark.parametrize("status", list(GigStatus))
@pytest.mark.parametrize("action", list(GigAction))
def test_every_status_and_action(status: GigStatus, action: GigAction) -> None:
    expected = ALLOWED.get((status, action))
    if expected is not None:
        assert LIFECYCLE.next(status, GigActor.SELLER, action, key=7) == expected
        return
    with pytest.raises(InvalidTransition) as caught:
        LIFECYCLE.next(status, GigActor.SELLER, action, key=7)
    allowed = [a.value for (s, a) in ALLOWED if s == status]
    assert caught.value.status == status.value
    assert caught.value.allowed == allowed
    assert str(caught.value) == (
        f"cannot {action.value} gig 7: it is {status.value}; "
        f"allowed actions: {', '.join(allowed) or 'none'}"
    )


def test_a_deleted_gig_allows_nothing() -> None:
    assert LIFECYCLE.allowed(GigStatus.DELETED) == []
    assert LIFECYCLE.final(GigStatus) == {GigStatus.DELETED}
