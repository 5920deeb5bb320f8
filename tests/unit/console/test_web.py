"""The one door every page goes through: login, roles, the CSRF token, body size, headers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from console.web import SAFE_METHODS
from tests.unit.console.console_login import csrf

PUBLIC_PATHS = {"/masuk", "/health"}


def guarded_routes(app: Starlette) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        if isinstance(route, Route) and route.path not in PUBLIC_PATHS:
            found += [(method, route.path) for method in sorted(route.methods or ()) if method != "HEAD"]
    return found


def concrete(path: str) -> str:
    """A route path with its parameters filled in ("/akun/{account_id:int}" -> "/akun/1")."""
    return "/".join("1" if part.startswith("{") else part for part in path.split("/"))


def test_every_page_but_login_and_health_goes_through_the_role_check(console_app: Starlette) -> None:
    unguarded = [
        route.path
        for route in console_app.routes
        if isinstance(route, Route) and route.path not in PUBLIC_PATHS and not hasattr(route.endpoint, "required_role")
    ]
    assert unguarded == []


def test_a_stranger_is_sent_to_the_login_page_or_refused(console_app: Starlette) -> None:
    client = TestClient(console_app)
    for method, path in guarded_routes(console_app):
        response = client.request(method, concrete(path), follow_redirects=False)
        if method in SAFE_METHODS:
            assert response.status_code == 303 and response.headers["location"].startswith("/masuk?next="), path
        else:
            assert response.status_code == 401, (method, path)


def test_every_state_changing_request_without_the_csrf_token_is_refused(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    client = console_client("admin")
    unsafe = [(m, p) for m, p in guarded_routes(console_app) if m not in SAFE_METHODS]
    assert ("POST", "/akun") in unsafe and ("POST", "/keluar") in unsafe
    for method, path in unsafe:
        response = client.request(method, concrete(path), data={"csrf_token": "forged"})
        assert response.status_code == 403, (method, path)
        assert "Permintaan ditolak" in response.text
    assert client.get("/").status_code == 200  # still logged in: /keluar did not run


def test_the_right_csrf_token_in_a_header_is_accepted(console_client: Callable[..., TestClient]) -> None:
    client = console_client("analis")
    response = client.post("/keluar", headers={"X-CSRF-Token": csrf(client)}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303  # logged out


def test_a_body_over_the_limit_is_refused_before_it_is_read(console_client: Callable[..., TestClient]) -> None:
    client = console_client("admin")
    token = csrf(client)
    response = client.post("/akun", data={"csrf_token": token, "username": "x" * 2_000_000, "role": "analis"})
    assert response.status_code == 413
    assert "terlalu besar" in response.text


@pytest.mark.parametrize("path", ["/masuk", "/health", "/static/console.css"])
def test_pages_forbid_framing_and_outside_scripts(console_app: Starlette, path: str) -> None:
    response = TestClient(console_app).get(path)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_health_says_ok_without_a_login(console_app: Starlette) -> None:
    response = TestClient(console_app).get("/health")
    assert response.json() == {"status": "ok"}


def test_an_unknown_page_is_a_plain_indonesian_404(console_client: Callable[..., TestClient]) -> None:
    response = console_client("analis").get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ada" in response.text
