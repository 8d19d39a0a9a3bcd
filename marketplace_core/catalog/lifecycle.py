"""What a seller may do with a gig in each status: a pure table, no I/O.

draft → active (publish); active → paused (pause); paused → active (resume); any live status
→ deleted (delete, a soft delete). Content can be edited (update) while the gig is not
deleted. Anything else is a :class:`InvalidTransition` naming the status and what it allows.
"""

from __future__ import annotations

from enum import StrEnum

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.errors import InvalidTransition


class GigAction(StrEnum):
    UPDATE = "update"
    PUBLISH = "publish"
    PAUSE = "pause"
    RESUME = "resume"
    DELETE = "delete"


TRANSITIONS: dict[GigStatus, dict[GigAction, GigStatus]] = {
    GigStatus.DRAFT: {
        GigAction.UPDATE: GigStatus.DRAFT,
        GigAction.PUBLISH: GigStatus.ACTIVE,
        GigAction.DELETE: GigStatus.DELETED,
    },
    GigStatus.ACTIVE: {
        GigAction.UPDATE: GigStatus.ACTIVE,
        GigAction.PAUSE: GigStatus.PAUSED,
        GigAction.DELETE: GigStatus.DELETED,
    },
    GigStatus.PAUSED: {
        GigAction.UPDATE: GigStatus.PAUSED,
        GigAction.RESUME: GigStatus.ACTIVE,
        GigAction.DELETE: GigStatus.DELETED,
    },
    GigStatus.DELETED: {},
}

# Only active gigs are public: searchable, viewable by anyone, and can be hearted.
PUBLIC_STATUSES = frozenset({GigStatus.ACTIVE})


def allowed_actions(status: GigStatus) -> list[GigAction]:
    return list(TRANSITIONS[status])


def next_status(gig_id: int, status: GigStatus, action: GigAction) -> GigStatus:
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        raise InvalidTransition(
            "gig", gig_id, status.value, action.value, [a.value for a in allowed_actions(status)]
        ) from None
