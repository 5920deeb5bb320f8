"""`make run`: train if needed, start the action server and Rasa, then the staff console and the bot, and keep them up.

With TELEGRAM_BOT_TOKEN the bot serves Telegram by long polling. Without it, a chat opens in
this terminal (plain lines from standard input, so `printf 'apa itu DTKS?\\n' | make run` works)
and everything stops when the input ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from sqlalchemy.exc import SQLAlchemyError

from console.housekeeping import expire_console_leftovers
from infobansos.privacy.retention import purge
from infobansos.settings import PROJECT_ROOT, Settings, SettingsError, get_settings
from infobansos.storage.engine import make_engine
from infobansos.storage.migrate import upgrade_database
from infobansos.storage.tracker_store import TrackerStoreError, tracker_store_environment
from ops.process_supervisor import GaveUp, Service, ServiceSpec, say, supervise
from ops.rasa_endpoints import RedisUrlError, endpoints_for, lock_store_environment
from ops.train_model import RASA_EXECUTABLE, ensure_model, rasa_environment

RASA_START_TIMEOUT = 240.0  # loading TensorFlow and the model takes a while on 2 cores
ACTIONS_START_TIMEOUT = 60.0
HEALTH_REQUEST_TIMEOUT = 2.0
PURGE_INTERVAL_SECONDS = 24 * 60 * 60
# What only the bot needs: Telegram's token and webhook secret.
TELEGRAM_SECRETS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_URL")
# Rasa needs none of our secrets: not Telegram's, not the hash keys, not the database password
# (its conversations live in RASA_TRACKER_DB), and its own API token comes on its command line.
RASA_WITHHELD = (
    *TELEGRAM_SECRETS,
    "PSEUDONYM_KEY",
    "IDENTITY_HASH_KEY",
    "RASA_AUTH_TOKEN",
    "DATABASE_URL",
    "CONSOLE_SECRET_KEY",
    "REDIS_URL",  # Rasa gets only the lock store's password, as RASA_LOCK_STORE_PASSWORD
)
# Only the staff console signs its sessions with this key.
CONSOLE_SECRETS = ("CONSOLE_SECRET_KEY",)
CONSOLE_START_TIMEOUT = 120.0  # as long as the action server's: a busy 2-core machine


def without(env: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """`env` minus the variables `names`: each process gets only the secrets it uses."""
    return {key: value for key, value in env.items() if key not in names}


def http_ok(
    url: str, require_key: str | None = None, params: dict[str, str] | None = None
) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        try:
            async with httpx.AsyncClient(timeout=HEALTH_REQUEST_TIMEOUT) as client:
                response = await client.get(url, params=params)
            return response.status_code == 200 and (require_key is None or bool(response.json().get(require_key)))
        except (httpx.HTTPError, ValueError):
            return False

    return check


def rasa_server_spec(
    port: int,
    model: str,
    log_path: Path,
    action_server_url: str,
    tracker_db: Path,
    auth_token: str,
    name: str = "Rasa server",
    workers: int = 1,
    redis_url: str | None = None,
) -> ServiceSpec:
    """`rasa run` with the HTTP API on 127.0.0.1, healthy once a model is loaded.

    The HTTP API (conversations, execute, parse, status) answers 401 without `auth_token`; the
    REST channel's webhook is not covered by it in Rasa 3.6, which is why Rasa listens only on
    127.0.0.1. Conversations are kept in an SQLite tracker store at `tracker_db`, so a Rasa restart
    does not forget a resident's conversation (and the privacy tests can scan what Rasa stored).
    With `workers` above 1, Rasa's own Sanic workers share the port and lock conversations in the
    Redis at `redis_url` (`ops/rasa_endpoints.py`).
    """
    endpoints = endpoints_for(workers, redis_url, log_path.parent / f"rasa-{port}")
    argv = [str(RASA_EXECUTABLE), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(port), "--model", model]
    argv += ["--endpoints", str(endpoints), "--credentials", "credentials.yml", "--auth-token", auth_token]
    environment = without(rasa_environment(), RASA_WITHHELD) | {"SANIC_WORKERS": str(workers)}
    environment |= lock_store_environment(redis_url if workers > 1 else None)
    return ServiceSpec(
        name=name,
        argv=argv,
        env=environment | {"ACTION_SERVER_URL": action_server_url} | tracker_store_environment(tracker_db),
        log_path=log_path,
        health=http_ok(f"http://127.0.0.1:{port}/status", require_key="model_file", params={"token": auth_token}),
        cwd=PROJECT_ROOT,
    )


def service_specs(settings: Settings, model: str) -> tuple[ServiceSpec, list[ServiceSpec], ServiceSpec]:
    """Action server, the Rasa instances and bot, each bound to 127.0.0.1 (the action server has no auth).

    RASA_INSTANCES separate `rasa run` processes listen on RASA_PORT, RASA_PORT+1, … and share the
    tracker store; the bot spreads conversations over them (`bot/rasa_pool.py`)."""
    logs = settings.var_dir / "log"
    actions_argv = [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "-p", str(settings.action_port)]
    if settings.log_level == "DEBUG":
        actions_argv.append("--debug")
    actions = ServiceSpec(
        name="action server",
        argv=actions_argv,
        # The actions hash NIKs and ids, so they keep the keys; Telegram's secrets stay with the bot.
        env=without(rasa_environment(), (*TELEGRAM_SECRETS, *CONSOLE_SECRETS)) | {"SANIC_HOST": "127.0.0.1"},
        log_path=logs / "actions.log",
        health=http_ok(f"http://127.0.0.1:{settings.action_port}/health"),
        cwd=PROJECT_ROOT,
    )
    rasa = [
        rasa_server_spec(
            settings.rasa_port + i,
            model,
            logs / ("rasa.log" if i == 0 else f"rasa-{i + 1}.log"),
            settings.action_server_url,
            settings.rasa_tracker_db,
            settings.rasa_auth_token,
            name="Rasa server" if settings.rasa_instances == 1 else f"Rasa server {i + 1}",
            workers=settings.rasa_workers,
            redis_url=settings.redis_url,
        )
        for i in range(settings.rasa_instances)
    ]
    bot = ServiceSpec(
        name="Telegram bot",
        argv=[sys.executable, "-m", "bot"],
        env=without(rasa_environment(), CONSOLE_SECRETS),
        log_path=logs / "bot.log",
        cwd=PROJECT_ROOT,
    )
    return actions, rasa, bot


def console_spec(settings: Settings) -> ServiceSpec:
    """The staff console (uvicorn on 127.0.0.1:CONSOLE_PORT); it never holds Telegram's secrets."""
    return ServiceSpec(
        name="staff console",
        argv=[sys.executable, "-m", "console"],
        env=without(rasa_environment(), TELEGRAM_SECRETS),
        log_path=settings.var_dir / "log" / "console.log",
        health=http_ok(f"http://127.0.0.1:{settings.console_port}/health"),
        cwd=PROJECT_ROOT,
    )


async def _start_console(console: Service, settings: Settings) -> bool:
    """Start the console; a stack without it still serves residents, so a failure is said, not fatal."""
    if settings.console_secret_key is None:
        say("staff console not started: set CONSOLE_SECRET_KEY (README, 'Untuk petugas')")
        return False
    await console.start()
    if not await console.wait_healthy(CONSOLE_START_TIMEOUT):
        print(console.log_tail(), file=sys.stderr)
        say(f"staff console did not start; residents are still served. See {console.spec.log_path}.")
        await console.stop()
        return False
    say(f"staff console: http://127.0.0.1:{settings.console_port}/ (accounts: make staff-add)")
    return True


async def _start_backends(actions: Service, rasa: list[Service]) -> None:
    await asyncio.gather(actions.start(), *(instance.start() for instance in rasa))
    say("waiting for the action server and Rasa to answer their health checks …")
    healthy = await asyncio.gather(
        actions.wait_healthy(ACTIONS_START_TIMEOUT), *(instance.wait_healthy(RASA_START_TIMEOUT) for instance in rasa)
    )
    for service, ok in zip((actions, *rasa), healthy, strict=True):
        if not ok:
            print(service.log_tail(), file=sys.stderr)
            raise GaveUp(f"{service.spec.name} did not start. See {service.spec.log_path}.")
    say("action server and Rasa are ready")


async def _terminal_chat(stopping: asyncio.Event) -> int:
    """The chat runs in the foreground, reading this terminal's standard input."""
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "--terminal", cwd=PROJECT_ROOT)
    waiter = asyncio.ensure_future(process.wait())
    stopper = asyncio.ensure_future(stopping.wait())
    await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    if not waiter.done():
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
    return await waiter


async def purge_daily(settings: Settings) -> None:
    """Apply the retention period now and then once a day, as `make purge` does, while the stack runs."""
    while True:
        try:
            now = dt.datetime.now(dt.UTC)
            report = await asyncio.to_thread(
                purge, settings.database_url, settings.rasa_tracker_db, settings.retention_days, now, settings.var_dir
            )
            leftovers = await asyncio.to_thread(expire_console_leftovers, settings)
            if leftovers.uploads:
                say(f"deleted {leftovers.uploads} abandoned status uploads")
            if report.turns or report.conversation_events or report.staff_outputs:
                say(
                    f"purged {report.turns} logged turns, {report.conversation_events} conversation events "
                    f"and {report.staff_outputs} reports and exports"
                )
        except (SQLAlchemyError, TrackerStoreError, OSError) as exc:
            say(f"purge failed, will try again tomorrow: {exc}")
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)


async def run_stack(settings: Settings) -> int:
    model = str(ensure_model(settings.models_dir))
    # Migrate once here, before the bot and the action server both open the database.
    engine = make_engine(settings.database_url)
    upgrade_database(engine)
    engine.dispose()
    housekeeping = asyncio.ensure_future(purge_daily(settings))
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    try:
        actions_spec, rasa_specs, bot_spec = service_specs(settings, model)
    except RedisUrlError as exc:
        say(f"configuration error: {exc}")
        housekeeping.cancel()
        return 1
    actions, bot = Service(actions_spec), Service(bot_spec)
    rasa = [Service(spec) for spec in rasa_specs]
    console = Service(console_spec(settings))
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    exit_code = 0
    watchers: list[asyncio.Future] = []
    chat: asyncio.Future | None = None
    try:
        starting = asyncio.ensure_future(_start_backends(actions, rasa))
        interrupted = asyncio.ensure_future(stopping.wait())
        await asyncio.wait({starting, interrupted}, return_when=asyncio.FIRST_COMPLETED)
        interrupted.cancel()
        if stopping.is_set():
            starting.cancel()
            return 130
        starting.result()
        watchers = [asyncio.ensure_future(supervise(s, stopping, RASA_START_TIMEOUT)) for s in (actions, *rasa)]
        if await _start_console(console, settings):
            watchers.append(asyncio.ensure_future(supervise(console, stopping, CONSOLE_START_TIMEOUT)))
        if settings.telegram_bot_token:
            await bot.start()
            say(f"bot is polling Telegram at {settings.telegram_api_base_url} (logs in {settings.var_dir / 'log'})")
            watchers.append(asyncio.ensure_future(supervise(bot, stopping, 0)))
            watchers.append(asyncio.ensure_future(stopping.wait()))
        else:
            chat = asyncio.ensure_future(_terminal_chat(stopping))
            watchers.append(chat)
        done, _ = await asyncio.wait(watchers, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            result = task.result()  # re-raises GaveUp
            if task is chat:
                exit_code = result
    except GaveUp as exc:
        say(str(exc))
        exit_code = 1
    finally:
        stopping.set()
        say("stopping …")
        await asyncio.gather(bot.stop(), *(instance.stop() for instance in rasa), actions.stop(), console.stop())
        for task in [*watchers, housekeeping]:
            task.cancel()
        say("stopped")
    return exit_code


def main() -> None:
    try:
        settings = get_settings()
    except SettingsError as exc:
        raise SystemExit(f"[stack] configuration error: {exc}") from exc
    raise SystemExit(asyncio.run(run_stack(settings)))


if __name__ == "__main__":
    main()
