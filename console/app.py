"""The console's ASGI app: routes from each page module, local static files, security headers.

Every asset is served from console/static (no CDN: the office network may be closed, and a
third-party script would see the staff's pages). The Content-Security-Policy allows nothing else.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from console.web import render
from infobansos.settings import Settings, get_settings
from infobansos.storage.engine import session_factory

STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGE_MODULES = (
    "console.pages.auth",
    "console.pages.home",
    "console.pages.admin",
    "console.pages.content",
    "console.pages.eligibility_rules",
    "console.pages.status_upload",
    "console.pages.reports",
)
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cache-control": "no-store",  # pages show staff-only data; a shared computer's cache must not keep them
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (a plain ASGI middleware: it never buffers bodies)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name == "cache-control" and scope.get("path", "").startswith("/static/"):
                        continue
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def page_routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    for name in PAGE_MODULES:
        routes.extend(importlib.import_module(name).ROUTES)
    return routes


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return render(request, "error.html", status_code=status, problem="not_found" if status == 404 else "other")


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    routes = [*page_routes(), Mount("/static", StaticFiles(directory=STATIC_DIR), name="static")]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.state.settings = settings
    app.state.sessions = session_factory(settings.database_url)
    app.add_middleware(SecurityHeaders)
    return app
