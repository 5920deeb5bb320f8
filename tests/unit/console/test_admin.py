"""Accounts page (admin only) and the audit log."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from console.accounts import StaffAccount
from tests.unit.console.console_login import csrf, log_in


def test_an_admin_creates_an_account_and_sees_its_password_once(
    console_app: Starlette, console_client: Callable[..., TestClient]
) -> None:
    admin = console_client("admin")
    page = admin.post("/akun", data={"csrf_token": csrf(admin), "username": "budi", "role": "editor"})
    assert page.status_code == 200
    password = re.search(r'<p class="secret"><code>([^<]+)</code>', page.text).group(1)
    assert "hanya ditampilkan sekali" in page.text
    assert password not in admin.get("/akun").text
    assert password not in admin.get("/audit").text
    assert log_in(TestClient(console_app), "budi", password).status_code == 303


def test_an_editor_or_analis_cannot_manage_accounts(console_client: Callable[..., TestClient]) -> None:
    for role in ("editor", "analis"):
        client = console_client(role)
        assert client.get("/akun").status_code == 403
        response = client.post("/akun", data={"csrf_token": csrf(client), "username": "x", "role": "admin"})
        assert response.status_code == 403 and "Tidak diizinkan" in response.text


def test_deactivating_an_account_logs_it_out(console_app: Starlette, console_client: Callable[..., TestClient]) -> None:
    admin = console_client("admin")
    editor = console_client("editor", "rina")
    with console_app.state.sessions() as session:
        account_id = session.scalar(select(StaffAccount.id).where(StaffAccount.username == "rina"))
    page = admin.post(f"/akun/{account_id}", data={"csrf_token": csrf(admin), "action": "deactivate"})
    assert "Akun rina sudah diubah" in page.text
    assert editor.get("/", follow_redirects=False).status_code == 303
    assert log_in(TestClient(console_app), "rina").status_code == 401


def test_the_audit_log_shows_who_did_what(console_client: Callable[..., TestClient]) -> None:
    admin = console_client("admin", "kepala")
    admin.post("/akun", data={"csrf_token": csrf(admin), "username": "budi", "role": "analis"})
    page = admin.get("/audit").text
    assert "Akun baru dibuat" in page and "budi" in page and "kepala" in page and "peran: analis" in page


def test_bad_names_get_a_plain_message(console_client: Callable[..., TestClient]) -> None:
    admin = console_client("admin")
    page = admin.post("/akun", data={"csrf_token": csrf(admin), "username": "<b>Budi</b>", "role": "editor"})
    assert page.status_code == 400 and "Nama pengguna hanya boleh" in page.text and "<b>Budi" not in page.text
