"""What a seller may do with a gig in each status: a pure table, no I/O.

draft → active (publish); active → paused (pause); paused → active (resume); any live status
→ deleted (delete, a soft delete). Content can be edited (update) while the gig is not
deleted. Anything else is a :class:`InvalidTransition` naming the status and what it allows.
"""

from __future__ import annotations

from enum import StrEnum

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.transitions import TransitionTable


class GigAction(StrEnum):
    UPDATE = "update"
    PUBLISH = "publish"
    PAUSE = "pause"
    RESUME = "resume"
    DELETE = "delete"


class GigActor(StrEnum):
    SELLER = "seller"  # its own seller: nobody else acts on a gig


_S = GigStatus
_A = GigAction
LIFECYCLE = TransitionTable.by_owner(
    "gig",
    {
        _S.DRAFT: {_A.UPDATE: _S.DRAFT, _A.PUBLISH: _S.ACTIVE, _A.DELETE: _S.DELETED},
        _S.ACTIVE: {_A.UPDATE: _S.ACTIVE, _A.PAUSE: _S.PAUSED, _A.DELETE: _S.DELETED},
        _S.PAUSED: {_A.UPDATE: _S.PAUSED, _A.RESUME: _S.ACTIVE, _A.DELETE: _S.DELETED},
        _S.DELETED: {},
    },
    dict.fromkeys(GigAction, GigActor.SELLER),
)

# Only active gigs are public: searchable, viewable by anyone, and can be hearted.
PUBLIC_STATUSES = frozenset({GigStatus.ACTIVE})
