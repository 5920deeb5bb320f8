"""Log in, log out and change one's own password.

The login form has no session yet, so its CSRF token is a double-submit cookie: a random value in
an HttpOnly, SameSite=Strict cookie that the form must echo. `next` only ever leads to a path on
this console, never to another site.
"""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from console.accounts import AccountError, StaffAccount, log_in, password_matches, set_password
from console.sessions import close_all_sessions, close_session, open_session, same_secret, token_hash
from console.web import (
    CSRF_FIELD,
    LOGIN_PATH,
    ROLE_ANALIS,
    SESSION_COOKIE,
    audit,
    body_too_large,
    db,
    render,
    requires,
)
from infobansos.jakarta_time import wib_clock

LOGIN_CSRF_COOKIE = "konsol_masuk"
LOGIN_FORM_MAX_BYTES = 16 * 1024


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(request: Request, status_code: int = 200, **context: object) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        status_code=status_code,
        login_csrf=token,
        next=_safe_next(request.query_params.get("next")),
        **context,
    )
    secure = request.app.state.settings.console_https
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path=LOGIN_PATH)
    return response


async def login_form(request: Request) -> Response:
    return _login_page(request)


async def login(request: Request) -> Response:
    if body_too_large(request, LOGIN_FORM_MAX_BYTES):
        return render(request, "error.html", status_code=413, problem="too_large", limit_mb=1)
    form = await request.form()
    sent, expected = form.get(CSRF_FIELD), request.cookies.get(LOGIN_CSRF_COOKIE)
    if not isinstance(sent, str) or expected is None or not same_secret(sent, expected):
        return render(request, "error.html", status_code=403, problem="csrf")
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    settings = request.app.state.settings
    with request.app.state.sessions() as session, session.begin():
        result = log_in(session, username, password)
        if result.user is None:
            if result.locked_until is not None:
                return _login_page(request, status_code=403, problem="locked", until=wib_clock(result.locked_until))
            return _login_page(request, status_code=401, problem="wrong")
        token = open_session(session, settings.console_secret_key, result.user)
        request.state.user = result.user
        audit(session, request, "masuk")
    response = RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=settings.console_https, path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=LOGIN_PATH)
    return response


@requires(ROLE_ANALIS)
async def logout(request: Request) -> Response:
    with db(request) as session:
        close_session(session, request.app.state.settings.console_secret_key, request.cookies.get(SESSION_COOKIE))
        audit(session, request, "keluar")
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@requires(ROLE_ANALIS)
async def password_form(request: Request) -> Response:
    return render(request, "password.html")


@requires(ROLE_ANALIS)
async def change_password(request: Request) -> Response:
    form = await request.form()
    current, new, again = (str(form.get(name, "")) for name in ("current", "new", "again"))
    if new != again:
        return render(request, "password.html", status_code=400, problem="mismatch")
    with db(request) as session:
        account = session.get(StaffAccount, request.state.user.id)
        if account is None or not password_matches(account, current):
            return render(request, "password.html", status_code=400, problem="wrong_current")
        try:
            set_password(session, account, new)
        except AccountError as exc:
            return render(request, "password.html", status_code=400, problem=exc.code)
        key = request.app.state.settings.console_secret_key
        close_all_sessions(session, account.id, token_hash(key, request.cookies.get(SESSION_COOKIE, "")))
        audit(session, request, "ganti_sandi", account.username)
    return render(request, "password.html", done=True)


ROUTES = [
    Route(LOGIN_PATH, login_form, methods=["GET"]),
    Route(LOGIN_PATH, login, methods=["POST"]),
    Route("/keluar", logout, methods=["POST"]),
    Route("/sandi", password_form, methods=["GET"]),
    Route("/sandi", change_password, methods=["POST"]),
]
