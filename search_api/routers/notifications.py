"""``/me/notifications``: what happened to the caller's orders, requests and messages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from facets.model import DEFAULT_LANG
from marketplace_core.notifications import service
from search_api.deps import CurrentUser, DbSession, Id, LangParam, RuntimeDep
from search_api.schemas.errors import errors
from search_api.schemas.notifications import MarkedOut, NotificationOut, NotificationsOut

router = APIRouter(tags=["notifications"])


@router.get(
    "/me/notifications",
    summary="Mes notifications",
    description="The newest 100, newest first, each with a link to what it is about, and "
    "the number still unread.",
    responses=errors(401, 422),
)
def notifications(
    principal: CurrentUser,
    session: DbSession,
    unread: Annotated[bool, Query(description="only those not read yet")] = False,
    lang: LangParam = DEFAULT_LANG,
) -> NotificationsOut:
    user_id = principal.user.id
    return NotificationsOut(
        unread=service.unread_count(session, user_id),
        items=[
            NotificationOut.of(n, lang)
            for n in service.notifications_of(session, user_id, unread_only=unread)
        ],
    )


@router.post(
    "/me/notifications/{notification_id}/read",
    summary="Marquer comme lue",
    description="Marking it again keeps the time it was first read. Someone else's "
    "notification is 404.",
    responses=errors(401, 404, 422),
)
def mark_read(
    notification_id: Id,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    lang: LangParam = DEFAULT_LANG,
) -> NotificationOut:
    row = service.mark_read(session, principal.user.id, notification_id, clock=runtime.clock)
    return NotificationOut.of(row, lang)


@router.post(
    "/me/notifications/read",
    summary="Tout marquer comme lu",
    description="Answers how many were unread.",
    responses=errors(401),
)
def mark_all_read(principal: CurrentUser, session: DbSession, runtime: RuntimeDep) -> MarkedOut:
    return MarkedOut(marked=service.mark_all_read(session, principal.user.id, clock=runtime.clock))
