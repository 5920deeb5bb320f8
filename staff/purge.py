"""`make purge`: apply the retention period to the question log, the stored conversations, reports and exports,
and delete abandoned status uploads and expired console sessions."""

from __future__ import annotations

import datetime as dt
import sys

from sqlalchemy.exc import SQLAlchemyError

from console.housekeeping import expire_console_leftovers
from infobansos.privacy.retention import purge
from infobansos.settings import SettingsError, get_settings
from infobansos.storage.tracker_store import TrackerStoreError


def main() -> int:
    try:
        settings = get_settings()
        report = purge(
            settings.database_url,
            settings.rasa_tracker_db,
            settings.retention_days,
            dt.datetime.now(dt.UTC),
            settings.var_dir,
        )
        leftovers = expire_console_leftovers(settings)
    except (SettingsError, SQLAlchemyError, OSError) as exc:
        print(f"purge: nothing was deleted: {exc}", file=sys.stderr)
        return 1
    except TrackerStoreError as exc:  # the database part is done by then
        print(f"purge: the question log was purged, Rasa's stored conversations were not: {exc}", file=sys.stderr)
        return 1
    print(
        f"purge: older than {settings.retention_days} days: {report.turns} logged turns, "
        f"{report.conversation_events} conversation events, {report.eligibility_checks} eligibility checks, "
        f"{report.staff_outputs} reports and exports; "
        f"expired: {report.number_refs} number references, "
        f"{report.status_attempts} status-lookup attempts, "
        f"{leftovers.uploads} abandoned status uploads, {leftovers.sessions} console sessions"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
