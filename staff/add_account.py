"""`make staff-add USER=nama ROLE=admin|editor|analis`: create a staff console account.

The password is typed twice (hidden), or, when left empty or when no one is at a terminal,
generated and shown once. The first admin is made this way; later accounts from the console.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from console.accounts import ROLES, AccountError, create_account, generate_password
from console.audit import record
from infobansos.settings import SettingsError, get_settings
from infobansos.storage.engine import session_factory

ACTOR = "make staff-add"
MESSAGES = {
    "bad_username": "USER may hold only lower-case letters, digits, '.', '_' and '-' (at most 64).",
    "username_taken": "that user name is taken.",
    "bad_role": f"ROLE must be one of: {', '.join(ROLES)}.",
    "password_too_short": "the password must be at least 10 characters.",
    "password_too_long": "the password must be at most 200 characters.",
}


def ask_password() -> tuple[str, bool]:
    """(password, generated?)"""
    if not sys.stdin.isatty():
        return generate_password(), True
    first = getpass.getpass("Password (empty: generate one): ")
    if not first:
        return generate_password(), True
    if getpass.getpass("Again: ") != first:
        raise AccountError("mismatch")
    return first, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make staff-add", description=__doc__.splitlines()[0])
    parser.add_argument("username")
    parser.add_argument("role", choices=ROLES)
    args = parser.parse_args(argv)
    try:
        password, generated = ask_password()
        factory = session_factory(get_settings().database_url)
        with factory() as session, session.begin():
            account = create_account(session, args.username, args.role, password)
            record(session, ACTOR, "akun_baru", account.username, f"peran: {account.role}")
    except AccountError as exc:
        print(f"staff-add: {MESSAGES.get(exc.code, 'the two passwords differ.')}", file=sys.stderr)
        return 1
    except SettingsError as exc:
        print(f"staff-add: {exc}", file=sys.stderr)
        return 2
    print(f"Account '{account.username}' ({account.role}) created.")
    if generated:
        print(f"Password (shown once, give it to the person directly): {password}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
