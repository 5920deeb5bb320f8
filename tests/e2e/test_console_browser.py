"""The staff console in a real headless Chromium, served by `make run`'s own supervisor.

The publishing stack (its own database and content copy, so publishing here never changes
what the other end-to-end tests see), whose supervisor started the console as `make run` does.
Accounts are made with `make staff-add`'s module, as an admin would; everything else is done by
clicking and typing, as staff would.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from devtools.browser import DESK_WINDOW, PHONE_WINDOW, BrowserUnavailable, webdriver_for
from devtools.demo.status_rows import write_status_csv
from infobansos.settings import PROJECT_ROOT
from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import ask

pytestmark = pytest.mark.e2e
PAGE_TIMEOUT = 20.0


@pytest.fixture
async def console_stack(publishing_stack: RunningStack) -> RunningStack:
    await console_answers(publishing_stack)
    return publishing_stack


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
    button = driver.find_element(By.ID, "login")
    button.click()
    # The login page's own heading is there until the answer replaces the page: wait for that.
    WebDriverWait(driver, PAGE_TIMEOUT).until(lambda _: replaced(button))
    WebDriverWait(driver, PAGE_TIMEOUT).until(expected_conditions.presence_of_element_located((By.TAG_NAME, "h1")))


def replaced(element: WebElement) -> bool:
    """Whether the page holding `element` is gone. Selenium's `staleness_of` knows only the stale
    error; Chromium may instead answer that the node "does not belong to the document" (same meaning)."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False


def heading(driver: webdriver.Chrome) -> str:
    """The page's heading; "" while the page is being replaced."""
    try:
        return driver.find_element(By.TAG_NAME, "h1").text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


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


OLD_LINE = "Petugas Dinas Sosial (Pendamsos) akan mengecek data ini di lapangan."
NEW_LINE = "Kode uji konsol 7311: petugas Dinas Sosial mengecek data ini."
KLJ_REQUIREMENTS = "syarat klj apa"
PUBLISH_DEADLINE = 5.0  # the issue: residents get a published revision within 5 s, without a restart


def wait_for(driver: webdriver.Chrome, css: str) -> WebElement:
    return WebDriverWait(driver, PAGE_TIMEOUT).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css))
    )


async def resident_reads(publishing_standin: TelegramStandIn, chat_id: int) -> str:
    [first, *_] = await ask(publishing_standin, chat_id, KLJ_REQUIREMENTS)
    return first.text


async def test_an_editor_publishes_a_changed_answer_residents_get_it_and_kembalikan_brings_the_old_one_back(
    console_stack: RunningStack,
    publishing_standin: TelegramStandIn,
    browser: Callable[..., webdriver.Chrome],
    chat_id: int,
) -> None:
    before = await resident_reads(publishing_standin, chat_id)
    assert OLD_LINE in before
    driver = browser()
    log_in(driver, console_stack, "editor.klj", staff_add(console_stack, "editor.klj", "editor"))
    driver.get(f"{base_url(console_stack)}/konten")
    driver.find_element(By.CSS_SELECTOR, "a[data-answer=klj_syarat]").click()
    text = wait_for(driver, "#field-text")
    edited = text.get_property("value").replace(OLD_LINE, NEW_LINE)
    text.clear()
    text.send_keys(edited)
    WebDriverWait(driver, PAGE_TIMEOUT).until(lambda d: NEW_LINE in d.find_element(By.ID, "preview").text)
    assert OLD_LINE not in driver.find_element(By.ID, "preview").text
    driver.find_element(By.ID, "save").click()
    wait_for(driver, "#saved-notice")
    assert OLD_LINE in await resident_reads(publishing_standin, chat_id), "a draft reaches no resident"

    driver.get(f"{base_url(console_stack)}/konten/terbitkan")
    driver.find_element(By.ID, "publish").click()
    wait_for(driver, "#published-notice")
    await asyncio.sleep(PUBLISH_DEADLINE)
    after = await resident_reads(publishing_standin, chat_id)
    assert NEW_LINE in after and OLD_LINE not in after, "published text served without a restart"

    driver.get(f"{base_url(console_stack)}/konten/jawaban/klj_syarat/riwayat")
    driver.find_elements(By.CSS_SELECTOR, "button.revert")[-1].click()  # the version before the change
    wait_for(driver, "#reverted-notice")
    await asyncio.sleep(PUBLISH_DEADLINE)
    assert await resident_reads(publishing_standin, chat_id) == before


def test_an_analis_sees_answers_but_publishing_is_refused(
    console_stack: RunningStack, browser: Callable[..., webdriver.Chrome]
) -> None:
    driver = browser()
    log_in(driver, console_stack, "analis.satu", staff_add(console_stack, "analis.satu", "analis"))
    driver.get(f"{base_url(console_stack)}/konten/terbitkan")
    assert driver.find_elements(By.ID, "publish") == []
    status = driver.execute_async_script(
        """const done = arguments[arguments.length - 1];
        const token = document.querySelector('input[name=csrf_token]').value;
        fetch('/konten/terbitkan', {method: 'POST', headers: {'X-CSRF-Token': token}, body: new FormData()})
            .then(response => done(response.status));"""
    )
    assert status == 403


UPLOAD_ROWS = 100_000
UPLOAD_PREVIEW_LIMIT = 30.0  # seconds, the bound for a 100,000-row dry run in the browser


def test_a_100000_row_status_export_previews_in_under_30_seconds_and_stores_nothing(
    console_stack: RunningStack, browser: Callable[..., webdriver.Chrome], tmp_path: Path
) -> None:
    export = write_status_csv(tmp_path / "status-desember.csv", rows=UPLOAD_ROWS)
    driver = browser()
    log_in(driver, console_stack, "editor.data", staff_add(console_stack, "editor.data", "editor"))
    driver.get(f"{base_url(console_stack)}/status")
    driver.find_element(By.CSS_SELECTOR, "input[name=file]").send_keys(str(export))
    started = time.monotonic()
    driver.find_element(By.ID, "dry-run").click()
    WebDriverWait(driver, UPLOAD_PREVIEW_LIMIT).until(
        expected_conditions.visibility_of_element_located((By.ID, "dry-run-counts"))
    )
    seconds = time.monotonic() - started
    assert seconds < UPLOAD_PREVIEW_LIMIT
    assert driver.find_element(By.ID, "count-new").text.replace(".", "").replace(",", "") == str(UPLOAD_ROWS)
    assert driver.find_element(By.ID, "apply").is_displayed(), "a clean file can be imported next"
    driver.get(f"{base_url(console_stack)}/status")
    assert driver.find_elements(By.CSS_SELECTOR, "table#import-list tr[id^=import-]") == [], "a dry run stores nothing"
    print(f"[console] {UPLOAD_ROWS:,}-row dry run shown in the browser after {seconds:.1f} s")


SCRIPT_QUESTION = "<script>document.title='diretas'</script> bansos buat tukang ojek ada ga"


async def test_a_script_a_resident_typed_shows_as_text_in_the_report(
    console_stack: RunningStack,
    publishing_standin: TelegramStandIn,
    browser: Callable[..., webdriver.Chrome],
    chat_id: int,
) -> None:
    await ask(publishing_standin, chat_id, SCRIPT_QUESTION)
    driver = browser()
    log_in(driver, console_stack, "analis.dua", staff_add(console_stack, "analis.dua", "analis"))
    today = driver.execute_script("return new Date().toLocaleDateString('sv-SE', {timeZone: 'Asia/Jakarta'})")
    driver.get(f"{base_url(console_stack)}/laporan?dari={today}&sampai={today}")  # a window no one counted yet
    examples = WebDriverWait(driver, 60).until(
        lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "table#clusters ul.examples li")] or None
    )
    assert any(text.startswith("<script>document.title='diretas'</script>") for text in examples), examples
    assert driver.title != "diretas", "the resident's script did not run"
    assert driver.execute_script("return [...document.scripts].every(s => s.src.startsWith(location.origin))")
