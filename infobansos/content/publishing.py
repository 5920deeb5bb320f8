"""Publishing: all pending drafts become one new revision at once, or nothing changes.

The whole tree is validated with check-content's code before it is stored; a refusal leaves the
drafts as they were. The first publish also stores the files it started from (the baseline), so
the history and a revert can reach the text residents had before the console was used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from infobansos.content.checks import check_files
from infobansos.content.drafts import EditConflict, InvalidContent, pending_drafts
from infobansos.content.entries import entry_yaml, read_entry, with_entry
from infobansos.content.findings import Problem, say
from infobansos.content.history import RevisionInfo, current_files, info, revision_files
from infobansos.content.models import ContentDraft, ContentRevision
from infobansos.storage.engine import utcnow


class PublishRefused(InvalidContent):
    """Nothing was published: `problems` say why (check-content's problems, or no drafts)."""


def validate_files(files: Mapping[str, str]) -> list[Problem]:
    """check-content's problems with this tree (warnings left out: they do not block publishing)."""
    return check_files(files).problems


def _refused(code: str) -> PublishRefused:
    return PublishRefused([Problem("", "", say(code))])


def store_revision(
    session: Session,
    parent_id: int | None,
    files: Mapping[str, str],
    author: str,
    summary: str,
    changed: Sequence[str],
    *,
    synced: bool = False,
) -> RevisionInfo:
    """Add a revision on top of `parent_id`; a publish that raced us from the same parent is refused."""
    row = ContentRevision(
        parent_id=parent_id,
        author=author,
        summary=summary,
        changed=list(changed),
        files=dict(files),
        created_at=utcnow(),
        synced_at=utcnow() if synced else None,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # parent_id is unique: another publish landed on the same parent
        raise _refused("published_meanwhile") from exc
    return info(row)


def _base(session: Session, content_dir: Path, author: str) -> tuple[int, dict[str, str]]:
    """The revision to build on; before the first publish, the files, stored as the baseline."""
    base_id, files = current_files(session, content_dir)
    if base_id is None:
        base_id = store_revision(session, None, files, author, say("summary_baseline"), (), synced=True).id
    return base_id, files


def changed_entries(before: Mapping[str, str], after: Mapping[str, str], answer_ids: Sequence[str]) -> list[str]:
    return [a for a in answer_ids if entry_yaml(before, a) != entry_yaml(after, a)]


def publish(session: Session, author: str, content_dir: Path, summary: str | None = None) -> RevisionInfo:
    """Apply every pending draft, validate the whole tree, store it as a revision, drop the drafts.

    PublishRefused leaves the drafts and the revisions untouched. The caller commits, so the
    revision, the drafts' removal (and the console's audit entry) are one transaction."""
    drafts = pending_drafts(session)
    if not drafts:
        raise _refused("nothing_to_publish")
    base_id, files = current_files(session, content_dir)
    new = files
    for draft in drafts:
        new = with_entry(new, draft.answer_id, draft.fields)
    problems = validate_files(new)
    if problems:
        raise PublishRefused(problems)
    changed = changed_entries(files, new, [d.answer_id for d in drafts])
    base_id = _base(session, content_dir, author)[0]
    revision = store_revision(
        session, base_id, new, author, summary or say("summary_publish", ids=", ".join(changed) or "-"), changed
    )
    for draft in drafts:  # only the drafts we published: one saved meanwhile would be lost otherwise
        removed = session.execute(
            delete(ContentDraft)
            .where(ContentDraft.answer_id == draft.answer_id, ContentDraft.version == draft.version)
            .execution_options(synchronize_session=False)
        )
        if removed.rowcount != 1:
            raise _refused("published_meanwhile")
    return revision


def revert_entry(session: Session, content_dir: Path, answer_id: str, revision_id: int, author: str) -> RevisionInfo:
    """Bring one entry back to how it was in `revision_id`, published at once as a new revision.

    Refused with EditConflict while a draft of that entry is pending (its author would lose it),
    and with PublishRefused when the old entry no longer passes the checks (say, a stale date)."""
    old_fields = read_entry(revision_files(session, revision_id), answer_id)[1]
    pending = next((d for d in pending_drafts(session) if d.answer_id == answer_id), None)
    if pending is not None:
        raise EditConflict(answer_id, pending.author, pending.updated_at)
    files = current_files(session, content_dir)[1]
    new = with_entry(files, answer_id, old_fields)
    problems = validate_files(new)
    if problems:
        raise PublishRefused(problems)
    base_id = _base(session, content_dir, author)[0]
    summary = say("summary_revert", answer_id=answer_id, revision=revision_id)
    return store_revision(session, base_id, new, author, summary, changed_entries(files, new, [answer_id]))
