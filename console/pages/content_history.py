"""Terbitkan (publish every pending draft at once), per-entry history, and Kembalikan (revert).

Publishing is refused with check-content's problems when the drafts together would break the
content; nothing is published then. Each published revision is kept, so an entry's history lists
what every revision changed in it, and one press brings an older version back as a new revision.
Each of these is audited with the diff it made.
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from console.pages.content_state import content_dir, entry_diff, entry_titles, known_answer, with_drafts
from console.web import ROLE_ANALIS, ROLE_EDITOR, audit, db, render, requires
from infobansos.content.revisions import (
    Draft,
    EditConflict,
    PublishRefused,
    current_files,
    entry_history,
    latest_revision,
    list_revisions,
    pending_drafts,
    publish,
    revert_entry,
)

REVISIONS_SEARCHED = 10_000  # staff publish a handful a week: this is every revision for decades


def draft_diff(files: dict[str, str], draft: Draft) -> str:
    """What publishing this draft changes in its entry, against what residents see now."""
    return entry_diff(files, with_drafts(files, [draft]), draft.answer_id)


def drafts_shown(drafts: list[Draft]) -> str:
    """Which drafts, in which version, the publish page listed: the press publishes only those."""
    return " ".join(sorted(f"{draft.answer_id}:{draft.version}" for draft in drafts))


def _publish_page(request: Request, status_code: int = 200, **context: object) -> Response:
    """The pending drafts, each with its diff against what residents see now."""
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        drafts = pending_drafts(session)
        latest = latest_revision(session)
    changes = [(draft, draft_diff(files, draft)) for draft in drafts]
    titles = entry_titles(files)
    return render(
        request,
        "content/publish.html",
        status_code=status_code,
        changes=changes,
        titles=titles,
        latest=latest,
        shown=drafts_shown(drafts),
        **context,
    )


@requires(ROLE_ANALIS)
async def publish_page(request: Request) -> Response:
    published = request.query_params.get("terbit", "")
    return _publish_page(request, published=published if published.isdigit() else "")


@requires(ROLE_EDITOR)
async def publish_all(request: Request) -> Response:
    """Publish every pending draft, as long as they are the ones (and the versions) the page showed."""
    shown = str((await request.form()).get("shown", ""))
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        drafts = pending_drafts(session)
        if not drafts:
            return RedirectResponse("/konten/terbitkan", status_code=303)
        if drafts_shown(drafts) != shown:  # a draft was saved or discarded since: review them again
            return _publish_page(request, status_code=409, changed_meanwhile=True)
        try:
            revision = publish(session, request.state.user.username, content_dir(request))
        except PublishRefused as refused:
            problems = list(refused.problems)
        else:
            detail = "\n".join(f"== {draft.answer_id} ({draft.author})\n{draft_diff(files, draft)}" for draft in drafts)
            audit(session, request, "terbitkan", f"revisi {revision.id}", detail)
            return RedirectResponse(f"/konten/terbitkan?terbit={revision.id}", status_code=303)
    return _publish_page(request, status_code=422, problems=problems)


def revision_before(session: Session, revision_id: int) -> int | None:
    """The revision published just before this one: its parent, since each is built on the newest."""
    return max((r.id for r in list_revisions(session, limit=REVISIONS_SEARCHED) if r.id < revision_id), default=None)


def _history_page(request: Request, answer_id: str, status_code: int = 200, **context: object) -> Response:
    """The entry's published changes, newest first, then the version before the oldest of them:
    every version can be brought back, the one from before the console's first change too."""
    with db(request) as session:
        _, files = current_files(session, content_dir(request))
        changes = entry_history(session, answer_id)
        original = revision_before(session, changes[-1].revision.id) if changes else None
    return render(
        request,
        "content/history.html",
        status_code=status_code,
        answer_id=answer_id,
        title=entry_titles(files).get(answer_id, (answer_id, "")),
        changes=changes,
        original=original,
        **context,
    )


@requires(ROLE_ANALIS)
async def history(request: Request) -> Response:
    with db(request) as session:
        answer_id = known_answer(current_files(session, content_dir(request))[1], request)
    reverted = request.query_params.get("dikembalikan", "")
    return _history_page(request, answer_id, reverted=reverted if reverted.isdigit() else "")


@requires(ROLE_EDITOR)
async def revert(request: Request) -> Response:
    """Bring the entry back to how a revision left it, published at once as a new revision."""
    form = await request.form()
    revision_id = str(form.get("revision_id", ""))
    author = request.state.user.username
    with db(request) as session:
        _, before = current_files(session, content_dir(request))
        answer_id = known_answer(before, request)
        if not revision_id.isdigit():
            raise HTTPException(400)
        try:
            revision = revert_entry(session, content_dir(request), answer_id, int(revision_id), author)
        except EditConflict as pending:  # a draft of this entry waits: reverting would throw it away
            refused: dict[str, object] = {"pending": pending}
        except PublishRefused as exc:  # the old version no longer passes the checks (say, its date)
            refused = {"problems": exc.problems}
        except (LookupError, KeyError):  # no such revision, or the entry was not in it
            raise HTTPException(404) from None
        else:
            diff = entry_diff(before, current_files(session, content_dir(request))[1], answer_id)
            audit(session, request, "kembalikan", answer_id, f"revisi {revision_id} → revisi {revision.id}\n{diff}")
            return RedirectResponse(f"/konten/jawaban/{answer_id}/riwayat?dikembalikan={revision_id}", status_code=303)
    return _history_page(request, answer_id, status_code=409, **refused)


ROUTES = [
    Route("/konten/terbitkan", publish_page, methods=["GET"]),
    Route("/konten/terbitkan", publish_all, methods=["POST"]),
    Route("/konten/jawaban/{answer_id:str}/riwayat", history, methods=["GET"]),
    Route("/konten/jawaban/{answer_id:str}/kembalikan", revert, methods=["POST"]),
]
