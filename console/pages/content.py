"""Content pages: the grid of every answer, the editor of one entry with its live preview, drafts.

Everyone who can log in may read; only editors and admins change anything (`requires` answers
403 to an analis on every POST, before the endpoint runs). Saving makes a draft that residents do
not see until Terbitkan (`content_history`); the form carries the entry version the editor
started from, so a save over someone else's newer save is refused with their name, never lost.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from console.pages import content_history
from console.pages.content_form import button_rows, fields_from_form
from console.pages.content_grid import build_grid
from console.pages.content_preview import Preview, build_preview
from console.pages.content_state import (
    Files,
    content_dir,
    entry_diff,
    findings_for,
    known_answer,
    store_for,
    with_drafts,
)
from console.web import ROLE_ANALIS, ROLE_EDITOR, audit, db, render, requires
from infobansos.content.revisions import (
    Draft,
    EditConflict,
    EntryFields,
    InvalidContent,
    current_files,
    discard_draft,
    entry_version,
    pending_drafts,
    read_entry,
    save_draft,
    with_entry,
)
from infobansos.content.store import ContentError

PREVIEW_FRAGMENT_HEADER = "x-preview-fragment"  # sent by static/preview.js: answer with the preview only


def entry_url(answer_id: str) -> str:
    return f"/konten/jawaban/{answer_id}"


def draft_of(drafts: list[Draft], answer_id: str) -> Draft | None:
    return next((draft for draft in drafts if draft.answer_id == answer_id), None)


@requires(ROLE_ANALIS)
async def grid(request: Request) -> Response:
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        drafts = pending_drafts(session)
    upcoming = with_drafts(files, drafts)
    findings = await run_in_threadpool(findings_for, upcoming)
    try:
        store = await run_in_threadpool(store_for, upcoming)
    except ContentError:  # what would be published does not load: the findings say why
        return render(request, "content/grid.html", grid=None, findings=findings, drafts=drafts)
    overview = build_grid(store, drafts, findings)
    return render(request, "content/grid.html", grid=overview, findings=findings, drafts=drafts)


def editor_page(
    request: Request,
    files: Files,
    answer_id: str,
    fields: EntryFields,
    *,
    version: str,
    draft: Draft | None,
    preview: Preview,
    status_code: int = 200,
    **context: Any,
) -> Response:
    """The editor (or, for an analis, the read-only view) of one entry with its preview."""
    location, _ = read_entry(files, answer_id)
    store = store_for(files)
    siblings = [
        (program, answer.id)
        for (intent, program), answer in sorted(store.answers.items(), key=lambda item: item[1].id)
        if intent == location.intent and answer.id != answer_id
    ]
    return render(
        request,
        "content/entry.html",
        status_code=status_code,
        location=location,
        fields=fields,
        rows=button_rows(fields.buttons),
        version=version,
        draft=draft,
        preview=preview,
        topics=store.topics,
        programs=store.programs,
        siblings=siblings,
        **context,
    )


@requires(ROLE_ANALIS)
async def entry(request: Request) -> Response:
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        answer_id = known_answer(files, request)
        draft = draft_of(pending_drafts(session), answer_id)
        version = entry_version(session, content_dir(request), answer_id)
    fields = draft.fields if draft else read_entry(files, answer_id)[1]
    preview = await run_in_threadpool(build_preview, files, answer_id, fields, {})
    saved = request.query_params.get("disimpan") == "1"
    discarded = request.query_params.get("dibuang") == "1"
    kept = request.query_params.get("tidak_dibuang") == "1"
    return editor_page(
        request,
        files,
        answer_id,
        fields,
        version=version,
        draft=draft,
        preview=preview,
        saved=saved,
        discarded=discarded,
        kept=kept,
    )


@requires(ROLE_EDITOR)
async def preview(request: Request) -> Response:
    """The preview of what is typed: a fragment for preview.js, or the whole editor without JS."""
    form = await request.form()
    fields, field_problems = fields_from_form(form)
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        answer_id = known_answer(files, request)
        draft = draft_of(pending_drafts(session), answer_id)
    shown = await run_in_threadpool(build_preview, files, answer_id, fields, field_problems)
    if request.headers.get(PREVIEW_FRAGMENT_HEADER):
        return render(request, "content/_preview.html", preview=shown)
    version = str(form.get("base_version", ""))
    return editor_page(request, files, answer_id, fields, version=version, draft=draft, preview=shown)


@requires(ROLE_EDITOR)
async def save(request: Request) -> Response:
    form = await request.form()
    fields, field_problems = fields_from_form(form)
    base_version = str(form.get("base_version", ""))
    author = request.state.user.username
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        answer_id = known_answer(files, request)
        draft = draft_of(pending_drafts(session), answer_id)
        before = with_drafts(files, [draft] if draft else [])
        if not field_problems:
            try:
                save_draft(session, content_dir(request), answer_id, fields, base_version, author)
            except EditConflict as conflict:
                refused: dict[str, Any] = {"conflict": conflict, "status_code": 409}
            except InvalidContent:  # the preview below carries check-content's words, next to each field
                refused = {"unsaved": True, "status_code": 422}
            else:
                diff = entry_diff(before, with_entry(before, answer_id, fields), answer_id)
                audit(session, request, "simpan_draf", answer_id, diff)
                return RedirectResponse(f"{entry_url(answer_id)}?disimpan=1", status_code=303)
        else:
            refused = {"unsaved": True, "status_code": 422}  # the fields' own words say what to fix
    shown = await run_in_threadpool(build_preview, files, answer_id, fields, field_problems)
    return editor_page(request, files, answer_id, fields, version=base_version, draft=draft, preview=shown, **refused)


@requires(ROLE_EDITOR)
async def discard(request: Request) -> Response:
    """Throw the entry's draft away; residents never saw it, the audit log keeps what it was.

    Only the draft the editor saw: one saved again since is kept, and the page says so."""
    shown_version = str((await request.form()).get("draft_version", ""))
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        answer_id = known_answer(files, request)
        draft = draft_of(pending_drafts(session), answer_id)
        if draft is not None and draft.version != shown_version:
            return RedirectResponse(f"{entry_url(answer_id)}?tidak_dibuang=1", status_code=303)
        if draft is not None:
            discard_draft(session, answer_id)
            audit(session, request, "buang_draf", answer_id, entry_diff(with_drafts(files, [draft]), files, answer_id))
    return RedirectResponse(f"{entry_url(answer_id)}?dibuang=1", status_code=303)


@requires(ROLE_ANALIS)
async def open_entry(request: Request) -> Response:
    """The editor's "same question, other program" picker (a plain GET form, no JavaScript)."""
    return RedirectResponse(entry_url(quote(request.query_params.get("jawaban", ""), safe="")), status_code=303)


ROUTES = [
    Route("/konten", grid, methods=["GET"]),
    Route("/konten/buka", open_entry, methods=["GET"]),
    Route("/konten/jawaban/{answer_id:str}", entry, methods=["GET"]),
    Route("/konten/jawaban/{answer_id:str}", save, methods=["POST"]),
    Route("/konten/jawaban/{answer_id:str}/pratinjau", preview, methods=["POST"]),
    Route("/konten/jawaban/{answer_id:str}/buang", discard, methods=["POST"]),
    *content_history.ROUTES,
]
