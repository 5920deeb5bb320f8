"""The endpoints file Rasa gets: unchanged for one worker, with Redis's lock store for more."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from infobansos.settings import get_settings
from ops.rasa_endpoints import (
    BASE_ENDPOINTS,
    LOCK_STORE_PASSWORD_VARIABLE,
    RedisUrlError,
    endpoints_for,
    lock_store,
    lock_store_environment,
)
from ops.stack import service_specs


def test_one_worker_runs_with_endpoints_yml_itself(tmp_path: Path) -> None:
    assert endpoints_for(1, "redis://127.0.0.1:6379/0", tmp_path) == BASE_ENDPOINTS
    assert endpoints_for(2, None, tmp_path) == BASE_ENDPOINTS
    assert list(tmp_path.iterdir()) == []


def test_several_workers_get_the_same_endpoints_plus_a_redis_lock_store(tmp_path: Path) -> None:
    path = endpoints_for(3, "redis://:geheim@cache.internal:6380/4", tmp_path)
    written = yaml.safe_load(path.read_text())
    base = yaml.safe_load(BASE_ENDPOINTS.read_text())
    assert {key: written[key] for key in base} == base, "the action server and the tracker store are unchanged"
    assert written["lock_store"] == {
        "type": "redis",
        "url": "cache.internal",
        "port": 6380,
        "db": 4,
        "key_prefix": "infobansos",
        "use_ssl": False,
        "password": f"${{{LOCK_STORE_PASSWORD_VARIABLE}}}",
    }
    assert "geheim" not in path.read_text(), "the password stays in the environment"
    assert lock_store_environment("redis://:geheim@cache.internal:6380/4") == {LOCK_STORE_PASSWORD_VARIABLE: "geheim"}
    assert lock_store_environment("redis://127.0.0.1") == {}


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "redis://", "redis://127.0.0.1:6379/satu"])
def test_a_redis_url_that_is_not_one_is_refused(url: str) -> None:
    with pytest.raises(RedisUrlError):
        lock_store(url)


def test_make_run_gives_rasa_its_workers_and_the_lock_store_but_not_redis_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RASA_WORKERS", "2")
    monkeypatch.setenv("REDIS_URL", "rediss://:geheim@127.0.0.1:6379/1")
    get_settings.cache_clear()
    _, (rasa,), _ = service_specs(get_settings(), "models/bansos.tar.gz")
    assert rasa.env["SANIC_WORKERS"] == "2"
    assert rasa.env[LOCK_STORE_PASSWORD_VARIABLE] == "geheim" and "REDIS_URL" not in rasa.env
    endpoints = Path(rasa.argv[rasa.argv.index("--endpoints") + 1])
    assert yaml.safe_load(endpoints.read_text())["lock_store"]["use_ssl"] is True
