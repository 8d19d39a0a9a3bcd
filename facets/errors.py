"""What is wrong with some input: one problem per field, named, with its rule. No I/O.

The bottom of the layers, so the taxonomy's own checks and every domain above share one
problem type; ``search_api.errors`` answers both :class:`InvalidSelection` and the domains'
invalid input with the same 422 body.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    field: str  # dotted path, e.g. "packages.0.price_cents"
    rule: str  # stable machine-readable rule id, e.g. "attribute.value_not_allowed"
    message: str  # human-readable, names the field and what is allowed


class InvalidSelection(ValueError):
    """A results page's parameters that the taxonomy does not allow."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems
