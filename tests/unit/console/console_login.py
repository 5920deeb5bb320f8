"""Logging in to the console in tests: through the real /masuk form, CSRF token and all."""

from __future__ import annotations

import re

import httpx
from starlette.applications import Starlette
from starlette.testclient import TestClient

from console.accounts import create_account

PASSWORD = "kata-sandi-uji-123"
HIDDEN_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_account(app: Starlette, username: str, role: str, password: str = PASSWORD) -> None:
    with app.state.sessions() as session, session.begin():
        create_account(session, username, role, password)


def page_token(client: TestClient, path: str = "/") -> str:
    """The CSRF token the page's forms carry."""
    found = HIDDEN_TOKEN.search(client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def log_in(client: TestClient, username: str, password: str = PASSWORD) -> httpx.Response:
    token = page_token(client, "/masuk")
    return client.post(
        "/masuk", data={"csrf_token": token, "username": username, "password": password}, follow_redirects=False
    )


def csrf(client: TestClient) -> str:
    """The logged-in session's CSRF token."""
    return page_token(client, "/sandi")
