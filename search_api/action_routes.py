"""State changes that differ only by their action (publish, pause, resume a gig; accept,
refuse, withdraw a cancellation request…): one endpoint per action, made from one function,
each with its own path, name and documentation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from fastapi import APIRouter
from pydantic import BaseModel

A = TypeVar("A", bound=StrEnum)
R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class ActionRoute(Generic[A]):
    action: A
    summary: str
    description: str
    path: str | None = None  # after the object's path; the action's value unless given
    name: str | None = None  # the operation's name; the action's value unless given


def add_action_routes(
    router: APIRouter,
    prefix: str,
    endpoint_of: Callable[[A], Callable[..., R]],
    routes: Iterable[ActionRoute[A]],
    *,
    response_model: type[R],
    responses: dict[int | str, dict[str, Any]],
) -> None:
    """``POST {prefix}/{path}`` for each route, answered by ``endpoint_of(action)``."""
    for route in routes:
        router.add_api_route(
            f"{prefix}/{route.path or route.action.value}",
            endpoint_of(route.action),
            methods=["POST"],
            response_model=response_model,
            summary=route.summary,
            description=route.description,
            responses=responses,
            name=route.name or route.action.value,
        )
