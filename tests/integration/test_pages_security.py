"""The pages' protections, over HTTP: headers, CSRF on every form, the session cookie,
escaped user text, no open redirect."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from microtache.runtime import Runtime
from search_api.app import create_app
from search_api.pages.security import CSP
from tests.factories import TEST_PASSWORD, create_gig, create_seller, create_user

EMAIL = "acheteuse@exemple.fr"


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with runtime.sessions.begin() as session:
        create_user(session, clock=runtime.clock, email=EMAIL)
        owner = create_user(session, clock=runtime.clock, email="vendeuse@exemple.fr")
        seller = create_seller(session, clock=runtime.clock, username="studio_test", user=owner)
        seller.display_name = '<img src=x onerror="alert(1)">'
        seller.description = "<script>alert('profil')</script>"
        create_gig(
            session, seller=seller, clock=runtime.clock, title="Je vais <script>x()</script> créer"
        )
    with TestClient(create_app(runtime)) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the form carries a CSRF token"
    return found.group(1)


def log_in(client: TestClient, password: str = TEST_PASSWORD, next_: str = "/") -> Response:
    token = csrf_of(client.get("/connexion").text)
    response: Response = client.post(
        "/connexion",
        data={"csrf": token, "email": EMAIL, "password": password, "next": next_},
        follow_redirects=False,
    )
    return response


def test_pages_carry_the_security_headers(client: TestClient) -> None:
    page = client.get("/connexion")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP
    assert "style-src 'self'" in CSP
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in page.text.split("<body>", 1)[1]  # no inline script
    assert " style=" not in page.text  # no inline style
    assert client.get("/health").headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in client.get("/docs").headers  # its own scripts


def test_a_form_without_its_token_is_refused(client: TestClient) -> None:
    client.get("/connexion")  # the CSRF cookie is set
    for token in ("", "forged"):
        response = client.post(
            "/connexion",
            data={"csrf": token, "email": EMAIL, "password": TEST_PASSWORD},
            follow_redirects=False,
        )
        assert response.status_code == 403
        assert "mt_session" not in response.cookies
    # A token from another browser (another cookie) is worth nothing here.
    other = TestClient(client.app)
    stolen = csrf_of(other.get("/connexion").text)
    response = client.post(
        "/connexion",
        data={"csrf": stolen, "email": EMAIL, "password": TEST_PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_the_session_cookie_is_httponly_lax_and_secure_behind_https(
    client: TestClient, runtime: Runtime
) -> None:
    response = log_in(client)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("mt_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http: a Secure cookie would never come back
    assert client.get("/mes-demandes").status_code == 200

    secure = TestClient(client.app, base_url="https://testserver")
    token = csrf_of(secure.get("/connexion").text)
    over_https = secure.post(
        "/connexion",
        data={"csrf": token, "email": EMAIL, "password": TEST_PASSWORD},
        follow_redirects=False,
    )
    assert "Secure" in over_https.headers["set-cookie"]


def test_logging_out_ends_the_session(client: TestClient) -> None:
    log_in(client)
    cookie = client.cookies.get("mt_session")
    assert client.get("/mes-demandes", follow_redirects=False).status_code == 200
    token = csrf_of(client.get("/mes-demandes").text)
    assert (
        client.post("/deconnexion", data={"csrf": token}, follow_redirects=False).status_code == 303
    )
    client.cookies.set("mt_session", cookie or "")  # even a kept copy no longer works
    response = client.get("/mes-demandes", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/connexion?next=%2Fmes-demandes")


def test_a_wrong_password_is_a_page_not_a_session(client: TestClient) -> None:
    response = log_in(client, password="pas le bon mot de passe")
    assert response.status_code == 401
    assert "Adresse e-mail ou mot de passe incorrect." in response.text
    assert "mt_session" not in client.cookies


def test_after_logging_in_only_a_path_of_this_site(client: TestClient) -> None:
    for target in ("//ailleurs.example/piege", "https://ailleurs.example/", "/\\ailleurs.example"):
        response = log_in(client, next_=target)
        assert response.headers["location"] == "/"


def test_user_text_is_escaped_on_every_page(client: TestClient) -> None:
    profile = client.get("/vendeurs/studio_test").text
    assert "<script>alert('profil')</script>" not in profile
    assert "&lt;script&gt;alert(&#39;profil&#39;)&lt;/script&gt;" in profile
    assert '<img src=x onerror="alert(1)">' not in profile
    short = client.get("/studio_test")
    assert short.status_code == 200
    gig_id = int(re.search(r'href="/services/(\d+)"', profile).group(1))  # type: ignore[union-attr]
    gig = client.get(f"/services/{gig_id}").text
    assert "<script>x()</script>" not in gig
    assert "&lt;script&gt;x()&lt;/script&gt;" in gig


def test_unknown_things_are_pages_not_errors(client: TestClient) -> None:
    for path in ("/services/999999", "/services/abc", "/vendeurs/personne", "/categories/inconnue"):
        response = client.get(path)
        assert response.status_code in (404, 422), path
        assert response.headers["content-type"].startswith("text/html"), path
    bad = client.get("/recherche?level=legendary")
    assert bad.status_code == 422
    assert "level" in bad.text


def test_signing_up_then_logging_in(client: TestClient) -> None:
    token = csrf_of(client.get("/inscription").text)
    email, password = "nouvelle@exemple.fr", "un tout nouveau mot de passe"
    response = client.post(
        "/inscription", data={"csrf": token, "email": email, "password": password}
    )
    assert response.status_code == 200
    assert "connectez-vous" in response.text
    # The same answer for an address already taken: nothing tells them apart.
    again = client.post("/inscription", data={"csrf": token, "email": email, "password": password})
    assert again.text.replace(token, "") == response.text.replace(token, "")
    weak = client.post(
        "/inscription", data={"csrf": token, "email": "x@exemple.fr", "password": "court"}
    )
    assert weak.status_code == 422
    logged = client.post(
        "/connexion",
        data={"csrf": token, "email": email, "password": password},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    assert client.get("/mes-demandes").status_code == 200
