"""Secrets never reach the logs: everything the engine and its libraries log while accounts
register, log in (rightly and wrongly), refresh and log out, with every logger at DEBUG,
goes through the engine's own log handler (text and JSON); none of the passwords, tokens,
signing keys or URL passwords is in what it writes, even when a library logs them."""

from __future__ import annotations

import dataclasses
import io
import logging

import pytest
from fastapi.testclient import TestClient

from marketplace_core.accounts.tokens import signing_keys
from microtache.runtime import Runtime
from search_api.app import create_app
from search_api.observability import log_handler
from search_api.redaction import Redact, configured_secrets

PASSWORD = "mon-mot-de-passe-tres-secret"
SIGNING = "cle-2026:" + "s" * 40
DB_PASSWORD = "pgSecret-8e1f"
BROKER_PASSWORD = "redisSecret-77aa"
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@sqlite_only
@pytest.mark.parametrize("log_format", ["text", "json"])
def test_no_secret_is_written_to_the_logs(runtime: Runtime, log_format: str) -> None:
    settings = runtime.settings.model_copy(
        update={
            "token_signing_keys": SIGNING,
            # Never reached: only its password matters here.
            "celery_broker_url": f"redis://:{BROKER_PASSWORD}@127.0.0.1:1/0",
        }
    )
    runtime = dataclasses.replace(runtime, settings=settings)
    secrets = configured_secrets(settings)
    assert SIGNING.split(":", 1)[1] in secrets
    assert BROKER_PASSWORD in secrets
    redact = Redact([*secrets, DB_PASSWORD])
    stream = io.StringIO()
    handler = log_handler("json" if log_format == "json" else "text", redact, stream)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    leaked: list[str] = []
    try:
        with TestClient(create_app(runtime)) as client:
            account = {"email": "paul@exemple.fr", "password": PASSWORD}
            assert client.post("/auth/register", json=account).status_code == 202
            wrong = client.post("/auth/login", json=account | {"password": PASSWORD + "x"})
            assert wrong.status_code == 401
            tokens = client.post("/auth/login", json=account).json()
            bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
            assert client.get("/me", headers=bearer).status_code == 200
            again = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
            assert again.status_code == 200
            fresh = again.json()
            logout = client.post(
                "/auth/logout", headers={"Authorization": f"Bearer {fresh['access_token']}"}
            )
            assert logout.status_code == 204
            leaked = [
                tokens["access_token"],
                tokens["refresh_token"],
                fresh["access_token"],
                fresh["refresh_token"],
            ]
        # What a library might log: a URL with its password, a header, a form, a traceback.
        noisy = logging.getLogger("some.library")
        access = logging.getLogger("uvicorn.access")
        # A server started by an earlier test may have disabled existing loggers, and
        # uvicorn's own configuration keeps its records from the root handlers (its
        # loggers don't propagate) or below its log level.
        uvicorns = [access, logging.getLogger("uvicorn")]
        kept = [(each.propagate, each.level) for each in uvicorns]
        noisy.disabled = False
        for each in uvicorns:
            each.disabled, each.propagate = False, True
            each.setLevel(logging.NOTSET)
        noisy.warning(
            "connecting to postgresql+psycopg://microtache:%s@db.internal/microtache failed",
            DB_PASSWORD,
        )
        noisy.info("request headers: {'authorization': 'Bearer %s'}", leaked[0])
        noisy.info("form: email=paul@exemple.fr&password=%s", PASSWORD)
        try:
            raise RuntimeError(f"refresh failed for token={leaked[1]} key={SIGNING}")
        except RuntimeError:
            noisy.exception("while refreshing")
        access.info(
            '%s - "%s %s HTTP/%s" %d',
            "127.0.0.1:5000",
            "GET",
            f"/me?access_token={leaked[2]}",
            "1.1",
            200,
        )
        for each, (propagate, each_level) in zip(uvicorns, kept, strict=True):
            each.propagate = propagate
            each.setLevel(each_level)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    text = stream.getvalue()
    assert "while refreshing" in text  # the records were written, the secrets were not
    assert "GET /me?access_token=[redacted] HTTP/1.1" in text
    for secret in [PASSWORD, DB_PASSWORD, BROKER_PASSWORD, *leaked, SIGNING.split(":")[1]]:
        assert secret not in text, secret[:12]
    for key in signing_keys(settings):
        assert key.secret not in text
