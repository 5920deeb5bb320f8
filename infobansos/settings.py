"""One typed settings object, read from the environment (and `.env` when present).

Every process (bot, action server, supervisor, tools) calls `get_settings()`; nothing else in the
code base reads `os.environ`, so the README's list of variables is the whole story.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_RASA_PORT = 5005
DEFAULT_ACTION_PORT = 5055
DEFAULT_WEBHOOK_LISTEN = "127.0.0.1"  # behind the reverse proxy that terminates TLS
DEFAULT_WEBHOOK_PORT = 8443
DEFAULT_CONSOLE_PORT = 8080
WEBHOOK_SECRET_CHARS = re.compile(r"[A-Za-z0-9_-]+")
MIN_WEBHOOK_SECRET_CHARS = 32  # guessable secrets would let anyone post fake updates
MAX_WEBHOOK_SECRET_CHARS = 256  # Telegram's limit
PRODUCTION = "production"
Number = TypeVar("Number", int, float)
MIN_KEY_CHARS = 32
# Development keys, generated once under VAR_DIR when the variable is not set.
DEFAULT_RETENTION_DAYS = 180
DEFAULT_TELEGRAM_SENDS_PER_SECOND = 30.0  # Telegram's documented limit for one bot
DEFAULT_STATUS_LOOKUPS_PER_HOUR = 2000  # status lookups by everyone together; caps walking the data
DEFAULT_STATUS_IMPORT_MAX_MB = 100  # a 100,000-row export is about 10 MB
DEV_KEY_FILES = {
    "PSEUDONYM_KEY": "pseudonym.key",
    "IDENTITY_HASH_KEY": "identity-hash.key",
    "RASA_AUTH_TOKEN": "rasa-auth.token",
    "CONSOLE_SECRET_KEY": "console-secret.key",
}
SECRET_FILE_MODE = 0o600


class SettingsError(RuntimeError):
    """A setting is missing or malformed; the message says which one and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """Everything the processes need to know about their surroundings."""

    app_env: str
    telegram_bot_token: str | None
    telegram_api_base_url: str
    telegram_webhook_url: str | None  # set: webhook mode (production); unset: long polling
    telegram_webhook_secret: str | None
    webhook_listen: str
    webhook_port: int
    database_url: str
    rasa_port: int
    action_port: int
    rasa_urls: tuple[str, ...]  # one per Rasa instance; the bot spreads conversations over them
    action_server_url: str
    rasa_timeout_seconds: float
    pseudonym_key: bytes
    identity_hash_key: bytes  # HMAC key for NIK/KK hashes; the status import must use the same one
    rasa_auth_token: str  # `rasa run --auth-token`: Rasa's HTTP API answers 401 without it
    var_dir: Path
    rasa_tracker_db: Path  # Rasa's SQLite tracker store; /hapusdata deletes a resident's rows from it
    content_dir: Path
    models_dir: Path
    log_level: str
    admin_telegram_ids: frozenset[int] = frozenset()  # staff allowed /reload and /stats
    retention_days: int = DEFAULT_RETENTION_DAYS  # question log and conversations; `make purge`
    telegram_max_sends_per_second: float = DEFAULT_TELEGRAM_SENDS_PER_SECOND  # 0: no overall limit
    status_lookups_per_hour: int = DEFAULT_STATUS_LOOKUPS_PER_HOUR  # global budget, all residents together
    status_import_max_mb: int = DEFAULT_STATUS_IMPORT_MAX_MB  # `make import-status` refuses bigger files
    console_port: int = DEFAULT_CONSOLE_PORT  # the staff console, on 127.0.0.1 behind a TLS proxy
    # Only inside a container network (deploy/) does the console listen beyond 127.0.0.1.
    console_listen: str = DEFAULT_WEBHOOK_LISTEN
    # Keys the console's session and CSRF tokens. Only the console needs it: in production its
    # absence stops the console (`console.__main__`), not the bot or the action server.
    console_secret_key: bytes | None = None
    console_https: bool = False  # behind HTTPS: session cookies get the Secure flag
    # Rasa's Sanic workers (SANIC_WORKERS). More than one needs Redis for Rasa's lock store, so two
    # workers never handle one conversation at once.
    rasa_workers: int = 1
    redis_url: str | None = None  # redis://[:password@]host:port/db
    # Separate `rasa run` processes `make run` starts, on RASA_PORT, RASA_PORT+1, …; the bot keeps
    # each conversation on one of them and moves it when that one dies (`bot/rasa_pool.py`).
    rasa_instances: int = 1

    @property
    def rasa_url(self) -> str:
        """The first Rasa instance: the one staff tools and tests talk to."""
        return self.rasa_urls[0]

    @property
    def is_production(self) -> bool:
        return self.app_env == PRODUCTION


def _read_environment(env_file: Path) -> dict[str, str]:
    """Real environment variables win over `.env`, as with docker and systemd."""
    values = {k: v for k, v in dotenv_values(env_file).items() if v is not None} if env_file.exists() else {}
    values.update(os.environ)
    return values


def _number(env: dict[str, str], name: str, default: Number, kind: type[Number]) -> Number:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError as exc:
        what = "a whole number" if kind is int else "a number"
        raise SettingsError(f"{name} must be {what}, got {raw!r}") from exc


def _secret_key(env: dict[str, str], name: str, var_dir: Path, production: bool) -> bytes:
    """An HMAC key (or Rasa's API token) read from the environment variable `name`.

    Production must bring its own key: a generated one would silently change every hash (and
    orphan stored data) on a new machine, and the processes of a stack must share the token.
    Development gets a key generated once under var/.
    """
    raw = env.get(name, "").strip()
    if raw:
        if len(raw) < MIN_KEY_CHARS:
            raise SettingsError(f"{name} must be at least {MIN_KEY_CHARS} characters (e.g. `openssl rand -hex 32`)")
        return raw.encode()
    if production:
        raise SettingsError(
            f"{name} is not set. In production (APP_ENV=production) set it to a secret of at least "
            f"{MIN_KEY_CHARS} characters, e.g. the output of `openssl rand -hex 32`"
            + ("." if name == "RASA_AUTH_TOKEN" else ", and keep it: changing it orphans stored data.")
        )
    key_file = var_dir / DEV_KEY_FILES[name]
    if not key_file.exists():
        _write_secret_file(key_file, secrets.token_hex(32))
    return key_file.read_text().strip().encode()


def _optional_secret_key(env: dict[str, str], name: str, var_dir: Path, production: bool) -> bytes | None:
    """Like `_secret_key`, but a production process that does not use the key may start without it."""
    try:
        return _secret_key(env, name, var_dir, production)
    except SettingsError:
        if production and not env.get(name, "").strip():
            return None
        raise


def _write_secret_file(path: Path, secret: str) -> None:
    """Create `path` readable by its owner only from the first byte (a chmod afterwards leaves a window).

    O_EXCL: when two processes start at once, the second keeps the first one's key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, SECRET_FILE_MODE)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w") as file:
        file.write(secret)


def _distinct_keys(pseudonym_key: bytes, identity_hash_key: bytes) -> None:
    """One leaked key must not also unlock the other kind of hash."""
    if hmac.compare_digest(pseudonym_key, identity_hash_key):
        raise SettingsError(
            "PSEUDONYM_KEY and IDENTITY_HASH_KEY are the same. Give each its own secret "
            "(e.g. `openssl rand -hex 32` twice)."
        )


def _webhook_secret(env: dict[str, str], webhook_url: str | None) -> str | None:
    """Telegram sends this secret in every webhook request; without it anyone could post fake updates."""
    secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
    shape = f"{MIN_WEBHOOK_SECRET_CHARS} to {MAX_WEBHOOK_SECRET_CHARS} of A-Z a-z 0-9 _ -, e.g. `openssl rand -hex 32`"
    if webhook_url and not secret:
        raise SettingsError(f"TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not ({shape})")
    if secret and not WEBHOOK_SECRET_CHARS.fullmatch(secret):
        raise SettingsError(f"TELEGRAM_WEBHOOK_SECRET may contain only A-Z, a-z, 0-9, _ and - ({shape})")
    if secret and not MIN_WEBHOOK_SECRET_CHARS <= len(secret) <= MAX_WEBHOOK_SECRET_CHARS:
        raise SettingsError(f"TELEGRAM_WEBHOOK_SECRET has {len(secret)} characters; it needs {shape}")
    return secret


def _telegram_ids(env: dict[str, str], name: str) -> frozenset[int]:
    """Comma- or space-separated Telegram user ids (numbers, as @userinfobot shows them)."""
    raw = env.get(name, "").replace(",", " ").split()
    try:
        return frozenset(int(item) for item in raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must list Telegram user ids (numbers) separated by commas, got {raw!r}") from exc


def _retention_days(env: dict[str, str]) -> int:
    days = _number(env, "RETENTION_DAYS", DEFAULT_RETENTION_DAYS, int)
    if days < 1:
        raise SettingsError(f"RETENTION_DAYS must be at least 1, got {days}")
    return days


def _status_lookups_per_hour(env: dict[str, str]) -> int:
    budget = _number(env, "STATUS_LOOKUPS_PER_HOUR", DEFAULT_STATUS_LOOKUPS_PER_HOUR, int)
    if budget < 1:
        raise SettingsError(f"STATUS_LOOKUPS_PER_HOUR must be at least 1, got {budget}")
    return budget


def _status_import_max_mb(env: dict[str, str]) -> int:
    megabytes = _number(env, "STATUS_IMPORT_MAX_MB", DEFAULT_STATUS_IMPORT_MAX_MB, int)
    if megabytes < 1:
        raise SettingsError(f"STATUS_IMPORT_MAX_MB must be at least 1, got {megabytes}")
    return megabytes


def _rasa_workers(env: dict[str, str], redis_url: str | None) -> int:
    workers = _number(env, "RASA_WORKERS", 1, int)
    if workers < 1:
        raise SettingsError(f"RASA_WORKERS must be at least 1, got {workers}")
    if workers > 1 and redis_url is None:
        raise SettingsError("RASA_WORKERS above 1 needs REDIS_URL: Rasa's workers share their locks in Redis")
    return workers


def _rasa_instances(env: dict[str, str]) -> int:
    instances = _number(env, "RASA_INSTANCES", 1, int)
    if instances < 1:
        raise SettingsError(f"RASA_INSTANCES must be at least 1, got {instances}")
    return instances


def _rasa_urls(env: dict[str, str], rasa_port: int, instances: int) -> tuple[str, ...]:
    """RASA_URL, a comma-separated list (instances on other machines); else the local instances."""
    listed = [url.strip().rstrip("/") for url in env.get("RASA_URL", "").split(",") if url.strip()]
    if any(not url.startswith(("http://", "https://")) for url in listed):
        raise SettingsError("RASA_URL must be one or more http(s):// addresses separated by commas")
    return tuple(listed) or tuple(f"http://127.0.0.1:{rasa_port + i}" for i in range(instances))


def load_settings(env_file: Path | None = None) -> Settings:
    """Build settings from the environment; raises SettingsError with a readable message."""
    env = _read_environment(env_file or PROJECT_ROOT / ".env")
    app_env = env.get("APP_ENV", "development").strip().lower() or "development"
    var_dir = Path(env.get("VAR_DIR") or PROJECT_ROOT / "var")
    rasa_port = _number(env, "RASA_PORT", DEFAULT_RASA_PORT, int)
    webhook_url = env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
    action_port = _number(env, "ACTION_PORT", DEFAULT_ACTION_PORT, int)
    production = app_env == PRODUCTION
    pseudonym_key = _secret_key(env, "PSEUDONYM_KEY", var_dir, production)
    identity_hash_key = _secret_key(env, "IDENTITY_HASH_KEY", var_dir, production)
    _distinct_keys(pseudonym_key, identity_hash_key)
    redis_url = env.get("REDIS_URL", "").strip() or None
    rasa_instances = _rasa_instances(env)
    return Settings(
        app_env=app_env,
        telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
        telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_TELEGRAM_API_BASE_URL,
        telegram_webhook_url=webhook_url,
        telegram_webhook_secret=_webhook_secret(env, webhook_url),
        webhook_listen=env.get("WEBHOOK_LISTEN", "").strip() or DEFAULT_WEBHOOK_LISTEN,
        webhook_port=_number(env, "WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT, int),
        database_url=env.get("DATABASE_URL", "").strip() or f"sqlite:///{var_dir / 'infobansos.sqlite3'}",
        rasa_port=rasa_port,
        action_port=action_port,
        rasa_urls=_rasa_urls(env, rasa_port, rasa_instances),
        action_server_url=(env.get("ACTION_SERVER_URL", "").strip() or f"http://127.0.0.1:{action_port}/webhook"),
        rasa_timeout_seconds=_number(env, "RASA_TIMEOUT_SECONDS", 8.0, float),
        pseudonym_key=pseudonym_key,
        identity_hash_key=identity_hash_key,
        rasa_auth_token=_secret_key(env, "RASA_AUTH_TOKEN", var_dir, production).decode(),
        var_dir=var_dir,
        rasa_tracker_db=Path(env.get("RASA_TRACKER_DB") or var_dir / "rasa-tracker.sqlite3"),
        content_dir=Path(env.get("CONTENT_DIR") or PROJECT_ROOT / "content"),
        models_dir=Path(env.get("MODELS_DIR") or PROJECT_ROOT / "models"),
        log_level=env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO",
        admin_telegram_ids=_telegram_ids(env, "ADMIN_TELEGRAM_IDS"),
        retention_days=_retention_days(env),
        telegram_max_sends_per_second=_number(
            env, "TELEGRAM_MAX_SENDS_PER_SECOND", DEFAULT_TELEGRAM_SENDS_PER_SECOND, float
        ),
        status_lookups_per_hour=_status_lookups_per_hour(env),
        status_import_max_mb=_status_import_max_mb(env),
        console_port=_number(env, "CONSOLE_PORT", DEFAULT_CONSOLE_PORT, int),
        console_listen=env.get("CONSOLE_LISTEN", "").strip() or DEFAULT_WEBHOOK_LISTEN,
        console_secret_key=_optional_secret_key(env, "CONSOLE_SECRET_KEY", var_dir, production),
        console_https=env.get("CONSOLE_HTTPS", "").strip().lower() in ("1", "true", "yes"),
        rasa_workers=_rasa_workers(env, redis_url),
        redis_url=redis_url,
        rasa_instances=rasa_instances,
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
