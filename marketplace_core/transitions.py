"""One status table type for every state machine: ``(status, party, action) -> new status``.

Pure, no I/O. A table is built once from its cells; what is not a cell is refused: an action
the party may take in no status is :class:`Forbidden` (the wrong party, 403), an action its
status does not allow is :class:`InvalidTransition` naming the status and the actions allowed
there (409). Gigs, orders, cancellation requests, quotes and buyer requests each declare one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Generic, TypeVar

from marketplace_core.errors import Forbidden, InvalidTransition

S = TypeVar("S", bound=StrEnum)  # the statuses
P = TypeVar("P", bound=StrEnum)  # who acts
A = TypeVar("A", bound=StrEnum)  # the actions


class TransitionTable(Generic[S, P, A]):
    def __init__(
        self,
        what: str,
        cells: Mapping[tuple[S, P, A], S],
        *,
        errors_name_every_party: bool = False,
    ) -> None:
        """``what`` names the object in errors ("order"); with ``errors_name_every_party``,
        a refused action names what the status allows to anyone, not only to the caller."""
        self.what = what
        self.cells: Mapping[tuple[S, P, A], S] = MappingProxyType(dict(cells))
        self.errors_name_every_party = errors_name_every_party
        self._ever: dict[P, frozenset[A]] = {}
        for _, party, action in self.cells:
            self._ever[party] = self._ever.get(party, frozenset()) | {action}

    @classmethod
    def by_owner(
        cls,
        what: str,
        moves: Mapping[S, Mapping[A, S]],
        owner: Mapping[A, P],
        *,
        errors_name_every_party: bool = False,
    ) -> TransitionTable[S, P, A]:
        """From a table per status (action → new status) where each action has one party."""
        return cls(
            what,
            {
                (status, owner[action], action): after
                for status, actions in moves.items()
                for action, after in actions.items()
            },
            errors_name_every_party=errors_name_every_party,
        )

    def allowed(self, status: S, party: P | None = None) -> list[A]:
        """The actions ``party`` (anyone, if None) may take in ``status``, in table order."""
        found = (a for (s, who, a) in self.cells if s == status and party in (None, who))
        return list(dict.fromkeys(found))

    def may_ever(self, party: P, action: A) -> bool:
        return action in self._ever.get(party, frozenset())

    def next(
        self,
        status: S,
        party: P,
        action: A,
        *,
        key: object,
        allowed: Sequence[A] | None = None,
    ) -> S:
        """The status after ``party`` takes ``action``. ``allowed`` is what the errors name
        as allowed when the caller knows better than the table (a boost already used)."""
        if not self.may_ever(party, action):
            owners = " or ".join(f"the {p.value}" for p in self._ever if action in self._ever[p])
            now = ", ".join(a.value for a in self.allowed(status, party)) or "none"
            raise Forbidden(
                f"the {party.value} cannot {action.value} {self.what} {key!r}, only {owners} "
                f"can; you may now: {now}"
            )
        try:
            return self.cells[(status, party, action)]
        except KeyError:
            if allowed is None:
                allowed = self.allowed(status, None if self.errors_name_every_party else party)
            raise InvalidTransition(
                self.what, key, status.value, action.value, [a.value for a in allowed]
            ) from None

    def reachable(self, start: S) -> frozenset[S]:
        """Every status the table can reach from ``start``."""
        seen = {start}
        frontier = [start]
        while frontier:
            current = frontier.pop()
            for (status, _, _), target in self.cells.items():
                if status == current and target not in seen:
                    seen.add(target)
                    frontier.append(target)
        return frozenset(seen)

    def final(self, statuses: Iterable[S]) -> frozenset[S]:
        """The statuses nothing leaves."""
        leaving = {status for (status, _, _) in self.cells}
        return frozenset(s for s in statuses if s not in leaving)
