"""Terbitkan (publish every pending draft at once), per-entry history, and Kembalikan (revert).

Publishing is refused with check-content's problems when the drafts together would break the
content; nothing is published then. Each published revision is kept, so an entry's history lists
what every revision changed in it, and one press brings an older version back as a new revision.
Each of these is audited with the diff it made.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from console.pages.content_state import content_dir, entry_diff, entry_titles, known_answer, store_for, wib, with_drafts
from console.web import ROLE_ANALIS, ROLE_EDITOR, audit, db, render, requires
from infobansos.content.revisions import (
    PublishRefused,
    current_files,
    entry_history,
    latest_revision,
    pending_drafts,
    publish,
    revert_entry,
)


def _publish_page(request: Request, status_code: int = 200, **context: object) -> Response:
    """The pending drafts, each with its diff against what residents see now."""
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        drafts = pending_drafts(session)
        latest = latest_revision(session)
    changes = [(draft, entry_diff(files, with_drafts(files, [draft]), draft.answer_id)) for draft in drafts]
    titles = entry_titles(store_for(files))
    return render(
        request,
        "content/publish.html",
        status_code=status_code,
        changes=changes,
        titles=titles,
        latest=latest,
        wib=wib,
        **context,
    )


@requires(ROLE_ANALIS)
async def publish_page(request: Request) -> Response:
    published = request.query_params.get("terbit", "")
    return _publish_page(request, published=published if published.isdigit() else "")


@requires(ROLE_EDITOR)
async def publish_all(request: Request) -> Response:
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        drafts = pending_drafts(session)
        if not drafts:
            return RedirectResponse("/konten/terbitkan", status_code=303)
        try:
            revision = publish(session, request.state.user.username, content_dir(request))
        except PublishRefused as refused:
            problems = list(refused.problems)
        else:
            detail = "\n".join(
                f"== {draft.answer_id} ({draft.author})\n{entry_diff(files, with_drafts(files, [draft]), draft.answer_id)}"
                for draft in drafts
            )
            audit(session, request, "terbitkan", f"revisi {revision.id}", detail)
            return RedirectResponse(f"/konten/terbitkan?terbit={revision.id}", status_code=303)
    return _publish_page(request, status_code=422, problems=problems)


@requires(ROLE_ANALIS)
async def history(request: Request) -> Response:
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        answer_id = known_answer(files, request)
        changes = entry_history(session, answer_id)
    reverted = request.query_params.get("dikembalikan", "")
    return render(
        request,
        "content/history.html",
        answer_id=answer_id,
        title=entry_titles(store_for(files))[answer_id],
        changes=changes,
        reverted=reverted if reverted.isdigit() else "",
        wib=wib,
    )


@requires(ROLE_EDITOR)
async def revert(request: Request) -> Response:
    """Bring the entry back to how a revision left it, published at once as a new revision."""
    form = await request.form()
    revision_id = str(form.get("revision_id", ""))
    with db(request) as session:
        _, before = current_files(session, content_dir(request))
        answer_id = known_answer(before, request)
        if not revision_id.isdigit():
            raise HTTPException(400)
        revision = revert_entry(session, content_dir(request), answer_id, int(revision_id), request.state.user.username)
        _, after = current_files(session, content_dir(request))
        diff = entry_diff(before, after, answer_id)
        audit(session, request, "kembalikan", answer_id, f"ke revisi {revision_id}, terbit sebagai revisi {revision.id}\n{diff}")
    return RedirectResponse(f"/konten/jawaban/{answer_id}/riwayat?dikembalikan={revision_id}", status_code=303)


ROUTES = [
    Route("/konten/terbitkan", publish_page, methods=["GET"]),
    Route("/konten/terbitkan", publish_all, methods=["POST"]),
    Route("/konten/jawaban/{answer_id:str}/riwayat", history, methods=["GET"]),
    Route("/konten/jawaban/{answer_id:str}/kembalikan", revert, methods=["POST"]),
]
