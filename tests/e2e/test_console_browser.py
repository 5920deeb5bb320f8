"""The staff console in a real headless Chromium, served by `make run`'s own supervisor.

One stack for this module (its own database and content copy, so publishing here never
changes what the other end-to-end tests see). Accounts are made with `make staff-add`'s module,
as an admin would; everything else is done by clicking and typing, as staff would.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from devtools.browser import DESK_WINDOW, PHONE_WINDOW, BrowserUnavailable, webdriver_for
from infobansos.settings import PROJECT_ROOT
from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack, running_stack

pytestmark = pytest.mark.e2e
PAGE_TIMEOUT = 20.0


@pytest.fixture(scope="module")
async def console_stack(
    trained_model: Path, standin: TelegramStandIn, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningStack]:
    async with running_stack(standin, tmp_path_factory.mktemp("console")) as running:
        await console_answers(running)
        yield running


async def console_answers(stack: RunningStack) -> None:
    """`make run` said the console is up; if it is not, the failure shows why."""
    async with httpx.AsyncClient() as client:
        for _ in range(40):
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"{base_url(stack)}/health")).status_code == 200:
                    return
            await asyncio.sleep(0.5)
    console_log = stack.var_dir / "log" / "console.log"
    logs = stack.log_path.read_text()[-3000:] + (console_log.read_text()[-3000:] if console_log.exists() else "")
    pytest.fail(f"the console does not answer on {base_url(stack)}:\n{logs}")


def base_url(stack: RunningStack) -> str:
    return f"http://127.0.0.1:{stack.env['CONSOLE_PORT']}"


def staff_add(stack: RunningStack, username: str, role: str) -> str:
    """`make staff-add USER=… ROLE=…` without a terminal: the generated password, shown once."""
    done = subprocess.run(
        [sys.executable, "-m", "staff.add_account", username, role],
        cwd=PROJECT_ROOT, env=stack.env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return re.search(r"Password \(shown once.*\): (\S+)", done.stdout).group(1)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Callable[..., webdriver.Chrome]]:
    drivers: list[webdriver.Chrome] = []

    def open_browser(window: tuple[int, int] = DESK_WINDOW) -> webdriver.Chrome:
        try:
            driver = webdriver_for(tmp_path / f"profile{len(drivers)}", window)
        except BrowserUnavailable as exc:
            pytest.skip(str(exc))
        drivers.append(driver)
        return driver

    yield open_browser
    for driver in drivers:
        driver.quit()


def log_in(driver: webdriver.Chrome, stack: RunningStack, username: str, password: str) -> None:
    driver.get(f"{base_url(stack)}/masuk")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login").click()
    WebDriverWait(driver, PAGE_TIMEOUT).until(expected_conditions.presence_of_element_located((By.TAG_NAME, "h1")))


def heading(driver: webdriver.Chrome) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text


def test_the_sixth_wrong_password_is_refused_even_with_the_right_one(
    console_stack: RunningStack, browser: Callable[..., webdriver.Chrome]
) -> None:
    password = staff_add(console_stack, "tebak", "editor")
    driver = browser()
    for _ in range(5):
        log_in(driver, console_stack, "tebak", "bukan-sandinya")
    log_in(driver, console_stack, "tebak", password)
    assert "dikunci" in driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert heading(driver) == "Masuk"


def test_a_form_sent_without_its_csrf_token_is_refused_and_changes_nothing(
    console_stack: RunningStack, browser: Callable[..., webdriver.Chrome]
) -> None:
    driver = browser()
    log_in(driver, console_stack, "kepala", staff_add(console_stack, "kepala", "admin"))
    driver.get(f"{base_url(console_stack)}/akun")
    form = driver.find_element(By.ID, "account-form")
    driver.execute_script("arguments[0].querySelector('input[name=csrf_token]').remove()", form)
    form.find_element(By.NAME, "username").send_keys("penyusup")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, PAGE_TIMEOUT).until(lambda d: heading(d) == "Permintaan ditolak")
    driver.get(f"{base_url(console_stack)}/akun")
    assert "penyusup" not in driver.find_element(By.ID, "account-list").text


def test_the_console_fits_a_phone_screen(console_stack: RunningStack, browser: Callable[..., webdriver.Chrome]) -> None:
    driver = browser(PHONE_WINDOW)
    log_in(driver, console_stack, "lapangan", staff_add(console_stack, "lapangan", "editor"))
    assert heading(driver) == "Selamat datang, lapangan"
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    tiles = driver.find_elements(By.CSS_SELECTOR, "a.tile")
    assert tiles and all(tile.size["height"] >= 44 and tile.is_displayed() for tile in tiles)
