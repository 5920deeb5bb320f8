"""Logging in, the lock after five wrong passwords, logging out, changing one's password."""

from __future__ import annotations

from collections.abc import Callable

from starlette.applications import Starlette
from starlette.testclient import TestClient

from console.accounts import MAX_FAILED_LOGINS
from console.web import SESSION_COOKIE
from tests.unit.console.console_login import PASSWORD, csrf, log_in, make_account


def test_the_right_password_opens_a_session_with_a_safe_cookie(console_app: Starlette) -> None:
    make_account(console_app, "sari", "editor")
    client = TestClient(console_app)
    response = log_in(client, "sari")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert "Selamat datang, sari" in client.get("/").text


def test_behind_https_the_session_cookie_is_secure(console_app: Starlette) -> None:
    console_app.state.settings = __import__("dataclasses").replace(console_app.state.settings, console_https=True)
    make_account(console_app, "sari", "editor")
    response = log_in(TestClient(console_app, base_url="https://127.0.0.1"), "sari")
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "Secure" in cookie


def test_a_wrong_password_says_so_in_indonesian(console_app: Starlette) -> None:
    make_account(console_app, "sari", "editor")
    response = log_in(TestClient(console_app), "sari", "salah-salah-salah")
    assert response.status_code == 401
    assert "kata sandi salah" in response.text


def test_the_sixth_try_is_refused_even_with_the_right_password(console_app: Starlette) -> None:
    make_account(console_app, "sari", "editor")
    client = TestClient(console_app)
    for _ in range(MAX_FAILED_LOGINS):
        log_in(client, "sari", "tebakan-yang-salah")
    response = log_in(client, "sari", PASSWORD)
    assert response.status_code == 403
    assert "dikunci" in response.text
    assert client.get("/", follow_redirects=False).status_code == 303  # not logged in


def test_the_login_form_needs_its_own_csrf_token(console_app: Starlette) -> None:
    make_account(console_app, "sari", "editor")
    client = TestClient(console_app)
    response = client.post("/masuk", data={"username": "sari", "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_next_never_leads_off_the_console(console_app: Starlette) -> None:
    make_account(console_app, "sari", "editor")
    client = TestClient(console_app)
    token = client.get("/masuk?next=//evil.example/x").text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/masuk",
        data={"csrf_token": token, "username": "sari", "password": PASSWORD, "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_logging_out_ends_the_session_on_the_server(console_client: Callable[..., TestClient]) -> None:
    client = console_client("analis")
    cookie = client.cookies[SESSION_COOKIE]
    client.post("/keluar", data={"csrf_token": csrf(client)})
    replay = TestClient(client.app, cookies={SESSION_COOKIE: cookie})
    assert replay.get("/", follow_redirects=False).status_code == 303


def test_changing_the_password_needs_the_current_one_and_logs_out_other_devices(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    client = console_client("editor", "sari")
    other = TestClient(console_app)
    log_in(other, "sari")
    wrong = client.post(
        "/sandi", data={"csrf_token": csrf(client), "current": "salah", "new": "baru-1234567", "again": "baru-1234567"}
    )
    assert wrong.status_code == 400 and "Kata sandi sekarang salah" in wrong.text
    short = client.post(
        "/sandi", data={"csrf_token": csrf(client), "current": PASSWORD, "new": "pendek", "again": "pendek"}
    )
    assert "terlalu pendek" in short.text
    done = client.post(
        "/sandi", data={"csrf_token": csrf(client), "current": PASSWORD, "new": "baru-1234567", "again": "baru-1234567"}
    )
    assert "sudah diganti" in done.text
    assert client.get("/", follow_redirects=False).status_code == 200
    assert other.get("/", follow_redirects=False).status_code == 303
    assert log_in(TestClient(console_app), "sari", "baru-1234567").status_code == 303
