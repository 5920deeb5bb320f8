from __future__ import annotations

import os
from pathlib import Path

import pytest

from infobansos import settings as settings_module
from infobansos.settings import DEFAULT_TELEGRAM_API_BASE_URL, SettingsError, load_settings

WEBHOOK_SECRET = "s3cret_token-1" + "x" * 18  # 32 characters


def test_defaults_point_at_local_services_and_sqlite_under_var(tmp_path: Path) -> None:
    settings = load_settings(env_file=tmp_path / "missing.env")
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_base_url == DEFAULT_TELEGRAM_API_BASE_URL
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.action_server_url == "http://127.0.0.1:5055/webhook"
    assert settings.database_url == f"sqlite:///{tmp_path / 'var' / 'infobansos.sqlite3'}"


def test_dotenv_file_is_read_but_real_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("TELEGRAM_BOT_TOKEN=from-file\nRASA_PORT=6005\n")
    monkeypatch.setenv("RASA_PORT", "7005")
    settings = load_settings(env_file=env_file)
    assert settings.telegram_bot_token == "from-file"
    assert settings.rasa_port == 7005
    assert settings.rasa_url == "http://127.0.0.1:7005"


def test_malformed_port_names_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTION_PORT", "lima")
    with pytest.raises(SettingsError, match="ACTION_PORT"):
        load_settings(env_file=tmp_path / "none")


@pytest.mark.parametrize("missing", ["PSEUDONYM_KEY", "IDENTITY_HASH_KEY", "RASA_AUTH_TOKEN"])
def test_production_refuses_to_start_without_a_key(
    missing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("PSEUDONYM_KEY", "p" * 40)
    monkeypatch.setenv("IDENTITY_HASH_KEY", "i" * 40)
    monkeypatch.setenv("RASA_AUTH_TOKEN", "r" * 40)
    monkeypatch.delenv(missing)
    with pytest.raises(SettingsError, match=f"{missing} is not set"):
        load_settings(env_file=tmp_path / "none")


def test_development_generates_one_key_and_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PSEUDONYM_KEY")
    first = load_settings(env_file=tmp_path / "none").pseudonym_key
    second = load_settings(env_file=tmp_path / "none").pseudonym_key
    assert first == second
    assert len(first) >= 32
    assert (tmp_path / "var" / "pseudonym.key").stat().st_mode & 0o077 == 0


def test_development_keys_for_ids_and_identity_numbers_differ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One leaked key must not also unlock the other kind of hash.
    monkeypatch.delenv("PSEUDONYM_KEY")
    monkeypatch.delenv("IDENTITY_HASH_KEY")
    settings = load_settings(env_file=tmp_path / "none")
    assert settings.identity_hash_key != settings.pseudonym_key
    assert (tmp_path / "var" / "identity-hash.key").exists()


def test_short_key_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSEUDONYM_KEY", "short")
    with pytest.raises(SettingsError, match="at least 32"):
        load_settings(env_file=tmp_path / "none")


def test_webhook_mode_needs_a_valid_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bansos.example.org/telegram")
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET is not"):
        load_settings(env_file=tmp_path / "none")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "not allowed!")
    with pytest.raises(SettingsError, match="only A-Z"):
        load_settings(env_file=tmp_path / "none")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET)
    settings = load_settings(env_file=tmp_path / "none")
    assert (settings.telegram_webhook_secret, settings.webhook_port) == (WEBHOOK_SECRET, 8443)


def test_a_webhook_secret_shorter_than_32_characters_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bansos.example.org/telegram")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET[:31])
    with pytest.raises(SettingsError, match="has 31 characters; it needs 32 to 256"):
        load_settings(env_file=tmp_path / "none")


def test_the_same_key_for_ids_and_identity_numbers_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSEUDONYM_KEY", "s" * 40)
    monkeypatch.setenv("IDENTITY_HASH_KEY", "s" * 40)
    with pytest.raises(SettingsError, match="PSEUDONYM_KEY and IDENTITY_HASH_KEY are the same"):
        load_settings(env_file=tmp_path / "none")


def test_development_generates_a_rasa_token_and_production_needs_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    first = load_settings(env_file=tmp_path / "none").rasa_auth_token
    assert first == load_settings(env_file=tmp_path / "none").rasa_auth_token and len(first) >= 32
    monkeypatch.setenv("RASA_AUTH_TOKEN", "t" * 40)
    assert load_settings(env_file=tmp_path / "none").rasa_auth_token == "t" * 40


def test_generated_key_files_are_private_from_the_first_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is created with mode 0600 (no window in which another user could read it)."""
    monkeypatch.delenv("PSEUDONYM_KEY")
    monkeypatch.delenv("IDENTITY_HASH_KEY")
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    created: list[tuple[str, int]] = []
    real_open = os.open

    def recording_open(path: str, flags: int, mode: int = 0o777) -> int:
        created.append((os.path.basename(path), mode))
        return real_open(path, flags, mode)

    monkeypatch.setattr(settings_module.os, "open", recording_open)
    monkeypatch.setattr(Path, "chmod", lambda *_: pytest.fail("chmod after writing leaves a window"))
    old_umask = os.umask(0)  # the mode alone must keep the file private
    try:
        load_settings(env_file=tmp_path / "none")
    finally:
        os.umask(old_umask)
    assert sorted(created) == [
        ("console-secret.key", 0o600),
        ("identity-hash.key", 0o600),
        ("pseudonym.key", 0o600),
        ("rasa-auth.token", 0o600),
    ]
    for name, _ in created:
        assert (tmp_path / "var" / name).stat().st_mode & 0o777 == 0o600


def test_staff_ids_are_read_as_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_TELEGRAM_IDS", "111, 222 333")
    assert load_settings(env_file=tmp_path / "none").admin_telegram_ids == {111, 222, 333}
    monkeypatch.setenv("ADMIN_TELEGRAM_IDS", "111,@petugas")
    with pytest.raises(SettingsError, match="ADMIN_TELEGRAM_IDS"):
        load_settings(env_file=tmp_path / "none")


def test_nobody_is_staff_by_default(tmp_path: Path) -> None:
    assert load_settings(env_file=tmp_path / "none").admin_telegram_ids == frozenset()


def test_retention_defaults_to_180_days_and_must_be_positive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(env_file=tmp_path / "none").retention_days == 180
    monkeypatch.setenv("RETENTION_DAYS", "0")
    with pytest.raises(SettingsError, match="RETENTION_DAYS"):
        load_settings(env_file=tmp_path / "none")


def test_the_status_lookup_budget_is_2000_an_hour_unless_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(env_file=tmp_path / "none").status_lookups_per_hour == 2000
    monkeypatch.setenv("STATUS_LOOKUPS_PER_HOUR", "500")
    assert load_settings(env_file=tmp_path / "none").status_lookups_per_hour == 500
    monkeypatch.setenv("STATUS_LOOKUPS_PER_HOUR", "0")
    with pytest.raises(SettingsError, match="STATUS_LOOKUPS_PER_HOUR"):
        load_settings(env_file=tmp_path / "none")


def test_production_bot_and_actions_start_without_the_console_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the console needs CONSOLE_SECRET_KEY (it refuses to start without one: tests/unit/console)."""
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("RASA_AUTH_TOKEN", "r" * 40)
    monkeypatch.delenv("CONSOLE_SECRET_KEY", raising=False)
    assert load_settings(env_file=tmp_path / "none").console_secret_key is None
    monkeypatch.setenv("CONSOLE_SECRET_KEY", "short")
    with pytest.raises(SettingsError, match="CONSOLE_SECRET_KEY must be at least 32"):
        load_settings(env_file=tmp_path / "none")


def test_rasa_runs_one_worker_unless_told_and_more_need_redis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(env_file=tmp_path / "none")
    assert (settings.rasa_workers, settings.redis_url) == (1, None)
    monkeypatch.setenv("RASA_WORKERS", "2")
    with pytest.raises(SettingsError, match="REDIS_URL"):
        load_settings(env_file=tmp_path / "none")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/2")
    assert load_settings(env_file=tmp_path / "none").rasa_workers == 2
    monkeypatch.setenv("RASA_WORKERS", "0")
    with pytest.raises(SettingsError, match="RASA_WORKERS"):
        load_settings(env_file=tmp_path / "none")


def test_rasa_instances_get_consecutive_ports_unless_rasa_url_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASA_INSTANCES", "3")
    settings = load_settings(env_file=tmp_path / "none")
    assert settings.rasa_urls == ("http://127.0.0.1:5005", "http://127.0.0.1:5006", "http://127.0.0.1:5007")
    monkeypatch.setenv("RASA_URL", "http://10.0.0.5:5005/, http://10.0.0.6:5005")
    assert load_settings(env_file=tmp_path / "none").rasa_urls == ("http://10.0.0.5:5005", "http://10.0.0.6:5005")
    monkeypatch.setenv("RASA_URL", "10.0.0.5:5005")
    with pytest.raises(SettingsError, match="RASA_URL"):
        load_settings(env_file=tmp_path / "none")
    monkeypatch.setenv("RASA_INSTANCES", "0")
    with pytest.raises(SettingsError, match="RASA_INSTANCES"):
        load_settings(env_file=tmp_path / "none")
