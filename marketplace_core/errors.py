"""Domain errors. They carry what the user needs to fix the problem; one handler in
``search_api.errors`` maps them to HTTP."""

from __future__ import annotations

from facets.errors import FieldProblem

__all__ = [
    "Conflict",
    "DomainError",
    "FieldProblem",
    "Forbidden",
    "InvalidInput",
    "InvalidTransition",
    "NotFound",
    "Refused",
    "StaleVersion",
    "Throttled",
    "TooLarge",
    "Unauthorized",
]


class DomainError(Exception):
    """Base of every error a user can cause."""


class InvalidInput(DomainError):
    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    @classmethod
    def one(cls, field: str, rule: str, message: str) -> InvalidInput:
        return cls([FieldProblem(field, rule, message)])


class NotFound(DomainError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key!r} not found")
        self.what = what
        self.key = key


class Conflict(DomainError):
    """An action the object's current state does not allow."""


class StaleVersion(Conflict):
    """An update based on an older version than the stored one."""

    def __init__(self, what: str, key: object, expected: int, current: int) -> None:
        super().__init__(
            f"{what} {key!r} is at version {current}, not {expected}: reload it and apply "
            "the change again"
        )
        self.current = current


class InvalidTransition(Conflict):
    """An action the object's status does not allow; names the status and what is allowed."""

    def __init__(
        self, what: str, key: object, status: str, action: str, allowed: list[str]
    ) -> None:
        allowed_text = ", ".join(allowed) or "none"
        super().__init__(
            f"cannot {action} {what} {key!r}: it is {status}; allowed actions: {allowed_text}"
        )
        self.status = status
        self.allowed = allowed


class Unauthorized(DomainError):
    """No valid credentials: a missing, expired, revoked or wrong token, or a failed login."""


class Forbidden(DomainError):
    """Valid credentials, but this account may not do this."""


class Throttled(DomainError):
    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class TooLarge(InvalidInput):
    """Input over a size limit (an uploaded file): names the field, answered 413."""


class Refused(Conflict):
    """The other party's state does not allow the action; ``rule`` says which (e.g.
    ``seller.no_quotes``), so a client can tell the reasons apart."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
