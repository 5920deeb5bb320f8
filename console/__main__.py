"""`python -m console`: serve the staff console on 127.0.0.1:CONSOLE_PORT (`make run` starts it)."""

from __future__ import annotations

import sys

import uvicorn

from console.app import create_app
from infobansos.logging_setup import configure_logging
from infobansos.settings import SettingsError, get_settings


def main() -> int:
    try:
        settings = get_settings()
    except SettingsError as exc:
        print(f"console: {exc}", file=sys.stderr)
        return 2
    if settings.console_secret_key is None:
        print(
            "console: CONSOLE_SECRET_KEY is not set. In production set it to a secret of at least 32 characters, "
            "e.g. the output of `openssl rand -hex 32`.",
            file=sys.stderr,
        )
        return 2
    configure_logging(settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.console_listen,  # 127.0.0.1 unless in a container: a TLS proxy is in front
        port=settings.console_port,
        proxy_headers=True,
        # Behind nginx: on 127.0.0.1, or in deploy/ on a network only nginx shares with the console.
        forwarded_allow_ips="127.0.0.1" if settings.console_listen == "127.0.0.1" else "*",
        server_header=False,
        # Our logging setup (which redacts) instead of uvicorn's own; no access log: staff actions
        # are in the audit log, and uvicorn's access formatter cannot read a redacted record.
        log_config=None,
        access_log=False,
        log_level=settings.log_level.lower(),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
