"""The database: engine and sessions, schema migrations."""
