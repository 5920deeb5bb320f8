"""The first page after login, and the health check the supervisor and the proxy poll."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from console.pages.reports import today_card, warm_default_report
from console.web import ROLE_ANALIS, db, render, requires


@requires(ROLE_ANALIS)
async def home(request: Request) -> Response:
    with db(request) as session:
        today = today_card(session, request.app.state.settings)
    warm_default_report(request)
    return render(request, "home.html", today=today)


async def health(request: Request) -> Response:
    """No login: it says only whether the console can reach its database."""
    try:
        with request.app.state.sessions() as session:
            session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "database unreachable"}, status_code=503)
    return JSONResponse({"status": "ok"})


ROUTES = [
    Route("/", home, methods=["GET"]),
    Route("/health", health, methods=["GET"]),
]
