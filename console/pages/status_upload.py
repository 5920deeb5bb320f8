"""Status data upload (issue 15 point 4): the data office's CSV/XLSX, a dry run, then **Impor**.

The checks and the import are `make import-status`'s own (staff.status_file, staff.status_apply):
the dry run lists every bad line and counts what would change without writing anything; Impor
applies the very file the dry run saw (console.status_uploads keeps it, by token and SHA-256) in
one transaction, refusing it while any line is bad, and lists it with who, when and the counts.
Parsing and the database work run in a worker thread: a 100,000-row file takes seconds, and the
console must keep answering other staff meanwhile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from console.status_uploads import UPLOAD_TTL, UploadRefused, claim_upload, delete_expired, discard, store_upload
from console.web import ROLE_EDITOR, audit, db, render, requires
from infobansos.content.store import load_content
from infobansos.settings import Settings
from infobansos.status.models import StatusImport
from staff.import_status import max_bytes
from staff.status_apply import ImportReport, plan_rows, record_import, write_plan
from staff.status_file import RowProblem, StatusFileError, inspect_rows

SHOWN_PROBLEMS = 500  # a file with thousands of bad lines shows the first ones and the total
LISTED_IMPORTS = 50
MULTIPART_OVERHEAD = 64 * 1024  # boundaries, headers and the CSRF field around the file itself
AUDIT_ACTION = "status_import"


@dataclass
class DryRun:
    report: ImportReport
    problems: list[RowProblem]
    rows: int


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def upload_body_limit(settings: Settings) -> int:
    """The largest request the dry run accepts: the file cap plus the form around it."""
    return max_bytes(settings) + MULTIPART_OVERHEAD


def _common(settings: Settings) -> dict[str, object]:
    """What both status templates show: the size cap and how long a dry run stays valid."""
    return {
        "max_mb": settings.status_import_max_mb,
        "ttl_hours": int(UPLOAD_TTL.total_seconds() // 3600),
        "listed_limit": LISTED_IMPORTS,
    }


def _programs(settings: Settings) -> list[str]:
    return list(load_content(settings.content_dir).programs)


def _recent_imports(request: Request) -> list[StatusImport]:
    with db(request) as session:
        query = select(StatusImport).order_by(StatusImport.created_at.desc(), StatusImport.id.desc())
        return list(session.scalars(query.limit(LISTED_IMPORTS)))


def _page(request: Request, status_code: int = 200, **context: object) -> Response:
    """The upload form and the import list, with whatever notice or problem `context` carries."""
    settings = _settings(request)
    delete_expired(settings.var_dir)
    imports = _recent_imports(request)
    context = {**_common(settings), **context}
    return render(request, "status/upload.html", status_code=status_code, imports=imports, **context)


@requires(ROLE_EDITOR)
async def status_page(request: Request) -> Response:
    imported_id = request.query_params.get("impor", "")
    imported = None
    if imported_id.isdigit():
        with db(request) as session:
            imported = session.get(StatusImport, int(imported_id))
    return _page(request, imported=imported)


def _dry_run(request: Request, path: Path, label: str) -> DryRun:
    settings = _settings(request)
    checked = inspect_rows(path, _programs(settings), label=label)
    with db(request) as session:  # plan_rows only reads: the dry run stores nothing
        report = plan_rows(session, checked.rows, settings.identity_hash_key).report
    return DryRun(report, checked.problems, len(checked.rows) + len(checked.problems))


@requires(ROLE_EDITOR, max_body_bytes=upload_body_limit)
async def dry_run(request: Request) -> Response:
    settings = _settings(request)
    delete_expired(settings.var_dir)
    part = (await request.form()).get("file")
    if not isinstance(part, UploadFile) or not part.filename:
        return _page(request, 400, refused="kosong")
    try:
        upload = await store_upload(settings.var_dir, part, request.state.user.username, max_bytes(settings))
    except UploadRefused as refused:
        code = 413 if refused.reason == "besar" else 400
        return _page(request, code, refused=refused.reason)
    try:
        result = await run_in_threadpool(_dry_run, request, upload.path, upload.file_name)
    except StatusFileError as error:
        discard(upload)
        return _page(request, 422, file_error=str(error))
    if result.problems:
        discard(upload)  # it cannot be imported, and it holds full NIKs
    return render(
        request,
        "status/preview.html",
        upload=upload,
        report=result.report,
        rows=result.rows,
        problems=result.problems[:SHOWN_PROBLEMS],
        problem_count=len(result.problems),
        **_common(settings),
    )


def _apply(request: Request, upload_path: Path, file_name: str, sha256: str) -> int | list[RowProblem]:
    """Check the file again and import it in one transaction with its list entry and audit line."""
    settings = _settings(request)
    checked = inspect_rows(upload_path, _programs(settings), label=file_name)
    if checked.problems:  # e.g. a date that was today at the dry run is checked again, same rules
        return checked.problems
    with db(request) as session:
        plan = plan_rows(session, checked.rows, settings.identity_hash_key)
        write_plan(session, plan)
        entry = record_import(session, plan.report, request.state.user.username, file_name, sha256)
        counts = {
            "sha256": sha256,
            "new_rows": entry.new_rows,
            "updated_rows": entry.updated_rows,
            "unchanged_rows": entry.unchanged_rows,
            "skipped_rows": entry.skipped_rows,
        }
        audit(session, request, AUDIT_ACTION, target=file_name, detail=json.dumps(counts))
        return entry.id


@requires(ROLE_EDITOR)
async def apply_import(request: Request) -> Response:
    form = await request.form()
    token, sha256 = str(form.get("token", "")), str(form.get("sha256", ""))
    upload = claim_upload(_settings(request).var_dir, token, sha256, request.state.user.username)
    if upload is None:
        return _page(request, 409, refused="hilang")
    try:
        outcome = await run_in_threadpool(_apply, request, upload.path, upload.file_name, upload.sha256)
    except StatusFileError as error:
        return _page(request, 422, file_error=str(error))
    finally:
        discard(upload)
    if isinstance(outcome, list):
        return _page(request, 422, refused="berubah")
    return RedirectResponse(f"/status?impor={outcome}", status_code=303)


ROUTES = [
    Route("/status", status_page, methods=["GET"], name="status_upload"),
    Route("/status/uji", dry_run, methods=["POST"], name="status_dry_run"),
    Route("/status/impor", apply_import, methods=["POST"], name="status_apply"),
]
