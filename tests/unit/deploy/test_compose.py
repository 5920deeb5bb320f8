"""deploy/compose.yaml holds together: what one service names, another provides; secrets stay where
they belong; only nginx is reachable from outside. No Docker engine runs here, so the file is
checked for its structure, and by `docker compose config` where that works."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from infobansos.settings import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
# The compose specification's top-level and service keys this file may use (a typo is an error).
TOP_LEVEL = {"name", "services", "networks", "volumes", "secrets", "configs"}
SERVICE_KEYS = {
    "image", "build", "command", "entrypoint", "environment", "env_file", "volumes", "ports", "networks",
    "depends_on", "restart", "healthcheck", "user", "working_dir", "expose", "deploy", "profiles",
}  # fmt: skip
SECRETS = {
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "PSEUDONYM_KEY", "IDENTITY_HASH_KEY",
    "RASA_AUTH_TOKEN", "CONSOLE_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD",
}  # fmt: skip
VARIABLE = re.compile(r"\$\{([A-Z_]+)(?::?[?-][^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def services_named(compose: dict[str, Any], prefix: str) -> list[str]:
    return sorted(name for name in compose["services"] if re.fullmatch(rf"{prefix}-\d+", name))


def environment(service: dict[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in (service.get("environment") or {}).items()}


def test_only_known_keys_and_every_reference_resolves(compose: dict[str, Any]) -> None:
    assert {key for key in compose if not key.startswith("x-")} <= TOP_LEVEL
    for name, service in compose["services"].items():
        assert set(service) <= SERVICE_KEYS, f"{name}: {set(service) - SERVICE_KEYS}"
        assert "image" in service or "build" in service, name
        depends = service.get("depends_on") or []
        assert set(depends) <= set(compose["services"]), f"{name} depends on an unknown service"
        assert set(service.get("networks") or []) <= set(compose["networks"]), name
        named = {volume.split(":")[0] for volume in service.get("volumes") or [] if not volume.startswith(".")}
        assert named <= set(compose["volumes"]), name
        build = service.get("build")
        if build:
            dockerfile = (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve()
            assert f" AS {build['target']}\n" in dockerfile.read_text(encoding="utf-8"), name


def test_every_variable_is_in_the_example_and_secrets_are_never_written_in(compose: dict[str, Any]) -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    example = {line.split("=")[0] for line in (DEPLOY / ".env.example").read_text().splitlines() if "=" in line}
    used = set(VARIABLE.findall(text))
    assert used <= example and used >= SECRETS
    for name, service in compose["services"].items():
        for key, value in environment(service).items():
            if key in SECRETS:
                assert VARIABLE.fullmatch(value), f"{name}: {key} must come from deploy/.env"


def test_each_service_gets_only_its_own_secrets(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for rasa in services_named(compose, "rasa"):
        leaked = SECRETS & set(VARIABLE.findall(str(services[rasa]))) - {"RASA_AUTH_TOKEN"}
        assert not leaked, f"{rasa} gets {leaked}"
    assert not {"TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"} & set(environment(services["console"]))
    assert "CONSOLE_SECRET_KEY" not in environment(services["bot-1"])


def test_bots_reach_every_rasa_instance_and_each_instance_its_action_server(compose: dict[str, Any]) -> None:
    services, rasa = compose["services"], services_named(compose, "rasa")
    assert len(rasa) >= 2 and len(services_named(compose, "bot")) >= 2
    for bot in services_named(compose, "bot"):
        env = environment(services[bot])
        assert env["RASA_URL"].split(",") == [f"http://{name}:5005" for name in rasa]
        assert env["REDIS_URL"].startswith("redis://") and "@redis:6379" in env["REDIS_URL"]
    for name in rasa:
        action_host = re.match(r"http://([\w-]+):", environment(services[name])["ACTION_SERVER_URL"])
        assert action_host and action_host.group(1) in services


def test_only_nginx_is_reachable_from_outside_and_it_forwards_to_every_bot(compose: dict[str, Any]) -> None:
    published = [name for name, service in compose["services"].items() if service.get("ports")]
    assert published == ["nginx"]
    for network in ("rasa", "data"):
        assert compose["networks"][network]["internal"] is True
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    upstream = set(re.findall(r"server (bot-\d+):(\d+)", nginx))
    bots = services_named(compose, "bot")
    assert upstream == {(bot, environment(compose["services"][bot])["WEBHOOK_PORT"]) for bot in bots}
    assert "ssl_certificate " in nginx and "location = /telegram" in nginx


@pytest.mark.skipif(
    shutil.which("docker") is None or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode,
    reason="no docker compose here (checked by the tests above instead)",
)
def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("\n".join(f"{name}={'x' * 40}" for name in SECRETS) + "\nPUBLIC_HOST=bansos.test\n")
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "--env-file", str(env_file), "config", "--quiet"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
