"""Register, log in, refresh, log out; bearer tokens and what makes them invalid."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace_core.accounts.models import AuthSession, User
from marketplace_core.accounts.tokens import token_hash
from marketplace_core.clock import ManualClock
from tests.factories import TEST_PASSWORD
from tests.integration.api.harness import Api, People

PASSWORD = "un long mot de passe"


def register(api: Api, email: str, password: str = PASSWORD) -> tuple[int, Any]:
    response = api.client.post("/auth/register", json={"email": email, "password": password})
    return response.status_code, response.json()


def login(api: Api, email: str, password: str = PASSWORD) -> tuple[int, Any]:
    response = api.client.post("/auth/login", json={"email": email, "password": password})
    return response.status_code, response.json()


def test_register_then_log_in_and_read_the_account(api: Api) -> None:
    assert register(api, "  Claire@Exemple.FR ")[0] == 202
    status, tokens = login(api, "claire@exemple.fr")
    assert status == 200, tokens
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == api.runtime.settings.access_token_seconds

    me = api.client.get("/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json() | {"id": 0, "created_at": ""} == {
        "id": 0,
        "email": "claire@exemple.fr",
        "role": "user",
        "seller_username": None,
        "created_at": "",
    }
    with Session(api.runtime.engine) as session:
        user = session.scalars(select(User)).one()
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        [row] = session.scalars(select(AuthSession)).all()
        # Only the refresh token's hash is stored.
        assert row.token_hash == token_hash(str(tokens["refresh_token"]))


def test_registering_a_taken_email_answers_exactly_as_a_new_one(api: Api) -> None:
    first = register(api, "claire@exemple.fr")
    again = register(api, "CLAIRE@exemple.fr", "un tout autre mot de passe")
    assert first == again
    assert first[0] == 202
    assert api.count(User) == 1
    # The first password still works: the second registration changed nothing.
    assert login(api, "claire@exemple.fr")[0] == 200


def test_registration_names_every_invalid_field(api: Api) -> None:
    status, body = register(api, "pas-une-adresse", "court")
    assert status == 422
    assert {(p["field"], p["rule"]) for p in body["detail"]} == {
        ("email", "email.format"),
        ("password", "password.length"),
    }
    status, body = register(api, "claire@exemple.fr", "azertyuiop")
    assert (status, body["detail"][0]["rule"]) == (422, "password.common")
    status, body = register(api, "claire@exemple.fr", "claire@exemple.fr")
    assert (status, body["detail"][0]["rule"]) == (422, "password.is_email")
    assert api.count(User) == 0


def test_unknown_fields_are_refused(api: Api) -> None:
    response = api.client.post(
        "/auth/register",
        json={"email": "claire@exemple.fr", "password": PASSWORD, "role": "support"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "role", "rule": "extra_forbidden", "message": "Extra inputs are not permitted"}
    ]
    assert api.count(User) == 0


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(api: Api) -> None:
    register(api, "claire@exemple.fr")
    wrong = api.client.post(
        "/auth/login", json={"email": "claire@exemple.fr", "password": "pas le bon mot de passe"}
    )
    unknown = api.client.post(
        "/auth/login", json={"email": "personne@exemple.fr", "password": PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "wrong email or password"}
    assert wrong.headers["WWW-Authenticate"] == unknown.headers["WWW-Authenticate"] == "Bearer"


def test_an_unknown_email_takes_about_as_long_as_a_wrong_password(api: Api) -> None:
    """An unknown address checks a dummy hash: timing does not tell who is registered."""
    register(api, "claire@exemple.fr")

    def fastest(email: str) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            assert login(api, email, "pas le bon mot de passe")[0] == 401
            times.append(time.perf_counter() - started)
        return min(times)

    known, unknown = fastest("claire@exemple.fr"), fastest("personne@exemple.fr")
    assert unknown > 0.5 * known, (known, unknown)


def test_refresh_rotates_the_refresh_token(api: Api) -> None:
    register(api, "claire@exemple.fr")
    _, tokens = login(api, "claire@exemple.fr")
    response = api.client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 200
    renewed = response.json()
    assert renewed["refresh_token"] != tokens["refresh_token"]
    assert (
        api.client.get(
            "/me", headers={"Authorization": f"Bearer {renewed['access_token']}"}
        ).status_code
        == 200
    )
    # The old refresh token is spent.
    again = api.client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert again.status_code == 401


def test_logout_ends_the_access_and_the_refresh_token_at_once(api: Api) -> None:
    register(api, "claire@exemple.fr")
    _, tokens = login(api, "claire@exemple.fr")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert api.client.post("/auth/logout", headers=headers).status_code == 204
    me = api.client.get("/me", headers=headers)
    assert me.status_code == 401
    assert me.headers["WWW-Authenticate"] == "Bearer"
    refreshed = api.client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 401


def test_access_tokens_expire_and_sessions_end(
    api: Api, people: People, clock: ManualClock
) -> None:
    headers = api.auth(people.buyer)
    assert api.client.get("/me", headers=headers).status_code == 200
    clock.advance(timedelta(seconds=api.runtime.settings.access_token_seconds))
    expired = api.client.get("/me", headers=headers)
    assert (expired.status_code, expired.json()) == (401, {"detail": "access token expired"})
    assert expired.headers["WWW-Authenticate"] == "Bearer"


def test_a_session_past_its_lifetime_cannot_be_refreshed(api: Api, clock: ManualClock) -> None:
    register(api, "claire@exemple.fr")
    _, tokens = login(api, "claire@exemple.fr")
    clock.advance(timedelta(days=api.runtime.settings.session_days))
    response = api.client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 401


def test_bad_tokens_are_401(api: Api, people: People) -> None:
    good = api.token(people.buyer)
    header, payload, signature = good.split(".")
    forged = f"{header}.{payload}.{signature[::-1]}"
    for value in (
        None,
        "Bearer",
        "Bearer pas-un-jeton",
        f"Bearer {forged}",
        f"Basic {good}",
    ):
        headers = {} if value is None else {"Authorization": value}
        response = api.client.get("/me", headers=headers)
        assert response.status_code == 401, value
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert set(response.json()) == {"detail"}


def test_the_factory_password_logs_in(api: Api, people: People) -> None:
    assert login(api, "paul@exemple.fr", TEST_PASSWORD)[0] == 200
