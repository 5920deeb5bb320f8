"""`make console-screenshots`: pictures of the console's main pages for the README, in docs/console/.

Runs the real console (`python -m console`) on a throwaway database filled with demo traffic,
logs in through the login form in headless Chromium, and saves each page at a desk and a phone
width. Nothing here is product code; it only shows what the product looks like.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from console.accounts import create_account
from devtools.browser import DESK_WINDOW, PHONE_WINDOW, webdriver_for
from devtools.demo.data import main as demo_data
from devtools.local_stack import free_port
from infobansos.settings import PROJECT_ROOT
from infobansos.storage.engine import session_factory

OUT_DIR = PROJECT_ROOT / "docs" / "console"
START_TIMEOUT = 30.0
PAGE_TIMEOUT = 60.0  # the first report of a window is counted while the page waits
PASSWORD = "contoh-kata-sandi-42"


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    role: str = "editor"
    phone: bool = False


SHOTS = (
    Shot("masuk", "/masuk", role=""),
    Shot("beranda", "/", phone=True),
    Shot("jawaban", "/konten"),
    Shot("ubah-jawaban", "/konten/jawaban/klj_syarat", phone=True),
    Shot("riwayat", "/konten/jawaban/klj_syarat/riwayat"),
    Shot("terbitkan", "/konten/terbitkan"),
    Shot("laporan", "/laporan", role="analis", phone=True),
    Shot("status", "/status"),
    Shot("akun", "/akun", role="admin"),
    Shot("audit", "/audit", role="admin"),
)


def start_console(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-m", "console"], cwd=PROJECT_ROOT, env=env)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("the console did not start")


def log_in(driver: webdriver.Chrome, base: str, role: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{base}/masuk")
    driver.find_element(By.ID, "username").send_keys(f"contoh.{role}")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login").click()
    WebDriverWait(driver, PAGE_TIMEOUT).until(lambda d: d.current_url == f"{base}/")


def save_page(driver: webdriver.Chrome, path: Path, width: int) -> None:
    """The whole page, not just the first screen: the window grows to the page's height."""
    driver.set_window_size(width, PHONE_WINDOW[1])
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(int(height) + 120, 4000))
    driver.save_screenshot(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make console-screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="console-shots-") as tmp:
        port = free_port()
        database_url = f"sqlite:///{tmp}/console.sqlite3"
        env = {**os.environ, "VAR_DIR": f"{tmp}/var", "DATABASE_URL": database_url, "CONSOLE_PORT": str(port)}
        demo_data(["--database-url", database_url, "--residents", "800"])
        with session_factory(database_url)() as session, session.begin():
            for role in ("analis", "editor", "admin"):
                create_account(session, f"contoh.{role}", role, PASSWORD)
        console = start_console(env, port)
        driver = webdriver_for(Path(tmp) / "profile")
        base = f"http://127.0.0.1:{port}"
        try:
            for shot in SHOTS:
                if shot.role:
                    log_in(driver, base, shot.role)
                else:
                    driver.delete_all_cookies()
                driver.get(base + shot.path)
                WebDriverWait(driver, PAGE_TIMEOUT).until(lambda d, p=shot.path: d.current_url.startswith(base + p))
                save_page(driver, args.out / f"{shot.name}.png", DESK_WINDOW[0])
                if shot.phone:
                    save_page(driver, args.out / f"{shot.name}-hp.png", PHONE_WINDOW[0])
                print(f"[screenshots] {shot.name}: {base}{shot.path}")
        finally:
            driver.quit()
            console.terminate()
            console.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
