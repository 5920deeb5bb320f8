"""Published content revisions, drafts, publishing, history, revert and live pick-up (issue 15).

The one import for the staff console and the services. The parts live in their own modules:
`entries` (one answer inside the files), `history` (revisions and per-entry diffs), `drafts`
(saving with conflict detection), `publishing` (publish, revert), `live` (what residents are
served), `sync` (make content-export / content-import). Callers commit the session.
"""

from __future__ import annotations

from infobansos.content.checks import check_files
from infobansos.content.drafts import (
    Draft,
    EditConflict,
    InvalidContent,
    discard_draft,
    entry_findings,
    entry_version,
    pending_drafts,
    save_draft,
)
from infobansos.content.entries import EntryFields, EntryLocation, all_entries, entry_yaml, read_entry, with_entry
from infobansos.content.findings import Findings, Problem
from infobansos.content.history import (
    EntryChange,
    RevisionInfo,
    current_files,
    entry_history,
    latest_revision,
    list_revisions,
    revision_files,
)
from infobansos.content.live import PublishedContent, Snapshot, load_files
from infobansos.content.publishing import PublishRefused, publish, revert_entry, validate_files

__all__ = [
    "Draft",
    "EditConflict",
    "EntryChange",
    "EntryFields",
    "EntryLocation",
    "Findings",
    "InvalidContent",
    "Problem",
    "PublishRefused",
    "PublishedContent",
    "RevisionInfo",
    "Snapshot",
    "all_entries",
    "check_files",
    "current_files",
    "discard_draft",
    "entry_findings",
    "entry_history",
    "entry_version",
    "entry_yaml",
    "latest_revision",
    "list_revisions",
    "load_files",
    "pending_drafts",
    "publish",
    "read_entry",
    "revert_entry",
    "revision_files",
    "save_draft",
    "validate_files",
    "with_entry",
]
