"""Pure rules of accounts: e-mail addresses, passwords, usernames, login throttling. No I/O."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from marketplace_core.errors import FieldProblem, InvalidInput

EMAIL_MAX_LENGTH = 254
PASSWORD_LENGTH = (10, 128)
USERNAME_LENGTH = (3, 30)
USERNAME_PATTERN = re.compile(rf"^[a-z0-9_]{{{USERNAME_LENGTH[0]},{USERNAME_LENGTH[1]}}}$")
# Names a buyer could take for the platform itself.
RESERVED_USERNAMES = frozenset(
    {"admin", "administrateur", "microtache", "support", "aide", "help", "moderateur", "root"}
)
# The most used passwords of at least the minimum length; a longer list belongs in a file.
COMMON_PASSWORDS = frozenset(
    {
        "1234567890",
        "0123456789",
        "123456789a",
        "azertyuiop",
        "qwertyuiop",
        "motdepasse",
        "motdepasse1",
        "password12",
        "password123",
        "passwordpassword",
        "iloveyou12",
        "1q2w3e4r5t",
        "azerty1234",
        "qwerty1234",
        "abcdefghij",
        "soleil1234",
    }
)
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


def normalise_email(raw: str) -> str:
    """The form stored and looked up: one account per address whatever its case."""
    return raw.strip().lower()


def validate_email(raw: str) -> str:
    email = normalise_email(raw)
    domain = email.rpartition("@")[2]
    if (
        len(email) > EMAIL_MAX_LENGTH
        or not _EMAIL.match(email)
        or ".." in domain
        or domain.startswith((".", "-"))
        or any(ord(c) < 32 for c in email)
    ):
        raise InvalidInput.one(
            "email", "email.format", "email must be an address such as nom@exemple.fr"
        )
    return email


def password_problems(password: str, email: str) -> list[FieldProblem]:
    low, high = PASSWORD_LENGTH
    if not low <= len(password) <= high:
        return [
            FieldProblem(
                "password", "password.length", f"password must be {low} to {high} characters"
            )
        ]
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(password)) < 4:
        return [
            FieldProblem("password", "password.common", "password is too common or too repetitive")
        ]
    local_part = email.partition("@")[0]
    if lowered in (email, local_part):
        return [FieldProblem("password", "password.is_email", "password must not be the email")]
    return []


def validate_credentials(email: str, password: str) -> str:
    """The normalised e-mail, or :class:`InvalidInput` naming every problem."""
    problems: list[FieldProblem] = []
    try:
        email = validate_email(email)
    except InvalidInput as exc:
        problems += exc.problems
    problems += password_problems(password, normalise_email(email))
    if problems:
        raise InvalidInput(problems)
    return email


def username_problems(username: str, field: str = "username") -> list[FieldProblem]:
    if not USERNAME_PATTERN.match(username):
        return [
            FieldProblem(
                field,
                "username.format",
                "username must be 3 to 30 characters among a-z, 0-9 and _",
            )
        ]
    if username in RESERVED_USERNAMES:
        return [FieldProblem(field, "username.reserved", f"username {username!r} is reserved")]
    return []


# -- login throttling ------------------------------------------------------------------------
@dataclass(frozen=True)
class ThrottleWindow:
    """Failures counted in a fixed window that opens with the first failure."""

    failures: int
    started_at: datetime


@dataclass(frozen=True)
class Admission:
    window: ThrottleWindow  # the counter with this attempt counted (unchanged if refused)
    retry_after: timedelta | None  # set when refused


def admit(
    current: ThrottleWindow | None, now: datetime, *, limit: int, window: timedelta
) -> Admission:
    """Count one more login attempt, or refuse it while ``limit`` failures are in the window.

    Attempts are counted before the password is checked, so parallel attempts cannot slip
    past the limit; a successful login gives its attempt back (see :func:`give_back`).
    """
    if current is None or now >= current.started_at + window:
        return Admission(ThrottleWindow(1, now), None)
    if current.failures >= limit:
        return Admission(current, current.started_at + window - now)
    return Admission(ThrottleWindow(current.failures + 1, current.started_at), None)


def give_back(current: ThrottleWindow) -> ThrottleWindow:
    return ThrottleWindow(max(current.failures - 1, 0), current.started_at)


def retry_after_seconds(wait: timedelta) -> int:
    """What the Retry-After header says: whole seconds, at least one."""
    return max(1, math.ceil(wait.total_seconds()))
