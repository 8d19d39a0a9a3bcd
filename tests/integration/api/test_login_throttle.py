"""Failed logins are throttled per account and per client address, with counters in the
database (so every API process counts the same attempts) and windows moved by the clock."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from marketplace_core.accounts.models import LoginThrottle
from marketplace_core.clock import ManualClock
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.factories import TEST_PASSWORD, create_user
from tests.integration.api.harness import Api

WINDOW = 600
PER_ACCOUNT = 3
PER_ADDRESS = 5
HOME = ("198.51.100.7", 50000)
ELSEWHERE = ("203.0.113.9", 50000)


@pytest.fixture
def strict(runtime: Runtime) -> Runtime:
    settings = runtime.settings.model_copy(
        update={
            "login_window_seconds": WINDOW,
            "login_failures_per_account": PER_ACCOUNT,
            "login_failures_per_address": PER_ADDRESS,
        }
    )
    with runtime.sessions.begin() as session:
        for name in ("claire", "marc", "paul"):
            create_user(session, clock=runtime.clock, email=f"{name}@exemple.fr")
    return dataclasses.replace(runtime, settings=settings)


@pytest.fixture
def home(strict: Runtime) -> Api:
    app = create_app(strict)
    return Api(app, TestClient(app, client=HOME), strict)


def client_at(api: Api, address: tuple[str, int]) -> TestClient:
    """Another API process (a new app on the same database) seen from ``address``."""
    return TestClient(create_app(api.runtime), client=address)


def login(client: TestClient, email: str, password: str = TEST_PASSWORD) -> Response:
    response: Response = client.post("/auth/login", json={"email": email, "password": password})
    return response


def fail(client: TestClient, email: str) -> None:
    assert login(client, email, "pas le bon mot de passe").status_code == 401


def assert_throttled(response: Response, retry_after: int) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["Retry-After"] == str(retry_after)
    assert response.json() == {
        "detail": "too many failed logins; try again later",
        "retry_after": retry_after,
    }


def test_an_account_is_throttled_after_its_failures_until_the_window_passes(
    home: Api, clock: ManualClock
) -> None:
    for _ in range(PER_ACCOUNT):
        fail(home.client, "claire@exemple.fr")
    # Even the right password, and from another address: the account is throttled.
    assert_throttled(login(home.client, "claire@exemple.fr"), WINDOW)
    assert_throttled(login(client_at(home, ELSEWHERE), "Claire@Exemple.fr"), WINDOW)
    # Other accounts are not.
    assert login(home.client, "marc@exemple.fr").status_code == 200

    clock.advance(timedelta(seconds=WINDOW - 100))
    assert_throttled(login(home.client, "claire@exemple.fr"), 100)
    clock.advance(timedelta(seconds=100))
    # Refused attempts were not counted: the window that passed is the first one.
    assert login(home.client, "claire@exemple.fr").status_code == 200


def test_an_address_is_throttled_across_accounts(home: Api, clock: ManualClock) -> None:
    emails = ["claire@exemple.fr", "marc@exemple.fr", "personne@exemple.fr", "x@exemple.fr"]
    for n in range(PER_ADDRESS):
        fail(home.client, emails[n % len(emails)])
    # A fresh account with its right password: refused from this address…
    assert_throttled(login(home.client, "paul@exemple.fr"), WINDOW)
    # …not from another one.
    assert login(client_at(home, ELSEWHERE), "paul@exemple.fr").status_code == 200

    clock.advance(timedelta(seconds=WINDOW))
    assert login(home.client, "paul@exemple.fr").status_code == 200


def test_the_counters_are_shared_by_every_api_process(home: Api) -> None:
    other_process = client_at(home, HOME)
    fail(home.client, "claire@exemple.fr")
    fail(other_process, "claire@exemple.fr")
    fail(home.client, "claire@exemple.fr")
    assert_throttled(login(other_process, "claire@exemple.fr"), WINDOW)


def test_a_successful_login_clears_its_account_counter(home: Api) -> None:
    for _ in range(PER_ACCOUNT - 1):
        fail(home.client, "claire@exemple.fr")
    assert login(home.client, "claire@exemple.fr").status_code == 200
    for _ in range(PER_ACCOUNT - 1):
        fail(home.client, "claire@exemple.fr")
    assert login(home.client, "claire@exemple.fr").status_code == 200


def test_a_successful_login_does_not_clear_its_address_counter(home: Api) -> None:
    """One valid account must not let an address try many others."""
    for n in range(PER_ADDRESS - 1):
        fail(home.client, f"inconnu{n}@exemple.fr")
    assert login(home.client, "paul@exemple.fr").status_code == 200
    fail(home.client, "inconnu@exemple.fr")
    assert_throttled(login(home.client, "marc@exemple.fr"), WINDOW)


def test_counters_of_past_windows_are_deleted(home: Api, clock: ManualClock) -> None:
    fail(home.client, "claire@exemple.fr")
    assert home.count(LoginThrottle) == 2  # the account and the address
    clock.advance(timedelta(seconds=WINDOW + 1))
    fail(client_at(home, ELSEWHERE), "marc@exemple.fr")
    assert home.count(LoginThrottle) == 2  # the old two gone, two new ones
