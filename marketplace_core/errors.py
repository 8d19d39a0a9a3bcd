"""Domain errors. They carry what the user needs to fix the problem; one handler in
``search_api.errors`` maps them to HTTP."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base of every error a user can cause."""


@dataclass(frozen=True)
class FieldProblem:
    field: str  # dotted path, e.g. "packages.0.price_cents"
    rule: str  # stable machine-readable rule id, e.g. "attribute.value_not_allowed"
    message: str  # human-readable, names the field and what is allowed


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
