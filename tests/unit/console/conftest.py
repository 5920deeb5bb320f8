"""Console fixtures: the real app on a fresh SQLite database (per test), logged in through /masuk."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from console.app import create_app
from infobansos.settings import get_settings
from tests.unit.console.console_login import log_in, make_account


@pytest.fixture
def console_app() -> Starlette:
    return create_app(get_settings())


@pytest.fixture
def console_client(console_app: Starlette) -> Iterator[Callable[..., TestClient]]:
    """`console_client("editor")`: a client logged in as a fresh account with that role."""
    clients: list[TestClient] = []

    def make(role: str, username: str | None = None) -> TestClient:
        name = username or f"{role}{len(clients)}"
        make_account(console_app, name, role)
        client = TestClient(console_app, base_url="http://127.0.0.1")
        clients.append(client)
        assert log_in(client, name).status_code == 303
        return client

    yield make
    for client in clients:
        client.close()
