"""Pure account rules: e-mail addresses, passwords, usernames, the login throttle window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from marketplace_core.accounts.rules import (
    ThrottleWindow,
    admit,
    give_back,
    normalise_email,
    retry_after_seconds,
    username_problems,
    validate_credentials,
    validate_email,
)
from marketplace_core.errors import InvalidInput

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def rules(exc: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in exc.value.problems]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (" Claire@Exemple.FR ", "claire@exemple.fr"),
        ("a.b+c@sous.domaine.fr", "a.b+c@sous.domaine.fr"),
    ],
)
def test_valid_emails_are_normalised(raw: str, stored: str) -> None:
    assert validate_email(raw) == stored
    assert normalise_email(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "claire",
        "claire@",
        "@exemple.fr",
        "claire@exemple",
        "cla ire@exemple.fr",
        "claire@@exemple.fr",
        "claire@exemple..fr",
        "claire@.exemple.fr",
        "x" * 250 + "@exemple.fr",
    ],
)
def test_invalid_emails_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_email(raw)
    assert rules(caught) == [("email", "email.format")]


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("court", "password.length"),
        ("x" * 129, "password.length"),
        ("azertyuiop", "password.common"),
        ("AZERTYUIOP", "password.common"),
        ("aaaaaaaaaaaa", "password.common"),
        ("abababababab", "password.common"),
        ("claire@exemple.fr", "password.is_email"),
        ("clairedupont", "password.is_email"),
    ],
)
def test_weak_passwords_are_refused(password: str, rule: str) -> None:
    email = (
        "clairedupont@exemple.fr"
        if rule == "password.is_email" and "@" not in password
        else "claire@exemple.fr"
    )
    with pytest.raises(InvalidInput) as caught:
        validate_credentials(email, password)
    assert rules(caught) == [("password", rule)]


def test_every_credential_problem_is_named_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_credentials("pas-une-adresse", "court")
    assert rules(caught) == [("email", "email.format"), ("password", "password.length")]


def test_good_credentials_pass() -> None:
    assert validate_credentials("Claire@Exemple.fr", "un long mot de passe") == "claire@exemple.fr"


@pytest.mark.parametrize("username", ["abc", "claire_design", "a" * 30, "0_9"])
def test_valid_usernames(username: str) -> None:
    assert username_problems(username) == []


@pytest.mark.parametrize(
    ("username", "rule"),
    [
        ("ab", "username.format"),
        ("a" * 31, "username.format"),
        ("Claire", "username.format"),
        ("claire-design", "username.format"),
        ("clairé", "username.format"),
        ("admin", "username.reserved"),
        ("support", "username.reserved"),
    ],
)
def test_invalid_usernames(username: str, rule: str) -> None:
    assert [p.rule for p in username_problems(username)] == [rule]


def test_attempts_are_counted_until_the_limit_then_refused_until_the_window_ends() -> None:
    current: ThrottleWindow | None = None
    for n in range(1, 4):
        admission = admit(current, NOW + timedelta(minutes=n), limit=3, window=WINDOW)
        assert admission.retry_after is None
        current = admission.window
        assert current == ThrottleWindow(n, NOW + timedelta(minutes=1))
    assert current is not None
    refused = admit(current, NOW + timedelta(minutes=10), limit=3, window=WINDOW)
    assert refused.retry_after == timedelta(minutes=6)  # the window opened at minute 1
    assert refused.window == current  # a refused attempt is not counted
    fresh = admit(current, NOW + timedelta(minutes=16), limit=3, window=WINDOW)
    assert (fresh.retry_after, fresh.window) == (
        None,
        ThrottleWindow(1, NOW + timedelta(minutes=16)),
    )


def test_a_success_gives_its_attempt_back() -> None:
    assert give_back(ThrottleWindow(2, NOW)) == ThrottleWindow(1, NOW)
    assert give_back(ThrottleWindow(0, NOW)) == ThrottleWindow(0, NOW)


@pytest.mark.parametrize(
    ("wait", "seconds"),
    [
        (timedelta(seconds=90), 90),
        (timedelta(seconds=89.2), 90),
        (timedelta(milliseconds=1), 1),
        (timedelta(0), 1),
    ],
)
def test_retry_after_is_whole_seconds_at_least_one(wait: timedelta, seconds: int) -> None:
    assert retry_after_seconds(wait) == seconds
