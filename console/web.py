"""What every console page uses: the login and role check, the CSRF check, rendering, the database.

A page endpoint is `async def page(request) -> Response` decorated with `@requires(role)`. The
decorator is the one door: it resolves the session cookie, refuses a role that is too low, and
for every state-changing method checks the CSRF token before the endpoint runs, so a page cannot
forget it. Texts for staff live in the templates; Python passes codes and figures.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from console import audit as audit_log
from console.accounts import ROLE_ADMIN, ROLE_ANALIS, ROLE_EDITOR, StaffUser
from console.sessions import resolve, same_secret
from infobansos.jakarta_time import JAKARTA

__all__ = ["ROLE_ADMIN", "ROLE_ANALIS", "ROLE_EDITOR", "Endpoint", "audit", "db", "render", "requires"]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SESSION_COOKIE = "konsol_sesi"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
DEFAULT_MAX_BODY_BYTES = 1024 * 1024  # forms and content entries; uploads ask for more
LOGIN_PATH = "/masuk"

Endpoint = Callable[[Request], Awaitable[Response]]

templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,  # everything typed by residents or staff is shown as text
    trim_blocks=True,
    lstrip_blocks=True,
)


def _wib(moment: dt.datetime | None) -> str:
    """A stored UTC time as Jakarta staff read it: "01-12-2026 09.41"."""
    if moment is None:
        return ""
    aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
    return aware.astimezone(JAKARTA).strftime("%d-%m-%Y %H.%M")


templates.filters["wib"] = _wib


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    user: StaffUser | None = getattr(request.state, "user", None)
    page = templates.get_template(template).render(
        request=request,
        user=user,
        csrf_token=getattr(request.state, "csrf_token", ""),
        nav=request.url.path,
        **context,
    )
    return HTMLResponse(page, status_code=status_code)


@contextmanager
def db(request: Request) -> Iterator[Session]:
    """A database session for one request: committed when the block ends, rolled back on error."""
    with request.app.state.sessions() as session, session.begin():
        yield session


def audit(session: Session, request: Request, action: str, target: str = "", detail: str = "") -> None:
    audit_log.record(session, request.state.user.username, action, target, detail)


def _login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{LOGIN_PATH}?next={quote(target, safe='')}", status_code=303)


async def _csrf_token_sent(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    form = await request.form()
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else None


def body_too_large(request: Request, limit: int) -> bool:
    """Judged on Content-Length before a byte is parsed; a request without one is refused too."""
    length = request.headers.get("content-length")
    return length is None or not length.isdigit() or int(length) > limit


# A number, or a function of the app's settings for a limit that follows them (the status upload
# allows STATUS_IMPORT_MAX_MB, which each app, and each test, may set differently).
BodyLimit = int | Callable[[Any], int]


def requires(role: str, max_body_bytes: BodyLimit = DEFAULT_MAX_BODY_BYTES) -> Callable[[Endpoint], Endpoint]:
    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            settings = request.app.state.settings
            with request.app.state.sessions() as session:
                found = resolve(session, settings.console_secret_key, request.cookies.get(SESSION_COOKIE))
            if found is None:
                if request.method in SAFE_METHODS:
                    return _login_redirect(request)
                return render(request, "error.html", status_code=401, problem="logged_out")
            request.state.user, request.state.csrf_token = found
            if not request.state.user.can(role):
                return render(request, "error.html", status_code=403, problem="forbidden")
            if request.method not in SAFE_METHODS:
                limit = max_body_bytes(settings) if callable(max_body_bytes) else max_body_bytes
                if body_too_large(request, limit):
                    return render(request, "error.html", status_code=413, problem="too_large", limit_mb=limit // 2**20)
                if not same_secret(await _csrf_token_sent(request), request.state.csrf_token):
                    return render(request, "error.html", status_code=403, problem="csrf")
            return await endpoint(request)

        guarded.required_role = role  # type: ignore[attr-defined]  # read by the route-coverage test
        return guarded

    return decorate
