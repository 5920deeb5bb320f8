"""Debian's Chromium for the browser tests and screenshots: installed when missing, driven headless.

Two ways in: `run_chromium` for one-shot runs (dump the DOM, take a screenshot) and `webdriver`
for pages a test clicks through (Selenium with Debian's chromedriver; Selenium Manager, which
would download a browser, is never used). As this machine kind's notes say, without the
background-networking flags Chromium keeps trying to reach Google, and the closed network refuses it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
INSTALL_TIMEOUT = 900
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PHONE_WINDOW = (412, 915)  # a common Android phone, as outreach staff in the field use
DESK_WINDOW = (1280, 900)


class BrowserUnavailable(RuntimeError):
    """Chromium is missing and cannot be installed here (not root); tests skip on it."""


def _install(packages: list[str]) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    if result.returncode != 0:  # a new machine's package lists may be empty or stale
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=INSTALL_TIMEOUT)
        result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    assert result.returncode == 0, f"apt-get install failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"


def ensure_chromium(with_driver: bool = False) -> str:
    """The browser's path, after installing Debian's packages when they are missing (root only)."""
    missing = [p for p, path in (("chromium", CHROMIUM), ("chromium-driver", CHROMEDRIVER)) if not Path(path).exists()]
    if not with_driver:
        missing = [p for p in missing if p == "chromium"]
    if missing:
        if os.geteuid() != 0:
            raise BrowserUnavailable(f"{', '.join(missing)} not installed and installing needs root")
        _install(missing)
    return CHROMIUM


def webdriver_for(profile_dir: Path, window: tuple[int, int] = DESK_WINDOW) -> webdriver.Chrome:
    """A headless Chromium driven through Debian's chromedriver, with a fresh profile."""
    ensure_chromium(with_driver=True)
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.add_argument(f"--window-size={window[0]},{window[1]}")
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
