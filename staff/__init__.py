"""What outreach staff and analysts run: the report, confusion exports, the status import, the purge."""
