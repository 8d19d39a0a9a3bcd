"""Checks every domain's input shares: a price within the platform's bounds, a number within
its range, a text of a length. Pure: each adds the problem it finds, naming the field and the
rule, to the caller's list, so one answer names every problem at once."""

from __future__ import annotations

from marketplace_core.errors import FieldProblem

MIN_PRICE_CENTS = 500  # R-MON-1: a basic service can cost $5
MAX_PRICE_CENTS = 10_000_000


def _name(field: str) -> str:
    return field.rpartition(".")[2]  # "packages.0.price_cents" is told as "price_cents"


def check_price(
    problems: list[FieldProblem], field: str, cents: int, *, rule: str, high: int = MAX_PRICE_CENTS
) -> None:
    if not MIN_PRICE_CENTS <= cents <= high:
        message = f"{_name(field)} must be between {MIN_PRICE_CENTS} ($5) and {high}"
        problems.append(FieldProblem(field, rule, message))


def check_range(
    problems: list[FieldProblem], field: str, value: int, low: int, high: int, *, rule: str
) -> None:
    if not low <= value <= high:
        problems.append(
            FieldProblem(field, rule, f"{_name(field)} must be between {low} and {high}")
        )


def check_at_most(
    problems: list[FieldProblem], field: str, text: str, high: int, *, rule: str
) -> None:
    if len(text) > high:
        problems.append(
            FieldProblem(field, rule, f"{_name(field)} must be at most {high} characters")
        )


def checked_text(
    problems: list[FieldProblem], field: str, text: str, low: int, high: int, *, rule: str
) -> str:
    """The text without its surrounding blanks."""
    text = text.strip()
    if not low <= len(text) <= high:
        message = f"{_name(field)} must be {low} to {high} characters"
        problems.append(FieldProblem(field, rule, message))
    return text
