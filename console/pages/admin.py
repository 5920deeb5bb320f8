"""Accounts (admin only) and the audit log.

A new account or a reset gets a generated password shown once, on the admin's screen only: it is
never stored in clear, logged or put in the audit log. Deactivating an account or changing its
role logs it out everywhere.
"""

from __future__ import annotations

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from console import audit as audit_log
from console.accounts import ROLES, AccountError, StaffAccount, create_account, generate_password, set_password
from console.sessions import close_all_sessions
from console.web import ROLE_ADMIN, audit, db, render, requires

AUDIT_PAGE_SIZE = 50


def _accounts_page(request: Request, status_code: int = 200, **context: object) -> Response:
    with db(request) as session:
        accounts = session.scalars(select(StaffAccount).order_by(StaffAccount.username)).all()
        return render(
            request, "admin/accounts.html", status_code=status_code, accounts=accounts, roles=ROLES, **context
        )


@requires(ROLE_ADMIN)
async def accounts(request: Request) -> Response:
    return _accounts_page(request)


@requires(ROLE_ADMIN)
async def add_account(request: Request) -> Response:
    form = await request.form()
    username, role = str(form.get("username", "")), str(form.get("role", ""))
    password = generate_password()
    try:
        with db(request) as session:
            account = create_account(session, username, role, password)
            audit(session, request, "akun_baru", account.username, f"peran: {account.role}")
            created = account.username
    except AccountError as exc:
        return _accounts_page(request, status_code=400, problem=exc.code)
    return _accounts_page(request, shown_password=password, shown_for=created)


@requires(ROLE_ADMIN)
async def change_account(request: Request) -> Response:
    """Reset the password, change the role, or (de)activate one account."""
    form = await request.form()
    account_id = str(request.path_params["account_id"])
    action = str(form.get("action", ""))
    shown: str | None = None
    with db(request) as session:
        account = session.get(StaffAccount, int(account_id))
        if account is None:
            return _accounts_page(request, status_code=404, problem="no_account")
        if account.id == request.state.user.id and action in ("role", "deactivate"):
            return _accounts_page(request, status_code=400, problem="not_yourself")
        if action == "reset":
            shown = generate_password()
            set_password(session, account, shown)
            detail = "sandi diatur ulang"
        elif action == "role" and str(form.get("role")) in ROLES:
            detail = f"peran: {account.role} → {form.get('role')}"
            account.role = str(form.get("role"))
        elif action in ("deactivate", "activate"):
            account.active = action == "activate"
            detail = "diaktifkan" if account.active else "dinonaktifkan"
        else:
            return _accounts_page(request, status_code=400, problem="bad_action")
        close_all_sessions(session, account.id)
        audit(session, request, "ubah_akun", account.username, detail)
        username = account.username
    return _accounts_page(request, shown_password=shown, shown_for=username if shown else None, changed=username)


@requires(ROLE_ADMIN)
async def audit_page(request: Request) -> Response:
    page = request.query_params.get("hal", "1")
    number = int(page) if page.isdigit() and int(page) > 0 else 1
    with db(request) as session:
        entries, total = audit_log.recent(session, number, AUDIT_PAGE_SIZE)
    pages = max(1, -(-total // AUDIT_PAGE_SIZE))
    return render(request, "admin/audit.html", entries=entries, page=number, pages=pages, total=total)


ROUTES = [
    Route("/akun", accounts, methods=["GET"]),
    Route("/akun", add_account, methods=["POST"]),
    Route("/akun/{account_id:int}", change_account, methods=["POST"]),
    Route("/audit", audit_page, methods=["GET"]),
]
