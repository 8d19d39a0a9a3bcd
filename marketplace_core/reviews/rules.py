"""Review rules over plain values. No I/O.

R-REV-1: the buyer gives overall stars (1–5) and three criteria, each on the same five-star
scale (communication; service as described; would buy again / recommend), and a text; the
seller reviews the buyer with stars and a text. R-REV-2: on a delivered order (which the
review completes) or up to 10 days after completion; R-REV-4: the seller only after the
buyer. Reviews are never edited or deleted by their authors (R-REV-3): there is no such
operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from marketplace_core.errors import Conflict, FieldProblem, InvalidInput

MIN_STARS, MAX_STARS = 1, 5
MAX_REVIEW_TEXT = 1500
MAX_PRIVATE_FEEDBACK = 2000


@dataclass(frozen=True)
class ReviewInput:
    rating: int
    text: str = ""
    communication: int | None = None
    as_described: int | None = None
    would_recommend: int | None = None
    work_sample_key: str | None = None  # one of the order's delivered files
    private_feedback: str = ""  # R-REV-5: stored apart, never public


CRITERIA = ("communication", "as_described", "would_recommend")


def validate_review(review: ReviewInput, *, by_buyer: bool) -> ReviewInput:
    problems: list[FieldProblem] = []

    def stars(field: str, value: int | None) -> None:
        if value is None:
            problems.append(
                FieldProblem(field, "review.criterion_required", f"{field} is required (1 to 5)")
            )
        elif not MIN_STARS <= value <= MAX_STARS:
            problems.append(
                FieldProblem(
                    field,
                    "review.stars_bounds",
                    f"{field} must be between {MIN_STARS} and {MAX_STARS} stars",
                )
            )

    stars("rating", review.rating)
    for name in CRITERIA:
        value = getattr(review, name)
        if by_buyer:
            stars(name, value)
        elif value is not None:
            problems.append(
                FieldProblem(name, "review.buyer_only", f"{name} is for the buyer's review only")
            )
    text = review.text.strip()
    if len(text) > MAX_REVIEW_TEXT:
        problems.append(
            FieldProblem(
                "text", "review.text_length", f"text must be at most {MAX_REVIEW_TEXT} characters"
            )
        )
    private = review.private_feedback.strip()
    if private and not by_buyer:
        problems.append(
            FieldProblem(
                "private_feedback",
                "review.buyer_only",
                "private_feedback is for the buyer's review only",
            )
        )
    if len(private) > MAX_PRIVATE_FEEDBACK:
        problems.append(
            FieldProblem(
                "private_feedback",
                "review.private_feedback_length",
                f"private_feedback must be at most {MAX_PRIVATE_FEEDBACK} characters",
            )
        )
    if review.work_sample_key is not None and not by_buyer:
        problems.append(
            FieldProblem(
                "work_sample_key", "review.buyer_only", "a work sample is for the buyer only"
            )
        )
    if problems:
        raise InvalidInput(problems)
    return ReviewInput(
        rating=review.rating,
        text=text,
        communication=review.communication,
        as_described=review.as_described,
        would_recommend=review.would_recommend,
        work_sample_key=review.work_sample_key,
        private_feedback=private,
    )


def check_review_window(review_closes_at: datetime | None, now: datetime) -> None:
    """R-REV-2: after completion, reviews until 10 days have passed."""
    if review_closes_at is not None and now >= review_closes_at:
        raise Conflict(
            f"reviews closed on {review_closes_at.isoformat()}: a review can be left up to "
            "10 days after the order was completed"
        )


def new_average(average: float, count: int, stars: int) -> tuple[float, int]:
    """The seller's rating after one more review."""
    return (average * count + stars) / (count + 1), count + 1


def without_review(average: float, count: int, stars: int) -> tuple[float, int]:
    """The seller's rating once a review stops counting."""
    if count <= 1:
        return 0.0, 0
    return max(0.0, min(5.0, (average * count - stars) / (count - 1))), count - 1


# -- removal by support (R-REV-6) ----------------------------------------------------------
@dataclass(frozen=True)
class RemovalReason:
    code: str
    fr: str
    en: str


# The help center: support removes only reviews that break the terms, i.e. that contain
# false statements or are abusive ("fausses déclarations", "injurieux").
REMOVAL_REASONS = (
    RemovalReason("false_statements", "Fausses déclarations", "False statements"),
    RemovalReason("abuse", "Propos injurieux", "Abusive"),
)
REMOVAL_REASONS_BY_CODE = {r.code: r for r in REMOVAL_REASONS}
MAX_REMOVAL_EXPLANATION = 2000


def validate_removal(reason: str, explanation: str) -> tuple[RemovalReason, str]:
    problems: list[FieldProblem] = []
    found = REMOVAL_REASONS_BY_CODE.get(reason)
    if found is None:
        problems.append(
            FieldProblem(
                "reason",
                "review_removal.reason_unknown",
                f"reason must be one of: {', '.join(REMOVAL_REASONS_BY_CODE)}",
            )
        )
    text = explanation.strip()
    if not 1 <= len(text) <= MAX_REMOVAL_EXPLANATION:
        problems.append(
            FieldProblem(
                "explanation",
                "review_removal.explanation_length",
                f"explanation must be 1 to {MAX_REMOVAL_EXPLANATION} characters",
            )
        )
    if problems or found is None:
        raise InvalidInput(problems)
    return found, text
