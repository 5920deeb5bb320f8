"""The endpoints file `rasa run` gets: `endpoints.yml`, plus Redis's lock store when Rasa runs several workers.

Rasa 3.6 serves one process unless SANIC_WORKERS is above 1, and it only allows that when its
lock store is shared between the workers (`RedisLockStore`): the lock keeps two workers from handling
one conversation at the same time. The conversations themselves are already shared, in the SQL
tracker store. With one worker, Rasa gets `endpoints.yml` unchanged.

The Redis password never lands in the written file: the file says `${RASA_LOCK_STORE_PASSWORD}`
and Rasa reads it from its environment, as it reads `${RASA_TRACKER_DB}`.

Known limit (RasaHQ/rasa#11256, reverted by #11428): Rasa 3.6's RedisLockStore does not issue
tickets atomically, so two messages of one conversation arriving at two workers in the same
instant could both be let through. The bot never sends a chat's next message before Rasa answered
the previous one (`bot/update_processor.py`), so that race has nothing to race with here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from infobansos.settings import PROJECT_ROOT

BASE_ENDPOINTS = PROJECT_ROOT / "endpoints.yml"
LOCK_STORE_PASSWORD_VARIABLE = "RASA_LOCK_STORE_PASSWORD"
LOCK_KEY_PREFIX = "infobansos"
DEFAULT_REDIS_PORT = 6379


class RedisUrlError(ValueError):
    """REDIS_URL cannot be read as redis://[:password@]host[:port][/db]."""


def lock_store(redis_url: str) -> dict[str, object]:
    """Rasa's `lock_store` section for the Redis at `redis_url`."""
    parts = urlsplit(redis_url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise RedisUrlError(f"REDIS_URL must look like redis://host:6379/0, got scheme {parts.scheme!r}")
    database = parts.path.strip("/") or "0"
    if not database.isdigit():
        raise RedisUrlError(f"REDIS_URL's database must be a number, got {database!r}")
    section: dict[str, object] = {
        "type": "redis",
        "url": parts.hostname,
        "port": parts.port or DEFAULT_REDIS_PORT,
        "db": int(database),
        "key_prefix": LOCK_KEY_PREFIX,
        "use_ssl": parts.scheme == "rediss",
    }
    if parts.username:
        section["username"] = parts.username
    if parts.password:
        section["password"] = f"${{{LOCK_STORE_PASSWORD_VARIABLE}}}"
    return section


def lock_store_environment(redis_url: str | None) -> dict[str, str]:
    """What Rasa's environment needs for the lock store: the password, if REDIS_URL has one."""
    password = urlsplit(redis_url).password if redis_url else None
    return {LOCK_STORE_PASSWORD_VARIABLE: password} if password else {}


def endpoints_for(workers: int, redis_url: str | None, out_dir: Path, base: Path = BASE_ENDPOINTS) -> Path:
    """The endpoints file for `workers` Rasa workers: `base` itself for one, else a copy with the lock store."""
    if workers <= 1 or redis_url is None:
        return base
    endpoints = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    endpoints["lock_store"] = lock_store(redis_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "endpoints.yml"
    header = f"# Written by ops/rasa_endpoints.py from {base.name} for {workers} Rasa workers; edit {base.name}.\n"
    path.write_text(header + yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path
