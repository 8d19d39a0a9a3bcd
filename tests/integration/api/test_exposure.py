"""What the API exposes to browsers and to hostile input: CORS for the front-end origins
only, uploaded files never rendered as a page of the API's origin, file keys, file names
and usernames that cannot reach outside the file storage nor break anything when huge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marketplace_core.accounts.tokens import SECRET_FILE, secret_key
from microtache.runtime import Runtime
from tests.factories import create_user
from tests.integration.api.harness import Api, serve
from tests.integration.api.test_quotes import VOICE_OVER, Cast, ask, make_cast

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
FRONT_END = "https://www.microtache.example"


@pytest.fixture
def api(runtime: Runtime) -> Iterator[Api]:
    yield from serve(runtime, cors_origins=f"{FRONT_END}, https://app.microtache.example")


@pytest.fixture
def cast(api: Api) -> Cast:
    return make_cast(api)


def upload(api: Api, user: int, data: bytes, name: str, content_type: str) -> Any:
    return api.client.post(
        "/uploads",
        params={"filename": name},
        content=data,
        headers=api.auth(user) | {"Content-Type": content_type},
    )


# -- CORS ---------------------------------------------------------------------------------
def preflight(api: Api, origin: str, path: str = "/me") -> Any:
    return api.client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )


@sqlite_only
def test_cors_lets_the_front_end_origins_call_the_api_and_no_other(api: Api) -> None:
    for origin in (FRONT_END, "https://app.microtache.example", "http://127.0.0.1:8000"):
        allowed = preflight(api, origin)
        assert allowed.status_code == 200, origin
        assert allowed.headers["access-control-allow-origin"] == origin
        assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-credentials" not in allowed.headers
        got = api.client.get("/categories", headers={"Origin": origin})
        assert got.headers["access-control-allow-origin"] == origin
        assert "retry-after" in got.headers["access-control-expose-headers"].lower()
    for origin in ("https://evil.example", "https://www.microtache.example.evil.example", "null"):
        refused = preflight(api, origin)
        assert refused.status_code == 400, origin
        assert "access-control-allow-origin" not in refused.headers
        got = api.client.get("/categories", headers={"Origin": origin})
        assert got.status_code == 200  # the browser, not the server, withholds the answer
        assert "access-control-allow-origin" not in got.headers


# -- Downloads ----------------------------------------------------------------------------
@sqlite_only
@pytest.mark.parametrize(
    ("name", "content_type", "sent_as"),
    [
        ("page.html", "text/html; charset=utf-8", "application/octet-stream"),
        ("dessin.svg", "image/svg+xml", "application/octet-stream"),
        ("page.xhtml", "application/xhtml+xml", "application/octet-stream"),
        ("script.js", "text/javascript", "application/octet-stream"),
        ("brief.pdf", "application/pdf", "application/octet-stream"),
        ("sans-type.bin", "", "application/octet-stream"),
        ("photo.png", "image/png", "image/png"),
        ("notes.txt", "text/plain", "text/plain"),
    ],
)
def test_an_uploaded_file_is_always_downloaded_never_rendered(
    api: Api, cast: Cast, name: str, content_type: str, sent_as: str
) -> None:
    data = b"<html><script>alert(document.cookie)</script></html>"
    stored = upload(api, cast.buyer, data, name, content_type)
    assert stored.status_code == 201, stored.text
    key = stored.json()["key"]
    request_id = ask(api, cast.buyer, VOICE_OVER | {"attachments": [key]}).json()["id"]
    got = api.call("GET", f"/quote-requests/{request_id}/attachments/{key}", user=cast.seller)
    assert (got.status_code, got.content) == (200, data)
    assert got.headers["content-type"].split(";")[0] == sent_as
    assert got.headers["content-disposition"] == f"attachment; filename*=UTF-8''{name}"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-security-policy"] == "sandbox; default-src 'none'"


# -- Path traversal, oversized values -----------------------------------------------------
TRAVERSALS = [
    "../../secret_key",
    "..%2F..%2Fsecret_key",
    "%2e%2e%2f%2e%2e%2fsecret_key",
    "..%5C..%5Csecret_key",
    "....//....//secret_key",
    "%00",
    "uploads%2F..%2F..%2Fsecret_key",
    "/etc/passwd",
    "a" * 10_000,
    "é" * 3_000,
]


def secret_of(api: Api) -> bytes:
    secret_key(api.runtime.settings)  # written into the data dir if it was not yet
    path: Path = api.runtime.settings.data_dir / SECRET_FILE
    return path.read_bytes().strip()


@sqlite_only
def test_file_keys_and_usernames_never_reach_outside_nor_fail(api: Api, cast: Cast) -> None:
    secret = secret_of(api)
    key = upload(api, cast.buyer, b"brief", "brief.pdf", "application/pdf").json()["key"]
    request_id = ask(api, cast.buyer, VOICE_OVER | {"attachments": [key]}).json()["id"]
    for bad in TRAVERSALS:
        for path in (
            f"/quote-requests/{request_id}/attachments/{bad}",
            f"/images/{bad}/full.jpg",
            f"/sellers/{bad}",
            f"/{bad}",
            f"/vendeurs/{bad}",
        ):
            got = api.call("GET", path, user=cast.buyer)
            assert got.status_code in (404, 422), (path[:80], got.status_code)
            assert secret not in got.content, path[:80]


@sqlite_only
def test_an_upload_name_is_only_a_name(api: Api, cast: Cast) -> None:
    files = api.runtime.settings.files_dir.resolve()
    for name, kept in (
        ("../../../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("/var/lib/secret_key", "secret_key"),
    ):
        stored = upload(api, cast.buyer, b"contenu", name, "text/plain")
        assert stored.status_code == 201, stored.text
        assert stored.json()["filename"] == kept
    assert all(p.resolve().is_relative_to(files) for p in files.rglob("*"))
    for name in ("", "..", "nom\x00.pdf", "a" * 300, "b/" + "c" * 300):
        refused = upload(api, cast.buyer, b"contenu", name, "text/plain")
        assert refused.status_code == 422, name[:40]
        assert refused.json()["detail"][0]["field"] == "filename"


@sqlite_only
def test_a_username_is_checked_before_anything_is_written(api: Api) -> None:
    with api.runtime.sessions.begin() as session:
        user = create_user(session, clock=api.runtime.clock, email="ines@exemple.fr").id
    profile = {
        "display_name": "Inès",
        "country": "FR",
        "timezone": "Europe/Paris",
        "languages": [{"code": "fr", "proficiency": "native"}],
    }
    for username in ("../admin", "a/b", "x" * 10_000, "..", "ines%2F..", "ines\x00"):
        refused = api.call("POST", "/me/seller", user=user, json={"username": username} | profile)
        assert refused.status_code == 422, username[:40]
        assert "username" in {p["field"] for p in refused.json()["detail"]}
    assert api.call("GET", "/me/seller", user=user).status_code == 404
