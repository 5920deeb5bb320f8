"""What `make run` hands each process: Rasa gets its API token and none of our other secrets."""

from __future__ import annotations

import pytest

from infobansos.settings import get_settings
from ops.stack import console_spec, service_specs

SECRETS = {
    "TELEGRAM_BOT_TOKEN": "424242:bot-token",
    "TELEGRAM_WEBHOOK_SECRET": "w" * 40,
    "TELEGRAM_WEBHOOK_URL": "https://bansos.example.org/telegram",
    "PSEUDONYM_KEY": "p" * 40,
    "IDENTITY_HASH_KEY": "i" * 40,
    "RASA_AUTH_TOKEN": "r" * 40,
    "DATABASE_URL": "postgresql://bansos:sandi-rahasia@db/bansos",
    "CONSOLE_SECRET_KEY": "c" * 40,
}


@pytest.fixture
def secrets_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()


@pytest.mark.usefixtures("secrets_in_environment")
def test_rasa_runs_with_its_api_token_and_without_any_other_secret() -> None:
    _, (rasa,), _ = service_specs(get_settings(), "models/bansos.tar.gz")
    argv = rasa.argv
    assert argv[argv.index("--auth-token") + 1] == "r" * 40
    leaked = [name for name, value in SECRETS.items() if name in rasa.env or value in rasa.env.values()]
    assert leaked == []
    assert rasa.env["ACTION_SERVER_URL"] and rasa.env["RASA_TRACKER_DB"], "what Rasa does need is there"


@pytest.mark.usefixtures("secrets_in_environment")
def test_the_action_server_keeps_the_hash_keys_but_not_telegrams_secrets() -> None:
    actions, _, bot = service_specs(get_settings(), "models/bansos.tar.gz")
    assert actions.env["PSEUDONYM_KEY"] == "p" * 40 and actions.env["IDENTITY_HASH_KEY"] == "i" * 40
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"):
        assert name not in actions.env
    assert bot.env["TELEGRAM_BOT_TOKEN"] == "424242:bot-token", "the bot is the one process that needs it"


def test_a_debug_stack_runs_the_action_server_at_debug_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    get_settings.cache_clear()
    actions, _, _ = service_specs(get_settings(), "models/bansos.tar.gz")
    assert "--debug" in actions.argv


@pytest.mark.usefixtures("secrets_in_environment")
def test_only_the_console_holds_its_session_key_and_it_never_holds_telegrams() -> None:
    settings = get_settings()
    actions, _, bot = service_specs(settings, "models/bansos.tar.gz")
    console = console_spec(settings)
    assert console.env["CONSOLE_SECRET_KEY"] == "c" * 40 and console.env["IDENTITY_HASH_KEY"] == "i" * 40
    assert "CONSOLE_SECRET_KEY" not in actions.env and "CONSOLE_SECRET_KEY" not in bot.env
    assert not {"TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"} & console.env.keys()
    assert console.argv[-2:] == ["-m", "console"]


def test_each_rasa_instance_has_its_own_port_and_log_and_all_share_the_conversations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RASA_INSTANCES", "2")
    get_settings.cache_clear()
    _, rasa, _ = service_specs(get_settings(), "models/bansos.tar.gz")
    ports = [spec.argv[spec.argv.index("-p") + 1] for spec in rasa]
    assert ports == ["5005", "5006"]
    assert len({spec.log_path for spec in rasa}) == len({spec.name for spec in rasa}) == 2
    assert len({spec.env["RASA_TRACKER_DB"] for spec in rasa}) == 1
